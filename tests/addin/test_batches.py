"""Painting in batches: the calls a Brush makes, on desktop Excel's multi-area ranges and on
engines that take rectangles of colours; and the user's language and folders."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from xltools.addin import batches, userenv
from xltools.addin.batches import Brush


class Borders:
    def __init__(self, calls: list, target: str) -> None:
        self.calls, self.target = calls, target

    def set(self, which, **attributes) -> None:
        self.calls.append(("borders", self.target, which, attributes))


class Range:
    def __init__(self, calls: list, target: str, areas: bool) -> None:
        if "," in target and not areas:
            raise AssertionError("this engine has no multi-area ranges")
        self.calls, self.target = calls, target
        self.borders = Borders(calls, target)

    @property
    def color(self) -> None:
        raise NotImplementedError

    @color.setter
    def color(self, value: str | None) -> None:
        self.calls.append(("color", self.target, value))

    def resize(self, rows: int, columns: int) -> Range:
        return Range(self.calls, f"{self.target}+{rows}x{columns}", False)

    def set_colors(self, matrix) -> None:
        self.calls.append(("set_colors", self.target, matrix))


class Sheet:
    def __init__(self, areas: bool) -> None:
        self.calls: list = []
        self.areas = areas

    def range(self, target: str) -> Range:
        return Range(self.calls, target, self.areas)


class Book:
    def __init__(self, engine: str) -> None:
        self.app = type("App", (), {"engine": type("Engine", (), {"name": engine})()})()


def _cells(n: int) -> list[str]:
    # two columns of scattered cells, as marks fall on a plan
    return [f"{'J' if i % 3 else 'N'}{2 + i * 2 + (i % 5 == 0)}" for i in range(n)]


def test_areas_stay_within_excels_address_limit_and_cover_every_cell() -> None:
    cells = _cells(600)
    chunks = batches.areas(cells, runs=False)
    assert all(len(chunk) <= batches.AREA_LIMIT for chunk in chunks)
    assert sorted(a for chunk in chunks for a in chunk.split(",")) == sorted(set(cells))
    assert len(chunks) < len(cells) / 30  # dozens of cells per call


def test_areas_merge_runs_within_a_column() -> None:
    assert batches.areas(["J3", "J4", "J5", "J7", "A4", "J5"]) == ["A4,J3:J5,J7"]
    assert batches.areas(["J3", "J4"], runs=False) == ["J3,J4"]  # a frame round each cell


def test_desktop_excel_fills_one_call_per_colour() -> None:
    sheet = Sheet(areas=True)
    colours = {cell: ("#ff7c80" if i % 2 else "#ffd966") for i, cell in enumerate(_cells(400))}
    Brush(Book("excel")).fill(sheet, colours)
    calls = sheet.calls
    assert {c[2] for c in calls} == {"#ff7c80", "#ffd966"}
    assert len(calls) <= 2 * (len(batches.areas(colours)) + 1) and len(calls) < 40
    painted = {}
    for _, target, colour in calls:
        for area in target.split(","):
            first, _, last = area.partition(":")
            column = first[0]
            for row in range(int(first[1:]), int((last or first)[1:]) + 1):
                painted[f"{column}{row}"] = colour
    assert painted == colours


def test_desktop_excel_frames_each_cell_in_batches() -> None:
    sheet = Sheet(areas=True)
    Brush(Book("excel")).frame(sheet, _cells(100), "#c00000", "medium")
    assert 1 <= len(sheet.calls) <= 5
    assert all(c[2] == "outside" and c[3]["weight"] == "medium" for c in sheet.calls)
    assert all(":" not in c[1] for c in sheet.calls)  # single cells: a frame round each


def test_engines_without_areas_get_rectangles_of_colours() -> None:
    sheet = Sheet(areas=False)
    colours = {f"{column}{row}": "#ff7c80" for row in range(2, 1002) for column in "AJN"}
    Brush(Book("remote")).fill(sheet, colours)
    assert [c[0] for c in sheet.calls] == ["set_colors", "set_colors"]  # 14 x 1000 > 10,000
    for _, _, matrix in sheet.calls:
        assert len(matrix) * len(matrix[0]) <= batches.MATRIX_LIMIT
        assert {v for row in matrix for v in row} == {"#ff7c80", ...}


def test_engines_without_set_colors_are_painted_cell_by_cell(monkeypatch) -> None:
    sheet = Sheet(areas=False)

    def unsupported(self, matrix):
        raise NotImplementedError

    monkeypatch.setattr(Range, "set_colors", unsupported)
    Brush(Book("remote")).fill(sheet, {"A1": "#ffffff", "B2": None})
    assert sheet.calls == [("color", "A1", "#ffffff"), ("color", "B2", None)]


# --- the user's language and folders ----------------------------------------------------------


@pytest.mark.parametrize(("code", "lang"), [
    ("da_DK.UTF-8", "da"), ("da-DK", "da"), ("Danish_Denmark", "da"), ("sv_SE", "sv"),
    ("Swedish_Sweden", "sv"), ("en_GB", "en"), ("de_DE", None), ("C", None), (None, None)])
def test_language_of_locale_codes(code, lang) -> None:
    assert userenv.language_of(code) == lang


def test_mac_users_get_their_own_language(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(userenv.locale, "getlocale", lambda: (None, None))
    # Python started by Excel for Mac has no LANG: the user's preferred languages are read
    prefs = tmp_path / "Library" / "Preferences" / ".GlobalPreferences.plist"
    prefs.parent.mkdir(parents=True)
    prefs.write_bytes(plistlib.dumps({"AppleLanguages": ["sv-SE", "en-GB"],
                                      "AppleLocale": "sv_SE"}, fmt=plistlib.FMT_BINARY))
    assert userenv.user_language("darwin", tmp_path, env={}) == "sv"
    # a German first choice: English, not the Danish further down the list
    prefs.write_bytes(plistlib.dumps({"AppleLanguages": ["de-DE", "da-DK"]}))
    assert userenv.user_language("darwin", tmp_path, env={}) == "en"
    assert userenv.user_language("darwin", tmp_path / "nobody", env={"LANG": "da_DK"}) == "da"


def test_per_user_folders_come_from_platformdirs(user_home: Path) -> None:
    from platformdirs import user_log_dir

    assert userenv.log_file() == Path(user_log_dir("xltools", appauthor=False)) / "addin.log"
    assert userenv.documents_folder() == user_home  # no Documents folder: the home folder
    (user_home / "Documents").mkdir()
    assert userenv.documents_folder() == user_home / "Documents"
