"""What Excel holds after running the actions of xlwings' JSON-backed book.

The JSON engine records every change a button makes as an action; ``Excel`` applies them to
a payload (sheets, values, names, notes) and keeps what a payload cannot carry (cell fills,
note texts) beside it, so a test can run a button, then the next one on the result, and
compare what the user would see.
"""

from __future__ import annotations

import copy
from typing import Any

from xltools.core.marks import parse_reference


def address(row: int, column: int) -> str:
    """A1 address of a 0-based row and column."""
    from xlwings.utils import col_name

    return f"{col_name(column + 1)}{row + 1}"


def _cells(action: dict) -> list[tuple[int, int]]:
    return [(r, c) for r in range(action["start_row"], action["start_row"] + action["row_count"])
            for c in range(action["start_column"],
                           action["start_column"] + action["column_count"])]


def name_entry(payload: dict, name: str, refers_to: str) -> dict:
    """A book-level defined name as the VBA client lists it in the payload."""
    sheet, cell = parse_reference(refers_to) or ("", "")
    index = next((i for i, s in enumerate(payload["sheets"]) if s["name"] == sheet), None)
    return {"name": name, "refers_to": refers_to, "sheet_index": index, "address": cell,
            "book_scope": True, "scope_sheet_index": None, "scope_sheet_name": None}


class Excel:
    """A workbook as Excel would hold it: the next request's payload plus fills and notes."""

    def __init__(self, payload: dict) -> None:
        self.payload = copy.deepcopy(payload)
        self.fills: dict[tuple[str, str], str | None] = {}
        self.notes: dict[tuple[str, str], str] = {}
        self.calls: list[dict] = []

    def sheet_names(self) -> list[str]:
        return [s["name"] for s in self.payload["sheets"]]

    def run(self, actions: list[dict]) -> Excel:
        """Apply a button's actions; returns self."""
        for action in actions:
            self.calls.append(action)
            getattr(self, "_" + action["func"], lambda a: None)(action)
        return self

    def _sheet(self, action: dict) -> dict:
        return self.payload["sheets"][action["sheet_position"]]

    def _addSheet(self, action: dict) -> None:
        position, name = action["args"]
        self.payload["sheets"].insert(position, {"name": name, "pictures": [], "tables": [],
                                                 "values": [[]]})

    def _sheetDelete(self, action: dict) -> None:
        name = self.payload["sheets"].pop(action["sheet_position"])["name"]
        self.fills = {k: v for k, v in self.fills.items() if k[0] != name}
        self.notes = {k: v for k, v in self.notes.items() if k[0] != name}

    def _namesAdd(self, action: dict) -> None:
        name, refers_to = action["args"]
        self.payload["names"] = [n for n in self.payload["names"] if n["name"] != name]
        self.payload["names"].append(name_entry(self.payload, name, refers_to))

    def _nameDelete(self, action: dict) -> None:
        self.payload["names"] = [n for n in self.payload["names"] if n["name"] != action["args"][2]]

    def _setValues(self, action: dict) -> None:
        grid = self._sheet(action)["values"]
        for r, row in enumerate(action["values"], start=action["start_row"]):
            while len(grid) <= r:
                grid.append([])
            for c, value in enumerate(row, start=action["start_column"]):
                while len(grid[r]) <= c:
                    grid[r].append(None)
                grid[r][c] = value
        width = max(len(r) for r in grid)
        for r in grid:
            r.extend([None] * (width - len(r)))

    def _setRangeColor(self, action: dict) -> None:
        name = self._sheet(action)["name"]
        for r, c in _cells(action):
            self.fills[(name, address(r, c))] = action["args"][0]

    def _setRangeColors(self, action: dict) -> None:
        name = self._sheet(action)["name"]
        for r, row in enumerate(action["args"][0], start=action["start_row"]):
            for c, colour in enumerate(row, start=action["start_column"]):
                if colour != "keep":
                    self.fills[(name, address(r, c))] = colour

    def _addNote(self, action: dict) -> None:
        cell, text = action["args"]
        cell = cell.replace("$", "")
        self._sheet(action).setdefault("notes", []).append({"address": cell})
        self.notes[(self._sheet(action)["name"], cell)] = text

    def _setNoteText(self, action: dict) -> None:
        cell, text = action["args"]
        self.notes[(self._sheet(action)["name"], cell.replace("$", ""))] = text

    def _deleteNote(self, action: dict) -> None:
        cell = action["args"][0].replace("$", "")
        sheet = self._sheet(action)
        sheet["notes"] = [n for n in sheet.get("notes", []) if n["address"] != cell]
        self.notes.pop((sheet["name"], cell), None)

    def coloured(self) -> dict[tuple[str, str], str]:
        """Every cell wearing a fill now."""
        return {key: colour for key, colour in self.fills.items() if colour is not None}

    def open(self, open_book: Any) -> Any:
        """The workbook as the next button sees it (xlwings' JSON-backed Book)."""
        return open_book(self.payload)
