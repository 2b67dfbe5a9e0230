"""Validate a read workbook: run every rule, collect every issue; never raises on bad data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from xltools.core.issues import Code, Issue, Report
from xltools.core.plandata import WorkbookData
from xltools.core.rules import (
    PLAN_RULES,
    SheetContext,
    action_ids,
    checklist_rules,
    ignored_sheets,
)
from xltools.core.schema import LANGS, PlanKind, normalize
from xltools.core.settings import DEFAULT_SETTINGS, Settings
from xltools.core.values import ParsedRow, parse_sheet


@dataclass(slots=True)
class Checked:
    """A workbook's parsed rows per plan and its validation report (what a roll-up needs)."""

    workbook: WorkbookData
    rows: dict[PlanKind, list[ParsedRow]]
    report: Report
    # the checklist's unanswered questions one by one (the report has one note for them all)
    checklist_detail: list[Issue] = field(default_factory=list)

    def marking_issues(self) -> list[Issue]:
        """The issues a marked copy or the add-in paints: each unanswered question marked."""
        if not self.checklist_detail:
            return self.report.issues
        return [i for i in self.report.issues if i.code is not Code.CHECKLIST_OPEN] \
            + self.checklist_detail


def check_workbook(workbook: WorkbookData, *, as_of: date, lang: str | None = None,
                   due_soon_days: int | None = None,
                   settings: Settings = DEFAULT_SETTINGS) -> Checked:
    """Parse and validate a workbook in one pass.

    Args:
        workbook: what the reader understood.
        as_of: the day to judge deadlines against.
        lang: the language of messages; by default the workbook's own.
        due_soon_days: how many days ahead count as due soon (default: the settings').
        settings: the organisation's settings (its status and group words).

    Returns:
        Parsed rows per plan and the report.
    """
    lang = lang if lang in LANGS else workbook.language
    days = settings.due_soon_days if due_soon_days is None else due_soon_days
    known_ids = action_ids(workbook)
    issues: list[Issue] = []
    parsed: dict[PlanKind, list[ParsedRow]] = {}
    status_words = settings.status_words()
    group_words = frozenset(normalize(w) for w in settings.vague_owner_words)
    for kind, sheet in workbook.plans.items():
        rows = parse_sheet(sheet, as_of=as_of, status_words=status_words)
        parsed[kind] = rows
        ctx = SheetContext(workbook, sheet, rows, known_ids, as_of, lang, days, group_words)
        for rule in PLAN_RULES:
            issues.extend(rule(ctx))
    issues.extend(ignored_sheets(workbook, lang))
    issues.extend(checklist_rules(workbook, lang))
    report = Report(source=workbook.source, department=workbook.department, language=lang,
                    as_of=as_of.isoformat(), issues=issues)
    detail = [i for i in checklist_rules(workbook, lang, detail=True)
              if i.code is Code.CHECKLIST_OPEN]
    return Checked(workbook, parsed, report, detail)


def validate(workbook: WorkbookData, *, as_of: date, lang: str | None = None,
             due_soon_days: int | None = None, settings: Settings = DEFAULT_SETTINGS) -> Report:
    """Every issue in a workbook (see ``check_workbook``)."""
    return check_workbook(workbook, as_of=as_of, lang=lang, due_soon_days=due_soon_days,
                          settings=settings).report
