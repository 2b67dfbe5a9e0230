"""What happened to each input file, as stable codes (like issue codes): tools filter on them,
the texts package words them (``READ_FAILURES``, ``SKIP_REASONS``, the summary's ``OUTCOMES``).
"""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    """A file's outcome in a run over many files."""

    READ = "read"
    PROBLEMS = "problems"  # read, with validation errors
    FAILED = "failed"  # could not be read (or holds no plan)
    SKIPPED = "skipped"  # not a department's workbook: a lock file, an xltools output, ...


class SkipReason(StrEnum):
    """Why a file found in a folder was not read."""

    EXCEL_LOCK = "excel_lock"
    LIBREOFFICE_LOCK = "libreoffice_lock"
    HIDDEN = "hidden"
    NOT_WORKBOOK_TYPE = "not_workbook_type"
    XLTOOLS_SUMMARY = "xltools_summary"
    XLTOOLS_CHASE_LIST = "xltools_chase_list"
    # a marked copy (validate/overdue --annotate) of a department whose own workbook is read
    MARKED_COPY_DUPLICATE = "marked_copy_duplicate"


class ReadFailure(StrEnum):
    """Why a file could not be read (``UnreadableWorkbookError.code`` and the worker pool's)."""

    MISSING = "missing"
    FOLDER = "folder"
    LOCK_FILE = "lock_file"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    NO_PERMISSION = "no_permission"
    ENCRYPTED = "encrypted"
    UNSUPPORTED_TYPE = "unsupported_type"
    NOT_WORKBOOK = "not_workbook"
    DAMAGED = "damaged"
    TOO_BIG_UNPACKED = "too_big_unpacked"
    STRAY_CELLS = "stray_cells"
    UNEXPECTED = "unexpected"
    WORKER_CRASHED = "worker_crashed"
    WORKER_TIMED_OUT = "worker_timed_out"
