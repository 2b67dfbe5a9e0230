"""Edit a workbook package the way Excel does when a user inserts, deletes or sorts rows, or
renames a sheet — so the tests can make those edits between marking and clearing.

Excel moves cells (with their formats and notes) and keeps formulas and defined names
pointing at the cells they pointed at: an inserted row shifts the references below it, a
deleted row turns references into it to ``#REF!``, a renamed sheet is renamed in every
reference. Sorting moves cells but leaves every reference where it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.io.corpus import rewrite_parts
from xltools.core.marks import split_cell

_CELL_REF = re.compile(r'(<(?:\w+:)?c\b[^>]*?\br=")([A-Z]+)(\d+)(")')
_ROW_REF = re.compile(r'(<(?:\w+:)?row\b[^>]*?\br=")(\d+)(")')
_NOTE_REF = re.compile(r'(<comment\b[^>]*?\bref=")([A-Z]+)(\d+)(")')
_VML_ROW = re.compile(r"(<(\w+):Row>)(\d+)(</\2:Row>)")
_ROW_BLOCK = re.compile(r'<row\b[^>]*?\br="(\d+)"[^>]*?(?:/>|>.*?</row>)', re.S)


def _parts_of(parts: dict[str, bytes], sheet: str) -> tuple[str, list[str]]:
    """The sheet's part and its notes parts (comments, VML)."""
    workbook = parts["xl/workbook.xml"].decode()
    rel_id = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="(\w+)"', workbook).group(1)
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'<Relationship [^>]*Id="{rel_id}"[^>]*Target="([^"]+)"', rels) \
        or re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rel_id}"', rels)
    part = "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
    sheet_rels = parts.get(part.replace("worksheets/", "worksheets/_rels/") + ".rels", b"").decode()
    notes = ["xl/" + t.replace("../", "") for t in re.findall(r'Target="([^"]*(?:comment|vml)[^"]*)"',
                                                              sheet_rels)]
    return part, [n for n in notes if n in parts]


def _map_rows(parts: dict[str, bytes], sheet: str, new_row: Callable[[int], int | None]) -> None:
    """Move a sheet's cells and notes: row r goes to ``new_row(r)`` (None: the row is gone)."""
    part, notes = _parts_of(parts, sheet)
    xml = parts[part].decode()
    start, end = xml.index("<sheetData"), xml.index("</sheetData>")
    body = xml[start:end]
    opened = body.index(">") + 1
    rows = []
    for block in _ROW_BLOCK.finditer(body):
        target = new_row(int(block.group(1)))
        if target is None:
            continue
        moved = _ROW_REF.sub(lambda m, t=target: f"{m.group(1)}{t}{m.group(3)}", block.group(0), 1)
        moved = _CELL_REF.sub(lambda m, t=target: f"{m.group(1)}{m.group(2)}{t}{m.group(4)}", moved)
        rows.append((target, moved))
    rows.sort(key=lambda item: item[0])
    tail = re.sub(r'(<mergeCell ref=")([A-Z]+)(\d+):([A-Z]+)(\d+)(")', _merge(new_row), xml[end:])
    parts[part] = (xml[:start] + body[:opened] + "".join(r for _, r in rows) + tail).encode()
    for note_part in notes:
        text = parts[note_part].decode()
        if note_part.endswith(".vml"):
            text = re.sub(r"<v:shape\b.*?</v:shape>", lambda m: _move_shape(m.group(0), new_row),
                          text, flags=re.S)
        else:
            text = re.sub(r'<comment\b[^>]*?\bref="[A-Z]+(\d+)".*?</comment>',
                          lambda m: m.group(0) if new_row(int(m.group(1))) else "", text,
                          flags=re.S)
            text = _NOTE_REF.sub(lambda m: f"{m.group(1)}{m.group(2)}{new_row(int(m.group(3)))}"
                                           f"{m.group(4)}", text)
        parts[note_part] = text.encode()


def _merge(new_row: Callable[[int], int | None]) -> Callable[[re.Match[str]], str]:
    """A merged area after rows moved: a deleted last row shrinks it."""
    def move(match: re.Match[str]) -> str:
        top, bottom = int(match.group(3)), int(match.group(5))
        first = new_row(top) or top
        last = new_row(bottom)
        while last is None and bottom > top:
            bottom -= 1
            last = new_row(bottom)
        return (f"{match.group(1)}{match.group(2)}{first}:{match.group(4)}{last or first}"
                f"{match.group(6)}")
    return move


def _move_shape(shape: str, new_row: Callable[[int], int | None]) -> str:
    """A note box after rows moved; gone with its row."""
    found = _VML_ROW.search(shape)
    if found is None:
        return shape
    target = new_row(int(found.group(3)) + 1)
    if target is None:
        return ""
    return shape[:found.start()] + f"{found.group(1)}{target - 1}{found.group(4)}" + shape[found.end():]


def _map_names(parts: dict[str, bytes], sheet: str, new_row: Callable[[int], int | None]) -> None:
    """Shift the defined names that point into a sheet, as Excel does (``#REF!`` when gone)."""
    quoted = re.escape(sheet)
    pattern = re.compile(rf"((?:'{quoted}'|{quoted})!\$[A-Z]+\$)(\d+)(?=<)")

    def shift(match: re.Match[str]) -> str:
        target = new_row(int(match.group(2)))
        return "#REF!" if target is None else f"{match.group(1)}{target}"

    parts["xl/workbook.xml"] = pattern.sub(shift, parts["xl/workbook.xml"].decode()).encode()


def insert_row(path: Path, sheet: str, at: int) -> Path:
    """Insert an empty row above row ``at``."""
    def edit(parts: dict[str, bytes]) -> None:
        def new_row(r: int) -> int:
            return r + 1 if r >= at else r

        _map_rows(parts, sheet, new_row)
        _map_names(parts, sheet, new_row)
    return rewrite_parts(path, edit)


def delete_row(path: Path, sheet: str, row: int) -> Path:
    """Delete row ``row`` (its cells and notes go; references into it become #REF!)."""
    def edit(parts: dict[str, bytes]) -> None:
        def new_row(r: int) -> int | None:
            return None if r == row else (r - 1 if r > row else r)

        _map_rows(parts, sheet, new_row)
        _map_names(parts, sheet, new_row)
    return rewrite_parts(path, edit)


def sort_rows(path: Path, sheet: str, order: dict[int, int]) -> Path:
    """Sort: row ``old`` moves to ``order[old]``; names and formulas are not adjusted."""
    def edit(parts: dict[str, bytes]) -> None:
        _map_rows(parts, sheet, lambda r: order.get(r, r))
    return rewrite_parts(path, edit)


def rename_sheet(path: Path, old: str, new: str) -> Path:
    """Rename a sheet: its tab and every reference to it."""
    def quote(name: str) -> str:
        return name if re.fullmatch(r"[A-Za-z_]\w*", name) else f"'{name}'"

    def edit(parts: dict[str, bytes]) -> None:
        for name, data in list(parts.items()):
            if not name.endswith(".xml"):
                continue
            text = data.decode()
            text = text.replace(f'<sheet name="{old}"', f'<sheet name="{new}"')
            text = re.sub(rf"(?<![\w']){re.escape(quote(old))}!", f"{quote(new)}!", text)
            parts[name] = text.encode()
    return rewrite_parts(path, edit)


def add_user_note(path: Path, sheet: str, cell: str, text: str, style: int) -> Path:
    """Type a note and give a format to an (empty) cell, as a user does in Excel."""
    def edit(parts: dict[str, bytes]) -> None:
        part, notes = _parts_of(parts, sheet)
        row, column = split_cell(cell)
        xml = parts[part].decode()
        element = f'<c r="{cell}" s="{style}"/>'
        row_match = re.search(rf'<row\b[^>]*?\br="{row}"[^>]*?(/>|>)', xml)
        if row_match is None:  # an empty row Excel has not written yet
            after = next(m for m in _ROW_REF.finditer(xml) if int(m.group(2)) > row)
            at = xml.rindex("<row", 0, after.end())
            xml = xml[:at] + f'<row r="{row}">{element}</row>' + xml[at:]
        elif row_match.group(1) == "/>":
            xml = xml[:row_match.start()] + row_match.group(0)[:-2] + ">" + element + "</row>" \
                + xml[row_match.end():]
        else:
            xml = xml[:row_match.end()] + element + xml[row_match.end():]
        parts[part] = xml.encode()
        comments = next(n for n in notes if not n.endswith(".vml"))
        vml = next(n for n in notes if n.endswith(".vml"))
        parts[comments] = parts[comments].replace(
            b"</commentList>", f'<comment ref="{cell}" authorId="0"><text><t>{text}</t></text>'
                               f"</comment></commentList>".encode())
        shape = (f'<v:shape id="_x0000_s4000" type="#_x0000_t202" style="position:absolute;'
                 f'visibility:hidden"><x:ClientData ObjectType="Note"><x:Row>{row - 1}'
                 f"</x:Row><x:Column>{column - 1}</x:Column></x:ClientData></v:shape>")
        parts[vml] = parts[vml].replace(b"</xml>", shape.encode() + b"</xml>")
    return rewrite_parts(path, edit)
