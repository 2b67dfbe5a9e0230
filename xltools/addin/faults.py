"""When a button fails: one plain message for the user, the traceback in a log file.

A traceback in a pop-up helps nobody at a manager's desk; the log (per user, see
``userenv.log_file``, named by the Help button) keeps it for whoever supports them.
"""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

import xltools
from xltools.addin.cloud import CloudNotSyncedError
from xltools.core.texts import addin as texts
from xltools.errors import UnreadableWorkbookError, XltoolsError

LOG_LIMIT = 1_000_000  # bytes; then the log starts afresh, keeping one older file


def log_failure(control_id: str, error: BaseException, log: Path) -> Path | None:
    """Append a failure with its traceback to the log.

    Args:
        control_id: the button.
        error: what went wrong.
        log: the log file.

    Returns:
        The log file, or None when it could not be written (a locked-down profile).
    """
    entry = (f"--- {datetime.now().isoformat(timespec='seconds')} button {control_id}: "
             f"xltools {xltools.__version__}, Python {sys.version.split()[0]}, "
             f"{platform.platform()}\n"
             + "".join(traceback.format_exception(error)))
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        if log.is_file() and log.stat().st_size > LOG_LIMIT:
            log.replace(log.with_name(log.name + ".1"))
        with log.open("a", encoding="utf-8") as file:
            file.write(entry)
    except OSError:
        return None
    return log


def reason(error: BaseException, lang: str) -> str:
    """What went wrong, in words for the user.

    Args:
        error: the exception.
        lang: the message's language.

    Returns:
        xltools' own message for its errors (which are written for users), the system's
        for a file that could not be read or written, else "an unexpected error (Kind)".
    """
    if isinstance(error, UnreadableWorkbookError):
        return f"{error.path}: {error.localized_reason(lang)}"
    if isinstance(error, XltoolsError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror}"
    return texts.UNEXPECTED[lang].format(kind=type(error).__name__)


def message(error: BaseException, lang: str, log: Path | None, *, marking: bool = False) -> str:
    """The one message a failed button shows.

    Args:
        error: the exception.
        lang: the message's language.
        log: where the traceback went (None: nowhere).
        marking: the button paints marks (then it says Clear marks undoes what was done).

    Returns:
        The text for the alert.
    """
    if isinstance(error, CloudNotSyncedError):
        return texts.CLOUD_NOT_SYNCED[lang]
    lines = [texts.FAILED[lang].format(reason=reason(error, lang))]
    if marking:
        lines.append(texts.MARKS_KEPT[lang])
    if log is not None:
        lines.append(texts.LOGGED[lang].format(log=log))
    return "\n".join(lines)
