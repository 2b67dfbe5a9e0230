"""Invariants of the declarative schema: labels complete, header matching unambiguous, pure core."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from collections import defaultdict

import pytest

import xltools.core
from xltools.core.schema import (
    ABOUT,
    CHECKLIST,
    FOLLOW_UP_LOG,
    LANGS,
    PLANS,
    TOPIC_SUGGESTIONS,
    VALUE_LISTS,
    ColumnType,
    PlanKind,
    field_index,
    header_index,
    lang_code,
    normalize,
    sheet_title_index,
)


@pytest.mark.parametrize("kind", list(PlanKind))
def test_every_column_has_three_non_empty_labels(kind: PlanKind) -> None:
    for column in PLANS[kind].columns:
        for lang in LANGS:
            assert column.label(lang).strip(), (kind, column.key, lang)
        assert all(alias.strip() for alias in column.aliases), column.key


@pytest.mark.parametrize("kind", list(PlanKind))
def test_column_keys_unique_and_basics_present(kind: PlanKind) -> None:
    schema = PLANS[kind]
    assert len(set(schema.keys)) == len(schema.keys)
    assert schema.keys[0] == "id"
    for key in ("status", "owner", schema.deadline_key, schema.summary_key):
        assert key in schema.keys, key
    assert schema.column(schema.deadline_key).type is ColumnType.DATE
    for lang in LANGS:
        assert schema.table_names[lang].isidentifier(), schema.table_names[lang]


@pytest.mark.parametrize("kind", list(PlanKind))
def test_no_two_columns_share_a_label_or_alias(kind: PlanKind) -> None:
    """A header text that could mean two columns would make matching depend on column order."""
    owners: dict[str, set[str]] = defaultdict(set)
    for column in PLANS[kind].columns:
        for text in (*column.labels.all(), *column.aliases):
            owners[normalize(text)].add(column.key)
    ambiguous = {text: keys for text, keys in owners.items() if len(keys) > 1}
    assert not ambiguous


@pytest.mark.parametrize("kind", list(PlanKind))
def test_every_label_and_alias_finds_its_column(kind: PlanKind) -> None:
    index = header_index(kind)
    for column in PLANS[kind].columns:
        for text in (*column.labels.all(), *column.aliases):
            assert index[normalize(text)] == column.key, (text, column.key)


@pytest.mark.parametrize("key", sorted(VALUE_LISTS))
def test_value_list_labels_map_back_to_their_code(key: str) -> None:
    value_list = VALUE_LISTS[key]
    codes = [choice.code for choice in value_list.choices]
    assert len(set(codes)) == len(codes)
    for choice in value_list.choices:
        for lang in LANGS:
            label = choice.labels[lang]
            assert label.strip()
            assert value_list.lookup(label) == choice.code, (key, lang, label)
            assert value_list.lookup(f"  {label.upper()} ") == choice.code
            assert value_list.label(choice.code, lang) == label
        assert value_list.lookup(choice.code) == choice.code
        for synonym in choice.synonyms:
            assert value_list.lookup(synonym) == choice.code, (key, synonym)


@pytest.mark.parametrize("key", sorted(VALUE_LISTS))
def test_no_value_text_means_two_codes(key: str) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for choice in VALUE_LISTS[key].choices:
        for text in (choice.code, *choice.labels.all(), *choice.synonyms):
            owners[normalize(text)].add(choice.code)
    assert not {text: codes for text, codes in owners.items() if len(codes) > 1}


def test_value_list_labels_distinct_within_a_language() -> None:
    for value_list in VALUE_LISTS.values():
        for lang in LANGS:
            labels = [normalize(label) for label in value_list.labels(lang)]
            assert len(set(labels)) == len(labels), (value_list.key, lang)


@pytest.mark.parametrize(
    ("text", "code"),
    [("Afsluttet", "done"), ("Færdig", "done"), ("Slutförd", "done"), ("Avslutad", "done"),
     ("Completed", "done"), ("Started", "in_progress"), ("i gang", "in_progress"),
     ("IKKE STARTET", "not_started"), ("ej påbörjad", "not_started"), ("Udskudt", "postponed"),
     ("Aflyst", "cancelled"), ("Canceled", "cancelled")],
)
def test_spec_status_synonyms(text: str, code: str) -> None:
    assert VALUE_LISTS["status"].lookup(text) == code


def test_unknown_values_are_not_guessed() -> None:
    for text in ("", "maybe", "50%", "næsten", "done-ish"):
        assert VALUE_LISTS["status"].lookup(text) is None


def test_spec_value_lists_complete() -> None:
    assert [c.code for c in VALUE_LISTS["status"].choices] == [
        "not_started", "in_progress", "done", "postponed", "cancelled"]
    assert [c.code for c in VALUE_LISTS["involvement"].choices] == ["active", "consulted", "informed"]
    assert [c.code for c in VALUE_LISTS["priority"].choices] == ["high", "medium", "low"]
    assert VALUE_LISTS["channel"].open
    assert len(TOPIC_SUGGESTIONS["da"]) == 7
    assert len(TOPIC_SUGGESTIONS["en"]) == 7
    assert len(TOPIC_SUGGESTIONS["sv"]) == 9


def test_sheet_titles_name_one_role_each() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for schema in PLANS.values():
        for text in (*schema.titles.all(), *schema.title_aliases):
            owners[normalize(text)].add(schema.kind.value)
    for form in (ABOUT, CHECKLIST):
        for text in (*form.titles.all(), *form.title_aliases):
            owners[normalize(text)].add(form.key)
    assert not {t: roles for t, roles in owners.items() if len(roles) > 1}
    index = sheet_title_index()
    for schema in PLANS.values():
        for lang in LANGS:
            assert index[normalize(schema.title(lang))] == schema.kind.value


@pytest.mark.parametrize("form", [ABOUT, CHECKLIST], ids=["about", "checklist"])
def test_form_fields_unambiguous(form: object) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for item in form.fields:  # type: ignore[attr-defined]
        for text in (*item.labels.all(), *item.aliases):
            assert text.strip()
            owners[normalize(text)].add(item.key)
    assert not {t: keys for t, keys in owners.items() if len(keys) > 1}
    index = field_index(form.key)  # type: ignore[attr-defined]
    for item in form.fields:  # type: ignore[attr-defined]
        for lang in LANGS:
            assert index[normalize(item.labels[lang])] == item.key


def test_follow_up_log_labels() -> None:
    for column in FOLLOW_UP_LOG:
        for lang in LANGS:
            assert column.labels[lang].strip()
        if column.value_list:
            assert column.value_list in VALUE_LISTS


def test_normalize_is_case_and_space_insensitive() -> None:
    assert normalize("  Problem /\nudfordring ") == normalize("problem / udfordring")
    assert normalize("Klart\u00a0senast*") == normalize("klart senast")
    assert normalize("Follow-up (how)") == normalize("FOLLOW - UP( HOW )")


@pytest.mark.parametrize(("text", "lang"), [("da", "da"), ("Dansk", "da"), ("svenska", "sv"),
                                             ("English", "en"), ("klingon", None)])
def test_lang_code(text: str, lang: str | None) -> None:
    assert lang_code(text) == lang


def test_core_imports_no_excel_library() -> None:
    """ARCHITECTURE: the core is pure; the Excel libraries belong to io/ and addin/."""
    modules = [f"xltools.core.{m.name}" for m in pkgutil.iter_modules(xltools.core.__path__)]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('openpyxl', 'python_calamine', 'xlwings', 'xlsxwriter'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "", f"xltools.core loaded {result.stdout.strip()}"
