"""The live workbook a button works on: reading it, its language, its folder and settings, and
the small engine-tolerant things every button does (alerts, the status bar, new sheets).

Engines differ in what they can do (the JSON engine has no status bar, the desktop engines
no JSON), so every optional step is tried and skipped when the engine says
``NotImplementedError``.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import TYPE_CHECKING

from xltools.addin import cloud, painter, userenv
from xltools.addin.looks import NOT_SUPPORTED
from xltools.core.interpret import interpret_workbook
from xltools.core.marks import unique_title
from xltools.core.plandata import WorkbookData
from xltools.core.schema import Lang
from xltools.core.settings import Settings

if TYPE_CHECKING:
    import xlwings as xw


def caller(book: xw.Book | None) -> xw.Book:
    """The workbook a button works on: ``book``, or the one whose ribbon was clicked.

    Args:
        book: a workbook, or None.

    Returns:
        The workbook.
    """
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
    grids = {sheet.name: painter.grid(sheet) for sheet in book.sheets if sheet.name not in own}
    return interpret_workbook(book.name, grids, fallback_department=Path(book.name).stem.strip())


def language(data: WorkbookData | None, settings: Settings | None = None) -> Lang:
    """The language a button speaks: the workbook's, else the organisation's, else the user's.

    Args:
        data: the workbook as read (None when it could not be read).
        settings: the organisation's settings.

    Returns:
        ``"da"``, ``"sv"`` or ``"en"``.
    """
    if data is not None and (data.plans or data.about.get("language")):
        return data.language
    if settings is not None and settings.language:
        return settings.language
    return userenv.user_language()


def full_name(book: xw.Book) -> str:
    """The workbook's ``FullName`` as Excel reports it, a web address for a cloud workbook.

    xlwings' own ``Book.fullname`` turns a web address into a local path and fails inside
    xlwings when it cannot, so Excel is asked directly where it can be.

    Args:
        book: the workbook.

    Returns:
        A path, a web address, or just the name of an unsaved (or JSON-backed) workbook.
    """
    try:
        api = book.api
    except NOT_SUPPORTED:
        api = None
    readers = (lambda: api.FullName, lambda: api.full_name.get())  # COM, then AppleScript
    for read in readers:
        try:
            value = read()
        except Exception:  # an engine without that API: try the next
            continue
        if isinstance(value, str) and value:
            return value
    return book.name  # the JSON engine's fullname is its name


def workbook_file(book: xw.Book) -> Path | None:
    """The workbook's file on this computer.

    Args:
        book: the workbook.

    Returns:
        The file (a cloud workbook's synced local copy); None for a workbook never saved.

    Raises:
        cloud.CloudNotSyncedError: the workbook is open from OneDrive/SharePoint and no
            synced copy of it was found.
    """
    name = full_name(book)
    if cloud.is_cloud(name):
        local = cloud.local_path(name)
        if local is None:
            raise cloud.CloudNotSyncedError(name)
        return local
    path = Path(name)
    return path if path.is_absolute() else None


def settings_near(folder: Path | None) -> Settings:
    """The organisation's settings for work in ``folder``.

    ``xltools.toml`` in the folder, else the user's settings folder, else the defaults —
    never the folder Python happens to run in (Excel starts it in Python's own folder).

    Args:
        folder: the workbook's folder, or the folder being rolled up; None for none.

    Returns:
        The settings.

    Raises:
        xltools.io.settings.SettingsFileError: the settings file cannot be used.
    """
    from xltools.io.settings import find_settings, load_settings, user_settings_path

    base = folder if folder is not None else user_settings_path().parent
    return load_settings(find_settings(None, [base], cwd=base))


def book_settings(book: xw.Book) -> Settings:
    """The settings for the open workbook: beside it, else the user's.

    Args:
        book: the workbook.

    Returns:
        The settings.

    Raises:
        cloud.CloudNotSyncedError: a cloud workbook without a synced copy (its folder, where
            the organisation's settings are, cannot be seen).
        xltools.io.settings.SettingsFileError: the settings file cannot be used.
    """
    file = workbook_file(book)
    return settings_near(file.parent if file is not None else None)


def alert(book: xw.Book, message: str) -> None:
    """Show a message box in Excel (printed where the engine has none).

    Args:
        book: the workbook.
        message: the text.
    """
    try:
        book.app.alert(message, title="xltools")
    except NOT_SUPPORTED:
        print(message)  # the RunPython console is the last place left to say it


class StatusBar:
    """Progress in Excel's status bar, for work that takes long; cleared when done.

    Updates at most every ``interval`` seconds: each one is a call to Excel.
    """

    def __init__(self, book: xw.Book, interval: float = 0.5) -> None:
        self.app = book.app
        self.interval = interval
        self._shown = -interval
        self.works = True

    def show(self, text: str, *, force: bool = False) -> None:
        """Show ``text`` (unless one was shown within ``interval`` and not ``force``)."""
        now = time.monotonic()
        if not self.works or (not force and now - self._shown < self.interval):
            return
        try:
            self.app.status_bar = text
        except NOT_SUPPORTED:
            self.works = False  # the engine has no status bar
            return
        self._shown = now

    def clear(self) -> None:
        """Give the status bar back to Excel (``False``, as in VBA)."""
        if self.works:
            with contextlib.suppress(*NOT_SUPPORTED):
                self.app.status_bar = False


def unique_sheet_name(book: xw.Book, name: str) -> str:
    """``name``, or ``name (2)``… when a sheet has it (Excel ignores case)."""
    return unique_title(name, (s.name for s in book.sheets))


def unique_table_name(book: xw.Book, name: str) -> str:
    """``name``, or ``name2``… when a table in the book has it."""
    taken: set[str] = set()
    for sheet in book.sheets:
        with contextlib.suppress(*NOT_SUPPORTED):
            taken |= {t.name.casefold() for t in sheet.tables}
    candidate, n = name, 2
    while candidate.casefold() in taken:
        candidate, n = f"{name}{n}", n + 1
    return candidate
