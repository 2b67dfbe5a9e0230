"""Generate the example department workbooks in examples/departments/ (deterministic).

Run ``python examples/make_examples.py``; then try
``xltools rollup examples/departments --output org-summary.xlsx --as-of 2026-11-23``.
The files are written with the real template (xltools.io.template.build_workbook) and filled
the way managers fill them: in Danish, Swedish and English, with some overdue items and some
typical mistakes (a date that is no date, a group as owner, a status outside the list...).
Departments belong to areas (forvaltninger, förvaltningar): some name theirs on the About
sheet, the others lie in a folder named after it (the area when About names none).
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from xltools.core.schema import PLANS, PlanKind
from xltools.io.template import build_workbook

HERE = Path(__file__).resolve().parent / "departments"
FIXED_TIME = (2026, 11, 1, 0, 0, 0)  # zip entry time, so regenerated files are byte-identical

# (file, lang, department, About area, manager, last updated, action rows, activity rows,
# communication rows). Rows are written under the template's header, in schema column order,
# by column key. A file in a folder without an About area takes the folder's name as its area.
DEPARTMENTS = [
    ("hjemmeplejen-nord.xlsx", "da", "Hjemmeplejen Nord", "Social og Sundhed", "Mette Hansen",
     date(2026, 11, 2), [
        {"id": 1, "topic": "Krav", "problem": "For mange besøg pr. vagt", "goal":
         "Realistiske køreplaner", "actions": "Gennemgå køreplaner med teamet", "owner":
         "Mette Hansen", "start": date(2026, 9, 1), "deadline": date(2026, 10, 15),
         "follow_up": "Personalemøde", "status": "I gang", "priority": "Høj"},
        {"id": 2, "topic": "Samarbejde", "goal": "Bedre overlevering", "actions":
         "Fast overleveringsskema", "owner": "Jonas Berg", "deadline": date(2026, 12, 31),
         "follow_up": "Status på teammøde", "status": "Ikke startet"},
        {"id": 3, "topic": "Ledelse", "goal": "Synlig ledelse", "actions": "Ugentlig runde",
         "owner": "ledelsen", "deadline": "uge 50 2026", "follow_up": "MUS", "status": "Færdig"},
        {"id": 4, "topic": "Trivsel i arbejdet", "goal": "Færre sygedage", "actions":
         "Trivselsmåling hvert kvartal", "owner": "Mette Hansen", "deadline": "snart",
         "follow_up": "Sygefravær pr. måned", "status": "I gang"},
    ], [
        {"id": "A1", "action_id": 1, "activity": "Kortlæg besøg", "how": "Udtræk fra planlægning",
         "owner": "Jonas Berg", "deadline": date(2026, 10, 1), "follow_up": "Teammøde",
         "status": "Gennemført"},
        {"id": "A2", "action_id": 1, "activity": "Ny køreplan", "how": "Workshop",
         "owner": "Mette Hansen", "deadline": date(2026, 11, 10), "follow_up": "Teammøde",
         "status": "I gang"},
        {"id": "A3", "action_id": 9, "activity": "Skema til overlevering", "how": "Pilot i to uger",
         "owner": "Jonas Berg", "deadline": date(2026, 12, 1), "follow_up": "Evaluering",
         "status": "Ikke startet"},
    ], [
        {"id": "K1", "audience": "Alle medarbejdere", "involvement": "Holdes informeret",
         "purpose": "Kendskab til planen", "message": "Sådan arbejder vi med køreplaner",
         "channel": "Personalemøde", "owner": "Mette Hansen", "when": date(2026, 10, 20),
         "status": "Gennemført"},
        {"id": "K2", "audience": "MED-udvalget", "involvement": "Høres", "purpose": "Høring",
         "message": "Udkast til ny plan er klar", "channel": "Møde", "owner": "Mette Hansen",
         "when": date(2026, 11, 30), "status": "Ikke startet"},
    ]),
    ("it-support.xlsx", "en", "IT Support", "Kommunstyrelseförvaltningen", "Sam Carter",
     date(2026, 10, 28), [
        {"id": 1, "topic": "Demands", "goal": "Fewer after-hours calls", "actions":
         "On-call rota", "owner": "Sam Carter", "deadline": date(2026, 9, 30),
         "follow_up": "Monthly review", "status": "In progress"},
        {"id": 2, "topic": "Management", "goal": "Regular 1:1s", "actions": "Book 1:1s",
         "owner": "Sam Carter", "deadline": date(2026, 11, 30), "follow_up": "Survey",
         "status": "Completed"},
        {"id": 3, "topic": "Change", "goal": "Smooth ticket-system migration", "actions":
         "Training sessions", "owner": "everyone", "deadline": date(2027, 2, 28),
         "follow_up": "Feedback form", "status": "Not started"},
    ], [
        {"id": 1, "action_id": 1, "activity": "Draft rota", "how": "Team workshop",
         "owner": "Priya Shah", "deadline": date(2026, 10, 10), "follow_up": "Stand-up",
         "status": "Done"},
        {"id": 2, "action_id": 3, "activity": "Book trainers", "how": "Vendor call",
         "owner": "Priya Shah", "start": date(2026, 12, 1), "deadline": date(2026, 11, 20),
         "follow_up": "Check", "status": "Not started"},
    ], [
        {"id": 1, "audience": "All staff", "involvement": "Kept informed", "purpose":
         "Explain the rota", "message": "New on-call rules from January", "channel": "E-mail",
         "owner": "Sam Carter", "when": date(2026, 11, 5), "status": "Not started"},
    ]),
    ("ekonomiavdelningen.xlsx", "sv", "Ekonomiavdelningen", "Kommunstyrelseförvaltningen",
     "Karin Lund", date(2026, 11, 15), [
        {"id": 1, "topic": "Arbetsbelastning och krav", "goal": "Jämnare arbetsbelastning",
         "actions": "Fördela bokslutsarbetet", "owner": "Karin Lund",
         "deadline": date(2026, 12, 15), "follow_up": "Avstämning varje månad",
         "status": "Pågår"},
        {"id": 2, "topic": "Återhämtning", "goal": "Inga mejl efter 18", "actions":
         "Överenskommelse i gruppen", "owner": "alla", "deadline": date(2026, 8, 31),
         "follow_up": "APT", "status": "Pågår"},
        {"id": 2, "topic": "Socialt stöd", "goal": "Fadder för nyanställda", "actions":
         "Utse faddrar", "owner": "Erik Ström", "deadline": date(2026, 10, 1),
         "follow_up": "Enkät", "status": "Klar"},
    ], [
        {"id": 1, "action_id": 1, "activity": "Kartlägg bokslut", "how": "Intervjuer",
         "owner": "Erik Ström", "deadline": date(2026, 11, 30), "follow_up": "APT",
         "status": "Pågår"},
    ], [
        {"id": 1, "audience": "Ledningsgruppen", "involvement": "Konsulteras", "purpose":
         "Förankra", "message": "Bokslut 2026: nya rutiner", "channel": "Möte", "owner": "Karin Lund",
         "when": date(2026, 11, 1), "status": "Klar"},
        {"id": 2, "audience": "Alla medarbetare", "involvement": "Hålls informerad", "purpose":
         "Informera", "message": "-Nya rutiner", "channel": "Intranät", "owner": "Karin Lund",
         "when": date(2026, 12, 5), "status": "Ej påbörjad"},
    ]),
    ("skolen-vest.xlsx", "da", "Skolen Vest", "Børn og Unge", "Lars Nielsen", date(2026, 9, 1), [
        {"id": 1, "topic": "Negativ adfærd", "goal": "Nul tolerance over for chikane",
         "actions": "Fælles retningslinje", "owner": "Lars Nielsen",
         "deadline": date(2026, 6, 30), "follow_up": "Trivselsmåling", "status": "Udskudt"},
        {"id": 2, "topic": "Arbejdets organisering", "goal": "Færre afbrydelser", "actions":
         "Faste forberedelsestider", "owner": "Anne Holm", "deadline": date(2026, 11, 27),
         "follow_up": "Teammøde", "status": "I gang"},
    ], [], []),
    ("Social og Sundhed/plejecenter-solhaven.xlsx", "da", "Plejecenter Solhaven", None,
     "Birgitte Møller", date(2026, 11, 18), [
        {"id": 1, "topic": "Krav", "problem": "Travlt om morgenen", "goal":
         "Ro på morgenvagten", "actions": "Flyt opgaver fra morgen til formiddag", "owner":
         "Birgitte Møller", "deadline": date(2026, 10, 31), "follow_up": "Personalemøde",
         "status": "Gennemført"},
        {"id": 2, "topic": "Negativ adfærd", "goal": "Ingen krænkelser fra pårørende",
         "actions": "Fælles retningslinje for pårørendekontakt", "owner": "Birgitte Møller",
         "deadline": date(2026, 11, 15), "follow_up": "MED-møde", "status": "I gang"},
        {"id": 3, "topic": "Samarbejde", "goal": "Bedre overlap mellem vagter", "actions":
         "Overlap på 15 minutter", "owner": "Peter Juhl", "deadline": date(2027, 1, 31),
         "follow_up": "Evaluering efter tre måneder", "status": "Ikke startet"},
    ], [
        {"id": "A1", "action_id": 2, "activity": "Udkast til retningslinje", "how":
         "Arbejdsgruppe", "owner": "Peter Juhl", "deadline": date(2026, 10, 20),
         "follow_up": "MED-møde", "status": "Gennemført"},
    ], [
        {"id": "K1", "audience": "Pårørende", "involvement": "Holdes informeret", "purpose":
         "Kendskab til retningslinjen", "message": "Sådan taler vi sammen", "channel":
         "Nyhedsbrev", "owner": "Birgitte Møller", "when": date(2026, 12, 10),
         "status": "Ikke startet"},
    ]),
    ("Social og Sundhed/sundhedsplejen.xlsx", "da", "Sundhedsplejen", None, "Hanne Kjær",
     date(2026, 11, 20), [
        {"id": 1, "topic": "Arbejdets organisering", "goal": "Færre aflyste besøg", "actions":
         "Fælles kalender for hele teamet", "owner": "Hanne Kjær", "deadline":
         date(2026, 9, 30), "follow_up": "Teammøde", "status": "Gennemført"},
        {"id": 2, "topic": "Trivsel i arbejdet", "goal": "Tid til faglig sparring", "actions":
         "Sparring hver anden uge", "owner": "Hanne Kjær", "deadline": date(2026, 12, 31),
         "follow_up": "Trivselsmåling", "status": "I gang"},
    ], [], []),
    ("Børn og Unge/dagtilbud-oest.xlsx", "da", "Dagtilbud Øst", None, "Susanne Bach",
     date(2026, 8, 14), [
        {"id": 1, "topic": "Krav", "goal": "Færre alenetimer", "actions":
         "Ny vagtplan med to voksne åbent og lukket", "owner": "Susanne Bach",
         "deadline": date(2026, 8, 1), "follow_up": "Personalemøde", "status": "I gang"},
        {"id": 2, "topic": "Ledelse", "goal": "Tydelige forventninger", "actions":
         "Forventningssamtaler med alle", "owner": "Susanne Bach",
         "deadline": date(2026, 9, 15), "follow_up": "MUS", "status": "Ikke startet"},
        {"id": 3, "topic": "Samarbejde", "goal": "Bedre samarbejde med forældre",
         "actions": "Forældremøde om trivsel", "owner": "Kasper Lind",
         "deadline": date(2026, 10, 1), "follow_up": "Evaluering", "status": "Udskudt"},
    ], [
        {"id": "A1", "action_id": 1, "activity": "Kortlæg alenetimer", "how":
         "Optælling i fire uger", "owner": "Kasper Lind", "deadline": date(2026, 6, 30),
         "follow_up": "Personalemøde", "status": "Gennemført"},
    ], []),
    ("Teknik og Miljø/vej-og-park.xlsx", "da", "Vej og Park", None, "Jens Vestergaard",
     date(2026, 6, 12), [
        {"id": 1, "topic": "Krav", "goal":
         "Færre tunge løft", "actions": "Indkøb af løfteudstyr", "owner": "Jens Vestergaard",
         "deadline": date(2026, 5, 31), "follow_up": "Arbejdsmiljøgruppen",
         "status": "I gang"},
        {"id": 2, "topic": "Samarbejde", "goal": "Bedre overlevering mellem hold",
         "actions": "Fælles morgenmøde", "owner": "Jens Vestergaard",
         "deadline": date(2026, 7, 1), "follow_up": "Teammøde", "status": "Ikke startet"},
    ], [], [
        {"id": "K1", "audience": "Alle medarbejdere", "involvement": "Høres", "purpose":
         "Input til indkøb", "message": "Hvilket udstyr mangler vi?", "channel": "Møde",
         "owner": "Jens Vestergaard", "when": date(2026, 5, 15), "status": "Gennemført"},
    ]),
    ("Socialförvaltningen/individ-och-familjeomsorg.xlsx", "sv",
     "Individ- och familjeomsorgen", None, "Anna Sjöberg", date(2026, 11, 9), [
        {"id": 1, "topic": "Arbetsbelastning och krav", "goal": "Rimligt antal ärenden",
         "actions": "Tak för antal ärenden per handläggare", "owner": "Anna Sjöberg",
         "deadline": date(2026, 9, 30), "follow_up": "APT", "status": "Pågår"},
        {"id": 2, "topic": "Återhämtning", "goal": "Paus varje dag", "actions":
         "Gemensam fikapaus", "owner": "Anna Sjöberg", "deadline": date(2026, 10, 15),
         "follow_up": "Enkät", "status": "Klar"},
        {"id": 3, "topic": "Socialt stöd", "goal": "Stöd efter svåra samtal", "actions":
         "Kollegialt samtal efter hot", "owner": "Johan Ek", "deadline": date(2026, 11, 1),
         "follow_up": "Skyddsrond", "status": "Ej påbörjad"},
    ], [
        {"id": 1, "action_id": 1, "activity": "Räkna ärenden per handläggare", "how":
         "Uttag ur verksamhetssystemet", "owner": "Johan Ek", "deadline": date(2026, 9, 1),
         "follow_up": "APT", "status": "Klar"},
    ], [
        {"id": 1, "audience": "Alla medarbetare", "involvement": "Aktivt involverad",
         "purpose": "Delaktighet", "message": "Så fördelar vi ärenden", "channel": "Möte",
         "owner": "Anna Sjöberg", "when": date(2026, 12, 1), "status": "Ej påbörjad"},
    ]),
]


def _fill(ws: object, kind: PlanKind, rows: list[dict[str, object]]) -> None:
    keys = PLANS[kind].keys
    for r, values in enumerate(rows, start=2):
        for c, key in enumerate(keys, start=1):
            if key in values:
                cell = ws.cell(row=r, column=c, value=values[key])  # type: ignore[attr-defined]
                if isinstance(values[key], str) and values[key].startswith("="):
                    cell.data_type = "s"  # typed text, as Excel stores "'=..." - not a formula


def _normalise_zip(path: Path) -> None:
    # openpyxl stamps the current time into the zip and docProps; fix both for stable bytes.
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                import re

                data = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<",
                              rb"<dcterms:\1\2>2026-11-01T00:00:00Z<", data)
            target.writestr(zipfile.ZipInfo(name, FIXED_TIME), data,
                            compress_type=zipfile.ZIP_DEFLATED)


def make_examples(folder: Path = HERE) -> list[Path]:
    """Write the example department workbooks.

    Args:
        folder: where to write them.

    Returns:
        The files written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, lang, department, area, manager, updated, actions, activities, messages \
            in DEPARTMENTS:
        wb = build_workbook(lang, department=department, organisation="Nordby Kommune",  # type: ignore[arg-type]
                            manager=manager, last_updated=updated, area=area)
        for kind, rows in ((PlanKind.ACTION, actions), (PlanKind.ACTIVITY, activities),
                           (PlanKind.COMMUNICATION, messages)):
            _fill(wb[PLANS[kind].title(lang)], kind, rows)
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
        _normalise_zip(path)
        written.append(path)
    # A file a manager left open in Excel: the lock file is skipped by the roll-up.
    (folder / "~$it-support.xlsx").write_bytes(b"\x00" * 162)
    return written


if __name__ == "__main__":
    for path in make_examples():
        print(f"Wrote {path}")
