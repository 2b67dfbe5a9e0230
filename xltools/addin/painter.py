"""The add-in painter: applies the marks protocol of ``xltools.core.marks`` to a live xlwings Book.

It paints what the protocol plans (fill, frame, note), remembers in the marks record what
each cell had, anchors every mark with a hidden defined name and writes the Issues sheet —
the same record, names and sheet the file painter writes, so either one clears what the
other marked. Engines differ in what they can read and write (xlwings' JSON engine cannot
read a fill, a border or a note's text; the VBA client has no notes), so each capability is
tried and skipped when the engine says ``NotImplementedError``: where the painter cannot
read what a cell had, it does not paint what it could not restore (no frame, no note), with
one exception kept from the first add-in — a fill it cannot read counts as none.
"""

from __future__ import annotations

import contextlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from xltools.core.issues import Issue
from xltools.core.marks import (
    FRAME_STYLE,
    ISSUES_NAME,
    ISSUES_SHEET,
    LEGEND_LOOKS,
    RECORD_NAME,
    RECORD_SHEET,
    CellMark,
    IssuesLayout,
    MarkRecord,
    NoteAction,
    Record,
    is_own_name,
    issues_layout,
    own_part,
    parse_reference,
    plan_marks,
    plan_note,
    reference,
    unique_title,
)

if TYPE_CHECKING:
    import xlwings as xw

NOT_SUPPORTED = (NotImplementedError, AttributeError)
MAX_LIVE_ROWS = 50_000  # Excel's used range can reach row 1,048,576 through formatting alone
_FORMULA_START = ("=", "+", "-", "@")
_SIDES = {"edge_left": "left", "edge_right": "right", "edge_top": "top", "edge_bottom": "bottom"}
# (xlwings line style, weight) <-> OOXML border style
_STYLES = {
    ("continuous", "hairline"): "hair", ("continuous", "thin"): "thin",
    ("continuous", "medium"): "medium", ("continuous", "thick"): "thick",
    ("dash", "thin"): "dashed", ("dash", "medium"): "mediumDashed", ("dot", "thin"): "dotted",
    ("dash_dot", "thin"): "dashDot", ("dash_dot", "medium"): "mediumDashDot",
    ("dash_dot_dot", "thin"): "dashDotDot", ("dash_dot_dot", "medium"): "mediumDashDotDot",
    ("double", "thick"): "double", ("slant_dash_dot", "medium"): "slantDashDot",
}
_LINES = {style: line for line, style in _STYLES.items()}
_RGB = re.compile(r'fgColor[^>]*\brgb="([0-9A-Fa-f]{6,8})"')
_SIDE_XML = re.compile(r'<(left|right|top|bottom)\b[^>]*\bstyle="(\w+)"[^>]*>(.*?)</\1>', re.S)
_COLOUR = re.compile(r'\brgb="([0-9A-Fa-f]{6,8})"')


@dataclass(slots=True)
class Painted:
    """What marking a live workbook did."""

    cells: int
    issues_sheet: str


@dataclass(slots=True)
class Cleared:
    """What clearing a live workbook did."""

    restored: int = 0
    missing: list[str] = field(default_factory=list)


# --- cell looks as the record keeps them ------------------------------------------------------


def fill_xml(colour: str | None) -> str:
    """A solid fill as the marks record stores it (``<fill>`` as in styles.xml), '' for none.

    Args:
        colour: ``RRGGBB`` / ``#RRGGBB``, or None for no fill.

    Returns:
        The XML the file painter also reads and writes.
    """
    if not colour:
        return ""
    rgb = colour.lstrip("#").upper()[-6:]
    return (f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/>'
            f'<bgColor rgb="FF{rgb}"/></patternFill></fill>')


def fill_colour(xml: object) -> str | None:
    """The ``#rrggbb`` of a recorded fill, None for none.

    Args:
        xml: the record's fill field.

    Returns:
        The colour to restore, or None (no fill; a theme colour cannot be set through xlwings).
    """
    if not isinstance(xml, str) or not xml.strip():
        return None
    if xml.startswith("#"):
        return xml.lower()
    found = _RGB.search(xml)
    return "#" + found.group(1)[-6:].lower() if found else None


def border_xml(cell: xw.Range) -> str | None:
    """The cell's own four edges as a ``<border>`` element ('' for none); None when unreadable.

    Args:
        cell: one cell.

    Returns:
        The XML the record keeps, or None when the engine cannot say (then no frame is painted).
    """
    sides = []
    try:
        for side, name in _SIDES.items():
            border = cell.borders[side]
            line = border.line_style
            if line in (None, "none"):
                continue
            style = _STYLES.get((line, border.weight or "thin"), "thin")
            rgb = border.color
            colour = f'<color rgb="FF{"{:02X}{:02X}{:02X}".format(*rgb)}"/>' if rgb else ""
            sides.append(f'<{name} style="{style}">{colour}</{name}>')
    except (*NOT_SUPPORTED, TypeError, KeyError):
        return None
    return f"<border>{''.join(sides)}</border>" if sides else ""


def restore_border(cell: xw.Range, xml: str) -> None:
    """Give a cell back the four edges of a recorded ``<border>`` ('' for none)."""
    found = {m.group(1): (m.group(2), _COLOUR.search(m.group(3))) for m in _SIDE_XML.finditer(xml)}
    for side, name in _SIDES.items():
        if name not in found:
            cell.borders[side].line_style = None
            continue
        style, colour = found[name]
        line, weight = _LINES.get(style, ("continuous", "thin"))
        cell.borders.set(side, line_style=line, weight=weight,
                         color="#" + colour.group(1)[-6:] if colour else "#000000")


def _colour_of(cell: xw.Range) -> str | None:
    """The cell's own fill; None when it has none or the engine cannot say."""
    try:
        colour = cell.color
    except NOT_SUPPORTED:
        return None  # the JSON engine: a plan's data cells carry no fill of their own
    if colour is None:
        return None
    if isinstance(colour, tuple):
        return "#{:02x}{:02x}{:02x}".format(*colour)
    return str(colour).lower()


def _hex(colour: str) -> str:
    return "#" + colour[-6:].lower()


def text_value(value: object) -> object:
    """A value to write: text that Excel would take for a formula stays text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# --- reading the live workbook ---------------------------------------------------------------


def grid(sheet: xw.Sheet) -> list[list[object]]:
    """The sheet's values from A1 to the end of its used range, so row numbers stay real."""
    used = sheet.used_range
    last_row = min(used.row + used.rows.count - 1, MAX_LIVE_ROWS)
    last_column = used.column + used.columns.count - 1
    values = sheet.range((1, 1), (last_row, last_column)).options(ndim=2).value
    return [list(row) for row in values or []]


def _names(book: xw.Book) -> dict[str, str]:
    found: dict[str, str] = {}
    try:
        for name in book.names:
            with contextlib.suppress(*NOT_SUPPORTED, KeyError, ValueError):
                found[name.name] = name.refers_to or ""
    except NOT_SUPPORTED:
        pass
    return found


def _find_sheet(book: xw.Book, name: str) -> xw.Sheet | None:
    for sheet in book.sheets:
        if sheet.name == name:
            return sheet
    return None


def _marked_sheet(book: xw.Book, names: dict[str, str], marker: str) -> xw.Sheet | None:
    found = parse_reference(names.get(marker, ""))
    return _find_sheet(book, found[0]) if found else None


def own_sheets(book: xw.Book) -> set[str]:
    """xltools' own sheets (Issues, marks record), found by their hidden names, never by title."""
    names = _names(book)
    found = (_marked_sheet(book, names, marker) for marker in (ISSUES_NAME, RECORD_NAME))
    return {sheet.name for sheet in found if sheet is not None}


def _alerts_off(book: xw.Book) -> bool | None:
    try:
        alerts = book.app.display_alerts
        book.app.display_alerts = False  # desktop Excel asks "are you sure?" otherwise
    except NOT_SUPPORTED:
        return None
    return alerts


def _delete_sheet(book: xw.Book, sheet: xw.Sheet) -> None:
    alerts = _alerts_off(book)
    try:
        sheet.delete()
    finally:
        if alerts is not None:
            book.app.display_alerts = alerts


def _add_sheet(book: xw.Book, name: str) -> xw.Sheet:
    sheets = book.sheets
    return sheets.add(name=name, after=sheets[len(sheets) - 1])


# --- marking -----------------------------------------------------------------------------------


def _merged(book: xw.Book, issues: list[Issue]) -> dict[str, list[str]]:
    """Merged areas around the issues' cells, as far as the engine can tell."""
    areas: dict[str, list[str]] = defaultdict(list)
    for issue in issues:
        if not issue.cell:
            continue
        try:
            cell = book.sheets[issue.sheet].range(issue.cell)
            if cell.merge_cells:
                areas[issue.sheet].append(cell.merge_area.address.replace("$", ""))
        except (*NOT_SUPPORTED, KeyError, ValueError):
            continue
    return areas


class _Marker:
    """Paints marks cell by cell and keeps the record of what each cell had."""

    def __init__(self, book: xw.Book) -> None:
        self.book = book
        self.notes_supported = True
        self.frames_supported = True

    def paint(self, mark: CellMark, mark_id: int) -> MarkRecord:
        cell = self.book.sheets[mark.sheet].range(mark.cell)
        own_fill = _colour_of(cell)
        own_border = border_xml(cell) if self.frames_supported else None
        record = MarkRecord(id=mark_id, sheet=mark.sheet, cell=mark.cell,
                            fill=fill_xml(own_fill), border=own_border or "",
                            mark_fill=mark.look.fill)
        self._note(cell, mark, record)
        cell.color = _hex(mark.look.fill)
        if own_border is None:
            self.frames_supported = False  # unreadable borders could not be given back
        else:
            try:
                cell.borders.set("outside", line_style="continuous",
                                 weight=FRAME_STYLE, color=_hex(mark.look.frame))
                record.mark_frame = mark.look.frame
            except NOT_SUPPORTED:
                self.frames_supported = False
        return record

    def _note(self, cell: xw.Range, mark: CellMark, record: MarkRecord) -> None:
        if not self.notes_supported:
            return
        try:
            note = cell.note
            own = note.text if note is not None else None
        except NOT_SUPPORTED:
            return  # a note it cannot read could not be given back: left alone
        action, text = plan_note(mark.note, own)
        try:
            if action is NoteAction.ADDED:
                cell.add_note(text)
            elif action is NoteAction.MERGED:
                note.text = text
        except NOT_SUPPORTED:
            self.notes_supported = False  # this engine/client has no notes: stop trying
            return
        record.note_action = action
        record.note = own or ""
        record.mark_note = mark.note if action is not NoteAction.UNTOUCHED else ""


def paint(book: xw.Book, issues: Iterable[Issue], lang: str) -> Painted:
    """Mark issues in a live workbook: cells, notes, anchors, the record and the Issues sheet.

    Call :func:`clear` first; marks are replaced, not stacked.

    Args:
        book: the workbook.
        issues: every issue of the check (cell-level ones are painted; all are listed).
        lang: the Issues sheet's language.

    Returns:
        How many cells were marked and the Issues sheet's title.
    """
    issues = list(issues)
    taken = [s.name for s in book.sheets]
    own = own_sheets(book)
    plan_sheets = {name for name in taken if name not in own}
    marks = plan_marks(issues, plan_sheets, _merged(book, issues))
    try:
        active = book.sheets.active
        record = Record(active_sheet=active.name, active_tab=str(active.index - 1),
                        selected_tabs=(active.index - 1,))
    except NOT_SUPPORTED:
        record = Record()
    marker = _Marker(book)
    app = book.app
    with contextlib.suppress(*NOT_SUPPORTED):
        app.screen_updating = False  # hundreds of cells repaint at once, not one by one
    try:
        record.marks = [marker.paint(mark, n) for n, mark in enumerate(marks, start=1)]
        layout = issues_layout(issues, lang, plan_sheets,
                               title=unique_title(ISSUES_SHEET[lang], taken))
        issues_sheet = _write_issues(book, layout)
        record_title = unique_title(RECORD_SHEET, [*taken, layout.title])
        record_sheet = _add_sheet(book, record_title)
        record_sheet.range("A1").value = [[text_value(v) for v in row] for row in record.grid()]
        record_sheet.visible = False
        _add_names(book, [*((m.anchor, reference(m.sheet, m.cell)) for m in record.marks),
                          (ISSUES_NAME, reference(layout.title, "A1")),
                          (RECORD_NAME, reference(record_title, "A1"))])
        with contextlib.suppress(*NOT_SUPPORTED):
            issues_sheet.activate()  # the workbook shows the Issues sheet
    finally:
        with contextlib.suppress(*NOT_SUPPORTED):
            app.screen_updating = True
    return Painted(len(record.marks), layout.title)


def _add_names(book: xw.Book, names: list[tuple[str, str]]) -> None:
    for name, target in names:
        added = book.names.add(name, f"={target}")
        with contextlib.suppress(*NOT_SUPPORTED, TypeError):
            added.api.Visible = False  # desktop Excel: hidden, like the file painter's names


def _write_issues(book: xw.Book, layout: IssuesLayout) -> xw.Sheet:
    sheet = _add_sheet(book, layout.title)
    sheet.range("A1").value = [[text_value(v) for v in row] for row in layout.grid()]
    optional = [
        lambda: setattr(sheet.range((layout.header_row, 1),
                                    (layout.header_row, len(layout.headers))).font, "bold", True),
        lambda: setattr(sheet.range("A1").font, "bold", True),
    ]
    for letter, width in zip("ABCDE", layout.widths, strict=True):
        optional.append(lambda letter=letter, width=width:
                        setattr(sheet.range(f"{letter}:{letter}"), "column_width", width))
    for row, (severity, _, _) in enumerate(layout.legend, start=2):
        look = LEGEND_LOOKS[severity]
        optional.append(lambda row=row, look=look: setattr(sheet.range(f"A{row}"), "color",
                                                           _hex(look.fill)))
        optional.append(lambda row=row, look=look: sheet.range(f"A{row}").borders.set(
            "outside", line_style="continuous", weight=FRAME_STYLE, color=_hex(look.frame)))
    for step in optional:
        try:
            step()
        except NOT_SUPPORTED:
            continue  # an engine without it still gets every message
    for r, row in enumerate(layout.rows, start=layout.first_row):
        if row.link is None:
            continue
        try:
            sheet.range(f"A{r}").add_hyperlink(f"#{row.link}", row.values[0])
        except NOT_SUPPORTED:
            break
    return sheet


# --- clearing ----------------------------------------------------------------------------------


def clear(book: xw.Book) -> Cleared:
    """Clear xltools' marks from a live workbook, whichever painter made them.

    Each mark is found through its anchor (a hidden name Excel keeps pointing at the cell);
    a cell that no longer wears its mark's fill was changed since and is left alone.

    Args:
        book: the workbook.

    Returns:
        How many cells were restored and which marks could not be found.
    """
    result = Cleared()
    names = _names(book)
    record_sheet = _marked_sheet(book, names, RECORD_NAME)
    issues_sheet = _marked_sheet(book, names, ISSUES_NAME)
    record = Record.from_grid(grid(record_sheet)) if record_sheet is not None else None
    if record is None:
        record_sheet = None  # not our record: a user's sheet is left alone
    for mark in record.marks if record else []:
        where = parse_reference(names[mark.anchor]) if mark.anchor in names \
            else (mark.sheet, mark.cell)
        sheet = _find_sheet(book, where[0]) if where else None
        if where is None or sheet is None or sheet in (record_sheet, issues_sheet):
            result.missing.append(f"{mark.sheet}!{mark.cell}")
            continue
        cell = sheet.range(where[1])
        current = _colour_of(cell)
        if current is not None and current != _hex(mark.mark_fill):
            result.missing.append(f"{where[0]}!{where[1]}")  # changed since: left alone
            continue
        cell.color = fill_colour(mark.fill)
        if mark.mark_frame:
            with contextlib.suppress(*NOT_SUPPORTED):
                restore_border(cell, mark.border)
        _restore_note(cell, mark)
        result.restored += 1
    for sheet in (record_sheet, issues_sheet):
        if sheet is not None:
            _delete_sheet(book, sheet)
    for name in list(book.names) if names else []:
        with contextlib.suppress(*NOT_SUPPORTED, KeyError):
            if is_own_name(name.name):
                name.delete()
    if record and (record.active_sheet or record.active_tab.isdigit()):
        sheet = _find_sheet(book, record.active_sheet)  # by name, else where its tab was
        if sheet is None and record.active_tab.isdigit() and int(record.active_tab) < len(book.sheets):
            sheet = book.sheets[int(record.active_tab)]
        if sheet is not None:
            with contextlib.suppress(*NOT_SUPPORTED):
                sheet.activate()
    return result


def _restore_note(cell: xw.Range, mark: MarkRecord) -> None:
    if mark.note_action is NoteAction.UNTOUCHED:
        return
    try:
        note = cell.note
        if note is None:
            return
        try:
            current: str | None = note.text
        except NOT_SUPPORTED:
            current = None  # cannot read it: the record says what it is
        if mark.note_action is NoteAction.ADDED:
            if current is None or current == mark.mark_note:
                note.delete()
        elif current is None or own_part(current, mark.mark_note) is not None:
            note.text = mark.note if current is None else own_part(current, mark.mark_note)
    except NOT_SUPPORTED:
        return
