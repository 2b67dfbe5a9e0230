"""The reader on real files: our templates filled in by hand, other writers, unreadable input."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from openpyxl import Workbook, load_workbook

from xltools.core.dates import parse_date
from xltools.core.plandata import WorkbookData
from xltools.core.schema import LANGS, PLANS, TEMPLATE_VERSION, VALUE_LISTS, PlanKind
from xltools.errors import UnreadableWorkbookError
from xltools.io.read import read_workbook
from xltools.io.template import new_workbook

Convert = Callable[..., list[Path]]  # the `convert` fixture of conftest.py

ACTION, ACTIVITY, COMMUNICATION = PlanKind.ACTION, PlanKind.ACTIVITY, PlanKind.COMMUNICATION

# What a user types into a fresh template: row number -> column key -> value. Row 4 stays
# empty on purpose; ids are numbers and text; dates real and typed as text; statuses as
# synonyms in several languages.
ACTION_ROWS: dict[int, dict[str, object]] = {
    2: {"id": 1, "topic": "Krav", "goal": "Less stress", "actions": "Weekly planning",
        "owner": "Mette Hansen", "start": date(2026, 9, 1), "deadline": date(2026, 11, 23),
        "follow_up": "Staff meeting", "follow_up_date": "uge 48 2026", "status": "Færdig",
        "backing": "Ja", "priority": "Høj", "notes": "line one\nline two"},
    3: {"id": "A-2", "topic": "Ledelse", "goal": "Clear roles", "actions": "Workshop",
        "owner": "Per", "deadline": "23.11.2026", "follow_up": "Survey", "status": "started"},
    5: {"id": 3, "topic": "Trivsel", "goal": "G", "actions": "A", "owner": "Ann",
        "deadline": "Q1 2027", "follow_up": "F", "status": "Ej påbörjad", "priority": "low"},
}
ACTIVITY_ROWS: dict[int, dict[str, object]] = {
    2: {"id": 1, "action_id": 1, "activity": "Kick-off", "how": "Meeting", "owner": "Mette",
        "deadline": "v. 48 2026", "follow_up": "Minutes", "status": "I gang"},
    3: {"id": 2, "action_id": "A-2", "activity": "Role cards", "how": "Workshop",
        "owner": "Per", "deadline": date(2027, 1, 15), "follow_up": "Check", "status": "Klar"},
}
COMMUNICATION_ROWS: dict[int, dict[str, object]] = {
    2: {"id": 1, "audience": "All staff", "involvement": "Høres", "purpose": "Tell",
        "message": "Plan is ready", "channel": "Intranet", "owner": "HR",
        "when": "november 2026", "status": "Pågår"},
}
FILLED = {ACTION: ACTION_ROWS, ACTIVITY: ACTIVITY_ROWS, COMMUNICATION: COMMUNICATION_ROWS}


def fill_template(path: Path, lang: str) -> None:
    """Type rows into a template the way a user does in Excel (openpyxl standing in)."""
    wb = load_workbook(path)
    for kind, rows in FILLED.items():
        schema = PLANS[kind]
        ws = wb[schema.title(lang)]
        letters = {c.key: i + 1 for i, c in enumerate(schema.columns)}
        for number, values in rows.items():
            for key, value in values.items():
                ws.cell(row=number, column=letters[key], value=value)
    checklist = wb[wb.sheetnames[4]]
    checklist["B2"] = VALUE_LISTS["yes_no_partly"].label("yes", lang)
    wb.save(path)


def assert_rows(data: WorkbookData, kind: PlanKind, expected: dict[int, dict[str, object]]) -> None:
    sheet = data.plans[kind]
    assert [row.number for row in sheet.rows] == list(expected)
    for row in sheet.rows:
        written = expected[row.number]
        assert {k: v for k, v in row.values.items() if v is not None} == written, row.number


@pytest.mark.parametrize("lang", LANGS)
def test_round_trip_of_a_filled_template(tmp_path: Path, lang: str) -> None:
    path = new_workbook(tmp_path / "plan.xlsx", lang, department="HR Nord")
    fill_template(path, lang)

    data = read_workbook(path)

    assert data.department == "HR Nord"
    assert data.language == lang
    assert data.template_version == TEMPLATE_VERSION
    assert list(data.plans) == list(PlanKind)
    for kind, rows in FILLED.items():
        sheet = data.plans[kind]
        assert sheet.name == PLANS[kind].title(lang)
        assert sheet.header_row == 1
        assert list(sheet.columns) == list(PLANS[kind].keys)
        assert sheet.unknown_columns == [] and sheet.duplicate_columns == []
        assert_rows(data, kind, rows)  # formatted-but-empty table rows are skipped
    assert data.plans[ACTION].letter("deadline") == "J"
    answers = {a.key: a.answer for a in data.checklist}
    assert len(answers) == 10
    assert answers["everyday_problem"] == VALUE_LISTS["yes_no_partly"].label("yes", lang)
    assert data.follow_up_log_sheet is not None


def test_department_falls_back_to_file_stem(tmp_path: Path) -> None:
    path = new_workbook(tmp_path / "Økonomi og løn.xlsx", "da")
    data = read_workbook(path)
    assert data.department == "Økonomi og løn"
    assert data.row_count == 0


# --- files from other writers ---------------------------------------------------------------------

# A hand-made Danish action plan: reordered columns, aliases, an unknown column, odd headers.
FOREIGN_HEADER = ["Nr.", "Status", "Frist", "Ansvarlig\nperson", "  EMNE ", "Vores note",
                  "Mål", "Indsatser", "Opfølgning"]
FOREIGN_ROWS: list[list[object]] = [
    [1, "Afsluttet", date(2026, 11, 23), "Mette", "Krav", "x", "Ro", "Møder", "Måling"],
    ["B-2", "I gang", "uge 48 2026", "Per", "Ledelse", None, "Roller", "Kort", "Møde"],
    [],
    [3, "Udskudt", "23.11.2026", "Ann", "Trivsel", None, "Trivsel", "Snak", "Møde"],
]
EXPECTED_KEYS = {"id": 0, "status": 1, "deadline": 2, "owner": 3, "topic": 4, "goal": 6,
                 "actions": 7, "follow_up": 8}


def assert_foreign_plan(data: WorkbookData, first_row: int, first_col: int, *,
                        dates_exact: bool = True) -> None:
    sheet = data.plans[ACTION]
    assert sheet.header_row == first_row
    assert {k: m.index - first_col for k, m in sheet.columns.items()} == EXPECTED_KEYS
    assert [m.header for m in sheet.unknown_columns] == ["Vores note"]
    assert [r.number for r in sheet.rows] == [first_row + 1, first_row + 2, first_row + 4]
    ids = [r.values["id"] for r in sheet.rows]
    assert ids == [1, "B-2", 3]
    statuses = [VALUE_LISTS["status"].lookup(r.values["status"]) for r in sheet.rows]
    assert statuses == ["done", "in_progress", "postponed"]
    deadlines = [r.values["deadline"] for r in sheet.rows]
    if dates_exact:
        assert deadlines[0] in (date(2026, 11, 23), datetime(2026, 11, 23))
    assert [parse_date(d) for d in deadlines] == [date(2026, 11, 23), date(2026, 11, 27),
                                                  date(2026, 11, 23)]
    assert sheet.rows[0].extra == {"Vores note": "x"}
    assert data.language == "da"


def write_with_openpyxl(path: Path) -> None:
    """Title, merged title cells, table at B3; sheet name is a plan title."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Handleplan 2026"
    ws["B1"] = "Handleplan for Salg"
    ws.merge_cells("B1:J1")
    for c, text in enumerate(FOREIGN_HEADER):
        ws.cell(row=3, column=c + 2, value=text)
    for r, values in enumerate(FOREIGN_ROWS, start=4):
        for c, value in enumerate(values):
            cell = ws.cell(row=r, column=c + 2, value=value)
            if isinstance(value, date):
                cell.number_format = "dd-mm-yyyy"
    about = wb.create_sheet("Om planen")
    about.append(["Afdeling", "Salg"])
    wb.save(path)


def test_xlsxwriter_file(tmp_path: Path) -> None:
    path = tmp_path / "salg.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Handleplan")
    title = book.add_format({"bold": True, "font_size": 16})
    ws.merge_range("C2:K2", "Handleplan 2026 — Salg", title)
    date_format = book.add_format({"num_format": "dd-mm-yyyy"})
    ws.write_row(3, 2, FOREIGN_HEADER)
    for r, values in enumerate(FOREIGN_ROWS, start=4):
        for c, value in enumerate(values):
            if isinstance(value, date):
                ws.write_datetime(r, c + 2, datetime(value.year, value.month, value.day),
                                  date_format)
            else:
                ws.write(r, c + 2, value)
    for r in range(10, 40):  # formatted but empty, as a user's "prepared" rows are
        ws.write_blank(r, 2, None, date_format)
    book.close()

    data = read_workbook(path)

    assert_foreign_plan(data, first_row=4, first_col=2)
    assert data.department == "salg"


def test_pandas_to_excel_file(tmp_path: Path) -> None:
    path = tmp_path / "Kundeservice.xlsx"
    frame = pd.DataFrame([row for row in FOREIGN_ROWS if row], columns=FOREIGN_HEADER)
    frame["Frist"] = [pd.Timestamp(d) if isinstance(d, date) else d for d in frame["Frist"]]
    # a blank row in the middle, as users leave them
    frame = pd.concat([frame.iloc[:2], pd.DataFrame([[None] * len(FOREIGN_HEADER)],
                                                    columns=FOREIGN_HEADER), frame.iloc[2:]])
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="Handleplan", startrow=2, startcol=1, index=False)
        writer.sheets["Handleplan"]["A1"] = "Handleplan — Kundeservice"
        pd.DataFrame({"a": ["Afdeling", "Sprog"], "b": ["Kundeservice Øst", "dansk"]}).to_excel(
            writer, sheet_name="Om planen", index=False, header=False)

    data = read_workbook(path)

    assert_foreign_plan(data, first_row=3, first_col=1)
    assert data.department == "Kundeservice Øst"


def test_libreoffice_converted_files(tmp_path: Path, convert: Convert) -> None:
    source = tmp_path / "src" / "Salg.xlsx"
    source.parent.mkdir()
    write_with_openpyxl(source)
    template = new_workbook(tmp_path / "src" / "Template.xlsx", "sv", department="IT")
    fill_template(template, "sv")
    files = [source, template]

    converted = [
        *convert(files, "ods", tmp_path / "ods"),
        *convert(files, "xls", tmp_path / "xls"),
        *convert(files, "xlsx:Calc MS Excel 2007 XML", tmp_path / "xlsx"),
    ]

    for path in converted:
        data = read_workbook(path)
        if path.stem == "Salg":
            assert_foreign_plan(data, first_row=3, first_col=1)
            assert data.department == "Salg"
        else:
            assert data.department == "IT", path
            assert data.language == "sv", path
            for kind, rows in FILLED.items():
                assert_rows(data, kind, rows)


# --- unreadable input -----------------------------------------------------------------------------


def _real_workbook_bytes(tmp_path: Path) -> bytes:
    return new_workbook(tmp_path / "real.xlsx", "en").read_bytes()


def _encrypted(tmp_path: Path) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = new_workbook(tmp_path / "plain.xlsx", "en")
    out = io.BytesIO()
    with plain.open("rb") as handle:
        OOXMLFile(handle).encrypt("secret", out)
    return out.getvalue()


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


UNREADABLE = {
    "empty": (lambda tmp: b"", "empty"),
    "truncated": (lambda tmp: _real_workbook_bytes(tmp)[:3000], "damaged or incomplete"),
    "random": (lambda tmp: os.urandom(4096), "not an Excel workbook"),
    "csv": (lambda tmp: "ID;Emne;Frist\n1;Trivsel på jobbet;23.11.2026\n".encode(), "CSV"),
    # Excel's own "CSV" export on a Danish or Swedish Windows is cp1252, not UTF-8
    "csv-cp1252": (lambda tmp: "ID;Område;Klart senast\n1;Återhämtning;v. 48\n".encode("cp1252"),
                   "CSV"),
    "html": (lambda tmp: b"<html><body><table><tr><td>ID</td></tr></table></body></html>",
             "HTML"),
    "encrypted": (_encrypted, "password"),
    "plain-zip": (lambda tmp: _zip({"notes.txt": "hello"}), "not an Excel workbook"),
    "zip-with-content-types-only": (
        lambda tmp: _zip({"[Content_Types].xml": "<Types/>"}), "cannot be read"),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_input_raises_one_plain_error(tmp_path: Path, case: str) -> None:
    make, reason = UNREADABLE[case]
    path = tmp_path / "plan.xlsx"
    path.write_bytes(make(tmp_path))

    with pytest.raises(UnreadableWorkbookError) as caught:
        read_workbook(path)

    message = str(caught.value)
    assert reason.lower() in message.lower(), message
    assert message.startswith(str(path))
    assert "Traceback" not in message and "\n" not in message
    assert len(message) < 400


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UnreadableWorkbookError, match="does not exist"):
        read_workbook(tmp_path / "nope.xlsx")
    with pytest.raises(UnreadableWorkbookError, match="folder"):
        read_workbook(tmp_path)
