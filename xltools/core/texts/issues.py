"""What each validation issue says, by issue code (``core.issues.Code``), in da/sv/en.

Each message says what is wrong and what to do, in the workbook's language; placeholders are
filled from the issue's parameters.
"""

from __future__ import annotations

from xltools.core.schema import Labels

# Message templates; placeholders are filled from Issue.params. Each says what is wrong and
# what to do, in the workbook's language.
MESSAGES: dict[str, Labels] = {
    "missing-column": Labels(
        "The required column '{field}' is missing from the header row. Add it.",
        "Den påkrævede kolonne '{field}' mangler i overskriftsrækken. Tilføj den.",
        "Den obligatoriska kolumnen '{field}' saknas i rubrikraden. Lägg till den.",
    ),
    "required": Labels(
        "'{field}' must be filled in.",
        "'{field}' skal udfyldes.",
        "'{field}' måste fyllas i.",
    ),
    "bad-date": Labels(
        "'{value}' is not a date. Write e.g. 23-11-2026, 'week 48 2026' or 'Q1 2027'.",
        "'{value}' er ikke en dato. Skriv fx 23-11-2026, 'uge 48 2026' eller '1. kvartal 2027'.",
        "'{value}' är inget datum. Skriv t.ex. 2026-11-23, 'vecka 48 2026' eller 'Q1 2027'.",
    ),
    "date-order": Labels(
        "The deadline {deadline} is before the start {start}. Correct one of them.",
        "Deadline {deadline} ligger før start {start}. Ret en af dem.",
        "Klart senast {deadline} ligger före start {start}. Rätta något av datumen.",
    ),
    "bad-value": Labels(
        "'{value}' is not a valid {field}. Choose one of: {allowed}.",
        "'{value}' er ikke en gyldig værdi for {field}. Vælg en af: {allowed}.",
        "'{value}' är inget giltigt värde för {field}. Välj ett av: {allowed}.",
    ),
    "duplicate-id": Labels(
        "The ID '{value}' is already used in row {first_row}. Give each item its own ID.",
        "ID '{value}' er allerede brugt i række {first_row}. Giv hvert punkt sit eget ID.",
        "ID '{value}' används redan på rad {first_row}. Ge varje punkt ett eget ID.",
    ),
    "unknown-reference": Labels(
        "The action plan has no item with ID '{value}'. Check the number.",
        "Handleplanen har intet punkt med ID '{value}'. Tjek nummeret.",
        "Handlingsplanen har ingen punkt med ID '{value}'. Kontrollera numret.",
    ),
    "overdue": Labels(
        "Overdue: the deadline {deadline} has passed ({ago}) and the status is "
        "'{status}'. Update the status or agree a new deadline.",
        "Overskredet: deadline {deadline} er passeret ({ago}), og status er "
        "'{status}'. Opdatér status eller aftal en ny deadline.",
        "Försenad: {deadline} har passerat ({ago}) och status är "
        "'{status}'. Uppdatera status eller kom överens om ett nytt datum.",
    ),
    "follow-up-overdue": Labels(
        "The follow-up planned for {date} has not been recorded ({ago}). Follow up "
        "and set the next date.",
        "Opfølgningen planlagt til {date} er ikke registreret ({ago}). Følg op "
        "og sæt næste dato.",
        "Uppföljningen planerad till {date} är inte registrerad ({ago}). "
        "Följ upp och sätt nästa datum.",
    ),
    "due-soon": Labels(
        "Due soon: the deadline is {deadline} ({within}).",
        "Snart deadline: {deadline} ({within}).",
        "Snart klart senast: {deadline} ({within}).",
    ),
    "vague-owner": Labels(
        "'{value}' is a group, not a person. Name one responsible person.",
        "'{value}' er en gruppe, ikke en person. Angiv én ansvarlig person.",
        "'{value}' är en grupp, inte en person. Ange en ansvarig person.",
    ),
    "unknown-column": Labels(
        "The column '{value}' is not part of the template; it is kept but not checked.",
        "Kolonnen '{value}' er ikke en del af skabelonen; den bevares, men tjekkes ikke.",
        "Kolumnen '{value}' ingår inte i mallen; den behålls men kontrolleras inte.",
    ),
    "checklist-open": Labels(
        "The checklist question '{value}' is not answered. Answer Yes, No or Partly.",
        "Tjeklistespørgsmålet '{value}' er ikke besvaret. Svar Ja, Nej eller Delvist.",
        "Checklistfrågan '{value}' är inte besvarad. Svara Ja, Nej eller Delvis.",
    ),
    "formula-not-calculated": Labels(
        "'{field}' holds a formula that was never calculated, so its value is unknown. Open the "
        "workbook in Excel and save it again.",
        "'{field}' indeholder en formel, der aldrig er blevet beregnet, så værdien er ukendt. "
        "Åbn projektmappen i Excel, og gem den igen.",
        "'{field}' innehåller en formel som aldrig har beräknats, så värdet är okänt. Öppna "
        "arbetsboken i Excel och spara den igen.",
    ),
    "error-value": Labels(
        "'{field}' shows the error {value}. Correct the formula or type the value.",
        "'{field}' viser fejlen {value}. Ret formlen, eller skriv værdien.",
        "'{field}' visar felet {value}. Rätta formeln eller skriv in värdet.",
    ),
    "totals-row": Labels(
        "Row {number} is the table's totals row; it is not read as an item.",
        "Række {number} er tabellens totalrække; den læses ikke som et punkt.",
        "Rad {number} är tabellens summarad; den läses inte som en punkt.",
    ),
    "rows-not-read": Labels(
        "Rows {first} to {last} were not read: too many empty rows separate them from the plan. "
        "Move them up, or delete the empty rows in between.",
        "Række {first} til {last} blev ikke læst: for mange tomme rækker adskiller dem fra "
        "planen. Flyt dem op, eller slet de tomme rækker imellem.",
        "Rad {first} till {last} lästes inte: för många tomma rader skiljer dem från planen. "
        "Flytta upp dem eller ta bort de tomma raderna emellan.",
    ),
    "sheet-ignored": Labels(
        "This sheet also looks like the {plan}; the sheet '{used}' was read instead ({why}). "
        "Rename or delete the sheet that is not in use.",
        "Arket ligner også {plan}; arket '{used}' blev læst i stedet ({why}). Omdøb eller slet "
        "det ark, der ikke er i brug.",
        "Bladet liknar också {plan}; bladet '{used}' lästes i stället ({why}). Byt namn på eller "
        "ta bort bladet som inte används.",
    ),
}

# Why one of several plan-like sheets was read ("sheet-ignored"'s {why}).
SHEET_CHOICE_REASONS: dict[str, Labels] = {
    "has_header": Labels("it has the plan's header row", "det har planens overskriftsrække",
                         "det har planens rubrikrad"),
    "visible": Labels("it is visible; this one is hidden", "det er synligt; dette er skjult",
                      "det är synligt; detta är dolt"),
    "recent": Labels("its title names a later year", "dets navn nævner et senere år",
                     "dess namn anger ett senare år"),
    "first": Labels("it comes first in the workbook", "det kommer først i projektmappen",
                    "det kommer först i arbetsboken"),
}


# Variants of a code's message for a special case; the code (what tools filter on) stays.
VARIANT_MESSAGES: dict[str, Labels] = {
    # checklist-open once per workbook: the questions' own notes would bury the real problems
    "checklist-many": Labels(
        "{open} of {total} checklist questions are not answered (rows {rows}). Answer them Yes, "
        "No or Partly.",
        "{open} af {total} spørgsmål i tjeklisten er ikke besvaret (række {rows}). Svar Ja, "
        "Nej eller Delvist.",
        "{open} av {total} frågor i checklistan är inte besvarade (rad {rows}). Svara Ja, Nej "
        "eller Delvis."),
    # due-soon on the day itself: "in 0 days" reads like a glitch
    "due-today": Labels(
        "Due today: the deadline is {deadline}.",
        "Deadline i dag: {deadline}.",
        "Klart senast i dag: {deadline}.",
    ),
    # unknown-column for a second copy of a known column: it IS in the template
    "duplicate-column": Labels(
        "The column '{value}' appears twice; only the first, column {first}, is checked. "
        "Remove or rename this copy.",
        "Kolonnen '{value}' findes to gange; kun den første, kolonne {first}, tjekkes. "
        "Slet eller omdøb denne kopi.",
        "Kolumnen '{value}' finns två gånger; bara den första, kolumn {first}, kontrolleras. "
        "Ta bort eller byt namn på kopian.",
    ),
    # unknown-column for a header that could be a known column, which another header took
    "duplicate-column-other": Labels(
        "The columns '{used}' (column {first}) and '{value}' could both be '{field}'; only "
        "column {first} is checked. Rename or remove one of them.",
        "Kolonnerne '{used}' (kolonne {first}) og '{value}' kan begge være '{field}'; kun "
        "kolonne {first} tjekkes. Omdøb eller slet en af dem.",
        "Kolumnerna '{used}' (kolumn {first}) och '{value}' kan båda vara '{field}'; bara "
        "kolumn {first} kontrolleras. Byt namn på eller ta bort en av dem.",
    ),
    # missing-column when another column of the sheet looks like the missing one
    "missing-column-suggested": Labels(
        "The required column '{field}' is missing from the header row. Column {letter} "
        "'{header}' is probably it ({evidence}). If so, rename that header to '{field}', or "
        "tell xltools with the line {line} under {table} in xltools.toml.",
        "Den påkrævede kolonne '{field}' mangler i overskriftsrækken. Kolonne {letter} "
        "'{header}' er sandsynligvis den ({evidence}). Passer det, så omdøb overskriften til "
        "'{field}', eller fortæl xltools det med linjen {line} under {table} i xltools.toml.",
        "Den obligatoriska kolumnen '{field}' saknas i rubrikraden. Kolumn {letter} "
        "'{header}' är troligen den ({evidence}). Stämmer det, byt rubriken till '{field}', "
        "eller tala om det för xltools med raden {line} under {table} i xltools.toml.",
    ),
}

# Why a column looks like a missing one (parts of "missing-column-suggested"), and the
# sentences around the xltools.toml lines that `validate --suggest-config` prints.
SUGGESTION_TEXTS: dict[str, Labels] = {
    "name": Labels("its header resembles '{label}'", "overskriften ligner '{label}'",
                   "rubriken liknar '{label}'"),
    "dates": Labels("{matched} of {total} values are dates", "{matched} af {total} værdier er datoer",
                    "{matched} av {total} värden är datum"),
    "status": Labels("{matched} of {total} values are status words",
                     "{matched} af {total} værdier er statusord",
                     "{matched} av {total} värden är statusord"),
    "person": Labels("{matched} of {total} values look like names of people",
                     "{matched} af {total} værdier ligner navne på personer",
                     "{matched} av {total} värden ser ut som namn på personer"),
    "involvement": Labels("{matched} of {total} values are involvement levels",
                          "{matched} af {total} værdier er grader af involvering",
                          "{matched} av {total} värden är grader av delaktighet"),
    "config-head": Labels(
        "xltools.toml lines that make {source} read; check each before you use it",
        "Linjer til xltools.toml, der får {source} læst; tjek hver linje, før du bruger den",
        "Rader för xltools.toml som gör att {source} kan läsas; kontrollera varje rad först"),
    "config-none": Labels(
        "Nothing to suggest for {source}: every required column was found, or no other "
        "column looks like a missing one.",
        "Intet at foreslå for {source}: alle påkrævede kolonner blev fundet, eller ingen anden "
        "kolonne ligner en, der mangler.",
        "Inget att föreslå för {source}: alla obligatoriska kolumner hittades, eller så liknar "
        "ingen annan kolumn en som saknas."),
}
