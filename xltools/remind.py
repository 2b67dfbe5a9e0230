"""Chase what is late: a chase list and an e-mail draft per department, and an index for HR.

Files are found and read as the roll-up reads them (``find_workbooks``, the worker pool with
its per-file time limit, lock files and xltools' own outputs skipped, a broken file costing
only its own line). Workers send back compact ``DepartmentChase`` results; the main process
names the files (unique, safe on every system, never an input's name) and writes them.
Nothing is sent: HR opens each draft in the mail program and sends it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from xltools.core.chase import DepartmentChase, ReadOutcome, chase_department
from xltools.core.filenames import name_key, safe_file_name, unique_file_name
from xltools.core.outcomes import SkipReason
from xltools.core.outputs import OutputKind, copy_key, repeated_marked_copies
from xltools.core.schema import DEFAULT_LANG, LANGS
from xltools.core.settings import DEFAULT_SETTINGS, Settings
from xltools.core.texts import READ_FAILURES
from xltools.core.texts import chase as T
from xltools.core.wording import format_date
from xltools.errors import OutputError, XltoolsError
from xltools.fileloop import (
    FileFailure,
    ProgressCallback,
    check_file,
    run_files,
    worker_failure,
)
from xltools.workers import DEFAULT_FILE_TIMEOUT, Failure

if TYPE_CHECKING:
    from xltools.io.chase import IndexRow

Task = tuple[str, date, str | None, int, str, Settings, str | None]


class ChaseOutcome(StrEnum):
    """What a chase run did for one department (texts: ``texts.chase.OUTCOMES``)."""

    WRITTEN = "written"  # chase list and e-mail draft written
    NOTHING = "nothing"  # nothing overdue, due soon or in error: no files
    NOT_WRITTEN = "not_written"  # something to chase, but the files could not be written
    FAILED = "failed"  # the workbook could not be read


class AddressNote(StrEnum):
    """What the About sheet's contact e-mail gave (texts: ``texts.chase.ADDRESS_NOTES``)."""

    OK = "ok"
    MISSING = "missing"
    INVALID = "invalid"


@dataclass(slots=True)
class ChaseEntry:
    """One department (or unreadable file) of a chase run and what was written for it."""

    source: str
    outcome: ChaseOutcome
    department: str | None = None
    language: str | None = None
    about: dict[str, str] = field(default_factory=dict)
    to: tuple[str, ...] = ()
    address: AddressNote | None = None
    address_value: str | None = None  # the About value when it is not a valid address
    overdue: int = 0
    due_soon: int = 0
    errors: int = 0
    most_days_late: int | None = None
    chase_list: Path | None = None
    draft: Path | None = None
    reason: str | None = None  # why it failed or was not written

    def to_dict(self) -> dict[str, object]:
        """The entry as JSON-ready data (codes, not translated texts)."""
        return {"department": self.department, "source": self.source,
                "outcome": self.outcome.value, "language": self.language,
                "to": list(self.to), "address": self.address.value if self.address else None,
                "address_value": self.address_value, "overdue": self.overdue,
                "due_soon": self.due_soon, "errors": self.errors,
                "most_days_late": self.most_days_late,
                "chase_list": str(self.chase_list) if self.chase_list else None,
                "draft": str(self.draft) if self.draft else None, "reason": self.reason}


@dataclass(slots=True)
class RemindResult:
    """What a chase run did: the index, every department's entry, what was skipped or left."""

    out_dir: Path
    index: Path | None
    as_of: date
    entries: list[ChaseEntry]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    missing: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)  # earlier outputs this run did not write
    roots: list[Path] = field(default_factory=list)  # the folders searched

    def display_source(self, source: str) -> str:
        """A file as the index shows it: relative to the folder it was found in."""
        path = Path(source)
        for root in self.roots:
            if path.is_relative_to(root):
                return str(path.relative_to(root))
        return source

    def count(self, *outcomes: ChaseOutcome) -> int:
        """Entries with one of ``outcomes``."""
        return sum(1 for e in self.entries if e.outcome in outcomes)

    @property
    def read(self) -> int:
        return self.count(ChaseOutcome.WRITTEN, ChaseOutcome.NOTHING, ChaseOutcome.NOT_WRITTEN)

    @property
    def ok(self) -> bool:
        """Every file read and every chase list written."""
        return not self.count(ChaseOutcome.FAILED, ChaseOutcome.NOT_WRITTEN)

    def lines(self, lang: str) -> list[str]:
        """The outcome for a terminal: a line per department, skipped files, earlier outputs.

        Args:
            lang: the language of the lines.

        Returns:
            Lines of text (users' text made safe for a terminal).
        """
        from xltools.core.safety import terminal_text
        from xltools.core.texts import SKIP_REASONS
        from xltools.core.texts.cli import SKIPPED_LINE

        out = []
        for e in self.entries:
            what = T.OUTCOMES[e.outcome.value][lang].format(reason=e.reason)
            if e.outcome is ChaseOutcome.FAILED:
                out.append(terminal_text(f"{e.source}: {what}"))
                continue
            counts = ", ".join(phrase(n, lang) for n, phrase in (
                (e.overdue, T.OVERDUE_SHORT), (e.due_soon, T.DUE_SOON_SHORT),
                (e.errors, T.ERRORS_SHORT)) if n)
            line = f"{e.department}: {what}" + (f" ({counts})" if counts else "")
            if e.chase_list is not None and e.draft is not None:
                line += f" -> {e.chase_list.name}, {e.draft.name}"
            if e.outcome is not ChaseOutcome.NOTHING and e.address is not None:
                line += " [" + (", ".join(e.to) if e.to else T.ADDRESS_NOTES[e.address.value][
                    lang].format(value=e.address_value)) + "]"
            out.append(terminal_text(line))
        for source, why in self.skipped:
            out.append(terminal_text(SKIPPED_LINE[lang].format(
                source=source, reason=SKIP_REASONS[why][lang])))
        for path in self.missing:
            out.append(terminal_text(f"{path}: {READ_FAILURES['missing'][lang]}"))
        if self.stale:
            out.append(terminal_text(T.STALE(len(self.stale), lang, folder=self.out_dir) + " "
                                     + ", ".join(p.name for p in self.stale)))
        out.append(T.REMIND_TOTAL(
            self.read, lang, written=self.count(ChaseOutcome.WRITTEN),
            nothing=self.count(ChaseOutcome.NOTHING),
            failed=self.count(ChaseOutcome.FAILED, ChaseOutcome.NOT_WRITTEN)))
        if self.index is not None:
            out.append(terminal_text(T.INDEX_WRITTEN[lang].format(path=self.index)))
        return out

    def to_dict(self) -> dict[str, object]:
        """The outcome as JSON-ready data."""
        return {
            "out_dir": str(self.out_dir), "index": str(self.index) if self.index else None,
            "as_of": self.as_of.isoformat(),
            "written": self.count(ChaseOutcome.WRITTEN),
            "nothing_to_chase": self.count(ChaseOutcome.NOTHING),
            "not_written": self.count(ChaseOutcome.NOT_WRITTEN),
            "failed": self.count(ChaseOutcome.FAILED),
            "without_address": sum(1 for e in self.entries if e.outcome is ChaseOutcome.WRITTEN
                                   and not e.to),
            "departments": [e.to_dict() for e in self.entries],
            "skipped": [{"source": s, "reason": r} for s, r in self.skipped],
            "missing": [str(p) for p in self.missing],
            "stale": [str(p) for p in self.stale],
        }


def chase_file(source: str, as_of: date, lang: str | None,
               due_soon_days: int, reason_lang: str = DEFAULT_LANG,
               settings: Settings = DEFAULT_SETTINGS,
               folder_area: str | None = None) -> DepartmentChase:
    """Read, validate and collect what to chase in one file; never raises for a bad file.

    Args:
        source: the file path.
        as_of: "today".
        lang: the language of the chase list (None: the workbook's own).
        due_soon_days: the due-soon window.
        reason_lang: the language of a failure's reason (the index's).
        settings: the organisation's settings (its header names, status and group words).
        folder_area: the area the file's folder says (used when its About sheet names none).

    Returns:
        The department's chase data (outcome FAILED with a plain reason when unreadable,
        SKIPPED for a workbook xltools wrote).
    """
    checked = check_file(source, as_of=as_of, lang=lang, due_soon_days=due_soon_days,
                         settings=settings, reason_lang=reason_lang)
    if isinstance(checked, FileFailure):
        return DepartmentChase(source, ReadOutcome.FAILED, checked.reason)
    return chase_department(checked, source=source, as_of=as_of, due_soon_days=due_soon_days,
                            reason_lang=reason_lang, folder_area=folder_area)


def _work(task: Task) -> DepartmentChase:
    return chase_file(*task)


def _failed(task: Task, failure: Failure) -> DepartmentChase:
    return DepartmentChase(task[0], ReadOutcome.FAILED,
                           worker_failure(task[0], failure, task[4]).reason)


def _address(chase: DepartmentChase, entry: ChaseEntry) -> None:
    found = chase.addresses
    if found.ok:
        entry.to, entry.address = found.addresses, AddressNote.OK
    elif not found.addresses and not found.invalid:
        entry.address = AddressNote.MISSING
    else:
        # a cell with one good and one bad address is not guessed at: HR decides
        entry.address, entry.address_value = AddressNote.INVALID, chase.about.get("email")


class _Writer:
    """Names and writes one run's chase lists and drafts (names unique within the run)."""

    def __init__(self, out_dir: Path, taken: set[str], *, as_of: date, due_soon_days: int,
                 settings: Settings, force: bool, writer: str | None) -> None:
        self.out_dir, self.taken = out_dir, taken
        self.as_of, self.due_soon_days = as_of, due_soon_days
        self.settings, self.force, self.writer = settings, force, writer

    def write(self, chase: DepartmentChase, entry: ChaseEntry) -> None:
        from xltools.core.chase_message import body, subject
        from xltools.io.chase import write_chase_list
        from xltools.io.mail import draft_message, write_draft

        lang = chase.language if chase.language in LANGS else DEFAULT_LANG
        name = unique_file_name(f"{T.CHASE_FILE_PREFIX[lang]} - {chase.department}", ".xlsx",
                                self.taken)
        stem = name.removesuffix(".xlsx")
        self.taken.update({name_key(name), name_key(stem + ".eml")})
        list_path, draft_path = self.out_dir / name, self.out_dir / f"{stem}.eml"
        try:
            data = write_chase_list(chase, list_path, as_of_text=format_date(self.as_of, lang),
                                    due_soon_days=self.due_soon_days, force=self.force,
                                    writer=self.writer)
            entry.chase_list = list_path
            message = draft_message(
                subject=subject(chase, lang),
                body=body(chase, lang, as_of=self.as_of, due_soon_days=self.due_soon_days,
                          organisation=self.settings.organisation
                          or chase.about.get("organisation")),
                to=entry.to, display_name=chase.about.get("manager"), attachment=data,
                attachment_name=name)
            entry.draft = write_draft(message, draft_path, force=self.force)
        except XltoolsError as error:
            entry.outcome, entry.reason = ChaseOutcome.NOT_WRITTEN, str(error)
            return
        except Exception as error:  # one department's odd value must not cost the others
            entry.outcome = ChaseOutcome.NOT_WRITTEN
            entry.reason = f"unexpected error while writing: {type(error).__name__}: {error}"
            return
        entry.outcome = ChaseOutcome.WRITTEN


def _entry(chase: DepartmentChase) -> ChaseEntry:
    entry = ChaseEntry(source=chase.source, outcome=ChaseOutcome.NOTHING,
                       department=chase.department, language=chase.language,
                       about=dict(chase.about))
    if chase.outcome is ReadOutcome.FAILED:
        entry.outcome, entry.reason = ChaseOutcome.FAILED, chase.reason
        return entry
    entry.overdue, entry.due_soon, entry.errors = chase.overdue, chase.due_soon, chase.errors
    entry.most_days_late = chase.most_days_late
    _address(chase, entry)
    return entry


def _stale(out_dir: Path, written: set[Path], index: Path | None) -> list[Path]:
    """Chase lists, indexes and drafts in ``out_dir`` that this run did not write."""
    from xltools.io.mail import is_xltools_draft
    from xltools.io.outputs import output_kind

    ours = {OutputKind.CHASE_LIST, OutputKind.CHASE_INDEX}
    found = []
    for path in sorted(out_dir.iterdir()):
        if path in written or path == index or not path.is_file():
            continue
        suffix = path.suffix.lower()
        if (suffix == ".xlsx" and output_kind(path) in ours) or \
                (suffix == ".eml" and is_xltools_draft(path)):
            found.append(path)
    return found


def remind(paths: Iterable[str | Path], out_dir: str | Path, *, as_of: date,
           lang: str | None = None, due_soon_days: int | None = None, jobs: int | None = None,
           force: bool = False, settings: Settings = DEFAULT_SETTINGS,
           progress: ProgressCallback | None = None,
           file_timeout: float = DEFAULT_FILE_TIMEOUT, writer: str | None = None) -> RemindResult:
    """Write a chase list and an e-mail draft for every department with something to chase.

    Args:
        paths: folders (searched recursively) and workbook files.
        out_dir: the folder for the chase lists, drafts and index; created when missing.
        as_of: "today" for overdue and due soon.
        lang: the language of every chase list, e-mail and the index; None: each department's
            own language, and the index in the settings' language (else English).
        due_soon_days: the due-soon window (None: the settings' window).
        jobs: parallel worker processes (default: the CPU count).
        force: replace files in ``out_dir`` that are not earlier outputs of this kind.
        settings: the organisation's settings (language, due-soon window, organisation name).
        progress: called with (done, total) after each file.
        file_timeout: seconds one file may take; a file that takes longer is failed.
        writer: 'xlsxwriter' or 'rvgsrust' (default: the fast one when installed).

    Returns:
        Every department's entry (in input order), the index, what was skipped or missing,
        and earlier outputs in ``out_dir`` this run did not replace. ``index`` is None when
        no file could be read (nothing is written then).

    Raises:
        OutputError: the output folder or the index cannot be written.
    """
    from xltools.files import find_workbooks
    from xltools.io.atomic import check_output_path
    from xltools.io.outputs import output_kind

    if lang is not None and lang not in LANGS:
        raise XltoolsError(f"'{lang}' is not a language xltools writes (da, sv or en)")
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out_dir}: the folder cannot be made ({error.strerror})") from None
    index_lang = settings.language_or(lang)
    window = settings.due_soon_days if due_soon_days is None else due_soon_days
    index_path = out_dir / safe_file_name(T.INDEX_FILE[index_lang], ".xlsx")
    # fail before minutes of reading, not after
    check_output_path(index_path, kind=OutputKind.CHASE_INDEX, force=force)
    paths = [Path(p) for p in paths]  # read twice: an iterator would be spent by the first
    found = find_workbooks(paths)
    files = found.files
    # no output may take the name of an input that sits in the output folder, except an
    # earlier chase list of ours, which is replaced
    here = out_dir.resolve()
    taken = {name_key(f.name) for f in files if f.resolve().parent == here
             and output_kind(f) not in (OutputKind.CHASE_LIST, OutputKind.CHASE_INDEX)}
    taken.add(name_key(index_path.name))
    writer_ = _Writer(out_dir, taken, as_of=as_of, due_soon_days=window, settings=settings,
                      force=force, writer=writer)
    tasks: list[Task] = [(str(f), as_of, lang, window, index_lang, settings,
                          found.folder_area(f)) for f in files]
    results = run_files(_work, tasks, jobs=jobs, on_failure=_failed, timeout=file_timeout,
                        progress=progress)
    result = RemindResult(out_dir, None, as_of, [], missing=list(found.missing),
                          roots=[p for p in paths if p.is_dir()])
    result.skipped = [(str(p), reason) for p, reason in found.skipped]
    read: list[tuple[str, str] | None] = []
    copies: list[DepartmentChase] = []
    for chase in results:
        if chase.outcome is ReadOutcome.SKIPPED:
            # an earlier summary, chase list or index in the folder: not a department
            result.skipped.append((chase.source, chase.reason or ""))
        elif chase.marked_copy and chase.outcome is ReadOutcome.READ:
            copies.append(chase)  # after the others: it may repeat one of them
        else:
            read.append(copy_key(chase.department, chase.area))
            _chase(chase, result, writer_)
    for copy, repeated in zip(copies, repeated_marked_copies(
            read, [copy_key(c.department, c.area) for c in copies]), strict=True):
        if repeated:  # a manager's marked copy beside the workbook: one chase is enough
            result.skipped.append((copy.source, SkipReason.MARKED_COPY_DUPLICATE.value))
        else:
            _chase(copy, result, writer_)
    if not result.read:
        return result
    from xltools.io.chase import write_index

    title = f"{T.INDEX_SHEET[index_lang]} {format_date(as_of, index_lang)}"
    write_index(index_rows(result, index_lang), index_path, lang=index_lang, title=title,
                force=force, writer=writer)
    result.index = index_path
    written = {p for e in result.entries for p in (e.chase_list, e.draft) if p is not None}
    result.stale = _stale(out_dir, written, index_path)
    return result


def _chase(chase: DepartmentChase, result: RemindResult, writer: _Writer) -> None:
    """One department's entry, with its chase list and draft when it has something late."""
    entry = _entry(chase)
    if entry.outcome is not ChaseOutcome.FAILED and chase.needs_chase:
        writer.write(chase, entry)
    result.entries.append(entry)


def index_rows(result: RemindResult, lang: str) -> list[IndexRow]:
    """The index's rows: departments A–Z, then files that could not be read.

    Args:
        result: the run so far.
        lang: the index's language.

    Returns:
        ``io.chase.IndexRow`` objects.
    """
    from xltools.io.chase import IndexRow

    rows = []
    order = sorted(result.entries, key=lambda e: (e.outcome is ChaseOutcome.FAILED,
                                                  (e.department or "").casefold(), e.source))
    for e in order:
        failed = e.outcome is ChaseOutcome.FAILED
        send_to = ", ".join(e.to) or None
        if e.address in (AddressNote.MISSING, AddressNote.INVALID) and e.draft is not None:
            # said where a draft went without a recipient; without a draft there is no one to warn
            send_to = T.ADDRESS_NOTES[e.address.value][lang].format(value=e.address_value)
        files = "\n".join(p.name for p in (e.chase_list, e.draft) if p is not None) or None
        rows.append(IndexRow(
            department=e.department, about=e.about, send_to=send_to,
            address_ok=e.address in (AddressNote.OK, None) or e.draft is None,
            overdue=None if failed else e.overdue, due_soon=None if failed else e.due_soon,
            errors=None if failed else e.errors, most_days_late=e.most_days_late,
            files=files, source=result.display_source(e.source),
            outcome=T.OUTCOMES[e.outcome.value][lang].format(reason=e.reason)))
    return rows


__all__ = ["AddressNote", "ChaseEntry", "ChaseOutcome", "RemindResult", "chase_file", "remind"]
