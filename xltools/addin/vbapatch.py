"""Patches to xlwings' VBA module inside the add-in: only the user's own settings are read.

Out of the box, xlwings' ``RunPython`` lets the workbook a button is clicked in decide how
Python runs: a sheet named ``<project>.conf`` in it, or a ``<project>.conf`` file in its
folder, overrides the user's settings (including which program runs as "Python"); the
workbook's folder goes first on Python's import path (``ADD_WORKBOOK_TO_PYTHONPATH``), so
an ``xltools/`` folder beside a received workbook would replace the installed package; a
sheet whose name ends in ``.py`` makes ``RunPython`` run the code in it; and for a cloud
workbook the folder lookup fails inside xlwings before any xltools code runs. Each patch
below removes one of these paths; each must match xlwings' module exactly as often as
stated, so a changed xlwings stops the build instead of shipping an unpatched add-in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Patch:
    """One change to xlwings' VBA module."""

    why: str
    pattern: re.Pattern[str]
    replacement: str
    count: int  # how many places in xlwings' module it applies to


PATCHES: tuple[Patch, ...] = (
    Patch(
        "a workbook's own settings sheet is never read",
        re.compile(r"^([ \t]*)'Workbook Sheet Config\n.*?(?=^[ \t]*'Add-in Sheet Config)",
                   re.M | re.S),
        r"\1' xltools: a <project>.conf sheet in the clicked workbook is never read\n",
        1,
    ),
    Patch(
        "a settings file beside the workbook is never read",
        re.compile(r"^([ \t]*)' Directory Config\n.*?(?=^[ \t]*' User Config)", re.M | re.S),
        r"\1' xltools: a <project>.conf file beside the clicked workbook is never read\n\n",
        1,
    ),
    Patch(
        "the workbook's folder never goes on Python's import path",
        re.compile(r'AddExcelDir = GetConfig\("ADD_WORKBOOK_TO_PYTHONPATH", "true"\)'),
        'AddExcelDir = "false" \' xltools: never the clicked workbook\'s folder',
        2,  # RunPython and the UDF server's command
    ),
    Patch(
        "code embedded in a received workbook is never run",
        re.compile(r"^([ \t]*)' Check for embedded Python code\n.*?^[ \t]*Next i\n", re.M | re.S),
        r"\1' xltools: code embedded in a workbook's sheets is never run\n"
        r"\1uses_embedded_code = False\n",
        1,
    ),
)


def patch_xlwings_module(source: str) -> str:
    """Apply :data:`PATCHES` to the source of xlwings' VBA module.

    Args:
        source: the module's source (line ends as found; matched per line).

    Returns:
        The patched source, with the template's line ends.

    Raises:
        ValueError: a patch matches a different number of places than xlwings' module has
            (xlwings changed: the patches need a look before the add-in can be built).
    """
    crlf = "\r\n" in source
    text = source.replace("\r\n", "\n")
    for patch in PATCHES:
        text, count = patch.pattern.subn(patch.replacement, text)
        if count != patch.count:
            raise ValueError(f"xlwings' VBA module changed: the patch '{patch.why}' applies "
                             f"{count} times, expected {patch.count}")
    return text.replace("\n", "\r\n") if crlf else text
