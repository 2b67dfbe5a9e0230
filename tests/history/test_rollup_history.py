"""Every roll-up remembered: three roll-ups of a changing folder, the Progress sheet, JSON."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.rollup.conftest import write_department
from xltools.cli import app
from xltools.core.schema import PlanKind
from xltools.core.texts import summary as T
from xltools.io.snapshots import HistoryError, open_history
from xltools.rollup import rollup

pytestmark = pytest.mark.writer
SEP, OCT, NOV = date(2026, 9, 30), date(2026, 10, 31), date(2026, 11, 30)


def action(id_: object, status: str, deadline: date, owner: str = "Mette Hansen") -> dict:
    return dict(id=id_, topic="Krav", goal="g", actions=f"Action {id_}", owner=owner,
                deadline=deadline, follow_up="f", status=status)


def month(folder: Path, skolen: list[dict], hjemmeplejen: list[dict]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, rows in (("Skolen", skolen), ("Hjemmeplejen", hjemmeplejen)):
        write_department(folder / f"{name.lower()}.xlsx", "da", name, date(2026, 9, 1),
                         {PlanKind.ACTION: rows, PlanKind.ACTIVITY: [],
                          PlanKind.COMMUNICATION: []})
    return folder


SEPTEMBER = ([action(1, "I gang", date(2026, 10, 15)), action(2, "Ikke startet", date(2026, 9, 1)),
              action(3, "I gang", date(2026, 12, 1)), action("A", "I gang", date(2026, 12, 31))],
             [action(1, "Gennemført", date(2026, 8, 1)), action(2, "I gang", date(2026, 10, 20))])
OCTOBER = ([action(1, "Gennemført", date(2026, 10, 15)),      # completed
            action(2, "Ikke startet", date(2026, 9, 1)),      # still overdue
            action(3, "I gang", date(2027, 2, 1)),            # slipped 62 days
            action("A1", "I gang", date(2026, 12, 31)),       # renamed: removed + new
            action(5, "I gang", date(2026, 10, 10))],          # new and overdue
           [action(1, "Gennemført", date(2026, 8, 1))])       # item 2 removed
NOVEMBER = ([action(1, "Gennemført", date(2026, 10, 15)), action(2, "Gennemført", date(2026, 9, 1)),
             action(3, "I gang", date(2027, 2, 1)), action("A1", "I gang", date(2026, 12, 31)),
             action(5, "I gang", date(2026, 10, 10))],
            [action(1, "Gennemført", date(2026, 8, 1))])


def departments(result) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {d["department"]: {k: v for k, v in d.items() if k != "department"}
            for d in result.to_dict()["progress"]["departments"]}


def test_three_roll_ups_of_a_changing_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    first = rollup([month(tmp_path / "sep", *SEPTEMBER)], out / "sep.xlsx", as_of=SEP, jobs=1)
    assert first.to_dict()["progress"] == {"previous_as_of": None, "departments": [
        {"department": d, "completed": 0, "new": 0, "removed": 0, "newly_overdue": 0,
         "still_overdue": 0, "slipped": 0} for d in ("Hjemmeplejen", "Skolen")]}
    assert first.history == out / "xltools-history.sqlite"
    second = rollup([month(tmp_path / "oct", *OCTOBER)], out / "oct.xlsx", as_of=OCT, jobs=1)
    assert second.to_dict()["progress"]["previous_as_of"] == "2026-09-30"
    assert departments(second) == {
        "Skolen": {"completed": 1, "new": 2, "removed": 1, "newly_overdue": 1,
                   "still_overdue": 1, "slipped": 1},
        "Hjemmeplejen": {"completed": 0, "new": 0, "removed": 1, "newly_overdue": 0,
                         "still_overdue": 0, "slipped": 0},
    }
    third = rollup([month(tmp_path / "nov", *NOVEMBER)], out / "nov.xlsx", as_of=NOV, jobs=1)
    assert departments(third)["Skolen"] == {"completed": 1, "new": 0, "removed": 0,
                                            "newly_overdue": 0, "still_overdue": 1,
                                            "slipped": 0}
    # against September instead
    again = rollup([tmp_path / "nov"], out / "nov.xlsx", as_of=NOV, jobs=1, compare_with=SEP)
    assert departments(again)["Skolen"]["completed"] == 2
    with open_history(out / "xltools-history.sqlite") as store:
        snapshots = store.snapshots()
    # the November roll-up ran twice: its snapshot was replaced, not doubled
    assert [s.as_of for s in snapshots] == [SEP, OCT, NOV]
    assert [(s.trend.items, s.trend.done, s.trend.overdue) for s in snapshots] == [
        (6, 1, 1), (6, 2, 2), (6, 3, 1)]


def test_the_progress_sheet_says_what_moved(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    rollup([month(tmp_path / "sep", *SEPTEMBER)], out / "sep.xlsx", as_of=SEP, jobs=1, lang="da")
    first = load_workbook(out / "sep.xlsx")["Fremdrift"]
    assert "næste opsamling viser" in str(first["A1"].value)
    rollup([month(tmp_path / "oct", *OCTOBER)], out / "oct.xlsx", as_of=OCT, jobs=1, lang="da")
    sheet = load_workbook(out / "oct.xlsx")["Fremdrift"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Hvad der er sket mellem opsamlingen 30-09-2026 og denne 31-10-2026"
    header = values[2]
    assert header[:4] == ["Område", "Afdeling", "Punkter nu", "Gennemført siden"]
    skolen = next(r for r in values if r[1] == "Skolen")
    assert skolen[2:11] == [5, 1, 2, 1, 1, 1, 1, 62, 0]
    total = next(r for r in values if r[0] == "Hele organisationen")
    assert total[2:9] == [6, 1, 2, 2, 1, 1, 1]
    listed = next(i for i, r in enumerate(values) if r[0] == T.MOVED_HEADING["da"]) + 1
    assert values[listed][:3] == ["Afdeling", "Hvad", "Ansvarlig"]
    moved = [r for r in values[listed + 1:] if r[8] in ("Skredet", "Stadig overskredet")]
    assert [(r[0], r[4], r[7], r[8]) for r in moved] == [("Skolen", "3", 62, "Skredet"),
                                                         ("Skolen", "2", 60, "Stadig overskredet")]
    start = next(i for i, r in enumerate(values) if r[0] == "Organisationen over tid")
    assert sheet.row_breaks.brk[0].id == start  # the trend and its chart start a page
    table = next(i for i in range(start + 1, len(values)) if values[i][0] is not None)
    assert table > start + 15, "the chart sits between the heading and the table"
    trend = [r[:5] for r in values[table + 1:] if r[0] is not None]
    assert [(r[0], r[1], r[2], r[3]) for r in trend] == [
        ("30-09-2026", 6, pytest.approx(1 / 6, abs=1e-4), 1),
        ("31-10-2026", 6, pytest.approx(2 / 6, abs=1e-4), 2)]
    assert sheet._charts, "a line chart of the trend"


def test_a_damaged_history_is_reported_left_untouched_and_the_summary_written(
        tmp_path: Path) -> None:
    folder = month(tmp_path / "plans", *SEPTEMBER)
    history = tmp_path / "history.sqlite"
    history.write_bytes(b"this is not SQLite")
    before = hashlib.sha256(history.read_bytes()).hexdigest()
    runner = CliRunner()
    result = runner.invoke(app, ["rollup", str(folder), "-o", str(tmp_path / "s.xlsx"),
                                 "--as-of", "2026-09-30", "--history", str(history), "--json"])
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert "not an xltools history" in payload["history_problem"]
    assert hashlib.sha256(history.read_bytes()).hexdigest() == before
    sheet = load_workbook(tmp_path / "s.xlsx")["Progress"]
    assert "could not be used" in str(sheet["A1"].value)


def test_no_history_and_an_unknown_compare_with(tmp_path: Path) -> None:
    folder = month(tmp_path / "plans", *SEPTEMBER)
    runner = CliRunner()
    result = runner.invoke(app, ["rollup", str(folder), "-o", str(tmp_path / "s.xlsx"),
                                 "--as-of", "2026-09-30", "--no-history"])
    assert result.exit_code == 0
    assert not (tmp_path / "xltools-history.sqlite").exists()
    refused = runner.invoke(app, ["rollup", str(folder), "-o", str(tmp_path / "s.xlsx"),
                                  "--as-of", "2026-10-31", "--compare-with", "2026-01-31"])
    assert refused.exit_code == 2 and "no roll-up as of 2026-01-31" in refused.stderr
    with pytest.raises(HistoryError):
        rollup([folder], tmp_path / "s.xlsx", as_of=OCT, compare_with=date(2026, 1, 31))


def test_the_history_is_named_as_the_user_named_the_summary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = month(tmp_path / "plans", *SEPTEMBER)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["rollup", "plans", "-o", "summary.xlsx",
                                      "--as-of", "2026-09-30", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert folder.is_dir() and (tmp_path / "xltools-history.sqlite").is_file()
    assert "First roll-up in the history xltools-history.sqlite;" in result.stdout
