"""Areas: where a department's area comes from, how the Overview groups and orders, the charts."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.rollup.conftest import AS_OF
from tests.rollup.xlsx_parts import Package
from xltools.core.interpret import interpret_workbook
from xltools.core.rollup import FileResult, Rollup, RowKind, failed_result
from xltools.core.schema import ABOUT, PlanKind, field_index, header_index, normalize
from xltools.files import find_workbooks
from xltools.io.read import read_workbook
from xltools.io.summary import write_summary
from xltools.io.summary_charts import MAX_BARS, SLOT_ROWS, plan_charts
from xltools.io.template import new_workbook


def _department(name: str, area: str | None, *, overdue: int = 0, done: int = 1,
                open_: int = 3, source: str | None = None) -> FileResult:
    statuses = Counter({"done": done, "in_progress": open_})
    return FileResult(source=source or f"{name}.xlsx", outcome="read", department=name,
                      area=area, language="da", last_updated=date(2026, 11, 1),
                      items={"action": done + open_, "activity": 0, "communication": 0},
                      statuses=statuses, overdue=overdue)


def test_the_folder_a_file_lies_in_is_its_area(tmp_path: Path) -> None:
    top = tmp_path / "plans"
    for relative in ("a.xlsx", "Børn og Unge/b.xlsx", "Børn og Unge/Skoler/c.xlsx",
                     "Teknik/d.xlsx"):
        (top / relative).parent.mkdir(parents=True, exist_ok=True)
        new_workbook(top / relative, "da")
    direct = tmp_path / "direct.xlsx"
    new_workbook(direct, "da")
    found = find_workbooks([top, top / "Teknik" / "d.xlsx", direct])
    areas = {p.name: found.folder_area(p) for p in found.files}
    # the first folder level under the input folder; directly in it or named directly: none
    assert areas == {"a.xlsx": None, "b.xlsx": "Børn og Unge", "c.xlsx": "Børn og Unge",
                     "d.xlsx": "Teknik", "direct.xlsx": None}


def test_the_about_sheet_names_the_area_in_every_language(tmp_path: Path) -> None:
    labels = next(f.labels for f in ABOUT.fields if f.key == "area")
    assert (labels.en, labels.da, labels.sv) == ("Area", "Område", "Verksamhetsområde")
    for lang in ("da", "sv", "en"):
        path = new_workbook(tmp_path / f"{lang}.xlsx", lang, department="X",  # type: ignore[arg-type]
                            area=" Social  og Sundhed ")
        assert read_workbook(path).area == "Social og Sundhed"
    blank = new_workbook(tmp_path / "blank.xlsx", "da", department="X")
    assert read_workbook(blank).area is None


def test_omrade_is_the_about_area_and_a_swedish_plans_topic() -> None:
    # About fields and plan columns are separate lookups: the same word means each its own
    assert field_index("about")[normalize("Område")] == "area"
    assert field_index("about")[normalize("Forvaltning")] == "area"
    assert header_index(PlanKind.ACTION)[normalize("Område")] == "topic"
    data = interpret_workbook("x.xlsx", {
        "Om planen": [["Felt", "Værdi"], ["Afdeling", "Jobcenter"], ["Forvaltning", "Beskæftigelse"]],
        "Handlingsplan": [["ID", "Område", "Mål", "Åtgärder", "Ansvarig", "Klart senast",
                           "Uppföljning (hur)", "Status"], [1, "Krav", "m", "å", "A", None, "u",
                                                            "Pågår"]],
    }, fallback_department="x")
    assert (data.department, data.area) == ("Jobcenter", "Beskæftigelse")
    assert data.plans[PlanKind.ACTION].rows[0].values["topic"] == "Krav"


def test_departments_are_grouped_by_area_most_overdue_first() -> None:
    state = Rollup("en", as_of=AS_OF)
    for result in (_department("Kantine", "Stab", overdue=1),
                   _department("Administration", "Teknik", overdue=0),
                   _department("Administration", "Stab", overdue=3),  # another department
                   _department("Løn", "stab", overdue=1, done=3, open_=1),  # same area, any case
                   _department("Alone", None, overdue=5)):
        state.add(result)
    state.add(failed_result("Teknik/broken.xlsx", "damaged", area="Teknik"))
    tables = state.tables()
    names = [(kind.value, row[0]) for row, kind in zip(tables.overview.rows,
                                                      tables.overview_rows, strict=True)]
    # areas by name, "(no area)" last; Administration (3 overdue) first in Stab; Kantine and Løn
    # have 1 overdue of 4 items each, so their names decide; the failed file under its area
    assert names == [
        ("area", "Stab"), ("department", "Administration"), ("department", "Kantine"),
        ("department", "Løn"),
        ("area", "Teknik"), ("department", "Administration"),
        ("failed", "broken.xlsx — not read: damaged"),
        ("area", "(no area)"), ("department", "Alone"),
    ]
    assert state.totals()["departments"] == 5
    areas = state.areas()
    assert [(a["area"], a["departments"], a["overdue"]) for a in areas] == [
        ("Stab", 3, 5), ("Teknik", 1, 0), (None, 1, 5)]
    assert sum(a["items"] for a in areas) == sum(state.totals()["items"].values())  # type: ignore[union-attr]


def test_a_larger_overdue_share_comes_first_among_equal_counts() -> None:
    state = Rollup("en")
    state.add(_department("Big", "A", overdue=2, done=1, open_=19))  # 2 of 20
    state.add(_department("Small", "A", overdue=2, done=0, open_=2))  # 2 of 2
    tables = state.tables()
    assert [r[0] for r in tables.overview.rows] == ["A", "Small", "Big"]
    assert tables.overview_rows == [RowKind.AREA, RowKind.DEPARTMENT, RowKind.DEPARTMENT]


def test_without_any_area_there_are_no_area_rows() -> None:
    state = Rollup("en")
    state.add(_department("B", None, overdue=1))
    state.add(_department("A", None, overdue=1))
    tables = state.tables()
    assert [r[0] for r in tables.overview.rows] == ["A", "B"]
    assert tables.overview.header[0] == "Department" and not tables.has_areas


def _organisation(departments: int, areas: int | None) -> Rollup:
    state = Rollup("en", as_of=AS_OF)
    for n in range(departments):
        area = f"Area {n % areas}" if areas else None
        state.add(_department(f"Dept {n:02d}", area, overdue=n % 4))
    return state


@pytest.mark.parametrize(("departments", "areas", "per_area", "expected"), [
    (MAX_BARS, 3, False, [("Status per department", MAX_BARS)]),
    (30, 3, False, [("Status per area", 3)]),  # too many bars: the areas instead
    (30, 3, True, [("Status per area", 3), ("Status per department: Area 0", 10),
                   ("Status per department: Area 1", 10), ("Status per department: Area 2", 10)]),
    (30, None, False, [("Status per department (1–24 of 30)", 24),
                       ("Status per department (25–30 of 30)", 6)]),  # every one, over pages
])
def test_the_chart_shows_areas_when_departments_are_too_many(
        departments: int, areas: int | None, per_area: bool,
        expected: list[tuple[str, int]]) -> None:
    plans = plan_charts(_organisation(departments, areas).tables(), per_area=per_area)
    assert [(p.title, len(p.bars)) for p in plans] == expected


def test_each_chart_gets_a_page_of_its_own(tmp_path: Path) -> None:
    tables = _organisation(30, 3).tables()
    path = write_summary(tables, tmp_path / "charts.xlsx", chart_per_area=True)
    package = Package(path)
    anchors = sorted(package.chart_anchors("Charts"))
    assert len(anchors) == 4
    assert package.sheets["Charts"].row_breaks() == [SLOT_ROWS, 2 * SLOT_ROWS, 3 * SLOT_ROWS]
    for page, (first, last) in enumerate(anchors):
        # clear of the page breaks: an edge on a break prints on the page before
        assert page * SLOT_ROWS < first < last <= (page + 1) * SLOT_ROWS - 1
    assert package.defined("_xlnm.Print_Area", "Charts") == "Charts!$A$1:$O$128"
    # the charts' figures sit beside them, outside the print area
    ws = load_workbook(path)["Charts"]
    assert ws["Q2"].value == "Area" and ws["Q3"].value == "Area 0" and ws["T3"].value == 10


def test_chart_per_area_from_the_command_line(fixture_folder: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from xltools.cli import app

    out = tmp_path / "s.xlsx"
    done = CliRunner().invoke(app, ["rollup", str(fixture_folder), "-o", str(out), "--as-of",
                                    "2026-11-23", "--jobs", "1", "--chart-per-area"])
    assert done.exit_code == 1, done.output  # the broken file
    charts = load_workbook(out)["Charts"]
    # the departments' chart, then one per area that has departments ("(no area)" has none)
    assert [charts.cell(row=1 + n * SLOT_ROWS, column=17).value for n in range(4)] == [
        "Chart data: Status per department", "Chart data: Status per department: Stab",
        "Chart data: Status per department: Sundhed og Omsorg", None]
    assert len(charts._charts) == 3


def test_long_names_wrap_and_the_overview_stays_one_readable_page_wide(tmp_path: Path) -> None:
    state = Rollup("da", as_of=AS_OF)
    state.add(_department("Hjemmeplejen Distrikt Nord-Øst og Midtbyen", "Social- og "
                          "Sundhedsforvaltningen"))
    state.add(_department("Kort", "Social- og Sundhedsforvaltningen"))
    path = write_summary(state.tables(), tmp_path / "long.xlsx", writer=None)
    sheet = Package(path).sheets["Oversigt"]
    margins = sheet.find("m:pageMargins")
    assert margins is not None
    page = (11.69 - float(margins.get("left", "0")) - float(margins.get("right", "0"))) * 96
    assert page / sum(w * 7 for w in sheet.widths().values()) >= 0.73  # 11 pt prints >= 8 pt
    ws = load_workbook(path)["Oversigt"]
    assert ws["A2"].value == "Social- og Sundhedsforvaltningen"
    # the long department name takes two lines and its row the height; the short one not
    long_row = next(r for r in (3, 4) if ws.cell(row=r, column=1).value.startswith("Hjemme"))
    short_row = 7 - long_row
    assert ws.row_dimensions[long_row].height == 30
    assert ws.row_dimensions[short_row].height is None
    assert ws.cell(row=long_row, column=1).alignment.wrap_text
