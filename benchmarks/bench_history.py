"""What remembering a roll-up costs: the roll-up with and without its history, in one run.

Usage: ``python benchmarks/bench_history.py --workbooks 1000 [--repeat 3] [--keep DIR]``

Generates N department workbooks as ``bench_rollup.py`` does, records one earlier roll-up
(a month before) in a history file, then times ``xltools rollup`` end to end in a fresh
process three ways, interleaved ``--repeat`` times:

- ``--no-history``: neither compares nor records;
- first roll-up: records every item in a new history file (nothing to compare with);
- with an earlier roll-up: a copy of the history holding last month's snapshot, so the run
  records, compares every item and writes the Progress sheet.

It prints the medians, the ratios against ``--no-history`` (the target: recording 1,000
departments' items adds under 10 %) and the size of the history file. The last line is:

    history: N workbooks, no history X.XX s, first Y.YY s (+P %), with an earlier Z.ZZ s (+Q %)
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench_rollup import AS_OF, corpus_arguments, corpus_folder

EARLIER = AS_OF - timedelta(days=30)


def _rollup(folder: Path, output: Path, as_of: str, jobs: int, history: list[str]) -> float:
    command = [sys.executable, "-m", "xltools", "rollup", str(folder), "--output", str(output),
               "--as-of", as_of, "--jobs", str(jobs), "--json", "--force", *history]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: some workbooks have validation errors, on purpose
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}")
    return seconds


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def main() -> None:
    """Generate, record last month, time the three ways, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpus_arguments(parser)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="xltools-bench-") as tmp:
        work = Path(tmp)
        folder = corpus_folder(args, work)
        output, earlier = work / "summary.xlsx", work / "earlier.sqlite"
        _rollup(folder, output, EARLIER.isoformat(), args.jobs, ["--history", str(earlier)])

        ways = ("no history", "first", "with an earlier")
        times: dict[str, list[float]] = {way: [] for way in ways}
        for round_ in range(args.repeat):
            fresh, compared = work / f"fresh-{round_}.sqlite", work / f"compared-{round_}.sqlite"
            shutil.copyfile(earlier, compared)
            history = {"no history": ["--no-history"], "first": ["--history", str(fresh)],
                       "with an earlier": ["--history", str(compared)]}
            for way in ways:
                times[way].append(_rollup(folder, output, AS_OF.isoformat(), args.jobs,
                                          history[way]))
        with sqlite3.connect(compared) as db:
            items = db.execute("SELECT count(*) FROM items").fetchone()[0]
        size = compared.stat().st_size / 1e6
        print(f"history file: {items:,} items in two roll-ups, {size:.1f} MB")
        medians = {way: _median(times[way]) for way in ways}
        for way in ways:
            print(f"{way:>16}: {medians[way]:.2f} s "
                  f"(runs: {', '.join(f'{t:.2f}' for t in times[way])})")
        base = medians["no history"]
        print(f"history: {args.workbooks} workbooks, no history {base:.2f} s, "
              f"first {medians['first']:.2f} s ({medians['first'] / base - 1:+.0%}), "
              f"with an earlier {medians['with an earlier']:.2f} s "
              f"({medians['with an earlier'] / base - 1:+.0%})")


if __name__ == "__main__":
    main()
