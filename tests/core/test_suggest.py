"""Suggestions for missing columns: by name, by values, never a guess between equals."""

from __future__ import annotations

import tomllib
from datetime import date, datetime

import pytest
from plan_builders import AS_OF, FAR, grid_workbook, plan_grid, valid_row

from xltools.core.interpret import interpret_plan_sheet
from xltools.core.issues import Code
from xltools.core.schema import PLANS, PlanKind
from xltools.core.suggest import (
    Suggestion,
    alias_line,
    evidence_text,
    render_config,
    suggest_sheet,
    suggest_workbook,
    toml_string,
)
from xltools.core.validate import validate

A, V, C = PlanKind.ACTION, PlanKind.ACTIVITY, PlanKind.COMMUNICATION


def renamed(kind: PlanKind, lang: str, rows: list[dict[str, object]],
            renames: dict[str, str], extra: dict[str, list[object]] | None = None
            ) -> list[list[object]]:
    """A plan grid whose columns ``renames`` (key -> header) carry other headers."""
    grid = plan_grid(kind, lang, rows)
    keys = list(PLANS[kind].keys)
    for key, header in renames.items():
        grid[0][keys.index(key)] = header
    for header, values in (extra or {}).items():
        grid[0].append(header)
        for row, value in zip(grid[1:], values, strict=True):
            row.append(value)
    return grid


def suggestions(kind: PlanKind, grid: list[list[object]]) -> list[tuple[str, str, tuple[str, ...]]]:
    sheet = interpret_plan_sheet("Plan", grid, kind)
    return [(s.key, s.header, tuple(e.kind for e in s.evidence))
            for s in suggest_sheet(sheet, as_of=AS_OF)]


def rows(kind: PlanKind, lang: str, n: int = 3, **overrides: object) -> list[dict[str, object]]:
    return [valid_row(kind, lang, i + 1, **overrides) for i in range(n)]


def test_by_name_alone() -> None:
    # the values are free text, so only the header speaks: "Målsætninger" ~ "Målsætning"
    grid = renamed(A, "da", rows(A, "da"), {"goal": "Målsætninger"})
    assert suggestions(A, grid) == [("goal", "Målsætninger", ("name",))]


def test_by_name_a_known_name_inside_the_header() -> None:
    grid = renamed(V, "da", rows(V, "da"), {"follow_up": "Opfølgningsmetode"})
    assert suggestions(V, grid) == [("follow_up", "Opfølgningsmetode", ("name",))]


def test_by_dates() -> None:
    values = [datetime(2026, 10, 1), "uge 48 2026", "31.12.2026"]
    grid = renamed(A, "da", [valid_row(A, "da", i + 1, deadline=v) for i, v in enumerate(values)],
                   {"deadline": "Skæringsdato"})
    assert suggestions(A, grid) == [("deadline", "Skæringsdato", ("dates",))]


def test_by_status_words() -> None:
    statuses = ["I gang", "Afsluttet", "Ikke startet", "Udskudt"]
    grid = renamed(A, "da", [valid_row(A, "da", i + 1, status=s) for i, s in enumerate(statuses)],
                   {"status": "Fremdrift"})
    assert suggestions(A, grid) == [("status", "Fremdrift", ("status",))]


def test_by_person_names() -> None:
    owners = ["Mette Hansen", "Lars", "MH", "Anne-Marie van der Berg"]
    grid = renamed(V, "sv", [valid_row(V, "sv", i + 1, owner=o) for i, o in enumerate(owners)],
                   {"owner": "Kontakt"})
    assert suggestions(V, grid) == [("owner", "Kontakt", ("person",))]


def test_by_involvement_levels() -> None:
    levels = ["Høres", "Holdes informeret", "Aktivt involveret"]
    grid = renamed(C, "da", [valid_row(C, "da", i + 1, involvement=v)
                             for i, v in enumerate(levels)], {"involvement": "Rolle"})
    assert suggestions(C, grid) == [("involvement", "Rolle", ("involvement",))]


def test_name_and_values_together() -> None:
    grid = renamed(A, "da", rows(A, "da"), {"owner": "Tovholdere"})
    assert suggestions(A, grid) == [("owner", "Tovholdere", ("name", "person"))]


def test_nothing_to_suggest() -> None:
    # a missing column, an unknown one that neither is named nor holds values like it
    grid = renamed(A, "en", rows(A, "en"), {"goal": "Misc"})
    assert suggestions(A, grid) == []
    # nothing missing
    assert suggestions(A, plan_grid(A, "en", rows(A, "en"), extra_headers=["Misc"])) == []
    # missing, but no unknown column at all
    grid = plan_grid(A, "en", rows(A, "en"), columns=[k for k in PLANS[A].keys if k != "goal"])
    assert suggestions(A, grid) == []


def test_traffic_light_values_are_not_taken_for_a_status() -> None:
    rag = ["Red", "Amber", "Green", "Green"]
    grid = renamed(A, "en", [valid_row(A, "en", i + 1, status=s) for i, s in enumerate(rag)],
                   {"status": "RAG"})
    assert suggestions(A, grid) == []


def test_group_words_are_not_names_of_people() -> None:
    # "Hvem" in a communication plan holding the audience: not suggested as the sender
    audiences = ["Alle medarbejdere", "Ledelsen", "Personalet"]
    grid = renamed(C, "da", [valid_row(C, "da", i + 1, owner=a) for i, a in enumerate(audiences)],
                   {"owner": "Hvem"})
    assert suggestions(C, grid) == []


def test_values_of_another_type_rule_a_column_out() -> None:
    # dates under a header that names the follow-up text: not the follow-up (how)
    dates = [date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1)]
    grid = renamed(V, "da", [valid_row(V, "da", i + 1, follow_up=d) for i, d in enumerate(dates)],
                   {"follow_up": "Opfølgningsmøde"})
    assert suggestions(V, grid) == []
    # free text under a name like the status: the values say it is not the status
    notes = ["Vi mangler tid", "Afventer budget", "Godt i gang med planen"]
    grid = renamed(A, "da", [valid_row(A, "da", i + 1, status=n) for i, n in enumerate(notes)],
                   {"status": "Statusnotat"})
    assert suggestions(A, grid) == []


def test_a_type_hint_in_the_header_rules_out_name_evidence() -> None:
    grid = renamed(V, "da", [valid_row(V, "da", 1, follow_up=None)], {"follow_up": "Opfølgning - dato"})
    assert suggestions(V, grid) == []


def test_two_equally_likely_columns_suggest_neither() -> None:
    two_dates = renamed(A, "da", rows(A, "da"), {"deadline": "Dato 1"},
                        extra={"Dato 2": [FAR, FAR, FAR]})
    assert suggestions(A, two_dates) == []


def test_one_column_equally_like_two_missing_columns_suggests_neither() -> None:
    # "Opfølgningsansvarlig" holds both known names; free text values decide nothing
    grid = renamed(V, "da", [valid_row(V, "da", 1, owner="se plan"), valid_row(V, "da", 2,
                                                                                owner="se plan")],
                   {"owner": "Opfølgningsansvarlig"})
    grid[0][list(PLANS[V].keys).index("follow_up")] = "Kommentar"
    assert suggestions(V, grid) == []


def test_values_break_a_tie_of_names() -> None:
    grid = renamed(V, "da", rows(V, "da"), {"owner": "Opfølgningsansvarlig",
                                             "follow_up": "Kommentar"})
    assert suggestions(V, grid) == [("owner", "Opfølgningsansvarlig", ("name", "person"))]


def test_a_single_row_is_enough_evidence_when_it_is_all_there_is() -> None:
    grid = renamed(A, "da", [valid_row(A, "da", 1, deadline=date(2026, 10, 1))],
                   {"deadline": "Skæringsdato"})
    assert suggestions(A, grid) == [("deadline", "Skæringsdato", ("dates",))]
    two = renamed(A, "da", [valid_row(A, "da", 1, deadline=date(2026, 10, 1)),
                            valid_row(A, "da", 2, deadline=None)], {"deadline": "Skæringsdato"})
    assert suggestions(A, two) == []  # one value among two rows is too little


def test_following_a_suggestion_makes_the_column_read() -> None:
    grid = renamed(A, "da", rows(A, "da", deadline=date(2026, 10, 1)), {"deadline": "Skæringsdato"})
    workbook = grid_workbook("da", {A: grid})
    [suggestion] = suggest_workbook(workbook, as_of=AS_OF)
    grid[0][suggestion.index] = PLANS[A].column(suggestion.key).label("da")
    report = validate(grid_workbook("da", {A: grid}), as_of=AS_OF)
    assert "missing-column" not in report.counts()
    assert report.counts()["overdue"] == 3


MESSAGES = {
    "en": "The required column 'Deadline' is missing from the header row. Column J "
          "'Skæringsdato' is probably it (3 of 3 values are dates). If so, rename that header "
          "to 'Deadline', or tell xltools with the line deadline = [\"Skæringsdato\"] under "
          "[aliases.action] in xltools.toml.",
    "da": "Den påkrævede kolonne 'Deadline' mangler i overskriftsrækken. Kolonne J "
          "'Skæringsdato' er sandsynligvis den (3 af 3 værdier er datoer). Passer det, så omdøb "
          "overskriften til 'Deadline', eller fortæl xltools det med linjen deadline = "
          "[\"Skæringsdato\"] under [aliases.action] i xltools.toml.",
    "sv": "Den obligatoriska kolumnen 'Klart senast' saknas i rubrikraden. Kolumn J "
          "'Skæringsdato' är troligen den (3 av 3 värden är datum). Stämmer det, byt rubriken "
          "till 'Klart senast', eller tala om det för xltools med raden deadline = "
          "[\"Skæringsdato\"] under [aliases.action] i xltools.toml.",
}


@pytest.mark.parametrize("lang", sorted(MESSAGES))
def test_missing_column_message_names_the_probable_column(lang: str) -> None:
    grid = renamed(A, "da", rows(A, "da"), {"deadline": "Skæringsdato"})
    report = validate(grid_workbook("da", {A: grid}), as_of=AS_OF, lang=lang)
    missing = [i for i in report.issues if i.code is Code.MISSING_COLUMN]
    assert [(i.address, i.key, i.message) for i in missing] == [
        ("Handleplan!1:1", "deadline", MESSAGES[lang])]


def test_missing_column_message_unchanged_without_a_suggestion() -> None:
    grid = renamed(A, "en", rows(A, "en"), {"goal": "Misc"})
    report = validate(grid_workbook("en", {A: grid}), as_of=AS_OF)
    assert [i.message for i in report.issues if i.code is Code.MISSING_COLUMN] == [
        "The required column 'Goal' is missing from the header row. Add it."]


def test_evidence_text_in_each_language() -> None:
    grid = renamed(A, "da", rows(A, "da"), {"owner": "Tovholdere"})
    [s] = suggest_sheet(interpret_plan_sheet("Handleplan", grid, A), as_of=AS_OF)
    assert evidence_text(s, "en") == ("its header resembles 'Tovholder'; 3 of 3 values look "
                                      "like names of people")
    assert evidence_text(s, "da") == ("overskriften ligner 'Tovholder'; 3 af 3 værdier ligner "
                                      "navne på personer")
    assert evidence_text(s, "sv") == ("rubriken liknar 'Tovholder'; 3 av 3 värden ser ut som "
                                      "namn på personer")


# --- the xltools.toml lines ----------------------------------------------------------------------


def _suggestion(plan: PlanKind, key: str, header: str, index: int = 4,
                sheet: str = "Plan") -> Suggestion:
    return Suggestion(plan, sheet, key, header, index, 1, ())


def test_toml_strings_are_escaped() -> None:
    for text in ['Frist "ny"', "C:\\plans", "tab\there", "line\nbreak", "bell\x07", "æøå ÄÖ"]:
        assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text
    assert alias_line("owner", ['Tovholder "TH"', "Ansvar"]) == (
        'owner = ["Tovholder \\"TH\\"", "Ansvar"]')


def test_config_per_plan_and_shared() -> None:
    text = render_config([
        _suggestion(A, "deadline", "Skæringsdato", sheet="Handleplan"),
        _suggestion(V, "deadline", "Skæringsdato", 6, sheet="Aktivitetsplan"),
        _suggestion(A, "owner", "Tovholder X", 6, sheet="Handleplan"),
        _suggestion(V, "owner", "Tovholder X", 2, sheet="Aktivitetsplan"),
        _suggestion(C, "when", 'Dato "for" udsendelse', 8, sheet="Kommunikation's plan"),
    ], lang="da", source="plan.xlsx")
    assert tomllib.loads(text) == {"aliases": {
        # suggested in every plan that has a deadline: one line for all plans
        "deadline": ["Skæringsdato"],
        # the communication plan has a responsible too, and nothing was suggested there:
        # the line goes to the two plans only, so it cannot change how that plan reads
        "action": {"owner": ["Tovholder X"]},
        "activity": {"owner": ["Tovholder X"]},
        "communication": {"when": ['Dato "for" udsendelse']},
    }}
    assert text.startswith("# Linjer til xltools.toml, der får plan.xlsx læst")
    assert "deadline = [\"Skæringsdato\"]  # Handleplan!E1, Aktivitetsplan!G1" in text
    assert "# 'Kommunikation''s plan'!I1" in text
    # [aliases] comes before its sub-tables, so the file reads top-down
    assert text.index("[aliases]") < text.index("[aliases.action]")


def test_config_for_nothing_is_one_comment() -> None:
    for lang, start in (("en", "# Nothing to suggest for p.xlsx"),
                        ("da", "# Intet at foreslå for p.xlsx"),
                        ("sv", "# Inget att föreslå för p.xlsx")):
        text = render_config([], lang=lang, source="p.xlsx")
        assert text.startswith(start) and text.count("\n") == 1
        assert tomllib.loads(text) == {}


def test_config_from_a_workbook_maps_to_the_right_keys() -> None:
    action = renamed(A, "sv", rows(A, "sv", deadline=date(2026, 10, 1)),
                     {"deadline": "Färdigdatum", "owner": "Kontaktperson"})
    activity = renamed(V, "sv", rows(V, "sv"), {"owner": "Kontaktperson"})
    workbook = grid_workbook("sv", {A: action, V: activity})
    config = tomllib.loads(render_config(suggest_workbook(workbook, as_of=AS_OF), lang="sv"))
    assert config == {"aliases": {"action": {"deadline": ["Färdigdatum"],
                                             "owner": ["Kontaktperson"]},
                                  "activity": {"owner": ["Kontaktperson"]}}}
