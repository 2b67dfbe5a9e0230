"""Dates the way Nordic users type them: real dates, numeric forms, month names, weeks, quarters.

Day always comes before month. A week means that ISO week's Friday, a month its last
day, a quarter its last day. Anything else is not a date: ``parse_date`` returns None
rather than guess.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januar", "januari", "january", "jan"),
        ("februar", "februari", "february", "feb"),
        ("marts", "mars", "march", "mar"),
        ("april", "apr"),
        ("maj", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("august", "augusti", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nov"),
        ("december", "dec", "dek"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>\d{4})"

_NUMERIC = re.compile(r"(?P<day>\d{1,2})\s*[-./]\s*(?P<mon>\d{1,2})\s*[-./]\s*" + _YEAR)
_TIME = r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # str() of a datetime, ISO timestamps
_ISO = re.compile(r"(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})" + _TIME)
_DAY_MONTH_NAME = re.compile(r"(?P<day>\d{1,2})\.?\s*" + _MONTH + r"\s*,?\s*" + _YEAR)
_MONTH_YEAR = re.compile(_MONTH + r"\s*,?\s*" + _YEAR)
_WEEK = re.compile(
    r"(?:uge|uke|vecka|veckan|week|wk|v|w|u)\.?\s*(?P<week>\d{1,2})(?:\s*[,/-]?\s*" + _YEAR + ")?"
)
_QUARTER = re.compile(
    r"(?:q|k|kv)\s*(?P<q>[1-4])\s*[-/ ]?\s*" + _YEAR
    + r"|(?P<q2>[1-4])\s*\.?\s*(?:kvartal|kv\.?|quarter|qtr|q)\s*" + _YEAR.replace("year", "year2")
    + r"|(?:kvartal|quarter)\s*(?P<q3>[1-4])\s*,?\s*" + _YEAR.replace("year", "year3")
    + r"|" + _YEAR.replace("year", "year4") + r"\s*-?\s*q(?P<q4>[1-4])"
)


def parse_date(value: object, *, default_year: int | None = None,
               near: date | None = None) -> date | None:
    """Read a date from a cell value.

    Args:
        value: a ``date``/``datetime`` from a real Excel date, or text as users type it.
        default_year: the year for a week number written without one (e.g. ``uge 48``);
            without it (and without ``near``) such text is not a date.
        near: "today" for a week written without a year: the week is taken in the year
            that puts it nearest this day, so "uge 2" written in November means January
            of the coming year. Wins over ``default_year``.

    Returns:
        The date, or None when the value is not a date (blank included).
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None  # a bare number is not a date a user typed as text; don't guess
    text = " ".join(value.replace("\u00a0", " ").split()).casefold().rstrip(".")
    if not text:
        return None
    for parser in (_numeric, _named, _week, _month_or_quarter):
        result = parser(text, default_year, near)
        if result is not _NO_MATCH:
            return result  # type: ignore[return-value]
    return None


_NO_MATCH = object()


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric(text: str, _year: int | None, _near: date | None) -> object:
    if m := _ISO.fullmatch(text):
        return _safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
    if m := _NUMERIC.fullmatch(text):
        return _safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
    return _NO_MATCH


def _named(text: str, _year: int | None, _near: date | None) -> object:
    if m := _DAY_MONTH_NAME.fullmatch(text):
        return _safe_date(int(m["year"]), _MONTHS[m["month"]], int(m["day"]))
    return _NO_MATCH


def _week(text: str, default_year: int | None, near: date | None) -> object:
    m = _WEEK.fullmatch(text)
    if not m:
        return _NO_MATCH
    week = int(m["week"])
    if m["year"]:
        return week_friday(int(m["year"]), week)
    if near is not None:
        candidates = [d for y in (near.year - 1, near.year, near.year + 1)
                      if (d := week_friday(y, week)) is not None]
        return min(candidates, key=lambda d: abs((d - near).days), default=None)
    return week_friday(default_year, week) if default_year is not None else None


def _month_or_quarter(text: str, _year: int | None, _near: date | None) -> object:
    if m := _MONTH_YEAR.fullmatch(text):
        return month_end(int(m["year"]), _MONTHS[m["month"]])
    if m := _QUARTER.fullmatch(text):
        quarter = int(m["q"] or m["q2"] or m["q3"] or m["q4"])
        year = int(m["year"] or m["year2"] or m["year3"] or m["year4"])
        return month_end(year, quarter * 3)
    return _NO_MATCH


def week_friday(year: int, week: int) -> date | None:
    """The Friday of ISO week ``week`` of ``year``, or None if the year has no such week."""
    try:
        return date.fromisocalendar(year, week, 5)
    except ValueError:
        return None


def month_end(year: int, month: int) -> date | None:
    """The last day of a month."""
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])
