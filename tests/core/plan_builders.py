"""Builders for validation tests: valid plan rows per language, as grids or as real workbook files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from xltools.core.interpret import interpret_workbook
from xltools.core.plandata import WorkbookData
from xltools.core.schema import ABOUT, CHECKLIST, PLANS, VALUE_LISTS, PlanKind

AS_OF = date(2026, 11, 23)  # a Monday; every test judges deadlines against this day
FAR = date(2027, 6, 30)  # a deadline well outside the due-soon window

# A person per language, and one group word per language for vague-owner.
PERSON = {"da": "Mette Hansen", "sv": "Sven Lindqvist", "en": "Alice Smith"}
GROUP = {"da": "Ledelsen", "sv": "Alla", "en": "Everyone"}


def label(list_key: str, code: str, lang: str) -> str:
    """The drop-down text of a value-list code in ``lang``."""
    return VALUE_LISTS[list_key].label(code, lang)


def valid_row(kind: PlanKind, lang: str, item_id: object, **overrides: object) -> dict[str, object]:
    """A row every rule accepts (deadline far ahead, status in progress); overrides win."""
    row: dict[str, object] = {"id": item_id, "owner": PERSON[lang], "status":
                              label("status", "in_progress", lang)}
    if kind is PlanKind.ACTION:
        row |= {"topic": "Krav", "goal": "Less overtime", "actions": "Plan the rota together",
                "deadline": FAR, "follow_up": "Staff meeting review"}
    elif kind is PlanKind.ACTIVITY:
        row |= {"activity": "Workshop", "how": "Two hours with the team", "deadline": FAR,
                "follow_up": "Evaluation form"}
    else:
        row |= {"audience": "All staff", "involvement": label("involvement", "informed", lang),
                "purpose": "Tell about the plan", "message": "The plan is ready",
                "channel": "Intranet", "when": FAR}
    row.update(overrides)
    return row


def plan_grid(kind: PlanKind, lang: str, rows: Sequence[Mapping[str, object] | None], *,
              title_rows: int = 0, columns: Sequence[str] | None = None,
              extra_headers: Sequence[str] = ()) -> list[list[object]]:
    """A plan sheet as a grid: optional title rows, the header in ``lang``, then the rows.

    ``None`` in ``rows`` is a blank row; extra headers come after the schema columns and
    take their values from the row dict under the header text.
    """
    schema = PLANS[kind]
    keys = list(columns) if columns is not None else list(schema.keys)
    grid: list[list[object]] = [["Plan for 2026"] + [None] * (len(keys) - 1)
                                for _ in range(title_rows)]
    grid.append([schema.column(k).label(lang) for k in keys] + list(extra_headers))
    for row in rows:
        if row is None:
            grid.append([None] * (len(keys) + len(extra_headers)))
            continue
        grid.append([row.get(k) for k in keys] + [row.get(h) for h in extra_headers])
    return grid


def checklist_grid(lang: str, answers: Sequence[object] | None = None) -> list[list[object]]:
    """The checklist sheet; every question answered Yes unless ``answers`` says otherwise."""
    if answers is None:
        answers = [label("yes_no_partly", "yes", lang)] * len(CHECKLIST.fields)
    grid: list[list[object]] = [[h[lang] for h in CHECKLIST.headers]]
    grid += [[q.labels[lang], a, None] for q, a in zip(CHECKLIST.fields, answers, strict=True)]
    return grid


def about_grid(lang: str) -> list[list[object]]:
    labels = {f.key: f.labels[lang] for f in ABOUT.fields}
    return [[h[lang] for h in ABOUT.headers], [labels["department"], "Team A"],
            [labels["language"], lang]]


def grid_workbook(lang: str, plans: Mapping[PlanKind, list[list[object]]], *,
                  checklist: list[list[object]] | None = None, about: bool = True) -> WorkbookData:
    """A WorkbookData straight from grids (no file), as every reader would hand it to the core."""
    grids: dict[str, list[list[object]]] = {}
    if about:
        grids[ABOUT.title(lang)] = about_grid(lang)
    for kind, grid in plans.items():
        grids[PLANS[kind].title(lang)] = grid
    grids[CHECKLIST.title(lang)] = checklist if checklist is not None else checklist_grid(lang)
    return interpret_workbook("test.xlsx", grids, fallback_department="test")


def _cell_value(value: object) -> object:
    # openpyxl writes date as datetime anyway; be explicit so cells are real Excel dates
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def write_template_workbook(path: Path, lang: str,
                            rows: Mapping[PlanKind, Sequence[Mapping[str, object] | None]], *,
                            checklist: Sequence[object] | None = None,
                            header_changes: Mapping[PlanKind, Mapping[str, object]] | None = None
                            ) -> Path:
    """Write a template with ``new_workbook`` and fill it with openpyxl, as a manager would.

    Args:
        path: the file to write.
        lang: the template's language.
        rows: per plan, rows from row 2 down (None leaves a blank row); keys are schema keys
            or, for cells outside the schema columns, column letters such as ``"R"``.
        checklist: answers for the checklist questions in order (default: all Yes).
        header_changes: per plan, header cells to overwrite, by column letter.
    """
    import openpyxl
    from openpyxl.utils import column_index_from_string

    from xltools.io.template import new_workbook

    new_workbook(path, lang)  # type: ignore[arg-type]
    wb = openpyxl.load_workbook(path)
    for kind, plan_rows in rows.items():
        ws = wb[PLANS[kind].title(lang)]
        keys = list(PLANS[kind].keys)
        for r, row in enumerate(plan_rows, start=2):
            if row is None:
                continue
            for key, value in row.items():
                col = keys.index(key) + 1 if key in keys else column_index_from_string(key)
                ws.cell(row=r, column=col, value=_cell_value(value))
    for kind, changes in (header_changes or {}).items():
        ws = wb[PLANS[kind].title(lang)]
        for letter, value in changes.items():
            ws[f"{letter}1"] = value
    ws = wb[CHECKLIST.title(lang)]
    if checklist is None:
        checklist = [label("yes_no_partly", "yes", lang)] * len(CHECKLIST.fields)
    for r, answer in enumerate(checklist, start=2):
        ws.cell(row=r, column=2, value=answer)
    wb.save(path)
    return path
