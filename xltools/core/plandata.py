"""What a read workbook holds: plan rows with their real sheet addresses, About and Checklist."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from xltools.core.schema import Lang, PlanKind


def column_letter(index: int) -> str:
    """Spreadsheet column letters of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class CellProblem:
    """A cell whose value cannot be known: a formula never calculated, or an error value."""

    kind: str  # "uncalculated" | "error"
    text: str  # the error as Excel shows it ("#N/A"), or the formula

    def __str__(self) -> str:
        return self.text


UNCALCULATED, ERROR_VALUE = "uncalculated", "error"


@dataclass(slots=True)
class SheetFacts:
    """What a reader knows about a sheet beyond its values (0-based rows and columns)."""

    hidden: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    totals_rows: set[int] = field(default_factory=set)  # rows that are a table's totals row
    problems: dict[tuple[int, int], CellProblem] = field(default_factory=dict)
    stopped_at: int | None = None  # 1-based: reading stopped after this row (a long blank run)
    last_value_row: int | None = None  # 1-based: the last row of the file holding a value


@dataclass(slots=True)
class HeaderMatch:
    """A header cell and the schema column it was understood as (None: unknown column)."""

    key: str | None
    header: str
    index: int  # 0-based column index in the sheet

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass(slots=True)
class Row:
    """One non-blank data row: raw values by column key, unknown columns by header text."""

    number: int  # row number as the user sees it in the sheet (1-based)
    values: dict[str, object]
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class SheetData:
    """A plan sheet as read: where its header was, what each header meant, its rows."""

    kind: PlanKind
    name: str
    header_row: int | None  # None when no header could be found
    columns: dict[str, HeaderMatch] = field(default_factory=dict)
    unknown_columns: list[HeaderMatch] = field(default_factory=list)
    duplicate_columns: list[HeaderMatch] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    second_header_row: int | None = None  # where a second table below the plan begins
    totals_rows: list[int] = field(default_factory=list)  # table totals rows, not items
    rows_not_read: tuple[int, int] | None = None  # first and last row left unread, 1-based
    hidden: bool = False

    def letter(self, key: str) -> str | None:
        """The column letter of a schema column, if the sheet has it."""
        match = self.columns.get(key)
        return match.letter if match else None


@dataclass(slots=True)
class ChecklistAnswer:
    """One checklist question as found in the sheet, with the cell holding its answer."""

    key: str
    question: str
    answer: object
    row: int
    column: str


@dataclass(frozen=True, slots=True)
class IgnoredPlan:
    """A sheet that looked like a plan while another sheet was read as that plan."""

    name: str
    kind: PlanKind
    used: str  # the sheet read instead
    reason: str  # why that one: "has_header", "visible", "recent" or "first"


@dataclass(slots=True)
class WorkbookData:
    """Everything xltools understood from one department workbook."""

    source: str
    department: str
    language: Lang
    plans: dict[PlanKind, SheetData] = field(default_factory=dict)
    about: dict[str, object] = field(default_factory=dict)
    about_sheet: str | None = None
    checklist: list[ChecklistAnswer] = field(default_factory=list)
    checklist_sheet: str | None = None
    follow_up_log_sheet: str | None = None
    template_version: str | None = None
    last_updated: date | None = None
    area: str | None = None  # the About sheet's Area, when filled in
    other_sheets: list[str] = field(default_factory=list)  # sheets that are no plan of ours
    # sheets that could have been a plan but another sheet was read: (name, kind, read instead)
    ignored_plans: list[IgnoredPlan] = field(default_factory=list)
    output_kind: str | None = None  # set when xltools wrote this file (see core/outputs.py)

    @property
    def row_count(self) -> int:
        return sum(len(sheet.rows) for sheet in self.plans.values())
