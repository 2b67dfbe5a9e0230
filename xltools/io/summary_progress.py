"""The summary's Progress sheet: what moved since the earlier roll-up, and the trend.

Per department (grouped by area, with the organisation's total): items now, completed since,
new, removed, newly overdue, still overdue, slipped; below it the slipped and still-overdue
items with both deadlines; then one row per recorded roll-up with a line chart of % done and
% overdue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xltools.core.plandata import column_letter
from xltools.core.presentation import GROUP_FILL, HEADER_FILL, HEADER_FONT, TOTAL_FILL
from xltools.core.progress import DepartmentProgress, Progress, TrendPoint
from xltools.core.rollup import excel_day, safe_cell
from xltools.core.schema import PLANS, PlanKind
from xltools.core.texts import summary as T
from xltools.core.wording import DATE_FORMATS, format_date
from xltools.io.summary_layout import FOOTER, LINE_HEIGHT, MARGINS
from xltools.io.writers.base import ChartSpec, PageSetup, Series, SheetWriter, Style

PERCENT = "0%"
COUNT_COLUMNS = 8  # items now .. without id


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
    _trend(sheet, row, title, facts.trend, lang, header, bold)
    widths = [26, 28, 11, 11, 10, 10, 12, 12, 10, 11, 14]
    for c, width in enumerate(widths):
        sheet.set_column(c, width)
    sheet.page(PageSetup(fit_width=1, fit_height=0, repeat_rows=None, margins=MARGINS,
                         footer=FOOTER))


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
    headers = [T.DEPARTMENT[lang], T.AREA[lang], T.PLAN[lang], id_label, T.WHAT[lang], owner,
               T.DEADLINE_THEN[lang], T.DEADLINE_NOW[lang], T.DAYS[lang], T.STATUS[lang]]
    _header_row(sheet, row, headers, header)
    row += 1
    date_style = Style(num_format=DATE_FORMATS[lang])
    for moved in progress.moved:
        values = [safe_cell(moved.department), safe_cell(moved.area),
                  PLANS[PlanKind(moved.plan)].title(lang), safe_cell(moved.item_id),
                  safe_cell(moved.what), safe_cell(moved.owner)]
        for c, value in enumerate(values):
            sheet.write(row, c, value)
        sheet.write(row, 6, excel_day(moved.before), date_style)
        sheet.write(row, 7, excel_day(moved.now), date_style)
        sheet.write(row, 8, moved.days)
        sheet.write(row, 9, T.MOVED_KINDS[moved.kind][lang])
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
    headers = [T.AS_OF[lang], T.ITEMS[lang], T.PERCENT_DONE[lang], T.OVERDUE[lang],
               T.PERCENT_OVERDUE[lang]]
    _header_row(sheet, row, headers, header)
    first = row + 1
    percent = Style(num_format=PERCENT)
    for point in trend:
        row += 1
        # the as-of date as the language writes it: the chart's labels read as dates in
        # every program (a date cell's number would show as a day number on the axis)
        sheet.write(row, 0, format_date(point.as_of, lang), Style(align="left"))
        sheet.write(row, 1, point.items)
        sheet.write(row, 2, point.percent_done, percent)
        sheet.write(row, 3, point.overdue)
        sheet.write(row, 4, round(point.overdue / point.items, 4) if point.items else None,
                    percent)
    if len(trend) < 2:
        return  # one point makes no line
    ref = "'" + title.replace("'", "''") + "'"
    last = row + 1

    def series(column: int, colour: str) -> Series:
        letter = column_letter(column)
        return Series(name=f"{ref}!${letter}${first}", categories=f"{ref}!$A${first + 1}:$A${last}",
                      values=f"{ref}!${letter}${first + 1}:${letter}${last}", color=colour)

    sheet.add_chart(row + 2, 0, ChartSpec(
        "line", T.TREND_CHART[lang], [series(2, "#5A9E3E"), series(4, "#D9372B")],
        width=760, height=320, value_num_format=PERCENT, value_min=0, value_max=1))
