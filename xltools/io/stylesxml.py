"""The styles part (xl/styles.xml): append the formats marks need, and take them away again.

A mark's format is the cell's own format (number format, font, alignment, protection kept)
with the mark's fill and frame. New fonts, fills, borders and cell formats are only ever
appended, so no index the workbook already uses moves; clearing trims them off the end again
when nothing was added after them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xltools.core.marks import FRAME_STYLE, Look
from xltools.io import xmltext as xt

LISTS = ("fonts", "fills", "borders", "cellXfs")
_RGB = re.compile(r"""\brgb\s*=\s*["']([0-9A-Fa-f]{6,8})["']""")
_COUNTS = re.compile(r"(\w+)=(\d+)")


@dataclass(frozen=True, slots=True)
class OwnStyles:
    """Format indexes for the sheets xltools writes."""

    header: int
    link: int
    wrap: int
    bold: int


class Styles:
    """An editable view of a styles part.

    Args:
        text: the part's XML text.

    Raises:
        ValueError: the part lacks a list marks need (cellXfs, fills, borders, fonts).
    """

    def __init__(self, text: str) -> None:
        self.original = text
        top = xt.root(text)
        self.prefix = top.name.rpartition(":")[0] if ":" in top.name else ""
        self._lists: dict[str, xt.Span] = {}
        self._children: dict[str, list[xt.Span]] = {}
        for child in xt.elements(text, None, top.open_end, top.close_start, depth=1):
            if child.local in LISTS:
                self._lists[child.local] = child
                self._children[child.local] = xt.elements(text, None, child.open_end,
                                                          child.close_start, depth=1)
        missing = [name for name in LISTS if name not in self._lists]
        if missing:
            raise ValueError(f"the styles part has no {', '.join(missing)}")
        self._added: dict[str, list[str]] = {name: [] for name in LISTS}
        self._index: dict[tuple[str, str], int] = {}
        self.changed = False  # True once anything was added
        self._looks: dict[int, tuple[str | None, str | None]] = {}
        self._marks: dict[tuple[int, Look], int] = {}
        self._xf_attributes: dict[int, dict[str, str]] = {}

    # --- reading ------------------------------------------------------------------------

    def count(self, name: str) -> int:
        """How many entries a list has, with the ones added."""
        return len(self._children[name]) + len(self._added[name])

    def counts(self) -> str:
        """The lists' sizes as the marks record keeps them: ``fonts=3 fills=4 ...``."""
        return " ".join(f"{name}={self.count(name)}" for name in LISTS)

    def entry(self, name: str, index: int) -> str:
        """The XML of entry ``index`` of a list ('' when there is none)."""
        children = self._children[name]
        if 0 <= index < len(children):
            span = children[index]
            return self.original[span.start:span.end]
        index -= len(children)
        added = self._added[name]
        return added[index] if 0 <= index < len(added) else ""

    def xf_attributes(self, index: int) -> dict[str, str]:
        """The attributes of cell format ``index`` ({} when there is none)."""
        if index not in self._xf_attributes:
            xml = self.entry("cellXfs", index)
            self._xf_attributes[index] = xt.attributes(xml[:xml.find(">") + 1]) if xml else {}
        return self._xf_attributes[index]

    def look(self, xf: int) -> tuple[str | None, str | None]:
        """A format's solid fill colour and its frame colour (see below), remembered."""
        if xf not in self._looks:
            self._looks[xf] = (self.fill_rgb(xf), self.frame_rgb(xf))
        return self._looks[xf]

    def fill_rgb(self, xf: int) -> str | None:
        """The ``RRGGBB`` of a format's solid fill, None when it has none."""
        fill = self.entry("fills", to_int(self.xf_attributes(xf).get("fillId")))
        if 'patternType="solid"' not in fill and "patternType='solid'" not in fill:
            return None
        found = _RGB.search(fill)
        return found.group(1)[-6:].upper() if found else None

    def frame_rgb(self, xf: int) -> str | None:
        """The ``RRGGBB`` of a format's border when all four sides share one colour and line."""
        border = self.entry("borders", to_int(self.xf_attributes(xf).get("borderId")))
        colours, styles = set(), set()
        for side in ("left", "right", "top", "bottom"):
            span = xt.first(border, side)
            if span is None:
                return None
            styles.add(xt.attributes(span.open_tag(border)).get("style"))
            found = _RGB.search(span.inner(border))
            colours.add(found.group(1)[-6:].upper() if found else None)
        if len(colours) != 1 or len(styles) != 1 or None in colours or None in styles:
            return None
        return colours.pop()

    # --- adding ---------------------------------------------------------------------------

    def _name(self, local: str) -> str:
        return xt.qualified(self.prefix, local)

    def add(self, name: str, xml: str) -> int:
        """Append an entry to a list (an identical added entry is reused); returns its index."""
        key = (name, xml)
        self.changed = True
        if key not in self._index:
            self._added[name].append(xml)
            self._index[key] = self.count(name) - 1
        return self._index[key]

    def fill(self, rgb: str) -> str:
        """A solid fill's XML."""
        n = self._name
        return (f'<{n("fill")}><{n("patternFill")} patternType="solid"><{n("fgColor")} '
                f'rgb="FF{rgb}"/><{n("bgColor")} indexed="64"/></{n("patternFill")}></{n("fill")}>')

    def frame(self, rgb: str) -> str:
        """A border's XML: all four sides in the mark's line and colour."""
        n = self._name
        sides = "".join(f'<{n(side)} style="{FRAME_STYLE}"><{n("color")} rgb="FF{rgb}"/>'
                        f"</{n(side)}>" for side in ("left", "right", "top", "bottom"))
        return f'<{n("border")}>{sides}<{n("diagonal")}/></{n("border")}>'

    def derived(self, origin: int, *, fill: str | None = None, border: str | None = None,
                reuse: bool = True) -> int:
        """A cell format that is ``origin`` with another fill and/or border; returns its index.

        Args:
            origin: the cell's own format index (an unknown one counts as 0).
            fill: the fill's XML; '' for no fill (fill 0); None keeps the origin's.
            border: the border's XML; '' for no border (border 0); None keeps the origin's.
            reuse: give back an equal format the workbook already has. Marks never do: a
                mark's format must be xltools' own, so clearing cannot mistake a user's cell
                for a marked one.

        Returns:
            The index of an equal existing format, or of the one added.
        """
        xml = self.entry("cellXfs", origin) or self.entry("cellXfs", 0)
        close = xml.find(">") + 1
        tag, rest = xml[:close], xml[close:]
        for value, attribute, applied, name in ((fill, "fillId", "applyFill", "fills"),
                                                (border, "borderId", "applyBorder", "borders")):
            if value is None:
                continue
            index = self._existing(name, value) if value else 0
            if index is None:
                index = self.add(name, value)
            tag = xt.set_attribute(tag, attribute, str(index))
            tag = xt.set_attribute(tag, applied, "1")
        derived = tag + rest
        found = self._existing("cellXfs", derived) if reuse else None
        return found if found is not None else self.add("cellXfs", derived)

    def _existing(self, name: str, xml: str) -> int | None:
        """The index of an entry written exactly as ``xml``, None when there is none."""
        if (name, xml) in self._index:
            return self._index[(name, xml)]
        for index, span in enumerate(self._children[name]):
            if self.original[span.start:span.end] == xml:
                return index
        return None

    def mark(self, origin: int, look: Look) -> int:
        """The format of a marked cell whose own format is ``origin`` (one per origin and look)."""
        key = (origin, look)
        if key not in self._marks:
            self._marks[key] = self.derived(origin, fill=self.fill(look.fill),
                                            border=self.frame(look.frame), reuse=False)
        return self._marks[key]

    def own(self) -> OwnStyles:
        """Formats for the Issues sheet: bold header on grey, blue links, wrapped text."""
        n = self._name
        font = self.entry("fonts", 0)
        size = _child_attribute(font, "sz", "val") or "11"
        face = _child_attribute(font, "name", "val") or "Calibri"
        base = f'<{n("sz")} val="{size}"/>'
        name = f'<{n("name")} val="{xt.escape_attribute(face)}"/>'
        bold = self.add("fonts", f'<{n("font")}><{n("b")}/>{base}{name}</{n("font")}>')
        link = self.add("fonts", f'<{n("font")}><{n("u")}/>{base}<{n("color")} rgb="FF0563C1"/>'
                                 f'{name}</{n("font")}>')
        grey = self.add("fills", self.fill("D9E1F2"))
        xf = n("xf")
        top = f'<{n("alignment")} vertical="top" wrapText="1"/>'
        return OwnStyles(
            header=self.add("cellXfs", f'<{xf} numFmtId="0" fontId="{bold}" fillId="{grey}" '
                                       f'borderId="0" xfId="0" applyFont="1" applyFill="1"/>'),
            link=self.add("cellXfs", f'<{xf} numFmtId="0" fontId="{link}" fillId="0" '
                                     f'borderId="0" xfId="0" applyFont="1"/>'),
            wrap=self.add("cellXfs", f'<{xf} numFmtId="0" fontId="0" fillId="0" borderId="0" '
                                     f'xfId="0" applyAlignment="1">{top}</{xf}>'),
            bold=self.add("cellXfs", f'<{xf} numFmtId="0" fontId="{bold}" fillId="0" '
                                     f'borderId="0" xfId="0" applyFont="1"/>'),
        )

    # --- writing ----------------------------------------------------------------------------

    def text(self) -> str:
        """The part with the added entries appended to their lists and counts updated."""
        edits: list[tuple[int, int, str]] = []
        for name in LISTS:
            added = self._added[name]
            if not added:
                continue
            span = self._lists[name]
            tag = span.open_tag(self.original)
            count = xt.attributes(tag).get("count")
            if count is not None and count.isdigit():
                tag = xt.set_attribute(tag, "count", str(int(count) + len(added)))
            if span.empty:
                tag = tag[:-2].rstrip() + ">"
                edits.append((span.start, span.end, tag + "".join(added) + f"</{span.name}>"))
            else:
                edits.append((span.start, span.open_end, tag))
                edits.append((span.close_start, span.close_start, "".join(added)))
        return xt.apply_edits(self.original, edits)

    def trimmed(self, before: str) -> str | None:
        """The part without the entries after the sizes in ``before`` (``fonts=3 fills=4 ...``).

        Returns:
            The trimmed text, or None when ``before`` does not describe a smaller styles part.
        """
        sizes = parse_counts(before)
        if set(sizes) != set(LISTS) or any(sizes[n] > len(self._children[n]) for n in LISTS):
            return None
        edits: list[tuple[int, int, str]] = []
        for name in LISTS:
            children, keep = self._children[name], sizes[name]
            extra = len(children) - keep
            if extra == 0:
                continue
            span = self._lists[name]
            tag = span.open_tag(self.original)
            count = xt.attributes(tag).get("count")
            if count is not None and count.isdigit():
                tag = xt.set_attribute(tag, "count", str(max(int(count) - extra, 0)))
            edits.append((span.start, span.open_end, tag))
            edits.append((children[keep].start, children[-1].end, ""))
        return xt.apply_edits(self.original, edits)


def _child_attribute(xml: str, local: str, attribute: str) -> str | None:
    span = xt.first(xml, local)
    return xt.attributes(span.open_tag(xml)).get(attribute) if span else None


def to_int(text: str | None) -> int:
    """A format index written as text (0 for none or nonsense, as Excel reads it)."""
    return int(text) if text and text.isdigit() else 0


def parse_counts(text: str) -> dict[str, int]:
    """The sizes in a ``fonts=3 fills=4 ...`` text."""
    return {name: int(value) for name, value in _COUNTS.findall(text)}
