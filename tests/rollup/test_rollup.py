"""The roll-up end to end: exact figures of a hand-computed fixture, read back from the summary."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.rollup.conftest import AS_OF
from xltools.cli import app
from xltools.rollup import rollup

# Overview columns (en), each figure worked out by hand from conftest.py. Rows: each area's
# subtotal above its departments (most overdue first, then the larger overdue share), areas by
# name and "(no area)" last, the file that could not be read under its area; the organisation
# total in a row of its own under the list.
EXPECTED_HEADER = ["Area / department", "Files", "Action plan items", "Activities",
                   "Communication items", "Not started", "In progress", "Done", "Postponed",
                   "Cancelled", "No valid status", "Overdue", "% overdue", "Due soon", "% done",
                   "Errors", "Warnings", "Last updated"]
# Stab: IT Support (About) + Ekonomi (folder "Stab"): 7 items, none cancelled, 2 overdue.
STAB = ["Stab", 2, 4, 1, 2, 1, 2, 2, 1, 0, 1, 2, 0.2857, 1, 0.2857, 3, 2, date(2026, 11, 15)]
# IT Support: done 1 of 3; the message due 2026-11-20 is overdue, action 1 is due soon.
IT_SUPPORT = ["IT Support", 1, 2, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0.3333, 1, 0.3333, 0, 1,
              date(2026, 8, 3)]
# Ekonomi: done 1 of 4 (none cancelled); bad-date + duplicate-id + bad-value; the activity
# with status "Kanske" counts as open, so it is overdue (warning). 1 of 4 overdue: after IT.
EKONOMI = ["Ekonomi", 1, 2, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0.25, 0, 0.25, 3, 1, date(2026, 11, 15)]
# Hjemmeplejen: done 1 of 3 not cancelled; warnings: overdue + vague owner "ledelsen".
HJEMMEPLEJEN = ["Hjemmeplejen", 1, 3, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0.3333, 1, 0.3333, 0, 2,
                date(2026, 11, 2)]
OMSORG = ["Sundhed og Omsorg", *HJEMMEPLEJEN[1:]]
NO_AREA = ["(no area)", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, None, 0, None, 0, 0, None]
EXPECTED_ROWS = [STAB, IT_SUPPORT, EKONOMI, OMSORG, HJEMMEPLEJEN, NO_AREA]
EXPECTED_TOTAL = ["Organisation total", 3, 7, 2, 2, 2, 3, 3, 1, 1, 1, 3, 0.3, 2, 0.3, 3, 4,
                  date(2026, 11, 15)]


def _values(ws) -> list[list[object]]:  # type: ignore[no-untyped-def]
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append([v.date() if isinstance(v, datetime) else v for v in row])
    return rows


@pytest.fixture(scope="module")
def summary(fixture_folder: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("out") / "summary.xlsx"
    result = rollup([fixture_folder], out, as_of=AS_OF, lang="en", jobs=1)
    return result, load_workbook(out)


def test_overview_matches_hand_computed_figures(summary) -> None:  # type: ignore[no-untyped-def]
    _, wb = summary
    rows = _values(wb["Overview"])
    assert rows[0] == EXPECTED_HEADER
    assert rows[1:7] == EXPECTED_ROWS
    # the file that could not be read: under its area (none), named, with why, no figures
    failed = rows[7]
    assert str(failed[0]).startswith("broken.xlsx — not read: ")
    assert failed[1:] == [None] * (len(EXPECTED_HEADER) - 1)
    assert rows[8] == EXPECTED_TOTAL
    assert len(rows) == 9


def test_area_subtotals_are_the_sums_of_their_departments(summary) -> None:  # type: ignore[no-untyped-def]
    _, wb = summary
    rows = _values(wb["Overview"])[1:8]
    groups = {"Stab": [IT_SUPPORT, EKONOMI], "Sundhed og Omsorg": [HJEMMEPLEJEN], "(no area)": []}
    counts = range(1, 12)  # files, items per plan, statuses, overdue: plain sums
    for area, departments in groups.items():
        subtotal = next(r for r in rows if r[0] == area)
        for c in (*counts, 13, 15, 16):
            assert subtotal[c] == sum(d[c] for d in departments), (area, EXPECTED_HEADER[c])
        assert subtotal[17] == max((d[17] for d in departments), default=None)
    total = _values(wb["Overview"])[8]
    for c in (*counts, 13, 15, 16):
        assert total[c] == sum(r[c] for r in rows if r[0] in groups and r[c] is not None)


def test_overview_groups_areas_and_the_chart_has_a_sheet_of_its_own(summary) -> None:  # type: ignore[no-untyped-def]
    _, wb = summary
    ws = wb["Overview"]
    # subtotals sit inside the list: a sortable Excel table would tear them from their areas
    assert not ws.tables
    assert ws.freeze_panes == "B2"
    assert not ws._charts
    # departments are outline level 1 under their area's subtotal (collapsible to areas)
    assert [r for r in range(2, 9) if ws.row_dimensions[r].outlineLevel == 1] == [3, 4, 6, 8]
    assert ws.sheet_properties.outlinePr.summaryBelow is False
    charts = wb["Charts"]._charts
    assert len(charts) == 1
    assert charts[0].grouping == "stacked"
    assert len(charts[0].series) == 6  # five statuses and "no valid status"


def test_sheets_tables_and_outcomes(summary) -> None:  # type: ignore[no-untyped-def]
    result, wb = summary
    assert wb.sheetnames == ["Read first", "Overview", "Charts", "Progress", "Overdue", "By topic",
                             "Actions", "Activities", "Communication", "Issues", "Files"]
    for title in wb.sheetnames[4:]:  # the lists; Progress is a report of its own
        assert wb[title].tables, title
        assert wb[title].freeze_panes == "A2"
    files = {Path(r[0]).name: r[1:5] for r in _values(wb["Files"])[1:]}
    assert files["broken.xlsx"][0] == "Failed"
    assert "damaged" in files["broken.xlsx"][1] or "zip" in files["broken.xlsx"][1]
    assert files["ekonomi.xlsx"] == ["Read with problems", "3 errors found by validation",
                                     "Ekonomi", "Stab"]
    assert files["hjemmeplejen.xlsx"] == ["Read", None, "Hjemmeplejen", "Sundhed og Omsorg"]
    assert files["~$ekonomi.xlsx"] == ["Skipped", "Excel lock file", None, None]
    assert files["._hjemmeplejen.xlsx"] == ["Skipped", "hidden file", None, None]
    assert (result.read, result.failed, result.skipped) == (3, 1, 2)


def test_rows_carry_department_source_and_canonical_status(summary) -> None:  # type: ignore[no-untyped-def]
    _, wb = summary
    rows = _values(wb["Actions"])
    assert rows[0][:3] == ["Department", "Source file", "Source row"]
    assert rows[0][3:] == ["ID", "Topic", "Problem / challenge", "Goal", "Sub-goals", "Actions",
                           "Responsible", "Involved", "Start", "Deadline", "Resources",
                           "Follow-up (how)", "Next follow-up", "Status", "Management backing",
                           "Priority", "Notes"]
    status = rows[0].index("Status")
    deadline = rows[0].index("Deadline")
    by_dept = [(r[0], r[2], r[status]) for r in rows[1:]]
    assert by_dept == [("Ekonomi", 2, "In progress"), ("Ekonomi", 3, "Done"),
                       ("Hjemmeplejen", 2, "In progress"), ("Hjemmeplejen", 3, "Done"),
                       ("Hjemmeplejen", 4, "Not started"), ("IT Support", 2, "Not started"),
                       ("IT Support", 3, "Done")]
    assert rows[1][deadline] == "snart"  # what the user wrote, kept as text
    assert rows[2][deadline] == date(2026, 8, 31)
    activities = _values(wb["Activities"])
    assert activities[1][activities[0].index("Status")] == "Kanske"


def test_overdue_oldest_first_with_what_owner_department_and_area(summary) -> None:  # type: ignore[no-untyped-def]
    _, wb = summary
    rows = _values(wb["Overdue"])
    assert rows[0] == ["Days late", "Deadline", "Department", "Area", "Responsible", "What",
                       "Status", "Plan", "ID", "Source file", "Source row"]
    # "What" is the item's own text: the action (not its topic "Krav"), the activity, the message
    assert [r[:9] for r in rows[1:]] == [
        [53, date(2026, 10, 1), "Hjemmeplejen", "Sundhed og Omsorg", "Mette Hansen",
         "Gennemgå køreplaner", "In progress", "Action plan", "1"],
        [22, date(2026, 11, 1), "Ekonomi", "Stab", "Erik Ström", "x", None, "Activity plan", "1"],
        [3, date(2026, 11, 20), "IT Support", "Stab", "Sam Carter", "m", "In progress",
         "Communication plan", "1"],
    ]
    assert [(Path(r[9]).name, r[10]) for r in rows[1:]] == [
        ("hjemmeplejen.xlsx", 2), ("ekonomi.xlsx", 2), ("it-support.xlsx", 2)]


def test_by_topic_merges_the_survey_areas_of_every_language(summary) -> None:  # type: ignore[no-untyped-def]
    _, wb = summary
    rows = _values(wb["By topic"])
    assert rows[0] == ["Topic", "Departments", "Items", "Not started", "In progress", "Done",
                       "Postponed", "Cancelled", "No valid status", "Overdue", "% done"]
    assert rows[1:] == [
        ["Demands", 2, 3, 1, 1, 1, 0, 0, 0, 1, 0.3333],  # Krav (da) + Demands (en)
        ["Management", 2, 2, 1, 0, 1, 0, 0, 0, 0, 0.5],  # Ledelse (da) + Management (en)
        ["Recovery", 1, 2, 0, 1, 1, 0, 0, 0, 0, 0.5],  # Återhämtning (sv), in English
    ]


def test_issues_sheet_lists_every_issue_per_file(summary) -> None:  # type: ignore[no-untyped-def]
    _, wb = summary
    rows = _values(wb["Issues"])
    codes = [(r[0], r[5]) for r in rows[1:] if r[5] != "checklist-open"]
    assert sorted(codes) == sorted([
        ("Ekonomi", "bad-date"), ("Ekonomi", "duplicate-id"), ("Ekonomi", "bad-value"),
        ("Ekonomi", "overdue"), ("Hjemmeplejen", "overdue"), ("Hjemmeplejen", "vague-owner"),
        ("Hjemmeplejen", "due-soon"), ("IT Support", "overdue"), ("IT Support", "due-soon"),
    ])


def test_risky_text_is_written_as_text(summary) -> None:  # type: ignore[no-untyped-def]
    _, wb = summary
    ws = wb["Communication"]
    header = [c.value for c in ws[1]]
    row = ws[2]
    for key, expected in (("Audience", "=SUM(A1:A2)"), ("Purpose", "-ikke"), ("Goal", "@alle"),
                          ("Message", "+45 22 33 44")):
        cell = row[header.index(key)]
        assert cell.value == expected
        assert cell.data_type == "s", key


def test_summary_language_follows_lang(fixture_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "da.xlsx"
    rollup([fixture_folder], out, as_of=AS_OF, lang="da", jobs=1)
    wb = load_workbook(out)
    rows = _values(wb["Oversigt"])
    assert rows[0][0] == "Område / afdeling" and rows[-1][0] == "Hele organisationen"
    assert [r[1:] for r in rows[1:7]] == [r[1:] for r in EXPECTED_ROWS[:5]] + [NO_AREA[1:]]
    assert rows[6][0] == "(intet område)"
    assert str(rows[7][0]).startswith("broken.xlsx — ikke læst: ")
    assert wb.sheetnames[:3] == ["Læs først", "Oversigt", "Diagrammer"]
    assert _values(wb["Pr. emne"])[1][0] == "Krav"


def test_parallel_workers_give_the_same_summary(fixture_folder: Path, tmp_path: Path,
                                                summary) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "parallel.xlsx"
    rollup([fixture_folder], out, as_of=AS_OF, lang="en", jobs=2)
    wb = load_workbook(out)
    _, serial = summary
    for title in ("Overview", "Charts", "Actions", "Overdue", "Issues", "Files"):
        assert _values(wb[title]) == _values(serial[title]), title


def test_inputs_are_not_modified(fixture_folder: Path, tmp_path: Path) -> None:
    files = sorted(p for p in fixture_folder.rglob("*") if p.is_file())
    assert len(files) == 6  # the area folder's file too

    def digests() -> dict[Path, str]:
        return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}

    before = digests()
    mtimes = {p: p.stat().st_mtime_ns for p in fixture_folder.rglob("*")}
    rollup([fixture_folder], tmp_path / "s.xlsx", as_of=AS_OF, jobs=1)
    assert digests() == before
    assert {p: p.stat().st_mtime_ns for p in fixture_folder.rglob("*")} == mtimes


def test_cli_exit_codes_and_json(fixture_folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "cli.xlsx"
    done = runner.invoke(app, ["rollup", str(fixture_folder), "--output", str(out),
                               "--as-of", "2026-11-23", "--jobs", "1", "--json"])
    assert done.exit_code == 1  # the broken file failed; the summary is still written
    assert out.exists()
    data = json.loads(done.stdout)
    assert data["files"]["read"] == 3 and data["files"]["failed"] == 1
    assert data["totals"]["overdue"] == 3 and data["totals"]["percent_done"] == 0.3
    assert data["areas"] == [
        {"area": "Stab", "departments": 2, "items": 7, "done": 2, "overdue": 2},
        {"area": "Sundhed og Omsorg", "departments": 1, "items": 4, "done": 1, "overdue": 1},
        {"area": None, "departments": 0, "items": 0, "done": 0, "overdue": 0},
    ]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~xltools")]

    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(fixture_folder / "it-support.xlsx", good)
    done = runner.invoke(app, ["rollup", str(good), "-o", str(tmp_path / "g.xlsx"),
                               "--as-of", "2026-11-23", "--jobs", "1"])
    assert done.exit_code == 0, done.output

    empty = tmp_path / "empty"
    empty.mkdir()
    done = runner.invoke(app, ["rollup", str(empty), "-o", str(tmp_path / "e.xlsx")])
    assert done.exit_code == 2
    assert not (tmp_path / "e.xlsx").exists()
    done = runner.invoke(app, ["rollup", str(good), "-o", str(tmp_path / "nofolder" / "x.xlsx")])
    assert done.exit_code == 2


def test_summary_opens_in_libreoffice(fixture_folder: Path, tmp_path: Path, convert) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "lo.xlsx"
    rollup([fixture_folder], out, as_of=AS_OF, jobs=1)
    [pdf] = convert([out], "pdf", tmp_path / "pdf")
    assert pdf.stat().st_size > 1000


def test_by_topic_in_swedish_and_with_the_organisations_own_topics(tmp_path: Path) -> None:
    from xltools.core.rollup import topic_display, topic_key
    from xltools.core.settings import Settings

    # a Danish NFA area shown in a Swedish summary, and a Swedish OSA area in Danish
    assert topic_display(topic_key("Ledelse"), "Ledelse", "sv") == "Ledarskap"
    assert topic_display(topic_key("Socialt stöd"), "Socialt stöd", "da") == "Social støtte"
    assert topic_key("Leadership") == topic_key("Ledarskap") == topic_key("ledelse")
    own = Settings(topics={"da": ("Arbejdsmængde", "Samarbejde"),
                           "en": ("Workload", "Cooperation")}).own_topics
    assert topic_key("workload", own) == topic_key("Arbejdsmængde", own)
    assert topic_display(topic_key("Arbejdsmængde", own), "Arbejdsmængde", "en", own) == \
        "Workload"
    # no name in the summary's language: as the first plan wrote it
    assert topic_display(topic_key("Arbejdsmængde", own), "Arbejdsmængde", "sv", own) == \
        "Arbejdsmængde"
