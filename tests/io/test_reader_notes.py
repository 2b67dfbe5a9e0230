"""The reader says what it could not take at face value, instead of guessing silently."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xlsxwriter
from openpyxl import Workbook

from xltools.core.issues import Code, Report
from xltools.core.schema import PLANS, PlanKind
from xltools.core.validate import validate
from xltools.io.read import read_workbook

AS_OF = date(2026, 11, 23)
HEADER = [c.labels.en for c in PLANS[PlanKind.ACTION].columns]
KEYS = [c.key for c in PLANS[PlanKind.ACTION].columns]


def _row(n: int, **values: object) -> list[object]:
    base = {"id": n, "topic": "Krav", "goal": "g", "actions": "a", "owner": f"Person {n}",
            "deadline": "2027-01-31", "follow_up": "f", "status": "In progress"}
    base.update(values)
    return [base.get(k) for k in KEYS]


def _codes(report: Report) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for issue in report.issues:
        found.setdefault(issue.code.value, []).append(issue.cell or str(issue.row))
    return found


def test_a_tables_totals_row_is_not_an_item(tmp_path: Path) -> None:
    path = tmp_path / "totals.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Action plan")
    columns = [{"header": h} for h in HEADER]
    columns[0]["total_string"] = "Total"
    columns[1]["total_function"] = "count"
    ws.add_table(0, 0, 4, len(HEADER) - 1, {
        "columns": columns, "total_row": True, "data": [_row(1), _row(2), _row(3)]})
    wb.close()
    data = read_workbook(path)
    assert [r.number for r in data.plans[PlanKind.ACTION].rows] == [2, 3, 4]
    report = validate(data, as_of=AS_OF)
    assert _codes(report) == {"totals-row": ["5"]}
    assert report.errors == 0


def test_formulas_never_calculated_and_error_values_are_said_as_such(tmp_path: Path) -> None:
    path = tmp_path / "formulas.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Action plan")
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 0, _row(1))
    ws.write_row(2, 0, _row(2))
    ws.write_formula("G3", "=VLOOKUP(A3,Staff!A:B,2,FALSE)", None, "#N/A")  # cached error
    ws.write_formula("J3", "=DATE(2027,1,31)+A3", None, "#REF!")
    ws.write_formula("N2", '="In progress"', None, "In progress")  # calculated: fine
    wb.close()
    report = validate(read_workbook(path), as_of=AS_OF)
    assert _codes(report) == {"error-value": ["G3", "J3"]}
    message = next(i.message for i in report.issues if i.cell == "G3")
    assert "#N/A" in message and "Responsible" in message
    # openpyxl writes formulas without results, as scripts do
    path = tmp_path / "uncalculated.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    sheet.append(HEADER)
    sheet.append(_row(1, deadline="=DATE(2027,1,31)", owner="=B1"))
    book.save(path)
    report = validate(read_workbook(path), as_of=AS_OF)
    assert _codes(report) == {"formula-not-calculated": ["G2", "J2"]}
    assert all(i.severity.value == "error" for i in report.issues)
    assert "save it again" in report.issues[0].message


def test_a_merged_cell_gives_its_value_to_every_cell_of_the_merge(tmp_path: Path) -> None:
    path = tmp_path / "merged.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    sheet.append(HEADER)
    for n in (1, 2, 3):
        sheet.append(_row(n, owner="Mette Hansen" if n == 1 else None))
    sheet.merge_cells("G2:G4")
    book.save(path)
    data = read_workbook(path)
    owners = [r.values["owner"] for r in data.plans[PlanKind.ACTION].rows]
    assert owners == ["Mette Hansen"] * 3
    assert validate(data, as_of=AS_OF).issues == []


def test_of_several_plan_sheets_the_visible_and_recent_one_is_read(tmp_path: Path) -> None:
    path = tmp_path / "two-years.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    old = wb.add_worksheet("Action plan 2025")
    old.write_row(0, 0, HEADER)
    old.write_row(1, 0, _row(1, status="Done"))
    old.hide()
    new = wb.add_worksheet("Action plan 2026")
    new.write_row(0, 0, HEADER)
    new.write_row(1, 0, _row(1))
    new.write_row(2, 0, _row(2))
    new.activate()
    chart = wb.add_chartsheet("Action plan")  # a chart with a plan's title: never read
    graph = wb.add_chart({"type": "column"})
    graph.add_series({"values": "='Action plan 2026'!$A$2:$A$3"})
    chart.set_chart(graph)
    wb.close()
    data = read_workbook(path)
    assert data.plans[PlanKind.ACTION].name == "Action plan 2026"
    assert len(data.plans[PlanKind.ACTION].rows) == 2
    report = validate(data, as_of=AS_OF)
    ignored = [i for i in report.issues if i.code is Code.SHEET_IGNORED]
    assert [i.sheet for i in ignored] == ["Action plan 2025"]
    assert "'Action plan 2026'" in ignored[0].message and "hidden" in ignored[0].message


def test_rows_far_below_the_plan_are_reported_not_dropped_silently(tmp_path: Path) -> None:
    path = tmp_path / "gap.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Action plan")
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 0, _row(1))
    ws.write_row(12_050, 0, _row(2))  # row 12,051, after 12,048 empty rows
    wb.close()
    report = validate(read_workbook(path), as_of=AS_OF)
    notes = [i for i in report.issues if i.code is Code.ROWS_NOT_READ]
    assert len(notes) == 1 and notes[0].severity.value == "warning"
    assert "12051" in notes[0].message
