"""Progress over time: the history database and the comparison of snapshots, with exact figures."""

from __future__ import annotations

import hashlib
import multiprocessing
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

import xltools.history as history
from xltools.core.progress import ItemState, compare
from xltools.io import snapshots
from xltools.io.snapshots import HistoryError, open_history

SEP, OCT, NOV = date(2026, 9, 30), date(2026, 10, 31), date(2026, 11, 30)


def item(department: str, plan: str, item_id: str | None, status: str | None, deadline: date,
         **more: object) -> ItemState:
    return ItemState(department=department, plan=plan, item_id=item_id, status=status,
                     deadline=deadline, owner=more.pop("owner", "Ann"), what=more.pop("what", "x"),
                     **more)  # type: ignore[arg-type]


# Three roll-ups of a changing organisation, each figure below worked out by hand.
SEPTEMBER = [
    item("Skolen", "action", "1", "in_progress", date(2026, 10, 15)),   # done by October
    item("Skolen", "action", "2", "not_started", date(2026, 9, 1)),     # overdue all along
    item("Skolen", "action", "3", "in_progress", date(2026, 12, 1)),    # deadline moves later
    item("Skolen", "activity", "A", "not_started", date(2026, 11, 1)),  # renamed to "A1"
    item("Hjemmeplejen", "action", "1", "done", date(2026, 8, 1)),
    item("Hjemmeplejen", "action", "2", "in_progress", date(2026, 10, 20)),  # removed in Oct
    item("Hjemmeplejen", "action", None, "in_progress", date(2027, 1, 1)),   # no id
]
OCTOBER = [
    item("Skolen", "action", "1", "done", date(2026, 10, 15)),
    item("Skolen", "action", "2", "not_started", date(2026, 9, 1)),
    item("Skolen", "action", "3", "in_progress", date(2027, 2, 1)),     # slipped 62 days
    item("Skolen", "activity", "A1", "not_started", date(2026, 11, 15)),  # new (the rename)
    item("Skolen", "activity", "B", "not_started", date(2026, 10, 10)),   # new and overdue
    item(" skolen ", "communication", "1", "in_progress", date(2026, 12, 24)),  # same dept
    item("Hjemmeplejen", "action", "1", "done", date(2026, 8, 1)),
    item("Hjemmeplejen", "action", None, "in_progress", date(2027, 1, 1)),
]
NOVEMBER = [
    item("Skolen", "action", "1", "done", date(2026, 10, 15)),
    item("Skolen", "action", "2", "in_progress", date(2026, 9, 1)),
    item("Skolen", "action", "3", "in_progress", date(2027, 2, 1)),
    item("Skolen", "activity", "A1", "not_started", date(2026, 11, 15)),  # now overdue
    item("Skolen", "activity", "B", "done", date(2026, 10, 10)),
    item("Skolen", "communication", "1", "in_progress", date(2026, 12, 24)),
    item("Hjemmeplejen", "action", "1", "done", date(2026, 8, 1)),
    item("Hjemmeplejen", "action", None, "in_progress", date(2027, 1, 1)),
]


def figures(progress) -> dict[str, tuple[int, ...]]:  # type: ignore[no-untyped-def]
    return {d.department: (d.items, d.completed, d.new, d.removed, d.newly_overdue,
                           d.still_overdue, d.slipped, d.slipped_days, d.without_id)
            for d in progress.departments}


def test_october_against_september() -> None:
    progress = compare(OCTOBER, OCT, SEPTEMBER, SEP)
    #                       items done new removed newly still slipped days no-id
    assert figures(progress) == {
        "Skolen": (6, 1, 3, 1, 1, 1, 1, 62, 0),
        "Hjemmeplejen": (2, 0, 0, 1, 0, 0, 0, 0, 1),
    }
    assert [(m.kind, m.item_id, m.before, m.now, m.days) for m in progress.moved] == [
        ("slipped", "3", date(2026, 12, 1), date(2027, 2, 1), 62),
        ("still_overdue", "2", date(2026, 9, 1), date(2026, 9, 1), 60),
    ]
    assert progress.to_dict() == {"previous_as_of": "2026-09-30", "departments": [
        {"department": "Skolen", "completed": 1, "new": 3, "removed": 1, "newly_overdue": 1,
         "still_overdue": 1, "slipped": 1},
        {"department": "Hjemmeplejen", "completed": 0, "new": 0, "removed": 1,
         "newly_overdue": 0, "still_overdue": 0, "slipped": 0}]}


def test_november_against_october_and_without_an_earlier_roll_up() -> None:
    assert figures(compare(NOVEMBER, NOV, OCTOBER, OCT)) == {
        "Skolen": (6, 1, 0, 0, 1, 1, 0, 0, 0),   # B done; A1 newly overdue; 2 still overdue
        "Hjemmeplejen": (2, 0, 0, 0, 0, 0, 0, 0, 1),
    }
    first = compare(SEPTEMBER, SEP, None, None)
    assert first.previous_as_of is None
    assert figures(first)["Skolen"] == (4, 0, 0, 0, 0, 0, 0, 0, 0)


def test_the_database_keeps_three_roll_ups_and_compares_them(tmp_path: Path) -> None:
    path = tmp_path / "xltools-history.sqlite"
    with open_history(path) as h:
        for as_of, items in ((SEP, SEPTEMBER), (OCT, OCTOBER), (NOV, NOVEMBER)):
            h.record(as_of, items, settings="nordby.toml")
    with history.open_history(path, create=False) as h:
        assert [s.as_of for s in h.snapshots()] == [SEP, OCT, NOV]
        assert h.items(OCT) == OCTOBER  # every field round-trips
        assert figures(history.compare(h, NOV)) == figures(compare(NOVEMBER, NOV, OCTOBER, OCT))
        # against September: B is new, not "completed"; A was renamed: removed and new
        assert figures(history.compare(h, NOV, SEP))["Skolen"][:4] == (6, 1, 3, 1)
        points = history.trend(h)
        assert [(p.items, p.done, p.overdue) for p in points] == [(7, 1, 1), (8, 2, 2),
                                                                   (8, 3, 2)]
        assert points[1].percent_done == 0.25
        assert h.snapshots()[0].settings == "nordby.toml"


def test_a_re_run_with_the_same_as_of_replaces_that_snapshot(tmp_path: Path) -> None:
    with open_history(tmp_path / "h.sqlite") as h:
        h.record(OCT, OCTOBER, taken_at=datetime(2026, 10, 31, 9))
        h.record(OCT, OCTOBER[:2], taken_at=datetime(2026, 10, 31, 15))
        assert [(s.as_of, s.taken_at.hour, s.trend.items) for s in h.snapshots()] == [
            (OCT, 15, 2)]
        assert len(h.items(OCT)) == 2
        rows = h._db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        assert rows == 2  # the replaced snapshot's items are gone too


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("content", [b"not a database at all", b"SQLite format 3\x00" + b"\x07" * 600])
def test_a_damaged_or_foreign_file_is_reported_and_left_untouched(tmp_path: Path,
                                                                  content: bytes) -> None:
    path = tmp_path / "h.sqlite"
    path.write_bytes(content)
    before = _digest(path)
    with pytest.raises(HistoryError, match=r"left untouched|damaged"):
        open_history(path)
    assert _digest(path) == before
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
    before = _digest(foreign)
    with pytest.raises(HistoryError, match="not an xltools history"):
        open_history(foreign)
    assert _digest(foreign) == before


def test_a_newer_history_is_refused_and_an_older_one_upgraded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "h.sqlite"
    with open_history(path) as h:
        h.record(SEP, SEPTEMBER)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 9")
    with pytest.raises(HistoryError, match="newer xltools"):
        open_history(path)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 1")
    # the next schema adds a column: an older file is upgraded in one transaction
    monkeypatch.setattr(snapshots, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(snapshots, "_UPGRADES", {1: "ALTER TABLE items ADD COLUMN note TEXT"})
    with open_history(path) as h:
        assert h.items(SEP) == SEPTEMBER
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
        assert "note" in [c[1] for c in db.execute("PRAGMA table_info(items)")]
    # an upgrade that fails leaves the file as it was
    monkeypatch.setattr(snapshots, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(snapshots, "_UPGRADES", {2: "ALTER TABLE items ADD COLUMN x TEXT; "
                                                    "ALTER TABLE nowhere ADD COLUMN y TEXT"})
    with pytest.raises(HistoryError):
        open_history(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
        assert "x" not in [c[1] for c in db.execute("PRAGMA table_info(items)")]


def _write(path: str, as_of: date, hold: float, barrier) -> str:  # type: ignore[no-untyped-def]
    import time

    with open_history(path, busy_seconds=0.5) as h:
        barrier.wait()
        try:
            with h._write() as db:
                db.execute("INSERT INTO meta VALUES (?, 'x')", (as_of.isoformat(),))
                time.sleep(hold)
            h.record(as_of, OCTOBER)
        except HistoryError as error:
            return f"refused: {error}"
    return "written"


def test_two_roll_ups_writing_at_once_wait_or_fail_plainly(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    open_history(path).close()
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(2)
    with context.Pool(2) as pool:
        results = pool.starmap(_write, [(str(path), OCT, 2.0, barrier),
                                        (str(path), NOV, 2.0, barrier)])
    assert sorted(r.split(":")[0] for r in results) == ["refused", "written"]
    assert "in use by another roll-up" in next(r for r in results if r.startswith("refused"))
    with open_history(path) as h:  # nothing corrupted: the one written is whole
        assert len(h.snapshots()) == 1 and len(h.items(h.snapshots()[0].as_of)) == len(OCTOBER)
        assert h._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
