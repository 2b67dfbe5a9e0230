"""The marks protocol, declared once: how issues mark cells, the Issues sheet and the marks record.

Two painters apply it and decide nothing of their own: the file painter (``io/annotate.py``
over ``io/package.py``, which edits a workbook file part by part) and the add-in painter
(``addin/painter.py``, over a live xlwings ``Book``). A workbook marked by one is cleared by
the other, so every field below has one meaning for both.

A mark is a fill by issue code, a frame by severity (a border no row colour of the template
uses, so it stays visible where the plan's own conditional colours paint the whole row) and a
note with the messages. Each mark is anchored by a hidden defined name (``_xltools_mark_<id>``)
that Excel keeps pointing at the cell when rows or columns are inserted and sheets renamed.
xltools' own sheets are found through hidden defined names too, never by their titles.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum

from xltools.core import styles
from xltools.core.issues import Code, Issue, Severity, sheet_reference
from xltools.core.plandata import column_letter
from xltools.core.schema import ISSUES_TITLES
from xltools.core.texts.marks import (
    ISSUES_HEADERS,
    LEGEND_MEANING,
    LEGEND_NOTE,
    LEGEND_TITLE,
    SEVERITY_LABELS,
)

# --- what a mark looks like ----------------------------------------------------------------

# Cell fills (RGB hex) by severity; overdue/due-soon keep the colours of the template's rows.
SEVERITY_FILL: dict[Severity, str] = {
    Severity.ERROR: "FF7C80",
    Severity.WARNING: "FFD966",
    Severity.INFO: "BDD7EE",
}
CODE_FILL: dict[Code, str] = {
    Code.OVERDUE: styles.OVERDUE_FILL,  # the template's own live colours
    Code.FOLLOW_UP_OVERDUE: styles.OVERDUE_FILL,
    Code.DUE_SOON: styles.DUE_SOON_FILL,
}
# The frame: dark colours in a medium line. The template's conditional formats (overdue red,
# due-soon amber, done grey) set fills and fonts only, and Excel and LibreOffice draw a cell's
# own border over a conditional fill, so the frame shows where the fill is painted over.
SEVERITY_FRAME: dict[Severity, str] = {
    Severity.ERROR: "C00000",
    Severity.WARNING: "7F3F00",
    Severity.INFO: "1F4E79",
}
FRAME_STYLE = "medium"  # the OOXML border style of every side of the frame
MARK_AUTHOR = "xltools"  # the author of notes xltools writes

SEVERITY_RANK: dict[Severity, int] = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Look:
    """How a marked cell looks: a solid fill and a frame, both ``RRGGBB``."""

    fill: str
    frame: str


def look_for(code: Code, severity: Severity) -> Look:
    """The look of a cell whose worst issue has this code and severity.

    Args:
        code: the issue code (overdue and due-soon have fills of their own).
        severity: the issue's severity (decides the frame).

    Returns:
        The fill and frame colours.
    """
    return Look(CODE_FILL.get(code, SEVERITY_FILL[severity]), SEVERITY_FRAME[severity])


# --- text that is legal in a workbook ------------------------------------------------------

TEXT_LIMIT = 32_767  # Excel's limit for a cell's text and for a note
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char < " ":
        return chr(0x2400 + ord(char))  # U+2401 "SYMBOL FOR START OF HEADING" for \x01, ...
    return "\ufffd"


def legal_text(text: str, limit: int = TEXT_LIMIT) -> str:
    """Text a workbook may hold: control characters shown as their visible symbols, within limit.

    XML 1.0 (and so every .xlsx) cannot hold most control characters; a character pasted
    from Word (``Done\\x01``) becomes ``Done␁``, visible and harmless. Carriage returns become
    line breaks. Text longer than ``limit`` is cut with an ellipsis.

    Args:
        text: any text.
        limit: the longest text allowed.

    Returns:
        The legal text.
    """
    text = _ILLEGAL.sub(_visible, text.replace("\r\n", "\n").replace("\r", "\n"))
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- cell addresses ------------------------------------------------------------------------

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


def split_cell(cell: str) -> tuple[int, int]:
    """Row and column (both 1-based) of an address such as ``G4`` or ``$G$4``.

    Raises:
        ValueError: not a cell address.
    """
    found = _CELL.match(cell.strip())
    if not found:
        raise ValueError(f"not a cell address: {cell!r}")
    return int(found.group(2)), column_number(found.group(1))


def column_number(letters: str) -> int:
    """The 1-based number of a column's letters: ``A`` -> 1, ``AA`` -> 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def cell_name(row: int, column: int) -> str:
    """The address of a 1-based row and column, e.g. ``(4, 7)`` -> ``G4``."""
    return f"{column_letter(column - 1)}{row}"


def _top_left(cell: str, merged: Iterable[str]) -> str:
    row, column = split_cell(cell)
    for area in merged:
        first, _, last = area.partition(":")
        top, left = split_cell(first)
        bottom, right = split_cell(last or first)
        if top <= row <= bottom and left <= column <= right:
            return cell_name(top, left)  # a merged area shows (and keeps) its first cell only
    return cell


# --- the per-cell plan ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CellMark:
    """What one marked cell gets: the look of its worst issue and a note with every message."""

    sheet: str
    cell: str
    code: Code
    severity: Severity
    look: Look
    note: str


def plan_marks(issues: Iterable[Issue], sheets: Collection[str],
               merged: Mapping[str, Sequence[str]] | None = None) -> list[CellMark]:
    """Group cell issues into one mark per cell, worst severity first.

    Args:
        issues: the issues to mark; sheet- and row-level ones get no cell mark.
        sheets: the sheets that can be marked (others are only listed on the Issues sheet).
        merged: merged areas per sheet (``G2:G4``); an issue inside one marks its first cell.

    Returns:
        The marks, in the order their cells were first named by an issue.
    """
    merged = merged or {}
    by_cell: dict[tuple[str, str], list[Issue]] = defaultdict(list)
    for issue in issues:
        if issue.cell and issue.sheet in sheets:
            cell = _top_left(issue.cell, merged.get(issue.sheet, ()))
            by_cell[(issue.sheet, cell)].append(issue)
    marks = []
    for (sheet, cell), cell_issues in by_cell.items():
        worst = min(cell_issues, key=lambda i: SEVERITY_RANK[i.severity])
        lines = dict.fromkeys(f"[{i.code.value}] {i.message}" for i in cell_issues)
        marks.append(CellMark(sheet, cell, worst.code, worst.severity,
                              look_for(worst.code, worst.severity),
                              legal_text("\n".join(lines), NOTE_ROOM)))
    return marks


# --- notes ---------------------------------------------------------------------------------

NOTE_SEPARATOR = "\n—\n"  # between xltools' messages and the cell's own note
NOTE_ROOM = 8_000  # the most xltools writes into one note, so a user's own note still fits


class NoteAction(StrEnum):
    """What a painter did to a marked cell's note; clearing undoes exactly that."""

    ADDED = "added"  # the cell had no note; xltools' note is deleted again
    MERGED = "merged"  # xltools' messages were put before the cell's own note
    UNTOUCHED = "untouched"  # the note was left alone (a comment thread, no room, no notes)


def plan_note(mark_note: str, own_note: str | None, *, editable: bool = True) -> tuple[NoteAction, str]:
    """Decide what happens to a cell's note and what text it gets.

    Args:
        mark_note: xltools' messages for the cell (``CellMark.note``).
        own_note: the text of the note the cell has, None when it has none.
        editable: False when the painter must not change the note (an Excel 365 comment
            thread, whose note only mirrors the thread; an engine without notes).

    Returns:
        The action and the note text to write ('' when untouched).
    """
    if not editable:
        return NoteAction.UNTOUCHED, ""
    if own_note is None:
        return NoteAction.ADDED, mark_note
    merged = mark_note + NOTE_SEPARATOR + own_note
    if len(merged) > TEXT_LIMIT:
        return NoteAction.UNTOUCHED, ""  # cutting the user's own note would lose it
    return NoteAction.MERGED, merged


def own_part(current: str, mark_note: str) -> str | None:
    """The cell's own note inside a merged note, or None when ``current`` is not one of ours.

    Args:
        current: the note's text now.
        mark_note: the messages xltools put before the own note.

    Returns:
        The own note's text.
    """
    head = mark_note + NOTE_SEPARATOR
    return current[len(head):] if current.startswith(head) else None


# --- anchors and markers: hidden defined names ---------------------------------------------

ANCHOR_PREFIX = "_xltools_mark_"
ISSUES_NAME = "_xltools_issues"  # points at xltools' Issues sheet
RECORD_NAME = "_xltools_record"  # points at the marks record
OWN_NAMES = (ISSUES_NAME, RECORD_NAME)
_REFERENCE = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?[0-9]{1,7})$")


def anchor_name(mark_id: int) -> str:
    """The hidden defined name that anchors mark ``mark_id``."""
    return f"{ANCHOR_PREFIX}{mark_id}"


def anchor_id(name: str) -> int | None:
    """The mark id of an anchor name, None for any other name."""
    if name.startswith(ANCHOR_PREFIX) and name[len(ANCHOR_PREFIX):].isdigit():
        return int(name[len(ANCHOR_PREFIX):])
    return None


def is_own_name(name: str) -> bool:
    """True for the defined names xltools writes (anchors and sheet markers)."""
    return name in OWN_NAMES or anchor_id(name) is not None


def reference(sheet: str, cell: str) -> str:
    """An absolute reference as a defined name holds it, e.g. ``'Action plan'!$G$4``."""
    row, column = split_cell(cell)
    return f"{sheet_reference(sheet)}!${column_letter(column - 1)}${row}"


def parse_reference(text: str) -> tuple[str, str] | None:
    """Sheet and cell of a one-cell reference (``'Action plan'!$G$4``); None for ``#REF!``.

    Args:
        text: a defined name's reference, with or without a leading ``=``.

    Returns:
        The sheet name and the cell (``G4``), or None when it is not a one-cell reference.
    """
    found = _REFERENCE.match(text.strip())
    if not found:
        return None
    sheet = found.group(1).replace("''", "'") if found.group(1) is not None else found.group(2)
    if "#REF" in sheet.upper():
        return None
    return sheet, found.group(3).replace("$", "").upper()


# --- the marks record ----------------------------------------------------------------------

RECORD_SHEET = "xltools_marks"  # its preferred title; it is found by RECORD_NAME
RECORD_MARKER = "xltools marks record"  # its A1, a second check that the sheet is ours
RECORD_VERSION = "2"


@dataclass(slots=True)
class MarkRecord:
    """One marked cell as the record remembers it; each field has one meaning for both painters.

    Painters leave a field '' when they cannot know it (the add-in sees no cell formats).
    """

    id: int  # the mark's number; its anchor is the defined name anchor_name(id)
    sheet: str  # the sheet's name when marked (the anchor follows renames; this does not)
    cell: str  # the cell's address when marked (the anchor follows moves; this does not)
    fill: str = ""  # the cell's own fill before marking: a <fill> element; '' for none
    border: str = ""  # the cell's own border before marking: a <border> element; '' for none
    style: str = ""  # the index of the format (xf) the cell showed before marking
    cell_form: str = ""  # how the file held the cell: 'styled' (with its own s attribute),
    #                      'plain' (no s attribute), 'absent' (no <c> element at all)
    mark_fill: str = ""  # the fill the mark painted, RRGGBB
    mark_frame: str = ""  # the frame the mark painted, RRGGBB; '' when no frame was painted
    mark_style: str = ""  # the format index the mark gave the cell ('' for painters without)
    note_action: NoteAction = NoteAction.UNTOUCHED  # what was done to the note
    note: str = ""  # the text of the cell's own note before marking; '' for none (or untouched)
    note_visible: str = ""  # 'yes' when the own note was set to always show, 'no', '' unknown
    note_xml: str = ""  # the own note as the file held it (a <comment> element); '' unknown
    mark_note: str = ""  # the text xltools wrote into the note ('' when untouched)

    @property
    def anchor(self) -> str:
        """The defined name anchoring this mark."""
        return anchor_name(self.id)


RECORD_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(MarkRecord))


@dataclass(slots=True)
class Record:
    """The marks record: workbook-wide settings and one MarkRecord per marked cell."""

    marks: list[MarkRecord] = field(default_factory=list)
    active_sheet: str = ""  # the name of the sheet that was active before marking
    active_tab: str = ""  # its tab position (0-based) as the file held it; '' when unwritten
    selected_tabs: tuple[int, ...] = ()  # tab positions of the sheets whose tabs were selected
    styles_before: str = ""  # the styles part's list sizes before marking, 'cellXfs=8 fonts=3 ...'
    styles_after: str = ""  # the same right after marking (clearing trims back only if unchanged)
    types_added: str = ""  # file extensions whose content type marking declared, e.g. 'vml'

    _SETTINGS = ("active_sheet", "active_tab", "selected_tabs", "styles_before",
                 "styles_after", "types_added")

    def grid(self) -> list[list[str]]:
        """The record as the rows of its sheet: marker, settings, field names, one row per mark.

        Returns:
            Rows of text (every value is written as text), all as wide as the field names.
        """
        rows: list[list[str]] = [[RECORD_MARKER, RECORD_VERSION]]
        for key in self._SETTINGS:
            value = getattr(self, key)
            rows.append([key, " ".join(map(str, value)) if isinstance(value, tuple) else value])
        rows.append(list(RECORD_FIELDS))
        for mark in self.marks:
            rows.append([_cell_text(getattr(mark, name)) for name in RECORD_FIELDS])
        width = len(RECORD_FIELDS)
        return [row + [""] * (width - len(row)) for row in rows]

    @classmethod
    def from_grid(cls, grid: Iterable[Sequence[object]]) -> Record | None:
        """Read a record from its sheet's values; None when the sheet is not a marks record.

        Args:
            grid: the sheet's rows from A1, read one at a time (a live engine hands back
                numbers as floats).

        Returns:
            The record.
        """
        rows = iter(grid)
        first = next(rows, None)
        if not first or _cell_text(first[0]) != RECORD_MARKER:
            return None
        record = cls()
        names: list[str] | None = None
        for raw in rows:
            row = [_cell_text(v) for v in raw]
            if names is None:  # the settings, up to the row of field names
                if row and row[0] == RECORD_FIELDS[0]:
                    names = row
                    continue
                key, value = ([*row, "", ""])[:2]
                if key == "selected_tabs":
                    record.selected_tabs = tuple(int(v) for v in value.split() if v.isdigit())
                elif key in cls._SETTINGS:
                    setattr(record, key, value)
                continue
            values = dict(zip(names, row, strict=False))
            if not values.get("id", "").isdigit():
                continue
            mark = MarkRecord(id=int(values["id"]), sheet=values.get("sheet", ""),
                              cell=values.get("cell", ""))
            for name in RECORD_FIELDS[3:]:
                text = values.get(name, "")
                if name == "note_action":
                    mark.note_action = NoteAction(text) if text in NoteAction._value2member_map_ \
                        else NoteAction.UNTOUCHED
                else:
                    setattr(mark, name, text)
            record.marks.append(mark)
        return record


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a live engine hands back numbers it was given as text
    return str(value)


# --- the Issues sheet (its words: core/texts/marks.py) -----------------------------------------

ISSUES_SHEET = ISSUES_TITLES
ISSUES_WIDTHS: tuple[int, ...] = (18, 11, 18, 90, 30)
LEGEND_LOOKS: dict[Severity, Look] = {s: look_for(Code.REQUIRED, s) for s in Severity}


@dataclass(frozen=True, slots=True)
class IssueRow:
    """One issue as a row of the Issues sheet; ``link`` is where its address cell points."""

    values: tuple[str, str, str, str, str]
    link: str | None  # e.g. "'Action plan'!G4" (painters add the '#' their API wants)


@dataclass(frozen=True, slots=True)
class IssuesLayout:
    """The Issues sheet: a legend of the marks' looks on top, then the table of issues."""

    title: str
    legend_title: str
    legend: tuple[tuple[Severity, str, str], ...]  # severity, its label, what it means
    legend_note: str
    header_row: int  # 1-based row of the table's header
    headers: tuple[str, ...]
    rows: tuple[IssueRow, ...]
    widths: tuple[int, ...]

    @property
    def first_row(self) -> int:
        """The 1-based row of the first issue."""
        return self.header_row + 1

    def grid(self) -> list[list[str]]:
        """Every cell's text from A1, rows padded to the table's width (links aside)."""
        width = len(self.headers)
        rows: list[list[str]] = [[self.legend_title] + [""] * (width - 1)]
        for _, label, meaning in self.legend:
            rows.append([label, meaning] + [""] * (width - 2))
        rows.append([self.legend_note] + [""] * (width - 1))
        while len(rows) < self.header_row - 1:
            rows.append([""] * width)
        rows.append(list(self.headers))
        rows.extend(list(row.values) for row in self.rows)
        return rows


def issues_layout(issues: Iterable[Issue], lang: str, sheets: Collection[str],
                  title: str | None = None) -> IssuesLayout:
    """Lay out the Issues sheet: errors first, then by sheet and row; links to marked cells.

    Args:
        issues: every issue of the check (sheet-level ones too).
        lang: the sheet's language.
        sheets: the workbook's sheets (a link is made only to a sheet that exists).
        title: the sheet's title when the language's own is taken (see ``unique_title``).

    Returns:
        The layout both painters write.
    """
    issues = list(issues)
    sheet_order: dict[str, int] = {}  # sheets in workbook order (as the rules report them)
    for issue in issues:
        sheet_order.setdefault(issue.sheet, len(sheet_order))
    order = sorted(issues, key=lambda i: (SEVERITY_RANK[i.severity], sheet_order[i.sheet],
                                          i.row or 0, len(i.column or ""), i.column or ""))
    rows = []
    for issue in order:
        link = None
        if issue.sheet in sheets:
            target = issue.cell or (f"A{issue.row}" if issue.row else "A1")
            link = f"{sheet_reference(issue.sheet)}!{target}"
        values = (issue.address, SEVERITY_LABELS[issue.severity][lang], issue.code.value,
                  issue.message, issue.value or "")
        rows.append(IssueRow(tuple(legal_text(v) for v in values), link))  # type: ignore[arg-type]
    legend = tuple((s, SEVERITY_LABELS[s][lang], LEGEND_MEANING[s][lang]) for s in Severity)
    return IssuesLayout(
        title=title or ISSUES_SHEET[lang], legend_title=LEGEND_TITLE[lang], legend=legend,
        legend_note=LEGEND_NOTE[lang], header_row=len(legend) + 4,
        headers=tuple(h[lang] for h in ISSUES_HEADERS), rows=tuple(rows),
        widths=ISSUES_WIDTHS)


def unique_title(title: str, taken: Iterable[str]) -> str:
    """``title``, or ``title (2)``, ``(3)``... when a sheet already has it (Excel ignores case).

    Args:
        title: the wished title.
        taken: the workbook's sheet names.

    Returns:
        A title no sheet has.
    """
    used = {name.casefold() for name in taken}
    candidate, n = title, 2
    while candidate.casefold() in used:
        candidate, n = f"{title} ({n})", n + 1
    return candidate
