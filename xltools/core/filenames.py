"""File names made from users' text (department names): safe on Windows, macOS and Linux, unique.

A department called ``Drift/Service``, ``CON``, ``Økonomi.`` or ``.NET-teamet`` must still get
a file every system can create, sync (OneDrive, SharePoint) and zip, and that the roll-up does
not skip as hidden or as a lock file. Names are compared the way case-insensitive file
systems (Windows, macOS) do, so two names that would land on one file there are told apart
everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

# Characters Windows forbids in a name (macOS Finder also shows ":" as "/").
FORBIDDEN = frozenset('<>:"/\\|?*')
# Windows refuses these as a name, with any extension and in any case (also COM¹..COM³).
RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$", "clock$"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in (*"123456789", "¹", "²", "³")}
)
# Windows' whole-path limit is 260 characters and HR folders sit deep (OneDrive - Org\HR\...):
# a department name longer than this is cut, leaving room for the folder and a " (2)".
MAX_STEM_CHARS = 80
MAX_NAME_BYTES = 240  # Linux and macOS allow 255 bytes of UTF-8 per name; leave a margin
REPLACEMENT = "-"
FALLBACK_STEM = "department"
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"-{2,}")


def _clean_char(char: str) -> str:
    if char in FORBIDDEN:
        return REPLACEMENT
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp") or char.isspace():
        return " "  # control characters and line breaks: a space, so words stay apart
    if category in ("Cf", "Cs", "Co", "Cn"):
        # invisible format characters (a right-to-left override can disguise ".xlsx"),
        # lone surrogates, private-use and unassigned code points: dropped
        return ""
    return char


def safe_stem(text: str, *, fallback: str = FALLBACK_STEM) -> str:
    """A file name without extension made from ``text``, valid on Windows, macOS and Linux.

    Unicode is normalised to NFC (macOS may hand over decomposed letters); forbidden and
    control characters are replaced; leading dots (hidden files) and a leading ``~$`` (an
    Excel lock file) are removed, as are trailing dots and spaces (Windows drops them);
    Windows' reserved device names get a trailing underscore; long names are cut.

    Args:
        text: e.g. a department name.
        fallback: the stem when nothing usable is left (e.g. a name of only ``???``).

    Returns:
        The stem, never empty.
    """
    text = unicodedata.normalize("NFC", text)
    stem = "".join(_clean_char(c) for c in text)
    stem = _DASHES.sub(REPLACEMENT, _SPACES.sub(" ", stem))
    stem = _cut(stem.strip(), MAX_STEM_CHARS)
    # a leading "." hides the file (and the roll-up skips hidden files); "~$" marks a lock file
    stem = stem.lstrip(". ").removeprefix("~$").rstrip(". ")
    if not stem.strip(REPLACEMENT + " "):
        stem = fallback
    first, dot, rest = stem.partition(".")
    if first.rstrip(" ").casefold() in RESERVED:
        # Windows judges the part before the first dot: "CON.2026" is as reserved as "CON"
        stem = first.rstrip(" ") + "_" + dot + rest
    return stem


def safe_file_name(text: str, suffix: str, *, fallback: str = FALLBACK_STEM) -> str:
    """``safe_stem(text)`` plus ``suffix`` (e.g. ``.xlsx``), within every system's name limit.

    Args:
        text: e.g. a department name.
        suffix: the extension with its dot.
        fallback: the stem when nothing usable is left.

    Returns:
        The file name.
    """
    return _fit(safe_stem(text, fallback=fallback), suffix)


def name_key(name: str) -> str:
    """How a case-insensitive file system (Windows, macOS) tells names apart."""
    return unicodedata.normalize("NFC", name).casefold()


def unique_file_name(text: str, suffix: str, taken: Collection[str], *,
                     fallback: str = FALLBACK_STEM) -> str:
    """A safe file name for ``text`` that none of ``taken`` already has.

    Args:
        text: e.g. a department name.
        suffix: the extension with its dot.
        taken: ``name_key`` of every name already used (this run's files, inputs, ...).
        fallback: the stem when nothing usable is left.

    Returns:
        ``Name.xlsx``, or ``Name (2).xlsx``, ``Name (3).xlsx``, ... when that is taken.
    """
    stem = safe_stem(text, fallback=fallback)
    name = _fit(stem, suffix)
    number = 1
    while name_key(name) in taken:
        number += 1
        name = _fit(stem, suffix, f" ({number})")
    return name


def _fit(stem: str, suffix: str, tail: str = "") -> str:
    """``stem + tail + suffix`` with the stem cut to the byte limit (never mid-character)."""
    room = MAX_NAME_BYTES - len((tail + suffix).encode())
    while len(stem.encode()) > room:
        stem = stem[:-1]
    return stem.rstrip(". ") + tail + suffix


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    # do not leave a combining mark without its letter
    while cut and unicodedata.combining(cut[-1]):
        cut = cut[:-1]
    return cut.rstrip()


def template_name(lang: str) -> str:
    """File name of the committed template for a language (also what New plan workbook
    suggests)."""
    return f"xltools-plan-{lang}.xlsx"
