"""Turn raw cell values into typed ones per the schema: ids, dates, list codes, text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from xltools.core.dates import parse_date
from xltools.core.plandata import CellProblem, SheetData
from xltools.core.schema import PLANS, VALUE_LISTS, Column, ColumnType, ExtraWords

_TRAILING_ZEROS = re.compile(r"^(-?\d+)\.0+$")


def id_key(value: object) -> str | None:
    """The identity of an id for comparison: trimmed, case-insensitive, 3 = 3.0 = "3"."""
    if value is None or isinstance(value, bool):
        return None if value is None else str(value).casefold()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = " ".join(str(value).split()).casefold()
    if match := _TRAILING_ZEROS.match(text):
        return str(int(match[1]))
    return text or None


def display_text(value: object) -> str:
    """A cell value as text for people: 3.0 -> '3', dates ISO, text as it is."""
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


def parse_value(column: Column, raw: object, *, as_of: date,
                status_words: ExtraWords = ()) -> tuple[object, bool]:
    """A typed value and whether it parsed; blank gives (None, True).

    Dates become ``date``, list values their code, ids their display text, text ``str``.
    ``status_words`` are the organisation's own status words (from its settings).
    """
    if raw is None or isinstance(raw, CellProblem):
        return None, True  # unknown, not wrong: a rule of its own reports a CellProblem
    kind = column.type
    if kind is ColumnType.DATE:
        parsed = parse_date(raw, near=as_of)
        return parsed, parsed is not None
    if column.value_list and not VALUE_LISTS[column.value_list].open:
        extra = status_words if column.value_list == "status" else ()
        code = VALUE_LISTS[column.value_list].lookup(display_text(raw), extra)
        return code, code is not None
    return display_text(raw), True


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
    columns = [schema.column(key) for key in sheet.columns]
    rows: list[ParsedRow] = []
    for row in sheet.rows:
        values: dict[str, object] = {}
        invalid: set[str] = set()
        for column in columns:
            parsed, ok = parse_value(column, row.values.get(column.key), as_of=as_of,
                                     status_words=status_words)
            values[column.key] = parsed
            if not ok:
                invalid.add(column.key)
        rows.append(ParsedRow(row.number, row.values, values, invalid))
    return rows
