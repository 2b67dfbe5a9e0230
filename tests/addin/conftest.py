"""Fixtures for the add-in callbacks: xlwings' JSON-backed book, fed payloads shaped as
xlwings' own VBA client (``xlwings/addin/Remote.bas``) sends them.

The JSON engine lives in xlwings' ``pro`` folder (PolyForm Noncommercial licence); the
licence key is set here, for the tests only — the product itself never imports it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

import pytest


def _vba_value(value: object) -> object:
    # Remote.bas serialises with WebHelpers.ConvertToJson: Empty -> null, Date -> ISO text
    # "yyyy-mm-ddTHH:mm:ss.000Z" (no timezone conversion), numbers as JSON numbers.
    if isinstance(value, datetime | date):
        stamp = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
        return stamp.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value


def vba_sheet(name: str, grid: Sequence[Sequence[object]], tables: list[dict] | None = None) -> dict:
    """One entry of the payload's ``sheets`` as Remote.bas builds it.

    Remote.bas sends ``.Range(Cells(1, 1), last cell of UsedRange).Value``: a rectangle from
    A1, or ``Array(Array())`` for an empty sheet.
    """
    width = max((len(row) for row in grid), default=0)
    values = [[_vba_value(v) for v in [*row, *([None] * (width - len(row)))]] for row in grid]
    return {"name": name, "pictures": [], "tables": tables or [], "values": values or [[]]}


def vba_payload(sheets: list[dict], *, book_name: str = "Salg.xlsx", active: int = 0) -> dict:
    """The whole request body of Remote.bas' ``RunRemotePython`` (client "VBA")."""
    import xlwings as xw

    payload = {
        "client": "VBA",
        "version": xw.__version__,
        "book": {"name": book_name, "active_sheet_index": active, "selection": "A1"},
        "names": [],
        "sheets": sheets,
    }
    return json.loads(json.dumps(payload))  # exactly what goes over the wire


@pytest.fixture
def remote_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Register xlwings' JSON ("remote") engine with the noncommercial key, for this test only."""
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw
    from xlwings.main import Engine

    added = None
    if "remote" not in [engine.name for engine in xw.engines]:
        # xlwings registers it at import time only when a key is already set
        from xlwings.pro import _xlremote

        added = Engine(impl=_xlremote.engine)
        xw.engines.add(added)
    yield
    if hasattr(xw.Book, "_mock_caller"):
        del xw.Book._mock_caller
    if added is not None:
        xw.engines.engines.remove(added)
        del xw.engines.engines_by_name["remote"]


@pytest.fixture
def open_book(remote_engine: None) -> Any:
    """Open a payload as an xlwings Book and make it ``Book.caller()``."""
    import xlwings as xw

    def make(payload: dict) -> xw.Book:
        book = xw.Book(json=copy.deepcopy(payload))  # the engine edits its snapshot
        book.set_mock_caller()
        return book

    return make


@pytest.fixture(autouse=True)
def user_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A fresh user for every test: an empty home (no xltools.conf, no xltools.toml, no log)
    and an English-speaking computer, so no test sees the machine's own settings."""
    from pathlib import Path

    home = Path(tmp_path_factory.mktemp("home"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    for variable, folder in (("XDG_CONFIG_HOME", ".config"), ("XDG_STATE_HOME", ".local/state"),
                             ("XDG_DATA_HOME", ".local/share")):
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    for variable in ("LC_ALL", "LC_MESSAGES", "OneDrive", "OneDriveConsumer", "OneDriveCommercial"):
        monkeypatch.delenv(variable, raising=False)
    return home
