"""How the summary's lists look and print: styles per column kind, header fitting, page set-up.

Widths are Excel's character units (see ``core.presentation.column_px``); text widths are
estimated there too, on the wide side, so every header word shows whole.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from xltools.core.presentation import (
    ATTENTION_FONT,
    CELL_MARGIN_PX,
    COLUMN_PADDING_PX,
    DIGIT_PX,
    FAILED_FILL,
    HEADER_FILL,
    HEADER_FONT,
    LATE_BANDS,
    OVERDUE_SCALE,
    STALE_FILL,
    STATUS_COLOURS,
    column_px,
    text_px,
    wrap_lines,
)
from xltools.core.rollup import NUMBER_KINDS, ColumnKind
from xltools.core.wording import DATE_FORMATS
from xltools.io.writers.base import (
    CellRule,
    ColorScale,
    ConditionalRule,
    DataBar,
    FormulaRule,
    PageSetup,
    Style,
)

PERCENT_FORMAT = "0%"
LINE_HEIGHT = 15.0  # points per line of 11 pt text
INDENT_PX = 9  # one indent level
# A4 landscape is 11.69 in wide; the printable width at 100 % is what the margins leave.
PAGE_WIDTH_IN = 11.69
MARGINS = (0.4, 0.4, 0.6, 0.6)  # left, right, top, bottom (inches); header/footer sit in them
OVERVIEW_MARGINS = (0.25, 0.25, 0.6, 0.6)  # the widest sheet on one page: narrower sides
MIN_PRINT_SCALE = 75  # percent: 11 pt text prints at 8.25 pt, the smallest we call readable
FOOTER = "&C&P / &N"  # page of pages, centred (the page header names the sheet)


def fit_header(text: str, width: float, indent: int = 0, *,
               one_line: bool = False) -> tuple[int, int]:
    """Widen a column until its header's longest word fits, then count the wrapped lines.

    Args:
        text: the header.
        width: the width the column's content wants.
        indent: the column's indent level (its cells and header lose that much room).
        one_line: widen until the whole header fits on one line instead.

    Returns:
        (width, lines): the column width in character units and the header's line count.
    """
    extra = indent * INDENT_PX / DIGIT_PX
    words = [text] if one_line else text.split()
    longest = max((text_px(w, bold=True) for w in words), default=0.0)
    # a header kept on one line has no second line to fall back on: a character of slack
    needed = math.ceil((longest + CELL_MARGIN_PX - COLUMN_PADDING_PX) / DIGIT_PX + extra
                       + (1 if one_line else 0))
    fitted = max(math.ceil(width + extra), needed)
    return fitted, len(wrap_lines(text, fitted - extra, bold=True))


def fit_headers(headers: Sequence[str], widths: Sequence[float],
                indent: Sequence[int] | None = None, *,
                one_line: bool = False) -> tuple[list[int], float]:
    """Column widths and the header row's height so every header shows in full.

    Args:
        headers: the header texts.
        widths: the widths the columns' contents want.
        indent: each column's indent level (see ``indents``); none: no indents.
        one_line: every header on one line (widths from the headers, no taller row).

    Returns:
        The widths and the header row height in points.
    """
    levels = list(indent) if indent is not None else [0] * len(headers)
    fitted = [fit_header(h, w, i, one_line=one_line)
              for h, w, i in zip(headers, widths, levels, strict=True)]
    lines = max((n for _, n in fitted), default=1)
    return [w for w, _ in fitted], LINE_HEIGHT * lines + 3


def header_style(kind: ColumnKind, status: str | None = None, *, indent: int = 0) -> Style:
    """A header cell: bold, wrapped; right-aligned over numbers; a status tinted as its status.

    Args:
        kind: what the column holds.
        status: the status code the column counts, when it does.
        indent: indent (a text column keeps a gap to its neighbour, see ``indents``).

    Returns:
        The header cell's style.
    """
    align = "right" if kind in NUMBER_KINDS else "left"
    if status is not None:
        colour = STATUS_COLOURS[status]
        return Style(bold=True, wrap=True, align=align, valign="vcenter", bg_color=colour.tint,
                     font_color=colour.font, bottom_border="medium", border_color=colour.strong,
                     indent=indent)
    return Style(bold=True, wrap=True, align=align, valign="vcenter", bg_color=HEADER_FILL,
                 font_color=HEADER_FONT, indent=indent)


def indents(kinds: Sequence[ColumnKind]) -> list[int]:
    """Indent every text column but the first: a clipped text never runs into the next one.

    Args:
        kinds: the columns' kinds, left to right.

    Returns:
        Per column: 1 for a text column after the first column, else 0 (numbers keep to the
        right, their header with them).
    """
    return [int(c > 0 and kind not in NUMBER_KINDS) for c, kind in enumerate(kinds)]


def column_style(kind: ColumnKind, lang: str, *, top: bool = False,
                 indent: int = 0) -> Style | None:
    """The format of a column's cells (cells written without one take it).

    Args:
        kind: what the column holds.
        lang: the summary language (date format).
        top: align to the top (lists with rows of several lines).
        indent: indent text (departments under their area, a gap to the column before).

    Returns:
        The style, or None when the default is right.
    """
    valign = "top" if top else None
    # number columns right-aligned outright: a date a user typed as text ("snart") stays
    # under its header like the dates around it
    if kind in (ColumnKind.DATE, ColumnKind.LAST_UPDATED):
        return Style(num_format=DATE_FORMATS[lang], valign=valign, align="right")
    if kind in (ColumnKind.PERCENT, ColumnKind.PERCENT_DONE, ColumnKind.OVERDUE_SHARE):
        return Style(num_format=PERCENT_FORMAT, valign=valign, align="right")
    if kind is ColumnKind.LONG_TEXT:
        return Style(wrap=True, valign=valign, align="left", indent=indent)
    if kind in NUMBER_KINDS:
        return Style(valign=valign, align="right")
    # text columns: left, also for an ID typed as a number, so it sits under its header
    return Style(valign=valign, align="left", indent=indent)


def conditional_rules(kind: ColumnKind, column: str, first_row: int, *,
                      statuses: Sequence[tuple[str, str]] = (), failed_label: str | None = None,
                      stale_before: tuple[int, int, int] | None = None,
                      date_column: str | None = None) -> list[ConditionalRule]:
    """The colours a column carries, readable without a legend.

    Args:
        kind: what the column holds.
        column: its letter (formulas refer to it).
        first_row: the first data row, 1-based as formulas count.
        statuses: (code, label) of every valid status, labels in the summary language.
        failed_label: the "Failed" outcome in the summary language.
        stale_before: (year, month, day): "last updated" before it is stale.
        date_column: the letter of the "last updated" column (a name cell is flagged with it).

    Returns:
        The rules, most urgent first (Excel gives the first matching rule precedence).
    """
    cell = f"{column}{first_row}"
    if kind is ColumnKind.PERCENT_DONE:
        return [DataBar(STATUS_COLOURS["done"].strong, 0, 1)]
    if kind is ColumnKind.OVERDUE_SHARE:
        # fixed limits: full red at half the items overdue, in every summary alike
        return [ColorScale(OVERDUE_SCALE[0], OVERDUE_SCALE[1], min_value=0, max_value=0.5)]
    if kind is ColumnKind.OVERDUE:
        return [CellRule(">", 0, Style(bold=True, font_color=ATTENTION_FONT))]
    if kind is ColumnKind.ERRORS:
        return [CellRule(">", 0, Style(font_color=ATTENTION_FONT))]
    if kind is ColumnKind.DAYS_LATE:
        return [CellRule(">=", days, Style(bg_color=fill, font_color=font, bold=days >= 90))
                for days, fill, font in LATE_BANDS]
    if kind is ColumnKind.STATUS and statuses:
        rules: list[ConditionalRule] = []
        for code, label in statuses:
            colour = STATUS_COLOURS[code]
            rules.append(FormulaRule(f"{cell}={_quoted(label)}",
                                     Style(bg_color=colour.tint, font_color=colour.font)))
        # blank or a word outside the list: no valid status
        unknown = ",".join(f"{cell}<>{_quoted(label)}" for _, label in statuses)
        rules.append(FormulaRule(f"AND({unknown})", Style(bg_color=STATUS_COLOURS[""].tint)))
        return rules
    if kind is ColumnKind.OUTCOME and failed_label:
        return [FormulaRule(f"{cell}={_quoted(failed_label)}", Style(bg_color=FAILED_FILL))]
    if stale_before and (kind is ColumnKind.LAST_UPDATED
                         or (kind is ColumnKind.NAME and date_column)):
        ref = f"{column}{first_row}" if kind is ColumnKind.LAST_UPDATED \
            else f"${date_column}{first_row}"
        year, month, day = stale_before
        return [FormulaRule(f"AND(ISNUMBER({ref}),{ref}<DATE({year},{month},{day}))",
                            Style(bg_color=STALE_FILL))]
    return []


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def page_width_px(margins: tuple[float, float, float, float] = MARGINS) -> float:
    """The printable width of an A4 landscape page at 100 %.

    Args:
        margins: left, right, top, bottom in inches.

    Returns:
        Pixels at 96 dpi.
    """
    return (PAGE_WIDTH_IN - margins[0] - margins[1]) * 96


def list_page_setup(widths: Sequence[float], *, print_columns: int | None = None,
                    last_row: int = 1, header: str | None = None) -> PageSetup:
    """How a list prints: fitted to the page width while that stays readable, else pages across.

    Args:
        widths: every column's width.
        print_columns: print only the first columns (the ones that matter on paper).
        last_row: the list's last row (0-based), the print area's end.
        header: the page header (Excel codes).

    Returns:
        A4 landscape with the header row on every page; fitted to one page wide when the
        scale stays at or above ``MIN_PRINT_SCALE``, else at that scale with the first
        column repeated and pages printed across, then down (a row's pages come together).
    """
    shown = list(widths[:print_columns] if print_columns else widths)
    needed = sum(column_px(w) for w in shown)
    area = (0, 0, last_row, len(shown) - 1) if print_columns else None
    if needed * MIN_PRINT_SCALE / 100 <= page_width_px():
        return PageSetup(fit_width=1, fit_height=0, margins=MARGINS, footer=FOOTER,
                         header=header, print_area=area)
    return PageSetup(scale=MIN_PRINT_SCALE, repeat_cols=(0, 0), across_first=True,
                     margins=MARGINS, footer=FOOTER, header=header, print_area=area)
