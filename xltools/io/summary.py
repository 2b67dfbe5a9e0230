"""Write the organisation summary workbook (rust_xlsxwriter through rvgsrust-xlsxwriter).

Why this writer: the row sheets of 1,000 departments hold ~2.5 M cells; the Rust writer
writes them about twice as fast as XlsxWriter and still gives real Excel tables, a native
chart, frozen panes and real dates (its default date format is yyyy-mm-dd). It writes every
Python ``str`` as a text cell, so text starting with ``=``, ``+``, ``-`` or ``@`` can never
become a formula.

Rows are handed to the writer as each file's result arrives (``SummaryWriter.append``), so
the Python copies can be dropped at once; the tables, the Overview and its chart are added
in ``finish`` when the counts are known.
"""

from __future__ import annotations

from pathlib import Path

from xltools.core import summary_texts as T
from xltools.core.plandata import column_letter
from xltools.core.rollup import KINDS, Cell, SummaryTables, Table, plan_date_columns
from xltools.io.atomic import atomic_output

TABLE_STYLE = "medium2"
DATE_FORMAT = "yyyy-mm-dd"  # also the writer's default for date objects
CHART_MAX_DEPARTMENTS = 60  # one bar per department; beyond this the chart shows the first ones
STREAMED = (*KINDS, "issues")  # sheets whose rows arrive file by file
# Excel table names (not shown to users; ASCII so they are valid in every language).
TABLE_NAMES = {"overview": "Overview", "action": "Actions", "activity": "Activities",
               "communication": "Communication", "overdue": "Overdue", "by_topic": "ByTopic",
               "issues": "Issues", "files": "Files"}


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


class SummaryWriter:
    """Builds the summary workbook: streamed rows first, then the tables and the Overview."""

    def __init__(self, lang: str) -> None:
        """Create the workbook and its sheets in their final order.

        Args:
            lang: the summary's language (sheet titles).
        """
        from rvgsrust_xlsxwriter import Format, Workbook

        self.lang = lang
        self.workbook = Workbook()
        titles = {"overview": T.OVERVIEW_TITLE[lang],
                  **{k: T.ROWS_TITLES[k][lang] for k in KINDS},
                  "overdue": T.OVERDUE_TITLE[lang], "by_topic": T.BY_TOPIC_TITLE[lang],
                  "issues": T.ISSUES_TITLE[lang], "files": T.FILES_TITLE[lang]}
        self.titles = titles
        self.sheets = {key: self.workbook.add_worksheet(title) for key, title in titles.items()}
        for sheet in self.sheets.values():  # print: landscape, one page wide, header repeated
            sheet.set_landscape()
            sheet.set_print_fit_to_pages(1, 0)
            sheet.set_repeat_rows(0, 0)
        self.counts = dict.fromkeys(STREAMED, 0)
        # Plan rows carry dates as day numbers; the column format must be set before rows.
        date_format = Format().set_num_format(DATE_FORMAT)
        for kind in KINDS:
            for c in plan_date_columns(kind):
                self.sheets[kind].set_column_format(c, date_format)

    def append(self, key: str, rows: list[list[Cell]]) -> None:
        """Write rows under those already written to a streamed sheet ('action', ..., 'issues')."""
        if rows:
            # write_rows wants lists (rows are lists already, so nothing is copied here)
            self.sheets[key].write_rows(1 + self.counts[key], 0, rows)
            self.counts[key] += len(rows)

    def _table(self, key: str, table: Table, count: int, percent_columns: tuple[int, ...] = (),
               ) -> None:
        from rvgsrust_xlsxwriter import Format, TableColumn
        from rvgsrust_xlsxwriter import Table as XlTable

        sheet = self.sheets[key]
        sheet.freeze_panes(1, 0)
        for c, width in enumerate(table.widths):
            sheet.set_column_width(c, width)
        for c in percent_columns:
            sheet.set_column_format(c, Format().set_num_format("0%"))
        # A table needs at least one data row; an empty list keeps one blank row.
        xl_table = (XlTable().set_name(TABLE_NAMES[key]).set_style(TABLE_STYLE)
                    .set_columns([TableColumn().set_header(h) for h in table.header]))
        sheet.add_table(0, 0, max(count, 1), len(table.header) - 1, xl_table)

    def finish(self, tables: SummaryTables, path: str | Path) -> Path:
        """Write the non-streamed sheets, add every table and the chart, save atomically.

        Args:
            tables: the roll-up's sheets, from ``Rollup.tables()``; streamed sheets' rows are
                taken from what was appended (their ``rows`` may be empty).
            path: the .xlsx file to write (a temporary file beside it is moved into place).

        Returns:
            The path written.
        """
        for key in STREAMED:
            table = tables.issues if key == "issues" else tables.plans[key]
            self.append(key, table.rows)  # rows not streamed (e.g. by a caller) go in now
            self._table(key, table, self.counts[key])
        for key, table in (("overdue", tables.overdue), ("files", tables.files)):
            self.sheets[key].write_rows(1, 0, table.rows)
            self._table(key, table, len(table.rows))
        by_topic = tables.by_topic
        self.sheets["by_topic"].write_rows(1, 0, by_topic.rows)
        self._table("by_topic", by_topic, len(by_topic.rows), (len(by_topic.header) - 1,))
        self._overview(tables)
        path = Path(path)
        with atomic_output(path) as temp:
            self.workbook.close(str(temp))
        return path

    def _overview(self, tables: SummaryTables) -> None:
        from rvgsrust_xlsxwriter import Chart, ChartSeries, Format

        lang, overview = tables.lang, tables.overview
        sheet = self.sheets["overview"]
        sheet.write_rows(1, 0, overview.rows)
        percent_col = overview.header.index(T.PERCENT_DONE[lang])
        self._table("overview", overview, len(overview.rows), (percent_col,))
        # Totals sit in a bold row under the table, so sorting or filtering it keeps them apart.
        totals_row = max(len(overview.rows), 1) + 1
        bold = Format().set_bold()
        bold_percent = Format().set_bold().set_num_format("0%")
        bold_date = Format().set_bold().set_num_format(DATE_FORMAT)
        date_col = overview.header.index(T.LAST_UPDATED[lang])
        for c, value in enumerate(tables.totals):
            if value is not None:
                fmt = bold_percent if c == percent_col else bold_date if c == date_col else bold
                sheet.write(totals_row, c, value, fmt)
        if not overview.rows:
            return
        shown = min(len(overview.rows), CHART_MAX_DEPARTMENTS)
        chart = Chart("bar_stacked")
        chart.set_title_name(T.CHART_TITLE[lang])
        ref = _quote(self.titles["overview"])
        for c in tables.status_columns:
            letter = column_letter(c)
            series = ChartSeries()  # its setters return None: no chaining
            series.set_name(f"{ref}!${letter}$1")
            series.set_categories(f"{ref}!$A$2:$A${shown + 1}")
            series.set_values(f"{ref}!${letter}$2:${letter}${shown + 1}")
            chart.push_series(series)
        # In a bar chart the y axis is the category axis: reversed, departments read top-down
        # in table order; the value axis then crosses at the last category, i.e. the bottom.
        chart.set_y_axis_reverse()
        chart.set_width(760)
        chart.set_height(max(320, min(2000, 60 + 22 * shown)))
        sheet.insert_chart(totals_row + 2, 0, chart)


def write_summary(tables: SummaryTables, path: str | Path) -> Path:
    """Write a whole summary workbook from tables that hold all their rows.

    Args:
        tables: the roll-up's sheets, from ``Rollup.tables()``.
        path: the .xlsx file to write (atomically).

    Returns:
        The path written.
    """
    return SummaryWriter(tables.lang).finish(tables, path)
