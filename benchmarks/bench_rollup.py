"""Benchmark the roll-up against the naive pandas + openpyxl loop, side by side in one run.

Usage: ``python benchmarks/bench_rollup.py --workbooks 1000 [--jobs N] [--repeat R]
[--no-naive] [--keep DIR]``

Generates N realistic department workbooks (About sheet plus the three plan sheets with
20-200 rows each, ~60 on average, in da/sv/en, with the template's titles and headers, some
overdue items and some mistakes) in a temporary folder, then times (a) ``xltools rollup``
end to end in a fresh process — with the fast writer (rvgsrust-xlsxwriter), with the default
one (XlsxWriter) and, on a machine with more than one core, with the fast writer and one
worker — and (b) what a user would write by hand: ``pandas.read_excel(...,
engine="openpyxl")`` per file, concatenated per plan with a department column, written with
``pandas.ExcelWriter(engine="openpyxl")`` plus a count per department. Each side runs in its
own process, so its peak memory (RSS, workers apart) is its own. Each xltools run prints
where its time went: finding the files, reading and checking them in the workers (and what
the main process did meanwhile: receiving results, merging, handing rows to the writer),
then building the tables and writing and saving the summary. ``--repeat`` runs the xltools
variants several times, interleaved, and reports medians. The last line is:

    rollup: N workbooks, xltools X.XX s (fast writer) / Y.YY s (XlsxWriter), naive Z.ZZ s, speedup A.Ax / B.Bx
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from multiprocessing import Pool
from pathlib import Path

from xltools.core.schema import ABOUT, LANGS, PLANS, TEMPLATE_VERSION, TOPIC_SUGGESTIONS, VALUE_LISTS

AS_OF = date(2026, 11, 23)
FIRST_NAMES = ("Mette", "Lars", "Anne", "Jonas", "Karin", "Erik", "Sam", "Priya", "Sofie", "Ole",
               "Ingrid", "Mads", "Astrid", "Nils", "Freja", "Emil")
LAST_NAMES = ("Hansen", "Nielsen", "Lund", "Ström", "Berg", "Holm", "Carter", "Jensen", "Olsen",
              "Lindqvist", "Dahl", "Persson")
WORDS = ("møde", "opfølgning", "trivsel", "arbejdsmiljø", "workshop", "plan", "team", "kvalitet",
         "återhämtning", "rutiner", "introduktion", "feedback", "arbetsbelastning", "review",
         "training", "schedule", "survey", "handover", "onboarding", "fravær", "dialog")
GROUPS = ("alle", "ledelsen", "alla", "everyone")
RISKY = ("=SUM(A1:A3)", "+45 22 33 44", "-ikke startet", "@team")


def _text(rnd: random.Random, low: int = 2, high: int = 7) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(low, high))).capitalize()


def _person(rnd: random.Random) -> str:
    if rnd.random() < 0.03:
        return rnd.choice(GROUPS)
    return f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"


def _value(rnd: random.Random, key: str, kind: str, lang: str, i: int) -> object:
    column = PLANS[kind].column(key)  # type: ignore[index]
    if key == "id":
        return i
    if key == "action_id":
        return rnd.randint(1, 25)
    if column.type.value == "date":
        day = AS_OF + timedelta(days=rnd.randint(-120, 300))
        roll = rnd.random()
        if roll < 0.02:
            return "snart"  # a mistake: not a date
        if roll < 0.10:
            return day.strftime("%d-%m-%Y") if lang == "da" else day.isoformat()  # typed as text
        return day
    if column.value_list == "status":
        if rnd.random() < 0.02:
            return "Måske"  # outside the list
        # done, in progress and not started are the common ones in real plans
        return rnd.choices(VALUE_LISTS["status"].labels(lang), weights=(25, 35, 30, 5, 5))[0]
    if column.value_list and not VALUE_LISTS[column.value_list].open:
        return rnd.choice(VALUE_LISTS[column.value_list].labels(lang))
    if column.value_list == "channel":
        return rnd.choice(VALUE_LISTS["channel"].labels(lang))
    if key == "topic":
        return rnd.choice(TOPIC_SUGGESTIONS[lang])
    if column.type.value == "person":
        return _person(rnd)
    if not column.required and rnd.random() < 0.5:
        return None
    if rnd.random() < 0.005:
        return rnd.choice(RISKY)
    return _text(rnd)


def _row_count(rnd: random.Random) -> int:
    # 20-200 rows per sheet, most plans short: ~60 on average, i.e. ~180,000 rows per 1,000
    # workbooks, the organisation size the roll-up issue is sized for.
    return min(200, 20 + int(rnd.expovariate(1 / 40)))


def make_workbook(args: tuple[Path, int, int]) -> None:
    """Write one department workbook (XlsxWriter: fast to generate, read like any other)."""
    import xlsxwriter

    folder, n, seed = args
    rnd = random.Random(seed * 7919 + n)
    lang = LANGS[n % 3]
    department = f"{rnd.choice(('Afdeling', 'Avdelning', 'Unit'))} {n:04d}"
    path = folder / f"dept-{n:04d}.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    about = wb.add_worksheet(ABOUT.title(lang))
    values = {"organisation": "Nordby Kommune", "department": department,
              "manager": _person(rnd), "language": lang, "template_version": TEMPLATE_VERSION,
              "last_updated": AS_OF - timedelta(days=rnd.randint(0, 120))}
    about.write_row(0, 0, [h[lang] for h in ABOUT.headers])
    for r, field in enumerate(ABOUT.fields, start=1):
        about.write(r, 0, field.labels[lang])
        value = values.get(field.key)
        if isinstance(value, date):
            about.write_datetime(r, 1, value, date_format)
        elif value is not None:
            about.write(r, 1, value)
    for kind, schema in PLANS.items():
        ws = wb.add_worksheet(schema.title(lang))
        ws.write_row(0, 0, [c.label(lang) for c in schema.columns])
        for i in range(1, _row_count(rnd) + 1):
            row = {c.key: _value(rnd, c.key, kind.value, lang, i) for c in schema.columns}
            deadline = row.get(schema.deadline_key)
            if "start" in row and isinstance(deadline, date) and rnd.random() < 0.97:
                row["start"] = deadline - timedelta(days=rnd.randint(14, 120))  # mostly in order
            for c, column in enumerate(schema.columns):
                value = row[column.key]
                if isinstance(value, date):
                    ws.write_datetime(i, c, value, date_format)
                elif value is not None:
                    ws.write(i, c, value)
    wb.close()


def generate(folder: Path, count: int, seed: int, jobs: int) -> None:
    """Write ``count`` department workbooks into ``folder``."""
    with Pool(jobs) as pool:
        pool.map(make_workbook, [(folder, n, seed) for n in range(count)], chunksize=8)


NAIVE = r'''
import sys
from pathlib import Path
import pandas as pd
folder, out = Path(sys.argv[1]), sys.argv[2]
titles = {t: kind for kind, ts in {
    "actions": ("Action plan", "Handleplan", "Handlingsplan"),
    "activities": ("Activity plan", "Aktivitetsplan"),
    "communication": ("Communication plan", "Kommunikationsplan")}.items() for t in ts}
frames = {"actions": [], "activities": [], "communication": []}
for path in sorted(folder.glob("*.xlsx")):
    sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    about = next(iter(sheets.values()))
    department = str(about.iloc[1, 1]) if about.shape[0] > 1 else path.stem
    for name, frame in sheets.items():
        if name in titles:
            frames[titles[name]].append(frame.assign(Department=department))
with pd.ExcelWriter(out, engine="openpyxl") as writer:
    counts = {}
    for kind, parts in frames.items():
        table = pd.concat(parts, ignore_index=True)
        table.to_excel(writer, sheet_name=kind, index=False)
        counts[kind] = table.groupby("Department").size()
    pd.DataFrame(counts).fillna(0).to_excel(writer, sheet_name="per department")
'''

# Runs one side in a fresh process and reports its peak memory (RSS of this process, and the
# largest worker) on stderr. The xltools side runs the command line in-process with a few
# methods wrapped to time the phases of the roll-up (the product code is not changed).
PEAK = r"""
import json, os, resource, sys, time

def peak():
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"PEAK {me} {kids}", file=sys.stderr)

def instrument():
    import multiprocessing.connection as connection
    import xltools.files as files
    import xltools.rollup as use_case
    from xltools.core.rollup import Rollup
    from xltools.io.summary import SummaryWriter

    spent = {"find": 0.0, "results": 0.0, "merge": 0.0, "rows to writer": 0.0,
             "tables": 0.0, "write and save": 0.0}
    marks = {}

    def timed(owner, name, key):
        original = getattr(owner, name)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[key] += time.perf_counter() - start
        setattr(owner, name, wrapper)

    timed(files, "find_workbooks", "find")
    timed(connection.Connection, "recv", "results")
    timed(Rollup, "add", "merge")  # rows handed to the writer are taken off below
    timed(SummaryWriter, "append", "rows to writer")
    timed(Rollup, "tables", "tables")
    timed(SummaryWriter, "finish", "write and save")
    run_files = use_case.run_files

    def reading(*args, **kwargs):
        marks["start"] = time.perf_counter()
        yield from run_files(*args, **kwargs)
        marks["end"] = time.perf_counter()
    use_case.run_files = reading

    def report():
        spent["merge"] -= spent["rows to writer"]
        spent["reading"] = marks.get("end", 0.0) - marks.get("start", 0.0)
        children = os.times()
        spent["workers cpu"] = children.children_user + children.children_system
        print("SPLIT " + json.dumps(spent), file=sys.stderr)
    return report

try:
    if sys.argv[1] == "xltools":
        report = instrument()
        from xltools.cli import app
        sys.argv = ["xltools", *sys.argv[2:]]
        try:
            app()
        except SystemExit as done:
            if done.code not in (0, 1, None):
                raise
        report()
    else:
        sys.argv = sys.argv[1:]
        exec(compile(open(sys.argv[0]).read(), sys.argv[0], "exec"), {"__name__": "__main__"})
finally:
    peak()
"""


# How much faster two processes read than one on this machine: the ceiling for --jobs 2
# against --jobs 1 (a VM's two vCPUs, or a neighbour's load, rarely give a full 2x).
SCALING = r"""
import sys, time
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from xltools.rollup import check_file_for_rollup

def read(files):
    for path in files:
        check_file_for_rollup(path, date(2026, 11, 23), "en")

if __name__ == "__main__":
    files = sorted(str(p) for p in Path(sys.argv[1]).glob("*.xlsx"))[:int(sys.argv[2])]
    read(files[:10])  # imports and caches warm in the parent, and so in forked children
    context = get_context("fork")
    start = time.perf_counter()
    one = context.Process(target=read, args=(files,))
    one.start(); one.join()
    serial = time.perf_counter() - start
    start = time.perf_counter()
    two = [context.Process(target=read, args=(files[i::2],)) for i in range(2)]
    for process in two: process.start()
    for process in two: process.join()
    print(serial / (time.perf_counter() - start))
"""


class Run:
    """One timed run: wall seconds, peak RSS (kB) of the process and its largest worker, and
    the roll-up's phases (xltools only)."""

    def __init__(self, seconds: float, me: int, kids: int, split: dict[str, float]) -> None:
        self.seconds, self.me, self.kids, self.split = seconds, me, kids, split


def _timed(command: list[str], writer: str | None = None) -> Run:
    env = {**os.environ, **({"XLTOOLS_WRITER": writer} if writer else {})}
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}")
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("PEAK"))
    _, me, kids = line.split()
    split = next((json.loads(ln[6:]) for ln in done.stderr.splitlines()
                  if ln.startswith("SPLIT ")), {})
    return Run(seconds, int(me), int(kids), split)


def _split_text(split: dict[str, float]) -> str:
    return (f"find {split['find']:.2f} s | read+check (workers) {split['reading']:.2f} s, "
            f"workers' CPU {split['workers cpu']:.1f} s; meanwhile in the main process: "
            f"results {split['results']:.2f} s, merge {split['merge']:.2f} s, rows to the "
            f"writer {split['rows to writer']:.2f} s | then: tables {split['tables']:.2f} s, "
            f"write and save {split['write and save']:.2f} s")


def corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every roll-up benchmark shares: how many workbooks, workers, seed, folder."""
    parser.add_argument("--workbooks", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")


def corpus_folder(args: argparse.Namespace, work: Path) -> Path:
    """The benchmark's department workbooks, generated unless ``--keep`` holds them already."""
    folder = args.keep or work / "departments"
    folder.mkdir(parents=True, exist_ok=True)
    if len(list(folder.glob("*.xlsx"))) != args.workbooks:
        start = time.perf_counter()
        generate(folder, args.workbooks, args.seed, args.jobs)
        print(f"generated {args.workbooks} workbooks in {time.perf_counter() - start:.1f} s")
    return folder


def main() -> None:
    """Generate, run both sides, print timings, the split, peak memory and the summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpus_arguments(parser)
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each xltools variant this many times, interleaved; medians")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive loop")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="xltools-bench-") as tmp:
        work = Path(tmp)
        folder = corpus_folder(args, work)
        peak, naive_script = work / "peak.py", work / "naive.py"
        peak.write_text(PEAK)
        naive_script.write_text(NAIVE)

        if args.jobs > 1 and sys.platform.startswith("linux"):
            scaling = work / "scaling.py"
            scaling.write_text(SCALING)
            sample = min(args.workbooks, 200)
            ratio = float(subprocess.run([sys.executable, str(scaling), str(folder), str(sample)],
                                         capture_output=True, text=True, check=True).stdout)
            print(f"machine: two processes read {sample} of the workbooks {ratio:.2f}x as fast "
                  "as one (the ceiling for --jobs 2 against --jobs 1)")
        # (label, writer, jobs): the fast writer with every core and with one worker, the
        # default writer beside it
        variants = [("fast", "rvgsrust", args.jobs), ("XlsxWriter", "xlsxwriter", args.jobs)]
        if args.jobs > 1:
            variants.append(("fast, --jobs 1", "rvgsrust", 1))
        runs: dict[str, list[Run]] = {label: [] for label, _, _ in variants}
        for _ in range(args.repeat):
            for label, writer, jobs in variants:
                runs[label].append(_timed([
                    sys.executable, str(peak), "xltools", "rollup", str(folder), "--output",
                    str(work / "summary.xlsx"), "--as-of", AS_OF.isoformat(), "--jobs",
                    str(jobs), "--json", "--force"], writer))
        rows = _summary_rows(work / "summary.xlsx")
        print(f"summary rows per sheet: {rows}")
        medians: dict[str, float] = {}
        for label, _, jobs in variants:
            done = sorted(runs[label], key=lambda r: r.seconds)
            middle = done[len(done) // 2]
            medians[label] = middle.seconds
            print(f"xltools ({label}, {jobs} worker{'s' if jobs > 1 else ''}): "
                  f"{middle.seconds:.2f} s (runs: {', '.join(f'{r.seconds:.2f}' for r in runs[label])}); "
                  f"peak RSS main {middle.me / 1024:.0f} MB, largest worker "
                  f"{middle.kids / 1024:.0f} MB")
            print(f"  split: {_split_text(middle.split)}")
        fast, default = medians["fast"], medians["XlsxWriter"]
        if args.jobs > 1:
            one = medians["fast, --jobs 1"]
            print(f"jobs: --jobs {args.jobs} {fast:.2f} s, --jobs 1 {one:.2f} s, "
                  f"{one / fast:.2f}x")
        if args.no_naive:
            print(f"rollup: {args.workbooks} workbooks, xltools {fast:.2f} s (fast writer) / "
                  f"{default:.2f} s (XlsxWriter)")
            return
        naive = _timed([sys.executable, str(peak), str(naive_script), str(folder),
                        str(work / "naive.xlsx")])
        print(f"naive:   {naive.seconds:.2f} s; peak RSS {naive.me / 1024:.0f} MB")
        print(f"rollup: {args.workbooks} workbooks, xltools {fast:.2f} s (fast writer) / "
              f"{default:.2f} s (XlsxWriter), naive {naive.seconds:.2f} s, speedup "
              f"{naive.seconds / fast:.1f}x / {naive.seconds / default:.1f}x")


def _summary_rows(path: Path) -> str:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    counts = {name: len(workbook.get_sheet_by_name(name).to_python()) - 1
              for name in workbook.sheet_names}
    return json.dumps(counts, ensure_ascii=False)


if __name__ == "__main__":
    main()
