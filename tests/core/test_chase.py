"""What a department is chased for, in what order, and in which words."""

from __future__ import annotations

from datetime import date

import pytest

from xltools.core.chase import ChaseLine, DepartmentChase, LineKind, ReadOutcome, group_by_owner
from xltools.core.chase_message import body, subject
from xltools.core.texts import chase as T
from xltools.core.wording import DATE_FORMATS, DATE_PATTERNS


def _line(kind: LineKind, owner: str | None, days: int | None = None, row: int = 2,
          deadline: date | None = None) -> ChaseLine:
    return ChaseLine(kind, owner, "Plan", row, f"J{row}", id=str(row), what=f"item {row}",
                     deadline=deadline, days=days, status="in_progress")


def test_the_person_furthest_behind_comes_first_and_lines_keep_their_order() -> None:
    lines = [
        _line(LineKind.ERROR, "Ole", row=9),
        _line(LineKind.OVERDUE, "Ole", 5, 3, date(2026, 11, 18)),
        _line(LineKind.DUE_SOON, "Mette", 2, 4, date(2026, 11, 25)),
        _line(LineKind.OVERDUE, "mette", 40, 5, date(2026, 10, 14)),
        _line(LineKind.OVERDUE, "Mette", 3, 6, date(2026, 11, 20)),
        _line(LineKind.ERROR, None, row=1),
        _line(LineKind.OVERDUE, "Ida", 90, 7, date(2026, 8, 25)),
    ]
    groups = group_by_owner(lines)
    assert [owner for owner, _ in groups] == ["mette", "Ida", "Ole", None]
    assert [line.row for line in groups[0][1]] == [5, 6, 4]  # overdue oldest first, then soon
    assert [line.row for line in groups[2][1]] == [3, 9]  # errors after the late items


def test_the_three_most_overdue_are_named() -> None:
    chase = DepartmentChase("x.xlsx", ReadOutcome.READ, department="Skolen", lines=[
        _line(LineKind.OVERDUE, "A", days, row) for row, days in
        ((2, 5), (3, 50), (4, 1), (5, 20))])
    assert [line.row for line in chase.most_overdue()] == [3, 5, 2]
    assert chase.most_days_late == 50


@pytest.mark.parametrize(("lang", "one", "many"), [
    ("en", "1 item is overdue", "2 items are overdue"),
    ("da", "1 punkt har overskredet deadline", "0 punkter har overskredet deadline"),
    ("sv", "1 punkt är försenad", "5 punkter är försenade"),
])
def test_plurals(lang: str, one: str, many: str) -> None:
    assert T.OVERDUE_ITEMS(1, lang) == one
    assert T.OVERDUE_ITEMS(int(many.split()[0]), lang) == many
    assert T.DAYS(1, lang) != T.DAYS(2, lang).replace("2", "1")  # dag / dage, day / days


@pytest.mark.parametrize("lang", ["da", "sv", "en"])
def test_dates_read_alike_in_the_workbook_and_in_the_email(lang: str) -> None:
    excel = DATE_FORMATS[lang].replace("dd", "%d").replace("mm", "%m").replace("yyyy", "%Y")
    assert DATE_PATTERNS[lang] == excel


def test_an_email_in_english_without_a_manager_or_errors() -> None:
    chase = DepartmentChase("x.xlsx", ReadOutcome.READ, department="IT\nSupport", lines=[
        _line(LineKind.DUE_SOON, "Sam", 0, 2, date(2026, 11, 23))])
    assert subject(chase, "en") == "Action plans, IT Support: 1 due soon"
    text = body(chase, "en", as_of=date(2026, 11, 23), due_soon_days=1)
    assert text.startswith("Hello,\n\nWe have been through the plans of IT Support as of "
                           "2026-11-23:\n- 1 item is due within 1 day\n\nThe attached list")
    assert "most overdue" not in text and text.endswith("Kind regards\n")
