"""The file painter: mark issues in a copy of a workbook and clear them again, part by part.

It applies the marks protocol of :mod:`xltools.core.marks` to a workbook file through
:class:`xltools.io.package.Package`: a marked cell gets a new style index (its own format
with the mark's fill and frame), a note (merged in front of a note it already has), a hidden
defined name as its anchor and a row in the marks record; the Issues sheet and the record are
added at the end of the tabs. Every other part of the file is copied unchanged, and clearing
takes out exactly what marking put in — also after rows were inserted or sorted and sheets
renamed, as far as the anchors and the marks' own formats let it find the cells.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from xltools.core.issues import Issue
from xltools.core.marks import (
    ISSUES_NAME,
    ISSUES_SHEET,
    LEGEND_LOOKS,
    MARK_AUTHOR,
    NOTE_SEPARATOR,
    RECORD_NAME,
    RECORD_SHEET,
    TEXT_LIMIT,
    CellMark,
    IssuesLayout,
    MarkRecord,
    NoteAction,
    Record,
    anchor_id,
    cell_name,
    is_own_name,
    issues_layout,
    own_part,
    parse_reference,
    plan_marks,
    plan_note,
    reference,
    split_cell,
    unique_title,
)
from xltools.errors import OutputError, UnreadableWorkbookError
from xltools.io import sheetxml
from xltools.io import xmltext as xt
from xltools.io.atomic import atomic_output
from xltools.io.notesxml import THREAD_AUTHOR, Comments, Vml, used_blocks
from xltools.io.package import (
    CT_COMMENTS,
    CT_VML,
    REL_COMMENTS,
    REL_NS,
    REL_STYLES,
    REL_VML,
    Package,
    SheetEntry,
    UnsupportedWorkbookError,
)
from xltools.io.stylesxml import Styles, parse_counts

EDITABLE_SUFFIXES = (".xlsx", ".xlsm")
Progress = Callable[[str, int, int], None]  # (what is being done, done, total)

# The children of <worksheet> that follow <legacyDrawing>, in schema order.
_AFTER_LEGACY_DRAWING = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                         "webPublishItems", "tableParts", "extLst")


@dataclass(slots=True)
class ClearResult:
    """What clearing did."""

    restored: int = 0  # cells given back their own format
    missing: list[str] = field(default_factory=list)  # marks whose cell could not be found
    had_marks: bool = False  # the workbook held xltools marks or sheets
    written: bool = False  # an output file was written


# --- entry points ------------------------------------------------------------------------------


def annotate_copy(source: str | Path, target: str | Path, issues: Iterable[Issue], *, lang: str,
                  progress: Progress | None = None) -> Path:
    """Write a marked copy of ``source`` to ``target``; the original is never modified.

    Args:
        source: the workbook that was validated (.xlsx or .xlsm).
        target: where to write the marked copy (same type). Old xltools marks in the
            source are replaced, not stacked.
        issues: the issues to mark (cell-level ones are painted; all are listed).
        lang: language of the Issues sheet.
        progress: told what is being done, for a progress bar.

    Returns:
        The target path.

    Raises:
        OutputError: the target cannot be written, or is the source.
        UnreadableWorkbookError: the source cannot be edited safely (nothing is written).
    """
    source, target = Path(source), Path(target)
    _check_target(source, target)
    issues = list(issues)
    with Package(source) as package:
        if _has_marks(package):
            # Marks are replaced: clear them into a temporary copy, then mark that.
            with tempfile.TemporaryDirectory(prefix="xltools-") as folder:
                cleared = Path(folder) / f"cleared{source.suffix}"
                _clear(package, progress)
                package.save(cleared)
                with Package(cleared) as fresh:
                    return _write_marked(fresh, target, issues, lang, progress)
        return _write_marked(package, target, issues, lang, progress)


def clear_copy(source: str | Path, target: str | Path,
               progress: Progress | None = None) -> ClearResult:
    """Write ``source`` without xltools' marks to ``target`` (which may be ``source`` itself).

    Nothing is written when the workbook holds no marks and the target is the source.

    Args:
        source: a workbook marked by ``annotate_copy`` or the add-in.
        target: the output file (same type); the source itself to clear in place (atomically).
        progress: told what is being done, for a progress bar.

    Returns:
        How many cells were restored, which marks could not be found, and whether a file
        was written.
    """
    source, target = Path(source), Path(target)
    if source.suffix.lower() not in EDITABLE_SUFFIXES:
        raise OutputError(f"{source}: marks can be cleared from .xlsx and .xlsm workbooks only")
    if target.suffix.lower() != source.suffix.lower():
        raise OutputError(f"{target}: the output must keep the type of the original "
                          f"({source.suffix})")
    in_place = target.exists() and target.resolve() == source.resolve()
    with Package(source) as package:
        result = _clear(package, progress)
        if not result.had_marks:
            if not in_place:
                with atomic_output(target) as temp:
                    shutil.copyfile(source, temp)  # an unchanged copy, byte for byte
                result.written = True
            return result
        with atomic_output(target) as temp:
            package.save(temp, _saving(progress))
        result.written = True
        return result


def _write_marked(package: Package, target: Path, issues: list[Issue], lang: str,
                  progress: Progress | None) -> Path:
    _mark(package, issues, lang, progress)
    with atomic_output(target) as temp:
        package.save(temp, _saving(progress))
    return target


def _saving(progress: Progress | None) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress("Writing", done, total)


def _check_target(source: Path, target: Path) -> None:
    if source.suffix.lower() not in EDITABLE_SUFFIXES:
        raise OutputError(f"{source}: marked copies can be made of .xlsx and .xlsm workbooks; "
                          "save this one as .xlsx first")
    if target.suffix.lower() != source.suffix.lower():
        raise OutputError(f"{target}: the marked copy must keep the type of the original "
                          f"({source.suffix})")
    if target.exists() and target.resolve() == source.resolve():
        raise OutputError(f"{target}: this is the input workbook; give another file name for the "
                          "marked copy (the original is never changed)")


# --- shared helpers ----------------------------------------------------------------------------


def _styles_part(package: Package) -> str:
    for rel in package.relationships(package.workbook_part):
        if rel.type == REL_STYLES and rel.target and package.has(rel.target):
            return rel.target
    raise UnsupportedWorkbookError(package.path, "the workbook has no styles part; open and save "
                                                 "it in Excel once, then try again")


def _styles(package: Package, part: str) -> Styles:
    try:
        return Styles(package.text(part))
    except ValueError as error:
        raise UnsupportedWorkbookError(package.path, f"{part}: {error}") from None


def _worksheets(package: Package) -> dict[str, SheetEntry]:
    return {s.name: s for s in package.sheets() if s.kind == "worksheet" and s.part}


def _own_sheet(package: Package, name: str) -> SheetEntry | None:
    """The sheet a marker name points at (None when it is gone or points elsewhere)."""
    for defined in package.defined_names():
        if defined.name == name and defined.local_sheet is None:
            found = parse_reference(defined.text)
            if found:
                return _worksheets(package).get(found[0])
    return None


def _has_marks(package: Package) -> bool:
    return any(is_own_name(n.name) for n in package.defined_names())


def _sheet_error(package: Package, sheet: str, error: Exception) -> UnsupportedWorkbookError:
    return UnsupportedWorkbookError(package.path, f"sheet '{sheet}' cannot be edited safely "
                                                  f"({error}); nothing was written")


def _scan(package: Package, entry: SheetEntry, rows: Iterable[int],
          hits: re.Pattern[bytes] | None = None) -> sheetxml.Sheet:
    assert entry.part is not None
    try:
        with package.open_original(entry.part) as stream:
            return sheetxml.scan(stream, rows, hits)
    except (sheetxml.SheetFormatError, UnicodeDecodeError) as error:
        raise _sheet_error(package, entry.name, error) from None


def _root_tag(head: str) -> str:
    match = next(xt.start_tags(head), None)
    return match.group(0) if match else ""


def _legacy_drawing(tail: str) -> tuple[xt.Span | None, str | None]:
    """The tail's <legacyDrawing> element and its relationship id."""
    span = xt.first(tail, "legacyDrawing")
    if span is None:
        return None, None
    attrs = xt.attributes(span.open_tag(tail))
    rel_id = next((v for k, v in attrs.items() if k.endswith(":id") or k == "id"), None)
    return span, rel_id


def _note_parts(package: Package, entry: SheetEntry, tail: str) -> tuple[str | None, str | None,
                                                                          str | None]:
    """(comments part, VML part, VML relationship id) of a worksheet."""
    assert entry.part is not None
    rels = package.relationships(entry.part)
    comments = next((r.target for r in rels if r.type == REL_COMMENTS and r.target
                     and package.has(r.target)), None)
    _, rel_id = _legacy_drawing(tail)
    vml = next((r.target for r in rels if r.id == rel_id and r.target
                and package.has(r.target)), None)
    return comments, vml, rel_id


def _selected(package: Package, entry: SheetEntry, head: str | None = None) -> bool:
    """Whether the sheet's first view has its tab selected."""
    if head is None:
        if entry.part is None:
            return False
        if entry.kind != "worksheet":
            head = package.text(entry.part)
        else:
            try:
                with package.open_original(entry.part) as stream:
                    head = sheetxml.head(stream)
            except (sheetxml.SheetFormatError, UnicodeDecodeError) as error:
                raise _sheet_error(package, entry.name, error) from None
    view = xt.first(head, "sheetView")
    return view is not None and xt.attributes(view.open_tag(head)).get("tabSelected") in ("1",
                                                                                          "true")


def _set_selected(text: str, selected: bool) -> str:
    """The text with the first sheet view's tab (un)selected, written in the file's own style.

    Excel writes ``1``/``0``, LibreOffice ``true``/``false``; keeping the style lets clearing
    give back the exact bytes.
    """
    view = xt.first(text, "sheetView")
    if view is None:
        return text
    tag = view.open_tag(text)
    current = xt.attributes(tag).get("tabSelected", "0")
    words = current in ("true", "false")
    value = ("true" if words else "1") if selected else ("false" if words else "0")
    return text[:view.start] + xt.set_attribute(tag, "tabSelected", value) + text[view.open_end:]


@dataclass(slots=True)
class _SheetEdit:
    """Everything one rewrite of a worksheet part changes."""

    rows: set[int] = field(default_factory=set)
    edit_row: sheetxml.RowEdit | None = None
    new_rows: dict[int, str] = field(default_factory=dict)
    hits: re.Pattern[bytes] | None = None
    head: list[Callable[[str], str]] = field(default_factory=list)
    tail: list[Callable[[str], str]] = field(default_factory=list)


def _rewrite_now(package: Package, entry: SheetEntry, edit: _SheetEdit) -> None:
    """Rewrite a worksheet at once (into a temporary file), so its results are known before saving."""
    assert entry.part is not None
    part = entry.part

    def write(temp: IO[bytes]) -> None:
        with package.open_original(part) as stream:
            _run_rewrite(stream, temp, edit)

    try:
        package.spool(part, write)
    except (sheetxml.SheetFormatError, UnicodeDecodeError) as error:
        raise _sheet_error(package, entry.name, error) from None


def _run_rewrite(stream: IO[bytes], out: IO[bytes], edit: _SheetEdit) -> None:
    def chain(steps: list[Callable[[str], str]]) -> Callable[[str], str] | None:
        if not steps:
            return None

        def run(text: str) -> str:
            for step in steps:
                text = step(text)
            return text

        return run

    sheetxml.rewrite(stream, out, rows=edit.rows,
                     edit_row=edit.edit_row or (lambda _, text: text), new_rows=edit.new_rows,
                     hits=edit.hits, edit_head=chain(edit.head), edit_tail=chain(edit.tail))


# --- marking -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Target:
    """A marked cell as found in its sheet part."""

    mark: CellMark
    row: int
    column: int
    origin: int  # the format the cell shows
    form: str  # styled / plain / absent
    style: int = 0  # the mark's format


def _mark(package: Package, issues: list[Issue], lang: str, progress: Progress | None) -> int:
    """Mark ``issues`` in the package (not yet saved); returns how many cells were marked."""
    sheets = package.sheets()
    worksheets = _worksheets(package)
    scanned, marks = _scan_for_marks(package, worksheets, issues, progress)
    styles_part = _styles_part(package)
    styles = _styles(package, styles_part)
    record = Record(styles_before=styles.counts(), active_tab=package.active_tab())
    edits = _mark_sheets(package, worksheets, scanned, marks, styles, record)
    _select_issues_tab(package, sheets, scanned, record, edits)
    _add_own_sheets(package, sheets, worksheets, issues, lang, styles, record)
    package.write(styles_part, styles.text())
    # every decision is made (the rows were checked when scanned); rows stream while saving
    for name, edit in edits.items():
        _rewrite_later(package, worksheets[name], edit)
    return len(record.marks)


def _scan_for_marks(package: Package, worksheets: dict[str, SheetEntry], issues: list[Issue],
                    progress: Progress | None) -> tuple[dict[str, sheetxml.Sheet], list[CellMark]]:
    """Read the rows the issues name (and merged areas), and plan the marks."""
    rows_of: dict[str, set[int]] = defaultdict(set)
    for issue in issues:
        if issue.cell and issue.row and issue.sheet in worksheets:
            rows_of[issue.sheet].add(issue.row)
    scanned: dict[str, sheetxml.Sheet] = {}
    for done, (name, rows) in enumerate(rows_of.items(), start=1):
        if progress:
            progress("Reading", done, len(rows_of))
        scanned[name] = _scan(package, worksheets[name], rows)
    merged = {name: sheetxml.merged_areas(sheet.tail) for name, sheet in scanned.items()}
    marks = plan_marks(issues, set(worksheets), merged)
    for name in list(scanned):  # a merged area's first cell may sit in another row
        wanted = {split_cell(m.cell)[0] for m in marks if m.sheet == name}
        if wanted - rows_of[name]:
            scanned[name] = _scan(package, worksheets[name], wanted | rows_of[name])
    return scanned, marks


def _mark_sheets(package: Package, worksheets: dict[str, SheetEntry],
                 scanned: dict[str, sheetxml.Sheet], marks: list[CellMark], styles: Styles,
                 record: Record) -> dict[str, _SheetEdit]:
    """Decide every marked sheet's edits (formats, notes) and fill the record."""
    by_sheet: dict[str, list[_Target]] = defaultdict(list)
    parsed: dict[str, dict[int, dict[int, sheetxml.CellSpan]]] = defaultdict(dict)
    for mark in marks:
        target = _locate(scanned[mark.sheet], mark, parsed[mark.sheet])
        target.style = styles.mark(target.origin, mark.look)
        by_sheet[mark.sheet].append(target)
    edits: dict[str, _SheetEdit] = {}
    blocks: set[int] = set()
    if by_sheet:  # shape-id blocks the workbook's drawings use: a new drawing takes a free one
        blocks = set().union(*(used_blocks(package.text(p)) for p in package.names()
                               if p.lower().endswith(".vml")))
    for name, targets in by_sheet.items():
        entry, sheet = worksheets[name], scanned[name]
        edit = edits.setdefault(name, _SheetEdit())
        notes, block = _mark_notes(package, entry, sheet, targets, edit, record, blocks)
        blocks.add(block)
        for target, (action, note) in zip(targets, notes, strict=True):
            record.marks.append(_record(len(record.marks) + 1, target, action, note, styles))
        _mark_cells(package, entry, sheet, targets, edit, parsed[name])
    return edits


def _select_issues_tab(package: Package, sheets: list[SheetEntry],
                       scanned: dict[str, sheetxml.Sheet], record: Record,
                       edits: dict[str, _SheetEdit]) -> None:
    """Open on the Issues sheet (the next tab): unselect the selected tabs, remembering them."""
    active_index = int(record.active_tab) if record.active_tab.isdigit() else 0
    record.active_sheet = sheets[active_index].name if active_index < len(sheets) else ""
    selected = [(i, s) for i, s in enumerate(sheets)
                if s.part and _selected(package, s, scanned[s.name].head if s.name in scanned
                                        else None)]
    record.selected_tabs = tuple(i for i, _ in selected)
    for _, entry in selected:  # two selected tabs would group the sheets for editing
        if entry.kind == "worksheet":
            edits.setdefault(entry.name, _SheetEdit()).head.append(
                lambda text: _set_selected(text, False))
        elif entry.part:
            package.write(entry.part, _set_selected(package.text(entry.part), False))
    package.set_active_tab(str(len(sheets)))


def _add_own_sheets(package: Package, sheets: list[SheetEntry], worksheets: dict[str, SheetEntry],
                    issues: list[Issue], lang: str, styles: Styles, record: Record) -> None:
    """Add the Issues sheet and the hidden record at the end of the tabs, and the hidden names."""
    names_taken = [s.name for s in sheets]
    layout = issues_layout(issues, lang, set(worksheets),
                           title=unique_title(ISSUES_SHEET[lang], names_taken))
    record_title = unique_title(RECORD_SHEET, [*names_taken, layout.title])
    issues_sheet = _issues_sheet(layout, styles)
    package.add_sheet(layout.title, package.free_name("xl/worksheets/sheet{}.xml"),
                      lambda out: sheetxml.write_sheet(out, issues_sheet))
    record.styles_after = styles.counts()  # the last format is added: the Issues sheet's
    record_sheet = sheetxml.NewSheet(list(record.grid()))
    package.add_sheet(record_title, package.free_name("xl/worksheets/sheet{}.xml"),
                      lambda out: sheetxml.write_sheet(out, record_sheet), hidden=True)
    package.add_names([*((m.anchor, reference(m.sheet, m.cell)) for m in record.marks),
                       (ISSUES_NAME, reference(layout.title, "A1")),
                       (RECORD_NAME, reference(record_title, "A1"))])


def _rewrite_later(package: Package, entry: SheetEntry, edit: _SheetEdit) -> None:
    """Rewrite a worksheet while saving: its edits are all decided, its rows stream through."""
    assert entry.part is not None
    part = entry.part

    def produce(out: IO[bytes]) -> None:
        try:
            with package.open_original(part) as stream:
                _run_rewrite(stream, out, edit)
        except (sheetxml.SheetFormatError, UnicodeDecodeError) as error:
            raise _sheet_error(package, entry.name, error) from None

    package.write_stream(part, produce)


def _locate(sheet: sheetxml.Sheet, mark: CellMark,
            rows: dict[int, dict[int, sheetxml.CellSpan]]) -> _Target:
    """Where a mark's cell is and what format it shows (``rows`` caches parsed rows)."""
    row, column = split_cell(mark.cell)
    text = sheet.rows.get(row)
    if text is not None:
        if row not in rows:
            rows[row] = {span.column: span for span in sheetxml.cells(text, sheet.prefix, row)}
        span = rows[row].get(column)
        if span is not None:
            style = xt.attributes(span.tag).get("s")
            if style is not None:
                return _Target(mark, row, column, _int(style), "styled")
            return _Target(mark, row, column, 0, "plain")
    # No <c> element: the cell shows its row's format, else its column's, else the default.
    inherited = sheetxml.row_style(text) if text is not None else None
    if inherited is None:
        inherited = next((s for first, last, s in sheetxml.column_styles(sheet.head)
                          if first <= column <= last), None)
    return _Target(mark, row, column, _int(inherited), "absent")


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


def _mark_cells(package: Package, entry: SheetEntry, sheet: sheetxml.Sheet,
                targets: list[_Target], edit: _SheetEdit,
                parsed: dict[int, dict[int, sheetxml.CellSpan]]) -> None:
    by_row: dict[int, dict[int, int]] = defaultdict(dict)
    for target in targets:
        by_row[target.row][target.column] = target.style
    prefix = sheet.prefix.decode()
    for row, columns in by_row.items():
        if row in sheet.rows:
            edit.rows.add(row)
        else:
            if sheet.implicit:
                raise UnsupportedWorkbookError(
                    package.path, f"sheet '{entry.name}' writes rows without row numbers; a "
                                  "marked copy cannot add row {row} safely (save the workbook "
                                  "again in Excel and try once more)")
            cells = "".join(f'<{prefix}c r="{cell_name(row, c)}" s="{s}"/>'
                            for c, s in sorted(columns.items()))
            edit.new_rows[row] = f'<{prefix}row r="{row}">{cells}</{prefix}row>'
    def edit_row(number: int, text: str) -> str:
        # the rows stream from the same part the scan read: reuse its parse when unchanged
        known = parsed.get(number) if text == sheet.rows.get(number) else None
        return _restyle_row(number, text, sheet.prefix, by_row.get(number, {}), known)

    edit.edit_row = edit_row


def _restyle_row(number: int, text: str, prefix: bytes, columns: dict[int, int],
                 known: dict[int, sheetxml.CellSpan] | None = None) -> str:
    """A row's text with the given cells' style indexes set (missing cells added)."""
    if not columns:
        return text
    spans = list(known.values()) if known is not None else sheetxml.cells(text, prefix, number)
    present = {s.column for s in spans}
    for span in reversed(spans):
        if span.column in columns:
            tag = xt.set_attribute(span.tag, "s", str(columns[span.column]), after="r")
            text = text[:span.start] + tag + text[span.open_end:]
    missing = sorted(c for c in columns if c not in present)
    if missing:
        spans = sheetxml.cells(text, prefix, number)
        if any("r" not in xt.attributes(s.tag) for s in spans):
            # cells without addresses are placed by counting: give them their addresses first
            for span in reversed(spans):
                if "r" not in xt.attributes(span.tag):
                    tag = xt.set_attribute(span.tag, "r", cell_name(number, span.column))
                    text = text[:span.start] + tag + text[span.open_end:]
        for column in missing:
            spans = sheetxml.cells(text, prefix, number)
            element = f'<{prefix.decode()}c r="{cell_name(number, column)}" s="{columns[column]}"/>'
            text = sheetxml.insert_cell(text, prefix, spans, column, element)
    return text


def _mark_notes(package: Package, entry: SheetEntry, sheet: sheetxml.Sheet,
                targets: list[_Target], edit: _SheetEdit, record: Record,
                blocks: set[int]) -> tuple[list[tuple[NoteAction, dict[str, str]]], int]:
    """Write the marks' notes of one sheet; returns per target the note action and what it had."""
    comments_part, vml_part, _ = _note_parts(package, entry, sheet.tail)
    comments = Comments(package.text(comments_part) if comments_part else None)
    block = max(blocks, default=0) + 1
    vml = Vml(package.text(vml_part) if vml_part else None, block)
    results: list[tuple[NoteAction, dict[str, str]]] = []
    for target in targets:
        cell = target.mark.cell
        own = comments.original_note(cell)
        editable = own is None or not own.author.startswith(THREAD_AUTHOR)
        if own is not None and len(own.xml) > TEXT_LIMIT:
            editable = False  # the record could not keep the note to give it back
        action, text = plan_note(target.mark.note, own.text if own else None, editable=editable)
        info = {"note": own.text if own else "", "note_xml": own.xml if own else "",
                "note_visible": _yes_no(vml.visible(cell)) if own else "",
                "mark_note": target.mark.note if action is not NoteAction.UNTOUCHED else ""}
        if action is NoteAction.ADDED:
            comments.add(cell, text, MARK_AUTHOR)
            vml.add(cell)
        elif action is NoteAction.MERGED:
            comments.merge(cell, target.mark.note + NOTE_SEPARATOR)
        results.append((action, info))
    if not any(a is not NoteAction.UNTOUCHED for a, _ in results):
        return results, block
    assert entry.part is not None
    if comments.created:
        comments_part = package.free_name("xl/comments{}.xml")
        package.add_override(comments_part, CT_COMMENTS)
        package.add_relationship(entry.part, REL_COMMENTS, comments_part)
    assert comments_part is not None
    package.write(comments_part, comments.text())
    if vml.created:
        vml_part = package.free_name("xl/drawings/vmlDrawing{}.vml")
        if package.ensure_default("vml", CT_VML):
            record.types_added = " ".join(filter(None, [record.types_added, "vml"]))
        rel_id = package.add_relationship(entry.part, REL_VML, vml_part)
        rel_prefix = xt.namespace_prefix(_root_tag(sheet.head), REL_NS)
        edit.tail.append(lambda tail: _add_legacy_drawing(tail, sheet.prefix.decode(), rel_id,
                                                          rel_prefix))
    assert vml_part is not None
    package.write(vml_part, vml.text())
    return results, block


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _add_legacy_drawing(tail: str, prefix: str, rel_id: str, rel_prefix: str | None) -> str:
    if rel_prefix:
        element = f'<{prefix}legacyDrawing {rel_prefix}:id="{rel_id}"/>'
    else:  # the sheet declares no relationships namespace: declare it on the element
        element = f'<{prefix}legacyDrawing xmlns:r="{REL_NS}" r:id="{rel_id}"/>'
    for child in xt.elements(tail, None, depth=1):
        if child.local in _AFTER_LEGACY_DRAWING:
            return tail[:child.start] + element + tail[child.start:]
    close = tail.rfind("</")
    return tail[:close] + element + tail[close:]


def _record(mark_id: int, target: _Target, action: NoteAction, note: dict[str, str],
            styles: Styles) -> MarkRecord:
    mark = target.mark
    origin = target.origin
    xf = styles.xf_attributes(origin)
    fill = styles.entry("fills", _int(xf.get("fillId"))) if xf.get("fillId", "0") != "0" else ""
    border = styles.entry("borders", _int(xf.get("borderId"))) if xf.get("borderId", "0") != "0" \
        else ""
    return MarkRecord(
        id=mark_id, sheet=mark.sheet, cell=mark.cell, fill=fill, border=border,
        style=str(origin), cell_form=target.form, mark_fill=mark.look.fill,
        mark_frame=mark.look.frame, mark_style=str(target.style), note_action=action,
        note=note["note"], note_visible=note["note_visible"],
        note_xml=note["note_xml"] if action is NoteAction.MERGED else "",
        mark_note=note["mark_note"])


def _issues_sheet(layout: IssuesLayout, styles: Styles) -> sheetxml.NewSheet:
    own = styles.own()
    legend = {severity: styles.mark(0, LEGEND_LOOKS[severity]) for severity, _, _ in layout.legend}
    cell = sheetxml.NewCell
    rows: list[list[sheetxml.NewCell | str]] = [[cell(layout.legend_title, own.bold)]]
    for severity, label, meaning in layout.legend:
        rows.append([cell(label, legend[severity]), cell(meaning)])
    rows.append([cell(layout.legend_note)])
    while len(rows) < layout.header_row - 1:
        rows.append([])
    rows.append([cell(h, own.header) for h in layout.headers])
    links = {}
    for r, row in enumerate(layout.rows, start=layout.first_row):
        address, *rest = row.values
        rows.append([cell(address, own.link if row.link else None), rest[0], rest[1],
                     cell(rest[2], own.wrap), rest[3]])
        if row.link:
            links[f"A{r}"] = row.link
    last = layout.header_row + len(layout.rows)
    return sheetxml.NewSheet(rows, widths=layout.widths, links=links,
                             freeze_below=layout.first_row, selected=True, landscape=True,
                             filter_ref=f"A{layout.header_row}:E{last}" if layout.rows else "")


# --- clearing ------------------------------------------------------------------------------------


def _record_of(package: Package, entry: SheetEntry) -> Record | None:
    assert entry.part is not None

    def shared() -> list[str]:
        for rel in package.relationships(package.workbook_part):
            if rel.type.endswith("/sharedStrings") and rel.target and package.has(rel.target):
                return sheetxml.shared_strings(package.read(rel.target))
        return []

    try:
        return Record.from_grid(sheetxml.read_rows(package.read(entry.part), shared))
    except Exception as error:  # defusedxml refusals, parse errors: not a record we can trust
        raise UnreadableWorkbookError(package.path, f"the marks record cannot be read "
                                                    f"({type(error).__name__})") from None


@dataclass(slots=True)
class _Marked:
    """What a marked workbook holds of xltools': its sheets, the record, the anchors."""

    record: Record
    record_entry: SheetEntry | None
    issues_entry: SheetEntry | None
    anchors: dict[int, tuple[str, str] | None]  # mark id -> where its name points (None: #REF!)

    @property
    def own_sheets(self) -> set[str]:
        return {e.name for e in (self.record_entry, self.issues_entry) if e is not None}

    def where(self, mark: MarkRecord) -> tuple[str, str] | None:
        """Where a mark's anchor says its cell is (where it was, when the name is gone)."""
        return self.anchors.get(mark.id, (mark.sheet, mark.cell))


def _marked(package: Package) -> _Marked:
    record_entry = _own_sheet(package, RECORD_NAME)
    record = _record_of(package, record_entry) if record_entry else None
    if record is None:
        record_entry, record = None, Record()  # a sheet that is not our record is left alone
    anchors = {mark_id: parse_reference(defined.text) for defined in package.defined_names()
               if (mark_id := anchor_id(defined.name)) is not None}
    return _Marked(record, record_entry, _own_sheet(package, ISSUES_NAME), anchors)


def _clear(package: Package, progress: Progress | None) -> ClearResult:
    """Take xltools' marks out of the package (not yet saved)."""
    result = ClearResult()
    if not _has_marks(package):
        return result
    result.had_marks = True
    marked = _marked(package)
    record = marked.record
    styles_part = _styles_part(package)
    styles = _styles(package, styles_part)
    sweep: dict[str, str] = {}  # a mark's format -> the format to give back
    for mark in record.marks:
        if mark.mark_style.isdigit() and _looks_marked(styles, int(mark.mark_style), mark):
            sweep.setdefault(mark.mark_style, mark.style if mark.style.isdigit() else "0")
    state = _ClearState(styles, sweep, parse_counts(record.styles_before).get("cellXfs"),
                        parse_counts(record.styles_after).get("cellXfs"))
    found = _clear_sheets(package, marked, state, progress)
    shared = {s for s in sweep if sum(m.mark_style == s for m in record.marks) > 1}
    for mark in record.marks:  # a mark whose own format was found elsewhere (rows sorted)
        if mark.id not in found and mark.mark_style in state.swept and mark.mark_style not in shared:
            found.add(mark.id)
    result.restored = state.restored
    result.missing = [f"{m.sheet}!{m.cell}" for m in record.marks if m.id not in found]

    for entry in (marked.record_entry, marked.issues_entry):
        if entry is not None:
            package.remove_sheet(entry.name)
    package.remove_names(lambda name: not is_own_name(name))
    if not styles.changed and not state.blocks_trim and record.styles_before \
            and record.styles_after == styles.counts():
        trimmed = styles.trimmed(record.styles_before)  # nothing added since: as it was
        if trimmed is not None:
            package.write(styles_part, trimmed)
    elif styles.changed:
        package.write(styles_part, styles.text())
    for extension in record.types_added.split():
        if not any(p.lower().endswith(f".{extension}") for p in package.names()):
            package.remove_default(extension)
    _restore_active(package, record)
    return result


def _clear_sheets(package: Package, marked: _Marked, state: _ClearState,
                  progress: Progress | None) -> set[int]:
    """Give every worksheet's marked cells and notes back; returns the marks found."""
    record, own = marked.record, marked.own_sheets
    worksheets = {n: e for n, e in _worksheets(package).items() if n not in own}
    located: dict[str, dict[str, MarkRecord]] = defaultdict(dict)  # sheet -> cell -> mark
    noted: dict[str, list[MarkRecord]] = defaultdict(list)  # where to look for their notes
    for mark in record.marks:
        where = marked.where(mark)
        if where and where[0] in worksheets:
            located[where[0]][where[1]] = mark
        noted[(where or (mark.sheet, mark.cell))[0]].append(mark)
    tabs = [s.name for s in package.sheets()]  # tab positions are kept by a rename
    reselect = {tabs[i] for i in record.selected_tabs if i < len(tabs)}
    found: set[int] = set()
    for done, (name, entry) in enumerate(worksheets.items(), start=1):
        if progress:
            progress("Clearing", done, len(worksheets))
        here = located.get(name, {})
        sheet = _scan(package, entry, (), state.hits)
        edit = _SheetEdit(rows={split_cell(c)[0] for c in here}, hits=state.hits)
        if name in reselect:
            edit.head.append(_reselect)
        found |= _clear_notes(package, entry, sheet.tail, noted.get(name, []), here, edit)
        if not (edit.rows or edit.head or edit.tail or sheet.hit):
            continue
        by_format = {split_cell(c)[0] for c, m in here.items() if not m.mark_style}
        edit.edit_row = lambda number, text, here=here, prefix=sheet.prefix, rows=by_format: \
            state.clear_row(number, text, here, prefix, number in rows)
        _rewrite_now(package, entry, edit)
    return found | state.found


def _restore_active(package: Package, record: Record) -> None:
    sheets = package.sheets()
    if record.active_tab == "" or (record.active_tab.isdigit()
                                   and int(record.active_tab) < len(sheets)):
        package.set_active_tab(record.active_tab)
    else:
        package.set_active_tab("")
    for position, entry in enumerate(sheets):
        if position in record.selected_tabs and entry.kind != "worksheet" and entry.part:
            package.write(entry.part, _reselect(package.text(entry.part)))


def _reselect(text: str) -> str:
    view = xt.first(text, "sheetView")
    if view is None or xt.attributes(view.open_tag(text)).get("tabSelected") not in ("0", "false"):
        return text  # the user chose other tabs since: leave their choice
    return _set_selected(text, True)


def _looks_marked(styles: Styles, xf: int, mark: MarkRecord) -> bool:
    """True when format ``xf`` still carries this mark's fill (and frame, when one was painted)."""
    fill, frame = styles.look(xf)
    if (fill or "").upper() != mark.mark_fill.upper():
        return False
    return not mark.mark_frame or (frame or "").upper() == mark.mark_frame.upper()


class _ClearState:
    """What clearing the rows of every sheet needs and finds."""

    def __init__(self, styles: Styles, sweep: dict[str, str], before: int | None,
                 after: int | None) -> None:
        self.styles = styles
        self.sweep = sweep
        self.found: set[int] = set()
        self.swept: set[str] = set()
        self.restored = 0
        self.blocks_trim = False
        # xltools' own formats: every index marking appended (marks, Issues-sheet formats)
        self.own = set(range(before, after)) if before is not None and after is not None \
            else {int(s) for s in sweep}
        alternatives = "|".join(str(i) for i in sorted(self.own))
        self.hits = re.compile(rf"""\ss\s*=\s*["'](?:{alternatives})["']""".encode()) \
            if self.own else None
        self.text_hits = re.compile(rf"""\ss\s*=\s*["'](?:{alternatives})["']""") \
            if self.own else None

    def clear_row(self, number: int, text: str, here: dict[str, MarkRecord], prefix: bytes,
                  every_cell: bool) -> str:
        """A row without the marks' formats: anchored cells by their record, others by the
        format they wear. Only cells wearing one of xltools' formats are looked at, unless
        ``every_cell`` (marks made by the add-in, whose formats Excel numbered)."""
        spans = sheetxml.cells(text, prefix, number) if every_cell \
            else self._wearing(text, prefix, number)
        removed_absent = False
        for span in reversed(spans):
            style = xt.attribute(span.tag, "s")
            mark = here.get(cell_name(number, span.column)) if here else None
            tag: str | None = span.tag
            if mark is not None and mark.mark_style and style == mark.mark_style:
                tag = self._restore(span, xt.attributes(span.tag), mark)
                removed_absent |= tag is None
                self.found.add(mark.id)
            elif mark is not None and not mark.mark_style and style is not None \
                    and style.isdigit() and _looks_marked(self.styles, int(style), mark):
                restored = self.styles.derived(int(style), fill=mark.fill,
                                               border=mark.border if mark.mark_frame else None)
                tag = xt.set_attribute(span.tag, "s", str(restored))
                self.found.add(mark.id)
            elif style in self.sweep:
                origin = self.sweep[style]
                tag = xt.set_attribute(span.tag, "s", origin) if origin != "0" \
                    else xt.remove_attribute(span.tag, "s")
                self.swept.add(style)
            else:
                if style is not None and style.isdigit() and int(style) in self.own:
                    self.blocks_trim = True  # a cell uses an Issues-sheet format: keep them
                continue
            self.restored += 1
            if tag is None:
                text = text[:span.start] + text[span.end:]
            else:
                text = text[:span.start] + tag + text[span.open_end:]
        row_tag = text[:text.find(">") + 1]
        row_style = xt.attributes(row_tag).get("s")
        if row_style and row_style.isdigit() and int(row_style) in self.own:
            self.blocks_trim = True
        if removed_absent and not sheetxml.cells(text, prefix, number) \
                and set(xt.attributes(row_tag)) == {"r"}:
            return ""  # a row marking had to add: gone again
        return text

    def _wearing(self, text: str, prefix: bytes, number: int) -> list[sheetxml.CellSpan]:
        """The cells of a row whose style index is one of xltools' own (in row order)."""
        if self.text_hits is None:
            return []
        spans = []
        cell_tag = f"<{prefix.decode()}c"
        for hit in self.text_hits.finditer(text):
            start = text.rfind("<", 0, hit.start())
            span = sheetxml.cell_at(text, start, prefix, number)
            if span is not None:
                spans.append(span)
            elif text.startswith(cell_tag, start) and text[start + len(cell_tag)] in " \t\r\n/>":
                return sheetxml.cells(text, prefix, number)  # cells addressed by counting
        return spans

    def _restore(self, span: sheetxml.CellSpan, attrs: dict[str, str], mark: MarkRecord) -> str | None:
        if mark.cell_form == "absent" and span.empty and set(attrs) <= {"r", "s"}:
            return None  # marking added this empty cell
        if mark.cell_form == "plain" or (mark.cell_form == "absent" and mark.style in ("", "0")):
            return xt.remove_attribute(span.tag, "s")
        return xt.set_attribute(span.tag, "s", mark.style or "0")


def _clear_notes(package: Package, entry: SheetEntry, tail: str, marks: list[MarkRecord],
                 here: dict[str, MarkRecord], edit: _SheetEdit) -> set[int]:
    """Take xltools' notes out of one sheet; returns the marks whose note was found."""
    noted = [m for m in marks if m.note_action is not NoteAction.UNTOUCHED]
    if not noted or entry.part is None:
        return set()
    comments_part, vml_part, vml_rel = _note_parts(package, entry, tail)
    if comments_part is None:
        return set()
    comments = Comments(package.text(comments_part))
    vml = Vml(package.text(vml_part)) if vml_part else None
    at = {m.id: cell for cell, m in here.items()}
    claimed: set[str] = set()
    found: set[int] = set()

    def expected(mark: MarkRecord) -> str:
        return mark.mark_note if mark.note_action is NoteAction.ADDED \
            else mark.mark_note + NOTE_SEPARATOR + mark.note

    # first where the anchor says the cell is
    for mark in noted:
        cell = at.get(mark.id)
        note = comments.note(cell) if cell else None
        if note is None:
            continue
        if note.text == expected(mark):
            _restore_note(comments, vml, cell, mark)
        elif mark.note_action is NoteAction.MERGED and own_part(note.text, mark.mark_note) is not None:
            _restore_note(comments, vml, cell, mark, own_part(note.text, mark.mark_note))
        else:
            continue  # another note is there now (rows were sorted): looked for below
        claimed.add(cell)
        found.add(mark.id)
    # then anywhere on the sheet, by the note's exact text (the cells moved without the anchor)
    if len(found) < len(noted):
        by_text: dict[str, list[str]] = defaultdict(list)
        for cell in reversed(comments.refs):
            note = comments.note(cell)
            if cell not in claimed and note is not None:
                by_text[note.text].append(cell)
        for mark in noted:
            if mark.id not in found and by_text.get(expected(mark)):
                cell = by_text[expected(mark)].pop()
                _restore_note(comments, vml, cell, mark)
                claimed.add(cell)
                found.add(mark.id)
    if not found:
        return found
    if comments.remaining() == 0:
        package.remove(comments_part)
        package.remove_override(comments_part)
        rel = next(r for r in package.relationships(entry.part) if r.target == comments_part)
        package.remove_relationship(entry.part, rel.id)
    else:
        package.write(comments_part,
                      comments.text(drop_last_author=comments.unused_last_author(MARK_AUTHOR)))
    if vml is not None and vml_part is not None:
        if vml.remaining() == 0:
            package.remove(vml_part)
            package.remove_override(vml_part)
            assert vml_rel is not None
            package.remove_relationship(entry.part, vml_rel)
            edit.tail.append(lambda text: _drop_legacy_drawing(text, vml_rel))
        else:
            package.write(vml_part, vml.text())
    return found


def _restore_note(comments: Comments, vml: Vml | None, cell: str, mark: MarkRecord,
                  own_text: str | None = None) -> None:
    if mark.note_action is NoteAction.ADDED:
        comments.delete(cell)
        if vml is not None:
            vml.delete(cell)
        return
    note = comments.note(cell)
    assert note is not None
    if own_text is None and mark.note_xml:
        comments.replace(cell, mark.note_xml)
        return
    # the own note as text only: the painter could not keep its form, or it was edited since
    text = mark.note if own_text is None else own_text
    body = xt.first(note.xml, "text")
    assert body is not None
    prefix = body.name.rpartition(":")[0]
    t = f"{prefix}:t" if prefix else "t"
    inner = f'<{t} xml:space="preserve">{xt.escape_text(xt.ooxml_escape(text))}</{t}>'
    comments.replace(cell, note.xml[:body.open_end] + inner + note.xml[body.close_start:])


def _drop_legacy_drawing(tail: str, rel_id: str) -> str:
    span, found = _legacy_drawing(tail)
    if span is None or found != rel_id:
        return tail
    return tail[:span.start] + tail[span.end:]
