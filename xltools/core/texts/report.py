"""The words of the terminal's reports (``xltools validate`` and ``xltools overdue``), da/sv/en."""

from __future__ import annotations

from xltools.core.schema import Labels

# "label: count" rather than "count nouns": right for 1 and for many without plural rules
SUMMARY = Labels(
    "Errors: {errors} · warnings: {warnings} · notes: {infos} · rows read: {rows} "
    "({department}, as of {as_of}).",
    "Fejl: {errors} · advarsler: {warnings} · bemærkninger: {infos} · rækker læst: {rows} "
    "({department}, pr. {as_of}).",
    "Fel: {errors} · varningar: {warnings} · anmärkningar: {infos} · lästa rader: {rows} "
    "({department}, per {as_of}).",
)
NO_ISSUES = Labels("No issues found.", "Ingen problemer fundet.", "Inga problem hittades.")
SECOND_TABLE = Labels(
    "{sheet}: the plan is read down to row {last}; row {row} starts another table, which is "
    "not read.",
    "{sheet}: planen læses til og med række {last}; række {row} starter en anden tabel, som "
    "ikke læses.",
    "{sheet}: planen läses till och med rad {last}; rad {row} börjar en annan tabell, som inte "
    "läses.",
)
LATE_HEADER = Labels(
    "Overdue: {overdue} · due soon: {soon} (as of {as_of})",
    "Overskredet: {overdue} · snart deadline: {soon} (pr. {as_of})",
    "Försenade: {overdue} · snart slutdatum: {soon} (per {as_of})",
)
FAILED = Labels("Could not read:", "Kunne ikke læses:", "Kunde inte läsas:")
