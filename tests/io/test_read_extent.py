"""A stray cell far out is refused before calamine allocates its range, however it is written.

The reader works out the value cells' extent cell by cell only when a cell reference lies far
out; these cases make sure that check sees every spelling XML allows. Each read runs in a
child process: a miss would make calamine abort the process that tries.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from xltools.core.schema import PLANS, PlanKind
from xltools.io.read import read_workbook

HEADER = [c.labels.en for c in PLANS[PlanKind.ACTION].columns]
FAR_CELLS = {
    "reference first": b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>',
    "reference last": b'<c t="inlineStr" r="XFD1048576"><is><t>x</t></is></c>',
    "spaced and single-quoted": b"<c r = 'XFD1048576' t=\"inlineStr\"><is><t>x</t></is></c>",
    "deep and narrow": b"<c r='A1048576'><v>1</v></c>",
}


def _plan(path: Path, extra_xml: bytes = b"") -> Path:
    base = path.with_suffix(".base.xlsx")
    wb = xlsxwriter.Workbook(str(base))
    ws = wb.add_worksheet("Action plan")
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 0, [1, "Krav", "Too much to do", "Less stress", "Calm weeks", "New rota", "Mette"])
    wb.close()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml" and extra_xml:
                data = data.replace(b"</sheetData>", extra_xml + b"</sheetData>")
            copy.writestr(info, data)
    base.unlink()
    return path


@pytest.mark.parametrize("case", FAR_CELLS)
def test_a_far_out_cell_is_refused_however_its_reference_is_written(tmp_path: Path,
                                                                    case: str) -> None:
    path = _plan(tmp_path / "far.xlsx", b'<row r="1048576">' + FAR_CELLS[case] + b"</row>")
    script = ("import sys\nfrom xltools.errors import UnreadableWorkbookError\n"
              "from xltools.io.read import read_workbook\n"
              "try:\n    read_workbook(sys.argv[1])\n"
              "except UnreadableWorkbookError as error:\n    print(error.code)\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "stray_cells"


def test_a_plan_without_far_out_cells_reads_as_before(tmp_path: Path) -> None:
    # a cell in column Z, row 99,999: as far as the quick check lets pass without counting
    path = _plan(tmp_path / "near.xlsx", b'<row r="99999"><c r="Z99999"><v>7</v></c></row>')
    data = read_workbook(path)
    sheet = data.plans[PlanKind.ACTION]
    assert [row.number for row in sheet.rows] == [2]
    assert sheet.rows_not_read == (3, 99999)
