"""Overdue and due-soon items across many workbooks, oldest first (``xltools overdue``).

Reads like the roll-up (the shared file loop: worker pool, per-file time limit, lock files
and xltools' own outputs skipped) and keeps only each file's late items.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from xltools.core.outcomes import SkipReason
from xltools.core.outputs import (
    NOT_A_DEPARTMENT,
    OutputKind,
    copy_key,
    repeated_marked_copies,
    skip_reason,
)
from xltools.core.overdue import LateItem, late_items
from xltools.core.schema import PLANS
from xltools.core.settings import DEFAULT_SETTINGS, Settings
from xltools.core.texts import NO_PLANS, READ_FAILURES
from xltools.fileloop import (
    FileFailure,
    ProgressCallback,
    check_file,
    run_files,
    worker_failure,
)
from xltools.workers import DEFAULT_FILE_TIMEOUT, Failure


@dataclass(slots=True)
class LateFile:
    """One workbook's late items, or why it gave none."""

    source: str
    items: list[LateItem] = field(default_factory=list)
    language: str | None = None
    failure: str | None = None  # could not be read, or holds no plan
    skipped: str | None = None  # an xltools output, not a department (a SKIP_REASONS key)
    department: str | None = None
    area: str | None = None  # the About sheet's, else the folder's
    marked_copy: bool = False  # marked by --annotate: maybe beside the workbook it came from


@dataclass(slots=True)
class LateScan:
    """Every late item of the workbooks read, and the files that gave none."""

    as_of: date
    items: list[LateItem]
    failures: list[FileFailure]
    languages: set[str]
    skipped: list[tuple[str, str]]  # (file, SKIP_REASONS key)
    files: int  # workbooks found


Task = tuple[str, date, str | None, int, Settings, str, str | None]


def late_file(source: str, as_of: date, lang: str | None, due_soon_days: int,
              settings: Settings = DEFAULT_SETTINGS, reason_lang: str = "en",
              folder_area: str | None = None) -> LateFile:
    """Read one workbook and keep its overdue and due-soon items; never raises.

    Args:
        source: the file.
        as_of: "today".
        lang: the language of messages (None: the workbook's own).
        due_soon_days: the due-soon window.
        settings: the organisation's settings.
        reason_lang: the language of a failure's reason.
        folder_area: the area the file's folder says (used when its About sheet names none).

    Returns:
        The file's late items, or why it has none.
    """
    checked = check_file(source, as_of=as_of, lang=lang, due_soon_days=due_soon_days,
                         settings=settings, reason_lang=reason_lang)
    if isinstance(checked, FileFailure):
        return LateFile(source, failure=checked.reason)
    wb = checked.workbook
    if wb.output_kind in NOT_A_DEPARTMENT:
        return LateFile(source, skipped=skip_reason(wb.output_kind).value)
    if not wb.plans:
        return LateFile(source, language=wb.language, failure=NO_PLANS[lang or reason_lang])
    items = late_items(wb.department, source, {k: s.name for k, s in wb.plans.items()},
                       checked.rows, as_of, due_soon_days,
                       {k: s.letter(PLANS[k].deadline_key) for k, s in wb.plans.items()})
    return LateFile(source, items, wb.language, department=wb.department,
                    area=wb.area or folder_area,
                    marked_copy=wb.output_kind == OutputKind.MARKED_COPY)


def _work(task: Task) -> LateFile:
    return late_file(*task)


def _failed(task: Task, failure: Failure) -> LateFile:
    return LateFile(task[0], failure=worker_failure(task[0], failure, task[5]).reason)


def scan_late(paths: Iterable[str | Path], *, as_of: date, lang: str | None = None,
              due_soon_days: int | None = None, settings: Settings = DEFAULT_SETTINGS,
              jobs: int | None = None, progress: ProgressCallback | None = None,
              file_timeout: float = DEFAULT_FILE_TIMEOUT) -> LateScan:
    """Overdue and due-soon items of every workbook under ``paths``, oldest deadline first.

    Args:
        paths: folders (searched recursively) and workbook files.
        as_of: "today".
        lang: the language of messages and reasons (None: each workbook's own; reasons in
            English).
        due_soon_days: the due-soon window (None: the settings').
        settings: the organisation's settings.
        jobs: worker processes (default: the CPU count).
        progress: called with (done, total) after each file.
        file_timeout: seconds one file may take.

    Returns:
        The items and the files that gave none (missing ones among the failures).
    """
    from xltools.files import find_workbooks

    found = find_workbooks(paths)
    window = settings.due_soon_days if due_soon_days is None else due_soon_days
    reason_lang = settings.language_or(lang)
    tasks: list[Task] = [(str(f), as_of, lang, window, settings, reason_lang,
                          found.folder_area(f)) for f in found.files]
    scan = LateScan(as_of, [], [], set(), [(str(p), why) for p, why in found.skipped],
                    len(found.files))
    read: list[tuple[str, str] | None] = []
    copies: list[LateFile] = []
    for result in run_files(_work, tasks, jobs=jobs, on_failure=_failed, timeout=file_timeout,
                            progress=progress):
        if result.skipped:
            scan.skipped.append((result.source, result.skipped))
        elif result.failure:
            scan.failures.append(FileFailure(result.source, result.failure))
        elif result.marked_copy:
            copies.append(result)  # after the others: it may repeat one of them
        else:
            scan.items.extend(result.items)
            read.append(copy_key(result.department, result.area))
            if result.language:
                scan.languages.add(result.language)
    for copy, repeated in zip(copies, repeated_marked_copies(
            read, [copy_key(c.department, c.area) for c in copies]), strict=True):
        if repeated:
            scan.skipped.append((copy.source, SkipReason.MARKED_COPY_DUPLICATE.value))
        else:
            scan.items.extend(copy.items)
            if copy.language:
                scan.languages.add(copy.language)
    scan.failures.extend(FileFailure(str(p), READ_FAILURES["missing"][reason_lang])
                         for p in found.missing)
    scan.items.sort(key=lambda i: (i.deadline, i.department.casefold(), i.plan.value, i.row))
    return scan


__all__ = ["LateFile", "LateScan", "late_file", "scan_late"]
