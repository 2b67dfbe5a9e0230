"""Header rows of real public templates are read as the columns they mean (tests/core/real_headers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from real_headers import TEMPLATES, RealTemplate

from xltools.core.interpret import find_header, interpret_plan_sheet
from xltools.core.schema import PLANS, lookup_header

DOCS = Path(__file__).resolve().parents[2] / "docs" / "header-vocabulary.md"


def _id(template: RealTemplate) -> str:
    return f"{template.lang}-{template.kind.value}-{template.name[:40]}"


@pytest.mark.parametrize("template", TEMPLATES, ids=_id)
def test_each_header_is_read_as_the_column_it_means(template: RealTemplate) -> None:
    for header, key in (*template.headers, *template.added):
        found = lookup_header(template.kind, header)
        assert (found.key if found else None) == key, header


@pytest.mark.parametrize("template", TEMPLATES, ids=_id)
def test_template_sheet_has_every_required_column(template: RealTemplate) -> None:
    grid: list[list[object]] = [["Handleplan 2026"], [], template.row,
                                ["x"] * len(template.row)]
    assert find_header(grid, template.kind) is not None
    sheet = interpret_plan_sheet("Plan", grid, template.kind)
    assert sheet.header_row == 3
    expected = {key: i for i, (_, key) in enumerate((*template.headers, *template.added))
                if key is not None}
    assert {k: m.index for k, m in sheet.columns.items()} == expected
    assert [m.header for m in sheet.unknown_columns] == [
        " ".join(h.split()) for h, key in template.headers if key is None]
    assert sheet.duplicate_columns == []
    required = {c.key for c in PLANS[template.kind].columns if c.required}
    assert required <= set(sheet.columns), required - set(sheet.columns)


def test_added_columns_are_only_what_the_source_lacks() -> None:
    """A department adds a column only where the source has none for that column."""
    for template in TEMPLATES:
        source_keys = {key for _, key in template.headers}
        assert source_keys.isdisjoint(key for _, key in template.added), template.name


def test_every_language_and_plan_kind_is_covered() -> None:
    covered = {(t.lang, t.kind) for t in TEMPLATES}
    for lang in ("da", "sv"):
        for kind in PLANS:
            assert (lang, kind) in covered, (lang, kind)
    assert any(t.lang == "en" for t in TEMPLATES)


def test_every_source_is_recorded_in_the_vocabulary_document() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for template in TEMPLATES:
        assert template.url in text, template.url
