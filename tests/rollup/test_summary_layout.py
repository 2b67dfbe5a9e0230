"""The summary as people read and print it: headers in full, alignment, colours, dates, pages.

Properties of the written workbook, read back with openpyxl and from the package's XML.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.rollup.conftest import AS_OF
from tests.rollup.xlsx_parts import Package, column_index, sqref_columns
from xltools.core.presentation import STATUS_COLOURS
from xltools.core.rollup import STATUS_CODES
from xltools.io import summary as summary_module
from xltools.rollup import rollup

LISTS = {"en": ["Overdue", "By topic", "Actions", "Activities", "Communication", "Issues", "Files"],
         "da": ["Overskredne", "Pr. emne", "Handleplaner", "Aktiviteter", "Kommunikation",
                "Problemer", "Filer"]}
OVERVIEW = {"en": "Overview", "da": "Oversigt"}
PAGE_PX = (11.69 - 0.8) * 96  # A4 landscape less the margins, at 100 %, in pixels


@pytest.fixture(scope="module", params=["en", "da"])
def written(request: pytest.FixtureRequest, fixture_folder: Path,
            tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    lang = request.param
    out = tmp_path_factory.mktemp(f"layout-{lang}") / "summary.xlsx"
    rollup([fixture_folder], out, as_of=AS_OF, lang=lang, jobs=1)
    return lang, out, load_workbook(out), Package(out)


def _rough_len(text: str) -> float:
    # a rough width in digits, independent of the writer's own estimate: thin letters and
    # punctuation count half, wide ones a little more
    return sum(0.5 if ch in "iljtfrI .,:;'()/-" else 1.3 if ch in "mwMW" else 1.0
               for ch in text)


def _header_lines(text: str, chars: float) -> int:
    # greedy wrap at spaces
    lines, line = 1, ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and _rough_len(candidate) > chars:
            lines, line = lines + 1, word
        else:
            line = candidate
    return lines


def test_every_header_shows_in_full(written) -> None:  # type: ignore[no-untyped-def]
    lang, _, wb, package = written
    for title in (OVERVIEW[lang], *LISTS[lang]):
        ws, widths = wb[title], package.sheets[title].widths()
        height = ws.row_dimensions[1].height or 15  # a default row: one line
        for c, cell in enumerate(ws[1]):
            if cell.value is None:
                continue
            text = str(cell.value)
            width = widths[c]
            # a bold letter is at most about a digit wide: each word fits on a line of its own
            assert max(_rough_len(w) for w in text.split()) + 1 <= width, (title, text, width)
            assert cell.alignment.wrap_text, (title, text)
            lines = _header_lines(text, width - 1.5)
            assert height >= 14.5 * lines, (title, text, lines, height)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | datetime | date) and not isinstance(value, bool)


def test_numbers_sit_under_right_aligned_headers_and_text_under_left(written) -> None:  # type: ignore[no-untyped-def]
    lang, _, wb, _ = written
    for title in (OVERVIEW[lang], *LISTS[lang]):
        ws = wb[title]
        for c, header in enumerate(ws[1]):
            if header.value is None:
                continue
            cells = [row[c] for row in ws.iter_rows(min_row=2) if row[c].value is not None]
            want = header.alignment.horizontal
            for cell in cells:
                # Excel's "general" puts numbers right and text left
                shown = cell.alignment.horizontal or ("right" if _is_number(cell.value)
                                                      else "left")
                assert shown == want, (title, header.value, cell.coordinate, cell.value)
            if any(_is_number(cell.value) for cell in cells):
                assert want == "right", (title, header.value)


def test_every_sheet_prints_on_a4_landscape_at_a_readable_size(written) -> None:  # type: ignore[no-untyped-def]
    lang, _, _, package = written
    for title, sheet in package.sheets.items():
        setup = sheet.page_setup()
        assert setup.get("orientation") == "landscape", title
        assert setup.get("paperSize") == "9", title
    overview = package.sheets[OVERVIEW[lang]]
    assert overview.fit_to_page() and overview.page_setup().get("fitToHeight") == "0"
    # one page wide, still at 8 pt or more
    margins = overview.find("m:pageMargins")
    assert margins is not None
    page = (11.69 - float(margins.get("left", "0")) - float(margins.get("right", "0"))) * 96
    assert page / sum(w * 7 for w in overview.widths().values()) >= 0.73
    assert overview.page_setup().get("fitToWidth", "1") == "1"  # one page wide
    assert package.defined("_xlnm.Print_Titles", OVERVIEW[lang]).endswith("$1:$1")  # type: ignore[union-attr]
    for title in LISTS[lang]:
        sheet = package.sheets[title]
        titles = package.defined("_xlnm.Print_Titles", title) or ""
        assert titles.endswith("$1:$1"), title  # the header row on every page
        area = package.defined("_xlnm.Print_Area", title)
        widths = sheet.widths()
        printed = len(widths) if area is None else column_index(area.split(":")[-1]
                                                                .split("$")[1]) + 1
        needed = sum(widths[c] * 7 for c in range(printed))  # a stored width holds the padding
        if sheet.fit_to_page():
            assert sheet.page_setup().get("fitToWidth", "1") == "1"
            assert PAGE_PX / needed >= 0.73, (title, PAGE_PX / needed)  # 11 pt -> 8 pt or more
        else:
            # too wide to fit readably: a fixed readable scale, pages across then down, and
            # the department column repeated on every page across
            assert int(sheet.page_setup()["scale"]) >= 73, title
            assert sheet.page_setup().get("pageOrder") == "overThenDown", title
            assert "$A:$A" in titles, title
            assert needed * 0.75 > PAGE_PX, title  # only where fitting would shrink it more


def test_overdue_prints_the_columns_that_matter(written) -> None:  # type: ignore[no-untyped-def]
    lang, _, wb, package = written
    title = LISTS[lang][0]
    area = package.defined("_xlnm.Print_Area", title)
    assert area is not None and area.endswith("$A$1:$I$4")  # days late .. ID, header + 3 rows
    header = [c.value for c in wb[title][1]]
    assert header.index({"en": "Source file", "da": "Kildefil"}[lang]) == 9  # beyond it


def test_charts_sit_on_their_own_pages_without_repeated_headers(written) -> None:  # type: ignore[no-untyped-def]
    lang, _, _, package = written
    title = {"en": "Charts", "da": "Diagrammer"}[lang]
    assert package.defined("_xlnm.Print_Titles", title) is None
    assert package.defined("_xlnm.Print_Area", title) is not None
    [(first, last)] = package.chart_anchors(title)
    assert 0 < first < last <= 31  # within the first page (32 rows of 15 pt), off its edges
    assert package.sheets[title].row_breaks() == []  # one chart: one page


def test_overview_colours_read_without_a_legend(written) -> None:  # type: ignore[no-untyped-def]
    lang, _, wb, package = written
    ws = wb[OVERVIEW[lang]]
    header = [c.value for c in ws[1]]
    column = {name: header.index(label) for name, label in {
        "done": {"en": "% done", "da": "% gennemført"}[lang],
        "share": {"en": "% overdue", "da": "% overskredet"}[lang],
        "overdue": {"en": "Overdue", "da": "Overskredet"}[lang],
        "errors": {"en": "Errors", "da": "Fejl"}[lang],
        "updated": {"en": "Last updated", "da": "Sidst opdateret"}[lang]}.items()}
    rules = package.sheets[OVERVIEW[lang]].conditional()

    def on(col: int, kind: str) -> list:  # type: ignore[type-arg]
        return [r for sqref, r in rules if col in sqref_columns(sqref) and r.get("type") == kind]

    bars = on(column["done"], "dataBar")
    assert bars and all(r.find("{*}dataBar/{*}color").get("rgb") == "FF5A9E3E" for r in bars)
    scales = on(column["share"], "colorScale")
    assert scales
    for rule in scales:  # fixed limits: full red at half the items overdue, in every summary
        assert [(v.get("type"), v.get("val")) for v in rule.findall(".//{*}cfvo")] == [
            ("num", "0"), ("num", "0.5")]
    for name in ("overdue", "errors"):
        found = on(column[name], "cellIs")
        assert found and all(r.get("operator") == "greaterThan" for r in found), name
    # a plan not updated for 90 days before the as-of date: its name and date are filled
    stale = on(column["updated"], "expression") + on(0, "expression")
    assert stale and all("DATE(2026,8,25)" in r.findtext("{*}formula", "") for r in stale)
    dated = [(row[0].value, row[column["updated"]].value) for row in ws.iter_rows(min_row=2)
             if row[column["updated"]].value and ws.row_dimensions[row[0].row].outlineLevel]
    assert [name for name, day in dated if day < datetime(2026, 8, 25)] == ["IT Support"]
    # the status columns' headers carry the status colours (the chart uses the same)
    first = header.index({"en": "Not started", "da": "Ikke startet"}[lang])
    for offset, code in enumerate([*STATUS_CODES, ""]):
        fill = ws.cell(row=1, column=first + offset + 1).fill.fgColor.rgb
        assert fill == "FF" + STATUS_COLOURS[code].tint.lstrip("#"), code


def test_the_chart_uses_the_status_colours(written) -> None:  # type: ignore[no-untyped-def]
    lang, _, _, package = written
    [chart] = package.chart_parts({"en": "Charts", "da": "Diagrammer"}[lang])
    assert package.series_colours(chart) == [
        STATUS_COLOURS[code].strong.lstrip("#") for code in (*STATUS_CODES, "")]


def test_overdue_days_late_coloured_by_age_and_statuses_by_colour(written) -> None:  # type: ignore[no-untyped-def]
    lang, _, _, package = written
    rules = package.sheets[LISTS[lang][0]].conditional()
    bands = [(r.get("operator"), r.findtext("{*}formula")) for sqref, r in rules
             if sqref_columns(sqref) == {0}]
    assert bands == [("greaterThanOrEqual", "90"), ("greaterThanOrEqual", "30"),
                     ("greaterThanOrEqual", "1")]
    status = [r.findtext("{*}formula", "") for sqref, r in rules if sqref_columns(sqref) == {6}]
    done = {"en": "Done", "da": "Gennemført"}[lang]
    assert f'G2="{done}"' in status and len(status) == 6  # five statuses and "no valid status"


def test_dates_in_the_summary_language(written) -> None:  # type: ignore[no-untyped-def]
    lang, _, wb, _ = written
    expected = {"en": "yyyy-mm-dd", "da": "dd-mm-yyyy"}[lang]
    overview = wb[OVERVIEW[lang]]
    assert overview.cell(row=2, column=18).number_format == expected
    assert overview.cell(row=2, column=18).is_date
    overdue = wb[LISTS[lang][0]]
    assert overdue["B2"].is_date and overdue["B2"].number_format == expected
    actions = wb[LISTS[lang][2]]
    deadline = [c.value for c in actions[1]].index("Deadline") + 1
    dated = [r[deadline - 1] for r in actions.iter_rows(min_row=2) if r[deadline - 1].is_date]
    assert dated and all(c.number_format == expected for c in dated)


def test_read_first_says_what_made_it(written) -> None:  # type: ignore[no-untyped-def]
    lang, _, wb, _ = written
    ws = wb[wb.sheetnames[0]]
    values = {row[0].value: row[1].value for row in ws.iter_rows() if row[0].value}
    as_of = {"en": "As of", "da": "Opgjort pr."}[lang]
    assert values[as_of] == datetime(2026, 11, 23)
    label = next(c for c in ws["A"] if c.value == as_of)
    assert ws.cell(row=label.row, column=2).number_format == \
        {"en": "yyyy-mm-dd", "da": "dd-mm-yyyy"}[lang]
    assert values[{"en": "Settings", "da": "Indstillinger"}[lang]] == \
        {"en": "none (defaults)", "da": "ingen (standard)"}[lang]
    assert values[{"en": "Input files", "da": "Indlæste filer"}[lang]] == {
        "en": "3 read (1 with validation errors), 1 could not be read, 2 skipped",
        "da": "3 læst (1 med fejl ved kontrollen), 1 kunne ikke læses, 2 sprunget over"}[lang]
    # every other sheet is named, linked and explained
    for title in wb.sheetnames[1:]:
        cell = next(c for c in ws["A"] if c.value == title)
        assert cell.hyperlink is not None and title in str(cell.hyperlink.location)
        assert len(str(ws.cell(row=cell.row, column=2).value)) > 30
    assert wb.active.title == OVERVIEW[lang]  # opens on the Overview


def test_read_first_names_the_settings_file(fixture_folder: Path, tmp_path: Path) -> None:
    from xltools.io.settings import load_settings

    config = tmp_path / "org.toml"
    config.write_text('[organisation]\nname = "Nordby"\n', encoding="utf-8")
    out = tmp_path / "s.xlsx"
    rollup([fixture_folder], out, as_of=AS_OF, jobs=1, settings=load_settings(config))
    ws = load_workbook(out)["Read first"]
    assert {r[0].value: r[1].value for r in ws.iter_rows()}["Settings"] == str(config)
    plain = tmp_path / "plain.xlsx"
    rollup([fixture_folder], plain, as_of=AS_OF, jobs=1)
    ws = load_workbook(plain)["Read first"]
    assert {r[0].value: r[1].value for r in ws.iter_rows()}["Settings"] == "none (defaults)"


def test_a_list_beyond_the_row_limit_is_said_on_the_overview(
        fixture_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summary_module, "ROWS_PER_SHEET", 3)  # Excel's limit, scaled down
    out = tmp_path / "long.xlsx"
    rollup([fixture_folder], out, as_of=AS_OF, jobs=1)
    wb = load_workbook(out)
    note = ("Actions holds more rows than one Excel sheet can; the list continues on "
            "Actions (2), Actions (3).")
    assert wb["Overview"]["A11"].value == note  # two rows under the organisation total
    assert note in [c.value for c in wb["Read first"]["B"]]
    rows = sum(wb[t].max_row - 1 for t in ("Actions", "Actions (2)", "Actions (3)"))
    assert rows == 7


def test_a_long_overdue_item_wraps_in_a_row_tall_enough(tmp_path: Path) -> None:
    from tests.rollup.conftest import write_department
    from xltools.core.schema import PlanKind

    long_text = ("Gennemgå alle køreplaner med teamet og flyt besøg, så ingen vagt har mere "
                 "end tolv besøg")
    folder = tmp_path / "in"
    folder.mkdir()
    write_department(folder / "a.xlsx", "da", "A", AS_OF, {PlanKind.ACTION: [
        dict(id=1, topic="Krav", goal="g", actions=long_text, owner="X",
             deadline=date(2026, 10, 1), follow_up="f", status="I gang"),
        dict(id=2, topic="Krav", goal="g", actions="Kort", owner="X",
             deadline=date(2026, 10, 2), follow_up="f", status="I gang")]})
    out = tmp_path / "s.xlsx"
    rollup([folder], out, as_of=AS_OF, jobs=1)
    ws = load_workbook(out)["Overdue"]
    assert ws["F2"].value == long_text and ws["F2"].alignment.wrap_text
    width = ws.column_dimensions["F"].width
    # a rough count: regular letters average about 0.85 of a digit's width
    lines = _header_lines(long_text, (width - 2) / 0.85)
    assert lines >= 2 and ws.row_dimensions[2].height >= 14.5 * lines
    assert ws.row_dimensions[3].height is None  # a short one keeps the default height
