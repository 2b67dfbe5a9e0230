"""The parts of a workbook that marks touch, as both halves of the file painter see them.

Worksheets found through the workbook part, their notes parts, the styles part, which tab is
selected, and the rewrite of a worksheet part (streamed, see :mod:`xltools.io.sheetxml`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO

from xltools.core.marks import (
    MarkRecord,
    is_own_name,
    parse_reference,
)
from xltools.io import sheetxml
from xltools.io import xmltext as xt
from xltools.io.package import (
    REL_COMMENTS,
    REL_STYLES,
    Package,
    SheetEntry,
    UnsupportedWorkbookError,
)
from xltools.io.stylesxml import Styles

Progress = Callable[[str, int, int], None]  # (what is being done, done, total)


def find_styles_part(package: Package) -> str:
    """The styles part's member name.

    Raises:
        UnsupportedWorkbookError: the workbook has none.
    """
    found = package.related(package.workbook_part, lambda rel: rel.type == REL_STYLES)
    if found is not None:
        return found
    raise UnsupportedWorkbookError(package.path, "the workbook has no styles part; open and save "
                                                 "it in Excel once, then try again")


def load_styles(package: Package, part: str) -> Styles:
    """The styles part, editable.

    Raises:
        UnsupportedWorkbookError: it lacks a list marks need.
    """
    try:
        return Styles(package.text(part))
    except ValueError as error:
        raise UnsupportedWorkbookError(package.path, f"{part}: {error}") from None


def worksheets_of(package: Package) -> dict[str, SheetEntry]:
    """The workbook's worksheets (not chart or macro sheets) by name, in tab order."""
    return {s.name: s for s in package.sheets() if s.kind == "worksheet" and s.part}


def own_sheet(package: Package, name: str) -> SheetEntry | None:
    """The sheet a marker name points at (None when it is gone or points elsewhere)."""
    for defined in package.defined_names():
        if defined.name == name and defined.local_sheet is None:
            found = parse_reference(defined.text)
            if found:
                return worksheets_of(package).get(found[0])
    return None


def has_marks(package: Package) -> bool:
    """True when the workbook holds any of xltools' hidden names (anchors, sheet markers)."""
    return any(is_own_name(n.name) for n in package.defined_names())


def sheet_error(package: Package, sheet: str, error: Exception) -> UnsupportedWorkbookError:
    """The one-line refusal for a sheet whose XML xltools does not edit."""
    return UnsupportedWorkbookError(package.path, f"sheet '{sheet}' cannot be edited safely "
                                                  f"({error}); nothing was written")


def scan(package: Package, entry: SheetEntry, rows: Iterable[int],
          hits: re.Pattern[bytes] | None = None) -> sheetxml.Sheet:
    """Scan a worksheet (see :func:`xltools.io.sheetxml.scan`), refusing what cannot be edited.

    Raises:
        UnsupportedWorkbookError: the sheet's XML has a form xltools does not edit.
    """
    assert entry.part is not None
    try:
        with package.open_original(entry.part) as stream:
            return sheetxml.scan(stream, rows, hits)
    except (sheetxml.SheetFormatError, UnicodeDecodeError) as error:
        raise sheet_error(package, entry.name, error) from None


def root_tag(head: str) -> str:
    """The start tag of a part's document element (its namespace declarations)."""
    match = next(xt.start_tags(head), None)
    return match.group(0) if match else ""


def legacy_drawing(tail: str) -> tuple[xt.Span | None, str | None]:
    """The tail's <legacyDrawing> element and its relationship id."""
    span = xt.first(tail, "legacyDrawing")
    if span is None:
        return None, None
    attrs = xt.attributes(span.open_tag(tail))
    rel_id = next((v for k, v in attrs.items() if k.endswith(":id") or k == "id"), None)
    return span, rel_id


def note_parts(package: Package, entry: SheetEntry, tail: str) -> tuple[str | None, str | None,
                                                                          str | None]:
    """(comments part, VML part, VML relationship id) of a worksheet."""
    assert entry.part is not None
    comments = package.related(entry.part, lambda rel: rel.type == REL_COMMENTS)
    _, rel_id = legacy_drawing(tail)
    vml = package.related(entry.part, lambda rel: rel.id == rel_id)
    return comments, vml, rel_id


def is_selected(package: Package, entry: SheetEntry, head: str | None = None) -> bool:
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
                raise sheet_error(package, entry.name, error) from None
    view = xt.first(head, "sheetView")
    return view is not None and xt.attributes(view.open_tag(head)).get("tabSelected") in ("1",
                                                                                          "true")


def set_selected(text: str, selected: bool) -> str:
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
class SheetEdit:
    """Everything one rewrite of a worksheet part changes."""

    rows: set[int] = field(default_factory=set)
    edit_row: sheetxml.RowEdit | None = None
    new_rows: dict[int, str] = field(default_factory=dict)
    hits: re.Pattern[bytes] | None = None
    head: list[Callable[[str], str]] = field(default_factory=list)
    tail: list[Callable[[str], str]] = field(default_factory=list)


def rewrite_now(package: Package, entry: SheetEntry, edit: SheetEdit) -> None:
    """Rewrite a worksheet at once (into a temporary file), so its results are known before saving."""
    assert entry.part is not None
    part = entry.part

    def write(temp: IO[bytes]) -> None:
        with package.open_original(part) as stream:
            run_rewrite(stream, temp, edit)

    try:
        package.spool(part, write)
    except (sheetxml.SheetFormatError, UnicodeDecodeError) as error:
        raise sheet_error(package, entry.name, error) from None


def run_rewrite(stream: IO[bytes], out: IO[bytes], edit: SheetEdit) -> None:
    """Copy a worksheet part from ``stream`` to ``out`` with ``edit`` applied."""
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


def rewrite_later(package: Package, entry: SheetEntry, edit: SheetEdit) -> None:
    """Rewrite a worksheet while saving: its edits are all decided, its rows stream through."""
    assert entry.part is not None
    part = entry.part

    def produce(out: IO[bytes]) -> None:
        try:
            with package.open_original(part) as stream:
                run_rewrite(stream, out, edit)
        except (sheetxml.SheetFormatError, UnicodeDecodeError) as error:
            raise sheet_error(package, entry.name, error) from None

    package.write_stream(part, produce)


def looks_marked(styles: Styles, xf: int, mark: MarkRecord) -> bool:
    """True when format ``xf`` still carries this mark's fill (and frame, when one was painted)."""
    fill, frame = styles.look(xf)
    if (fill or "").upper() != mark.mark_fill.upper():
        return False
    return not mark.mark_frame or (frame or "").upper() == mark.mark_frame.upper()
