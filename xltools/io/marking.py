"""Marking: the file painter's first half — cells, notes, anchors, record, Issues sheet.

A marked cell gets a new style index (its own format with the mark's fill and frame), a note
(put in front of a note it already has), a hidden defined name as its anchor and a row in
the marks record; the Issues sheet and the record are added at the end of the tabs and the
workbook opens on the Issues sheet. Nothing else in the package changes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

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
    cell_name,
    issues_layout,
    plan_marks,
    plan_note,
    reference,
    split_cell,
    unique_title,
)
from xltools.io import sheetxml
from xltools.io import xmltext as xt
from xltools.io.markparts import (
    Progress,
    SheetEdit,
    find_styles_part,
    is_selected,
    load_styles,
    note_parts,
    rewrite_later,
    root_tag,
    scan,
    set_selected,
    worksheets_of,
)
from xltools.io.notesxml import THREAD_AUTHOR, Comments, Vml, used_blocks
from xltools.io.package import (
    CT_COMMENTS,
    CT_VML,
    REL_COMMENTS,
    REL_NS,
    REL_VML,
    Package,
    SheetEntry,
    UnsupportedWorkbookError,
)
from xltools.io.stylesxml import Styles, to_int

# The children of <worksheet> that follow <legacyDrawing>, in schema order.
_AFTER_LEGACY_DRAWING = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                         "webPublishItems", "tableParts", "extLst")


@dataclass(slots=True)
class _Target:
    """A marked cell as found in its sheet part."""

    mark: CellMark
    row: int
    column: int
    origin: int  # the format the cell shows
    form: str  # styled / plain / absent
    style: int = 0  # the mark's format


def mark(package: Package, issues: list[Issue], lang: str, progress: Progress | None = None) -> int:
    """Mark ``issues`` in the package (not yet saved).

    Args:
        package: a workbook without xltools marks (clear them first).
        issues: the issues to mark (cell-level ones are painted; all are listed).
        lang: the Issues sheet's language.
        progress: told what is being done.

    Returns:
        How many cells were marked.
    """
    sheets = package.sheets()
    worksheets = worksheets_of(package)
    scanned, marks = _scan_for_marks(package, worksheets, issues, progress)
    styles_part = find_styles_part(package)
    styles = load_styles(package, styles_part)
    record = Record(styles_before=styles.counts(), active_tab=package.active_tab())
    edits = _mark_sheets(package, worksheets, scanned, marks, styles, record)
    _select_issues_tab(package, sheets, scanned, record, edits)
    _add_own_sheets(package, sheets, worksheets, issues, lang, styles, record)
    package.write(styles_part, styles.text())
    # every decision is made (the rows were checked when scanned); rows stream while saving
    for name, edit in edits.items():
        rewrite_later(package, worksheets[name], edit)
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
        scanned[name] = scan(package, worksheets[name], rows)
    merged = {name: sheetxml.merged_areas(sheet.tail) for name, sheet in scanned.items()}
    marks = plan_marks(issues, set(worksheets), merged)
    for name in list(scanned):  # a merged area's first cell may sit in another row
        wanted = {split_cell(m.cell)[0] for m in marks if m.sheet == name}
        if wanted - rows_of[name]:
            scanned[name] = scan(package, worksheets[name], wanted | rows_of[name])
    return scanned, marks


def _mark_sheets(package: Package, worksheets: dict[str, SheetEntry],
                 scanned: dict[str, sheetxml.Sheet], marks: list[CellMark], styles: Styles,
                 record: Record) -> dict[str, SheetEdit]:
    """Decide every marked sheet's edits (formats, notes) and fill the record."""
    by_sheet: dict[str, list[_Target]] = defaultdict(list)
    parsed: dict[str, dict[int, dict[int, sheetxml.CellSpan]]] = defaultdict(dict)
    for mark in marks:
        target = _locate(scanned[mark.sheet], mark, parsed[mark.sheet])
        target.style = styles.mark(target.origin, mark.look)
        by_sheet[mark.sheet].append(target)
    edits: dict[str, SheetEdit] = {}
    blocks: set[int] = set()
    if by_sheet:  # shape-id blocks the workbook's drawings use: a new drawing takes a free one
        blocks = set().union(*(used_blocks(package.text(p)) for p in package.names()
                               if p.lower().endswith(".vml")))
    for name, targets in by_sheet.items():
        entry, sheet = worksheets[name], scanned[name]
        edit = edits.setdefault(name, SheetEdit())
        notes, block = _mark_notes(package, entry, sheet, targets, edit, record, blocks)
        blocks.add(block)
        for target, (action, note) in zip(targets, notes, strict=True):
            record.marks.append(_record(len(record.marks) + 1, target, action, note, styles))
        _mark_cells(package, entry, sheet, targets, edit, parsed[name])
    return edits


def _select_issues_tab(package: Package, sheets: list[SheetEntry],
                       scanned: dict[str, sheetxml.Sheet], record: Record,
                       edits: dict[str, SheetEdit]) -> None:
    """Open on the Issues sheet (the next tab): unselect the selected tabs, remembering them."""
    active_index = int(record.active_tab) if record.active_tab.isdigit() else 0
    record.active_sheet = sheets[active_index].name if active_index < len(sheets) else ""
    selected = [(i, s) for i, s in enumerate(sheets)
                if s.part and is_selected(package, s, scanned[s.name].head if s.name in scanned
                                        else None)]
    record.selected_tabs = tuple(i for i, _ in selected)
    for _, entry in selected:  # two selected tabs would group the sheets for editing
        if entry.kind == "worksheet":
            edits.setdefault(entry.name, SheetEdit()).head.append(
                lambda text: set_selected(text, False))
        elif entry.part:
            package.write(entry.part, set_selected(package.text(entry.part), False))
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
                return _Target(mark, row, column, to_int(style), "styled")
            return _Target(mark, row, column, 0, "plain")
    # No <c> element: the cell shows its row's format, else its column's, else the default.
    inherited = sheetxml.row_style(text) if text is not None else None
    if inherited is None:
        inherited = next((s for first, last, s in sheetxml.column_styles(sheet.head)
                          if first <= column <= last), None)
    return _Target(mark, row, column, to_int(inherited), "absent")


def _mark_cells(package: Package, entry: SheetEntry, sheet: sheetxml.Sheet,
                targets: list[_Target], edit: SheetEdit,
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
                targets: list[_Target], edit: SheetEdit, record: Record,
                blocks: set[int]) -> tuple[list[tuple[NoteAction, dict[str, str]]], int]:
    """Write the marks' notes of one sheet; returns per target the note action and what it had."""
    comments_part, vml_part, _ = note_parts(package, entry, sheet.tail)
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
        rel_prefix = xt.namespace_prefix(root_tag(sheet.head), REL_NS)
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
    fill = styles.entry("fills", to_int(xf.get("fillId"))) if xf.get("fillId", "0") != "0" else ""
    border = styles.entry("borders", to_int(xf.get("borderId"))) if xf.get("borderId", "0") != "0" \
        else ""
    return MarkRecord(
        id=mark_id, sheet=mark.sheet, cell=mark.cell, fill=fill, border=border,
        style=str(origin), cell_form=target.form, mark_fill=mark.look.fill,
        mark_frame=mark.look.frame, mark_style=str(target.style), note_action=action,
        note=note["note"] if action is not NoteAction.UNTOUCHED else "",
        note_visible=note["note_visible"],
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
