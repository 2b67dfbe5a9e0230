"""A roll-up HR can trust on real folders: own outputs skipped, no aborted runs, no overwritten files."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

import xltools.rollup as rollup_module
from tests.rollup.conftest import AS_OF, DEPARTMENTS, write_department
from xltools.cli import app
from xltools.core.schema import PlanKind
from xltools.errors import OutputError
from xltools.io.outputs import output_kind
from xltools.io.template import new_workbook
from xltools.rollup import rollup


def _figures(result) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    totals = result.totals
    return (totals["departments"], totals["items"], totals["statuses"], totals["overdue"],
            totals["due_soon"], totals["errors"], totals["warnings"])


def _copy_departments(folder: Path) -> Path:
    folder.mkdir()
    for name, (lang, department, updated, plans) in DEPARTMENTS.items():
        write_department(folder / name, lang, department, updated, plans)
    return folder


def test_earlier_summaries_in_the_folder_are_skipped_not_counted(tmp_path: Path) -> None:
    folder = _copy_departments(tmp_path / "plans")
    first = rollup([folder], tmp_path / "first.xlsx", as_of=AS_OF, jobs=2)
    # HR keeps last month's summaries beside the plans: one renamed, one in Danish
    shutil.copy(first.output, folder / "oktober.xlsx")  # type: ignore[arg-type]
    danish = rollup([folder], tmp_path / "da.xlsx", as_of=AS_OF, lang="da", jobs=2)
    shutil.copy(danish.output, folder / "sammenfatning 2026-10.xlsx")  # type: ignore[arg-type]
    again = rollup([folder], folder / "november.xlsx", as_of=AS_OF, jobs=2)
    assert _figures(again) == _figures(first)
    skipped = {Path(f.source).name: f.reason for f in again.files if f.outcome == "skipped"}
    assert skipped["oktober.xlsx"] == "an xltools summary, not a department workbook"
    assert "sammenfatning 2026-10.xlsx" in skipped
    # a re-run writes over its own summary, which is also in the folder, without --force
    rerun = rollup([folder], folder / "november.xlsx", as_of=AS_OF, jobs=2)
    assert _figures(rerun) == _figures(first)


def test_a_marked_copy_beside_its_workbook_is_skipped_not_counted(tmp_path: Path) -> None:
    import xltools

    folder = _copy_departments(tmp_path / "plans")
    first = rollup([folder], tmp_path / "first.xlsx", as_of=AS_OF, jobs=2)
    plans = xltools.read_plans(folder, as_of=AS_OF)
    runner = CliRunner()
    scan = ["overdue", str(folder), "--as-of", AS_OF.isoformat(), "--json"]
    late = json.loads(runner.invoke(app, scan).stdout)
    assert late["items"], "the fixture has late items"
    # a manager marked the plan, kept the copy beside it and sent the folder on
    for command, copy in (("validate", "hjemmeplejen-markeret.xlsx"),
                          ("overdue", "hjemmeplejen-forsinket.xlsx")):
        done = runner.invoke(app, [command, str(folder / "hjemmeplejen.xlsx"), "--as-of",
                                   AS_OF.isoformat(), "--annotate", str(folder / copy)])
        assert done.exit_code in (0, 1), done.stderr
    again = rollup([folder], tmp_path / "again.xlsx", as_of=AS_OF, jobs=2)
    assert _figures(again) == _figures(first)
    skipped = {Path(f.source).name: f.reason for f in again.files if f.outcome == "skipped"}
    assert set(skipped) == {"hjemmeplejen-markeret.xlsx", "hjemmeplejen-forsinket.xlsx"}
    assert "would count twice" in skipped["hjemmeplejen-markeret.xlsx"]
    frames = xltools.read_plans(folder, as_of=AS_OF)
    assert {k: len(f) for k, f in frames.items()} == {k: len(f) for k, f in plans.items()}
    assert sum(f.outcome == "skipped" for f in frames["action"].attrs["files"]) == 2
    # the overdue list and the chase lists name each late item once, too
    again_late = json.loads(runner.invoke(app, scan).stdout)
    assert again_late["items"] == late["items"]
    assert {(Path(s["source"]).name, s["reason"]) for s in again_late["skipped"]} == {
        ("hjemmeplejen-markeret.xlsx", "marked_copy_duplicate"),
        ("hjemmeplejen-forsinket.xlsx", "marked_copy_duplicate")}
    chased = runner.invoke(app, ["remind", str(folder), "--out-dir", str(tmp_path / "chase"),
                                 "--as-of", AS_OF.isoformat(), "--json"])
    entries = json.loads(chased.stdout)["departments"]
    assert sorted(e["department"] for e in entries) == sorted(
        d for _, d, _, _ in DEPARTMENTS.values())
    # only the marked copies: the first is the department's workbook, the second a copy of it
    (folder / "hjemmeplejen.xlsx").unlink()
    alone = rollup([folder], tmp_path / "alone.xlsx", as_of=AS_OF, jobs=2)
    assert _figures(alone) == _figures(first)
    assert sum(f.outcome == "skipped" for f in alone.files) == 1


def test_a_summary_of_an_earlier_version_is_recognised_by_its_sheets(tmp_path: Path) -> None:
    folder = _copy_departments(tmp_path / "plans")
    summary = rollup([folder], tmp_path / "s.xlsx", as_of=AS_OF).output
    assert summary is not None and output_kind(summary) == "summary"
    # 0.1 wrote no marker: drop the keywords and the sheets still say what it is
    unmarked = tmp_path / "old.xlsx"
    with zipfile.ZipFile(summary) as source, zipfile.ZipFile(unmarked, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = data.replace(b"xltools:summary", b"")
            target.writestr(info, data)
    assert output_kind(unmarked) == "summary"


def test_validate_refuses_a_summary_plainly(tmp_path: Path) -> None:
    folder = _copy_departments(tmp_path / "plans")
    summary = rollup([folder], tmp_path / "s.xlsx", as_of=AS_OF).output
    result = CliRunner().invoke(app, ["validate", str(summary)])
    assert result.exit_code == 2
    assert "not a department's plan" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["01-10-1026", "x" * 40_000])
def test_one_odd_about_value_never_aborts_the_roll_up(tmp_path: Path, value: str) -> None:
    import xlsxwriter

    from xltools.core.schema import ABOUT, PLANS

    folder = _copy_departments(tmp_path / "plans")
    odd = folder / "odd.xlsx"
    wb = xlsxwriter.Workbook(str(odd), {"strings_to_formulas": False})
    about = wb.add_worksheet("About")
    for r, field in enumerate(ABOUT.fields):
        about.write_row(r, 0, [field.labels.en, value if field.key in (
            "last_updated", "template_version") or len(value) > 100 else "Odd"])
    ws = wb.add_worksheet("Action plan")
    ws.write_row(0, 0, [c.labels.en for c in PLANS[PlanKind.ACTION].columns])
    row = {"id": 1, "topic": value, "goal": "\x01bell\x1b[2J", "actions": "act", "owner": "Ann",
           "deadline": "2026-01-01", "follow_up": "f", "status": "Done"}
    for c, column in enumerate(PLANS[PlanKind.ACTION].columns):
        ws.write(1, c, row.get(column.key))  # one by one: write_row stops at a refused cell
    wb.close()
    result = rollup([folder], tmp_path / "s.xlsx", as_of=AS_OF)
    assert result.output is not None
    outcome = next(f for f in result.files if Path(f.source).name == "odd.xlsx")
    assert outcome.read, outcome.reason
    book = CalamineWorkbook.from_path(str(result.output))
    actions = book.get_sheet_by_name("Actions").to_python()
    written = next(r for r in actions if str(r[1]).endswith("odd.xlsx"))
    assert len(written[4]) <= 32_767 and written[6] == "\u2401bell\u241b[2J"  # made visible
    files = book.get_sheet_by_name("Files").to_python()
    line = next(r for r in files if str(r[0]).endswith("odd.xlsx"))
    assert all(len(str(v)) <= 32_767 for v in line)


def test_outputs_never_replace_an_unrelated_file(tmp_path: Path) -> None:
    folder = _copy_departments(tmp_path / "plans")
    other = tmp_path / "other-department.xlsx"
    new_workbook(other, "da", department="Anden afdeling")
    before = other.read_bytes()
    with pytest.raises(OutputError, match="--force"):
        rollup([folder], other, as_of=AS_OF)
    assert other.read_bytes() == before
    runner = CliRunner()
    plan = folder / "it-support.xlsx"
    for args in (["rollup", str(folder), "-o", str(other)],
                 ["validate", str(plan), "--annotate", str(other)],
                 ["clear", str(plan), "-o", str(other)],
                 ["new", "-o", str(other)]):
        refused = runner.invoke(app, args)
        assert refused.exit_code == 2, args
        assert "--force" in refused.stderr, args
    assert other.read_bytes() == before
    forced = runner.invoke(app, ["rollup", str(folder), "-o", str(other), "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert output_kind(other) == "summary"


def test_a_replaced_output_keeps_its_permissions_and_links_are_written_through(
        tmp_path: Path) -> None:
    folder = _copy_departments(tmp_path / "plans")
    private = tmp_path / "private.xlsx"
    rollup([folder], private, as_of=AS_OF)
    private.chmod(0o600)
    rollup([folder], private, as_of=AS_OF)
    assert private.stat().st_mode & 0o777 == 0o600
    link = tmp_path / "latest.xlsx"
    link.symlink_to(private)
    rollup([folder], link, as_of=AS_OF)
    assert link.is_symlink() and output_kind(private) == "summary"


def _hang_on_one(source: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
    if Path(source).stem == "hang":
        time.sleep(60)
    return _REAL(source, *args, **kwargs)  # type: ignore[arg-type]


_REAL = rollup_module.check_file_for_rollup


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="relies on fork to patch workers")
def test_a_hanging_file_is_failed_after_the_time_limit(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy_departments(tmp_path / "plans")
    new_workbook(folder / "hang.xlsx", "en", department="Hang")
    monkeypatch.setattr(rollup_module, "check_file_for_rollup", _hang_on_one)
    start = time.monotonic()
    result = rollup([folder], tmp_path / "s.xlsx", as_of=AS_OF, jobs=2, file_timeout=2)
    assert time.monotonic() - start < 30
    hung = next(f for f in result.files if Path(f.source).stem == "hang")
    assert hung.outcome == "failed" and "took too long" in (hung.reason or "")
    assert result.read == 3 and result.output is not None


def test_sigterm_stops_workers_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(60):
        new_workbook(folder / f"d{n:02d}.xlsx", "en", department=f"D{n}")
    script = (
        "import sys, time, xltools.rollup as r\n"
        "real = r.check_file_for_rollup\n"
        "def slow(*a, **k):\n"
        "    time.sleep(0.5); return real(*a, **k)\n"
        "r.check_file_for_rollup = slow\n"
        "from xltools.cli import app\n"
        "sys.argv = ['xltools', 'rollup', sys.argv[1], '-o', sys.argv[2], '--jobs', '2']\n"
        "app()\n")
    process = subprocess.Popen([sys.executable, "-c", script, str(folder),
                                str(tmp_path / "s.xlsx")], stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    children = _children(process.pid)
    assert children, "the roll-up should be running its workers"
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    assert process.returncode != 0
    time.sleep(0.5)
    assert not [pid for pid in children if _alive(pid)]
    assert not list(tmp_path.glob(".~xltools-*")) and not (tmp_path / "s.xlsx").exists()
    assert "Traceback" not in (process.stderr.read() if process.stderr else "")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().split()
            except OSError:
                continue
            if int(stat[3]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def test_template_about_values_are_text_never_formulas(tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "plan.xlsx"
    done = runner.invoke(app, ["new", "-o", str(path), "--department", '=HYPERLINK("x","y")',
                               "--organisation", "=1+1"])
    assert done.exit_code == 0, done.stderr
    with zipfile.ZipFile(path) as archive:
        about = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in about
    from xltools.io.read import read_workbook

    assert read_workbook(path).department == '=HYPERLINK("x","y")'
    assert output_kind(path) == "template"


def test_a_marked_copy_of_a_template_plan_is_replaced_by_the_next_marking(
        tmp_path: Path) -> None:
    # a plan begun with `xltools new` keeps the template's marker in its properties, which a
    # marked copy leaves as they are: the marks record says it is a marked copy
    plan = tmp_path / "plan.xlsx"
    new_workbook(plan, "da", department="Hjemmeplejen")
    marked = tmp_path / "marked.xlsx"
    runner = CliRunner()
    for command in ("validate", "overdue", "validate"):
        done = runner.invoke(app, [command, str(plan), "--as-of", "2026-11-23",
                                   "--annotate", str(marked)])
        assert done.exit_code in (0, 1), done.stderr
        assert output_kind(marked) == "marked-copy"
    assert output_kind(plan) == "template"
    # the plan itself is still no output that a marking may replace
    refused = runner.invoke(app, ["validate", str(marked), "--annotate", str(plan)])
    assert refused.exit_code == 2 and "--force" in refused.stderr


def test_a_template_is_read_as_a_department(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    new_workbook(folder / "blank.xlsx", "sv", department="Ekonomi")
    result = rollup([folder], tmp_path / "s.xlsx", as_of=date(2026, 11, 23))
    assert [f.outcome for f in result.files] == ["read"]
    assert result.totals["items"] == {k.value: 0 for k in PlanKind}


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_pool_leaves_no_processes_behind(tmp_path: Path) -> None:
    folder = _copy_departments(tmp_path / "plans")
    before = set(_children(os.getpid()))
    rollup([folder], tmp_path / "s.xlsx", as_of=AS_OF, jobs=2)
    time.sleep(0.2)
    assert [p for p in set(_children(os.getpid())) - before if _alive(p)] == []
