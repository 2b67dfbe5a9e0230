"""Recognise workbooks xltools wrote (summary, chase list, ...) by their marker, whatever their name."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from xltools.core.marks import RECORD_NAME, RECORD_SHEET
from xltools.core.outputs import OutputKind, kind_from_keywords, legacy_summary
from xltools.io.xmltext import unescape_bytes

_KEYWORDS = re.compile(rb"<(?:\w+:)?keywords[^>]*>([^<]*)</(?:\w+:)?keywords>")
_SHEET_NAME = re.compile(rb'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"')
_CORE_PART = "docProps/core.xml"
_MAX_PART_BYTES = 1 << 20  # core properties and the sheet list are small in any real workbook


def keywords_of(archive: zipfile.ZipFile) -> str | None:
    """The keywords core property of an open OOXML package, or None."""
    try:
        info = archive.getinfo(_CORE_PART)
    except KeyError:
        return None
    if info.file_size > _MAX_PART_BYTES:
        return None
    found = _KEYWORDS.search(archive.read(info))
    return unescape_bytes(found.group(1)) if found else None


def output_kind(path: str | Path) -> OutputKind | None:
    """What kind of xltools output ``path`` is, or None (a user's workbook, or not a workbook).

    Args:
        path: any file.

    Returns:
        The kind from the marker in its keywords; an unmarked summary of an earlier xltools
        version is recognised by its sheets.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            return output_kind_of(archive)
    except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError, EOFError):
        return None


def output_kind_of(archive: zipfile.ZipFile) -> OutputKind | None:
    """``output_kind`` of an open package."""
    try:
        kind = kind_from_keywords(keywords_of(archive))
        if kind is not None and kind is not OutputKind.TEMPLATE:
            return kind
        # a plan begun from our template keeps that marker when it is marked (the marked
        # copy keeps the user's properties untouched), so the marks record decides
        info = archive.getinfo("xl/workbook.xml")
        if info.file_size > _MAX_PART_BYTES:
            return None
        workbook = archive.read(info)
        names = [unescape_bytes(n) for n in _SHEET_NAME.findall(workbook)]
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, NotImplementedError, EOFError):
        return None
    # a marked copy holds the hidden name of its marks record (core.marks.RECORD_NAME); a
    # copy marked by xltools 0.1 held a sheet of that title
    if f'name="{RECORD_NAME}"'.encode() in workbook or RECORD_SHEET in names:
        return OutputKind.MARKED_COPY
    if kind is not None:
        return kind
    return OutputKind.SUMMARY if legacy_summary(names) else None
