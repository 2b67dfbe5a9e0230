"""Every issue code of SPEC 3, firing and not firing: on real workbook files and on grids."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_builders import (
    AS_OF,
    FAR,
    GROUP,
    PERSON,
    checklist_grid,
    grid_workbook,
    label,
    plan_grid,
    valid_row,
    write_template_workbook,
)

from xltools.core.issues import Code, Issue, Report, Severity
from xltools.core.overdue import Timing, classify
from xltools.core.schema import CHECKLIST, LANGS, PLANS, PlanKind
from xltools.core.validate import check_workbook, validate
from xltools.core.values import id_key
from xltools.io.read import read_workbook

A, V, C = PlanKind.ACTION, PlanKind.ACTIVITY, PlanKind.COMMUNICATION

# SPEC 3's table, written out again so a change in the code cannot change the test.
SPEC_SEVERITY = {
    "missing-column": "error", "required": "error", "bad-date": "error", "date-order": "error",
    "bad-value": "error", "duplicate-id": "error", "unknown-reference": "warning",
    "overdue": "warning", "follow-up-overdue": "warning", "due-soon": "info",
    "vague-owner": "warning", "unknown-column": "info", "checklist-open": "info",
}

SHEETS = {
    "da": {A: "Handleplan", V: "Aktivitetsplan", C: "Kommunikationsplan", "checklist": "Tjekliste"},
    "sv": {A: "Handlingsplan", V: "Aktivitetsplan", C: "Kommunikationsplan",
           "checklist": "Checklista"},
    "en": {A: "Action plan", V: "Activity plan", C: "Communication plan", "checklist": "Checklist"},
}


def found(report: Report) -> list[tuple[str, str, str | None, int | None]]:
    """(code, sheet, column, row) of every issue, sorted, to compare whole reports."""
    return sorted((i.code.value, i.sheet, i.column, i.row) for i in report.issues)


def codes(report: Report) -> Counter[str]:
    return Counter(i.code.value for i in report.issues)


def cells(report: Report, code: str) -> list[str]:
    return sorted(i.address for i in report.issues if i.code.value == code)


# --- real workbook files: one workbook full of problems, one clean, per language --------------


def bad_rows(lang: str) -> dict[PlanKind, list[dict[str, object] | None]]:
    """One or more problems per row; each comment says what should (not) fire there."""
    st_ = lambda code: label("status", code, lang)  # noqa: E731
    return {
        A: [
            # 2: all fine, incl. optional lists, a future follow-up and an unknown column's value
            valid_row(A, lang, 1, follow_up_date=date(2027, 1, 15),
                      backing=label("yes_no", "yes", lang),
                      priority=label("priority", "high", lang), R="K-100"),
            valid_row(A, lang, " 1 ", topic=None),  # 3: duplicate-id A3, required B3
            # 4: bad-date J4; bad-value N4 (status), O4 (yes/no), P4 (priority)
            valid_row(A, lang, 3.0, deadline="32-13-2026", status="Maybe", backing="Perhaps",
                      priority="Urgent"),
            # 5: duplicate-id A5 (second repeat of 1), date-order J5, due-soon J5 (7 days)
            valid_row(A, lang, "1", start=date(2026, 12, 1), deadline="30-11-2026"),
            # 6: overdue J6, follow-up-overdue M6, vague-owner G6
            valid_row(A, lang, 6, deadline=date(2026, 11, 1), follow_up_date=date(2026, 11, 20),
                      owner=GROUP[lang]),
            # 7: done: neither overdue nor follow-up-overdue
            valid_row(A, lang, 7, deadline=date(2026, 11, 1), status=st_("done"),
                      follow_up_date=date(2026, 11, 1)),
            valid_row(A, lang, 8, deadline=date(2026, 12, 7)),  # 8: due-soon J8 (14 days)
            valid_row(A, lang, 9, deadline=date(2026, 12, 8)),  # 9: 15 days: nothing
            valid_row(A, lang, 10, deadline=AS_OF),  # 10: due-soon J10 (today)
            # 11: cancelled: nothing though both dates passed
            valid_row(A, lang, 11, deadline=date(2026, 11, 22), status=st_("cancelled"),
                      follow_up_date=date(2026, 11, 22)),
            None,  # 12: blank, skipped
            valid_row(A, lang, 12, follow_up_date=AS_OF),  # 13: follow-up today: not overdue
        ],
        V: [
            valid_row(V, lang, 1, action_id=1),  # 2: fine
            valid_row(V, lang, 2, action_id=99),  # 3: unknown-reference B3
            valid_row(V, lang, 3, action_id="3"),  # 4: "3" finds action 3.0: fine
            # 5: required D5, overdue G5
            valid_row(V, lang, "A", action_id=" 12 ", how=None, deadline=date(2026, 11, 2),
                      status=st_("not_started")),
            valid_row(V, lang, "a"),  # 6: duplicate-id A6 (ids are case-insensitive)
            # 7: a synonym of done ("Completed"): not overdue
            valid_row(V, lang, 7, status="Completed", deadline=date(2026, 10, 1)),
        ],
        C: [
            # 2: bad-value C2 (involvement), overdue I2 ("When" is the deadline)
            valid_row(C, lang, 1, involvement="Maybe", when=date(2026, 10, 1)),
            valid_row(C, lang, 2, when=date(2026, 12, 1), owner=GROUP[lang]),  # 3: I3, H3
            valid_row(C, lang, 3, when="v. 3 2027", status=st_("done")),  # 4: fine
        ],
    }


def bad_checklist(lang: str) -> list[object]:
    answers: list[object] = [label("yes_no_partly", "yes", lang)] * len(CHECKLIST.fields)
    answers[1] = None  # checklist-open B3
    answers[2] = "Maybe"  # bad-value B4
    answers[3] = label("yes_no_partly", "partly", lang)
    return answers


# (code, sheet, cell) hand-listed from the comments in bad_rows
BAD_EXPECTED = [
    ("missing-column", C, None),
    ("unknown-column", A, "R1"),
    ("duplicate-id", A, "A3"), ("required", A, "B3"),
    ("bad-date", A, "J4"), ("bad-value", A, "N4"), ("bad-value", A, "O4"), ("bad-value", A, "P4"),
    ("duplicate-id", A, "A5"), ("date-order", A, "J5"), ("due-soon", A, "J5"),
    ("overdue", A, "J6"), ("follow-up-overdue", A, "M6"), ("vague-owner", A, "G6"),
    ("due-soon", A, "J8"), ("due-soon", A, "J10"),
    ("unknown-reference", V, "B3"), ("required", V, "D5"), ("overdue", V, "G5"),
    ("duplicate-id", V, "A6"),
    ("bad-value", C, "C2"), ("overdue", C, "I2"), ("due-soon", C, "I3"), ("vague-owner", C, "H3"),
    ("checklist-open", "checklist", "B3"), ("bad-value", "checklist", "B4"),
]


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad")
    return {
        lang: write_template_workbook(
            folder / f"bad-{lang}.xlsx", lang, bad_rows(lang), checklist=bad_checklist(lang),
            header_changes={A: {"R": "Budget code"}, C: {"D": None}})
        for lang in LANGS
    }


@pytest.fixture(scope="module")
def clean_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("clean")
    return {
        lang: write_template_workbook(folder / f"clean-{lang}.xlsx", lang, {
            A: [valid_row(A, lang, 1, start=date(2026, 1, 1), follow_up_date=date(2027, 1, 1),
                          backing=label("yes_no", "no", lang),
                          priority=label("priority", "low", lang)),
                valid_row(A, lang, 2, deadline="uge 10 2027",
                          status=label("status", "postponed", lang))],
            V: [valid_row(V, lang, 1, action_id=2.0), valid_row(V, lang, 2)],
            C: [valid_row(C, lang, 1), valid_row(C, lang, 2, when="Q2 2027",
                                                   involvement=label("involvement", "active",
                                                                     lang))],
        })
        for lang in LANGS
    }


@pytest.mark.parametrize("lang", LANGS)
def test_file_with_problems_reports_exactly_the_hand_listed_issues(
        bad_files: dict[str, Path], lang: str) -> None:
    report = validate(read_workbook(bad_files[lang]), as_of=AS_OF)
    got = sorted((i.code.value, i.sheet, i.cell) for i in report.issues
                 if i.code is not Code.MISSING_COLUMN)
    expected = sorted((code, SHEETS[lang][sheet], cell) for code, sheet, cell in BAD_EXPECTED
                      if code != "missing-column")
    assert got == expected
    missing = [i for i in report.issues if i.code is Code.MISSING_COLUMN]
    assert [(i.sheet, i.row, i.column, i.key) for i in missing] == [
        (SHEETS[lang][C], 1, None, "purpose")]


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_fires_in_the_problem_file(bad_files: dict[str, Path], lang: str) -> None:
    report = validate(read_workbook(bad_files[lang]), as_of=AS_OF)
    assert set(codes(report)) == set(SPEC_SEVERITY)  # the reader's own codes: test_reader_notes
    assert set(SPEC_SEVERITY) <= {c.value for c in Code}
    assert codes(report)["duplicate-id"] == 3  # each repeat counted, not each id


@pytest.mark.parametrize("lang", LANGS)
def test_severities_follow_the_spec(bad_files: dict[str, Path], lang: str) -> None:
    report = validate(read_workbook(bad_files[lang]), as_of=AS_OF)
    for issue in report.issues:
        assert issue.severity.value == SPEC_SEVERITY[issue.code.value], issue
    assert report.errors == 13 and report.warnings == 7 and not report.ok


@pytest.mark.parametrize("lang", LANGS)
def test_clean_file_has_no_issue(clean_files: dict[str, Path], lang: str) -> None:
    report = validate(read_workbook(clean_files[lang]), as_of=AS_OF)
    assert report.issues == []
    assert report.ok and report.language == lang


def test_addresses_as_the_user_sees_them(bad_files: dict[str, Path]) -> None:
    report = validate(read_workbook(bad_files["da"]), as_of=AS_OF)
    assert cells(report, "overdue") == ["Aktivitetsplan!G5", "Handleplan!J6",
                                        "Kommunikationsplan!I2"]
    assert cells(report, "checklist-open") == ["Tjekliste!B3"]
    en = validate(read_workbook(bad_files["en"]), as_of=AS_OF)
    # sheet names with spaces are quoted the way Excel writes references
    assert cells(en, "follow-up-overdue") == ["'Action plan'!M6"]


MESSAGES_EXPECTED = {
    "da": ("'Emne' skal udfyldes.",
           "Den påkrævede kolonne 'Formål' mangler i overskriftsrækken. Tilføj den."),
    "sv": ("'Område' måste fyllas i.",
           "Den obligatoriska kolumnen 'Syfte' saknas i rubrikraden. Lägg till den."),
    "en": ("'Topic' must be filled in.",
           "The required column 'Purpose' is missing from the header row. Add it."),
}


@pytest.mark.parametrize("lang", LANGS)
def test_messages_in_the_workbook_language_by_default(bad_files: dict[str, Path],
                                                      lang: str) -> None:
    report = validate(read_workbook(bad_files[lang]), as_of=AS_OF)
    by_cell = {(i.code.value, i.sheet, i.cell): i.message for i in report.issues}
    required, missing = MESSAGES_EXPECTED[lang]
    assert by_cell[("required", SHEETS[lang][A], "B3")] == required
    assert by_cell[("missing-column", SHEETS[lang][C], None)] == missing


@pytest.mark.parametrize(("file_lang", "lang"), [("da", "en"), ("en", "sv"), ("sv", "da")])
def test_messages_in_the_chosen_language(bad_files: dict[str, Path], file_lang: str,
                                         lang: str) -> None:
    report = validate(read_workbook(bad_files[file_lang]), as_of=AS_OF, lang=lang)
    assert report.language == lang
    by_cell = {(i.code.value, i.cell): i.message for i in report.issues}
    assert by_cell[("required", "B3")] == MESSAGES_EXPECTED[lang][0]
    assert by_cell[("missing-column", None)] == MESSAGES_EXPECTED[lang][1]


def test_messages_say_what_is_wrong_and_where(bad_files: dict[str, Path]) -> None:
    report = validate(read_workbook(bad_files["da"]), as_of=AS_OF)
    msg = {(i.code.value, i.cell): i.message for i in report.issues if i.sheet == "Handleplan"}
    assert msg[("duplicate-id", "A5")] == (
        "ID '1' er allerede brugt i række 2. Giv hvert punkt sit eget ID.")
    assert msg[("overdue", "J6")] == (
        "Overskredet: deadline 01-11-2026 er passeret (for 22 dage siden), og status er "
        "'I gang'. Opdatér status eller aftal en ny deadline.")
    assert msg[("due-soon", "J10")] == "Deadline i dag: 23-11-2026."
    assert msg[("due-soon", "J8")] == "Snart deadline: 07-12-2026 (om 14 dage)."
    assert msg[("date-order", "J5")] == (
        "Deadline 30-11-2026 ligger før start 01-12-2026. Ret en af dem.")
    assert msg[("bad-date", "J4")].startswith("'32-13-2026' er ikke en dato.")
    assert msg[("bad-value", "N4")] == (
        "'Maybe' er ikke en gyldig værdi for Status. Vælg en af: Ikke startet, I gang, "
        "Gennemført, Udskudt, Aflyst.")
    assert msg[("vague-owner", "G6")] == (
        "'Ledelsen' er en gruppe, ikke en person. Angiv én ansvarlig person.")
    assert msg[("unknown-column", "R1")] == (
        "Kolonnen 'Budget code' er ikke en del af skabelonen; den bevares, men tjekkes ikke.")


def test_json_has_the_fields_the_cli_promises(bad_files: dict[str, Path]) -> None:
    report = validate(read_workbook(bad_files["sv"]), as_of=AS_OF)
    payload = json.loads(report.to_json())
    assert payload["as_of"] == "2026-11-23" and payload["language"] == "sv"
    assert payload["errors"] == report.errors and payload["counts"]["duplicate-id"] == 3
    assert len(payload["issues"]) == len(BAD_EXPECTED)
    for item in payload["issues"]:
        assert {"code", "severity", "sheet", "row", "column", "message", "cell"} <= set(item)
    # sheets in workbook order, then row, then column (header-row issues first)
    assert [(i["sheet"], i["row"], i["column"]) for i in payload["issues"][:3]] == [
        ("Handlingsplan", 1, "R"), ("Handlingsplan", 3, "A"), ("Handlingsplan", 3, "B")]
    assert payload["issues"][-1]["sheet"] == "Checklista"


def test_as_of_is_injected_not_read_from_the_clock(clean_files: dict[str, Path]) -> None:
    workbook = read_workbook(clean_files["en"])
    later = validate(workbook, as_of=date(2030, 1, 1))
    assert cells(later, "overdue")  # the same file, judged years later
    assert validate(workbook, as_of=AS_OF).issues == []


# --- grids: fast, one rule at a time ---------------------------------------------------------


def one_plan(kind: PlanKind, rows: list[dict[str, object] | None], lang: str = "en",
             **grid_options: object) -> Report:
    workbook = grid_workbook(lang, {kind: plan_grid(kind, lang, rows, **grid_options)})
    return validate(workbook, as_of=AS_OF)


@pytest.mark.parametrize("kind", list(PlanKind))
@pytest.mark.parametrize("lang", LANGS)
def test_valid_rows_raise_nothing(kind: PlanKind, lang: str) -> None:
    assert one_plan(kind, [valid_row(kind, lang, 1), valid_row(kind, lang, 2)], lang).issues == []


@pytest.mark.parametrize("kind", list(PlanKind))
def test_missing_column_for_each_required_column(kind: PlanKind) -> None:
    schema = PLANS[kind]
    for column in schema.columns:
        keys = [k for k in schema.keys if k != column.key]
        report = one_plan(kind, [valid_row(kind, "en", 1)], columns=keys)
        missing = [i for i in report.issues if i.code is Code.MISSING_COLUMN]
        if column.required:
            assert [(i.key, i.row, i.column) for i in missing] == [(column.key, 1, None)]
            assert f"'{column.label('en')}'" in missing[0].message
            # a missing column is one issue, not one "required" per row
            assert not [i for i in report.issues if i.code is Code.REQUIRED]
        else:
            assert missing == [], column.key


@pytest.mark.parametrize("kind", list(PlanKind))
def test_required_for_each_required_cell(kind: PlanKind) -> None:
    schema = PLANS[kind]
    for i, column in enumerate(schema.columns):
        row = valid_row(kind, "en", 1)
        row[column.key] = "   " if column.required else None  # blank text is empty too
        report = one_plan(kind, [valid_row(kind, "en", 2), row])
        required = [(i.column, i.row) for i in report.issues if i.code is Code.REQUIRED]
        letter = chr(ord("A") + i)
        assert required == ([(letter, 3)] if column.required else []), column.key


@pytest.mark.parametrize("kind", list(PlanKind))
@pytest.mark.parametrize("text", ["next week", "31-02-2026", "2026/11/23x", "soon", "13.13.2026"])
def test_bad_date_fires_on_text_that_is_no_date(kind: PlanKind, text: str) -> None:
    deadline = PLANS[kind].deadline_key
    report = one_plan(kind, [valid_row(kind, "en", 1, **{deadline: text})])
    assert [(i.code.value, i.key, i.value) for i in report.issues] == [("bad-date", deadline, text)]


@pytest.mark.parametrize("kind", list(PlanKind))
@pytest.mark.parametrize("text", ["2027-05-01", "01-05-2027", "1.5.2027", "01/05/2027",
                                  "1/5-2027", "1. maj 2027", "1 may 2027", "uge 18 2027",
                                  "vecka 18 2027", "maj 2027", "Q2 2027", "2. kvartal 2027"])
def test_nordic_dates_are_no_bad_date(kind: PlanKind, text: str) -> None:
    deadline = PLANS[kind].deadline_key
    assert one_plan(kind, [valid_row(kind, "en", 1, **{deadline: text})]).issues == []


@pytest.mark.parametrize("kind", [A, V])
def test_date_order(kind: PlanKind) -> None:
    row = valid_row(kind, "en", 1, start=date(2027, 1, 2), deadline=date(2027, 1, 1))
    same = valid_row(kind, "en", 2, start=date(2027, 1, 1), deadline=date(2027, 1, 1))
    report = one_plan(kind, [row, same])
    letter = PLANS[kind].keys.index("deadline")
    assert [(i.code.value, i.row, i.column) for i in report.issues] == [
        ("date-order", 2, chr(ord("A") + letter))]


@pytest.mark.parametrize(("kind", "key", "bad", "good"), [
    (A, "status", "Almost", ["Done", "gennemført", " KLAR ", "Afsluttet", "Completed", "Pågår"]),
    (A, "backing", "Maybe", ["Yes", "nej", "JA", "No"]),
    (A, "priority", "Urgent", ["High", "middel", "Låg", "Hög"]),
    (V, "status", "50%", ["Not started", "Ikke startet", "Ej påbörjad", "Started"]),
    (C, "status", "?", ["Udskudt", "Uppskjuten", "Postponed"]),
    (C, "involvement", "Sometimes", ["Actively involved", "Høres", "Hålls informerad"]),
])
def test_bad_value(kind: PlanKind, key: str, bad: str, good: list[str]) -> None:
    rows: list[dict[str, object] | None] = [valid_row(kind, "en", n, **{key: value})
                                            for n, value in enumerate(good, start=1)]
    rows.append(valid_row(kind, "en", 99, **{key: bad}))
    report = one_plan(kind, rows)
    assert [(i.code.value, i.key, i.value, i.row) for i in report.issues] == [
        ("bad-value", key, bad, len(good) + 2)]


def test_channel_is_free_text_not_a_closed_list() -> None:
    assert one_plan(C, [valid_row(C, "en", 1, channel="Carrier pigeon")]).issues == []


@pytest.mark.parametrize("kind", list(PlanKind))
def test_duplicate_ids_trimmed_case_insensitive_numeric(kind: PlanKind) -> None:
    ids: list[object] = [3, 3.0, "3", " 3 ", "3.0", "ID-7", "id-7", "Id-7 ", 4, "4.5", "03"]
    report = one_plan(kind, [valid_row(kind, "en", i) for i in ids])
    duplicates = [(i.row, i.message) for i in report.issues if i.code is Code.DUPLICATE_ID]
    # rows 2..12; the first 3 is row 2, the first ID-7 row 7; each repeat counted
    assert [r for r, _ in duplicates] == [3, 4, 5, 6, 8, 9]
    assert all("row 2" in m for _, m in duplicates[:4]) and all("row 7" in m for _, m in
                                                                  duplicates[4:])
    assert [i for i in report.issues if i.code is not Code.DUPLICATE_ID] == []


def test_blank_ids_are_required_not_duplicates() -> None:
    report = one_plan(A, [valid_row(A, "en", None), valid_row(A, "en", None)])
    assert sorted(i.code.value for i in report.issues) == ["required", "required"]


def test_duplicate_ids_only_within_one_sheet() -> None:
    workbook = grid_workbook("en", {k: plan_grid(k, "en", [valid_row(k, "en", 1)])
                                    for k in PlanKind})
    assert validate(workbook, as_of=AS_OF).issues == []


def id_variants(n: int) -> st.SearchStrategy[object]:
    return st.sampled_from([n, float(n), str(n), f" {n} ", f"{n}.0", f"\t{n}  "])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 4)), min_size=1, max_size=8,
                unique_by=lambda t: t[0]), st.data())
def test_property_any_mix_of_equal_ids_is_a_duplicate(groups: list[tuple[int, int]],
                                                      data: st.DataObject) -> None:
    ids = [data.draw(id_variants(n)) for n, count in groups for _ in range(count)]
    ids = data.draw(st.permutations(ids))
    report = one_plan(A, [valid_row(A, "en", i) for i in ids])
    duplicates = [i for i in report.issues if i.code is Code.DUPLICATE_ID]
    assert len(duplicates) == sum(count - 1 for _, count in groups)
    assert {id_key(i) for i in ids} == {str(n) for n, _ in groups}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.integers(0, 10**6),
                          st.text("abcdefghXYZ-_ 0123456789", min_size=1, max_size=8)),
                min_size=1, max_size=12))
def test_property_distinct_ids_are_never_duplicates(raw: list[object]) -> None:
    ids, seen = [], set()
    for value in raw:
        key = id_key(value)
        if key is not None and key not in seen:  # distinct as the spec defines it
            seen.add(key)
            ids.append(value)
    report = one_plan(A, [valid_row(A, "en", i) for i in ids])
    assert [i for i in report.issues if i.code is Code.DUPLICATE_ID] == []


def test_unknown_reference() -> None:
    workbook = grid_workbook("en", {
        A: plan_grid(A, "en", [valid_row(A, "en", 1), valid_row(A, "en", "X-2")]),
        V: plan_grid(V, "en", [valid_row(V, "en", 1, action_id=1.0),
                               valid_row(V, "en", 2, action_id=" x-2"),
                               valid_row(V, "en", 3, action_id=None),
                               valid_row(V, "en", 4, action_id="2")]),
    })
    report = validate(workbook, as_of=AS_OF)
    assert [(i.code.value, i.address, i.severity.value) for i in report.issues] == [
        ("unknown-reference", "'Activity plan'!B5", "warning")]
    assert "'2'" in report.issues[0].message


def test_unknown_reference_needs_an_action_plan_to_check_against() -> None:
    report = one_plan(V, [valid_row(V, "en", 1, action_id=42)])
    assert report.issues == []


# --- overdue, follow-up-overdue, due-soon --------------------------------------------------------


@pytest.mark.parametrize("kind", list(PlanKind))
@pytest.mark.parametrize(("status", "fires"), [
    ("not_started", True), ("in_progress", True), ("postponed", True), (None, True),
    ("done", False), ("cancelled", False)])
def test_overdue_by_status(kind: PlanKind, status: str | None, fires: bool) -> None:
    deadline = PLANS[kind].deadline_key
    text = label("status", status, "en") if status else None
    report = one_plan(kind, [valid_row(kind, "en", 1, status=text,
                                       **{deadline: AS_OF - timedelta(days=1)})])
    assert (codes(report)["overdue"] == 1) is fires
    assert codes(report)["due-soon"] == 0


@pytest.mark.parametrize("kind", list(PlanKind))
@pytest.mark.parametrize(("days", "code"), [
    (-365, "overdue"), (-1, "overdue"), (0, "due-soon"), (1, "due-soon"), (14, "due-soon"),
    (15, None), (400, None)])
def test_deadline_boundaries_default_window(kind: PlanKind, days: int, code: str | None) -> None:
    deadline = PLANS[kind].deadline_key
    report = one_plan(kind, [valid_row(kind, "en", 1, **{deadline: AS_OF + timedelta(days)})])
    assert [i.code.value for i in report.issues] == ([code] if code else [])


def test_due_soon_window_is_configurable() -> None:
    rows = [valid_row(A, "en", n, deadline=AS_OF + timedelta(days=d))
            for n, d in enumerate([3, 20, 30, 31], start=1)]
    workbook = grid_workbook("en", {A: plan_grid(A, "en", rows)})
    assert [i.row for i in validate(workbook, as_of=AS_OF, due_soon_days=30).issues] == [2, 3, 4]
    assert [i.row for i in validate(workbook, as_of=AS_OF, due_soon_days=0).issues] == []
    assert [i.row for i in validate(workbook, as_of=AS_OF).issues] == [2]


def test_done_item_is_never_due_soon() -> None:
    report = one_plan(A, [valid_row(A, "en", 1, deadline=AS_OF, status="Done")])
    assert report.issues == []


def test_datetime_deadline_from_excel_counts_as_its_day() -> None:
    report = one_plan(A, [valid_row(A, "en", 1, deadline=datetime(2026, 11, 22, 23, 59))])
    assert [i.code.value for i in report.issues] == ["overdue"]
    assert "(1 day ago)" in report.issues[0].message


@pytest.mark.parametrize(("days", "status", "fires"), [
    (-30, "In progress", True), (-1, None, True), (0, "In progress", False),
    (5, "In progress", False), (-30, "Done", False), (-30, "Cancelled", False)])
def test_follow_up_overdue(days: int, status: str | None, fires: bool) -> None:
    row = valid_row(A, "en", 1, follow_up_date=AS_OF + timedelta(days), status=status)
    report = one_plan(A, [row])
    assert (codes(report)["follow-up-overdue"] == 1) is fires
    if fires:
        issue = next(i for i in report.issues if i.code is Code.FOLLOW_UP_OVERDUE)
        assert (issue.column, issue.severity) == ("M", Severity.WARNING)


@settings(max_examples=200)
@given(st.integers(-800, 800), st.integers(0, 90),
       st.sampled_from(["not_started", "in_progress", "postponed", "done", "cancelled", None]))
def test_property_classify_boundaries(offset: int, window: int, status: str | None) -> None:
    deadline = AS_OF + timedelta(days=offset)
    timing = classify(status, deadline, AS_OF, window)
    if status in ("done", "cancelled"):
        assert timing is Timing.CLOSED
    elif offset < 0:
        assert timing is Timing.OVERDUE
    elif offset <= window:
        assert timing is Timing.DUE_SOON
    else:
        assert timing is Timing.ON_TRACK


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-40, 40), min_size=1, max_size=10), st.integers(0, 30))
def test_property_validate_agrees_with_classify(offsets: list[int], window: int) -> None:
    rows = [valid_row(C, "en", n, when=AS_OF + timedelta(days=d)) for n, d in enumerate(offsets)]
    workbook = grid_workbook("en", {C: plan_grid(C, "en", rows)})
    report = validate(workbook, as_of=AS_OF, due_soon_days=window)
    expected = {"overdue": sum(d < 0 for d in offsets),
                "due-soon": sum(0 <= d <= window for d in offsets)}
    assert {k: v for k, v in codes(report).items() if v} == {k: v for k, v in expected.items() if v}


# --- vague-owner, unknown-column, checklist -------------------------------------------------


@pytest.mark.parametrize("word", ["alle", "Ledelsen", "  LEDERGRUPPEN ", "personalet",
                                  "alla", "Ledningen", "Alla medarbetare",
                                  "everyone", "Management", "All staff", "the team", "TBD"])
@pytest.mark.parametrize("kind", list(PlanKind))
def test_vague_owner_fires_on_group_words(kind: PlanKind, word: str) -> None:
    report = one_plan(kind, [valid_row(kind, "en", 1, owner=word)])
    assert [(i.code.value, i.key) for i in report.issues] == [("vague-owner", "owner")]


@pytest.mark.parametrize("name", ["Mette Hansen", "Alle Jensen", "Team leader Ole", "Vi Nguyen",
                                  "Anna (HR)", "Ledelsens repræsentant Bo"])
def test_vague_owner_not_on_people(name: str) -> None:
    assert one_plan(A, [valid_row(A, "en", 1, owner=name)]).issues == []


def test_unknown_column_kept_and_reported_aliases_understood() -> None:
    keys = [k for k in PLANS[A].keys if k != "resources"]
    grid = plan_grid(A, "en", [valid_row(A, "en", 1, Budget="12k")], columns=keys,
                     extra_headers=["Budget"])
    report = validate(grid_workbook("en", {A: grid}), as_of=AS_OF)
    assert report.issues == []  # "Budget" is an alias of Resources
    grid = plan_grid(A, "en", [valid_row(A, "en", 1, Cost="12k")], extra_headers=["Cost"])
    workbook = grid_workbook("en", {A: grid})
    report = validate(workbook, as_of=AS_OF)
    assert [(i.code.value, i.address, i.value) for i in report.issues] == [
        ("unknown-column", "'Action plan'!R1", "Cost")]
    assert workbook.plans[A].rows[0].extra == {"Cost": "12k"}


def test_title_rows_shift_addresses() -> None:
    report = one_plan(A, [valid_row(A, "en", 1), valid_row(A, "en", 1, owner="alle")],
                      title_rows=2)
    assert sorted(i.address for i in report.issues) == ["'Action plan'!A5", "'Action plan'!G5"]


@pytest.mark.parametrize("lang", LANGS)
def test_checklist_open_and_bad_answers(lang: str) -> None:
    answers: list[object] = [label("yes_no_partly", "partly", lang)] * len(CHECKLIST.fields)
    answers[0], answers[4], answers[9] = None, "Perhaps", "nej"
    workbook = grid_workbook(lang, {A: plan_grid(A, lang, [valid_row(A, lang, 1)])},
                             checklist=checklist_grid(lang, answers))
    report = validate(workbook, as_of=AS_OF)
    assert [(i.code.value, i.address) for i in report.issues] == [
        ("checklist-open", f"{SHEETS[lang]['checklist']}!B2"),
        ("bad-value", f"{SHEETS[lang]['checklist']}!B6")]
    assert CHECKLIST.fields[0].labels[lang] in report.issues[0].message


def test_checklist_all_answered_is_quiet() -> None:
    workbook = grid_workbook("sv", {A: plan_grid(A, "sv", [valid_row(A, "sv", 1)])})
    assert validate(workbook, as_of=AS_OF).issues == []


# --- language and robustness ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_unknown_lang_falls_back_to_the_workbook_language(lang: str) -> None:
    workbook = grid_workbook(lang, {A: plan_grid(A, lang, [valid_row(A, lang, 1, owner="alle")])})
    report = validate(workbook, as_of=AS_OF, lang="xx")
    assert report.language == lang
    other = next(x for x in LANGS if x != lang)
    assert validate(workbook, as_of=AS_OF, lang=other).language == other


cell_values = st.one_of(
    st.none(), st.text(max_size=12), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(date(1900, 1, 1), date(2100, 1, 1)),
    st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1)))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(cell_values, min_size=17, max_size=17), max_size=6),
       st.sampled_from(list(PlanKind)))
def test_property_validate_never_raises_on_bad_data(rows: list[list[object]],
                                                    kind: PlanKind) -> None:
    keys = PLANS[kind].keys
    dict_rows: list[dict[str, object] | None] = [dict(zip(keys, r, strict=False)) for r in rows]
    workbook = grid_workbook("da", {kind: plan_grid(kind, "da", dict_rows)})
    checked = check_workbook(workbook, as_of=AS_OF)
    for issue in checked.report.issues:
        assert isinstance(issue, Issue) and issue.message
        assert issue.row is None or issue.row >= 1
    json.loads(checked.report.to_json())


def test_people_and_groups_are_per_language() -> None:
    # guard the builders: a test person must never be a group word
    for lang in LANGS:
        assert one_plan(A, [valid_row(A, lang, 1, owner=PERSON[lang])], lang).issues == []


@pytest.mark.parametrize(("sheet", "expected"), [
    ("Handleplan", "Handleplan!B3"), ("Opfølgningslog", "Opfølgningslog!B3"),
    ("Action plan", "'Action plan'!B3"), ("2026", "'2026'!B3"), ("A1", "'A1'!B3"),
    ("R2C3", "'R2C3'!B3"), ("Anna's plan", "'Anna''s plan'!B3"), ("Plan-2", "'Plan-2'!B3")])
def test_address_quotes_sheet_names_like_excel(sheet: str, expected: str) -> None:
    issue = Issue(code=Code.REQUIRED, severity=Severity.ERROR, sheet=sheet, row=3, column="B",
                  message="m")
    assert issue.address == expected
    assert Issue(code=Code.MISSING_COLUMN, severity=Severity.ERROR, sheet="Handleplan", row=1,
                 message="m").address == "Handleplan!1:1"


def test_late_items_oldest_first_with_owner_and_days() -> None:
    from xltools.core.overdue import late_items

    workbook = grid_workbook("en", {
        A: plan_grid(A, "en", [valid_row(A, "en", 1, deadline=AS_OF - timedelta(days=3)),
                               valid_row(A, "en", 2, deadline=AS_OF + timedelta(days=5),
                                         actions=None),
                               valid_row(A, "en", 3, deadline=FAR),
                               valid_row(A, "en", 4, deadline=AS_OF - timedelta(days=30),
                                         status="Done")]),
        C: plan_grid(C, "en", [valid_row(C, "en", 7, when=AS_OF - timedelta(days=10),
                                         status="Whatever")]),
    })
    checked = check_workbook(workbook, as_of=AS_OF)
    sheets = {k: s.name for k, s in workbook.plans.items()}
    items = late_items("Team A", "test.xlsx", sheets, checked.rows, AS_OF)
    assert [(i.plan, i.id, i.timing, i.days, i.row, i.owner) for i in items] == [
        (C, "7", Timing.OVERDUE, 10, 2, PERSON["en"]),  # an unknown status counts as open
        (A, "1", Timing.OVERDUE, 3, 2, PERSON["en"]),
        (A, "2", Timing.DUE_SOON, 5, 3, PERSON["en"]),
    ]
    assert items[0].status is None and items[1].status == "in_progress"
    # an item is named by its own words: the action, the message; a blank action by its topic
    assert [i.what for i in items] == ["The plan is ready", "Plan the rota together", "Krav"]


def test_second_copy_of_a_known_column_is_reported_as_such() -> None:
    grid = plan_grid(A, "en", [valid_row(A, "en", 1, Owner="Bo")], extra_headers=["Owner"])
    report = validate(grid_workbook("en", {A: grid}), as_of=AS_OF)
    assert [(i.code.value, i.address) for i in report.issues] == [
        ("unknown-column", "'Action plan'!R1")]
    # "Owner" is another name of the responsible column: the message names the one used
    assert report.issues[0].message == (
        "The columns 'Responsible' (column G) and 'Owner' could both be 'Responsible'; only "
        "column G is checked. Rename or remove one of them.")


@pytest.mark.parametrize("owner", ["Hele afdelingen", "alle ansatte", "Alla på enheten",
                                   "All staff members"])
def test_vague_owner_catches_group_phrases(owner: str) -> None:
    from xltools.core.rules import _is_group
    from xltools.core.schema import normalize

    assert _is_group(normalize(owner))
    assert not _is_group(normalize("Allan Hansen"))
    assert not _is_group(normalize("Alle Jensen"))
