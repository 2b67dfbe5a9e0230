"""XML as text: find elements and change attributes in place, so untouched bytes stay as they are.

A workbook part that xltools changes must keep every element, attribute, namespace prefix and
declaration it does not touch (``mc:Ignorable`` names prefixes, so a serializer that renames
or drops them breaks the file). Serializing a parsed tree cannot promise that; editing the
text at located positions can. Parts are checked by ``xltools.io.read.check_file`` (no DTDs,
no entities) and, where xltools reads their content, parsed with defusedxml first; the
functions here only locate tags in text that is already known to be well-formed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

_NAME = r"[A-Za-z_][\w.\-]*"
_ATTRIBUTE = r"""\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*')"""
# Comments, CDATA, processing instructions and declarations are matched (and skipped) so that
# a '<' inside them is never taken for a tag.
_TOKEN = re.compile(
    rf"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>"
    rf"|<(/?)((?:{_NAME}:)?{_NAME})((?:{_ATTRIBUTE})*)\s*(/?)>", re.S)
_ATTR = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_OOXML_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")  # every such underscore, even overlapping
_OOXML_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


@dataclass(frozen=True, slots=True)
class Span:
    """Where one element sits in a text: its start tag, content and end."""

    name: str  # the qualified name as written, e.g. "x:c" or "c"
    start: int  # index of '<' of the start tag
    open_end: int  # index just after the start tag's '>'
    close_start: int  # index of the end tag's '<' (== end for an empty element)
    end: int  # index just after the element

    @property
    def local(self) -> str:
        """The name without its prefix."""
        return self.name.rpartition(":")[2]

    @property
    def empty(self) -> bool:
        """True for a self-closing element (``<a/>``)."""
        return self.close_start == self.end

    def open_tag(self, text: str) -> str:
        """The start tag's text."""
        return text[self.start:self.open_end]

    def inner(self, text: str) -> str:
        """The text between the start and the end tag ('' for an empty element)."""
        return "" if self.empty else text[self.open_end:self.close_start]


def elements(text: str, local: str | None = None, start: int = 0, end: int | None = None,
             depth: int | None = None) -> list[Span]:
    """Elements in ``text[start:end]``, in document order of their start tags.

    Args:
        text: well-formed XML text (or a well-formed fragment of it).
        local: only elements with this local name (any prefix); None for all.
        start, end: the range to search; elements must lie entirely inside it.
        depth: only elements at this depth inside the range (1 = top level of the range).

    Returns:
        The elements' spans.
    """
    return list(_spans(text, local, start, len(text) if end is None else end, depth))


def first(text: str, local: str, start: int = 0, end: int | None = None,
          depth: int | None = None) -> Span | None:
    """The first element with this local name, or None (reads no further than its end)."""
    return next(_spans(text, local, start, len(text) if end is None else end, depth, first=True),
                None)


@functools.lru_cache(maxsize=64)
def _named(local: str) -> re.Pattern[str]:
    """Tags of one local name only (comments and CDATA still skipped): far fewer to walk."""
    return re.compile(
        rf"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>"
        rf"|<(/?)((?:{_NAME}:)?{re.escape(local)})(?=[\s/>])((?:{_ATTRIBUTE})*)\s*(/?)>", re.S)


def _spans(text: str, local: str | None, start: int, end: int, depth: int | None,
           first: bool = False) -> Iterator[Span]:
    # Without a depth, only the tags of the wanted name matter: walk just those.
    pattern = _named(local) if local is not None and depth is None else _TOKEN
    found: list[tuple[int, Span]] = []
    stack: list[tuple[str, int, int, int]] = []  # name, start, open_end, order
    order = 0
    for match in pattern.finditer(text, start, end):
        name = match.group(2)
        if name is None:
            continue
        if match.group(1):  # an end tag
            if stack and stack[-1][0] == name:
                opened, begin, open_end, position = stack.pop()
            else:
                # Legacy VML may leave an element unclosed (<br>): close back to the matching one
                at = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == name), None)
                if at is None:
                    continue
                del stack[at + 1:]
                opened, begin, open_end, position = stack.pop()
            if _wanted(opened, local) and (depth is None or len(stack) + 1 == depth):
                found.append((position, Span(opened, begin, open_end, match.start(), match.end())))
        elif match.group(4):  # an empty element
            if _wanted(name, local) and (depth is None or len(stack) + 1 == depth):
                found.append((order, Span(name, match.start(), match.end(), match.end(),
                                          match.end())))
            order += 1
        else:
            stack.append((name, match.start(), match.end(), order))
            order += 1
        if first and found:
            # the earliest-starting match is final once nothing opened before it is still open
            candidate = min(found, key=lambda item: item[0])
            if not any(item[3] < candidate[0] and _wanted(item[0], local) for item in stack):
                yield candidate[1]
                return
    yield from (span for _, span in sorted(found, key=lambda item: item[0]))


def _wanted(name: str, local: str | None) -> bool:
    return local is None or name.rpartition(":")[2] == local


def root(text: str) -> Span:
    """The document element (found from its start tag and the document's last end tag).

    Raises:
        ValueError: the text has no element.
    """
    opened = next(start_tags(text), None)
    if opened is None:
        raise ValueError("no document element")
    name = opened.group(2)
    if opened.group(4):
        return Span(name, opened.start(), opened.end(), opened.end(), opened.end())
    close = text.rfind(f"</{name}")
    if close < opened.end():
        raise ValueError(f"the document element <{name}> is not closed")
    return Span(name, opened.start(), opened.end(), close, text.index(">", close) + 1)


def start_tags(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Every start or empty tag in the range (group 2 is the name, group 3 the attributes)."""
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        if match.group(2) is not None and not match.group(1):
            yield match


def attributes(tag: str) -> dict[str, str]:
    """The attributes of a start tag, values unescaped (``{'r': 'G4', 's': '5'}``)."""
    body = tag[1:].split(None, 1)
    if len(body) < 2:
        return {}
    return {m.group(1): unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTR.finditer(body[1])}


@functools.lru_cache(maxsize=64)
def _one_attribute(name: str) -> re.Pattern[str]:
    return re.compile(rf"""\s{re.escape(name)}\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def attribute(tag: str, name: str) -> str | None:
    """One attribute of a start tag, unescaped; None when the tag has none (quicker than all)."""
    found = _one_attribute(name).search(tag)
    if found is None:
        return None
    value = found.group(1) if found.group(1) is not None else found.group(2)
    return unescape(value) if "&" in value else value


def _attribute_match(tag: str, name: str) -> re.Match[str] | None:
    gap = re.search(r"\s", tag)  # attributes start after the element's name
    if gap is None:
        return None
    for match in _ATTR.finditer(tag, gap.start()):
        if match.group(1) == name:
            return match
    return None


def set_attribute(tag: str, name: str, value: str, *, after: str | None = None) -> str:
    """The start tag with ``name`` set to ``value``; a new attribute goes after ``after`` or last.

    Args:
        tag: a start (or empty) tag's text.
        name: the attribute's qualified name.
        value: the new value (escaped here).
        after: put a new attribute right after this one when it is there (e.g. ``r``),
            where Excel writes it; otherwise at the end.

    Returns:
        The changed tag; other attributes keep their text and order.
    """
    quoted = f'"{escape_attribute(value)}"'
    found = _attribute_match(tag, name)
    if found:
        return tag[:found.start()] + f"{name}={quoted}" + tag[found.end():]
    anchor = _attribute_match(tag, after) if after else None
    if anchor:
        return tag[:anchor.end()] + f" {name}={quoted}" + tag[anchor.end():]
    close = len(tag) - (2 if tag.endswith("/>") else 1)
    body = tag[:close].rstrip()
    return body + f" {name}={quoted}" + tag[len(body):]


def remove_attribute(tag: str, name: str) -> str:
    """The start tag without the attribute ``name`` (unchanged when it has none)."""
    found = _attribute_match(tag, name)
    if not found:
        return tag
    begin = found.start()
    while begin > 0 and tag[begin - 1].isspace():
        begin -= 1
    return tag[:begin] + tag[found.end():]


def namespace_prefix(tag: str, uri: str) -> str | None:
    """The prefix a start tag declares for ``uri``: '' for the default namespace, None if none."""
    for key, value in attributes(tag).items():
        if value == uri:
            if key == "xmlns":
                return ""
            if key.startswith("xmlns:"):
                return key[6:]
    return None


def qualified(prefix: str | None, local: str) -> str:
    """``prefix:local``, or ``local`` for the default namespace."""
    return f"{prefix}:{local}" if prefix else local


def escape_text(text: str) -> str:
    """Text content escaped for XML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    """An attribute value escaped for double quotes (line breaks and tabs as references)."""
    return (escape_text(text).replace('"', "&quot;").replace("\n", "&#10;")
            .replace("\r", "&#13;").replace("\t", "&#9;"))


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, replacement) edit made; the edits must not overlap.

    Every character outside the edited spans is kept as it was, byte for byte.
    """
    pieces, position = [], 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def unescape(text: str) -> str:
    """Resolve the five XML entities and character references."""
    def resolve(match: re.Match[str]) -> str:
        code = match.group(1)
        if code.startswith("#x"):
            return chr(int(code[2:], 16))
        if code.startswith("#"):
            return chr(int(code[1:]))
        return _ENTITIES[code]

    return _ENTITY.sub(resolve, text)


_PHONETIC_RUN = re.compile(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_TEXT_RUN = re.compile(r"<(?:\w+:)?t(?:\s[^>]*)?(?:/>|>(.*?)</(?:\w+:)?t>)", re.S)


def run_texts(body: str) -> Iterator[str]:
    """The ``<t>`` texts of a rich-text body (a cell's inline string, a note), still escaped;
    phonetic runs (``<rPh>``, Japanese reading aids) left out."""
    for match in _TEXT_RUN.finditer(_PHONETIC_RUN.sub("", body)):
        yield match.group(1) or ""


def unescape_bytes(raw: bytes) -> str:
    """``unescape`` of raw UTF-8 bytes from a part (a damaged byte becomes U+FFFD)."""
    return unescape(raw.decode("utf-8", errors="replace"))


def ooxml_escape(text: str) -> str:
    """Protect literal ``_xHHHH_`` in cell and note text, which Excel would read as a character."""
    return _OOXML_ESCAPE.sub("_x005F_", text)


def ooxml_unescape(text: str) -> str:
    """Undo Excel's ``_xHHHH_`` escapes in cell and note text."""
    return _OOXML_UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
