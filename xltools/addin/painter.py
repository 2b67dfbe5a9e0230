"""The add-in painter: applies the marks protocol of ``xltools.core.marks`` to a live xlwings Book.

It paints what the protocol plans (fill, frame, note), remembers in the marks record what
each cell had, anchors every mark with a hidden defined name and writes the Issues sheet —
the same record, names and sheet the file painter writes, so either one clears what the
other marked.

Nothing is left half done: the record of every mark (what each cell had before) is written
and anchored *before* the first cell is painted, so when Excel fails halfway, Clear marks
still gives every painted cell its own look back; clearing a cell that was never painted
changes nothing. Cells are painted in batches (``batches``): one call per colour rather
than per cell.

Engines differ in what they can read and write (xlwings' JSON engine cannot read a fill, a
border or a note's text; the VBA client has no notes), so each capability is tried and
skipped when the engine says ``NotImplementedError``: where the painter cannot read what a
cell had, it does not paint what it could not restore (no frame, no note), with one
exception kept from the first add-in — a fill it cannot read counts as none.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from xltools.addin.batches import Brush
from xltools.addin.looks import (
    NOT_SUPPORTED,
    border_xml,
    colour_of,
    fill_colour,
    fill_xml,
    hex_colour,
    restore_border,
)
from xltools.core.issues import Issue
from xltools.core.marks import (
    FRAME_STYLE,
    ISSUES_NAME,
    ISSUES_SHEET,
    LEGEND_LOOKS,
    RECORD_FIELDS,
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

MAX_LIVE_ROWS = 50_000  # Excel's used range can reach row 1,048,576 through formatting alone
MAX_LIVE_COLUMNS = 200  # ... and column XFD; no plan is wider than this
_FORMULA_START = ("=", "+", "-", "@")


@dataclass(slots=True)
class Painted:
    """What marking a live workbook did; ``issues_sheet`` is None when nothing was written."""

    cells: int
    issues_sheet: str | None


@dataclass(slots=True)
class Cleared:
    """What clearing a live workbook did."""

    restored: int = 0
    missing: list[str] = field(default_factory=list)
    found: bool = False  # whether the workbook held marks of xltools at all


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
    last_column = min(used.column + used.columns.count - 1, MAX_LIVE_COLUMNS)
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


@contextlib.contextmanager
def _quietly(book: xw.Book) -> Iterator[None]:
    """Screen updating and "are you sure?" prompts off while xltools changes the book."""
    app = book.app
    alerts = None
    with contextlib.suppress(*NOT_SUPPORTED):
        alerts = app.display_alerts
        app.display_alerts = False
    with contextlib.suppress(*NOT_SUPPORTED):
        app.screen_updating = False  # hundreds of cells repaint at once, not one by one
    try:
        yield
    finally:
        with contextlib.suppress(*NOT_SUPPORTED):
            app.screen_updating = True
        if alerts is not None:
            with contextlib.suppress(*NOT_SUPPORTED):
                app.display_alerts = alerts


def add_sheet_last(book: xw.Book, name: str) -> xw.Sheet:
    """Add a sheet named ``name`` after the last one."""
    sheets = book.sheets
    return sheets.add(name=name, after=sheets[len(sheets) - 1])


def _add_names(book: xw.Book, names: Iterable[tuple[str, str]]) -> None:
    for name, target in names:
        added = book.names.add(name, f"={target}")
        with contextlib.suppress(*NOT_SUPPORTED, TypeError):
            added.api.Visible = False  # desktop Excel: hidden, like the file painter's names


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


class _Reader:
    """Reads what each cell has before it is marked, and plans the mark's note and frame."""

    def __init__(self, book: xw.Book) -> None:
        self.book = book
        self.frames = True  # until the engine cannot read a border

    def record(self, mark: CellMark, mark_id: int) -> tuple[MarkRecord, str]:
        """The mark's record entry, and the note text to write ('' for none)."""
        cell = self.book.sheets[mark.sheet].range(mark.cell)
        own_border = border_xml(cell) if self.frames else None
        if own_border is None:
            self.frames = False  # a border it cannot read could not be given back
        record = MarkRecord(id=mark_id, sheet=mark.sheet, cell=mark.cell,
                            fill=fill_xml(colour_of(cell)), border=own_border or "",
                            mark_fill=mark.look.fill,
                            mark_frame=mark.look.frame if own_border is not None else "")
        try:
            note = cell.note
            own = note.text if note is not None else None
        except NOT_SUPPORTED:
            return record, ""  # a note it cannot read could not be given back: left alone
        action, text = plan_note(mark.note, own)
        record.note_action = action
        if action is not NoteAction.UNTOUCHED:
            record.note, record.mark_note = own or "", mark.note
        return record, text


def _write_record(book: xw.Book, title: str, record: Record) -> xw.Sheet:
    sheet = add_sheet_last(book, title)
    sheet.range("A1").value = [[text_value(v) for v in row] for row in record.grid()]
    return sheet


# What painting may find the engine cannot do, and so write again: only these columns.
_PAINTED_FIELDS = ("mark_frame", "note_action", "note", "mark_note")


def _rewrite_painted(sheet: xw.Sheet, record: Record) -> None:
    """Write the record's marks again where painting changed them (frames, notes)."""
    rows = record.grid()
    first = len(rows) - len(record.marks)  # the marks are the record's last rows
    columns = [RECORD_FIELDS.index(name) for name in _PAINTED_FIELDS]
    left, right = min(columns), max(columns)
    block = [[text_value(v) for v in row[left:right + 1]] for row in rows[first:]]
    sheet.range((first + 1, left + 1)).value = block


def _paint(book: xw.Book, marks: list[MarkRecord], notes: dict[int, str]) -> list[MarkRecord]:
    """Paint the recorded marks; returns the records as painted (what the engine could do)."""
    brush = Brush(book)
    by_sheet: dict[str, list[MarkRecord]] = defaultdict(list)
    for mark in marks:
        by_sheet[mark.sheet].append(mark)
    done = {m.id: m for m in marks}
    frames_work = True
    for sheet_name, sheet_marks in by_sheet.items():
        sheet = book.sheets[sheet_name]
        brush.fill(sheet, {m.cell: hex_colour(m.mark_fill) for m in sheet_marks})
        frames: dict[str, list[MarkRecord]] = defaultdict(list)
        for mark in sheet_marks:
            if mark.mark_frame:
                frames[mark.mark_frame].append(mark)
        for colour, framed in frames.items():
            if frames_work:
                try:
                    brush.frame(sheet, [m.cell for m in framed], hex_colour(colour), FRAME_STYLE)
                    continue
                except NOT_SUPPORTED:
                    frames_work = False  # this engine draws no frames: none from here on
            for mark in framed:
                done[mark.id] = replace(done[mark.id], mark_frame="")
    notes_work = True
    for mark in marks:
        text = notes.get(mark.id, "")
        if not text:
            continue
        if notes_work:
            cell = book.sheets[mark.sheet].range(mark.cell)
            try:
                if mark.note_action is NoteAction.ADDED:
                    cell.add_note(text)  # notes differ cell by cell: no batch for them
                else:
                    cell.note.text = text
                continue
            except NOT_SUPPORTED:
                notes_work = False  # this engine/client has no notes: stop trying
        done[mark.id] = replace(done[mark.id], note_action=NoteAction.UNTOUCHED, note="",
                                mark_note="")
    return [done[m.id] for m in marks]


def paint(book: xw.Book, issues: Iterable[Issue], lang: str) -> Painted:
    """Mark issues in a live workbook: record and anchors first, then cells, then the Issues sheet.

    Call :func:`clear` first; marks are replaced, not stacked. Without issues nothing is
    written (no empty Issues sheet).

    Args:
        book: the workbook.
        issues: every issue of the check (cell-level ones are painted; all are listed).
        lang: the Issues sheet's language.

    Returns:
        How many cells were marked and the Issues sheet's title (None when none was written).
    """
    issues = list(issues)
    if not issues:
        return Painted(0, None)
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
    reader = _Reader(book)
    notes: dict[int, str] = {}
    for n, mark in enumerate(marks, start=1):
        entry, text = reader.record(mark, n)
        record.marks.append(entry)
        notes[n] = text
    issues_title = unique_title(ISSUES_SHEET[lang], taken)
    record_title = unique_title(RECORD_SHEET, [*taken, issues_title])
    with _quietly(book):
        # The record first: whatever fails from here on, Clear marks can undo it.
        record_sheet = _write_record(book, record_title, record)
        _add_names(book, [(RECORD_NAME, reference(record_title, "A1"))])
        record_sheet.visible = False
        _add_names(book, ((m.anchor, reference(m.sheet, m.cell)) for m in record.marks))
        planned = list(record.marks)
        try:
            record.marks = _paint(book, planned, notes)
        finally:
            if record.marks != planned:  # what the engine could not do is not to be undone
                _rewrite_painted(record_sheet, record)
        layout = issues_layout(issues, lang, plan_sheets, title=issues_title)
        issues_sheet = _write_issues(book, layout)
        _add_names(book, [(ISSUES_NAME, reference(layout.title, "A1"))])
        with contextlib.suppress(*NOT_SUPPORTED):
            issues_sheet.activate()  # the workbook shows the Issues sheet
    return Painted(len(record.marks), layout.title)


def _link(target: str, text: str) -> str:
    # A HYPERLINK formula goes in with the sheet's values: no call per link.
    def quoted(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    return f"=HYPERLINK({quoted('#' + target)},{quoted(text)})"


def _write_issues(book: xw.Book, layout: IssuesLayout) -> xw.Sheet:
    sheet = add_sheet_last(book, layout.title)
    rows = [[text_value(v) for v in row] for row in layout.grid()]
    for r, row in enumerate(layout.rows, start=layout.first_row):
        if row.link is not None:
            rows[r - 1][0] = _link(row.link, row.values[0])
    sheet.range("A1").value = rows
    header = sheet.range((layout.header_row, 1), (layout.header_row, len(layout.headers)))
    optional = [lambda: setattr(header.font, "bold", True),
                lambda: setattr(sheet.range("A1").font, "bold", True)]
    for letter, width in zip("ABCDE", layout.widths, strict=True):
        optional.append(lambda letter=letter, width=width:
                        setattr(sheet.range(f"{letter}:{letter}"), "column_width", width))
    brush = Brush(book)
    legend = {f"A{row}": LEGEND_LOOKS[severity]
              for row, (severity, _, _) in enumerate(layout.legend, start=2)}
    optional.append(lambda: brush.fill(sheet, {c: hex_colour(look.fill)
                                               for c, look in legend.items()}))
    for cell, look in legend.items():
        optional.append(lambda cell=cell, look=look: brush.frame(
            sheet, [cell], hex_colour(look.frame), FRAME_STYLE))
    for step in optional:
        try:
            step()
        except NOT_SUPPORTED:
            continue  # an engine without it still gets every message
    return sheet


# --- clearing ----------------------------------------------------------------------------------


def _record_sheet(book: xw.Book, names: dict[str, str]) -> tuple[xw.Sheet | None, Record | None]:
    sheet = _marked_sheet(book, names, RECORD_NAME)
    candidates = [sheet] if sheet is not None else [
        # a record written just before Excel failed, before its name was added
        s for s in book.sheets if s.name.casefold().startswith(RECORD_SHEET)]
    for candidate in candidates:
        record = Record.from_grid(grid(candidate))
        if record is not None:
            return candidate, record
    return None, None  # not our record: a user's sheet is left alone


def clear(book: xw.Book) -> Cleared:
    """Clear xltools' marks from a live workbook, whichever painter made them.

    Each mark is found through its anchor (a hidden name Excel keeps pointing at the cell);
    a cell that wears neither its mark's fill nor its own was changed since and is left alone.

    Args:
        book: the workbook.

    Returns:
        How many cells were restored and which marks could not be found.
    """
    result = Cleared()
    names = _names(book)
    record_sheet, record = _record_sheet(book, names)
    issues_sheet = _marked_sheet(book, names, ISSUES_NAME)
    result.found = record is not None or issues_sheet is not None
    if not result.found and not any(is_own_name(n) for n in names):
        return result
    with _quietly(book):
        restore: dict[str, list[tuple[xw.Range, str, MarkRecord]]] = defaultdict(list)
        for mark in record.marks if record else []:
            where = parse_reference(names[mark.anchor]) if mark.anchor in names \
                else (mark.sheet, mark.cell)
            sheet = _find_sheet(book, where[0]) if where else None
            if where is None or sheet is None or sheet in (record_sheet, issues_sheet):
                result.missing.append(f"{mark.sheet}!{mark.cell}")
                continue
            cell = sheet.range(where[1])
            current = colour_of(cell)
            own = fill_colour(mark.fill)
            if current is not None and current not in (hex_colour(mark.mark_fill), own):
                result.missing.append(f"{where[0]}!{where[1]}")  # changed since: left alone
                continue
            restore[sheet.name].append((cell, where[1], mark))
        _restore(book, restore)
        result.restored = sum(len(cells) for cells in restore.values())
        # the last sheet first, each looked up again by name: xlwings before 0.37.8 keeps a
        # sheet's position from when it was found, so deleting one sheet shifted the other
        doomed = [s.name for s in (record_sheet, issues_sheet) if s is not None]
        for name in sorted(doomed, key=lambda n: -book.sheets[n].index):
            book.sheets[name].delete()
        for name in list(book.names) if names else []:
            with contextlib.suppress(*NOT_SUPPORTED, KeyError):
                if is_own_name(name.name):
                    name.delete()
        if record and (record.active_sheet or record.active_tab.isdigit()):
            _activate_again(book, record)
    return result


def _restore(book: xw.Book, cells: dict[str, list[tuple[xw.Range, str, MarkRecord]]]) -> None:
    brush = Brush(book)
    for sheet_name, marks in cells.items():
        sheet = book.sheets[sheet_name]
        brush.fill(sheet, {address: fill_colour(mark.fill) for _, address, mark in marks})
        unframed = [address for _, address, mark in marks if mark.mark_frame and not mark.border]
        with contextlib.suppress(*NOT_SUPPORTED):
            if unframed:
                brush.unframe(sheet, unframed)
            for cell, _, mark in marks:
                if mark.mark_frame and mark.border:
                    restore_border(cell, mark.border)
        for cell, _, mark in marks:
            _restore_note(cell, mark)


def _activate_again(book: xw.Book, record: Record) -> None:
    sheet = _find_sheet(book, record.active_sheet)  # by name, else where its tab was
    if sheet is None and record.active_tab.isdigit() and int(record.active_tab) < len(book.sheets):
        sheet = book.sheets[int(record.active_tab)]
    if sheet is not None:
        with contextlib.suppress(*NOT_SUPPORTED):
            sheet.activate()


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
