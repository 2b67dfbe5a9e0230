"""xltools: action, activity and communication plans in Excel — templates, validation, roll-up.

The public API is imported lazily so that ``import xltools`` (and the command line's
start-up) does not pay for openpyxl or pandas until they are used; the DataFrame readers
(``read_plans``, ``read_issues``, ``find_overdue``) load pandas only when called.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"  # the one place the version is written

_EXPORTS = {
    "new_workbook": "xltools.io.template",
    "build_workbook": "xltools.io.template",
    "read_workbook": "xltools.io.read",
    "validate": "xltools.core.validate",
    "check_workbook": "xltools.core.validate",
    "late_items": "xltools.core.overdue",
    "classify": "xltools.core.overdue",
    "parse_date": "xltools.core.dates",
    "annotate_copy": "xltools.io.annotate",
    "Issue": "xltools.core.issues",
    "Report": "xltools.core.issues",
    "Code": "xltools.core.issues",
    "Severity": "xltools.core.issues",
    "PlanKind": "xltools.core.schema",
    "plan_rows": "xltools.core.models",
    "row_model": "xltools.core.models",
    "UnreadableWorkbookError": "xltools.errors",
    "XltoolsError": "xltools.errors",
    "read_plans": "xltools.frames",
    "read_issues": "xltools.frames",
    "find_overdue": "xltools.frames",
}

__all__ = [
    "Code",
    "Issue",
    "PlanKind",
    "Report",
    "Severity",
    "UnreadableWorkbookError",
    "XltoolsError",
    "__version__",
    "annotate_copy",
    "build_workbook",
    "check_workbook",
    "classify",
    "find_overdue",
    "late_items",
    "new_workbook",
    "parse_date",
    "plan_rows",
    "read_issues",
    "read_plans",
    "read_workbook",
    "row_model",
    "validate",
]

if TYPE_CHECKING:
    from xltools.core.dates import parse_date
    from xltools.core.issues import Code, Issue, Report, Severity
    from xltools.core.models import plan_rows, row_model
    from xltools.core.overdue import classify, late_items
    from xltools.core.schema import PlanKind
    from xltools.core.validate import check_workbook, validate
    from xltools.errors import UnreadableWorkbookError, XltoolsError
    from xltools.frames import find_overdue, read_issues, read_plans
    from xltools.io.annotate import annotate_copy
    from xltools.io.read import read_workbook
    from xltools.io.template import build_workbook, new_workbook


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'xltools' has no attribute {name!r}")
