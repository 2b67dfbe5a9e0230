"""The history database: every roll-up's items, in SQLite, so the next one can say what moved.

One file (by default ``xltools-history.sqlite`` beside the summary) holds snapshots: the
as-of date, when the roll-up ran, which settings file it used, and per item its department,
area, plan, normalised id, status, deadline, responsible, text, source file and row. A re-run
with the same as-of date replaces that snapshot. The schema carries a version
(``PRAGMA user_version``): an older file is upgraded in one transaction, a newer, foreign or
damaged file is reported and never touched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from xltools.core.progress import ItemState, TrendPoint, trend_point
from xltools.errors import XltoolsError

SCHEMA_VERSION = 1
APPLICATION = "xltools-history"
DEFAULT_HISTORY_NAME = "xltools-history.sqlite"
BUSY_SECONDS = 60.0  # a second roll-up writing the same file waits this long, then says so

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    as_of TEXT NOT NULL UNIQUE,
    taken_at TEXT NOT NULL,
    settings TEXT,
    version TEXT NOT NULL,
    items INTEGER NOT NULL,
    done INTEGER NOT NULL,
    cancelled INTEGER NOT NULL,
    overdue INTEGER NOT NULL
);
CREATE TABLE items (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    department TEXT NOT NULL,
    area TEXT,
    plan TEXT NOT NULL,
    item_id TEXT,
    status TEXT,
    deadline TEXT,
    owner TEXT,
    what TEXT,
    source TEXT NOT NULL,
    row INTEGER NOT NULL
);
CREATE INDEX items_by_snapshot ON items(snapshot_id);
"""


class HistoryError(XltoolsError):
    """The history database cannot be used; the file is left exactly as it was."""


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """One roll-up recorded in the history."""

    as_of: date
    taken_at: datetime
    settings: str | None
    version: str
    trend: TrendPoint


class History:
    """An open history database (use ``open_history``)."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def snapshots(self) -> list[SnapshotInfo]:
        """Every recorded roll-up, oldest first."""
        rows = self._db.execute(
            "SELECT as_of, taken_at, settings, version, items, done, cancelled, overdue "
            "FROM snapshots ORDER BY as_of").fetchall()
        return [SnapshotInfo(date.fromisoformat(a), datetime.fromisoformat(t), s, v,
                             TrendPoint(date.fromisoformat(a), n, d, c, o))
                for a, t, s, v, n, d, c, o in rows]

    def previous(self, as_of: date) -> SnapshotInfo | None:
        """The latest snapshot before ``as_of`` (what a roll-up compares with)."""
        earlier = [s for s in self.snapshots() if s.as_of < as_of]
        return earlier[-1] if earlier else None

    def items(self, as_of: date) -> list[ItemState]:
        """Every item of the snapshot of ``as_of``, in the order recorded.

        Raises:
            HistoryError: there is no snapshot of that day.
        """
        found = self._db.execute("SELECT id FROM snapshots WHERE as_of = ?",
                                 (as_of.isoformat(),)).fetchone()
        if found is None:
            raise HistoryError(f"{self.path}: no roll-up as of {as_of.isoformat()} is recorded")
        rows = self._db.execute(
            "SELECT department, area, plan, item_id, status, deadline, owner, what, source, row "
            "FROM items WHERE snapshot_id = ? ORDER BY rowid", (found[0],))
        return [ItemState(department=d, plan=p, item_id=i, status=s,
                          deadline=date.fromisoformat(dl) if dl else None, owner=o, what=w,
                          area=a, source=src, row=r)
                for d, a, p, i, s, dl, o, w, src, r in rows]

    def record(self, as_of: date, items: Iterable[ItemState], *, settings: str | None = None,
               taken_at: datetime | None = None) -> SnapshotInfo:
        """Store a roll-up's items; a snapshot of the same as-of date is replaced.

        Args:
            as_of: the roll-up's as-of date.
            items: every item of the roll-up.
            settings: the settings file the roll-up used (None: the defaults).
            taken_at: when the roll-up ran (default: now).

        Returns:
            The recorded snapshot.
        """
        from xltools import __version__

        items = list(items)
        point = trend_point(as_of, items)
        taken = (taken_at or datetime.now()).replace(microsecond=0)
        with self._write() as db:
            db.execute("DELETE FROM snapshots WHERE as_of = ?", (as_of.isoformat(),))
            cursor = db.execute(
                "INSERT INTO snapshots (as_of, taken_at, settings, version, items, done, "
                "cancelled, overdue) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (as_of.isoformat(), taken.isoformat(), settings, __version__, point.items,
                 point.done, point.cancelled, point.overdue))
            snapshot = cursor.lastrowid
            db.executemany(
                "INSERT INTO items (snapshot_id, department, area, plan, item_id, status, "
                "deadline, owner, what, source, row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ((snapshot, i.department, i.area, i.plan, i.item_id, i.status,
                  i.deadline.isoformat() if i.deadline else None, i.owner, i.what, i.source,
                  i.row) for i in items))
        return SnapshotInfo(as_of, taken, settings, __version__, point)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; a second writer waits for the first, then fails plainly."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise HistoryError(f"{self.path}: the history is in use by another roll-up "
                               f"({error}); try again when it has finished") from None
        with _committed(self._db):
            yield self._db


def open_history(path: str | Path, *, create: bool = True,
                 busy_seconds: float = BUSY_SECONDS) -> History:
    """Open (or create) a history database.

    Args:
        path: the SQLite file.
        create: create the file when it does not exist (False: it must exist).
        busy_seconds: how long a write waits for another roll-up writing the same file.

    Returns:
        The open history.

    Raises:
        HistoryError: the file is not an xltools history, was written by a newer xltools, or
            is damaged; it is left untouched.
    """
    path = Path(path)
    exists = path.exists()
    if not exists and not create:
        raise HistoryError(f"{path}: no history database here")
    if exists and not _looks_like_sqlite(path):
        raise HistoryError(f"{path}: this is not an xltools history database (not SQLite); "
                           "it was left untouched — choose another file with --history")
    try:
        db = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None)
    except sqlite3.Error as error:
        raise HistoryError(f"{path}: the history database cannot be opened ({error})") from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        if not exists:
            _create(db)
        else:
            _check_and_upgrade(path, db)
    except HistoryError:
        db.close()
        raise
    except sqlite3.DatabaseError as error:
        db.close()
        raise HistoryError(f"{path}: the history database is damaged ({error}); it was left "
                           "untouched — restore a backup or choose another file") from None
    return History(path, db)


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return head == b"SQLite format 3\x00" or head == b""


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


@contextmanager
def _committed(db: sqlite3.Connection) -> Iterator[None]:
    """End the transaction begun before: committed when the block ends, else rolled back."""
    try:
        yield
    except BaseException:
        db.rollback()
        raise
    db.commit()


def _create(db: sqlite3.Connection) -> None:
    # statement by statement in one transaction (executescript would commit halfway)
    db.execute("BEGIN IMMEDIATE")
    with _committed(db):
        for statement in _statements(_SCHEMA):
            db.execute(statement)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('application', ?)", (APPLICATION,))
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _check_and_upgrade(path: Path, db: sqlite3.Connection) -> None:
    if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise HistoryError(f"{path}: the history database is damaged; it was left untouched — "
                           "restore a backup or choose another file")
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        _create(db)  # an empty SQLite file (e.g. just created by someone else): ours now
        return
    if "meta" not in tables or db.execute(
            "SELECT value FROM meta WHERE key = 'application'").fetchone() != (APPLICATION,):
        raise HistoryError(f"{path}: this SQLite database is not an xltools history; it was "
                           "left untouched — choose another file with --history")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise HistoryError(f"{path}: the history was written by a newer xltools (schema "
                           f"{version}); update xltools to use it")
    if version < SCHEMA_VERSION:
        _upgrade(db, version)


# Upgrades from each older schema version to the next, applied in one transaction. (Version 1
# is the first; an upgrade is added here with every change of _SCHEMA.)
_UPGRADES: dict[int, str] = {}


def _upgrade(db: sqlite3.Connection, version: int) -> None:
    db.execute("BEGIN IMMEDIATE")
    with _committed(db):
        while version < SCHEMA_VERSION:
            for statement in _statements(_UPGRADES[version]):
                db.execute(statement)
            version += 1
        db.execute(f"PRAGMA user_version = {version}")
