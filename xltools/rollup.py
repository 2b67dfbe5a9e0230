"""Roll department workbooks up into one organisation summary: find, read+check in parallel, write.

Workers read and validate one file each and send back only a compact ``FileResult`` (rows
as plain lists, counts, issues), so the main process never holds more than the rows it
writes, whatever the number of files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from xltools.core.outcomes import Outcome, ReadFailure
from xltools.core.outputs import OutputKind
from xltools.core.overdue import DEFAULT_DUE_SOON_DAYS
from xltools.core.progress import ItemState, Progress, TrendPoint, compare, trend_point
from xltools.core.rollup import FileResult, Rollup, failed_result
from xltools.core.settings import DEFAULT_SETTINGS, Settings
from xltools.core.texts import READ_FAILURES, SKIP_REASONS
from xltools.errors import OutputError
from xltools.fileloop import (
    FileFailure,
    ProgressCallback,
    check_file,
    run_files,
    unexpected_reason,
    worker_failure,
)
from xltools.io.snapshots import DEFAULT_HISTORY_NAME, HistoryError, open_history
from xltools.workers import DEFAULT_FILE_TIMEOUT, Failure

if TYPE_CHECKING:
    import pandas as pd

    from xltools.io.summary_progress import ProgressFacts



@dataclass(slots=True)
class RollupResult:
    """What a roll-up did: the output, the per-file outcomes and organisation totals."""

    output: Path | None
    files: list[FileResult]
    missing: list[Path]
    totals: dict[str, object]
    areas: list[dict[str, object]] = field(default_factory=list)  # in the Overview's order
    progress: Progress | None = None  # what moved since the earlier roll-up (history kept)
    history: Path | None = None  # the history file, when one was kept
    history_problem: str | None = None  # why the history could not be used (English)

    @property
    def read(self) -> int:
        return sum(1 for f in self.files if f.read)

    @property
    def failed(self) -> int:
        return sum(1 for f in self.files if f.outcome is Outcome.FAILED)

    @property
    def skipped(self) -> int:
        return sum(1 for f in self.files if f.outcome is Outcome.SKIPPED)

    @property
    def problems(self) -> int:
        """Files read that have validation errors."""
        return sum(1 for f in self.files if f.outcome is Outcome.PROBLEMS)

    def to_frame(self, *, dtype_backend: str = "numpy_nullable") -> pd.DataFrame:
        """One row per input file: its outcome and its figures, as on the Files and Overview sheets.

        Areas and totals are already tables: ``pd.DataFrame(result.areas)``, ``result.totals``.

        Args:
            dtype_backend: 'numpy_nullable' (pandas' nullable dtypes) or 'pyarrow'.

        Returns:
            Columns source, outcome (categorical: read, problems, failed, skipped), reason,
            department, area, language, template_version, last_updated, items_action,
            items_activity, items_communication, one count per status code, no_status,
            overdue, due_soon, percent_done (0..1), errors, warnings; the figures are missing
            for files that were not read. Summed over read files they are ``totals``.

        Raises:
            XltoolsError: pandas is not installed (one line naming the extra).
        """
        from xltools.frames import files_frame  # pandas only when a frame is asked for

        return files_frame(self.files, dtype_backend)

    def to_dict(self) -> dict[str, object]:
        """The outcome as JSON-ready data (codes, not translated labels)."""
        return {
            "output": str(self.output) if self.output else None,
            "files": {"read": self.read, "failed": self.failed, "skipped": self.skipped,
                      "read_with_problems": self.problems,
                      "missing": [str(p) for p in self.missing]},
            "totals": self.totals,
            "areas": self.areas,
            "progress": (self.progress.to_dict() if self.progress is not None
                         else {"previous_as_of": None, "departments": []}),
            "history": str(self.history) if self.history else None,
            "history_problem": self.history_problem,
            "outcomes": [
                {"source": f.source, "outcome": f.outcome, "reason": f.reason,
                 "department": f.department, "errors": f.errors if f.read else None,
                 "warnings": f.warnings if f.read else None}
                for f in self.files
            ],
        }


def check_file_for_rollup(source: str, as_of: date, lang: str,
                          due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
                          settings: Settings = DEFAULT_SETTINGS,
                          folder_area: str | None = None) -> FileResult:
    """Read, validate and summarise one file; never raises for a bad file.

    Args:
        source: the file path.
        as_of: "today".
        lang: the summary's language.
        due_soon_days: the due-soon window.
        settings: the organisation's settings (its header names, status and group words).
        folder_area: the first folder level under the input folder the file was found in
            (its area when the About sheet names none).

    Returns:
        The file's compact result (outcome 'failed' with a plain reason when unreadable).
    """
    from xltools.core.rollup import summarise

    checked = check_file(source, as_of=as_of, lang=lang, due_soon_days=due_soon_days,
                         settings=settings, reason_lang=lang)
    if isinstance(checked, FileFailure):
        return failed_result(source, checked.reason, area=folder_area)
    try:
        return summarise(checked, source=source, as_of=as_of, lang=lang,
                         due_soon_days=due_soon_days, folder_area=folder_area,
                         own_topics=settings.own_topics)
    except Exception as error:  # one odd file must never stop the roll-up
        return failed_result(source, unexpected_reason(error, lang), area=folder_area)


# source, as-of, language, due soon, settings, folder area
Task = tuple[str, date, str, int, Settings, str | None]


def _work(args: Task) -> FileResult:
    return check_file_for_rollup(*args)


def _failed(task: Task, failure: Failure) -> FileResult:
    return failed_result(task[0], worker_failure(task[0], failure, task[2]).reason, area=task[5])


def rollup(paths: Iterable[str | Path], output: str | Path, *, as_of: date, lang: str = "en",
           jobs: int | None = None, due_soon_days: int | None = None,
           progress: ProgressCallback | None = None, force: bool = False,
           file_timeout: float = DEFAULT_FILE_TIMEOUT, chart_per_area: bool = False,
           settings: Settings = DEFAULT_SETTINGS, history: str | Path | None = None,
           keep_history: bool = True, compare_with: date | None = None) -> RollupResult:
    """Roll up department workbooks into one summary workbook.

    Args:
        paths: folders (searched recursively) and workbook files.
        output: the summary .xlsx to write (atomically).
        as_of: "today" for overdue and due soon.
        lang: the summary's language: 'da', 'sv' or 'en'.
        jobs: parallel worker processes (default: the CPU count).
        due_soon_days: the due-soon window (default: the settings').
        progress: called with (done, total) after each file.
        force: replace an existing output that is not an earlier summary.
        file_timeout: seconds one file may take; a file that takes longer is failed.
        chart_per_area: add a chart per area (its departments) to the summary.
        settings: the organisation's settings (``io.settings.load_settings``); the file
            they came from is named on the summary's "Read first" sheet.
        history: the history database (default: ``xltools-history.sqlite`` beside the
            summary); every roll-up is recorded there and compared with the one before.
        keep_history: False: neither read nor record a history.
        compare_with: compare with the roll-up of this as-of date instead of the latest one
            before ``as_of``.

    Returns:
        Outcomes per file and organisation totals; ``output`` is None when nothing was readable
        (no summary is written then).

    Raises:
        OutputError: the output cannot be written where asked.
        HistoryError: ``compare_with`` names a roll-up the history does not hold.
    """
    from xltools.files import find_workbooks
    from xltools.io.atomic import check_output_path, resolve_target
    from xltools.io.outputs import output_kind
    from xltools.io.summary import SummaryWriter

    output = Path(output)
    found = find_workbooks(paths)
    # an input named as the output is said as such (before whatever else is in its way)
    output_resolved = resolve_target(output).resolve()
    if any(f.resolve() == output_resolved for f in found.files) \
            and output_kind(output_resolved) != OutputKind.SUMMARY:
        raise OutputError(code="output_is_input", path=output)
    # fail before minutes of reading, not after
    check_output_path(output, kind=OutputKind.SUMMARY, force=force)
    # beside the summary, named as the user named the summary's folder (a link: its target's)
    beside = output_resolved.parent if output.is_symlink() else output.parent
    history_path = (Path(history) if history else beside / DEFAULT_HISTORY_NAME) \
        if keep_history else None
    earlier = _earlier(history_path, as_of, compare_with)
    files = [f for f in found.files if f.resolve() != output_resolved]  # an earlier summary
    writer = SummaryWriter(lang, chart_per_area=chart_per_area, settings_source=settings.source)
    # Rows go to the writer as each file arrives: the main process keeps no copy of them.
    state = Rollup(lang, sink=writer.append, as_of=as_of, own_topics=settings.own_topics)
    days = settings.due_soon_days if due_soon_days is None else due_soon_days
    tasks: list[Task] = [(str(f), as_of, lang, days, settings, found.folder_area(f))
                         for f in files]
    for result in run_files(_work, tasks, jobs=jobs, on_failure=_failed, timeout=file_timeout,
                            progress=progress):
        state.add(result)
    state.add_marked_copies()
    for path in found.missing:
        state.add(failed_result(str(path), READ_FAILURES[ReadFailure.MISSING][lang]))
    for path, reason in found.skipped:
        state.add(failed_result(str(path), SKIP_REASONS[reason][lang],
                                outcome=Outcome.SKIPPED))
    written: Path | None = None
    result = RollupResult(None, state.files, found.missing, state.totals(), state.areas(),
                          history=history_path)
    if not state.read_count:
        return result
    items = list(state.items())
    facts = _compare(items, as_of, earlier, lang, history_path)
    result.progress, result.history_problem = facts.progress, earlier.problem
    written = writer.finish(state.tables(), output, force=force, progress=facts)
    result.output = written
    if history_path is not None and earlier.problem is None:
        try:
            with open_history(history_path) as store:
                store.record(as_of, items, settings=settings.source)
        except HistoryError as error:
            result.history_problem = str(error)
    return result


@dataclass(slots=True)
class _Earlier:
    """The roll-up to compare with, read from the history before the files are."""

    as_of: date | None = None
    items: list[ItemState] | None = None
    trend: list[TrendPoint] = field(default_factory=list)
    problem: str | None = None  # the history could not be used (it is left untouched)


def _earlier(history: Path | None, as_of: date, compare_with: date | None) -> _Earlier:
    if history is None or not history.exists():
        if compare_with is not None:
            raise HistoryError(code="history_missing_rollup", path=history or "-",
                               as_of=compare_with.isoformat())
        return _Earlier()
    try:
        with open_history(history, create=False) as store:
            recorded = store.snapshots()
            snapshots = [s for s in recorded if s.as_of < as_of]
            if compare_with is not None:
                if not any(s.as_of == compare_with for s in recorded):
                    raise HistoryError(code="history_missing_rollup", path=history,
                                       as_of=compare_with.isoformat())
                chosen: date | None = compare_with
            else:
                chosen = snapshots[-1].as_of if snapshots else None
            items = store.items(chosen) if chosen is not None else None
            return _Earlier(chosen, items, [s.trend for s in snapshots])
    except HistoryError as error:
        if error.code == "history_missing_rollup":
            raise
        return _Earlier(problem=str(error))


def _compare(items: list[ItemState], as_of: date, earlier: _Earlier, lang: str,
             history: Path | None) -> ProgressFacts:
    from xltools.core.texts import summary as T
    from xltools.io.summary_progress import ProgressFacts

    if history is None:
        return ProgressFacts(None, note=T.PROGRESS_OFF[lang])
    now = trend_point(as_of, items)
    if earlier.problem is not None:
        return ProgressFacts(None, [now], note=T.PROGRESS_BROKEN[lang].format(
            problem=earlier.problem))
    progress = compare(items, as_of, earlier.items, earlier.as_of)
    note = T.PROGRESS_FIRST[lang].format(history=history) if earlier.items is None else None
    return ProgressFacts(progress, [*earlier.trend, now], note=note)


__all__ = ["RollupResult", "check_file_for_rollup", "rollup"]
