"""The words of a chase e-mail: subject and text, short and polite, in the department's language.

Only text is made here (the message itself is built in ``io/mail.py``). Everything taken
from a workbook is one line without control characters; what goes into the Subject is also
made safe for a header (``email_text.header_text``).
"""

from __future__ import annotations

from datetime import date

from xltools.core.chase import ChaseLine, DepartmentChase
from xltools.core.email_text import header_text, one_line
from xltools.core.texts import chase as T
from xltools.core.wording import DAYS_LATE, format_date

MAX_WHAT = 80  # an item's description in the e-mail; the list has it in full


def counts(chase: DepartmentChase, lang: str) -> str:
    """The short counts of a subject line: ``2 overdue, 1 due soon, 3 errors``."""
    parts = []
    if chase.overdue:
        parts.append(T.OVERDUE_SHORT(chase.overdue, lang))
    if chase.due_soon:
        parts.append(T.DUE_SOON_SHORT(chase.due_soon, lang))
    if chase.errors:
        parts.append(T.ERRORS_SHORT(chase.errors, lang))
    return ", ".join(parts)


def subject(chase: DepartmentChase, lang: str) -> str:
    """The Subject: plans, department and counts, e.g. ``Handleplaner, Ekonomi: 2 fejl``.

    Args:
        chase: the department's chase data.
        lang: the language of the e-mail.

    Returns:
        One line, safe for a header.
    """
    department = header_text(chase.department or "")
    return T.SUBJECT[lang].format(department=department, counts=counts(chase, lang))


def item_line(line: ChaseLine, lang: str) -> str:
    """One overdue item as the e-mail names it, e.g. ``Handleplan, ID 1: Krav – ...``."""
    late = DAYS_LATE(line.days or 0, lang)
    deadline = format_date(line.deadline, lang) if line.deadline else ""
    what = one_line(line.what or "", MAX_WHAT) or "—"
    template = T.ITEM_LINE if line.id else T.ITEM_LINE_NO_ID
    text = template[lang].format(sheet=one_line(line.sheet), id=one_line(line.id or ""),
                                 row=line.row, what=what, deadline=deadline, late=late)
    if line.owner:
        text += T.RESPONSIBLE[lang].format(owner=one_line(line.owner, 60))
    return text


def body(chase: DepartmentChase, lang: str, *, as_of: date, due_soon_days: int,
         organisation: str | None = None) -> str:
    """The text of the e-mail: greeting, counts, the most overdue items, a polite close.

    Args:
        chase: the department's chase data.
        lang: the language of the e-mail.
        as_of: the day the plans were judged on.
        due_soon_days: the due-soon window (named in the text).
        organisation: signs the e-mail when given.

    Returns:
        Plain text with line breaks.
    """
    manager = one_line(chase.about.get("manager") or "", 80)
    department = one_line(chase.department or "", 120)
    lines = [T.GREETING[lang].format(name=manager) if manager else T.GREETING_NO_NAME[lang], "",
             T.INTRO[lang].format(department=department, date=format_date(as_of, lang))]
    if chase.overdue:
        lines.append("- " + T.OVERDUE_ITEMS(chase.overdue, lang))
    if chase.due_soon:
        lines.append("- " + T.DUE_SOON_ITEMS(chase.due_soon, lang,
                                                   days=T.DAYS(due_soon_days, lang)))
    if chase.errors:
        lines.append("- " + T.ERRORS_TO_FIX(chase.errors, lang))
    most = chase.most_overdue()
    if most:
        lines += ["", T.MOST_OVERDUE[lang], *("- " + item_line(line, lang) for line in most)]
    lines += ["", T.ATTACHED[lang], "", T.THANKS[lang], "", T.SIGN_OFF[lang]]
    if organisation and one_line(organisation):
        lines.append(one_line(organisation))
    return "\n".join(lines) + "\n"
