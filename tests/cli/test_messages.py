"""The command line speaks plainly: the right advice, in the user's language, on every console."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xltools.cli import app
from xltools.core.schema import LANGS
from xltools.core.texts import READ_FAILURES
from xltools.core.texts.errors import ERRORS
from xltools.io.template import new_workbook

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "departments"
AS_OF = "2026-11-23"


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _error(code: str, lang: str, **params: object) -> str:
    return "xltools: " + ERRORS[code][lang].format(**params)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return new_workbook(tmp_path / "plan.xlsx", "da", department="Skolen")


@pytest.mark.parametrize("lang", LANGS)
def test_wrong_inputs_get_the_right_advice_in_every_language(tmp_path: Path, plan: Path,
                                                             lang: str) -> None:
    lock = tmp_path / "~$plan.xlsx"
    lock.write_bytes(b"\x00" * 165)
    status, _, err = _run("validate", str(lock), "--lang", lang)
    reason = READ_FAILURES["lock_file"][lang].format(name="plan.xlsx")
    assert status == 2 and err.strip() == f"xltools: {lock}: {reason}"
    status, _, err = _run("clear", str(tmp_path), "-o", str(tmp_path / "c.xlsx"), "--lang", lang)
    assert (status, err.strip()) == (2, _error("input_is_folder", lang, path=tmp_path))
    missing = tmp_path / "missing.xlsx"
    status, _, err = _run("clear", str(missing), "-o", str(tmp_path / "c.xlsx"), "--lang", lang)
    assert (status, err.strip()) == (2, _error("input_missing", lang, path=missing))
    status, _, err = _run("overdue", str(missing), "--lang", lang)
    assert (status, err.strip()) == (
        2, f"xltools: {missing}: {READ_FAILURES['missing'][lang]}")
    status, _, err = _run("addin", "build", "-o", str(tmp_path / "x.xlsx"), "--lang", lang)
    assert (status, err.strip()) == (2, _error("addin_suffix", lang, path=tmp_path / "x.xlsx"))
    for name in ("plan.xlsm", "plan.ods", "plan.csv", "plan"):
        status, _, err = _run("new", "-o", str(tmp_path / name), "--lang", lang)
        assert (status, err.strip()) == (2, _error("new_suffix", lang, path=tmp_path / name))
    status, _, err = _run("new", "-o", str(tmp_path), "--lang", lang)
    assert (status, err.strip()) == (2, _error("output_is_folder", lang, path=tmp_path))
    assert "--force" not in err


def test_a_summary_over_an_input_says_so_not_that_it_is_open(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = new_workbook(folder / "plan.xlsx", "en", department="A")
    (folder / "~$plan.xlsx").write_bytes(b"\x00" * 165)  # it is open in Excel, too
    status, _, err = _run("rollup", str(folder), "-o", str(plan))
    assert (status, err.strip()) == (2, _error("output_is_input", "en", path=plan))


def test_a_department_name_becomes_a_safe_file_name(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, _ = _run("new", "--department", "IT/Support: 2026?")
    assert status == 0
    written = [p.name for p in tmp_path.glob("*.xlsx")]
    assert written == ["plan-IT-Support- 2026.xlsx"] or (
        len(written) == 1 and not set("/:?") & set(written[0]))
    assert written[0] in out


def test_install_without_excel_is_bad_usage_not_a_workbook_error() -> None:
    if sys.platform.startswith(("win", "darwin")):
        pytest.skip("this machine could have Excel")
    status, _, err = _run("addin", "install")
    assert (status, err.strip()) == (2, _error("addin_needs_excel", "en"))


def test_help_shows_flags_as_flags() -> None:
    for command in (["validate"], ["overdue"], ["rollup"], ["new"], ["clear"], ["remind"],
                    ["addin", "build"], ["addin", "install"]):
        result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "160"})
        assert result.exit_code == 0, command
        assert "<bool>" not in result.stdout, command
        assert "--json" in result.stdout, command
    new_help = runner.invoke(app, ["new", "--help"], env={"COLUMNS": "160"}).stdout
    assert "Last updated" in new_help and "judge deadlines" not in new_help


def test_help_paragraphs_flow_to_the_terminal_width() -> None:
    # the source's line breaks would otherwise cut every description line in two at 80 columns
    wide = runner.invoke(app, ["remind", "--help"], env={"COLUMNS": "200"}).stdout
    assert "validation errors: a small workbook grouped by responsible person and" in wide
    new_help = runner.invoke(app, ["new", "--help"], env={"COLUMNS": "200"}).stdout
    assert "plan-DEPARTMENT.xlsx" in new_help  # nothing in a help text is taken for markup


def test_impossible_values_are_refused(plan: Path) -> None:
    assert _run("validate", str(plan), "--due-soon-days", "-5")[0] == 2
    assert _run("rollup", str(plan), "-o", "s.xlsx", "--jobs", "0")[0] == 2


@pytest.mark.parametrize("lang", LANGS)
def test_a_report_is_in_one_language_to_the_end(tmp_path: Path, lang: str) -> None:
    source = EXAMPLES / "skolen-vest.xlsx"
    marked = tmp_path / "marked.xlsx"
    _, out, _ = _run("validate", str(source), "--lang", lang, "--annotate", str(marked),
                     "--as-of", AS_OF)
    last = out.strip().splitlines()[-1]
    from xltools.core.texts.cli import MARKED_WRITTEN

    assert last == MARKED_WRITTEN[lang].format(path=marked)
    # dates of one report in one format: the language's own
    dates = set(re.findall(r"\b\d{2}-\d{2}-\d{4}\b|\b\d{4}-\d{2}-\d{2}\b", out))
    assert all((d[2] == "-") == (lang == "da") for d in dates), dates
    assert " 1 days" not in out and " 1 dage " not in out and " 1 dagar " not in out


def test_checklist_gaps_are_one_note_after_the_real_problems(tmp_path: Path) -> None:
    plan = new_workbook(tmp_path / "plan.xlsx", "en", department="A")  # nothing answered
    result = runner.invoke(app, ["validate", str(plan), "--json"])
    issues = json.loads(result.stdout)["issues"]
    checklist = [i for i in issues if i["code"] == "checklist-open"]
    assert len(checklist) == 1 and "10 of 10 checklist questions" in checklist[0]["message"]


def test_failures_under_json_are_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.xlsx"), "--json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "unreadable-missing" and "does not exist" in error["message"]
    result = runner.invoke(app, ["new", "-o", str(tmp_path / "x.ods"), "--json"])
    assert json.loads(result.stdout) == {"error": {
        "code": "new_suffix", "message": ERRORS["new_suffix"]["en"].format(
            path=tmp_path / "x.ods")}}


def test_clear_and_addin_build_speak_json(tmp_path: Path, plan: Path) -> None:
    result = runner.invoke(app, ["clear", str(plan), "-o", str(tmp_path / "c.xlsx"), "--json"])
    assert json.loads(result.stdout)["had_marks"] is False


def test_a_cp1252_console_never_crashes_the_report(tmp_path: Path) -> None:
    """Windows consoles and redirected output in cp1252 cannot hold ✖: no traceback."""
    out = tmp_path / "out.txt"
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    with out.open("wb") as handle:
        done = subprocess.run([sys.executable, "-m", "xltools", "validate",
                               str(EXAMPLES / "ekonomiavdelningen.xlsx"), "--as-of", AS_OF],
                              stdout=handle, stderr=subprocess.PIPE, env=env, timeout=60)
    assert done.returncode in (0, 1), done.stderr
    assert b"Traceback" not in done.stderr
    text = out.read_bytes().decode("cp1252")
    assert "Fel:" in text and "✖" not in text


def test_the_progress_bar_never_lands_in_redirected_output(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    with out.open("wb") as handle:
        subprocess.run([sys.executable, "-m", "xltools", "rollup", str(EXAMPLES), "-o",
                        str(tmp_path / "s.xlsx"), "--as-of", AS_OF, "--no-history"],
                       stdout=handle, stderr=subprocess.PIPE, timeout=120)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(line.strip() for line in lines)  # no blank line left by a bar
