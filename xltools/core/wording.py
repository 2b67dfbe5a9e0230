"""How numbers and dates are worded in each language: counted phrases and date formats.

One home for what every output shares, so a date reads alike in a report, a summary cell,
a marked copy and an e-mail, and "1 day" is never "1 days".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from xltools.core.schema import Labels


@dataclass(frozen=True, slots=True)
class Plural:
    """A counted phrase: ``one`` for exactly 1, ``other`` for any other number.

    Danish, Swedish and English all make the plural this way (0 takes the plural), so two
    forms are enough; ``{n}`` in a form is the number.
    """

    one: Labels
    other: Labels

    def __call__(self, n: int, lang: str, **params: object) -> str:
        """The phrase for ``n`` in ``lang``."""
        return (self.one if n == 1 else self.other)[lang].format(n=n, **params)


# Dates as people write them in each language (Python's strftime), and the same as Excel
# number formats for cells, so a date reads alike in the terminal, a workbook and an e-mail.
DATE_PATTERNS = {"da": "%d-%m-%Y", "sv": "%Y-%m-%d", "en": "%Y-%m-%d"}
DATE_FORMATS = {"da": "dd-mm-yyyy", "sv": "yyyy-mm-dd", "en": "yyyy-mm-dd"}


@lru_cache(maxsize=4096)  # a roll-up's messages name the same few hundred deadlines again and again
def format_date(day: date, lang: str) -> str:
    """A date as it is written in ``lang`` (23-11-2026 in Danish, 2026-11-23 otherwise)."""
    return day.strftime(DATE_PATTERNS.get(lang, DATE_PATTERNS["en"]))


DAYS_AGO = Plural(Labels("{n} day ago", "for {n} dag siden", "för {n} dag sedan"),
                  Labels("{n} days ago", "for {n} dage siden", "för {n} dagar sedan"))
IN_DAYS = Plural(Labels("in {n} day", "om {n} dag", "om {n} dag"),
                 Labels("in {n} days", "om {n} dage", "om {n} dagar"))
DAYS_LATE = Plural(Labels("{n} day late", "{n} dag over", "{n} dag för sent"),
                   Labels("{n} days late", "{n} dage over", "{n} dagar för sent"))
DAYS_LEFT = Plural(Labels("{n} day left", "{n} dag tilbage", "{n} dag kvar"),
                   Labels("{n} days left", "{n} dage tilbage", "{n} dagar kvar"))
ERRORS = Plural(Labels("{n} error", "{n} fejl", "{n} fel"),
                Labels("{n} errors", "{n} fejl", "{n} fel"))
DAYS = Plural(Labels("{n} day", "{n} dag", "{n} dag"),
              Labels("{n} days", "{n} dage", "{n} dagar"))
DUE_SOON_ITEMS = Plural(Labels("{n} item is due within {days}",
                               "{n} punkt har deadline inden for {days}",
                               "{n} punkt ska vara klar inom {days}"),
                        Labels("{n} items are due within {days}",
                               "{n} punkter har deadline inden for {days}",
                               "{n} punkter ska vara klara inom {days}"))
