"""How issues look in a workbook — fill colours and the Issues sheet — shared by every painter."""

from __future__ import annotations

from xltools.core.issues import Code, Severity
from xltools.core.schema import ISSUES_TITLES, Labels

# Cell fills (RGB hex) by severity; overdue/due-soon get the template's live colours.
SEVERITY_FILL: dict[Severity, str] = {
    Severity.ERROR: "FF7C80",
    Severity.WARNING: "FFD966",
    Severity.INFO: "BDD7EE",
}
CODE_FILL: dict[Code, str] = {
    Code.OVERDUE: "F8CBAD",
    Code.FOLLOW_UP_OVERDUE: "F8CBAD",
    Code.DUE_SOON: "FFE699",
}
MARK_AUTHOR = "xltools"  # notes written by xltools carry this author, so they can be cleared

ISSUES_SHEET = ISSUES_TITLES
ISSUES_HEADERS: tuple[Labels, ...] = (
    Labels("Cell", "Celle", "Cell"),
    Labels("Severity", "Alvor", "Allvarlighet"),
    Labels("Code", "Kode", "Kod"),
    Labels("Message", "Besked", "Meddelande"),
    Labels("Value", "Værdi", "Värde"),
)
SEVERITY_LABELS: dict[Severity, Labels] = {
    Severity.ERROR: Labels("Error", "Fejl", "Fel"),
    Severity.WARNING: Labels("Warning", "Advarsel", "Varning"),
    Severity.INFO: Labels("Info", "Info", "Info"),
}


def fill_for(code: Code, severity: Severity) -> str:
    """The fill colour of a marked cell."""
    return CODE_FILL.get(code, SEVERITY_FILL[severity])

# A hidden sheet remembers each marked cell's own fill, so that clearing restores it exactly.
MARKS_SHEET = "xltools_marks"
MARKS_HEADERS = ("sheet", "cell", "fill", "note", "note_author")
