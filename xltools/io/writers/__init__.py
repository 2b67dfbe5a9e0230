"""Pick the workbook writer for the summary: rvgsrust-xlsxwriter when installed, else XlsxWriter.

``XLTOOLS_WRITER=xlsxwriter`` or ``XLTOOLS_WRITER=rvgsrust`` forces one (the tests run the
roll-up with each).
"""

from __future__ import annotations

import importlib.util
import os

from xltools.errors import XltoolsError
from xltools.io.writers.base import BookWriter

WRITER_VARIABLE = "XLTOOLS_WRITER"
WRITERS = ("xlsxwriter", "rvgsrust")


def fast_writer_installed() -> bool:
    """Whether the optional fast writer (the ``fast`` extra) can be imported."""
    return importlib.util.find_spec("rvgsrust_xlsxwriter") is not None


def writer_name(prefer: str | None = None) -> str:
    """Which writer a new workbook gets.

    Args:
        prefer: 'xlsxwriter' or 'rvgsrust'; by default the ``XLTOOLS_WRITER`` environment
            variable, else the fast writer when installed.

    Returns:
        The writer's name.

    Raises:
        XltoolsError: an unknown writer, or the fast writer asked for but not installed.
    """
    choice = (prefer or os.environ.get(WRITER_VARIABLE) or "").strip().lower()
    if not choice:
        return "rvgsrust" if fast_writer_installed() else "xlsxwriter"
    if choice not in WRITERS:
        raise XltoolsError(f"{WRITER_VARIABLE}={choice}: unknown writer; choose "
                           + " or ".join(WRITERS))
    if choice == "rvgsrust" and not fast_writer_installed():
        raise XltoolsError("the fast writer is not installed: pip install 'xltools-plans[fast]'")
    return choice


def open_book(prefer: str | None = None) -> BookWriter:
    """A new, empty workbook from the chosen writer (see ``writer_name``)."""
    if writer_name(prefer) == "rvgsrust":
        from xltools.io.writers.rvgsrust import RvgsrustBook

        return RvgsrustBook()
    from xltools.io.writers.xlsxwriter import XlsxWriterBook

    return XlsxWriterBook()
