"""The summary's Progress sheet: what moved since the earlier roll-up, and the trend.

Per department (grouped by area, with the organisation's total): items now, completed since,
new, removed, newly overdue, still overdue, slipped; below it the slipped and still-overdue
items with both deadlines; then one row per recorded roll-up with a line chart of % done and
% overdue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xltools.core.plandata import column_letter
from xltools.core.presentation import (
    GROUP_FILL,
    HEADER_FILL,
    HEADER_FONT,
    STATUS_COLOURS,
    TOTAL_FILL,
    line_count,
)
from xltools.core.progress import DepartmentProgress, Progress, TrendPoint
from xltools.core.rollup import excel_day, safe_cell
from xltools.core.schema import PLANS, PlanKind
from xltools.core.texts import summary as T
from xltools.core.wording import DATE_FORMATS, format_date
from xltools.io.summary_layout import FOOTER, LINE_HEIGHT, MARGINS, PERCENT_FORMAT
from xltools.io.writers.base import ChartSpec, PageSetup, Series, SheetWriter, Style

# The department table and the list under it share columns: the list puts its text where the
# table has its names and its narrow figures under the table's figures.
WIDTHS = (26, 28, 18, 12, 10, 12, 12, 10, 14, 26, 14)
WRAPPED = (0, 1, 2, 9)  # the list's department, what, responsible and area wrap
CHART_ROWS = 17  # the trend chart's 320 px and a row clear of it


@dataclass(slots=True)
class ProgressFacts:
    """What the Progress sheet shows: a comparison (or why there is none) and the trend."""

    progress: Progress | None
    trend: list[TrendPoint] = field(default_factory=list)
    note: str | None = None  # why there is no comparison (first roll-up, no history, damaged)


def write_progress(sheet: SheetWriter, title: str, facts: ProgressFacts, lang: str) -> None:
    """Write the Progress sheet.

    Args:
        sheet: the sheet to write on.
        title: the sheet's title (for the chart's references).
        facts: the comparison and the trend.
        lang: the summary's language.
    """
    bold = Style(bold=True, font_size=12)
    header = Style(bold=True, bg_color=HEADER_FILL, font_color=HEADER_FONT, wrap=True,
                   valign="vcenter", align="center")
    row = 0
    breaks: tuple[int, ...] = ()
    progress = facts.progress
    if progress is None or progress.previous_as_of is None:
        sheet.write(row, 0, facts.note or "", Style(italic=True))
        row += 2
    else:
        sheet.write(row, 0, T.PROGRESS_SINCE[lang].format(
            previous=format_date(progress.previous_as_of, lang),
            now=format_date(progress.as_of, lang)), bold)
        row += 2
        row = _departments(sheet, row, progress, lang, header) + 2
        row = _moved(sheet, row, progress, lang, header) + 2
        breaks = (row,)  # the trend and its chart start a page: a chart is never cut
    _trend(sheet, row, title, facts.trend, lang, header, bold)
    for c, width in enumerate(WIDTHS):
        sheet.set_column(c, width)
    sheet.page(PageSetup(fit_width=1, fit_height=0, repeat_rows=None, margins=MARGINS,
                         footer=FOOTER, break_rows=breaks))


def _departments(sheet: SheetWriter, row: int, progress: Progress, lang: str,
                 header: Style) -> int:
    headers = [T.AREA[lang], T.DEPARTMENT[lang], T.ITEMS_NOW[lang], T.COMPLETED[lang],
               T.NEW_ITEMS[lang], T.REMOVED[lang], T.NEWLY_OVERDUE[lang], T.STILL_OVERDUE[lang],
               T.SLIPPED[lang], T.DAYS_SLIPPED[lang], T.WITHOUT_ID[lang]]
    _header_row(sheet, row, headers, header)
    row += 1
    groups: dict[str, list[DepartmentProgress]] = {}
    for department in progress.departments:
        groups.setdefault((department.area or "").casefold(), []).append(department)
    total = progress.total()
    areas = len(groups) > 1 or "" not in groups
    for key in sorted(groups, key=lambda k: (k == "", k)):
        members = groups[key]
        if areas:
            subtotal = DepartmentProgress("")
            for member in members:
                subtotal.add(member)
            name = members[0].area or T.NO_AREA[lang]
            _figures(sheet, row, name, "", subtotal, Style(bold=True, bg_color=GROUP_FILL))
            row += 1
        for member in sorted(members, key=lambda d: (-d.still_overdue - d.newly_overdue,
                                                      d.department.casefold())):
            _figures(sheet, row, member.area or "", member.department, member, None)
            row += 1
    _figures(sheet, row, T.ORGANISATION_TOTAL[lang], "", total,
             Style(bold=True, bg_color=TOTAL_FILL))
    return row + 1


def _figures(sheet: SheetWriter, row: int, area: str, department: str,
             figures: DepartmentProgress, style: Style | None) -> None:
    values = [safe_cell(area), safe_cell(department), figures.items, figures.completed,
              figures.new, figures.removed, figures.newly_overdue, figures.still_overdue,
              figures.slipped, figures.slipped_days, figures.without_id]
    for c, value in enumerate(values):
        sheet.write(row, c, value, style)


def _moved(sheet: SheetWriter, row: int, progress: Progress, lang: str, header: Style) -> int:
    sheet.write(row, 0, T.MOVED_HEADING[lang], Style(bold=True))
    row += 1
    id_label = PLANS[PlanKind.ACTION].column("id").label(lang)
    owner = PLANS[PlanKind.ACTION].column("owner").label(lang)
    headers = [T.DEPARTMENT[lang], T.WHAT[lang], owner, T.PLAN[lang], id_label,
               T.DEADLINE_THEN[lang], T.DEADLINE_NOW[lang], T.DAYS[lang], T.STATUS[lang],
               T.AREA[lang]]
    _header_row(sheet, row, headers, header)
    row += 1
    wrapped = Style(wrap=True, valign="top")
    top = Style(valign="top")
    date_style = Style(num_format=DATE_FORMATS[lang], valign="top")
    for moved in progress.moved:
        values = [safe_cell(moved.department), safe_cell(moved.what), safe_cell(moved.owner),
                  PLANS[PlanKind(moved.plan)].title(lang), safe_cell(moved.item_id),
                  excel_day(moved.before), excel_day(moved.now), moved.days,
                  T.MOVED_KINDS[moved.kind][lang], safe_cell(moved.area)]
        for c, value in enumerate(values):
            style = wrapped if c in WRAPPED else date_style if c in (5, 6) else top
            sheet.write(row, c, value, style)
        # writers cannot measure text and Excel does not re-fit heights on opening
        lines = max(line_count(values[c], WIDTHS[c]) for c in WRAPPED)
        if lines > 1:
            sheet.set_row(row, LINE_HEIGHT * lines)
        row += 1
    return row


def _header_row(sheet: SheetWriter, row: int, headers: list[str], style: Style) -> None:
    sheet.set_row(row, 2 * LINE_HEIGHT)  # two lines: wrapped headers are read in full
    for c, text in enumerate(headers):
        sheet.write(row, c, text, style)


def _trend(sheet: SheetWriter, row: int, title: str, trend: list[TrendPoint], lang: str,
           header: Style, heading: Style) -> None:
    sheet.write(row, 0, T.TREND_HEADING[lang], heading)
    row += 1
    charted = len(trend) >= 2  # one point makes no line
    table = row + CHART_ROWS if charted else row  # the chart first, under the heading
    headers = [T.AS_OF[lang], T.ITEMS[lang], T.PERCENT_DONE[lang], T.OVERDUE[lang],
               T.PERCENT_OVERDUE[lang]]
    _header_row(sheet, table, headers, header)
    percent = Style(num_format=PERCENT_FORMAT)
    for n, point in enumerate(trend, start=table + 1):
        # the as-of date as the language writes it: the chart's labels read as dates in
        # every program (a date cell's number would show as a day number on the axis)
        sheet.write(n, 0, format_date(point.as_of, lang), Style(align="left"))
        sheet.write(n, 1, point.items)
        sheet.write(n, 2, point.percent_done, percent)
        sheet.write(n, 3, point.overdue)
        sheet.write(n, 4, round(point.overdue / point.items, 4) if point.items else None,
                    percent)
    if not charted:
        return
    ref = "'" + title.replace("'", "''") + "'"
    first, last = table + 1, table + len(trend) + 1  # Excel's numbers: header, last point

    def series(column: int, colour: str) -> Series:
        letter = column_letter(column)
        return Series(name=f"{ref}!${letter}${first}", categories=f"{ref}!$A${first + 1}:$A${last}",
                      values=f"{ref}!${letter}${first + 1}:${letter}${last}", color=colour)

    sheet.add_chart(row, 0, ChartSpec(
        "line", T.TREND_CHART[lang], [series(2, STATUS_COLOURS["done"].strong),
                                   series(4, STATUS_COLOURS[""].strong)],
        width=760, height=320, value_num_format=PERCENT_FORMAT, value_min=0, value_max=1))
