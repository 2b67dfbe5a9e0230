"""Compare workbook packages part by part, and the content of their cells.

A marked copy may change only a few parts, and inside them only add what marks need; a
cleared copy must give back the user's workbook. These helpers read packages with the
standard library (ElementTree, which the tests may use on files they made) and python-calamine,
independently of the code under test.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from python_calamine import CalamineWorkbook

# Parts a marked copy may change; every other part must stay byte for byte as it was.
EDITABLE = re.compile(r"^(\[Content_Types\]\.xml|xl/workbook\.xml|xl/_rels/workbook\.xml\.rels|"
                      r"xl/styles\.xml|xl/worksheets/sheet\d+\.xml|xl/worksheets/_rels/.*\.rels|"
                      r"xl/comments\d*\.xml|xl/comments/comment\d+\.xml|"
                      r"xl/drawings/(vmlDrawing|commentsDrawing)\d+\.vml)$")
# Attributes marks change in elements the user had: a cell's format, which tab is selected,
# list sizes, the workbook's active tab.
VOLATILE = {"s", "tabSelected", "count", "activeTab"}
_ROOT = re.compile(rb"<(?![?!])[^>]*>")


def parts(path: Path) -> list[tuple[str, bytes]]:
    """Every member of a package with its unpacked bytes, in the package's order."""
    with zipfile.ZipFile(path) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def root_tag(xml: bytes) -> bytes:
    """The document element's start tag as written (its namespace declarations, mc:Ignorable)."""
    match = _ROOT.search(xml)
    return match.group(0) if match else b""


def elements(xml: bytes) -> list[tuple[str, tuple[tuple[str, str], ...], str]]:
    """Every element in document order: tag, attributes without the volatile ones, text."""
    found = []
    for element in ElementTree.fromstring(xml).iter():
        attributes = tuple(sorted((k, v) for k, v in element.attrib.items()
                                  if k.rpartition("}")[2] not in VOLATILE))
        found.append((element.tag, attributes, (element.text or "").strip()))
    return found


def is_subsequence(small: list, big: list) -> bool:
    """True when every item of ``small`` appears in ``big`` in the same order."""
    items = iter(big)
    return all(any(item == other for other in items) for item in small)


def added_only(original: bytes, changed: bytes) -> bool:
    """True when ``changed`` holds every element of ``original``, in order, attributes equal
    apart from the volatile ones — so a part only gained what the marks add."""
    return is_subsequence(elements(original), elements(changed))


def cells(path: Path) -> dict[str, dict[str, tuple[str | None, ...]]]:
    """Per worksheet part: every cell's type, formula, cached value and inline text."""
    found: dict[str, dict[str, tuple[str | None, ...]]] = {}
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    for name, data in parts(path):
        if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
            continue
        sheet = {}
        for cell in ElementTree.fromstring(data).iter(f"{main}c"):
            formula, value = cell.find(f"{main}f"), cell.find(f"{main}v")
            text = "".join(t.text or "" for t in cell.iter(f"{main}t"))
            sheet[cell.get("r", "")] = (cell.get("t"), None if formula is None else formula.text,
                                        None if value is None else value.text, text or None)
        found[name] = sheet
    return found


def values(path: Path, sheets: list[str]) -> dict[str, list[list[object]]]:
    """The values python-calamine reads from the given sheets."""
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in sheets}


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names, in tab order."""
    return CalamineWorkbook.from_path(str(path)).sheet_names
