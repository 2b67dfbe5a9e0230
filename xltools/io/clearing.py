"""Clearing: the file painter's second half — take out exactly what marking put in.

Each mark is found through its anchor (a hidden name Excel keeps pointing at the cell when
rows move or sheets are renamed), checked by the format it wears, and — when rows were
sorted, which moves cells but no references — by its format and its note wherever they
went. Cells still wearing one of xltools' formats are given their own format back; a mark
found nowhere is named, and its cell left alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from xltools.core.marks import (
    ISSUES_NAME,
    MARK_AUTHOR,
    NOTE_SEPARATOR,
    RECORD_NAME,
    MarkRecord,
    NoteAction,
    Record,
    anchor_id,
    cell_name,
    is_own_name,
    own_part,
    parse_reference,
    split_cell,
)
from xltools.errors import UnreadableWorkbookError
from xltools.io import sheetxml
from xltools.io import xmltext as xt
from xltools.io.markparts import (
    Progress,
    SheetEdit,
    find_styles_part,
    has_marks,
    legacy_drawing,
    load_styles,
    looks_marked,
    note_parts,
    own_sheet,
    rewrite_now,
    scan,
    set_selected,
    worksheets_of,
)
from xltools.io.notesxml import Comments, Vml
from xltools.io.package import (
    Package,
    SheetEntry,
)
from xltools.io.stylesxml import Styles, parse_counts


@dataclass(slots=True)
class ClearResult:
    """What clearing did."""

    restored: int = 0  # cells given back their own format
    missing: list[str] = field(default_factory=list)  # marks whose cell could not be found
    had_marks: bool = False  # the workbook held xltools marks or sheets
    written: bool = False  # an output file was written


def _record_of(package: Package, entry: SheetEntry) -> Record | None:
    assert entry.part is not None

    def shared() -> list[str]:
        found = package.related(package.workbook_part,
                                lambda rel: rel.type.endswith("/sharedStrings"))
        return sheetxml.shared_strings(package.read(found)) if found is not None else []

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
    record_entry = own_sheet(package, RECORD_NAME)
    record = _record_of(package, record_entry) if record_entry else None
    if record is None:
        record_entry, record = None, Record()  # a sheet that is not our record is left alone
    anchors = {mark_id: parse_reference(defined.text) for defined in package.defined_names()
               if (mark_id := anchor_id(defined.name)) is not None}
    return _Marked(record, record_entry, own_sheet(package, ISSUES_NAME), anchors)


def clear(package: Package, progress: Progress | None = None) -> ClearResult:
    """Take xltools' marks out of the package (not yet saved).

    Args:
        package: a workbook marked by either painter (or not marked at all).
        progress: told what is being done.

    Returns:
        How many cells were restored, which marks could not be found, whether there were any.
    """
    result = ClearResult()
    if not has_marks(package):
        return result
    result.had_marks = True
    marked = _marked(package)
    record = marked.record
    styles_part = find_styles_part(package)
    styles = load_styles(package, styles_part)
    sweep: dict[str, str] = {}  # a mark's format -> the format to give back
    for mark in record.marks:
        if mark.mark_style.isdigit() and looks_marked(styles, int(mark.mark_style), mark):
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
    worksheets = {n: e for n, e in worksheets_of(package).items() if n not in own}
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
        sheet = scan(package, entry, (), state.hits)
        edit = SheetEdit(rows={split_cell(c)[0] for c in here}, hits=state.hits)
        if name in reselect:
            edit.head.append(_reselect)
        found |= _clear_notes(package, entry, sheet.tail, noted.get(name, []), here, edit)
        if not (edit.rows or edit.head or edit.tail or sheet.hit):
            continue
        by_format = {split_cell(c)[0] for c, m in here.items() if not m.mark_style}
        edit.edit_row = lambda number, text, here=here, prefix=sheet.prefix, rows=by_format: \
            state.clear_row(number, text, here, prefix, number in rows)
        rewrite_now(package, entry, edit)
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
    return set_selected(text, True)


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
        pattern = rf"""\ss\s*=\s*["'](?:{alternatives})["']"""  # a cell's s="..." attribute
        self.hits = re.compile(pattern.encode()) if self.own else None
        self.text_hits = re.compile(pattern) if self.own else None

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
                    and style.isdigit() and looks_marked(self.styles, int(style), mark):
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
                 here: dict[str, MarkRecord], edit: SheetEdit) -> set[int]:
    """Take xltools' notes out of one sheet; returns the marks whose note was found."""
    noted = [m for m in marks if m.note_action is not NoteAction.UNTOUCHED]
    if not noted or entry.part is None:
        return set()
    comments_part, vml_part, vml_rel = note_parts(package, entry, tail)
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
    span, found = legacy_drawing(tail)
    if span is None or found != rel_id:
        return tail
    return tail[:span.start] + tail[span.end:]
