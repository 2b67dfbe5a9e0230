"""From a ribbon button's id to its Python function, through an explicit table.

The VBA calls ``dispatch('<id>')`` (``OnButton``) or ``dispatch_picked('<id>', '<hex>'…)``
(``OnPickButton``, after Excel's folder and Save As dialogs). Every button runs inside one
guard: whatever goes wrong, the user sees one plain message in the workbook's language and
the traceback goes to the log file the Help button names — never a traceback in a pop-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from xltools.addin import buttons, callbacks, faults, live, userenv

if TYPE_CHECKING:
    import xlwings as xw


@dataclass(frozen=True)
class Action:
    """What a button runs: a function of the book, and the keywords its dialogs' paths fill."""

    run: Callable[..., object]
    paths: tuple[str, ...] = ()  # keyword per dialog of the button, in the dialogs' order
    marks: bool = False  # it paints marks (a failure then says Clear marks undoes them)


ACTIONS: dict[str, Action] = {
    "new_workbook": Action(callbacks.new_workbook, ("target",)),
    "add_action_plan": Action(callbacks.add_action_plan),
    "add_activity_plan": Action(callbacks.add_activity_plan),
    "add_communication_plan": Action(callbacks.add_communication_plan),
    "validate": Action(callbacks.validate, marks=True),
    "highlight_overdue": Action(callbacks.highlight_overdue, marks=True),
    "clear_marks": Action(callbacks.clear_marks),
    "rollup_folder": Action(callbacks.rollup_folder, ("folder", "target")),
    "chase_lists": Action(callbacks.chase_lists, ("folder", "out_dir")),
    "help": Action(callbacks.help),
}


def decode_path(encoded: str) -> str:
    """A path as the VBA hands it over: hexadecimal UTF-16 code units, four digits each.

    Args:
        encoded: e.g. ``"0043003A005C"`` for ``C:\\``.

    Returns:
        The path.

    Raises:
        ValueError: not such a string.
    """
    if len(encoded) % 4:
        raise ValueError(f"not a path from the ribbon: {encoded[:40]!r}")
    return bytes.fromhex(encoded).decode("utf-16-be")


def _language(book: xw.Book) -> str:
    """The workbook's language, for a message about a failure (which may have been reading it)."""
    try:
        settings = live.book_settings(book)
    except Exception:
        settings = None
    try:
        return live.language(live.read_book(book), settings)
    except Exception:
        return settings.language if settings is not None and settings.language \
            else userenv.user_language()


def dispatch(control_id: str, book: xw.Book | None = None, *,
             paths: Sequence[str | Path] = ()) -> object:
    """Run the Python function of a ribbon button (what the VBA calls).

    Args:
        control_id: the button's id in ``customUI14.xml``.
        book: the workbook; by default ``xw.Book.caller()``.
        paths: what the button's dialogs chose, in their order.

    Returns:
        What the button's function returned; None when it failed (after saying so).

    Raises:
        KeyError: no ribbon control has that id.
        ValueError: the control is not a button, or more paths came than it has dialogs.
    """
    control = buttons.control(control_id)
    if control.kind != "button":
        raise ValueError(f"ribbon control {control_id!r} is a {control.kind}, not a button")
    action = ACTIONS[control_id]
    if len(paths) > len(action.paths):
        raise ValueError(f"button {control_id!r} takes {len(action.paths)} paths, got {len(paths)}")
    book = live.caller(book)
    options = {name: Path(path) for name, path in zip(action.paths, paths, strict=False)}
    try:
        return action.run(book, **options)
    except Exception as error:
        log = faults.log_failure(control_id, error, userenv.log_file())
        live.alert(book, faults.message(error, _language(book), log, marking=action.marks))
        return None


def dispatch_picked(control_id: str, *encoded: str) -> object:
    """Run a button whose dialogs chose paths (what the VBA ``OnPickButton`` calls).

    Args:
        control_id: the button's id.
        encoded: each chosen path, as :func:`decode_path` reads it.

    Returns:
        What the button's function returned.
    """
    return dispatch(control_id, paths=[decode_path(e) for e in encoded])
