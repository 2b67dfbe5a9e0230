"""Turn raw cell values into typed ones per the schema: ids, dates, list codes, text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from xltools.core.dates import parse_date
from xltools.core.plandata import CellProblem, SheetData
from xltools.core.schema import PLANS, VALUE_LISTS, Column, ColumnType, ExtraWords, normalize

_TRAILING_ZEROS = re.compile(r"^(-?\d+)\.0+$")


def id_key(value: object) -> str | None:
    """The identity of an id for comparison: trimmed, case-insensitive, 3 = 3.0 = "3"."""
    if value is None or isinstance(value, bool):
        return None if value is None else str(value).casefold()
    if value.__class__ is int:  # the common id, a number (calamine's 3.0 cleaned to 3)
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = " ".join(str(value).split()).casefold()
    if match := _TRAILING_ZEROS.match(text):
        return str(int(match[1]))
    return text or None


def display_text(value: object) -> str:
    """A cell value as text for people: 3.0 -> '3', dates ISO, text as it is."""
    if value.__class__ is str:  # most cells: asked for every text cell of a roll-up
        return value  # type: ignore[return-value]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(slots=True)
class ParsedRow:
    """A data row with typed values; ``invalid`` holds the keys whose raw value did not parse."""

    number: int
    raw: dict[str, object]
    values: dict[str, object]
    invalid: set[str] = field(default_factory=set)


INVALID = object()  # what a column parser returns for a value that does not parse

Parser = Callable[[object], object]


def column_parser(column: Column, *, as_of: date, status_words: ExtraWords = ()) -> Parser:
    """How one column's filled cells are parsed: to their typed value, or ``INVALID``.

    What does not change from cell to cell (the column's type, its value list and the
    words it accepts) is looked up here once, not for each of a sheet's cells.

    Args:
        column: the schema column.
        as_of: "today"; a week written without a year is taken nearest to it.
        status_words: the organisation's own status words, (code, words) pairs.

    Returns:
        A function of a filled cell's raw value (never None or a ``CellProblem``).
    """
    if column.type is ColumnType.DATE:
        def parse_day(raw: object) -> object:
            parsed = parse_date(raw, near=as_of)
            return INVALID if parsed is None else parsed
        return parse_day
    values = VALUE_LISTS[column.value_list] if column.value_list else None
    if values is not None and not values.open:
        codes = values.codes(status_words if column.value_list == "status" else ())

        def parse_code(raw: object) -> object:
            return codes.get(normalize(display_text(raw)), INVALID)
        return parse_code
    return display_text


def parse_sheet(sheet: SheetData, *, as_of: date,
                status_words: ExtraWords = ()) -> list[ParsedRow]:
    """Parse every row of a plan sheet.

    Args:
        sheet: the sheet as read.
        as_of: "today"; a week written without a year is taken nearest to it.
        status_words: the organisation's own status words, (code, words) pairs.

    Returns:
        One ParsedRow per data row, in sheet order.
    """
    schema = PLANS[sheet.kind]
    parsers = [(key, column_parser(schema.column(key), as_of=as_of, status_words=status_words))
               for key in sheet.columns]
    rows: list[ParsedRow] = []
    for row in sheet.rows:
        raw_values = row.values
        values: dict[str, object] = {}
        invalid: set[str] = set()
        for key, parse in parsers:
            raw = raw_values.get(key)
            if raw is None or raw.__class__ is CellProblem:
                value = None  # blank, or unknown (a rule of its own reports a CellProblem)
            elif (value := parse(raw)) is INVALID:
                value = None
                invalid.add(key)
            values[key] = value
        rows.append(ParsedRow(row.number, raw_values, values, invalid))
    return rows
