"""The ``xltools`` command line: new, validate, overdue, rollup, addin."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from xltools import __version__
from xltools.core.outputs import NOT_A_DEPARTMENT
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
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Replace an existing output file that xltools did not write as the same "
                    "kind of output.")]


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    from xltools.core.safety import terminal_text

    typer.echo(f"xltools: {terminal_text(message)}", err=True)
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
    with _guard(debug):
        path = new_workbook(target, language, department=department,  # type: ignore[arg-type]
                            organisation=organisation, last_updated=_as_of(as_of), force=force)
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
    force: ForceOption = False,
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
        if checked.workbook.output_kind in NOT_A_DEPARTMENT:
            raise _fail(f"{file}: this is a workbook xltools wrote ({checked.workbook.output_kind}),"
                        " not a department's plan; validate the department workbooks instead")
        if not checked.workbook.plans:  # most likely the wrong file: say so, not "no issues"
            from xltools.render import no_plans_text

            raise _fail(f"{file}: {no_plans_text(language or checked.workbook.language)}")
        if annotate is not None:
            from xltools.io.annotate import annotate_copy

            annotate_copy(file, annotate, report.issues, lang=report.language, force=force)
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
    force: ForceOption = False,
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
                annotate_copy(file, annotate,
                              [i for i in checked.report.issues if i.code in timing_codes],
                              lang=checked.report.language, force=force)
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
    force: ForceOption = False,
    debug: DebugOption = False,
) -> None:
    """Remove xltools' marks: restore the cells' own fills and notes, drop the Issues sheet."""
    from xltools.io.annotate import clear_copy

    with _guard(debug):
        restored = clear_copy(file, output, force=force)
    typer.echo(f"Restored {restored} cells; wrote {output}")


@app.command()
def rollup(
    paths: Annotated[list[Path], typer.Argument(help="Folders (searched recursively) or workbooks.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The summary workbook to write.")],
    as_of: AsOfOption = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the summary: da, sv or en.")] = "en",
    jobs: Annotated[int | None, typer.Option(help="Parallel workers (default: CPU count).")] = None,
    chart_per_area: Annotated[bool, typer.Option(
        "--chart-per-area", help="Add a chart per area, its departments as bars.")] = False,
    json_output: JsonOption = False,
    force: ForceOption = False,
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
                                    progress=advance, force=force,
                                    chart_per_area=chart_per_area)
        else:
            result = run_rollup(paths, output, as_of=day, lang=language, jobs=jobs, force=force,
                                chart_per_area=chart_per_area)
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

