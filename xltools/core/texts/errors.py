"""What went wrong and what to do, by error code (``XltoolsError.code``), in da/sv/en.

Each text names the file or option concerned and says what the user can do about it.
"""

from __future__ import annotations

from xltools.core.schema import Labels

ERRORS: dict[str, Labels] = {
    # --- where an output goes (io/atomic.py) ---------------------------------------------------
    "output_folder_missing": Labels(
        "{path}: the folder {folder} does not exist; create it or choose another place",
        "{path}: mappen {folder} findes ikke; opret den, eller vælg et andet sted",
        "{path}: mappen {folder} finns inte; skapa den eller välj en annan plats"),
    "output_is_folder": Labels(
        "{path} is a folder; give the output a file name in it",
        "{path} er en mappe; giv resultatet et filnavn i den",
        "{path} är en mapp; ge resultatet ett filnamn i den"),
    "output_open": Labels(
        "{path} is open in Excel; close it and try again",
        "{path} er åben i Excel; luk den, og prøv igen",
        "{path} är öppen i Excel; stäng den och försök igen"),
    "output_read_only": Labels(
        "{path} is read-only; choose another output file",
        "{path} er skrivebeskyttet; vælg en anden fil",
        "{path} är skrivskyddad; välj en annan fil"),
    "output_exists": Labels(
        "{path} already exists; choose another file name or add --force to replace it",
        "{path} findes allerede; vælg et andet filnavn, eller tilføj --force for at erstatte den",
        "{path} finns redan; välj ett annat filnamn eller lägg till --force för att ersätta den"),
    "output_exists_other": Labels(
        "{path} already exists and is not {kind}; choose another file name or add --force to "
        "replace it",
        "{path} findes allerede og er ikke {kind}; vælg et andet filnavn, eller tilføj --force "
        "for at erstatte den",
        "{path} finns redan och är inte {kind}; välj ett annat filnamn eller lägg till --force "
        "för att ersätta den"),
    "output_folder_locked": Labels(
        "{path}: cannot write in the folder {folder} (permission denied)",
        "{path}: der kan ikke skrives i mappen {folder} (adgang nægtet)",
        "{path}: det går inte att skriva i mappen {folder} (åtkomst nekad)"),
    "output_in_use": Labels(
        "{path} cannot be replaced; is it open in another program?",
        "{path} kan ikke erstattes; er den åben i et andet program?",
        "{path} kan inte ersättas; är den öppen i ett annat program?"),
    "disk_full": Labels(
        "{path}: the disk is full; free some space and try again",
        "{path}: disken er fuld; frigør plads, og prøv igen",
        "{path}: disken är full; frigör utrymme och försök igen"),
    "permission_denied": Labels(
        "{path}: permission denied", "{path}: adgang nægtet", "{path}: åtkomst nekad"),
    "cannot_write": Labels(
        "{path} cannot be written ({detail})", "{path} kan ikke skrives ({detail})",
        "{path} kan inte skrivas ({detail})"),
    "folder_not_made": Labels(
        "{path}: the folder cannot be made ({detail})",
        "{path}: mappen kan ikke oprettes ({detail})",
        "{path}: mappen kan inte skapas ({detail})"),
    # --- what outputs may be --------------------------------------------------------------------
    "output_is_input": Labels(
        "{path} is one of the department workbooks being rolled up; write the summary to "
        "another file",
        "{path} er en af de afdelingers projektmapper, der samles; skriv oversigten til en "
        "anden fil",
        "{path} är en av avdelningarnas arbetsböcker som sammanställs; skriv sammanställningen "
        "till en annan fil"),
    "output_not_xlsx": Labels(
        "{path}: the output is an .xlsx workbook; give a name ending in .xlsx",
        "{path}: resultatet er en .xlsx-projektmappe; giv et navn, der ender på .xlsx",
        "{path}: resultatet är en .xlsx-arbetsbok; ange ett namn som slutar på .xlsx"),
    "output_same_type": Labels(
        "{path}: the copy keeps the type of the original; give a name ending in {suffix}",
        "{path}: kopien har samme type som originalen; giv et navn, der ender på {suffix}",
        "{path}: kopian har samma typ som originalet; ange ett namn som slutar på {suffix}"),
    "marks_need_xlsx": Labels(
        "{path}: marks can be made in and cleared from .xlsx and .xlsm workbooks; save this one "
        "as .xlsx first",
        "{path}: markeringer kan laves i og fjernes fra .xlsx- og .xlsm-projektmapper; gem "
        "denne som .xlsx først",
        "{path}: markeringar kan göras i och tas bort från .xlsx- och .xlsm-arbetsböcker; spara "
        "den här som .xlsx först"),
    "copy_over_original": Labels(
        "{path} is the workbook itself; give another file name for the marked copy (the "
        "original is never changed)",
        "{path} er selve projektmappen; giv den markerede kopi et andet filnavn (originalen "
        "ændres aldrig)",
        "{path} är själva arbetsboken; ge den markerade kopian ett annat filnamn (originalet "
        "ändras aldrig)"),
    # --- what the commands were given -----------------------------------------------------------
    "input_missing": Labels(
        "{path} does not exist", "{path} findes ikke", "{path} finns inte"),
    "input_is_folder": Labels(
        "{path} is a folder; give one workbook", "{path} er en mappe; angiv én projektmappe",
        "{path} är en mapp; ange en arbetsbok"),
    "no_workbooks": Labels(
        "no workbooks found in {paths}", "ingen projektmapper fundet i {paths}",
        "inga arbetsböcker hittades i {paths}"),
    "bad_date_option": Labels(
        "{option}: '{value}' is not a date; write e.g. 2026-11-23",
        "{option}: '{value}' er ikke en dato; skriv fx 23-11-2026",
        "{option}: '{value}' är inget datum; skriv t.ex. 2026-11-23"),
    "bad_lang_option": Labels(
        "{option}: '{value}' is not a language xltools speaks (da, sv or en)",
        "{option}: '{value}' er ikke et sprog, xltools taler (da, sv eller en)",
        "{option}: '{value}' är inte ett språk som xltools talar (da, sv eller en)"),
    "jobs_at_least_one": Labels(
        "--jobs must be 1 or more", "--jobs skal være 1 eller mere", "--jobs måste vara 1 eller mer"),
    "annotate_one_workbook": Labels(
        "--annotate takes exactly one workbook", "--annotate tager præcis én projektmappe",
        "--annotate tar exakt en arbetsbok"),
    "suggest_config_alone": Labels(
        "--suggest-config prints TOML only; it cannot be combined with --json or --annotate",
        "--suggest-config skriver kun TOML; den kan ikke kombineres med --json eller --annotate",
        "--suggest-config skriver bara TOML; den kan inte kombineras med --json eller --annotate"),
    "departments_need_out_dir": Labels(
        "--departments needs --out-dir, the folder for the workbooks",
        "--departments kræver --out-dir, mappen til projektmapperne",
        "--departments kräver --out-dir, mappen för arbetsböckerna"),
    "departments_one_per_row": Labels(
        "--departments writes one workbook per row: leave out --output and --department",
        "--departments skriver én projektmappe pr. række: udelad --output og --department",
        "--departments skriver en arbetsbok per rad: utelämna --output och --department"),
    "out_dir_with_departments": Labels(
        "--out-dir goes with --departments; for one workbook use --output",
        "--out-dir hører sammen med --departments; til én projektmappe bruges --output",
        "--out-dir hör ihop med --departments; för en arbetsbok används --output"),
    "new_suffix": Labels(
        "{path}: xltools writes new plan workbooks as .xlsx; give a name ending in .xlsx",
        "{path}: xltools skriver nye planprojektmapper som .xlsx; giv et navn, der ender på .xlsx",
        "{path}: xltools skriver nya planarbetsböcker som .xlsx; ange ett namn som slutar på "
        ".xlsx"),
    "not_a_department": Labels(
        "{path} is a workbook xltools wrote ({kind}), not a department's plan; validate the "
        "department workbooks instead",
        "{path} er en projektmappe, xltools har skrevet ({kind}), ikke en afdelings plan; "
        "kontrollér afdelingernes projektmapper i stedet",
        "{path} är en arbetsbok som xltools har skrivit ({kind}), inte en avdelnings plan; "
        "kontrollera avdelningarnas arbetsböcker i stället"),
    "no_plans": Labels(
        "{path}: no action, activity or communication plan was found in this workbook",
        "{path}: der blev ikke fundet nogen handleplan, aktivitetsplan eller kommunikationsplan "
        "i projektmappen",
        "{path}: ingen handlingsplan, aktivitetsplan eller kommunikationsplan hittades i "
        "arbetsboken"),
    "nothing_readable": Labels(
        "no readable workbook found; no summary written",
        "ingen læsbar projektmappe fundet; ingen oversigt skrevet",
        "ingen läsbar arbetsbok hittades; ingen sammanställning skrevs"),
    "nothing_readable_chase": Labels(
        "no readable workbook found; nothing written",
        "ingen læsbar projektmappe fundet; intet skrevet",
        "ingen läsbar arbetsbok hittades; inget skrevs"),
    "addin_suffix": Labels(
        "{path}: the add-in is an .xlam file; give a name ending in .xlam",
        "{path}: tilføjelsesprogrammet er en .xlam-fil; giv et navn, der ender på .xlam",
        "{path}: tillägget är en .xlam-fil; ange ett namn som slutar på .xlam"),
    "addin_needs_excel": Labels(
        "installing the add-in needs desktop Excel on Windows or macOS; build the .xlam here "
        "with `xltools addin build` and install it there",
        "installation af tilføjelsesprogrammet kræver Excel på Windows eller macOS; byg .xlam "
        "her med `xltools addin build`, og installér den dér",
        "installation av tillägget kräver Excel på Windows eller macOS; bygg .xlam här med "
        "`xltools addin build` och installera den där"),
    "history_missing_rollup": Labels(
        "{path}: the history holds no roll-up as of {as_of}; see the roll-ups it holds on the "
        "summary's Progress sheet",
        "{path}: historikken har ingen opsamling pr. {as_of}; se de opsamlinger, den har, på "
        "oversigtens Fremdrift-ark",
        "{path}: historiken har ingen sammanställning per {as_of}; se de sammanställningar den "
        "har på sammanställningens Framsteg-blad"),
    "unexpected": Labels(
        "unexpected error: {detail} (run again with --debug for details)",
        "uventet fejl: {detail} (kør igen med --debug for detaljer)",
        "oväntat fel: {detail} (kör igen med --debug för detaljer)"),
}

# How each kind of xltools output is named when a file is in the way (OutputKind values).
OUTPUT_KINDS: dict[str, Labels] = {
    "summary": Labels("an earlier xltools summary", "en tidligere xltools-oversigt",
                      "en tidigare xltools-sammanställning"),
    "chase-list": Labels("an earlier xltools chase list", "en tidligere xltools-rykkerliste",
                         "en tidigare xltools-påminnelselista"),
    "chase-index": Labels("an earlier xltools chase-list index",
                          "et tidligere xltools-rykkeroversigt",
                          "en tidigare xltools-påminnelseöversikt"),
    "marked-copy": Labels("an earlier marked copy", "en tidligere markeret kopi",
                          "en tidigare markerad kopia"),
    "template": Labels("a new plan workbook", "en ny planprojektmappe", "en ny planarbetsbok"),
}
