"""E-mail addresses and header text from users' cells: checked, and made safe for a message.

A contact e-mail typed in a workbook or an HR list may be ``mette@nordby.dk``,
``Mette Hansen <mette@nordby.dk>``, ``mailto:mette@nordby.dk`` or two addresses split by
``;``. Anything else is not guessed at: it is reported as not an address. Text that goes
into a header (a department name in the Subject, a manager's name before the address) is
one line without control characters, and cannot pass for an RFC 2047 encoded word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_ADDRESS = 254  # RFC 5321's limit for a path
MAX_LOCAL = 64
MAX_HEADER_TEXT = 120  # a department name in a subject line; longer is cut with "…"
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_NAMED = re.compile(r"^(?P<name>[^<>]*)<(?P<address>[^<>]*)>$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Addresses:
    """What a contact e-mail cell holds: the usable addresses and the parts that are none."""

    addresses: tuple[str, ...] = ()
    invalid: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there is at least one address and nothing that is not one."""
        return bool(self.addresses) and not self.invalid


def parse_address(text: str) -> str | None:
    """One e-mail address in the form a message header needs, or None when it is not one.

    Args:
        text: ``name@example.dk``, optionally ``mailto:``-prefixed or in angle brackets.

    Returns:
        ``local@domain`` with the domain lower-cased and, when it has letters such as æ, ø
        or å, in its ASCII (IDNA) form, which every mail program accepts.
    """
    text = text.strip()
    if text[:7].casefold() == "mailto:":
        text = text[7:].split("?", 1)[0].strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    local, at, domain = text.rpartition("@")
    # the part before @ must be plain ASCII: few mail systems deliver to anything else
    if not at or not local or len(local) > MAX_LOCAL or not _LOCAL.fullmatch(local):
        return None
    ascii_domain = _ascii_domain(domain)
    if ascii_domain is None:
        return None
    address = f"{local}@{ascii_domain}"
    return address if len(address) <= MAX_ADDRESS else None


def _ascii_domain(domain: str) -> str | None:
    labels = unicodedata.normalize("NFC", domain.strip()).casefold().split(".")
    if len(labels) < 2:
        return None  # "nordby" alone is a local host name, not a mail domain
    ascii_labels = []
    for label in labels:
        try:
            encoded = label.encode("idna").decode("ascii") if not label.isascii() else label
        except UnicodeError:
            return None
        if not _LABEL.fullmatch(encoded):
            return None
        ascii_labels.append(encoded)
    if not (ascii_labels[-1].isalpha() or ascii_labels[-1].startswith("xn--")):
        return None  # a top-level domain is never a number
    return ".".join(ascii_labels)


def parse_addresses(value: object) -> Addresses:
    """The addresses in a contact e-mail cell (``;`` or ``,`` between several).

    Args:
        value: the cell's value (None or blank: no address).

    Returns:
        The usable addresses (in header form) and the parts that are not an address.
    """
    if value is None:
        return Addresses()
    text = str(value).strip()
    if not text:
        return Addresses()
    found: list[str] = []
    invalid: list[str] = []
    for part in re.split(r"[;,]", text):
        part = part.strip()
        if not part:
            continue
        named = _NAMED.match(part)
        address = parse_address(named["address"] if named else part)
        if address is None:
            invalid.append(part)
        elif address not in found:
            found.append(address)
    return Addresses(tuple(found), tuple(invalid))


def header_text(value: object, limit: int = MAX_HEADER_TEXT) -> str:
    """Text from a user's cell made safe for a header (Subject, a display name).

    Line breaks, tabs and other control characters become spaces, so the text cannot start
    a header of its own; invisible format characters are dropped; ``=?`` is split into
    ``= ?`` because mail programs decode ``=?charset?q?...?=`` as an encoded word and would
    show text other than the department's name; long text is cut with ``…``.

    Args:
        value: e.g. a department name.
        limit: the longest text kept.

    Returns:
        One line of text (possibly empty).
    """
    text = one_line(value, limit=None)
    while "=?" in text:
        text = text.replace("=?", "= ?")
    return _cut(text, limit)


def one_line(value: object, limit: int | None = MAX_HEADER_TEXT) -> str:
    """Text from a cell as one line of a message body: no line breaks or control characters.

    Args:
        value: e.g. an item's description.
        limit: the longest text kept (None: no limit).

    Returns:
        One line of text (possibly empty).
    """
    text = "".join(_line_char(c) for c in unicodedata.normalize("NFC", str(value)))
    text = _SPACES.sub(" ", text).strip()
    return text if limit is None else _cut(text, limit)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _line_char(char: str) -> str:
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp") or char.isspace():
        return " "
    if category in ("Cf", "Cs", "Co", "Cn"):
        return ""  # invisible format characters (e.g. a right-to-left override)
    return char
