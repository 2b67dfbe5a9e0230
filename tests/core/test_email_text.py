"""Contact e-mails from cells checked; text from cells made safe for e-mail headers."""

from __future__ import annotations

import pytest

from xltools.core.email_text import header_text, one_line, parse_address, parse_addresses


@pytest.mark.parametrize(("text", "expected"), [
    ("mette@nordby.dk", "mette@nordby.dk"),
    ("  Mette.Hansen@Nordby.DK ", "Mette.Hansen@nordby.dk"),
    ("mailto:karin.lund@kommun.se", "karin.lund@kommun.se"),
    ("<sam@example.com>", "sam@example.com"),
    ("jens@kø.dk", "jens@xn--k-5ga.dk"),  # the domain in the form every mail program takes
    ("a+b@sub.example.co.uk", "a+b@sub.example.co.uk"),
    ("mette@", None),
    ("@nordby.dk", None),
    ("mette@nordby", None),
    ("mette nordby.dk", None),
    ("mette@@nordby.dk", None),
    ("mette@nordby..dk", None),
    ("mette.@nordby.dk", None),
    ("jørgen@nordby.dk", None),  # few mail systems deliver to a non-ASCII mailbox
    ("mette@nordby.dk\nBcc: x@y.dk", None),
    ("mette@-nordby.dk", None),
    ("mette@nordby.123", None),
])
def test_parse_address(text: str, expected: str | None) -> None:
    assert parse_address(text) == expected


def test_a_cell_may_hold_several_addresses_and_names() -> None:
    found = parse_addresses("Mette Hansen <mette@nordby.dk>; ole@nordby.dk, mette@nordby.dk")
    assert found.ok and found.addresses == ("mette@nordby.dk", "ole@nordby.dk")
    mixed = parse_addresses("mette@nordby.dk; spørg Ole")
    assert not mixed.ok and mixed.invalid == ("spørg Ole",)
    assert parse_addresses(None) == parse_addresses("  ") and not parse_addresses(None).ok


@pytest.mark.parametrize(("text", "expected"), [
    ("Ekonomi\nBcc: evil@example.com", "Ekonomi Bcc: evil@example.com"),
    ("Drift\r\nTo: x@y.dk", "Drift To: x@y.dk"),
    ("Løn = Personale", "Løn = Personale"),
    ("=?utf-8?b?QmNjOiBldmlsQHguY29t?=", "= ?utf-8?b?QmNjOiBldmlsQHguY29t?="),
    ("A\u2028B\u0085C\x00D", "A B C D"),
    ("Team\u202e", "Team"),
])
def test_header_text_is_one_line_that_cannot_pass_for_an_encoded_word(text: str,
                                                                       expected: str) -> None:
    assert header_text(text) == expected


def test_long_text_is_cut_and_body_lines_keep_equals_signs() -> None:
    assert header_text("x" * 500).endswith("…") and len(header_text("x" * 500)) == 120
    assert one_line("a =?b\nc") == "a =?b c"
