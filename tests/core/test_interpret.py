"""Header detection and row reading on plain grids, as every reader hands them over."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xltools.core.interpret import (
    find_header,
    interpret_plan_sheet,
    interpret_workbook,
    sheet_role,
)
from xltools.core.schema import LANGS, PLANS, PlanKind

ACTION = PlanKind.ACTION


def labels(kind: PlanKind, lang: str) -> list[str]:
    return [c.label(lang) for c in PLANS[kind].columns]


def test_header_on_first_row() -> None:
    grid = [labels(ACTION, "en"), [1, "Demands"]]
    sheet = interpret_plan_sheet("Action plan", grid, ACTION)
    assert sheet.header_row == 1
    assert list(sheet.columns) == list(PLANS[ACTION].keys)
    assert [r.number for r in sheet.rows] == [2]
    assert sheet.rows[0].values["topic"] == "Demands"
    assert sheet.unknown_columns == []


def test_title_rows_above_and_table_not_at_a1() -> None:
    header = ["", "", *labels(ACTION, "da")]
    grid = [
        ["Handleplan for HR 2026"],
        [],
        ["", "", "Udfyldt af: Mette"],
        header,
        ["", "", 7, "Krav", None, "Mindre stress"],
    ]
    sheet = interpret_plan_sheet("Handleplan", grid, ACTION)
    assert sheet.header_row == 4
    assert sheet.columns["id"].index == 2
    assert sheet.columns["id"].letter == "C"
    assert sheet.letter("topic") == "D"
    row = sheet.rows[0]
    assert row.number == 5
    assert row.values["id"] == 7
    assert row.values["goal"] == "Mindre stress"


def test_reordered_columns_aliases_odd_headers_and_unknown_columns_kept() -> None:
    header = ["  STATUS ", "Frist", "Ansvarlig\nperson", "Emne", "Nr.", "Min egen kolonne",
              "problem /\n udfordring", "MÅL", "Indsatser*"]
    row = ["Færdig", "23.11.2026", "Mette", "Krav", "A1", "noget", "for travlt", "ro", "møder"]
    sheet = interpret_plan_sheet("Handleplan", [header, row], ACTION)
    assert {k: m.index for k, m in sheet.columns.items()} == {
        "status": 0, "deadline": 1, "owner": 2, "topic": 3, "id": 4, "problem": 6, "goal": 7,
        "actions": 8}
    assert sheet.columns["owner"].header == "Ansvarlig person"  # line break shown as a space
    assert [m.header for m in sheet.unknown_columns] == ["Min egen kolonne"]
    assert sheet.unknown_columns[0].letter == "F"
    values = sheet.rows[0].values
    assert values["status"] == "Færdig"
    assert values["deadline"] == "23.11.2026"
    assert values["id"] == "A1"
    assert sheet.rows[0].extra == {"Min egen kolonne": "noget"}


def test_duplicate_header_is_kept_apart() -> None:
    header = ["ID", "Topic", "Goal", "Goals"]
    sheet = interpret_plan_sheet("Action plan", [header, [1, "x", "a", "b"]], ACTION)
    assert sheet.columns["goal"].index == 2
    assert [m.header for m in sheet.duplicate_columns] == ["Goals"]
    assert sheet.rows[0].extra == {"Goals": "b"}


def test_blank_and_trailing_empty_rows_skipped_row_numbers_exact() -> None:
    header = labels(ACTION, "sv")
    width = len(header)
    grid = [
        header,
        [1, "Krav"] + [None] * (width - 2),
        [""] * width,
        [None, "   ", "\u00a0".strip()],
        ["2", "Ledarskap"],
        [],
        *([[""] * width] * 50),  # formatted-but-empty rows at the end
    ]
    sheet = interpret_plan_sheet("Handlingsplan", grid, ACTION)
    assert [r.number for r in sheet.rows] == [2, 5]
    assert sheet.rows[1].values["id"] == "2"
    assert sheet.rows[1].values["goal"] is None  # short row: missing cells are blank


def test_whitespace_is_trimmed_and_blank_text_is_none() -> None:
    grid = [["ID", "Topic", "Goal"], ["  A-1 ", "  ", "\tgoal\n"]]
    row = interpret_plan_sheet("Action plan", grid, ACTION).rows[0]
    assert row.values == {"id": "A-1", "topic": None, "goal": "goal"}


def test_ids_as_numbers_or_text_and_real_dates_pass_through() -> None:
    grid = [["ID", "Topic", "Deadline"], [3.0, "a", datetime(2026, 11, 23)], ["B7", "b", date(2027, 1, 1)],
            [12, "c", "uge 48"]]
    rows = interpret_plan_sheet("Action plan", grid, ACTION).rows
    assert [r.values["id"] for r in rows] == [3, "B7", 12]
    assert isinstance(rows[0].values["id"], int)  # calamine hands whole numbers over as floats
    assert rows[0].values["deadline"] == datetime(2026, 11, 23)
    assert rows[2].values["deadline"] == "uge 48"


def test_no_header_found() -> None:
    sheet = interpret_plan_sheet("Action plan", [["just", "some"], ["notes"]], ACTION)
    assert sheet.header_row is None
    assert sheet.rows == []
    assert find_header([], ACTION) is None


def test_header_below_search_window_is_not_found() -> None:
    grid = [[f"note {i}"] for i in range(40)] + [labels(ACTION, "en")]
    assert find_header(grid, ACTION) is None


def test_best_header_row_wins_over_a_title_that_names_two_columns() -> None:
    grid = [["Status", "Deadline"], [], labels(ACTION, "en")]
    assert find_header(grid, ACTION) == (2, len(PLANS[ACTION].columns))


@pytest.mark.parametrize(
    ("name", "role"),
    [("Handleplan", "action"), ("HANDLINGSPLAN", "action"), ("Action plan 2026", "action"),
     ("Aktivitetsplan", "activity"), ("Kommunikationsplan", "communication"),
     ("Om planen", "about"), ("Tjekliste", "checklist"), ("Uppföljningslogg", "follow_up_log"),
     ("Lister", "lists"), ("Sheet1", None), ("Budget", None)],
)
def test_sheet_role(name: str, role: str | None) -> None:
    assert sheet_role(name) == role


@pytest.mark.parametrize("lang", LANGS)
def test_workbook_language_department_and_plans(lang: str) -> None:
    grids = {PLANS[kind].title(lang): [labels(kind, lang), [1]] for kind in PlanKind}
    data = interpret_workbook("x.xlsx", grids, fallback_department="Fallback")
    assert data.language == lang
    assert data.department == "Fallback"
    assert list(data.plans) == list(PlanKind)
    assert data.row_count == 3


def test_about_sheet_gives_department_language_version() -> None:
    grids = {
        "About": [["Field", "Value"], ["Department", "  Sales   North "], ["Sprog", "Svenska"],
                  ["Template version", 1.0], ["Last updated", "23.11.2026"]],
        "Sheet1": [labels(ACTION, "en"), [1, "x"]],
    }
    data = interpret_workbook("x.xlsx", grids, fallback_department="file")
    assert data.department == "Sales North"
    assert data.language == "sv"  # stated in About; wins over the headers' language
    assert data.template_version == "1"
    assert data.last_updated == date(2026, 11, 23)
    assert PlanKind.ACTION in data.plans  # found by its header though the sheet is "Sheet1"


def test_blank_department_falls_back_to_file_stem() -> None:
    grids = {"Om planen": [["Afdeling", "   "]], "Handleplan": [labels(ACTION, "da")]}
    data = interpret_workbook("x.xlsx", grids, fallback_department="Økonomi")
    assert data.department == "Økonomi"
    assert data.language == "da"


def test_unrelated_sheet_is_not_taken_for_a_plan() -> None:
    grids = {"Budget": [["Status", "Deadline", "Amount"], ["done", "x", 3]]}
    data = interpret_workbook("x.xlsx", grids, fallback_department="f")
    assert data.plans == {}
    assert data.other_sheets == ["Budget"]


def _variant(draw: st.DrawFn, text: str) -> str:
    out = []
    for ch in text:
        if ch == " ":
            ch = draw(st.sampled_from([" ", "  ", "\n", " \t", "\u00a0", "\r\n"]))
        elif draw(st.booleans()):
            ch = ch.swapcase()
        out.append(ch)
    pad = st.sampled_from(["", " ", "  ", "\n", "\t"])
    return draw(pad) + "".join(out) + draw(pad)


@st.composite
def header_variants(draw: st.DrawFn) -> tuple[PlanKind, str, str, str]:
    kind = draw(st.sampled_from(list(PlanKind)))
    column = draw(st.sampled_from(PLANS[kind].columns))
    text = draw(st.sampled_from([*column.labels.all(), *column.aliases]))
    return kind, column.key, text, _variant(draw, text)


@given(header_variants())
def test_case_and_whitespace_variants_still_match(case: tuple[PlanKind, str, str, str]) -> None:
    kind, key, _, variant = case
    other = next(c for c in PLANS[kind].columns if c.key != key)
    grid = [[variant, other.label("en")], ["v", "w"]]
    sheet = interpret_plan_sheet("x", grid, kind)
    assert sheet.columns[key].index == 0, repr(variant)


def test_a_second_table_below_the_plan_ends_it() -> None:
    from xltools.core.interpret import interpret_plan_sheet
    from xltools.core.schema import PlanKind

    grid = [
        ["ID", "Topic", "Goal", "Actions", "Status"],
        [1, "Demands", "g1", "a1", "Done"],
        [2, "Change", "g2", "a2", "In progress"],
        [None, None, None, None, None],
        [None, None, None, None, None],
        ["Second table", None, None, None, None],
        ["ID", "Topic", "Goal", None, None],
        [9, "Other", "g", None, None],
    ]
    sheet = interpret_plan_sheet("Action plan", grid, PlanKind.ACTION)
    assert [row.number for row in sheet.rows] == [2, 3]
    assert sheet.second_header_row == 7
