"""User-facing texts that are not column labels: template hints, sheet titles of outputs."""

from __future__ import annotations

from xltools.core.schema import DATE, Labels

REQUIRED = Labels("Required", "Skal udfyldes", "Obligatorisk")
DATE_HINT_TITLE = DATE
DATE_HINT = Labels(
    "Enter a date, e.g. 2026-11-23. Text such as 'week 48' or 'Q1 2027' is read too.",
    "Skriv en dato, fx 23-11-2026. Tekst som 'uge 48' eller '1. kvartal 2027' kan også læses.",
    "Skriv ett datum, t.ex. 2026-11-23. Text som 'vecka 48' eller 'Q1 2027' kan också läsas.",
)
LIST_ERROR_TITLE = Labels("Choose from the list", "Vælg fra listen", "Välj från listan")
LIST_ERROR = Labels(
    "Please choose one of the values in the drop-down list.",
    "Vælg en af værdierne i rullelisten.",
    "Välj ett av värdena i listrutan.",
)
REFERENCE_ERROR = Labels(
    "This ID is not in the action plan (yet).",
    "Dette ID findes ikke (endnu) i handleplanen.",
    "Detta ID finns inte (ännu) i handlingsplanen.",
)
NO_PLANS = Labels(
    "No action, activity or communication plan was found in this workbook.",
    "Der blev ikke fundet nogen handleplan, aktivitetsplan eller kommunikationsplan i projektmappen.",
    "Ingen handlingsplan, aktivitetsplan eller kommunikationsplan hittades i arbetsboken.",
)

# Why a file could not be read, by reason code (UnreadableWorkbookError.code); English texts
# may carry more technical detail than these.
READ_FAILURES: dict[str, Labels] = {
    "missing": Labels("the file does not exist", "filen findes ikke", "filen finns inte"),
    "lock_file": Labels(
        "this is Excel's lock file for {name}, which is open in Excel; use {name} itself",
        "dette er Excels låsefil for {name}, som er åben i Excel; brug {name} selv",
        "detta är Excels låsfil för {name}, som är öppen i Excel; använd {name} själv"),
    "folder": Labels("this is a folder, not a workbook file", "dette er en mappe, ikke en projektmappe",
                     "detta är en mapp, inte en arbetsbok"),
    "empty": Labels("the file is empty (0 bytes)", "filen er tom (0 bytes)", "filen är tom (0 byte)"),
    "too_large": Labels("the file is too large ({size} MB; the limit is {limit} MB)",
                        "filen er for stor ({size} MB; grænsen er {limit} MB)",
                        "filen är för stor ({size} MB; gränsen är {limit} MB)"),
    "no_permission": Labels("permission denied: the file cannot be read",
                            "ingen adgang: filen kan ikke læses",
                            "åtkomst nekad: filen kan inte läsas"),
    "encrypted": Labels(
        "the workbook is password-protected (encrypted); save a copy without a password",
        "projektmappen er beskyttet med adgangskode; gem en kopi uden adgangskode",
        "arbetsboken är lösenordsskyddad; spara en kopia utan lösenord"),
    "unsupported_type": Labels("unsupported file type '{suffix}'", "filtypen '{suffix}' understøttes ikke",
                               "filtypen '{suffix}' stöds inte"),
    "not_workbook": Labels("this is not an Excel workbook", "dette er ikke en Excel-projektmappe",
                           "detta är inte en Excel-arbetsbok"),
    "damaged": Labels("the file is damaged or incomplete", "filen er beskadiget eller ufuldstændig",
                      "filen är skadad eller ofullständig"),
    "too_big_unpacked": Labels(
        "the workbook unpacks to far more than allowed (a damaged or hostile file?)",
        "projektmappen fylder langt mere end tilladt, når den pakkes ud (beskadiget eller skadelig fil?)",
        "arbetsboken blir mycket större än tillåtet när den packas upp (skadad eller skadlig fil?)"),
    "unexpected": Labels(
        "unexpected error while reading ({error}); the file may be damaged",
        "uventet fejl under læsningen ({error}); filen kan være beskadiget",
        "oväntat fel vid läsningen ({error}); filen kan vara skadad"),
    "worker_crashed": Labels(
        "reading this file crashed the reader; the file is damaged or not a normal workbook",
        "læsningen af filen fik læseren til at gå ned; filen er beskadiget eller ikke en "
        "almindelig projektmappe",
        "läsningen av filen fick läsaren att krascha; filen är skadad eller inte en vanlig "
        "arbetsbok"),
    "worker_timed_out": Labels(
        "reading this file took too long and was stopped; the file may be damaged or huge",
        "læsningen af filen tog for lang tid og blev stoppet; filen kan være beskadiget eller "
        "meget stor",
        "läsningen av filen tog för lång tid och avbröts; filen kan vara skadad eller mycket stor"),
    "stray_cells": Labels(
        "sheet '{sheet}' has values as far out as cell {cell}; delete the stray cells and save again",
        "arket '{sheet}' har værdier helt ude i celle {cell}; slet de overflødige celler og gem igen",
        "bladet '{sheet}' har värden ända ut i cell {cell}; ta bort de överflödiga cellerna och spara igen"),
}

# Why a file found in a folder was skipped, by code (xltools.files.skip_reason; outputs of
# xltools by their marker, see core/outputs.py).
SKIP_REASONS: dict[str, Labels] = {
    "xltools_summary": Labels("an xltools summary, not a department workbook",
                              "en xltools-sammenfatning, ikke en afdelings projektmappe",
                              "en xltools-sammanställning, inte en avdelnings arbetsbok"),
    "xltools_chase_list": Labels("an xltools chase list, not a department workbook",
                                 "en xltools-rykkerliste, ikke en afdelings projektmappe",
                                 "en xltools-påminnelselista, inte en avdelnings arbetsbok"),
    "marked_copy_duplicate": Labels(
        "a marked copy of a department whose workbook is read as well; it would count twice",
        "en markeret kopi fra en afdeling, hvis projektmappe også læses; den ville tælle dobbelt",
        "en markerad kopia från en avdelning vars arbetsbok också läses; den skulle räknas "
        "dubbelt"),
    "excel_lock": Labels("Excel lock file", "Excel-låsefil", "Excel-låsfil"),
    "libreoffice_lock": Labels("LibreOffice lock file", "LibreOffice-låsefil", "LibreOffice-låsfil"),
    "hidden": Labels("hidden file", "skjult fil", "dold fil"),
    "not_workbook_type": Labels("not a workbook file type", "ikke en projektmappe-filtype",
                                "inte en arbetsboksfiltyp"),
}
