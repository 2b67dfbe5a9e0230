"""Department results -> organisation tables: the figures of the roll-up summary, without file I/O.

A worker turns one checked workbook into a compact, picklable ``FileResult`` (rows as plain
lists, counts, issues); ``Rollup`` merges results one at a time, so the main process holds
only the rows it will write, then ``Rollup.tables()`` builds every sheet's header and rows.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from xltools.core.outcomes import Outcome, SkipReason
from xltools.core.outputs import (
    NOT_A_DEPARTMENT,
    OutputKind,
    copy_key,
    repeated_marked_copies,
    skip_reason,
)
from xltools.core.overdue import DEFAULT_DUE_SOON_DAYS, ITEM_TEXT_KEYS, Timing, late_items
from xltools.core.presentation import (
    CELL_MARGIN_PX,
    COLUMN_PADDING_PX,
    DIGIT_PX,
    line_count,
    text_px,
)
from xltools.core.progress import ItemState
from xltools.core.safety import cell_text, has_cell_controls
from xltools.core.schema import (
    PLANS,
    TOPICS,
    VALUE_LISTS,
    ColumnType,
    PlanKind,
    normalize,
)
from xltools.core.texts import SKIP_REASONS
from xltools.core.texts import summary as T
from xltools.core.texts.marks import SEVERITY_LABELS
from xltools.core.validate import Checked
from xltools.core.values import ParsedRow, display_text, id_key

# Excel's day numbers: 1 is 1900-01-01, counted from 1899-12-30 for every date after
# Excel's phantom 1900-02-29; earlier dates are written as text.
EXCEL_EPOCH = date(1899, 12, 30)
FIRST_SERIAL_DATE = date(1900, 3, 1)
STATUS_CODES: tuple[str, ...] = tuple(c.code for c in VALUE_LISTS["status"].choices)
NO_STATUS = ""  # the status key of items whose status is blank or not understood
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
KINDS: tuple[str, ...] = tuple(k.value for k in PlanKind)
OVERDUE_WHAT_WIDTH = 40  # the Overdue sheet's "What": wraps, its rows sized by the workers
REASON_WIDTH = 44  # the Files sheet's "Reason": wraps
OVERVIEW_NAME_WIDTH = 28  # the Overview's area and department names: longer ones wrap
STALE_AFTER_DAYS = 90  # a plan not updated for this long before the as-of date is flagged

Cell = object  # str | int | float | date | None: what a summary cell may hold
OwnTopics = tuple[tuple[str, tuple[str, ...]], ...]  # an organisation's topics: (lang, topics)
# one item of a file for the history: plan, normalised id, status code, deadline, responsible,
# its own text, sheet row (department, area and source are the file's)
SnapshotItem = tuple[str, str | None, str | None, date | None, str | None, str | None, int]


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


def excel_day(value: date | None) -> Cell:
    """A date as Excel's day number, so the column's (language) date format shows it.

    Args:
        value: a date or None.

    Returns:
        The day number; a date before 1900 as text; None stays None.
    """
    if value is None:
        return None
    return (value - EXCEL_EPOCH).days if value >= FIRST_SERIAL_DATE else safe_cell(value)


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
    outcome: Outcome
    reason: str | None = None
    department: str | None = None
    area: str | None = None  # the About sheet's Area, else the folder's (see files.FoundFiles)
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
    # overdue items: (sort key, output row, lines its "What" takes when wrapped)
    late: list[tuple[tuple[object, ...], list[Cell], int]] = field(default_factory=list)
    topics: dict[str, TopicCount] = field(default_factory=dict)
    issues: list[list[Cell]] = field(default_factory=list)
    # every item as the history records it: (plan, id, status, deadline, owner, what, row)
    snapshot: list[SnapshotItem] = field(default_factory=list)
    marked_copy: bool = False  # a copy xltools marked (--annotate): maybe beside its original

    @property
    def read(self) -> bool:
        return self.outcome in (Outcome.READ, Outcome.PROBLEMS)

    def drop_rows(self) -> None:
        """Keep only the outcome and counts (the rows have gone to the summary, or are not
        wanted)."""
        self.rows, self.late, self.issues, self.topics, self.snapshot = {}, [], [], {}, []


def skip_marked_copy(result: FileResult, lang: str) -> None:
    """Turn a marked copy that repeats a department read from another workbook into a
    skipped file (``core.outputs.repeated_marked_copies`` decides which): its rows dropped."""
    result.outcome = Outcome.SKIPPED
    result.reason = SKIP_REASONS[SkipReason.MARKED_COPY_DUPLICATE][lang]
    result.drop_rows()


def failed_result(source: str, reason: str, outcome: Outcome = Outcome.FAILED,
                  area: str | None = None) -> FileResult:
    """The result of a file that could not be read (or was skipped on purpose).

    Args:
        source: the file as shown in the summary.
        reason: why, in the summary's language.
        outcome: 'failed' or 'skipped'.
        area: the file's folder area, so a failed file is listed under its area.

    Returns:
        A result without rows or counts.
    """
    return FileResult(source=source, outcome=outcome, reason=reason, area=area)


@lru_cache(maxsize=16)
def _topic_index(own: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> dict[str, str]:
    """Normalised topic text -> its key: the organisation's topics (the same position in each
    language's list is one topic), then the survey areas in every language."""
    index: dict[str, str] = {}
    for _, topics in own:
        for i, text in enumerate(topics):
            index.setdefault(normalize(text), f"own:{i}")
    for topic in TOPICS:
        for text in (*topic.labels.all(), *topic.aliases):
            index.setdefault(normalize(text), f"area:{topic.key}")
    return index


@lru_cache(maxsize=4096)  # asked for every action row; most plans pick from the suggestions
def topic_key(text: str, own: OwnTopics = ()) -> str:
    """The grouping key of a topic: a survey area or an organisation topic in any language
    is one key; other text groups by its normal form.

    Args:
        text: the plan's topic as written.
        own: the organisation's topics by language (``Settings.topics``), as pairs.
    """
    norm = normalize(text)
    return _topic_index(own).get(norm) or "text:" + norm


def topic_display(key: str, first_seen: str, lang: str, own: OwnTopics = ()) -> str:
    """How a topic is written in the summary: in ``lang`` when it has a name there.

    Args:
        key: from ``topic_key``.
        first_seen: how the first plan wrote it (for topics without a name in ``lang``).
        lang: the summary's language.
        own: the organisation's topics by language, as pairs.
    """
    family, _, rest = key.partition(":")
    if family == "area":
        return next(t.labels[lang] for t in TOPICS if t.key == rest)
    if family == "own":
        topics = dict(own).get(lang, ())
        return topics[int(rest)] if int(rest) < len(topics) else first_seen
    return first_seen


def _status_of(row: ParsedRow) -> str:
    code = row.values.get("status")
    return code if isinstance(code, str) and "status" not in row.invalid else NO_STATUS


@lru_cache(maxsize=16)
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
        value = values.get(key)
        if value is None:
            # a value that did not parse is None too: then what the user wrote, shown as
            # text, rather than a blank
            raw = row.raw.get(key) if key in invalid else None
            out.append(None if raw is None else safe_cell(display_text(raw)))
        elif labels is not None:
            out.append(labels.get(value, value))  # type: ignore[arg-type]
        elif type(value) is str and len(value) <= MAX_CELL_TEXT \
                and (value.isprintable() or not has_cell_controls(value)):
            out.append(value)  # the common case, without the checks of safe_cell
        elif type(value) is date and value >= FIRST_SERIAL_DATE:
            # as a day number: the writer converts numbers ~10x faster than date objects,
            # and the sheet's date columns carry the date format (ColumnKind.DATE, see plan_table)
            out.append((value - EXCEL_EPOCH).days)
        else:
            out.append(safe_cell(value))
    return out


def summarise(checked: Checked, *, source: str, as_of: date, lang: str,
              due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
              folder_area: str | None = None, own_topics: OwnTopics = ()) -> FileResult:
    """Turn one checked workbook into its compact contribution to the summary.

    Args:
        checked: the workbook, its parsed rows and its validation report (messages in ``lang``).
        source: the file as shown in the summary.
        as_of: "today" for overdue and due soon.
        lang: the summary's language (statuses and list values are written in it).
        due_soon_days: the due-soon window.
        folder_area: the area the file's folder says, used when its About sheet names none.
        own_topics: the organisation's topics (``Settings.own_topics``) for By topic.

    Returns:
        The file's counts, output rows, overdue items, topic counts and issues.
    """
    wb, report = checked.workbook, checked.report
    if wb.output_kind in NOT_A_DEPARTMENT:
        # an earlier summary or chase list in the folder: its rows would count twice
        reason = skip_reason(wb.output_kind)
        return FileResult(source=source, outcome=Outcome.SKIPPED,
                          reason=SKIP_REASONS[reason][lang])
    department = safe_text(wb.department)
    source = safe_text(source)
    area = wb.area or folder_area
    result = FileResult(source=source, outcome=Outcome.READ, department=department,
                        area=safe_text(area) if area else None,
                        language=wb.language, template_version=wb.template_version,
                        last_updated=wb.last_updated, errors=report.errors,
                        warnings=report.warnings,
                        marked_copy=wb.output_kind == OutputKind.MARKED_COPY)
    if not wb.plans:
        result.outcome, result.reason = Outcome.FAILED, T.NO_PLAN_SHEETS[lang]
        return result
    if report.errors:
        result.outcome = Outcome.PROBLEMS
        result.reason = T.ERRORS_FOUND(report.errors, lang)

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
        out = [item.days, excel_day(item.deadline), department, result.area,
               safe_cell(item.owner), safe_cell(item.what), status, PLANS[item.plan].title(lang),
               safe_cell(item.id), source, item.row]
        result.late.append(((item.deadline, department.casefold(), KINDS.index(item.plan.value),
                             source, item.row), out, line_count(out[5], OVERDUE_WHAT_WIDTH)))

    for kind in PlanKind:
        rows = checked.rows.get(kind, [])
        result.items[kind.value] = len(rows)
        columns = _label_maps(kind, lang)
        out_rows: list[list[Cell]] = []
        deadline_key, what_key = PLANS[kind].deadline_key, ITEM_TEXT_KEYS[kind]
        snapshot = result.snapshot
        for row in rows:
            status = _status_of(row)
            result.statuses[status] += 1
            out_rows.append([department, source, row.number, *_output_row(row, columns)])
            values = row.values
            deadline = values.get(deadline_key)
            snapshot.append((kind.value, id_key(row.raw.get("id")), status or None,
                             deadline if isinstance(deadline, date) else None,
                             _short(values.get("owner")), _short(values.get(what_key)),
                             row.number))
            if kind is PlanKind.ACTION:
                topic = row.values.get("topic")
                text = topic if isinstance(topic, str) and topic.strip() else T.NO_TOPIC[lang]
                key = topic_key(text, own_topics)
                count = result.topics.setdefault(key, TopicCount(text))
                count.statuses[status] += 1
                count.overdue += (kind, row.number) in overdue_rows
        result.rows[kind.value] = out_rows

    for issue in report.sorted_issues():
        result.issues.append([department, source, issue.sheet, issue.cell or issue.row,
                              SEVERITY_LABELS[issue.severity][lang], issue.code.value,
                              safe_cell(issue.message), safe_cell(issue.value)])
    return result


def _short(value: object) -> str | None:
    # the history keeps a recognisable text, not a whole essay per item
    return None if value is None else str(value)[:500]


def percent_done(statuses: Counter[str]) -> float | None:
    """Share of items done among those not cancelled (None when there are none).

    Args:
        statuses: item counts by status code.

    Returns:
        A fraction 0..1 rounded to 4 places, or None.
    """
    base = sum(statuses.values()) - statuses["cancelled"]
    return round(statuses["done"] / base, 4) if base > 0 else None


def percent_overdue(statuses: Counter[str], overdue: int) -> float | None:
    """Share of items overdue among those not cancelled, the base of % done (None when none).

    Args:
        statuses: item counts by status code.
        overdue: items past their deadline and neither done nor cancelled.

    Returns:
        A fraction 0..1 rounded to 4 places, or None.
    """
    base = sum(statuses.values()) - statuses["cancelled"]
    return round(overdue / base, 4) if base > 0 else None


class ColumnKind(StrEnum):
    """What a summary column holds; the writer decides alignment, format and colour from it."""

    TEXT = "text"
    LONG_TEXT = "long_text"  # wraps
    NAME = "name"  # an area or department on the Overview
    INT = "int"
    DATE = "date"  # an Excel day number shown in the summary language's date format
    STATUS = "status"  # a status label, coloured as its status
    OUTCOME = "outcome"  # a file's outcome; failed files stand out
    OVERDUE = "overdue"  # a count of overdue items
    OVERDUE_SHARE = "overdue_share"  # % overdue: white to red
    PERCENT = "percent"
    PERCENT_DONE = "percent_done"  # % done: a green bar
    ERRORS = "errors"  # validation errors to fix
    DAYS_LATE = "days_late"  # coloured by age
    LAST_UPDATED = "last_updated"  # a date flagged when stale


class RowKind(StrEnum):
    """What an Overview row is."""

    AREA = "area"  # an area's subtotal, above its departments
    DEPARTMENT = "department"
    FAILED = "failed"  # a file that could not be read, listed under its area


NUMBER_KINDS = frozenset({ColumnKind.INT, ColumnKind.DATE, ColumnKind.OVERDUE,
                          ColumnKind.OVERDUE_SHARE, ColumnKind.PERCENT, ColumnKind.PERCENT_DONE,
                          ColumnKind.ERRORS, ColumnKind.DAYS_LATE, ColumnKind.LAST_UPDATED})


@dataclass(slots=True)
class _Department:
    name: str
    area: str | None = None
    files: int = 0
    items: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    overdue: int = 0
    due_soon: int = 0
    errors: int = 0
    warnings: int = 0
    last_updated: date | None = None

    def merge(self, other: _Department) -> None:
        """Add another department's (or file's) figures to these."""
        self.files += other.files
        self.items.update(other.items)
        self.statuses.update(other.statuses)
        self.overdue += other.overdue
        self.due_soon += other.due_soon
        self.errors += other.errors
        self.warnings += other.warnings
        if other.last_updated and (self.last_updated is None
                                   or other.last_updated > self.last_updated):
            self.last_updated = other.last_updated

    @property
    def behind(self) -> tuple[int, float, str]:
        """Sort key: most overdue first, then the larger overdue share, then by name."""
        share = percent_overdue(self.statuses, self.overdue) or 0.0
        return (-self.overdue, -share, self.name.casefold())


@dataclass(slots=True)
class _Topic:
    text: str
    departments: set[tuple[str, str]] = field(default_factory=set)
    statuses: Counter[str] = field(default_factory=Counter)
    overdue: int = 0


@dataclass(slots=True)
class _Area:
    """One Overview group: an area (or none), its departments and its unreadable files."""

    name: str | None
    departments: list[_Department] = field(default_factory=list)
    failed: list[FileResult] = field(default_factory=list)

    def subtotal(self, label: str) -> _Department:
        total = _Department(label, self.name)
        for dept in self.departments:
            total.merge(dept)
        return total


def _fold(area: str | None) -> str:
    return area.casefold() if area else ""


def _file_name(source: str) -> str:
    # the name without its folders (core does no file I/O, so no pathlib here)
    return source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


@dataclass(slots=True)
class Table:
    """One sheet's list: header, rows and what each column holds."""

    header: list[str]
    rows: list[list[Cell]]
    widths: list[int] = field(default_factory=list)
    kinds: list[ColumnKind] = field(default_factory=list)
    statuses: dict[int, str] = field(default_factory=dict)  # column -> the status it counts
    row_lines: list[int] = field(default_factory=list)  # lines per row when text wraps


@dataclass(slots=True)
class SummaryTables:
    """Every sheet of the summary, ready to write."""

    lang: str
    overview: Table
    overview_rows: list[RowKind]  # per Overview row: an area subtotal, a department, a failed file
    totals: list[Cell]
    status_columns: list[int]  # Overview columns holding status counts (for the chart)
    plans: dict[str, Table]
    overdue: Table
    by_topic: Table
    issues: Table
    files: Table
    as_of: date | None = None
    stale_before: date | None = None  # "last updated" before this day is flagged
    has_areas: bool = False
    file_counts: dict[str, int] = field(default_factory=dict)  # outcome code -> files


class Rollup:
    """Merges file results one at a time; keeps the rows to write and small counters only."""

    def __init__(self, lang: str, sink: Callable[[str, list[list[Cell]]], None] | None = None,
                 *, as_of: date | None = None, own_topics: OwnTopics = ()) -> None:
        """Start an empty roll-up.

        Args:
            lang: the summary's language.
            sink: when given, plan rows and issues are passed on to it ('action', 'activity',
                'communication', 'issues') as each file arrives instead of being kept here.
            as_of: the roll-up's "today"; plans last updated ``STALE_AFTER_DAYS`` before it
                are flagged (None: nothing is flagged).
            own_topics: the organisation's topics (``Settings.own_topics``), named in the
                summary's language in By topic.
        """
        self.lang = lang
        self.as_of = as_of
        self.own_topics = own_topics
        self._sink = sink
        self.files: list[FileResult] = []  # without rows: outcome and counts only
        # keyed by (area, department), both case-folded: two areas may each have an
        # "Administration" without being merged
        self._departments: dict[tuple[str, str], _Department] = {}
        self._topics: dict[str, _Topic] = {}
        self._rows: dict[str, list[list[Cell]]] = {k: [] for k in KINDS}
        self._late: list[tuple[tuple[object, ...], list[Cell], int]] = []
        self._issues: list[list[Cell]] = []
        # per file read: (department, area, source, its items) for the history
        self._snapshots: list[tuple[str, str | None, str, list[SnapshotItem]]] = []
        self._marked_copies: list[FileResult] = []  # held back until every file is read

    def add(self, result: FileResult) -> None:
        """Merge one file's result (its rows move into the roll-up; the result keeps counts).

        A marked copy waits for ``add_marked_copies``: a manager's copy marked by
        ``--annotate`` often lies beside the workbook it was made from.
        """
        if result.read and result.marked_copy:
            self._marked_copies.append(result)
            return
        self._merge(result)

    def add_marked_copies(self) -> None:
        """Merge the marked copies held back, after every other file: one whose department
        was read from another workbook is skipped (``repeated_marked_copies``)."""
        held, self._marked_copies = self._marked_copies, []
        read = [copy_key(d.name, d.area) for d in self._departments.values()]
        repeated = repeated_marked_copies(read, [copy_key(r.department, r.area) for r in held])
        for result, skip in zip(held, repeated, strict=True):
            if skip:
                skip_marked_copy(result, self.lang)
                self.files.append(result)
            else:
                self._merge(result)

    def _merge(self, result: FileResult) -> None:
        if result.read and result.department is not None:
            key = (_fold(result.area), result.department.casefold())
            dept = self._departments.setdefault(key, _Department(result.department, result.area))
            dept.merge(_Department(
                result.department, result.area, 1, Counter(result.items), result.statuses,
                result.overdue, result.due_soon, result.errors, result.warnings,
                result.last_updated))
            for topic_key_, count in result.topics.items():
                topic = self._topics.setdefault(topic_key_, _Topic(count.text))
                topic.departments.add(key)
                topic.statuses.update(count.statuses)
                topic.overdue += count.overdue
            self._late.extend(result.late)
            self._snapshots.append((result.department, result.area, result.source,
                                    result.snapshot))
            if self._sink is not None:
                for kind, rows in result.rows.items():
                    self._sink(kind, rows)
                self._sink("issues", result.issues)
            else:
                for kind, rows in result.rows.items():
                    self._rows[kind].extend(rows)
                self._issues.extend(result.issues)
        result.drop_rows()
        self.files.append(result)

    def items(self) -> Iterator[ItemState]:
        """Every item read, as the history records it (in file and row order)."""
        for department, area, source, items in self._snapshots:
            for plan, item_id, status, deadline, owner, what, row in items:
                yield ItemState(department=department, plan=plan, item_id=item_id,
                                status=status, deadline=deadline, owner=owner, what=what,
                                area=area, source=source, row=row)

    @property
    def read_count(self) -> int:
        return sum(1 for f in self.files if f.read)

    @property
    def failed_count(self) -> int:
        return sum(1 for f in self.files if f.outcome is Outcome.FAILED)

    def _total(self) -> _Department:
        total = _Department(T.ORGANISATION_TOTAL[self.lang])
        for dept in self._departments.values():
            total.merge(dept)
        return total

    def totals(self) -> dict[str, object]:
        """Organisation totals as plain numbers (for the JSON output)."""
        total = self._total()
        return {
            "departments": len(self._departments),
            "items": {k: total.items[k] for k in KINDS},
            "statuses": {**{c: total.statuses[c] for c in STATUS_CODES},
                         "none": total.statuses[NO_STATUS]},
            "overdue": total.overdue,
            "due_soon": total.due_soon,
            "percent_done": percent_done(total.statuses),
            "errors": total.errors,
            "warnings": total.warnings,
        }

    def _areas(self) -> list[_Area]:
        """The Overview's groups: areas by name (no area last), most overdue department first."""
        areas: dict[str, _Area] = {}
        for dept in self._departments.values():
            areas.setdefault(_fold(dept.area), _Area(dept.area)).departments.append(dept)
        for result in self.files:
            if result.outcome is Outcome.FAILED:
                areas.setdefault(_fold(result.area), _Area(result.area)).failed.append(result)
        for area in areas.values():
            area.departments.sort(key=lambda d: d.behind)
            area.failed.sort(key=lambda f: f.source.casefold())
        return [areas[k] for k in sorted(areas, key=lambda k: (k == "", k))]

    def areas(self) -> list[dict[str, object]]:
        """Figures per area, in Overview order (for the JSON output).

        Returns:
            One entry per area (``area`` None for departments without one): departments,
            items, done and overdue; their sums are the organisation totals.
        """
        out: list[dict[str, object]] = []
        for area in self._areas():
            subtotal = area.subtotal("")
            out.append({"area": area.name, "departments": len(area.departments),
                        "items": sum(subtotal.items.values()), "done": subtotal.statuses["done"],
                        "overdue": subtotal.overdue})
        return out

    def tables(self) -> SummaryTables:
        """Build every sheet's header and rows in the roll-up's language.

        Returns:
            The Overview (areas, departments, failed files; totals apart), plan rows,
            Overdue, By topic, Issues and Files tables.
        """
        lang = self.lang
        status_labels = [VALUE_LISTS["status"].label(c, lang) for c in STATUS_CODES]
        status_keys = [*STATUS_CODES, NO_STATUS]
        areas = self._areas()
        has_areas = any(area.name for area in areas)
        K = ColumnKind
        header = [(T.AREA_DEPARTMENT if has_areas else T.DEPARTMENT)[lang], T.FILE_COUNT[lang],
                  *(T.ITEMS_PER_PLAN[k][lang] for k in KINDS), *status_labels, T.NO_STATUS[lang],
                  T.OVERDUE[lang], T.PERCENT_OVERDUE[lang], T.DUE_SOON[lang],
                  T.PERCENT_DONE[lang], T.ERRORS[lang], T.WARNINGS[lang], T.LAST_UPDATED[lang]]
        kinds = [K.NAME, K.INT, *[K.INT] * len(KINDS), *[K.INT] * len(status_keys), K.OVERDUE,
                 K.OVERDUE_SHARE, K.INT, K.PERCENT_DONE, K.ERRORS, K.INT, K.LAST_UPDATED]
        first_status = 2 + len(KINDS)
        status_columns = list(range(first_status, first_status + len(status_keys)))

        def line(name: str, d: _Department) -> list[Cell]:
            return [name, d.files, *(d.items[k] for k in KINDS),
                    *(d.statuses[s] for s in status_keys), d.overdue,
                    percent_overdue(d.statuses, d.overdue), d.due_soon, percent_done(d.statuses),
                    d.errors, d.warnings, excel_day(d.last_updated)]

        rows: list[list[Cell]] = []
        row_kinds: list[RowKind] = []
        for area in areas:
            if has_areas:
                name = area.name or T.NO_AREA[lang]
                rows.append(line(name, area.subtotal(name)))
                row_kinds.append(RowKind.AREA)
            for dept in area.departments:
                rows.append(line(dept.name, dept))
                row_kinds.append(RowKind.DEPARTMENT)
            for failed in area.failed:
                # the row says it and why; its figures stay blank, so no sum counts it
                name = failed.department or _file_name(failed.source)
                rows.append([safe_text(f"{name} — {T.NOT_READ[lang]}: {failed.reason or ''}"),
                             *[None] * (len(header) - 1)])
                row_kinds.append(RowKind.FAILED)
        # Names up to OVERVIEW_NAME_WIDTH show on one line, longer ones wrap (their rows are
        # given the height): the Overview stays one page wide at 8 pt or more.
        names = [str(r[0]) for r, k in zip(rows, row_kinds, strict=True) if k is not RowKind.FAILED]
        indent = 1 if has_areas else 0  # departments sit indented under their area
        name_width = _text_width(names, 16, OVERVIEW_NAME_WIDTH) + 2 * indent
        row_lines = [1 if k is RowKind.FAILED else line_count(r[0], name_width - 2 * indent)
                     for r, k in zip(rows, row_kinds, strict=True)]
        # narrow counts (headers widen them to their longest word)
        widths = [name_width, *(_MIN_WIDTHS.get(k, 7) for k in kinds[1:])]
        overview = Table(header, rows, widths, kinds,
                         {c: s for c, s in zip(status_columns, status_keys, strict=True)},
                         row_lines=row_lines)

        dept_width = _text_width((d.name for d in self._departments.values()), 14, 30)
        area_width = _text_width((d.area or "" for d in self._departments.values()), 10, 30)
        plans = {kind: plan_table(kind, lang, self._rows[kind], dept_width) for kind in KINDS}

        self._late.sort(key=lambda item: item[0])
        action = PLANS[PlanKind.ACTION]
        # departments, areas and plan names shown whole (a handful of names, not rows)
        plan_width = _text_width((PLANS[k].title(lang) for k in PlanKind), 10, 20)
        overdue = Table(
            [T.DAYS_LATE[lang], T.DEADLINE[lang], T.DEPARTMENT[lang], T.AREA[lang],
             action.column("owner").label(lang), T.WHAT[lang], T.STATUS[lang], T.PLAN[lang],
             action.column("id").label(lang), T.SOURCE_FILE[lang], T.SOURCE_ROW[lang]],
            [out for _, out, _ in self._late],
            [6, 11, dept_width, area_width, 18, OVERDUE_WHAT_WIDTH, 12, plan_width, 6, 30, 8],
            [K.DAYS_LATE, K.DATE, K.TEXT, K.TEXT, K.TEXT, K.LONG_TEXT, K.STATUS, K.TEXT, K.TEXT,
             K.TEXT, K.INT], row_lines=[lines for _, _, lines in self._late])

        topics = sorted(self._topics.items(),
                        key=lambda kv: (-sum(kv[1].statuses.values()), kv[1].text.casefold()))
        by_topic = Table(
            [T.TOPIC[lang], T.DEPARTMENTS[lang], T.ITEMS[lang], *status_labels, T.NO_STATUS[lang],
             T.OVERDUE[lang], T.PERCENT_DONE[lang]],
            [[topic_display(key, t.text, lang, self.own_topics), len(t.departments),
              sum(t.statuses.values()),
              *(t.statuses[s] for s in status_keys), t.overdue, percent_done(t.statuses)]
             for key, t in topics],
            [30, 11, 8, *[9] * (len(status_keys) + 2)],
            [K.TEXT, K.INT, K.INT, *[K.INT] * len(status_keys), K.OVERDUE, K.PERCENT_DONE],
            {3 + i: s for i, s in enumerate(status_keys)})

        issues = issues_table(lang, self._issues)

        files = Table(
            [T.SOURCE_FILE[lang], T.OUTCOME[lang], T.REASON[lang], T.DEPARTMENT[lang],
             T.AREA[lang], T.LANGUAGE[lang], T.TEMPLATE_VERSION[lang], T.LAST_UPDATED[lang],
             T.ROWS_READ[lang], T.ERRORS[lang], T.WARNINGS[lang]],
            [[f.source, T.OUTCOMES[f.outcome][lang], safe_cell(f.reason), f.department, f.area,
              f.language, f.template_version, excel_day(f.last_updated),
              sum(f.items.values()) if f.read else None,
              f.errors if f.read else None, f.warnings if f.read else None] for f in self.files],
            [_text_width((f.source for f in self.files), 24, 40),
             _text_width((T.OUTCOMES[f.outcome][lang] for f in self.files), 8, 20),
             REASON_WIDTH, dept_width, area_width, 6, 9, 11, 8, 7, 9],
            [K.TEXT, K.OUTCOME, K.LONG_TEXT, K.TEXT, K.TEXT, K.TEXT, K.TEXT, K.DATE, K.INT,
             K.ERRORS, K.INT],
            row_lines=[line_count(f.reason, REASON_WIDTH) for f in self.files])

        total = self._total()
        return SummaryTables(
            lang, overview, row_kinds, line(total.name, total), status_columns, plans, overdue,
            by_topic, issues, files, as_of=self.as_of,
            stale_before=self.as_of - timedelta(days=STALE_AFTER_DAYS) if self.as_of else None,
            has_areas=has_areas,
            file_counts=dict(Counter(f.outcome for f in self.files)))


def plan_table(kind: PlanKind | str, lang: str, rows: list[list[Cell]] | None = None,
               department_width: int = 20) -> Table:
    """A plan's row sheet: department, source file and row, then the plan's own columns.

    Args:
        kind: the plan kind.
        lang: the summary language.
        rows: the rows (none: only the layout, e.g. before rows are streamed).
        department_width: the department column's width (the longest name, when known).

    Returns:
        The table.
    """
    K = ColumnKind
    columns = PLANS[PlanKind(kind)].columns
    return Table([T.DEPARTMENT[lang], T.SOURCE_FILE[lang], T.SOURCE_ROW[lang],
                  *(c.label(lang) for c in columns)],
                 rows if rows is not None else [],
                 [department_width, 28, 9, *(c.width for c in columns)],
                 [K.TEXT, K.TEXT, K.INT, *(_plan_column_kind(c.type) for c in columns)])


def issues_table(lang: str, rows: list[list[Cell]] | None = None) -> Table:
    """The Issues sheet: every validation issue, per file.

    Args:
        lang: the summary language.
        rows: the rows (none: only the layout).

    Returns:
        The table.
    """
    K = ColumnKind
    return Table([T.DEPARTMENT[lang], T.SOURCE_FILE[lang], T.SHEET[lang], T.CELL[lang],
                  T.SEVERITY[lang], T.CODE[lang], T.MESSAGE[lang], T.VALUE[lang]],
                 rows if rows is not None else [], [20, 28, 16, 7, 10, 17, 58, 22],
                 [K.TEXT] * 8)


# The narrowest a column may be: a percentage with its bar, a date in any language.
_MIN_WIDTHS = {ColumnKind.PERCENT_DONE: 9, ColumnKind.OVERDUE_SHARE: 8, ColumnKind.PERCENT: 8,
               ColumnKind.DATE: 11, ColumnKind.LAST_UPDATED: 11}


def _plan_column_kind(column_type: ColumnType) -> ColumnKind:
    # No wrapping here: a wrapped row needs its height written, one call per row in the
    # main process, which the plan rows (hundreds of thousands) are kept free of.
    if column_type is ColumnType.DATE:
        return ColumnKind.DATE
    if column_type is ColumnType.STATUS:
        return ColumnKind.STATUS
    return ColumnKind.TEXT


def _text_width(texts: Iterable[str], low: int, high: int) -> int:
    """A column width (character units) that shows the longest of ``texts``, within limits."""
    widest = max((text_px(t) for t in texts), default=0.0)
    return max(low, min(high, math.ceil((widest + CELL_MARGIN_PX - COLUMN_PADDING_PX)
                                        / DIGIT_PX)))
