"""The command line on real files: exit statuses, reports, JSON, annotated copies, overdue lists."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from xltools.cli import app
from xltools.core.marks import RECORD_SHEET as MARKS_SHEET
from xltools.io.template import new_workbook

AS_OF = "2026-11-23"
runner = CliRunner()

ACTION_ROWS = [
    # id, topic, problem, goal, sub_goals, actions, owner, involved, start, deadline, resources,
    # follow_up, follow_up_date, status, backing, priority, notes
    [1, "Krav", None, "Færre afbrydelser", None, "Stille timer", "Jens", None, None,
     "01.10.2026", None, "Måling", None, "I gang", "Ja", "Høj", "=HYPERLINK(\"x\")"],
    [2, "Ledelse", None, "Bedre møder", None, "Ny dagsorden", "Ida", None, None,
     date(2027, 3, 1), None, "Evaluering", None, "Gennemført", None, None, None],
    [3, "Samarbejde", None, "Mål", None, "Workshop", "Alle", None, None,
     "uge 49 2026", None, "Møde", None, "=Måske", None, None, None],
]


def _plan(tmp_path: Path, name: str = "plan.xlsx") -> Path:
    path = tmp_path / name
    new_workbook(path, "da", department="Hjemmeplejen")
    wb = openpyxl.load_workbook(path)
    ws = wb["Handleplan"]
    for r, row in enumerate(ACTION_ROWS, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # typed as text, as Excel stores '=... typed by a user
    wb.save(path)
    return path


def test_validate_reports_errors_with_addresses_and_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(_plan(tmp_path)), "--as-of", AS_OF])
    assert result.exit_code == 1
    assert "Handleplan" in result.output
    assert "[bad-value]" in result.output and "N4" in result.output
    assert "[overdue]" in result.output and "J2" in result.output
    assert "[vague-owner]" in result.output


def test_validate_json_lists_issues_with_required_fields(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(_plan(tmp_path)), "--as-of", AS_OF, "--json",
                                 "--lang", "en"])
    payload = json.loads(result.output)
    assert payload["errors"] >= 1
    for issue in payload["issues"]:
        assert {"code", "severity", "sheet", "row", "column", "message"} <= issue.keys()
    codes = {(i["code"], i["cell"]) for i in payload["issues"]}
    assert ("overdue", "J2") in codes and ("due-soon", "J4") in codes
    overdue = next(i for i in payload["issues"] if i["code"] == "overdue")
    assert overdue["message"].startswith("Overdue")  # --lang en overrides the workbook's da


def test_validate_clean_workbook_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    new_workbook(path, "sv")
    result = runner.invoke(app, ["validate", str(path), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("content", [b"", b"id;topic\n1;x\n", b"PK\x03\x04broken"])
def test_validate_unreadable_input_exits_2_with_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert str(path) in result.output


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    assert runner.invoke(app, ["validate", str(plan), "--as-of", "someday"]).exit_code == 2
    assert runner.invoke(app, ["validate", str(plan), "--lang", "fi"]).exit_code == 2
    assert runner.invoke(app, ["validate"]).exit_code == 2


def test_annotate_marks_cells_keeps_input_and_replaces_old_marks(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    before = plan.read_bytes()
    marked = tmp_path / "marked.xlsx"
    runner.invoke(app, ["validate", str(plan), "--as-of", AS_OF, "--annotate", str(marked)])
    assert plan.read_bytes() == before
    wb = openpyxl.load_workbook(marked)
    ws = wb["Handleplan"]
    assert ws["N4"].fill.fgColor.rgb.endswith("FF7C80")  # error fill on the bad status
    assert "Måske" in ws["N4"].comment.text
    issues = wb["Problemer"]
    assert wb.active.title == "Problemer"  # the marked copy opens on the Issues sheet
    first = next(r for r in range(1, 20) if issues[f"A{r}"].value == "Celle") + 1
    assert issues[f"A{first}"].hyperlink.location == "Handleplan!N4"
    assert wb[MARKS_SHEET].sheet_state == "hidden"
    # text from the user's file stays text, in the copy and in the Issues sheet
    assert ws["Q2"].data_type == "s"
    values = [row[4] for row in issues.iter_rows(min_row=first)]
    risky = next(c for c in values if c.value == "=Måske")
    assert risky.data_type == "s"
    # marking the marked copy again replaces the marks instead of stacking them
    again = tmp_path / "again.xlsx"
    runner.invoke(app, ["validate", str(marked), "--as-of", AS_OF, "--annotate", str(again)])
    wb2 = openpyxl.load_workbook(again)
    assert wb2["Handleplan"]["N4"].comment.text.count("[bad-value]") == 1
    assert wb2.sheetnames.count("Problemer") == 1
    assert wb2.sheetnames.count(MARKS_SHEET) == 1


def test_clear_restores_own_fills_and_notes(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    wb = openpyxl.load_workbook(plan)
    ws = wb["Handleplan"]
    ws["G4"].fill = openpyxl.styles.PatternFill("solid", start_color="00B050")
    ws["G4"].comment = openpyxl.comments.Comment("my own note", "Jens")
    wb.save(plan)
    marked, cleaned = tmp_path / "marked.xlsx", tmp_path / "clean.xlsx"
    runner.invoke(app, ["validate", str(plan), "--as-of", AS_OF, "--annotate", str(marked)])
    assert "vague-owner" in openpyxl.load_workbook(marked)["Handleplan"]["G4"].comment.text
    result = runner.invoke(app, ["clear", str(marked), "--output", str(cleaned)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(cleaned)["Handleplan"]
    assert ws["G4"].fill.fgColor.rgb.endswith("00B050")
    assert ws["G4"].comment.text == "my own note"
    assert ws["N4"].fill.fill_type is None and ws["N4"].comment is None
    assert "Problemer" not in openpyxl.load_workbook(cleaned).sheetnames


def test_annotate_refuses_to_overwrite_input(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    before = plan.read_bytes()
    result = runner.invoke(app, ["validate", str(plan), "--annotate", str(plan)])
    assert result.exit_code == 2
    assert plan.read_bytes() == before


def test_overdue_over_a_folder_oldest_first_and_skips_broken(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    _plan(folder, "a.xlsx")
    _plan(folder, "b.xlsx")
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    (folder / "~$a.xlsx").write_bytes(b"lock")
    result = runner.invoke(app, ["overdue", str(folder), "--as-of", AS_OF, "--json"])
    payload = json.loads(result.output)
    assert result.exit_code == 1  # one file could not be read
    assert len(payload["failed"]) == 1 and "broken.xlsx" in payload["failed"][0]
    deadlines = [i["deadline"] for i in payload["items"]]
    assert deadlines == sorted(deadlines)
    assert [i["timing"] for i in payload["items"]].count("overdue") == 2
    assert {i["owner"] for i in payload["items"]} == {"Jens", "Alle"}


def test_new_writes_template_in_language(tmp_path: Path) -> None:
    out = tmp_path / "ny.xlsx"
    result = runner.invoke(app, ["new", "--lang", "sv", "--department", "Ekonomi", "-o", str(out)])
    assert result.exit_code == 0
    assert "Handlingsplan" in openpyxl.load_workbook(out).sheetnames


def test_console_script_runs_in_a_fresh_process(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    done = subprocess.run([sys.executable, "-m", "xltools", "validate", str(plan), "--as-of", AS_OF],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "[bad-value]" in done.stdout


def test_validate_workbook_without_plans_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Budget 2027"
    wb.active.append(["Konto", "Beløb"])
    wb.save(path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "no action, activity or communication plan was found" in result.output


def test_overdue_speaks_the_workbooks_language_and_reports_files_without_plans(
        tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    _plan(folder, "a.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = "Budget"
    wb.save(folder / "budget.xlsx")
    result = runner.invoke(app, ["overdue", str(folder), "--as-of", AS_OF])
    assert result.exit_code == 1
    assert "Overskredet" in result.output and "dage over" in result.output
    assert "budget.xlsx" in result.output
    single = runner.invoke(app, ["overdue", str(folder / "budget.xlsx"), "--as-of", AS_OF])
    assert single.exit_code == 2


def test_new_refuses_to_replace_an_existing_plan_without_force(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    before = plan.read_bytes()
    result = runner.invoke(app, ["new", "--lang", "da", "-o", str(plan)])
    assert result.exit_code == 2 and "findes allerede" in result.output  # in the asked language
    assert plan.read_bytes() == before
    assert runner.invoke(app, ["new", "--lang", "da", "-o", str(plan), "--force"]).exit_code == 0


def test_rollup_refuses_to_write_over_one_of_its_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = _plan(folder, "a.xlsx")
    _plan(folder, "b.xlsx")
    before = plan.read_bytes()
    result = runner.invoke(app, ["rollup", str(folder), "-o", str(plan), "--as-of", AS_OF])
    assert result.exit_code == 2 and "another file" in result.output
    assert plan.read_bytes() == before
    # an earlier summary in the folder is replaced, not read as a department
    summary = folder / "summary.xlsx"
    assert runner.invoke(app, ["rollup", str(folder), "-o", str(summary)]).exit_code in (0, 1)
    again = runner.invoke(app, ["rollup", str(folder), "-o", str(summary), "--json"])
    assert json.loads(again.output)["files"]["read"] == 2
