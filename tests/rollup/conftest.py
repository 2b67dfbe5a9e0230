"""A hand-computed roll-up fixture: three small departments (da, sv, en) and broken files.

Areas: Hjemmeplejen names "Sundhed og Omsorg" on its About sheet, IT Support names "Stab",
Ekonomi names none but lies in the folder "Stab"; the broken file lies at the top (no area).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from xltools.core.schema import PLANS, PlanKind
from xltools.io.template import build_workbook

AS_OF = date(2026, 11, 23)

# Rows by column key; every required cell is filled unless a test says otherwise.
DEPARTMENTS = {
    "hjemmeplejen.xlsx": ("da", "Hjemmeplejen", date(2026, 11, 2), {
        PlanKind.ACTION: [
            dict(id=1, topic="Krav", goal="g", actions="Gennemgå køreplaner",
                 owner="Mette Hansen", deadline=date(2026, 10, 1), follow_up="f",
                 status="I gang"),  # overdue 53 days
            dict(id=2, topic="Krav", goal="g", actions="a", owner="Ole Dahl",
                 deadline=date(2026, 12, 1), follow_up="f", status="Gennemført"),
            dict(id=3, topic="Ledelse", goal="g", actions="a", owner="ledelsen",  # vague owner
                 deadline=date(2026, 11, 30), follow_up="f", status="Ikke startet"),  # due soon
        ],
        PlanKind.ACTIVITY: [
            dict(id="A1", activity="x", how="y", owner="Ole Dahl", deadline=date(2027, 1, 15),
                 follow_up="f", status="Aflyst"),
        ],
        PlanKind.COMMUNICATION: [],
    }),
    "ekonomi.xlsx": ("sv", "Ekonomi", date(2026, 11, 15), {
        PlanKind.ACTION: [
            dict(id=1, topic="Återhämtning", goal="g", actions="a", owner="Karin Lund",
                 deadline="snart", follow_up="f", status="Pågår"),  # bad-date
            dict(id=1, topic="Återhämtning", goal="g", actions="a", owner="Erik Ström",  # dup id
                 deadline=date(2026, 8, 31), follow_up="f", status="Klar"),
        ],
        PlanKind.ACTIVITY: [
            dict(id=1, action_id=1, activity="x", how="y", owner="Erik Ström",
                 deadline=date(2026, 11, 1), follow_up="f", status="Kanske"),  # bad-value, overdue
        ],
        PlanKind.COMMUNICATION: [
            dict(id=1, audience="=SUM(A1:A2)", involvement="Konsulteras", purpose="-ikke",
                 goal="@alle", message="+45 22 33 44", channel="Möte", owner="Karin Lund",
                 when=date(2026, 12, 20), status="Uppskjuten"),
        ],
    }),
    "it-support.xlsx": ("en", "IT Support", date(2026, 8, 3), {  # stale: 112 days
        PlanKind.ACTION: [
            dict(id=1, topic="Demands", goal="g", actions="a", owner="Sam Carter",
                 deadline=date(2026, 12, 1), follow_up="f", status="Not started"),  # due soon
            dict(id=2, topic="Management", goal="g", actions="a", owner="Sam Carter",
                 deadline=date(2027, 3, 1), follow_up="f", status="Done"),
        ],
        PlanKind.ACTIVITY: [],
        PlanKind.COMMUNICATION: [
            dict(id=1, audience="All staff", involvement="Kept informed", purpose="p",
                 message="m", channel="E-mail", owner="Sam Carter", when=date(2026, 11, 20),
                 status="In progress"),  # overdue 3 days
        ],
    }),
}


# The area on the About sheet, and the folder under the input folder a file lies in.
ABOUT_AREAS = {"hjemmeplejen.xlsx": "Sundhed og Omsorg", "it-support.xlsx": "Stab"}
FOLDERS = {"ekonomi.xlsx": "Stab"}


def write_department(path: Path, lang: str, department: str, updated: date,
                     plans: dict[PlanKind, list[dict[str, object]]],
                     area: str | None = None) -> Path:
    """A department workbook from the real template, filled like a manager would."""
    wb = build_workbook(lang, department=department, last_updated=updated,  # type: ignore[arg-type]
                        area=area)
    for kind, rows in plans.items():
        ws = wb[PLANS[kind].title(lang)]
        keys = PLANS[kind].keys
        for r, values in enumerate(rows, start=2):
            for key, value in values.items():
                cell = ws.cell(row=r, column=keys.index(key) + 1, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # typed as text, as Excel stores it
    wb.save(path)
    return path


@pytest.fixture(scope="session")
def fixture_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three departments, one truncated workbook, a lock file and a hidden file."""
    folder = tmp_path_factory.mktemp("departments")
    for name, (lang, department, updated, plans) in DEPARTMENTS.items():
        target = folder / FOLDERS[name] / name if name in FOLDERS else folder / name
        target.parent.mkdir(exist_ok=True)
        write_department(target, lang, department, updated, plans, ABOUT_AREAS.get(name))
    good = (folder / "it-support.xlsx").read_bytes()
    (folder / "broken.xlsx").write_bytes(good[: len(good) // 2])
    (folder / "~$ekonomi.xlsx").write_bytes(b"\x00" * 165)
    (folder / "._hjemmeplejen.xlsx").write_bytes(b"\x00\x05\x16\x07")
    return folder


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every roll-up test writes a summary: CI runs them with each writer (``-m writer``)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.writer)
