"""Validation issues as data: stable codes, severities, addresses and messages in da/sv/en."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from xltools.core.schema import Labels

if TYPE_CHECKING:
    import pandas as pd


class Severity(StrEnum):
    """How bad an issue is; errors make ``xltools validate`` exit with 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Code(StrEnum):
    """The issue codes of SPEC 3; stable, kebab-case, safe to filter on."""

    MISSING_COLUMN = "missing-column"
    REQUIRED = "required"
    BAD_DATE = "bad-date"
    DATE_ORDER = "date-order"
    BAD_VALUE = "bad-value"
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_REFERENCE = "unknown-reference"
    OVERDUE = "overdue"
    FOLLOW_UP_OVERDUE = "follow-up-overdue"
    DUE_SOON = "due-soon"
    VAGUE_OWNER = "vague-owner"
    UNKNOWN_COLUMN = "unknown-column"
    CHECKLIST_OPEN = "checklist-open"
    # What the reader could not take at face value (it says so rather than guess):
    FORMULA_NOT_CALCULATED = "formula-not-calculated"
    ERROR_VALUE = "error-value"
    TOTALS_ROW = "totals-row"
    ROWS_NOT_READ = "rows-not-read"
    SHEET_IGNORED = "sheet-ignored"


SEVERITY: dict[Code, Severity] = {
    Code.MISSING_COLUMN: Severity.ERROR,
    Code.REQUIRED: Severity.ERROR,
    Code.BAD_DATE: Severity.ERROR,
    Code.DATE_ORDER: Severity.ERROR,
    Code.BAD_VALUE: Severity.ERROR,
    Code.DUPLICATE_ID: Severity.ERROR,
    Code.UNKNOWN_REFERENCE: Severity.WARNING,
    Code.OVERDUE: Severity.WARNING,
    Code.FOLLOW_UP_OVERDUE: Severity.WARNING,
    Code.DUE_SOON: Severity.INFO,
    Code.VAGUE_OWNER: Severity.WARNING,
    Code.UNKNOWN_COLUMN: Severity.INFO,
    Code.CHECKLIST_OPEN: Severity.INFO,
    Code.FORMULA_NOT_CALCULATED: Severity.ERROR,
    Code.ERROR_VALUE: Severity.ERROR,
    Code.TOTALS_ROW: Severity.INFO,
    Code.ROWS_NOT_READ: Severity.WARNING,
    Code.SHEET_IGNORED: Severity.INFO,
}

# Message templates; placeholders are filled from Issue.params. Each says what is wrong and
# what to do, in the workbook's language.
MESSAGES: dict[Code, Labels] = {
    Code.MISSING_COLUMN: Labels(
        "The required column '{field}' is missing from the header row. Add it.",
        "Den påkrævede kolonne '{field}' mangler i overskriftsrækken. Tilføj den.",
        "Den obligatoriska kolumnen '{field}' saknas i rubrikraden. Lägg till den.",
    ),
    Code.REQUIRED: Labels(
        "'{field}' must be filled in.",
        "'{field}' skal udfyldes.",
        "'{field}' måste fyllas i.",
    ),
    Code.BAD_DATE: Labels(
        "'{value}' is not a date. Write e.g. 23-11-2026, 'week 48 2026' or 'Q1 2027'.",
        "'{value}' er ikke en dato. Skriv fx 23-11-2026, 'uge 48 2026' eller '1. kvartal 2027'.",
        "'{value}' är inget datum. Skriv t.ex. 2026-11-23, 'vecka 48 2026' eller 'Q1 2027'.",
    ),
    Code.DATE_ORDER: Labels(
        "The deadline {deadline} is before the start {start}. Correct one of them.",
        "Deadline {deadline} ligger før start {start}. Ret en af dem.",
        "Klart senast {deadline} ligger före start {start}. Rätta något av datumen.",
    ),
    Code.BAD_VALUE: Labels(
        "'{value}' is not a valid {field}. Choose one of: {allowed}.",
        "'{value}' er ikke en gyldig værdi for {field}. Vælg en af: {allowed}.",
        "'{value}' är inget giltigt värde för {field}. Välj ett av: {allowed}.",
    ),
    Code.DUPLICATE_ID: Labels(
        "The ID '{value}' is already used in row {first_row}. Give each item its own ID.",
        "ID '{value}' er allerede brugt i række {first_row}. Giv hvert punkt sit eget ID.",
        "ID '{value}' används redan på rad {first_row}. Ge varje punkt ett eget ID.",
    ),
    Code.UNKNOWN_REFERENCE: Labels(
        "The action plan has no item with ID '{value}'. Check the number.",
        "Handleplanen har intet punkt med ID '{value}'. Tjek nummeret.",
        "Handlingsplanen har ingen punkt med ID '{value}'. Kontrollera numret.",
    ),
    Code.OVERDUE: Labels(
        "Overdue: the deadline {deadline} has passed ({ago}) and the status is "
        "'{status}'. Update the status or agree a new deadline.",
        "Overskredet: deadline {deadline} er passeret ({ago}), og status er "
        "'{status}'. Opdatér status eller aftal en ny deadline.",
        "Försenad: {deadline} har passerat ({ago}) och status är "
        "'{status}'. Uppdatera status eller kom överens om ett nytt datum.",
    ),
    Code.FOLLOW_UP_OVERDUE: Labels(
        "The follow-up planned for {date} has not been recorded ({ago}). Follow up "
        "and set the next date.",
        "Opfølgningen planlagt til {date} er ikke registreret ({ago}). Følg op "
        "og sæt næste dato.",
        "Uppföljningen planerad till {date} är inte registrerad ({ago}). "
        "Följ upp och sätt nästa datum.",
    ),
    Code.DUE_SOON: Labels(
        "Due soon: the deadline is {deadline} ({within}).",
        "Snart deadline: {deadline} ({within}).",
        "Snart klart senast: {deadline} ({within}).",
    ),
    Code.VAGUE_OWNER: Labels(
        "'{value}' is a group, not a person. Name one responsible person.",
        "'{value}' er en gruppe, ikke en person. Angiv én ansvarlig person.",
        "'{value}' är en grupp, inte en person. Ange en ansvarig person.",
    ),
    Code.UNKNOWN_COLUMN: Labels(
        "The column '{value}' is not part of the template; it is kept but not checked.",
        "Kolonnen '{value}' er ikke en del af skabelonen; den bevares, men tjekkes ikke.",
        "Kolumnen '{value}' ingår inte i mallen; den behålls men kontrolleras inte.",
    ),
    Code.CHECKLIST_OPEN: Labels(
        "The checklist question '{value}' is not answered. Answer Yes, No or Partly.",
        "Tjeklistespørgsmålet '{value}' er ikke besvaret. Svar Ja, Nej eller Delvist.",
        "Checklistfrågan '{value}' är inte besvarad. Svara Ja, Nej eller Delvis.",
    ),
    Code.FORMULA_NOT_CALCULATED: Labels(
        "'{field}' holds a formula that was never calculated, so its value is unknown. Open the "
        "workbook in Excel and save it again.",
        "'{field}' indeholder en formel, der aldrig er blevet beregnet, så værdien er ukendt. "
        "Åbn projektmappen i Excel, og gem den igen.",
        "'{field}' innehåller en formel som aldrig har beräknats, så värdet är okänt. Öppna "
        "arbetsboken i Excel och spara den igen.",
    ),
    Code.ERROR_VALUE: Labels(
        "'{field}' shows the error {value}. Correct the formula or type the value.",
        "'{field}' viser fejlen {value}. Ret formlen, eller skriv værdien.",
        "'{field}' visar felet {value}. Rätta formeln eller skriv in värdet.",
    ),
    Code.TOTALS_ROW: Labels(
        "Row {number} is the table's totals row; it is not read as an item.",
        "Række {number} er tabellens totalrække; den læses ikke som et punkt.",
        "Rad {number} är tabellens summarad; den läses inte som en punkt.",
    ),
    Code.ROWS_NOT_READ: Labels(
        "Rows {first} to {last} were not read: too many empty rows separate them from the plan. "
        "Move them up, or delete the empty rows in between.",
        "Række {first} til {last} blev ikke læst: for mange tomme rækker adskiller dem fra "
        "planen. Flyt dem op, eller slet de tomme rækker imellem.",
        "Rad {first} till {last} lästes inte: för många tomma rader skiljer dem från planen. "
        "Flytta upp dem eller ta bort de tomma raderna emellan.",
    ),
    Code.SHEET_IGNORED: Labels(
        "This sheet also looks like the {plan}; the sheet '{used}' was read instead ({why}). "
        "Rename or delete the sheet that is not in use.",
        "Arket ligner også {plan}; arket '{used}' blev læst i stedet ({why}). Omdøb eller slet "
        "det ark, der ikke er i brug.",
        "Bladet liknar också {plan}; bladet '{used}' lästes i stället ({why}). Byt namn på eller "
        "ta bort bladet som inte används.",
    ),
}

# Why one of several plan-like sheets was read (Code.SHEET_IGNORED's {why}).
SHEET_CHOICE_REASONS: dict[str, Labels] = {
    "has_header": Labels("it has the plan's header row", "det har planens overskriftsrække",
                         "det har planens rubrikrad"),
    "visible": Labels("it is visible; this one is hidden", "det er synligt; dette er skjult",
                      "det är synligt; detta är dolt"),
    "recent": Labels("its title names a later year", "dets navn nævner et senere år",
                     "dess namn anger ett senare år"),
    "first": Labels("it comes first in the workbook", "det kommer først i projektmappen",
                    "det kommer först i arbetsboken"),
}


# Variants of a code's message for a special case; the code (what tools filter on) stays.
VARIANT_MESSAGES: dict[str, Labels] = {
    # checklist-open once per workbook: the questions' own notes would bury the real problems
    "checklist-many": Labels(
        "{open} of {total} checklist questions are not answered (rows {rows}). Answer them Yes, "
        "No or Partly.",
        "{open} af {total} spørgsmål i tjeklisten er ikke besvaret (række {rows}). Svar Ja, "
        "Nej eller Delvist.",
        "{open} av {total} frågor i checklistan är inte besvarade (rad {rows}). Svara Ja, Nej "
        "eller Delvis."),
    # due-soon on the day itself: "in 0 days" reads like a glitch
    "due-today": Labels(
        "Due today: the deadline is {deadline}.",
        "Deadline i dag: {deadline}.",
        "Klart senast i dag: {deadline}.",
    ),
    # unknown-column for a second copy of a known column: it IS in the template
    "duplicate-column": Labels(
        "The column '{value}' appears twice; only the first, column {first}, is checked. "
        "Remove or rename this copy.",
        "Kolonnen '{value}' findes to gange; kun den første, kolonne {first}, tjekkes. "
        "Slet eller omdøb denne kopi.",
        "Kolumnen '{value}' finns två gånger; bara den första, kolumn {first}, kontrolleras. "
        "Ta bort eller byt namn på kopian.",
    ),
    # unknown-column for a header that could be a known column, which another header took
    "duplicate-column-other": Labels(
        "The columns '{used}' (column {first}) and '{value}' could both be '{field}'; only "
        "column {first} is checked. Rename or remove one of them.",
        "Kolonnerne '{used}' (kolonne {first}) og '{value}' kan begge være '{field}'; kun "
        "kolonne {first} tjekkes. Omdøb eller slet en af dem.",
        "Kolumnerna '{used}' (kolumn {first}) och '{value}' kan båda vara '{field}'; bara "
        "kolumn {first} kontrolleras. Byt namn på eller ta bort en av dem.",
    ),
    # missing-column when another column of the sheet looks like the missing one
    "missing-column-suggested": Labels(
        "The required column '{field}' is missing from the header row. Column {letter} "
        "'{header}' is probably it ({evidence}). If so, rename that header to '{field}', or "
        "tell xltools with the line {line} under {table} in xltools.toml.",
        "Den påkrævede kolonne '{field}' mangler i overskriftsrækken. Kolonne {letter} "
        "'{header}' er sandsynligvis den ({evidence}). Passer det, så omdøb overskriften til "
        "'{field}', eller fortæl xltools det med linjen {line} under {table} i xltools.toml.",
        "Den obligatoriska kolumnen '{field}' saknas i rubrikraden. Kolumn {letter} "
        "'{header}' är troligen den ({evidence}). Stämmer det, byt rubriken till '{field}', "
        "eller tala om det för xltools med raden {line} under {table} i xltools.toml.",
    ),
}

# Why a column looks like a missing one (parts of "missing-column-suggested"), and the
# sentences around the xltools.toml lines that `validate --suggest-config` prints.
SUGGESTION_TEXTS: dict[str, Labels] = {
    "name": Labels("its header resembles '{label}'", "overskriften ligner '{label}'",
                   "rubriken liknar '{label}'"),
    "dates": Labels("{matched} of {total} values are dates", "{matched} af {total} værdier er datoer",
                    "{matched} av {total} värden är datum"),
    "status": Labels("{matched} of {total} values are status words",
                     "{matched} af {total} værdier er statusord",
                     "{matched} av {total} värden är statusord"),
    "person": Labels("{matched} of {total} values look like names of people",
                     "{matched} af {total} værdier ligner navne på personer",
                     "{matched} av {total} värden ser ut som namn på personer"),
    "involvement": Labels("{matched} of {total} values are involvement levels",
                          "{matched} af {total} værdier er grader af involvering",
                          "{matched} av {total} värden är grader av delaktighet"),
    "config-head": Labels(
        "xltools.toml lines that make {source} read; check each before you use it",
        "Linjer til xltools.toml, der får {source} læst; tjek hver linje, før du bruger den",
        "Rader för xltools.toml som gör att {source} kan läsas; kontrollera varje rad först"),
    "config-none": Labels(
        "Nothing to suggest for {source}: every required column was found, or no other "
        "column looks like a missing one.",
        "Intet at foreslå for {source}: alle påkrævede kolonner blev fundet, eller ingen anden "
        "kolonne ligner en, der mangler.",
        "Inget att föreslå för {source}: alla obligatoriska kolumner hittades, eller så liknar "
        "ingen annan kolumn en som saknas."),
}


# Issue and Report are plain dataclasses, not pydantic models: importing pydantic and building
# the models cost ~70 ms of every `xltools validate` cold start (a tenth of the 1 s budget),
# and the values are built only by our own rules, so run-time validation buys nothing.
@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """One problem found in a workbook, addressed as the user sees it (``Handleplan!H7``)."""

    code: Code
    severity: Severity
    sheet: str
    row: int | None = None
    column: str | None = None  # column letter
    key: str | None = None  # schema column key
    value: str | None = None
    message: str
    source: str | None = None  # the workbook file, in roll-ups

    @property
    def cell(self) -> str | None:
        """The cell address, e.g. ``H7``; None for sheet-level issues."""
        if self.row is None or self.column is None:
            return None
        return f"{self.column}{self.row}"

    @property
    def address(self) -> str:
        """Sheet and cell as Excel writes them, e.g. ``Handleplan!H7`` or ``'Om planen'!B3``.

        A whole-row issue (a missing column in the header) is ``Handleplan!1:1``, which
        Excel's Go To box understands, unlike a bare row number.
        """
        sheet = sheet_reference(self.sheet)
        where = self.cell or (f"{self.row}:{self.row}" if self.row else "")
        return f"{sheet}!{where}" if where else sheet

    def to_dict(self, *, with_source: bool = True) -> dict[str, object]:
        """The issue as JSON-ready data (codes and severities as their string values)."""
        data: dict[str, object] = {
            "code": self.code.value, "severity": self.severity.value, "sheet": self.sheet,
            "row": self.row, "column": self.column, "key": self.key, "value": self.value,
            "message": self.message,
        }
        if with_source:
            data["source"] = self.source
        data["cell"] = self.cell
        return data


_CELL_LIKE = re.compile(r"^(?:[a-z]{1,3}\d+|r\d*c\d*)$", re.IGNORECASE)


def sheet_reference(name: str) -> str:
    """A sheet name as it must appear before ``!`` in an Excel reference.

    Excel quotes names with spaces or punctuation, names starting with a digit and names that
    look like a cell (``A1``, ``R1C1``); an apostrophe inside is doubled.
    """
    plain = (name.replace("_", "").isalnum() and not name[:1].isdigit()
             and not _CELL_LIKE.match(name))
    return name if plain else "'" + name.replace("'", "''") + "'"


def make_issue(code: Code, lang: str, *, sheet: str, row: int | None = None,
               column: str | None = None, key: str | None = None, value: object = None,
               variant: str | None = None, **params: object) -> Issue:
    """Build an Issue whose message is the code's template in ``lang``.

    ``variant`` names a special-case wording from ``VARIANT_MESSAGES``; the code is unchanged.
    """
    text = None if value is None else _display(value)
    template = VARIANT_MESSAGES[variant] if variant else MESSAGES[code]
    message = template[lang].format(value=text, **params)
    return Issue(code=code, severity=SEVERITY[code], sheet=sheet, row=row, column=column,
                 key=key, value=text, message=message)


def _display(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(slots=True, kw_only=True)
class Report:
    """Every issue found in one workbook (validation never stops at the first)."""

    source: str
    department: str
    language: str
    as_of: str
    issues: list[Issue]

    @property
    def errors(self) -> int:
        return sum(1 for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for i in self.issues if i.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings and infos do not fail a plan)."""
        return self.errors == 0

    def counts(self) -> dict[str, int]:
        """Number of issues per code."""
        return dict(Counter(i.code.value for i in self.issues))

    def sorted_issues(self) -> list[Issue]:
        """Issues by sheet, row and column, as a reader goes through the workbook."""
        # sheets in workbook order (the order rules report them), not alphabetical: a manager
        # reads the action plan before the activity plan
        sheet_order: dict[str, int] = {}
        for issue in self.issues:
            sheet_order.setdefault(issue.sheet, len(sheet_order))
        return sorted(self.issues, key=lambda i: (sheet_order[i.sheet], i.row or 0,
                                                  len(i.column or ""), i.column or "",
                                                  _SEVERITY_ORDER[i.severity]))

    def to_json(self) -> str:
        """The report as JSON: summary counts and a list of issues with address and message."""
        payload = {
            "source": self.source,
            "department": self.department,
            "language": self.language,
            "as_of": self.as_of,
            "errors": self.errors,
            "warnings": self.warnings,
            "counts": self.counts(),
            "issues": [
                i.to_dict(with_source=False) for i in self.sorted_issues()
            ],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)

    def to_records(self) -> list[dict[str, object]]:
        """One dict per issue, e.g. for a DataFrame or a table."""
        return [i.to_dict() for i in self.sorted_issues()]

    def to_frame(self, *, dtype_backend: str = "numpy_nullable") -> pd.DataFrame:
        """The issues as a pandas DataFrame, one row per issue in the report's order.

        Args:
            dtype_backend: 'numpy_nullable' (pandas' nullable dtypes) or 'pyarrow'.

        Returns:
            Columns department, source, sheet, row, column, cell, code (categorical),
            severity (ordered: info < warning < error), key, value, message: the columns of
            ``xltools.read_issues`` (without the area), with the same dtypes.

        Raises:
            XltoolsError: pandas is not installed (one line naming the extra).
        """
        # Imported here, not above: the core stays free of pandas, which only this method
        # (an optional extra's) needs. xltools.frames holds the dtypes of every frame and the
        # missing-pandas message, so read_issues and this method cannot drift apart.
        from xltools.frames import report_frame

        return report_frame(self, dtype_backend)
