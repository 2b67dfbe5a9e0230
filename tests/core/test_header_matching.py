"""How headers are matched: qualifiers tolerated, exact names first, ambiguity never silent."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from plan_builders import AS_OF, grid_workbook, plan_grid, valid_row

from xltools.core.interpret import find_header, interpret_plan_sheet
from xltools.core.issues import Code
from xltools.core.schema import (
    PLANS,
    VALUE_LISTS,
    PlanKind,
    column_texts,
    header_parts,
    lookup_header,
    normalize,
)
from xltools.core.validate import validate

A, V, C = PlanKind.ACTION, PlanKind.ACTIVITY, PlanKind.COMMUNICATION

NAMES = [(kind, column.key, text) for kind in PlanKind for column in PLANS[kind].columns
         for text in column_texts(kind, column.key)]

# What people add around a column name; none of them names a type of column.
NUMBERING = ["1.", "3)", "12.", "2.1", "2.1.", "(4)", "a)"]
SUFFIXES = [" (kort)", " [valgfri]", " (optional)", " (kr)", " – se note", " - se note",
            ": udfyld", ":", "\nvælg fra listen", "\n(se vejledning)", "?", " *", "*"]


@given(st.sampled_from(NAMES), st.data())
def test_any_label_or_alias_with_a_qualifier_maps_to_its_column(
        name: tuple[PlanKind, str, str], data: st.DataObject) -> None:
    kind, key, text = name
    header = text
    if data.draw(st.booleans(), label="numbered"):
        header = f"{data.draw(st.sampled_from(NUMBERING))} {header}"
    for suffix in data.draw(st.lists(st.sampled_from(SUFFIXES), min_size=1, max_size=2)):
        header += suffix
    if data.draw(st.booleans(), label="non-breaking spaces"):
        header = header.replace(" ", "\u00a0")
    header = data.draw(st.sampled_from(["", " ", "\u00a0", "\n"])) + header
    found = lookup_header(kind, header)
    assert found is not None and found.key == key, header


@given(st.sampled_from(NAMES))
def test_a_label_or_alias_as_written_is_an_exact_match(name: tuple[PlanKind, str, str]) -> None:
    kind, key, text = name
    assert lookup_header(kind, text) == (key, True, "")


def test_qualifiers_people_write() -> None:
    for header, key in [("Deadline (dato)", "deadline"), ("Ansvarlig – navn", "owner"),
                        ("Status:", "status"), ("Budget (kr)", "resources"), ("1. Emne", "topic"),
                        ("3) Mål", "goal"), ("Indsatser*", "actions"),
                        ("Status\nIkke startet / I gang / Gennemført", "status"),
                        ("Hvornår skal det være løst?", "deadline"),
                        ("Ansvarlig\u00a0person", "owner"), ("Frist\u200b", "deadline")]:
        found = lookup_header(A, header)
        assert found is not None and found.key == key, header


def test_a_qualifier_naming_another_type_means_no_match_rather_than_a_wrong_one() -> None:
    # "Opfølgning" alone is the follow-up text: with a date hint it is not that column
    assert lookup_header(A, "Opfølgning (hvornår)") is None
    assert lookup_header(A, "Opfølgning – dato") is None
    # ... unless the qualifier says both
    assert lookup_header(A, "Opfølgning (hvordan og hvornår)").key == "follow_up"  # type: ignore[union-attr]
    # "Næste opfølgning" is a date: with a how-hint it is not that column
    assert lookup_header(A, "Næste opfølgning (hvordan)") is None
    # the written-out form is an alias of its own
    assert lookup_header(A, "Opfølgning (dato)") == ("follow_up_date", True, "")
    assert lookup_header(A, "Start (dato)").key == "start"  # type: ignore[union-attr]


def test_a_traffic_light_is_never_read_as_the_status() -> None:
    for header in ("RAG status", "Status (RAG)", "Status – RAG", "RAG", "Status (red/amber/green)",
                   "Status (rød / gul / grøn)", "Trafiklys"):
        assert lookup_header(A, header) is None, header
    for word in ("Red", "Amber", "Green", "Rød", "Gul", "Grøn", "Röd", "Grön"):
        assert VALUE_LISTS["status"].lookup(word) is None, word


def test_who_in_the_communication_plan_is_claimed_by_neither_audience_nor_sender() -> None:
    for header in ("Hvem", "Hvem?", "Hvem (afsender)", "1. Vem", "Who:"):
        assert lookup_header(C, header) is None, header
    assert lookup_header(A, "Hvem").key == "owner"  # type: ignore[union-attr]
    assert lookup_header(C, "Hvem er ansvarlig").key == "owner"  # type: ignore[union-attr]


def test_abbreviations_are_not_cut_as_sentences() -> None:
    assert lookup_header(A, "No. of participants") is None
    assert lookup_header(A, "Mål. Vad ska förbättras?").key == "goal"  # type: ignore[union-attr]


def test_header_parts_nearest_first() -> None:
    assert header_parts("1. Deadline (dato)") == [
        ("Deadline (dato)", "1."), ("1. Deadline", "dato"), ("Deadline", "1. dato")]
    assert header_parts("Status") == []


def test_header_found_through_qualified_names() -> None:
    grid = [["Handleplan"], ["1. Emne", "2. Mål", "3. Indsatser", "4. Ansvarlig (navn)",
                             "5. Deadline (dato)", "6. Status:"], ["Krav"]]
    assert find_header(grid, A) == (1, 6)


def test_exact_name_wins_over_a_qualified_one_wherever_it_stands() -> None:
    grid = [["ID", "Deadline (ny)", "Topic", "Deadline"], [1, "1-1-2027", "x", "2-2-2027"]]
    sheet = interpret_plan_sheet("Action plan", grid, A)
    assert sheet.columns["deadline"].index == 3
    assert [(m.key, m.header, m.letter) for m in sheet.duplicate_columns] == [
        ("deadline", "Deadline (ny)", "B")]
    assert sheet.rows[0].values["deadline"] == "2-2-2027"
    assert sheet.rows[0].extra == {"Deadline (ny)": "1-1-2027"}


def test_of_two_qualified_names_the_leftmost_is_used() -> None:
    grid = [["ID", "Ansvarlig (navn)", "Ansvarlig – afdeling"]]
    sheet = interpret_plan_sheet("Handleplan", grid, A)
    assert sheet.columns["owner"].letter == "B"
    assert [m.header for m in sheet.duplicate_columns] == ["Ansvarlig – afdeling"]


def test_duplicate_message_names_the_header_used_in_every_language() -> None:
    expected = {
        "en": "The columns 'Deadline' (column J) and 'Deadline (new)' could both be 'Deadline'; "
              "only column J is checked. Rename or remove one of them.",
        "da": "Kolonnerne 'Deadline' (kolonne J) og 'Deadline (new)' kan begge være 'Deadline'; "
              "kun kolonne J tjekkes. Omdøb eller slet en af dem.",
        "sv": "Kolumnerna 'Deadline' (kolumn J) och 'Deadline (new)' kan båda vara 'Klart "
              "senast'; bara kolumn J kontrolleras. Byt namn på eller ta bort en av dem.",
    }
    grid = plan_grid(A, "en", [valid_row(A, "en", 1)], extra_headers=["Deadline (new)"])
    for lang, message in expected.items():
        report = validate(grid_workbook("en", {A: grid}), as_of=AS_OF, lang=lang)
        assert [(i.code, i.address, i.message) for i in report.issues] == [
            (Code.UNKNOWN_COLUMN, "'Action plan'!R1", message)]


def test_an_identical_second_header_keeps_the_plain_duplicate_message() -> None:
    grid = plan_grid(A, "en", [valid_row(A, "en", 1)], extra_headers=["Responsible"])
    report = validate(grid_workbook("en", {A: grid}), as_of=AS_OF)
    assert [i.message for i in report.issues] == [
        "The column 'Responsible' appears twice; only the first, column G, is checked. "
        "Remove or rename this copy."]


def test_normalize_drops_invisible_characters() -> None:
    assert normalize("Dead\u00adline\u200b") == normalize("\ufeffDeadline") == "deadline"


def test_lookup_is_cached_per_header_text() -> None:
    from xltools.core.schema import _lookup_header_cached

    _lookup_header_cached.cache_clear()
    for _ in range(3):
        lookup_header(A, "7) Deadline (dato)")
    info = _lookup_header_cached.cache_info()
    assert (info.misses, info.hits) == (1, 2)
