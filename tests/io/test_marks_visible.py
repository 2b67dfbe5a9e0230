"""Marks stay visible where the plan's own conditional colours paint the row (SPEC 7).

The template paints overdue rows light red, rows due soon amber and done rows grey with
conditional formats, which win over a cell's own fill. A mark is therefore also a frame: the
template's conditional formats set no borders, so nothing paints over it. Checked in the
written formats and in a page LibreOffice renders (PDF, then pixels through pdftoppm).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from xltools.core.issues import Severity
from xltools.core.marks import CODE_FILL, SEVERITY_FRAME, Code
from xltools.core.validate import check_workbook
from xltools.io.annotate import annotate_copy
from xltools.io.read import read_workbook
from xltools.io.template import new_workbook

TODAY = date.today()  # LibreOffice paints with TODAY(): the plan is dated around the real day


def overdue_plan(folder: Path) -> Path:
    """A template plan: row 2 overdue, row 3 due soon with a group as owner, row 4 overdue with
    a missing follow-up and an unknown status, row 5 done."""
    path = new_workbook(folder / "plan.xlsx", "en", department="Home care")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Action plan"]
    day = timedelta(days=1)
    rows = [
        [1, "Workload", None, "Less overtime", None, "Plan the week", "Anna", None,
         TODAY - 90 * day, TODAY - 30 * day, None, "Monthly", None, "In progress"],
        [2, "Leadership", None, "Clear roles", None, "Workshop", "everyone", None,
         TODAY - 20 * day, TODAY + 5 * day, None, "Survey", None, "Not started"],
        [3, "Cooperation", None, "Fewer conflicts", None, "Mediation", "Bo", None,
         TODAY - 60 * day, TODAY - 10 * day, None, None, None, "Maybe"],
        [4, "Workload", None, "Breaks", None, "Rota", "Ida", None,
         TODAY - 60 * day, TODAY - 10 * day, None, "Weekly", None, "Done"],
    ]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=value)
    workbook.save(path)
    return path


def marked_plan(folder: Path) -> Path:
    plan = overdue_plan(folder)
    marked = folder / "marked.xlsx"
    annotate_copy(plan, marked, check_workbook(read_workbook(plan), as_of=TODAY).report.issues,
                  lang="en")
    return marked


def test_the_frame_is_a_border_no_conditional_colour_of_the_plan_sets(tmp_path: Path) -> None:
    marked = marked_plan(tmp_path)
    sheet = openpyxl.load_workbook(marked)["Action plan"]
    expected = {"J2": Severity.WARNING, "J3": Severity.INFO, "G3": Severity.WARNING,
                "L4": Severity.ERROR, "N4": Severity.ERROR, "J4": Severity.WARNING}
    for cell, severity in expected.items():
        border = sheet[cell].border
        for side in (border.left, border.right, border.top, border.bottom):
            assert side.style == "medium", cell
            assert side.color.rgb.endswith(SEVERITY_FRAME[severity]), cell
    assert sheet["J2"].fill.fgColor.rgb.endswith(CODE_FILL[Code.OVERDUE])
    assert sheet["J2"].number_format == "yyyy-mm-dd"  # the cell's own format is kept
    # the plan's conditional formats (overdue, due soon, done) paint fills and fonts only
    with zipfile.ZipFile(marked) as archive:
        styles = archive.read("xl/styles.xml").decode()
    dxfs = re.search(r"<dxfs\b.*?</dxfs>", styles, re.S).group(0)
    assert "<border" not in dxfs
    rules = [rule for area in sheet.conditional_formatting for rule in area.rules]
    assert len(rules) == 3 and all(rule.type == "expression" for rule in rules)


def _pages(pdf: Path, folder: Path) -> list[tuple[int, int, bytes]]:
    """Every page of a PDF as (width, height, RGB bytes), at 150 dpi."""
    subprocess.run(["pdftoppm", "-r", "150", str(pdf), str(folder / "page")], check=True,
                   capture_output=True, timeout=120)
    pages = []
    for ppm in sorted(folder.glob("page-*.ppm")):
        data = ppm.read_bytes()
        header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
        pages.append((int(header.group(1)), int(header.group(2)), data[header.end():]))
    return pages


def _count(rgb: bytes, colour: str, tolerance: int = 24) -> int:
    target = bytes.fromhex(colour)
    found = 0
    for i in range(0, len(rgb) - 2, 3):
        if all(abs(rgb[i + k] - target[k]) <= tolerance for k in range(3)):
            found += 1
    return found


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) is not installed")
def test_libreoffice_draws_the_frame_over_the_overdue_row(tmp_path: Path, convert) -> None:  # type: ignore[no-untyped-def]
    marked = marked_plan(tmp_path)
    plain = tmp_path / "unmarked"
    plain.mkdir()
    unmarked = overdue_plan(plain)
    pdf_marked, pdf_plain = convert([marked, unmarked], "pdf", tmp_path / "pdf")
    overdue_row = CODE_FILL[Code.OVERDUE]  # the template's own overdue colour
    frame = SEVERITY_FRAME[Severity.WARNING]

    def plan_page(pdf: Path, name: str) -> bytes:
        folder = tmp_path / name
        folder.mkdir()
        pages = _pages(pdf, folder)
        # the plan's page is the one the overdue rows colour most
        return max((rgb for _, _, rgb in pages), key=lambda rgb: _count(rgb[::7], overdue_row))

    marked_page, plain_page = plan_page(pdf_marked, "pages-marked"), plan_page(pdf_plain,
                                                                              "pages-plain")
    assert _count(marked_page, overdue_row) > 2000  # LibreOffice painted the overdue rows
    assert _count(plain_page, frame) < 20  # the plan alone has no such line...
    assert _count(marked_page, frame) > 150  # ...the marked copy shows the frames over it
    assert _count(marked_page, SEVERITY_FRAME[Severity.ERROR]) > 150
