"""The Python behind the ribbon buttons: each works on a live xlwings ``Book``.

On desktop Excel the VBA forwarder calls ``xltools.addin.dispatch`` (``ribbon.py``), which
runs one of these with ``xw.Book.caller()``; each also accepts a ``Book`` directly, which is
how the tests drive them with xlwings' JSON-backed book. Each button reads the
organisation's settings (beside the workbook, else the user's), speaks the workbook's
language, and leaves the work itself to the core and the use cases: ``painter`` marks,
``plansheet`` lays out a sheet, ``xltools.rollup`` and ``xltools.remind`` go through folders.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import xltools
from xltools.addin import live, painter, plansheet, userenv
from xltools.addin.live import StatusBar
from xltools.core.issues import TIMING_CODES, Report, Severity
from xltools.core.overdue import Timing, late_items
from xltools.core.schema import LANGS, Lang, PlanKind
from xltools.core.settings import Settings
from xltools.core.texts import NO_PLANS
from xltools.core.texts import addin as texts
from xltools.core.texts.summary import FILES_TITLE
from xltools.core.validate import check_workbook

if TYPE_CHECKING:
    import xlwings as xw

Progress = Callable[[int, int], None]


def _xlsx(path: Path) -> Path:
    # Save As on macOS may hand back the name as typed; Excel opens only a known extension.
    return path if path.name.lower().endswith(".xlsx") else path.with_name(path.name + ".xlsx")


def _open_in_excel(book: xw.Book, path: Path) -> None:
    try:
        book.app.books.open(str(path))
    except (NotImplementedError, AttributeError, TypeError):
        return  # the JSON engine cannot open files; the alert says where it is


def _progress(book: xw.Book, lang: str) -> tuple[StatusBar, Progress]:
    status = StatusBar(book)

    def show(done: int, total: int) -> None:
        status.show(texts.READING[lang].format(done=done, total=total), force=done == total)

    return status, show


# --- checking a plan ---------------------------------------------------------------------------


def validate(book: xw.Book | None = None, *, as_of: date | None = None) -> Report:
    """Validate: mark every issue in its cell, refresh the Issues sheet, show a summary.

    Earlier marks are cleared first, so the marks always show the latest check.

    Args:
        book: the workbook; by default the one whose ribbon was clicked.
        as_of: "today" for deadlines; by default the computer's date.

    Returns:
        The validation report.
    """
    book = live.caller(book)
    settings = live.book_settings(book)  # before anything changes: a cloud workbook may stop here
    painter.clear(book)
    data = live.read_book(book)
    lang = live.language(data, settings)
    checked = check_workbook(data, as_of=as_of or date.today(), lang=lang, settings=settings)
    report = checked.report
    if not data.plans:
        live.alert(book, NO_PLANS[lang])  # nothing to mark: no Issues sheet either
        return report
    painted = painter.paint(book, checked.marking_issues(), lang)
    rows = texts.ROWS(data.row_count, lang)
    if painted.issues_sheet is None:
        live.alert(book, texts.VALIDATED_CLEAN[lang].format(rows=rows))
        return report
    infos = sum(1 for i in report.issues if i.severity is Severity.INFO)
    live.alert(book, texts.VALIDATED[lang].format(
        errors=texts.ERRORS(report.errors, lang), warnings=texts.WARNINGS(report.warnings, lang),
        notes=texts.NOTES(infos, lang), rows=rows, cells=texts.CELLS(painted.cells, lang),
        sheet=painted.issues_sheet))
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
    book = live.caller(book)
    settings = live.book_settings(book)
    painter.clear(book)
    data = live.read_book(book)
    lang = live.language(data, settings)
    if not data.plans:
        live.alert(book, NO_PLANS[lang])
        return 0
    as_of = as_of or date.today()
    days = settings.due_soon_days
    checked = check_workbook(data, as_of=as_of, lang=lang, settings=settings)
    sheets = {kind: sheet.name for kind, sheet in data.plans.items()}
    items = late_items(data.department, data.source, sheets, checked.rows, as_of, days)
    painter.paint(book, [i for i in checked.report.issues if i.code in TIMING_CODES], lang)
    overdue = sum(1 for i in items if i.timing is Timing.OVERDUE)
    within = texts.DAYS(days, lang)
    if not items:
        live.alert(book, texts.NOTHING_OVERDUE[lang].format(days=within))
    else:
        live.alert(book, texts.OVERDUE[lang].format(
            overdue=texts.OVERDUE_ITEMS(overdue, lang),
            soon=texts.DUE_SOON_ITEMS(len(items) - overdue, lang, days=within)))
    return len(items)


def clear_marks(book: xw.Book | None = None) -> int:
    """Clear marks: give every marked cell back its own look and note; drop xltools' sheets.

    Args:
        book: the workbook; by default the one whose ribbon was clicked.

    Returns:
        How many cells were restored.
    """
    book = live.caller(book)
    cleared = painter.clear(book)
    lang = live.language(live.read_book(book))
    if not cleared.found:
        live.alert(book, texts.NOTHING_TO_CLEAR[lang])
        return 0
    message = texts.CLEARED[lang].format(cells=texts.CELLS(cleared.restored, lang))
    if cleared.missing:
        message += "\n" + texts.MISSING[lang].format(
            marks=texts.MARKS(len(cleared.missing), lang), cells=", ".join(cleared.missing[:10]))
    live.alert(book, message)
    return cleared.restored


# --- adding to a workbook ----------------------------------------------------------------------


def add_plan_sheet(book: xw.Book | None, kind: PlanKind, lang: str | None = None) -> str:
    """Add a plan sheet as the template lays it out (see ``plansheet``).

    Args:
        book: the workbook; by default the one whose ribbon was clicked.
        kind: which plan.
        lang: the sheet's language; by default the workbook's (or the organisation's, or
            the user's).

    Returns:
        The new sheet's name.
    """
    book = live.caller(book)
    settings = live.book_settings(book)
    language: Lang = lang if lang in LANGS else live.language(live.read_book(book), settings)  # type: ignore[assignment]
    name = plansheet.add_plan_sheet(book, kind, language, settings)
    live.alert(book, texts.SHEET_ADDED[language].format(sheet=name))
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


def _free_path(folder: Path, name: str) -> Path:
    stem, suffix = Path(name).stem, Path(name).suffix
    path, n = folder / name, 2
    while path.exists():
        path, n = folder / f"{stem} ({n}){suffix}", n + 1
    return path


def new_workbook(book: xw.Book | None = None, *, target: Path | None = None,
                 folder: Path | None = None, lang: str | None = None) -> Path | None:
    """New plan workbook: write the full template (drop-downs, live colours) and open it.

    The template needs features only a file can carry, so it is written by the template
    writer to a new file — never over an existing one, which may be a filled-in plan — and
    opened in the same Excel.

    Args:
        book: the workbook the ribbon was clicked in (for Excel and the language).
        target: the file chosen in Excel's Save As dialog.
        folder: without ``target``, where to save it under a free name; by default the
            user's Documents folder (platformdirs: a OneDrive-moved one too).
        lang: the workbook's language; by default the clicked workbook's, the
            organisation's, or the user's.

    Returns:
        The new file, or None when ``target`` exists.
    """
    from xltools.core.filenames import template_name
    from xltools.io.template import new_workbook as write_template

    book = live.caller(book)
    if target is not None:
        target = _xlsx(Path(target))
        folder = target.parent
    folder = Path(folder) if folder is not None else userenv.documents_folder()
    settings = live.settings_near(folder)
    language: Lang = lang if lang in LANGS else _language_of(book, settings)  # type: ignore[assignment]
    if target is None:
        target = _free_path(folder, template_name(language))
    elif target.exists():
        live.alert(book, texts.NEW_WORKBOOK_EXISTS[language].format(path=target))
        return None
    folder.mkdir(parents=True, exist_ok=True)
    path = write_template(target, language, organisation=settings.organisation,
                          topics=list(settings.topic_suggestions(language)))
    _open_in_excel(book, path)
    live.alert(book, texts.NEW_WORKBOOK[language].format(path=path))
    return path


def _language_of(book: xw.Book, settings: Settings) -> Lang:
    try:
        data = live.read_book(book)
    except Exception:  # an odd caller book must not stop a new, empty workbook
        data = None
    return live.language(data, settings)


# --- many workbooks (HR) -----------------------------------------------------------------------


def _folder_language(lang: str | None, settings: Settings) -> Lang:
    # Work over a folder speaks the reader's language, not that of the workbook clicked in.
    if lang in LANGS:
        return lang  # type: ignore[return-value]
    return settings.language or userenv.user_language()


def rollup_folder(book: xw.Book | None = None, *, folder: Path | None = None,
                  target: Path | None = None, as_of: date | None = None,
                  lang: str | None = None) -> Path | None:
    """Roll up folder…: write the organisation summary of a folder of department workbooks.

    Progress shows in Excel's status bar.

    Args:
        book: the workbook the ribbon was clicked in.
        folder: the folder chosen in Excel's folder dialog.
        target: the summary file chosen in Excel's Save As dialog; by default beside the
            folder.
        as_of: "today"; by default the computer's date.
        lang: the summary's language; by default the organisation's or the user's.

    Returns:
        The summary file, or None when there was no folder or nothing could be read.
    """
    from xltools.rollup import rollup

    book = live.caller(book)
    if folder is None:
        live.alert(book, texts.PICK_FIRST[_folder_language(lang, live.settings_near(None))])
        return None
    folder = Path(folder)
    settings = live.settings_near(folder)
    language = _folder_language(lang, settings)
    target = _xlsx(Path(target)) if target is not None \
        else folder.parent / texts.SUMMARY_FILE[language]
    status, progress = _progress(book, language)
    try:
        result = rollup([folder], target, as_of=as_of or date.today(), lang=language,
                        settings=settings, progress=progress)
    finally:
        status.clear()
    if result.output is None:
        live.alert(book, texts.NOTHING_READ[language].format(folder=folder))
        return None
    message = texts.ROLLUP_DONE[language].format(
        departments=texts.DEPARTMENTS(result.read, language), path=result.output)
    if result.failed:
        message += "\n" + texts.ROLLUP_FAILED_FILES[language].format(
            workbooks=texts.WORKBOOKS(result.failed, language), sheet=FILES_TITLE[language])
    _open_in_excel(book, result.output)
    live.alert(book, message)
    return result.output


def chase_lists(book: xw.Book | None = None, *, folder: Path | None = None,
                out_dir: Path | None = None, as_of: date | None = None,
                lang: str | None = None) -> Path | None:
    """Chase lists…: a chase list and an e-mail draft per department with something to chase.

    Calls ``xltools.remind.remind``; progress shows in Excel's status bar.

    Args:
        book: the workbook the ribbon was clicked in.
        folder: the folder of department workbooks (Excel's folder dialog).
        out_dir: the folder for the lists, drafts and index (a second folder dialog).
        as_of: "today"; by default the computer's date.
        lang: the language of every list and e-mail; by default each department's own.

    Returns:
        The index workbook, or None when a folder is missing or nothing could be read.
    """
    from xltools.remind import ChaseOutcome, remind

    book = live.caller(book)
    if folder is None or out_dir is None:
        live.alert(book, texts.PICK_FIRST[_folder_language(lang, live.settings_near(None))])
        return None
    folder, out_dir = Path(folder), Path(out_dir)
    settings = live.settings_near(folder)
    language = _folder_language(lang, settings)
    status, progress = _progress(book, language)
    try:
        result = remind([folder], out_dir, as_of=as_of or date.today(),
                        lang=lang if lang in LANGS else None, settings=settings,
                        progress=progress)
    finally:
        status.clear()
    if result.index is None:
        live.alert(book, texts.NOTHING_READ[language].format(folder=folder))
        return None
    written = result.count(ChaseOutcome.WRITTEN)
    live.alert(book, texts.CHASE_DONE[language].format(
        departments=texts.DEPARTMENTS(written, language), folder=out_dir,
        index=result.index.name))
    return result.index


# --- help ----------------------------------------------------------------------------------------


def help(book: xw.Book | None = None) -> str:  # the ribbon id is "help"
    """Help: the xltools version, where the documentation is, the settings in use, the log.

    Args:
        book: the workbook the ribbon was clicked in.

    Returns:
        The text shown.
    """
    import xlwings

    book = live.caller(book)
    try:
        settings: Settings | None = live.book_settings(book)
    except Exception:  # Help names the settings it can; it never fails over them
        settings = None
    lang = _language_of(book, settings or Settings())
    source = settings.source if settings is not None else None
    text = texts.HELP[lang].format(
        version=xltools.__version__, xlwings=xlwings.__version__,
        python=sys.version.split()[0], docs=texts.DOCS[lang],
        settings=source or texts.DEFAULT_SETTINGS[lang], log=userenv.log_file())
    live.alert(book, text)
    return text
