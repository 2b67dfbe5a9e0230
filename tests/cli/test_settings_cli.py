"""Every command reads the organisation's xltools.toml: its header names, words and defaults."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from typer.testing import CliRunner

from xltools.cli import app
from xltools.core.schema import PLANS, PlanKind
from xltools.io.read import read_workbook
from xltools.io.settings import load_settings

AS_OF = "2026-11-23"
# An organisation's own template: "Skæringsdato" for the deadline, "Tovholder" for the owner,
# "Milepæl" for an activity's sub-goal, and its own status word "Lukket".
ACTION_HEADER = ["ID", "Emne", "Mål", "Indsatser", "Tovholder", "Skæringsdato",
                 "Opfølgning (hvordan)", "Status"]
ACTIVITY_HEADER = ["ID", "Aktivitet", "Hvordan", "Ansvarlig", "Hvornår (deadline)", "Milepæl",
                   "Opfølgning (hvordan)", "Status"]
SETTINGS = """\
[organisation]
name = "Nordby Kommune"
language = "da"
due_soon_days = 30

[aliases]
deadline = ["Skæringsdato"]
owner = ["Tovholder"]

[aliases.activity]
sub_goal = ["Milepæl"]

[status_synonyms]
done = ["Lukket"]

[topics]
da = ["Arbejdsmængde", "Samarbejde"]

[vague_owner_words]
da = ["personalegruppen"]
"""


def _department(folder: Path) -> Path:
    path = folder / "skolen.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    about = wb.add_worksheet("Om planen")
    about.write_row(0, 0, ["Afdeling", "Skolen"])
    action = wb.add_worksheet("Handleplan")
    action.write_row(0, 0, ACTION_HEADER)
    action.write_row(1, 0, [1, "Krav", "Mindre stress", "Planlægning", "Mette Hansen",
                            "01-10-2026", "Personalemøde", "I gang"])  # overdue
    action.write_row(2, 0, [2, "Krav", "Ro", "Møder", "personalegruppen", "10-12-2026",
                            "Måling", "Lukket"])  # closed by the organisation's word
    activity = wb.add_worksheet("Aktivitetsplan")
    activity.write_row(0, 0, ACTIVITY_HEADER)
    activity.write_row(1, 0, [1, "Kick-off", "Møde", "Ole Dahl", "15-12-2026", "Trin 1", "Ref",
                              "Ikke startet"])  # due within 30 days
    wb.close()
    return path


@pytest.fixture
def org(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "plans"
    folder.mkdir()
    settings = tmp_path / "nordby.toml"
    settings.write_text(SETTINGS, encoding="utf-8")
    return _department(folder), settings


def test_without_settings_the_organisations_columns_are_missing(org: tuple[Path, Path]) -> None:
    plan, _ = org
    result = CliRunner().invoke(app, ["validate", str(plan), "--as-of", AS_OF, "--json"])
    codes = {i["code"] for i in json.loads(result.stdout)["issues"]}
    assert "missing-column" in codes and result.exit_code == 1


def test_with_config_the_workbook_reads_clean(org: tuple[Path, Path]) -> None:
    plan, settings = org
    result = CliRunner().invoke(app, ["validate", str(plan), "--as-of", AS_OF, "--json",
                                      "--config", str(settings)])
    report = json.loads(result.stdout)
    found = {(i["code"], i["cell"]) for i in report["issues"]}
    assert result.exit_code == 0, found
    assert ("overdue", "F2") in found  # the deadline column read through the alias
    assert ("vague-owner", "E3") in found  # the organisation's group word
    assert ("due-soon", "E2") in found  # within the settings' 30 days
    assert not any(code in ("missing-column", "bad-value", "unknown-column") for code, _ in found)
    data = read_workbook(plan, settings=load_settings(settings))
    assert "sub_goal" in data.plans[PlanKind.ACTIVITY].columns


def test_settings_beside_the_folder_are_found_and_the_roll_up_is_right(
        org: tuple[Path, Path], tmp_path: Path) -> None:
    plan, settings = org
    (plan.parent / "xltools.toml").write_text(settings.read_text(encoding="utf-8"),
                                              encoding="utf-8")
    result = CliRunner().invoke(app, ["rollup", str(plan.parent), "-o", str(tmp_path / "s.xlsx"),
                                      "--as-of", AS_OF, "--json"])
    assert result.exit_code == 0, result.stderr
    totals = json.loads(result.stdout)["totals"]
    assert totals["overdue"] == 1 and totals["statuses"]["done"] == 1
    assert totals["due_soon"] == 1 and totals["errors"] == 0
    # the summary is in the settings' language
    with zipfile.ZipFile(tmp_path / "s.xlsx") as archive:
        assert "Oversigt" in archive.read("xl/workbook.xml").decode()


def test_new_uses_the_organisations_name_language_and_topics(org: tuple[Path, Path],
                                                            tmp_path: Path) -> None:
    _, settings = org
    out = tmp_path / "ny.xlsx"
    result = CliRunner().invoke(app, ["new", "-o", str(out), "--config", str(settings),
                                      "--department", "Skolen"])
    assert result.exit_code == 0, result.stderr
    data = read_workbook(out)
    assert data.language == "da" and data.about["organisation"] == "Nordby Kommune"
    from openpyxl import load_workbook

    lists = load_workbook(out)["Lister"]
    topics = [c.value for c in next(col for col in lists.iter_cols() if col[0].value == "topics")]
    assert topics[1:3] == ["Arbejdsmængde", "Samarbejde"] and topics[3] is None


def test_a_bad_settings_file_stops_every_command_with_one_line(org: tuple[Path, Path]) -> None:
    plan, settings = org
    settings.write_text('[organisation]\nname = "x"\ncolour = "red"\n', encoding="utf-8")
    runner = CliRunner()
    for args in (["validate", str(plan)], ["overdue", str(plan)],
                 ["rollup", str(plan), "-o", str(plan.parent / "s.xlsx")], ["new", "-o", "x.xlsx"]):
        result = runner.invoke(app, [*args, "--config", str(settings)])
        assert result.exit_code == 2, args
        assert result.stderr.strip() == f"xltools: {settings}, line 3: organisation.colour: " \
                                        "unknown key", args


def test_suggested_settings_make_the_workbook_read(org: tuple[Path, Path], tmp_path: Path) -> None:
    plan, _ = org
    runner = CliRunner()
    suggested = runner.invoke(app, ["validate", str(plan), "--suggest-config", "--as-of", AS_OF])
    config = tmp_path / "suggested.toml"
    config.write_text(suggested.stdout, encoding="utf-8")
    settings = load_settings(config)
    assert settings.extra_aliases(PlanKind.ACTION).get("deadline") == ("Skæringsdato",)
    labels = [c.labels.da for c in PLANS[PlanKind.ACTION].columns]
    assert "Skæringsdato" not in labels
