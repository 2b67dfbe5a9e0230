"""Nordic date parsing (SPEC 3): every form users type, the invalid ones, and properties."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xltools.core.dates import month_end, parse_date, week_friday

# ISO week 48 of 2026 runs Mon 23 Nov .. Sun 29 Nov; its Friday is 27 Nov.
WEEK_48_FRIDAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-23",
        "23-11-2026",
        "23.11.2026",
        "23/11/2026",
        "23/11-2026",
        "23. november 2026",
        "23 nov 2026",
        "23 nov. 2026",
        "23. November 2026",
        "23 NOVEMBER 2026",
        "23. nov 2026",
        "  23.11.2026  ",
        "23.11.2026.",
        "23 . 11 . 2026",
        "23\u00a0nov\u00a02026",
        "2026-11-23 00:00:00",  # str() of a datetime, as some exports write it
        "2026-11-23T10:30",
    ],
)
def test_day_forms(text: str) -> None:
    assert parse_date(text) == date(2026, 11, 23)


@pytest.mark.parametrize(
    "text",
    ["uge 48 2026", "Uge 48, 2026", "v. 48 2026", "v48 2026", "vecka 48 2026", "Vecka 48 2026",
     "week 48 2026", "uke 48 2026", "v. 48-2026", "uge 48/2026"],
)
def test_week_with_year_is_that_weeks_friday(text: str) -> None:
    assert parse_date(text) == WEEK_48_FRIDAY


@pytest.mark.parametrize("text", ["uge 48", "v. 48", "V.48", "vecka 48", "week 48", "v 48"])
def test_week_without_year_uses_default_year(text: str) -> None:
    assert parse_date(text, default_year=2026) == WEEK_48_FRIDAY


@pytest.mark.parametrize("text", ["uge 48", "v. 48", "vecka 48"])
def test_week_without_year_and_no_default_is_not_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_week_one_friday_may_fall_in_previous_calendar_year() -> None:
    # ISO week 1 of 2027 starts Mon 4 Jan 2027; of 2026 starts Mon 29 Dec 2025.
    assert parse_date("uge 1 2027") == date(2027, 1, 8)
    assert parse_date("uge 1 2026") == date(2026, 1, 2)


def test_week_53_exists_only_in_long_years() -> None:
    assert parse_date("uge 53 2026") == date(2027, 1, 1)  # 2026 has 53 ISO weeks
    assert parse_date("uge 53 2027") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("november 2026", date(2026, 11, 30)),
        ("November 2026", date(2026, 11, 30)),
        ("nov 2026", date(2026, 11, 30)),
        ("februar 2028", date(2028, 2, 29)),
        ("februari 2027", date(2027, 2, 28)),
        ("february 2026", date(2026, 2, 28)),
        ("marts 2026", date(2026, 3, 31)),
        ("mars 2026", date(2026, 3, 31)),
        ("maj 2026", date(2026, 5, 31)),
        ("augusti 2026", date(2026, 8, 31)),
        ("oktober 2026", date(2026, 10, 31)),
        ("december 2026", date(2026, 12, 31)),
    ],
)
def test_month_is_its_last_day(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q1 2027", date(2027, 3, 31)),
        ("q1 2027", date(2027, 3, 31)),
        ("Q2 2027", date(2027, 6, 30)),
        ("Q3-2027", date(2027, 9, 30)),
        ("Q4 2027", date(2027, 12, 31)),
        ("1. kvartal 2027", date(2027, 3, 31)),
        ("1 kvartal 2027", date(2027, 3, 31)),
        ("4. kvartal 2026", date(2026, 12, 31)),
        ("kvartal 2 2027", date(2027, 6, 30)),
        ("2027 Q1", date(2027, 3, 31)),
        ("2027-Q2", date(2027, 6, 30)),
    ],
)
def test_quarter_is_its_last_day(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_real_dates_are_taken_as_they_are() -> None:
    assert parse_date(date(2026, 11, 23)) == date(2026, 11, 23)
    assert parse_date(datetime(2026, 11, 23, 15, 45)) == date(2026, 11, 23)
    assert type(parse_date(datetime(2026, 11, 23, 15, 45))) is date


def test_day_comes_before_month() -> None:
    assert parse_date("03.04.2026") == date(2026, 4, 3)
    assert parse_date("01/02/2026") == date(2026, 2, 1)
    assert parse_date("12-01-2026") == date(2026, 1, 12)
    # American order is not guessed at: month 23 does not exist.
    assert parse_date("11/23/2026") is None


@pytest.mark.parametrize(
    "text",
    [
        "31.02.2026",
        "30-02-2026",
        "29.02.2027",  # not a leap year
        "32.01.2026",
        "00.01.2026",
        "15.13.2026",
        "15.00.2026",
        "2026-02-30",
        "2026-13-01",
        "31. april 2026",
        "uge 54 2026",
        "uge 0 2026",
        "v. 99 2026",
        "Q5 2027",
        "Q0 2027",
        "5. kvartal 2027",
        "13 2026",
    ],
)
def test_impossible_dates_are_none(text: str) -> None:
    assert parse_date(text) is None


def test_week_54_is_none_even_with_default_year() -> None:
    assert parse_date("uge 54", default_year=2026) is None


@pytest.mark.parametrize(
    "value",
    [
        "", "   ", "\u00a0", "soon", "asap", "snarest", "hurtigst muligt", "løbende", "tbd", "?",
        "efter sommerferien", "næste uge", "i morgen", "2026", "48", "23.11", "23/11",
        "23.11.26",  # two-digit years would be a guess
        "november", "23 november", "23 novembre 2026", "uge", "Q1", "kvartal 2027",
        "2026-11-23-2026", "23.11.2026 or later", "ca. 23.11.2026", "23.11.2026 - 30.11.2026",
        "2026/11/23", "20261123",
        None, 46349, 46349.0, True, [], {}, object(),
    ],
)
def test_garbage_is_none_never_a_guess(value: object) -> None:
    assert parse_date(value) is None


# --- properties -----------------------------------------------------------------------------------

_MONTH_NAMES = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
           "oktober", "november", "december"),
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}
_SHORT_NAMES = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

_FORMATS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{d.day}.{d.month}.{d.year}",
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    lambda d: f"{d.day}/{d.month}-{d.year}",
    lambda d: f"{d.day}. {_MONTH_NAMES['da'][d.month - 1]} {d.year}",
    lambda d: f"{d.day}. {_MONTH_NAMES['sv'][d.month - 1]} {d.year}",
    lambda d: f"{d.day} {_MONTH_NAMES['en'][d.month - 1]} {d.year}",
    lambda d: f"{d.day} {_SHORT_NAMES[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {_SHORT_NAMES[d.month - 1].upper()}. {d.year}",
]

_dates = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


@given(_dates, st.sampled_from(range(len(_FORMATS))))
def test_every_supported_format_parses_back(day: date, form: int) -> None:
    text = _FORMATS[form](day)
    assert parse_date(text) == day, text


@given(_dates)
def test_datetimes_parse_to_their_day(day: date) -> None:
    moment = datetime(day.year, day.month, day.day, 13, 5)
    assert parse_date(moment) == day
    assert parse_date(str(moment)) == day


@given(st.text(max_size=40))
def test_random_text_never_raises(text: str) -> None:
    result = parse_date(text, default_year=2026)
    assert result is None or isinstance(result, date)


@given(st.text(alphabet="0123456789 .-/:qvkQVKuge", max_size=20))
def test_date_like_noise_never_raises(text: str) -> None:
    result = parse_date(text, default_year=2026)
    assert result is None or isinstance(result, date)


@given(st.integers(min_value=1000, max_value=9999), st.integers(min_value=-5, max_value=60),
       st.sampled_from(["uge {w} {y}", "v. {w} {y}", "vecka {w} {y}", "week {w}, {y}", "v{w}-{y}"]))
def test_week_forms_always_give_that_weeks_friday(year: int, week: int, form: str) -> None:
    text = form.format(w=week, y=year)
    result = parse_date(text)
    weeks_in_year = date(year, 12, 28).isocalendar().week  # 28 Dec is always in the last week
    if 1 <= week <= weeks_in_year:
        assert result is not None, text
        assert result.weekday() == 4  # Friday
        assert result.isocalendar()[:2] == (year, week)
    else:
        assert result is None, text


@given(st.integers(min_value=1000, max_value=9998), st.integers(min_value=1, max_value=12))
def test_month_forms_give_the_last_day(year: int, month: int) -> None:
    result = parse_date(f"{_MONTH_NAMES['da'][month - 1]} {year}")
    assert result is not None
    assert result.month == month
    assert (result + timedelta(days=1)).day == 1


@given(st.integers(min_value=1000, max_value=9998), st.integers(min_value=1, max_value=4))
def test_quarter_forms_give_the_last_day(year: int, quarter: int) -> None:
    for text in (f"Q{quarter} {year}", f"{quarter}. kvartal {year}"):
        result = parse_date(text)
        assert result is not None
        assert result.month == quarter * 3
        assert (result + timedelta(days=1)).day == 1


@pytest.mark.parametrize(
    ("text", "near", "expected"),
    [
        ("uge 2", date(2026, 11, 23), date(2027, 1, 15)),  # written in November: next January
        ("uge 48", date(2026, 11, 23), date(2026, 11, 27)),
        ("vecka 50", date(2027, 1, 10), date(2026, 12, 11)),  # written in January: last December
        ("v. 53", date(2026, 12, 1), date(2027, 1, 1)),  # 2026 has a week 53, its Friday in 2027
    ],
)
def test_week_without_year_is_taken_nearest_to_today(text: str, near: date, expected: date) -> None:
    assert parse_date(text, near=near) == expected
    assert parse_date(text, near=near, default_year=1999) == expected  # near wins


def test_helpers() -> None:
    assert week_friday(2026, 48) == WEEK_48_FRIDAY
    assert week_friday(2027, 53) is None
    assert month_end(2024, 2) == date(2024, 2, 29)
    assert month_end(2026, 13) is None
