"""Workbooks written with the headers of real public templates read and validate like our own.

Each file is written with XlsxWriter (not by xltools): a title row, a blank row, then the
header row of a template from tests/core/real_headers.py, then rows. The same rows written
into xltools' own template must give the same overdue and due-soon figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter
from plan_builders import write_template_workbook
from real_headers import TEMPLATES, RealTemplate

from xltools.core.issues import Code
from xltools.core.overdue import late_items
from xltools.core.schema import PLANS, PlanKind
from xltools.core.validate import check_workbook
from xltools.io.read import read_workbook

AS_OF = date(2026, 11, 23)
A, V, C = PlanKind.ACTION, PlanKind.ACTIVITY, PlanKind.COMMUNICATION
Rows = Sequence[Mapping[str, object]]


def _template(name_start: str) -> RealTemplate:
    return next(t for t in TEMPLATES if t.name.startswith(name_start))


def _write_real(path: Path, sheets: Sequence[tuple[str, RealTemplate, Rows]]) -> Path:
    """A workbook as a department keeps it in a public template: title, blank row, header."""
    book = xlsxwriter.Workbook(str(path))
    day = book.add_format({"num_format": "dd-mm-yyyy"})
    wrap = book.add_format({"text_wrap": True})
    for title, template, rows in sheets:
        ws = book.add_worksheet(title)
        ws.write_string(0, 0, f"{title} — {template.name[:40]}")
        keys = [key for _, key in (*template.headers, *template.added)]
        for c, header in enumerate(template.row):
            ws.write_string(2, c, header, wrap)  # line breaks in a header cell stay
        for r, row in enumerate(rows, start=3):
            for c, key in enumerate(keys):
                value = row.get(key) if key else row.get("_unknown")
                if isinstance(value, date):
                    ws.write_datetime(r, c, datetime(value.year, value.month, value.day), day)
                elif isinstance(value, int | float):
                    ws.write_number(r, c, value)
                elif value is not None:
                    ws.write_string(r, c, str(value))
    book.close()
    return path


def _figures(path: Path) -> tuple[list[tuple[str, str, str, int]], dict[str, int]]:
    checked = check_workbook(read_workbook(path), as_of=AS_OF)
    wb = checked.workbook
    items = late_items(wb.department, str(path), {k: s.name for k, s in wb.plans.items()},
                       checked.rows, AS_OF)
    late = sorted((i.plan.value, str(i.id), i.timing.value, i.days) for i in items)
    return late, checked.report.counts()


SV_ACTION: Rows = [
    {"id": 1, "topic": "Arbetsbelastning och krav", "problem": "Hög arbetsbelastning",
     "goal": "Färre övertimmar", "actions": "Ny bemanningsplan", "start": date(2026, 9, 1),
     "deadline": date(2026, 10, 31), "resources": "20 000 kr", "owner": "Sven Lindqvist",
     "follow_up": "2026-10-15: utkast klart", "follow_up_date": date(2027, 1, 15),
     "status": "Pågår"},
    {"id": 2, "topic": "Socialt stöd", "problem": "Ensamarbete", "goal": "Stöd varje dag",
     "actions": "Dagliga avstämningar", "deadline": "2026-11-30", "owner": "Anna Berg",
     "follow_up": "APT", "status": "Ej påbörjad"},
    {"id": 3, "topic": "Ledarskap", "problem": "Otydliga mål", "goal": "Tydliga mål",
     "actions": "Målsamtal", "deadline": date(2026, 9, 30), "owner": "Sven Lindqvist",
     "follow_up": "Medarbetarsamtal", "status": "Klar"},
    # a week number and a status word from the SAM guidance ("åtgärdad" = done)
    {"id": 4, "topic": "Återhämtning", "problem": "Korta pauser", "goal": "Hela raster",
     "actions": "Rastschema", "deadline": "vecka 44 2026", "owner": "Anna Berg",
     "follow_up": "Enkät", "status": "Åtgärdad"},
    {"id": 5, "topic": "Kränkande beteenden", "problem": "Hård ton", "goal": "Trygg ton",
     "actions": "Workshop", "deadline": date(2026, 11, 1), "owner": "Anna Berg",
     "follow_up": "Skyddsrond", "status": "Påbörjad"},
]
SV_ACTIVITY: Rows = [
    {"id": "A1", "activity": "Workshop om arbetsbelastning", "how": "Två timmar på APT",
     "owner": "Anna Berg", "deadline": date(2026, 11, 10), "follow_up": "Utvärdering",
     "status": "Pågår"},
    {"id": "A2", "activity": "Ny rutin", "how": "Skriftlig", "owner": "Sven Lindqvist",
     "deadline": date(2027, 2, 1), "follow_up": "Uppföljning på APT", "status": "Ej påbörjad"},
]
SV_COMMUNICATION: Rows = [
    {"id": 1, "message": "Handlingsplanen är klar", "audience": "Alla medarbetare",
     "when": date(2026, 11, 20), "channel": "Arbetsplatsträff", "owner": "Sven Lindqvist",
     "involvement": "Hålls informerad", "purpose": "Alla vet vad som händer",
     "status": "Ej påbörjad"},
]
DA_ACTION: Rows = [
    {"id": 1, "topic": "Krav", "problem": "For mange afbrydelser", "actions": "Stilletimer",
     "deadline": "uge 45 2026", "owner": "Mette Hansen", "follow_up": "Måling på personalemøde",
     "follow_up_date": date(2027, 1, 10), "goal": "Færre afbrydelser", "status": "I gang"},
    {"id": 2, "topic": "Ledelse", "problem": "Uklare roller", "actions": "Rollebeskrivelser",
     "deadline": "23-11-2026", "owner": "Jens Nielsen", "follow_up": "MED-møde",
     "goal": "Klare roller", "status": "Ikke startet"},
    # "løst" is how the union handbook says a problem is done
    {"id": 3, "topic": "Samarbejde", "problem": "Dårlig overlevering", "actions": "Fast møde",
     "deadline": date(2026, 6, 30), "owner": "Mette Hansen", "follow_up": "Evaluering",
     "goal": "God overlevering", "status": "Løst"},
]
DA_ACTIVITY: Rows = [
    {"id": 1, "activity": "Indføre stilletimer", "owner": "Mette Hansen",
     "deadline": date(2026, 11, 2), "follow_up": "Status på personalemøde", "how": "Skema",
     "status": "I gang"},
]
DA_COMMUNICATION: Rows = [
    {"id": 1, "audience": "Alle medarbejdere", "purpose": "Kendskab til planen",
     "message": "Vi indfører stilletimer", "channel": "Personalemøde",
     "when": date(2026, 12, 1), "owner": "Mette Hansen", "involvement": "Holdes informeret",
     "status": "Ikke startet", "_unknown": "Alle"},
]
EN_ACTION: Rows = [
    {"id": 1, "actions": "Agree quiet hours", "owner": "Alice Smith",
     "deadline": date(2026, 11, 13), "status": "Started", "topic": "Demands",
     "goal": "Fewer interruptions", "follow_up": "Team meeting review", "_unknown": "Red"},
    {"id": 2, "actions": "Rota workshop", "owner": "Bob Jones",
     "deadline": date(2026, 12, 4), "status": "Not started", "topic": "Organisation of work",
     "goal": "Fair rota", "follow_up": "Survey", "_unknown": "Green"},
    {"id": 3, "actions": "Buddy scheme", "owner": "Alice Smith",
     "deadline": date(2026, 10, 1), "status": "Complete", "topic": "Collaboration",
     "goal": "Support", "follow_up": "Check-in", "_unknown": "Green"},
]

CASES = {
    "sv": ("sv", [("Handlingsplan 2026", _template("Arbetsgivarverket"), SV_ACTION),
                  ("Aktivitetsplan", _template("SKR Uppföljningsguiden: aktivitetsplan"),
                   SV_ACTIVITY),
                  ("Kommunikationsplan", _template("Malmö stad"), SV_COMMUNICATION)]),
    "da": ("da", [("APV handleplan", _template("Albertslund"), DA_ACTION),
                  ("Implementeringsskema", _template("NFA: phase 5"), DA_ACTIVITY),
                  ("Kommunikationsplan", _template("Aarhus Universitet"), DA_COMMUNICATION)]),
    "en-rag": ("en", [("Action log", _template("Action log with owner and RAG"), EN_ACTION)]),
    "en-breaks": ("en", [("Action plan", _template("Action plan template (no, action"),
                          EN_ACTION)]),
}

EXPECTED_LATE = {
    "sv": [("action", "1", "overdue", 23), ("action", "2", "due_soon", 7),
           ("action", "5", "overdue", 22), ("activity", "A1", "overdue", 13),
           ("communication", "1", "overdue", 3)],
    "da": [("action", "1", "overdue", 17), ("action", "2", "due_soon", 0),
           ("activity", "1", "overdue", 21), ("communication", "1", "due_soon", 8)],
    "en-rag": [("action", "1", "overdue", 10), ("action", "2", "due_soon", 11)],
    "en-breaks": [("action", "1", "overdue", 10), ("action", "2", "due_soon", 11)],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_real_template_workbook_reads_without_missing_columns(tmp_path: Path, case: str) -> None:
    lang, sheets = CASES[case]
    path = _write_real(tmp_path / f"{case}.xlsx", sheets)
    checked = check_workbook(read_workbook(path), as_of=AS_OF)
    assert {k for k in checked.workbook.plans} == {t.kind for _, t, _ in sheets}
    for title, template, _ in sheets:
        sheet = checked.workbook.plans[template.kind]
        assert sheet.name == title and sheet.header_row == 3
    codes = checked.report.counts()
    assert Code.MISSING_COLUMN.value not in codes
    assert not {"bad-value", "bad-date", "required"} & set(codes), checked.report.to_json()
    assert checked.workbook.language == lang


@pytest.mark.parametrize("case", sorted(CASES))
def test_overdue_figures_match_the_same_data_in_our_template(tmp_path: Path, case: str) -> None:
    lang, sheets = CASES[case]
    real_late, real_counts = _figures(_write_real(tmp_path / f"{case}.xlsx", sheets))
    assert real_late == EXPECTED_LATE[case]
    ours = write_template_workbook(
        tmp_path / f"{case}-ours.xlsx", lang,
        {t.kind: [{k: v for k, v in row.items() if k in PLANS[t.kind].keys} for row in rows]
         for _, t, rows in sheets})
    our_late, our_counts = _figures(ours)
    assert real_late == our_late
    for code in ("overdue", "due-soon", "follow-up-overdue"):
        assert real_counts.get(code) == our_counts.get(code), code


def test_overdue_issue_points_at_the_real_deadline_cell(tmp_path: Path) -> None:
    _, sheets = CASES["sv"]
    checked = check_workbook(read_workbook(_write_real(tmp_path / "sv.xlsx", sheets)),
                             as_of=AS_OF)
    overdue = sorted(i.address for i in checked.report.issues if i.code is Code.OVERDUE)
    # Slutdatum is column E of Arbetsgivarverket's plan, När column D of SKR's activity plan
    # and column C of Malmö's communication plan; data starts in row 4
    assert overdue == ["'Handlingsplan 2026'!E4", "'Handlingsplan 2026'!E8", "Aktivitetsplan!D4",
                       "Kommunikationsplan!C4"]
