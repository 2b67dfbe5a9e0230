"""How a plan sheet looks, as plain values: colours (``RRGGBB``) and sizes.

Declared once for everything that lays a plan sheet out — the template writer (openpyxl)
and the add-in's Add sheet (a live workbook) — so a sheet added from the ribbon looks like
one from the template.
"""

from __future__ import annotations

TABLE_ROWS = 20  # empty rows the tables start with; Excel grows a table as rows are typed
FORMAT_ROWS = 1000  # drop-downs, date checks and colours reach this far down

HEADER_FILL = "1F4E78"  # the header row
REQUIRED_HEADER_FILL = "12355A"  # the header of a column that must be filled in
HEADER_FONT = "FFFFFF"
OVERDUE_FILL = "F8CBAD"  # a row whose deadline has passed (live, through TODAY())
DUE_SOON_FILL = "FFE699"  # a row due within the due-soon window
DONE_FILL = "D9D9D9"  # a done or cancelled row
DONE_FONT = "7F7F7F"
RULE_LINE = "BFBFBF"  # the thin line under the About and Checklist answers
