"""Scale check: roll up many small department workbooks and record time and peak memory.

Usage: ``python benchmarks/bench_scale.py --workbooks 10000 [--jobs N] [--keep DIR]``

Writes ``--variants`` distinct small workbooks with openpyxl (the template with a few rows
in each plan), then copies them to N files named ``dept-00001.xlsx`` ... (the department
comes from the file name, as the About sheet leaves it empty), so generating 10,000 files
takes seconds rather than the minutes openpyxl would need for each. Then runs ``xltools
rollup`` in a fresh process and reports wall time, the peak RSS of the largest single
process (``ru_maxrss`` of the children) and the peak of the whole process tree (main plus
workers, sampled from /proc every 0.2 s on Linux). The last line is:

    scale: N workbooks, X.X s, largest process Y MB, process tree peak Z MB, exit E
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from xltools.core.schema import PLANS, PlanKind
from xltools.io.template import build_workbook

AS_OF = date(2026, 11, 23)
STATUSES = ("Not started", "Started", "Done", "On hold")


def _variant(path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    wb = build_workbook(rnd.choice(("da", "sv", "en")), last_updated=AS_OF - timedelta(days=30))
    lang = next(lang for lang in ("da", "sv", "en")
                if PLANS[PlanKind.ACTION].title(lang) in wb.sheetnames)
    for kind in PlanKind:
        ws = wb[PLANS[kind].title(lang)]
        keys = [c.key for c in PLANS[kind].columns]
        for r in range(2, 2 + rnd.randint(3, 12)):
            for c, key in enumerate(keys, start=1):
                if key == "id":
                    value: object = r - 1
                elif key == "action_id":
                    value = rnd.randint(1, 3)
                elif key in ("deadline", "when", "start", "follow_up_date"):
                    value = AS_OF + timedelta(days=rnd.randint(-90, 120))
                elif key == "status":
                    value = rnd.choice(STATUSES)
                elif PLANS[kind].column(key).required:
                    value = f"{key} {seed}-{r}"
                else:
                    continue
                ws.cell(row=r, column=c, value=value)
    wb.save(path)


def generate(folder: Path, count: int, variants: int) -> None:
    """Write ``count`` workbooks into ``folder`` from ``variants`` distinct ones."""
    bases = folder / "_bases"
    bases.mkdir(parents=True)
    for v in range(variants):
        _variant(bases / f"base-{v}.xlsx", seed=v)
    for i in range(1, count + 1):
        # sub-folders of 1,000 like a real share, and the roll-up searches recursively
        target = folder / "plans" / f"region-{i // 1000:02d}" / f"dept-{i:05d}.xlsx"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bases / f"base-{i % variants}.xlsx", target)


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants (Linux /proc), in kB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            pid, ppid = int(entry.name), int(fields[1])
            rss[pid] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
            children.setdefault(ppid, []).append(pid)
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_rollup(folder: Path, jobs: int | None) -> dict[str, object]:
    """Run the roll-up in a fresh process; measure time and memory."""
    output = folder / "summary.xlsx"
    command = [sys.executable, "-m", "xltools", "rollup", str(folder / "plans"), "-o", str(output),
               "--as-of", AS_OF.isoformat(), "--json"]
    if jobs:
        command += ["--jobs", str(jobs)]
    peak_tree = 0
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            if sys.platform.startswith("linux"):
                peak_tree = max(peak_tree, _tree_rss_kb(child.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = child.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kB on Linux
    result: dict[str, object] = {"seconds": round(seconds, 1), "exit": child.returncode,
                                 "largest_process_mb": round(largest / 1024),
                                 "tree_peak_mb": round(peak_tree / 1024),
                                 "summary_mb": round(output.stat().st_size / 1e6, 1)
                                 if output.exists() else None}
    try:
        files = json.loads(stdout)["files"]
        result["read"], result["failed"] = files["read"], files["failed"]
    except (ValueError, KeyError, TypeError):
        result["stderr"] = stderr[-2000:]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=10_000)
    parser.add_argument("--variants", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="Generate into this folder.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="xltools-scale-"))
    try:
        start = time.perf_counter()
        generate(folder, args.workbooks, args.variants)
        print(f"generated {args.workbooks} workbooks in {time.perf_counter() - start:.1f} s "
              f"({folder})", flush=True)
        result = run_rollup(folder, args.jobs)
        print(json.dumps(result), flush=True)
        print(f"scale: {args.workbooks} workbooks, {result['seconds']} s, largest process "
              f"{result['largest_process_mb']} MB, process tree peak {result['tree_peak_mb']} MB, "
              f"exit {result['exit']}")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
