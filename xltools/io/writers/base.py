"""The small writer interface the summary (and chase lists) are written through.

The roll-up knows sheets, rows, styles, tables, conditional rules and charts as plain data
declared here; an adapter per library (``xlsxwriter.py``, ``rvgsrust.py``) turns them into
calls. Everything a user's text reaches is written as text: no adapter may turn a string
into a formula or a link.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, Protocol

CellValue = str | int | float | date | None

# Excel's sheet limits: beyond them a writer aborts the whole workbook.
MAX_ROWS = 1_048_576
# Cells beyond which a workbook may pass zip's 4 GB part limit and needs zip64 (which
# LibreOffice cannot open, so it is used only then).
LARGE_WORKBOOK_CELLS = 20_000_000


@dataclass(frozen=True, slots=True)
class Style:
    """How a cell looks; adapters cache one library format per distinct Style."""

    bold: bool = False
    italic: bool = False
    font_color: str | None = None  # "#RRGGBB"
    font_size: float | None = None
    bg_color: str | None = None
    num_format: str | None = None
    wrap: bool = False
    align: Literal["left", "center", "right"] | None = None
    valign: Literal["top", "vcenter", "bottom"] | None = None
    border: Literal["thin", "medium"] | None = None  # all four sides
    border_color: str | None = None
    bottom_border: Literal["thin", "medium"] | None = None
    indent: int = 0


@dataclass(frozen=True, slots=True)
class TableSpec:
    """An Excel table over a block whose first row holds ``headers``."""

    name: str
    headers: Sequence[str]
    style: str = "medium2"  # a built-in table style: light1..21, medium1..28, dark1..11
    header_style: Style | None = None
    banded_rows: bool = True
    header_styles: Sequence[Style | None] = ()  # per column; overrides ``header_style``

    def column_header_styles(self) -> list[Style | None]:
        """Each column's header style: ``header_styles``, else ``header_style`` for all."""
        return list(self.header_styles) or [self.header_style] * len(self.headers)


@dataclass(frozen=True, slots=True)
class DataBar:
    """A conditional data bar (e.g. % done) between fixed limits."""

    color: str
    minimum: float = 0
    maximum: float = 1


@dataclass(frozen=True, slots=True)
class CellRule:
    """A conditional format when the cell's number compares to ``value``."""

    operator: Literal[">", ">=", "<", "<=", "==", "!="]
    value: float
    style: Style


@dataclass(frozen=True, slots=True)
class FormulaRule:
    """A conditional format when ``formula`` (relative to the range's top-left) is true."""

    formula: str
    style: Style
    stop_if_true: bool = False


@dataclass(frozen=True, slots=True)
class ColorScale:
    """A two- or three-colour scale (``mid_color`` None: two colours)."""

    min_color: str
    max_color: str
    mid_color: str | None = None
    # fixed limits (numbers) make a colour mean the same in every summary; None: the
    # range's own lowest and highest value
    min_value: float | None = None
    max_value: float | None = None


ConditionalRule = DataBar | CellRule | FormulaRule | ColorScale


@dataclass(frozen=True, slots=True)
class Series:
    """A chart series given as sheet references (``'Overview'!$C$2:$C$9``)."""

    name: str  # a reference to the name cell
    categories: str
    values: str
    color: str | None = None


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A native chart: stacked bars per department, a line per trend, ..."""

    kind: Literal["bar_stacked", "column_stacked", "line"]
    title: str
    series: Sequence[Series]
    width: int = 760  # pixels
    height: int = 360
    reverse_categories: bool = False  # bar charts: first category at the top
    value_num_format: str | None = None
    value_min: float | None = None
    value_max: float | None = None
    legend: Literal["bottom", "right", "top", "none"] = "bottom"
    gap: int | None = None
    axis_font_size: float | None = None  # points, both axes' labels


@dataclass(frozen=True, slots=True)
class PageSetup:
    """How a sheet prints (A4 landscape by default)."""

    landscape: bool = True
    paper_a4: bool = True
    fit_width: int = 0  # pages wide; 0: no fitting (print at ``scale``)
    fit_height: int = 0
    scale: int | None = None  # percent, when not fitted
    repeat_rows: tuple[int, int] | None = (0, 0)
    print_area: tuple[int, int, int, int] | None = None
    margins: tuple[float, float, float, float] = (0.5, 0.5, 0.6, 0.6)  # left, right, top, bottom
    footer: str | None = None  # Excel header/footer codes, e.g. "&L&A&R&P / &N"
    header: str | None = None
    break_rows: Sequence[int] = field(default_factory=tuple)
    repeat_cols: tuple[int, int] | None = None  # columns printed on every page across
    across_first: bool = False  # page order: over, then down (a wide sheet's rows stay together)
    center_horizontally: bool = False


class StyleFormats:
    """A writer library's format for each distinct Style, made once (``make`` builds one)."""

    def __init__(self, make: Callable[[Style], Any]) -> None:
        self._make = make
        self._made: dict[Style, Any] = {}

    def __call__(self, style: Style | None) -> Any:
        """The library format of ``style`` (None: no format)."""
        if style is None:
            return None
        made = self._made.get(style)
        if made is None:
            made = self._made[style] = self._make(style)
        return made


class SheetWriter(Protocol):
    """One worksheet being written (0-based rows and columns everywhere)."""

    def write_rows(self, first_row: int, rows: Sequence[Sequence[CellValue]],
                   first_col: int = 0) -> None: ...

    def write(self, row: int, col: int, value: CellValue, style: Style | None = None) -> None: ...

    def write_link(self, row: int, col: int, target: str, text: str,
                   style: Style | None = None) -> None: ...

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int,
              value: CellValue, style: Style | None = None) -> None: ...

    def set_column(self, col: int, width: float, style: Style | None = None) -> None: ...

    def set_row(self, row: int, height: float, style: Style | None = None) -> None: ...

    def add_table(self, first_row: int, first_col: int, last_row: int, table: TableSpec) -> None: ...

    def add_conditional(self, first_row: int, first_col: int, last_row: int, last_col: int,
                        rule: ConditionalRule) -> None: ...

    def add_chart(self, row: int, col: int, chart: ChartSpec) -> None: ...

    def group_rows(self, first_row: int, last_row: int) -> None:
        """Outline level 1 for these rows, collapsible under the summary row above them."""
        ...

    def hide_gridlines(self) -> None: ...

    def freeze(self, row: int, col: int = 0) -> None: ...

    def page(self, setup: PageSetup) -> None: ...

    def activate(self) -> None: ...

    def hide(self) -> None: ...

    def set_tab_color(self, color: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Properties:
    """Document properties; ``keywords`` carry xltools' marker of what wrote the file."""

    title: str = ""
    subject: str = ""
    keywords: str = ""
    comments: str = ""
    author: str = "xltools"


class BookWriter(Protocol):
    """A workbook being written; ``name`` says which library writes it."""

    name: str

    def add_sheet(self, title: str) -> SheetWriter: ...

    def set_properties(self, properties: Properties) -> None: ...

    def close(self, path: Path, *, large: bool = False) -> None:
        """Save to ``path``; ``large`` allows parts beyond 4 GB (zip64)."""
        ...
