"""The Python behind the ribbon buttons: each works on a live xlwings ``Book``.

On desktop Excel the VBA forwarder calls ``xltools.addin.dispatch(control_id)`` through
``RunPython`` and the book is ``xw.Book.caller()`` (BSD xlwings, COM/AppleScript). Every
function also accepts a ``Book`` directly, which is how the tests drive them with xlwings'
JSON-backed book. Engines differ in what they can do (the JSON engine cannot read fills or
note text; the VBA/Office Scripts clients cannot add notes), so each capability is tried
and skipped when the engine says ``NotImplementedError`` — the Issues sheet always carries
every message, notes are a convenience.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import locale
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xltools
from xltools.addin import buttons
from xltools.core.interpret import interpret_workbook
from xltools.core.issues import Issue, Report, Severity
from xltools.core.marks import (
    CODE_FILL,
    ISSUES_HEADERS,
    ISSUES_SHEET,
    MARKS_HEADERS,
    MARKS_SHEET,
    SEVERITY_LABELS,
    fill_for,
)
from xltools.core.overdue import DEFAULT_DUE_SOON_DAYS as DUE_SOON_DAYS
from xltools.core.overdue import Timing, late_items
from xltools.core.plandata import WorkbookData, column_letter
from xltools.core.schema import (
    DEFAULT_LANG,
    LANGS,
    PLANS,
    VALUE_LISTS,
    ColumnType,
    Labels,
    Lang,
    PlanKind,
)
from xltools.core.texts import NO_PLANS
from xltools.core.validate import check_workbook

if TYPE_CHECKING:
    import xlwings as xw

# Excel's used range can reach row 1,048,576 because of formatting alone; plans never do.
MAX_LIVE_ROWS = 50_000
# Recorded instead of a note text when xltools left a cell's note alone, so Clear marks
# does not delete a note it did not write (the annotated-copy writer uses the same sheet).
NOTE_UNTOUCHED = "(xltools: note unchanged)"
_FORMULA_START = ("=", "+", "-", "@")
_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_NOT_SUPPORTED = (NotImplementedError, AttributeError)

# Short messages of the buttons, in the workbook's language.
MESSAGES: dict[str, Labels] = {
    "validated": Labels(
        "{errors} errors, {warnings} warnings, {infos} notes in {rows} rows. "
        "{cells} cells marked; see the sheet '{sheet}'.",
        "{errors} fejl, {warnings} advarsler, {infos} bemærkninger i {rows} rækker. "
        "{cells} celler markeret; se arket '{sheet}'.",
        "{errors} fel, {warnings} varningar, {infos} anmärkningar i {rows} rader. "
        "{cells} celler markerade; se bladet '{sheet}'.",
    ),
    "overdue": Labels(
        "{overdue} overdue and {soon} due within {days} days.",
        "{overdue} overskredne og {soon} med deadline inden for {days} dage.",
        "{overdue} försenade och {soon} med slutdatum inom {days} dagar.",
    ),
    "cleared": Labels(
        "Marks removed from {cells} cells.",
        "Markeringer fjernet fra {cells} celler.",
        "Markeringar borttagna från {cells} celler.",
    ),
    "sheet_added": Labels(
        "The sheet '{sheet}' was added.",
        "Arket '{sheet}' blev tilføjet.",
        "Bladet '{sheet}' lades till.",
    ),
    "new_workbook": Labels(
        "A new plan workbook was saved as {path}.",
        "En ny planprojektmappe blev gemt som {path}.",
        "En ny planarbetsbok sparades som {path}.",
    ),
    "rollup_done": Labels(
        "The organisation summary was written to {path}.",
        "Organisationens sammenfatning blev skrevet til {path}.",
        "Organisationens sammanställning skrevs till {path}.",
    ),
    "rollup_missing": Labels(
        "The roll-up is not available in this xltools installation.",
        "Opsummeringen er ikke tilgængelig i denne xltools-installation.",
        "Sammanställningen finns inte i den här xltools-installationen.",
    ),
    "help": Labels(
        "xltools {version} (xlwings {xlwings}, Python {python}).\nDocumentation: {docs}",
        "xltools {version} (xlwings {xlwings}, Python {python}).\nDokumentation: {docs}",
        "xltools {version} (xlwings {xlwings}, Python {python}).\nDokumentation: {docs}",
    ),
}
DOCS = "README.md of the xltools package; `xltools --help` for the command line"

FolderChooser = Callable[[], Path | str | None]
OutputChooser = Callable[[Path], Path | str | None]


# --- reading the live workbook ---------------------------------------------------------


def _caller(book: xw.Book | None) -> xw.Book:
    if book is not None:
        return book
    import xlwings as xw  # only when Excel calls: importing this module needs no Excel

    return xw.Book.caller()


def _grid(sheet: xw.Sheet) -> list[list[object]]:
    """The sheet's values from A1 to the end of its used range, so row numbers stay real."""
    used = sheet.used_range
    last_row = min(used.row + used.rows.count - 1, MAX_LIVE_ROWS)
    last_column = used.column + used.columns.count - 1
    values = sheet.range((1, 1), (last_row, last_column)).options(ndim=2).value
    return [list(row) for row in values or []]


def _own_sheet(name: str) -> bool:
    return name == MARKS_SHEET or name in {ISSUES_SHEET[lang] for lang in LANGS}


def read_book(book: xw.Book) -> WorkbookData:
    """Read a live workbook into the plan data the file reader produces.

    Args:
        book: an open xlwings book.

    Returns:
        Plans, About and Checklist with the rows' real sheet row numbers.
    """
    grids = {sheet.name: _grid(sheet) for sheet in book.sheets if not _own_sheet(sheet.name)}
    return interpret_workbook(book.name, grids, fallback_department=Path(book.name).stem.strip())


def _locale_lang() -> Lang:
    code = (locale.getlocale()[0] or "").lower()
    if code.startswith(("da", "danish")):
        return "da"
    if code.startswith(("sv", "swedish")):
        return "sv"
    return DEFAULT_LANG


def _lang(data: WorkbookData | None) -> Lang:
    """The workbook's language when it has plans; otherwise the user's locale."""
    if data is not None and (data.plans or data.about.get("language")):
        return data.language
    return _locale_lang()


# --- small engine-tolerant helpers ----------------------------------------------------


def _text(value: object) -> object:
    """A value to write: text that Excel would take for a formula stays text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _alert(book: xw.Book, message: str) -> None:
    try:
        book.app.alert(message, title="xltools")
    except _NOT_SUPPORTED:
        print(message)  # the RunPython console is the last place left to say it


def _find_sheet(book: xw.Book, name: str) -> xw.Sheet | None:
    for sheet in book.sheets:
        if sheet.name.casefold() == name.casefold():
            return sheet
    return None


def _delete_sheet(book: xw.Book, sheet: xw.Sheet) -> None:
    app = book.app
    try:
        alerts = app.display_alerts
        app.display_alerts = False  # desktop Excel asks "are you sure?" otherwise
    except _NOT_SUPPORTED:
        alerts = None
    try:
        sheet.delete()
    finally:
        if alerts is not None:
            app.display_alerts = alerts


def _add_sheet(book: xw.Book, name: str) -> xw.Sheet:
    sheets = book.sheets
    return sheets.add(name=name, after=sheets[len(sheets) - 1])


def _hex(colour: str) -> str:
    return "#" + colour[-6:].lower()


def fill_xml(colour: str | None) -> str:
    """A solid fill as the Marks sheet stores it (openpyxl's fill XML), or '' for none.

    Args:
        colour: ``RRGGBB`` / ``#RRGGBB``, or None for no fill.

    Returns:
        The XML the annotated-copy writer also reads.
    """
    if not colour:
        return ""
    rgb = colour.lstrip("#").upper()[-6:]
    return (f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/>'
            f'<bgColor rgb="FF{rgb}"/></patternFill></fill>')


_RGB = re.compile(r'fgColor[^>]*\brgb="([0-9A-Fa-f]{6,8})"')


def fill_colour(xml: object) -> str | None:
    """The ``#rrggbb`` of a fill recorded by :func:`fill_xml` (or openpyxl), None for none.

    Args:
        xml: the Marks sheet's fill cell.

    Returns:
        The colour to restore, or None (no fill; theme colours cannot be set through xlwings).
    """
    if not isinstance(xml, str) or not xml.strip():
        return None
    if xml.startswith("#"):
        return xml.lower()
    found = _RGB.search(xml)
    return _hex(found.group(1)) if found else None


def _colour_of(cell: xw.Range) -> str | None:
    """The cell's own fill; None when it has none or the engine cannot say."""
    try:
        colour = cell.color
    except _NOT_SUPPORTED:
        return None  # the JSON engine: a plan's data cells carry no fill of their own
    if colour is None:
        return None
    if isinstance(colour, tuple):
        return "#{:02x}{:02x}{:02x}".format(*colour)
    return str(colour)


# --- marks ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Mark:
    sheet: str
    cell: str
    colour: str
    note: str | None = None


class _Painter:
    """Paints cells and remembers what was there, in the hidden Marks sheet."""

    def __init__(self, book: xw.Book) -> None:
        self.book = book
        self.records: list[list[object]] = []
        self.notes_supported = True

    def paint(self, mark: _Mark) -> None:
        cell = self.book.sheets[mark.sheet].range(mark.cell)
        old_fill = fill_xml(_colour_of(cell))
        old_note, note_record = None, NOTE_UNTOUCHED
        if mark.note is not None and self.notes_supported:
            old_note, note_record = self._write_note(cell, mark.note)
        cell.color = _hex(mark.colour)
        self.records.append([mark.sheet, mark.cell, old_fill, old_note or "", note_record])

    def _write_note(self, cell: xw.Range, text: str) -> tuple[str | None, str]:
        """Add our note (before an existing one); returns the old text and the record flag."""
        try:
            note = cell.note
            old = note.text if note is not None else None
        except _NOT_SUPPORTED:
            return None, NOTE_UNTOUCHED  # a note we cannot read could not be restored
        try:
            if note is None:
                cell.add_note(text)
            else:
                note.text = f"{text}\n—\n{old}"
        except _NOT_SUPPORTED:
            self.notes_supported = False  # this engine/client has no notes: stop trying
            return None, NOTE_UNTOUCHED
        return old, ""

    def save(self) -> None:
        if not self.records:
            return
        sheet = _find_sheet(self.book, MARKS_SHEET) or _add_sheet(self.book, MARKS_SHEET)
        rows = [list(MARKS_HEADERS), *self.records]
        sheet.range("A1").value = [[_text(v) for v in row] for row in rows]
        sheet.visible = False


def _marks(sheet: xw.Sheet) -> list[tuple[str, str, object, object, object]]:
    records = []
    for row in _grid(sheet)[1:]:
        row = [*row, None, None, None, None, None][:5]
        name, cell = row[0], row[1]
        if isinstance(name, str) and isinstance(cell, str) and cell:
            records.append((name, cell, row[2], row[3], row[4]))
    return records


def _restore(book: xw.Book, records: Iterable[tuple[str, str, object, object, object]]) -> int:
    restored = 0
    for name, ref, fill, note, note_record in records:
        sheet = _find_sheet(book, name)
        if sheet is None:
            continue
        cell = sheet.range(ref)
        cell.color = fill_colour(fill)
        if note_record != NOTE_UNTOUCHED:
            try:
                current = cell.note
                if current is not None and note:
                    current.text = str(note)
                elif current is not None:
                    current.delete()
            except _NOT_SUPPORTED:
                pass
        restored += 1
    return restored


def _is_our_issues_sheet(sheet: xw.Sheet) -> bool:
    for lang in LANGS:
        if sheet.name == ISSUES_SHEET[lang]:
            first = sheet.range("A1").value
            return first == ISSUES_HEADERS[0][lang]  # never a user's sheet of that name
    return False


def _clear(book: xw.Book, *, issues_sheet: bool = True) -> int:
    restored = 0
    marks = _find_sheet(book, MARKS_SHEET)
    if marks is not None:
        restored = _restore(book, _marks(marks))
        _delete_sheet(book, marks)
    if issues_sheet:
        for sheet in list(book.sheets):
            if _is_our_issues_sheet(sheet):
                _delete_sheet(book, sheet)
    return restored


def _cell_marks(issues: Iterable[Issue], sheets: set[str]) -> list[_Mark]:
    by_cell: dict[tuple[str, str], list[Issue]] = defaultdict(list)
    for issue in issues:
        if issue.cell and issue.sheet in sheets:
            by_cell[(issue.sheet, issue.cell)].append(issue)
    marks = []
    for (sheet, cell), cell_issues in by_cell.items():
        worst = min(cell_issues, key=lambda i: _SEVERITY_RANK[i.severity])
        note = "\n".join(f"[{i.code.value}] {i.message}" for i in cell_issues)
        marks.append(_Mark(sheet, cell, fill_for(worst.code, worst.severity), note))
    return marks


def _write_issues_sheet(book: xw.Book, report: Report, lang: str) -> str:
    title = ISSUES_SHEET[lang]
    sheet = _add_sheet(book, title)
    issues = sorted(report.issues, key=lambda i: (_SEVERITY_RANK[i.severity], i.sheet, i.row or 0))
    rows: list[list[object]] = [[h[lang] for h in ISSUES_HEADERS]]
    for issue in issues:
        rows.append([issue.address, SEVERITY_LABELS[issue.severity][lang], issue.code.value,
                     issue.message, issue.value])
    sheet.range("A1").value = [[_text(v) for v in row] for row in rows]
    try:
        sheet.range((1, 1), (1, len(ISSUES_HEADERS))).font.bold = True
        for letter, width in zip("ABCDE", (18, 11, 18, 90, 30), strict=True):
            sheet.range(f"{letter}:{letter}").column_width = width
    except _NOT_SUPPORTED:
        pass
    names = {s.name for s in book.sheets}
    for r, issue in enumerate(issues, start=2):
        if issue.sheet not in names:
            continue
        target = issue.cell or (f"A{issue.row}" if issue.row else "A1")
        try:
            sheet.range(f"A{r}").add_hyperlink(f"#'{issue.sheet}'!{target}", issue.address)
        except _NOT_SUPPORTED:
            break
    return title


def _paint_all(book: xw.Book, marks: list[_Mark]) -> _Painter:
    painter = _Painter(book)
    app = book.app
    with contextlib.suppress(_NOT_SUPPORTED):
        app.screen_updating = False  # hundreds of cells repaint at once, not one by one
    try:
        for mark in marks:
            painter.paint(mark)
        painter.save()
    finally:
        with contextlib.suppress(_NOT_SUPPORTED):
            app.screen_updating = True
    return painter


# --- the buttons ---------------------------------------------------------------------


def validate(book: xw.Book | None = None, *, as_of: date | None = None) -> Report:
    """Validate: mark every issue in its cell, refresh the Issues sheet, show a summary.

    Earlier marks are cleared first, so the marks always show the latest check.

    Args:
        book: the workbook; by default the one whose ribbon was clicked.
        as_of: "today" for deadlines; by default the computer's date.

    Returns:
        The validation report.
    """
    book = _caller(book)
    as_of = as_of or date.today()
    _clear(book)
    data = read_book(book)
    lang = _lang(data)
    if not data.plans:
        _alert(book, NO_PLANS[lang])
    checked = check_workbook(data, as_of=as_of, lang=lang)
    report = checked.report
    names = {s.name for s in book.sheets}
    painter = _paint_all(book, _cell_marks(report.issues, names))
    title = _write_issues_sheet(book, report, lang)
    if data.plans:
        infos = sum(1 for i in report.issues if i.severity is Severity.INFO)
        _alert(book, MESSAGES["validated"][lang].format(
            errors=report.errors, warnings=report.warnings, infos=infos, rows=data.row_count,
            cells=len(painter.records), sheet=title))
    return report


def highlight_overdue(book: xw.Book | None = None, *, as_of: date | None = None) -> int:
    """Colour the rows of overdue items (and, lighter, those due soon); clear older marks.

    Args:
        book: the workbook; by default the one whose ribbon was clicked.
        as_of: "today"; by default the computer's date.

    Returns:
        How many rows were coloured.
    """
    book = _caller(book)
    as_of = as_of or date.today()
    _clear(book)
    data = read_book(book)
    lang = _lang(data)
    if not data.plans:
        _alert(book, NO_PLANS[lang])
        return 0
    checked = check_workbook(data, as_of=as_of, lang=lang, due_soon_days=DUE_SOON_DAYS)
    sheets = {kind: sheet.name for kind, sheet in data.plans.items()}
    items = late_items(data.department, data.source, sheets, checked.rows, as_of, DUE_SOON_DAYS)
    marks: list[_Mark] = []
    for item in items:
        sheet = data.plans[item.plan]
        indices = [m.index for m in (*sheet.columns.values(), *sheet.unknown_columns)]
        code = "overdue" if item.timing is Timing.OVERDUE else "due-soon"
        colour = next(c for k, c in CODE_FILL.items() if k.value == code)
        for index in range(min(indices), max(indices) + 1):
            marks.append(_Mark(item.sheet, f"{column_letter(index)}{item.row}", colour))
    _paint_all(book, marks)
    overdue = sum(1 for i in items if i.timing is Timing.OVERDUE)
    _alert(book, MESSAGES["overdue"][lang].format(overdue=overdue, soon=len(items) - overdue,
                                                  days=DUE_SOON_DAYS))
    return len(items)


def clear_marks(book: xw.Book | None = None) -> int:
    """Clear marks: give every marked cell back its own fill and note; drop our sheets.

    Args:
        book: the workbook; by default the one whose ribbon was clicked.

    Returns:
        How many cells were restored.
    """
    book = _caller(book)
    restored = _clear(book)
    lang = _lang(read_book(book))
    _alert(book, MESSAGES["cleared"][lang].format(cells=restored))
    return restored


def _unique_sheet_name(book: xw.Book, name: str) -> str:
    taken = {s.name.casefold() for s in book.sheets}
    candidate, n = name, 2
    while candidate.casefold() in taken:
        candidate = f"{name} ({n})"
        n += 1
    return candidate


def _unique_table_name(book: xw.Book, name: str) -> str:
    taken: set[str] = set()
    for sheet in book.sheets:
        with contextlib.suppress(_NOT_SUPPORTED):
            taken |= {t.name.casefold() for t in sheet.tables}
    candidate, n = name, 2
    while candidate.casefold() in taken:
        candidate, n = f"{name}{n}", n + 1
    return candidate


def add_plan_sheet(book: xw.Book | None, kind: PlanKind, lang: str | None = None) -> str:
    """Add a plan sheet as the template lays it out: header, widths, table, drop-downs, dates.

    Conditional colours (overdue red, due-soon amber) stay with "New plan workbook" and
    "Highlight overdue": xlwings has no portable way to add formula-based formats.

    Args:
        book: the workbook; by default the one whose ribbon was clicked.
        kind: which plan.
        lang: the sheet's language; by default the workbook's (or the user's locale).

    Returns:
        The new sheet's name.
    """
    from xltools.io.template import DATE_FORMATS, HEADER_FILL, TABLE_ROWS, header_labels

    book = _caller(book)
    lang = lang if lang in LANGS else _lang(read_book(book))
    schema = PLANS[kind]
    name = _unique_sheet_name(book, schema.title(lang))
    sheet = _add_sheet(book, name)
    headers = header_labels(kind, lang)
    sheet.range("A1").value = [headers]
    last = len(headers)
    optional: list[Callable[[], object]] = [
        lambda: setattr(sheet.range((1, 1), (1, last)).font, "bold", True),
        lambda: sheet.freeze_panes.freeze_at("A2"),
        lambda: sheet.tables.add(source=sheet.range((1, 1), (TABLE_ROWS + 1, last)),
                                 name=_unique_table_name(book, schema.table_names[lang])),
    ]
    for i, column in enumerate(schema.columns):
        letter = column_letter(i)
        whole = sheet.range(f"{letter}:{letter}")
        body = sheet.range(f"{letter}2:{letter}{TABLE_ROWS + 1}")
        optional.append(lambda whole=whole, width=column.width: setattr(whole, "column_width",
                                                                         width))
        if column.type is ColumnType.DATE:
            optional.append(lambda body=body: setattr(body, "number_format", DATE_FORMATS[lang]))
        if column.value_list:
            values = VALUE_LISTS[column.value_list].labels(lang)
            optional.append(lambda body=body, values=values: body.data_validation.set_list(values))
    header = sheet.range((1, 1), (1, last))
    optional += [
        lambda: setattr(header, "color", _hex(HEADER_FILL.start_color.rgb)),
        lambda: setattr(header.font, "color", "#ffffff"),
    ]
    for step in optional:
        try:
            step()
        except _NOT_SUPPORTED:
            continue  # an engine without it still gets a usable sheet
    _alert(book, MESSAGES["sheet_added"][lang].format(sheet=name))
    return name


def add_action_plan(book: xw.Book | None = None) -> str:
    """Add sheet → Action plan. See :func:`add_plan_sheet`.

    Args:
        book: the workbook; by default the one whose ribbon was clicked.

    Returns:
        The new sheet's name.
    """
    return add_plan_sheet(book, PlanKind.ACTION)


def add_activity_plan(book: xw.Book | None = None) -> str:
    """Add sheet → Activity plan. See :func:`add_plan_sheet`.

    Args:
        book: the workbook; by default the one whose ribbon was clicked.

    Returns:
        The new sheet's name.
    """
    return add_plan_sheet(book, PlanKind.ACTIVITY)


def add_communication_plan(book: xw.Book | None = None) -> str:
    """Add sheet → Communication plan. See :func:`add_plan_sheet`.

    Args:
        book: the workbook; by default the one whose ribbon was clicked.

    Returns:
        The new sheet's name.
    """
    return add_plan_sheet(book, PlanKind.COMMUNICATION)


def default_documents_folder() -> Path:
    """Where new plan workbooks go: the user's Documents folder (home when there is none).

    Returns:
        The folder.
    """
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def _free_path(folder: Path, stem: str, suffix: str) -> Path:
    path, n = folder / f"{stem}{suffix}", 2
    while path.exists():
        path, n = folder / f"{stem} ({n}){suffix}", n + 1
    return path


def _open_in_excel(book: xw.Book, path: Path) -> bool:
    try:
        book.app.books.open(str(path))
    except _NOT_SUPPORTED:
        return False  # the JSON engine cannot open files; the alert says where it is
    except TypeError:
        return False
    return True


def new_workbook(book: xw.Book | None = None, *, folder: Path | None = None,
                 lang: str | None = None) -> Path:
    """New plan workbook: write the full template (drop-downs, live colours) and open it.

    The template needs features only a file can carry, so it is written by the template
    writer to a new file (never overwriting one) and opened in the same Excel.

    Args:
        book: the workbook the ribbon was clicked in (for Excel and the language).
        folder: where to save it; by default the user's Documents folder.
        lang: the workbook's language; by default the clicked workbook's or the locale's.

    Returns:
        The new file.
    """
    from xltools.io.template import new_workbook as write_template
    from xltools.io.template import template_name

    book = _caller(book)
    if lang not in LANGS:
        try:
            lang = _lang(read_book(book))
        except Exception:  # an odd caller book must not stop a new, empty workbook
            lang = _locale_lang()
    folder = Path(folder) if folder is not None else default_documents_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(template_name(lang))
    path = write_template(_free_path(folder, name.stem, name.suffix), lang)  # type: ignore[arg-type]
    _open_in_excel(book, path)
    _alert(book, MESSAGES["new_workbook"][lang].format(path=path))
    return path


def choose_folder() -> Path | None:
    """Ask for a folder with a desktop folder picker (tkinter).

    Returns:
        The folder, or None when the user cancelled.
    """
    import tkinter
    from tkinter import filedialog

    root = tkinter.Tk()
    root.withdraw()
    root.attributes("-topmost", True)  # Excel stays in front otherwise
    try:
        chosen = filedialog.askdirectory(parent=root, mustexist=True)
    finally:
        root.destroy()
    return Path(chosen) if chosen else None


def choose_output(folder: Path) -> Path | None:
    """Ask where to save the summary; suggests a file beside the chosen folder.

    Args:
        folder: the folder being rolled up.

    Returns:
        The output file, or None when the user cancelled.
    """
    import tkinter
    from tkinter import filedialog

    root = tkinter.Tk()
    root.withdraw()
    root.attributes("-topmost", True)
    try:
        chosen = filedialog.asksaveasfilename(
            parent=root, initialdir=str(folder.parent), defaultextension=".xlsx",
            initialfile=f"{folder.name} - summary {date.today().isoformat()}.xlsx",
            filetypes=[("Excel", "*.xlsx")])
    finally:
        root.destroy()
    return Path(chosen) if chosen else None


def _run_rollup(inputs: list[Path], output: Path, *, as_of: date, lang: str) -> Any:
    module = importlib.import_module("xltools.rollup")  # built separately; imported on click
    run = module.rollup
    params = inspect.signature(run).parameters
    options: dict[str, object] = {}
    if "as_of" in params:
        options["as_of"] = as_of
    if "lang" in params:
        options["lang"] = lang
    return run(inputs, output, **options)


def rollup_folder(book: xw.Book | None = None, *, choose: FolderChooser | None = None,
                  choose_target: OutputChooser | None = None, as_of: date | None = None,
                  lang: str | None = None) -> Path | None:
    """Roll up folder…: pick a folder of department workbooks, write the organisation summary.

    Args:
        book: the workbook the ribbon was clicked in.
        choose: asks for the folder; by default a desktop folder picker.
        choose_target: asks for the output file given the folder; by default a save dialog.
        as_of: "today"; by default the computer's date.
        lang: the summary's language; by default the clicked workbook's or the locale's.

    Returns:
        The summary file, or None when the user cancelled.
    """
    book = _caller(book)
    lang = lang if lang in LANGS else _locale_lang()
    folder = (choose or choose_folder)()
    if not folder:
        return None
    folder = Path(folder)
    target = (choose_target or choose_output)(folder)
    if not target:
        return None
    target = Path(target)
    try:
        _run_rollup([folder], target, as_of=as_of or date.today(), lang=lang)
    except ModuleNotFoundError as error:
        if error.name != "xltools.rollup":
            raise
        _alert(book, MESSAGES["rollup_missing"][lang])
        return None
    _open_in_excel(book, target)
    _alert(book, MESSAGES["rollup_done"][lang].format(path=target))
    return target


def help(book: xw.Book | None = None) -> str:  # the ribbon id is "help"
    """Help: show the xltools version and where the documentation is.

    Args:
        book: the workbook the ribbon was clicked in.

    Returns:
        The text shown.
    """
    import xlwings

    book = _caller(book)
    lang = _locale_lang()
    text = MESSAGES["help"][lang].format(
        version=xltools.__version__, xlwings=xlwings.__version__,
        python=sys.version.split()[0], docs=DOCS)
    _alert(book, text)
    return text


def dispatch(control_id: str, book: xw.Book | None = None) -> object:
    """Run the Python function of a ribbon button (what the VBA ``OnButton`` calls).

    Args:
        control_id: the button's id in ``customUI14.xml``.
        book: the workbook; by default ``xw.Book.caller()``.

    Returns:
        What the button's function returned.

    Raises:
        KeyError: no ribbon control has that id.
        ValueError: the control is not a button (a tab, group or menu).
    """
    control = buttons.control(control_id)
    if control.kind != "button":
        raise ValueError(f"ribbon control {control_id!r} is a {control.kind}, not a button")
    function = globals().get(control_id)
    if not callable(function):
        raise KeyError(f"no Python function for ribbon button {control_id!r}")
    return function(book)
