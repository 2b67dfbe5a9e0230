"""User-facing texts that are not column labels: template hints, sheet titles of outputs."""

from __future__ import annotations

from xltools.core.schema import Labels

REQUIRED = Labels("Required", "Skal udfyldes", "Obligatorisk")
DATE_HINT_TITLE = Labels("Date", "Dato", "Datum")
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
