"""Add sheet: a plan sheet laid out as the template lays it out, in a live workbook.

Header (required columns darker), widths, an Excel table, drop-downs, date formats and the
template's live colours — overdue red, due soon amber, done grey — as conditional formats
(xlwings 0.37.5+ ``conditional_formats.add_custom``).

The colour rules' formulas use no function names and no list separators: Excel reads a
conditional format's formula in the user's own formula language (``=OG(...)`` with ``;`` in
Danish Excel), so "today" comes from a workbook name defined as ``=TODAY()`` (a name's
formula is always read in English) and AND / OR are written as ``*`` and ``+``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from xltools.addin import live, painter
from xltools.addin.batches import Brush
from xltools.addin.looks import NOT_SUPPORTED, hex_colour
from xltools.core import styles
from xltools.core.plandata import column_letter
from xltools.core.schema import PLANS, VALUE_LISTS, ColumnType, PlanKind
from xltools.core.settings import Settings
from xltools.core.wording import DATE_FORMATS

if TYPE_CHECKING:
    import xlwings as xw

TODAY_NAME = "xltools_today"  # the workbook name the colour rules compare deadlines with
LIST_LIMIT = 255  # Excel's limit for a drop-down's own list of values


def status_rules(kind: PlanKind, lang: str, due_soon_days: int) -> list[tuple[str, str, str | None]]:
    """The conditional colours of a plan sheet, highest priority first.

    Args:
        kind: the plan.
        lang: the sheet's language (the status words compared with).
        due_soon_days: the due-soon window.

    Returns:
        (formula for row 2, fill ``RRGGBB``, font ``RRGGBB`` or None) per rule: done or
        cancelled (grey), overdue (red), due soon (amber); each stops the ones after it.
    """
    schema = PLANS[kind]
    letters = {c.key: column_letter(i) for i, c in enumerate(schema.columns)}
    deadline, status = f"${letters[schema.deadline_key]}2", f"${letters['status']}2"
    statuses = VALUE_LISTS["status"]

    def text(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    done, cancelled = text(statuses.label("done", lang)), text(statuses.label("cancelled", lang))
    open_ = f"({status}<>{done})*({status}<>{cancelled})"
    dated = f'({deadline}<>"")'
    return [
        (f"=({status}={done})+({status}={cancelled})", styles.DONE_FILL, styles.DONE_FONT),
        (f"={dated}*({deadline}<{TODAY_NAME})*{open_}", styles.OVERDUE_FILL, None),
        (f"={dated}*({deadline}>={TODAY_NAME})*({deadline}-{TODAY_NAME}<={due_soon_days})"
         f"*{open_}", styles.DUE_SOON_FILL, None),
    ]


def _freeze_header(book: xw.Book, sheet: xw.Sheet) -> None:
    try:
        sheet.freeze_panes.freeze_at("A2")
        return
    except NOT_SUPPORTED:
        pass  # the desktop engines have no freeze_panes: Excel's window does it
    try:
        window = book.app.api.ActiveWindow  # the sheet is active (see add_plan_sheet)
        window.FreezePanes = False
        window.SplitColumn, window.SplitRow = 0, 1
        window.FreezePanes = True
    except Exception:  # a frozen header is a comfort; the sheet works without
        return


def _colours(book: xw.Book, sheet: xw.Sheet, kind: PlanKind, lang: str, days: int) -> None:
    book.names.add(TODAY_NAME, "=TODAY()")
    last = column_letter(len(PLANS[kind].columns) - 1)
    area = sheet.range(f"A2:{last}{styles.FORMAT_ROWS}")
    # Excel puts each new rule on top: add the lowest priority first.
    for formula, fill, font in reversed(status_rules(kind, lang, days)):
        area.conditional_formats.add_custom(
            formula, fill_color=hex_colour(fill),
            font_color=hex_colour(font) if font else None, stop_if_true=True)


def add_plan_sheet(book: xw.Book, kind: PlanKind, lang: str, settings: Settings) -> str:
    """Add a plan sheet as the template lays it out.

    Args:
        book: the workbook.
        kind: which plan.
        lang: the sheet's language.
        settings: the organisation's settings (topics, due-soon window).

    Returns:
        The new sheet's name.
    """
    schema = PLANS[kind]
    name = live.unique_sheet_name(book, schema.title(lang))
    sheet = painter.add_sheet_last(book, name)
    columns = schema.columns
    last = len(columns)
    rows = styles.TABLE_ROWS + 1
    sheet.range("A1").value = [[c.label(lang) for c in columns]]
    header = sheet.range((1, 1), (1, last))
    brush = Brush(book)
    optional: list[Callable[[], object]] = [
        lambda: brush.fill(sheet, {f"{column_letter(i)}1": hex_colour(
            styles.REQUIRED_HEADER_FILL if c.required else styles.HEADER_FILL)
            for i, c in enumerate(columns)}),
        lambda: setattr(header.font, "color", hex_colour(styles.HEADER_FONT)),
        lambda: setattr(header.font, "bold", True),
        lambda: sheet.tables.add(source=sheet.range((1, 1), (rows, last)),
                                 name=live.unique_table_name(book, schema.table_names[lang])),
        # Excel reads a colour rule's relative references from the active cell, and freezes
        # the active window: the new sheet active, at A2.
        lambda: (sheet.activate(), sheet.range("A2").select()),
        lambda: _freeze_header(book, sheet),
        lambda: _colours(book, sheet, kind, lang, settings.due_soon_days),
    ]
    for i, column in enumerate(columns):
        letter = column_letter(i)
        whole = sheet.range(f"{letter}:{letter}")
        body = sheet.range(f"{letter}2:{letter}{styles.FORMAT_ROWS}")
        optional.append(lambda whole=whole, width=column.width:
                        setattr(whole, "column_width", width))
        if column.type is ColumnType.DATE:
            optional.append(lambda body=body: setattr(body, "number_format", DATE_FORMATS[lang]))
        values = (VALUE_LISTS[column.value_list].labels(lang) if column.value_list
                  else list(settings.topic_suggestions(lang)) if column.key == "topic" else None)
        if values and len(",".join(values)) <= LIST_LIMIT:
            optional.append(lambda body=body, values=values: body.data_validation.set_list(values))
    for step in optional:
        try:
            step()
        except NOT_SUPPORTED:
            continue  # an engine without it still gets a usable sheet
    return name
