"""The one loop every use case over many files shares: read and check a file in a worker,
never raise for a bad one, and run the workers over all files with results in input order.

The roll-up, the overdue scan, the chase lists and the pandas API differ only in what they
keep of each checked workbook; reading, validating, failing plainly and the worker pool are
here, once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from xltools.core.settings import DEFAULT_SETTINGS, Settings
from xltools.core.texts import READ_FAILURES
from xltools.core.validate import Checked
from xltools.workers import DEFAULT_FILE_TIMEOUT, Failure, run_tasks

Task = TypeVar("Task")
Result = TypeVar("Result")
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class FileFailure:
    """A file that could not be read, with a plain reason in the run's language."""

    source: str
    reason: str


def check_file(source: str, *, as_of: date, lang: str | None, due_soon_days: int | None = None,
               settings: Settings = DEFAULT_SETTINGS,
               reason_lang: str = "en") -> Checked | FileFailure:
    """Read and validate one file; a file that cannot be read is a FileFailure, never an error.

    Args:
        source: the file path.
        as_of: "today" for deadlines.
        lang: the language of validation messages (None: the workbook's own).
        due_soon_days: the due-soon window (None: the settings').
        settings: the organisation's settings.
        reason_lang: the language of a failure's reason.

    Returns:
        The checked workbook, or why it could not be read.
    """
    from xltools.core.validate import check_workbook
    from xltools.errors import UnreadableWorkbookError
    from xltools.io.read import read_workbook

    try:
        workbook = read_workbook(source, settings=settings)
        return check_workbook(workbook, as_of=as_of, lang=lang, due_soon_days=due_soon_days,
                              settings=settings)
    except UnreadableWorkbookError as error:
        return FileFailure(source, error.localized_reason(reason_lang))
    except Exception as error:  # one odd file must never stop a run over many
        return FileFailure(source, unexpected_reason(error, reason_lang))


def unexpected_reason(error: Exception, lang: str) -> str:
    """Why a file failed on an error nobody foresaw: its type and the start of its text."""
    return READ_FAILURES["unexpected"][lang].format(
        error=f"{type(error).__name__}: {str(error)[:200]}")


def worker_failure(source: str, failure: Failure, lang: str) -> FileFailure:
    """The FileFailure of a file whose worker crashed or ran past the time limit."""
    return FileFailure(source, READ_FAILURES[f"worker_{failure.value}"][lang])


def run_files(work: Callable[[Task], Result], tasks: Sequence[Task], *, jobs: int | None,
              on_failure: Callable[[Task, Failure], Result],
              timeout: float = DEFAULT_FILE_TIMEOUT,
              progress: ProgressCallback | None = None) -> Iterator[Result]:
    """Run ``work`` over every task (one per file), results in task order.

    One file is read in this process; more go to worker processes (``jobs``, default the
    CPU count), where a crash or a hang costs only that file.

    Args:
        work: a module-level function of one task.
        tasks: one per file.
        jobs: worker processes.
        on_failure: the result of a task whose worker crashed or timed out.
        timeout: seconds one file may take.
        progress: called with (done, total) after each file.

    Yields:
        One result per task.
    """
    jobs = max(1, jobs if jobs else (os.cpu_count() or 1))
    results = (map(work, tasks) if len(tasks) == 1 else
               run_tasks(work, tasks, jobs=jobs, on_failure=on_failure, timeout=timeout))
    for done, result in enumerate(results, start=1):
        yield result
        if progress:
            progress(done, len(tasks))
