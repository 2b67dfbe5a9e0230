"""The text-level XML tools that keep untouched bytes untouched, and the sheet stream's cells."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xltools.io import sheetxml
from xltools.io import xmltext as xt


def test_set_attribute_changes_one_value_and_keeps_the_rest_as_written() -> None:
    tag = """<c r="G4"  t='s' x14ac:foo="1">"""
    assert xt.set_attribute(tag, "s", "12", after="r") == """<c r="G4" s="12"  t='s' x14ac:foo="1">"""
    assert xt.set_attribute('<c r="G4" s="3"/>', "s", "9") == '<c r="G4" s="9"/>'
    assert xt.set_attribute("<xf/>", "applyFill", "1") == '<xf applyFill="1"/>'
    assert xt.remove_attribute('<c r="A1" s="3" t="s">', "s") == '<c r="A1" t="s">'
    assert xt.attribute('<definedName name="a&amp;b" hidden="1">', "name") == "a&b"


def test_elements_skip_comments_and_cdata_and_nest() -> None:
    text = ("<root><!-- <a>not this</a> --><a x='1'><a/></a><![CDATA[<a>]]>"
            "<b><a>inner</a></b></root>")
    spans = xt.elements(text, "a")
    assert [s.open_tag(text) for s in spans] == ["<a x='1'>", "<a/>", "<a>"]
    assert [s.open_tag(text) for s in xt.elements(text, "a", depth=2)] == ["<a x='1'>"]
    assert xt.first(text, "a").inner(text) == "<a/>"
    assert xt.root(text).name == "root"


def test_unclosed_legacy_vml_elements_do_not_derail_the_scan() -> None:
    vml = "<xml><v:shape id='1'><div>line<br>next</div></v:shape><v:shape id='2'/></xml>"
    assert [xt.attributes(s.open_tag(vml))["id"] for s in xt.elements(vml, "shape")] == ["1", "2"]


@given(st.text(alphabet=st.sampled_from(list("_x0123456789ABCDEFab ")), max_size=40))
def test_ooxml_escapes_round_trip(text: str) -> None:
    assert xt.ooxml_unescape(xt.ooxml_escape(text)) == text


def test_cells_are_found_wherever_r_is_written_and_by_counting_without_it() -> None:
    row = '<row r="4"><c s="3" r="B4" t="s"><v>1</v></c><c r="D4"/><c s="2"><v>5</v></c></row>'
    assert [(c.column, row[c.start:c.end]) for c in sheetxml.cells(row, b"", 4)] == [
        (2, '<c s="3" r="B4" t="s"><v>1</v></c>'), (4, '<c r="D4"/>'), (5, '<c s="2"><v>5</v></c>')]
    with pytest.raises(sheetxml.SheetFormatError, match="B4 is written inside row 5"):
        sheetxml.cells(row.replace('r="4"', 'r="5"'), b"", 5)


def test_a_sheet_streams_through_unchanged_apart_from_the_rows_edited() -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}" s="1"><v>{r}</v></c></row>' for r in range(1, 3000))
    sheet = (f'<?xml version="1.0"?><worksheet xmlns="m"><sheetViews/><sheetData>{rows}'
             f"</sheetData><mergeCells/></worksheet>").encode()
    out = io.BytesIO()
    sheetxml.rewrite(io.BytesIO(sheet), out, rows={7},
                     edit_row=lambda n, text: text.replace('s="1"', 's="9"'),
                     new_rows={5000: '<row r="5000"><c r="B5000" s="2"/></row>'})
    expected = sheet.replace(b'<c r="A7" s="1">', b'<c r="A7" s="9">').replace(
        b"</sheetData>", b'<row r="5000"><c r="B5000" s="2"/></row></sheetData>')
    assert out.getvalue() == expected
    scanned = sheetxml.scan(io.BytesIO(sheet), [2, 2999])
    assert set(scanned.rows) == {2, 2999} and scanned.tail.startswith("</sheetData>")
