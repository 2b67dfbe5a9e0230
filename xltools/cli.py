"""The ``xltools`` command line: new, validate, overdue, rollup, addin."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from xltools import __version__
from xltools.core.overdue import DEFAULT_DUE_SOON_DAYS
from xltools.errors import XltoolsError

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
DueSoonOption = Annotated[int, typer.Option(help="Days ahead that count as due soon.")]


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"xltools: {message}", err=True)
    return typer.Exit(code)


def _as_of(text: str | None) -> date:
    if text is None:
        return date.today()
    from xltools.core.dates import parse_date

    parsed = parse_date(text, near=date.today())
    if parsed is None:
        raise _fail(f"--as-of: '{text}' is not a date (write e.g. 2026-11-23)")
    return parsed


def _lang(text: str | None) -> str | None:
    if text is None:
        return None
    from xltools.core.schema import lang_code

    lang = lang_code(text)
    if lang is None:
        raise _fail(f"--lang: '{text}' is not a language xltools speaks (da, sv or en)")
    return lang


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


@app.callback()
def main(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
         ) -> None:
    """xltools command line."""


@app.command()
def new(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: plan-<department or language>.xlsx).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Workbook language: da, sv or en.")] = "en",
    department: Annotated[str | None, typer.Option(help="Department name for the About sheet.")] = None,
    organisation: Annotated[str | None, typer.Option(help="Organisation name.")] = None,
    as_of: AsOfOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    json_output: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Write a new department plan workbook with every sheet, drop-downs and live colours."""
    from xltools.io.template import new_workbook

    language = _lang(lang) or "en"
    target = output or Path(f"plan-{(department or language).replace(' ', '-')}.xlsx")
    if target.exists() and not force:
        raise _fail(f"{target} already exists; choose another name or add --force to replace it")
    with _guard(debug):
        path = new_workbook(target, language, department=department,  # type: ignore[arg-type]
                            organisation=organisation, last_updated=_as_of(as_of))
    if json_output:
        typer.echo(json.dumps({"output": str(path), "lang": language}))
    else:
        typer.echo(f"Wrote {path}")


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="The workbook to check.")],
    as_of: AsOfOption = None,
    lang: LangOption = None,
    json_output: JsonOption = False,
    annotate: Annotated[Path | None, typer.Option(
        "--annotate", help="Write a copy with the issues marked in the cells and an Issues sheet.")
    ] = None,
    due_soon_days: DueSoonOption = DEFAULT_DUE_SOON_DAYS,
    debug: DebugOption = False,
) -> None:
    """Check a plan workbook. Exit 0: no errors; 1: errors found; 2: unreadable or bad usage."""
    from xltools.core.validate import check_workbook
    from xltools.io.read import read_workbook
    from xltools.render import report_text

    day, language = _as_of(as_of), _lang(lang)
    with _guard(debug):
        checked = check_workbook(read_workbook(file), as_of=day, lang=language,
                                 due_soon_days=due_soon_days)
        report = checked.report
        if not checked.workbook.plans:  # most likely the wrong file: say so, not "no issues"
            from xltools.render import no_plans_text

            raise _fail(f"{file}: {no_plans_text(language or checked.workbook.language)}")
        if annotate is not None:
            from xltools.io.annotate import annotate_copy

            with _marking_progress(not json_output) as progress:
                annotate_copy(file, annotate, report.issues, lang=report.language,
                              progress=progress)
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
    due_soon_days: DueSoonOption = DEFAULT_DUE_SOON_DAYS,
    debug: DebugOption = False,
) -> None:
    """List overdue and due-soon items, oldest first — across all workbooks of a folder."""
    from xltools.core.issues import Code
    from xltools.core.overdue import late_items
    from xltools.core.schema import PLANS
    from xltools.core.validate import check_workbook
    from xltools.errors import UnreadableWorkbookError
    from xltools.files import find_workbooks
    from xltools.io.read import read_workbook
    from xltools.render import late_items_json, late_items_text

    day, language = _as_of(as_of), _lang(lang)
    with _guard(debug):
        found = find_workbooks(paths)
        if not found.files:
            raise _fail("no workbooks found in " + ", ".join(map(str, paths)))
        if annotate is not None and len(found.files) != 1:
            raise _fail("--annotate takes exactly one workbook")
        items, failures = [], []
        languages: set[str] = set()
        for file in found.files:
            try:
                checked = check_workbook(read_workbook(file), as_of=day, lang=language,
                                         due_soon_days=due_soon_days)
            except UnreadableWorkbookError as error:
                if len(found.files) == 1:
                    raise
                failures.append(f"{error.path}: {error.localized_reason(language or 'en')}")
                continue
            wb = checked.workbook
            if not wb.plans:
                from xltools.render import no_plans_text

                failures.append(f"{file}: {no_plans_text(language or wb.language)}")
                continue
            languages.add(wb.language)
            items.extend(late_items(wb.department, str(file),
                                    {k: s.name for k, s in wb.plans.items()}, checked.rows, day,
                                    due_soon_days,
                                    {k: s.letter(PLANS[k].deadline_key) for k, s in wb.plans.items()}))
            if annotate is not None:
                from xltools.io.annotate import annotate_copy

                timing_codes = {Code.OVERDUE, Code.DUE_SOON, Code.FOLLOW_UP_OVERDUE}
                with _marking_progress(not json_output) as progress:
                    annotate_copy(file, annotate,
                                  [i for i in checked.report.issues if i.code in timing_codes],
                                  lang=checked.report.language, progress=progress)
        items.sort(key=lambda i: (i.deadline, i.department, i.plan.value, i.row))
    # like validate: the workbooks' own language unless they differ or --lang says otherwise
    output_lang = language or (languages.pop() if len(languages) == 1 else "en")
    if json_output:
        typer.echo(late_items_json(items, day, failures))
    else:
        typer.echo(late_items_text(items, day, output_lang, failures))
    if failures and len(found.files) == 1:
        raise typer.Exit(EXIT_USAGE)  # the one workbook asked about could not be used
    raise typer.Exit(EXIT_PROBLEMS if failures else EXIT_OK)


@app.command()
def clear(
    file: Annotated[Path, typer.Argument(help="A workbook marked by validate --annotate.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Where to write the cleaned workbook (may be FILE itself).")],
    debug: DebugOption = False,
) -> None:
    """Remove xltools' marks: give the cells back their own look and notes, drop xltools' sheets.

    Everything else in the workbook is kept as it is. With -o FILE (the same file) it is
    cleared in place, written atomically; a workbook without marks is then not written at all.
    """
    from xltools.io.annotate import clear_copy

    with _guard(debug), _marking_progress(True) as progress:
        result = clear_copy(file, output, progress=progress)
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
    lang: Annotated[str, typer.Option("--lang", help="Language of the summary: da, sv or en.")] = "en",
    jobs: Annotated[int | None, typer.Option(help="Parallel workers (default: CPU count).")] = None,
    json_output: JsonOption = False,
    debug: DebugOption = False,
) -> None:
    """Roll department workbooks up into one organisation summary workbook.

    Exit 0: every file read; 1: some files failed (the summary is still written);
    2: bad usage or nothing readable.
    """
    from xltools.rollup import rollup as run_rollup

    day, language = _as_of(as_of), _lang(lang) or "en"
    if jobs is not None and jobs < 1:
        raise _fail("--jobs must be 1 or more")
    with _guard(debug):
        if output.suffix.lower() != ".xlsx":
            raise _fail(f"--output: the summary is an .xlsx workbook; '{output.name}' is not")
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
                                    progress=advance)
        else:
            result = run_rollup(paths, output, as_of=day, lang=language, jobs=jobs)
    if json_output:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        for item in result.files:
            if item.outcome == "failed":
                typer.echo(f"failed: {item.source}: {item.reason}", err=True)
        problems = sum(1 for f in result.files if f.outcome == "problems")
        typer.echo(f"{result.read} of {result.read + result.failed} workbooks read "
                   f"({problems} with validation errors, {result.failed} failed, "
                   f"{result.skipped} skipped).")
        if result.output:
            typer.echo(f"Summary written to {result.output}")
    if result.output is None:
        if not json_output:
            typer.echo("xltools: no readable workbook found; no summary written", err=True)
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_PROBLEMS if result.failed else EXIT_OK)


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
    from xltools.addin.build import install_addin

    language = _lang(lang) or "en"
    try:
        message = install_addin(path, language)
    except (RuntimeError, FileNotFoundError) as error:
        if debug:
            raise
        raise _fail(str(error), EXIT_PROBLEMS) from None
    typer.echo(message)

