"""The summary written with rvgsrust-xlsxwriter (a binding of the Rust ``rust_xlsxwriter``).

The optional ``fast`` extra: about twice as fast as XlsxWriter on the row sheets of a large
roll-up and with a smaller footprint, but young and with wheels for fewer platforms, so it
is used when it is installed and never required.
"""

from __future__ import annotations

import errno
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

_RULES = {">": "set_rule_greater_than", ">=": "set_rule_greater_than_or_equal_to",
          "<": "set_rule_less_than", "<=": "set_rule_less_than_or_equal_to",
          "==": "set_rule_equal_to", "!=": "set_rule_not_equal_to"}
_LEGEND = {"bottom": "bottom", "right": "right", "top": "top"}


class RvgsrustSheet:
    """One worksheet of an rvgsrust-xlsxwriter workbook."""

    def __init__(self, book: RvgsrustBook, worksheet: Any) -> None:
        self._book = book
        self._ws = worksheet

    def write_rows(self, first_row: int, rows: Sequence[Sequence[CellValue]],
                   first_col: int = 0) -> None:
        if rows:
            # write_rows wants lists; our rows are lists already, so nothing is copied
            self._ws.write_rows(first_row, first_col, rows)

    def write(self, row: int, col: int, value: CellValue, style: Style | None = None) -> None:
        fmt = self._book.format(style)
        if fmt is None:
            self._ws.write(row, col, value)
        else:
            self._ws.write(row, col, value, fmt)

    def write_link(self, row: int, col: int, target: str, text: str,
                   style: Style | None = None) -> None:
        self._ws.write_url(row, col, f"internal:{target}", self._book.format(style), text)

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int,
              value: CellValue, style: Style | None = None) -> None:
        self._ws.merge_range(first_row, first_col, last_row, last_col, value,
                             self._book.format(style))

    def set_column(self, col: int, width: float, style: Style | None = None) -> None:
        self._ws.set_column_width(col, width)
        fmt = self._book.format(style)
        if fmt is not None:
            self._ws.set_column_format(col, fmt)

    def set_row(self, row: int, height: float, style: Style | None = None) -> None:
        self._ws.set_row_height(row, height)
        fmt = self._book.format(style)
        if fmt is not None:
            self._ws.set_row_format(row, fmt)

    def add_table(self, first_row: int, first_col: int, last_row: int, table: TableSpec) -> None:
        from rvgsrust_xlsxwriter import Table, TableColumn

        columns = []
        for header, style in zip(table.headers, table.column_header_styles(), strict=True):
            header_format = self._book.format(style)
            column = TableColumn().set_header(header)
            if header_format is not None:
                column = column.set_header_format(header_format)
            columns.append(column)
        xl_table = (Table().set_name(table.name).set_style(table.style)
                    .set_banded_rows(table.banded_rows).set_columns(columns))
        self._ws.add_table(first_row, first_col, last_row, first_col + len(columns) - 1, xl_table)

    def add_conditional(self, first_row: int, first_col: int, last_row: int, last_col: int,
                        rule: ConditionalRule) -> None:
        import rvgsrust_xlsxwriter as rx

        # the conditional formats' setters change the object and return None: no chaining
        cf: Any
        if isinstance(rule, DataBar):
            cf = rx.ConditionalFormatDataBar()
            cf.set_fill_color(rule.color)
            cf.set_minimum("number", rule.minimum)
            cf.set_maximum("number", rule.maximum)
            cf.set_solid_fill(True)
        elif isinstance(rule, CellRule):
            cf = rx.ConditionalFormatCell()
            getattr(cf, _RULES[rule.operator])(rule.value)
            cf.set_format(self._book.format(rule.style))
        elif isinstance(rule, FormulaRule):
            cf = rx.ConditionalFormatFormula()
            cf.set_rule("=" + rule.formula.lstrip("="))
            cf.set_format(self._book.format(rule.style))
            cf.set_stop_if_true(rule.stop_if_true)
        elif isinstance(rule, ColorScale):
            if rule.mid_color is None:
                cf = rx.ConditionalFormat2ColorScale()
            else:
                cf = rx.ConditionalFormat3ColorScale()
                cf.set_midpoint_color(rule.mid_color)
            cf.set_minimum_color(rule.min_color)
            cf.set_maximum_color(rule.max_color)
            if rule.min_value is not None:
                cf.set_minimum("number", rule.min_value)
            if rule.max_value is not None:
                cf.set_maximum("number", rule.max_value)
        else:  # pragma: no cover - the union is closed
            raise TypeError(f"unknown conditional rule {rule!r}")
        self._ws.add_conditional_format(first_row, first_col, last_row, last_col, cf)

    def add_chart(self, row: int, col: int, chart: ChartSpec) -> None:
        import rvgsrust_xlsxwriter as rx

        xl_chart = rx.Chart(chart.kind)
        for spec in chart.series:
            series = rx.ChartSeries()  # some setters return None: no chaining
            series.set_name(spec.name)
            series.set_categories(spec.categories)
            series.set_values(spec.values)
            if spec.color:
                fmt = rx.ChartFormat()
                if chart.kind == "line":
                    fmt.set_line_color(spec.color)
                    fmt.set_line_width(2.25)
                    marker = rx.ChartMarker()
                    marker.set_type("circle")
                    marker.set_size(6)
                    marker_format = rx.ChartFormat()
                    marker_format.set_fill_color(spec.color)
                    marker_format.set_line_color(spec.color)
                    marker.set_format(marker_format)
                    series.set_marker(marker)
                else:
                    fmt.set_fill_color(spec.color)
                    fmt.set_no_border()
                series.set_format(fmt)
            if chart.gap is not None and chart.kind != "line":
                series.set_gap(chart.gap)
            xl_chart.push_series(series)
        xl_chart.set_title_name(chart.title)
        # In a bar chart the y axis is the category axis, the x axis the values.
        bar = chart.kind == "bar_stacked"
        if chart.reverse_categories:
            (xl_chart.set_y_axis_reverse if bar else xl_chart.set_x_axis_reverse)()
        set_num = xl_chart.set_x_axis_num_format if bar else xl_chart.set_y_axis_num_format
        set_min = xl_chart.set_x_axis_min if bar else xl_chart.set_y_axis_min
        set_max = xl_chart.set_x_axis_max if bar else xl_chart.set_y_axis_max
        if chart.value_num_format:
            set_num(chart.value_num_format)
        if chart.value_min is not None:
            set_min(chart.value_min)
        if chart.value_max is not None:
            set_max(chart.value_max)
        if chart.axis_font_size:
            for set_font in (xl_chart.set_x_axis_font, xl_chart.set_y_axis_font):
                font = rx.ChartFont()
                font.set_size(chart.axis_font_size)
                set_font(font)
        if chart.legend == "none":
            xl_chart.set_legend_hidden()
        else:
            xl_chart.set_legend_position(_LEGEND[chart.legend])
        xl_chart.set_width(chart.width)
        xl_chart.set_height(chart.height)
        xl_chart.set_object_movement("move_but_dont_size_with_cells")
        self._ws.insert_chart(row, col, xl_chart)

    def group_rows(self, first_row: int, last_row: int) -> None:
        # the summary row sits above its group (an area's subtotal over its departments)
        self._ws.group_symbols_above(True)
        self._ws.group_rows(first_row, last_row)

    def hide_gridlines(self) -> None:
        self._ws.set_screen_gridlines(False)

    def freeze(self, row: int, col: int = 0) -> None:
        self._ws.freeze_panes(row, col)

    def page(self, setup: PageSetup) -> None:
        ws = self._ws
        if setup.landscape:
            ws.set_landscape()
        if setup.paper_a4:
            ws.set_paper_size(9)
        if setup.fit_width or setup.fit_height:
            ws.set_print_fit_to_pages(setup.fit_width, setup.fit_height)
        elif setup.scale:
            ws.set_print_scale(setup.scale)
        if setup.repeat_rows is not None:
            ws.set_repeat_rows(*setup.repeat_rows)
        if setup.repeat_cols is not None:
            ws.set_repeat_columns(*setup.repeat_cols)
        if setup.across_first:
            ws.set_page_order(False)  # the flag is "down first"
        if setup.center_horizontally:
            ws.set_print_center_horizontally(True)
        if setup.print_area is not None:
            ws.set_print_area(*setup.print_area)
        left, right, top, bottom = setup.margins
        ws.set_margins(left, right, top, bottom, 0.3, 0.3)
        if setup.footer:
            ws.set_footer(setup.footer)
        if setup.header:
            ws.set_header(setup.header)
        if setup.break_rows:
            ws.set_page_breaks(list(setup.break_rows))

    def activate(self) -> None:
        self._ws.set_active(True)

    def hide(self) -> None:
        self._ws.hide()

    def set_tab_color(self, color: str) -> None:
        self._ws.set_tab_color(color)


class RvgsrustBook:
    """A workbook written by rvgsrust-xlsxwriter."""

    name = "rvgsrust"

    def __init__(self) -> None:
        from rvgsrust_xlsxwriter import Workbook

        self.workbook = Workbook()
        self.format = StyleFormats(_make_format)  # the library format of a Style

    def add_sheet(self, title: str) -> RvgsrustSheet:
        return RvgsrustSheet(self, self.workbook.add_worksheet(title))

    def set_properties(self, properties: Properties) -> None:
        self.workbook.set_properties(title=properties.title, author=properties.author,
                                     subject=properties.subject, keywords=properties.keywords,
                                     comments=properties.comments)

    def close(self, path: Path, *, large: bool = False) -> None:
        if large:  # zip64 only when needed: LibreOffice cannot open zip64 workbooks
            self.workbook.use_zip_large_file(True)
        try:
            self.workbook.close(str(path))
        except OSError:
            raise
        except Exception as error:  # the Rust side reports I/O errors as text
            text = str(error)
            if "os error 28" in text or "No space left" in text:
                raise OSError(errno.ENOSPC, "No space left on device") from None
            if "os error 13" in text or "ermission denied" in text:
                raise OSError(errno.EACCES, "Permission denied") from None
            raise


def _make_format(style: Style) -> Any:
    from rvgsrust_xlsxwriter import Format

    fmt = Format()
    if style.bold:
        fmt = fmt.set_bold()
    if style.italic:
        fmt = fmt.set_italic()
    if style.font_color:
        fmt = fmt.set_font_color(style.font_color)
    if style.font_size:
        fmt = fmt.set_font_size(style.font_size)
    if style.bg_color:
        fmt = fmt.set_background_color(style.bg_color).set_pattern("solid")
    if style.num_format:
        fmt = fmt.set_num_format(style.num_format)
    if style.wrap:
        fmt = fmt.set_text_wrap()
    if style.align:
        fmt = fmt.set_align(style.align)
    if style.valign:
        fmt = fmt.set_vertical_align(style.valign)
    if style.border:
        fmt = fmt.set_border(style.border)
    if style.border_color:
        fmt = fmt.set_border_color(style.border_color)
    if style.bottom_border:
        fmt = fmt.set_bottom_border(style.bottom_border)
    if style.indent:
        fmt = fmt.set_indent(style.indent)
    return fmt
