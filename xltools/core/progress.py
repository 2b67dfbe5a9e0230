"""What moved between two roll-ups: completed, new, removed, newly and still overdue, slipped.

Pure comparison of two snapshots of every item (SPEC 4.2). An item is the same item in both
when its department (as the roll-up merges departments: case and spacing ignored), its plan
and its normalised id agree. Items without an id are counted but cannot be compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from xltools.core.overdue import Timing, classify


@lru_cache(maxsize=4096)  # a few hundred departments, asked about once per item
def department_key(name: str) -> str:
    """How the roll-up tells departments apart: case and spacing ignored."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class ItemState:
    """One plan item as it stood in one roll-up."""

    department: str
    plan: str  # plan kind value: action, activity, communication
    item_id: str | None  # normalised (values.id_key); None: the item has no id
    status: str | None  # status code; None: blank or not understood (counts as open)
    deadline: date | None
    owner: str | None = None
    what: str | None = None
    area: str | None = None
    source: str = ""
    row: int = 0

    @property
    def identity(self) -> tuple[str, str, str] | None:
        """Department, plan and id: the item across roll-ups (None without an id)."""
        if self.item_id is None:
            return None
        return (department_key(self.department), self.plan, self.item_id)

    def overdue(self, as_of: date) -> bool:
        """Whether the item was overdue on ``as_of``."""
        return classify(self.status, self.deadline, as_of) is Timing.OVERDUE


@dataclass(frozen=True, slots=True)
class Moved:
    """An item that slipped or is still overdue, with both deadlines (for the list under
    the Progress table)."""

    department: str
    area: str | None
    plan: str
    item_id: str
    what: str | None
    owner: str | None
    before: date | None  # the deadline at the earlier roll-up
    now: date | None
    days: int  # slipped: days the deadline moved; still overdue: days late now
    kind: str  # "slipped" | "still_overdue"


@dataclass(slots=True)
class DepartmentProgress:
    """One department's movement since the earlier roll-up."""

    department: str
    area: str | None = None
    items: int = 0  # items now
    completed: int = 0  # became done
    new: int = 0
    removed: int = 0
    newly_overdue: int = 0
    still_overdue: int = 0
    slipped: int = 0
    slipped_days: int = 0  # how far, in total, the slipped deadlines moved
    without_id: int = 0  # items now that have no id and so are not compared

    def add(self, other: DepartmentProgress) -> None:
        """Add another's counts (for area subtotals and the organisation total)."""
        for name in ("items", "completed", "new", "removed", "newly_overdue", "still_overdue",
                     "slipped", "slipped_days", "without_id"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_dict(self) -> dict[str, object]:
        """The figures SPEC 4.2 gives ``--json`` (and the extra ones)."""
        return {"department": self.department, "area": self.area, "items": self.items,
                "completed": self.completed, "new": self.new, "removed": self.removed,
                "newly_overdue": self.newly_overdue, "still_overdue": self.still_overdue,
                "slipped": self.slipped, "slipped_days": self.slipped_days,
                "without_id": self.without_id}


@dataclass(slots=True)
class Progress:
    """The comparison of the current roll-up with an earlier one."""

    as_of: date
    previous_as_of: date | None
    departments: list[DepartmentProgress] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)

    def total(self) -> DepartmentProgress:
        """The organisation's figures."""
        total = DepartmentProgress("")
        for department in self.departments:
            total.add(department)
        return total

    def to_dict(self) -> dict[str, object]:
        """SPEC 4.2's ``progress`` object."""
        return {
            "previous_as_of": self.previous_as_of.isoformat() if self.previous_as_of else None,
            "departments": [
                {key: value for key, value in d.to_dict().items()
                 if key in ("department", "completed", "new", "removed", "newly_overdue",
                            "still_overdue", "slipped")}
                for d in self.departments],
        }


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One roll-up in the organisation's trend."""

    as_of: date
    items: int
    done: int
    cancelled: int
    overdue: int

    @property
    def percent_done(self) -> float | None:
        """Done among items not cancelled, 0..1 (None without items)."""
        base = self.items - self.cancelled
        return round(self.done / base, 4) if base > 0 else None


def trend_point(as_of: date, items: Iterable[ItemState]) -> TrendPoint:
    """The organisation's figures of one snapshot."""
    statuses: Counter[str | None] = Counter()
    overdue = count = 0
    for item in items:
        count += 1
        statuses[item.status] += 1
        overdue += item.overdue(as_of)
    return TrendPoint(as_of, count, statuses["done"], statuses["cancelled"], overdue)


def compare(current: Sequence[ItemState], as_of: date, previous: Sequence[ItemState] | None,
            previous_as_of: date | None) -> Progress:
    """Compare the items of the current roll-up with those of an earlier one.

    Args:
        current: every item now.
        as_of: the current roll-up's as-of date.
        previous: every item of the earlier roll-up; None when there is none.
        previous_as_of: its as-of date.

    Returns:
        Per department (in the order departments first appear now, then departments that
        disappeared): items now, completed, new, removed, newly overdue, still overdue,
        slipped; and the slipped and still-overdue items with both deadlines.
    """
    progress = Progress(as_of, previous_as_of if previous is not None else None)
    departments: dict[str, DepartmentProgress] = {}

    def department(item: ItemState) -> DepartmentProgress:
        key = department_key(item.department)
        if key not in departments:
            departments[key] = DepartmentProgress(item.department, item.area)
        return departments[key]

    before = _by_identity(previous or ())
    seen: set[tuple[str, str, str]] = set()
    for item in current:
        entry = department(item)
        entry.items += 1
        overdue_now = item.overdue(as_of)
        identity = item.identity
        if identity is None:
            entry.without_id += 1
            continue
        if previous is None or identity in seen:
            continue  # nothing to compare with; a repeated id is compared once
        seen.add(identity)
        old = before.get(identity)
        if old is None:
            entry.new += 1
            entry.newly_overdue += overdue_now
            continue
        assert previous_as_of is not None
        overdue_then = old.overdue(previous_as_of)
        if item.status == "done" and old.status != "done":
            entry.completed += 1
        if overdue_now and overdue_then:
            entry.still_overdue += 1
            progress.moved.append(_moved(item, old, "still_overdue",
                                         (as_of - item.deadline).days if item.deadline else 0))
        elif overdue_now:
            entry.newly_overdue += 1
        if item.deadline and old.deadline and item.deadline > old.deadline:
            days = (item.deadline - old.deadline).days
            entry.slipped += 1
            entry.slipped_days += days
            progress.moved.append(_moved(item, old, "slipped", days))
    if previous is not None:
        for identity, old in before.items():
            if identity not in seen:
                department(old).removed += 1
    progress.departments = list(departments.values())
    progress.moved.sort(key=lambda m: (m.kind, -m.days, department_key(m.department),
                                       m.plan, m.item_id))
    return progress


def _by_identity(items: Iterable[ItemState]) -> dict[tuple[str, str, str], ItemState]:
    found: dict[tuple[str, str, str], ItemState] = {}
    for item in items:
        identity = item.identity
        if identity is not None:
            found.setdefault(identity, item)  # a repeated id: its first row stands for it
    return found


def _moved(item: ItemState, old: ItemState, kind: str, days: int) -> Moved:
    return Moved(item.department, item.area, item.plan, item.item_id or "", item.what,
                 item.owner, old.deadline, item.deadline, days, kind)
