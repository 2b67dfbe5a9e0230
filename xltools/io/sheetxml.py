"""Worksheet parts as streams: find rows and cells, change their style index, write new sheets.

A plan of 200,000 rows is a sheet part of well over 100 MB of XML. It is never loaded whole:
:func:`scan` and :func:`rewrite` read it in chunks, split it into the part before the rows
(``head``), blocks of complete rows and the part after them (``tail``), and only rows that
matter are decoded and edited; every other byte is passed through as it was.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from xltools.core.marks import cell_name, column_number
from xltools.io import xmltext as xt

CHUNK = 1 << 22
_ATTRS = rb"""((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>"""
_ROOT = re.compile(rb"<(?![?!])((?:[A-Za-z_][\w.\-]*:)?)worksheet\b")
_R = re.compile(r"""\br\s*=\s*["']([A-Za-z]*)(\d*)["']""")
_ROW_R = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")


class SheetFormatError(ValueError):
    """The sheet's XML has a form xltools does not edit (the message says which)."""


@dataclass(slots=True)
class Sheet:
    """What a scan found: the element prefix, the head and tail text, and the rows asked for."""

    prefix: bytes = b""  # b"x:" when the sheet writes its elements with a prefix
    head: str = ""
    tail: str = ""
    rows: dict[int, str] = field(default_factory=dict)
    implicit: bool = False  # some row or cell has no address of its own
    hit: bool = False  # the pattern given to scan() matched inside the rows

    def name(self, local: str) -> str:
        """An element name with the sheet's prefix."""
        return self.prefix.decode() + local


@dataclass(frozen=True, slots=True)
class CellSpan:
    """One ``<c>`` element in a row's text."""

    column: int
    start: int
    open_end: int
    end: int
    tag: str

    @property
    def empty(self) -> bool:
        """True for ``<c .../>`` (a cell holding only a format)."""
        return self.open_end == self.end


class _Splitter:
    """Splits a sheet part into head, blocks of complete rows and tail."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.prefix = b""
        self.row_start: re.Pattern[bytes] = re.compile(b"")
        self.row_end = b""

    def pieces(self) -> Iterator[tuple[str, bytes]]:
        buffer = b""
        while True:  # the head: up to and including <sheetData>
            chunk = self.stream.read(CHUNK)
            buffer += chunk
            root = _ROOT.search(buffer)
            if root:
                self.prefix = root.group(1)
                data = re.compile(b"<" + re.escape(self.prefix) + b"sheetData(?=[\\s/>])" + _ATTRS)
                found = data.search(buffer)
                if found:
                    break
            if not chunk:
                raise SheetFormatError("the sheet has no <sheetData> element")
        p = re.escape(self.prefix)
        self.row_start = re.compile(b"<" + p + b"row(?=[\\s/>])" + _ATTRS)
        self.row_end = b"</" + self.prefix + b"row>"
        if found.group(2):  # <sheetData/>: a sheet without rows
            yield "head", buffer[:found.start()]
            yield "empty", buffer[found.start():found.end()]
            yield "tail", buffer[found.end():] + self.stream.read()
            return
        yield "head", buffer[:found.end()]
        buffer = buffer[found.end():]
        closing = b"</" + self.prefix + b"sheetData>"
        while True:
            end = buffer.find(closing)
            if end >= 0:
                yield "rows", buffer[:end]
                yield "tail", buffer[end:] + self.stream.read()
                return
            cut = self._last_row_start(buffer)
            if cut > 0:
                yield "rows", buffer[:cut]
                buffer = buffer[cut:]
            chunk = self.stream.read(CHUNK)
            if not chunk:
                raise SheetFormatError("the sheet's <sheetData> is not closed")
            buffer += chunk

    def _last_row_start(self, buffer: bytes) -> int:
        needle = b"<" + self.prefix + b"row"
        position = len(buffer)
        while True:
            position = buffer.rfind(needle, 0, position)
            if position < 0:
                return 0
            following = buffer[position + len(needle):position + len(needle) + 1]
            if following and following in b" \t\r\n/>":
                return position
            if not following:
                return position  # cut just before a tag that may continue in the next chunk


def _rows(block: bytes, splitter: _Splitter, previous: int) -> Iterator[tuple[int, int, int, bool]]:
    """(row number, start, end, has an explicit r) of every row in a block of complete rows."""
    for match in splitter.row_start.finditer(block):
        found = _ROW_R.search(match.group(1))
        number = int(found.group(1)) if found else previous + 1
        if match.group(2):
            end = match.end()
        else:
            close = block.find(splitter.row_end, match.end())
            if close < 0:
                raise SheetFormatError(f"row {number} is not closed")
            end = close + len(splitter.row_end)
        previous = number
        yield number, match.start(), end, found is not None


def head(stream: IO[bytes]) -> str:
    """Only the text before a sheet's rows (its views, columns), without reading further."""
    for kind, data in _Splitter(stream).pieces():
        if kind == "head":
            return data.decode("utf-8")
    return ""


def scan(stream: IO[bytes], rows: Iterable[int], hits: re.Pattern[bytes] | None = None) -> Sheet:
    """Read a sheet part once: its head and tail, and the text of the rows asked for.

    Args:
        stream: the part's bytes.
        rows: the row numbers wanted.
        hits: a pattern to look for inside the rows (``Sheet.hit`` says whether it matched).

    Returns:
        What was found (rows not in the sheet are simply missing from ``Sheet.rows``).
    """
    wanted = set(rows)
    sheet = Sheet()
    splitter = _Splitter(stream)
    previous = 0
    for kind, data in splitter.pieces():
        if kind == "head":
            sheet.prefix = splitter.prefix
            sheet.head = data.decode("utf-8")
        elif kind == "tail":
            sheet.tail = data.decode("utf-8")
        elif kind == "rows":
            if hits is not None and not sheet.hit:
                sheet.hit = hits.search(data) is not None
            if not wanted:
                continue  # only head, tail and hits were asked for
            for number, start, end, explicit in _rows(data, splitter, previous):
                previous = number
                sheet.implicit |= not explicit
                if number in wanted:
                    sheet.rows[number] = data[start:end].decode("utf-8")
    return sheet


RowEdit = Callable[[int, str], str]


def rewrite(stream: IO[bytes], out: IO[bytes], *, rows: Iterable[int], edit_row: RowEdit,
            new_rows: dict[int, str] | None = None, hits: re.Pattern[bytes] | None = None,
            edit_head: Callable[[str], str] | None = None,
            edit_tail: Callable[[str], str] | None = None) -> None:
    """Copy a sheet part to ``out``, editing the rows that matter and passing the rest through.

    Args:
        stream: the part's bytes.
        out: where the new part goes.
        rows: row numbers to hand to ``edit_row``.
        edit_row: gets (row number, row text) and returns the row's new text.
        new_rows: complete ``<row>`` elements to insert where the sheet has no such row.
        hits: rows in which this pattern matches are handed to ``edit_row`` too (e.g. the
            style indexes of xltools' marks, wherever the user moved the cells).
        edit_head, edit_tail: change the text before / after the rows.
    """
    wanted = set(rows)
    pending = sorted((new_rows or {}).items())
    splitter = _Splitter(stream)
    previous = 0
    for kind, data in splitter.pieces():
        if kind == "head":
            out.write(_edited(data, edit_head))
        elif kind == "empty":
            if pending:
                out.write(_expand_empty(data, splitter.prefix, "".join(r for _, r in pending)))
                pending = []
            else:
                out.write(data)
        elif kind == "tail":
            if pending:
                out.write("".join(r for _, r in pending).encode("utf-8"))
                pending = []
            out.write(_edited(data, edit_tail))
        else:
            found = [m.start() for m in hits.finditer(data)] if hits is not None else []
            position = 0
            for number, start, end, _ in _rows(data, splitter, previous):
                previous = number
                while pending and pending[0][0] < number:
                    out.write(data[position:start])
                    position = start
                    out.write(pending.pop(0)[1].encode("utf-8"))
                index = bisect.bisect_left(found, start)
                hit = index < len(found) and found[index] < end
                if number in wanted or hit:
                    out.write(data[position:start])
                    out.write(edit_row(number, data[start:end].decode("utf-8")).encode("utf-8"))
                    position = end
            out.write(data[position:])


def _edited(data: bytes, edit: Callable[[str], str] | None) -> bytes:
    return data if edit is None else edit(data.decode("utf-8")).encode("utf-8")


def _expand_empty(tag: bytes, prefix: bytes, rows: str) -> bytes:
    opened = tag[:-2].rstrip() + b">"
    return opened + rows.encode("utf-8") + b"</" + prefix + b"sheetData>"


@functools.lru_cache(maxsize=8)
def _cell_pattern(prefix: bytes) -> tuple[re.Pattern[str], str]:
    # a cell's attributes (r, s, t, cm, vm, ph) never hold '>': a plain scan is enough
    name = re.escape(prefix.decode()) + "c"
    address = "(?:(?=[^>]*?\\sr\\s*=\\s*[\"']([A-Za-z]{1,3})(\\d*)[\"']))?"  # anywhere in the tag
    return (re.compile(f"<{name}(?=[\\s/>]){address}[^>]*?(/?)>"), f"</{prefix.decode()}c>")


_column = functools.lru_cache(maxsize=4096)(column_number)  # the same letters on every row


def cells(row: str, prefix: bytes, number: int) -> list[CellSpan]:
    """The cells of a row's text, with their column numbers (1-based).

    Raises:
        SheetFormatError: a cell names a different row than the one it is in.
    """
    pattern, close = _cell_pattern(prefix)
    found, column = [], 0
    expected = str(number)
    opened = row.find(">") + 1  # skip the row's own start tag
    for match in pattern.finditer(row, opened):
        letters = match.group(1)
        if letters:
            column = _column(letters)
            if match.group(2) != expected:
                raise SheetFormatError(f"cell {letters}{match.group(2)} is written inside row "
                                       f"{number}")
        else:
            column += 1
        end = match.end() if match.group(3) else row.find(close, match.end()) + len(close)
        found.append(CellSpan(column, match.start(), match.end(), end, match.group(0)))
    return found


def cell_at(row: str, start: int, prefix: bytes, number: int) -> CellSpan | None:
    """The addressed cell whose start tag begins at ``start``; None when none does.

    Raises:
        SheetFormatError: the cell names a different row than the one it is in.
    """
    pattern, close = _cell_pattern(prefix)
    match = pattern.match(row, start)
    if match is None or not match.group(1):
        return None
    if match.group(2) != str(number):
        raise SheetFormatError(f"cell {match.group(1)}{match.group(2)} is written inside row "
                               f"{number}")
    end = match.end() if match.group(3) else row.find(close, match.end()) + len(close)
    return CellSpan(_column(match.group(1)), start, match.end(), end, match.group(0))


def insert_cell(row: str, prefix: bytes, spans: list[CellSpan], column: int, element: str) -> str:
    """A row's text with a new cell element in its place among the row's cells."""
    following = next((s for s in spans if s.column > column), None)
    if following is not None:
        return row[:following.start] + element + row[following.start:]
    if row.rstrip().endswith("/>") and not spans:  # <row .../>
        body = row.rstrip()[:-2].rstrip()
        return body + ">" + element + f"</{prefix.decode()}row>"
    close = row.rfind(f"</{prefix.decode()}row>")
    extension = row.rfind(f"<{prefix.decode()}extLst", 0, close)
    at = extension if extension > 0 and (not spans or extension > spans[-1].end) else close
    return row[:at] + element + row[at:]


def row_style(row: str) -> str | None:
    """The row's own format index when the row says its format applies (``customFormat``)."""
    tag = row[:row.find(">") + 1]
    attrs = xt.attributes(tag)
    if attrs.get("customFormat") in ("1", "true") and attrs.get("s"):
        return attrs["s"]
    return None


def column_styles(head: str) -> list[tuple[int, int, str]]:
    """(first, last, format index) of every ``<col>`` with a style, from a sheet's head."""
    found = []
    for span in xt.elements(head, "col"):
        attrs = xt.attributes(span.open_tag(head))
        if attrs.get("style") and attrs.get("min", "").isdigit() and attrs.get("max", "").isdigit():
            found.append((int(attrs["min"]), int(attrs["max"]), attrs["style"]))
    return found


def merged_areas(tail: str) -> list[str]:
    """The sheet's merged areas (``G2:G4``) from its tail."""
    return [xt.attributes(s.open_tag(tail)).get("ref", "") for s in xt.elements(tail, "mergeCell")]


# --- xltools' own sheets ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewCell:
    """A cell of a sheet xltools writes: text (always a string) and a format index."""

    text: str
    style: int | None = None


@dataclass(slots=True)
class NewSheet:
    """A simple worksheet: rows of text cells, column widths, links, a frozen header, a filter."""

    rows: list[list[NewCell | str]]  # a plain string is a text cell without a format
    widths: tuple[float, ...] = ()
    links: dict[str, str] = field(default_factory=dict)  # cell -> location in the workbook
    freeze_below: int = 0  # rows above this one stay in view (0: none)
    filter_ref: str = ""  # the autofilter's area, e.g. "A7:E42"
    selected: bool = False  # the tab is selected (the workbook opens on it)
    merge: tuple[str, ...] = ()
    landscape: bool = False  # printed landscape, as wide as the page


def write_sheet(out: IO[bytes], sheet: NewSheet) -> None:
    """Write a worksheet part: inline strings (no shared-strings part to change), escaped text.

    Args:
        out: the part's stream.
        sheet: what it holds.
    """
    out.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">')
    if sheet.landscape:
        out.write(b'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
    view = '<sheetView workbookViewId="0"' + (' tabSelected="1"' if sheet.selected else "")
    if sheet.freeze_below > 1:
        top = f"A{sheet.freeze_below}"
        view += (f'><pane ySplit="{sheet.freeze_below - 1}" topLeftCell="{top}" '
                 f'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" '
                 f'activeCell="{top}" sqref="{top}"/></sheetView>')
    else:
        view += "/>"
    out.write(f"<sheetViews>{view}</sheetViews>".encode())
    if sheet.widths:
        cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                       for i, w in enumerate(sheet.widths, start=1))
        out.write(f"<cols>{cols}</cols>".encode())
    out.write(b"<sheetData>")
    batch: list[str] = []
    letters = [cell_name(1, c)[:-1] for c in range(1, max(map(len, sheet.rows), default=0) + 1)]
    for r, row in enumerate(sheet.rows, start=1):
        parts = [f'<row r="{r}">']
        for c, cell in enumerate(row):
            value, style_index = (cell, None) if isinstance(cell, str) else (cell.text, cell.style)
            style = f' s="{style_index}"' if style_index else ""
            if value:
                text = xt.escape_text(xt.ooxml_escape(value))
                parts.append(f'<c r="{letters[c]}{r}"{style} t="inlineStr"><is>'
                             f'<t xml:space="preserve">{text}</t></is></c>')
            elif style:
                parts.append(f'<c r="{letters[c]}{r}"{style}/>')
        parts.append("</row>")
        batch.append("".join(parts))
        if len(batch) >= 2000:
            out.write("".join(batch).encode("utf-8"))
            batch.clear()
    out.write("".join(batch).encode("utf-8"))
    out.write(b"</sheetData>")
    if sheet.filter_ref:
        out.write(f'<autoFilter ref="{sheet.filter_ref}"/>'.encode())
    if sheet.merge:
        merges = "".join(f'<mergeCell ref="{m}"/>' for m in sheet.merge)
        out.write(f'<mergeCells count="{len(sheet.merge)}">{merges}</mergeCells>'.encode())
    if sheet.links:
        links = "".join(f'<hyperlink ref="{cell}" location="{xt.escape_attribute(target)}"/>'
                        for cell, target in sheet.links.items())
        out.write(f"<hyperlinks>{links}</hyperlinks>".encode())
    out.write(b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
              b'footer="0.3"/>')
    if sheet.landscape:
        out.write(b'<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>')
    out.write(b"</worksheet>")


# --- reading a small sheet's values back (xltools' own record) --------------------------------


def shared_strings(xml: bytes) -> list[str]:
    """The texts of a shared-strings part (each item's runs joined, phonetic runs left out)."""
    import defusedxml.ElementTree as SafeTree

    texts = []
    for item in SafeTree.fromstring(xml):
        if item.tag.rpartition("}")[2] != "si":
            continue
        pieces = []
        for node in item.iter():
            local = node.tag.rpartition("}")[2]
            if local == "rPh":
                node.clear()  # its <t> are readings, not text
            elif local == "t" and node.text:
                pieces.append(node.text)
        texts.append(xt.ooxml_unescape("".join(pieces)))
    return texts


_CELL = re.compile(r"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ROW_START = re.compile(r"<(?:\w+:)?row\b([^>]*)>")
_VALUE = re.compile(r"<(?:\w+:)?v(?:\s[^>]*)?>(.*?)</(?:\w+:)?v>", re.S)
_TYPE = re.compile(r"""\bt\s*=\s*["'](\w+)["']""")


# A cell as xltools writes its own sheets (and Excel saves them back): one text or one value.
_SIMPLE_CELL = re.compile(
    r"""<(?:\w+:)?c\s+r="([A-Z]{1,3})(\d+)"([^>]*?)(?:/>|>(?:<(?:\w+:)?is><(?:\w+:)?t(?:\s[^>]*)?>"""
    r"""([^<]*)</(?:\w+:)?t></(?:\w+:)?is>|<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>)?</(?:\w+:)?c>)""")
_ANY_CELL = re.compile(r"<(?:\w+:)?c[\s/>]")
_BLOCK_ROWS = 2000  # rows read at once: quick pattern scans with bounded memory


class _Values:
    """Turns a cell's type and raw text into its value (shared strings loaded when needed)."""

    def __init__(self, shared: Callable[[], list[str]]) -> None:
        self.shared = shared
        self.strings: list[str] | None = None

    def value(self, attrs: str, inline: str | None, raw: str | None) -> str:
        kind = _TYPE.search(attrs)
        kind_name = kind.group(1) if kind else "n"
        if kind_name == "inlineStr":
            return xt.ooxml_unescape(xt.unescape(inline or ""))
        if kind_name == "s" and raw and raw.isdigit():
            self.strings = self.shared() if self.strings is None else self.strings
            return self.strings[int(raw)] if int(raw) < len(self.strings) else ""
        value = xt.unescape(raw or "")
        return xt.ooxml_unescape(value) if kind_name == "str" else value


def _block_cells(block: str, values: _Values) -> Iterator[tuple[int, int, str]]:
    """(row, column, value) of every cell in a block of whole rows, in document order."""
    found = _SIMPLE_CELL.findall(block)
    if len(found) == len(_ANY_CELL.findall(block)):  # every cell a plain text or value
        for letters, row, attrs, inline, raw in found:
            yield int(row), _column(letters), values.value(attrs, inline, raw)
        return
    previous = 0
    starts = list(_ROW_START.finditer(block))
    for index, row in enumerate(starts):
        row_end = starts[index + 1].start() if index + 1 < len(starts) else len(block)
        address = _R.search(row.group(1))
        number = int(address.group(2)) if address and address.group(2) else previous + 1
        previous, column = number, 0
        for cell in _CELL.finditer(block, row.end(), row_end):
            attrs, body = cell.group(1), cell.group(2) or ""
            address = _R.search(attrs)
            column = _column(address.group(1)) if address and address.group(1) else column + 1
            text = "".join(xt.run_texts(body))
            raw = _VALUE.search(body)
            yield number, column, values.value(attrs, text, raw.group(1) if raw else None)


def read_rows(xml: bytes, shared: Callable[[], list[str]]) -> Iterator[list[str]]:
    """The non-empty rows of a sheet, in order, each as texts from column A ('' for blanks).

    For xltools' own record, which may hold a hundred thousand rows: read block by block with
    patterns over the text (no entities are resolved but the five of XML and character
    references; a sheet declaring others is refused).

    Args:
        xml: a worksheet part.
        shared: gives the workbook's shared strings when a cell needs them.

    Yields:
        Each row that holds a value.

    Raises:
        SheetFormatError: the sheet declares entities.
    """
    text = xml.decode("utf-8")
    data = text.find("<sheetData")
    if "<!DOCTYPE" in text[:data if data >= 0 else len(text)]:
        raise SheetFormatError("the sheet declares XML entities")
    values = _Values(shared)
    starts = [m.start() for m in _ROW_START.finditer(text)]
    end = text.find("</sheetData", starts[-1]) if starts else -1
    bounds = [*starts[::_BLOCK_ROWS], end if end >= 0 else len(text)]
    current, row = 0, {}
    for begin, finish in itertools.pairwise(bounds):
        for number, column, value in _block_cells(text[begin:finish], values):
            if number != current and row:
                yield [row.get(c, "") for c in range(1, max(row) + 1)]
                row = {}
            current = number
            row[column] = value
    if row:
        yield [row.get(c, "") for c in range(1, max(row) + 1)]
