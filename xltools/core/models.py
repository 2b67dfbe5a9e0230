"""Typed row models (pydantic v2) for each plan kind, generated from the schema.

They are the public, typed face of a plan for Python users and for JSON export:
``plan_rows(checked, PlanKind.ACTION)`` gives ``ActionRow`` objects with real dates and
status codes. Validation itself runs on plain dicts (it must report every problem, not
stop at a model's first), so pydantic stays off the command line's start-up path.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, create_model

from xltools.core.schema import PLANS, VALUE_LISTS, ColumnType, PlanKind
from xltools.core.values import ParsedRow


class PlanRow(BaseModel):
    """Base of the generated row models: the sheet row number and the cells that did not parse."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    row: int
    invalid: tuple[str, ...] = ()


def _field_type(column_type: ColumnType, value_list: str | None) -> Any:
    if column_type is ColumnType.DATE:
        return date | None
    if value_list and not VALUE_LISTS[value_list].open:
        codes = tuple(choice.code for choice in VALUE_LISTS[value_list].choices)
        return Literal[codes] | None  # type: ignore[valid-type]
    return str | None


@cache
def row_model(kind: PlanKind) -> type[PlanRow]:
    """The pydantic model of one plan kind's rows (``ActionRow``, ``ActivityRow``, ...)."""
    schema = PLANS[kind]
    fields: dict[str, Any] = {
        column.key: (_field_type(column.type, column.value_list), None)
        for column in schema.columns
    }
    name = f"{kind.value.capitalize()}Row"
    return create_model(name, __base__=PlanRow, __doc__=f"A row of the {schema.titles.en}.",
                        **fields)


def to_model(kind: PlanKind, row: ParsedRow) -> PlanRow:
    """One parsed row as its typed model; values that did not parse are None and listed."""
    values = {k: (None if k in row.invalid else v) for k, v in row.values.items()}
    return row_model(kind).model_validate(
        {"row": row.number, "invalid": tuple(sorted(row.invalid)), **values})


def plan_rows(rows_by_kind: dict[PlanKind, list[ParsedRow]], kind: PlanKind) -> list[PlanRow]:
    """Every row of one plan as typed models.

    Args:
        rows_by_kind: parsed rows per plan, e.g. ``check_workbook(...).rows``.
        kind: which plan.

    Returns:
        The rows in sheet order.
    """
    return [to_model(kind, row) for row in rows_by_kind.get(kind, [])]
