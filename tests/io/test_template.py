"""Generated templates: everything SPEC 2.6 asks, committed copies in sync, LibreOffice opens them."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from xltools.core.filenames import template_name
from xltools.core.plandata import column_letter
from xltools.core.schema import (
    ABOUT,
    LANGS,
    PLANS,
    TEMPLATE_VERSION,
    TOPIC_SUGGESTIONS,
    VALUE_LISTS,
    ColumnType,
    PlanKind,
)
from xltools.io.template import build_workbook, new_workbook

Convert = Callable[..., list[Path]]  # the `convert` fixture of conftest.py

TEMPLATES = Path(__file__).resolve().parents[2] / "workbook_templates"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", TEMPLATES / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- a normalised dump: content that matters, none of the zip's incidental bytes ---------------


def _colour(color: object) -> str | None:
    rgb = getattr(color, "rgb", None)
    return rgb if isinstance(rgb, str) else None


def _fill(fill: object) -> tuple[object, ...] | None:
    if fill is None or getattr(fill, "fill_type", None) is None:
        return None
    return (fill.fill_type, _colour(fill.fgColor), _colour(fill.bgColor))  # type: ignore[attr-defined]


def _sheet_dump(ws: Worksheet) -> dict[str, object]:
    cells: dict[str, object] = {}
    for row in ws.iter_rows():
        for cell in row:
            entry = {
                "value": cell.value,
                "fill": _fill(cell.fill),
                "number_format": cell.number_format if cell.number_format != "General" else None,
                "bold": bool(cell.font and cell.font.b),
                "font_colour": _colour(cell.font.color) if cell.font and cell.font.color else None,
                "wrap": bool(cell.alignment and cell.alignment.wrap_text),
                "comment": cell.comment.text if cell.comment else None,
            }
            if any(v not in (None, False) for v in entry.values()):
                cells[cell.coordinate] = entry
    validations = sorted(
        (dv.type, dv.operator, dv.formula1, dv.formula2, str(dv.sqref), dv.errorStyle,
         bool(dv.allow_blank), dv.prompt, dv.error)
        for dv in ws.data_validations.dataValidation
    )
    conditional = sorted(
        (str(cf.sqref), rule.type, tuple(rule.formula), rule.priority, bool(rule.stopIfTrue),
         _fill(rule.dxf.fill) if rule.dxf else None)
        for cf in ws.conditional_formatting for rule in cf.rules
    )
    tables = sorted(
        (t.displayName, t.ref, tuple(c.name for c in t.tableColumns),
         t.tableStyleInfo.name if t.tableStyleInfo else None)
        for t in ws.tables.values()
    )
    widths = {k: d.width for k, d in sorted(ws.column_dimensions.items()) if d.width}
    return {
        "state": ws.sheet_state,
        "cells": cells,
        "validations": validations,
        "conditional": conditional,
        "tables": tables,
        "freeze": ws.freeze_panes,
        "print_titles": ws.print_title_rows,
        "page": (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight,
                 ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr
                 else None),
        "widths": widths,
    }


def dump_workbook(wb: Workbook) -> dict[str, object]:
    """Everything a user sees or Excel acts on, in a form that compares with ``==``."""
    return {
        "sheets": {ws.title: _sheet_dump(ws) for ws in wb.worksheets},
        "defined_names": sorted((name, dn.attr_text) for name, dn in wb.defined_names.items()),
        "properties": sorted((p.name, p.value) for p in wb.custom_doc_props),
        "active": wb.active.title if wb.active else None,
    }


def _diff(left: object, right: object, path: str = "") -> list[str]:
    """Where two dumps differ, so a drift failure says what drifted."""
    if isinstance(left, dict) and isinstance(right, dict):
        out: list[str] = []
        for key in sorted(set(left) | set(right), key=str):
            out += _diff(left.get(key), right.get(key), f"{path}/{key}")
        return out
    return [] if left == right else [f"{path}: committed {left!r} != generated {right!r}"]


# --- committed templates in sync with the generator ------------------------------------------


def test_committed_templates_match_the_generator(tmp_path: Path) -> None:
    written = _load_generator().generate(tmp_path)
    assert [p.name for p in written] == [template_name(lang) for lang in LANGS]
    for fresh in written:
        committed = TEMPLATES / fresh.name
        assert committed.exists(), f"run `python workbook_templates/generate.py` ({fresh.name})"
        differences = _diff(dump_workbook(load_workbook(committed)),
                            dump_workbook(load_workbook(fresh)))
        assert not differences, (
            f"{fresh.name} drifted from the generator; run `python workbook_templates/generate.py`"
            "\n" + "\n".join(differences[:20]))


def test_dump_sees_a_change(tmp_path: Path) -> None:
    """The drift test is only as good as its dump: a changed drop-down must show."""
    base = build_workbook("en")
    changed = build_workbook("en")
    changed["Action plan"].data_validations.dataValidation[0].formula1 = "elsewhere"
    assert _diff(dump_workbook(base), dump_workbook(changed))
    changed = build_workbook("en")
    changed["Action plan"].column_dimensions["B"].width = 99
    assert _diff(dump_workbook(base), dump_workbook(changed))


# --- what SPEC 2.6 asks of a generated workbook -------------------------------------------------


@pytest.fixture(scope="module", params=LANGS)
def template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[str, Workbook]:
    lang = request.param
    path = new_workbook(tmp_path_factory.mktemp(lang) / "plan.xlsx", lang, department="HR")
    return lang, load_workbook(path)  # read back: what Excel gets, not what we meant to write


def _validation_at(ws: Worksheet, cell: str) -> list[object]:
    return [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]


def _named_values(wb: Workbook, formula: str) -> list[str]:
    assert not formula.startswith("="), formula  # OOXML formulas carry no "="
    name = formula
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    return [c.value for row in wb[sheet][ref] for c in row]


def test_every_sheet_present_in_order(template: tuple[str, Workbook]) -> None:
    lang, wb = template
    titles = wb.sheetnames
    assert titles[0] == ABOUT.title(lang)
    assert titles[1:4] == [PLANS[kind].title(lang) for kind in PlanKind]
    assert len(titles) == 7  # + checklist, follow-up log, hidden lists
    assert wb[titles[-1]].sheet_state == "hidden"


@pytest.mark.parametrize("kind", list(PlanKind))
def test_plan_sheet_layout(template: tuple[str, Workbook], kind: PlanKind) -> None:
    lang, wb = template
    schema = PLANS[kind]
    ws = wb[schema.title(lang)]
    last = column_letter(len(schema.columns) - 1)
    # an Excel table with filter buttons over exactly the schema's columns
    (table,) = ws.tables.values()
    assert table.displayName == schema.table_names[lang]
    assert table.ref.startswith("A1:" + last)
    assert [c.name for c in table.tableColumns] == [c.label(lang) for c in schema.columns]
    # frozen, styled header
    assert ws.freeze_panes == "A2"
    for i, column in enumerate(schema.columns):
        header = ws.cell(row=1, column=i + 1)
        assert header.value == column.label(lang)
        assert header.font.b
        assert header.fill.fill_type == "solid"
        assert ws.column_dimensions[column_letter(i)].width == column.width
        assert ws.cell(row=2, column=i + 1).alignment.wrap_text
    # print: landscape, one page wide, header repeated
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows in ("1:1", "$1:$1")


@pytest.mark.parametrize("kind", list(PlanKind))
def test_drop_downs_and_dates(template: tuple[str, Workbook], kind: PlanKind) -> None:
    lang, wb = template
    schema = PLANS[kind]
    ws = wb[schema.title(lang)]
    for i, column in enumerate(schema.columns):
        letter = column_letter(i)
        found = _validation_at(ws, f"{letter}2") + _validation_at(ws, f"{letter}1000")
        if column.value_list:
            assert found and found[0].type == "list", column.key
            assert _named_values(wb, found[0].formula1) == VALUE_LISTS[column.value_list].labels(lang)
            strict = not VALUE_LISTS[column.value_list].open
            assert found[0].errorStyle in (("stop",) if strict else ("warning", "information"))
        elif column.key == "topic":
            assert _named_values(wb, found[0].formula1) == list(TOPIC_SUGGESTIONS[lang])
            assert found[0].errorStyle == "warning"  # suggestions: free text still allowed
        elif column.type is ColumnType.REFERENCE:
            assert found[0].type == "list"
            assert found[0].formula1.startswith(f"'{PLANS[PlanKind.ACTION].title(lang)}'!$A$2")
        elif column.type is ColumnType.DATE:
            assert found[0].type == "date", column.key
            assert "yy" in ws[f"{letter}2"].number_format and "d" in ws[f"{letter}2"].number_format
        else:
            assert not found, column.key
    keys = {c.value_list for c in schema.columns}
    assert "status" in keys
    if kind is PlanKind.ACTION:
        assert {"yes_no", "priority"} <= keys
    if kind is PlanKind.COMMUNICATION:
        assert "involvement" in keys


@pytest.mark.parametrize("kind", list(PlanKind))
def test_live_status_colours(template: tuple[str, Workbook], kind: PlanKind) -> None:
    lang, wb = template
    schema = PLANS[kind]
    ws = wb[schema.title(lang)]
    deadline = column_letter(schema.keys.index(schema.deadline_key))
    status = column_letter(schema.keys.index("status"))
    rules = [(str(cf.sqref), rule) for cf in ws.conditional_formatting for rule in cf.rules]
    assert len(rules) == 3
    assert all(area.startswith("A2:") for area, _ in rules)
    formulas = [rule.formula[0] for _, rule in rules]
    done_label = VALUE_LISTS["status"].label("done", lang)
    done = [f for f in formulas if f'${status}2="{done_label}"' in f and "TODAY" not in f]
    overdue = [f for f in formulas if f"${deadline}2<TODAY()" in f]
    soon = [f for f in formulas if f"${deadline}2-TODAY()<=14" in f]
    assert len(done) == len(overdue) == len(soon) == 1
    fills = {rule.formula[0]: rule.dxf.fill.fgColor.rgb for _, rule in rules}
    assert len(set(fills.values())) == 3  # grey, red, amber: three different colours


def test_version_and_language_stamped(template: tuple[str, Workbook]) -> None:
    lang, wb = template
    about = wb[ABOUT.title(lang)]
    values = {row[0].value: row[1].value for row in about.iter_rows(min_row=2)}
    fields = {f.key: f.labels[lang] for f in ABOUT.fields}
    assert values[fields["template_version"]] == TEMPLATE_VERSION
    assert values[fields["language"]] == lang
    assert values[fields["department"]] == "HR"
    properties = {p.name: p.value for p in wb.custom_doc_props}
    assert properties == {"xltools_template_version": TEMPLATE_VERSION, "xltools_language": lang}


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        build_workbook("de")  # type: ignore[arg-type]


# --- an independent reader opens them -------------------------------------------------------------


def test_libreoffice_opens_every_template(tmp_path: Path, convert: Convert) -> None:
    committed = [TEMPLATES / template_name(lang) for lang in LANGS]
    pdfs = convert(committed, "pdf", tmp_path / "pdf")
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF")
    csvs = convert(committed, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "csv")
    for lang, csv in zip(LANGS, csvs, strict=True):
        text = csv.read_text(encoding="utf-8")
        assert ABOUT.fields[0].labels[lang] in text  # the About sheet, read back
