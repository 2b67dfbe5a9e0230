"""Paint many cells of a live sheet in few calls to Excel.

Every call from Python to Excel is a round trip (COM on Windows, AppleScript on macOS, an
action in xlwings' JSON engine), so cells that get the same look are painted together:

- Excel itself (the desktop engines) takes a multi-area range, ``"J3:J9,A4,G4"``, whose
  address may be up to 255 characters long: one call colours or frames all of them;
- engines without multi-area ranges (xlwings' JSON engine) take a whole rectangle of
  colours in one ``Range.set_colors`` call (``...`` leaves a cell as it is), up to 10,000
  cells at a time;
- anything else falls back to one call per cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import groupby
from typing import TYPE_CHECKING

from xltools.addin.looks import NOT_SUPPORTED, SIDES
from xltools.core.marks import split_cell
from xltools.core.plandata import column_letter

if TYPE_CHECKING:
    import xlwings as xw

AREA_LIMIT = 255  # the longest address Excel's Range("...") takes
MATRIX_LIMIT = 10_000  # the most cells xlwings' Range.set_colors takes in one call


def takes_areas(book: xw.Book) -> bool:
    """True when the book's engine is Excel itself, which takes multi-area ranges.

    Args:
        book: the workbook.

    Returns:
        Whether ``sheet.range("A1,C3")`` addresses two cells.
    """
    try:
        return book.app.engine.name == "excel"
    except (*NOT_SUPPORTED, KeyError):
        return False


def _sorted(cells: Iterable[str]) -> list[tuple[int, int]]:
    return sorted({(column, row) for row, column in map(split_cell, cells)})


def areas(cells: Iterable[str], *, runs: bool = True) -> list[str]:
    """Multi-area addresses covering ``cells``, each at most :data:`AREA_LIMIT` long.

    Args:
        cells: addresses such as ``J4``.
        runs: merge cells that touch within a column into one area (``J3:J9``); off when
            each cell must stay its own area (a frame goes round every area).

    Returns:
        Comma-separated addresses, in column then row order.
    """
    parts: list[str] = []
    for column, group in groupby(_sorted(cells), key=lambda cr: cr[0]):
        rows = [row for _, row in group]
        start = previous = rows[0]
        for row in [*rows[1:], None]:
            if runs and row is not None and row == previous + 1:
                previous = row
                continue
            letter = column_letter(column - 1)
            parts.append(f"{letter}{start}" if start == previous
                         else f"{letter}{start}:{letter}{previous}")
            if row is not None:
                start = previous = row
    chunks: list[str] = []
    for part in parts:
        if chunks and len(chunks[-1]) + 1 + len(part) <= AREA_LIMIT:
            chunks[-1] += "," + part
        else:
            chunks.append(part)
    return chunks


def colour_blocks(colours: Mapping[str, str | None]) -> list[tuple[str, list[list[object]]]]:
    """Rectangles of colours for ``Range.set_colors``, each at most :data:`MATRIX_LIMIT` cells.

    Args:
        colours: cell address to ``#rrggbb`` (None: no fill).

    Returns:
        (top-left cell, matrix) pairs; ``...`` marks a cell to leave as it is.
    """
    by_cell = {split_cell(cell): colour for cell, colour in colours.items()}
    if not by_cell:
        return []
    first_col = min(c for _, c in by_cell)
    last_col = max(c for _, c in by_cell)
    width = last_col - first_col + 1
    height = max(1, MATRIX_LIMIT // width)
    rows = sorted({r for r, _ in by_cell})
    blocks = []
    i = 0
    while i < len(rows):
        top = rows[i]
        band = [r for r in rows[i:] if r < top + height]
        i += len(band)
        matrix = [[by_cell.get((r, c), ...) for c in range(first_col, last_col + 1)]
                  for r in range(top, band[-1] + 1)]
        blocks.append((f"{column_letter(first_col - 1)}{top}", matrix))
    return blocks


class Brush:
    """Paints fills and frames on a live workbook's sheets in batches."""

    def __init__(self, book: xw.Book) -> None:
        self.book = book
        self.areas = takes_areas(book)

    def fill(self, sheet: xw.Sheet, colours: Mapping[str, str | None]) -> None:
        """Give cells fills.

        Args:
            sheet: the sheet.
            colours: cell address to ``#rrggbb``, or None to remove the fill.
        """
        if self.areas:
            by_colour: dict[str | None, list[str]] = defaultdict(list)
            for cell, colour in colours.items():
                by_colour[colour].append(cell)
            for colour, cells in by_colour.items():
                for chunk in areas(cells):
                    sheet.range(chunk).color = colour
            return
        try:
            for top_left, matrix in colour_blocks(colours):
                rows, columns = len(matrix), len(matrix[0])
                sheet.range(top_left).resize(rows, columns).set_colors(matrix)
        except NOT_SUPPORTED:
            for cell, colour in colours.items():  # an engine without set_colors
                sheet.range(cell).color = colour

    def frame(self, sheet: xw.Sheet, cells: list[str], colour: str, weight: str) -> None:
        """Draw a frame round each cell.

        Args:
            sheet: the sheet.
            cells: the cells.
            colour: ``#rrggbb``.
            weight: xlwings' border weight, e.g. ``"medium"``.
        """
        targets = areas(cells, runs=False) if self.areas else cells
        for target in targets:
            sheet.range(target).borders.set("outside", line_style="continuous", weight=weight,
                                            color=colour)

    def unframe(self, sheet: xw.Sheet, cells: list[str]) -> None:
        """Take the four edges off each cell.

        Args:
            sheet: the sheet.
            cells: the cells.
        """
        targets = areas(cells, runs=False) if self.areas else cells
        for target in targets:
            sheet.range(target).borders.set(list(SIDES), line_style=None)
