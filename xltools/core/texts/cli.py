"""What the command line says when things go right, in da/sv/en (errors: ``texts.errors``)."""

from __future__ import annotations

from xltools.core.schema import Labels
from xltools.core.wording import Plural

NEW_WRITTEN = Labels("New plan workbook written: {path}", "Ny planprojektmappe skrevet: {path}",
                     "Ny planarbetsbok skriven: {path}")
MARKED_WRITTEN = Labels("Marked copy written: {path}", "Markeret kopi skrevet: {path}",
                        "Markerad kopia skriven: {path}")
NO_MARKS_COPIED = Labels(
    "No xltools marks in {file}; {output} is an unchanged copy",
    "Ingen xltools-markeringer i {file}; {output} er en uændret kopi",
    "Inga xltools-markeringar i {file}; {output} är en oförändrad kopia")
NO_MARKS_NOTHING_WRITTEN = Labels(
    "No xltools marks in {file}; nothing was written",
    "Ingen xltools-markeringer i {file}; intet blev skrevet",
    "Inga xltools-markeringar i {file}; inget skrevs")
MARKS_NOT_FOUND = Plural(
    Labels("{n} mark could not be found ({cells}); its cell was left as it is",
           "{n} markering kunne ikke findes ({cells}); dens celle blev ikke ændret",
           "{n} markering kunde inte hittas ({cells}); dess cell lämnades som den var"),
    Labels("{n} marks could not be found ({cells}); their cells were left as they are",
           "{n} markeringer kunne ikke findes ({cells}); deres celler blev ikke ændret",
           "{n} markeringar kunde inte hittas ({cells}); deras celler lämnades som de var"))
MARKS_REMOVED = Plural(
    Labels("Marks removed from {n} cell; written: {output}",
           "Markeringer fjernet fra {n} celle; skrevet: {output}",
           "Markeringar borttagna från {n} cell; skriven: {output}"),
    Labels("Marks removed from {n} cells; written: {output}",
           "Markeringer fjernet fra {n} celler; skrevet: {output}",
           "Markeringar borttagna från {n} celler; skriven: {output}"))
# "label: count" rather than counted nouns: right for 1 and for many in every language
ROLLUP_COUNTS = Labels(
    "Workbooks read: {read} of {total} · with validation errors: {problems} · could not be "
    "read: {failed} · skipped: {skipped}",
    "Projektmapper læst: {read} af {total} · med fejl ved kontrollen: {problems} · kunne ikke "
    "læses: {failed} · sprunget over: {skipped}",
    "Arbetsböcker lästa: {read} av {total} · med fel vid kontrollen: {problems} · kunde inte "
    "läsas: {failed} · överhoppade: {skipped}")
FAILED_LINE = Labels("not read: {source}: {reason}", "ikke læst: {source}: {reason}",
                     "inte läst: {source}: {reason}")
SKIPPED_LINE = Labels("skipped: {source} ({reason})", "sprunget over: {source} ({reason})",
                      "överhoppad: {source} ({reason})")
SUMMARY_WRITTEN = Labels("Summary written: {path}", "Oversigt skrevet: {path}",
                         "Sammanställning skriven: {path}")
HISTORY_COMPARED = Labels(
    "Compared with the roll-up of {previous}; history: {path}",
    "Sammenlignet med opsamlingen {previous}; historik: {path}",
    "Jämförd med sammanställningen {previous}; historik: {path}")
HISTORY_FIRST = Labels(
    "First roll-up in the history {path}; the next one will show what moved",
    "Første opsamling i historikken {path}; den næste viser, hvad der er sket",
    "Första sammanställningen i historiken {path}; nästa visar vad som har hänt")
HISTORY_NOT_USED = Labels("history not used: {problem}", "historik ikke brugt: {problem}",
                          "historik inte använd: {problem}")
ADDIN_WRITTEN = Labels("Add-in written: {path}", "Tilføjelsesprogram skrevet: {path}",
                       "Tillägg skrivet: {path}")
READING = Labels("Reading workbooks", "Læser projektmapper", "Läser arbetsböcker")
WRITING_SUMMARY = Labels("Writing the summary", "Skriver oversigten", "Skriver sammanställningen")
