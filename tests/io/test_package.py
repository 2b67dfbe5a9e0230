"""Marked and cleared copies keep everything the user had (SPEC 3, SPEC 7 "Nothing lost").

Every workbook of the corpus is validated, marked and cleared; the packages are compared
part by part: parts marks do not touch stay byte for byte, touched parts only gain what the
marks add (same root element, every element of the original kept in order), cell values and
formula results are unchanged, and clearing gives back the original package exactly.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from tests.io import compare, corpus
from xltools.cli import app
from xltools.core.issues import Issue
from xltools.core.marks import NoteAction, Record
from xltools.core.validate import check_workbook
from xltools.errors import UnreadableWorkbookError
from xltools.io.annotate import annotate_copy, clear_copy
from xltools.io.package import Package
from xltools.io.read import read_workbook

AS_OF = corpus.AS_OF
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
runner = CliRunner()


def issues_of(path: Path) -> list[Issue]:
    return check_workbook(read_workbook(path), as_of=AS_OF).report.issues


def record_of(path: Path) -> Record:
    """The marks record of a marked file, read with calamine (an independent reader)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        record = Record.from_grid(book.get_sheet_by_name(name).to_python())
        if record is not None:
            return record
    raise AssertionError("no marks record")


def mark_and_clear(source: Path, folder: Path) -> tuple[Path, Path]:
    marked, cleared = folder / f"marked-{source.name}", folder / f"cleared-{source.name}"
    annotate_copy(source, marked, issues_of(source), lang="en")
    result = clear_copy(marked, cleared)
    assert result.had_marks and result.written and result.missing == []
    return marked, cleared


def assert_nothing_lost(source: Path, marked: Path, cleared: Path) -> None:
    original, changed = dict(compare.parts(source)), dict(compare.parts(marked))
    # parts marks never touch: byte for byte
    for name, data in original.items():
        assert name in changed, f"{name} was lost"
        if not compare.EDITABLE.match(name):
            assert changed[name] == data, f"{name} changed"
        elif changed[name] != data:  # touched: same root element, only additions inside
            assert compare.root_tag(changed[name]) == compare.root_tag(data), name
            assert compare.added_only(data, changed[name]), f"{name} lost something"
    # the same order: the user's parts first, xltools' new parts after them
    assert [n for n, _ in compare.parts(marked)][:len(original)] == list(original)
    # cell values and formula results, by an independent reader and in the XML
    sheets = compare.sheet_names(source)
    assert compare.values(marked, sheets) == compare.values(source, sheets)
    before, after = compare.cells(source), compare.cells(marked)
    for part, cells in before.items():
        assert {ref: after[part][ref] for ref in cells} == cells, part
    # xltools reads its own marked copy as it read the original
    assert [i.to_dict() for i in issues_of(marked)] == [i.to_dict() for i in issues_of(source)]
    # clearing gives back the user's workbook: every part, byte for byte, in order
    assert compare.parts(cleared) == compare.parts(source)


@pytest.mark.parametrize("feature", sorted(corpus.FEATURES))
def test_marking_and_clearing_keep_everything(feature: str, tmp_path: Path) -> None:
    source = corpus.FEATURES[feature](tmp_path)
    marked, cleared = mark_and_clear(source, tmp_path)
    assert_nothing_lost(source, marked, cleared)
    record = record_of(marked)
    assert {m.cell for m in record.marks} == {"D3", "G2", "J4", "N4", "J2", "J5", "G5"}


def test_macros_ribbon_and_signature_survive_in_an_xlsm(tmp_path: Path) -> None:
    from xltools.addin import build

    with zipfile.ZipFile(build.template_path()) as addin:
        vba = addin.read("xl/vbaProject.bin")  # a real VBA project, xlwings' own
    source = corpus.macros_ribbon_signature(tmp_path, vba)
    marked, cleared = mark_and_clear(source, tmp_path)
    assert_nothing_lost(source, marked, cleared)
    with zipfile.ZipFile(marked) as archive:
        assert archive.read("xl/vbaProject.bin") == vba
        assert b"ui/extensibility" in archive.read("_rels/.rels")
        assert b"vbaProjectSignature" in archive.read("xl/_rels/vbaProject.bin.rels")
        assert b"macroEnabled" in archive.read("[Content_Types].xml")


def test_a_comment_thread_is_never_changed(tmp_path: Path) -> None:
    source = corpus.thread(tmp_path)
    marked, _ = mark_and_clear(source, tmp_path)
    mark = next(m for m in record_of(marked).marks if m.cell == "N4")
    assert mark.note_action is NoteAction.UNTOUCHED  # the note mirrors the thread
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(marked) as b:
        for part in ("xl/threadedComments/threadedComment1.xml", "xl/persons/person.xml"):
            assert a.read(part) == b.read(part)
        note = re.compile(rb'<comment ref="N4".*?</comment>', re.S)
        assert note.search(a.read("xl/comments1.xml")).group(0) == \
            note.search(b.read("xl/comments1.xml")).group(0)


def test_notes_that_always_show_keep_showing(tmp_path: Path) -> None:
    source = corpus.visible_notes(tmp_path)
    marked, _ = mark_and_clear(source, tmp_path)
    mark = next(m for m in record_of(marked).marks if m.cell == "N4")
    assert mark.note_action is NoteAction.MERGED and mark.note_visible == "yes"
    assert mark.note == "Checked with Bo" and mark.note_xml.startswith("<comment ")
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(marked) as b:
        visible = re.compile(rb"<x:Visible/>")
        vml = "xl/drawings/vmlDrawing1.vml"
        assert len(visible.findall(b.read(vml))) == len(visible.findall(a.read(vml))) == 2
        merged = re.search(rb'<comment ref="N4".*?</comment>', b.read("xl/comments1.xml"), re.S)
        text = "".join(t.text or "" for t in ElementTree.fromstring(merged.group(0)).iter("t"))
        assert text.startswith("[bad-value] 'Done␁' is not a valid Status")
        assert text.endswith("\n—\nChecked with Bo")


def test_notes_join_a_form_button_in_its_drawing_and_go_again(tmp_path: Path) -> None:
    source = corpus.form_button(tmp_path)
    marked, cleared = mark_and_clear(source, tmp_path)
    with zipfile.ZipFile(marked) as archive:
        vml = archive.read("xl/drawings/vmlDrawing1.vml")
        assert vml.count(b'ObjectType="Button"') == 1 and vml.count(b'ObjectType="Note"') == 7
        assert b"xl/comments1.xml" in archive.read("[Content_Types].xml")
    assert compare.parts(cleared) == compare.parts(source)


def test_notes_drawing_goes_before_the_header_logo(tmp_path: Path) -> None:
    source = corpus.header_logo(tmp_path)
    marked, _ = mark_and_clear(source, tmp_path)
    with zipfile.ZipFile(marked) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert sheet.index(b"<legacyDrawing ") < sheet.index(b"<legacyDrawingHF ")


def test_x14_extensions_and_namespace_prefixes_are_kept(tmp_path: Path) -> None:
    source = corpus.x14_drop_down(tmp_path)
    marked, _ = mark_and_clear(source, tmp_path)
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(marked) as b:
        before, after = a.read("xl/worksheets/sheet1.xml"), b.read("xl/worksheets/sheet1.xml")
    assert b'mc:Ignorable="x14ac xr"' in compare.root_tag(after)
    tail = re.compile(rb"<extLst>.*</extLst>", re.S)
    assert tail.search(after).group(0) == tail.search(before).group(0)
    assert after.count(b'x14ac:dyDescent="0.25"') == before.count(b'x14ac:dyDescent="0.25"')


def test_text_is_made_legal_and_marks_point_at_merged_cells(tmp_path: Path) -> None:
    source = corpus.base_plan(tmp_path / "plan.xlsx")
    marked, _ = mark_and_clear(source, tmp_path)
    record = record_of(marked)
    owner = next(m for m in record.marks if m.cell == "G2")  # G3 and G4 are inside G2:G4
    assert owner.mark_note.count("[vague-owner]") == 1  # the same message once, not thrice
    status = next(m for m in record.marks if m.cell == "N4")
    assert "Done␁" in status.mark_note and "\x01" not in status.mark_note
    with zipfile.ZipFile(marked) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".vml")):
                ElementTree.fromstring(archive.read(name))  # well-formed: no raw \x01 anywhere
                assert b"\x01" not in archive.read(name)


def test_a_long_own_note_is_left_alone(tmp_path: Path) -> None:
    def extra(_, sheet, __) -> None:
        sheet.write_comment(3, corpus.COLUMN["status"], "x" * 32_700, {"author": "Ida"})

    source = corpus.base_plan(tmp_path / "long-note.xlsx", extra)
    marked, cleared = mark_and_clear(source, tmp_path)
    mark = next(m for m in record_of(marked).marks if m.cell == "N4")
    assert mark.note_action is NoteAction.UNTOUCHED  # merged, it would pass Excel's 32,767
    assert compare.parts(cleared) == compare.parts(source)


def test_a_users_sheet_called_issues_is_never_touched_and_marking_twice_works(tmp_path: Path) -> None:
    source = corpus.base_plan(tmp_path / "plan.xlsx")
    marked = tmp_path / "marked.xlsx"
    annotate_copy(source, marked, issues_of(source), lang="en")
    names = compare.sheet_names(marked)
    assert names == ["Action plan", "Lists", "Issues", "Issues (2)", "xltools_marks"]
    assert compare.values(marked, ["Issues"]) == compare.values(source, ["Issues"])
    again = tmp_path / "again.xlsx"
    annotate_copy(marked, again, issues_of(marked), lang="en")
    assert compare.sheet_names(again) == names  # replaced, not stacked
    assert compare.parts(again) == compare.parts(marked)
    cleared = tmp_path / "cleared.xlsx"
    clear_copy(again, cleared)
    assert compare.parts(cleared) == compare.parts(source)


def test_a_workbook_libreoffice_wrote(tmp_path: Path, convert) -> None:  # type: ignore[no-untyped-def]
    plan = corpus.base_plan(tmp_path / "lo-source.xlsx")
    written = convert([plan], "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")[0]
    marked, cleared = mark_and_clear(written, tmp_path)
    assert_nothing_lost(written, marked, cleared)
    convert([marked, cleared], "pdf", tmp_path / "pdf")  # and LibreOffice opens both again


def test_an_openpyxl_template_plan(tmp_path: Path) -> None:
    from tests.cli.test_cli import _plan

    source = _plan(tmp_path)
    marked, cleared = mark_and_clear(source, tmp_path)
    assert_nothing_lost(source, marked, cleared)


def test_strict_open_xml_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    source = corpus.strict(tmp_path)
    before = source.read_bytes()
    marked = tmp_path / "marked.xlsx"
    with pytest.raises(UnreadableWorkbookError, match="Strict Open XML"):
        Package(source)
    result = runner.invoke(app, ["validate", str(source), "--as-of", AS_OF.isoformat(),
                                 "--annotate", str(marked)])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Strict Open XML" in lines[0] and "Traceback" not in result.stderr
    cleared = runner.invoke(app, ["clear", str(source), "-o", str(source)])
    assert cleared.exit_code == 2 and "Strict Open XML" in cleared.stderr
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_clear_in_place_without_marks_writes_nothing(tmp_path: Path) -> None:
    source = corpus.picture(tmp_path)
    before, stamp = source.read_bytes(), source.stat().st_mtime_ns
    result = runner.invoke(app, ["clear", str(source), "-o", str(source)])
    assert result.exit_code == 0, result.output
    assert "No xltools marks" in result.output and "nothing was written" in result.output
    assert source.read_bytes() == before and source.stat().st_mtime_ns == stamp
    copy = tmp_path / "copy.xlsx"
    result = runner.invoke(app, ["clear", str(source), "-o", str(copy)])
    assert result.exit_code == 0 and copy.read_bytes() == before


def test_clear_in_place_restores_the_users_file(tmp_path: Path) -> None:
    source = corpus.picture(tmp_path)
    marked = tmp_path / "marked.xlsx"
    annotate_copy(source, marked, issues_of(source), lang="en")
    result = runner.invoke(app, ["clear", str(marked), "-o", str(marked)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Marks removed from 7 cells")
    assert compare.parts(marked) == compare.parts(source)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~xltools-")]


def test_marked_copy_opens_on_the_issues_sheet_with_a_legend(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    source = corpus.base_plan(tmp_path / "plan.xlsx")
    marked = tmp_path / "marked.xlsx"
    annotate_copy(source, marked, issues_of(source), lang="da")
    workbook = load_workbook(marked)
    sheet = workbook.active
    assert sheet.title == "Problemer" and sheet.sheet_view.tabSelected
    assert not workbook["Action plan"].sheet_view.tabSelected  # no grouped tabs
    assert sheet["A1"].value == "Markeringer i cellerne"
    assert [sheet[f"A{r}"].value for r in (2, 3, 4)] == ["Fejl", "Advarsel", "Bemærkning"]
    assert sheet["A2"].border.left.style == "medium"  # the legend shows the marks' look
    assert sheet.freeze_panes == "A8" and sheet.auto_filter.ref.startswith("A7:E")


def test_a_signed_package_or_a_utf16_part_is_refused(tmp_path: Path) -> None:
    signed = corpus.base_plan(tmp_path / "signed.xlsx")

    def sign(parts: dict[str, bytes]) -> None:
        parts["_xmlsignatures/origin.sigs"] = b""
        parts["_xmlsignatures/sig1.xml"] = b'<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>'
        corpus._add_relationship(parts, "_rels/.rels", "rId98", "http://schemas.openxmlformats.org/"
                                 "package/2006/relationships/digital-signature/origin",
                                 "_xmlsignatures/origin.sigs")
    corpus.rewrite_parts(signed, sign)
    wide = corpus.base_plan(tmp_path / "wide.xlsx")

    def utf16(parts: dict[str, bytes]) -> None:
        text = parts["xl/styles.xml"].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
        parts["xl/styles.xml"] = text.encode("utf-16")
    corpus.rewrite_parts(wide, utf16)
    for source, words in ((signed, "digitally signed"), (wide, "xl/styles.xml is not stored as UTF-8")):
        target = tmp_path / f"marked-{source.name}"
        with pytest.raises(UnreadableWorkbookError, match=words):
            annotate_copy(source, target, issues_of(corpus.base_plan(tmp_path / "p.xlsx")),
                          lang="en")
        assert not target.exists()
