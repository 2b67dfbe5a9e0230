"""Benchmark: marking and clearing a big plan (``validate --annotate``, ``clear``).

Run: ``python benchmarks/bench_annotate.py [--rows 1000 200000]``.

For every size it writes an action plan (XlsxWriter) in which a realistic share of the rows
has problems (missing goals, unknown statuses, groups as owners, overdue and due-soon dates),
then, in a fresh interpreter each, times reading and validating it, writing the marked copy
(``annotate_copy``) and clearing it again (``clear_copy``), with the process' peak memory.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

AS_OF = date(2026, 11, 23)

# Runs in a fresh interpreter; prints the phase times and the peak memory as JSON.
PHASES = r"""
import json, resource, sys, time
from datetime import date
from pathlib import Path
from xltools.core.validate import check_workbook
from xltools.io.annotate import annotate_copy, clear_copy
from xltools.io.read import read_workbook
source, folder, as_of = Path(sys.argv[1]), Path(sys.argv[2]), date.fromisoformat(sys.argv[3])
t0 = time.perf_counter()
report = check_workbook(read_workbook(source), as_of=as_of).report
t1 = time.perf_counter()
rss_read = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
marked = annotate_copy(source, folder / "marked.xlsx", report.issues, lang=report.language)
t2 = time.perf_counter()
rss_marked = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cleared = clear_copy(marked, folder / "cleared.xlsx")
t3 = time.perf_counter()
print(json.dumps({"read+validate": t1 - t0, "annotate": t2 - t1, "clear": t3 - t2,
                  "issues": len(report.issues), "restored": cleared.restored,
                  "peak MB after validate": rss_read / 1024,
                  "peak MB after annotate": rss_marked / 1024,
                  "peak MB after clear": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "MB marked": marked.stat().st_size / 1e6}))
"""


def make_plan(path: Path, rows: int) -> Path:
    """An English action plan of ``rows`` rows, deadlines spread over the year around AS_OF.

    One row in eight has a problem of its own (no goal, a group as owner, an unknown status);
    with the deadlines, about a third of the rows get an issue.
    """
    import xlsxwriter

    from xltools.core.schema import PlanKind
    from xltools.io.template import header_labels

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Action plan")
    dates = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, header_labels(PlanKind.ACTION, "en"))
    statuses = ["Not started", "In progress", "Done", "In progress", "Postponed", "Done"]
    start = datetime(2026, 1, 5)
    today = datetime(AS_OF.year, AS_OF.month, AS_OF.day)
    for r in range(1, rows + 1):
        problem = r % 8
        deadline = today + timedelta(days=(r * 37) % 400 - 60)
        values = [r, "Workload", None, None if problem == 1 else "Less overtime", None,
                  "Plan the week", "everyone" if problem == 2 else f"Person {r % 97}", None,
                  start, deadline, None, "Monthly", None,
                  "Maybe" if problem == 3 else statuses[r % len(statuses)]]
        for c, value in enumerate(values):
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, dates)
            elif value is not None:
                sheet.write(r, c, value)
    workbook.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000, 200_000])
    args = parser.parse_args()
    for rows in args.rows:
        with tempfile.TemporaryDirectory(prefix="xltools-bench-") as folder:
            source = make_plan(Path(folder) / f"plan-{rows}.xlsx", rows)
            result = subprocess.run([sys.executable, "-c", PHASES, str(source), folder,
                                     AS_OF.isoformat()], capture_output=True, text=True, check=True)
            figures = json.loads(result.stdout)
            size = source.stat().st_size / 1e6
            print(f"annotate: {rows:,} rows ({size:.1f} MB, {figures['issues']:,} issues): "
                  f"read+validate {figures['read+validate']:.2f} s, "
                  f"annotate {figures['annotate']:.2f} s, clear {figures['clear']:.2f} s; "
                  f"peak memory {figures['peak MB after validate']:.0f} MB after validating, "
                  f"{figures['peak MB after annotate']:.0f} MB after marking, "
                  f"{figures['peak MB after clear']:.0f} MB after clearing")


if __name__ == "__main__":
    main()
