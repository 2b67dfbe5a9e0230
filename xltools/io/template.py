"""Write a new department workbook: every sheet of the schema with tables, drop-downs and live colours."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from xltools.core import styles
from xltools.core.outputs import OutputKind, marker_keywords
from xltools.core.overdue import DEFAULT_DUE_SOON_DAYS as DUE_SOON_DAYS
from xltools.core.plandata import column_letter
from xltools.core.schema import (
    ABOUT,
    CHECKLIST,
    DEFAULT_LANG,
    FOLLOW_UP_LOG,
    FOLLOW_UP_LOG_TABLE,
    FOLLOW_UP_LOG_TITLES,
    LANGS,
    LISTS_TITLES,
    PLANS,
    TEMPLATE_VERSION,
    TOPIC_SUGGESTIONS,
    VALUE_LISTS,
    ColumnType,
    Lang,
    PlanKind,
)
from xltools.core.styles import FORMAT_ROWS, TABLE_ROWS
from xltools.core.texts import (
    DATE_HINT,
    DATE_HINT_TITLE,
    LIST_ERROR,
    LIST_ERROR_TITLE,
    REFERENCE_ERROR,
    REQUIRED,
)
from xltools.core.wording import DATE_FORMATS
from xltools.io.atomic import atomic_output

HEADER_FILL = PatternFill("solid", start_color=styles.HEADER_FILL)
REQUIRED_HEADER_FILL = PatternFill("solid", start_color=styles.REQUIRED_HEADER_FILL)
HEADER_FONT = Font(bold=True, color=styles.HEADER_FONT)
OVERDUE_FILL = PatternFill("solid", start_color=styles.OVERDUE_FILL, end_color=styles.OVERDUE_FILL)
DUE_SOON_FILL = PatternFill("solid", start_color=styles.DUE_SOON_FILL,
                            end_color=styles.DUE_SOON_FILL)
DONE_FILL = PatternFill("solid", start_color=styles.DONE_FILL, end_color=styles.DONE_FILL)
DONE_FONT = Font(color=styles.DONE_FONT)
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Side(style="thin", color=styles.RULE_LINE)

LIST_TOPICS = "topics"  # the topic suggestions' range name beside the value lists


def _range_name(list_key: str) -> str:
    return f"xl_{list_key}"


def _list_values(list_key: str, lang: str, topics: Sequence[str] | None = None) -> list[str]:
    if list_key == LIST_TOPICS:
        return list(topics or TOPIC_SUGGESTIONS[lang])
    return VALUE_LISTS[list_key].labels(lang)


def _write_lists_sheet(wb: Workbook, lang: str, topics: Sequence[str] | None = None) -> None:
    """A hidden sheet whose named ranges feed the drop-downs (inline lists cap at 255 chars)."""
    ws = wb.create_sheet(LISTS_TITLES[lang])
    keys = [*VALUE_LISTS, LIST_TOPICS]
    for c, key in enumerate(keys):
        letter = column_letter(c)
        ws.cell(row=1, column=c + 1, value=key)
        values = _list_values(key, lang, topics)
        for r, value in enumerate(values, start=2):
            cell = ws.cell(row=r, column=c + 1, value=value)
            cell.data_type = "s"  # an organisation's topic "=Krav" stays text
        ref = f"'{ws.title}'!${letter}$2:${letter}${len(values) + 1}"
        wb.defined_names[_range_name(key)] = DefinedName(_range_name(key), attr_text=ref)
    ws.sheet_state = "hidden"


def _list_validation(list_key: str, lang: str, *, strict: bool) -> DataValidation:
    # OOXML stores validation formulas without the leading "=" (as Excel and XlsxWriter write them)
    dv = DataValidation(type="list", formula1=_range_name(list_key), allow_blank=True)
    dv.showErrorMessage = True
    dv.errorStyle = "stop" if strict else "warning"
    dv.errorTitle = LIST_ERROR_TITLE[lang]
    dv.error = LIST_ERROR[lang]
    return dv


def _date_validation(lang: str) -> DataValidation:
    # A warning, not a stop: text such as "uge 48" is understood by the reader.
    dv = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                        formula2="DATE(2100,12,31)", allow_blank=True)
    dv.showErrorMessage = True
    dv.errorStyle = "warning"
    dv.showInputMessage = True
    dv.promptTitle = DATE_HINT_TITLE[lang]
    dv.prompt = DATE_HINT[lang]
    dv.errorTitle = DATE_HINT_TITLE[lang]
    dv.error = DATE_HINT[lang]
    return dv


def _style_header(ws: Worksheet, headers: list[str], widths: list[int],
                  required: list[bool], lang: str) -> None:
    for c, (text, width, needed) in enumerate(zip(headers, widths, required, strict=True), 1):
        cell = ws.cell(row=1, column=c, value=text)
        cell.font = HEADER_FONT
        cell.fill = REQUIRED_HEADER_FILL if needed else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if needed:
            cell.comment = Comment(REQUIRED[lang], "xltools", width=120, height=40)
        ws.column_dimensions[column_letter(c - 1)].width = width
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _add_table(ws: Worksheet, name: str, columns: int, rows: int) -> None:
    ref = f"A1:{column_letter(columns - 1)}{rows + 1}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    for row in ws.iter_rows(min_row=2, max_row=rows + 1, max_col=columns):
        for cell in row:
            cell.alignment = WRAP


def _format_dates(ws: Worksheet, letters: list[str], lang: str) -> None:
    if not letters:
        return
    dv = _date_validation(lang)
    for letter in letters:
        dv.add(f"{letter}2:{letter}{FORMAT_ROWS}")
        for r in range(2, TABLE_ROWS + 2):
            ws[f"{letter}{r}"].number_format = DATE_FORMATS[lang]
    ws.add_data_validation(dv)


def _status_colours(ws: Worksheet, last_letter: str, deadline: str, status: str,
                    lang: str) -> None:
    """Overdue red, due within 14 days amber, done/cancelled grey — live through TODAY()."""
    status_list = VALUE_LISTS["status"]
    done, cancelled = status_list.label("done", lang), status_list.label("cancelled", lang)
    closed = f'OR(${status}2="{done}",${status}2="{cancelled}")'
    is_date = f"ISNUMBER(${deadline}2)"
    area = f"A2:{last_letter}{FORMAT_ROWS}"
    ws.conditional_formatting.add(
        area, FormulaRule(formula=[closed], fill=DONE_FILL, font=DONE_FONT, stopIfTrue=True))
    ws.conditional_formatting.add(
        area, FormulaRule(formula=[f"AND({is_date},${deadline}2<TODAY(),NOT({closed}))"],
                          fill=OVERDUE_FILL, stopIfTrue=True))
    soon = f"${deadline}2>=TODAY(),${deadline}2-TODAY()<={DUE_SOON_DAYS}"
    ws.conditional_formatting.add(
        area, FormulaRule(formula=[f"AND({is_date},{soon},NOT({closed}))"],
                          fill=DUE_SOON_FILL, stopIfTrue=True))


def _write_plan_sheet(wb: Workbook, kind: PlanKind, lang: str) -> Worksheet:
    schema = PLANS[kind]
    ws = wb.create_sheet(schema.title(lang))
    columns = schema.columns
    _style_header(ws, [c.label(lang) for c in columns], [c.width for c in columns],
                  [c.required for c in columns], lang)
    _add_table(ws, schema.table_names[lang], len(columns), TABLE_ROWS)
    letters = {c.key: column_letter(i) for i, c in enumerate(columns)}
    for column in columns:
        letter = letters[column.key]
        area = f"{letter}2:{letter}{FORMAT_ROWS}"
        if column.value_list:
            dv = _list_validation(column.value_list, lang,
                                  strict=not VALUE_LISTS[column.value_list].open)
            dv.add(area)
            ws.add_data_validation(dv)
        elif column.key == "topic":
            dv = _list_validation(LIST_TOPICS, lang, strict=False)
            dv.add(area)
            ws.add_data_validation(dv)
        elif column.type is ColumnType.REFERENCE and column.reference:
            target = PLANS[column.reference]
            dv = DataValidation(
                type="list",
                formula1=f"'{target.title(lang)}'!$A$2:$A${FORMAT_ROWS}",
                allow_blank=True)
            dv.errorStyle = "warning"
            dv.errorTitle = LIST_ERROR_TITLE[lang]
            dv.error = REFERENCE_ERROR[lang]
            dv.add(area)
            ws.add_data_validation(dv)
    _format_dates(ws, [letters[c.key] for c in columns if c.type is ColumnType.DATE], lang)
    _status_colours(ws, column_letter(len(columns) - 1), letters[schema.deadline_key],
                    letters["status"], lang)
    return ws


def _write_about(wb: Workbook, lang: Lang, values: dict[str, object]) -> None:
    ws = wb.active
    ws.title = ABOUT.title(lang)
    headers = [h[lang] for h in ABOUT.headers]
    _style_header(ws, headers, [26, 44], [False, False], lang)
    ws.freeze_panes = None
    for r, item in enumerate(ABOUT.fields, start=2):
        label = ws.cell(row=r, column=1, value=item.labels[lang])
        label.font = Font(bold=True)
        value = ws.cell(row=r, column=2, value=values.get(item.key))
        if isinstance(value.value, str):
            value.data_type = "s"  # a department called "=HYPERLINK(...)" stays text
        value.border = Border(bottom=THIN)
        if item.key == "last_updated":
            value.number_format = DATE_FORMATS[lang]


def _write_checklist(wb: Workbook, lang: str) -> None:
    ws = wb.create_sheet(CHECKLIST.title(lang))
    headers = [h[lang] for h in CHECKLIST.headers]
    _style_header(ws, headers, [62, 12, 40], [False, True, False], lang)
    for r, question in enumerate(CHECKLIST.fields, start=2):
        ws.cell(row=r, column=1, value=question.labels[lang]).alignment = WRAP
        for c in (2, 3):
            ws.cell(row=r, column=c).border = Border(bottom=THIN)
    dv = _list_validation("yes_no_partly", lang, strict=True)
    dv.add(f"B2:B{len(CHECKLIST.fields) + 1}")
    ws.add_data_validation(dv)


def _write_follow_up_log(wb: Workbook, lang: str) -> None:
    ws = wb.create_sheet(FOLLOW_UP_LOG_TITLES[lang])
    _style_header(ws, [c.labels[lang] for c in FOLLOW_UP_LOG], [c.width for c in FOLLOW_UP_LOG],
                  [False] * len(FOLLOW_UP_LOG), lang)
    _add_table(ws, FOLLOW_UP_LOG_TABLE[lang], len(FOLLOW_UP_LOG), TABLE_ROWS)
    for i, column in enumerate(FOLLOW_UP_LOG):
        letter = column_letter(i)
        if column.value_list:
            dv = _list_validation(column.value_list, lang, strict=True)
            dv.add(f"{letter}2:{letter}{FORMAT_ROWS}")
            ws.add_data_validation(dv)
    _format_dates(ws, [column_letter(i) for i, c in enumerate(FOLLOW_UP_LOG)
                       if c.type is ColumnType.DATE], lang)


def about_values(lang: str, about: Mapping[str, object] | None = None, *,
                 last_updated: date | None = None, **named: object) -> dict[str, object]:
    """The About sheet's values by field key: given ones, then those xltools always sets.

    Args:
        lang: the workbook's language (the Language field).
        about: values by About field key (``schema.ABOUT``), e.g. from HR's department list.
        last_updated: the Last updated date.
        **named: further values by field key; None leaves a value from ``about`` in place.

    Returns:
        Field key -> value.

    Raises:
        ValueError: a key that is no About field.
    """
    known = {f.key for f in ABOUT.fields}
    values = {**(about or {}), **{k: v for k, v in named.items() if v is not None}}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"not About fields: {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    # what the workbook is, not what a list says: its language and template version
    return {**values, "language": lang, "template_version": TEMPLATE_VERSION,
            "last_updated": last_updated}


def build_workbook(lang: Lang = DEFAULT_LANG, *, department: str | None = None,
                   organisation: str | None = None, manager: str | None = None,
                   last_updated: date | None = None, area: str | None = None,
                   about: Mapping[str, object] | None = None,
                   topics: Sequence[str] | None = None) -> Workbook:
    """Build a department workbook in memory (openpyxl), every sheet of SPEC 2.

    Args:
        lang: the workbook's language: 'da', 'sv' or 'en'.
        department, organisation, manager: filled into the About sheet when given.
        last_updated: the About sheet's "Last updated" date (left empty when None).
        area: the About sheet's Area (forvaltning, förvaltning), left empty when None.
        about: more About values by field key (any field of ``schema.ABOUT``); the named
            arguments above win over these.
        topics: the topic drop-down (e.g. the organisation's settings); default: the
            product's suggestions for ``lang``.

    Returns:
        The openpyxl workbook.

    Raises:
        ValueError: an unknown language or About field.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    wb = Workbook()
    _write_about(wb, lang, about_values(lang, about, last_updated=last_updated,
                                        organisation=organisation, department=department,
                                        manager=manager, area=area))
    for kind in PlanKind:
        _write_plan_sheet(wb, kind, lang)
    _write_checklist(wb, lang)
    _write_follow_up_log(wb, lang)
    _write_lists_sheet(wb, lang, topics)
    wb.properties.keywords = marker_keywords(OutputKind.TEMPLATE)
    wb.custom_doc_props.append(StringProperty(name="xltools_template_version",
                                              value=TEMPLATE_VERSION))
    wb.custom_doc_props.append(StringProperty(name="xltools_language", value=lang))
    wb.active = 1  # open on the action plan
    return wb


def new_workbook(path: str | Path, lang: Lang = DEFAULT_LANG, *, department: str | None = None,
                 organisation: str | None = None, manager: str | None = None,
                 last_updated: date | None = None, area: str | None = None,
                 force: bool = False,
                 about: Mapping[str, object] | None = None,
                 topics: Sequence[str] | None = None) -> Path:
    """Write a new department workbook to ``path`` (atomically).

    Args:
        path: the .xlsx file to write.
        lang: the workbook's language: 'da', 'sv' or 'en'.
        department, organisation, manager, last_updated, area, about,
            topics: see
            ``build_workbook``.
        force: replace an existing file (it may be a plan someone has filled in).

    Returns:
        The path written.

    Raises:
        OutputError: the file exists (without ``force``) or cannot be written.
    """
    import io

    path = Path(path)
    wb = build_workbook(lang, department=department, organisation=organisation, manager=manager,
                        last_updated=last_updated, area=area, about=about,
                        topics=topics)
    # Built in memory first: a full disk then fails in one plain write, not inside openpyxl's
    # zip writer (which leaves a half-closed archive complaining at exit).
    buffer = io.BytesIO()
    wb.save(buffer)
    with atomic_output(path, force=force) as temp:
        temp.write_bytes(buffer.getvalue())
    return path


def header_labels(kind: PlanKind, lang: str) -> list[str]:
    """The header row of a plan sheet in a language, in template order."""
    return [c.label(lang) for c in PLANS[kind].columns]
