"""A live cell's own look as the marks record keeps it: fills and borders as styles.xml XML.

The record is shared with the file painter (``xltools.core.marks``), which stores a cell's
fill and border as the ``<fill>`` and ``<border>`` elements of styles.xml; the add-in reads a
live cell's look through xlwings and writes it in that form, and reads it back to restore.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import xlwings as xw

NOT_SUPPORTED = (NotImplementedError, AttributeError)
SIDES = {"edge_left": "left", "edge_right": "right", "edge_top": "top", "edge_bottom": "bottom"}
# (xlwings line style, weight) <-> OOXML border style
_STYLES = {
    ("continuous", "hairline"): "hair", ("continuous", "thin"): "thin",
    ("continuous", "medium"): "medium", ("continuous", "thick"): "thick",
    ("dash", "thin"): "dashed", ("dash", "medium"): "mediumDashed", ("dot", "thin"): "dotted",
    ("dash_dot", "thin"): "dashDot", ("dash_dot", "medium"): "mediumDashDot",
    ("dash_dot_dot", "thin"): "dashDotDot", ("dash_dot_dot", "medium"): "mediumDashDotDot",
    ("double", "thick"): "double", ("slant_dash_dot", "medium"): "slantDashDot",
}
_LINES = {style: line for line, style in _STYLES.items()}
_RGB = re.compile(r'fgColor[^>]*\brgb="([0-9A-Fa-f]{6,8})"')
_SIDE_XML = re.compile(r'<(left|right|top|bottom)\b[^>]*\bstyle="(\w+)"[^>]*>(.*?)</\1>', re.S)
_COLOUR = re.compile(r'\brgb="([0-9A-Fa-f]{6,8})"')


def hex_colour(colour: str) -> str:
    """``RRGGBB`` / ``AARRGGBB`` / ``#RRGGBB`` as xlwings takes it: ``#rrggbb``."""
    return "#" + colour.lstrip("#")[-6:].lower()


def fill_xml(colour: str | None) -> str:
    """A solid fill as the marks record stores it (``<fill>`` as in styles.xml), '' for none.

    Args:
        colour: ``RRGGBB`` / ``#RRGGBB``, or None for no fill.

    Returns:
        The XML the file painter also reads and writes.
    """
    if not colour:
        return ""
    rgb = colour.lstrip("#").upper()[-6:]
    return (f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/>'
            f'<bgColor rgb="FF{rgb}"/></patternFill></fill>')


def fill_colour(xml: object) -> str | None:
    """The ``#rrggbb`` of a recorded fill, None for none.

    Args:
        xml: the record's fill field.

    Returns:
        The colour to restore, or None (no fill; a theme colour cannot be set through xlwings).
    """
    if not isinstance(xml, str) or not xml.strip():
        return None
    if xml.startswith("#"):
        return xml.lower()
    found = _RGB.search(xml)
    return "#" + found.group(1)[-6:].lower() if found else None


def colour_of(cell: xw.Range) -> str | None:
    """The cell's own fill as ``#rrggbb``; None when it has none or the engine cannot say.

    Args:
        cell: one cell.

    Returns:
        The colour, or None.
    """
    try:
        colour = cell.color
    except NOT_SUPPORTED:
        return None  # the JSON engine: a plan's data cells carry no fill of their own
    if colour is None:
        return None
    if isinstance(colour, tuple):
        return "#{:02x}{:02x}{:02x}".format(*colour)
    return str(colour).lower()


def border_xml(cell: xw.Range) -> str | None:
    """The cell's own four edges as a ``<border>`` element ('' for none); None when unreadable.

    One read answers for the usual cell without borders (all sides share "none"); the sides
    are read one by one only when they differ.

    Args:
        cell: one cell.

    Returns:
        The XML the record keeps, or None when the engine cannot say (then no frame is painted).
    """
    sides = []
    try:
        if cell.borders.line_style == "none":
            return ""
        for side, name in SIDES.items():
            border = cell.borders[side]
            line = border.line_style
            if line in (None, "none"):
                continue
            style = _STYLES.get((line, border.weight or "thin"), "thin")
            rgb = border.color
            colour = f'<color rgb="FF{"{:02X}{:02X}{:02X}".format(*rgb)}"/>' if rgb else ""
            sides.append(f'<{name} style="{style}">{colour}</{name}>')
    except (*NOT_SUPPORTED, TypeError, KeyError):
        return None
    return f"<border>{''.join(sides)}</border>" if sides else ""


def restore_border(cell: xw.Range, xml: str) -> None:
    """Give a cell back the four edges of a recorded ``<border>`` ('' for none).

    Args:
        cell: one cell (or several cells that all had this border).
        xml: the record's border field.
    """
    found = {m.group(1): (m.group(2), _COLOUR.search(m.group(3))) for m in _SIDE_XML.finditer(xml)}
    for side, name in SIDES.items():
        if name not in found:
            cell.borders[side].line_style = None
            continue
        style, colour = found[name]
        line, weight = _LINES.get(style, ("continuous", "thin"))
        cell.borders.set(side, line_style=line, weight=weight,
                         color="#" + colour.group(1)[-6:] if colour else "#000000")
