"""Render reports for people and programs: plain text for the terminal, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from itertools import groupby

from xltools.core.issues import Report, Severity
from xltools.core.overdue import LateItem, Timing
from xltools.core.plandata import WorkbookData
from xltools.core.safety import terminal_text
from xltools.core.schema import PLANS, VALUE_LISTS
from xltools.core.texts import NO_PLANS
from xltools.core.texts import report as R
from xltools.core.texts.marks import SEVERITY_LABELS
from xltools.core.wording import DAYS_LATE, IN_DAYS, format_date

_MARKER = {Severity.ERROR: "✖", Severity.WARNING: "!", Severity.INFO: "·"}


def report_text(report: Report, workbook: WorkbookData | None = None, *,
                markers: dict[str, str] | None = None) -> str:
    """A report grouped by sheet, each issue on one line with its cell address.

    Args:
        report: the validation report (its language is the report's).
        workbook: what was read (for the rows count and notes about where reading stopped).
        markers: the severity markers by severity value, when the console cannot show ✖.

    Returns:
        The report's lines.
    """
    lang = report.language
    marker = {s: (markers or {}).get(s.value, m) for s, m in _MARKER.items()}
    lines = [f"{report.source}"]
    if workbook is not None and not workbook.plans:
        lines.append(NO_PLANS[lang])
    for sheet in workbook.plans.values() if workbook is not None else ():
        if sheet.second_header_row:
            last = sheet.rows[-1].number if sheet.rows else sheet.header_row
            lines.append(R.SECOND_TABLE[lang].format(sheet=sheet.name, last=last,
                                                    row=sheet.second_header_row))
    issues = report.sorted_issues()
    for sheet, group in groupby(issues, key=lambda i: i.sheet):
        lines.append("")
        lines.append(sheet)
        for issue in group:
            where = issue.address.split("!", 1)[-1] if "!" in issue.address else ""
            severity = SEVERITY_LABELS[issue.severity][lang]
            lines.append(f"  {marker[issue.severity]} {where:<6} {severity:<11} "
                         f"[{issue.code.value}] {issue.message}")
    lines.append("")
    if not issues:
        lines.append(R.NO_ISSUES[lang])
    infos = sum(1 for i in issues if i.severity is Severity.INFO)
    rows = workbook.row_count if workbook is not None else 0
    lines.append(R.SUMMARY[lang].format(
        errors=report.errors, warnings=report.warnings, infos=infos, rows=rows,
        department=report.department, as_of=format_date(date.fromisoformat(report.as_of), lang)))
    return _lines(lines)


def _lines(lines: Sequence[str]) -> str:
    # every line may carry text from a user's file: never a control sequence on the terminal
    return "\n".join(terminal_text(line) for line in lines)


def _status(code: str | None, lang: str) -> str:
    return VALUE_LISTS["status"].label(code, lang) if code else "—"


def late_items_text(items: Sequence[LateItem], as_of: date, lang: str,
                    failures: Sequence[str] = ()) -> str:
    """The overdue list HR sends to owners: one line per item, oldest deadline first."""
    overdue = sum(1 for i in items if i.timing is Timing.OVERDUE)
    lines = [R.LATE_HEADER[lang].format(overdue=overdue, soon=len(items) - overdue,
                                        as_of=format_date(as_of, lang))]
    for item in items:
        when = (DAYS_LATE if item.timing is Timing.OVERDUE else IN_DAYS)(item.days, lang)
        lines.append(
            f"  {format_date(item.deadline, lang)}  {when:<16} "
            f"{item.department} · {PLANS[item.plan].title(lang)} {item.id or ''} "
            f"({item.address}) · {item.what or '—'} · {item.owner or '—'} · "
            f"{_status(item.status, lang)}")
    if failures:
        lines.append(R.FAILED[lang])
        lines.extend(f"  {failure}" for failure in failures)
    return _lines(lines)


def late_items_json(items: Sequence[LateItem], as_of: date, failures: Sequence[str] = (),
                    skipped: Sequence[tuple[str, str]] = ()) -> str:
    """The overdue list as JSON (``skipped``: each file passed over and its reason code)."""
    return json.dumps({
        "as_of": as_of.isoformat(),
        "items": [
            {"department": i.department, "source": i.source, "plan": i.plan.value,
             "sheet": i.sheet, "row": i.row, "cell": i.address, "id": i.id, "what": i.what, "owner": i.owner,
             "deadline": i.deadline.isoformat(), "status": i.status, "timing": i.timing.value,
             "days": i.days}
            for i in items
        ],
        "failed": list(failures),
        "skipped": [{"source": source, "reason": code} for source, code in skipped],
    }, ensure_ascii=False, indent=2)
