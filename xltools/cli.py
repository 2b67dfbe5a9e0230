"""The ``xltools`` command line: new, validate, overdue, rollup, addin."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xltools import __version__
from xltools.core.outputs import NOT_A_DEPARTMENT
from xltools.errors import XltoolsError

if TYPE_CHECKING:
    from xltools.core.settings import Settings

app = typer.Typer(
    name="xltools",
    help="Action, activity and communication plans in Excel: templates, validation, overdue "
         "items and organisation roll-up (da/sv/en).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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
    min=0, max=366, help="Days ahead that count as due soon (default: the settings', else 14).")]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="The organisation's settings file (default: xltools.toml in the current "
                     "folder, the input's folder or your user settings folder).")]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Replace an existing output file that xltools did not write as the same "
                    "kind of output.")]


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    from xltools.core.safety import terminal_text

    typer.echo(f"xltools: {terminal_text(message)}", err=True)
    return typer.Exit(code)


def _as_of(text: str | None, option: str = "--as-of") -> date:
    if text is None:
        return date.today()
    from xltools.core.dates import parse_date

    parsed = parse_date(text, near=date.today())
    if parsed is None:
        raise _fail(f"{option}: '{text}' is not a date (write e.g. 2026-11-23)")
    return parsed


def _lang(text: str | None) -> str | None:
    if text is None:
        return None
    from xltools.core.schema import lang_code

    lang = lang_code(text)
    if lang is None:
        raise _fail(f"--lang: '{text}' is not a language xltools speaks (da, sv or en)")
    return lang


def _settings(config: Path | None, inputs: list[Path] | tuple[Path, ...] = ()) -> Settings:
    """The organisation's settings for a command; a bad file is one line and exit 2."""
    from xltools.errors import XltoolsError
    from xltools.io.settings import find_settings, load_settings

    try:
        return load_settings(find_settings(config, inputs))
    except XltoolsError as error:
        raise _fail(str(error)) from None


def _guard(debug: bool):  # type: ignore[no-untyped-def]
    """Turn our own errors into one plain line and exit status 2; tracebacks only with --debug."""
    import contextlib

    @contextlib.contextmanager
    def guard():  # type: ignore[no-untyped-def]
        try:
            yield
        except XltoolsError as error:
            if debug:
                raise
            raise _fail(str(error)) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as error:  # an unexpected failure still gets one plain line
            if debug:
                raise
            raise _fail(f"unexpected error: {type(error).__name__}: {error} "
                        "(run again with --debug for details)") from None

    return guard()


def _marking_progress(enabled: bool):  # type: ignore[no-untyped-def]
    """A progress callback for marking and clearing: a bar on stderr when it is a terminal."""
    import contextlib

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
            task = progress.add_task("Marking", total=None)

            def advance(label: str, done: int, total: int) -> None:
                progress.update(task, description=label, completed=done, total=total)

            yield advance

    return bar()


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


@app.command()
def new(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: plan-<department or language>.xlsx).")] = None,
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
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    json_output: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Write a new department plan workbook with every sheet, drop-downs and live colours.

    With --departments LIST --out-dir DIR: one workbook per row of HR's list, each with its
    About sheet filled in. Exit 0: every row has its workbook; 1: some rows were not written;
    2: bad usage or an unreadable list.
    """
    language = _lang(lang)
    day = _as_of(as_of)
    with _guard(debug):
        settings = _settings(config, [departments] if departments else [])
        if departments is not None:
            if out_dir is None:
                raise _fail("--departments needs --out-dir, the folder for the workbooks")
            if output is not None or department is not None:
                raise _fail("--departments writes one workbook per row: leave out --output "
                            "and --department")
            from xltools.sendout import send_out_file

            result = send_out_file(departments, out_dir, lang=language, settings=settings,
                                   as_of=day, force=force)
        else:
            if out_dir is not None:
                raise _fail("--out-dir goes with --departments; for one workbook use --output")
            from xltools.io.template import new_workbook

            language = language or settings.language or "en"
            target = output or Path(f"plan-{(department or language).replace(' ', '-')}.xlsx")
            path = new_workbook(target, language, department=department,  # type: ignore[arg-type]
                                organisation=organisation or settings.organisation,
                                last_updated=day, force=force,
                                topics=settings.topic_suggestions(language))
    if departments is None:
        if json_output:
            typer.echo(json.dumps({"output": str(path), "lang": language}))
        else:
            typer.echo(f"Wrote {path}")
        return
    if json_output:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in result.lines(language or settings.language or "en"):
            typer.echo(line)
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

    if suggest_config and (json_output or annotate is not None):
        raise _fail("--suggest-config prints TOML only; it cannot be combined with --json or "
                    "--annotate")
    day, language = _as_of(as_of), _lang(lang)
    settings = _settings(config, [file])
    with _guard(debug):
        checked = check_workbook(read_workbook(file, settings=settings), as_of=day,
                                 lang=language, due_soon_days=due_soon_days, settings=settings)
        report = checked.report
        if checked.workbook.output_kind in NOT_A_DEPARTMENT:
            raise _fail(f"{file}: this is a workbook xltools wrote ({checked.workbook.output_kind}),"
                        " not a department's plan; validate the department workbooks instead")
        if not checked.workbook.plans:  # most likely the wrong file: say so, not "no issues"
            from xltools.render import no_plans_text

            raise _fail(f"{file}: {no_plans_text(language or checked.workbook.language)}")
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
        typer.echo(report_text(report, checked.workbook))
        if annotate is not None:
            typer.echo(f"Marked copy written to {annotate}")
    raise typer.Exit(EXIT_OK if report.ok else EXIT_PROBLEMS)


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
    config: ConfigOption = None,
    force: ForceOption = False,
    debug: DebugOption = False,
) -> None:
    """List overdue and due-soon items, oldest first — across all workbooks of a folder."""
    from xltools.late import scan_late
    from xltools.render import late_items_json, late_items_text

    day, language = _as_of(as_of), _lang(lang)
    settings = _settings(config, paths)
    with _guard(debug):
        if annotate is not None:
            _overdue_annotated(paths, annotate, day, language, due_soon_days, settings, force)
        scan = scan_late(paths, as_of=day, lang=language, due_soon_days=due_soon_days,
                         settings=settings)
        if not scan.files and not scan.failures:
            raise _fail("no workbooks found in " + ", ".join(map(str, paths)))
        if scan.files <= 1 and len(paths) == 1 and scan.failures:
            # the one workbook asked about could not be used: one line, exit 2
            raise _fail(f"{scan.failures[0].source}: {scan.failures[0].reason}")
    failures = [f"{f.source}: {f.reason}" for f in scan.failures]
    # like validate: the workbooks' own language unless they differ or --lang says otherwise
    output_lang = language or (next(iter(scan.languages)) if len(scan.languages) == 1
                               else settings.language or "en")
    if json_output:
        typer.echo(late_items_json(scan.items, day, failures))
    else:
        typer.echo(late_items_text(scan.items, day, output_lang, failures))
    raise typer.Exit(EXIT_PROBLEMS if failures else EXIT_OK)


def _overdue_annotated(paths: list[Path], annotate: Path, day: date, language: str | None,
                       due_soon_days: int | None, settings: Settings, force: bool) -> None:
    """``overdue FILE --annotate COPY``: the late cells of one workbook marked in a copy."""
    from xltools.core.issues import Code
    from xltools.core.validate import check_workbook
    from xltools.files import find_workbooks
    from xltools.io.annotate import annotate_copy
    from xltools.io.read import read_workbook

    found = find_workbooks(paths)
    if len(found.files) != 1 or found.missing:
        raise _fail("--annotate takes exactly one workbook")
    file = found.files[0]
    checked = check_workbook(read_workbook(file, settings=settings), as_of=day, lang=language,
                             due_soon_days=due_soon_days, settings=settings)
    timing_codes = {Code.OVERDUE, Code.DUE_SOON, Code.FOLLOW_UP_OVERDUE}
    with _marking_progress(True) as progress:
        annotate_copy(file, annotate, [i for i in checked.report.issues if i.code in timing_codes],
                      lang=checked.report.language, force=force, progress=progress)


@app.command()
def clear(
    file: Annotated[Path, typer.Argument(help="A workbook marked by validate --annotate.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Where to write the cleaned workbook (may be FILE itself).")],
    force: ForceOption = False,
    debug: DebugOption = False,
) -> None:
    """Remove xltools' marks: give the cells back their own look and notes, drop xltools' sheets.

    Everything else in the workbook is kept as it is. With -o FILE (the same file) it is
    cleared in place, written atomically; a workbook without marks is then not written at all.
    """
    from xltools.io.annotate import clear_copy

    with _guard(debug), _marking_progress(True) as progress:
        result = clear_copy(file, output, progress=progress, force=force)
    if not result.had_marks:
        if result.written:
            typer.echo(f"No xltools marks in {file}; {output} is an unchanged copy")
        else:
            typer.echo(f"No xltools marks in {file}; nothing was written")
        return
    if result.missing:
        shown = ", ".join(result.missing[:10]) + (" ..." if len(result.missing) > 10 else "")
        typer.echo(f"{len(result.missing)} marks could not be found ({shown}); those cells were "
                   "left as they are", err=True)
    typer.echo(f"Restored {result.restored} cells; wrote {output}")


@app.command()
def rollup(
    paths: Annotated[list[Path], typer.Argument(help="Folders (searched recursively) or workbooks.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The summary workbook to write.")],
    as_of: AsOfOption = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Language of the summary: da, sv or en (default: the settings', else en)."
    )] = None,
    jobs: Annotated[int | None, typer.Option(help="Parallel workers (default: CPU count).")] = None,
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

    settings = _settings(config, paths)
    day, language = _as_of(as_of), _lang(lang) or settings.language or "en"
    if jobs is not None and jobs < 1:
        raise _fail("--jobs must be 1 or more")
    with _guard(debug):
        if output.suffix.lower() != ".xlsx":
            raise _fail(f"--output: the summary is an .xlsx workbook; '{output.name}' is not")
        options = dict(force=force, settings=settings, due_soon_days=due_soon_days,
                       chart_per_area=chart_per_area, history=history,
                       keep_history=not no_history,
                       compare_with=_as_of(compare_with, "--compare-with") if compare_with
                       else None)
        use_bar = sys.stderr.isatty() and not json_output
        if use_bar:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            with Progress("[progress.description]{task.description}", BarColumn(),
                          MofNCompleteColumn(), TimeElapsedColumn(), transient=True) as bar:
                task = bar.add_task("Reading workbooks", total=None)
                def advance(done: int, total: int) -> None:
                    # after the last file the summary is written: say so while it takes time
                    label = "Writing summary" if done >= total else "Reading workbooks"
                    bar.update(task, completed=done, total=total, description=label)

                result = run_rollup(paths, output, as_of=day, lang=language, jobs=jobs,
                                    progress=advance, **options)
        else:
            result = run_rollup(paths, output, as_of=day, lang=language, jobs=jobs, **options)
    if json_output:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        from xltools.core.safety import terminal_text

        for item in result.files:
            if item.outcome == "failed":
                typer.echo(terminal_text(f"failed: {item.source}: {item.reason}"), err=True)
        problems = sum(1 for f in result.files if f.outcome == "problems")
        typer.echo(f"{result.read} of {result.read + result.failed} workbooks read "
                   f"({problems} with validation errors, {result.failed} failed, "
                   f"{result.skipped} skipped).")
        if result.output:
            typer.echo(f"Summary written to {result.output}")
        if result.history_problem:
            typer.echo(terminal_text(f"xltools: history not used: {result.history_problem}"),
                       err=True)
    if result.output is None:
        if not json_output:
            typer.echo("xltools: no readable workbook found; no summary written", err=True)
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_PROBLEMS if result.failed else EXIT_OK)


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
    jobs: Annotated[int | None, typer.Option(help="Parallel workers (default: CPU count).")] = None,
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

    day, language = _as_of(as_of), _lang(lang)
    if jobs is not None and jobs < 1:
        raise _fail("--jobs must be 1 or more")
    if due_soon_days is not None and due_soon_days < 0:
        raise _fail("--due-soon-days must be 0 or more")
    with _guard(debug):
        settings = _settings(config, paths)
        options = dict(as_of=day, lang=language, due_soon_days=due_soon_days, jobs=jobs,
                       force=force, settings=settings)
        if sys.stderr.isatty() and not json_output:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            with Progress("[progress.description]{task.description}", BarColumn(),
                          MofNCompleteColumn(), TimeElapsedColumn(), transient=True) as bar:
                task = bar.add_task("Reading workbooks", total=None)
                result = run_remind(paths, out_dir, progress=lambda done, total: bar.update(
                    task, completed=done, total=total), **options)  # type: ignore[arg-type]
        else:
            result = run_remind(paths, out_dir, **options)  # type: ignore[arg-type]
    if json_output:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in result.lines(language or settings.language or "en"):
            typer.echo(line)
    if result.index is None:
        if not json_output:
            typer.echo("xltools: no readable workbook found; nothing written", err=True)
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


@addin_app.command("build")
def addin_build(
    output: Annotated[Path, typer.Option("--output", "-o", help="The .xlam file (or folder) to write.")],
    lang: Annotated[str, typer.Option("--lang", help="Ribbon language: da, sv or en.")] = "en",
    debug: DebugOption = False,
) -> None:
    """Build the Excel add-in (.xlam) from macros/ — works on any OS, no Excel needed."""
    from xltools.addin.build import build_addin

    language = _lang(lang) or "en"
    with _guard(debug):
        try:
            path = build_addin(output, language)
        except (FileNotFoundError, RuntimeError) as error:  # e.g. xlwings not installed
            if debug:
                raise
            raise _fail(str(error)) from None
    typer.echo(f"Wrote {path}")


@addin_app.command("install")
def addin_install(
    path: Annotated[Path | None, typer.Argument(help="A built .xlam (default: build one now).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Ribbon language when building: da, sv or en.")] = "en",
    debug: DebugOption = False,
) -> None:
    """Install the add-in into Excel (Windows/macOS with Excel; wraps `xlwings addin install`)."""
    from xltools.addin.install import install_addin
    from xltools.addin.userconf import ConfEncodingError

    language = _lang(lang) or "en"
    try:
        message = install_addin(path, language)
    except (RuntimeError, FileNotFoundError, ConfEncodingError) as error:
        if debug:
            raise
        raise _fail(str(error), EXIT_PROBLEMS) from None
    typer.echo(message)

