"""One marks protocol, two painters: what the file painter marks the add-in clears, and the
other way round.

The add-in side runs on xlwings' JSON-backed Book. A workbook marked by the file painter is
turned into such a Book's payload by reading its values (python-calamine) and its defined
names, as the client would send them. The add-in's actions on a Book are applied to a file
with openpyxl, as Excel would save them, and that file is cleared by the file painter.
"""

from __future__ import annotations

import copy
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from python_calamine import CalamineWorkbook

from tests.addin.conftest import vba_payload, vba_sheet
from tests.addin.simulated import Excel, address, name_entry
from tests.cli.test_cli import _plan
from tests.io import corpus
from xltools.addin import callbacks
from xltools.core.marks import RECORD_SHEET, NoteAction, Record, is_own_name
from xltools.core.validate import check_workbook
from xltools.io.annotate import annotate_copy, clear_copy
from xltools.io.package import Package
from xltools.io.read import read_workbook

AS_OF = corpus.AS_OF
OWN_FILL = "C6EFCE"  # N4's own fill before it is marked


def _grid_values(rows: list[list[object]]) -> list[list[object]]:
    return [[None if v == "" else v for v in row] for row in rows]


def payload_of(path: Path, *, client: str = "VBA") -> dict:
    """What the add-in's client sends for a workbook file: every sheet's values and the names."""
    book = CalamineWorkbook.from_path(str(path))
    sheets = [vba_sheet(name, _grid_values(book.get_sheet_by_name(name).to_python()))
              for name in book.sheet_names]
    payload = vba_payload(sheets, book_name=path.name)
    payload["client"] = client
    with Package(path) as package:
        for defined in package.defined_names():
            if defined.local_sheet is None:
                payload["names"].append(name_entry(payload, defined.name, "=" + defined.text))
    return payload


def with_notes(payload: dict, path: Path) -> dict:
    """The Office.js client also lists each sheet's notes by address."""
    payload = copy.deepcopy(payload)
    with zipfile.ZipFile(path) as archive:
        refs = re.findall(rb'<comment ref="([A-Z]+\d+)"', archive.read("xl/comments1.xml"))
    for sheet in payload["sheets"]:
        sheet["notes_supported"] = True
        sheet["notes"] = [{"address": r.decode()} for r in refs] if sheet["name"] == corpus.SHEET \
            else []
    return payload


def test_marked_by_the_file_painter_cleared_by_the_add_in(open_book, tmp_path: Path) -> None:
    def own_fill(workbook, sheet, formats) -> None:
        fill = workbook.add_format({"bg_color": f"#{OWN_FILL}"})
        sheet.write_string(3, corpus.COLUMN["status"], "Done\x01", fill)

    source = corpus.base_plan(tmp_path / "plan.xlsx", own_fill)
    marked = tmp_path / "marked.xlsx"
    annotate_copy(source, marked, check_workbook(read_workbook(source), as_of=AS_OF).report.issues,
                  lang="en")
    payload = with_notes(payload_of(marked, client="Office.js"), marked)
    names = [s["name"] for s in payload["sheets"]]
    book = open_book(payload)
    assert callbacks.clear_marks() == 7
    actions = book.json()["actions"]
    fills = Excel(payload).run(actions).fills  # the fills given back, in batches
    status = address(3, corpus.COLUMN["status"])
    assert fills[(corpus.SHEET, status)] == f"#{OWN_FILL.lower()}"  # N4's own fill back
    assert len(fills) == 7 and sum(1 for v in fills.values() if v is None) == 6
    # the frame goes: every side of every marked cell is cleared
    frames = [a for a in actions if a["func"] == "setBorderProperty"]
    assert len(frames) == 7 * 4 and all(a["args"][1:] == ["line_style", None] for a in frames)
    # the file painter's notes: added ones deleted, the merged one given back its own text
    deleted = {a["args"][0].replace("$", "") for a in actions if a["func"] == "deleteNote"}
    assert deleted == {"D3", "G2", "J4", "N4", "J2", "J5"}
    restored = [a["args"] for a in actions if a["func"] == "setNoteText"]
    assert [(cell.replace("$", ""), text) for cell, text in restored] == [
        ("G5", "Ask the team who leads this.")]
    gone = [names[a["sheet_position"]] for a in actions if a["func"] == "sheetDelete"]
    assert set(gone) == {RECORD_SHEET, "Issues (2)"}  # never the user's own "Issues"
    dropped = {a["args"][2] for a in actions if a["func"] == "nameDelete"}
    assert dropped == {n["name"] for n in payload["names"] if is_own_name(n["name"])}


def apply_to_file(path: Path, actions: list[dict], target: Path) -> Path:
    """Save ``path`` as Excel would after the add-in's actions (openpyxl stands in for Excel)."""
    workbook = load_workbook(path)
    names = list(workbook.sheetnames)
    for action in actions:
        func, args = action["func"], action["args"]
        position = action.get("sheet_position")
        sheet = workbook[names[position]] if position is not None else None
        if func == "addSheet":
            workbook.create_sheet(args[1], args[0])
            names.insert(args[0], args[1])
        elif func == "setValues":
            for r, row in enumerate(action["values"], start=action["start_row"] + 1):
                for c, value in enumerate(row, start=action["start_column"] + 1):
                    if isinstance(value, str) and value.startswith("'"):
                        value = value[1:]  # Excel keeps the text, not the apostrophe
                    cell = sheet.cell(row=r, column=c, value=value if value != "" else None)
                    if isinstance(value, str):
                        cell.data_type = "s"
        elif func in ("setRangeColor", "setRangeColors"):
            colours = args[0] if func == "setRangeColors" else [
                [args[0]] * action["column_count"]] * action["row_count"]
            for r, row in enumerate(colours, start=action["start_row"] + 1):
                for c, colour in enumerate(row, start=action["start_column"] + 1):
                    if colour != "keep":
                        sheet.cell(row=r, column=c).fill = PatternFill(
                            "solid", start_color=colour[1:].upper()) if colour else PatternFill()
        elif func == "namesAdd":
            workbook.defined_names[args[0]] = DefinedName(args[0], attr_text=args[1][1:],
                                                         hidden=True)
        elif func == "setSheetVisibility":
            sheet.sheet_state = "hidden"
        elif func == "activateSheet":
            workbook.active = action["sheet_position"]
    workbook.save(target)
    return target


def test_marked_by_the_add_in_cleared_by_the_file_painter(open_book, tmp_path: Path) -> None:
    plan = _plan(tmp_path)  # a filled-in template
    baseline = apply_to_file(plan, [], tmp_path / "baseline.xlsx")  # saved once, as Excel would
    book = open_book(payload_of(baseline))
    report = callbacks.validate(book, as_of=date(2026, 11, 23))
    marked = apply_to_file(baseline, book.json()["actions"], tmp_path / "marked-in-excel.xlsx")
    record = Record.from_grid(list(load_workbook(marked)[RECORD_SHEET].values))
    assert record is not None and all(m.note_action is NoteAction.UNTOUCHED for m in record.marks)
    marked_cells = {(m.sheet, m.cell) for m in record.marks}
    # the report has one note for the checklist's open questions; the marks show each one
    planned = {(i.sheet, i.cell) for i in report.issues if i.cell and i.code.value != "checklist-open"}
    checklist = {cell for cell in marked_cells - planned}
    assert planned <= marked_cells and {sheet for sheet, _ in checklist} == {"Tjekliste"}
    assert len(checklist) > 1
    cleared = tmp_path / "cleared.xlsx"
    result = clear_copy(marked, cleared)
    assert result.missing == [] and result.restored == len(marked_cells)
    before, after = load_workbook(baseline), load_workbook(cleared)
    assert after.sheetnames == before.sheetnames
    assert not [n for n in after.defined_names if is_own_name(n)]
    for name in before.sheetnames:
        for row_before, row_after in zip(before[name].iter_rows(), after[name].iter_rows(),
                                         strict=True):
            for a, b in zip(row_before, row_after, strict=True):
                assert (b.value, b.fill.fill_type, b.number_format) == \
                    (a.value, a.fill.fill_type, a.number_format), (name, a.coordinate)
                assert b.comment == a.comment or b.comment.text == a.comment.text


def test_the_record_reads_back_what_a_live_engine_hands_back() -> None:
    """The record is text for both painters: numbers come back from a live engine as floats."""
    grid = Record.from_grid([["xltools marks record", 2.0], ["active_tab", 1.0],
                             ["selected_tabs", "1"], ["id", "sheet", "cell", "fill", "border",
                                                      "style"],
                             [1.0, "Plan", "G4", None, None, 5.0],
                             [datetime(2026, 1, 1), "Plan", "G5"]])
    assert grid is not None and grid.active_tab == "1" and grid.selected_tabs == (1,)
    assert [(m.id, m.cell, m.style) for m in grid.marks] == [(1, "G4", "5")]
