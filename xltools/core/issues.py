"""Validation issues as data: stable codes, severities, addresses and messages in da/sv/en."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

# the texts of every code live in core/texts/issues.py (keyed by the codes' values)
from xltools.core.texts.issues import MESSAGES, VARIANT_MESSAGES

if TYPE_CHECKING:
    import pandas as pd


class Severity(StrEnum):
    """How bad an issue is; errors make ``xltools validate`` exit with 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Code(StrEnum):
    """The issue codes of SPEC 3; stable, kebab-case, safe to filter on."""

    MISSING_COLUMN = "missing-column"
    REQUIRED = "required"
    BAD_DATE = "bad-date"
    DATE_ORDER = "date-order"
    BAD_VALUE = "bad-value"
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_REFERENCE = "unknown-reference"
    OVERDUE = "overdue"
    FOLLOW_UP_OVERDUE = "follow-up-overdue"
    DUE_SOON = "due-soon"
    VAGUE_OWNER = "vague-owner"
    UNKNOWN_COLUMN = "unknown-column"
    CHECKLIST_OPEN = "checklist-open"
    # What the reader could not take at face value (it says so rather than guess):
    FORMULA_NOT_CALCULATED = "formula-not-calculated"
    ERROR_VALUE = "error-value"
    TOTALS_ROW = "totals-row"
    ROWS_NOT_READ = "rows-not-read"
    SHEET_IGNORED = "sheet-ignored"


SEVERITY: dict[Code, Severity] = {
    Code.MISSING_COLUMN: Severity.ERROR,
    Code.REQUIRED: Severity.ERROR,
    Code.BAD_DATE: Severity.ERROR,
    Code.DATE_ORDER: Severity.ERROR,
    Code.BAD_VALUE: Severity.ERROR,
    Code.DUPLICATE_ID: Severity.ERROR,
    Code.UNKNOWN_REFERENCE: Severity.WARNING,
    Code.OVERDUE: Severity.WARNING,
    Code.FOLLOW_UP_OVERDUE: Severity.WARNING,
    Code.DUE_SOON: Severity.INFO,
    Code.VAGUE_OWNER: Severity.WARNING,
    Code.UNKNOWN_COLUMN: Severity.INFO,
    Code.CHECKLIST_OPEN: Severity.INFO,
    Code.FORMULA_NOT_CALCULATED: Severity.ERROR,
    Code.ERROR_VALUE: Severity.ERROR,
    Code.TOTALS_ROW: Severity.INFO,
    Code.ROWS_NOT_READ: Severity.WARNING,
    Code.SHEET_IGNORED: Severity.INFO,
}
# What "overdue --annotate" and the ribbon's Highlight overdue mark: the late items only.
TIMING_CODES = frozenset({Code.OVERDUE, Code.DUE_SOON, Code.FOLLOW_UP_OVERDUE})

# Issue and Report are plain dataclasses, not pydantic models: importing pydantic and building
# the models cost ~70 ms of every `xltools validate` cold start (a tenth of the 1 s budget),
# and the values are built only by our own rules, so run-time validation buys nothing.
@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """One problem found in a workbook, addressed as the user sees it (``Handleplan!H7``)."""

    code: Code
    severity: Severity
    sheet: str
    row: int | None = None
    column: str | None = None  # column letter
    key: str | None = None  # schema column key
    value: str | None = None
    message: str
    source: str | None = None  # the workbook file, in roll-ups

    @property
    def cell(self) -> str | None:
        """The cell address, e.g. ``H7``; None for sheet-level issues."""
        if self.row is None or self.column is None:
            return None
        return f"{self.column}{self.row}"

    @property
    def address(self) -> str:
        """Sheet and cell as Excel writes them, e.g. ``Handleplan!H7`` or ``'Om planen'!B3``.

        A whole-row issue (a missing column in the header) is ``Handleplan!1:1``, which
        Excel's Go To box understands, unlike a bare row number.
        """
        sheet = sheet_reference(self.sheet)
        where = self.cell or (f"{self.row}:{self.row}" if self.row else "")
        return f"{sheet}!{where}" if where else sheet

    def to_dict(self, *, with_source: bool = True) -> dict[str, object]:
        """The issue as JSON-ready data (codes and severities as their string values)."""
        data: dict[str, object] = {
            "code": self.code.value, "severity": self.severity.value, "sheet": self.sheet,
            "row": self.row, "column": self.column, "key": self.key, "value": self.value,
            "message": self.message,
        }
        if with_source:
            data["source"] = self.source
        data["cell"] = self.cell
        return data


_CELL_LIKE = re.compile(r"^(?:[a-z]{1,3}\d+|r\d*c\d*)$", re.IGNORECASE)


def sheet_reference(name: str) -> str:
    """A sheet name as it must appear before ``!`` in an Excel reference.

    Excel quotes names with spaces or punctuation, names starting with a digit and names that
    look like a cell (``A1``, ``R1C1``); an apostrophe inside is doubled.
    """
    plain = (name.replace("_", "").isalnum() and not name[:1].isdigit()
             and not _CELL_LIKE.match(name))
    return name if plain else "'" + name.replace("'", "''") + "'"


def make_issue(code: Code, lang: str, *, sheet: str, row: int | None = None,
               column: str | None = None, key: str | None = None, value: object = None,
               variant: str | None = None, **params: object) -> Issue:
    """Build an Issue whose message is the code's template in ``lang``.

    ``variant`` names a special-case wording from ``VARIANT_MESSAGES``; the code is unchanged.
    """
    text = None if value is None else _display(value)
    template = VARIANT_MESSAGES[variant] if variant else MESSAGES[code]
    message = template[lang].format(value=text, **params)
    return Issue(code=code, severity=SEVERITY[code], sheet=sheet, row=row, column=column,
                 key=key, value=text, message=message)


def _display(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(slots=True, kw_only=True)
class Report:
    """Every issue found in one workbook (validation never stops at the first)."""

    source: str
    department: str
    language: str
    as_of: str
    issues: list[Issue]

    @property
    def errors(self) -> int:
        return sum(1 for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for i in self.issues if i.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings and infos do not fail a plan)."""
        return self.errors == 0

    def counts(self) -> dict[str, int]:
        """Number of issues per code."""
        return dict(Counter(i.code.value for i in self.issues))

    def sorted_issues(self) -> list[Issue]:
        """Issues by sheet, row and column, as a reader goes through the workbook."""
        # sheets in workbook order (the order rules report them), not alphabetical: a manager
        # reads the action plan before the activity plan
        sheet_order: dict[str, int] = {}
        for issue in self.issues:
            sheet_order.setdefault(issue.sheet, len(sheet_order))
        return sorted(self.issues, key=lambda i: (sheet_order[i.sheet], i.row or 0,
                                                  len(i.column or ""), i.column or "",
                                                  _SEVERITY_ORDER[i.severity]))

    def to_json(self) -> str:
        """The report as JSON: summary counts and a list of issues with address and message."""
        payload = {
            "source": self.source,
            "department": self.department,
            "language": self.language,
            "as_of": self.as_of,
            "errors": self.errors,
            "warnings": self.warnings,
            "counts": self.counts(),
            "issues": [
                i.to_dict(with_source=False) for i in self.sorted_issues()
            ],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)

    def to_records(self) -> list[dict[str, object]]:
        """One dict per issue, e.g. for a DataFrame or a table."""
        return [i.to_dict() for i in self.sorted_issues()]

    def to_frame(self, *, dtype_backend: str = "numpy_nullable") -> pd.DataFrame:
        """The issues as a pandas DataFrame, one row per issue in the report's order.

        Args:
            dtype_backend: 'numpy_nullable' (pandas' nullable dtypes) or 'pyarrow'.

        Returns:
            Columns department, source, sheet, row, column, cell, code (categorical),
            severity (ordered: info < warning < error), key, value, message: the columns of
            ``xltools.read_issues`` (without the area), with the same dtypes.

        Raises:
            XltoolsError: pandas is not installed (one line naming the extra).
        """
        # Imported here, not above: the core stays free of pandas, which only this method
        # (an optional extra's) needs. xltools.frames holds the dtypes of every frame and the
        # missing-pandas message, so read_issues and this method cannot drift apart.
        from xltools.frames import report_frame

        return report_frame(self, dtype_backend)
