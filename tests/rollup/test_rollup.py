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

# Overview columns (en): Department, Files, Action plan items, Activities, Communication items,
# Not started, In progress, Done, Postponed, Cancelled, No valid status, Overdue, Due soon,
# % done, Errors, Warnings, Last updated — each figure worked out by hand from conftest.py.
EXPECTED_HEADER = ["Department", "Files", "Action plan items", "Activities", "Communication items",
                   "Not started", "In progress", "Done", "Postponed", "Cancelled",
                   "No valid status", "Overdue", "Due soon", "% done", "Errors", "Warnings",
                   "Last updated"]
EXPECTED_ROWS = [
    # Ekonomi: done 1 of 4 (none cancelled); bad-date + duplicate-id + bad-value; the activity
    # with status "Kanske" counts as open, so it is overdue (warning).
    ["Ekonomi", 1, 2, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0.25, 3, 1, date(2026, 11, 15)],
    # Hjemmeplejen: done 1 of 3 not cancelled; warnings: overdue + vague owner "ledelsen".
    ["Hjemmeplejen", 1, 3, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0.3333, 0, 2, date(2026, 11, 2)],
    # IT Support: done 1 of 3; the message due 2026-11-20 is overdue, action 1 is due soon.
    ["IT Support", 1, 2, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0.3333, 0, 1, date(2026, 10, 28)],
]
EXPECTED_TOTAL = ["Organisation total", 3, 7, 2, 2, 2, 3, 3, 1, 1, 1, 3, 2, 0.3, 3, 4,
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
    assert rows[1:4] == EXPECTED_ROWS
    assert rows[4] == EXPECTED_TOTAL


def test_overview_has_table_and_stacked_chart(summary) -> None:  # type: ignore[no-untyped-def]
    _, wb = summary
    ws = wb["Overview"]
    assert list(ws.tables) == ["Overview"]
    assert ws.freeze_panes == "A2"
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert chart.grouping == "stacked"
    assert len(chart.series) == 6  # five statuses and "no valid status"


def test_sheets_tables_and_outcomes(summary) -> None:  # type: ignore[no-untyped-def]
    result, wb = summary
    assert wb.sheetnames == ["Overview", "Actions", "Activities", "Communication", "Overdue",
                             "By topic", "Issues", "Files"]
    for title in wb.sheetnames[1:]:
        assert wb[title].tables, title
        assert wb[title].freeze_panes == "A2"
    files = {Path(r[0]).name: r[1:3] for r in _values(wb["Files"])[1:]}
    assert files["broken.xlsx"][0] == "Failed"
    assert "damaged" in files["broken.xlsx"][1] or "zip" in files["broken.xlsx"][1]
    assert files["ekonomi.xlsx"] == ["Read with problems", "3 errors found by validation"]
    assert files["hjemmeplejen.xlsx"] == ["Read", None]
    assert files["~$ekonomi.xlsx"] == ["Skipped", "Excel lock file"]
    assert files["._hjemmeplejen.xlsx"] == ["Skipped", "hidden file"]
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


def test_overdue_oldest_first_with_owner(summary) -> None:  # type: ignore[no-untyped-def]
    _, wb = summary
    rows = _values(wb["Overdue"])
    assert rows[0] == ["Department", "Plan", "ID", "What", "Responsible", "Deadline", "Days late",
                       "Status", "Source file", "Source row"]
    assert [r[:8] for r in rows[1:]] == [
        ["Hjemmeplejen", "Action plan", "1", "Krav", "Mette Hansen", date(2026, 10, 1), 53,
         "In progress"],
        ["Ekonomi", "Activity plan", "1", "x", "Erik Ström", date(2026, 11, 1), 22, None],
        ["IT Support", "Communication plan", "1", "m", "Sam Carter", date(2026, 11, 20), 3,
         "In progress"],
    ]


def test_by_topic_merges_danish_and_english_areas(summary) -> None:  # type: ignore[no-untyped-def]
    _, wb = summary
    rows = _values(wb["By topic"])
    assert rows[0] == ["Topic", "Departments", "Items", "Not started", "In progress", "Done",
                       "Postponed", "Cancelled", "No valid status", "Overdue", "% done"]
    assert rows[1:] == [
        ["Demands", 2, 3, 1, 1, 1, 0, 0, 0, 1, 0.3333],  # Krav (da) + Demands (en)
        ["Management", 2, 2, 1, 0, 1, 0, 0, 0, 0, 0.5],  # Ledelse (da) + Management (en)
        ["Återhämtning", 1, 2, 0, 1, 1, 0, 0, 0, 0, 0.5],
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
    assert wb.sheetnames[0] == "Oversigt"
    rows = _values(wb["Oversigt"])
    assert rows[0][0] == "Afdeling" and rows[-1][0] == "Hele organisationen"
    assert rows[1][1:] == EXPECTED_ROWS[0][1:]
    assert _values(wb["Pr. emne"])[1][0] == "Krav"


def test_parallel_workers_give_the_same_summary(fixture_folder: Path, tmp_path: Path,
                                                summary) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "parallel.xlsx"
    rollup([fixture_folder], out, as_of=AS_OF, lang="en", jobs=2)
    wb = load_workbook(out)
    _, serial = summary
    for title in ("Overview", "Actions", "Overdue", "Issues"):
        assert _values(wb[title]) == _values(serial[title]), title


def test_inputs_are_not_modified(fixture_folder: Path, tmp_path: Path) -> None:
    def digests() -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(fixture_folder.iterdir())}

    before = digests()
    mtimes = {p.name: p.stat().st_mtime_ns for p in fixture_folder.iterdir()}
    rollup([fixture_folder], tmp_path / "s.xlsx", as_of=AS_OF, jobs=1)
    assert digests() == before
    assert {p.name: p.stat().st_mtime_ns for p in fixture_folder.iterdir()} == mtimes


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
