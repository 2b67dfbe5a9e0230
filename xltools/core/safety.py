"""Text from users' files shown safely: never a control sequence on a terminal or in a cell.

A department name pasted from another program may carry ESC sequences (which can clear or
rewrite a terminal) or control characters (which XML cannot hold). They are shown as the
visible symbols Unicode has for them instead of being acted on or silently dropped.
"""

from __future__ import annotations

import re

# C0 controls and DEL -> their "control picture" symbols (U+2400 block); C1 controls (0x80-0x9F,
# e.g. the one-byte CSI 0x9B some terminals honour) -> the replacement character.
_PICTURES = {c: 0x2400 + c for c in range(32)} | {0x7F: 0x2421}
_C1 = dict.fromkeys(range(0x80, 0xA0), 0xFFFD)
_CELL = {c: p for c, p in _PICTURES.items() if c not in (9, 10, 13)}  # tab, LF, CR are legal
_TERMINAL = {**_PICTURES, **_C1, 9: 0x20, 10: 0x21B5, 13: 0x21B5}  # a line break shown as ↵
_CELL_CONTROLS = frozenset(chr(c) for c in _CELL)
_TERMINAL_CONTROLS = frozenset(chr(c) for c in _TERMINAL)
# Every cell of a roll-up is asked: one C pass over the text, not a set lookup per character.
_CELL_CONTROL = re.compile("[" + "".join(sorted(_CELL_CONTROLS)) + "]")


def cell_text(text: str) -> str:
    """``text`` with the characters a cell (XML 1.0) cannot hold made visible."""
    return text.translate(_CELL) if has_cell_controls(text) else text


def has_cell_controls(text: str) -> bool:
    """Whether ``text`` holds a character a cell cannot hold."""
    # controls are never printable, and nearly all text is: isprintable() settles it fastest
    return not text.isprintable() and _CELL_CONTROL.search(text) is not None


def terminal_text(text: object) -> str:
    """Text for one line of terminal output: no control sequence, no line break."""
    text = str(text)
    return text.translate(_TERMINAL) if not _TERMINAL_CONTROLS.isdisjoint(text) else text
