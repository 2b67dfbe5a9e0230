"""The marks protocol in the pure core: per-cell plan, notes, anchors, record, Issues layout."""

from __future__ import annotations

from xltools.core.issues import Code, Severity, make_issue
from xltools.core.marks import (
    NOTE_SEPARATOR,
    TEXT_LIMIT,
    MarkRecord,
    NoteAction,
    Record,
    issues_layout,
    legal_text,
    look_for,
    own_part,
    parse_reference,
    plan_marks,
    plan_note,
    reference,
    unique_title,
)


def issue(code: Code, cell: str, sheet: str = "Action plan", **params: object):  # type: ignore[no-untyped-def]
    return make_issue(code, "en", sheet=sheet, row=int(cell[1:]), column=cell[0],
                      value=params.pop("value", "x"), field="Goal", allowed="a", deadline="d",
                      ago="1 day ago", within="in 1 day", status="s", date="d", start="s",
                      first_row=2, **params)


def test_one_mark_per_cell_worst_first_and_merged_areas_marked_at_their_first_cell() -> None:
    issues = [issue(Code.OVERDUE, "J2"), issue(Code.BAD_DATE, "J2"), issue(Code.REQUIRED, "G3"),
              issue(Code.REQUIRED, "G4"), issue(Code.REQUIRED, "D3", sheet="Other")]
    marks = plan_marks(issues, {"Action plan"}, {"Action plan": ["G2:G4"]})
    assert [(m.cell, m.severity) for m in marks] == [("J2", Severity.ERROR), ("G2", Severity.ERROR)]
    assert marks[0].look == look_for(Code.BAD_DATE, Severity.ERROR)
    assert marks[0].note.splitlines()[0].startswith("[overdue]")
    assert marks[1].note.count("[required]") == 1  # G3 and G4 say the same thing once


def test_text_is_legal_and_within_limits() -> None:
    assert legal_text("Done\x01\x1f ok\r\nnext") == "Done\u2401\u241f ok\nnext"
    assert len(legal_text("x" * 40_000)) == TEXT_LIMIT


def test_note_plan_adds_merges_or_leaves_alone() -> None:
    assert plan_note("msg", None) == (NoteAction.ADDED, "msg")
    action, text = plan_note("msg", "mine")
    assert action is NoteAction.MERGED and text == "msg" + NOTE_SEPARATOR + "mine"
    assert own_part(text, "msg") == "mine" and own_part("edited", "msg") is None
    assert plan_note("msg", "x" * TEXT_LIMIT)[0] is NoteAction.UNTOUCHED
    assert plan_note("msg", "thread", editable=False)[0] is NoteAction.UNTOUCHED


def test_references_round_trip_for_any_sheet_name() -> None:
    for sheet in ("Plan", "Action plan", "Tom's plan", "A1", "2026"):
        assert parse_reference(reference(sheet, "g4")) == (sheet, "G4")
    assert parse_reference("=#REF!") is None and parse_reference("'Plan'!#REF!") is None


def test_the_record_round_trips_through_its_grid() -> None:
    record = Record(active_sheet="Plan", active_tab="1", selected_tabs=(1, 3),
                    styles_before="fonts=1 fills=2 borders=1 cellXfs=3", types_added="vml",
                    marks=[MarkRecord(id=7, sheet="Plan", cell="G4", style="5", cell_form="styled",
                                      mark_fill="FF7C80", note_action=NoteAction.MERGED,
                                      note="mine", mark_note="=msg")])
    grid = record.grid()
    assert len({len(row) for row in grid}) == 1  # rectangular, as a live engine needs
    assert Record.from_grid(grid) == record
    assert Record.from_grid([["a user's sheet"]]) is None


def test_issues_layout_has_a_legend_and_links_through_sheet_reference() -> None:
    issues = [issue(Code.VAGUE_OWNER, "G5"), issue(Code.REQUIRED, "D3"),
              issue(Code.REQUIRED, "B2", sheet="Gone")]
    layout = issues_layout(issues, "sv", {"Action plan"}, title=unique_title("Problem", ["problem"]))
    assert layout.title == "Problem (2)"
    grid = layout.grid()
    assert grid[0][0] == "Markeringar i cellerna" and grid[layout.header_row - 1][0] == "Cell"
    # errors first; sheets in workbook order, then rows and columns as a reader goes
    assert [row.values[0] for row in layout.rows] == ["'Action plan'!D3", "Gone!B2",
                                                      "'Action plan'!G5"]
    assert [row.link for row in layout.rows] == ["'Action plan'!D3", None, "'Action plan'!G5"]
