"""What to chase a department for: its overdue and due-soon items and the errors to fix.

A worker turns one checked workbook into a compact, picklable ``DepartmentChase``; the
chase list, the e-mail draft and the index are written from it in the main process. Lines
are grouped by the person responsible, the person furthest behind first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from xltools.core.email_text import Addresses, parse_addresses
from xltools.core.issues import Severity
from xltools.core.outcomes import Outcome
from xltools.core.outputs import NOT_A_DEPARTMENT, OutputKind, skip_reason
from xltools.core.overdue import DEFAULT_DUE_SOON_DAYS, Timing, late_items
from xltools.core.schema import PLANS
from xltools.core.texts import NO_PLANS
from xltools.core.validate import Checked
from xltools.core.values import display_text

MOST_OVERDUE = 3  # items named in the e-mail itself; the list holds them all


class LineKind(StrEnum):
    """Why a line is on a chase list, in the order the list shows them."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ERROR = "error"


# Whether a file could be used as a department: the outcomes every run over files shares
# (SKIPPED: a workbook xltools wrote, a summary, a chase list, the index).
ReadOutcome = Outcome


@dataclass(frozen=True, slots=True)
class ChaseLine:
    """One line of a chase list: a late item, or an error with the cell to correct."""

    kind: LineKind
    owner: str | None
    sheet: str
    row: int | None
    cell: str | None  # e.g. "J7"; None for a whole-row or whole-sheet issue
    id: str | None = None
    what: str | None = None
    deadline: date | None = None
    days: int | None = None  # days late (overdue) or left (due soon)
    status: str | None = None  # status code
    message: str | None = None  # the error's message, in the department's language


@dataclass(slots=True)
class DepartmentChase:
    """One file's part in a chase run: who the department is, how to reach it, what is late."""

    source: str
    outcome: ReadOutcome
    reason: str | None = None
    department: str | None = None
    language: str = "en"
    about: dict[str, str] = field(default_factory=dict)  # About values as text, by field key
    lines: list[ChaseLine] = field(default_factory=list)
    area: str | None = None  # the About sheet's, else the folder's
    marked_copy: bool = False  # marked by --annotate: maybe beside the workbook it came from

    def count(self, kind: LineKind) -> int:
        """Lines of one kind."""
        return sum(1 for line in self.lines if line.kind is kind)

    @property
    def overdue(self) -> int:
        return self.count(LineKind.OVERDUE)

    @property
    def due_soon(self) -> int:
        return self.count(LineKind.DUE_SOON)

    @property
    def errors(self) -> int:
        return self.count(LineKind.ERROR)

    @property
    def needs_chase(self) -> bool:
        """Something is overdue or due soon, or an error needs fixing."""
        return bool(self.lines)

    @property
    def addresses(self) -> Addresses:
        """The About sheet's contact e-mail, checked."""
        return parse_addresses(self.about.get("email"))

    @property
    def most_days_late(self) -> int | None:
        """Days late of the most overdue item (None: nothing overdue)."""
        return max((line.days or 0 for line in self.lines if line.kind is LineKind.OVERDUE),
                   default=None)

    def most_overdue(self, n: int = MOST_OVERDUE) -> list[ChaseLine]:
        """The ``n`` items furthest past their deadline, most overdue first."""
        overdue = [line for line in self.lines if line.kind is LineKind.OVERDUE]
        return sorted(overdue, key=lambda line: (-(line.days or 0), line.sheet, line.row or 0))[:n]


def _owner(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(display_text(value).split())
    return text or None


def chase_lines(checked: Checked, *, as_of: date,
                due_soon_days: int = DEFAULT_DUE_SOON_DAYS) -> list[ChaseLine]:
    """Every line of a department's chase list, in the order of ``group_by_owner``.

    Args:
        checked: the department's workbook, parsed rows and report (messages in the
            language the chase list is written in).
        as_of: "today".
        due_soon_days: the due-soon window.

    Returns:
        Overdue and due-soon items and every error, each with its responsible person.
    """
    wb = checked.workbook
    sheets = {kind: sheet.name for kind, sheet in wb.plans.items()}
    letters = {kind: sheet.letter(PLANS[kind].deadline_key) for kind, sheet in wb.plans.items()}
    lines: list[ChaseLine] = []
    for item in late_items(wb.department, wb.source, sheets, checked.rows, as_of,
                           due_soon_days, letters):
        kind = LineKind.OVERDUE if item.timing is Timing.OVERDUE else LineKind.DUE_SOON
        lines.append(ChaseLine(
            kind=kind, owner=_owner(item.owner), sheet=item.sheet, row=item.row,
            cell=f"{item.column}{item.row}" if item.column else None, id=item.id,
            what=item.what, deadline=item.deadline, days=item.days, status=item.status))
    # an error's row belongs to someone: the person named in that row's owner cell
    rows: dict[tuple[str, int], tuple[object, object, object]] = {}
    for kind, parsed in checked.rows.items():
        summary_key = PLANS[kind].summary_key
        for row in parsed:
            rows[(sheets[kind], row.number)] = (row.raw.get("owner"), row.raw.get("id"),
                                                row.raw.get(summary_key))
    for issue in checked.report.sorted_issues():
        if issue.severity is not Severity.ERROR:
            continue
        owner, item_id, what = rows.get((issue.sheet, issue.row or 0), (None, None, None))
        lines.append(ChaseLine(
            kind=LineKind.ERROR, owner=_owner(owner), sheet=issue.sheet, row=issue.row,
            cell=issue.cell, id=_owner(item_id), what=_owner(what), message=issue.message))
    return lines


def group_by_owner(lines: list[ChaseLine]) -> list[tuple[str | None, list[ChaseLine]]]:
    """Lines grouped by responsible person: whoever is furthest behind first.

    Groups are ordered by overdue items (most first), then the oldest deadline, then name;
    lines without a person come last. Within a group: overdue (oldest first), due soon
    (soonest first), then errors in workbook order.

    Args:
        lines: a department's chase lines.

    Returns:
        (person or None, lines) pairs.
    """
    groups: dict[str | None, list[ChaseLine]] = {}
    for line in lines:
        # one person written "mette hansen" and "Mette Hansen" is one group
        key = line.owner.casefold() if line.owner else None
        groups.setdefault(key, []).append(line)
    order = {LineKind.OVERDUE: 0, LineKind.DUE_SOON: 1, LineKind.ERROR: 2}

    def line_key(line: ChaseLine) -> tuple[object, ...]:
        return (order[line.kind], line.deadline or date.max, line.sheet if line.kind is
                LineKind.ERROR else "", line.row or 0)

    def group_key(item: tuple[str | None, list[ChaseLine]]) -> tuple[object, ...]:
        key, group = item
        overdue = [line for line in group if line.kind is LineKind.OVERDUE]
        oldest = min((line.deadline for line in overdue if line.deadline), default=date.max)
        return (key is None, -len(overdue), oldest, key or "")

    result = []
    for key, group in sorted(groups.items(), key=group_key):
        group.sort(key=line_key)
        result.append((group[0].owner if key is not None else None, group))
    return result


def chase_department(checked: Checked, *, source: str, as_of: date,
                     due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
                     reason_lang: str = "en", folder_area: str | None = None) -> DepartmentChase:
    """One checked workbook's part in a chase run.

    Args:
        checked: the workbook, parsed rows and report.
        source: the file as the index shows it.
        as_of: "today".
        due_soon_days: the due-soon window.
        reason_lang: the language of a failure's reason (the index's language).
        folder_area: the area the file's folder says (used when its About sheet names none).

    Returns:
        The department, its About values, its language and its chase lines; a workbook
        xltools wrote itself is SKIPPED, one without any plan sheet FAILED.
    """
    wb = checked.workbook
    if wb.output_kind in NOT_A_DEPARTMENT:
        return DepartmentChase(source=source, outcome=ReadOutcome.SKIPPED,
                               reason=skip_reason(wb.output_kind).value)
    about = {key: display_text(value) for key, value in wb.about.items()
             if value is not None and display_text(value).strip()}
    result = DepartmentChase(source=source, outcome=ReadOutcome.READ, department=wb.department,
                             language=checked.report.language, about=about,
                             area=wb.area or folder_area,
                             marked_copy=wb.output_kind == OutputKind.MARKED_COPY)
    if not wb.plans:
        result.outcome, result.reason = ReadOutcome.FAILED, NO_PLANS[reason_lang]
        return result
    result.lines = chase_lines(checked, as_of=as_of, due_soon_days=due_soon_days)
    return result


__all__ = ["ChaseLine", "DepartmentChase", "LineKind", "ReadOutcome", "chase_department",
           "chase_lines", "group_by_owner"]
