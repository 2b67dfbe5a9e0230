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
    from xltools.addin.callbacks import dispatch as run

    return run(control_id, book)
