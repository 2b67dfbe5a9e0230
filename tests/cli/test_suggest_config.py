"""`xltools validate FILE --suggest-config`: the xltools.toml lines that make a workbook read."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from xltools.cli import app
from xltools.io.template import new_workbook

AS_OF = "2026-11-23"
runner = CliRunner()


def _renamed_plan(tmp_path: Path, headers: dict[str, str]) -> Path:
    """Our Danish template with header cells renamed, as a department that relabelled it."""
    path = tmp_path / "plan.xlsx"
    new_workbook(path, "da", department="Hjemmeplejen")
    wb = openpyxl.load_workbook(path)
    ws = wb["Handleplan"]
    rows = [
        [1, "Krav", None, "Færre afbrydelser", None, "Stilletimer", "Mette Hansen", None, None,
         "01.10.2026", None, "Måling", None, "I gang"],
        [2, "Ledelse", None, "Bedre møder", None, "Dagsorden", "Jens Nielsen", None, None,
         "uge 2 2027", None, "Evaluering", None, "Ikke startet"],
    ]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    for letter, text in headers.items():
        ws[f"{letter}1"] = text
    wb.save(path)
    return path


def test_suggest_config_prints_toml_that_maps_the_right_keys(tmp_path: Path) -> None:
    path = _renamed_plan(tmp_path, {"G": "Tovholdere", "J": "Skæringsdato"})
    plain = runner.invoke(app, ["validate", str(path), "--as-of", AS_OF])
    assert plain.exit_code == 1 and "[missing-column]" in plain.output
    result = runner.invoke(app, ["validate", str(path), "--as-of", AS_OF, "--suggest-config"])
    assert result.exit_code == 0, result.output
    assert tomllib.loads(result.output) == {
        "aliases": {"action": {"owner": ["Tovholdere"], "deadline": ["Skæringsdato"]}}}
    assert "# Handleplan!J1" in result.output
    assert result.output.startswith("# Linjer til xltools.toml")  # the workbook's language


def test_suggest_config_speaks_the_asked_language(tmp_path: Path) -> None:
    path = _renamed_plan(tmp_path, {"J": "Skæringsdato"})
    result = runner.invoke(app, ["validate", str(path), "--as-of", AS_OF, "--suggest-config",
                                 "--lang", "en"])
    assert result.exit_code == 0
    assert result.output.startswith("# xltools.toml lines that make plan.xlsx read")
    assert tomllib.loads(result.output)["aliases"]["action"] == {"deadline": ["Skæringsdato"]}


def test_suggest_config_with_nothing_to_suggest_says_so_in_a_comment(tmp_path: Path) -> None:
    path = _renamed_plan(tmp_path, {})
    result = runner.invoke(app, ["validate", str(path), "--as-of", AS_OF, "--suggest-config",
                                 "--lang", "en"])
    assert result.exit_code == 0
    assert result.output == ("# Nothing to suggest for plan.xlsx: every required column was "
                             "found, or no other column looks like a missing one.\n")
    assert tomllib.loads(result.output) == {}


def test_suggest_config_mixes_with_neither_json_nor_annotate(tmp_path: Path) -> None:
    path = _renamed_plan(tmp_path, {})
    result = runner.invoke(app, ["validate", str(path), "--suggest-config", "--json"])
    assert result.exit_code == 2
    marked = tmp_path / "marked.xlsx"
    result = runner.invoke(app, ["validate", str(path), "--suggest-config", "--annotate",
                                 str(marked)])
    assert result.exit_code == 2 and not marked.exists()


def test_suggest_config_output_can_be_saved_as_the_settings_file(tmp_path: Path) -> None:
    """In a fresh process, stdout holds only TOML, ready to go into xltools.toml."""
    path = _renamed_plan(tmp_path, {"J": "Skæringsdato"})
    result = subprocess.run([sys.executable, "-m", "xltools", "validate", str(path), "--as-of",
                             AS_OF, "--suggest-config"], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert tomllib.loads(result.stdout) == {"aliases": {"action": {"deadline": ["Skæringsdato"]}}}
