"""The summary written with XlsxWriter (the default writer; pure Python, every platform)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xltools.io.writers.base import (
    CellRule,
    CellValue,
    ChartSpec,
    ColorScale,
    ConditionalRule,
    DataBar,
    FormulaRule,
    PageSetup,
    Properties,
    Style,
    StyleFormats,
    TableSpec,
)

_BORDER = {"thin": 1, "medium": 2}
_CHART_TYPES = {"bar_stacked": ("bar", "stacked"), "column_stacked": ("column", "stacked"),
                "line": ("line", None)}


def table_style_name(style: str) -> str:
    """XlsxWriter's name of a table style given as ``medium2`` / ``light9``."""
    for family in ("light", "medium", "dark"):
        if style.startswith(family):
            return f"Table Style {family.capitalize()} {style[len(family):]}"
    return style


class _NoCellIndex(dict[tuple[int, int], str]):
    """Stands in for XlsxWriter's index of every cell under a table (``table_cells``), kept
    only to refuse a merge or table over another table: about 110 bytes a cell, 400 MB for
    a large roll-up's lists. Each summary sheet has one table and no merge under it."""

    def __setitem__(self, key: tuple[int, int], value: str) -> None:
        pass


class XlsxWriterSheet:
    """One worksheet of an XlsxWriter workbook."""

    def __init__(self, book: XlsxWriterBook, worksheet: Any) -> None:
        self._book = book
        self._ws = worksheet
        worksheet.table_cells = _NoCellIndex()
        # XlsxWriter's set_row sets height, format and outline level at once: each call keeps
        # what the others set
        self._rows: dict[int, tuple[float | None, Style | None, int]] = {}

    def write_rows(self, first_row: int, rows: Sequence[Sequence[CellValue]],
                   first_col: int = 0) -> None:
        write_row, write = self._ws.write_row, self._ws.write
        for offset, row in enumerate(rows):
            if write_row(first_row + offset, first_col, row):
                # write_row stops at the first cell it refuses; the rest of the row still counts
                for c, value in enumerate(row):
                    if write(first_row + offset, first_col + c, value):
                        raise ValueError(f"XlsxWriter refused the value {value!r}")

    def write(self, row: int, col: int, value: CellValue, style: Style | None = None) -> None:
        self._ws.write(row, col, value, self._book.format(style))

    def write_link(self, row: int, col: int, target: str, text: str,
                   style: Style | None = None) -> None:
        self._ws.write_url(row, col, f"internal:{target}", self._book.format(style), text)

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int,
              value: CellValue, style: Style | None = None) -> None:
        self._ws.merge_range(first_row, first_col, last_row, last_col, value,
                             self._book.format(style))

    def set_column(self, col: int, width: float, style: Style | None = None) -> None:
        self._ws.set_column(col, col, width, self._book.format(style))

    def set_row(self, row: int, height: float, style: Style | None = None) -> None:
        level = self._rows.get(row, (None, None, 0))[2]
        self._rows[row] = (height, style, level)
        self._ws.set_row(row, height, self._book.format(style), {"level": level})

    def add_table(self, first_row: int, first_col: int, last_row: int, table: TableSpec) -> None:
        columns = []
        for header, style in zip(table.headers, table.column_header_styles(), strict=True):
            header_format = self._book.format(style)
            columns.append({"header": header,
                            **({"header_format": header_format} if header_format else {})})
        self._ws.add_table(first_row, first_col, last_row, first_col + len(columns) - 1, {
            "name": table.name, "style": table_style_name(table.style), "columns": columns,
            "banded_rows": table.banded_rows,
        })

    def add_conditional(self, first_row: int, first_col: int, last_row: int, last_col: int,
                        rule: ConditionalRule) -> None:
        options: dict[str, Any]
        if isinstance(rule, DataBar):
            options = {"type": "data_bar", "bar_color": rule.color, "bar_solid": True,
                       "min_type": "num", "min_value": rule.minimum,
                       "max_type": "num", "max_value": rule.maximum}
        elif isinstance(rule, CellRule):
            options = {"type": "cell", "criteria": rule.operator, "value": rule.value,
                       "format": self._book.format(rule.style)}
        elif isinstance(rule, FormulaRule):
            options = {"type": "formula", "criteria": "=" + rule.formula.lstrip("="),
                       "format": self._book.format(rule.style), "stop_if_true": rule.stop_if_true}
        elif isinstance(rule, ColorScale):
            options = ({"type": "2_color_scale", "min_color": rule.min_color,
                        "max_color": rule.max_color} if rule.mid_color is None else
                       {"type": "3_color_scale", "min_color": rule.min_color,
                        "mid_color": rule.mid_color, "max_color": rule.max_color})
            if rule.min_value is not None:
                options.update(min_type="num", min_value=rule.min_value)
            if rule.max_value is not None:
                options.update(max_type="num", max_value=rule.max_value)
        else:  # pragma: no cover - the union is closed
            raise TypeError(f"unknown conditional rule {rule!r}")
        self._ws.conditional_format(first_row, first_col, last_row, last_col, options)

    def add_chart(self, row: int, col: int, chart: ChartSpec) -> None:
        kind, subtype = _CHART_TYPES[chart.kind]
        xl_chart = self._book.workbook.add_chart(
            {"type": kind, **({"subtype": subtype} if subtype else {})})
        for series in chart.series:
            options: dict[str, Any] = {"name": "=" + series.name,
                                       "categories": "=" + series.categories,
                                       "values": "=" + series.values}
            if series.color:
                if kind == "line":
                    options["line"] = {"color": series.color, "width": 2.25}
                    options["marker"] = {"type": "circle", "size": 6,
                                         "fill": {"color": series.color},
                                         "border": {"color": series.color}}
                else:
                    options["fill"] = {"color": series.color}
                    options["border"] = {"none": True}
            if chart.gap is not None and kind != "line":
                options["gap"] = chart.gap
            xl_chart.add_series(options)
        xl_chart.set_title({"name": chart.title, "name_font": {"size": 12}})
        value_axis: dict[str, Any] = {}
        if chart.value_num_format:
            value_axis["num_format"] = chart.value_num_format
        if chart.value_min is not None:
            value_axis["min"] = chart.value_min
        if chart.value_max is not None:
            value_axis["max"] = chart.value_max
        category_axis: dict[str, Any] = {"reverse": True} if chart.reverse_categories else {}
        if chart.axis_font_size:
            value_axis["num_font"] = {"size": chart.axis_font_size}
            category_axis["num_font"] = {"size": chart.axis_font_size}
        # In a bar chart XlsxWriter's x axis is the (horizontal) value axis.
        if kind == "bar":
            xl_chart.set_x_axis(value_axis)
            xl_chart.set_y_axis(category_axis)
        else:
            xl_chart.set_x_axis(category_axis)
            xl_chart.set_y_axis(value_axis)
        xl_chart.set_legend({"none": True} if chart.legend == "none" else {"position": chart.legend})
        xl_chart.set_size({"width": chart.width, "height": chart.height})
        self._ws.insert_chart(row, col, xl_chart, {"object_position": 1})

    def group_rows(self, first_row: int, last_row: int) -> None:
        # the summary row sits above its group (an area's subtotal over its departments)
        self._ws.outline_settings(True, False, True, False)
        for row in range(first_row, last_row + 1):
            height, style, _ = self._rows.get(row, (None, None, 0))
            self._rows[row] = (height, style, 1)
            self._ws.set_row(row, height, self._book.format(style), {"level": 1})

    def hide_gridlines(self) -> None:
        self._ws.hide_gridlines(2)

    def freeze(self, row: int, col: int = 0) -> None:
        self._ws.freeze_panes(row, col)

    def page(self, setup: PageSetup) -> None:
        ws = self._ws
        if setup.landscape:
            ws.set_landscape()
        if setup.paper_a4:
            ws.set_paper(9)
        if setup.fit_width or setup.fit_height:
            ws.fit_to_pages(setup.fit_width, setup.fit_height)
        elif setup.scale:
            ws.set_print_scale(setup.scale)
        if setup.repeat_rows is not None:
            ws.repeat_rows(*setup.repeat_rows)
        if setup.repeat_cols is not None:
            ws.repeat_columns(*setup.repeat_cols)
        if setup.across_first:
            ws.print_across()
        if setup.center_horizontally:
            ws.center_horizontally()
        if setup.print_area is not None:
            ws.print_area(*setup.print_area)
        left, right, top, bottom = setup.margins
        ws.set_margins(left=left, right=right, top=top, bottom=bottom)
        if setup.footer:
            ws.set_footer(setup.footer)
        if setup.header:
            ws.set_header(setup.header)
        if setup.break_rows:
            ws.set_h_pagebreaks(list(setup.break_rows))

    def activate(self) -> None:
        self._ws.activate()

    def hide(self) -> None:
        self._ws.hide()

    def set_tab_color(self, color: str) -> None:
        self._ws.set_tab_color(color)


class XlsxWriterBook:
    """A workbook written by XlsxWriter; the file name is given when it is saved."""

    name = "xlsxwriter"

    def __init__(self) -> None:
        import xlsxwriter

        # Text stays text: never a formula, a link or a number (users' cells start with
        # "=", "+", "-", "@" and contain addresses).
        self.workbook = xlsxwriter.Workbook(None, {
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            "default_date_format": "yyyy-mm-dd", "nan_inf_to_errors": True,
        })
        # the XlsxWriter format of a Style
        self.format = StyleFormats(lambda style: self.workbook.add_format(_format_options(style)))

    def add_sheet(self, title: str) -> XlsxWriterSheet:
        return XlsxWriterSheet(self, self.workbook.add_worksheet(title))

    def set_properties(self, properties: Properties) -> None:
        self.workbook.set_properties({
            "title": properties.title, "subject": properties.subject,
            "keywords": properties.keywords, "comments": properties.comments,
            "author": properties.author,
        })

    def close(self, path: Path, *, large: bool = False) -> None:
        # XlsxWriter takes the file name at creation; the final (temporary) name is only
        # known now, and it is read when the workbook is stored.
        self.workbook.filename = str(path)
        if large:  # zip64 only when needed: LibreOffice cannot open zip64 workbooks
            self.workbook.use_zip64()
        from xlsxwriter.exceptions import FileCreateError

        try:
            self.workbook.close()
        except FileCreateError as error:  # wraps the OSError (disk full, permissions)
            cause = error.args[0] if error.args else None
            raise cause if isinstance(cause, OSError) else OSError(str(error)) from None


def _format_options(style: Style) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if style.bold:
        options["bold"] = True
    if style.italic:
        options["italic"] = True
    if style.font_color:
        options["font_color"] = style.font_color
    if style.font_size:
        options["font_size"] = style.font_size
    if style.bg_color:
        options["bg_color"] = style.bg_color
        options["pattern"] = 1
    if style.num_format:
        options["num_format"] = style.num_format
    if style.wrap:
        options["text_wrap"] = True
    if style.align:
        options["align"] = style.align
    if style.valign:
        options["valign"] = style.valign
    if style.border:
        options["border"] = _BORDER[style.border]
    if style.border_color:
        options["border_color"] = style.border_color
    if style.bottom_border:
        options["bottom"] = _BORDER[style.bottom_border]
    if style.indent:
        options["indent"] = style.indent
    return options
