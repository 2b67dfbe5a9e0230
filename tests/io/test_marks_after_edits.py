"""Marks survive the user's edits: clearing after rows were inserted, sorted or deleted and
after a sheet was renamed finds each mark where Excel moved it, or says which it could not
find and leaves those cells alone. Each edit is made the way Excel makes it (see
``excel_edits``) on the marked copy and on the original; clearing the edited marked copy must
give exactly the edited original.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from tests.cli.test_cli import _plan
from tests.io import compare, corpus, excel_edits
from tests.io.test_package import issues_of
from xltools.cli import app
from xltools.io.annotate import annotate_copy, clear_copy

SHEET = corpus.SHEET


def marked_and_original(source: Path, tmp_path: Path) -> tuple[Path, Path]:
    marked = tmp_path / "marked.xlsx"
    annotate_copy(source, marked, issues_of(source), lang="en")
    original = tmp_path / "original.xlsx"
    shutil.copyfile(source, original)
    return marked, original


def header_style(path: Path) -> int:
    """The format index of the header cells (a user's own format with a fill)."""
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    return int(re.search(rb'<c r="A1" s="(\d+)"', sheet).group(1))


def test_a_row_inserted_above_the_marks(tmp_path: Path) -> None:
    source = corpus.base_plan(tmp_path / "plan.xlsx")
    marked, original = marked_and_original(source, tmp_path)
    style = header_style(source)
    for path in (marked, original):
        excel_edits.insert_row(path, SHEET, 2)
        # in the new row the user types a note and gives G2 a fill of their own
        excel_edits.add_user_note(path, SHEET, "G2", "New row, my note", style)
    cleared = tmp_path / "cleared.xlsx"
    result = clear_copy(marked, cleared)
    assert result.missing == [] and result.restored == 7
    assert compare.parts(cleared) == compare.parts(original)


def test_rows_sorted_after_marking(tmp_path: Path) -> None:
    source = _plan(tmp_path)  # the template: no merged cells, which Excel would not sort
    marked, original = marked_and_original(source, tmp_path)
    order = {2: 4, 3: 2, 4: 3}  # the names still point at the old addresses
    for path in (marked, original):
        excel_edits.sort_rows(path, "Handleplan", order)
    cleared = tmp_path / "cleared.xlsx"
    result = clear_copy(marked, cleared)
    assert result.missing == []
    assert compare.parts(cleared) == compare.parts(original)


def test_a_renamed_sheet(tmp_path: Path) -> None:
    source = corpus.base_plan(tmp_path / "plan.xlsx")
    marked, original = marked_and_original(source, tmp_path)
    for path in (marked, original):
        excel_edits.rename_sheet(path, SHEET, "Plan 2026")
    cleared = tmp_path / "cleared.xlsx"
    result = clear_copy(marked, cleared)
    assert result.missing == [] and result.restored == 7
    assert compare.parts(cleared) == compare.parts(original)


def test_marks_in_a_deleted_row_are_reported_and_the_rest_cleared(tmp_path: Path) -> None:
    source = corpus.base_plan(tmp_path / "plan.xlsx")
    marked, original = marked_and_original(source, tmp_path)
    for path in (marked, original):
        excel_edits.delete_row(path, SHEET, 4)  # J4 and N4 were marked; G2:G4 shrinks
    result = CliRunner().invoke(app, ["clear", str(marked), "-o", str(marked)])
    assert result.exit_code == 0, result.output
    assert "2 marks could not be found (Action plan!J4, Action plan!N4)" in result.stderr
    assert result.stdout.startswith("Marks removed from 5 cells")
    assert compare.parts(marked) == compare.parts(original)


def test_a_mark_the_user_restyled_keeps_the_users_format(tmp_path: Path) -> None:
    source = corpus.base_plan(tmp_path / "plan.xlsx")
    marked, _ = marked_and_original(source, tmp_path)
    style = header_style(source)

    def restyle(parts: dict[str, bytes]) -> None:  # the user formats N4 like the header
        sheet = parts["xl/worksheets/sheet1.xml"]
        parts["xl/worksheets/sheet1.xml"] = re.sub(rb'(<c r="N4" s=")\d+', rb"\g<1>%d" % style, sheet)
    corpus.rewrite_parts(marked, restyle)
    cleared = tmp_path / "cleared.xlsx"
    result = clear_copy(marked, cleared)
    assert result.missing == []  # found through its note, which is taken out
    with zipfile.ZipFile(cleared) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
        assert re.search(rb'<c r="N4" s="(\d+)"', sheet).group(1) == str(style).encode()
        assert b"bad-value" not in archive.read("xl/comments1.xml")
