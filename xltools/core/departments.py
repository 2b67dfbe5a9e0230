"""HR's department list, understood: which column is which About field, and each row checked.

A list is a grid of cells (from a sheet or a CSV file); the header row may sit below a
title, columns come in any order and are recognised by their About labels in da/sv/en (see
``schema.department_list_index``). Every row becomes an entry with its About values and the
problems that stop a workbook being written for it (no department, an unknown language, an
e-mail that is no address, the same department twice).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from xltools.core.email_text import parse_addresses
from xltools.core.filenames import name_key, unique_file_name
from xltools.core.schema import Lang, department_list_index, lang_code, normalize

HEADER_SEARCH_ROWS = 20  # a title and a few notes may sit above the header row


class RowProblem(StrEnum):
    """Why no workbook is written for a row (texts: ``texts.chase.ROW_PROBLEMS``)."""

    NO_DEPARTMENT = "no_department"
    UNKNOWN_LANGUAGE = "unknown_language"
    BAD_EMAIL = "bad_email"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem of a row, with the value at fault (or the row it repeats)."""

    code: RowProblem
    value: str | None = None
    row: int | None = None


@dataclass(slots=True)
class DepartmentEntry:
    """One row of the list: its About values (by field key), its language and its problems."""

    row: int  # as the user sees it: the sheet row, or the record number of a CSV file
    values: dict[str, object]
    lang: Lang | None = None  # the row's own language; None: the default applies
    problems: list[Problem] = field(default_factory=list)

    @property
    def department(self) -> str | None:
        value = self.values.get("department")
        return value if isinstance(value, str) else None

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(slots=True)
class DepartmentList:
    """The list as understood: where its header is, what each column means, its rows."""

    header_row: int
    columns: dict[str, int]  # field key -> 0-based column
    unused: list[str] = field(default_factory=list)  # headers that are no About field
    duplicate_columns: list[tuple[str, str]] = field(default_factory=list)  # (header, field)
    entries: list[DepartmentEntry] = field(default_factory=list)


class NoDepartmentColumn(ValueError):
    """The list has no header row with a department column; ``seen`` is its first row."""

    def __init__(self, seen: Sequence[str]) -> None:
        self.seen = list(seen)
        super().__init__("no department column")


def cell_value(value: object) -> object:
    """A list cell as an About value: text trimmed (None when blank), 2026.0 as 2026."""
    if value is None:
        return None
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, bool | int | float | date):
        return value
    return str(value)


def _find_header(grid: Sequence[Sequence[object]]) -> tuple[int, dict[str, int], list[str],
                                                             list[tuple[str, str]]]:
    index = department_list_index()
    for r, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        unused: list[str] = []
        duplicates: list[tuple[str, str]] = []
        for c, cell in enumerate(cells):
            text = cell_value(cell)
            if text is None:
                continue
            key = index.get(normalize(text))
            if key is None:
                unused.append(str(text))
            elif key in columns:
                duplicates.append((str(text), key))
            else:
                columns[key] = c
        if "department" in columns:
            return r, columns, unused, duplicates
    first = next((row for row in grid if any(cell_value(c) is not None for c in row)), [])
    raise NoDepartmentColumn([str(v) for v in map(cell_value, first) if v is not None])


def read_department_list(grid: Sequence[Sequence[object]]) -> DepartmentList:
    """Understand a department list and check every row.

    Args:
        grid: the cells, ``grid[0]`` being row 1 as the user sees it.

    Returns:
        The header's place, the columns and one entry per non-blank row below the header.
        Duplicates are marked on the later row: the same department (and area, when the
        list has areas) as an earlier row that had no problem of its own.

    Raises:
        NoDepartmentColumn: no row near the top names a department column.
    """
    header, columns, unused, duplicates = _find_header(grid)
    result = DepartmentList(header_row=header + 1, columns=columns, unused=unused,
                            duplicate_columns=duplicates)
    seen: dict[tuple[str, str], int] = {}
    for r in range(header + 1, len(grid)):
        cells = grid[r]
        if all(cell_value(c) is None for c in cells):
            continue
        values = {key: cell_value(cells[c]) if c < len(cells) else None
                  for key, c in columns.items()}
        entry = DepartmentEntry(row=r + 1, values=values)
        _check(entry)
        if entry.ok:
            key = (normalize(entry.department), normalize(values.get("area") or ""))
            if key in seen:
                entry.problems.append(Problem(RowProblem.DUPLICATE, entry.department,
                                              row=seen[key]))
            else:
                seen[key] = entry.row
        result.entries.append(entry)
    return result


def _check(entry: DepartmentEntry) -> None:
    values = entry.values
    department = values.get("department")
    if department is None:
        entry.problems.append(Problem(RowProblem.NO_DEPARTMENT))
    elif not isinstance(department, str):
        values["department"] = str(department)  # a department numbered 4100 is a name
    language = values.get("language")
    if language is not None:
        entry.lang = lang_code(language)
        if entry.lang is None:
            entry.problems.append(Problem(RowProblem.UNKNOWN_LANGUAGE, str(language)))
    email = values.get("email")
    if email is not None and not parse_addresses(email).ok:
        entry.problems.append(Problem(RowProblem.BAD_EMAIL, str(email)))


def file_names(entries: Sequence[DepartmentEntry], suffix: str,
               taken: Collection[str] = ()) -> dict[int, str]:
    """A distinct, safe file name for every entry without problems, named after its department.

    A department name that occurs in several areas gets the area in its name
    (``Administration (Teknik og Miljø).xlsx``); names that still meet on a case-insensitive
    file system get `` (2)``, `` (3)``, ... in list order.

    Args:
        entries: the list's entries.
        suffix: the extension, e.g. ``.xlsx``.
        taken: ``filenames.name_key`` of names that must not be used.

    Returns:
        Row number -> file name.
    """
    usable = [e for e in entries if e.ok and e.department]
    counts = Counter(normalize(e.department) for e in usable)
    used = set(taken)
    names: dict[int, str] = {}
    for entry in usable:
        text = str(entry.department)
        area = entry.values.get("area")
        if counts[normalize(text)] > 1 and area:
            text = f"{text} ({area})"
        name = unique_file_name(text, suffix, used)
        used.add(name_key(name))
        names[entry.row] = name
    return names
