"""Render the organisation summary to PNG pages, the way it prints, to look at it page by page.

Usage: ``python benchmarks/render_summary.py --out DIR [--lang da|sv|en] [--large N]
[--chart-per-area] [--writer xlsxwriter|rvgsrust]``

Rolls up a copy of the bundled examples (``examples/departments/``, plus one damaged file so
the Overview shows a file that could not be read) and, with ``--large N``, a generated
organisation of N small departments in six areas (the case where the chart shows areas).
Each summary is converted by LibreOffice (``soffice --headless --convert-to pdf``, with a
private profile so it runs beside other LibreOffice processes) and the PDF to PNG pages by
``pdftoppm -png -r 60``. Widths are only right with a font metric-compatible with Calibri
installed (Debian: ``fonts-crosextra-carlito``); without it LibreOffice draws a wider font.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from xltools.core.schema import PLANS, TOPIC_SUGGESTIONS, VALUE_LISTS, PlanKind
from xltools.io.template import build_workbook
from xltools.rollup import rollup

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "departments"
AS_OF = date(2026, 11, 23)
AREAS = ("Børn og Unge", "Social og Sundhed", "Teknik og Miljø", "Kultur og Fritid",
         "Kommunstyrelseförvaltningen", "Socialförvaltningen")
UNITS = {"da": ("Dagtilbud", "Skolen", "Plejecenter", "Hjemmeplejen", "Jobcenter", "Biblioteket"),
         "sv": ("Förskolan", "Skolan", "Hemtjänsten", "Äldreboendet", "Biblioteket"),
         "en": ("Service Desk", "Facilities", "Payroll", "Communications")}
PLACES = ("Nord", "Syd", "Øst", "Vest", "Centrum", "Havnen", "Skoven", "Bakken")
PEOPLE = ("Mette Hansen", "Lars Nielsen", "Karin Lund", "Erik Ström", "Sam Carter",
          "Anne Holm", "Jonas Berg", "Priya Shah", "Ole Dahl", "Sofie Jensen")


def generate(folder: Path, count: int, seed: int = 7) -> None:
    """Write ``count`` small departments: half name their area on About, half by folder.

    Args:
        folder: where to write (area subfolders are made in it).
        count: how many department workbooks.
        seed: makes the organisation the same on every run.
    """
    rnd = random.Random(seed)
    langs = ("da", "da", "sv", "en")
    for n in range(count):
        lang = langs[n % len(langs)]
        area = AREAS[n % len(AREAS)]
        name = f"{rnd.choice(UNITS[lang])} {PLACES[n % len(PLACES)]} {n + 1}"
        by_folder = n % 2 == 1
        updated = AS_OF - timedelta(days=rnd.choice((3, 10, 25, 40, 60, 95, 130)))
        wb = build_workbook(lang, department=name, organisation="Nordby Kommune",  # type: ignore[arg-type]
                            manager=rnd.choice(PEOPLE), last_updated=updated,
                            area=None if by_folder else area)
        for kind in PlanKind:
            schema = PLANS[kind]
            ws = wb[schema.title(lang)]
            for r in range(2, 2 + rnd.randint(1 if kind is PlanKind.ACTION else 0, 6)):
                values = _row(rnd, kind, lang, r - 1)
                for c, key in enumerate(schema.keys, start=1):
                    if key in values:
                        ws.cell(row=r, column=c, value=values[key])
        target = folder / area / f"dept-{n + 1:03d}.xlsx" if by_folder \
            else folder / f"dept-{n + 1:03d}.xlsx"
        target.parent.mkdir(parents=True, exist_ok=True)
        wb.save(target)


def _row(rnd: random.Random, kind: PlanKind, lang: str, number: int) -> dict[str, object]:
    statuses = VALUE_LISTS["status"].labels(lang)
    status = rnd.choices(statuses, weights=(25, 35, 30, 6, 4))[0]
    deadline = AS_OF + timedelta(days=rnd.randint(-150, 150))
    owner = rnd.choice(PEOPLE)
    text = rnd.choice(("Fælles retningslinje for pårørendekontakt", "Ny vagtplan",
                       "Gemensam fikapaus varje dag", "Book 1:1s with every team member",
                       "Workshop om arbejdsglæde", "Kartlägg arbetsbelastningen"))
    if kind is PlanKind.ACTION:
        return {"id": number, "topic": rnd.choice(TOPIC_SUGGESTIONS[lang]), "goal": "Mål",
                "actions": text, "owner": owner, "deadline": deadline, "follow_up": "Møde",
                "status": status}
    if kind is PlanKind.ACTIVITY:
        return {"id": number, "activity": text, "how": "Workshop", "owner": owner,
                "deadline": deadline, "follow_up": "Møde", "status": status}
    return {"id": number, "audience": "Alle", "involvement":
            VALUE_LISTS["involvement"].labels(lang)[0], "purpose": "Information",
            "message": text, "channel": VALUE_LISTS["channel"].labels(lang)[0], "owner": owner,
            "when": deadline, "status": status}


def render(summary: Path, out: Path, prefix: str) -> list[Path]:
    """Convert a workbook to PDF with LibreOffice and the PDF to PNG pages.

    Args:
        summary: the workbook.
        out: the folder for the PDF and the pages.
        prefix: the pages' file name prefix.

    Returns:
        The PNG pages, in order.
    """
    with tempfile.TemporaryDirectory(prefix="xltools-lo-") as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out), str(summary)],
                       check=True, capture_output=True, timeout=600)
    pdf = out / f"{summary.stem}.pdf"
    for old in out.glob(f"{prefix}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out / prefix)], check=True)
    return sorted(out.glob(f"{prefix}-*.png"))


def main() -> None:
    """Roll up, render and list the pages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for PDFs and PNG pages")
    parser.add_argument("--lang", default="da", choices=("da", "sv", "en"))
    parser.add_argument("--large", type=int, default=0,
                        help="also render a generated organisation of this many departments")
    parser.add_argument("--chart-per-area", action="store_true")
    parser.add_argument("--writer", choices=("xlsxwriter", "rvgsrust"))
    args = parser.parse_args()
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        sys.exit("needs LibreOffice (soffice) and poppler (pdftoppm)")
    fonts = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    if "Carlito" not in fonts and "Calibri" not in fonts:
        print("note: no Calibri-compatible font (Carlito); widths will look tighter than in Excel")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.writer:
        os.environ["XLTOOLS_WRITER"] = args.writer
    with tempfile.TemporaryDirectory(prefix="xltools-render-") as tmp:
        work = Path(tmp)
        cases = {"examples": work / "examples"}
        shutil.copytree(EXAMPLES, cases["examples"])
        # a file saved half-way: the Overview lists it, in its area, as not read
        damaged = (EXAMPLES / "it-support.xlsx").read_bytes()
        (cases["examples"] / "Teknik og Miljø" / "affald-og-genbrug.xlsx").write_bytes(
            damaged[: len(damaged) // 2])
        if args.large:
            cases[f"large{args.large}"] = work / "large"
            generate(cases[f"large{args.large}"], args.large)
        out = args.out.resolve()
        os.chdir(work)  # relative paths, as a user types them: the sheets show "examples/..."
        for name, folder in cases.items():
            summary = out / f"summary-{name}-{args.lang}.xlsx"
            rollup([folder.relative_to(work)], summary, as_of=AS_OF, lang=args.lang, jobs=2,
                   force=True, chart_per_area=args.chart_per_area)
            pages = render(summary, out, f"{name}-{args.lang}")
            print(f"{name}: {len(pages)} pages")
            for page in pages:
                print(f"  {page}")


if __name__ == "__main__":
    main()
