"""Notes in a sheet's parts: the comments part (the text) and the legacy VML drawing (the box).

Excel keeps a note's text in the sheet's comments part and its box (size, colour, whether
it always shows) as a shape in the sheet's VML drawing, which it shares with form buttons.
xltools adds its notes to both, puts its messages in front of a note a cell already has
(leaving that note's box alone), and takes out exactly what it put in. A note that mirrors
an Excel 365 comment thread (its author is ``tc={id}``) is never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xltools.core.marks import split_cell
from xltools.io import xmltext as xt
from xltools.io.package import MAIN_NS

VML_NS = "urn:schemas-microsoft-com:vml"
OFFICE_NS = "urn:schemas-microsoft-com:office:office"
EXCEL_NS = "urn:schemas-microsoft-com:office:excel"
THREAD_AUTHOR = "tc="  # authors of notes that mirror a comment thread start so
_RUN_FORMAT = '<{rPr}><{sz} val="9"/><{color} indexed="81"/><{font} val="Tahoma"/>' \
              '<{family} val="2"/></{rPr}>'
_SHAPE_ID = re.compile(r"_x0000_s(\d+)")
_OBJECT_TYPE = re.compile(r"""<(?:\w+:)?ClientData\b[^>]*\bObjectType\s*=\s*["'](\w+)["']""")
_VISIBLE = re.compile(r"<(?:\w+:)?Visible\s*/?>")
_ROW = re.compile(r"<(?:\w+:)?Row>\s*(\d+)\s*</(?:\w+:)?Row>")
_COLUMN = re.compile(r"<(?:\w+:)?Column>\s*(\d+)\s*</(?:\w+:)?Column>")
_IDMAP = re.compile(r"""idmap\b[^>]*\bdata\s*=\s*["']([\d,\s]+)["']""")


@dataclass(frozen=True, slots=True)
class Note:
    """A note as the comments part holds it."""

    ref: str
    author: str
    text: str  # plain text of every run
    xml: str  # the <comment> element as written


class Comments:
    """An editable comments part; ``None`` starts a new, empty one.

    Args:
        text: the part's XML text, or None for a sheet without notes yet.
    """

    def __init__(self, text: str | None) -> None:
        self.created = text is None
        if text is None:
            text = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments '
                    f'xmlns="{MAIN_NS}"><authors></authors><commentList></commentList></comments>')
        self.original = text
        top = xt.root(text)
        self.prefix = top.name.rpartition(":")[0] if ":" in top.name else ""
        self._authors_span = xt.first(text, "authors", top.open_end, top.close_start)
        self._list_span = xt.first(text, "commentList", top.open_end, top.close_start)
        if self._authors_span is None or self._list_span is None:
            raise ValueError("the comments part has no authors or no comment list")
        self.authors = [xt.ooxml_unescape(xt.unescape(s.inner(text)))
                        for s in xt.elements(text, "author", self._authors_span.open_end,
                                             self._authors_span.close_start)]
        # where each cell's note is; a note is read from the text only when asked for
        self._spans: dict[str, xt.Span] = {}
        for span in xt.elements(text, "comment", self._list_span.open_end,
                                self._list_span.close_start):
            self._spans[(xt.attribute(span.open_tag(text), "ref") or "").upper()] = span
        self._replaced: dict[str, str] = {}  # ref -> new XML ('' deletes)
        self._added: list[str] = []
        self._new_authors: list[str] = []

    def _name(self, local: str) -> str:
        return xt.qualified(self.prefix, local)

    def _run(self, text: str) -> str:
        n = self._name
        fmt = _RUN_FORMAT.format(rPr=n("rPr"), sz=n("sz"), color=n("color"), font=n("rFont"),
                                 family=n("family"))
        body = xt.escape_text(xt.ooxml_escape(text))
        return f'<{n("r")}>{fmt}<{n("t")} xml:space="preserve">{body}</{n("t")}></{n("r")}>'

    def _author_id(self, name: str) -> int:
        everyone = [*self.authors, *self._new_authors]
        if name in everyone:
            return everyone.index(name)
        self._new_authors.append(name)
        return len(everyone)

    @property
    def refs(self) -> list[str]:
        """The cells the part held notes for (before the edits)."""
        return list(self._spans)

    def original_note(self, ref: str) -> Note | None:
        """The note of a cell as the part held it, None when it had none."""
        span = self._spans.get(ref)
        if span is None:
            return None
        xml = self.original[span.start:span.end]
        author_id = xt.attribute(span.open_tag(self.original), "authorId") or "0"
        index = int(author_id) if author_id.isdigit() else 0
        author = self.authors[index] if index < len(self.authors) else ""
        return Note(ref, author, plain_text(xml), xml)

    def note(self, ref: str) -> Note | None:
        """The note of a cell as it is now (after the edits so far)."""
        if ref in self._replaced:
            xml = self._replaced[ref]
            return Note(ref, "", plain_text(xml), xml) if xml else None
        return self.original_note(ref)

    def add(self, ref: str, text: str, author: str) -> None:
        """Add a note to a cell that has none."""
        n = self._name
        self._added.append(f'<{n("comment")} ref="{ref}" authorId="{self._author_id(author)}" '
                           f'shapeId="0"><{n("text")}>{self._run(text)}</{n("text")}>'
                           f'</{n("comment")}>')

    def merge(self, ref: str, head: str) -> None:
        """Put ``head`` (xltools' messages and the separator) in front of a cell's own note."""
        note = self.original_note(ref)
        assert note is not None
        xml = note.xml
        body = xt.first(xml, "text")
        if body is None:
            raise ValueError(f"the note of {ref} has no text")
        inner = body.inner(xml)
        plain = xt.first(inner, "t", depth=1)
        if plain is not None:  # <text><t>...</t></text>: runs and a bare <t> cannot mix
            inner = (inner[:plain.start] + f'<{self._name("r")}>' + inner[plain.start:plain.end]
                     + f'</{self._name("r")}>' + inner[plain.end:])
        self._replaced[ref] = xml[:body.open_end] + self._run(head) + inner + xml[body.close_start:]

    def replace(self, ref: str, xml: str) -> None:
        """Put a (recorded) note in place of the note of cell ``ref``, addressed to ``ref``."""
        tag_end = xml.find(">") + 1
        if xt.attributes(xml[:tag_end]).get("ref", "").upper() != ref:  # the cell has moved
            xml = xt.set_attribute(xml[:tag_end], "ref", ref) + xml[tag_end:]
        self._replaced[ref] = xml

    def delete(self, ref: str) -> None:
        """Delete a cell's note."""
        self._replaced[ref] = ""

    def remaining(self) -> int:
        """How many notes the part will hold."""
        kept = sum(1 for ref in self._spans if self._replaced.get(ref, "x"))
        return kept + len(self._added)

    def unused_last_author(self, name: str) -> bool:
        """True when ``name`` is the last author and, after the edits, no note uses it."""
        if not self.authors or self.authors[-1] != name or self._new_authors:
            return False
        index = str(len(self.authors) - 1)
        for ref, span in self._spans.items():
            tag = self._replaced[ref][:self._replaced[ref].find(">") + 1] \
                if ref in self._replaced else span.open_tag(self.original)
            if tag and xt.attribute(tag, "authorId") == index:
                return False
        return True

    def text(self, *, drop_last_author: bool = False) -> str:
        """The part's text with every edit applied."""
        text = self.original
        edits: list[tuple[int, int, str]] = []
        for ref, xml in self._replaced.items():
            span = self._spans[ref]
            edits.append((span.start, span.end, xml))
        if self._added:
            edits.append((self._list_span.close_start, self._list_span.close_start,
                          "".join(self._added)))
        authors = self._authors_span
        if self._new_authors:
            n = self._name
            block = "".join(f'<{n("author")}>{xt.escape_text(xt.ooxml_escape(a))}</{n("author")}>'
                            for a in self._new_authors)
            if authors.empty:
                tag = authors.open_tag(text)[:-2].rstrip() + ">"
                edits.append((authors.start, authors.end, tag + block + f"</{authors.name}>"))
            else:
                edits.append((authors.close_start, authors.close_start, block))
        elif drop_last_author:
            last = xt.elements(text, "author", authors.open_end, authors.close_start)[-1]
            edits.append((last.start, last.end, ""))
        return xt.apply_edits(text, edits)




def plain_text(comment_xml: str) -> str:
    """The text of a ``<comment>`` element: its runs' text, without phonetic runs."""
    return "".join(xt.ooxml_unescape(xt.unescape(text)) for text in xt.run_texts(comment_xml))


class Vml:
    """An editable legacy VML drawing; ``None`` starts a new one in shape block ``block``.

    Args:
        text: the part's text, or None for a sheet without one.
        block: for a new drawing, the shape-id block no other drawing uses (1024 ids each).
    """

    def __init__(self, text: str | None, block: int = 1) -> None:
        self.created = text is None
        if text is None:
            text = (f'<xml xmlns:v="{VML_NS}" xmlns:o="{OFFICE_NS}" xmlns:x="{EXCEL_NS}">'
                    f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{block}"/>'
                    "</o:shapelayout></xml>")
        self.original = text
        top = xt.root(text)
        tag = top.open_tag(text)
        self.v = xt.namespace_prefix(tag, VML_NS)
        self.o = xt.namespace_prefix(tag, OFFICE_NS)
        self.x = xt.namespace_prefix(tag, EXCEL_NS)
        self._declare = ""
        for prefix, uri, wanted in (("v", VML_NS, self.v), ("o", OFFICE_NS, self.o),
                                    ("x", EXCEL_NS, self.x)):
            if wanted is None:  # a drawing without this namespace yet: declare it
                self._declare += f' xmlns:{prefix}="{uri}"'
        self.v, self.o, self.x = self.v or "v", self.o or "o", self.x or "x"
        self._root = top
        self._shapes: dict[tuple[int, int], xt.Span] = {}
        self.shape_count = 0
        for span in xt.elements(text, "shape"):
            self.shape_count += 1
            inner = span.inner(text)
            kind = _OBJECT_TYPE.search(inner)
            if kind is None or kind.group(1) != "Note":
                continue
            row, column = _ROW.search(inner), _COLUMN.search(inner)
            if row and column:
                self._shapes[(int(row.group(1)), int(column.group(1)))] = span
        numbers = [int(n) for n in _SHAPE_ID.findall(text)]
        self._next = max(numbers) + 1 if numbers else block * 1024 + 1
        self._deleted: set[tuple[int, int]] = set()
        self._added: list[str] = []
        self._has_type = '"_x0000_t202"' in text or "'_x0000_t202'" in text

    def visible(self, cell: str) -> bool | None:
        """Whether the note box of a cell always shows; None when the drawing has no box for it."""
        span = self._shapes.get(_zero_based(cell))
        if span is None:
            return None
        return _VISIBLE.search(span.inner(self.original)) is not None

    def add(self, cell: str) -> None:
        """Add a hidden note box for a cell (shown when the pointer rests on the cell)."""
        row, column = _zero_based(cell)
        v, o, x = self.v, self.o, self.x
        shape_id = self._next
        self._next += 1
        top = max(row - 1, 0)
        self._added.append(
            f'<{v}:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="position:absolute;'
            f'margin-left:80pt;margin-top:2pt;width:260pt;height:110pt;z-index:{shape_id};'
            f'visibility:hidden" fillcolor="#ffffe1" {o}:insetmode="auto">'
            f'<{v}:fill color2="#ffffe1"/><{v}:shadow on="t" color="black" obscured="t"/>'
            f'<{v}:path {o}:connecttype="none"/><{v}:textbox style="mso-direction-alt:auto">'
            f'<div style="text-align:left"></div></{v}:textbox>'
            f'<{x}:ClientData ObjectType="Note"><{x}:MoveWithCells/><{x}:SizeWithCells/>'
            f"<{x}:Anchor>{column + 1}, 15, {top}, 10, {column + 5}, 15, {top + 7}, 4</{x}:Anchor>"
            f"<{x}:AutoFill>False</{x}:AutoFill><{x}:Row>{row}</{x}:Row>"
            f"<{x}:Column>{column}</{x}:Column></{x}:ClientData></{v}:shape>")

    def delete(self, cell: str) -> bool:
        """Delete the note box of a cell; False when there is none."""
        key = _zero_based(cell)
        if key not in self._shapes:
            return False
        self._deleted.add(key)
        return True

    def remaining(self) -> int:
        """How many shapes (notes, buttons, ...) the drawing will hold."""
        return self.shape_count - len(self._deleted) + len(self._added)

    def text(self) -> str:
        """The drawing's text with every edit applied."""
        text = self.original
        edits: list[tuple[int, int, str]] = []
        for key in self._deleted:
            span = self._shapes[key]
            edits.append((span.start, span.end, ""))
        if self._deleted and len(self._deleted) == len(self._shapes) and not self._added:
            # The note box type was added with the first note; with the last note it goes too,
            # unless some other shape still uses it.
            notes = {span.start for span in self._shapes.values()}
            kept = [s for s in xt.elements(text, "shape") if s.start not in notes]
            if not any("_x0000_t202" in s.open_tag(text) for s in kept):
                for span in xt.elements(text, "shapetype"):
                    if xt.attributes(span.open_tag(text)).get("id") == "_x0000_t202":
                        edits.append((span.start, span.end, ""))
        if self._added:
            block = "".join(self._added)
            if not self._has_type:
                v, o = self.v, self.o
                block = (f'<{v}:shapetype id="_x0000_t202" coordsize="21600,21600" {o}:spt="202" '
                         f'path="m,l,21600r21600,l21600,xe"><{v}:stroke joinstyle="miter"/>'
                         f'<{v}:path gradientshapeok="t" {o}:connecttype="rect"/>'
                         f"</{v}:shapetype>") + block
            edits.append((self._root.close_start, self._root.close_start, block))
            if self._declare:
                tag = self._root.open_tag(text)
                edits.append((self._root.start, self._root.open_end,
                              tag[:-1].rstrip() + self._declare + ">"))
        return xt.apply_edits(text, edits)


def used_blocks(text: str) -> set[int]:
    """The shape-id blocks a VML drawing declares (``<o:idmap data="1,2"/>``)."""
    found: set[int] = set()
    for match in _IDMAP.finditer(text):
        found |= {int(n) for n in re.findall(r"\d+", match.group(1))}
    return found


def _zero_based(cell: str) -> tuple[int, int]:
    row, column = split_cell(cell)
    return row - 1, column - 1
