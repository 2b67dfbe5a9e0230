"""The summary's two writers: the same workbook content from XlsxWriter and rvgsrust-xlsxwriter."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.rollup.xlsx_parts import layout
from xltools.core.rollup import FileResult, Rollup, SummaryTables
from xltools.errors import XltoolsError
from xltools.io import summary as summary_module
from xltools.io import writers
from xltools.io.summary import SummaryWriter, write_summary

pytestmark = pytest.mark.writer

HAZARDS = ["=1+1", "+45 12 34 56", "-minus", "@SUM(A1)", "http://example.com", "1e5"]


def _tables(lang: str = "en") -> SummaryTables:
    state = Rollup(lang, as_of=date(2026, 11, 23))
    for n, text in enumerate(HAZARDS, start=1):
        # one name long enough to wrap on the Overview: its row gets a height and an outline
        name = f"Dept {n}" + (" with a name long enough to take two lines" if n == 1 else "")
        result = FileResult(source=f"dept{n}.xlsx", outcome="read", department=name,
                            area=("Nord", "Syd", None)[n % 3],
                            language="da", last_updated=date(2026, 11, n),
                            items={"action": 1, "activity": 0, "communication": 0})
        result.statuses["done" if n % 2 else "in_progress"] += 1
        result.rows = {"action": [[f"Dept {n}", f"dept{n}.xlsx", 2, n, text, None, "goal",
                                   None, "act", "Owner", None, None, 46349, None, "f", None,
                                   "Done", None, None, None]],
                       "activity": [], "communication": []}
        state.add(result)
    return state.tables()


def _values(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    try:
        return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    finally:
        book.close()


def _tables_xml(path: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(path) as archive:
        found = []
        for name in sorted(n for n in archive.namelist() if n.startswith("xl/tables/")):
            xml = archive.read(name).decode()
            found.append((re.search(r'displayName="([^"]+)"', xml)[1],  # type: ignore[index]
                          re.search(r' ref="([^"]+)"', xml)[1]))  # type: ignore[index]
        return sorted(found)


@pytest.mark.parametrize("writer", writers.WRITERS)
def test_text_is_written_as_text_and_the_writer_is_named(tmp_path: Path, writer: str) -> None:
    path = write_summary(_tables(), tmp_path / f"{writer}.xlsx", writer=writer)
    actions = _values(path)["Actions"]
    assert [row[4] for row in actions[1:]] == HAZARDS  # never a formula, link or number
    with zipfile.ZipFile(path) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert "<f>" not in archive.read("xl/worksheets/sheet2.xml").decode()
    assert "xltools:summary" in core
    assert f"written with {writer}" in core


def test_both_writers_write_the_same_workbook(tmp_path: Path) -> None:
    fast = write_summary(_tables("da"), tmp_path / "fast.xlsx", writer="rvgsrust",
                         chart_per_area=True)
    default = write_summary(_tables("da"), tmp_path / "default.xlsx", writer="xlsxwriter",
                            chart_per_area=True)
    assert _values(fast) == _values(default)
    assert _tables_xml(fast) == _tables_xml(default)
    # the same look and print: widths, row heights and outline, merged cells, colour rules,
    # page set-up, print titles and areas, page breaks, charts and their colours
    assert layout(fast) == layout(default)
    for path in (fast, default):
        with zipfile.ZipFile(path) as archive:
            assert any(n.startswith("xl/charts/chart") for n in archive.namelist())


def test_the_fast_writer_is_used_when_installed_and_can_be_forced_off(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(writers.WRITER_VARIABLE, raising=False)
    monkeypatch.setattr(writers, "fast_writer_installed", lambda: True)
    assert writers.writer_name() == "rvgsrust"
    monkeypatch.setenv(writers.WRITER_VARIABLE, "xlsxwriter")
    assert writers.writer_name() == "xlsxwriter"
    monkeypatch.delenv(writers.WRITER_VARIABLE)
    monkeypatch.setattr(writers, "fast_writer_installed", lambda: False)
    assert writers.writer_name() == "xlsxwriter"
    assert SummaryWriter("en").writer_name == "xlsxwriter"


def test_a_writer_that_cannot_be_had_is_one_plain_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writers, "fast_writer_installed", lambda: False)
    with pytest.raises(XltoolsError, match=r"xltools-plans\[fast\]"):
        writers.writer_name("rvgsrust")
    with pytest.raises(XltoolsError, match="unknown writer"):
        writers.writer_name("openpyxl")


@pytest.mark.parametrize("writer", writers.WRITERS)
def test_a_list_beyond_the_row_limit_continues_on_another_sheet(
        tmp_path: Path, writer: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summary_module, "ROWS_PER_SHEET", 4)  # Excel's limit, scaled down
    out = SummaryWriter("en", writer=writer)
    rows = [[f"D{n}", "f.xlsx", n + 2, n] for n in range(10)]
    out.append("activity", rows[:3])
    out.append("activity", rows[3:])
    assert out.continuation_sheets() == {
        "activity": ["Activities", "Activities (2)", "Activities (3)"]}
    path = out.finish(_tables(), tmp_path / "long.xlsx")
    values = _values(path)
    written = [row[0] for name in ("Activities", "Activities (2)", "Activities (3)")
               for row in values[name][1:] if row[0]]
    assert written == [f"D{n}" for n in range(10)]  # nothing dropped, nothing twice
    assert [name for name, _ in _tables_xml(path) if name.startswith("Activities")] == [
        "Activities", "Activities2", "Activities3"]


@pytest.mark.parametrize("writer", writers.WRITERS)
def test_a_value_the_writer_refuses_costs_only_its_cell(tmp_path: Path, writer: str) -> None:
    out = SummaryWriter("da", writer=writer)
    out.append("issues", [["Dept", "f.xlsx", "Ark", "A1", "Fejl", "required", complex(1, 2), "v"]])
    path = out.finish(_tables("da"), tmp_path / "odd.xlsx")
    row = _values(path)["Problemer"][1]
    assert row[0] == "Dept" and row[7] == "v"
    assert row[6] in ("(1+2j)", "(værdien kunne ikke skrives)")  # as text, or said so


class _Refusing:
    """A sheet whose library refuses one value, as a writer may for a type it does not know."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], object] = {}

    def write_rows(self, first_row: int, rows: list[list[object]], first_col: int = 0) -> None:
        for offset, row in enumerate(rows):
            for c, value in enumerate(row):
                self.write(first_row + offset, first_col + c, value)

    def write(self, row: int, col: int, value: object, style: object = None) -> None:
        if value == "refused":
            raise TypeError("unsupported value")
        self.cells[(row, col)] = value


def test_the_fallback_writes_the_rest_of_the_rows_cell_by_cell() -> None:
    sheet = _Refusing()
    summary_module._write_rows(sheet, 1, [["a", "refused", "c"], ["d", "e", "f"]], "sv")  # type: ignore[arg-type]
    assert sheet.cells == {(1, 0): "a", (1, 1): "(värdet kunde inte skrivas)", (1, 2): "c",
                           (2, 0): "d", (2, 1): "e", (2, 2): "f"}
