"""Text from users' files never acts on the terminal; a full disk is one plain line."""

from __future__ import annotations

import errno
import zipfile
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter
from typer.testing import CliRunner

from xltools.cli import app
from xltools.core.safety import cell_text, terminal_text
from xltools.core.schema import PLANS, PlanKind

HEADER = [c.labels.en for c in PLANS[PlanKind.ACTION].columns]
KEYS = [c.key for c in PLANS[PlanKind.ACTION].columns]
ESCAPE = "\x1b[2J\x1b]0;pwned\x07"  # clear the screen, set the window title


def _plan(path: Path, **values: object) -> Path:
    row = {"id": 1, "topic": "Krav", "goal": "g", "actions": "a", "owner": "Ann",
           "deadline": "2026-01-31", "follow_up": "f", "status": "In progress", **values}
    wb = xlsxwriter.Workbook(str(path))
    about = wb.add_worksheet("About")
    about.write_row(0, 0, ["Department", f"IT{ESCAPE}"])
    ws = wb.add_worksheet("Action plan")
    ws.write_row(0, 0, HEADER)
    for c, key in enumerate(KEYS):
        ws.write(1, c, row.get(key))
    wb.close()
    return path


def test_control_sequences_from_cells_never_reach_the_terminal(tmp_path: Path) -> None:
    plan = _plan(tmp_path / "plan.xlsx", owner=f"alle{ESCAPE}", status=f"Maybe{ESCAPE}")
    runner = CliRunner()
    for args in (["validate", str(plan), "--as-of", "2026-11-23"],
                 ["overdue", str(plan), "--as-of", "2026-11-23"]):
        result = runner.invoke(app, args)
        assert "\x1b" not in result.output and "\x07" not in result.output, args
        assert "\u241b[2J" in result.output, args  # shown, visibly


def test_the_helpers_make_every_control_visible() -> None:
    assert terminal_text("a\x1b[31mb\x9bc\nd\te") == "a\u241b[31mb\ufffdc\u21b5d e"
    assert cell_text("ok\tline\nbell\x07") == "ok\tline\nbell\u2407"


def _disk_full(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_is_one_plain_line_for_new(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    monkeypatch.setattr(Path, "write_bytes", _disk_full)
    result = CliRunner().invoke(app, ["new", "-o", str(tmp_path / "plan.xlsx")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"xltools: {tmp_path / 'plan.xlsx'}: the disk is full; free some space and try again"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.writer
def test_a_full_disk_is_one_plain_line_for_the_summary(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan(tmp_path / "plan.xlsx")
    monkeypatch.setenv("XLTOOLS_WRITER", "xlsxwriter")  # a Python writer we can fill the disk of
    monkeypatch.setattr(zipfile.ZipFile, "write", _disk_full)
    monkeypatch.setattr(zipfile.ZipFile, "writestr", _disk_full)
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(app, ["rollup", str(plan), "-o", str(out / "s.xlsx"),
                                      "--as-of", str(date(2026, 11, 23))])
    assert result.exit_code == 2
    assert "the disk is full" in result.stderr and "Traceback" not in result.stderr
    assert list(out.iterdir()) == []
