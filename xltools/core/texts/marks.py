"""The words of marked copies: the Issues sheet's headers, severities and legend, in da/sv/en.

Severities are keyed by their values (``core.issues.Severity``), which the enum's members
look up as they are.
"""

from __future__ import annotations

from xltools.core.schema import VALUE, Labels

ISSUES_HEADERS: tuple[Labels, ...] = (
    Labels("Cell", "Celle", "Cell"),
    Labels("Severity", "Alvor", "Allvarlighet"),
    Labels("Code", "Kode", "Kod"),
    Labels("Message", "Besked", "Meddelande"),
    VALUE,
)
SEVERITY_LABELS: dict[str, Labels] = {
    "error": Labels("Error", "Fejl", "Fel"),
    "warning": Labels("Warning", "Advarsel", "Varning"),
    "info": Labels("Note", "Bemærkning", "Anmärkning"),  # as the reports' totals say
}
LEGEND_TITLE = Labels("Marks in the cells", "Markeringer i cellerne", "Markeringar i cellerna")
LEGEND_MEANING: dict[str, Labels] = {
    "error": Labels("must be corrected", "skal rettes", "måste rättas"),
    "warning": Labels("should be looked at (overdue: light red)",
                             "bør ses på (overskredet: lyserød)",
                             "bör ses över (försenad: ljusröd)"),
    "info": Labels("for information (due soon: light yellow)",
                          "til orientering (snart deadline: lysegul)",
                          "för kännedom (snart slutdatum: ljusgul)"),
}
LEGEND_NOTE = Labels(
    "A marked cell has a coloured frame, which shows even where the plan colours the whole "
    "row, and a note with the messages. 'xltools clear' or the Clear marks button gives the "
    "cells back their own look.",
    "En markeret celle har en farvet ramme, som ses, også hvor planen farver hele rækken, og "
    "en note med beskederne. 'xltools clear' eller knappen Ryd markeringer giver cellerne "
    "deres eget udseende tilbage.",
    "En markerad cell har en färgad ram, som syns även där planen färgar hela raden, och en "
    "anteckning med meddelandena. 'xltools clear' eller knappen Rensa markeringar ger "
    "cellerna tillbaka deras eget utseende.",
)
