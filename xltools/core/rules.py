"""The validation rules of SPEC 3, each a small function yielding Issues for one plan sheet."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from xltools.core.issues import Code, Issue, make_issue
from xltools.core.overdue import Timing, classify, is_closed
from xltools.core.plandata import ERROR_VALUE, CellProblem, SheetData, WorkbookData
from xltools.core.schema import (
    CHECKLIST,
    GROUP_NOUNS,
    GROUP_OWNER_WORDS,
    GROUP_QUANTIFIERS,
    PLANS,
    VALUE_LISTS,
    ColumnType,
    PlanKind,
    normalize,
)
from xltools.core.suggest import alias_line, alias_table, evidence_text, suggest_sheet
from xltools.core.texts.issues import SHEET_CHOICE_REASONS
from xltools.core.values import ParsedRow, display_text, id_key
from xltools.core.wording import DAYS_AGO, IN_DAYS, format_date


@dataclass(slots=True)
class SheetContext:
    """What a rule sees: the sheet, its parsed rows, the whole workbook and the settings."""

    workbook: WorkbookData
    sheet: SheetData
    rows: list[ParsedRow]
    action_ids: set[str] | None  # ids of the action plan, None when it has none
    as_of: date
    lang: str
    due_soon_days: int
    group_words: frozenset[str] = frozenset()  # the organisation's own (normalised)

    def issue(self, code: Code, row: int | None = None, key: str | None = None,
              value: object = None, variant: str | None = None, **params: object) -> Issue:
        column = self.sheet.letter(key) if key else None
        return make_issue(code, self.lang, sheet=self.sheet.name, row=row, column=column,
                          key=key, value=value, variant=variant, **params)

    def label(self, key: str) -> str:
        return PLANS[self.sheet.kind].column(key).label(self.lang)


Rule = Callable[[SheetContext], Iterator[Issue]]


def missing_columns(ctx: SheetContext) -> Iterator[Issue]:
    """missing-column; where another column looks like the missing one, the message says so."""
    missing = [c for c in PLANS[ctx.sheet.kind].columns
               if c.required and c.key not in ctx.sheet.columns]
    if not missing:
        return
    suggested = {s.key: s for s in suggest_sheet(ctx.sheet, as_of=ctx.as_of)}
    for column in missing:
        # the key is kept (there is no letter) so JSON and painters know which column
        common = {"sheet": ctx.sheet.name, "row": ctx.sheet.header_row, "key": column.key,
                  "field": column.label(ctx.lang)}
        suggestion = suggested.get(column.key)
        if suggestion is None:
            yield make_issue(Code.MISSING_COLUMN, ctx.lang, **common)  # type: ignore[arg-type]
        else:
            yield make_issue(Code.MISSING_COLUMN, ctx.lang, variant="missing-column-suggested",
                             letter=suggestion.column, header=suggestion.header,
                             evidence=evidence_text(suggestion, ctx.lang),
                             line=alias_line(column.key, [suggestion.header]),
                             table=alias_table(ctx.sheet.kind),
                             **common)  # type: ignore[arg-type]


def unknown_columns(ctx: SheetContext) -> Iterator[Issue]:
    for match in ctx.sheet.unknown_columns:
        yield make_issue(Code.UNKNOWN_COLUMN, ctx.lang, sheet=ctx.sheet.name,
                         row=ctx.sheet.header_row, column=match.letter, value=match.header)
    for match in ctx.sheet.duplicate_columns:
        used = ctx.sheet.columns[match.key]  # type: ignore[index]
        # a second copy of the same header, or another header that could be the same column:
        # either way the message names the column that is used
        same = normalize(used.header) == normalize(match.header)
        yield make_issue(Code.UNKNOWN_COLUMN, ctx.lang, sheet=ctx.sheet.name,
                         row=ctx.sheet.header_row, column=match.letter, value=match.header,
                         variant="duplicate-column" if same else "duplicate-column-other",
                         first=used.letter, used=used.header,
                         field=ctx.label(match.key))  # type: ignore[arg-type]


def required_cells(ctx: SheetContext) -> Iterator[Issue]:
    required = [c.key for c in PLANS[ctx.sheet.kind].columns
                if c.required and c.key in ctx.sheet.columns]
    for row in ctx.rows:
        for key in required:
            if row.raw.get(key) is None:
                yield ctx.issue(Code.REQUIRED, row.number, key, field=ctx.label(key))


def bad_values(ctx: SheetContext) -> Iterator[Issue]:
    """bad-date for dates that did not parse, bad-value for values outside their list."""
    schema = PLANS[ctx.sheet.kind]
    for row in ctx.rows:
        for key in sorted(row.invalid, key=lambda k: ctx.sheet.columns[k].index):
            column = schema.column(key)
            raw = row.raw.get(key)
            if column.type is ColumnType.DATE:
                yield ctx.issue(Code.BAD_DATE, row.number, key, raw)
            else:
                allowed = ", ".join(VALUE_LISTS[column.value_list].labels(ctx.lang))  # type: ignore[index]
                yield ctx.issue(Code.BAD_VALUE, row.number, key, raw, field=ctx.label(key),
                                allowed=allowed)


def date_order(ctx: SheetContext) -> Iterator[Issue]:
    deadline_key = PLANS[ctx.sheet.kind].deadline_key
    if "start" not in ctx.sheet.columns or deadline_key not in ctx.sheet.columns:
        return
    for row in ctx.rows:
        start, deadline = row.values.get("start"), row.values.get(deadline_key)
        if isinstance(start, date) and isinstance(deadline, date) and deadline < start:
            yield ctx.issue(Code.DATE_ORDER, row.number, deadline_key, row.raw.get(deadline_key),
                            deadline=format_date(deadline, ctx.lang),
                            start=format_date(start, ctx.lang))


def duplicate_ids(ctx: SheetContext) -> Iterator[Issue]:
    first_seen: dict[str, int] = {}
    for row in ctx.rows:
        key = id_key(row.raw.get("id"))
        if key is None:
            continue
        if key in first_seen:
            yield ctx.issue(Code.DUPLICATE_ID, row.number, "id", row.raw.get("id"),
                            first_row=first_seen[key])
        else:
            first_seen[key] = row.number


def unknown_references(ctx: SheetContext) -> Iterator[Issue]:
    for column in PLANS[ctx.sheet.kind].columns:
        if column.type is not ColumnType.REFERENCE or column.key not in ctx.sheet.columns:
            continue
        if ctx.action_ids is None:
            continue  # no action plan in the workbook: nothing to check against
        for row in ctx.rows:
            raw = row.raw.get(column.key)
            if raw is not None and id_key(raw) not in ctx.action_ids:
                yield ctx.issue(Code.UNKNOWN_REFERENCE, row.number, column.key, raw)


def _status_text(ctx: SheetContext, row: ParsedRow) -> str:
    code = row.values.get("status")
    if isinstance(code, str) and "status" not in row.invalid:
        return VALUE_LISTS["status"].label(code, ctx.lang)
    raw = row.raw.get("status")
    return display_text(raw) if raw is not None else "—"


def deadlines(ctx: SheetContext) -> Iterator[Issue]:
    """overdue and due-soon against the sheet's deadline (the communication plan's "When")."""
    deadline_key = PLANS[ctx.sheet.kind].deadline_key
    if deadline_key not in ctx.sheet.columns:
        return
    for row in ctx.rows:
        deadline = row.values.get(deadline_key)
        if not isinstance(deadline, date):
            continue
        status = row.values.get("status")
        timing = classify(status if isinstance(status, str) else None, deadline, ctx.as_of,
                          ctx.due_soon_days)
        days = abs((deadline - ctx.as_of).days)
        when = format_date(deadline, ctx.lang)
        if timing is Timing.OVERDUE:
            yield ctx.issue(Code.OVERDUE, row.number, deadline_key, row.raw.get(deadline_key),
                            deadline=when, ago=DAYS_AGO(days, ctx.lang),
                            status=_status_text(ctx, row))
        elif timing is Timing.DUE_SOON:
            yield ctx.issue(Code.DUE_SOON, row.number, deadline_key, row.raw.get(deadline_key),
                            variant="due-today" if days == 0 else None, deadline=when,
                            within=IN_DAYS(days, ctx.lang))


def follow_ups(ctx: SheetContext) -> Iterator[Issue]:
    key = PLANS[ctx.sheet.kind].follow_up_date_key
    if key is None or key not in ctx.sheet.columns:
        return
    for row in ctx.rows:
        when = row.values.get(key)
        status = row.values.get("status")
        if isinstance(when, date) and when < ctx.as_of and not is_closed(status):  # type: ignore[arg-type]
            yield ctx.issue(Code.FOLLOW_UP_OVERDUE, row.number, key, row.raw.get(key),
                            date=format_date(when, ctx.lang),
                            ago=DAYS_AGO((ctx.as_of - when).days, ctx.lang))


def vague_owners(ctx: SheetContext) -> Iterator[Issue]:
    owner_keys = [c.key for c in PLANS[ctx.sheet.kind].columns
                  if c.type is ColumnType.PERSON and c.key in ctx.sheet.columns]
    for row in ctx.rows:
        for key in owner_keys:
            raw = row.raw.get(key)
            if raw is not None and _is_group(normalize(raw), ctx.group_words):
                yield ctx.issue(Code.VAGUE_OWNER, row.number, key, raw)


def cell_problems(ctx: SheetContext) -> Iterator[Issue]:
    """Cells whose value is unknown: formulas never calculated, error values (#N/A, #REF!)."""
    keys = list(ctx.sheet.columns)
    for row in ctx.rows:
        if CellProblem not in map(type, row.raw.values()):
            continue  # nearly every row: its values' types compared in one C-level pass
        for key in keys:
            raw = row.raw.get(key)
            if isinstance(raw, CellProblem):
                code = Code.ERROR_VALUE if raw.kind == ERROR_VALUE else Code.FORMULA_NOT_CALCULATED
                yield ctx.issue(code, row.number, key, raw.text if code is Code.ERROR_VALUE
                                else None, field=ctx.label(key))


def reading_notes(ctx: SheetContext) -> Iterator[Issue]:
    """What the reader did not take as items: totals rows, rows far below the plan."""
    for number in ctx.sheet.totals_rows:
        yield make_issue(Code.TOTALS_ROW, ctx.lang, sheet=ctx.sheet.name, row=number,
                         number=number)
    if ctx.sheet.rows_not_read:
        first, last = ctx.sheet.rows_not_read
        yield make_issue(Code.ROWS_NOT_READ, ctx.lang, sheet=ctx.sheet.name, row=first,
                         first=first, last=last)


def ignored_sheets(workbook: WorkbookData, lang: str) -> Iterator[Issue]:
    """sheet-ignored for plan-like sheets that were not read because another one was."""
    for ignored in workbook.ignored_plans:
        yield make_issue(Code.SHEET_IGNORED, lang, sheet=ignored.name, value=None,
                         plan=PLANS[ignored.kind].title(lang), used=ignored.used,
                         why=SHEET_CHOICE_REASONS[ignored.reason][lang])


def _is_group(owner: str, extra: frozenset[str] = frozenset()) -> bool:
    if owner in GROUP_OWNER_WORDS or owner in extra:
        return True
    words = owner.split()
    return len(words) > 1 and words[0] in GROUP_QUANTIFIERS and not GROUP_NOUNS.isdisjoint(words[1:])


PLAN_RULES: tuple[Rule, ...] = (
    missing_columns, unknown_columns, required_cells, cell_problems, bad_values, date_order,
    duplicate_ids, unknown_references, deadlines, follow_ups, vague_owners, reading_notes,
)


def checklist_rules(workbook: WorkbookData, lang: str, *, detail: bool = False
                    ) -> Iterator[Issue]:
    """checklist-open for unanswered questions; bad-value for answers outside Yes/No/Partly.

    Unanswered questions are one note for the whole checklist (at the first one's answer cell)
    unless ``detail`` asks for one per question, as a marked copy shows them.
    """
    if workbook.checklist_sheet is None:
        return
    answers = VALUE_LISTS["yes_no_partly"]
    unanswered = [item for item in workbook.checklist if item.answer is None]
    summarised = len(unanswered) > 1 and not detail
    if summarised:
        first = unanswered[0]
        yield make_issue(Code.CHECKLIST_OPEN, lang, sheet=workbook.checklist_sheet,
                         row=first.row, column=first.column, variant="checklist-many",
                         open=len(unanswered), total=len(workbook.checklist),
                         rows=", ".join(str(item.row) for item in unanswered))
    for item in workbook.checklist:
        common = {"sheet": workbook.checklist_sheet, "row": item.row, "column": item.column}
        if item.answer is None:
            if not summarised:
                yield make_issue(Code.CHECKLIST_OPEN, lang, value=item.question, **common)
        elif answers.lookup(display_text(item.answer)) is None:
            yield make_issue(Code.BAD_VALUE, lang, value=item.answer, key="answer", **common,
                             field=CHECKLIST.headers[1][lang],
                             allowed=", ".join(answers.labels(lang)))


def action_ids(workbook: WorkbookData) -> set[str] | None:
    """The ids of the workbook's action plan, for unknown-reference."""
    sheet = workbook.plans.get(PlanKind.ACTION)
    if sheet is None or "id" not in sheet.columns:
        return None
    return {k for row in sheet.rows if (k := id_key(row.values.get("id"))) is not None}
