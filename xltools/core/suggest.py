"""Suggestions instead of dead ends: which unknown column is probably a missing required one.

A required column missing from a plan sheet is compared with the sheet's unknown columns,
by name (difflib, and a known name inside the header) and by values (mostly dates for a date
column, status words for the status, involvement levels, names of people for the
responsible). The result is data (``Suggestion``), wording for the missing-column message
and the xltools.toml lines (SPEC 2.7) that would make the workbook read. Pure logic over what
the reader understood: no files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import cache

from xltools.core.dates import parse_date
from xltools.core.issues import sheet_reference
from xltools.core.plandata import HeaderMatch, SheetData, WorkbookData, column_letter
from xltools.core.schema import (
    GROUP_NOUNS,
    GROUP_OWNER_WORDS,
    GROUP_QUANTIFIERS,
    PLANS,
    TOPIC_SUGGESTIONS,
    VALUE_LISTS,
    Column,
    ColumnType,
    PlanKind,
    column_texts,
    header_parts,
    normalize,
    qualifier_fits,
)
from xltools.core.texts.issues import SUGGESTION_TEXTS

MIN_SHARE = 0.8  # values that must fit a column's type before they count as evidence
NAME_RATIO = 0.75  # difflib similarity of a header to a known name that counts as evidence
CONTAINED_SCORE = 0.8  # a known name of 5+ letters inside the header ("Opfølgningsansvarlig")
MIN_CONTAINED = 5
SAMPLE_ROWS = 200  # values looked at per column: enough to judge, cheap on long plans

# Which values speak for which type of column.
_VALUE_EVIDENCE = {ColumnType.DATE: "dates", ColumnType.STATUS: "status",
                   ColumnType.INVOLVEMENT: "involvement", ColumnType.PERSON: "person"}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason an unknown column looks like a missing one.

    ``kind`` is "name" (``label`` is the known name it resembles) or what its values are:
    "dates", "status", "involvement", "person" (``matched`` of ``total`` values fit).
    """

    kind: str
    score: float
    matched: int = 0
    total: int = 0
    label: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An unknown column that is probably the missing required column ``key``."""

    plan: PlanKind
    sheet: str
    key: str
    header: str  # as the sheet writes it (whitespace collapsed)
    index: int  # 0-based column index
    header_row: int | None
    evidence: tuple[Evidence, ...]

    @property
    def score(self) -> float:
        return sum(e.score for e in self.evidence)

    @property
    def column(self) -> str:
        """The column letter, e.g. ``E``."""
        return column_letter(self.index)

    @property
    def address(self) -> str:
        """The header cell as Excel writes it, e.g. ``Handleplan!E3``."""
        return f"{sheet_reference(self.sheet)}!{self.column}{self.header_row or ''}"


@dataclass(frozen=True, slots=True)
class _Profile:
    """What the values of one column are, counted once per column."""

    total: int
    counts: dict[str, int]


def suggest_sheet(sheet: SheetData, *, as_of: date | None = None) -> list[Suggestion]:
    """Unknown columns that are probably missing required columns of a plan sheet.

    Each missing column gets at most one suggestion and each unknown column is suggested for
    at most one missing column; where two fit equally well nothing is suggested, so the
    missing-column message never names a guess as the likely one.

    Args:
        sheet: the plan sheet as read.
        as_of: "today", for dates written as a week without a year.

    Returns:
        The suggestions, in the order of the schema's columns.
    """
    schema = PLANS[sheet.kind]
    missing = [c for c in schema.columns if c.required and c.key not in sheet.columns]
    if not missing or not sheet.unknown_columns:
        return []
    min_total = 2 if len(sheet.rows) >= 2 else 1
    candidates: list[Suggestion] = []
    for match in sheet.unknown_columns:
        profile = _profile(sheet, match, as_of)
        for column in missing:
            evidence = _evidence(sheet.kind, column, match.header, profile, min_total)
            if evidence:
                candidates.append(Suggestion(sheet.kind, sheet.name, column.key, match.header,
                                             match.index, sheet.header_row, evidence))
    chosen = _assign(candidates)
    order = {c.key: i for i, c in enumerate(schema.columns)}
    return sorted(chosen, key=lambda s: order[s.key])


def suggest_workbook(workbook: WorkbookData, *, as_of: date | None = None) -> list[Suggestion]:
    """Suggestions for every plan sheet of a workbook (see ``suggest_sheet``)."""
    return [s for sheet in workbook.plans.values() for s in suggest_sheet(sheet, as_of=as_of)]


def _profile(sheet: SheetData, match: HeaderMatch, as_of: date | None) -> _Profile:
    values = [v for row in sheet.rows[:SAMPLE_ROWS]
              if (v := row.extra.get(match.header)) is not None]
    counts = {"dates": 0, "status": 0, "involvement": 0, "person": 0}
    status, involvement = VALUE_LISTS["status"], VALUE_LISTS["involvement"]
    for value in values:
        if parse_date(value, near=as_of) is not None:
            counts["dates"] += 1
            continue
        if not isinstance(value, str):
            continue
        if status.lookup(value) is not None:
            counts["status"] += 1
        if involvement.lookup(value) is not None:
            counts["involvement"] += 1
        if _looks_like_person(value):
            counts["person"] += 1
    return _Profile(len(values), counts)


def _evidence(kind: PlanKind, column: Column, header: str, profile: _Profile,
              min_total: int) -> tuple[Evidence, ...]:
    evidence: list[Evidence] = []
    enough = profile.total >= min_total
    # values of another type rule a column out: dates are no text, status words no date
    for kind_of_values, column_type in (("dates", ColumnType.DATE),
                                        ("status", ColumnType.STATUS)):
        if (enough and column.type is not column_type
                and profile.counts[kind_of_values] >= MIN_SHARE * profile.total):
            return ()
    values_kind = _VALUE_EVIDENCE.get(column.type)
    if values_kind is not None and enough:
        matched = profile.counts[values_kind]
        share = matched / profile.total
        if share >= MIN_SHARE:
            evidence.append(Evidence(values_kind, share, matched, profile.total))
        elif values_kind != "person" and share < 0.5:
            return ()  # the values say it is not this column, whatever its name
    if (named := _name_evidence(kind, column, header)) is not None:
        evidence.insert(0, named)
    return tuple(evidence)


def _name_evidence(kind: PlanKind, column: Column, header: str) -> Evidence | None:
    best: Evidence | None = None
    # the whole header counts as its own qualifier: "Opfølgning - dato" names no text column
    readings = [(header, header), *header_parts(header)]
    for reading, qualifier in readings:
        if not qualifier_fits(qualifier, column.type):
            continue  # "Opfølgning (dato)" names no text column, however alike the words
        text = normalize(reading)
        for known in column_texts(kind, column.key):
            name = normalize(known)
            score = SequenceMatcher(None, text, name).ratio()
            if score < NAME_RATIO:
                score = 0.0
            if (len(name) >= MIN_CONTAINED and name in text) or (
                    len(text) >= MIN_CONTAINED and text in name):
                score = max(score, CONTAINED_SCORE)
            if score and (best is None or score > best.score):
                best = Evidence("name", score, label=known)
    return best


def _assign(candidates: list[Suggestion]) -> list[Suggestion]:
    """At most one suggestion per missing column and per unknown column; ties suggest none."""
    ranked = sorted(candidates, key=lambda s: (-s.score, s.index))
    taken_keys: set[str] = set()
    taken_columns: set[int] = set()
    chosen: list[Suggestion] = []
    for suggestion in ranked:
        if suggestion.key in taken_keys or suggestion.index in taken_columns:
            continue
        rivals = [other for other in ranked
                  if other is not suggestion and abs(other.score - suggestion.score) < 1e-9
                  and (other.key == suggestion.key) != (other.index == suggestion.index)
                  and other.key not in taken_keys and other.index not in taken_columns]
        if rivals:  # as likely one column as another: naming either would be a guess
            taken_keys.update({suggestion.key, *(r.key for r in rivals)})
            taken_columns.update({suggestion.index, *(r.index for r in rivals)})
            continue
        chosen.append(suggestion)
        taken_keys.add(suggestion.key)
        taken_columns.add(suggestion.index)
    return chosen


_NAME_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?$")
_INITIALS = re.compile(r"^[A-ZÆØÅÄÖ]{2,4}$")
_NAME_PARTICLES = frozenset({"van", "von", "de", "af", "la", "le", "da", "di", "der", "den"})


@cache
def _known_words() -> frozenset[str]:
    """Words that are values of some list (status, channel, topic ...), so not names."""
    words: set[str] = set(GROUP_OWNER_WORDS)
    for value_list in VALUE_LISTS.values():
        for choice in value_list.choices:
            words.update(normalize(t) for t in (choice.code, *choice.labels.all(),
                                                *choice.synonyms))
    for topics in TOPIC_SUGGESTIONS.values():
        words.update(normalize(t) for t in topics)
    return frozenset(words)


def _looks_like_person(value: str) -> bool:
    """A value written like a person's name ("Mette Hansen", "Anna", "MH"), not a group."""
    text = " ".join(value.split())
    if not 2 <= len(text) <= 40:
        return False
    key = normalize(text)
    words = text.split()
    if key in _known_words() or (len(words) > 1 and words[0].casefold() in GROUP_QUANTIFIERS
                                 and not GROUP_NOUNS.isdisjoint(key.split()[1:])):
        return False
    if len(words) == 1 and _INITIALS.match(text):
        return True
    if len(words) > 4:
        return False
    return all(w.casefold() in _NAME_PARTICLES or (_NAME_WORD.match(w) and w[0].isupper())
               for w in words)


# --- how a suggestion is told --------------------------------------------------------------------


def evidence_text(suggestion: Suggestion, lang: str) -> str:
    """Why the column looks like the missing one, in ``lang`` ("9 of 10 values are dates")."""
    return "; ".join(SUGGESTION_TEXTS[e.kind][lang].format(matched=e.matched, total=e.total,
                                                           label=e.label)
                     for e in suggestion.evidence)


def alias_table(plan: PlanKind | None) -> str:
    """The xltools.toml table for aliases of one plan kind, or of all plans (``None``)."""
    return "[aliases]" if plan is None else f"[aliases.{plan.value}]"


def alias_line(key: str, headers: Sequence[str]) -> str:
    """One xltools.toml line: a column key and the header names that mean it."""
    return f"{key} = [{', '.join(toml_string(h) for h in headers)}]"


_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
                 "\r": "\\r"}


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _plans_with(key: str) -> set[PlanKind]:
    return {kind for kind in PlanKind if key in PLANS[kind].keys}


def _comment(text: str) -> str:
    # a TOML comment ends at the line's end and allows no control characters but tab
    return "# " + "".join(" " if ord(c) < 0x20 or ord(c) == 0x7F else c for c in text)


def render_config(suggestions: Iterable[Suggestion], *, lang: str = "en",
                  source: str = "") -> str:
    """The xltools.toml lines (SPEC 2.7) that would make the suggested columns read.

    A header suggested for the same column in every plan kind that has the column (two or
    three of them) goes under ``[aliases]`` (every plan); any other under
    ``[aliases.<plan>]``, so that it changes nothing in a plan it was not suggested for
    (where it could take the place of a column that reads well today). Each line ends with a
    comment naming the header cell(s).

    Args:
        suggestions: from ``suggest_sheet`` / ``suggest_workbook``.
        lang: the language of the comment lines.
        source: the workbook's name, for the comment lines.

    Returns:
        TOML text ending in a newline; only a comment line when there is nothing to suggest.
    """
    suggestions = list(suggestions)
    if not suggestions:
        return _comment(SUGGESTION_TEXTS["config-none"][lang].format(source=source)) + "\n"
    plans_of: dict[tuple[str, str], set[PlanKind]] = {}
    for s in suggestions:
        plans_of.setdefault((s.key, normalize(s.header)), set()).add(s.plan)
    tables: dict[PlanKind | None, dict[str, dict[str, list[Suggestion]]]] = {}
    for s in suggestions:
        plans = plans_of[(s.key, normalize(s.header))]
        shared = len(plans) > 1 and plans == _plans_with(s.key)
        table = tables.setdefault(None if shared else s.plan, {})
        table.setdefault(s.key, {}).setdefault(normalize(s.header), []).append(s)
    lines = [_comment(SUGGESTION_TEXTS["config-head"][lang].format(source=source))]
    for plan in (None, *PlanKind):
        if plan not in tables:
            continue
        lines.append("")
        lines.append(alias_table(plan))
        for key, headers in tables[plan].items():
            first = [found[0].header for found in headers.values()]
            where = ", ".join(s.address for found in headers.values() for s in found)
            lines.append(f"{alias_line(key, first)}  {_comment(where)}")
    return "\n".join(lines) + "\n"
