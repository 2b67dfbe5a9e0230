"""Labels of the organisation summary workbook (sheet titles, output-only headers, outcomes)."""

from __future__ import annotations

from xltools.core.schema import ISSUES_TITLES, Labels

# Sheet titles of the summary (short enough for Excel's 31-character limit).
OVERVIEW_TITLE = Labels("Overview", "Oversigt", "Översikt")
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
DEPARTMENT = Labels("Department", "Afdeling", "Avdelning")
SOURCE_FILE = Labels("Source file", "Kildefil", "Källfil")
SOURCE_ROW = Labels("Source row", "Kilderække", "Källrad")
ITEMS_PER_PLAN = {
    "action": Labels("Action plan items", "Punkter i handleplan", "Punkter i handlingsplan"),
    "activity": Labels("Activities", "Aktiviteter", "Aktiviteter"),
    "communication": Labels("Communication items", "Kommunikationspunkter",
                            "Kommunikationspunkter"),
}
NO_STATUS = Labels("No valid status", "Ingen gyldig status", "Ingen giltig status")
OVERDUE = Labels("Overdue", "Overskredet", "Försenad")
DUE_SOON = Labels("Due soon", "Snart deadline", "Snart slutdatum")
PERCENT_DONE = Labels("% done", "% gennemført", "% klart")
ERRORS = Labels("Errors", "Fejl", "Fel")
WARNINGS = Labels("Warnings", "Advarsler", "Varningar")
LAST_UPDATED = Labels("Last updated", "Sidst opdateret", "Senast uppdaterad")
FILE_COUNT = Labels("Files", "Filer", "Filer")
ORGANISATION_TOTAL = Labels("Organisation total", "Hele organisationen", "Hela organisationen")
CHART_TITLE = Labels("Status per department", "Status pr. afdeling", "Status per avdelning")

PLAN = Labels("Plan", "Plan", "Plan")
WHAT = Labels("What", "Hvad", "Vad")
DEADLINE = Labels("Deadline", "Deadline", "Klart senast")
DAYS_LATE = Labels("Days late", "Dage over", "Dagar sen")
STATUS = Labels("Status", "Status", "Status")

TOPIC = Labels("Topic", "Emne", "Område")
DEPARTMENTS = Labels("Departments", "Afdelinger", "Avdelningar")
ITEMS = Labels("Items", "Punkter", "Punkter")
NO_TOPIC = Labels("(no topic)", "(intet emne)", "(inget område)")

SHEET = Labels("Sheet", "Ark", "Blad")
CELL = Labels("Cell", "Celle", "Cell")
SEVERITY = Labels("Severity", "Alvor", "Allvarlighet")
CODE = Labels("Code", "Kode", "Kod")
MESSAGE = Labels("Message", "Besked", "Meddelande")
VALUE = Labels("Value", "Værdi", "Värde")

OUTCOME = Labels("Outcome", "Resultat", "Resultat")
REASON = Labels("Reason", "Årsag", "Orsak")
LANGUAGE = Labels("Language", "Sprog", "Språk")
TEMPLATE_VERSION = Labels("Template version", "Skabelonversion", "Mallversion")
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
ERRORS_FOUND = Labels("{errors} errors found by validation", "{errors} fejl fundet ved kontrol",
                      "{errors} fel hittades vid kontrollen")
UNWRITABLE_VALUE = Labels("(value could not be written)", "(værdien kunne ikke skrives)",
                          "(värdet kunde inte skrivas)")
