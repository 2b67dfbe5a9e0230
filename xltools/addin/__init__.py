"""The Excel add-in: ribbon table, .xlam builder and the button callbacks (``dispatch``)."""

from __future__ import annotations

from typing import Any


def dispatch(control_id: str, book: Any = None) -> object:
    """Run a ribbon button's Python function; what the VBA ``OnButton`` calls.

    Imported lazily so that building the add-in (``xltools.addin.build``) never loads xlwings.

    Args:
        control_id: the button's id in ``customUI14.xml``.
        book: an xlwings ``Book``; by default ``xw.Book.caller()``.

    Returns:
        What the button's function returned.
    """
    from xltools.addin.ribbon import dispatch as run

    return run(control_id, book)


def dispatch_picked(control_id: str, *encoded: str) -> object:
    """Run a button after Excel's dialogs; what the VBA ``OnPickButton`` calls.

    Args:
        control_id: the button's id in ``customUI14.xml``.
        encoded: the chosen paths, hexadecimal UTF-16 (see ``ribbon.decode_path``).

    Returns:
        What the button's function returned.
    """
    from xltools.addin.ribbon import dispatch_picked as run

    return run(control_id, *encoded)
