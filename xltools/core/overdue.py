"""When an item is late: overdue, due soon, on track or closed — always relative to a given day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from xltools.core.issues import sheet_reference
from xltools.core.schema import DONE_STATUSES, PLANS, PlanKind
from xltools.core.values import ParsedRow

# The item's own words, what a late item is called in lists, chase lists and the history. For
# activities and messages that is the schema's summary_key; an action plan's summary_key is
# its topic (what the item is about), while someone chasing a late action needs the action.
ITEM_TEXT_KEYS: dict[PlanKind, str] = {
    PlanKind.ACTION: "actions",
    PlanKind.ACTIVITY: PLANS[PlanKind.ACTIVITY].summary_key,
    PlanKind.COMMUNICATION: PLANS[PlanKind.COMMUNICATION].summary_key,
}

DEFAULT_DUE_SOON_DAYS = 14
MAX_DUE_SOON_DAYS = 366  # a year ahead; more says nothing is "soon"


class Timing(StrEnum):
    """Where an item stands against its deadline."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TRACK = "on_track"
    CLOSED = "closed"
    NO_DEADLINE = "no_deadline"


def is_closed(status: str | None) -> bool:
    """Done and cancelled items are never late."""
    return status in DONE_STATUSES


def classify(status: str | None, deadline: date | None, as_of: date,
             due_soon_days: int = DEFAULT_DUE_SOON_DAYS) -> Timing:
    """Classify an item.

    Args:
        status: the status code (None when blank or not understood: counts as open).
        deadline: the parsed deadline, or None.
        as_of: "today"; never read from the clock here.
        due_soon_days: how many days ahead count as due soon (inclusive).

    Returns:
        The item's Timing.
    """
    if is_closed(status):
        return Timing.CLOSED
    if deadline is None:
        return Timing.NO_DEADLINE
    if deadline < as_of:
        return Timing.OVERDUE
    if (deadline - as_of).days <= due_soon_days:
        return Timing.DUE_SOON
    return Timing.ON_TRACK


@dataclass(frozen=True, slots=True)
class LateItem:
    """An overdue or due-soon item: the line HR sends to its owner."""

    department: str
    source: str
    plan: PlanKind
    sheet: str
    row: int
    id: str | None
    what: str | None
    owner: str | None
    deadline: date
    status: str | None  # status code
    timing: Timing
    days: int  # days late (overdue) or days left (due soon)
    column: str | None = None  # the deadline cell's column letter, when known

    @property
    def address(self) -> str:
        """Where the item's deadline is, as Excel writes it (``Handleplan!J7``)."""
        where = f"{self.column}{self.row}" if self.column else f"{self.row}:{self.row}"
        return f"{sheet_reference(self.sheet)}!{where}"


def late_items(department: str, source: str, sheets: Mapping[PlanKind, str],
               rows: Mapping[PlanKind, Iterable[ParsedRow]], as_of: date,
               due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
               deadline_columns: Mapping[PlanKind, str | None] | None = None) -> list[LateItem]:
    """Overdue and due-soon items of one workbook, oldest deadline first.

    Args:
        department, source: who and where, carried into each item.
        sheets: the sheet name of each plan.
        rows: parsed rows per plan.
        as_of: "today".
        due_soon_days: the due-soon window.
        deadline_columns: the column letter of each plan's deadline, for cell addresses.

    Returns:
        The items, oldest deadline first.
    """
    items: list[LateItem] = []
    for kind, plan_rows in rows.items():
        schema = PLANS[kind]
        for row in plan_rows:
            deadline = row.values.get(schema.deadline_key)
            if not isinstance(deadline, date):
                continue
            status = row.values.get("status")
            status = status if isinstance(status, str) and "status" not in row.invalid else None
            timing = classify(status, deadline, as_of, due_soon_days)
            if timing not in (Timing.OVERDUE, Timing.DUE_SOON):
                continue
            items.append(LateItem(
                department=department, source=source, plan=kind, sheet=sheets[kind],
                row=row.number, id=_text(row.values.get("id")),
                # an action left blank still says what it is about: then its topic is shown
                what=_text(row.values.get(ITEM_TEXT_KEYS[kind]))
                or _text(row.values.get(schema.summary_key)),
                owner=_text(row.values.get("owner")),
                deadline=deadline, status=status, timing=timing,
                days=abs((deadline - as_of).days),
                column=(deadline_columns or {}).get(kind)))
    items.sort(key=lambda i: (i.deadline, i.department, i.plan.value, i.row))
    return items


def _text(value: object) -> str | None:
    return None if value is None else str(value)
