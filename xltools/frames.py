"""Plans, issues and overdue items of many department workbooks as pandas DataFrames (SPEC 8).

The analysts' API reads through the roll-up's own file loop: the same reader and validation,
the same worker pool, lock files and xltools' own outputs skipped the same way, the same
settings file, and each file's department and area decided by the roll-up's ``summarise``.
Where the summary keeps text written for people, the frames keep typed values: dates,
status codes, numbers. pandas is imported inside the functions only, so ``import xltools``
stays light and pandas can stay an optional extra.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from xltools.core.issues import Code, Report, Severity
from xltools.core.outcomes import Outcome
from xltools.core.outputs import copy_key, repeated_marked_copies
from xltools.core.overdue import Timing, late_items
from xltools.core.rollup import (
    KINDS,
    NO_STATUS,
    STATUS_CODES,
    FileResult,
    failed_result,
    percent_done,
    skip_marked_copy,
    summarise,
)
from xltools.core.schema import PLANS, VALUE_LISTS, Column, ColumnType, PlanKind, lang_code
from xltools.core.settings import Settings
from xltools.core.texts import READ_FAILURES, SKIP_REASONS
from xltools.core.texts import summary as T
from xltools.core.validate import Checked
from xltools.errors import XltoolsError
from xltools.fileloop import (
    FileFailure,
    check_file,
    run_files,
    unexpected_reason,
    worker_failure,
)
from xltools.workers import Failure

if TYPE_CHECKING:
    import pandas as pd

DtypeBackend = Literal["numpy_nullable", "pyarrow"]
Paths = str | PathLike[str] | Iterable[str | PathLike[str]]

PANDAS_MISSING = ("DataFrames need pandas, which is not installed: "
                  "pip install \"xltools-plans[pandas]\"")
PYARROW_MISSING = ("dtype_backend='pyarrow' needs pyarrow, which is not installed: "
                   "pip install \"xltools-plans[pandas]\" pyarrow (or leave dtype_backend at "
                   "'numpy_nullable')")
# Ordered so that comparisons read naturally: severity >= "warning" is warnings and errors.
SEVERITY_ORDER: tuple[str, ...] = (Severity.INFO.value, Severity.WARNING.value,
                                   Severity.ERROR.value)

# What a worker collects for the caller (the rest of a file stays in the worker).
Part = Literal["plans", "issues", "overdue"]


# ---------------------------------------------------------------------------------------------
# Where every input file went: cheap to carry in DataFrame.attrs


class FileOutcome(NamedTuple):
    """One input file and what became of it (outcome codes as in the roll-up's JSON)."""

    source: str
    outcome: str  # an Outcome value (core/outcomes.py)
    reason: str | None
    department: str | None
    area: str | None


class FileOutcomes(tuple[FileOutcome, ...]):
    """Every input file and its outcome, as kept in a frame's ``attrs["files"]``.

    pandas deep-copies ``attrs`` on nearly every operation and compares them with ``==`` in
    ``concat``: a DataFrame there would make ``pd.concat`` fail ("truth value is ambiguous")
    and a list of dicts costs milliseconds per operation for a thousand files. An immutable
    tuple of named tuples compares cheaply, need not be copied, and is JSON-safe (pandas
    stores ``attrs`` in Parquet metadata). ``pd.DataFrame(outcomes)`` or ``to_frame()``
    turns it into a table.
    """

    __slots__ = ()

    def __deepcopy__(self, memo: dict[int, object]) -> FileOutcomes:
        return self  # immutable all the way down: sharing is a copy

    def to_frame(self) -> pd.DataFrame:
        """The outcomes as a DataFrame: source, outcome, reason, department, area."""
        return _frame(_FILE_OUTCOME_COLUMNS, _transpose(self, len(_FILE_OUTCOME_COLUMNS)))


# ---------------------------------------------------------------------------------------------
# Column specifications and the one place DataFrames are built


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A frame column: its name and what it holds (decides its dtype)."""

    name: str
    kind: Literal["text", "int", "float", "bool", "date", "category"]
    categories: tuple[str, ...] = ()
    ordered: bool = False


def _text(name: str) -> ColumnSpec:
    return ColumnSpec(name, "text")


_STATUS = ColumnSpec("status", "category", STATUS_CODES, ordered=True)
_WHERE = (_text("department"), _text("area"), _text("source"))
_FILE_OUTCOME_COLUMNS = (_text("source"),
                         ColumnSpec("outcome", "category", tuple(T.OUTCOMES)),
                         _text("reason"), _text("department"), _text("area"))


def schema_column(column: Column) -> ColumnSpec:
    """The frame column of a plan column: dates, codes of closed lists, else text.

    Args:
        column: a schema column.

    Returns:
        Its spec; only statuses are ordered (their list runs from not started to cancelled).
    """
    if column.type is ColumnType.DATE:
        return ColumnSpec(column.key, "date")
    values = VALUE_LISTS[column.value_list] if column.value_list else None
    if values is not None and not values.open:
        return ColumnSpec(column.key, "category", tuple(c.code for c in values.choices),
                          ordered=column.type is ColumnType.STATUS)
    return _text(column.key)


def plan_columns(kind: PlanKind | str, *, with_overdue: bool) -> tuple[ColumnSpec, ...]:
    """The columns of ``read_plans``' frame of one plan kind.

    Args:
        kind: the plan kind.
        with_overdue: add ``overdue`` and ``days_late`` (when an as-of date was given).

    Returns:
        department, area, source, row, the schema's keys, then overdue and days_late.
    """
    columns = [*_WHERE, ColumnSpec("row", "int"),
               *(schema_column(c) for c in PLANS[PlanKind(kind)].columns)]
    if with_overdue:
        columns += [ColumnSpec("overdue", "bool"), ColumnSpec("days_late", "int")]
    return tuple(columns)


ISSUE_COLUMNS: tuple[ColumnSpec, ...] = (
    _text("sheet"), ColumnSpec("row", "int"), _text("column"), _text("cell"),
    ColumnSpec("code", "category", tuple(c.value for c in Code)),
    ColumnSpec("severity", "category", SEVERITY_ORDER, ordered=True),
    _text("key"), _text("value"), _text("message"))

OVERDUE_COLUMNS: tuple[ColumnSpec, ...] = (
    *_WHERE[:2], ColumnSpec("plan", "category", KINDS), _text("id"), _text("what"),
    _text("owner"), ColumnSpec("deadline", "date"), ColumnSpec("days_late", "int"), _STATUS,
    _text("source"), ColumnSpec("row", "int"))

ROLLUP_FILE_COLUMNS: tuple[ColumnSpec, ...] = (
    *_FILE_OUTCOME_COLUMNS, _text("language"), _text("template_version"),
    ColumnSpec("last_updated", "date"),
    *(ColumnSpec(f"items_{kind}", "int") for kind in KINDS),
    *(ColumnSpec(code, "int") for code in STATUS_CODES), ColumnSpec("no_status", "int"),
    ColumnSpec("overdue", "int"), ColumnSpec("due_soon", "int"),
    ColumnSpec("percent_done", "float"), ColumnSpec("errors", "int"),
    ColumnSpec("warnings", "int"))

# Headers for ``lang``: the summary's own (core/texts/summary.py) for what is not a plan column.
_LABELS = {"department": T.DEPARTMENT, "area": T.AREA, "source": T.SOURCE_FILE,
           "row": T.SOURCE_ROW, "overdue": T.OVERDUE, "days_late": T.DAYS_LATE}
_OVERDUE_LABELS = {**_LABELS, "plan": T.PLAN, "what": T.WHAT, "deadline": T.DEADLINE,
                   "status": T.STATUS, "id": PLANS[PlanKind.ACTION].column("id").labels,
                   "owner": PLANS[PlanKind.ACTION].column("owner").labels}


def require_pandas() -> Any:
    """pandas, or one plain error naming the extra that installs it.

    Returns:
        The pandas module.

    Raises:
        XltoolsError: pandas is not installed.
    """
    try:
        import pandas as pd
    except ImportError:
        raise XltoolsError(PANDAS_MISSING) from None
    return pd


def _check_backend(dtype_backend: str) -> None:
    if dtype_backend not in ("numpy_nullable", "pyarrow"):
        raise ValueError(f"dtype_backend must be 'numpy_nullable' or 'pyarrow', "
                         f"not {dtype_backend!r}")
    require_pandas()
    if dtype_backend == "pyarrow":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise XltoolsError(PYARROW_MISSING) from None


def _frame(columns: Sequence[ColumnSpec], data: Sequence[list[Any]],
           dtype_backend: str = "numpy_nullable") -> pd.DataFrame:
    """Build a DataFrame column by column with the dtypes the specs say.

    Args:
        columns: the columns, in order.
        data: one list of values per column (None for a missing value).
        dtype_backend: 'numpy_nullable' (pandas' nullable dtypes) or 'pyarrow'.

    Returns:
        The frame; with no rows it still has every column and its dtype.
    """
    pd = require_pandas()
    import numpy as np

    arrays: dict[str, Any] = {}
    for spec, values in zip(columns, data, strict=True):
        if spec.kind == "text":
            arrays[spec.name] = pd.array(values, dtype=pd.StringDtype())
        elif spec.kind == "int":
            arrays[spec.name] = pd.array(values, dtype="Int64")
        elif spec.kind == "float":
            arrays[spec.name] = pd.array(values, dtype="Float64")
        elif spec.kind == "bool":
            arrays[spec.name] = pd.array(values, dtype="boolean")
        elif spec.kind == "date":
            # via numpy days: seconds hold any date a plan can hold (year 1 to 9999), where
            # pandas' nanoseconds end in 2262 and a typo like 23-11-3026 would not fit
            days = np.array([_day(v) for v in values], dtype="datetime64[D]")
            arrays[spec.name] = days.astype("datetime64[s]")
        else:
            arrays[spec.name] = pd.Categorical(values, categories=list(spec.categories),
                                               ordered=spec.ordered)
    frame = pd.DataFrame(arrays, columns=[c.name for c in columns])
    if dtype_backend == "pyarrow":
        # strings, numbers, booleans and dates become Arrow types; categoricals stay pandas
        # categoricals (an Arrow dictionary has no order pandas would compare by), also the
        # all-empty ones that pandas before 2.3 would turn into Arrow's null type
        plain = [c.name for c in columns if c.kind != "category"]
        frame[plain] = frame[plain].convert_dtypes(dtype_backend="pyarrow")
    return frame


def _transpose(rows: Sequence[Sequence[Any]], width: int) -> list[list[Any]]:
    """Rows to columns (``width`` columns also when there are no rows)."""
    return [list(column) for column in zip(*rows, strict=True)] if rows else \
        [[] for _ in range(width)]


def _day(value: object) -> date | None:
    """A date for a date column (a datetime's day; anything else, e.g. unparsed, is None)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _rename(frame: pd.DataFrame, labels: dict[str, Any], lang: str | None) -> pd.DataFrame:
    if lang is None:
        return frame
    return frame.rename(columns={name: labels[name][lang] for name in frame.columns})


# ---------------------------------------------------------------------------------------------
# The worker: one file, read and checked as the roll-up does, kept as typed values


@dataclass(slots=True)
class FileFrames:
    """What one file gives the frames; small and picklable (workers send it back)."""

    file: FileResult  # outcome, reason, department, area and counts, as the roll-up has them
    # per plan kind: (row, *values in schema column order, days late or None)
    rows: dict[str, list[tuple[object, ...]]] = field(default_factory=dict)
    issues: list[tuple[object, ...]] = field(default_factory=list)  # in ISSUE_COLUMNS order
    overdue: list[tuple[object, ...]] = field(default_factory=list)  # in OVERDUE_COLUMNS order


# source, as-of, message language, due-soon days, settings, folder area, reason language, parts
Task = tuple[str, date, str | None, int, Settings, str | None, str, frozenset[Part]]


def read_file(source: str, as_of: date, lang: str | None, due_soon_days: int,
              settings: Settings, folder_area: str | None, reason_lang: str,
              parts: frozenset[Part]) -> FileFrames:
    """Read and check one file like the roll-up and keep its typed rows; never raises.

    Args:
        source: the file.
        as_of: "today" for overdue and due soon.
        lang: the language of validation messages (None: the workbook's own).
        due_soon_days: the due-soon window.
        settings: the organisation's settings.
        folder_area: the area the file's folder says (used when its About sheet names none).
        reason_lang: the language of a failure's or skip's reason.
        parts: what to keep: 'plans', 'issues', 'overdue'.

    Returns:
        The file's roll-up result (rows emptied) and what ``parts`` asked for.
    """
    checked = check_file(source, as_of=as_of, lang=lang, due_soon_days=due_soon_days,
                         settings=settings, reason_lang=reason_lang)
    if isinstance(checked, FileFailure):
        return FileFrames(failed_result(source, checked.reason, area=folder_area))
    try:
        # the roll-up's own decisions: skipped outputs, department, area, outcome, counts
        result = summarise(checked, source=source, as_of=as_of, lang=reason_lang,
                           due_soon_days=due_soon_days, folder_area=folder_area)
        # its rows are text written for the summary; the frames take typed values instead
        result.drop_rows()
        frames = FileFrames(result)
        if result.read:
            _collect(frames, checked, as_of, due_soon_days, parts)
        return frames
    except Exception as error:  # one odd file must never stop a run over many
        return FileFrames(failed_result(source, unexpected_reason(error, reason_lang),
                                        area=folder_area))


def _collect(frames: FileFrames, checked: Checked, as_of: date, due_soon_days: int,
             parts: frozenset[Part]) -> None:
    """Keep a read file's typed rows, issues and overdue items, as ``parts`` asks."""
    result = frames.file
    department, area, source = result.department or "", result.area, result.source
    if "issues" in parts:
        frames.issues = [(department, area, source, i.sheet, i.row, i.column, i.cell,
                          i.code.value, i.severity.value, i.key, i.value, i.message)
                         for i in checked.report.sorted_issues()]
    if not parts & {"plans", "overdue"}:
        return
    sheets = {kind: sheet.name for kind, sheet in checked.workbook.plans.items()}
    # the roll-up's overdue items (late_items), so days late and counts agree with it
    late = {(i.plan, i.row): i
            for i in late_items(department, source, sheets, checked.rows, as_of, due_soon_days)
            if i.timing is Timing.OVERDUE}
    if "plans" in parts:
        for kind in PlanKind:
            columns = PLANS[kind].columns
            frames.rows[kind.value] = [
                (row.number,
                 *(_day(row.values.get(c.key)) if c.type is ColumnType.DATE
                   else row.values.get(c.key) for c in columns),
                 late[(kind, row.number)].days if (kind, row.number) in late else None)
                for row in checked.rows.get(kind, [])]
    if "overdue" in parts:
        for item in late.values():
            frames.overdue.append((department, area, item.plan.value, item.id, item.what,
                                   item.owner, item.deadline, item.days, item.status, source,
                                   item.row))


def _work(task: Task) -> FileFrames:
    return read_file(*task)


def _failed(task: Task, failure: Failure) -> FileFrames:
    return FileFrames(failed_result(task[0], worker_failure(task[0], failure, task[6]).reason,
                                    area=task[5]))


# ---------------------------------------------------------------------------------------------
# Reading many files


@dataclass(slots=True)
class _Read:
    results: list[FileFrames]
    files: FileOutcomes
    attrs: dict[str, object]


def _paths(paths: Paths) -> list[str | PathLike[str]]:
    # one folder or file is the common case in a notebook: read_plans("plans/")
    if isinstance(paths, str | PathLike):
        return [paths]
    return list(paths)


def _as_of(as_of: date | str | None) -> date | None:
    if as_of is None or (isinstance(as_of, date) and not isinstance(as_of, datetime)):
        return as_of
    if isinstance(as_of, datetime):  # also a pandas Timestamp
        return as_of.date()
    from xltools.core.dates import parse_date

    parsed = parse_date(as_of, near=date.today()) if isinstance(as_of, str) else None
    if parsed is None:
        raise ValueError(f"as_of: {as_of!r} is not a date (give a date or e.g. '2026-11-23')")
    return parsed


def _lang(lang: str | None) -> str | None:
    if lang is None:
        return None
    code = lang_code(lang)
    if code is None:
        raise ValueError(f"lang: {lang!r} is not a language xltools speaks (da, sv or en)")
    return code


def _settings(config: str | PathLike[str] | None, settings: Settings | None,
              paths: Sequence[str | PathLike[str]]) -> Settings:
    if settings is not None:
        if config is not None:
            raise ValueError("give either config (a settings file) or settings, not both")
        return settings
    from xltools.io.settings import find_settings, load_settings

    # as every command finds it: config, else xltools.toml here, in the input's folder, the user's
    return load_settings(find_settings(config, [Path(p) for p in paths]))


def _read(paths: Paths, *, as_of: date | None, lang: str | None, parts: frozenset[Part],
          config: str | PathLike[str] | None, settings: Settings | None,
          jobs: int | None) -> _Read:
    """Find, read and check every workbook as the roll-up does; the skipped ones listed too."""
    from xltools.files import find_workbooks

    inputs = _paths(paths)
    settings = _settings(config, settings, inputs)
    day = as_of or date.today()
    reason_lang = settings.language_or(lang)
    found = find_workbooks(inputs)
    tasks: list[Task] = [(str(f), day, lang, settings.due_soon_days, settings,
                          found.folder_area(f), reason_lang, parts) for f in found.files]
    results = list(run_files(_work, tasks, jobs=jobs, on_failure=_failed))
    # a marked copy beside the workbook it was made from is skipped, as the roll-up does
    copies = [r for r in results if r.file.read and r.file.marked_copy]
    read = (copy_key(r.file.department, r.file.area) for r in results
            if r.file.read and not r.file.marked_copy)
    for copy, repeated in zip(copies, repeated_marked_copies(
            read, [copy_key(c.file.department, c.file.area) for c in copies]), strict=True):
        if repeated:
            skip_marked_copy(copy.file, reason_lang)
            copy.rows, copy.issues, copy.overdue = {}, [], []
    # in the roll-up's order: files read, then paths that do not exist, then files skipped
    files = [r.file for r in results]
    files += [failed_result(str(p), READ_FAILURES["missing"][reason_lang]) for p in found.missing]
    files += [failed_result(str(p), SKIP_REASONS[why][reason_lang], outcome=Outcome.SKIPPED)
              for p, why in found.skipped]
    outcomes = FileOutcomes(FileOutcome(f.source, f.outcome, f.reason, f.department, f.area)
                            for f in files)
    attrs: dict[str, object] = {"files": outcomes, "as_of": as_of.isoformat() if as_of else None,
                                "settings": settings.source}
    return _Read(results, outcomes, attrs)


def read_plans(paths: Paths, *, as_of: date | str | None = None, lang: str | None = None,
               dtype_backend: DtypeBackend = "numpy_nullable",
               config: str | PathLike[str] | None = None, settings: Settings | None = None,
               jobs: int | None = None) -> dict[str, pd.DataFrame]:
    """Every row of every department's plans, one DataFrame per plan kind.

    Files are found, read and checked exactly as by ``xltools rollup``: folders searched
    recursively, lock and hidden files and xltools' own outputs skipped, broken files
    failed with a plain reason, never raised.

    Args:
        paths: a folder or workbook, or several.
        as_of: "today" (a date, or text such as '2026-11-23'): adds the columns ``overdue``
            and ``days_late``. Without it, files are read as of today and the columns are left
            out.
        lang: 'da', 'sv' or 'en': name the columns with that language's headers, as the
            summary's row sheets do (values stay codes). Also the language of reasons.
        dtype_backend: 'numpy_nullable' (pandas' nullable dtypes) or 'pyarrow'.
        config: the settings file; by default found as the commands find it.
        settings: ready settings instead of a file.
        jobs: worker processes (default: the CPU count).

    Returns:
        ``{"action": ..., "activity": ..., "communication": ...}``. Columns: department,
        area, source, row (the sheet row), then the plan's schema keys; dates as datetime64,
        status an ordered categorical of codes (not_started < in_progress < done < postponed
        < cancelled), other closed lists categoricals of codes, the rest strings; a value that
        could not be understood is missing (``read_issues`` says why). Every frame's
        ``attrs["files"]`` lists every input file with its outcome and reason
        (``FileOutcomes``; ``.to_frame()``), ``attrs["as_of"]`` and ``attrs["settings"]`` say
        what it was read against.

    Raises:
        XltoolsError: pandas (or, for that backend, pyarrow) is not installed; the settings
            file cannot be used.
        ValueError: an argument that is not one of the values above.
    """
    _check_backend(dtype_backend)
    day, language = _as_of(as_of), _lang(lang)
    read = _read(paths, as_of=day, lang=language, parts=frozenset({"plans"}), config=config,
                 settings=settings, jobs=jobs)
    frames: dict[str, pd.DataFrame] = {}
    for kind in KINDS:
        columns = plan_columns(kind, with_overdue=day is not None)
        width = len(PLANS[PlanKind(kind)].columns) + 2  # row, values, days late
        data: list[list[Any]] = [[] for _ in columns]
        for result in read.results:
            rows = result.rows.get(kind)
            if not rows:
                continue
            values = _transpose(rows, width)
            where = (result.file.department, result.file.area, result.file.source)
            for i, value in enumerate(where):
                data[i].extend([value] * len(rows))
            for i, column in enumerate(values[:-1], start=len(where)):
                data[i].extend(column)
            if day is not None:
                data[-2].extend(days is not None for days in values[-1])
                data[-1].extend(values[-1])
        frame = _frame(columns, data, dtype_backend)
        labels = {**_LABELS, **{c.key: c.labels for c in PLANS[PlanKind(kind)].columns}}
        frame = _rename(frame, labels, language)
        frame.attrs.update(read.attrs)
        frames[kind] = frame
    return frames


def read_issues(paths: Paths, *, as_of: date | str | None = None, lang: str | None = None,
                dtype_backend: DtypeBackend = "numpy_nullable",
                config: str | PathLike[str] | None = None, settings: Settings | None = None,
                jobs: int | None = None) -> pd.DataFrame:
    """Every validation issue of every department workbook, per file as ``xltools validate``.

    Args:
        paths: a folder or workbook, or several.
        as_of: "today" for overdue, due soon and follow-ups (default: today).
        lang: the language of the messages (default: each workbook's own); column names stay
            the JSON keys of ``xltools validate --json``.
        dtype_backend: 'numpy_nullable' or 'pyarrow'.
        config: the settings file; by default found as the commands find it.
        settings: ready settings instead of a file.
        jobs: worker processes (default: the CPU count).

    Returns:
        One row per issue: department, area, source, sheet, row, column, cell, code
        (categorical), severity (ordered: info < warning < error), key, value, message; in
        file order, within a file as the report sorts them. ``attrs`` as ``read_plans``'.

    Raises:
        XltoolsError: pandas (or pyarrow) is not installed; the settings file cannot be used.
        ValueError: an argument that is not one of the values above.
    """
    _check_backend(dtype_backend)
    read = _read(paths, as_of=_as_of(as_of), lang=_lang(lang), parts=frozenset({"issues"}),
                 config=config, settings=settings, jobs=jobs)
    columns = (*_WHERE, *ISSUE_COLUMNS)
    rows = [row for result in read.results for row in result.issues]
    frame = _frame(columns, _transpose(rows, len(columns)), dtype_backend)
    frame.attrs.update(read.attrs)
    return frame


def find_overdue(paths: Paths, *, as_of: date | str, lang: str | None = None,
                 dtype_backend: DtypeBackend = "numpy_nullable",
                 config: str | PathLike[str] | None = None, settings: Settings | None = None,
                 jobs: int | None = None) -> pd.DataFrame:
    """Every overdue item across the organisation, oldest first: the summary's Overdue list.

    Args:
        paths: a folder or workbook, or several.
        as_of: "today" (a date, or text such as '2026-11-23').
        lang: 'da', 'sv' or 'en': the Overdue sheet's headers in that language.
        dtype_backend: 'numpy_nullable' or 'pyarrow'.
        config: the settings file; by default found as the commands find it.
        settings: ready settings instead of a file.
        jobs: worker processes (default: the CPU count).

    Returns:
        One row per item past its deadline and neither done nor cancelled: department, area,
        plan (categorical: action, activity, communication), id, what, owner, deadline
        (datetime64), days_late, status (ordered categorical of codes), source, row; oldest
        deadline first, then department, plan, file and row, as the summary orders it.
        ``attrs`` as ``read_plans``'.

    Raises:
        XltoolsError: pandas (or pyarrow) is not installed; the settings file cannot be used.
        ValueError: an argument that is not one of the values above.
    """
    _check_backend(dtype_backend)
    day, language = _as_of(as_of), _lang(lang)
    if day is None:
        raise ValueError("as_of: give the day to judge deadlines against")
    read = _read(paths, as_of=day, lang=language, parts=frozenset({"overdue"}), config=config,
                 settings=settings, jobs=jobs)
    items = [item for result in read.results for item in result.overdue]
    # the summary's order (core.rollup.summarise): deadline, department, plan, file, row
    items.sort(key=lambda i: (i[6], str(i[0]).casefold(), KINDS.index(str(i[2])), i[9], i[10]))
    frame = _frame(OVERDUE_COLUMNS, _transpose(items, len(OVERDUE_COLUMNS)), dtype_backend)
    frame = _rename(frame, _OVERDUE_LABELS, language)
    frame.attrs.update(read.attrs)
    return frame


# ---------------------------------------------------------------------------------------------
# Frames of results built elsewhere (Report.to_frame, RollupResult.to_frame)


def report_frame(report: Report, dtype_backend: str = "numpy_nullable") -> pd.DataFrame:
    """One workbook's validation report as a DataFrame (``Report.to_frame``).

    Args:
        report: the report.
        dtype_backend: 'numpy_nullable' or 'pyarrow'.

    Returns:
        One row per issue, in the report's order: department, source, then the columns of
        ``read_issues`` from sheet on.
    """
    _check_backend(dtype_backend)
    rows = [(report.department, i.source or report.source, i.sheet, i.row, i.column, i.cell,
             i.code.value, i.severity.value, i.key, i.value, i.message)
            for i in report.sorted_issues()]
    columns = (_WHERE[0], _WHERE[2], *ISSUE_COLUMNS)
    return _frame(columns, _transpose(rows, len(columns)), dtype_backend)


def files_frame(files: Sequence[FileResult], dtype_backend: str = "numpy_nullable") -> pd.DataFrame:
    """The roll-up's files with their outcome and figures (``RollupResult.to_frame``).

    Args:
        files: the roll-up's per-file results.
        dtype_backend: 'numpy_nullable' or 'pyarrow'.

    Returns:
        One row per input file: source, outcome, reason, department, area, language,
        template_version, last_updated, items per plan (``items_action``...), items per
        status code and ``no_status``, overdue, due_soon, percent_done (0..1), errors,
        warnings; the figures are missing for a file that was not read.
    """
    _check_backend(dtype_backend)
    rows = []
    for f in files:
        figures: list[object]
        if f.read:
            figures = [*(f.items.get(k, 0) for k in KINDS),
                       *(f.statuses[c] for c in STATUS_CODES), f.statuses[NO_STATUS], f.overdue,
                       f.due_soon, percent_done(f.statuses), f.errors, f.warnings]
        else:
            figures = [None] * (len(ROLLUP_FILE_COLUMNS) - 8)
        rows.append((f.source, f.outcome, f.reason, f.department, f.area, f.language,
                     f.template_version, f.last_updated, *figures))
    return _frame(ROLLUP_FILE_COLUMNS, _transpose(rows, len(ROLLUP_FILE_COLUMNS)), dtype_backend)


__all__ = ["FileOutcome", "FileOutcomes", "find_overdue", "read_issues", "read_plans"]
