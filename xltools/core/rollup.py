"""Department results -> organisation tables: the figures of the roll-up summary, without file I/O.

A worker turns one checked workbook into a compact, picklable ``FileResult`` (rows as plain
lists, counts, issues); ``Rollup`` merges results one at a time, so the main process holds
only the rows it will write, then ``Rollup.tables()`` builds every sheet's header and rows.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from xltools.core import summary_texts as T
from xltools.core.marks import SEVERITY_LABELS
from xltools.core.outputs import NOT_A_DEPARTMENT, OutputKind
from xltools.core.overdue import DEFAULT_DUE_SOON_DAYS, Timing, late_items
from xltools.core.safety import cell_text, has_cell_controls
from xltools.core.schema import (
    PLANS,
    TOPIC_SUGGESTIONS,
    VALUE_LISTS,
    ColumnType,
    PlanKind,
    normalize,
)
from xltools.core.texts import SKIP_REASONS
from xltools.core.validate import Checked
from xltools.core.values import ParsedRow, display_text

# Excel's day numbers: 1 is 1900-01-01, counted from 1899-12-30 for every date after
# Excel's phantom 1900-02-29; earlier dates are written as text.
EXCEL_EPOCH = date(1899, 12, 30)
FIRST_SERIAL_DATE = date(1900, 3, 1)
ROW_PREFIX = 3  # department, source file, source row come before a plan's own columns
STATUS_CODES: tuple[str, ...] = tuple(c.code for c in VALUE_LISTS["status"].choices)
NO_STATUS = ""  # the status key of items whose status is blank or not understood
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
KINDS: tuple[str, ...] = tuple(k.value for k in PlanKind)

Cell = object  # str | int | float | date | None: what a summary cell may hold


def safe_cell(value: object) -> Cell:
    """A value Excel can store: long text cut to the cell limit, pre-1900 dates and NaN as text.

    Args:
        value: a typed or raw cell value.

    Returns:
        The value to write (text stays text; the writer never turns it into a formula).
    """
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        # Excel's date serials start in 1900; earlier dates would abort the whole write.
        return value if value.year >= 1900 else value.isoformat()
    return safe_text(value if isinstance(value, str) else display_text(value))


def safe_text(text: str) -> str:
    """Text Excel can store: control characters made visible, cut to the cell limit.

    Args:
        text: any text from a user's file.

    Returns:
        The text to write.
    """
    text = cell_text(text)
    return text if len(text) <= MAX_CELL_TEXT else text[: MAX_CELL_TEXT - 1] + "…"


def plan_date_columns(kind: PlanKind | str) -> list[int]:
    """The columns of a plan's summary sheet that hold dates (as Excel day numbers).

    Args:
        kind: the plan kind.

    Returns:
        0-based column indexes in the summary sheet.
    """
    columns = PLANS[PlanKind(kind)].columns
    return [ROW_PREFIX + i for i, c in enumerate(columns) if c.type is ColumnType.DATE]


@dataclass(slots=True)
class TopicCount:
    """How one action-plan topic stands in one file."""

    text: str
    statuses: Counter[str] = field(default_factory=Counter)
    overdue: int = 0


@dataclass(slots=True)
class FileResult:
    """What one input file contributes to the summary; small and picklable."""

    source: str
    outcome: str  # 'read' | 'problems' | 'failed' | 'skipped'
    reason: str | None = None
    department: str | None = None
    language: str | None = None
    template_version: str | None = None
    last_updated: date | None = None
    items: dict[str, int] = field(default_factory=dict)  # per plan kind value
    statuses: Counter[str] = field(default_factory=Counter)  # status code (or "") -> items
    overdue: int = 0
    due_soon: int = 0
    errors: int = 0
    warnings: int = 0
    rows: dict[str, list[list[Cell]]] = field(default_factory=dict)  # output rows per plan
    late: list[tuple[tuple[object, ...], list[Cell]]] = field(default_factory=list)
    topics: dict[str, TopicCount] = field(default_factory=dict)
    issues: list[list[Cell]] = field(default_factory=list)

    @property
    def read(self) -> bool:
        return self.outcome in ("read", "problems")


def failed_result(source: str, reason: str, outcome: str = "failed") -> FileResult:
    """The result of a file that could not be read (or was skipped on purpose)."""
    return FileResult(source=source, outcome=outcome, reason=reason)


def _topic_index() -> dict[str, tuple[str, int]]:
    # Danish NFA areas and their English translations are the same list, so they merge.
    index: dict[str, tuple[str, int]] = {}
    for family, langs in (("nfa", ("da", "en")), ("osa", ("sv",))):
        for lang in langs:
            for i, text in enumerate(TOPIC_SUGGESTIONS[lang]):
                index.setdefault(normalize(text), (family, i))
    return index


_TOPICS = _topic_index()


def topic_key(text: str) -> str:
    """The grouping key of a topic: suggestions merge across da/en, other text by its normal form."""
    norm = normalize(text)
    if norm in _TOPICS:
        family, i = _TOPICS[norm]
        return f"{family}:{i}"
    return "text:" + norm


def topic_display(key: str, first_seen: str, lang: str) -> str:
    """How a topic is written in the summary: the suggestion in ``lang`` when there is one."""
    family, _, rest = key.partition(":")
    if family == "nfa" and lang in ("da", "en"):
        return TOPIC_SUGGESTIONS[lang][int(rest)]
    if family == "osa" and lang == "sv":
        return TOPIC_SUGGESTIONS["sv"][int(rest)]
    return first_seen


def _status_of(row: ParsedRow) -> str:
    code = row.values.get("status")
    return code if isinstance(code, str) and "status" not in row.invalid else NO_STATUS


def _label_maps(kind: PlanKind, lang: str) -> list[tuple[str, dict[str, str] | None]]:
    # Per column: its key and, for closed value lists, code -> label in the summary language.
    maps: list[tuple[str, dict[str, str] | None]] = []
    for column in PLANS[kind].columns:
        values = VALUE_LISTS[column.value_list] if column.value_list else None
        labels = ({c.code: c.labels[lang] for c in values.choices}
                  if values is not None and not values.open else None)
        maps.append((column.key, labels))
    return maps


def _output_row(row: ParsedRow, columns: list[tuple[str, dict[str, str] | None]]) -> list[Cell]:
    out: list[Cell] = []
    values, invalid = row.values, row.invalid
    for key, labels in columns:
        if key in invalid:
            # what the user wrote, shown as text, rather than a blank
            raw = row.raw.get(key)
            out.append(None if raw is None else safe_cell(display_text(raw)))
            continue
        value = values.get(key)
        if value is None:
            out.append(None)
        elif labels is not None:
            out.append(labels.get(value, value))  # type: ignore[arg-type]
        elif type(value) is str and len(value) <= MAX_CELL_TEXT \
                and not has_cell_controls(value):
            out.append(value)  # the common case, without the checks of safe_cell
        elif type(value) is date and value >= FIRST_SERIAL_DATE:
            # as a day number: the writer converts numbers ~10x faster than date objects,
            # and the sheet's date columns carry the date format (see plan_date_columns)
            out.append((value - EXCEL_EPOCH).days)
        else:
            out.append(safe_cell(value))
    return out


def summarise(checked: Checked, *, source: str, as_of: date, lang: str,
              due_soon_days: int = DEFAULT_DUE_SOON_DAYS) -> FileResult:
    """Turn one checked workbook into its compact contribution to the summary.

    Args:
        checked: the workbook, its parsed rows and its validation report (messages in ``lang``).
        source: the file as shown in the summary.
        as_of: "today" for overdue and due soon.
        lang: the summary's language (statuses and list values are written in it).
        due_soon_days: the due-soon window.

    Returns:
        The file's counts, output rows, overdue items, topic counts and issues.
    """
    wb, report = checked.workbook, checked.report
    if wb.output_kind in NOT_A_DEPARTMENT:
        # an earlier summary or chase list in the folder: its rows would count twice
        reason = "xltools_summary" if wb.output_kind == OutputKind.SUMMARY else "xltools_chase_list"
        return FileResult(source=source, outcome="skipped", reason=SKIP_REASONS[reason][lang])
    department = safe_text(wb.department)
    source = safe_text(source)
    result = FileResult(source=source, outcome="read", department=department,
                        language=wb.language, template_version=wb.template_version,
                        last_updated=wb.last_updated, errors=report.errors,
                        warnings=report.warnings)
    if not wb.plans:
        result.outcome, result.reason = "failed", T.NO_PLAN_SHEETS[lang]
        return result
    if report.errors:
        result.outcome = "problems"
        result.reason = T.ERRORS_FOUND[lang].format(errors=report.errors)

    sheets = {kind: sheet.name for kind, sheet in wb.plans.items()}
    late = late_items(department, source, sheets, checked.rows, as_of, due_soon_days)
    overdue_rows = {(i.plan, i.row) for i in late if i.timing is Timing.OVERDUE}
    result.overdue = len(overdue_rows)
    result.due_soon = sum(1 for i in late if i.timing is Timing.DUE_SOON)
    status_list = VALUE_LISTS["status"]
    for item in late:
        if item.timing is not Timing.OVERDUE:
            continue
        status = status_list.label(item.status, lang) if item.status else None
        out = [department, PLANS[item.plan].title(lang), safe_cell(item.id), safe_cell(item.what),
               safe_cell(item.owner), safe_cell(item.deadline), item.days, status, source, item.row]
        result.late.append(((item.deadline, department.casefold(), KINDS.index(item.plan.value),
                             source, item.row), out))

    for kind in PlanKind:
        rows = checked.rows.get(kind, [])
        result.items[kind.value] = len(rows)
        columns = _label_maps(kind, lang)
        out_rows: list[list[Cell]] = []
        for row in rows:
            status = _status_of(row)
            result.statuses[status] += 1
            out_rows.append([department, source, row.number, *_output_row(row, columns)])
            if kind is PlanKind.ACTION:
                topic = row.values.get("topic")
                text = topic if isinstance(topic, str) and topic.strip() else T.NO_TOPIC[lang]
                key = topic_key(text)
                count = result.topics.setdefault(key, TopicCount(text))
                count.statuses[status] += 1
                count.overdue += (kind, row.number) in overdue_rows
        result.rows[kind.value] = out_rows

    for issue in report.sorted_issues():
        result.issues.append([department, source, issue.sheet, issue.cell or issue.row,
                              SEVERITY_LABELS[issue.severity][lang], issue.code.value,
                              safe_cell(issue.message), safe_cell(issue.value)])
    return result


def percent_done(statuses: Counter[str]) -> float | None:
    """Share of items done among those not cancelled (None when there are none).

    Args:
        statuses: item counts by status code.

    Returns:
        A fraction 0..1 rounded to 4 places, or None.
    """
    base = sum(statuses.values()) - statuses["cancelled"]
    return round(statuses["done"] / base, 4) if base > 0 else None


@dataclass(slots=True)
class _Department:
    name: str
    files: int = 0
    items: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    overdue: int = 0
    due_soon: int = 0
    errors: int = 0
    warnings: int = 0
    last_updated: date | None = None


@dataclass(slots=True)
class _Topic:
    text: str
    departments: set[str] = field(default_factory=set)
    statuses: Counter[str] = field(default_factory=Counter)
    overdue: int = 0


@dataclass(slots=True)
class Table:
    """One sheet's list: header and rows."""

    header: list[str]
    rows: list[list[Cell]]
    widths: list[int] = field(default_factory=list)


@dataclass(slots=True)
class SummaryTables:
    """Every sheet of the summary, ready to write."""

    lang: str
    overview: Table
    totals: list[Cell]
    status_columns: list[int]  # Overview columns holding status counts (for the chart)
    plans: dict[str, Table]
    overdue: Table
    by_topic: Table
    issues: Table
    files: Table


class Rollup:
    """Merges file results one at a time; keeps the rows to write and small counters only."""

    def __init__(self, lang: str, sink: Callable[[str, list[list[Cell]]], None] | None = None,
                 ) -> None:
        """Start an empty roll-up.

        Args:
            lang: the summary's language.
            sink: when given, plan rows and issues are passed on to it ('action', 'activity',
                'communication', 'issues') as each file arrives instead of being kept here.
        """
        self.lang = lang
        self._sink = sink
        self.files: list[FileResult] = []  # without rows: outcome and counts only
        self._departments: dict[str, _Department] = {}
        self._topics: dict[str, _Topic] = {}
        self._rows: dict[str, list[list[Cell]]] = {k: [] for k in KINDS}
        self._late: list[tuple[tuple[object, ...], list[Cell]]] = []
        self._issues: list[list[Cell]] = []

    def add(self, result: FileResult) -> None:
        """Merge one file's result (its rows move into the roll-up; the result keeps counts)."""
        if result.read and result.department is not None:
            dept = self._departments.setdefault(result.department.casefold(),
                                                _Department(result.department))
            dept.files += 1
            dept.items.update(result.items)
            dept.statuses.update(result.statuses)
            dept.overdue += result.overdue
            dept.due_soon += result.due_soon
            dept.errors += result.errors
            dept.warnings += result.warnings
            if result.last_updated and (dept.last_updated is None
                                        or result.last_updated > dept.last_updated):
                dept.last_updated = result.last_updated
            for key, count in result.topics.items():
                topic = self._topics.setdefault(key, _Topic(count.text))
                topic.departments.add(result.department.casefold())
                topic.statuses.update(count.statuses)
                topic.overdue += count.overdue
            self._late.extend(result.late)
            if self._sink is not None:
                for kind, rows in result.rows.items():
                    self._sink(kind, rows)
                self._sink("issues", result.issues)
            else:
                for kind, rows in result.rows.items():
                    self._rows[kind].extend(rows)
                self._issues.extend(result.issues)
        result.rows, result.late, result.issues, result.topics = {}, [], [], {}
        self.files.append(result)

    @property
    def read_count(self) -> int:
        return sum(1 for f in self.files if f.read)

    @property
    def failed_count(self) -> int:
        return sum(1 for f in self.files if f.outcome == "failed")

    def totals(self) -> dict[str, object]:
        """Organisation totals as plain numbers (for the JSON output)."""
        statuses: Counter[str] = Counter()
        items: Counter[str] = Counter()
        for dept in self._departments.values():
            statuses.update(dept.statuses)
            items.update(dept.items)
        return {
            "departments": len(self._departments),
            "items": {k: items[k] for k in KINDS},
            "statuses": {**{c: statuses[c] for c in STATUS_CODES}, "none": statuses[NO_STATUS]},
            "overdue": sum(d.overdue for d in self._departments.values()),
            "due_soon": sum(d.due_soon for d in self._departments.values()),
            "percent_done": percent_done(statuses),
            "errors": sum(d.errors for d in self._departments.values()),
            "warnings": sum(d.warnings for d in self._departments.values()),
        }

    def tables(self) -> SummaryTables:
        """Build every sheet's header and rows in the roll-up's language.

        Returns:
            The Overview (with totals), plan rows, Overdue, By topic, Issues and Files tables.
        """
        lang = self.lang
        status_labels = [VALUE_LISTS["status"].label(c, lang) for c in STATUS_CODES]
        status_keys = [*STATUS_CODES, NO_STATUS]
        header = [T.DEPARTMENT[lang], T.FILE_COUNT[lang], *(T.ITEMS_PER_PLAN[k][lang] for k in KINDS),
                  *status_labels, T.NO_STATUS[lang], T.OVERDUE[lang], T.DUE_SOON[lang],
                  T.PERCENT_DONE[lang], T.ERRORS[lang], T.WARNINGS[lang], T.LAST_UPDATED[lang]]
        first_status = 2 + len(KINDS)
        status_columns = list(range(first_status, first_status + len(status_keys)))

        def line(name: str, d: _Department) -> list[Cell]:
            return [name, d.files, *(d.items[k] for k in KINDS),
                    *(d.statuses[s] for s in status_keys), d.overdue, d.due_soon,
                    percent_done(d.statuses), d.errors, d.warnings, d.last_updated]

        departments = sorted(self._departments.values(), key=lambda d: d.name.casefold())
        total = _Department(T.ORGANISATION_TOTAL[lang])
        for d in departments:
            total.files += d.files
            total.items.update(d.items)
            total.statuses.update(d.statuses)
            total.overdue += d.overdue
            total.due_soon += d.due_soon
            total.errors += d.errors
            total.warnings += d.warnings
            if d.last_updated and (total.last_updated is None or d.last_updated > total.last_updated):
                total.last_updated = d.last_updated
        overview = Table(header, [line(d.name, d) for d in departments],
                         [max(14, min(40, max((len(d.name) for d in departments), default=0) + 2)),
                          8, *[13] * (len(header) - 2)])

        plans: dict[str, Table] = {}
        for kind in PlanKind:
            columns = PLANS[kind].columns
            plans[kind.value] = Table(
                [T.DEPARTMENT[lang], T.SOURCE_FILE[lang], T.SOURCE_ROW[lang],
                 *(c.label(lang) for c in columns)],
                self._rows[kind.value], [20, 28, 10, *(c.width for c in columns)])

        self._late.sort(key=lambda item: item[0])
        action = PLANS[PlanKind.ACTION]
        overdue = Table(
            [T.DEPARTMENT[lang], T.PLAN[lang], action.column("id").label(lang), T.WHAT[lang],
             action.column("owner").label(lang), T.DEADLINE[lang], T.DAYS_LATE[lang],
             T.STATUS[lang], T.SOURCE_FILE[lang], T.SOURCE_ROW[lang]],
            [out for _, out in self._late], [20, 20, 8, 36, 20, 13, 10, 14, 28, 10])

        topics = sorted(self._topics.items(),
                        key=lambda kv: (-sum(kv[1].statuses.values()), kv[1].text.casefold()))
        by_topic = Table(
            [T.TOPIC[lang], T.DEPARTMENTS[lang], T.ITEMS[lang], *status_labels, T.NO_STATUS[lang],
             T.OVERDUE[lang], T.PERCENT_DONE[lang]],
            [[topic_display(key, t.text, lang), len(t.departments), sum(t.statuses.values()),
              *(t.statuses[s] for s in status_keys), t.overdue, percent_done(t.statuses)]
             for key, t in topics],
            [30, 12, 10, *[13] * (len(status_keys) + 2)])

        issues = Table(
            [T.DEPARTMENT[lang], T.SOURCE_FILE[lang], T.SHEET[lang], T.CELL[lang],
             T.SEVERITY[lang], T.CODE[lang], T.MESSAGE[lang], T.VALUE[lang]],
            self._issues, [20, 28, 18, 8, 11, 18, 70, 24])

        files = Table(
            [T.SOURCE_FILE[lang], T.OUTCOME[lang], T.REASON[lang], T.DEPARTMENT[lang],
             T.LANGUAGE[lang], T.TEMPLATE_VERSION[lang], T.LAST_UPDATED[lang], T.ROWS_READ[lang],
             T.ERRORS[lang], T.WARNINGS[lang]],
            [[f.source, T.OUTCOMES[f.outcome][lang], safe_cell(f.reason), f.department,
              f.language, f.template_version, f.last_updated,
              sum(f.items.values()) if f.read else None,
              f.errors if f.read else None, f.warnings if f.read else None] for f in self.files],
            [36, 18, 50, 20, 9, 10, 13, 10, 8, 9])

        return SummaryTables(lang, overview, line(total.name, total), status_columns, plans,
                             overdue, by_topic, issues, files)
