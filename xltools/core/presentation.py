"""How outputs look, declared once: date formats, the colours that carry meaning, text widths.

Plain data (no Excel library): the template, the summary's cells and its charts all take their
date formats and status colours from here, so "done" is the same green in a cell and a bar.
Widths are Excel's character units: a digit of the default 11 pt Calibri is 7 px, and a
column adds 5 px padding. Text widths are estimated from a small table of character widths,
on the wide side; good enough to keep header words whole and to give wrapped rows a height.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from xltools.core import styles

# Date formats are declared in core/wording.py, beside the text patterns they must agree with.


@dataclass(frozen=True, slots=True)
class StatusColour:
    """A status's colour: ``strong`` for chart bars and swatches, ``tint`` for cell fills."""

    strong: str  # "#RRGGBB"
    tint: str
    font: str = "#000000"  # text on the tint


# Keyed by status code; "" is an item whose status is blank or not understood.
STATUS_COLOURS: dict[str, StatusColour] = {
    "not_started": StatusColour("#A5A5A5", "#EDEDED"),  # grey
    "in_progress": StatusColour("#4472C4", "#D9E2F3"),  # blue
    "done": StatusColour("#5A9E3E", "#E2EFDA"),  # green
    "postponed": StatusColour("#E7A300", "#FFF2CC"),  # amber
    "cancelled": StatusColour("#D0D0D0", "#F5F5F5", "#7F7F7F"),  # light grey, greyed text
    "": StatusColour("#D9372B", "#" + styles.OVERDUE_FILL),  # no valid status: red
}

# Signals that are not statuses.
HEADER_FILL = "#" + styles.HEADER_FILL  # the template's header blue
HEADER_FONT = "#" + styles.HEADER_FONT
GROUP_FILL = "#D6DCE4"  # an area's subtotal row
TOTAL_FILL = "#ACB9CA"  # the organisation total
OVERDUE_SCALE = ("#FFFFFF", "#F8696B")  # share overdue: none -> half or more
LATE_BANDS: tuple[tuple[int, str, str], ...] = (  # days late from, fill, font: oldest first
    (90, "#C00000", "#FFFFFF"),
    (30, "#F4B183", "#000000"),
    (1, "#FCE4D6", "#000000"),
)
STALE_FILL = "#" + styles.DUE_SOON_FILL  # "last updated" long before the as-of date
FAILED_FILL = "#" + styles.OVERDUE_FILL  # a file that could not be read
ATTENTION_FONT = "#C00000"  # a count that needs someone's attention (overdue, errors)

DIGIT_PX = 7  # Calibri 11 at 96 dpi
COLUMN_PADDING_PX = 5
CELL_MARGIN_PX = 7  # the space a cell keeps free around its text, both sides together

_NARROW = frozenset("iljI.,:;'!|()[]/ ")
_SEMI = frozenset("frt-1")
_WIDE = frozenset("mwMW%@")


class _CharWidths(dict[str, float]):
    """Pixels of one character at 11 pt Calibri, each worked out the first time it is met
    (the roll-up measures every overdue item's text)."""

    def __missing__(self, char: str) -> float:
        if char in _NARROW:
            width = 3.5
        elif char in _SEMI:
            width = 5.0
        elif char in _WIDE:
            width = 10.5
        elif char.isupper():
            width = 8.2
        else:
            width = 7.0
        self[char] = width
        return width


_CHAR_PX = _CharWidths()


def text_px(text: str, *, bold: bool = False) -> float:
    """The estimated width of ``text`` in pixels at 11 pt Calibri (bold a little wider).

    Args:
        text: one line of text.
        bold: whether it is bold (headers are).

    Returns:
        Pixels at 96 dpi.
    """
    width = 0.0
    for char in text:
        width += _CHAR_PX[char]
    # measured against Carlito (metric-compatible with Calibri): the table comes out ~3 %
    # narrow for regular text and bold is ~3 % wider again; rounded up, on the wide side
    return width * (1.06 if bold else 1.03)


def column_px(width: float) -> float:
    """A column's width in pixels.

    Args:
        width: the width in Excel's character units.

    Returns:
        Pixels at 96 dpi, padding included.
    """
    return width * DIGIT_PX + COLUMN_PADDING_PX


def wrap_lines(text: str, width: float, *, bold: bool = False) -> list[str]:
    """The lines a wrapped cell shows ``text`` in, breaking at spaces only.

    Args:
        text: the header or cell text.
        width: the column width (character units).
        bold: whether the text is bold.

    Returns:
        The lines, greedy as Excel fills them; a word too long for a line stays whole
        (Excel breaks it, so a long word counts the lines it takes).
    """
    room = column_px(width) - CELL_MARGIN_PX
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and text_px(candidate, bold=bold) > room:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def line_count(text: object, width: float) -> int:
    """How many lines a wrapped cell needs for its text.

    Args:
        text: the cell's value (anything but text takes one line).
        width: the column width (character units).

    Returns:
        The number of lines, at least 1.
    """
    if not isinstance(text, str) or not text:
        return 1
    room = column_px(width) - CELL_MARGIN_PX
    if text_px(text) <= room and "\n" not in text:
        return 1  # the common case, without wrapping word by word
    return sum(max(1, math.ceil(text_px(line) / room)) for line in wrap_lines(text, width))
