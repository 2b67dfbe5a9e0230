"""Understand sheets given as grids of values: which plan, where the header is, what each column means.

Pure logic shared by every reader (files through calamine/openpyxl, the live workbook
through xlwings): a grid is a list of rows of cell values, starting at cell A1.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

from xltools.core.dates import parse_date
from xltools.core.plandata import (
    ChecklistAnswer,
    HeaderMatch,
    IgnoredPlan,
    Row,
    SheetData,
    SheetFacts,
    WorkbookData,
    column_letter,
)
from xltools.core.schema import (
    DEFAULT_LANG,
    LANGS,
    PLANS,
    ExtraWords,
    HeaderLookup,
    Lang,
    PlanKind,
    field_index,
    header_index,
    lang_code,
    lookup_header,
    normalize,
    sheet_title_index,
)
from xltools.core.settings import DEFAULT_SETTINGS, Settings

Grid = Sequence[Sequence[object]]

HEADER_SEARCH_ROWS = 30  # a header sits within the first rows, below a title or two
MIN_HEADER_MATCHES = 2
MAX_HEADER_LENGTH = 120
MIN_HEADER_MATCHES_UNTITLED = 4  # a sheet with a foreign title must look clearly like a plan


_EXACT_FLOAT_LIMIT = 2**53  # beyond this a float no longer stands for one whole number


def clean(value: object) -> object:
    """A cell value with blank text as None, surrounding whitespace dropped, 3.0 as 3."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    # calamine reads every number as a float; the user typed "3", so hand back 3
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_FLOAT_LIMIT:
        return int(value)
    return value


def _header_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _map_header(sheet: SheetData, cells: Sequence[object], extra: ExtraWords = ()) -> None:
    """Understand each header cell; when two could be the same column, keep the best.

    The best is an exact label or alias over a header read without its qualifier, then the
    leftmost; the others become duplicate columns, which validation reports by name.
    """
    found: list[tuple[int, str, HeaderLookup | None]] = []
    for c, cell in enumerate(cells):
        text = _header_text(cell)
        if text:
            # the cell as written: a line break may set a hint apart from the column name
            found.append((c, text, lookup_header(sheet.kind, cell if isinstance(cell, str)
                                                 else text, extra)))
    chosen: dict[str, tuple[bool, int]] = {}
    for c, _, lookup in found:
        if lookup is not None:
            rank = (not lookup.exact, c)
            if lookup.key not in chosen or rank < chosen[lookup.key]:
                chosen[lookup.key] = rank
    for c, text, lookup in found:
        if lookup is None:
            sheet.unknown_columns.append(HeaderMatch(key=None, header=text, index=c))
        elif chosen[lookup.key][1] == c:
            sheet.columns[lookup.key] = HeaderMatch(key=lookup.key, header=text, index=c)
        else:
            sheet.duplicate_columns.append(HeaderMatch(key=lookup.key, header=text, index=c))


def find_header(grid: Grid, kind: PlanKind, extra: ExtraWords = ()) -> tuple[int, int] | None:
    """The 0-based row index of the header of a ``kind`` sheet and its number of matches.

    ``extra``: the organisation's own header names of this plan (from its settings).
    """
    index_keys = set(header_index(kind, extra).values())
    best: tuple[int, int] | None = None
    for r, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        # a header is short: long cells are data, not worth looking up
        keys = {found.key for c in cells
                if isinstance(c, str) and 0 < len(c) <= MAX_HEADER_LENGTH
                and (found := lookup_header(kind, c, extra)) is not None}
        if len(keys) >= MIN_HEADER_MATCHES and (best is None or len(keys) > best[1]):
            best = (r, len(keys))
            if len(keys) * 2 > len(index_keys):
                break  # most of the schema's columns: this is the header, look no further
    return best


def interpret_plan_sheet(name: str, grid: Grid, kind: PlanKind,
                         facts: SheetFacts | None = None, extra: ExtraWords = ()) -> SheetData:
    """Read one plan sheet: header mapping, unknown columns kept, blank rows skipped.

    Args:
        name: the sheet's name.
        grid: the sheet's values from A1, a list per row.
        kind: which plan the sheet holds.
        facts: what the file reader knows beyond values (merged cells, totals rows, formulas
            never calculated, error values, rows left unread).
        extra: the organisation's own header names of this plan (from its settings).

    Returns:
        The sheet with its rows keyed by schema column and their real row numbers.
    """
    found = find_header(grid, kind, extra)
    facts = facts or SheetFacts()
    sheet = SheetData(kind=kind, name=name, header_row=None, hidden=facts.hidden)
    if facts.stopped_at and facts.last_value_row and facts.last_value_row > facts.stopped_at:
        sheet.rows_not_read = (facts.stopped_at + 1, facts.last_value_row)
    if found is None:
        return sheet
    header_r = found[0]
    sheet.header_row = header_r + 1
    index = header_index(kind, extra)
    _map_header(sheet, grid[header_r], extra)
    names = _written_names(kind, extra) | {
        " ".join(str(c).split()).casefold() for c in grid[header_r] if isinstance(c, str)}
    known = [(m.key, m.index) for m in sheet.columns.values()]
    unknown = [(m.header, m.index) for m in (*sheet.unknown_columns, *sheet.duplicate_columns)]
    grid = with_facts(grid, facts, below=header_r)
    after_gap: list[Row] = []  # rows since the last blank row: a title of a second table?
    for r in range(header_r + 1, len(grid)):
        if r in facts.totals_rows:
            sheet.totals_rows.append(r + 1)  # "Total: 7" is not an eighth item
            continue
        cells = grid[r]
        width = len(cells)
        values = {k: clean(cells[i]) if i < width else None for k, i in known}
        extra = {h: clean(cells[i]) if i < width else None for h, i in unknown}
        if all(v is None for v in values.values()) and all(v is None for v in extra.values()):
            after_gap = []
            continue  # blank or formatted-but-empty row
        if _repeats_header(cells, index, names):
            # A second table (or a copy of the header) below the plan: the plan ends here,
            # together with a one-cell title row just above it.
            sheet.second_header_row = r + 1
            titles = {row.number for row in after_gap if _filled(row) == 1}
            sheet.rows = [row for row in sheet.rows if row.number not in titles]
            break
        row = Row(number=r + 1, values=values, extra=extra)
        sheet.rows.append(row)
        after_gap.append(row)
    return sheet


def with_facts(grid: Grid, facts: SheetFacts, *, below: int) -> Grid:
    """The grid as the user sees it below row ``below`` (0-based): a merged cell's value in
    every cell of the merge, and cells whose value is unknown as ``CellProblem``.

    Only the affected rows are copied; the header above is left as it is (a header merged
    over two rows must not become a data row).
    """
    if not facts.merged and not facts.problems:
        return grid
    rows: dict[int, list[object]] = {}

    def row(r: int, width: int) -> list[object]:
        if r not in rows:
            rows[r] = list(grid[r]) if r < len(grid) else []
        cells = rows[r]
        if len(cells) < width:
            cells.extend([None] * (width - len(cells)))
        return cells

    for (r, c), problem in facts.problems.items():
        if below < r < len(grid):
            row(r, c + 1)[c] = problem
    for r1, c1, r2, c2 in facts.merged:
        if r1 <= below or r1 >= len(grid) or c1 >= len(grid[r1]):
            continue
        value = grid[r1][c1]
        for r in range(r1, min(r2, len(grid) - 1) + 1):
            cells = row(r, c2 + 1)
            for c in range(c1, c2 + 1):
                cells[c] = value
    if not rows:
        return grid
    return [rows.get(r, cells) for r, cells in enumerate(grid)]


def _filled(row: Row) -> int:
    return sum(v is not None for v in (*row.values.values(), *row.extra.values()))


def _repeats_header(cells: Sequence[object], index: Mapping[str, str],
                    names: frozenset[str]) -> bool:
    """Whether a data row is a header again (a copy, or a second table's).

    Every data row is asked, so the cheap test comes first: a header repeats at least one
    known name as written (``names``: casefolded labels, aliases and this sheet's headers);
    only then is each cell normalised and looked up.
    """
    texts = [c for c in cells if isinstance(c, str) and 0 < len(c) <= MAX_HEADER_LENGTH]
    if len(texts) < MIN_HEADER_MATCHES + 1 or not any(
            c.strip().casefold() in names for c in texts if len(c) <= _LONGEST_NAME):
        return False
    keys = {index.get(normalize(c)) for c in texts}
    keys.discard(None)
    return len(keys) >= MIN_HEADER_MATCHES + 1 and len(keys) * 2 >= len(texts)


@lru_cache(maxsize=64)
def _written_names(kind: PlanKind, extra: ExtraWords = ()) -> frozenset[str]:
    """Every label and alias of a plan as people write them, casefolded, spaces collapsed."""
    texts = [text for column in PLANS[kind].columns
             for text in (*column.labels.all(), *column.aliases)]
    texts += [text for _, names in extra for text in names]
    return frozenset(" ".join(t.split()).casefold() for t in texts)


_LONGEST_NAME = 60  # known header names are shorter; a longer cell is data


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _choose_sheet(names: list[str], kind: PlanKind, grids: Mapping[str, Grid],
                  facts: Mapping[str, SheetFacts], extra: ExtraWords = ()) -> tuple[str, str]:
    """Of several sheets titled as one plan, the one to read, and why it won.

    A sheet with a header beats one without (a chart or an empty copy), a visible one a hidden
    one, a later year in the title an earlier one ("Handleplan 2026" over "Handleplan 2025"),
    then the first.
    """
    if len(names) == 1:
        return names[0], "first"

    def rank(name: str) -> tuple[bool, bool, int]:
        years = [int(y) for y in _YEAR.findall(name)]
        hidden = facts[name].hidden if name in facts else False
        return (find_header(grids[name], kind, extra) is not None, not hidden,
                max(years, default=0))

    ranked = sorted(names, key=lambda n: (rank(n), -names.index(n)), reverse=True)
    best, runner_up = rank(ranked[0]), rank(ranked[1])
    reasons = ("has_header", "visible", "recent")
    reason = next((why for why, a, b in zip(reasons, best, runner_up, strict=True) if a != b),
                  "first")
    return ranked[0], reason


def sheet_role(name: str) -> str | None:
    """What a sheet title says it is: a plan kind value, 'about', 'checklist', ... or None."""
    key = normalize(name)
    titles = sheet_title_index()
    if key in titles:
        return titles[key]
    # "Handleplan 2026", "Action plan - HR": a known title followed or preceded by more words
    for title in sorted(titles, key=len, reverse=True):
        if key.startswith(title + " ") or key.endswith(" " + title) or key.startswith(title + "-"):
            return titles[title]
    return None


def _read_about(grid: Grid) -> dict[str, object]:
    index = field_index("about")
    about: dict[str, object] = {}
    for cells in grid:
        filled = [(i, clean(c)) for i, c in enumerate(cells) if clean(c) is not None]
        if len(filled) < 1:
            continue
        key = index.get(normalize(filled[0][1]))
        if key and key not in about:
            about[key] = filled[1][1] if len(filled) > 1 else None
    return about


def _read_checklist(grid: Grid) -> list[ChecklistAnswer]:
    index = field_index("checklist")
    answers: list[ChecklistAnswer] = []
    seen: set[str] = set()
    for r, cells in enumerate(grid):
        for c, cell in enumerate(cells):
            if not isinstance(cell, str):
                continue
            key = index.get(normalize(cell))
            if key and key not in seen:
                seen.add(key)
                answer = clean(cells[c + 1]) if c + 1 < len(cells) else None
                answers.append(ChecklistAnswer(key, cell.strip(), answer, r + 1,
                                               column_letter(c + 1)))
                break
    return answers


def _detect_language(about: Mapping[str, object], plans: Mapping[PlanKind, SheetData]) -> Lang:
    stated = about.get("language")
    if stated is not None and (lang := lang_code(stated)):
        return lang
    votes: Counter[str] = Counter()
    for sheet in plans.values():
        schema = PLANS[sheet.kind]
        for lang in LANGS:
            if normalize(sheet.name) == normalize(schema.title(lang)):
                votes[lang] += 2
        for match in sheet.columns.values():
            labels = schema.column(match.key).labels  # type: ignore[arg-type]
            for lang in LANGS:
                if normalize(match.header) == normalize(labels[lang]):
                    votes[lang] += 1
    if not votes:
        return DEFAULT_LANG
    top = max(votes.values())
    # prefer the language whose labels differ from the others when votes tie
    for lang in ("da", "sv", "en"):
        if votes[lang] == top:
            return lang  # type: ignore[return-value]
    return DEFAULT_LANG


def interpret_workbook(
    source: str, grids: Mapping[str, Grid], *, fallback_department: str,
    facts: Mapping[str, SheetFacts] | None = None, settings: Settings = DEFAULT_SETTINGS,
) -> WorkbookData:
    """Understand a whole workbook given as sheet name -> grid.

    Args:
        source: where the workbook came from (for messages).
        grids: every sheet's values from A1, in workbook order.
        fallback_department: the department when the About sheet names none (the file stem).
        facts: per sheet, what the reader knows beyond values (hidden, merged cells, ...).
        settings: the organisation's settings (its own header names).

    Returns:
        The plans, About fields, checklist answers and detected language.
    """
    facts = facts or {}
    candidates: dict[PlanKind, list[str]] = {}
    roles: dict[str, str | None] = {name: sheet_role(name) for name in grids}
    about: dict[str, object] = {}
    data = WorkbookData(source=source, department=fallback_department, language=DEFAULT_LANG)
    untitled: list[str] = []
    for name in grids:
        role = roles[name]
        if role in {k.value for k in PlanKind}:
            candidates.setdefault(PlanKind(role), []).append(name)
        elif role == "about" and data.about_sheet is None:
            data.about_sheet = name
            about = _read_about(grids[name])
        elif role == "checklist" and data.checklist_sheet is None:
            data.checklist_sheet = name
            data.checklist = _read_checklist(grids[name])
        elif role == "follow_up_log" and data.follow_up_log_sheet is None:
            data.follow_up_log_sheet = name
        elif role in ("lists", "issues"):
            continue  # xltools' own helper sheets
        else:
            untitled.append(name)
    plans: dict[PlanKind, SheetData] = {}
    for kind, names in candidates.items():
        extra = settings.header_words(kind)
        chosen, reason = _choose_sheet(names, kind, grids, facts, extra)
        plans[kind] = interpret_plan_sheet(chosen, grids[chosen], kind, facts.get(chosen), extra)
        for name in names:
            if name != chosen:
                data.ignored_plans.append(IgnoredPlan(name, kind, chosen, reason))
    # Sheets under other titles still count as a plan when their header clearly is one.
    for name in untitled:
        scored = [
            (found[1], kind)
            for kind in PlanKind
            if kind not in plans
            and (found := find_header(grids[name], kind, settings.header_words(kind)))
        ]
        best = max(scored, default=None, key=lambda s: s[0])
        if best and best[0] >= MIN_HEADER_MATCHES_UNTITLED:
            plans[best[1]] = interpret_plan_sheet(name, grids[name], best[1], facts.get(name),
                                                  settings.header_words(best[1]))
        else:
            data.other_sheets.append(name)
    data.plans = {kind: plans[kind] for kind in PlanKind if kind in plans}
    data.about = about
    department = about.get("department")
    if department is not None and str(department).strip():
        data.department = " ".join(str(department).split())
    area = about.get("area")
    if area is not None and str(area).strip():
        data.area = " ".join(str(area).split())
    data.language = _detect_language(about, data.plans)
    version = about.get("template_version")
    data.template_version = _header_text(version) or None if version is not None else None
    data.last_updated = parse_date(about.get("last_updated"))
    return data
