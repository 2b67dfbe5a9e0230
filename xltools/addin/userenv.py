"""The user's side of the ribbon: their language and their per-user folders.

The language of a message is the workbook's (``live.language``); a workbook without plans
falls back to the organisation's settings and then to the language the user runs their
computer in, found the way each system keeps it. Python started by Excel does not inherit a
locale everywhere — on macOS it runs from an AppleScript task with no ``LANG`` at all, which
is why Mac users used to get English — so the system's own record is read: the user's
preferred languages on macOS, the user interface language on Windows.
"""

from __future__ import annotations

import locale
import os
import plistlib
import sys
from collections.abc import Mapping
from pathlib import Path

from xltools.core.schema import DEFAULT_LANG, Lang

APP_NAME = "xltools"
LOG_NAME = "addin.log"
_PREFIXES: dict[str, Lang] = {"da": "da", "danish": "da", "sv": "sv", "swedish": "sv",
                              "en": "en", "english": "en"}
# Windows primary language ids (LANGID & 0x3FF)
_WINDOWS_LANGUAGES: dict[int, Lang] = {0x06: "da", 0x1D: "sv", 0x09: "en"}


def language_of(code: str | None) -> Lang | None:
    """The xltools language of a locale or language code, None when it is none of da/sv/en.

    Args:
        code: e.g. ``da_DK.UTF-8``, ``sv-SE``, ``Danish_Denmark``, ``en``.

    Returns:
        ``"da"``, ``"sv"``, ``"en"`` or None.
    """
    if not code:
        return None
    head = code.replace("-", "_").split("_")[0].split(".")[0].casefold()
    return _PREFIXES.get(head)


def _mac_language(home: Path) -> Lang | None:
    path = home / "Library" / "Preferences" / ".GlobalPreferences.plist"
    try:
        with path.open("rb") as file:
            prefs = plistlib.load(file)
    except (OSError, plistlib.InvalidFileException, ValueError):
        return None
    for code in [*prefs.get("AppleLanguages", []), prefs.get("AppleLocale")]:
        if isinstance(code, str):
            found = language_of(code)
            if found:
                return found
            return None  # the first preferred language is not one xltools writes
    return None


def _windows_language() -> Lang | None:
    import ctypes

    langid = ctypes.windll.kernel32.GetUserDefaultUILanguage()
    return _WINDOWS_LANGUAGES.get(langid & 0x3FF)


def user_language(platform: str = sys.platform, home: Path | None = None,
                  env: Mapping[str, str] | None = None) -> Lang:
    """The language the user runs their computer in, as far as xltools writes it.

    Args:
        platform: ``sys.platform``.
        home: the user's home folder (macOS reads its preferences there).
        env: the environment (default: this process').

    Returns:
        ``"da"``, ``"sv"`` or ``"en"`` (English for any other language).
    """
    env = os.environ if env is None else env
    found: Lang | None = None
    if platform.startswith("darwin"):
        found = _mac_language(Path.home() if home is None else home)
    elif platform.startswith("win") and sys.platform.startswith("win"):
        found = _windows_language()
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if found is None:
            found = language_of(env.get(variable))
    if found is None:
        found = language_of(locale.getlocale()[0])
    return found or DEFAULT_LANG


def documents_folder() -> Path:
    """The user's Documents folder (Windows' known folder, so a OneDrive-moved one too).

    Returns:
        The folder, or the home folder when there is none.
    """
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def log_file() -> Path:
    """The add-in's log of problems, in the user's log folder (platformdirs).

    Returns:
        E.g. ``%LOCALAPPDATA%\\xltools\\Logs\\addin.log`` on Windows,
        ``~/Library/Logs/xltools/addin.log`` on macOS.
    """
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False)) / LOG_NAME
