"""Bad and odd inputs through validate, overdue and rollup: one plain line, the documented exit
status, no traceback, no half-written output, no changed input (checked by conftest)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from xltools.cli import app
from xltools.errors import OutputError, UnreadableWorkbookError
from xltools.io.atomic import atomic_output
from xltools.io.read import read_workbook

AS_OF = "2026-11-01"
runner = CliRunner()

# case -> words the one-line reason must contain
UNREADABLE: dict[str, str] = {
    "empty": "empty (0 bytes)",
    "truncated": "damaged or incomplete",
    "random-bytes": "not an Excel workbook",
    "csv-named-xlsx": "CSV",
    "html-named-xlsx": "HTML",
    "encrypted": "password",
    "zip-bomb-declared": "unpacks to",
    "zip-bomb-real": "unpacks to",
    "billion-laughs-sheet": "entity declarations",
    "billion-laughs-shared-strings": "entity declarations",
    "external-entity": "entity declarations",
    "value-in-XFD1048576": "XFD1048576",
    "value-in-A1048576": "1048576",
}
# readable cases -> validate's exit status (0 no errors, 1 errors in the plan)
READABLE: dict[str, int] = {
    "valid": 0,
    "formatted-to-last-row": 0,
    "cells-32767-chars": 1,
    "empty-plan-sheet": 1,
    "header-only": 0,
    "unrecognised-header": 1,
    "sheet-names-differ-in-case": 0,
    "nordic-file-name": 0,
}


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [*args], catch_exceptions=False)


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".~xltools-")]


def assert_one_plain_line(stderr: str, *words: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "Error:" not in lines[0].split(":", 2)[-1][:8]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("case", UNREADABLE)
def test_unreadable_input_validate(case: str, bad_inputs: dict[str, Path], tmp_path: Path) -> None:
    marked = tmp_path / "marked.xlsx"
    start = time.perf_counter()
    result = invoke("validate", str(bad_inputs[case]), "--as-of", AS_OF, "--annotate", str(marked))
    assert time.perf_counter() - start < 10  # refused before inflating or allocating
    assert result.exit_code == 2
    assert_one_plain_line(result.stderr, "xltools:", UNREADABLE[case])
    assert not marked.exists() and no_temp_files(tmp_path)


@pytest.mark.parametrize("case", UNREADABLE)
def test_unreadable_input_overdue(case: str, bad_inputs: dict[str, Path]) -> None:
    result = invoke("overdue", str(bad_inputs[case]), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert_one_plain_line(result.stderr, "xltools:", UNREADABLE[case])


@pytest.mark.parametrize("case", UNREADABLE)
def test_unreadable_input_rollup_alone(case: str, bad_inputs: dict[str, Path], tmp_path: Path) -> None:
    summary = tmp_path / "summary.xlsx"
    result = invoke("rollup", str(bad_inputs[case].parent), "-o", str(summary), "--as-of", AS_OF,
                    "--jobs", "1")
    assert result.exit_code == 2  # nothing readable: no summary
    failed = [line for line in result.stderr.splitlines() if line.startswith("not read:")]
    assert len(failed) == 1 and UNREADABLE[case] in failed[0], result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not summary.exists() and no_temp_files(tmp_path)


def test_rollup_reads_what_it_can(bad_inputs: dict[str, Path], tmp_path: Path) -> None:
    """Every bad input and every odd one in one roll-up: each bad file is a line in Files."""
    summary = tmp_path / "summary.xlsx"
    paths = [str(p) for p in bad_inputs.values()]
    result = invoke("rollup", *paths, "-o", str(summary), "--as-of", AS_OF, "--jobs", "2")
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    failed = [line for line in result.stderr.splitlines() if line.startswith("not read:")]
    assert len(failed) == len(UNREADABLE), result.stderr
    assert f"Workbooks read: {len(READABLE)} of {len(bad_inputs)}" in result.output
    wb = load_workbook(summary, read_only=True)
    files_sheet = next(ws for ws in wb.worksheets if ws.title in ("Files", "Filer"))
    text = "\n".join(" ".join(str(v) for v in row if v is not None)
                     for row in files_sheet.iter_rows(values_only=True))
    for case, words in UNREADABLE.items():
        assert bad_inputs[case].name in text and words in text, case
    wb.close()
    assert no_temp_files(tmp_path)


@pytest.mark.parametrize("case", READABLE)
def test_odd_but_readable(case: str, bad_inputs: dict[str, Path], tmp_path: Path) -> None:
    source = bad_inputs[case]
    marked = tmp_path / f"marked {source.name}"
    if case == "formatted-to-last-row":
        # a million formatted rows: marked and cleared in seconds (the package is edited, not
        # re-created); openpyxl, the checker below, would need a minute to load the copy
        result = invoke("validate", str(source), "--as-of", AS_OF, "--annotate", str(marked))
        assert result.exit_code == READABLE[case], result.output + result.stderr
        cleared = tmp_path / "cleared.xlsx"
        assert invoke("clear", str(marked), "-o", str(cleared)).exit_code == 0
        with zipfile.ZipFile(source) as before, zipfile.ZipFile(cleared) as after:
            assert [(i.filename, before.read(i)) for i in before.infolist()] == \
                [(i.filename, after.read(i)) for i in after.infolist()]
        return
    result = invoke("validate", str(source), "--as-of", AS_OF, "--annotate", str(marked))
    assert result.exit_code == READABLE[case], result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
    # Excel refuses (or "repairs") a file with a cell longer than 32,767 characters
    wb = load_workbook(marked)
    for ws in wb.worksheets:
        for row in ws.iter_rows(max_row=min(ws.max_row, 5000)):
            for cell in row:
                assert not isinstance(cell.value, str) or len(cell.value) <= 32_767, cell.coordinate
                if cell.comment:
                    assert len(cell.comment.text) <= 32_767, cell.coordinate
    overdue = invoke("overdue", str(source), "--as-of", AS_OF)
    assert overdue.exit_code == 0, overdue.stderr
    summary = tmp_path / "summary æøå.xlsx"
    rolled = invoke("rollup", str(source.parent), "-o", str(summary), "--as-of", AS_OF, "--jobs", "1")
    assert rolled.exit_code == 0, rolled.stderr
    assert summary.exists() and no_temp_files(tmp_path)


def test_values_that_look_like_formulas_stay_text(bad_inputs: dict[str, Path], tmp_path: Path) -> None:
    summary = tmp_path / "summary.xlsx"
    source = bad_inputs["cells-32767-chars"]
    assert invoke("rollup", str(source), "-o", str(summary), "--as-of", AS_OF).exit_code == 0
    wb = load_workbook(summary)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)


def test_sheet_used_to_last_row_is_quick_and_small(bad_inputs: dict[str, Path]) -> None:
    start = time.perf_counter()
    data = read_workbook(bad_inputs["formatted-to-last-row"])
    assert time.perf_counter() - start < 5
    assert sum(len(s.rows) for s in data.plans.values()) == 2


def test_calamine_does_not_expand_entities_even_unchecked(bad_inputs: dict[str, Path]) -> None:
    """Defence in depth: with our DTD check skipped, calamine still neither expands nor fetches."""
    from hardening_corpus import SECRET

    for case in ("billion-laughs-sheet", "billion-laughs-shared-strings", "external-entity"):
        start = time.perf_counter()
        try:
            data = read_workbook(bad_inputs[case], check=False)
        except UnreadableWorkbookError as error:
            assert "entity" in str(error)
        else:
            values = [str(v) for s in data.plans.values() for r in s.rows for v in r.values.values()]
            assert not any(SECRET in v or "lollollol" in v for v in values)
        assert time.perf_counter() - start < 2


def test_marking_paths_refuse_entities(bad_inputs: dict[str, Path], tmp_path: Path) -> None:
    """annotate/clear check a file like every input, and parse what they read with defusedxml."""
    from xltools.io.annotate import clear_copy

    for case in ("billion-laughs-shared-strings", "external-entity", "billion-laughs-sheet"):
        with pytest.raises(UnreadableWorkbookError, match="entity declarations"):
            clear_copy(bad_inputs[case], tmp_path / "cleared.xlsx")
    # an entity declaration hidden behind a long comment, past the first check's reach
    hidden = tmp_path / "hidden-entity.xlsx"
    with zipfile.ZipFile(bad_inputs["valid"]) as source, zipfile.ZipFile(hidden, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                body = data.split(b"?>", 1)[-1]  # without an XML declaration, if there is one
                data = (b'<?xml version="1.0"?><!--' + b"x" * 8000 + b'--><!DOCTYPE workbook '
                        b'[<!ENTITY e "boom">]>' + body)
            out.writestr(item, data)
    with pytest.raises(UnreadableWorkbookError, match="not readable XML"):
        clear_copy(hidden, tmp_path / "cleared.xlsx")
    assert not (tmp_path / "cleared.xlsx").exists() and no_temp_files(tmp_path)


def test_traceback_only_with_debug(bad_inputs: dict[str, Path]) -> None:
    command = [sys.executable, "-m", "xltools", "validate", str(bad_inputs["truncated"])]
    plain = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert plain.returncode == 2 and plain.stdout == ""
    assert_one_plain_line(plain.stderr, "damaged or incomplete")
    debug = subprocess.run([*command, "--debug"], capture_output=True, text=True, timeout=60)
    assert debug.returncode != 0 and "Traceback" in debug.stderr


def test_old_xls_reads_as_a_plan(tmp_path: Path, soffice: str, lo_profile: Path) -> None:
    from hardening_corpus import old_xls

    xls = old_xls(tmp_path, soffice, lo_profile)
    result = invoke("validate", str(xls), "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.stderr
    data = read_workbook(xls)
    assert [r.values["id"] for r in data.plans["action"].rows] == [1, 2]  # type: ignore[index]
    marked = invoke("validate", str(xls), "--annotate", str(tmp_path / "marked.xls"))
    assert marked.exit_code == 2
    assert_one_plain_line(marked.stderr, ".xlsx")
    rolled = invoke("rollup", str(xls), "-o", str(tmp_path / "s.xlsx"), "--as-of", AS_OF)
    assert rolled.exit_code == 0, rolled.stderr


# --- where the output goes -----------------------------------------------------------------------

def test_output_in_missing_folder(bad_inputs: dict[str, Path], tmp_path: Path) -> None:
    source = bad_inputs["valid"]
    target = tmp_path / "no such folder" / "out.xlsx"
    for args in (["validate", str(source), "--annotate", str(target)],
                 ["rollup", str(source), "-o", str(target)],
                 ["new", "-o", str(target)]):
        result = invoke(*args, "--as-of", AS_OF)
        assert result.exit_code == 2, args
        assert_one_plain_line(result.stderr, "does not exist")
    assert not target.parent.exists()


@pytest.mark.parametrize("blocker", ["excel-lock", "read-only-file"])
def test_output_open_in_excel_or_read_only(blocker: str, bad_inputs: dict[str, Path],
                                           tmp_path: Path) -> None:
    source = bad_inputs["valid"]
    target = tmp_path / "Opsamling æøå.xlsx"
    target.write_bytes(b"the user's previous summary")
    if blocker == "excel-lock":
        (tmp_path / f"~${target.name}").write_bytes(b"\0" * 165)
        words = "open in Excel"
    else:
        target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        words = "read-only"
    try:
        for args in (["validate", str(source), "--annotate", str(target)],
                     ["rollup", str(source), "-o", str(target)]):
            result = invoke(*args, "--as-of", AS_OF)
            assert result.exit_code == 2, (args, result.output)
            assert_one_plain_line(result.stderr, words)
        assert target.read_bytes() == b"the user's previous summary"
        assert no_temp_files(tmp_path)
    finally:
        target.chmod(0o644)


def test_read_only_input_folder(bad_inputs: dict[str, Path], tmp_path: Path) -> None:
    """Inputs in a read-only folder are read; an output asked for there is refused in one line."""
    folder = tmp_path / "delt mappe - HR"
    folder.mkdir()
    plan = folder / "Økonomi og løn.xlsx"
    plan.write_bytes(bad_inputs["valid"].read_bytes())
    folder.chmod(0o555)
    try:
        out = tmp_path / "out"
        out.mkdir()
        assert invoke("validate", str(plan), "--as-of", AS_OF).exit_code == 0
        assert invoke("overdue", str(folder), "--as-of", AS_OF).exit_code == 0
        rolled = invoke("rollup", str(folder), "-o", str(out / "s.xlsx"), "--as-of", AS_OF)
        assert rolled.exit_code == 0, rolled.stderr
        refused = invoke("validate", str(plan), "--annotate", str(folder / "marked.xlsx"))
        assert refused.exit_code == 2
        assert_one_plain_line(refused.stderr, "cannot write in the folder")
        assert sorted(p.name for p in folder.iterdir()) == [plan.name]
    finally:
        folder.chmod(0o755)


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target, force=True) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("disk full halfway")
    assert target.read_bytes() == b"old" and no_temp_files(tmp_path)
    with pytest.raises(OutputError), atomic_output(tmp_path):
        pass


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_folder_without_write_permission(tmp_path: Path) -> None:  # pragma: no cover - non-root
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"), \
                atomic_output(folder / "x.xlsx"):
            pass
    finally:
        folder.chmod(0o755)
