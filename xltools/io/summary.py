"""Write the organisation summary workbook through the writer interface (``io/writers``).

Rows are handed to the writer as each file's result arrives (``SummaryWriter.append``), so
the Python copies can be dropped at once; the tables, the Overview, the charts and the
"Read first" sheet are added in ``finish`` when the counts are known. Every value goes
through ``safe_cell`` on its way in: a value Excel cannot hold costs that cell, never the
summary. How the lists look and print is decided in ``summary_layout``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from xltools import __version__
from xltools.core.outputs import OutputKind, marker_keywords
from xltools.core.plandata import column_letter
from xltools.core.presentation import FAILED_FILL, GROUP_FILL, TOTAL_FILL
from xltools.core.rollup import (
    KINDS,
    NO_STATUS,
    STATUS_CODES,
    Cell,
    ColumnKind,
    RowKind,
    SummaryTables,
    Table,
    issues_table,
    plan_table,
    safe_cell,
)
from xltools.core.schema import VALUE_LISTS
from xltools.core.texts import summary as T
from xltools.core.wording import DATE_FORMATS
from xltools.io.atomic import atomic_output
from xltools.io.summary_charts import plan_charts, write_charts
from xltools.io.summary_guide import GuideFacts, write_guide
from xltools.io.summary_layout import (
    FOOTER,
    LINE_HEIGHT,
    OVERVIEW_MARGINS,
    PERCENT_FORMAT,
    column_style,
    conditional_rules,
    fit_headers,
    header_style,
    indents,
    list_page_setup,
)
from xltools.io.summary_progress import ProgressFacts, write_progress
from xltools.io.writers import open_book
from xltools.io.writers.base import (
    LARGE_WORKBOOK_CELLS,
    MAX_ROWS,
    BookWriter,
    PageSetup,
    Properties,
    SheetWriter,
    Style,
    TableSpec,
)

STREAMED = (*KINDS, "issues")  # sheets whose rows arrive file by file
# Excel table names (not shown to users; ASCII so they are valid in every language).
TABLE_NAMES = {"action": "Actions", "activity": "Activities", "communication": "Communication",
               "overdue": "Overdue", "by_topic": "ByTopic", "issues": "Issues", "files": "Files"}
# Columns printed of the Overdue sheet: what HR chases with; the source file and row stay on
# screen (a sheet cannot hide columns only in print, so the print area stops before them).
OVERDUE_PRINT_COLUMNS = 9
ROWS_PER_SHEET = MAX_ROWS - 1  # below the header row
NOTE = Style(italic=True, font_color="#C00000")


def date_text(day: date, lang: str) -> str:
    """A date as the summary language writes it (the cells' date format, as text).

    Args:
        day: the date.
        lang: the summary language.

    Returns:
        "23-11-2026" in Danish, "2026-11-23" otherwise.
    """
    return day.strftime("%d-%m-%Y") if DATE_FORMATS[lang].startswith("dd") else day.isoformat()


class _Part:
    """One sheet of a streamed list; a list longer than Excel's limit continues on more parts."""

    def __init__(self, sheet: SheetWriter, title: str) -> None:
        self.sheet = sheet
        self.title = title
        self.count = 0


class SummaryWriter:
    """Builds the summary workbook: streamed rows first, then the tables, Overview and charts."""

    def __init__(self, lang: str, *, writer: str | None = None, chart_per_area: bool = False,
                 settings_source: str | None = None) -> None:
        """Create the workbook and its sheets in their final order.

        Args:
            lang: the summary's language (sheet titles).
            writer: 'xlsxwriter' or 'rvgsrust'; by default the fast one when installed.
            chart_per_area: add a chart per area (its departments) after the main chart.
            settings_source: the organisation settings file the roll-up used (None: defaults);
                the "Read first" sheet names it.
        """
        self.lang = lang
        self.chart_per_area = chart_per_area
        self.settings_source = settings_source
        self.book: BookWriter = open_book(writer)
        titles = {"read_first": T.READ_FIRST_TITLE[lang], "overview": T.OVERVIEW_TITLE[lang],
                  "charts": T.CHARTS_TITLE[lang], "progress": T.PROGRESS_TITLE[lang],
                  "overdue": T.OVERDUE_TITLE[lang],
                  "by_topic": T.BY_TOPIC_TITLE[lang],
                  **{k: T.ROWS_TITLES[k][lang] for k in KINDS},
                  "issues": T.ISSUES_TITLE[lang], "files": T.FILES_TITLE[lang]}
        self.titles = titles
        self.sheets = {key: self.book.add_sheet(title) for key, title in titles.items()}
        self.parts: dict[str, list[_Part]] = {
            key: [_Part(self.sheets[key], titles[key])] for key in STREAMED}
        self._layouts = {key: (issues_table(lang) if key == "issues" else plan_table(key, lang))
                         for key in STREAMED}
        for key in STREAMED:
            self._prepare_rows_sheet(key, self.sheets[key])

    @property
    def writer_name(self) -> str:
        """Which library writes this summary."""
        return self.book.name

    def _prepare_rows_sheet(self, key: str, sheet: SheetWriter) -> None:
        # Column formats (dates as day numbers, wrapping text) must be set before the rows.
        _set_columns(sheet, self._layouts[key], self.lang, streamed=True)

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

    def _page_header(self, tables: SummaryTables) -> str:
        # sheet name left, the as-of date right: a printed page says what and when
        when = f"&R{T.AS_OF[self.lang]} {date_text(tables.as_of, self.lang)}" \
            if tables.as_of else ""
        return f"&L&A{when}"

    def _list(self, sheet: SheetWriter, name: str, table: Table, count: int,
              tables: SummaryTables, *, print_columns: int | None = None,
              streamed: bool = False) -> None:
        """Header, table, colour rules and print set-up of one list (rows already written)."""
        lang = self.lang
        levels = _indents(table, streamed)
        widths, height = fit_headers(table.header, table.widths, levels, one_line=streamed)
        if not streamed:
            sheet.set_row(0, height)
        # rows whose text wraps get their height (Excel and LibreOffice keep 15 pt otherwise)
        for row, lines in enumerate(table.row_lines[:count], start=1):
            if lines > 1:
                sheet.set_row(row, LINE_HEIGHT * lines)
        sheet.freeze(1, 0)
        # A table needs at least one data row; an empty list keeps one blank row.
        sheet.add_table(0, 0, max(count, 1), TableSpec(
            name, table.header,
            header_styles=[header_style(k, table.statuses.get(c), indent=i)
                           for c, (k, i) in enumerate(zip(table.kinds, levels,
                                                          strict=True))]))
        if count:
            statuses = [(c, VALUE_LISTS["status"].label(c, lang)) for c in STATUS_CODES]
            for c, kind in enumerate(table.kinds):
                for rule in conditional_rules(kind, column_letter(c), 2, statuses=statuses,
                                              failed_label=T.OUTCOMES["failed"][lang]):
                    sheet.add_conditional(1, c, count, c, rule)
        sheet.page(list_page_setup(widths, print_columns=print_columns, last_row=max(count, 1),
                                   header=self._page_header(tables)))

    def finish(self, tables: SummaryTables, path: str | Path, *, force: bool = False,
               progress: ProgressFacts | None = None) -> Path:
        """Write the non-streamed sheets, add every table and the charts, save atomically.

        Args:
            tables: the roll-up's sheets, from ``Rollup.tables()``; streamed sheets' rows are
                taken from what was appended (their ``rows`` may be empty).
            path: the .xlsx file to write (a temporary file beside it is moved into place).
            force: replace an existing file that is not an earlier summary.
            progress: what moved since the earlier roll-up (None: no history kept).

        Returns:
            The path written.
        """
        for key in STREAMED:
            table = tables.issues if key == "issues" else tables.plans[key]
            self.append(key, table.rows)  # rows not streamed (e.g. by a caller) go in now
            for number, part in enumerate(self.parts[key], start=1):
                name = TABLE_NAMES[key] if number == 1 else f"{TABLE_NAMES[key]}{number}"
                # now that every department is known, its column shows the longest name
                _set_columns(part.sheet, table, self.lang, streamed=True)
                self._list(part.sheet, name, table, part.count, tables, streamed=True)
        for key, table in (("overdue", tables.overdue), ("by_topic", tables.by_topic),
                           ("files", tables.files)):
            sheet = self.sheets[key]
            _set_columns(sheet, table, self.lang)
            _write_rows(sheet, 1, _safe_rows(table.rows), self.lang)
            self._list(sheet, TABLE_NAMES[key], table, len(table.rows), tables,
                       print_columns=OVERDUE_PRINT_COLUMNS if key == "overdue" else None)
        self._overview(tables)
        status_labels = [*(VALUE_LISTS["status"].label(c, self.lang) for c in STATUS_CODES),
                         T.NO_STATUS[self.lang]]
        write_charts(self.sheets["charts"], self.titles["charts"],
                     plan_charts(tables, per_area=self.chart_per_area), lang=self.lang,
                     status_labels=status_labels, status_codes=[*STATUS_CODES, NO_STATUS],
                     page_header=self._page_header(tables))
        write_progress(self.sheets["progress"], self.titles["progress"],
                       progress or ProgressFacts(None, note=T.PROGRESS_OFF[self.lang]),
                       self.lang)
        write_guide(self.sheets["read_first"], GuideFacts(
            self.lang, self.titles, tables.as_of, self.settings_source, tables.file_counts,
            self.continuation_sheets()))
        self.sheets["overview"].activate()
        self.book.set_properties(Properties(
            title=T.OVERVIEW_TITLE[self.lang], keywords=marker_keywords(OutputKind.SUMMARY),
            comments=f"xltools {__version__}; written with {self.book.name}"))
        path = Path(path)
        cells = sum(part.count for parts in self.parts.values() for part in parts) * 20
        with atomic_output(path, kind=OutputKind.SUMMARY, force=force) as temp:
            self.book.close(temp, large=cells > LARGE_WORKBOOK_CELLS)
        return path

    def _overview(self, tables: SummaryTables) -> None:
        """Areas with their subtotal above their departments, failed files, the total."""
        lang, overview = tables.lang, tables.overview
        sheet = self.sheets["overview"]
        kinds = overview.kinds
        widths, height = fit_headers(overview.header, overview.widths)
        for c, (width, kind) in enumerate(zip(widths, kinds, strict=True)):
            if kind is ColumnKind.NAME:  # long names wrap; departments indented under areas
                style = Style(wrap=True, indent=1 if tables.has_areas else 0, valign="vcenter")
            else:  # a row of two lines (a long name) keeps its figures in the middle
                style = replace(column_style(kind, lang) or Style(), valign="vcenter")
            sheet.set_column(c, width, style)
        sheet.set_row(0, height)
        for row, lines in enumerate(overview.row_lines, start=1):
            if lines > 1:
                sheet.set_row(row, LINE_HEIGHT * lines)
        for c, (text, kind) in enumerate(zip(overview.header, kinds, strict=True)):
            sheet.write(0, c, text, header_style(kind, overview.statuses.get(c)))
        sheet.freeze(1, 1)

        area_styles = [_row_style(k, lang, bold=True, fill=GROUP_FILL) for k in kinds]
        area_styles[0] = Style(bold=True, bg_color=GROUP_FILL, wrap=True, valign="vcenter")
        failed_styles = [_row_style(k, lang, fill=FAILED_FILL) for k in kinds]
        blocks: list[tuple[int, int]] = []  # sheet rows of departments (and failed files)
        rows = _safe_rows(overview.rows)
        index = 0
        while index < len(rows):
            kind = tables.overview_rows[index]
            if kind is RowKind.AREA:
                _write_styled(sheet, index + 1, rows[index], area_styles)
                index += 1
                continue
            start = index
            while index < len(rows) and tables.overview_rows[index] is not RowKind.AREA:
                index += 1
            # departments in one call; failed files over them with their fill
            departments = [r if k is RowKind.DEPARTMENT else [None] * len(r)
                           for r, k in zip(rows[start:index], tables.overview_rows[start:index],
                                           strict=True)]
            _write_rows(sheet, start + 1, departments, lang)
            for offset in range(start, index):
                if tables.overview_rows[offset] is RowKind.FAILED:
                    _write_styled(sheet, offset + 1, rows[offset], failed_styles)
            blocks.append((start + 1, index))
            if tables.has_areas:
                sheet.group_rows(start + 1, index)

        stale = tables.stale_before
        date_col = column_letter(kinds.index(ColumnKind.LAST_UPDATED))
        for first, last in blocks:
            for c, kind in enumerate(kinds):
                for rule in conditional_rules(
                        kind, column_letter(c), first + 1, date_column=date_col,
                        stale_before=(stale.year, stale.month, stale.day) if stale else None):
                    sheet.add_conditional(first, c, last, c, rule)

        # Totals sit in their own row under the list, set apart by colour.
        totals_row = len(rows) + 1
        _write_styled(sheet, totals_row, _safe_rows([tables.totals])[0],
                      [_row_style(k, lang, bold=True, fill=TOTAL_FILL, top=True) for k in kinds])
        note_row = totals_row + 2
        for parts in self.continuation_sheets().values():
            sheet.write(note_row, 0, T.CONTINUED[lang].format(
                sheet=parts[0], more=", ".join(parts[1:])), NOTE)
            note_row += 1
        sheet.page(PageSetup(fit_width=1, fit_height=0, margins=OVERVIEW_MARGINS, footer=FOOTER,
                             header=self._page_header(tables)))


def _row_style(kind: ColumnKind, lang: str, *, bold: bool = False, fill: str | None = None,
               top: bool = False) -> Style:
    """A cell of an Overview row drawn by itself (an area, a failed file, the total)."""
    num_format = None
    if kind in (ColumnKind.DATE, ColumnKind.LAST_UPDATED):
        num_format = DATE_FORMATS[lang]
    elif kind in (ColumnKind.PERCENT, ColumnKind.PERCENT_DONE, ColumnKind.OVERDUE_SHARE):
        num_format = PERCENT_FORMAT
    return Style(bold=bold, bg_color=fill, num_format=num_format, valign="vcenter",
                 border="thin" if top else None, border_color="#8EA9C1" if top else None)


def _indents(table: Table, streamed: bool) -> list[int]:
    # The streamed lists (plan rows, issues: most of the workbook's cells) keep the cells'
    # default alignment, which already puts numbers right and text left, and their headers
    # on one line (columns as wide as their header): rust_xlsxwriter saves a large sheet
    # with one row of custom height about 70 % slower.
    return [0] * len(table.kinds) if streamed else indents(table.kinds)


def _set_columns(sheet: SheetWriter, table: Table, lang: str, *, streamed: bool = False) -> None:
    levels = _indents(table, streamed)
    widths, _ = fit_headers(table.header, table.widths, levels, one_line=streamed)
    wraps = ColumnKind.LONG_TEXT in table.kinds  # rows of several lines: align to the top
    for c, (width, kind, indent) in enumerate(zip(widths, table.kinds, levels, strict=True)):
        dated = kind in (ColumnKind.DATE, ColumnKind.LAST_UPDATED)
        style = column_style(kind, lang, top=wraps, indent=indent) \
            if dated or not streamed else None
        sheet.set_column(c, width, style)


def _write_styled(sheet: SheetWriter, row: int, values: list[Cell], styles: list[Style]) -> None:
    for c, (value, style) in enumerate(zip(values, styles, strict=True)):
        sheet.write(row, c, value, style)  # type: ignore[arg-type]


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
                  force: bool = False, chart_per_area: bool = False,
                  settings_source: str | None = None) -> Path:
    """Write a whole summary workbook from tables that hold all their rows.

    Args:
        tables: the roll-up's sheets, from ``Rollup.tables()``.
        path: the .xlsx file to write (atomically).
        writer: 'xlsxwriter' or 'rvgsrust'; by default the fast one when installed.
        force: replace an existing file that is not an earlier summary.
        chart_per_area: add a chart per area after the main chart.
        settings_source: the organisation settings file used (None: the defaults).

    Returns:
        The path written.
    """
    return SummaryWriter(tables.lang, writer=writer, chart_per_area=chart_per_area,
                         settings_source=settings_source).finish(tables, path, force=force)
