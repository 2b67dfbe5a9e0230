"""Texts of send-out and chase (``xltools new --departments``, ``xltools remind``) in da/sv/en.

Chase lists, e-mail drafts, the index and the send-out outcomes are worded here and nowhere
else; column labels the schema or the summary already declare are taken from there.
"""

from __future__ import annotations

from xltools.core import wording
from xltools.core.schema import Labels
from xltools.core.texts import summary
from xltools.core.wording import Plural

# --- send-out: one workbook per row of HR's department list ---------------------------------

ROW_PROBLEMS: dict[str, Labels] = {
    "no_department": Labels("no department name", "intet afdelingsnavn", "inget avdelningsnamn"),
    "unknown_language": Labels(
        "'{value}' is not a language xltools writes (da, sv or en)",
        "'{value}' er ikke et sprog, xltools skriver (da, sv eller en)",
        "'{value}' är inte ett språk som xltools skriver (da, sv eller en)"),
    "bad_email": Labels(
        "'{value}' is not a valid e-mail address",
        "'{value}' er ikke en gyldig e-mailadresse",
        "'{value}' är ingen giltig e-postadress"),
    "duplicate": Labels(
        "the same department as row {row}",
        "samme afdeling som række {row}",
        "samma avdelning som rad {row}"),
}
NOT_WRITTEN = Labels("not written", "ikke skrevet", "inte skriven")
ROW_OUTCOMES: dict[str, Labels] = {
    "written": Labels("written", "skrevet", "skriven"),
    "replaced": Labels("replaced (--force)", "erstattet (--force)", "ersatt (--force)"),
    "kept": Labels("kept: the file exists (--force replaces it)",
                   "bevaret: filen findes (--force erstatter den)",
                   "behållen: filen finns (--force ersätter den)"),
    "invalid": NOT_WRITTEN,
    "failed": NOT_WRITTEN,
}
ROW = Labels("row", "række", "rad")
UNUSED_COLUMN = Labels("column '{value}' is not used", "kolonnen '{value}' bruges ikke",
                       "kolumnen '{value}' används inte")
DUPLICATE_COLUMN = Labels(
    "column '{value}' is a second '{field}' column; only the first is used",
    "kolonnen '{value}' er endnu en '{field}'-kolonne; kun den første bruges",
    "kolumnen '{value}' är ytterligare en '{field}'-kolumn; bara den första används")
SEND_OUT_TOTAL = Plural(
    Labels("{n} row: {written} written, {kept} kept, {invalid} not written.",
           "{n} række: {written} skrevet, {kept} bevaret, {invalid} ikke skrevet.",
           "{n} rad: {written} skrivna, {kept} behållna, {invalid} inte skrivna."),
    Labels("{n} rows: {written} written, {kept} kept, {invalid} not written.",
           "{n} rækker: {written} skrevet, {kept} bevaret, {invalid} ikke skrevet.",
           "{n} rader: {written} skrivna, {kept} behållna, {invalid} inte skrivna."),
)

# --- remind: chase lists --------------------------------------------------------------------

CHASE_SHEET = Labels("Reminder", "Påmindelse", "Påminnelse")
CHASE_FILE_PREFIX = CHASE_SHEET  # "Påmindelse - Ekonomi.xlsx"
CHASE_TITLE = Labels("Reminder: {department}", "Påmindelse: {department}",
                     "Påminnelse: {department}")
AS_OF = Labels("As of {date}", "Pr. {date}", "Per {date}")
WORKBOOK = Labels("Workbook: {name}", "Projektmappe: {name}", "Arbetsbok: {name}")
KIND = Labels("Type", "Type", "Typ")
SHEET = summary.SHEET
WHEN = Labels("Late / left", "Over / tilbage", "Sen / kvar")
TO_DO = Labels("What to do", "Det skal gøres", "Att göra")
NO_OWNER = Labels("(no responsible person named)", "(ingen ansvarlig angivet)",
                  "(ingen ansvarig angiven)")
TODAY = Labels("today", "i dag", "i dag")

TODO_OVERDUE = Labels("Update the status, or agree a new deadline.",
                      "Opdatér status, eller aftal en ny deadline.",
                      "Uppdatera status eller kom överens om ett nytt datum.")
TODO_DUE_SOON = Labels("Check that it will be done in time.",
                       "Tjek, at det bliver færdigt til tiden.",
                       "Kontrollera att det blir klart i tid.")

# Counts: in the chase list's heading lines and the e-mail's bullet list.
OVERDUE_ITEMS = Plural(Labels("{n} item is overdue", "{n} punkt har overskredet deadline",
                              "{n} punkt är försenad"),
                       Labels("{n} items are overdue", "{n} punkter har overskredet deadline",
                              "{n} punkter är försenade"))
DUE_SOON_ITEMS = wording.DUE_SOON_ITEMS
DAYS = wording.DAYS
ERRORS_TO_FIX = Plural(
    Labels("{n} entry in the workbook needs correcting", "{n} fejl i projektmappen skal rettes",
           "{n} fel i arbetsboken behöver rättas"),
    Labels("{n} entries in the workbook need correcting", "{n} fejl i projektmappen skal rettes",
           "{n} fel i arbetsboken behöver rättas"))
# Short counts for a person's group heading and the subject line.
OVERDUE_SHORT = Plural(Labels("{n} overdue", "{n} overskredet", "{n} försenad"),
                       Labels("{n} overdue", "{n} overskredne", "{n} försenade"))
DUE_SOON_SHORT = Plural(Labels("{n} due soon", "{n} med snart deadline", "{n} snart klar"),
                        Labels("{n} due soon", "{n} med snart deadline", "{n} snart klara"))
ERRORS_SHORT = wording.ERRORS

# --- remind: the e-mail draft ---------------------------------------------------------------

SUBJECT = Labels("Action plans, {department}: {counts}", "Handleplaner, {department}: {counts}",
                 "Handlingsplaner, {department}: {counts}")
GREETING = Labels("Dear {name},", "Kære {name}", "Hej {name},")
GREETING_NO_NAME = Labels("Hello,", "Hej", "Hej,")
INTRO = Labels("We have been through the plans of {department} as of {date}:",
               "Vi har gennemgået planerne for {department} pr. {date}:",
               "Vi har gått igenom planerna för {department} per {date}:")
MOST_OVERDUE = Labels("The most overdue:", "De mest overskredne:", "De mest försenade:")
ITEM_LINE = Labels("{sheet}, ID {id}: {what} – deadline {deadline}, {late}",
                   "{sheet}, ID {id}: {what} – deadline {deadline}, {late}",
                   "{sheet}, ID {id}: {what} – klart senast {deadline}, {late}")
ITEM_LINE_NO_ID = Labels("{sheet}, row {row}: {what} – deadline {deadline}, {late}",
                         "{sheet}, række {row}: {what} – deadline {deadline}, {late}",
                         "{sheet}, rad {row}: {what} – klart senast {deadline}, {late}")
RESPONSIBLE = Labels(" (responsible: {owner})", " (ansvarlig: {owner})", " (ansvarig: {owner})")
ATTACHED = Labels(
    "The attached list shows every item, grouped by responsible person, and the cells to "
    "correct. Please update the workbook, or let us know if a deadline needs to move.",
    "Den vedhæftede liste viser alle punkterne, grupperet efter ansvarlig, og de celler, der "
    "skal rettes. Vil du opdatere projektmappen eller give besked, hvis en deadline skal "
    "flyttes?",
    "Den bifogade listan visar alla punkter, grupperade per ansvarig, och de celler som "
    "behöver rättas. Uppdatera gärna arbetsboken, eller hör av dig om ett datum behöver "
    "flyttas.")
THANKS = Labels("Thank you.", "På forhånd tak.", "Tack på förhand.")
SIGN_OFF = Labels("Kind regards", "Venlig hilsen", "Vänliga hälsningar")

# --- remind: the index ----------------------------------------------------------------------

INDEX_FILE = Labels("Reminders - index", "Påmindelser - oversigt", "Påminnelser - översikt")
INDEX_SHEET = Labels("Reminders", "Påmindelser", "Påminnelser")
SEND_TO = Labels("E-mail to", "Sendes til", "Skickas till")
MOST_DAYS_LATE = Labels("Most days late", "Flest dage over", "Flest dagar sen")
FILES = Labels("Chase list and e-mail draft", "Påmindelse og e-mailkladde",
               "Påminnelse och e-postutkast")
OUTCOME = summary.OUTCOME

ADDRESS_NOTES: dict[str, Labels] = {
    "missing": Labels("none in the About sheet: the draft has no recipient",
                      "ingen på arket Om planen: kladden har ingen modtager",
                      "ingen på bladet Om planen: utkastet har ingen mottagare"),
    "invalid": Labels("'{value}' is not a valid address: the draft has no recipient",
                      "'{value}' er ikke en gyldig adresse: kladden har ingen modtager",
                      "'{value}' är ingen giltig adress: utkastet har ingen mottagare"),
}
OUTCOMES: dict[str, Labels] = {
    "written": Labels("chase list and e-mail draft written", "påmindelse og e-mailkladde skrevet",
                      "påminnelse och e-postutkast skrivna"),
    "nothing": Labels("nothing to chase", "intet at følge op på", "inget att följa upp"),
    "not_written": Labels("not written: {reason}", "ikke skrevet: {reason}",
                          "inte skrivna: {reason}"),
    "failed": Labels("could not be read: {reason}", "kunne ikke læses: {reason}",
                     "kunde inte läsas: {reason}"),
}
STALE = Plural(
    Labels("{n} earlier file in {folder} is not from this run and was left as it is:",
           "{n} tidligere fil i {folder} er ikke fra denne kørsel og blev ladt urørt:",
           "{n} tidigare fil i {folder} är inte från den här körningen och lämnades orörd:"),
    Labels("{n} earlier files in {folder} are not from this run and were left as they are:",
           "{n} tidligere filer i {folder} er ikke fra denne kørsel og blev ladt urørt:",
           "{n} tidigare filer i {folder} är inte från den här körningen och lämnades orörda:"))
REMIND_TOTAL = Plural(
    Labels("{n} department read: {written} chase lists written, {nothing} with nothing to "
           "chase, {failed} not read or not written.",
           "{n} afdeling læst: {written} påmindelser skrevet, {nothing} uden noget at følge op "
           "på, {failed} ikke læst eller ikke skrevet.",
           "{n} avdelning läst: {written} påminnelser skrivna, {nothing} utan något att följa "
           "upp, {failed} inte lästa eller inte skrivna."),
    Labels("{n} departments read: {written} chase lists written, {nothing} with nothing to "
           "chase, {failed} not read or not written.",
           "{n} afdelinger læst: {written} påmindelser skrevet, {nothing} uden noget at følge "
           "op på, {failed} ikke læst eller ikke skrevet.",
           "{n} avdelningar lästa: {written} påminnelser skrivna, {nothing} utan något att "
           "följa upp, {failed} inte lästa eller inte skrivna."))
INDEX_WRITTEN = Labels("Index written to {path}", "Oversigten er skrevet til {path}",
                       "Översikten är skriven till {path}")
