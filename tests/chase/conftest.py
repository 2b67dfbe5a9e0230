"""A folder of department workbooks to chase: late items, errors, odd names and addresses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from xltools.core.schema import PLANS, PlanKind
from xltools.io.template import build_workbook

AS_OF = date(2026, 11, 23)
INJECTION = "Drift =?utf-8?b?QmNjOiBldmlsQHguY29t?= = Service"

# file -> (lang, About values, rows per plan by column key)
DEPARTMENTS: dict[str, tuple[str, dict[str, object], dict[PlanKind, list[dict[str, object]]]]] = {
    "hjemmeplejen.xlsx": ("da", {"department": "Hjemmeplejen", "manager": "Mette Hansen",
                                 "email": "mette@nordby.dk", "organisation": "Nordby Kommune"}, {
        PlanKind.ACTION: [
            dict(id=1, topic="Krav", goal="g", actions="Fælles vagtplan", owner="Mette Hansen",
                 deadline=date(2026, 10, 1), follow_up="f", status="I gang"),  # 53 days late
            dict(id=2, topic="Krav", goal="g", actions="a", owner="Ole Dahl",
                 deadline=date(2026, 11, 1), follow_up="f", status="Gennemført"),  # done
            dict(id=3, topic="Ledelse", goal="g", actions="a", owner="Ole Dahl",
                 deadline=date(2026, 11, 30), follow_up="f", status="Ikke startet"),  # 7 left
            dict(id=4, topic="Samarbejde", goal="g", actions="a", owner="Ole Dahl",
                 deadline="snart", follow_up="f", status="I gang"),  # bad-date: an error
        ],
        PlanKind.ACTIVITY: [
            dict(id="A1", activity="Kortlæg besøg", how="y", owner="Mette Hansen",
                 deadline=date(2026, 11, 13), follow_up="f", status="I gang"),  # 10 days late
        ],
        PlanKind.COMMUNICATION: [
            dict(id=1, audience="Alle", involvement="Høres", purpose="p", message="Nyt skema",
                 channel="Møde", owner="Ole Dahl", when=date(2026, 9, 1),
                 status="Ikke startet"),  # 83 days late
        ],
    }),
    "ekonomi.xlsx": ("sv", {"department": "Ekonomi", "manager": "Karin Lund"}, {
        PlanKind.ACTION: [
            dict(id=1, topic="Återhämtning", goal="g", actions="a", owner="Karin Lund",
                 deadline=date(2026, 11, 20), follow_up="f", status="Pågår"),  # 3 days late
        ],
    }),
    "it.xlsx": ("en", {"department": "IT Support", "manager": "Sam Carter",
                       "email": "sam@example.com"}, {
        PlanKind.ACTION: [
            dict(id=1, topic="Demands", goal="g", actions="a", owner="Sam Carter",
                 deadline=date(2027, 3, 1), follow_up="f", status="In progress"),  # on track
        ],
    }),
    "drift.xlsx": ("en", {"department": INJECTION, "manager": 'Hansen, "Ops" Lead',
                          "email": "ops@kø.dk"}, {
        PlanKind.ACTION: [
            dict(id=7, topic="Change", goal="g", actions="a", owner="Ops Lead",
                 deadline=date(2026, 11, 2), follow_up="f", status="Not started"),
        ],
    }),
    "skolen.xlsx": ("da", {"department": "Skolen", "email": "skolen(at)nordby.dk"}, {
        PlanKind.ACTION: [
            dict(id=1, topic="Krav", goal="g", actions="a", owner="Ida Berg",
                 deadline=date(2027, 1, 31), follow_up=None, status="I gang"),  # required
        ],
    }),
}


def write_department(path: Path, lang: str, about: dict[str, object],
                     plans: dict[PlanKind, list[dict[str, object]]]) -> Path:
    """A department workbook from the real template, filled like a manager would."""
    wb = build_workbook(lang, about=about, last_updated=date(2026, 11, 1))  # type: ignore[arg-type]
    for kind, rows in plans.items():
        ws = wb[PLANS[kind].title(lang)]
        keys = PLANS[kind].keys
        for r, values in enumerate(rows, start=2):
            for key, value in values.items():
                ws.cell(row=r, column=keys.index(key) + 1, value=value)
    wb.save(path)
    return path


def make_folder(folder: Path) -> Path:
    """The departments, one truncated workbook and an Excel lock file."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (lang, about, plans) in DEPARTMENTS.items():
        write_department(folder / name, lang, about, plans)
    good = (folder / "it.xlsx").read_bytes()
    (folder / "broken.xlsx").write_bytes(good[: len(good) // 2])
    (folder / "~$ekonomi.xlsx").write_bytes(b"\x00" * 165)
    return folder


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """A fresh folder of department workbooks (tests write outputs beside them)."""
    return make_folder(tmp_path / "plans")
