"""Fixtures for hardening tests: the generated bad-input corpus, hashed so no test may change it."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import hardening_corpus as corpus


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder`` (names relative)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every generated input by case name; one folder per case, so a roll-up sees only it."""
    root = tmp_path_factory.mktemp("bad-inputs")
    secret = root / "secret.txt"
    secret.write_text(corpus.SECRET)
    makers: dict[str, Callable[[Path], Path]] = {
        "empty": corpus.empty_file,
        "truncated": corpus.truncated_zip,
        "random-bytes": corpus.random_bytes,
        "csv-named-xlsx": corpus.csv_named_xlsx,
        "html-named-xlsx": corpus.html_named_xlsx,
        "encrypted": corpus.encrypted_workbook,
        "zip-bomb-declared": corpus.zip_bomb,
        "zip-bomb-real": corpus.real_zip_bomb,
        "billion-laughs-sheet": corpus.billion_laughs,
        "billion-laughs-shared-strings": corpus.billion_laughs_shared_strings,
        "external-entity": lambda folder: corpus.external_entity(folder, secret),
        "value-in-XFD1048576": corpus.last_row_used,
        "value-in-A1048576": corpus.last_row_value_column_a,
        "formatted-to-last-row": corpus.formatted_to_last_row,
        "cells-32767-chars": corpus.long_cells,
        "empty-plan-sheet": corpus.empty_plan_sheet,
        "header-only": corpus.header_only,
        "unrecognised-header": corpus.unrecognised_header,
        "sheet-names-differ-in-case": corpus.duplicate_sheet_names,
        "nordic-file-name": corpus.nordic_file_name,
        "valid": corpus.valid_plan,
    }
    made = {}
    for case, make in makers.items():
        folder = root / case
        folder.mkdir()
        made[case] = make(folder)
    return made


@pytest.fixture(scope="session")
def corpus_hashes(bad_inputs: dict[str, Path]) -> dict[str, str]:
    return file_hashes(next(iter(bad_inputs.values())).parent.parent)


@pytest.fixture(autouse=True)
def inputs_unchanged(request: pytest.FixtureRequest) -> Iterator[None]:
    """After every test that used the corpus: not one input byte changed."""
    if "bad_inputs" not in request.fixturenames:
        yield
        return
    before = request.getfixturevalue("corpus_hashes")  # taken before the test runs
    yield
    root = next(iter(request.getfixturevalue("bad_inputs").values())).parent.parent
    assert file_hashes(root) == before, "an input file was changed"
