"""Mark issues in a copy of a workbook: filled cells with notes and an Issues sheet; clear them again."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.fills import Fill
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.xml.functions import tostring

from xltools.core.issues import Issue
from xltools.core.marks import (
    ISSUES_HEADERS,
    ISSUES_SHEET,
    MARK_AUTHOR,
    MARKS_HEADERS,
    MARKS_SHEET,
    SEVERITY_LABELS,
    fill_for,
)
from xltools.core.outputs import OutputKind
from xltools.core.plandata import column_letter
from xltools.core.schema import LANGS
from xltools.errors import OutputError, UnreadableWorkbookError
from xltools.io.atomic import atomic_output

EDITABLE_SUFFIXES = (".xlsx", ".xlsm")
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def set_text(cell: Cell, value: object) -> None:
    """Write a value so that text from a user's file never becomes a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _open(source: Path) -> Workbook:
    if source.suffix.lower() not in EDITABLE_SUFFIXES:
        raise OutputError(f"{source}: marked copies can be made of .xlsx and .xlsm workbooks; "
                          "save this one as .xlsx first")
    try:
        return load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", rich_text=True)
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise UnreadableWorkbookError(source, f"the workbook cannot be opened for marking "
                                              f"({type(error).__name__})") from None


def _check_target(source: Path, target: Path) -> None:
    if target.suffix.lower() != source.suffix.lower():
        raise OutputError(f"{target}: the marked copy must keep the type of the original "
                          f"({source.suffix})")
    if target.exists() and target.resolve() == source.resolve():
        raise OutputError(f"{target}: this is the input workbook; give another file name for the "
                          "marked copy (the original is never changed)")


def _issues_sheet_titles() -> set[str]:
    return {ISSUES_SHEET[lang] for lang in LANGS}


def clear_marks(wb: Workbook) -> int:
    """Remove xltools' marks: restore each marked cell's own fill and note; drop our sheets.

    Returns:
        How many cells were restored.
    """
    restored = 0
    if MARKS_SHEET in wb.sheetnames:
        import defusedxml.ElementTree as SafeTree

        marks = wb[MARKS_SHEET]
        for sheet, cell_ref, fill_xml, note, author in marks.iter_rows(min_row=2, values_only=True):
            if sheet not in wb.sheetnames or not cell_ref:
                continue
            cell = wb[sheet][cell_ref]
            cell.fill = Fill.from_tree(SafeTree.fromstring(fill_xml)) if fill_xml else PatternFill()
            cell.comment = Comment(note, author or "") if note else None
            restored += 1
        del wb[MARKS_SHEET]
    for title in _issues_sheet_titles() & set(wb.sheetnames):
        ws = wb[title]
        if ws["A1"].value == next(iter(ISSUES_HEADERS))[_lang_of_issues(title)]:
            del wb[title]  # only our own Issues sheet, never a user's sheet of that name
    return restored


def _lang_of_issues(title: str) -> str:
    return next(lang for lang in LANGS if ISSUES_SHEET[lang] == title)


def mark_issues(wb: Workbook, issues: Iterable[Issue], lang: str) -> int:
    """Fill each offending cell by severity, add a note with the messages, list all in a sheet.

    Returns:
        How many cells were marked.
    """
    clear_marks(wb)
    issues = list(issues)
    by_cell: dict[tuple[str, str], list[Issue]] = defaultdict(list)
    for issue in issues:
        if issue.cell and issue.sheet in wb.sheetnames:
            by_cell[(issue.sheet, issue.cell)].append(issue)
    marks = wb.create_sheet(MARKS_SHEET)
    marks.append(list(MARKS_HEADERS))
    marks.sheet_state = "hidden"
    for (sheet, ref), cell_issues in by_cell.items():
        cell = wb[sheet][ref]
        old_fill = tostring(cell.fill.to_tree()).decode() if cell.fill and cell.fill.fill_type else ""
        old_note = cell.comment.text if cell.comment else None
        old_author = cell.comment.author if cell.comment else None
        row = marks.max_row + 1
        for c, value in enumerate((sheet, ref, old_fill, old_note, old_author), start=1):
            set_text(marks.cell(row=row, column=c), value)
        worst = min(cell_issues, key=lambda i: _SEVERITY_RANK[i.severity.value])
        colour = fill_for(worst.code, worst.severity)
        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
        text = "\n".join(f"[{i.code.value}] {i.message}" for i in cell_issues)
        if old_note:
            text = f"{text}\n—\n{old_note}"
        cell.comment = Comment(text, MARK_AUTHOR, width=320, height=120)
    _write_issues_sheet(wb, issues, lang)
    return len(by_cell)


def _write_issues_sheet(wb: Workbook, issues: list[Issue], lang: str) -> None:
    ws = wb.create_sheet(ISSUES_SHEET[lang], 0)
    headers = [h[lang] for h in ISSUES_HEADERS]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    order = sorted(issues, key=lambda i: (_SEVERITY_RANK[i.severity.value], i.sheet, i.row or 0))
    for r, issue in enumerate(order, start=2):
        address = ws.cell(row=r, column=1)
        set_text(address, issue.address)
        if issue.sheet in wb.sheetnames:
            target = issue.cell or (f"A{issue.row}" if issue.row else "A1")
            address.hyperlink = f"#'{issue.sheet}'!{target}"
            address.font = Font(color="0563C1", underline="single")
        set_text(ws.cell(row=r, column=2), SEVERITY_LABELS[issue.severity][lang])
        set_text(ws.cell(row=r, column=3), issue.code.value)
        set_text(ws.cell(row=r, column=4), issue.message)
        set_text(ws.cell(row=r, column=5), issue.value)
    for letter, width in zip("ABCDE", (18, 11, 18, 90, 30), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    if issues:
        table = Table(displayName=f"xltools_{ISSUES_SHEET['en']}",
                      ref=f"A1:{column_letter(len(headers) - 1)}{len(issues) + 1}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(table)


def annotate_copy(source: str | Path, target: str | Path, issues: Iterable[Issue],
                  *, lang: str, force: bool = False) -> Path:
    """Write a marked copy of ``source`` to ``target``; the original is never modified.

    Args:
        source: the workbook that was validated (.xlsx or .xlsm).
        target: where to write the marked copy (same type). Old xltools marks in the
            source are replaced, not stacked.
        issues: the issues to mark (cell-level ones are painted; all are listed).
        lang: language of the Issues sheet.

    Returns:
        The target path.
    """
    source, target = Path(source), Path(target)
    _check_target(source, target)
    wb = _open(source)
    mark_issues(wb, issues, lang)
    with atomic_output(target, kind=OutputKind.MARKED_COPY, force=force) as temp:
        wb.save(temp)
    return target


def clear_copy(source: str | Path, target: str | Path, *, force: bool = False) -> int:
    """Write ``source`` without xltools' marks to ``target`` (which may be ``source`` itself).

    Returns:
        How many cells were restored.
    """
    source, target = Path(source), Path(target)
    if target.suffix.lower() != source.suffix.lower():
        raise OutputError(f"{target}: the output must keep the type of the original "
                          f"({source.suffix})")
    wb = _open(source)
    restored = clear_marks(wb)
    in_place = target.exists() and target.resolve() == source.resolve()
    with atomic_output(target, force=force or in_place) as temp:
        wb.save(temp)
    return restored
