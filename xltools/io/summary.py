"""Write the organisation summary workbook through the writer interface (``io/writers``).

Rows are handed to the writer as each file's result arrives (``SummaryWriter.append``), so
the Python copies can be dropped at once; the tables, the Overview and its chart are added
in ``finish`` when the counts are known. Every value goes through ``safe_cell`` on its way
in: a value Excel cannot hold costs that cell, never the summary.
"""

from __future__ import annotations

from pathlib import Path

from xltools import __version__
from xltools.core import summary_texts as T
from xltools.core.outputs import OutputKind, marker_keywords
from xltools.core.plandata import column_letter
from xltools.core.rollup import KINDS, Cell, SummaryTables, Table, plan_date_columns, safe_cell
from xltools.io.atomic import atomic_output
from xltools.io.writers import open_book
from xltools.io.writers.base import (
    LARGE_WORKBOOK_CELLS,
    MAX_ROWS,
    BookWriter,
    ChartSpec,
    PageSetup,
    Properties,
    Series,
    SheetWriter,
    Style,
    TableSpec,
)

TABLE_STYLE = "medium2"
DATE_FORMAT = "yyyy-mm-dd"
CHART_MAX_DEPARTMENTS = 60  # one bar per department; beyond this the chart shows the first ones
STREAMED = (*KINDS, "issues")  # sheets whose rows arrive file by file
# Excel table names (not shown to users; ASCII so they are valid in every language).
TABLE_NAMES = {"overview": "Overview", "action": "Actions", "activity": "Activities",
               "communication": "Communication", "overdue": "Overdue", "by_topic": "ByTopic",
               "issues": "Issues", "files": "Files"}
ROWS_PER_SHEET = MAX_ROWS - 1  # below the header row
BOLD = Style(bold=True)
DATE = Style(num_format=DATE_FORMAT)
PERCENT = Style(num_format="0%")


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


class _Part:
    """One sheet of a streamed list; a list longer than Excel's limit continues on more parts."""

    def __init__(self, sheet: SheetWriter, title: str) -> None:
        self.sheet = sheet
        self.title = title
        self.count = 0


class SummaryWriter:
    """Builds the summary workbook: streamed rows first, then the tables and the Overview."""

    def __init__(self, lang: str, *, writer: str | None = None) -> None:
        """Create the workbook and its sheets in their final order.

        Args:
            lang: the summary's language (sheet titles).
            writer: 'xlsxwriter' or 'rvgsrust'; by default the fast one when installed.
        """
        self.lang = lang
        self.book: BookWriter = open_book(writer)
        titles = {"overview": T.OVERVIEW_TITLE[lang],
                  **{k: T.ROWS_TITLES[k][lang] for k in KINDS},
                  "overdue": T.OVERDUE_TITLE[lang], "by_topic": T.BY_TOPIC_TITLE[lang],
                  "issues": T.ISSUES_TITLE[lang], "files": T.FILES_TITLE[lang]}
        self.titles = titles
        self.sheets = {key: self.book.add_sheet(title) for key, title in titles.items()}
        self.parts: dict[str, list[_Part]] = {
            key: [_Part(self.sheets[key], titles[key])] for key in STREAMED}
        for key in STREAMED:
            self._prepare_rows_sheet(key, self.sheets[key])

    @property
    def writer_name(self) -> str:
        """Which library writes this summary."""
        return self.book.name

    def _prepare_rows_sheet(self, key: str, sheet: SheetWriter) -> None:
        # Plan rows carry dates as day numbers; the column format must be set before rows.
        for c in _column_styles(key):
            sheet.set_column(c, 12, DATE)

    def _current_part(self, key: str) -> _Part:
        part = self.parts[key][-1]
        if part.count < ROWS_PER_SHEET:
            return part
        # Excel's row limit: the list continues on a new sheet with the same layout.
        number = len(self.parts[key]) + 1
        title = f"{self.titles[key][:25]} ({number})"
        sheet = self.book.add_sheet(title)
        self._prepare_rows_sheet(key, sheet)
        part = _Part(sheet, title)
        self.parts[key].append(part)
        return part

    def append(self, key: str, rows: list[list[Cell]]) -> None:
        """Write rows under those already written to a streamed sheet ('action', ..., 'issues')."""
        start = 0
        while start < len(rows):
            part = self._current_part(key)
            room = ROWS_PER_SHEET - part.count
            chunk = rows[start:start + room] if start or room < len(rows) else rows
            _write_rows(part.sheet, 1 + part.count, chunk, self.lang)
            part.count += len(chunk)
            start += len(chunk)

    def continuation_sheets(self) -> dict[str, list[str]]:
        """Lists that continue beyond Excel's row limit: key -> the titles of every part."""
        return {key: [p.title for p in parts] for key, parts in self.parts.items()
                if len(parts) > 1}

    def _table(self, sheet: SheetWriter, name: str, table: Table, count: int,
               styles: dict[int, Style] | None = None) -> None:
        sheet.freeze(1, 0)
        sheet.page(PageSetup(fit_width=1))
        for c, width in enumerate(table.widths):
            sheet.set_column(c, width, (styles or {}).get(c))
        # A table needs at least one data row; an empty list keeps one blank row.
        sheet.add_table(0, 0, max(count, 1), TableSpec(name, table.header, TABLE_STYLE))

    def finish(self, tables: SummaryTables, path: str | Path, *, force: bool = False) -> Path:
        """Write the non-streamed sheets, add every table and the chart, save atomically.

        Args:
            tables: the roll-up's sheets, from ``Rollup.tables()``; streamed sheets' rows are
                taken from what was appended (their ``rows`` may be empty).
            path: the .xlsx file to write (a temporary file beside it is moved into place).
            force: replace an existing file that is not an earlier summary.

        Returns:
            The path written.
        """
        for key in STREAMED:
            table = tables.issues if key == "issues" else tables.plans[key]
            self.append(key, table.rows)  # rows not streamed (e.g. by a caller) go in now
            for number, part in enumerate(self.parts[key], start=1):
                name = TABLE_NAMES[key] if number == 1 else f"{TABLE_NAMES[key]}{number}"
                self._table(part.sheet, name, table, part.count, _column_styles(key))
        for key, table in (("overdue", tables.overdue), ("files", tables.files)):
            _write_rows(self.sheets[key], 1, _safe_rows(table.rows), self.lang)
            self._table(self.sheets[key], TABLE_NAMES[key], table, len(table.rows))
        by_topic = tables.by_topic
        _write_rows(self.sheets["by_topic"], 1, _safe_rows(by_topic.rows), self.lang)
        self._table(self.sheets["by_topic"], TABLE_NAMES["by_topic"], by_topic,
                    len(by_topic.rows), {len(by_topic.header) - 1: PERCENT})
        self._overview(tables)
        self.book.set_properties(Properties(
            title=T.OVERVIEW_TITLE[self.lang], keywords=marker_keywords(OutputKind.SUMMARY),
            comments=f"xltools {__version__}; written with {self.book.name}"))
        path = Path(path)
        cells = sum(part.count for parts in self.parts.values() for part in parts) * 20
        with atomic_output(path, kind=OutputKind.SUMMARY, force=force) as temp:
            self.book.close(temp, large=cells > LARGE_WORKBOOK_CELLS)
        return path

    def _overview(self, tables: SummaryTables) -> None:
        lang, overview = tables.lang, tables.overview
        sheet = self.sheets["overview"]
        _write_rows(sheet, 1, _safe_rows(overview.rows), lang)
        percent_col = overview.header.index(T.PERCENT_DONE[lang])
        self._table(sheet, TABLE_NAMES["overview"], overview, len(overview.rows),
                    {percent_col: PERCENT})
        # Totals sit in a bold row under the table, so sorting or filtering it keeps them apart.
        totals_row = max(len(overview.rows), 1) + 1
        bold_percent = Style(bold=True, num_format="0%")
        bold_date = Style(bold=True, num_format=DATE_FORMAT)
        date_col = overview.header.index(T.LAST_UPDATED[lang])
        for c, value in enumerate(tables.totals):
            if value is not None:
                style = bold_percent if c == percent_col else bold_date if c == date_col else BOLD
                sheet.write(totals_row, c, safe_cell(value), style)
        if not overview.rows:
            return
        shown = min(len(overview.rows), CHART_MAX_DEPARTMENTS)
        ref = _quote(self.titles["overview"])
        series = [
            Series(name=f"{ref}!${column_letter(c)}$1",
                   categories=f"{ref}!$A$2:$A${shown + 1}",
                   values=f"{ref}!${column_letter(c)}$2:${column_letter(c)}${shown + 1}")
            for c in tables.status_columns
        ]
        # Departments read top-down in table order: the category axis is reversed.
        sheet.add_chart(totals_row + 2, 0, ChartSpec(
            "bar_stacked", T.CHART_TITLE[lang], series, width=760,
            height=max(320, min(2000, 60 + 22 * shown)), reverse_categories=True))


def _column_styles(key: str) -> dict[int, Style]:
    """Column formats a streamed sheet needs before its rows: dates of the plan rows."""
    return {c: DATE for c in plan_date_columns(key)} if key in KINDS else {}


def _safe_rows(rows: list[list[Cell]]) -> list[list[Cell]]:
    return [[safe_cell(value) for value in row] for row in rows]


def _write_rows(sheet: SheetWriter, first_row: int, rows: list[list[Cell]],
                lang: str = "en") -> None:
    """Write rows in one call; should a value still be refused, only that cell is lost."""
    try:
        sheet.write_rows(first_row, rows)
    except Exception:  # one value the writer refuses must not cost the summary
        for offset, row in enumerate(rows):
            for c, value in enumerate(row):
                try:
                    sheet.write(first_row + offset, c, value)
                except Exception:
                    sheet.write(first_row + offset, c, T.UNWRITABLE_VALUE[lang])


def write_summary(tables: SummaryTables, path: str | Path, *, writer: str | None = None,
                  force: bool = False) -> Path:
    """Write a whole summary workbook from tables that hold all their rows.

    Args:
        tables: the roll-up's sheets, from ``Rollup.tables()``.
        path: the .xlsx file to write (atomically).
        writer: 'xlsxwriter' or 'rvgsrust'; by default the fast one when installed.
        force: replace an existing file that is not an earlier summary.

    Returns:
        The path written.
    """
    return SummaryWriter(tables.lang, writer=writer).finish(tables, path, force=force)
