"""Write docs/messages.md: every exit status and every failure message of the command line.

Run after changing a text in ``xltools/core/texts``:

    python docs/generate_messages.py

``tests/cli/test_messages_doc.py`` fails while the committed file differs from what this writes.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from xltools.core.schema import Labels
from xltools.core.texts import READ_FAILURES, SKIP_REASONS
from xltools.core.texts.errors import ERRORS

HERE = Path(__file__).resolve().parent

EXIT_STATUSES = (
    ("0", "All good: the workbook has no errors; every file of a roll-up was read; the output "
          "was written."),
    ("1", "The workbook has validation errors (`validate`), or some files could not be read "
          "(`overdue`, `rollup`, `remind`: the output is still written), or some rows of a "
          "department list were not written (`new --departments`)."),
    ("2", "Bad usage, an unreadable input, an output that may not or cannot be written, or "
          "nothing readable at all: one line on stderr says what and what to do (with `--json`: "
          "`{\"error\": {\"code\": ..., \"message\": ...}}` on stdout). `--debug` shows the "
          "traceback."),
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    """The whole of docs/messages.md."""
    lines = [
        "# Exit statuses and messages",
        "",
        "Generated from `xltools/core/texts` by `docs/generate_messages.py` (a test checks it is "
        "current). Every message exists in English, Danish and Swedish; the command line uses "
        "`--lang`, else the workbook's language, else the settings' language, else English. "
        "`{...}` are filled in with the file, option or value concerned.",
        "",
        "## Exit statuses",
        "",
        "| status | meaning |",
        "|---|---|",
        *(f"| {status} | {meaning} |" for status, meaning in EXIT_STATUSES),
        "",
        "## Failures (exit status 2; `--json` code as given)",
        "",
        *_table(ERRORS),
        "",
        "## Files that cannot be read",
        "",
        "Said as `{file}: {reason}` (alone: exit 2; in a run over many files: a line `not read: "
        "{file}: {reason}` on stderr and in the summary's Files sheet, exit 1). `--json` code: "
        "`unreadable-<code>`.",
        "",
        *_table(READ_FAILURES),
        "",
        "## Files skipped on purpose",
        "",
        *_table(SKIP_REASONS),
        "",
    ]
    return "\n".join(lines)


def _table(texts: Mapping[str, Labels]) -> list[str]:
    """A code's text in the three languages, a row per code."""
    return ["| code | English | Danish | Swedish |", "|---|---|---|---|",
            *(f"| `{code}` | {_cell(t.en)} | {_cell(t.da)} | {_cell(t.sv)} |"
              for code, t in texts.items())]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "messages.md"
    target.write_text(render(), encoding="utf-8")
    print(target)
