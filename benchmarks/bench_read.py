"""Benchmark: what one file costs a roll-up worker, against python-calamine's own parse of it.

Usage: ``python benchmarks/bench_read.py [--workbooks 200] [--rounds 5] [--folder DIR]``

Generates the roll-up benchmark's corpus (``bench_rollup.generate``; or reads ``--folder``),
then times, per file and serially in this process:

- **parse**: ``CalamineWorkbook.from_path`` and ``to_python()`` of every sheet — the floor
  no reader built on python-calamine can go under;
- **read**: ``read_workbook`` (file checks, the sheet XML scan, grids, header search,
  rows);
- **read+check**: ``check_file_for_rollup``, what a worker does per file: read, validate,
  summarise into the compact ``FileResult``.

Each round times every file once per measure, the measures interleaved file by file so a
busy neighbour slows all three alike; figures are CPU time of this process (wall time beside
them), the median of the rounds. The last line is:

    read: N workbooks, parse X.XX ms/file, read+check Y.YY ms/file, ratio Z.Zx
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_rollup import AS_OF, generate


def calamine_parse(path: str) -> None:
    """Every sheet's values, as python-calamine gives them."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(path)
    try:
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python()
    finally:
        workbook.close()


def xltools_read(path: str) -> None:
    """The reader alone: checks, scan, grids, plan data."""
    from xltools.io.read import read_workbook

    read_workbook(path)


def xltools_check(path: str) -> None:
    """What a roll-up worker does with one file."""
    from xltools.rollup import check_file_for_rollup

    result = check_file_for_rollup(path, AS_OF, "en")
    if not result.read:
        raise SystemExit(f"{path}: {result.reason}")


MEASURES: dict[str, Callable[[str], None]] = {
    "parse": calamine_parse, "read": xltools_read, "read+check": xltools_check}


def run(files: list[str], rounds: int) -> dict[str, tuple[float, float]]:
    """Median over rounds of the mean CPU and wall milliseconds per file, per measure."""
    for path in files[:20]:  # imports and caches warm before anything is timed
        for measure in MEASURES.values():
            measure(path)
    cpu: dict[str, list[float]] = {name: [] for name in MEASURES}
    wall: dict[str, list[float]] = {name: [] for name in MEASURES}
    for _ in range(rounds):
        spent = {name: [0.0, 0.0] for name in MEASURES}
        for path in files:
            for name, measure in MEASURES.items():
                c, w = time.process_time(), time.perf_counter()
                measure(path)
                spent[name][0] += time.process_time() - c
                spent[name][1] += time.perf_counter() - w
        for name, (c, w) in spent.items():
            cpu[name].append(c / len(files) * 1000)
            wall[name].append(w / len(files) * 1000)
    return {name: (statistics.median(cpu[name]), statistics.median(wall[name]))
            for name in MEASURES}


def main() -> None:
    """Generate (or take) the corpus, time the three measures, print figures and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, help="read these workbooks instead of generating")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="xltools-read-") as tmp:
        folder = args.folder
        if folder is None:
            folder = Path(tmp)
            generate(folder, args.workbooks, args.seed, jobs=2)
        files = sorted(str(p) for p in folder.glob("*.xlsx"))[:args.workbooks]
        figures = run(files, args.rounds)
    for name, (cpu, wall) in figures.items():
        print(f"{name:>10}: {cpu:6.2f} ms/file CPU ({wall:.2f} ms wall)")
    parse, check = figures["parse"][0], figures["read+check"][0]
    print(f"read: {len(files)} workbooks, parse {parse:.2f} ms/file, read+check {check:.2f} "
          f"ms/file, ratio {check / parse:.1f}x")


if __name__ == "__main__":
    main()
