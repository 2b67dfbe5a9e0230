"""Progress over time, for analysts: open a roll-up history, list its snapshots, compare two.

    from datetime import date
    import xltools.history as history

    with history.open_history("xltools-history.sqlite") as h:
        for snapshot in h.snapshots():
            print(snapshot.as_of, snapshot.trend.percent_done, snapshot.trend.overdue)
        moved = history.compare(h, date(2026, 11, 23))        # with the latest before it
        moved = history.compare(h, date(2026, 11, 23), date(2026, 9, 30))
"""

from __future__ import annotations

from datetime import date

from xltools.core.progress import (
    DepartmentProgress,
    ItemState,
    Moved,
    Progress,
    TrendPoint,
)
from xltools.core.progress import (
    compare as compare_items,
)
from xltools.io.snapshots import (
    DEFAULT_HISTORY_NAME,
    History,
    HistoryError,
    SnapshotInfo,
    open_history,
)


def compare(history: History, as_of: date, with_as_of: date | None = None) -> Progress:
    """What moved between two recorded roll-ups.

    Args:
        history: an open history (``open_history``).
        as_of: the later roll-up.
        with_as_of: the earlier one (default: the latest before ``as_of``).

    Returns:
        Per department: items, completed, new, removed, newly and still overdue, slipped.

    Raises:
        HistoryError: a roll-up of that day is not recorded.
    """
    current = history.items(as_of)
    if with_as_of is None:
        earlier = history.previous(as_of)
        with_as_of = earlier.as_of if earlier else None
    previous = history.items(with_as_of) if with_as_of is not None else None
    return compare_items(current, as_of, previous, with_as_of)


def trend(history: History) -> list[TrendPoint]:
    """One point per recorded roll-up (as-of, items, done, cancelled, overdue), oldest first."""
    return [snapshot.trend for snapshot in history.snapshots()]


__all__ = [
    "DEFAULT_HISTORY_NAME",
    "DepartmentProgress",
    "History",
    "HistoryError",
    "ItemState",
    "Moved",
    "Progress",
    "SnapshotInfo",
    "TrendPoint",
    "compare",
    "open_history",
    "trend",
]
