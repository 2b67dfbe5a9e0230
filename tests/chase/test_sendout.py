"""Send-out: HR's department list (xlsx, CSV as Excel writes it) -> one prefilled workbook per row."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from xltools.cli import app
from xltools.io.departments import read_csv_grid
from xltools.io.read import read_workbook
from xltools.rollup import rollup
from xltools.sendout import RowOutcome, send_out_file

AS_OF = date(2026, 11, 23)
runner = CliRunner()

# One list per language, headed as HR writes it in that language.
LISTS = {
    "da": (["Afdeling", "Leder", "Kontakt e-mail", "Sprog", "Periode", "Organisation"], [
        ["Hjemmeplejen Østerbro", "Søren Ærø", "soren@nordby.dk", "Dansk", "2026-2027",
         "Nordby Kommune"],
        ["Løn; Personale", "Åse Bøg", "aase@nordby.dk", "da", "2026", "Nordby Kommune"],
    ]),
    "sv": (["Avdelning", "Chef", "Kontakt e-post", "Språk", "Period", "Organisation"], [
        ["Ekonomi & Lön", "Åsa Öberg", "asa.oberg@kommun.se", "svenska", "2026",
         "Norrby kommun"],
        ["Skolan, Väst", "Per Ek", "per.ek@kommun.se", "sv", "2026", "Norrby kommun"],
    ]),
    "en": (["Department", "Manager", "Contact e-mail", "Language", "Period", "Organisation"], [
        ["IT Support", "Sam Carter", "sam@example.com", "English", "FY 2026", "Example Ltd"],
        ["Facilities \"North\"", "Priya Shah", "priya@example.com", "en", "FY 2026",
         "Example Ltd"],
    ]),
}


def _csv_bytes(rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)  # "utf-8-sig" writes the byte-order mark


def _write_list(folder: Path, lang: str, kind: str) -> Path:
    header, rows = LISTS[lang]
    if kind == "xlsx":
        path = folder / "afdelinger.xlsx"
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append([f"Department list {lang}"])  # a title above the header, as HR writes it
        ws.append(header)
        for row in rows:
            ws.append(row)
        wb.save(path)
        return path
    delimiter, encoding = {"csv-semicolon-bom": (";", "utf-8-sig"),
                           "csv-comma": (",", "utf-8"),
                           "csv-semicolon-cp1252": (";", "cp1252")}[kind]
    path = folder / "afdelinger.csv"
    path.write_bytes(_csv_bytes([header, *rows], delimiter, encoding))
    return path


@pytest.mark.parametrize("kind", ["xlsx", "csv-semicolon-bom", "csv-comma",
                                  "csv-semicolon-cp1252"])
@pytest.mark.parametrize("lang", ["da", "sv", "en"])
def test_a_list_in_each_language_and_format_gives_prefilled_workbooks(
        tmp_path: Path, lang: str, kind: str) -> None:
    source = _write_list(tmp_path, lang, kind)
    result = send_out_file(source, tmp_path / "out", as_of=AS_OF)
    _, rows = LISTS[lang]
    assert [r.outcome for r in result.rows] == [RowOutcome.WRITTEN] * len(rows)
    assert result.ok and not result.unused_columns
    for row, written in zip(rows, result.rows, strict=True):
        assert written.path is not None and written.path.exists()
        wb = read_workbook(written.path)
        assert wb.department == row[0] and wb.language == lang
        assert wb.about["manager"] == row[1] and wb.about["email"] == row[2]
        assert wb.about["period"] == row[4] and wb.about["organisation"] == row[5]
        assert wb.last_updated == AS_OF
    # the roll-up reads them back under those names
    summary = rollup([tmp_path / "out"], tmp_path / "summary.xlsx", as_of=AS_OF, jobs=1)
    assert sorted(f.department for f in summary.files) == sorted(r[0] for r in rows)
    assert all(f.outcome == "read" for f in summary.files)


def test_csv_as_excel_writes_it_is_decoded_and_split_right() -> None:
    rows = [["Afdeling", "Leder"], ["Hjemmeplejen Øst", "Søren Ærø"]]
    for delimiter in (";", ",", "\t"):
        for encoding in ("utf-8", "utf-8-sig", "cp1252", "utf-16"):
            grid = read_csv_grid(_csv_bytes(rows, delimiter, encoding))
            assert grid == rows, (delimiter, encoding)
    # Excel's own separator hint is a hint, not a row
    assert read_csv_grid(b"sep=,\r\nAfdeling,Leder\r\nA;B,C\r\n") == [["Afdeling", "Leder"],
                                                                    ["A;B", "C"]]


def test_bad_rows_are_reported_by_number_and_the_rest_written(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_bytes(_csv_bytes([
        ["Afdeling", "Sprog", "Kontakt e-mail"],
        ["Hjemmeplejen", "da", "mette@nordby.dk"],
        ["", "sv", "karin@kommun.se"],
        ["Skolen", "tysk", ""],
        ["Ekonomi", "", "karin(at)kommun.se"],
        ["Hjemmeplejen", "da", ""],
        ["Teknik", "", ""],
    ], ";", "utf-8-sig"))
    result = runner.invoke(app, ["new", "--departments", str(source), "--out-dir",
                                 str(tmp_path / "out"), "--json", "--lang", "sv"])
    assert result.exit_code == 1
    payload = json.loads(result.output)
    outcomes = {r["row"]: (r["outcome"], [p["code"] for p in r["problems"]])
                for r in payload["rows"]}
    assert outcomes == {2: ("written", []), 3: ("invalid", ["no_department"]),
                        4: ("invalid", ["unknown_language"]), 5: ("invalid", ["bad_email"]),
                        6: ("invalid", ["duplicate"]), 7: ("written", [])}
    assert payload["written"] == 2 and payload["not_written"] == 4
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["Hjemmeplejen.xlsx",
                                                                   "Teknik.xlsx"]
    assert read_workbook(tmp_path / "out" / "Teknik.xlsx").language == "sv"  # --lang
    text = runner.invoke(app, ["new", "--departments", str(source), "--out-dir",
                               str(tmp_path / "out2"), "--lang", "da"])
    assert "række 4: Skolen: ikke skrevet: 'tysk' er ikke et sprog" in text.output
    assert "række 6: Hjemmeplejen: ikke skrevet: samme afdeling som række 2" in text.output


def test_names_unsafe_for_a_file_system_still_get_distinct_files(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Department\nDrift/Service\nDrift:Service\nCON\n.NET team\nØkonomi.\n"
                      "økonomi\nØKONOMI.\n", encoding="utf-8")
    result = send_out_file(source, tmp_path / "out")
    names = [r.path.name for r in result.rows if r.path]
    # "Økonomi." and "økonomi" are two names, but one file on Windows and macOS
    assert names == ["Drift-Service.xlsx", "Drift-Service (2).xlsx", "CON_.xlsx",
                     "NET team.xlsx", "Økonomi.xlsx", "økonomi (2).xlsx"]
    last = result.rows[-1]  # "ØKONOMI." is "Økonomi." again: refused, not a third file
    assert last.outcome is RowOutcome.INVALID and last.problems[0].row == 6
    # the About sheet keeps the department's real name
    assert read_workbook(tmp_path / "out" / "Drift-Service (2).xlsx").department == \
        "Drift:Service"


def test_existing_workbooks_are_kept_unless_force(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Afdeling;Leder\nHjemmeplejen;Mette\nSkolen;Ole\n", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["new", "--departments", str(source), "--out-dir",
                               str(out)]).exit_code == 0
    filled = out / "Hjemmeplejen.xlsx"
    wb = openpyxl.load_workbook(filled)
    wb["Action plan"]["B2"] = "Demands"  # a manager has started filling it in
    wb.save(filled)
    again = runner.invoke(app, ["new", "--departments", str(source), "--out-dir", str(out),
                                "--json"])
    assert again.exit_code == 0
    assert [r["outcome"] for r in json.loads(again.output)["rows"]] == ["kept", "kept"]
    assert openpyxl.load_workbook(filled)["Action plan"]["B2"].value == "Demands"
    forced = runner.invoke(app, ["new", "--departments", str(source), "--out-dir", str(out),
                                 "--json", "--force"])
    assert [r["outcome"] for r in json.loads(forced.output)["rows"]] == ["replaced", "replaced"]
    assert openpyxl.load_workbook(filled)["Action plan"]["B2"].value is None


def test_the_list_itself_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "Afdelinger.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Afdeling"])
    wb.active.append(["afdelinger"])  # a department named like the list, in its folder
    wb.save(source)
    result = send_out_file(source, tmp_path, force=True)
    assert result.rows[0].path == tmp_path / "afdelinger (2).xlsx"
    assert openpyxl.load_workbook(source).active["A1"].value == "Afdeling"


def test_settings_give_the_default_language_organisation_and_topics(tmp_path: Path) -> None:
    config = tmp_path / "xltools.toml"
    config.write_text('[organisation]\nname = "Nordby Kommune"\nlanguage = "da"\n\n'
                      '[topics]\nda = ["Arbejdsmængde", "Samarbejde"]\n', encoding="utf-8")
    source = tmp_path / "list.csv"
    source.write_text("Afdeling,Leder\nHjemmeplejen,Mette\n", encoding="utf-8")
    result = runner.invoke(app, ["new", "--departments", str(source), "--out-dir",
                                 str(tmp_path / "out"), "--config", str(config)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "Hjemmeplejen.xlsx"
    data = read_workbook(path)
    assert data.language == "da" and data.about["organisation"] == "Nordby Kommune"
    lists = openpyxl.load_workbook(path)["Lister"]
    topics = [row[-1] for row in lists.iter_rows(min_row=2, values_only=True) if row[-1]]
    assert topics == ["Arbejdsmængde", "Samarbejde"]


def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Navn;Telefon\nx;1\n", encoding="utf-8")
    no_column = runner.invoke(app, ["new", "--departments", str(source), "--out-dir",
                                    str(tmp_path / "out")])
    assert no_column.exit_code == 2
    assert "no department column found" in no_column.stderr and "'Navn'" in no_column.stderr
    assert runner.invoke(app, ["new", "--departments", str(source)]).exit_code == 2
    missing = runner.invoke(app, ["new", "--departments", str(tmp_path / "none.csv"),
                                  "--out-dir", str(tmp_path / "out")])
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    other = tmp_path / "list.pdf"
    other.write_bytes(b"%PDF-1.4")
    assert runner.invoke(app, ["new", "--departments", str(other), "--out-dir",
                               str(tmp_path / "out")]).exit_code == 2


@pytest.fixture
def about_with_area(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The About sheet with its Area field (SPEC 2.5), also where the schema has none yet."""
    from dataclasses import replace

    from xltools.core import schema
    from xltools.io import template

    if not any(f.key == "area" for f in schema.ABOUT.fields):
        area = schema.Field("area", schema.Labels("Area", "Område", "Verksamhetsområde"))
        about = replace(schema.ABOUT, fields=(*schema.ABOUT.fields[:2], area,
                                              *schema.ABOUT.fields[2:]))
        monkeypatch.setattr(schema, "ABOUT", about)
        monkeypatch.setattr(template, "ABOUT", about)
    schema.department_list_index.cache_clear()
    schema.field_index.cache_clear()
    yield
    schema.department_list_index.cache_clear()
    schema.field_index.cache_clear()


@pytest.mark.usefixtures("about_with_area")
def test_every_about_field_is_filled_from_the_list_area_included(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Afdeling;Forvaltning;Leder\nAdministration;Teknik og Miljø;Ole\n"
                      "Administration;Børn og Unge;Ida\n", encoding="utf-8")
    result = send_out_file(source, tmp_path / "out", lang="da")
    assert [r.path.name for r in result.rows if r.path] == [
        "Administration (Teknik og Miljø).xlsx", "Administration (Børn og Unge).xlsx"]
    about = read_workbook(result.rows[1].path).about  # type: ignore[arg-type]
    assert about["area"] == "Børn og Unge" and about["manager"] == "Ida"
    assert about["department"] == "Administration"
