"""Labels of the organisation summary workbook (sheet titles, output-only headers, outcomes)."""

from __future__ import annotations

from xltools.core import schema
from xltools.core.schema import ABOUT, ISSUES_TITLES, PLANS, Labels, PlanKind
from xltools.core.texts import marks
from xltools.core.wording import Plural


def _about(key: str) -> Labels:
    """An About field's label, as the About sheet says it."""
    return next(f.labels for f in ABOUT.fields if f.key == key)



# Sheet titles of the summary (short enough for Excel's 31-character limit).
READ_FIRST_TITLE = Labels("Read first", "Læs først", "Läs först")
OVERVIEW_TITLE = Labels("Overview", "Oversigt", "Översikt")
CHARTS_TITLE = Labels("Charts", "Diagrammer", "Diagram")
ROWS_TITLES = {
    "action": Labels("Actions", "Handleplaner", "Handlingsplaner"),
    "activity": Labels("Activities", "Aktiviteter", "Aktiviteter"),
    "communication": Labels("Communication", "Kommunikation", "Kommunikation"),
}
OVERDUE_TITLE = Labels("Overdue", "Overskredne", "Försenade")
BY_TOPIC_TITLE = Labels("By topic", "Pr. emne", "Per område")
ISSUES_TITLE = ISSUES_TITLES
FILES_TITLE = Labels("Files", "Filer", "Filer")

# Headers that exist only in the summary; plan columns come from the schema.
DEPARTMENT = _about("department")
SOURCE_FILE = Labels("Source file", "Kildefil", "Källfil")
SOURCE_ROW = Labels("Source row", "Kilderække", "Källrad")
# Wrapped in narrow columns, so no word is longer than a column can show ("Punkter i
# kommunikation", not "Kommunikationspunkter").
ITEMS_PER_PLAN = {
    "action": Labels("Action plan items", "Punkter i handleplan", "Punkter i handlingsplan"),
    "activity": ROWS_TITLES["activity"],
    "communication": Labels("Communication items", "Punkter i kommunikation",
                            "Punkter i kommunikation"),
}
AREA = _about("area")
AREA_DEPARTMENT = Labels("Area / department", "Område / afdeling",
                         "Verksamhetsområde / avdelning")
NO_AREA = Labels("(no area)", "(intet område)", "(inget verksamhetsområde)")
PERCENT_OVERDUE = Labels("% overdue", "% overskredet", "% försenade")
NOT_READ = Labels("not read", "ikke læst", "inte läst")
NO_STATUS = Labels("No valid status", "Ingen gyldig status", "Ingen giltig status")
OVERDUE = Labels("Overdue", "Overskredet", "Försenad")
DUE_SOON = Labels("Due soon", "Snart deadline", "Snart slutdatum")
PERCENT_DONE = Labels("% done", "% gennemført", "% klart")
ERRORS = Labels("Errors", "Fejl", "Fel")
WARNINGS = Labels("Warnings", "Advarsler", "Varningar")
LAST_UPDATED = _about("last_updated")
FILE_COUNT = FILES_TITLE
ORGANISATION_TOTAL = Labels("Organisation total", "Hele organisationen", "Hela organisationen")
CHART_TITLE = Labels("Status per department", "Status pr. afdeling", "Status per avdelning")
CHART_AREAS_TITLE = Labels("Status per area", "Status pr. område", "Status per verksamhetsområde")
CHART_PART = Labels("{first}–{last} of {count}", "{first}–{last} af {count}",
                    "{first}–{last} av {count}")
CHART_DATA = Labels("Chart data", "Diagramdata", "Diagramdata")
CONTINUED = Labels(
    "{sheet} holds more rows than one Excel sheet can; the list continues on {more}.",
    "{sheet} har flere rækker, end et Excel-ark kan rumme; listen fortsætter på {more}.",
    "{sheet} har fler rader än ett Excel-blad rymmer; listan fortsätter på {more}.",
)

PLAN = Labels("Plan", "Plan", "Plan")
WHAT = Labels("What", "Hvad", "Vad")
DEADLINE = PLANS[PlanKind.ACTION].column("deadline").labels
DAYS_LATE = Labels("Days late", "Dage over", "Dagar sen")
STATUS = schema.STATUS

TOPIC = PLANS[PlanKind.ACTION].column("topic").labels
DEPARTMENTS = Labels("Departments", "Afdelinger", "Avdelningar")
ITEMS = Labels("Items", "Punkter", "Punkter")
NO_TOPIC = Labels("(no topic)", "(intet emne)", "(inget område)")

SHEET = Labels("Sheet", "Ark", "Blad")
CELL, SEVERITY, CODE, MESSAGE, VALUE = marks.ISSUES_HEADERS  # as a marked copy's Issues sheet

OUTCOME = Labels("Outcome", "Resultat", "Resultat")
REASON = Labels("Reason", "Årsag", "Orsak")
LANGUAGE = _about("language")
TEMPLATE_VERSION = _about("template_version")
ROWS_READ = Labels("Rows read", "Rækker læst", "Rader lästa")

# File outcomes (codes are stable; the JSON output uses them).
OUTCOMES = {
    "read": Labels("Read", "Læst", "Läst"),
    "problems": Labels("Read with problems", "Læst med problemer", "Läst med problem"),
    "failed": Labels("Failed", "Fejlede", "Misslyckades"),
    "skipped": Labels("Skipped", "Sprunget over", "Överhoppad"),
}
NO_PLAN_SHEETS = Labels(
    "no action, activity or communication plan sheet was found",
    "der blev ikke fundet noget handleplan-, aktivitetsplan- eller kommunikationsplan-ark",
    "inget handlingsplans-, aktivitetsplans- eller kommunikationsplansblad hittades",
)
ERRORS_FOUND = Plural(
    Labels("{n} error found by validation", "{n} fejl fundet ved kontrollen",
           "{n} fel hittades vid kontrollen"),
    Labels("{n} errors found by validation", "{n} fejl fundet ved kontrollen",
           "{n} fel hittades vid kontrollen"))
UNWRITABLE_VALUE = Labels("(value could not be written)", "(værdien kunne ikke skrives)",
                          "(värdet kunde inte skrivas)")

# The "Read first" sheet: what each sheet is for and what the colours mean.
GUIDE_TITLE = Labels("How to read this summary", "Sådan læser du oversigten",
                     "Så läser du sammanställningen")
AS_OF = Labels("As of", "Opgjort pr.", "Gäller per")
SETTINGS = Labels("Settings", "Indstillinger", "Inställningar")
NO_SETTINGS = Labels("none (defaults)", "ingen (standard)", "inga (standard)")
MADE_WITH = Labels("Made with", "Lavet med", "Skapad med")
INPUT_FILES = Labels("Input files", "Indlæste filer", "Inlästa filer")
FILES_SUMMARY = Labels(
    "{read} read ({problems} with validation errors), {failed} could not be read, "
    "{skipped} skipped",
    "{read} læst ({problems} med fejl ved kontrollen), {failed} kunne ikke læses, "
    "{skipped} sprunget over",
    "{read} lästa ({problems} med fel vid kontrollen), {failed} kunde inte läsas, "
    "{skipped} överhoppade",
)
SHEETS = Labels("Sheets", "Ark", "Blad")
COLOURS = Labels("Colours", "Farver", "Färger")
GUIDE_SHEETS = {
    "overview": Labels(
        "One line per department with its figures; grouped by area when the plans or folders "
        "name one (a subtotal line per area), the organisation total at the bottom. Within an "
        "area the department with the most overdue items comes first.",
        "Én linje pr. afdeling med dens tal; grupperet efter område, når planerne eller "
        "mapperne angiver et (en subtotal pr. område), hele organisationen nederst. Inden for "
        "et område står afdelingen med flest overskredne punkter først.",
        "En rad per avdelning med dess siffror; grupperad efter verksamhetsområde när planerna "
        "eller mapparna anger ett (en delsumma per område), hela organisationen längst ned. "
        "Inom ett område kommer avdelningen med flest försenade punkter först.",
    ),
    "progress": Labels(
        "What moved since the roll-up before this one (from the history beside the summary): "
        "per department the items completed, new, removed, newly and still overdue and the "
        "deadlines that slipped; then the organisation over time.",
        "Hvad der er sket siden forrige opsamling (fra historikken ved siden af oversigten): "
        "pr. afdeling de punkter, der er gennemført, nye, fjernet, nyligt og stadig "
        "overskredne, og de deadlines, der er skredet; derefter organisationen over tid.",
        "Vad som har hänt sedan förra sammanställningen (från historiken bredvid "
        "sammanställningen): per avdelning de punkter som blivit klara, nya, borttagna, nyss "
        "och fortfarande försenade och de slutdatum som förskjutits; sedan organisationen "
        "över tid.",
    ),
    "charts": Labels(
        "The items' status as stacked bars: per department, or per area when there are more "
        "departments than one chart shows legibly.",
        "Punkternes status som stablede søjler: pr. afdeling, eller pr. område, når der er "
        "flere afdelinger, end ét diagram kan vise læseligt.",
        "Punkternas status som staplade staplar: per avdelning, eller per verksamhetsområde "
        "när avdelningarna är fler än ett diagram kan visa läsligt.",
    ),
    "overdue": Labels(
        "Every item past its deadline and neither done nor cancelled, oldest first: days late, "
        "department, area, who is responsible and what the item is. The list to follow up from.",
        "Alle punkter, hvis deadline er overskredet, og som hverken er gennemført eller aflyst, "
        "ældste først: dage over, afdeling, område, ansvarlig og hvad punktet går ud på. "
        "Listen at følge op ud fra.",
        "Alla punkter vars slutdatum har passerat och som varken är klara eller avbrutna, "
        "äldsta först: dagar sen, avdelning, verksamhetsområde, ansvarig och vad punkten gäller. "
        "Listan att följa upp utifrån.",
    ),
    "by_topic": Labels(
        "The action plans' topics across departments, by status.",
        "Handleplanernes emner på tværs af afdelinger, fordelt på status.",
        "Handlingsplanernas områden över alla avdelningar, per status.",
    ),
    "rows": Labels(
        "Every row of every department's plan of this kind, with the department, the file and "
        "the row it came from.",
        "Alle rækker fra alle afdelingers planer af denne slags, med afdeling, fil og den "
        "række, de kommer fra.",
        "Alla rader från alla avdelningars planer av detta slag, med avdelning, fil och den "
        "rad de kommer från.",
    ),
    "issues": Labels(
        "Everything the validation found in each file, with sheet and cell: what to correct.",
        "Alt, hvad kontrollen fandt i hver fil, med ark og celle: hvad der skal rettes.",
        "Allt som kontrollen hittade i varje fil, med blad och cell: vad som ska rättas.",
    ),
    "files": Labels(
        "Every input file and what became of it: read, read with problems, could not be read "
        "(and why) or skipped.",
        "Alle filer, der blev læst ind, og hvad der skete med dem: læst, læst med problemer, "
        "kunne ikke læses (og hvorfor) eller sprunget over.",
        "Alla filer som lästes in och vad som hände med dem: lästa, lästa med problem, kunde "
        "inte läsas (och varför) eller överhoppade.",
    ),
}
GUIDE_STATUSES = Labels(
    "The same colour marks a status in the lists and in the charts.",
    "Samme farve markerer en status i listerne og i diagrammerne.",
    "Samma färg markerar en status i listorna och i diagrammen.",
)
GUIDE_PERCENT_DONE = Labels(
    "Green bar: the share of the items that are done (cancelled items do not count).",
    "Grøn bjælke: andelen af punkterne, der er gennemført (aflyste punkter tæller ikke med).",
    "Grön stapel: andelen av punkterna som är klara (avbrutna punkter räknas inte).",
)
GUIDE_PERCENT_OVERDUE = Labels(
    "White to red: the share of the items past their deadline; full red at 50 % or more.",
    "Hvid til rød: andelen af punkterne, hvis deadline er overskredet; helt rød ved 50 % "
    "eller mere.",
    "Vit till röd: andelen av punkterna vars slutdatum har passerat; helt röd vid 50 % "
    "eller mer.",
)
GUIDE_RED_FIGURES = Labels(
    "Red figures: overdue items, and errors to correct in a plan.",
    "Røde tal: overskredne punkter og fejl, der skal rettes i en plan.",
    "Röda siffror: försenade punkter och fel som ska rättas i en plan.",
)
GUIDE_DAYS_LATE = Labels(
    "Days late: dark red 90 days or more, orange 30–89 days, light 1–29 days.",
    "Dage over: mørkerød 90 dage eller mere, orange 30–89 dage, lys 1–29 dage.",
    "Dagar sen: mörkröd 90 dagar eller mer, orange 30–89 dagar, ljus 1–29 dagar.",
)
GUIDE_STALE = Labels(
    "Yellow: the plan was last updated more than {days} days before the as-of date.",
    "Gul: planen blev sidst opdateret mere end {days} dage før opgørelsesdatoen.",
    "Gul: planen uppdaterades senast mer än {days} dagar före datumet den gäller per.",
)
GUIDE_FAILED = Labels(
    "Red line: the file could not be read; the sheet {files} says why.",
    "Rød linje: filen kunne ikke læses; arket {files} siger hvorfor.",
    "Röd rad: filen kunde inte läsas; bladet {files} säger varför.",
)

# --- the Progress sheet: what moved since the earlier roll-up (history) ----------------------
PROGRESS_TITLE = Labels("Progress", "Fremdrift", "Framsteg")
PROGRESS_SINCE = Labels(
    "What moved between the roll-up of {previous} and this one of {now}",
    "Hvad der er sket mellem opsamlingen {previous} og denne {now}",
    "Vad som har hänt mellan sammanställningen {previous} och denna {now}")
PROGRESS_FIRST = Labels(
    "No earlier roll-up is recorded in the history ({history}); the next roll-up will show "
    "what moved since this one.",
    "Historikken ({history}) har ingen tidligere opsamling; næste opsamling viser, hvad der er "
    "sket siden denne.",
    "Historiken ({history}) har ingen tidigare sammanställning; nästa sammanställning visar vad "
    "som har hänt sedan denna.")
PROGRESS_OFF = Labels(
    "No history is kept for this roll-up (--no-history), so there is nothing to compare.",
    "Der føres ingen historik for denne opsamling (--no-history), så der er intet at sammenligne.",
    "Ingen historik förs för denna sammanställning (--no-history), så det finns inget att "
    "jämföra.")
PROGRESS_BROKEN = Labels(
    "The history could not be used: {problem}",
    "Historikken kunne ikke bruges: {problem}",
    "Historiken kunde inte användas: {problem}")
ITEMS_NOW = Labels("Items now", "Punkter nu", "Punkter nu")
COMPLETED = Labels("Completed since", "Gennemført siden", "Klara sedan")
NEW_ITEMS = Labels("New", "Nye", "Nya")
REMOVED = Labels("Removed", "Fjernet", "Borttagna")
NEWLY_OVERDUE = Labels("Newly overdue", "Nyligt overskredne", "Nyss försenade")
STILL_OVERDUE = Labels("Still overdue", "Stadig overskredne", "Fortfarande försenade")
SLIPPED = Labels("Slipped", "Skredet", "Förskjutna")
DAYS_SLIPPED = Labels("Days slipped", "Dage skredet", "Dagar förskjutna")
WITHOUT_ID = Labels("Without ID (not compared)", "Uden ID (ikke sammenlignet)",
                    "Utan ID (inte jämförda)")
MOVED_HEADING = Labels("Deadlines that slipped and items still overdue",
                       "Deadlines, der er skredet, og punkter, der stadig er overskredne",
                       "Slutdatum som har förskjutits och punkter som fortfarande är försenade")
MOVED_KINDS = {
    "slipped": Labels("Slipped", "Skredet", "Förskjuten"),
    "still_overdue": Labels("Still overdue", "Stadig overskredet", "Fortfarande försenad"),
}
DEADLINE_THEN = Labels("Deadline then", "Deadline før", "Slutdatum då")
DEADLINE_NOW = Labels("Deadline now", "Deadline nu", "Slutdatum nu")
DAYS = Labels("Days", "Dage", "Dagar")
TREND_HEADING = Labels("The organisation over time", "Organisationen over tid",
                       "Organisationen över tid")
TREND_CHART = Labels("% done and % overdue per roll-up", "% gennemført og % overskredet pr. "
                     "opsamling", "% klart och % försenade per sammanställning")
