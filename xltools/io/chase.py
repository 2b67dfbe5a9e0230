"""Write chase lists and their index through the writer interface (``io/writers``).

A chase list is one printable sheet for one department: a title, the counts, and a line per
overdue item, item due soon and error to fix, grouped under the responsible person (the
person furthest behind first), coloured by kind. The index lists every department of the
run with its address, counts and files. Both carry xltools' marker, so neither is ever
read back as a department.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from xltools import __version__
from xltools.core.chase import ChaseLine, DepartmentChase, LineKind, group_by_owner
from xltools.core.issues import Code, Severity
from xltools.core.marks import CODE_FILL, SEVERITY_FILL
from xltools.core.outputs import OutputKind, marker_keywords
from xltools.core.presentation import HEADER_FILL, HEADER_FONT
from xltools.core.rollup import safe_cell, safe_text
from xltools.core.schema import ABOUT, ACTION_PLAN, VALUE_LISTS, Labels
from xltools.core.texts import chase as T
from xltools.core.texts import summary as S
from xltools.core.texts.marks import ISSUES_HEADERS, SEVERITY_LABELS
from xltools.core.wording import DATE_FORMATS, DAYS_LATE, DAYS_LEFT
from xltools.io.atomic import atomic_output
from xltools.io.summary_layout import LINE_HEIGHT
from xltools.io.writers import open_book
from xltools.io.writers.base import PageSetup, Properties, SheetWriter, Style, TableSpec

HEADER_ROW = 4  # 0-based: title, date and workbook, counts, a blank row, then the header
KIND_FILL = {LineKind.OVERDUE: "#" + CODE_FILL[Code.OVERDUE],
             LineKind.DUE_SOON: "#" + CODE_FILL[Code.DUE_SOON],
             LineKind.ERROR: "#" + SEVERITY_FILL[Severity.ERROR]}
GROUP_FILL = "#DDEBF7"
BORDER = "#BFBFBF"
MAX_FOOTER_TEXT = 60  # Excel refuses header/footer text beyond 255 characters in all

TITLE = Style(bold=True, font_size=14)
SUBTITLE = Style(italic=True, font_color="#595959")
HEADER = Style(bold=True, font_color=HEADER_FONT, bg_color=HEADER_FILL, wrap=True, valign="top",
               border="thin", border_color=BORDER)
GROUP = Style(bold=True, bg_color=GROUP_FILL, border="thin", border_color=BORDER)
CELL = Style(wrap=True, valign="top", border="thin", border_color=BORDER)


@dataclass(frozen=True, slots=True)
class _Column:
    label: Labels
    width: float


def _kind_label(kind: LineKind) -> Labels:
    return {LineKind.OVERDUE: S.OVERDUE, LineKind.DUE_SOON: S.DUE_SOON,
            LineKind.ERROR: SEVERITY_LABELS[Severity.ERROR]}[kind]


# The chase list's columns, in order (labels declared in the schema, the summary or the texts).
COLUMNS: tuple[_Column, ...] = (
    _Column(T.KIND, 14),
    _Column(T.SHEET, 19),
    _Column(ISSUES_HEADERS[0], 7),
    _Column(ACTION_PLAN.column("id").labels, 6),
    _Column(S.WHAT, 30),
    _Column(S.DEADLINE, 12),
    _Column(T.WHEN, 15),
    _Column(S.STATUS, 13),
    _Column(T.TO_DO, 44),
)
MAX_LINES = 12  # a very long cell shows its start; the whole text is in the cell
HEADER_PADDING = 5.0  # points: the header band reads as a band, not a cramped line


def row_height(values: Sequence[object], widths: Sequence[float]) -> float | None:
    """The height a row of wrapped text needs, or None when one line is enough.

    Writers cannot measure text, and neither Excel nor LibreOffice re-fits row heights when
    it opens a file, so wrapped text would be cut off; the estimate counts a column width as
    that many characters (an average letter is narrower than the "0" widths are measured in,
    so a line is seldom overestimated as too short).

    Args:
        values: the row's cell values.
        widths: the columns' widths, in characters.

    Returns:
        Points, or None for the default height.
    """
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if not isinstance(value, str) or not value:
            continue
        per_line = max(1, int(width))
        needed = sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))
        lines = max(lines, min(needed, MAX_LINES))
    return None if lines == 1 else lines * LINE_HEIGHT


def _when(line: ChaseLine, lang: str) -> str | None:
    if line.kind is LineKind.OVERDUE:
        return DAYS_LATE(line.days or 0, lang)
    if line.kind is LineKind.DUE_SOON:
        return T.TODAY[lang] if not line.days else DAYS_LEFT(line.days, lang)
    return None


def _to_do(line: ChaseLine, lang: str) -> str | None:
    if line.kind is LineKind.OVERDUE:
        return T.TODO_OVERDUE[lang]
    if line.kind is LineKind.DUE_SOON:
        return T.TODO_DUE_SOON[lang]
    return line.message


def _line_values(line: ChaseLine, lang: str) -> list[object]:
    status = VALUE_LISTS["status"].label(line.status, lang) if line.status else None
    return [_kind_label(line.kind)[lang], line.sheet, line.cell or (line.row or None), line.id,
            line.what, line.deadline, _when(line, lang), status, _to_do(line, lang)]


def _footer_text(text: str) -> str:
    # "&" starts a code in Excel's header/footer language; a literal one is doubled
    return safe_text(text)[:MAX_FOOTER_TEXT].replace("&", "&&")


def _counts_line(chase: DepartmentChase, lang: str, due_soon_days: int) -> str:
    parts = []
    if chase.overdue:
        parts.append(T.OVERDUE_ITEMS(chase.overdue, lang))
    if chase.due_soon:
        parts.append(T.DUE_SOON_ITEMS(chase.due_soon, lang, days=T.DAYS(due_soon_days, lang)))
    if chase.errors:
        parts.append(T.ERRORS_TO_FIX(chase.errors, lang))
    return " · ".join(parts)


def _group_heading(owner: str | None, lines: list[ChaseLine], lang: str) -> str:
    who = owner if owner is not None else T.NO_OWNER[lang]
    overdue = sum(1 for line in lines if line.kind is LineKind.OVERDUE)
    due_soon = sum(1 for line in lines if line.kind is LineKind.DUE_SOON)
    errors = sum(1 for line in lines if line.kind is LineKind.ERROR)
    counts = [phrase(n, lang) for n, phrase in ((overdue, T.OVERDUE_SHORT),
                                                 (due_soon, T.DUE_SOON_SHORT),
                                                 (errors, T.ERRORS_SHORT)) if n]
    responsible = ACTION_PLAN.column("owner").labels[lang]
    return f"{responsible}: {who}  ({', '.join(counts)})"


def write_chase_list(chase: DepartmentChase, path: str | Path, *, as_of_text: str,
                     due_soon_days: int, force: bool = False,
                     writer: str | None = None) -> bytes:
    """Write one department's chase list (atomically) and return the file's bytes.

    Args:
        chase: the department's chase data; its language is the list's.
        path: the .xlsx file to write.
        as_of_text: the as-of date as the language writes it.
        due_soon_days: the due-soon window (named in the counts).
        force: replace an existing file that is not an earlier chase list.
        writer: 'xlsxwriter' or 'rvgsrust' (default: the fast one when installed).

    Returns:
        The workbook as written, for the e-mail draft's attachment.

    Raises:
        OutputError: the file may not or cannot be written.
    """
    lang = chase.language
    book = open_book(writer)
    sheet = book.add_sheet(T.CHASE_SHEET[lang])
    last = len(COLUMNS) - 1
    for c, column in enumerate(COLUMNS):
        sheet.set_column(c, column.width)
    department = safe_text(chase.department or "")
    title = T.CHASE_TITLE[lang].format(department=department)
    sheet.merge(0, 0, 0, last, title, TITLE)
    sheet.set_row(0, 24)
    source = safe_text(Path(chase.source).name)
    sheet.merge(1, 0, 1, last, f"{T.AS_OF[lang].format(date=as_of_text)} · "
                               f"{T.WORKBOOK[lang].format(name=source)}", SUBTITLE)
    sheet.merge(2, 0, 2, last, _counts_line(chase, lang, due_soon_days), Style(bold=True))
    labels = [column.label[lang] for column in COLUMNS]
    for c, label in enumerate(labels):
        sheet.write(HEADER_ROW, c, label, HEADER)
    sheet.set_row(HEADER_ROW, HEADER_PADDING + (
        row_height(labels, [column.width for column in COLUMNS]) or LINE_HEIGHT))
    _write_groups(sheet, chase, lang)
    sheet.freeze(HEADER_ROW + 1, 0)
    sheet.page(PageSetup(fit_width=1, fit_height=0, repeat_rows=(HEADER_ROW, HEADER_ROW),
                         margins=(0.4, 0.4, 0.5, 0.6),
                         footer=f"&L{_footer_text(title)}&R&P / &N"))
    sheet.activate()
    book.set_properties(Properties(title=title, subject=department,
                                   keywords=marker_keywords(OutputKind.CHASE_LIST),
                                   comments=f"xltools {__version__}"))
    with atomic_output(Path(path), kind=OutputKind.CHASE_LIST, force=force) as temp:
        book.close(temp)
        return temp.read_bytes()


def _write_groups(sheet: SheetWriter, chase: DepartmentChase, lang: str) -> None:
    last = len(COLUMNS) - 1
    date_style = Style(num_format=DATE_FORMATS[lang], valign="top", border="thin",
                       border_color=BORDER, align="left")
    widths = [column.width for column in COLUMNS]
    r = HEADER_ROW + 1
    for owner, lines in group_by_owner(chase.lines):
        sheet.merge(r, 0, r, last, safe_text(_group_heading(owner, lines, lang)), GROUP)
        r += 1
        for line in lines:
            values = [safe_cell(v) for v in _line_values(line, lang)]
            height = row_height(values, widths)
            if height is not None:
                sheet.set_row(r, height)
            for c, value in enumerate(values):
                if c == 0:
                    style = Style(bold=True, bg_color=KIND_FILL[line.kind], valign="top",
                                  border="thin", border_color=BORDER, wrap=True)
                elif c == 5:
                    style = date_style
                else:
                    style = CELL
                sheet.write(r, c, value, style)  # type: ignore[arg-type]
            r += 1


# --- the index ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One department (or unreadable file) in the index."""

    department: str | None
    about: dict[str, str]
    send_to: str | None  # the recipients, or why the draft has none
    address_ok: bool
    overdue: int | None
    due_soon: int | None
    errors: int | None
    most_days_late: int | None
    files: str | None  # the chase list's and the draft's names, one a line
    source: str
    outcome: str


def _index_columns(lang: str) -> list[tuple[str, float]]:
    fields = {f.key: f for f in ABOUT.fields}
    columns = [(S.DEPARTMENT[lang], 22.0)]
    if "area" in fields:  # placed in the organisation (SPEC 4.1), when the About sheet has it
        columns.append((fields["area"].labels[lang], 16))
    columns += [(fields["manager"].labels[lang], 18), (T.SEND_TO[lang], 28),
                (S.OVERDUE[lang], 10), (S.DUE_SOON[lang], 10), (S.ERRORS[lang], 7),
                (T.MOST_DAYS_LATE[lang], 9), (T.FILES[lang], 38), (S.SOURCE_FILE[lang], 24),
                (T.OUTCOME[lang], 26)]
    return columns


def write_index(rows: Sequence[IndexRow], path: str | Path, *, lang: str, title: str,
                force: bool = False, writer: str | None = None) -> Path:
    """Write the index of a chase run: every department, its address, counts and files.

    Args:
        rows: one per department or unreadable file, in the order to show.
        path: the .xlsx file to write (atomically).
        lang: the index's language.
        title: the document title (e.g. naming the as-of date).
        force: replace an existing file that is not an earlier index.
        writer: 'xlsxwriter' or 'rvgsrust' (default: the fast one when installed).

    Returns:
        The path written.

    Raises:
        OutputError: the file may not or cannot be written.
    """
    book = open_book(writer)
    sheet = book.add_sheet(T.INDEX_SHEET[lang])
    columns = _index_columns(lang)
    widths = [width for _, width in columns]
    has_area = any(f.key == "area" for f in ABOUT.fields)
    for c, width in enumerate(widths):
        sheet.set_column(c, width)
    plain = Style(wrap=True, valign="top")
    warn = Style(bg_color=KIND_FILL[LineKind.DUE_SOON], wrap=True, valign="top")
    late = Style(bg_color=KIND_FILL[LineKind.OVERDUE], bold=True, valign="top", align="center")
    number = Style(valign="top", align="center")
    for r, row in enumerate(rows, start=1):
        values: list[tuple[object, Style]] = [(row.department, plain)]
        if has_area:
            values.append((row.about.get("area"), plain))
        values += [
            (row.about.get("manager"), plain), (row.send_to, plain if row.address_ok else warn),
            (row.overdue, late if row.overdue else number), (row.due_soon, number),
            (row.errors, late if row.errors else number), (row.most_days_late, number),
            (row.files, plain), (row.source, plain), (row.outcome, plain)]
        cells = [safe_cell(value) for value, _ in values]
        height = row_height(cells, widths)
        if height is not None:
            sheet.set_row(r, height)
        for c, (value, (_, style)) in enumerate(zip(cells, values, strict=True)):
            sheet.write(r, c, value, style)  # type: ignore[arg-type]
    header = Style(bold=True, font_color=HEADER_FONT, bg_color=HEADER_FILL, wrap=True,
                   valign="top")
    sheet.add_table(0, 0, max(len(rows), 1), TableSpec(
        "Reminders", [label for label, _ in columns], header_style=header))
    sheet.set_row(0, row_height([label for label, _ in columns], widths) or LINE_HEIGHT)
    sheet.freeze(1, 0)
    sheet.page(PageSetup(fit_width=1, fit_height=0, repeat_rows=(0, 0),
                         margins=(0.4, 0.4, 0.5, 0.6), footer=f"&L{_footer_text(title)}&R&P / &N"))
    book.set_properties(Properties(title=title, keywords=marker_keywords(OutputKind.CHASE_INDEX),
                                   comments=f"xltools {__version__}"))
    path = Path(path)
    with atomic_output(path, kind=OutputKind.CHASE_INDEX, force=force) as temp:
        book.close(temp)
    return path
