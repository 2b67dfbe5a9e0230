"""The summary's charts: status as stacked bars, each chart on its own printed page.

Charts live on a sheet of their own, one per page (a manual page break before each), so a
chart is never cut by a page break nor printed under a list's repeated header row. Each
chart's figures are written beside it (outside the print area): a chart shows at most
``MAX_BARS`` bars, so a long list of departments becomes an area chart or several pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xltools.core.plandata import column_letter
from xltools.core.presentation import STATUS_COLOURS
from xltools.core.rollup import RowKind, SummaryTables
from xltools.core.texts import summary as T
from xltools.io.summary_layout import FOOTER, MARGINS
from xltools.io.writers.base import ChartSpec, PageSetup, Series, SheetWriter, Style

MAX_BARS = 24  # bars one page-high chart shows with legible labels
SLOT_ROWS = 32  # rows (15 pt each) per printed page: one chart each
CHART_WIDTH = 960  # pixels: the width of an A4 landscape page at 100 %
CHART_MAX_HEIGHT = 600  # 30 rows: a row clear of the page break above and below
CHART_COLUMNS = 15  # default-width columns the chart covers: the print area
DATA_COLUMN = CHART_COLUMNS + 1  # the figures start here, one column clear of the chart
BAR_PX = 22
AXIS_FONT = 9.0


@dataclass(slots=True)
class ChartPlan:
    """One chart: a title and, per bar, its label and the item count per status."""

    title: str
    category: str  # the header over the bar labels (department or area)
    bars: list[tuple[str, list[int]]] = field(default_factory=list)


def plan_charts(tables: SummaryTables, *, per_area: bool = False) -> list[ChartPlan]:
    """Which charts the summary gets.

    Args:
        tables: the roll-up's sheets (the Overview's rows and their kinds).
        per_area: also one chart per area, its departments as bars.

    Returns:
        Per department when they fit one chart; else per area (when there are areas) or the
        departments over several charts; with ``per_area`` a chart for each area after those.
    """
    lang = tables.lang
    overview = tables.overview
    columns = tables.status_columns
    departments: list[tuple[str, list[int]]] = []
    areas: list[tuple[str, list[int]]] = []
    per_area_bars: list[tuple[str, list[tuple[str, list[int]]]]] = []
    for row, kind in zip(overview.rows, tables.overview_rows, strict=True):
        counts = [int(row[c] or 0) for c in columns]  # type: ignore[call-overload]
        if kind is RowKind.AREA:
            areas.append((str(row[0]), counts))
            per_area_bars.append((str(row[0]), []))
        elif kind is RowKind.DEPARTMENT:
            departments.append((str(row[0]), counts))
            if per_area_bars:
                per_area_bars[-1][1].append((str(row[0]), counts))
    department, area = T.DEPARTMENT[lang], T.AREA[lang]
    if len(departments) <= MAX_BARS:
        plans = _chunked(T.CHART_TITLE[lang], department, departments, lang)
    elif tables.has_areas:
        plans = _chunked(T.CHART_AREAS_TITLE[lang], area, areas, lang)
    else:
        plans = _chunked(T.CHART_TITLE[lang], department, departments, lang)
    if per_area and tables.has_areas:
        for name, bars in per_area_bars:
            if bars:
                plans.extend(_chunked(f"{T.CHART_TITLE[lang]}: {name}", department, bars, lang))
    return plans


def _chunked(title: str, category: str, bars: list[tuple[str, list[int]]],
             lang: str) -> list[ChartPlan]:
    if len(bars) <= MAX_BARS:
        return [ChartPlan(title, category, bars)] if bars else []
    plans = []
    for first in range(0, len(bars), MAX_BARS):
        part = bars[first:first + MAX_BARS]
        label = T.CHART_PART[lang].format(first=first + 1, last=first + len(part),
                                          count=len(bars))
        plans.append(ChartPlan(f"{title} ({label})", category, part))
    return plans


def write_charts(sheet: SheetWriter, sheet_title: str, plans: list[ChartPlan], *, lang: str,
                 status_labels: list[str], status_codes: list[str],
                 page_header: str | None = None) -> None:
    """Write each chart on its own page with its figures beside it.

    Args:
        sheet: the charts sheet.
        sheet_title: its title (chart references name it).
        plans: the charts, from ``plan_charts``.
        lang: the summary language.
        status_labels: the series names, in the order of the counts.
        status_codes: the status code of each series (its colour).
        page_header: the printed page's header (Excel codes).
    """
    sheet.hide_gridlines()
    ref = "'" + sheet_title.replace("'", "''") + "'"
    bold = Style(bold=True)
    for number, plan in enumerate(plans):
        top = number * SLOT_ROWS
        sheet.write(top, DATA_COLUMN, f"{T.CHART_DATA[lang]}: {plan.title}", bold)
        sheet.write_rows(top + 1, [[plan.category, *status_labels]], DATA_COLUMN)
        sheet.write_rows(top + 2, [[name, *counts] for name, counts in plan.bars], DATA_COLUMN)
        first, last = top + 3, top + 2 + len(plan.bars)  # 1-based rows of the bars
        label_col = column_letter(DATA_COLUMN)
        series = [
            Series(name=f"{ref}!${column_letter(DATA_COLUMN + 1 + i)}${top + 2}",
                   categories=f"{ref}!${label_col}${first}:${label_col}${last}",
                   values=(f"{ref}!${column_letter(DATA_COLUMN + 1 + i)}${first}:"
                           f"${column_letter(DATA_COLUMN + 1 + i)}${last}"),
                   color=STATUS_COLOURS[code].strong)
            for i, code in enumerate(status_codes)
        ]
        height = min(CHART_MAX_HEIGHT, 130 + BAR_PX * len(plan.bars))
        # departments read top-down in the Overview's order: the category axis is reversed;
        # a row clear of the page break, or its top edge prints on the page before
        sheet.add_chart(top + 1, 0, ChartSpec(
            "bar_stacked", plan.title, series, width=CHART_WIDTH, height=height,
            reverse_categories=True, gap=60, axis_font_size=AXIS_FONT, value_min=0))
    rows = max(1, len(plans)) * SLOT_ROWS
    sheet.page(PageSetup(repeat_rows=None, margins=MARGINS, footer=FOOTER, header=page_header,
                         print_area=(0, 0, rows - 1, CHART_COLUMNS - 1),
                         break_rows=tuple(n * SLOT_ROWS for n in range(1, len(plans))),
                         center_horizontally=True))
