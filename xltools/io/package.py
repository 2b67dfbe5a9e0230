"""Edit an existing .xlsx/.xlsm at the level of its zip parts: change what must change, keep the rest.

A workbook is a zip of XML parts (OPC). :class:`Package` reads it, lets the marks painter
replace a few parts (text edits located with :mod:`xltools.io.xmltext`, or streamed for big
sheets) and add or remove parts together with their relationships and content types, and
writes every other member unchanged: same names, same order, same compression method, the
same bytes once unpacked. Pictures, shapes, threaded comments, extension lists, macros and
their signatures, custom ribbons and document properties are parts xltools never opens.

What cannot be kept is refused before anything is written (:class:`UnsupportedWorkbookError`):
a Strict Open XML workbook, a digitally signed package, parts in an encoding other than UTF-8.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from xltools.errors import UnreadableWorkbookError
from xltools.io import xmltext as xt

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

REL_WORKSHEET = f"{REL_NS}/worksheet"
REL_COMMENTS = f"{REL_NS}/comments"
REL_VML = f"{REL_NS}/vmlDrawing"
REL_STYLES = f"{REL_NS}/styles"
REL_SIGNATURE_ORIGIN = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin"

CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"

Producer = Callable[[IO[bytes]], None]
_PARSE_WHOLE_BYTES = 4 * 1024 * 1024
# What may come before a document's root element: comments, processing instructions, a DTD.
_PROLOG = re.compile(rb"<!--.*?-->|<\?.*?\?>|<!DOCTYPE|<!ENTITY|<(?![!?])", re.S)


class UnsupportedWorkbookError(UnreadableWorkbookError):
    """The workbook holds something a marked or cleared copy could not keep; nothing is written."""


@dataclass(frozen=True, slots=True)
class Relationship:
    """One relationship of a part: id, type and the part it points to (None when external)."""

    id: str
    type: str
    target: str | None


@dataclass(frozen=True, slots=True)
class SheetEntry:
    """One ``<sheet>`` of workbook.xml: its name, part, relationship id and visibility."""

    name: str
    part: str | None  # zip member of the sheet, None when the relationship is broken
    rel_id: str
    sheet_id: int
    state: str  # visible, hidden or veryHidden
    kind: str  # the relationship type's last word: worksheet, chartsheet, dialogsheet, ...


@dataclass(frozen=True, slots=True)
class DefinedName:
    """One ``<definedName>``: its name, reference text (unescaped) and sheet scope."""

    name: str
    text: str
    local_sheet: int | None


def rels_part(part: str) -> str:
    """The relationships part of a part: ``xl/workbook.xml`` -> ``xl/_rels/workbook.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def resolve(source: str, target: str) -> str:
    """The zip member a relationship target of ``source`` names (relative or absolute)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def relative(source: str, part: str) -> str:
    """The target text that points from ``source`` to ``part`` (relative, as Excel writes)."""
    return posixpath.relpath(part, posixpath.dirname(source) or ".")


class Package:
    """An OOXML workbook opened for part-level editing.

    Args:
        path: the .xlsx or .xlsm file; checked like every input (size, zip bomb, DTDs).

    Raises:
        UnreadableWorkbookError: the file cannot be read as a workbook.
        UnsupportedWorkbookError: it holds something an edited copy could not keep.
    """

    def __init__(self, path: str | Path) -> None:
        from xltools.io.read import check_file

        self.path = Path(path)
        check_file(self.path)
        try:
            self._zip = zipfile.ZipFile(self.path)
            self._infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError) as error:
            raise UnreadableWorkbookError(self.path, f"the file is damaged ({error})") from None
        self._order = [info.filename for info in self._infos]
        self._info = {info.filename: info for info in self._infos}
        self._texts: dict[str, str] = {}  # parts changed as text
        self._streams: dict[str, Producer] = {}  # parts written by a producer at save time
        self._removed: set[str] = set()
        self._spooled: list[IO[bytes]] = []
        self._names: tuple[str, list[DefinedName]] | None = None
        self._read_texts: dict[str, str] = {}
        self.workbook_part = self._find_workbook()
        self._check_supported()

    # --- reading ----------------------------------------------------------------------

    def close(self) -> None:
        """Release the source file and the temporary files of rewritten parts."""
        self._zip.close()
        for temp in self._spooled:
            temp.close()

    def spool(self, part: str, write: Producer) -> None:
        """Replace a part with what ``write`` writes now, kept in a temporary file until saved.

        For a big part whose rewrite must finish before saving (its results decide other parts).
        """
        import tempfile

        temp = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close(), after saving
        self._spooled.append(temp)
        write(temp)

        def copy(out: IO[bytes]) -> None:
            temp.seek(0)
            shutil.copyfileobj(temp, out, 1 << 20)

        self.write_stream(part, copy)

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def has(self, part: str) -> bool:
        """True when the package holds ``part`` (after the edits so far)."""
        if part in self._removed:
            return False
        return part in self._texts or part in self._streams or part in self._info

    def names(self) -> list[str]:
        """Every member, in the order it will be written."""
        added = [p for p in (*self._texts, *self._streams) if p not in self._info]
        return [p for p in (*self._order, *dict.fromkeys(added)) if self.has(p)]

    def read(self, part: str) -> bytes:
        """A member's bytes, as edited so far.

        Raises:
            KeyError: no such member (or it is written by a producer).
        """
        if part in self._removed:
            raise KeyError(part)
        if part in self._texts:
            return self._texts[part].encode("utf-8")
        try:
            return self._zip.read(part)
        except KeyError:
            raise
        except Exception as error:  # zlib errors, bad CRC: a damaged member
            raise UnreadableWorkbookError(self.path, f"the part {part} is damaged "
                                                     f"({type(error).__name__})") from None

    def open_original(self, part: str) -> IO[bytes]:
        """A stream over a member as the source file holds it (for parts too big to load)."""
        return self._zip.open(part)

    def size(self, part: str) -> int:
        """The unpacked size of a source member (0 for new parts)."""
        info = self._info.get(part)
        return info.file_size if info else 0

    def text(self, part: str) -> str:
        """A member as text, checked to be safe, well-formed UTF-8 XML.

        Raises:
            UnsupportedWorkbookError: the part is not UTF-8.
            UnreadableWorkbookError: the part is not well-formed XML.
        """
        if part in self._texts:
            return self._texts[part]
        if part in self._read_texts:
            return self._read_texts[part]
        data = self.read(part)
        try:
            if data.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise UnicodeError
            text = data.decode("utf-8-sig", errors="strict") if data else ""
        except UnicodeError:
            raise UnsupportedWorkbookError(
                self.path, f"the part {part} is not stored as UTF-8; xltools edits UTF-8 parts "
                           "only (save the workbook again in Excel and try once more)") from None
        if not part.endswith(".vml"):  # legacy VML is not always well-formed; never parsed
            self._check_xml(part, data)
        self._read_texts[part] = text  # read once: checked once, and the same text each time
        return text

    def _check_xml(self, part: str, data: bytes) -> None:
        """Refuse a part that is not well-formed XML or declares entities.

        Parts up to a few megabytes are parsed whole with defusedxml. Bigger ones (a notes
        part of a very large plan) are only checked for a DTD before their root element, the
        one place entities can be declared: xltools' own scanner resolves no other entities.
        """
        import defusedxml.ElementTree as SafeTree

        if len(data) > _PARSE_WHOLE_BYTES:
            for token in _PROLOG.finditer(data):
                if token.group(0).startswith((b"<!DOCTYPE", b"<!ENTITY")):
                    raise UnreadableWorkbookError(
                        self.path, f"the part {part} declares XML entities; refused for safety")
                if token.group(0) == b"<":
                    return  # the root element: no DTD can follow
            return
        try:
            SafeTree.fromstring(data)
        except Exception as error:  # ParseError, defusedxml's DTD/entity refusals
            raise UnreadableWorkbookError(
                self.path, f"the part {part} is not readable XML ({type(error).__name__})") from None

    # --- writing ----------------------------------------------------------------------

    def write(self, part: str, text: str) -> None:
        """Replace (or add) a part with text."""
        self._removed.discard(part)
        self._streams.pop(part, None)
        self._texts[part] = text

    def write_stream(self, part: str, producer: Producer) -> None:
        """Replace (or add) a part whose bytes ``producer`` writes at save time."""
        self._removed.discard(part)
        self._texts.pop(part, None)
        self._streams[part] = producer

    def remove(self, part: str) -> None:
        """Drop a part (its relationships and content type are the caller's business)."""
        self._texts.pop(part, None)
        self._read_texts.pop(part, None)
        self._streams.pop(part, None)
        self._removed.add(part)

    def free_name(self, pattern: str) -> str:
        """The first member name ``pattern.format(n)`` (n = 1, 2, ...) that is not taken."""
        taken = {p.lower() for p in self.names()}
        n = 1
        while pattern.format(n).lower() in taken:
            n += 1
        return pattern.format(n)

    def save(self, target: str | Path, progress: Callable[[int, int], None] | None = None) -> None:
        """Write the package to ``target`` (a temporary file the caller moves into place).

        Unchanged members are copied with their own name, date and compression method.

        Args:
            target: the file to write.
            progress: called with (members written, members in all) after each member.
        """
        names = self.names()
        with zipfile.ZipFile(target, "w", allowZip64=True) as out:
            for done, part in enumerate(names, start=1):
                original = self._info.get(part)
                info = zipfile.ZipInfo(part, date_time=original.date_time if original
                                       else (1980, 1, 1, 0, 0, 0))
                info.compress_type = original.compress_type if original else zipfile.ZIP_DEFLATED
                if original is not None:
                    info.external_attr = original.external_attr
                    info.create_system = original.create_system
                if part in self._streams:
                    with out.open(info, "w", force_zip64=self.size(part) > 1 << 30) as stream:
                        self._streams[part](stream)
                elif part in self._texts:
                    out.writestr(info, self._texts[part].encode("utf-8"))
                else:
                    assert original is not None
                    with self._zip.open(original) as source, \
                            out.open(info, "w", force_zip64=original.file_size > 1 << 30) as sink:
                        shutil.copyfileobj(source, sink, 1 << 20)
                if progress:
                    progress(done, len(names))

    # --- relationships and content types ----------------------------------------------

    def relationships(self, part: str) -> list[Relationship]:
        """The relationships of ``part`` (targets resolved to member names)."""
        rels = rels_part(part)
        if not self.has(rels):
            return []
        text = self.text(rels)
        found = []
        for span in xt.elements(text, "Relationship"):
            attrs = xt.attributes(span.open_tag(text))
            external = attrs.get("TargetMode") == "External"
            target = attrs.get("Target", "")
            found.append(Relationship(attrs.get("Id", ""), attrs.get("Type", ""),
                                      None if external else resolve(part, target)))
        return found


    def related(self, part: str, wanted: Callable[[Relationship], bool]) -> str | None:
        """The member named by ``part``'s first relationship that is ``wanted`` and exists."""
        return next((r.target for r in self.relationships(part)
                     if r.target and wanted(r) and self.has(r.target)), None)

    def add_relationship(self, part: str, rel_type: str, target: str) -> str:
        """Add a relationship from ``part`` to the member ``target``; returns its new id."""
        rels = rels_part(part)
        if self.has(rels):
            text = self.text(rels)
        else:
            text = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<Relationships xmlns="{PACKAGE_REL_NS}"></Relationships>')
        taken = {r.id for r in self.relationships(part)} if self.has(rels) else set()
        numbers = [int(m.group(1)) for i in taken if (m := re.fullmatch(r"rId(\d+)", i))]
        n = max(numbers, default=0) + 1
        while f"rId{n}" in taken:
            n += 1
        top = xt.root(text)
        prefix = xt.namespace_prefix(top.open_tag(text), PACKAGE_REL_NS)
        element = (f'<{xt.qualified(prefix, "Relationship")} Id="rId{n}" '
                   f'Type="{xt.escape_attribute(rel_type)}" '
                   f'Target="{xt.escape_attribute(relative(part, target))}"/>')
        self.write(rels, _append_child(text, top, element))
        return f"rId{n}"

    def remove_relationship(self, part: str, rel_id: str) -> None:
        """Remove one relationship of ``part``; an emptied relationships part goes too."""
        rels = rels_part(part)
        if not self.has(rels):
            return
        text = self.text(rels)
        for span in xt.elements(text, "Relationship"):
            if xt.attributes(span.open_tag(text)).get("Id") == rel_id:
                text = text[:span.start] + text[span.end:]
                break
        if not xt.elements(text, "Relationship"):
            self.remove(rels)
        else:
            self.write(rels, text)

    def add_override(self, part: str, content_type: str) -> None:
        """Declare the content type of a new member."""
        self._add_type("Override", f'PartName="/{xt.escape_attribute(part)}" '
                                   f'ContentType="{content_type}"')

    def remove_override(self, part: str) -> None:
        """Drop the content type declaration of a removed member."""
        text = self.text("[Content_Types].xml")
        for span in xt.elements(text, "Override"):
            if xt.attributes(span.open_tag(text)).get("PartName", "").lstrip("/").lower() \
                    == part.lower():
                self.write("[Content_Types].xml", text[:span.start] + text[span.end:])
                return

    def ensure_default(self, extension: str, content_type: str) -> bool:
        """Declare a content type for an extension when none is; True when one was added."""
        text = self.text("[Content_Types].xml")
        for span in xt.elements(text, "Default"):
            if xt.attributes(span.open_tag(text)).get("Extension", "").lower() == extension:
                return False
        self._add_type("Default", f'Extension="{extension}" ContentType="{content_type}"')
        return True

    def remove_default(self, extension: str) -> None:
        """Drop an extension's Default content type."""
        text = self.text("[Content_Types].xml")
        for span in xt.elements(text, "Default"):
            if xt.attributes(span.open_tag(text)).get("Extension", "").lower() == extension:
                self.write("[Content_Types].xml", text[:span.start] + text[span.end:])
                return

    def _add_type(self, local: str, attrs: str) -> None:
        text = self.text("[Content_Types].xml")
        top = xt.root(text)
        prefix = xt.namespace_prefix(top.open_tag(text), TYPES_NS)
        element = f"<{xt.qualified(prefix, local)} {attrs}/>"
        if local == "Default":  # Defaults come before Overrides in Excel's files
            first = xt.first(text, "Override", top.open_end, top.close_start, depth=1)
            if first is not None:
                self.write("[Content_Types].xml", text[:first.start] + element + text[first.start:])
                return
        self.write("[Content_Types].xml", _append_child(text, top, element))

    # --- the workbook part ------------------------------------------------------------

    def _find_workbook(self) -> str:
        if not self.has("_rels/.rels") or not self.has("[Content_Types].xml"):
            raise UnreadableWorkbookError(self.path, "this zip archive is not an Excel workbook")
        for rel in self.relationships(""):
            if rel.type.endswith("/officeDocument") and rel.target:
                if rel.type.startswith("http://purl.oclc.org/"):
                    raise _strict(self.path)
                if self.has(rel.target):
                    return rel.target
        raise UnreadableWorkbookError(self.path, "the workbook part is missing (not an Excel "
                                                 "workbook, or a damaged one)")

    def _check_supported(self) -> None:
        text = self.text(self.workbook_part)
        top = xt.root(text)
        if xt.namespace_prefix(top.open_tag(text), STRICT_NS) is not None:
            raise _strict(self.path)
        if any(r.type == REL_SIGNATURE_ORIGIN for r in self.relationships("")):
            raise UnsupportedWorkbookError(
                self.path, "the workbook is digitally signed; any change would break the "
                           "signature, so xltools does not mark or clear it (remove the "
                           "signature in Excel first, or work on an unsigned copy)")

    def _workbook_prefixes(self) -> tuple[str | None, str | None]:
        text = self.text(self.workbook_part)
        tag = xt.root(text).open_tag(text)
        return xt.namespace_prefix(tag, MAIN_NS), xt.namespace_prefix(tag, REL_NS)

    def sheets(self) -> list[SheetEntry]:
        """Every ``<sheet>`` of the workbook, in tab order."""
        text = self.text(self.workbook_part)
        _, rel_prefix = self._workbook_prefixes()
        rels = {r.id: r for r in self.relationships(self.workbook_part)}
        found = []
        for span in xt.elements(text, "sheet"):
            attrs = xt.attributes(span.open_tag(text))
            rel_id = attrs.get(xt.qualified(rel_prefix, "id"), "") if rel_prefix else ""
            rel = rels.get(rel_id)
            part = rel.target if rel and rel.target and self.has(rel.target) else None
            kind = rel.type.rpartition("/")[2] if rel else ""
            sheet_id = attrs.get("sheetId", "0")
            found.append(SheetEntry(attrs.get("name", ""), part, rel_id,
                                    int(sheet_id) if sheet_id.isdigit() else 0,
                                    attrs.get("state", "visible"), kind))
        return found

    def add_sheet(self, name: str, part: str, producer: Producer, *, hidden: bool = False) -> None:
        """Add a worksheet at the end of the tabs (no other sheet's index moves).

        Args:
            name: its title (unique; the caller checks).
            part: the new member's name.
            producer: writes the sheet's XML at save time.
            hidden: hide its tab.
        """
        self.write_stream(part, producer)
        self.add_override(part, CT_WORKSHEET)
        rel_id = self.add_relationship(self.workbook_part, REL_WORKSHEET, part)
        text = self.text(self.workbook_part)
        main, rel_prefix = self._workbook_prefixes()
        if rel_prefix is None:
            raise UnsupportedWorkbookError(self.path, "workbook.xml declares no relationships "
                                                      "namespace; it cannot be extended safely")
        sheets = xt.first(text, "sheets")
        assert sheets is not None
        sheet_id = max((s.sheet_id for s in self.sheets()), default=0) + 1
        state = ' state="hidden"' if hidden else ""
        element = (f'<{xt.qualified(main, "sheet")} name="{xt.escape_attribute(name)}" '
                   f'sheetId="{sheet_id}"{state} {rel_prefix}:id="{rel_id}"/>')
        self.write(self.workbook_part, _append_child(text, sheets, element))

    def remove_sheet(self, name: str) -> SheetEntry | None:
        """Remove a worksheet's tab, part, relationship, content type and its own parts' links.

        The sheet's related parts (its relationships part) are removed with it; parts it
        points to are left to the caller. Returns the removed entry, None when not found.
        """
        entry = next((s for s in self.sheets() if s.name == name), None)
        if entry is None:
            return None
        text = self.text(self.workbook_part)
        for span in xt.elements(text, "sheet"):
            if xt.attributes(span.open_tag(text)).get("name") == name:
                self.write(self.workbook_part, text[:span.start] + text[span.end:])
                break
        self.remove_relationship(self.workbook_part, entry.rel_id)
        if entry.part:
            self.remove(entry.part)
            self.remove_override(entry.part)
            if self.has(rels_part(entry.part)):
                self.remove(rels_part(entry.part))
        return entry

    def defined_names(self) -> list[DefinedName]:
        """Every defined name of the workbook."""
        text = self.text(self.workbook_part)
        if self._names is not None and self._names[0] is text:
            return list(self._names[1])
        found = []
        for span in xt.elements(text, "definedName"):
            tag = span.open_tag(text)
            local = xt.attribute(tag, "localSheetId")
            found.append(DefinedName(xt.attribute(tag, "name") or "", xt.unescape(span.inner(text)),
                                     int(local) if local and local.isdigit() else None))
        self._names = (text, found)
        return list(found)

    def add_names(self, names: Iterable[tuple[str, str]]) -> None:
        """Add hidden workbook-level defined names (``(name, reference)``) in one edit."""
        names = list(names)
        if not names:
            return
        text = self.text(self.workbook_part)
        main, _ = self._workbook_prefixes()
        tag = xt.qualified(main, "definedName")
        block = "".join(f'<{tag} name="{xt.escape_attribute(n)}" hidden="1">'
                        f"{xt.escape_text(ref)}</{tag}>" for n, ref in names)
        existing = xt.first(text, "definedNames")
        if existing is not None:
            if existing.empty:
                opened = existing.open_tag(text)[:-2].rstrip() + ">"
                text = (text[:existing.start] + opened + block
                        + f"</{xt.qualified(main, 'definedNames')}>" + text[existing.end:])
            else:
                text = text[:existing.close_start] + block + text[existing.close_start:]
        else:
            wrapper = (f"<{xt.qualified(main, 'definedNames')}>{block}"
                       f"</{xt.qualified(main, 'definedNames')}>")
            text = _insert_in_order(text, wrapper, _AFTER_DEFINED_NAMES)
        self.write(self.workbook_part, text)

    def remove_names(self, keep: Callable[[str], bool]) -> int:
        """Remove every defined name for which ``keep(name)`` is False; an emptied list goes too.

        Returns:
            How many names were removed.
        """
        text = self.text(self.workbook_part)
        container = xt.first(text, "definedNames")
        if container is None:
            return 0
        spans = xt.elements(text, "definedName", container.open_end, container.close_start)
        dropped = [s for s in spans if not keep(xt.attribute(s.open_tag(text), "name") or "")]
        if not dropped:
            return 0
        pieces, position = [], 0
        for span in dropped:
            pieces.append(text[position:span.start])
            position = span.end
        pieces.append(text[position:])
        text = "".join(pieces)
        if len(dropped) == len(spans):
            container = xt.first(text, "definedNames")
            assert container is not None
            text = text[:container.start] + text[container.end:]
        self.write(self.workbook_part, text)
        return len(dropped)

    def active_tab(self) -> str:
        """The first workbook view's ``activeTab`` attribute as written ('' when absent)."""
        text = self.text(self.workbook_part)
        view = xt.first(text, "workbookView")
        return xt.attributes(view.open_tag(text)).get("activeTab", "") if view else ""

    def set_active_tab(self, value: str) -> None:
        """Set (or with '' remove) the first workbook view's ``activeTab``."""
        text = self.text(self.workbook_part)
        view = xt.first(text, "workbookView")
        if view is None:
            if not value:
                return
            main, _ = self._workbook_prefixes()
            views = (f"<{xt.qualified(main, 'bookViews')}><{xt.qualified(main, 'workbookView')} "
                     f'activeTab="{value}"/></{xt.qualified(main, "bookViews")}>')
            self.write(self.workbook_part, _insert_in_order(text, views, _AFTER_BOOK_VIEWS))
            return
        tag = view.open_tag(text)
        tag = xt.set_attribute(tag, "activeTab", value) if value else xt.remove_attribute(tag,
                                                                                          "activeTab")
        self.write(self.workbook_part, text[:view.start] + tag + text[view.open_end:])


# The children of <workbook> that follow <definedNames> / <bookViews>, in schema order: a new
# element goes before the first of them that the file has.
_AFTER_DEFINED_NAMES = ("calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr",
                        "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects",
                        "extLst")
_AFTER_BOOK_VIEWS = ("sheets",)


def _append_child(text: str, parent: xt.Span, element: str) -> str:
    """``text`` with ``element`` as the last child of ``parent`` (expanding ``<a/>``)."""
    if parent.empty:
        opened = parent.open_tag(text)[:-2].rstrip() + ">"
        return text[:parent.start] + opened + element + f"</{parent.name}>" + text[parent.end:]
    return text[:parent.close_start] + element + text[parent.close_start:]


def _insert_in_order(text: str, element: str, followers: tuple[str, ...]) -> str:
    """Insert a top-level child of the root before the first of ``followers`` (else last)."""
    top = xt.root(text)
    for child in xt.elements(text, None, top.open_end, top.close_start, depth=1):
        if child.local in followers:
            return text[:child.start] + element + text[child.start:]
    return _append_child(text, top, element)


def _strict(path: Path) -> UnsupportedWorkbookError:
    return UnsupportedWorkbookError(
        path, "the workbook is saved as Strict Open XML; xltools marks and clears ordinary "
              ".xlsx/.xlsm files only (in Excel: File > Save As > Excel Workbook, then try "
              "again)")
