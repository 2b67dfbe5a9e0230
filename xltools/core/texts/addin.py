"""Every message the ribbon's buttons show, in Danish, Swedish and English: one home.

Counted phrases are ``Plural`` (so "1 error", never "1 errors"); whole messages are
``Labels`` with ``{placeholders}``. The ribbon's own labels and tips live with the controls
in ``xltools.addin.buttons``; the dialogs' titles are here, because the user reads them as
part of what a button says.
"""

from __future__ import annotations

from xltools.core import wording
from xltools.core.schema import Labels
from xltools.core.wording import Plural

# --- counted phrases ---------------------------------------------------------------------------

ERRORS = wording.ERRORS
WARNINGS = Plural(Labels("{n} warning", "{n} advarsel", "{n} varning"),
                  Labels("{n} warnings", "{n} advarsler", "{n} varningar"))
NOTES = Plural(Labels("{n} note", "{n} bemærkning", "{n} anmärkning"),
               Labels("{n} notes", "{n} bemærkninger", "{n} anmärkningar"))
ROWS = Plural(Labels("{n} row", "{n} række", "{n} rad"),
              Labels("{n} rows", "{n} rækker", "{n} rader"))
CELLS = Plural(Labels("{n} cell", "{n} celle", "{n} cell"),
               Labels("{n} cells", "{n} celler", "{n} celler"))
DAYS = wording.DAYS
OVERDUE_ITEMS = Plural(Labels("{n} item is overdue", "{n} punkt er overskredet",
                              "{n} punkt är försenad"),
                       Labels("{n} items are overdue", "{n} punkter er overskredet",
                              "{n} punkter är försenade"))
DUE_SOON_ITEMS = wording.DUE_SOON_ITEMS
WORKBOOKS = Plural(Labels("{n} workbook", "{n} projektmappe", "{n} arbetsbok"),
                   Labels("{n} workbooks", "{n} projektmapper", "{n} arbetsböcker"))
DEPARTMENTS = Plural(Labels("{n} department", "{n} afdeling", "{n} avdelning"),
                     Labels("{n} departments", "{n} afdelinger", "{n} avdelningar"))
MARKS = Plural(Labels("{n} mark", "{n} markering", "{n} markering"),
               Labels("{n} marks", "{n} markeringer", "{n} markeringar"))

# --- what a button says when it is done ------------------------------------------------------

VALIDATED = Labels(
    "{errors}, {warnings} and {notes} in {rows}; {cells} marked. See the sheet '{sheet}'.",
    "{errors}, {warnings} og {notes} i {rows}; {cells} markeret. Se arket '{sheet}'.",
    "{errors}, {warnings} och {notes} i {rows}; {cells} markerade. Se bladet '{sheet}'.",
)
VALIDATED_CLEAN = Labels(
    "No problems found in {rows}.",
    "Ingen problemer fundet i {rows}.",
    "Inga problem hittades i {rows}.",
)
OVERDUE = Labels("{overdue} and {soon}.", "{overdue} og {soon}.", "{overdue} och {soon}.")
NOTHING_OVERDUE = Labels(
    "Nothing is overdue or due within {days}.",
    "Intet er overskredet eller har deadline inden for {days}.",
    "Inget är försenat eller ska vara klart inom {days}.",
)
CLEARED = Labels(
    "Marks removed from {cells}.",
    "Markeringer fjernet fra {cells}.",
    "Markeringar borttagna från {cells}.",
)
NOTHING_TO_CLEAR = Labels(
    "There are no marks from xltools in this workbook.",
    "Der er ingen markeringer fra xltools i projektmappen.",
    "Det finns inga markeringar från xltools i arbetsboken.",
)
MISSING = Labels(
    "{marks} were not where xltools left them ({cells}); those cells were left as they are.",
    "{marks} var ikke, hvor xltools satte dem ({cells}); de celler blev ikke ændret.",
    "{marks} fanns inte där xltools satte dem ({cells}); de cellerna lämnades som de var.",
)
SHEET_ADDED = Labels(
    "The sheet '{sheet}' was added.",
    "Arket '{sheet}' blev tilføjet.",
    "Bladet '{sheet}' lades till.",
)
NEW_WORKBOOK = Labels(
    "A new plan workbook was saved as {path}.",
    "En ny planprojektmappe blev gemt som {path}.",
    "En ny planarbetsbok sparades som {path}.",
)
NEW_WORKBOOK_EXISTS = Labels(
    "{path} already exists and was left as it is: it may be a plan someone has filled in. "
    "Choose another name.",
    "{path} findes allerede og blev ikke ændret: det kan være en udfyldt plan. Vælg et andet navn.",
    "{path} finns redan och lämnades orörd: det kan vara en ifylld plan. Välj ett annat namn.",
)
ROLLUP_DONE = Labels(
    "The organisation summary of {departments} was written to {path}.",
    "Organisationens sammenfatning af {departments} blev skrevet til {path}.",
    "Organisationens sammanställning av {departments} skrevs till {path}.",
)
ROLLUP_FAILED_FILES = Labels(
    "{workbooks} could not be read; the sheet '{sheet}' says why.",
    "{workbooks} kunne ikke læses; arket '{sheet}' siger hvorfor.",
    "{workbooks} kunde inte läsas; bladet '{sheet}' säger varför.",
)
NOTHING_READ = Labels(
    "No department workbook could be read in {folder}; nothing was written.",
    "Ingen afdelings projektmappe kunne læses i {folder}; intet blev skrevet.",
    "Ingen avdelnings arbetsbok kunde läsas i {folder}; inget skrevs.",
)
CHASE_DONE = Labels(
    "Chase lists for {departments} were written to {folder}; the index is {index}.",
    "Rykkerlister til {departments} blev skrevet til {folder}; oversigten er {index}.",
    "Påminnelselistor till {departments} skrevs till {folder}; översikten är {index}.",
)
PICK_FIRST = Labels(
    "Choose a folder in the dialog first; nothing was done.",
    "Vælg først en mappe i dialogen; intet blev gjort.",
    "Välj först en mapp i dialogen; inget gjordes.",
)
HELP = Labels(
    "xltools {version} (xlwings {xlwings}, Python {python}).\nDocumentation: {docs}\n"
    "Settings: {settings}\nLog of problems: {log}",
    "xltools {version} (xlwings {xlwings}, Python {python}).\nDokumentation: {docs}\n"
    "Indstillinger: {settings}\nLog over problemer: {log}",
    "xltools {version} (xlwings {xlwings}, Python {python}).\nDokumentation: {docs}\n"
    "Inställningar: {settings}\nLogg över problem: {log}",
)
DOCS = Labels(
    "README.md of the xltools package; `xltools --help` for the command line",
    "README.md i xltools-pakken; `xltools --help` for kommandolinjen",
    "README.md i xltools-paketet; `xltools --help` för kommandoraden",
)
DEFAULT_SETTINGS = Labels("xltools' defaults (no xltools.toml found)",
                          "xltools' standarder (ingen xltools.toml fundet)",
                          "xltools standardvärden (ingen xltools.toml hittades)")

# --- progress in Excel's status bar ----------------------------------------------------------

READING = Labels(
    "xltools: reading workbook {done} of {total}…",
    "xltools: læser projektmappe {done} af {total}…",
    "xltools: läser arbetsbok {done} av {total}…",
)

# --- when a button cannot do its work ---------------------------------------------------------

CLOUD_NOT_SYNCED = Labels(
    "This workbook is open from OneDrive or SharePoint but is not synced to this computer, so "
    "xltools cannot find its folder (where the organisation's settings are). Sync the library "
    "(the Sync button in OneDrive or SharePoint) or download a copy, open that and click again.",
    "Projektmappen er åbnet fra OneDrive eller SharePoint, men er ikke synkroniseret til denne "
    "computer, så xltools kan ikke finde dens mappe (hvor organisationens indstillinger ligger). "
    "Synkronisér biblioteket (knappen Synkroniser i OneDrive eller SharePoint) eller download en "
    "kopi, åbn den og klik igen.",
    "Arbetsboken är öppnad från OneDrive eller SharePoint men är inte synkroniserad till den här "
    "datorn, så xltools hittar inte dess mapp (där organisationens inställningar finns). "
    "Synkronisera biblioteket (knappen Synkronisera i OneDrive eller SharePoint) eller ladda ned "
    "en kopia, öppna den och klicka igen.",
)
FAILED = Labels(
    "xltools could not finish: {reason}",
    "xltools kunne ikke gøre arbejdet færdigt: {reason}",
    "xltools kunde inte slutföra arbetet: {reason}",
)
UNEXPECTED = Labels(
    "an unexpected error ({kind}).",
    "en uventet fejl ({kind}).",
    "ett oväntat fel ({kind}).",
)
LOGGED = Labels(
    "The details are in {log}.",
    "Detaljerne står i {log}.",
    "Detaljerna finns i {log}.",
)
MARKS_KEPT = Labels(
    "Clear marks removes the marks that were already made.",
    "Ryd markeringer fjerner de markeringer, der allerede blev sat.",
    "Rensa markeringar tar bort de markeringar som redan gjordes.",
)

# --- the dialogs the ribbon opens (titles and suggested file names) ---------------------------

PICK_PLANS_FOLDER = Labels(
    "Choose the folder of department workbooks",
    "Vælg mappen med afdelingernes projektmapper",
    "Välj mappen med avdelningarnas arbetsböcker",
)
SAVE_SUMMARY = Labels(
    "Save the organisation summary as",
    "Gem organisationens sammenfatning som",
    "Spara organisationens sammanställning som",
)
SUMMARY_FILE = Labels("organisation summary.xlsx", "organisationsoversigt.xlsx",
                      "organisationsöversikt.xlsx")
PICK_CHASE_FOLDER = Labels(
    "Choose the folder for the chase lists and e-mail drafts",
    "Vælg mappen til rykkerlister og e-mailkladder",
    "Välj mappen för påminnelselistor och e-postutkast",
)
SAVE_NEW_WORKBOOK = Labels(
    "Save the new plan workbook as",
    "Gem den nye planprojektmappe som",
    "Spara den nya planarbetsboken som",
)
