"""The ribbon callbacks on real xlwings Book objects (xlwings' JSON-backed book).

Payloads imitate xlwings' VBA client (``xlwings/addin/Remote.bas``, client "VBA"), the
one closest to our desktop add-in; one test adds the two per-sheet keys through which
the Office.js client tells the engine about notes, to check the notes path.
"""

from __future__ import annotations

import copy
import importlib.util
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.addin.conftest import vba_payload, vba_sheet
from xltools.addin import buttons, callbacks
from xltools.core.issues import Code, Severity
from xltools.core.marks import (
    CODE_FILL,
    ISSUES_HEADERS,
    RECORD_FIELDS,
    RECORD_NAME,
    RECORD_SHEET,
    SEVERITY_FILL,
    MarkRecord,
    NoteAction,
    Record,
    anchor_name,
)
from xltools.core.schema import ISSUES_TITLES, PLANS, PlanKind
from xltools.core.texts import NO_PLANS
from xltools.io.template import header_labels

AS_OF = date(2026, 6, 1)
ERROR = "#" + SEVERITY_FILL[Severity.ERROR].lower()
WARNING = "#" + SEVERITY_FILL[Severity.WARNING].lower()
OVERDUE = "#" + CODE_FILL[Code.OVERDUE].lower()
DUE_SOON = "#" + CODE_FILL[Code.DUE_SOON].lower()


def action_grid(lang: str = "en") -> list[list[object]]:
    """An action plan under a title row, with known problems (as of 2026-06-01):

    row 3 fine but overdue (deadline J3 = 2026-03-01); row 4: duplicate id (A4), group as
    owner (G4), an impossible date (J4), an unknown status (N4); row 5 blank; row 6 due soon.
    """
    header = header_labels(PlanKind.ACTION, lang)
    done = {"en": "In progress", "da": "I gang", "sv": "Pågår"}[lang]

    def row(id_: str, owner: str, deadline: object, status: str) -> list[object]:
        values = dict(zip(PLANS[PlanKind.ACTION].keys, [None] * len(header), strict=True))
        values.update(id=id_, topic="Workload", goal="Less overtime", actions="Plan the week",
                      owner=owner, start=datetime(2026, 1, 10), deadline=deadline,
                      follow_up="Monthly", status=status)
        return list(values.values())

    return [
        ["Action plan 2026"],
        header,
        row("1", "Anna", datetime(2026, 3, 1), done),
        row("1", "everyone", "31-02-2026", "Maybe"),
        [None] * len(header),
        row("2", "Bo", datetime(2026, 6, 10), done),
    ]


EXPECTED_MARKS = {
    ("Action plan", "J3"): OVERDUE,
    ("Action plan", "A4"): ERROR,
    ("Action plan", "G4"): WARNING,
    ("Action plan", "J4"): ERROR,
    ("Action plan", "N4"): ERROR,
    ("Action plan", "J6"): "#" + CODE_FILL[Code.DUE_SOON].lower(),
}


def address(action: dict, payload_sheets: list[str]) -> tuple[str, str]:
    from xlwings.utils import col_name

    cell = f"{col_name(action['start_column'] + 1)}{action['start_row'] + 1}"
    if action["row_count"] != 1 or action["column_count"] != 1:
        last = (f"{col_name(action['start_column'] + action['column_count'])}"
                f"{action['start_row'] + action['row_count']}")
        cell = f"{cell}:{last}"
    return payload_sheets[action["sheet_position"]], cell


def colours(book, sheets: list[str]) -> dict[tuple[str, str], str | None]:
    """The fills painted on the given sheets (the Issues sheet's legend is not among them)."""
    return {address(a, sheets): a["args"][0] for a in book.json()["actions"]
            if a["func"] == "setRangeColor" and a["sheet_position"] < len(sheets)}


def apply(payload: dict, actions: list[dict]) -> dict:
    """What Excel holds after running the actions, as the next request's payload."""
    payload = copy.deepcopy(payload)
    sheets = payload["sheets"]
    for action in actions:
        func, args = action["func"], action["args"]
        if func == "addSheet":
            sheets.insert(args[0], {"name": args[1], "pictures": [], "tables": [],
                                    "values": [[]]})
        elif func == "sheetDelete":
            del sheets[action["sheet_position"]]
        elif func == "namesAdd":
            payload["names"].append(name_entry(payload, args[0], args[1]))
        elif func == "nameDelete":
            payload["names"] = [n for n in payload["names"] if n["name"] != args[2]]
        elif func == "setValues":
            grid = sheets[action["sheet_position"]]["values"]
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
    return payload


def name_entry(payload: dict, name: str, refers_to: str) -> dict:
    """A book-level defined name as the VBA client lists it in the payload."""
    from xltools.core.marks import parse_reference

    sheet, cell = parse_reference(refers_to) or ("", "")
    index = next((i for i, s in enumerate(payload["sheets"]) if s["name"] == sheet), None)
    return {"name": name, "refers_to": refers_to, "sheet_index": index, "address": cell,
            "book_scope": True, "scope_sheet_index": None, "scope_sheet_name": None}


def names(payload: dict) -> list[str]:
    return [s["name"] for s in payload["sheets"]]


@pytest.fixture
def plan_payload() -> dict:
    return vba_payload([vba_sheet("Action plan", action_grid())], book_name="Salg.xlsx")


def test_validate_marks_exactly_the_cells_with_issues(open_book, plan_payload):
    book = open_book(plan_payload)
    report = callbacks.validate(as_of=AS_OF)  # through Book.caller(), as from Excel
    assert colours(book, names(plan_payload)) == EXPECTED_MARKS
    assert {(i.cell, i.code) for i in report.issues} == {
        ("J3", Code.OVERDUE), ("A4", Code.DUPLICATE_ID), ("G4", Code.VAGUE_OWNER),
        ("J4", Code.BAD_DATE), ("N4", Code.BAD_VALUE), ("J6", Code.DUE_SOON)}


def test_validate_writes_the_issues_sheet_with_links(open_book, plan_payload):
    book = open_book(plan_payload)
    report = callbacks.validate(book, as_of=AS_OF)
    actions = book.json()["actions"]
    added = [a["args"][1] for a in actions if a["func"] == "addSheet"]
    assert added == [ISSUES_TITLES["en"], RECORD_SHEET]
    issues_index = 1  # after "Action plan"
    written = [a for a in actions if a["func"] == "setValues" and a["sheet_position"] == issues_index]
    assert len(written) == 1
    rows = written[0]["values"]
    assert rows[0][0] == "Marks in the cells" and rows[1][:2] == ["Error", "must be corrected"]
    header = rows.index([h["en"] for h in ISSUES_HEADERS])
    assert len(rows) == header + 1 + len(report.issues)
    # errors first, then in reading order: by row, then by column
    assert [r[:3] for r in rows[header + 1:header + 4]] == [
        ["'Action plan'!A4", "Error", "duplicate-id"], ["'Action plan'!J4", "Error", "bad-date"],
        ["'Action plan'!N4", "Error", "bad-value"]]
    assert "'31-02-2026' is not a date" in rows[header + 2][3]
    links = {a["args"][0] for a in actions if a["func"] == "addHyperlink"}
    assert links == {f"#'Action plan'!{cell}" for _, cell in EXPECTED_MARKS}
    assert {"func": "activateSheet"}.items() <= next(
        a for a in actions if a["func"] == "activateSheet").items()  # opens on the Issues sheet
    alert = [a for a in actions if a["func"] == "alert"]
    assert len(alert) == 1 and alert[0]["args"][0].startswith("3 errors, 2 warnings")


def test_validate_remembers_each_cell_in_the_hidden_marks_record(open_book, plan_payload):
    book = open_book(plan_payload)
    callbacks.validate(book, as_of=AS_OF)
    actions = book.json()["actions"]
    written = next(a for a in actions if a["func"] == "setValues" and a["sheet_position"] == 2)
    record = Record.from_grid(written["values"])
    assert record is not None and record.active_sheet == "Action plan"
    assert RECORD_FIELDS in [tuple(row) for row in written["values"]]
    assert sorted((m.sheet, m.cell) for m in record.marks) == sorted(EXPECTED_MARKS)
    # the JSON engine cannot read a fill or a border: recorded as none, no frame painted;
    # the VBA client has no notes: left alone
    assert all(m.fill == "" and m.mark_frame == "" for m in record.marks)
    assert all(m.note_action is NoteAction.UNTOUCHED for m in record.marks)
    anchors = {a["args"][0]: a["args"][1] for a in actions if a["func"] == "namesAdd"}
    assert anchors[anchor_name(1)].startswith("='Action plan'!$")
    assert anchors[RECORD_NAME] == f"={RECORD_SHEET}!$A$1"
    assert {"func": "setSheetVisibility", "args": ["Hidden"]}.items() <= next(
        a for a in actions if a["func"] == "setSheetVisibility").items()
    assert not [a for a in actions if a["func"] in ("addNote", "setNoteText")]


def test_clear_marks_undoes_validate(open_book, plan_payload):
    book = open_book(plan_payload)
    callbacks.validate(book, as_of=AS_OF)
    after = apply(plan_payload, book.json()["actions"])
    assert names(after) == ["Action plan", "Issues", RECORD_SHEET]
    again = open_book(after)
    restored = callbacks.clear_marks()
    assert restored == len(EXPECTED_MARKS)
    assert colours(again, names(after)) == dict.fromkeys(EXPECTED_MARKS)
    current, deleted = names(after), []
    for action in again.json()["actions"]:
        if action["func"] == "sheetDelete":
            deleted.append(current.pop(action["sheet_position"]))
    assert deleted == [RECORD_SHEET, "Issues"]
    final = apply(after, again.json()["actions"])
    assert final["sheets"] == plan_payload["sheets"]
    assert final["names"] == []


def test_clear_marks_restores_a_recorded_fill_and_leaves_foreign_sheets(open_book, plan_payload):
    # A record as the desktop engine (or the file painter) writes it: a cell with its own fill.
    mark = MarkRecord(id=1, sheet="Action plan", cell="B3", fill=callbacks.fill_xml("#4472C4"),
                      mark_fill=SEVERITY_FILL[Severity.ERROR])
    sheets = [*plan_payload["sheets"], vba_sheet(RECORD_SHEET, Record(marks=[mark]).grid()),
              vba_sheet("Issues", [["A user's own sheet"]])]
    payload = vba_payload(sheets)
    payload["names"] = [name_entry(payload, RECORD_NAME, f"={RECORD_SHEET}!$A$1"),
                        name_entry(payload, anchor_name(1), "='Action plan'!$B$3")]
    book = open_book(payload)
    assert callbacks.clear_marks(book) == 1
    assert colours(book, [s["name"] for s in sheets]) == {("Action plan", "B3"): "#4472c4"}
    deleted = [a["sheet_position"] for a in book.json()["actions"] if a["func"] == "sheetDelete"]
    assert deleted == [1]  # only the record, never the user's "Issues"


def test_validate_again_starts_from_clean_cells(open_book, plan_payload):
    book = open_book(plan_payload)
    callbacks.validate(book, as_of=AS_OF)
    again = open_book(apply(plan_payload, book.json()["actions"]))
    callbacks.validate(again, as_of=AS_OF)
    actions = again.json()["actions"]
    first_paint = next(i for i, a in enumerate(actions) if a["args"] and a["args"][0] == ERROR)
    deletes = [i for i, a in enumerate(actions) if a["func"] == "sheetDelete"]
    assert len(deletes) == 2 and max(deletes) < first_paint


def test_notes_where_the_client_supports_them(open_book, plan_payload):
    payload = copy.deepcopy(plan_payload)
    payload["client"] = "Office.js"
    # The Office.js client lists a sheet's notes by address (texts are fetched on demand).
    payload["sheets"][0]["notes"] = [{"address": "J3"}]
    payload["sheets"][0]["notes_supported"] = True
    book = open_book(payload)
    callbacks.validate(book, as_of=AS_OF)
    notes = {a["args"][0].replace("$", ""): a["args"][1]
             for a in book.json()["actions"] if a["func"] == "addNote"}
    assert set(notes) == {cell for _, cell in EXPECTED_MARKS} - {"J3"}  # J3's note is the user's
    assert notes["G4"].startswith("[vague-owner] 'everyone' is a group")
    assert not [a for a in book.json()["actions"] if a["func"] == "setNoteText"]


def test_validate_in_danish_uses_danish_titles_and_messages(open_book):
    payload = vba_payload([vba_sheet("Handleplan", action_grid("da"))])
    book = open_book(payload)
    callbacks.validate(book, as_of=AS_OF)
    actions = book.json()["actions"]
    assert next(a["args"][1] for a in actions if a["func"] == "addSheet") == ISSUES_TITLES["da"]
    header = next(a for a in actions if a["func"] == "setValues" and a["sheet_position"] == 1)
    assert [h["da"] for h in ISSUES_HEADERS] in header["values"]
    assert "fejl" in next(a for a in actions if a["func"] == "alert")["args"][0]


def test_text_that_looks_like_a_formula_is_written_as_text(open_book):
    grid = action_grid()
    grid[3][13] = "=HYPERLINK(\"x\")"
    book = open_book(vba_payload([vba_sheet("Action plan", grid)]))
    callbacks.validate(book, as_of=AS_OF)
    written = [v for a in book.json()["actions"] if a["func"] == "setValues"
               for row in a["values"] for v in row]
    assert "'=HYPERLINK(\"x\")" in written
    assert not [v for v in written if isinstance(v, str) and v.startswith("=")]


def test_highlight_overdue_marks_the_deadlines(open_book, plan_payload):
    book = open_book(plan_payload)
    assert callbacks.highlight_overdue(book, as_of=AS_OF) == 2
    painted = colours(book, names(plan_payload))
    assert painted == {("Action plan", "J3"): OVERDUE, ("Action plan", "J6"): DUE_SOON}
    assert "1 overdue and 1 due" in next(a for a in book.json()["actions"]
                                         if a["func"] == "alert")["args"][0]


def test_no_plan_sheets_says_so(open_book):
    book = open_book(vba_payload([vba_sheet("Sheet1", [])]))
    callbacks.validate(book, as_of=AS_OF)
    alerts = [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]
    assert alerts == [NO_PLANS["en"]]
    assert not colours(book, ["Sheet1"])


@pytest.mark.parametrize(("button", "kind"), [("add_action_plan", PlanKind.ACTION),
                                              ("add_activity_plan", PlanKind.ACTIVITY),
                                              ("add_communication_plan", PlanKind.COMMUNICATION)])
def test_add_sheet_lays_out_the_template_header(open_book, button, kind):
    payload = vba_payload([vba_sheet("Handleplan", action_grid("da"))])
    book = open_book(payload)
    name = getattr(callbacks, button)()
    title = PLANS[kind].title("da")
    assert name == (f"{title} (2)" if kind is PlanKind.ACTION else title)
    actions = book.json()["actions"]
    assert [a["args"][1] for a in actions if a["func"] == "addSheet"] == [name]
    header = next(a for a in actions if a["func"] == "setValues")
    assert header["values"] == [header_labels(kind, "da")]
    widths = [a["args"][0] for a in actions if a["func"] == "setColumnWidth"]
    assert widths == [c.width for c in PLANS[kind].columns]
    assert any(a["func"] == "addTable" for a in actions)
    # the VBA client has no data validation: the sheet comes without drop-downs
    assert not [a for a in actions if a["func"] == "setDataValidationList"]


def test_add_sheet_gives_drop_downs_where_the_client_supports_them(open_book):
    payload = vba_payload([vba_sheet("Sheet1", [])])
    payload["client"] = "Office.js"
    book = open_book(payload)
    callbacks.add_plan_sheet(book, PlanKind.ACTION, "en")
    lists = [a for a in book.json()["actions"] if a["func"] == "setDataValidationList"]
    status = PLANS[PlanKind.ACTION].keys.index("status")
    assert {a["start_column"] for a in lists} >= {status}


def test_new_workbook_writes_the_template(open_book, tmp_path):
    from xltools.io.read import read_workbook

    book = open_book(vba_payload([vba_sheet("Handlingsplan", action_grid("sv"))]))
    path = callbacks.new_workbook(folder=tmp_path)
    assert path == tmp_path / "xltools-plan-sv.xlsx"
    assert set(read_workbook(path).plans) == set(PlanKind)
    second = callbacks.new_workbook(book, folder=tmp_path)
    assert second.name == "xltools-plan-sv (2).xlsx"  # never overwrites
    alerts = [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]
    assert str(path) in alerts[0]


def test_rollup_folder_cancelled_does_nothing(open_book, plan_payload):
    book = open_book(plan_payload)
    assert callbacks.rollup_folder(book, choose=lambda: None) is None
    assert book.json()["actions"] == []


@pytest.mark.skipif(importlib.util.find_spec("xltools.rollup") is None,
                    reason="xltools.rollup (the roll-up, built separately) is not in this tree yet")
def test_rollup_folder_writes_the_summary(open_book, plan_payload, tmp_path):
    from xltools.io.template import new_workbook

    folder = tmp_path / "plans"
    folder.mkdir()
    new_workbook(folder / "Salg.xlsx", "da", department="Salg")
    target = tmp_path / "summary.xlsx"
    book = open_book(plan_payload)
    result = callbacks.rollup_folder(book, choose=lambda: folder, choose_target=lambda f: target,
                                     as_of=AS_OF)
    assert result == target and target.is_file()


def test_help_shows_version(open_book, plan_payload):
    import xltools

    book = open_book(plan_payload)
    text = callbacks.help()
    assert xltools.__version__ in text
    assert [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"] == [text]


def test_every_button_has_a_callback_and_dispatch_runs_it(open_book, plan_payload):
    import xltools.addin

    for button_id in buttons.BUTTON_IDS:
        assert callable(getattr(callbacks, button_id)), button_id
    book = open_book(plan_payload)
    assert xltools.addin.dispatch("help") == callbacks.help(book)
    with pytest.raises(ValueError, match="menu"):
        xltools.addin.dispatch("add_sheet", book)
    with pytest.raises(KeyError):
        xltools.addin.dispatch("no_such_button", book)


def test_building_the_addin_never_imports_xlwings():
    code = ("import sys, xltools.addin, xltools.addin.build, xltools.addin.buttons; "
            "print('xlwings' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_callbacks_stay_on_bsd_xlwings():
    source = Path(callbacks.__file__).read_text(encoding="utf-8")
    assert "xlwings.pro" not in source and "LICENSE_KEY" not in source


def test_fill_xml_round_trip():
    assert callbacks.fill_colour(callbacks.fill_xml("FF7C80")) == "#ff7c80"
    assert callbacks.fill_xml(None) == "" and callbacks.fill_colour("") is None
    openpyxl_xml = ('<fill><patternFill patternType="solid"><fgColor rgb="00FFC000"/>'
                    '<bgColor rgb="00FFC000"/></patternFill></fill>')
    assert callbacks.fill_colour(openpyxl_xml) == "#ffc000"


def test_install_without_a_path_builds_per_user(monkeypatch):
    from xltools.addin import build

    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    home = Path("/home/u")
    assert build.default_addin_path("win32", home) == home / "AppData/Local/xltools/xltools.xlam"
    assert build.default_addin_path("darwin", home) == (
        home / "Library/Application Support/xltools/xltools.xlam")
    if not sys.platform.startswith(("win", "darwin")):
        with pytest.raises(RuntimeError, match="desktop Excel"):
            build.install_addin()
