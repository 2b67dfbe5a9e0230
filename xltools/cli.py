"""The ``xltools`` command line: new, validate, overdue, rollup, addin."""

from __future__ import annotations

import contextlib
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xltools import __version__
from xltools.core.outcomes import Outcome
from xltools.core.outputs import NOT_A_DEPARTMENT
from xltools.core.overdue import DEFAULT_DUE_SOON_DAYS, MAX_DUE_SOON_DAYS
from xltools.core.texts import SKIP_REASONS
from xltools.core.texts import cli as CLI
from xltools.errors import XltoolsError

if TYPE_CHECKING:
    from xltools.core.schema import Labels
    from xltools.core.settings import Settings
    from xltools.rollup import RollupResult

app = typer.Typer(
    name="xltools",
    help="Action, activity and communication plans in Excel: templates, validation, overdue "
         "items and organisation roll-up (da/sv/en).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # help paragraphs reflow to the terminal's width instead of keeping the source's breaks
    rich_markup_mode="markdown",
)
addin_app = typer.Typer(help="Build or install the Excel add-in (ribbon tab).", no_args_is_help=True)
app.add_typer(addin_app, name="addin")

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

LangOption = Annotated[str | None, typer.Option(
    "--lang", help="Language of the output: da, sv or en (default: the workbook's own).")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="Judge deadlines as of this date (default: today), e.g. 2026-11-23.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a report.")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show the full traceback on errors.")]
DueSoonOption = Annotated[int | None, typer.Option(
    min=0, max=MAX_DUE_SOON_DAYS,
    help=f"Days ahead that count as due soon (default: the settings', else "
         f"{DEFAULT_DUE_SOON_DAYS}).")]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="The organisation's settings file (default: xltools.toml in the current "
                     "folder, the input's folder or your user settings folder).")]
JobsOption = Annotated[int | None, typer.Option(
    min=1, help="Parallel worker processes (default: the number of CPU cores).")]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Replace an existing output file that xltools did not write as the same "
                    "kind of output.")]


class Output:
    """Where a command speaks: its language, plain text or JSON, and how it fails.

    Every line goes through ``terminal_text`` (text from users' files never acts on the
    terminal); a failure is one line on stderr, or ``{"error": {"code", "message"}}`` on
    stdout with ``--json``.
    """

    def __init__(self, lang: str | None = None, *, json_output: bool = False) -> None:
        self.lang = lang or "en"
        self.json = json_output

    def line(self, text: str, *, err: bool = False) -> None:
        """Print one line (or a block of lines) of text meant for people."""
        from xltools.core.safety import terminal_text

        typer.echo("\n".join(terminal_text(part) for part in text.split("\n")), err=err)

    def say(self, label: Labels, *, err: bool = False, **params: object) -> None:
        """Print a declared text in the command's language."""
        self.line(label[self.lang].format(**params), err=err)

    def fail(self, error: XltoolsError | None = None, *, code: str | None = None,
             status: int = EXIT_USAGE, **params: object) -> typer.Exit:
        """Report a failure and return the exit to raise.

        Args:
            error: the error raised (its code and text in the command's language).
            code: or a key of ``core.texts.errors.ERRORS`` with its ``params``.
            status: the exit status (2: bad usage or an unreadable input).
        """
        if error is None:
            error = XltoolsError(code=code, **params)
        message = error.localized(self.lang)
        if self.json:
            typer.echo(json.dumps({"error": {"code": error.error_code, "message": message}},
                                  ensure_ascii=False))
        else:
            self.line(f"xltools: {message}", err=True)
        return typer.Exit(status)


def _as_of(out: Output, text: str | None, option: str = "--as-of") -> date:
    if text is None:
        return date.today()
    from xltools.core.dates import parse_date

    parsed = parse_date(text, near=date.today())
    if parsed is None:
        raise out.fail(code="bad_date_option", option=option, value=text)
    return parsed


def _lang(out: Output, text: str | None) -> str | None:
    if text is None:
        return None
    from xltools.core.schema import lang_code

    lang = lang_code(text)
    if lang is None:
        raise out.fail(code="bad_lang_option", option="--lang", value=text)
    return lang


def _settings(out: Output, config: Path | None,
              inputs: list[Path] | tuple[Path, ...] = ()) -> Settings:
    """The organisation's settings for a command; a bad file is one line and exit 2."""
    from xltools.io.settings import find_settings, load_settings

    try:
        return load_settings(find_settings(config, inputs))
    except XltoolsError as error:
        raise out.fail(error) from None


def _guard(out: Output, debug: bool):  # type: ignore[no-untyped-def]
    """Turn our own errors into one plain line and exit status 2; tracebacks only with --debug."""

    @contextlib.contextmanager
    def guard():  # type: ignore[no-untyped-def]
        try:
            yield
        except XltoolsError as error:
            if debug:
                raise
            raise out.fail(error) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as error:  # an unexpected failure still gets one plain line
            if debug:
                raise
            raise out.fail(code="unexpected", detail=f"{type(error).__name__}: {error}") \
                from None

    return guard()


def _progress_bar(enabled: bool, label: str):  # type: ignore[no-untyped-def]
    """A bar on stderr while files are read: only when stderr is a terminal (never in a pipe
    or a file), yielding a callback of (done, total, label) or None."""

    @contextlib.contextmanager
    def bar():  # type: ignore[no-untyped-def]
        if not enabled or not sys.stderr.isatty():
            yield None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        with Progress("[progress.description]{task.description}", BarColumn(),
                      MofNCompleteColumn(), TimeElapsedColumn(), transient=True,
                      console=Console(stderr=True)) as progress:
            task = progress.add_task(label, total=None)

            def advance(done: int, total: int, text: str | None = None) -> None:
                progress.update(task, completed=done, total=total, description=text or label)

            yield advance

    return bar()


def _marking_progress(enabled: bool):  # type: ignore[no-untyped-def]
    """A progress callback for marking and clearing: a bar on stderr when it is a terminal."""

    @contextlib.contextmanager
    def bar():  # type: ignore[no-untyped-def]
        with _progress_bar(enabled, "…") as advance:
            yield None if advance is None else (
                lambda label, done, total: advance(done, total, label))

    return bar()


def _safe_streams() -> None:
    # A Windows console or a file redirected in cp1252 cannot hold every character a report
    # may carry (✖, æøå in another code page, a control picture): print a replacement
    # character rather than fail with a traceback.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"xltools {__version__}")
        raise typer.Exit()


def _terminate(signum: int, _frame: object) -> None:
    # A terminating signal becomes an ordinary exit, so cleanup runs: temporary files are
    # removed and worker processes stopped, as with Ctrl-C.
    raise SystemExit(128 + signum)


@app.callback()
def main(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
         ) -> None:
    """xltools command line."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    _safe_streams()


@app.command()
def new(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="The .xlsx file to write (default: plan-DEPARTMENT.xlsx, a "
                               "name safe on every system).")] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Workbook language: da, sv or en (default: the settings' language, else "
                       "en; with --departments, for rows that name none).")] = None,
    department: Annotated[str | None, typer.Option(help="Department name for the About sheet.")] = None,
    organisation: Annotated[str | None, typer.Option(
        help="Organisation name (default: the settings').")] = None,
    departments: Annotated[Path | None, typer.Option(
        "--departments", help="HR's department list (.xlsx or .csv; headers in da/sv/en): one "
                              "prefilled workbook per row, written to --out-dir.")] = None,
    out_dir: Annotated[Path | None, typer.Option(
        "--out-dir", help="With --departments: the folder for the workbooks.")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="The date stamped as 'Last updated' on the About sheet (default: "
                        "today).")] = None,
    config: ConfigOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    json_output: Annotated[bool, typer.Option(
        "--json", help="Print what was written as JSON.")] = False,
    debug: DebugOption = False,
) -> None:
    """Write a new department plan workbook with every sheet, drop-downs and live colours.

    With --departments LIST --out-dir DIR: one workbook per row of HR's list, each with its
    About sheet filled in. Exit 0: every row has its workbook; 1: some rows were not written;
    2: bad usage or an unreadable list.
    """
    out = Output(json_output=json_output)
    language = _lang(out, lang)
    out.lang = language or "en"
    day = _as_of(out, as_of)
    settings = _settings(out, config, [departments] if departments else [])
    out.lang = settings.language_or(language)
    with _guard(out, debug):
        if departments is not None:
            if out_dir is None:
                raise out.fail(code="departments_need_out_dir")
            if output is not None or department is not None:
                raise out.fail(code="departments_one_per_row")
            from xltools.sendout import send_out_file

            result = send_out_file(departments, out_dir, lang=language, settings=settings,
                                   as_of=day, force=force)
        else:
            if out_dir is not None:
                raise out.fail(code="out_dir_with_departments")
            from xltools.core.filenames import safe_file_name
            from xltools.io.template import new_workbook

            language = out.lang
            target = output or Path(safe_file_name(f"plan-{department or language}", ".xlsx"))
            if target.suffix.lower() != ".xlsx" and not target.is_dir():
                raise out.fail(code="new_suffix", path=target)
            path = new_workbook(target, language, department=department,  # type: ignore[arg-type]
                                organisation=organisation or settings.organisation,
                                last_updated=day, force=force,
                                topics=settings.topic_suggestions(language))
    if departments is None:
        if json_output:
            typer.echo(json.dumps({"output": str(path), "lang": language}))
        else:
            out.say(CLI.NEW_WRITTEN, path=path)
        return
    if json_output:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in result.lines(out.lang):
            out.line(line)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="The workbook to check.")],
    as_of: AsOfOption = None,
    lang: LangOption = None,
    json_output: JsonOption = False,
    suggest_config: Annotated[bool, typer.Option(
        "--suggest-config", help="Instead of the report, print the xltools.toml lines that "
        "would make missing columns read (a comment line when there is nothing to suggest).")
    ] = False,
    annotate: Annotated[Path | None, typer.Option(
        "--annotate", help="Write a copy with the issues marked in the cells and an Issues sheet.")
    ] = None,
    due_soon_days: DueSoonOption = None,
    config: ConfigOption = None,
    force: ForceOption = False,
    debug: DebugOption = False,
) -> None:
    """Check a plan workbook. Exit 0: no errors; 1: errors found; 2: unreadable or bad usage."""
    from xltools.core.validate import check_workbook
    from xltools.io.read import read_workbook
    from xltools.render import report_text

    out = Output(json_output=json_output)
    language = _lang(out, lang)
    settings = _settings(out, config, [file])
    out.lang = settings.language_or(language)
    day = _as_of(out, as_of)
    if suggest_config and (json_output or annotate is not None):
        raise out.fail(code="suggest_config_alone")
    with _guard(out, debug):
        checked = check_workbook(read_workbook(file, settings=settings), as_of=day,
                                 lang=language, due_soon_days=due_soon_days, settings=settings)
        report = checked.report
        out.lang = report.language  # from here on, the workbook's language
        if checked.workbook.output_kind in NOT_A_DEPARTMENT:
            raise out.fail(code="not_a_department", path=file,
                           kind=checked.workbook.output_kind)
        if not checked.workbook.plans:  # most likely the wrong file: say so, not "no issues"
            raise out.fail(code="no_plans", path=file)
        if suggest_config:
            from xltools.core.suggest import render_config, suggest_workbook

            typer.echo(render_config(suggest_workbook(checked.workbook, as_of=day),
                                     lang=report.language, source=file.name), nl=False)
            raise typer.Exit(EXIT_OK)
        if annotate is not None:
            from xltools.io.annotate import annotate_copy

            with _marking_progress(not json_output) as progress:
                annotate_copy(file, annotate, checked.marking_issues(), lang=report.language,
                              progress=progress, force=force)
    if json_output:
        typer.echo(report.to_json())
    else:
        out.line(report_text(report, checked.workbook, markers=_markers()))
        if annotate is not None:
            out.say(CLI.MARKED_WRITTEN, path=annotate)
    raise typer.Exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


def _markers() -> dict[str, str] | None:
    """Severity markers the output stream can show (✖ is not in every console's code page)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        "✖·".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return {"error": "x", "warning": "!", "info": "-"}
    return None


@app.command()
def overdue(
    paths: Annotated[list[Path], typer.Argument(help="Workbooks or folders (searched recursively).")],
    as_of: AsOfOption = None,
    lang: LangOption = None,
    json_output: JsonOption = False,
    annotate: Annotated[Path | None, typer.Option(
        "--annotate", help="For one workbook: write a copy with overdue and due-soon cells marked.")
    ] = None,
    due_soon_days: DueSoonOption = None,
    jobs: JobsOption = None,
    config: ConfigOption = None,
    force: ForceOption = False,
    debug: DebugOption = False,
) -> None:
    """List overdue and due-soon items, oldest first — across all workbooks of a folder.

    Exit 0: every workbook read; 1: some could not be read; 2: the one workbook asked about
    could not be read, or bad usage.
    """
    from xltools.late import scan_late
    from xltools.render import late_items_json, late_items_text

    out = Output(json_output=json_output)
    language = _lang(out, lang)
    settings = _settings(out, config, paths)
    out.lang = settings.language_or(language)
    day = _as_of(out, as_of)
    with _guard(out, debug):
        if annotate is not None:
            _overdue_annotated(out, paths, annotate, day, language, due_soon_days, settings,
                               force)
        with _progress_bar(not json_output, CLI.READING[out.lang]) as advance:
            scan = scan_late(paths, as_of=day, lang=language, due_soon_days=due_soon_days,
                             settings=settings, jobs=jobs, progress=advance)
        if not scan.files and not scan.failures:
            raise out.fail(code="no_workbooks", paths=", ".join(map(str, paths)))
        if scan.files <= 1 and len(paths) == 1 and scan.failures:
            # the one workbook asked about could not be used: one line, exit 2
            raise out.fail(XltoolsError(f"{scan.failures[0].source}: {scan.failures[0].reason}",
                                        code=None))
    failures = [f"{f.source}: {f.reason}" for f in scan.failures]
    # like validate: the workbooks' own language unless they differ or --lang says otherwise
    output_lang = language or (next(iter(scan.languages)) if len(scan.languages) == 1
                               else settings.language or "en")
    if json_output:
        typer.echo(late_items_json(scan.items, day, failures, scan.skipped))
    else:
        for source, code in scan.skipped:  # as the roll-up: what was passed over, and why
            out.say(CLI.SKIPPED_LINE, err=True, source=source, reason=SKIP_REASONS[code][out.lang])
        out.line(late_items_text(scan.items, day, output_lang, failures))
    raise typer.Exit(EXIT_PROBLEMS if failures else EXIT_OK)


def _overdue_annotated(out: Output, paths: list[Path], annotate: Path, day: date,
                       language: str | None, due_soon_days: int | None, settings: Settings,
                       force: bool) -> None:
    """``overdue FILE --annotate COPY``: the late cells of one workbook marked in a copy."""
    from xltools.core.issues import TIMING_CODES
    from xltools.core.validate import check_workbook
    from xltools.files import find_workbooks
    from xltools.io.annotate import annotate_copy
    from xltools.io.read import read_workbook

    found = find_workbooks(paths)
    if len(found.files) != 1 or found.missing:
        raise out.fail(code="annotate_one_workbook")
    file = found.files[0]
    checked = check_workbook(read_workbook(file, settings=settings), as_of=day, lang=language,
                             due_soon_days=due_soon_days, settings=settings)
    with _marking_progress(True) as progress:
        annotate_copy(file, annotate, [i for i in checked.report.issues if i.code in TIMING_CODES],
                      lang=checked.report.language, force=force, progress=progress)


@app.command()
def clear(
    file: Annotated[Path, typer.Argument(help="A workbook marked by validate --annotate.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Where to write the cleaned workbook (may be FILE itself).")],
    lang: LangOption = None,
    json_output: JsonOption = False,
    force: ForceOption = False,
    debug: DebugOption = False,
) -> None:
    """Remove xltools' marks: give the cells back their own look and notes, drop xltools' sheets.

    Everything else in the workbook is kept as it is. With -o FILE (the same file) it is
    cleared in place, written atomically; a workbook without marks is then not written at all.
    """
    from xltools.io.annotate import clear_copy

    out = Output(json_output=json_output)
    out.lang = _lang(out, lang) or _settings(out, None, [file]).language or "en"
    if not file.exists():
        raise out.fail(code="input_missing", path=file)
    if file.is_dir():
        raise out.fail(code="input_is_folder", path=file)
    with _guard(out, debug), _marking_progress(not json_output) as progress:
        result = clear_copy(file, output, progress=progress, force=force)
    if json_output:
        typer.echo(json.dumps({"output": str(output) if result.written else None,
                               "had_marks": result.had_marks, "restored": result.restored,
                               "not_found": list(result.missing)}, ensure_ascii=False))
        return
    if not result.had_marks:
        if result.written:
            out.say(CLI.NO_MARKS_COPIED, file=file, output=output)
        else:
            out.say(CLI.NO_MARKS_NOTHING_WRITTEN, file=file)
        return
    if result.missing:
        shown = ", ".join(result.missing[:10]) + (" ..." if len(result.missing) > 10 else "")
        out.line(CLI.MARKS_NOT_FOUND(len(result.missing), out.lang, cells=shown), err=True)
    out.line(CLI.MARKS_REMOVED(result.restored, out.lang, output=output))


@app.command()
def rollup(
    paths: Annotated[list[Path], typer.Argument(help="Folders (searched recursively) or workbooks.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The summary workbook to write.")],
    as_of: AsOfOption = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Language of the summary: da, sv or en (default: the settings', else en)."
    )] = None,
    jobs: JobsOption = None,
    chart_per_area: Annotated[bool, typer.Option(
        "--chart-per-area", help="Add a chart per area, its departments as bars.")] = False,
    history: Annotated[Path | None, typer.Option(
        "--history", help="The history database that remembers every roll-up (default: "
                          "xltools-history.sqlite beside the summary).")] = None,
    no_history: Annotated[bool, typer.Option(
        "--no-history", help="Neither compare with nor record in a history.")] = False,
    compare_with: Annotated[str | None, typer.Option(
        "--compare-with", help="Compare with the roll-up of this as-of date instead of the "
                               "latest one before.")] = None,
    json_output: JsonOption = False,
    due_soon_days: DueSoonOption = None,
    config: ConfigOption = None,
    force: ForceOption = False,
    debug: DebugOption = False,
) -> None:
    """Roll department workbooks up into one organisation summary workbook.

    Exit 0: every file read; 1: some files failed (the summary is still written);
    2: bad usage or nothing readable.
    """
    from xltools.rollup import rollup as run_rollup

    out = Output(json_output=json_output)
    language = _lang(out, lang)
    settings = _settings(out, config, paths)
    language = out.lang = settings.language_or(language)
    day = _as_of(out, as_of)
    earlier = _as_of(out, compare_with, "--compare-with") if compare_with else None
    if output.suffix.lower() != ".xlsx" and not output.is_dir():
        raise out.fail(code="output_not_xlsx", path=output)
    with _guard(out, debug), _progress_bar(not json_output, CLI.READING[language]) as bar:

        def advance(done: int, total: int) -> None:
            # after the last file the summary is written: say so while it takes time
            if bar is not None:
                bar(done, total, (CLI.WRITING_SUMMARY if done >= total else CLI.READING)[
                    language])

        result = run_rollup(paths, output, as_of=day, lang=language, jobs=jobs,
                            progress=advance, force=force, settings=settings,
                            due_soon_days=due_soon_days, chart_per_area=chart_per_area,
                            history=history, keep_history=not no_history,
                            compare_with=earlier)
    if json_output:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        for item in result.files:
            if item.outcome is Outcome.FAILED:
                out.say(CLI.FAILED_LINE, err=True, source=item.source, reason=item.reason)
            elif item.outcome is Outcome.SKIPPED:
                out.say(CLI.SKIPPED_LINE, err=True, source=item.source, reason=item.reason)
        out.say(CLI.ROLLUP_COUNTS, read=result.read, total=result.read + result.failed,
                problems=result.problems,
                failed=result.failed, skipped=result.skipped)
        if result.output:
            out.say(CLI.SUMMARY_WRITTEN, path=result.output)
            _say_history(out, result)
    if result.output is None:
        raise out.fail(code="nothing_readable")
    raise typer.Exit(EXIT_PROBLEMS if result.failed else EXIT_OK)


def _say_history(out: Output, result: RollupResult) -> None:
    from xltools.core.wording import format_date

    if result.history_problem:
        out.say(CLI.HISTORY_NOT_USED, err=True, problem=result.history_problem)
    elif result.history is not None and result.progress is not None:
        if result.progress.previous_as_of is None:
            out.say(CLI.HISTORY_FIRST, path=result.history)
        else:
            out.say(CLI.HISTORY_COMPARED, path=result.history,
                    previous=format_date(result.progress.previous_as_of, out.lang))


@app.command()
def remind(
    paths: Annotated[list[Path], typer.Argument(help="Folders (searched recursively) or workbooks.")],
    out_dir: Annotated[Path, typer.Option(
        "--out-dir", help="The folder for the chase lists, e-mail drafts and index.")],
    as_of: AsOfOption = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Language of every chase list, e-mail and the index (default: each "
                       "department's own; the index in the settings' language, else en).")] = None,
    due_soon_days: DueSoonOption = None,
    jobs: JobsOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
    force: ForceOption = False,
    debug: DebugOption = False,
) -> None:
    """Chase lists and e-mail drafts (.eml) for every department with late items or errors.

    For each department with overdue or soon-due items or validation errors: a small
    workbook grouped by responsible person and an e-mail draft with it attached, addressed
    to the About sheet's contact e-mail; plus an index of every department. Nothing is sent.
    Exit 0: every file read; 1: some files failed or outputs could not be written; 2: bad
    usage or nothing readable.
    """
    from xltools.remind import remind as run_remind

    out = Output(json_output=json_output)
    language = _lang(out, lang)
    settings = _settings(out, config, paths)
    out.lang = settings.language_or(language)
    day = _as_of(out, as_of)
    with _guard(out, debug), _progress_bar(not json_output, CLI.READING[out.lang]) as bar:
        result = run_remind(paths, out_dir, as_of=day, lang=language,
                            due_soon_days=due_soon_days, jobs=jobs, force=force,
                            settings=settings, progress=bar)
    if json_output:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in result.lines(out.lang):
            out.line(line)
    if result.index is None:
        raise out.fail(code="nothing_readable_chase")
    raise typer.Exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


@addin_app.command("build")
def addin_build(
    output: Annotated[Path, typer.Option("--output", "-o", help="The .xlam file (or folder) to write.")],
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Ribbon language: da, sv or en (default: the settings', else en).")] = None,
    json_output: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Build the Excel add-in (.xlam) from macros/ — works on any OS, no Excel needed."""
    from xltools.addin.build import build_addin

    out = Output(json_output=json_output)
    language = out.lang = _lang(out, lang) or _settings(out, None).language or "en"
    if not output.is_dir() and output.suffix.lower() != ".xlam":
        raise out.fail(code="addin_suffix", path=output)
    with _guard(out, debug):
        try:
            path = build_addin(output, language)
        except (FileNotFoundError, RuntimeError) as error:  # e.g. xlwings not installed
            if debug:
                raise
            raise out.fail(XltoolsError(str(error), code=None)) from None
    if json_output:
        typer.echo(json.dumps({"output": str(path), "lang": language}))
    else:
        out.say(CLI.ADDIN_WRITTEN, path=path)


@addin_app.command("install")
def addin_install(
    path: Annotated[Path | None, typer.Argument(help="A built .xlam (default: build one now).")] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Ribbon language when building: da, sv or en (default: the settings', "
                       "else en).")] = None,
    json_output: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Install the add-in into Excel (Windows/macOS with Excel; wraps `xlwings addin install`).

    Exit 0: installed; 2: no desktop Excel here, or the install failed (one line says why).
    """
    out = Output(json_output=json_output)
    language = out.lang = _lang(out, lang) or _settings(out, None).language or "en"
    if not sys.platform.startswith(("win", "darwin")):
        raise out.fail(code="addin_needs_excel")
    from xltools.addin.install import install_addin
    from xltools.addin.userconf import ConfEncodingError

    try:
        message = install_addin(path, language)
    except (RuntimeError, FileNotFoundError, ConfEncodingError) as error:
        if debug:
            raise
        raise out.fail(XltoolsError(str(error), code=None)) from None
    if json_output:
        typer.echo(json.dumps({"installed": True, "message": message}, ensure_ascii=False))
    else:
        out.line(message)
