"""File names from department names: valid on Windows, macOS and Linux, and unique."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xltools.core.filenames import (
    FORBIDDEN,
    MAX_NAME_BYTES,
    RESERVED,
    name_key,
    safe_file_name,
    safe_stem,
    unique_file_name,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("Hjemmeplejen Nord", "Hjemmeplejen Nord"),
    ("Drift/Service", "Drift-Service"),
    ('Løn: "A" <B> | C? *', "Løn- -A- -B- - C- -"),
    ("Økonomi.", "Økonomi"),  # Windows drops a trailing dot; two files would meet
    ("Økonomi . . ", "Økonomi"),
    ("  Skolen\tVest\n", "Skolen Vest"),
    (".NET-teamet", "NET-teamet"),  # a leading dot hides the file; the roll-up skips it
    ("~$Team", "Team"),  # an Excel lock file's prefix
    ("CON", "CON_"),
    ("con.2026", "con_.2026"),  # Windows judges the part before the first dot
    ("Com1", "Com1_"),
    ("LPT9 ", "LPT9_"),
    ("Console", "Console"),
    ("???", "department"),
    ("", "department"),
    ("Regnskab\u202egsl.exe", "Regnskabgsl.exe"),  # a right-to-left override cannot disguise it
    ("A\x00B\x1bC", "A B C"),
])
def test_safe_stem(text: str, expected: str) -> None:
    assert safe_stem(text) == expected


def test_decomposed_letters_become_one_name() -> None:
    decomposed = unicodedata.normalize("NFD", "Økonomi og Løn i Århus")
    assert decomposed != "Økonomi og Løn i Århus"
    assert safe_stem(decomposed) == "Økonomi og Løn i Århus"


def test_long_names_are_cut_within_every_systems_limit() -> None:
    name = safe_file_name("Æ" * 400, ".xlsx")
    assert name.endswith(".xlsx")
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert len(name) <= 90


def test_unique_names_differ_on_case_insensitive_systems() -> None:
    taken: set[str] = set()
    names = []
    for text in ("Økonomi", "økonomi", "ØKONOMI", "Drift/Service", "Drift:Service"):
        name = unique_file_name(text, ".xlsx", taken)
        taken.add(name_key(name))
        names.append(name)
    assert names == ["Økonomi.xlsx", "økonomi (2).xlsx", "ØKONOMI (3).xlsx",
                     "Drift-Service.xlsx", "Drift-Service (2).xlsx"]


@given(st.text(max_size=300))
def test_any_text_gives_a_name_every_system_accepts(text: str) -> None:
    name = safe_file_name(text, ".xlsx")
    stem = name.removesuffix(".xlsx")
    assert stem and stem == stem.strip() and not stem.endswith(".")
    assert not stem.startswith((".", "~$"))
    assert not FORBIDDEN & set(stem)
    assert all(ord(c) >= 32 and unicodedata.category(c) not in ("Cc", "Cf") for c in stem)
    assert stem.split(".")[0].rstrip().casefold() not in RESERVED
    assert unicodedata.is_normalized("NFC", name)
    assert len(name.encode()) <= MAX_NAME_BYTES
