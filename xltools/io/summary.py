"""Write the organisation summary workbook (rust_xlsxwriter through rvgsrust-xlsxwriter).

Why this writer: the row sheets of 1,000 departments hold ~2.5 M cells; the Rust writer
writes them about twice as fast as XlsxWriter and still gives real Excel tables, a native
chart, frozen panes and real dates. It writes every Python ``str`` as a text cell, so text
starting with ``=``, ``+``, ``-`` or ``@`` can never become a formula.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from xltools.core import summary_texts as T
from xltools.core.plandata import column_letter
from xltools.core.rollup import KINDS, SummaryTables, Table
from xltools.io.atomic import atomic_output

DATE_FORMAT = "yyyy-mm-dd"
TABLE_STYLE = "medium2"
CHART_MAX_DEPARTMENTS = 60  # a bar per department; beyond this the chart shows the first ones


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _write_table(workbook: object, title: str, table_name: str, table: Table,
                 date_format: object, percent_columns: tuple[int, ...] = (),
                 percent_format: object = None) -> object:
    """Add a sheet holding ``table`` as an Excel table with a frozen header and widths."""
    from rvgsrust_xlsxwriter import Table as XlTable
    from rvgsrust_xlsxwriter import TableColumn

    sheet = workbook.add_worksheet(title)  # type: ignore[attr-defined]
    sheet.freeze_panes(1, 0)
    for c, width in enumerate(table.widths):
        sheet.set_column_width(c, width)
    for c in percent_columns:
        sheet.set_column_format(c, percent_format)
    # A table needs at least one data row; an empty list keeps one blank row.
    last_row = max(len(table.rows), 1)
    xl_table = (XlTable().set_name(table_name).set_style(TABLE_STYLE)
                .set_columns([TableColumn().set_header(h) for h in table.header]))
    sheet.add_table(0, 0, last_row, len(table.header) - 1, xl_table)
    # Date columns are those whose first filled value is a date (the writer stores real dates).
    date_columns = _date_columns(table)
    if table.rows:
        # write_rows takes lists; rows are lists already, so no copy is made here.
        sheet.write_rows(1, 0, table.rows)
    for c in date_columns:
        sheet.set_column_format(c, date_format)
    return sheet


def _date_columns(table: Table) -> list[int]:
    found: list[int] = []
    for c in range(len(table.header)):
        for row in table.rows[:200]:
            value = row[c]
            if value is not None:
                if isinstance(value, date):
                    found.append(c)
                break
    return found


def write_summary(tables: SummaryTables, path: str | Path) -> Path:
    """Write the summary workbook atomically (temporary file beside ``path``, then moved).

    Args:
        tables: the roll-up's sheets, from ``Rollup.tables()``.
        path: the .xlsx file to write.

    Returns:
        The path written.
    """
    from rvgsrust_xlsxwriter import Chart, ChartSeries, Format, Workbook

    lang = tables.lang
    path = Path(path)
    workbook = Workbook()
    date_format = Format().set_num_format(DATE_FORMAT)
    percent_format = Format().set_num_format("0%")
    bold = Format().set_bold()
    bold_percent = Format().set_bold().set_num_format("0%")
    bold_date = Format().set_bold().set_num_format(DATE_FORMAT)

    overview_title = T.OVERVIEW_TITLE[lang]
    percent_col = tables.overview.header.index(T.PERCENT_DONE[lang])
    date_col = tables.overview.header.index(T.LAST_UPDATED[lang])
    overview = _write_table(workbook, overview_title, "Overview", tables.overview, date_format,
                            (percent_col,), percent_format)
    overview.set_column_format(date_col, date_format)
    # The totals sit in a plain bold row under the table, so sorting the table keeps them last.
    totals_row = max(len(tables.overview.rows), 1) + 1
    for c, value in enumerate(tables.totals):
        fmt = bold_percent if c == percent_col else bold_date if c == date_col else bold
        if value is not None:
            overview.write(totals_row, c, value, fmt)

    departments = len(tables.overview.rows)
    if departments:
        shown = min(departments, CHART_MAX_DEPARTMENTS)
        chart = Chart("bar_stacked")
        chart.set_title_name(T.CHART_TITLE[lang])
        sheet_ref = _quote(overview_title)
        for c in tables.status_columns:
            letter = column_letter(c)
            series = ChartSeries()
            series.set_name(f"{sheet_ref}!${letter}$1")
            series.set_categories(f"{sheet_ref}!$A$2:$A${shown + 1}")
            series.set_values(f"{sheet_ref}!${letter}$2:${letter}${shown + 1}")
            chart.push_series(series)
        chart.set_y_axis_reverse()  # departments top to bottom in table order
        chart.set_width(760)
        chart.set_height(max(320, min(2000, 60 + 22 * shown)))
        overview.insert_chart(totals_row + 2, 0, chart)

    names = {"action": "Actions", "activity": "Activities", "communication": "Communication"}
    for kind in KINDS:
        _write_table(workbook, T.ROWS_TITLES[kind][lang], names[kind], tables.plans[kind],
                     date_format)
    _write_table(workbook, T.OVERDUE_TITLE[lang], "Overdue", tables.overdue, date_format)
    _write_table(workbook, T.BY_TOPIC_TITLE[lang], "ByTopic", tables.by_topic, date_format,
                 (len(tables.by_topic.header) - 1,), percent_format)
    _write_table(workbook, T.ISSUES_TITLE[lang], "Issues", tables.issues, date_format)
    _write_table(workbook, T.FILES_TITLE[lang], "Files", tables.files, date_format)

    with atomic_output(path) as temp:
        workbook.close(str(temp))
    return path
