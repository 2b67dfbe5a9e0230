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
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xltools
from xltools.addin import buttons, painter
from xltools.addin.painter import NOT_SUPPORTED as _NOT_SUPPORTED
from xltools.addin.painter import fill_colour, fill_xml  # noqa: F401 - the record's fill format
from xltools.addin.painter import grid as _grid
from xltools.core.interpret import interpret_workbook
from xltools.core.issues import Code, Report, Severity
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

TIMING_CODES = (Code.OVERDUE, Code.FOLLOW_UP_OVERDUE, Code.DUE_SOON)

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
    "missing": Labels(
        "{count} marks were not found where xltools left them ({cells}); those cells were "
        "left as they are.",
        "{count} markeringer var ikke, hvor xltools satte dem ({cells}); de celler blev "
        "ikke ændret.",
        "{count} markeringar fanns inte där xltools satte dem ({cells}); de cellerna lämnades "
        "som de var.",
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


def read_book(book: xw.Book) -> WorkbookData:
    """Read a live workbook into the plan data the file reader produces.

    Args:
        book: an open xlwings book.

    Returns:
        Plans, About and Checklist with the rows' real sheet row numbers.
    """
    own = painter.own_sheets(book)  # xltools' sheets, found by their hidden names
    grids = {sheet.name: _grid(sheet) for sheet in book.sheets if sheet.name not in own}
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


def _add_sheet(book: xw.Book, name: str) -> xw.Sheet:
    sheets = book.sheets
    return sheets.add(name=name, after=sheets[len(sheets) - 1])


def _hex(colour: str) -> str:
    return "#" + colour[-6:].lower()


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
    painter.clear(book)
    data = read_book(book)
    lang = _lang(data)
    if not data.plans:
        _alert(book, NO_PLANS[lang])
    checked = check_workbook(data, as_of=as_of, lang=lang)
    report = checked.report
    painted = painter.paint(book, report.issues, lang)
    if data.plans:
        infos = sum(1 for i in report.issues if i.severity is Severity.INFO)
        _alert(book, MESSAGES["validated"][lang].format(
            errors=report.errors, warnings=report.warnings, infos=infos, rows=data.row_count,
            cells=painted.cells, sheet=painted.issues_sheet))
    return report


def highlight_overdue(book: xw.Book | None = None, *, as_of: date | None = None) -> int:
    """Mark the deadlines of overdue items (and of those due soon), as ``overdue --annotate`` does.

    Earlier marks are cleared first. The template's own colours already paint the rows; the
    marks add the frame, the note with the message and the Issues sheet listing them.

    Args:
        book: the workbook; by default the one whose ribbon was clicked.
        as_of: "today"; by default the computer's date.

    Returns:
        How many items are overdue or due soon.
    """
    book = _caller(book)
    as_of = as_of or date.today()
    painter.clear(book)
    data = read_book(book)
    lang = _lang(data)
    if not data.plans:
        _alert(book, NO_PLANS[lang])
        return 0
    checked = check_workbook(data, as_of=as_of, lang=lang, due_soon_days=DUE_SOON_DAYS)
    sheets = {kind: sheet.name for kind, sheet in data.plans.items()}
    items = late_items(data.department, data.source, sheets, checked.rows, as_of, DUE_SOON_DAYS)
    painter.paint(book, [i for i in checked.report.issues if i.code in TIMING_CODES], lang)
    overdue = sum(1 for i in items if i.timing is Timing.OVERDUE)
    _alert(book, MESSAGES["overdue"][lang].format(overdue=overdue, soon=len(items) - overdue,
                                                  days=DUE_SOON_DAYS))
    return len(items)


def clear_marks(book: xw.Book | None = None) -> int:
    """Clear marks: give every marked cell back its own look and note; drop xltools' sheets.

    Args:
        book: the workbook; by default the one whose ribbon was clicked.

    Returns:
        How many cells were restored.
    """
    book = _caller(book)
    cleared = painter.clear(book)
    lang = _lang(read_book(book))
    message = MESSAGES["cleared"][lang].format(cells=cleared.restored)
    if cleared.missing:
        message += "\n" + MESSAGES["missing"][lang].format(
            count=len(cleared.missing), cells=", ".join(cleared.missing[:10]))
    _alert(book, message)
    return cleared.restored


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
    from xltools.core.wording import DATE_FORMATS
    from xltools.io.template import HEADER_FILL, TABLE_ROWS, header_labels

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
