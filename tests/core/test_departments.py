"""HR's department list understood: headers in da/sv/en, rows checked, file names distinct."""

from __future__ import annotations

import pytest

from xltools.core.departments import (
    DepartmentEntry,
    NoDepartmentColumn,
    RowProblem,
    file_names,
    read_department_list,
)
from xltools.core.schema import ABOUT, WRITTEN_BY_XLTOOLS, department_list_index, normalize


@pytest.mark.parametrize("headers", [
    ["Department", "Manager", "Contact e-mail", "Language", "Period", "Organisation"],
    ["Afdeling", "Leder", "Kontakt e-mail", "Sprog", "Periode", "Organisation"],
    ["Avdelning", "Chef", "Kontakt e-post", "Språk", "Period", "Organisation"],
    ["AFDELINGSNAVN", "Nærmeste leder", "Mailadresse", "Sprog", "Planperiode", "Kommune"],
])
def test_headers_in_every_language_and_common_aliases(headers: list[str]) -> None:
    grid = [headers, ["Ekonomi", "Karin Lund", "karin@kommun.se", "sv", "2026", "Nordby"]]
    understood = read_department_list(grid)
    assert understood.columns == {"department": 0, "manager": 1, "email": 2, "language": 3,
                                  "period": 4, "organisation": 5}
    [entry] = understood.entries
    assert entry.ok and entry.row == 2 and entry.lang == "sv"
    assert entry.values["department"] == "Ekonomi" and entry.values["period"] == "2026"


def test_every_about_field_a_list_may_fill_is_recognised_by_its_labels() -> None:
    index = department_list_index()
    for f in ABOUT.fields:
        for text in f.labels.all():
            expected = None if f.key in WRITTEN_BY_XLTOOLS else f.key
            assert index.get(normalize(text)) == expected, text


def test_the_header_may_sit_below_a_title_and_unknown_columns_are_reported() -> None:
    grid = [["Afdelinger 2026", None], [None, None],
            ["Telefon", "Afdeling", "E-mail", "E-post"],
            ["1234", "Hjemmeplejen", "a@b.dk", "c@d.dk"]]
    understood = read_department_list(grid)
    assert understood.header_row == 3
    assert understood.unused == ["Telefon"]
    assert understood.duplicate_columns == [("E-post", "email")]
    assert understood.entries[0].row == 4 and understood.entries[0].values["email"] == "a@b.dk"


def test_no_department_column_says_what_the_first_row_holds() -> None:
    with pytest.raises(NoDepartmentColumn) as caught:
        read_department_list([["Navn", "Telefon"], ["x", "y"]])
    assert caught.value.seen == ["Navn", "Telefon"]


def test_bad_rows_are_reported_by_row_number_and_blank_rows_skipped() -> None:
    grid = [["Afdeling", "Sprog", "Kontakt e-mail"],
            ["Hjemmeplejen", "Dansk", "mette@nordby.dk"],
            [None, None, None],
            [None, "da", "x@y.dk"],
            ["Skolen", "klingon", None],
            ["Ekonomi", None, "karin(at)nordby.dk"],
            [4100, "English", None]]
    entries = read_department_list(grid).entries
    assert [(e.row, [p.code for p in e.problems]) for e in entries] == [
        (2, []), (4, [RowProblem.NO_DEPARTMENT]), (5, [RowProblem.UNKNOWN_LANGUAGE]),
        (6, [RowProblem.BAD_EMAIL]), (7, [])]
    assert entries[0].lang == "da" and entries[4].values["department"] == "4100"
    assert entries[2].problems[0].value == "klingon"


def test_a_department_twice_is_refused_on_the_later_row() -> None:
    grid = [["Afdeling"], ["Hjemmeplejen"], ["HJEMMEPLEJEN "], ["Skolen"]]
    entries = read_department_list(grid).entries
    assert [e.ok for e in entries] == [True, False, True]
    assert entries[1].problems[0].code is RowProblem.DUPLICATE
    assert entries[1].problems[0].row == 2


def test_file_names_are_safe_distinct_and_name_the_area_when_a_department_repeats() -> None:
    entries = [
        DepartmentEntry(2, {"department": "Administration", "area": "Teknik og Miljø"}),
        DepartmentEntry(3, {"department": "Administration", "area": "Børn og Unge"}),
        DepartmentEntry(4, {"department": "Drift/Service"}),
        DepartmentEntry(5, {"department": "Drift:Service"}),
        DepartmentEntry(6, {"department": "CON"}),
        DepartmentEntry(7, {"department": "Skolen"}),
    ]
    entries[5].problems.append(object())  # type: ignore[arg-type]  # a row with a problem
    names = file_names(entries, ".xlsx", taken={"con_.xlsx"})
    assert names == {2: "Administration (Teknik og Miljø).xlsx",
                     3: "Administration (Børn og Unge).xlsx",
                     4: "Drift-Service.xlsx", 5: "Drift-Service (2).xlsx",
                     6: "CON_ (2).xlsx"}
