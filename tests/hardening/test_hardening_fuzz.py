"""Property tests for header matching and id normalisation; a seeded byte-mutation fuzz of the reader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xltools.core.interpret import HEADER_SEARCH_ROWS, find_header
from xltools.core.schema import LANGS, PLANS, PlanKind, header_index, normalize
from xltools.core.values import id_key

LABELS = [(kind, column.key, column.label(lang)) for kind in PlanKind for column in PLANS[kind].columns
          for lang in LANGS]


def _respell(text: str, data: st.DataObject) -> str:
    """What users do to a header: case, extra/odd spaces, a required star, a trailing colon."""
    words = text.split(" ")
    cases = data.draw(st.lists(st.sampled_from([str.lower, str.upper, str.title, str]),
                               min_size=len(words), max_size=len(words)))
    joiner = data.draw(st.sampled_from([" ", "  ", "\u00a0", " \t"]))
    spelled = joiner.join(f(w) for f, w in zip(cases, words, strict=True))
    before = data.draw(st.sampled_from(["", " ", "\n"]))
    after = data.draw(st.sampled_from(["", " *", "*", ":", " :", "\n"]))
    return before + spelled + after


@given(st.sampled_from(LABELS), st.data())
def test_any_spelling_of_a_label_maps_to_its_column(label: tuple[PlanKind, str, str],
                                                    data: st.DataObject) -> None:
    kind, key, text = label
    assert header_index(kind).get(normalize(_respell(text, data))) == key


@given(st.text(max_size=40))
def test_normalize_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)


@given(st.sampled_from(list(PlanKind)), st.sampled_from(LANGS),
       st.integers(0, HEADER_SEARCH_ROWS - 2), st.randoms(use_true_random=False))
@settings(max_examples=60)
def test_header_found_below_titles_whatever_the_order(kind: PlanKind, lang: str, title_rows: int,
                                                      rnd) -> None:  # type: ignore[no-untyped-def]
    labels = [c.label(lang) for c in PLANS[kind].columns]
    rnd.shuffle(labels)
    grid: list[list[object]] = [[f"Title {i}", None] for i in range(title_rows)]
    grid.append([None, *labels])
    grid.append([1, *(["x"] * len(labels))])
    found = find_header(grid, kind)
    assert found is not None and found[0] == title_rows


@given(st.integers(-(10**12), 10**12))
def test_id_key_number_spellings_agree(n: int) -> None:
    spellings = [n, float(n), str(n), f" {n} ", f"{n}.0", f"{n}.00"]
    assert len({id_key(s) for s in spellings}) == 1


@given(st.text(max_size=30))
def test_id_key_text_is_case_and_space_blind_and_stable(text: str) -> None:
    key = id_key(text)
    assert id_key(f"  {text.upper()}\u00a0") == id_key(text.upper())
    assert id_key(text.casefold()) == id_key(text.casefold().upper().casefold())
    if key is not None:
        assert id_key(key) == key
        assert key == " ".join(key.split())


def test_reader_survives_mutated_workbooks(tmp_path: Path) -> None:
    """Seeded and time-bounded; in a child process so a native crash is reported, not fatal."""
    from hardening_corpus import valid_plan

    source = valid_plan(tmp_path)
    script = Path(__file__).with_name("fuzz_reader.py")
    result = subprocess.run([sys.executable, str(script), str(source), "20261101", "4"],
                            capture_output=True, text=True, timeout=120)
    if result.returncode < 0:
        pytest.fail(f"the reader crashed the process (signal {-result.returncode}): "
                    f"{result.stderr[-2000:]}")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("ok "), result.stdout
    assert int(result.stdout.split()[1]) > 20  # the loop really ran


def test_unknown_zip_version_is_our_error(tmp_path: Path) -> None:
    """Found by the fuzz loop: zipfile raises NotImplementedError for a version it can't read."""
    from hardening_corpus import valid_plan

    from xltools.errors import UnreadableWorkbookError
    from xltools.io.read import read_workbook

    data = bytearray(valid_plan(tmp_path).read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 6:central + 8] = (97).to_bytes(2, "little")  # "version needed": 9.7
    path = tmp_path / "future-zip.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(UnreadableWorkbookError, match="damaged"):
        read_workbook(path)
