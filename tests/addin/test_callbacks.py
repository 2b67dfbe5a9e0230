"""The ribbon callbacks on real xlwings Book objects (xlwings' JSON-backed book).

Payloads imitate xlwings' VBA client (``xlwings/addin/Remote.bas``, client "VBA"), the
one closest to our desktop add-in; some tests add the two per-sheet keys through which
the Office.js client tells the engine about notes, to check the notes path. ``Excel``
(tests/addin/simulated.py) applies a button's actions, so the next button runs on the result.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.addin.conftest import vba_payload, vba_sheet
from tests.addin.simulated import Excel, name_entry
from xltools.addin import buttons, callbacks, looks, ribbon
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
from xltools.core.texts import addin as texts
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
    doing = {"en": "In progress", "da": "I gang", "sv": "Pågår"}[lang]

    def row(id_: str, owner: str, deadline: object, status: str) -> list[object]:
        values = dict(zip(PLANS[PlanKind.ACTION].keys, [None] * len(header), strict=True))
        values.update(id=id_, topic="Workload", goal="Less overtime", actions="Plan the week",
                      owner=owner, start=datetime(2026, 1, 10), deadline=deadline,
                      follow_up="Monthly", status=status)
        return list(values.values())

    return [
        ["Action plan 2026"],
        header,
        row("1", "Anna", datetime(2026, 3, 1), doing),
        row("1", "everyone", "31-02-2026", "Maybe"),
        [None] * len(header),
        row("2", "Bo", datetime(2026, 6, 10), doing),
    ]


EXPECTED_MARKS = {
    ("Action plan", "J3"): OVERDUE,
    ("Action plan", "A4"): ERROR,
    ("Action plan", "G4"): WARNING,
    ("Action plan", "J4"): ERROR,
    ("Action plan", "N4"): ERROR,
    ("Action plan", "J6"): DUE_SOON,
}


def actions(book) -> list[dict]:
    return book.json()["actions"]


def alerts(book) -> list[str]:
    return [a["args"][0] for a in actions(book) if a["func"] == "alert"]


def painted(book, payload: dict) -> dict[tuple[str, str], str]:
    """The fills a button gave the payload's own sheets."""
    sheets = {s["name"] for s in payload["sheets"]}
    return {k: v for k, v in Excel(payload).run(actions(book)).coloured().items() if k[0] in sheets}


@pytest.fixture
def plan_payload() -> dict:
    return vba_payload([vba_sheet("Action plan", action_grid())], book_name="Salg.xlsx")


def office_js(payload: dict) -> dict:
    """The same workbook as the Office.js client sends it: with each sheet's notes."""
    payload = copy.deepcopy(payload)
    payload["client"] = "Office.js"
    for sheet in payload["sheets"]:
        sheet.setdefault("notes", [])
        sheet["notes_supported"] = True
    return payload


# --- Validate --------------------------------------------------------------------------------


def test_validate_marks_exactly_the_cells_with_issues(open_book, plan_payload):
    book = open_book(plan_payload)
    report = callbacks.validate(as_of=AS_OF)  # through Book.caller(), as from Excel
    assert painted(book, plan_payload) == EXPECTED_MARKS
    assert {(i.cell, i.code) for i in report.issues} == {
        ("J3", Code.OVERDUE), ("A4", Code.DUPLICATE_ID), ("G4", Code.VAGUE_OWNER),
        ("J4", Code.BAD_DATE), ("N4", Code.BAD_VALUE), ("J6", Code.DUE_SOON)}


def test_validate_writes_the_issues_sheet_with_links(open_book, plan_payload):
    book = open_book(plan_payload)
    report = callbacks.validate(book, as_of=AS_OF)
    excel = Excel(plan_payload).run(actions(book))
    assert excel.sheet_names() == ["Action plan", RECORD_SHEET, ISSUES_TITLES["en"]]
    rows = excel.payload["sheets"][2]["values"]
    assert rows[0][0] == "Marks in the cells" and rows[1][:2] == ["Error", "must be corrected"]
    header = rows.index([h["en"] for h in ISSUES_HEADERS])
    assert len(rows) == header + 1 + len(report.issues)
    # errors first, then in reading order; each address links to its cell (a HYPERLINK
    # formula written with the values: no call per link)
    assert [r[1:3] for r in rows[header + 1:header + 4]] == [
        ["Error", "duplicate-id"], ["Error", "bad-date"], ["Error", "bad-value"]]
    assert rows[header + 1][0] == ('=HYPERLINK("#\'Action plan\'!A4","\'Action plan\'!A4")')
    assert "'31-02-2026' is not a date" in rows[header + 2][3]
    links = {r[0] for r in rows[header + 1:]}
    assert links == {f'=HYPERLINK("#\'Action plan\'!{cell}","\'Action plan\'!{cell}")'
                     for _, cell in EXPECTED_MARKS}
    assert not [a for a in actions(book) if a["func"] == "addHyperlink"]
    activated = [a["sheet_position"] for a in actions(book) if a["func"] == "activateSheet"]
    assert activated == [2]  # opens on the Issues sheet
    assert alerts(book) == ["3 errors, 2 warnings and 1 note in 3 rows; 6 cells marked. "
                            "See the sheet 'Issues'."]


def test_validate_records_every_mark_before_painting_any(open_book, plan_payload):
    book = open_book(plan_payload)
    callbacks.validate(book, as_of=AS_OF)
    done = actions(book)
    record_writes = [i for i, a in enumerate(done)
                     if a["func"] == "setValues" and a["sheet_position"] == 1]
    names = [i for i, a in enumerate(done) if a["func"] == "namesAdd"]
    first_paint = next(i for i, a in enumerate(done) if a["func"] == "setRangeColors")
    assert record_writes[0] < first_paint and max(names[:-1]) < first_paint
    planned = Record.from_grid(done[record_writes[0]]["values"])
    assert planned is not None
    assert sorted((m.sheet, m.cell) for m in planned.marks) == sorted(EXPECTED_MARKS)
    # the VBA client turned out to have no notes: the marks' note columns are written again
    assert len(record_writes) == 2
    assert done[record_writes[1]]["start_column"] == RECORD_FIELDS.index("mark_frame")
    final_grid = Excel(plan_payload).run(done).payload["sheets"][1]["values"]
    final = Record.from_grid(final_grid)
    assert final is not None and final.active_sheet == "Action plan"
    assert RECORD_FIELDS in [tuple(row) for row in final_grid]
    assert [(m.sheet, m.cell) for m in final.marks] == [(m.sheet, m.cell) for m in planned.marks]
    assert all(m.note_action is NoteAction.UNTOUCHED for m in final.marks)
    # the JSON engine cannot read a fill or a border: recorded as none, no frame painted
    assert all(m.fill == "" and m.mark_frame == "" for m in final.marks)
    anchors = {a["args"][0]: a["args"][1] for a in done if a["func"] == "namesAdd"}
    assert anchors[anchor_name(1)].startswith("='Action plan'!$")
    assert anchors[RECORD_NAME] == f"={RECORD_SHEET}!$A$1"
    assert [a["args"] for a in done if a["func"] == "setSheetVisibility"] == [["Hidden"]]
    assert not [a for a in done if a["func"] in ("addNote", "setNoteText")]


def test_validate_paints_in_batches(open_book):
    grid = action_grid()
    for n in range(200):  # 200 more rows, every one with an unknown status and a group as owner
        grid.append([f"x{n}", "Workload", None, "Less overtime", None, "Plan", "everyone", None,
                     None, datetime(2027, 1, 1), None, "Monthly", None, "Maybe"])
    book = open_book(vba_payload([vba_sheet("Action plan", grid)]))
    callbacks.validate(book, as_of=AS_OF)
    calls = [a["func"] for a in actions(book)]
    marks = 6 + 400
    assert calls.count("setRangeColors") == 2  # one for the plan, one for the Issues legend
    assert "setRangeColor" not in calls and "addHyperlink" not in calls
    # what is left per mark is its anchor name, which the marks protocol needs
    assert calls.count("namesAdd") == marks + 2
    assert len(calls) < marks + 70


def test_validate_in_danish_uses_danish_titles_and_messages(open_book):
    payload = vba_payload([vba_sheet("Handleplan", action_grid("da"))])
    book = open_book(payload)
    callbacks.validate(book, as_of=AS_OF)
    excel = Excel(payload).run(actions(book))
    assert excel.sheet_names()[-1] == ISSUES_TITLES["da"]
    assert [h["da"] for h in ISSUES_HEADERS] in excel.payload["sheets"][-1]["values"]
    assert alerts(book) == ["3 fejl, 2 advarsler og 1 bemærkning i 3 rækker; 6 celler markeret. "
                            f"Se arket '{ISSUES_TITLES['da']}'."]


@pytest.mark.parametrize("lang", ["en", "da", "sv"])
def test_messages_speak_the_workbooks_language(open_book, lang):
    title = PLANS[PlanKind.ACTION].title(lang)
    payload = vba_payload([vba_sheet(title, action_grid(lang))])
    book = open_book(payload)
    callbacks.validate(book, as_of=AS_OF)
    expected = texts.VALIDATED[lang].format(
        errors=texts.ERRORS(3, lang), warnings=texts.WARNINGS(2, lang),
        notes=texts.NOTES(1, lang), rows=texts.ROWS(3, lang), cells=texts.CELLS(6, lang),
        sheet=ISSUES_TITLES[lang])
    assert alerts(book) == [expected]
    book = open_book(payload)
    callbacks.highlight_overdue(book, as_of=AS_OF)
    days = texts.DAYS(14, lang)
    assert alerts(book) == [texts.OVERDUE[lang].format(
        overdue=texts.OVERDUE_ITEMS(1, lang), soon=texts.DUE_SOON_ITEMS(1, lang, days=days))]


def test_counted_phrases_are_singular_for_one():
    assert texts.ERRORS(1, "en") == "1 error" and texts.ERRORS(2, "en") == "2 errors"
    assert texts.WARNINGS(1, "da") == "1 advarsel" and texts.WARNINGS(0, "da") == "0 advarsler"
    assert texts.ROWS(1, "sv") == "1 rad" and texts.ROWS(5, "sv") == "5 rader"
    assert texts.DUE_SOON_ITEMS(1, "en", days=texts.DAYS(1, "en")) == "1 item is due within 1 day"


def test_text_that_looks_like_a_formula_is_written_as_text(open_book):
    grid = action_grid()
    grid[3][13] = "=HYPERLINK(\"x\")"
    book = open_book(vba_payload([vba_sheet("Action plan", grid)]))
    callbacks.validate(book, as_of=AS_OF)
    written = [v for a in actions(book) if a["func"] == "setValues"
               for row in a["values"] for v in row]
    assert "'=HYPERLINK(\"x\")" in written
    formulas = [v for v in written if isinstance(v, str) and v.startswith("=")]
    assert formulas and all(v.startswith('=HYPERLINK("#') for v in formulas)  # only our links
    assert not [v for v in formulas if '"x"' in v]


def test_notes_where_the_client_supports_them(open_book, plan_payload):
    payload = office_js(plan_payload)
    payload["sheets"][0]["notes"] = [{"address": "J3"}]  # a note of the user's own
    book = open_book(payload)
    callbacks.validate(book, as_of=AS_OF)
    notes = {a["args"][0].replace("$", ""): a["args"][1]
             for a in actions(book) if a["func"] == "addNote"}
    assert set(notes) == {cell for _, cell in EXPECTED_MARKS} - {"J3"}  # J3's note is the user's
    assert notes["G4"].startswith("[vague-owner] 'everyone' is a group")
    assert not [a for a in actions(book) if a["func"] == "setNoteText"]


def test_no_plan_sheets_says_so_and_adds_no_sheet(open_book):
    book = open_book(vba_payload([vba_sheet("Sheet1", [["just", "notes"]])]))
    callbacks.validate(book, as_of=AS_OF)
    assert alerts(book) == [NO_PLANS["en"]]
    assert not [a for a in actions(book) if a["func"] in ("addSheet", "setRangeColors",
                                                            "namesAdd")]


def test_a_plan_without_problems_gets_no_issues_sheet(open_book):
    grid = action_grid()[:3]
    grid[2][9] = datetime(2026, 12, 1)  # not overdue, not due soon
    book = open_book(vba_payload([vba_sheet("Action plan", grid)]))
    callbacks.validate(book, as_of=AS_OF)
    assert alerts(book) == ["No problems found in 1 row."]
    assert not [a for a in actions(book) if a["func"] == "addSheet"]


def test_reading_a_sheet_is_capped_in_columns_too(open_book):
    from xltools.addin import painter

    grid = action_grid()
    grid[2] = grid[2] + [None] * 400 + ["a note far to the right"]  # column 416
    book = open_book(vba_payload([vba_sheet("Action plan", grid)]))
    read = painter.grid(book.sheets[0])
    assert len(read[0]) == painter.MAX_LIVE_COLUMNS and len(read) == len(grid)
    callbacks.validate(book, as_of=AS_OF)  # the plan itself is still checked
    assert alerts(book)[0].startswith("3 errors, 2 warnings")


def test_no_plans_speaks_the_users_language(open_book, monkeypatch):
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    book = open_book(vba_payload([vba_sheet("Blad1", [])]))
    callbacks.validate(book, as_of=AS_OF)
    assert alerts(book) == [NO_PLANS["sv"]]


# --- Highlight overdue and Clear marks -------------------------------------------------------


def test_highlight_overdue_marks_the_deadlines(open_book, plan_payload):
    book = open_book(plan_payload)
    assert callbacks.highlight_overdue(book, as_of=AS_OF) == 2
    assert painted(book, plan_payload) == {("Action plan", "J3"): OVERDUE,
                                           ("Action plan", "J6"): DUE_SOON}
    assert alerts(book) == ["1 item is overdue and 1 item is due within 14 days."]


def test_clear_marks_undoes_validate(open_book, plan_payload):
    book = open_book(plan_payload)
    callbacks.validate(book, as_of=AS_OF)
    excel = Excel(plan_payload).run(actions(book))
    assert excel.sheet_names() == ["Action plan", RECORD_SHEET, "Issues"]
    again = excel.open(open_book)
    assert callbacks.clear_marks() == len(EXPECTED_MARKS)
    excel.run(actions(again))
    assert excel.payload["sheets"] == plan_payload["sheets"]
    assert excel.payload["names"] == []
    assert excel.coloured() == {}
    assert alerts(again) == ["Marks removed from 6 cells."]


def test_clear_marks_without_marks_says_so(open_book, plan_payload):
    book = open_book(plan_payload)
    assert callbacks.clear_marks(book) == 0
    assert alerts(book) == [texts.NOTHING_TO_CLEAR["en"]]
    assert [a["func"] for a in actions(book)] == ["alert"]


def test_clear_marks_restores_a_recorded_fill_and_leaves_foreign_sheets(open_book, plan_payload):
    # A record as the desktop engine (or the file painter) writes it: a cell with its own fill.
    mark = MarkRecord(id=1, sheet="Action plan", cell="B3", fill=looks.fill_xml("#4472C4"),
                      mark_fill=SEVERITY_FILL[Severity.ERROR])
    sheets = [*plan_payload["sheets"], vba_sheet(RECORD_SHEET, Record(marks=[mark]).grid()),
              vba_sheet("Issues", [["A user's own sheet"]])]
    payload = vba_payload(sheets)
    payload["names"] = [name_entry(payload, RECORD_NAME, f"={RECORD_SHEET}!$A$1"),
                        name_entry(payload, anchor_name(1), "='Action plan'!$B$3")]
    book = open_book(payload)
    assert callbacks.clear_marks(book) == 1
    excel = Excel(payload).run(actions(book))
    assert excel.fills == {("Action plan", "B3"): "#4472c4"}
    assert excel.sheet_names() == ["Action plan", "Issues"]  # never the user's "Issues"


def test_validate_again_starts_from_clean_cells(open_book, plan_payload):
    book = open_book(plan_payload)
    callbacks.validate(book, as_of=AS_OF)
    excel = Excel(plan_payload).run(actions(book))
    again = excel.open(open_book)
    callbacks.validate(again, as_of=AS_OF)
    done = actions(again)
    first_paint = next(i for i, a in enumerate(done) if a["func"] == "setRangeColors"
                       and a["sheet_position"] == 0 and ERROR in str(a["args"]))
    deletes = [i for i, a in enumerate(done) if a["func"] == "sheetDelete"]
    assert len(deletes) == 2 and max(deletes) < first_paint
    excel.run(done)
    assert excel.sheet_names() == ["Action plan", RECORD_SHEET, "Issues"]


# --- nothing half done ----------------------------------------------------------------------


class ExcelFails(RuntimeError):
    """Excel refusing a call halfway through (busy, closed, out of memory...)."""


@pytest.mark.parametrize("where", ["notes", "fills", "issues sheet"])
def test_a_failure_halfway_is_said_plainly_and_clear_restores_everything(
        open_book, plan_payload, monkeypatch, user_home, where):
    import xlwings.main

    payload = office_js(plan_payload)
    payload["sheets"][0]["notes"] = [{"address": "G4"}]  # the user's own note on G4
    before = Excel(payload)
    before.notes[("Action plan", "G4")] = "Ask the team who leads this."
    calls = {"n": 0}

    def fail_on_third_note(self, text):
        calls["n"] += 1
        if calls["n"] == 3:
            raise ExcelFails("Excel is busy")
        return add_note(self, text)

    add_note = xlwings.main.Range.add_note
    if where == "notes":
        monkeypatch.setattr(xlwings.main.Range, "add_note", fail_on_third_note)
    elif where == "fills":
        monkeypatch.setattr(xlwings.main.Range, "set_colors",
                            lambda self, colours: (_ for _ in ()).throw(ExcelFails("busy")))
    else:
        from xltools.addin import painter

        monkeypatch.setattr(painter, "_write_issues",
                            lambda book, layout: (_ for _ in ()).throw(ExcelFails("busy")))
    book = open_book(payload)
    assert ribbon.dispatch("validate", book) is None  # no traceback reaches Excel
    [message] = alerts(book)
    assert message.startswith("xltools could not finish: an unexpected error (ExcelFails).")
    assert texts.MARKS_KEPT["en"] in message and "addin.log" in message
    log = next(user_home.rglob("addin.log")).read_text(encoding="utf-8")
    assert "button validate" in log and "ExcelFails" in log and "Traceback" in log
    excel = Excel(payload)
    excel.notes = dict(before.notes)
    excel.run(actions(book))
    if where != "fills":
        assert excel.coloured()  # something was painted before Excel failed
    monkeypatch.undo()
    monkeypatch.setenv("HOME", str(user_home))
    again = excel.open(open_book)
    callbacks.clear_marks(again)
    excel.run(actions(again))
    assert excel.payload["sheets"] == payload["sheets"]
    assert excel.payload["names"] == []
    assert excel.coloured() == {}
    assert excel.notes == before.notes


def test_every_button_fails_with_one_plain_message(open_book, plan_payload, monkeypatch):
    from xltools.addin import live

    def broken(book):
        raise KeyError("deep inside")

    monkeypatch.setattr(live, "read_book", broken)
    for button in ("validate", "highlight_overdue", "clear_marks", "add_action_plan"):
        book = open_book(plan_payload)
        assert ribbon.dispatch(button, book) is None
        [message] = alerts(book)
        assert message.startswith("xltools could not finish: an unexpected error (KeyError).")
        assert "Traceback" not in message


def test_a_bad_settings_file_is_named_in_the_message(open_book, plan_payload, tmp_path,
                                                     monkeypatch):
    from xltools.addin import live

    (tmp_path / "xltools.toml").write_text("[organisation]\ndue_soon_days = 'soon'\n",
                                           encoding="utf-8")
    book = open_book(plan_payload)
    monkeypatch.setattr(live, "full_name", lambda book: str(tmp_path / "Salg.xlsx"))
    ribbon.dispatch("validate", book)
    [message] = alerts(book)
    assert "xltools.toml, line 2" in message and "due_soon_days" in message
    assert [a["func"] for a in actions(book)] == ["alert"]  # nothing was changed


# --- cloud workbooks ---------------------------------------------------------------------------


SHAREPOINT_URL = "https://nordby.sharepoint.com/sites/HR/Delte%20dokumenter/Planer/Salg.xlsx"


def test_an_unsynced_cloud_workbook_gets_one_message_in_its_language(open_book):
    payload = vba_payload([vba_sheet("Handleplan", action_grid("da"))], book_name=SHAREPOINT_URL)
    for button in ("validate", "highlight_overdue", "add_action_plan"):
        book = open_book(payload)
        assert ribbon.dispatch(button, book) is None
        assert alerts(book) == [texts.CLOUD_NOT_SYNCED["da"]]
        assert [a["func"] for a in actions(book)] == ["alert"]  # nothing was changed
    book = open_book(payload)
    callbacks.clear_marks(book)  # needs no folder: works on a cloud workbook as it is
    assert alerts(book) == [texts.NOTHING_TO_CLEAR["da"]]


def test_a_synced_cloud_workbook_uses_the_settings_beside_it(open_book, user_home):
    from xltools.addin import userconf

    root = user_home / "Nordby Kommune"
    library = root / "HR - Delte dokumenter" / "Planer"
    library.mkdir(parents=True)
    (library / "Salg.xlsx").write_bytes(b"PK")
    (library / "xltools.toml").write_text("[organisation]\ndue_soon_days = 3\n", encoding="utf-8")
    userconf.write_conf(userconf.conf_path(), {"SHAREPOINT_WIN": str(root)})
    payload = vba_payload([vba_sheet("Handleplan", action_grid("da"))], book_name=SHAREPOINT_URL)
    book = open_book(payload)
    # with the library's 3-day window, J6 (9 days ahead) is no longer due soon
    assert callbacks.highlight_overdue(book, as_of=AS_OF) == 1
    assert alerts(book) == [texts.OVERDUE["da"].format(
        overdue=texts.OVERDUE_ITEMS(1, "da"),
        soon=texts.DUE_SOON_ITEMS(0, "da", days=texts.DAYS(3, "da")))]


# --- Add sheet ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("button", "kind"), [("add_action_plan", PlanKind.ACTION),
                                              ("add_activity_plan", PlanKind.ACTIVITY),
                                              ("add_communication_plan", PlanKind.COMMUNICATION)])
def test_add_sheet_lays_out_the_template_header(open_book, button, kind):
    payload = vba_payload([vba_sheet("Handleplan", action_grid("da"))])
    book = open_book(payload)
    name = getattr(callbacks, button)()
    title = PLANS[kind].title("da")
    assert name == (f"{title} (2)" if kind is PlanKind.ACTION else title)
    done = actions(book)
    assert [a["args"][1] for a in done if a["func"] == "addSheet"] == [name]
    header = next(a for a in done if a["func"] == "setValues")
    assert header["values"] == [header_labels(kind, "da")]
    widths = [a["args"][0] for a in done if a["func"] == "setColumnWidth"]
    assert widths == [c.width for c in PLANS[kind].columns]
    assert any(a["func"] == "addTable" for a in done)
    assert any(a["func"] == "freezePaneAtRange" for a in done)
    fills = Excel(payload).run(done).fills
    required = {f"{chr(65 + i)}1" for i, c in enumerate(PLANS[kind].columns) if c.required}
    assert {cell for (sheet, cell), colour in fills.items() if colour == "#12355a"} == required
    # the VBA client has no data validation: the sheet comes without drop-downs
    assert not [a for a in done if a["func"] == "setDataValidationList"]
    assert alerts(book) == [f"Arket '{name}' blev tilføjet."]


def test_add_sheet_adds_the_templates_live_colours(open_book):
    from xltools.addin.plansheet import TODAY_NAME

    book = open_book(vba_payload([vba_sheet("Handleplan", action_grid("da"))]))
    callbacks.add_plan_sheet(book, PlanKind.ACTION, "da")
    done = actions(book)
    today = [a["args"][1] for a in done if a["func"] == "namesAdd" and a["args"][0] == TODAY_NAME]
    assert today == ["=TODAY()"]
    rules = [a for a in done if a["func"] == "addConditionalFormat"]
    assert {(a["start_row"], a["start_column"], a["row_count"], a["column_count"])
            for a in rules} == {(1, 0, 999, len(PLANS[PlanKind.ACTION].columns))}
    # each new rule goes on top: added lowest priority first, so done (grey) ends up first
    entries = [a["args"][0] for a in reversed(rules)]
    assert [(e["type"], e["fill_color"], e["font_color"], e["stop_if_true"]) for e in entries] == [
        ("Custom", "#d9d9d9", "#7f7f7f", True), ("Custom", "#f8cbad", None, True),
        ("Custom", "#ffe699", None, True)]
    done_rule, overdue, soon = (e["formula"] for e in entries)
    assert done_rule == '=($N2="Gennemført")+($N2="Aflyst")'
    assert overdue == (f'=($J2<>"")*($J2<{TODAY_NAME})*($N2<>"Gennemført")*($N2<>"Aflyst")')
    assert f"($J2-{TODAY_NAME}<=14)" in soon
    # no function names and no list separators: Danish Excel reads them as they are
    assert not [f for f in (done_rule, overdue, soon) if re.search(r"\w\(|[;,]", f)]


def test_add_sheet_gives_drop_downs_where_the_client_supports_them(open_book):
    payload = vba_payload([vba_sheet("Sheet1", [])])
    payload["client"] = "Office.js"
    book = open_book(payload)
    callbacks.add_plan_sheet(book, PlanKind.ACTION, "en")
    lists = {a["start_column"]: a["args"][0]["values"] for a in actions(book)
             if a["func"] == "setDataValidationList"}
    keys = PLANS[PlanKind.ACTION].keys
    assert lists[keys.index("status")][:2] == ["Not started", "In progress"]
    assert "Workload" not in lists[keys.index("topic")] and lists[keys.index("topic")]


# --- New plan workbook, Roll up folder…, Chase lists… -----------------------------------------


def test_new_workbook_saves_where_the_dialog_said(open_book, tmp_path):
    from xltools.io.read import read_workbook

    book = open_book(vba_payload([vba_sheet("Handlingsplan", action_grid("sv"))]))
    target = tmp_path / "Planer för Åsa" / "Ekonomi 2027"  # typed without .xlsx
    target.parent.mkdir()
    path = ribbon.dispatch("new_workbook", book, paths=[target])
    assert path == target.with_name("Ekonomi 2027.xlsx")
    assert set(read_workbook(path).plans) == set(PlanKind)
    assert alerts(book) == [f"En ny planarbetsbok sparades som {path}."]
    again = open_book(vba_payload([vba_sheet("Handlingsplan", action_grid("sv"))]))
    before = path.read_bytes()
    assert ribbon.dispatch("new_workbook", again, paths=[path]) is None
    assert path.read_bytes() == before  # an existing (maybe filled-in) plan is never replaced
    assert "finns redan" in alerts(again)[0]


def test_new_workbook_without_a_dialog_goes_to_documents(open_book, user_home):
    book = open_book(vba_payload([vba_sheet("Sheet1", [])]))
    (user_home / "Documents").mkdir()
    first = callbacks.new_workbook(book)
    second = callbacks.new_workbook(book)
    assert first.parent == second.parent
    assert first.name == "xltools-plan-en.xlsx" and second.name == "xltools-plan-en (2).xlsx"


def test_rollup_folder_without_a_folder_does_nothing(open_book, plan_payload):
    book = open_book(plan_payload)
    assert callbacks.rollup_folder(book) is None
    assert alerts(book) == [texts.PICK_FIRST["en"]]


def _department_folder(tmp_path: Path) -> Path:
    from xltools.io.template import new_workbook

    folder = tmp_path / "Afdelinger"
    folder.mkdir()
    new_workbook(folder / "Salg.xlsx", "da", department="Salg")
    new_workbook(folder / "Løn.xlsx", "da", department="Løn")
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    return folder


def test_rollup_folder_writes_the_summary(open_book, plan_payload, tmp_path):
    folder = _department_folder(tmp_path)
    (folder / "xltools.toml").write_text('[organisation]\nlanguage = "da"\n', encoding="utf-8")
    target = tmp_path / "oversigt.xlsx"
    book = open_book(plan_payload)
    result = ribbon.dispatch("rollup_folder", book, paths=[folder, target])
    assert result == target and target.is_file()
    assert alerts(book) == [
        f"Organisationens sammenfatning af 2 afdelinger blev skrevet til {target}.\n"
        "1 projektmappe kunne ikke læses; arket 'Filer' siger hvorfor."]


def test_chase_lists_writes_a_list_per_department(open_book, plan_payload, tmp_path):
    folder = _department_folder(tmp_path)
    out = tmp_path / "Rykkere"
    book = open_book(plan_payload)
    index = ribbon.dispatch("chase_lists", book, paths=[folder, out])
    assert index is not None and index.parent == out and index.is_file()
    [message] = alerts(book)
    assert message.startswith("Chase lists for ") and str(out) in message


def test_progress_goes_to_the_status_bar():
    from xltools.addin.live import StatusBar

    class App:
        def __init__(self) -> None:
            self.shown: list[object] = []

        @property
        def status_bar(self) -> object:
            return self.shown[-1]

        @status_bar.setter
        def status_bar(self, value: object) -> None:
            self.shown.append(value)

    class Book:
        app = App()

    status = StatusBar(Book(), interval=3600)
    for done in range(1, 11):
        status.show(f"{done} of 10", force=done == 10)
    status.clear()
    assert Book.app.shown == ["1 of 10", "10 of 10", False]  # throttled, and given back


# --- Help and dispatch -------------------------------------------------------------------------


def test_help_names_version_settings_and_log(open_book, plan_payload, user_home):
    import xltools

    book = open_book(plan_payload)
    text = callbacks.help()
    assert xltools.__version__ in text and "addin.log" in text
    assert texts.DEFAULT_SETTINGS["en"] in text
    assert alerts(book) == [text]


def test_dispatch_table_matches_the_buttons():
    assert set(ribbon.ACTIONS) == set(buttons.BUTTON_IDS)
    for button_id, action in ribbon.ACTIONS.items():
        control = buttons.control(button_id)
        assert len(action.paths) == len(control.pickers), button_id
        assert callable(action.run)


def test_dispatch_runs_the_button_and_refuses_what_is_not_one(open_book, plan_payload):
    import xltools.addin

    book = open_book(plan_payload)
    assert xltools.addin.dispatch("help") == alerts(book)[0]
    with pytest.raises(ValueError, match="menu"):
        xltools.addin.dispatch("add_sheet", book)
    with pytest.raises(KeyError):
        xltools.addin.dispatch("no_such_button", book)
    with pytest.raises(ValueError, match="paths"):
        ribbon.dispatch("validate", book, paths=["x"])
    assert "globals()" not in Path(ribbon.__file__).read_text(encoding="utf-8")


def test_dispatch_picked_decodes_the_dialogs_paths(open_book, plan_payload, tmp_path):
    import xltools.addin

    open_book(plan_payload)
    target = tmp_path / "Løn & Personale's \"plan\"" / "Ny plan.xlsx"
    target.parent.mkdir()
    encoded = str(target).encode("utf-16-be").hex().upper()
    assert xltools.addin.dispatch_picked("new_workbook", encoded) == target
    assert target.is_file()


# --- the package's shape -----------------------------------------------------------------------


def test_the_vbas_entry_points_stay_functions_whatever_is_imported():
    # A submodule named like them would replace them on the package once imported.
    import importlib
    import pkgutil

    import xltools.addin

    for module in pkgutil.iter_modules(xltools.addin.__path__):
        importlib.import_module(f"xltools.addin.{module.name}")
        assert module.name not in ("dispatch", "dispatch_picked")
    assert callable(xltools.addin.dispatch) and callable(xltools.addin.dispatch_picked)
    assert xltools.addin.dispatch.__module__ == "xltools.addin"


def test_building_the_addin_never_imports_xlwings():
    code = ("import sys, xltools.addin, xltools.addin.build, xltools.addin.buttons; "
            "print('xlwings' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_addin_stays_on_bsd_xlwings():
    folder = Path(callbacks.__file__).parent
    for module in folder.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert "xlwings.pro" not in source and "LICENSE_KEY" not in source, module.name


def test_style_constants_come_from_the_core_not_the_template():
    folder = Path(callbacks.__file__).parent
    for module in folder.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert "from xltools.io.template import HEADER" not in source, module.name
        assert "TABLE_ROWS" not in source or "styles.TABLE_ROWS" in source, module.name


def test_fill_xml_round_trip():
    assert looks.fill_colour(looks.fill_xml("FF7C80")) == "#ff7c80"
    assert looks.fill_xml(None) == "" and looks.fill_colour("") is None
    openpyxl_xml = ('<fill><patternFill patternType="solid"><fgColor rgb="00FFC000"/>'
                    '<bgColor rgb="00FFC000"/></patternFill></fill>')
    assert looks.fill_colour(openpyxl_xml) == "#ffc000"
