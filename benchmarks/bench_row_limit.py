"""Beyond Excel's row limit: roll up more than 1,048,576 rows of one plan and check the summary.

Usage: ``python benchmarks/bench_row_limit.py [--departments 3] [--rows 350000] [--writer W]``

Writes D department workbooks whose activity plans hold R rows each (XlsxWriter, constant
memory), rolls them up with ``xltools rollup`` in a fresh process and checks the summary:
the activities continue on "Activities (2)" with the same columns, nothing is dropped, and
the workbook opens. Prints time and peak memory:

    row-limit: N rows, X.X s, peak main Y MB, sheets Activities=..., Activities (2)=...
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from xltools.core.schema import PLANS, PlanKind

AS_OF = date(2026, 11, 23)


def _department(path: Path, n: int, rows: int) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    about = wb.add_worksheet("About")
    about.write_row(0, 0, ["Department", f"Department {n}"])
    ws = wb.add_worksheet("Activity plan")
    columns = PLANS[PlanKind.ACTIVITY].columns
    ws.write_row(0, 0, [c.labels.en for c in columns])
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    for r in range(1, rows + 1):
        for c, column in enumerate(columns):
            if column.key == "id":
                ws.write_number(r, c, r)
            elif column.key == "deadline":
                ws.write_datetime(r, c, AS_OF + timedelta(days=r % 400 - 100), date_format)
            elif column.key == "status":
                ws.write_string(r, c, ("Not started", "In progress", "Done")[r % 3])
            elif column.required:
                ws.write_string(r, c, f"{column.key} {r}")
    wb.close()


def main() -> None:
    """Generate, roll up, check, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=3)
    parser.add_argument("--rows", type=int, default=350_000)
    parser.add_argument("--writer", choices=("rvgsrust", "xlsxwriter"), default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="xltools-rows-") as tmp:
        folder = Path(tmp) / "plans"
        folder.mkdir()
        start = time.perf_counter()
        for n in range(args.departments):
            _department(folder / f"dept-{n}.xlsx", n, args.rows)
        print(f"generated {args.departments} x {args.rows:,} rows in "
              f"{time.perf_counter() - start:.0f} s")
        summary = Path(tmp) / "summary.xlsx"
        env = {**os.environ, **({"XLTOOLS_WRITER": args.writer} if args.writer else {})}
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "xltools", "rollup", str(folder), "-o",
                               str(summary), "--as-of", AS_OF.isoformat()],
                              env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if done.returncode not in (0, 1) or not summary.exists():
            sys.exit(f"roll-up failed ({done.returncode}): {done.stderr[-2000:]}")
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(summary))
        counts = {name: book.get_sheet_by_name(name).height - 1
                  for name in book.sheet_names if name.startswith("Activities")}
        total = args.departments * args.rows
        assert sum(counts.values()) == total, (counts, total)
        print(f"row-limit: {total:,} rows, {seconds:.1f} s, peak main {peak:.0f} MB, sheets "
              + ", ".join(f"{k}={v:,}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
