"""The summary's first sheet, "Read first": what each sheet is for, what colours mean, what made it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from xltools import __version__
from xltools.core.presentation import (
    ATTENTION_FONT,
    FAILED_FILL,
    LATE_BANDS,
    STALE_FILL,
    STATUS_COLOURS,
)
from xltools.core.rollup import NO_STATUS, STALE_AFTER_DAYS, STATUS_CODES, ColumnKind, excel_day
from xltools.core.schema import VALUE_LISTS
from xltools.core.texts import summary as T
from xltools.core.wording import DATE_FORMATS
from xltools.io.summary_layout import (
    FOOTER,
    LINE_HEIGHT,
    MARGINS,
    PERCENT_FORMAT,
    conditional_rules,
    wrap_lines,
)
from xltools.io.writers.base import PageSetup, SheetWriter, Style

LABEL_WIDTH = 30
TEXT_WIDTH = 100
TITLE = Style(bold=True, font_size=14)
SECTION = Style(bold=True, font_size=12, bottom_border="thin")
LABEL = Style(bold=True, valign="top")
TEXT = Style(wrap=True, valign="top")


@dataclass(frozen=True, slots=True)
class GuideFacts:
    """What the guide says about this summary."""

    lang: str
    titles: dict[str, str]  # sheet key -> title, in workbook order
    as_of: date | None
    settings_source: str | None
    file_counts: dict[str, int]  # outcome code -> files
    continued: dict[str, list[str]]  # lists beyond Excel's row limit: key -> every part's title


def write_guide(sheet: SheetWriter, facts: GuideFacts) -> None:
    """Fill the "Read first" sheet.

    Args:
        sheet: the (first) sheet to write.
        facts: the summary's language, sheets, as-of date, settings file and file counts.
    """
    lang = facts.lang
    sheet.hide_gridlines()
    sheet.set_column(0, LABEL_WIDTH)
    sheet.set_column(1, TEXT_WIDTH)
    # one page: it is read (and handed out) as a whole
    sheet.page(PageSetup(fit_width=1, fit_height=1, repeat_rows=None, margins=MARGINS,
                         footer=FOOTER))
    sheet.write(0, 0, T.GUIDE_TITLE[lang], TITLE)
    sheet.set_row(0, 24)
    row = 2
    counts = facts.file_counts
    facts_rows: list[tuple[str, object, Style | None]] = [
        (T.AS_OF[lang], excel_day(facts.as_of),
         Style(num_format=DATE_FORMATS[lang], align="left")),
        (T.SETTINGS[lang], facts.settings_source or T.NO_SETTINGS[lang], None),
        (T.INPUT_FILES[lang], T.FILES_SUMMARY[lang].format(
            read=counts.get("read", 0) + counts.get("problems", 0),
            problems=counts.get("problems", 0), failed=counts.get("failed", 0),
            skipped=counts.get("skipped", 0)), None),
        (T.MADE_WITH[lang], f"xltools {__version__}", None),
    ]
    for label, value, style in facts_rows:
        sheet.write(row, 0, label, LABEL)
        sheet.write(row, 1, value, style)  # type: ignore[arg-type]
        row += 1

    row += 1
    sheet.write(row, 0, T.SHEETS[lang], SECTION)
    sheet.write(row, 1, None, SECTION)
    row += 1
    for key, title in facts.titles.items():
        if key == "read_first":
            continue
        purpose = T.GUIDE_SHEETS["rows" if key in ("action", "activity", "communication")
                                 else key][lang]
        sheet.write_link(row, 0, f"'{title.replace(chr(39), chr(39) * 2)}'!A1", title,
                         Style(font_color="#0563C1", valign="top"))
        _text(sheet, row, purpose)
        row += 1
    for parts in facts.continued.values():
        _text(sheet, row, T.CONTINUED[lang].format(sheet=parts[0], more=", ".join(parts[1:])),
              Style(wrap=True, valign="top", bold=True, font_color=ATTENTION_FONT))
        row += 1

    row += 1
    sheet.write(row, 0, T.COLOURS[lang], SECTION)
    sheet.write(row, 1, None, SECTION)
    row += 1
    row = _status_colours(sheet, row, lang)
    _percent_sample(sheet, row, 0.6, ColumnKind.PERCENT_DONE, T.GUIDE_PERCENT_DONE[lang])
    _percent_sample(sheet, row + 1, 0.3, ColumnKind.OVERDUE_SHARE, T.GUIDE_PERCENT_OVERDUE[lang])
    row += 2
    sheet.write(row, 0, 3, Style(bold=True, font_color=ATTENTION_FONT, align="left"))
    _text(sheet, row, T.GUIDE_RED_FIGURES[lang])
    row += 1
    days, fill, font = LATE_BANDS[0]
    sheet.write(row, 0, f"{days}+", Style(bg_color=fill, font_color=font, bold=True))
    _text(sheet, row, T.GUIDE_DAYS_LATE[lang])
    row += 1
    sheet.write(row, 0, T.LAST_UPDATED[lang], Style(bg_color=STALE_FILL))
    _text(sheet, row, T.GUIDE_STALE[lang].format(days=STALE_AFTER_DAYS))
    row += 1
    sheet.write(row, 0, f"plan.xlsx — {T.NOT_READ[lang]}", Style(bg_color=FAILED_FILL))
    _text(sheet, row, T.GUIDE_FAILED[lang].format(files=facts.titles["files"]))


def _text(sheet: SheetWriter, row: int, text: str, style: Style = TEXT) -> None:
    # rows are given their height here: a program that does not fit rows would cut the text
    sheet.write(row, 1, text, style)
    lines = len(wrap_lines(text, TEXT_WIDTH, bold=style.bold))
    if lines > 1:
        sheet.set_row(row, LINE_HEIGHT * lines + 3)


def _status_colours(sheet: SheetWriter, row: int, lang: str) -> int:
    codes = [*STATUS_CODES, NO_STATUS]
    for offset, code in enumerate(codes):
        label = (VALUE_LISTS["status"].label(code, lang) if code else T.NO_STATUS[lang])
        colour = STATUS_COLOURS[code]
        sheet.write(row + offset, 0, label, Style(bg_color=colour.tint, font_color=colour.font,
                                                  border="thin", border_color=colour.strong))
    sheet.merge(row, 1, row + len(codes) - 1, 1, T.GUIDE_STATUSES[lang], TEXT)
    return row + len(codes)


def _percent_sample(sheet: SheetWriter, row: int, value: float, kind: ColumnKind,
                    text: str) -> None:
    # the sample carries the very rule the Overview uses, so it looks the same
    sheet.write(row, 0, value, Style(num_format=PERCENT_FORMAT, align="left"))
    for rule in conditional_rules(kind, "A", row + 1):
        sheet.add_conditional(row, 0, row, 0, rule)
    _text(sheet, row, text)
