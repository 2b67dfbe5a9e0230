"""Every user-facing text has one home: declared once, the same placeholders in da, sv and en."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from collections import defaultdict
from dataclasses import fields, is_dataclass
from pathlib import Path

import xltools
import xltools.core.texts as texts
from xltools.core.issues import Code
from xltools.core.schema import Labels
from xltools.core.texts import READ_FAILURES
from xltools.core.texts.errors import ERRORS
from xltools.core.texts.issues import MESSAGES
from xltools.core.wording import Plural

# Where texts are declared: the schema (labels of sheets, columns, values), the counted
# phrases, the ribbon's table and the texts package.
HOMES = ["xltools.core.schema", "xltools.core.wording", "xltools.addin.buttons",
         "xltools.core.texts",
         *(f"xltools.core.texts.{m.name}" for m in pkgutil.iter_modules(texts.__path__))]


def _walk(obj: object, where: str, found: dict[int, tuple[Labels, str]], depth: int = 0) -> None:
    if depth > 8:
        return
    if isinstance(obj, Labels):
        found.setdefault(id(obj), (obj, where))
    elif isinstance(obj, Plural):
        _walk(obj.one, f"{where}.one", found, depth + 1)
        _walk(obj.other, f"{where}.other", found, depth + 1)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            _walk(value, f"{where}[{key!r}]", found, depth + 1)
    elif isinstance(obj, tuple | list):
        for i, value in enumerate(obj):
            _walk(value, f"{where}[{i}]", found, depth + 1)
    elif is_dataclass(obj) and not isinstance(obj, type):
        for f in fields(obj):
            _walk(getattr(obj, f.name), f"{where}.{f.name}", found, depth + 1)


def all_labels() -> list[tuple[Labels, str]]:
    found: dict[int, tuple[Labels, str]] = {}
    for name in HOMES:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if not attribute.startswith("__") and not isinstance(value, type(module)):
                _walk(value, f"{name}.{attribute}", found)
    return list(found.values())


def test_no_text_is_declared_twice() -> None:
    by_text: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for labels, where in all_labels():
        by_text[labels.all()].append(where)
    twice = {text: wheres for text, wheres in by_text.items() if len(wheres) > 1}
    assert twice == {}, "declare it once and refer to it"
    assert len(by_text) > 400  # the walk really reaches the declarations


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_has_the_same_placeholders_in_every_language() -> None:
    for labels, where in all_labels():
        en, da, sv = (_placeholders(t) for t in labels.all())
        assert en == da == sv, where
        assert all(t.strip() for t in labels.all()), where


def test_counted_phrases_count_with_n() -> None:
    for name in HOMES:
        for attribute, value in vars(importlib.import_module(name)).items():
            if isinstance(value, Plural):
                assert all("{n}" in t for t in (*value.one.all(), *value.other.all())), \
                    f"{name}.{attribute}"


def test_every_issue_code_and_error_code_has_its_text() -> None:
    assert set(MESSAGES) == {c.value for c in Code}
    source = Path(xltools.__file__).parent
    used: set[str] = set()
    for path in source.rglob("*.py"):
        used |= set(re.findall(r'\bcode="([a-z_]+)"', path.read_text(encoding="utf-8")))
    unknown = {code for code in used if code not in ERRORS and code not in READ_FAILURES}
    assert unknown == set()


def test_every_outcome_read_failure_and_skip_reason_is_worded() -> None:
    from xltools.core.outcomes import Outcome, ReadFailure, SkipReason
    from xltools.core.texts import SKIP_REASONS
    from xltools.core.texts.summary import OUTCOMES

    assert set(READ_FAILURES) == {r.value for r in ReadFailure}
    assert set(SKIP_REASONS) == {r.value for r in SkipReason}
    assert set(OUTCOMES) == {o.value for o in Outcome}
