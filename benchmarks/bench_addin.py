"""Benchmark: the ribbon's Validate on a 1,000-row plan, in calls to Excel and seconds.

Run: ``python benchmarks/bench_addin.py [--rows 1000] [--repeat 3]``.

The button runs on xlwings' JSON-backed Book (the engine the tests use), fed the payload
xlwings' VBA client sends, and, for the notes path, the Office.js client's. Every change the
button makes to the workbook is one action in the book's JSON, which is what travels to
Excel: the number of actions is the number of calls Excel has to run. Figures are printed,
never asserted.

The JSON engine lives in xlwings' ``pro`` folder (PolyForm Noncommercial licence); this
script sets ``XLWINGS_LICENSE_KEY=noncommercial`` for its own process only, as the tests do.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import time
from collections import Counter
from datetime import date, datetime, timedelta

AS_OF = date(2026, 11, 23)


def plan_grid(rows: int) -> list[list[object]]:
    """An English action plan of ``rows`` rows as a client sends it (dates as ISO text).

    One row in eight has a problem of its own (no goal, a group as owner, an unknown status);
    with the deadlines spread over the year around AS_OF, about a third of the rows get an issue.
    """
    from xltools.core.schema import PlanKind
    from xltools.io.template import header_labels

    header = header_labels(PlanKind.ACTION, "en")
    statuses = ["Not started", "In progress", "Done", "In progress", "Postponed", "Done"]
    start = datetime(2026, 1, 5)
    today = datetime(AS_OF.year, AS_OF.month, AS_OF.day)
    grid: list[list[object]] = [header]
    for r in range(1, rows + 1):
        problem = r % 8
        deadline = today + timedelta(days=(r * 37) % 400 - 60)
        values: list[object] = [
            r, "Workload", None, None if problem == 1 else "Less overtime", None, "Plan the week",
            "everyone" if problem == 2 else f"Person {r % 97}", None, start, deadline, None,
            "Monthly", None, "Maybe" if problem == 3 else statuses[r % len(statuses)]]
        values += [None] * (len(header) - len(values))
        grid.append([v.strftime("%Y-%m-%dT%H:%M:%S.000Z") if isinstance(v, datetime) else v
                     for v in values])
    return grid


def payload(rows: int, client: str) -> dict:
    """The request body xlwings' client sends for a workbook holding one plan sheet."""
    import xlwings as xw

    sheet = {"name": "Action plan", "pictures": [], "tables": [], "values": plan_grid(rows)}
    if client == "Office.js":
        sheet |= {"notes": [], "notes_supported": True}
    return {"client": client, "version": xw.__version__,
            "book": {"name": "Plan.xlsx", "active_sheet_index": 0, "selection": "A1"},
            "names": [], "sheets": [sheet]}


def run(body: dict, repeat: int) -> tuple[Counter, float]:
    """Validate ``repeat`` times on fresh books; the actions of one run and the median time."""
    import xlwings as xw

    from xltools.addin import callbacks

    times, actions = [], Counter()
    for _ in range(repeat):
        book = xw.Book(json=copy.deepcopy(body))
        started = time.perf_counter()
        callbacks.validate(book, as_of=AS_OF)
        times.append(time.perf_counter() - started)
        actions = Counter(a["func"] for a in book.json()["actions"])
    return actions, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw
    from xlwings.main import Engine
    from xlwings.pro import _xlremote

    if "remote" not in [engine.name for engine in xw.engines]:
        xw.engines.add(Engine(impl=_xlremote.engine))
    figures = {}
    for client in ("VBA", "Office.js"):
        actions, seconds = run(payload(args.rows, client), args.repeat)
        figures[client] = {"calls": sum(actions.values()), "seconds": round(seconds, 3),
                           "by_call": dict(actions.most_common())}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for client, found in figures.items():
        top = ", ".join(f"{name} {count}" for name, count in list(found["by_call"].items())[:6])
        print(f"Validate, {args.rows:,} rows, {client} client: {found['calls']:,} calls to Excel "
              f"in {found['seconds']:.2f} s ({top})")


if __name__ == "__main__":
    main()
