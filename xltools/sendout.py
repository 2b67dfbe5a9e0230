"""Send-out: one prefilled department workbook per row of HR's department list.

Every row gets an outcome: written, replaced (``force``), kept (the file exists) or not
written (the row's problems, or why the file could not be written); a bad row never stops
the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import cast

from xltools.core.departments import DepartmentEntry, DepartmentList, Problem, file_names
from xltools.core.filenames import name_key
from xltools.core.schema import ABOUT, LANGS, Lang
from xltools.core.settings import DEFAULT_SETTINGS, Settings
from xltools.errors import OutputError, XltoolsError

SUFFIX = ".xlsx"


class RowOutcome(StrEnum):
    """What happened to one row (texts: ``texts.chase.ROW_OUTCOMES``)."""

    WRITTEN = "written"
    REPLACED = "replaced"
    KEPT = "kept"
    INVALID = "invalid"  # the row's problems: no department, unknown language, bad e-mail, twice
    FAILED = "failed"  # the file could not be written (permissions, disk full, ...)


@dataclass(slots=True)
class RowResult:
    """One row of the list and what became of it."""

    row: int
    department: str | None
    outcome: RowOutcome
    path: Path | None = None
    lang: str | None = None
    problems: list[Problem] = field(default_factory=list)
    reason: str | None = None  # why a file could not be written (FAILED)

    def to_dict(self) -> dict[str, object]:
        """The row as JSON-ready data (codes, not translated texts)."""
        return {"row": self.row, "department": self.department, "outcome": self.outcome.value,
                "file": str(self.path) if self.path else None, "lang": self.lang,
                "problems": [{"code": p.code.value, "value": p.value, "row": p.row}
                             for p in self.problems],
                "reason": self.reason}


@dataclass(slots=True)
class SendOutResult:
    """The outcome of every row, and what the list's header told."""

    source: Path
    out_dir: Path
    rows: list[RowResult]
    unused_columns: list[str] = field(default_factory=list)
    duplicate_columns: list[tuple[str, str]] = field(default_factory=list)

    def count(self, *outcomes: RowOutcome) -> int:
        """Rows with one of ``outcomes``."""
        return sum(1 for r in self.rows if r.outcome in outcomes)

    @property
    def ok(self) -> bool:
        """True when every row has its workbook (written now or kept from before)."""
        return not self.count(RowOutcome.INVALID, RowOutcome.FAILED)

    def lines(self, lang: str) -> list[str]:
        """The outcome for a terminal, one line per row, then notes and a total.

        Args:
            lang: the language of the lines.

        Returns:
            Lines of text (users' text made safe for a terminal).
        """
        from xltools.core.safety import terminal_text
        from xltools.core.texts import chase as T

        out = []
        for row in self.rows:
            line = f"{T.ROW[lang]} {row.row}: "
            if row.department:
                line += row.department + (f" -> {row.path}" if row.path else "") + ": "
            line += T.ROW_OUTCOMES[row.outcome.value][lang]
            reasons = [T.ROW_PROBLEMS[p.code.value][lang].format(value=p.value, row=p.row)
                       for p in row.problems]
            if row.reason:
                reasons.append(row.reason)
            out.append(terminal_text(line + (": " + "; ".join(reasons) if reasons else "")))
        for header in self.unused_columns:
            out.append(terminal_text(T.UNUSED_COLUMN[lang].format(value=header)))
        labels = {f.key: f.labels[lang] for f in ABOUT.fields}
        for header, key in self.duplicate_columns:
            out.append(terminal_text(T.DUPLICATE_COLUMN[lang].format(
                value=header, field=labels.get(key, key))))
        out.append(T.SEND_OUT_TOTAL(
            len(self.rows), lang, written=self.count(RowOutcome.WRITTEN, RowOutcome.REPLACED),
            kept=self.count(RowOutcome.KEPT),
            invalid=self.count(RowOutcome.INVALID, RowOutcome.FAILED)))
        return out

    def to_dict(self) -> dict[str, object]:
        """The outcome as JSON-ready data."""
        return {
            "departments": str(self.source), "out_dir": str(self.out_dir),
            "written": self.count(RowOutcome.WRITTEN, RowOutcome.REPLACED),
            "kept": self.count(RowOutcome.KEPT),
            "not_written": self.count(RowOutcome.INVALID, RowOutcome.FAILED),
            "unused_columns": self.unused_columns,
            "duplicate_columns": [{"header": h, "field": f} for h, f in self.duplicate_columns],
            "rows": [r.to_dict() for r in self.rows],
        }


def _existing_names(out_dir: Path) -> dict[str, Path]:
    """name_key -> file already in ``out_dir`` (a case-insensitive system would see it)."""
    return {name_key(p.name): p for p in out_dir.iterdir()} if out_dir.is_dir() else {}


def send_out(department_list: DepartmentList, source: str | Path, out_dir: str | Path, *,
             lang: str | None = None, settings: Settings = DEFAULT_SETTINGS,
             as_of: date | None = None, force: bool = False) -> SendOutResult:
    """Write one department workbook per row of an understood department list.

    Args:
        department_list: from ``core.departments.read_department_list``.
        source: the list's file (reported back).
        out_dir: the folder for the workbooks; created when missing.
        lang: the language of rows that name none (else the settings' language, else English).
        settings: the organisation's settings (default language, organisation name, topics).
        as_of: the About sheet's Last updated date.
        force: replace workbooks that exist (they may already be filled in).

    Returns:
        Every row's outcome, in list order.

    Raises:
        OutputError: the output folder cannot be made.
    """
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out_dir}: the folder cannot be made ({error.strerror})") from None
    default_lang = settings.language_or(lang)
    existing = _existing_names(out_dir)
    source = Path(source)
    # the list itself may sit in the output folder: no department may be named onto it
    beside = source.resolve().parent == out_dir.resolve()
    names = file_names(department_list.entries, SUFFIX, {name_key(source.name)} if beside else ())
    result = SendOutResult(source, out_dir, [], list(department_list.unused),
                           list(department_list.duplicate_columns))
    for entry in department_list.entries:
        result.rows.append(_write_row(entry, names.get(entry.row), out_dir, existing,
                                      entry.lang or default_lang, settings, as_of, force))
    return result


def _write_row(entry: DepartmentEntry, name: str | None, out_dir: Path,
               existing: dict[str, Path], lang: str, settings: Settings, as_of: date | None,
               force: bool) -> RowResult:
    from xltools.io.template import new_workbook

    row = RowResult(entry.row, entry.department, RowOutcome.INVALID,
                    problems=list(entry.problems))
    if not entry.ok or name is None:
        return row
    row.lang = lang
    # a file that differs only in case or accent form is the same file on Windows and macOS
    path = existing.get(name_key(name), out_dir / name)
    row.path = path
    there = path.exists()
    if there and not force:
        row.outcome = RowOutcome.KEPT
        return row
    # a date typed in the list (a period's start) is written as text: the About sheet formats
    # only its own Last updated cell as a date
    about = {k: v.isoformat() if isinstance(v, date) else v
             for k, v in entry.values.items() if v is not None}
    if settings.organisation and "organisation" not in about:
        about["organisation"] = settings.organisation
    try:
        new_workbook(path, cast(Lang, lang), about=about, last_updated=as_of, force=force,
                     topics=settings.topic_suggestions(lang))
    except XltoolsError as error:
        row.outcome, row.reason = RowOutcome.FAILED, str(error)
        return row
    row.outcome = RowOutcome.REPLACED if there else RowOutcome.WRITTEN
    return row


def send_out_file(path: str | Path, out_dir: str | Path, *, lang: str | None = None,
                  settings: Settings = DEFAULT_SETTINGS, as_of: date | None = None,
                  force: bool = False) -> SendOutResult:
    """Read HR's department list (.xlsx or .csv) and write one workbook per row.

    Args:
        path: the department list.
        out_dir, lang, settings, as_of, force: see ``send_out``.

    Returns:
        Every row's outcome.

    Raises:
        XltoolsError: the list cannot be read or has no department column; the output
            folder cannot be made.
    """
    from xltools.core.departments import NoDepartmentColumn, read_department_list
    from xltools.io.departments import read_list_grid

    if lang is not None and lang not in LANGS:
        raise XltoolsError(f"'{lang}' is not a language xltools writes (da, sv or en)")
    grid = read_list_grid(path)
    try:
        understood = read_department_list(grid)
    except NoDepartmentColumn as error:
        seen = ", ".join(f"'{h}'" for h in error.seen[:12]) or "nothing"
        raise XltoolsError(
            f"{path}: no department column found (the first row holds {seen}); head a column "
            "'Department', 'Afdeling' or 'Avdelning'") from None
    return send_out(understood, path, out_dir, lang=lang, settings=settings, as_of=as_of,
                    force=force)


__all__ = ["RowOutcome", "RowResult", "SendOutResult", "send_out", "send_out_file"]
