"""Golden test: a hand-made workbook written with xlsxwriter (not our template code), its issues hand-counted.

The workbook is what a department really sends: a title row above the header, columns in
its own order, a column the template does not have, a missing column, Danish headers in one
sheet, English in another, Swedish in the third, values typed in all three languages.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from xltools.core.validate import validate
from xltools.io.read import read_workbook

xlsxwriter = pytest.importorskip("xlsxwriter")

AS_OF = date(2026, 11, 23)


def _write(ws: object, row: int, values: list[object], date_format: object) -> None:
    for col, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, date):
            ws.write_datetime(row, col, datetime(value.year, value.month, value.day), date_format)  # type: ignore[attr-defined]
        else:
            ws.write(row, col, value)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def golden_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("golden") / "Hjemmeplejen Syd.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    day = wb.add_format({"num_format": "dd-mm-yyyy"})

    about = wb.add_worksheet("Om planen")
    for r, row in enumerate([["Felt", "Værdi"], ["Afdeling", "Hjemmeplejen Syd"],
                             ["Sprog", "Dansk"]]):
        _write(about, r, row, day)  # type: ignore[arg-type]

    # Danish headers, a title and a blank row above them (header in row 3), own column order.
    action = wb.add_worksheet("Handleplan")
    rows: list[list[object]] = [
        ["Handleplan 2026 – Hjemmeplejen Syd"],
        [],
        ["ID", "Emne", "Mål", "Indsatser", "Ansvarlig", "Start", "Deadline",
         "Opfølgning (hvordan)", "Næste opfølgning", "Status", "Prioritet", "Budgetkode"],
        # row 4: deadline in 7 days -> due-soon G4
        [1, "Krav", "Mindre overarbejde", "Ny vagtplan", "Mette Hansen", date(2026, 9, 1),
         "30-11-2026", "Personalemøde", date(2027, 1, 10), "I gang", "Høj", "B-17"],
        # row 5: a group as owner -> vague-owner E5; overdue G5; follow-up passed I5 (Swedish
        # status and priority are understood)
        [2, "Samarbejde", "Bedre overlap", "Fælles morgenmøde", "alle", date(2026, 10, 1),
         date(2026, 11, 1), "Evaluering", "2026-11-15", "Pågår", "Medel"],
        # row 6: "2 " repeats 2 -> duplicate-id A6; no goal -> required C6; done: no deadline issue
        ["2 ", "Ledelse", None, "Synlig leder", "Ole Berg", None, "uge 52 2026", "Ja tak", None,
         "Færdig"],
        # row 7: deadline before start -> date-order G7, and 8 days away -> due-soon G7;
        # priority outside the list -> bad-value K7
        [4, "Trivsel i arbejdet", "Mere trivsel", "Sociale arrangementer", "Lise Holm",
         "15-12-2026", "1. december 2026", "Spørgeskema", None, "igang", "Vigtig"],
        [],  # row 8: blank, skipped
        # row 9: not a date -> bad-date G9; no follow-up -> required H9; bad status J9
        [5, "Krav", "Færre afbrydelser", "Stilletid", "Anders Møller", None, "snart", None, None,
         "Måske"],
    ]
    for r, row in enumerate(rows):
        _write(action, r, row, day)

    # English headers under a title row (header in row 2)
    activity = wb.add_worksheet("Aktivitetsplan")
    rows = [
        ["Aktiviteter efterår 2026"],
        ["ID", "Action plan ID", "Activity", "How", "Responsible", "When (deadline)",
         "Follow-up (how)", "Status"],
        ["A1", 1, "Workshop om vagtplan", "2 timer med teamet", "Mette Hansen", date(2026, 12, 31),
         "Evaluering", "Not started"],  # row 3: fine (38 days)
        # row 4: no action 7 -> unknown-reference B4; group owner E4; overdue F4
        ["A2", 7, "Morgenmøde", "Hver mandag", "Ledelsen", date(2026, 11, 20), "Tjek i MED",
         "In progress"],
        # row 5: "a1" repeats A1 -> duplicate-id A5; cancelled (Swedish) and a quarter: fine
        ["a1", "2", "Stilletid", "Kl. 9-10", "Anders Møller", "Q1 2027", "Måling", "Avbruten"],
        # row 6: no activity -> required C6; done long ago: fine
        ["A4", 4, None, "Kaffe fredag", "Lise Holm", date(2026, 1, 1), "Snak", "Completed"],
    ]
    for r, row in enumerate(rows):
        _write(activity, r, row, day)

    # Swedish headers, no title; the channel column is missing -> missing-column in row 1
    communication = wb.add_worksheet("Kommunikationsplan")
    rows = [
        ["ID", "Målgrupp", "Delaktighet", "Syfte", "Budskap", "Avsändare / ansvarig", "När",
         "Status"],
        # row 2: week 49 ends Friday 4 December, 11 days -> due-soon G2
        [1, "Alla medarbetare", "Hålls informerad", "Orientering", "Planen er klar", "Maria Ek",
         "vecka 49 2026", "Ej påbörjad"],
        # row 3: involvement outside the list -> bad-value C3; done: no overdue
        [2, "Ledningen", "Kanske", "Forankring", "Status", "Maria Ek", date(2026, 11, 10), "Klar"],
        # row 4: no sender -> required F4; today -> due-soon G4
        [3, "Teamet", "Aktivt involverad", "Inddragelse", "Workshop", None, "2026-11-23", "Pågår"],
    ]
    for r, row in enumerate(rows):
        _write(communication, r, row, day)

    checklist = wb.add_worksheet("Tjekliste")
    questions = [
        "Løser indsatsen et problem i hverdagen?", "Handler den om det, der betyder mest hos os?",
        "Bakker ledelsen op om den?", "Er alle relevante medarbejdere involveret?",
        "Er der afsat ressourcer?", "Ved vi, hvem der styrer den?",
        "Fortæller vi resten af arbejdspladsen om den?",
        "Beskriver planen tydeligt, hvordan der arbejdes med området?",
        "Passer den ind i arbejdsgangene?", "Ved alle, hvad de skal gøre, og hvem de kan spørge?",
    ]
    answers: list[object] = ["Ja", "Nej", None, "Delvist", "Ved ikke", "Ja", "Ja", "ja", "Nej",
                             "Delvis"]
    _write(checklist, 0, ["Spørgsmål", "Svar", "Kommentar"], day)
    for r, (question, answer) in enumerate(zip(questions, answers, strict=True), start=1):
        _write(checklist, r, [question, answer], day)  # B4 unanswered, B6 "Ved ikke"
    wb.close()
    return path


# Hand-counted from the comments above; addresses as the manager sees them in Excel.
EXPECTED = [
    ("unknown-column", "Handleplan!L3"),
    ("due-soon", "Handleplan!G4"),
    ("vague-owner", "Handleplan!E5"),
    ("overdue", "Handleplan!G5"),
    ("follow-up-overdue", "Handleplan!I5"),
    ("duplicate-id", "Handleplan!A6"),
    ("required", "Handleplan!C6"),
    ("date-order", "Handleplan!G7"),
    ("due-soon", "Handleplan!G7"),
    ("bad-value", "Handleplan!K7"),
    ("bad-date", "Handleplan!G9"),
    ("required", "Handleplan!H9"),
    ("bad-value", "Handleplan!J9"),
    ("unknown-reference", "Aktivitetsplan!B4"),
    ("vague-owner", "Aktivitetsplan!E4"),
    ("overdue", "Aktivitetsplan!F4"),
    ("duplicate-id", "Aktivitetsplan!A5"),
    ("required", "Aktivitetsplan!C6"),
    ("missing-column", "Kommunikationsplan!1:1"),
    ("due-soon", "Kommunikationsplan!G2"),
    ("bad-value", "Kommunikationsplan!C3"),
    ("required", "Kommunikationsplan!F4"),
    ("due-soon", "Kommunikationsplan!G4"),
    ("checklist-open", "Tjekliste!B4"),
    ("bad-value", "Tjekliste!B6"),
]


def test_golden_issues_exactly(golden_file: Path) -> None:
    report = validate(read_workbook(golden_file), as_of=AS_OF)
    assert sorted((i.code.value, i.address) for i in report.issues) == sorted(EXPECTED)


def test_golden_summary(golden_file: Path) -> None:
    report = validate(read_workbook(golden_file), as_of=AS_OF)
    assert report.department == "Hjemmeplejen Syd"
    assert report.language == "da"  # the About sheet says Dansk
    assert (report.errors, report.warnings) == (13, 6)
    assert report.counts() == {
        "unknown-column": 1, "due-soon": 4, "vague-owner": 2, "overdue": 2,
        "follow-up-overdue": 1, "duplicate-id": 2, "required": 4, "date-order": 1,
        "bad-value": 4, "bad-date": 1, "unknown-reference": 1, "missing-column": 1,
        "checklist-open": 1,
    }


def test_golden_messages_are_danish_and_specific(golden_file: Path) -> None:
    report = validate(read_workbook(golden_file), as_of=AS_OF)
    messages = {(i.code.value, i.address): i.message for i in report.issues}
    assert messages[("missing-column", "Kommunikationsplan!1:1")] == (
        "Den påkrævede kolonne 'Kanal' mangler i overskriftsrækken. Tilføj den.")
    assert messages[("duplicate-id", "Handleplan!A6")] == (
        "ID '2' er allerede brugt i række 5. Giv hvert punkt sit eget ID.")
    assert messages[("overdue", "Handleplan!G5")] == (
        "Overskredet: deadline 01-11-2026 er passeret (for 22 dage siden), og status er "
        "'I gang'. Opdatér status eller aftal en ny deadline.")
    assert messages[("due-soon", "Kommunikationsplan!G2")] == (
        "Snart deadline: 04-12-2026 (om 11 dage).")
    assert messages[("unknown-reference", "Aktivitetsplan!B4")] == (
        "Handleplanen har intet punkt med ID '7'. Tjek nummeret.")
    assert messages[("bad-value", "Tjekliste!B6")] == (
        "'Ved ikke' er ikke en gyldig værdi for Svar. Vælg en af: Ja, Nej, Delvist.")
