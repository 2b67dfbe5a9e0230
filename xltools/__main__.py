"""``python -m xltools`` runs the command line."""

from xltools.cli import app

app(prog_name="xltools")
