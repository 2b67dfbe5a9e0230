"""Every kind of workbook xltools writes, re-read by openpyxl and by LibreOffice headless."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from xltools.cli import app

AS_OF = "2026-11-01"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from hardening_corpus import long_cells, valid_plan

    folder = tmp_path_factory.mktemp("written")
    inputs = folder / "inputs"
    inputs.mkdir()
    plan, long = valid_plan(inputs), long_cells(inputs)
    runner = CliRunner()
    outputs = {name: folder / f"{name}.xlsx" for name in
               ("template-da", "template-sv", "annotated", "annotated-long", "overdue-marked",
                "cleared", "summary")}
    commands = [
        ["new", "--lang", "da", "-o", str(outputs["template-da"])],
        ["new", "--lang", "sv", "-o", str(outputs["template-sv"])],
        ["validate", str(plan), "--as-of", AS_OF, "--annotate", str(outputs["annotated"])],
        ["validate", str(long), "--as-of", AS_OF, "--annotate", str(outputs["annotated-long"])],
        ["overdue", str(plan), "--as-of", AS_OF, "--annotate", str(outputs["overdue-marked"])],
        ["clear", str(outputs["annotated"]), "-o", str(outputs["cleared"])],
        ["rollup", str(inputs), "-o", str(outputs["summary"]), "--as-of", AS_OF, "--lang", "da"],
    ]
    for command in commands:
        result = runner.invoke(app, command, catch_exceptions=False)
        assert result.exit_code in (0, 1), (command, result.output, result.stderr)
    return outputs


def test_openpyxl_reads_everything_we_write(written: dict[str, Path]) -> None:
    for name, path in written.items():
        wb = load_workbook(path)
        assert wb.sheetnames, name
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert not isinstance(cell.value, str) or len(cell.value) <= 32_767, \
                        (name, ws.title, cell.coordinate)


def test_libreoffice_opens_everything_we_write(written: dict[str, Path], convert,  # type: ignore[no-untyped-def]
                                               soffice: str, lo_profile: Path,
                                               tmp_path: Path) -> None:
    files = list(written.values())
    pdfs = convert(files, "pdf", tmp_path / "pdf")
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    csvs = convert(files, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path / "csv")
    by_name = dict(zip(written, csvs, strict=True))
    assert by_name["summary"].read_text(encoding="utf-8").strip()
    # the Issues sheet of a marked copy (the last but one tab) survives an independent reader
    import subprocess

    from openpyxl import load_workbook as load

    index = load(written["annotated"], read_only=True).sheetnames.index("Issues") + 1
    options = f"44,34,76,1,,0,false,true,false,false,false,{index}"
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={lo_profile.as_uri()}", "--convert-to",
                    f"csv:Text - txt - csv (StarCalc):{options}", "--outdir", str(tmp_path / "one"),
                    str(written["annotated"])], capture_output=True, timeout=120, check=True)
    issues = (tmp_path / "one" / "annotated-Issues.csv").read_text(encoding="utf-8")
    assert "Action plan" in issues and "Marks in the cells" in issues
