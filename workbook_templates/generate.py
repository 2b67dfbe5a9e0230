"""Regenerate the committed department templates (one per language) from the schema.

Run after changing the schema or the template writer:

    python workbook_templates/generate.py

tests/io/test_template.py fails while the committed files differ from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from xltools.core.filenames import template_name
from xltools.core.schema import LANGS
from xltools.io.template import new_workbook

HERE = Path(__file__).resolve().parent


def generate(folder: Path = HERE) -> list[Path]:
    """Write ``xltools-plan-{lang}.xlsx`` for every language into ``folder``.

    Args:
        folder: where to write; the committed templates live beside this script.

    Returns:
        The paths written, in language order.
    """
    return [new_workbook(folder / template_name(lang), lang, force=True) for lang in LANGS]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for written in generate(target):
        print(written)
