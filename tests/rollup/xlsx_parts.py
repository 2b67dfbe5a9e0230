"""Read a written workbook's parts the way Excel does: sheets by title, their XML, defined names."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


@dataclass
class Sheet:
    """One worksheet's XML and where it lives in the package."""

    title: str
    index: int
    part: str
    root: ElementTree.Element

    def find(self, path: str) -> ElementTree.Element | None:
        return self.root.find(path, NS)

    def findall(self, path: str) -> list[ElementTree.Element]:
        return self.root.findall(path, NS)

    def page_setup(self) -> dict[str, str]:
        found = self.find("m:pageSetup")
        return dict(found.attrib) if found is not None else {}

    def fit_to_page(self) -> bool:
        found = self.find("m:sheetPr/m:pageSetUpPr")
        return found is not None and found.get("fitToPage") in ("1", "true")

    def widths(self) -> dict[int, float]:
        """Column (0-based) -> width, for every column given one."""
        out: dict[int, float] = {}
        for col in self.findall("m:cols/m:col"):
            for c in range(int(col.get("min", "1")), int(col.get("max", "1")) + 1):
                out[c - 1] = float(col.get("width", "0"))
        return out

    def conditional(self) -> list[tuple[str, ElementTree.Element]]:
        """(sqref, cfRule) of every conditional format."""
        return [(cf.get("sqref", ""), rule) for cf in self.findall("m:conditionalFormatting")
                for rule in cf.findall("m:cfRule", NS)]

    def row_breaks(self) -> list[int]:
        return [int(b.get("id", "0")) for b in self.findall("m:rowBreaks/m:brk")]


class Package:
    """An .xlsx opened for its parts."""

    def __init__(self, path: Path) -> None:
        self.archive = zipfile.ZipFile(path)
        workbook = self.xml("xl/workbook.xml")
        rels = self.xml("xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
        self.sheets: dict[str, Sheet] = {}
        for index, sheet in enumerate(workbook.findall("m:sheets/m:sheet", NS)):
            target = targets[sheet.get(f"{{{NS['r']}}}id")] or ""
            part = posixpath.normpath(posixpath.join("xl", target.lstrip("/")
                                                     .removeprefix("xl/")))
            self.sheets[sheet.get("name", "")] = Sheet(sheet.get("name", ""), index, part,
                                                       self.xml(part))
        self.names: list[tuple[str, int | None, str]] = [
            (d.get("name", ""), int(d.get("localSheetId")) if d.get("localSheetId") else None,
             d.text or "") for d in workbook.findall("m:definedNames/m:definedName", NS)]

    def xml(self, part: str) -> ElementTree.Element:
        return ElementTree.fromstring(self.archive.read(part))

    def defined(self, name: str, sheet: str) -> str | None:
        """A sheet's defined name (``_xlnm.Print_Titles``, ``_xlnm.Print_Area``), or None."""
        index = self.sheets[sheet].index
        return next((text for n, i, text in self.names if n == name and i == index), None)

    def related(self, part: str, kind: str) -> list[str]:
        """The parts ``part`` refers to whose relationship type ends with ``kind``."""
        folder, name = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        if rels_part not in self.archive.namelist():
            return []
        rels = self.xml(rels_part)
        return [posixpath.normpath(posixpath.join(folder, r.get("Target", "")))
                for r in rels.findall("rel:Relationship", NS)
                if r.get("Type", "").endswith(kind)]

    def chart_anchors(self, sheet: str) -> list[tuple[int, int]]:
        """(first row, last row), 0-based, of every chart drawn on a sheet."""
        anchors = []
        for drawing in self.related(self.sheets[sheet].part, "/drawing"):
            root = self.xml(drawing)
            for anchor in root.findall("xdr:twoCellAnchor", NS):
                first = int(anchor.findtext("xdr:from/xdr:row", "0", NS))
                last = int(anchor.findtext("xdr:to/xdr:row", "0", NS))
                anchors.append((first, last))
        return anchors

    def chart_parts(self, sheet: str) -> list[str]:
        return [chart for drawing in self.related(self.sheets[sheet].part, "/drawing")
                for chart in self.related(drawing, "/chart")]

    def series_colours(self, chart: str) -> list[str]:
        """The fill colour of each series of a chart, in order."""
        root = self.xml(chart)
        return [s.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val", "")  # type: ignore[union-attr]
                for s in root.iter(f"{{{NS['c']}}}ser")]


def column_index(letters: str) -> int:
    """A column's 0-based index from its letters ("A" -> 0)."""
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number - 1


def sqref_columns(sqref: str) -> set[int]:
    """Every column a conditional format's range covers."""
    columns: set[int] = set()
    for part in sqref.split():
        found = re.findall(r"([A-Z]+)\d*", part)
        first, last = column_index(found[0]), column_index(found[-1])
        columns.update(range(first, last + 1))
    return columns


def layout(path: Path) -> dict[str, object]:
    """Everything about a workbook's look and print, normalised for comparing two writers."""
    package = Package(path)
    out: dict[str, object] = {"names": sorted(package.names, key=lambda n: (n[0], n[1] or -1))}
    for title, sheet in package.sheets.items():
        heights = {int(r.get("r", "0")): (r.get("ht"), r.get("outlineLevel"))
                   for r in sheet.findall("m:sheetData/m:row")
                   if r.get("customHeight") in ("1", "true") or r.get("outlineLevel")}
        rules = sorted((sqref, rule.get("type", ""), rule.get("operator", ""),
                        rule.findtext("{*}formula", ""),
                        tuple(v.get("val") for v in rule.findall(".//{*}cfvo")))
                       for sqref, rule in sheet.conditional())
        out[title] = {
            "widths": {c: round(w, 2) for c, w in sheet.widths().items()},
            "heights": heights,
            "merged": sorted(m.get("ref", "") for m in sheet.findall("m:mergeCells/m:mergeCell")),
            "rules": rules,
            "page": {k: v for k, v in sheet.page_setup().items() if "Dpi" not in k},
            "fit": sheet.fit_to_page(),
            "breaks": sheet.row_breaks(),
            "charts": [package.series_colours(c) for c in package.chart_parts(title)],
            "anchors": sorted(package.chart_anchors(title)),
        }
    return out
