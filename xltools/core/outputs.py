"""Workbooks xltools writes carry a marker of their kind, so they are never read as a department.

The marker is a token in the document's keywords (a core property every writer and every
spreadsheet program keeps): ``xltools:summary``, ``xltools:chase-list``, ... It survives
renaming the file and re-saving it in Excel or LibreOffice.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from enum import StrEnum

from xltools.core.outcomes import SkipReason

MARKER_PREFIX = "xltools:"


class OutputKind(StrEnum):
    """What kind of workbook xltools wrote."""

    SUMMARY = "summary"
    CHASE_LIST = "chase-list"
    CHASE_INDEX = "chase-index"
    MARKED_COPY = "marked-copy"
    TEMPLATE = "template"


# Outputs that hold other departments' rows: reading them as a department would count twice.
NOT_A_DEPARTMENT = frozenset({OutputKind.SUMMARY, OutputKind.CHASE_LIST, OutputKind.CHASE_INDEX})


def skip_reason(kind: str | None) -> SkipReason:
    """Why an xltools output found among the plans (a ``NOT_A_DEPARTMENT`` kind) is not read."""
    return SkipReason.XLTOOLS_SUMMARY if kind == OutputKind.SUMMARY \
        else SkipReason.XLTOOLS_CHASE_LIST


def marker_keywords(kind: OutputKind) -> str:
    """The keywords property that marks a workbook of ``kind``."""
    return f"{MARKER_PREFIX}{kind.value}"


def kind_from_keywords(keywords: str | None) -> OutputKind | None:
    """The kind named by a workbook's keywords, or None when xltools did not mark it."""
    for token in (keywords or "").replace(",", " ").replace(";", " ").split():
        if token.startswith(MARKER_PREFIX):
            try:
                return OutputKind(token[len(MARKER_PREFIX):])
            except ValueError:
                continue
    return None


def legacy_summary(sheet_names: list[str]) -> bool:
    """Whether a workbook's sheets are exactly those of an unmarked summary (xltools 0.1).

    Args:
        sheet_names: the workbook's sheet titles, in order.

    Returns:
        True when every summary sheet title of one language is there, Overview first (after
        the "Read first" sheet summaries have had since 0.2, should their marker be lost).
    """
    from xltools.core.schema import LANGS
    from xltools.core.texts import summary as T

    for lang in LANGS:
        titles = [T.OVERVIEW_TITLE[lang], *(t[lang] for t in T.ROWS_TITLES.values()),
                  T.OVERDUE_TITLE[lang], T.BY_TOPIC_TITLE[lang], T.ISSUES_TITLE[lang],
                  T.FILES_TITLE[lang]]
        names = sheet_names[1:] if sheet_names[:1] == [T.READ_FIRST_TITLE[lang]] \
            else sheet_names
        if names[:1] == titles[:1] and set(titles) <= set(names):
            return True
    return False


def copy_key(department: str | None, area: str | None) -> tuple[str, str] | None:
    """A department as a marked copy is matched with the workbook it was made from: area and
    name, case-folded (two areas may each have an "Administration"); None without a name."""
    if department is None:
        return None
    return ((area or "").casefold(), department.casefold())


def repeated_marked_copies(read: Iterable[Hashable],
                           marked: Sequence[Hashable | None]) -> list[bool]:
    """Which marked copies repeat a department that another workbook of the run gives.

    A manager's copy marked by ``--annotate`` often lies beside the workbook it was made
    from; read as well, its items would count twice. A marked copy alone is the department's
    workbook (the manager may have sent only that); of two copies alone, the first is.

    Args:
        read: the departments (``copy_key``) of the workbooks read that are not marked copies.
        marked: the department of each marked copy read, in order (None: it names none).

    Returns:
        For each marked copy: True when it repeats a department and is to be skipped.
    """
    seen = set(read)
    repeated = []
    for key in marked:
        repeated.append(key is not None and key in seen)
        if key is not None:
            seen.add(key)
    return repeated
