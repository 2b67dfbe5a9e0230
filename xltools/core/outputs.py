"""Workbooks xltools writes carry a marker of their kind, so they are never read as a department.

The marker is a token in the document's keywords (a core property every writer and every
spreadsheet program keeps): ``xltools:summary``, ``xltools:chase-list``, ... It survives
renaming the file and re-saving it in Excel or LibreOffice.
"""

from __future__ import annotations

from enum import StrEnum

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
