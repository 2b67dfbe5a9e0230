"""Typed row models generated from the schema."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from xltools.core.interpret import interpret_workbook
from xltools.core.models import plan_rows, row_model
from xltools.core.schema import PLANS, PlanKind
from xltools.core.validate import check_workbook


def test_every_plan_kind_has_a_model_with_every_schema_column() -> None:
    for kind, schema in PLANS.items():
        model = row_model(kind)
        assert set(schema.keys) <= set(model.model_fields)
        assert model.__name__ == f"{kind.value.capitalize()}Row"


def test_rows_come_typed_and_unparsed_values_are_listed() -> None:
    labels = [c.label("da") for c in PLANS[PlanKind.ACTION].columns]
    row = {"ID": 7, "Emne": "Krav", "Deadline": "uge 48 2026", "Status": "Færdig",
           "Ledelsesopbakning": "måske", "Start": date(2026, 1, 5)}
    grid = [labels, [row.get(label) for label in labels]]
    workbook = interpret_workbook("x.xlsx", {"Handleplan": grid}, fallback_department="x")
    checked = check_workbook(workbook, as_of=date(2026, 11, 23))
    [action] = plan_rows(checked.rows, PlanKind.ACTION)
    assert action.row == 2
    assert action.id == "7"
    assert action.deadline == date(2026, 11, 27)
    assert action.status == "done"
    assert action.backing is None and action.invalid == ("backing",)
    with pytest.raises(ValidationError):
        row_model(PlanKind.ACTION).model_validate({"row": 2, "status": "finished"})
