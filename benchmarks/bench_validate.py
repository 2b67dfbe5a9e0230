"""Benchmark: ``xltools validate`` on a 1,000-row plan from a cold start, with the time split.

Run: ``python benchmarks/bench_validate.py [--runs 7] [--rows 1000]``.

Every figure is also printed as a ratio against ``python -c pass`` measured in the same run,
so results from different machines can be compared. The target (SPEC 7) is about a second for
the whole command, cold start included.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

AS_OF = date(2026, 11, 23)

# Runs in a fresh interpreter, so every import is cold; prints the phase times as JSON.
PHASES = r"""
import json, sys, time
from datetime import date
t0 = time.perf_counter()
import xltools.cli  # noqa: F401  (typer, click, rich: what the console script loads first)
t1 = time.perf_counter()
from xltools.core.validate import check_workbook
from xltools.io.read import read_workbook
from xltools.render import report_text
t2 = time.perf_counter()
workbook = read_workbook(sys.argv[1])
t3 = time.perf_counter()
checked = check_workbook(workbook, as_of=date.fromisoformat(sys.argv[2]))
t4 = time.perf_counter()
text = report_text(checked.report, checked.workbook)
t5 = time.perf_counter()
checked.report.to_json()
t6 = time.perf_counter()
print(json.dumps({"import cli": t1 - t0, "import core+reader": t2 - t1, "read": t3 - t2,
                  "validate": t4 - t3, "render text": t5 - t4, "render json": t6 - t5,
                  "issues": len(checked.report.issues), "rows": workbook.row_count}))
"""


def make_workbook(path: Path, rows: int) -> Path:
    """A Danish template filled with ``rows`` action-plan rows (and some activity and
    communication rows), a realistic share of them with problems."""
    import openpyxl

    from xltools.io.template import new_workbook

    new_workbook(path, "da")
    wb = openpyxl.load_workbook(path)
    statuses = ["Ikke startet", "I gang", "Gennemført", "Udskudt", "Aflyst", "I gang"]
    ws = wb["Handleplan"]
    for i in range(rows):
        deadline = datetime(2026, 1, 1) + timedelta(days=(i * 7) % 600)
        values = [
            i + 1, "Krav", "Problem beskrevet", "Mindre travlhed", "Delmål", "Ny vagtplan",
            "alle" if i % 50 == 0 else f"Medarbejder {i % 40}", "Teamet",
            deadline - timedelta(days=30), deadline if i % 20 else "snart", "2 timer om ugen",
            "Personalemøde" if i % 30 else None, deadline - timedelta(days=7),
            statuses[i % len(statuses)] if i % 45 else "Måske", "Ja", "Høj", "Bemærkning",
        ]
        for c, value in enumerate(values, start=1):
            ws.cell(row=i + 2, column=c, value=value)
    ws = wb["Aktivitetsplan"]
    for i in range(rows // 3):
        values = [f"A{i + 1}", (i % (rows + 10)) + 1, "Workshop", "To timer", f"Person {i % 9}",
                  datetime(2026, 9, 1), datetime(2026, 9, 1) + timedelta(days=i % 200),
                  "Delmål", "Evaluering", statuses[i % len(statuses)], None]
        for c, value in enumerate(values, start=1):
            ws.cell(row=i + 2, column=c, value=value)
    ws = wb["Kommunikationsplan"]
    for i in range(rows // 5):
        values = [i + 1, "Alle medarbejdere", "Holdes informeret", "Orientering", "Mål",
                  "Planen er klar", "Intranet", f"Leder {i % 5}",
                  datetime(2026, 10, 1) + timedelta(days=i % 120), "Månedligt", None,
                  statuses[i % len(statuses)]]
        for c, value in enumerate(values, start=1):
            ws.cell(row=i + 2, column=c, value=value)
    wb.save(path)
    return path


def wall(command: list[str], runs: int) -> float:
    """Median wall time of a command, each run a fresh process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def phases(file: Path, runs: int) -> dict[str, float]:
    """Median of each phase over ``runs`` cold interpreters."""
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PHASES, str(file), AS_OF.isoformat()],
                             capture_output=True, text=True, check=True).stdout
        samples.append(json.loads(out))
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def slowest_imports(command: list[str], top: int = 12) -> list[tuple[float, str]]:
    """The imports with the largest cumulative time while running ``command`` (a console
    script or module invocation), from ``python -X importtime``."""
    if command[0] != sys.executable:
        command = [sys.executable, *command]  # run the console script's Python file directly
    err = subprocess.run([command[0], "-X", "importtime", *command[1:]], capture_output=True,
                         text=True, check=False).stderr
    found = []
    for line in err.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|(\s*)(\S+)", line)
        if match and len(match[2]) <= 3:  # top-level and first-level imports only
            found.append((int(match[1]) / 1e6, match[3]))
    return sorted(found, reverse=True)[:top]


def cli_command(file: Path, script: str | None) -> list[str]:
    head = [script] if script else [sys.executable, "-m", "xltools.cli"]
    return [*head, "validate", str(file), "--as-of", AS_OF.isoformat()]


def console_scripts() -> tuple[str | None, str | None]:
    """The console script next to this interpreter, and the one on PATH if it differs.

    On PATH there may be a version-manager shim (pyenv's is a bash script that starts
    ``pyenv exec``): it costs a few hundred ms before Python even starts, and is reported
    apart so the shim is not mistaken for xltools' own start-up.
    """
    beside = Path(sys.executable).parent / "xltools"
    direct = str(beside) if beside.exists() else None
    on_path = shutil.which("xltools")
    if on_path and direct and Path(on_path).resolve() == beside.resolve():
        on_path = None
    return direct, on_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        file = make_workbook(Path(folder) / "plan-1000.xlsx", args.rows)
        baseline = wall([sys.executable, "-c", "pass"], args.runs)
        bare_imports = wall([sys.executable, "-c", "import xltools.cli"], args.runs)
        direct, on_path = console_scripts()
        total = wall(cli_command(file, direct), args.runs)
        via_path = wall(cli_command(file, on_path), args.runs) if on_path else None
        split = phases(file, args.runs)
        imports = slowest_imports(cli_command(file, direct))

    def line(name: str, seconds: float) -> str:
        return f"  {name:<28} {seconds * 1000:8.1f} ms   {seconds / baseline:6.1f}x baseline"

    print(f"validate, {int(split.pop('rows'))} plan rows, {int(split.pop('issues'))} issues, "
          f"median of {args.runs} cold runs")
    print(line("python -c pass (baseline)", baseline))
    print(line("python -c 'import xltools.cli'", bare_imports))
    print(line("xltools validate FILE (total)", total))
    if via_path is not None:
        print(line(f"same via PATH ({on_path})", via_path))
    json_time = split.pop("render json")  # the text report is what the timed command prints
    print("split of the total:")
    print(line("python start-up", baseline))
    for name, seconds in split.items():
        print(line(name, seconds))
    rest = max(total - baseline - sum(split.values()), 0.0)
    # what is left is the command-line framework: argument parsing and typer building its
    # parameter converters (typer >= 0.2x builds pydantic TypeAdapters, importing pydantic)
    print(line("CLI framework + exit (rest)", rest))
    print(line("(render json, with --json)", json_time))
    print("slowest imports while running the command (cumulative):")
    for seconds, module in imports:
        print(f"  {module:<40} {seconds * 1000:8.1f} ms")
    verdict = "OK" if total <= 1.2 else "SLOW"
    print(f"target about 1 s: {total:.2f} s -> {verdict}")


if __name__ == "__main__":
    main()
