"""Find and read the organisation's ``xltools.toml``.

Where it is looked for, first found wins: ``--config FILE``; ``xltools.toml`` in the current
folder; in the (first) input folder; in the user's config folder (platformdirs). None found:
the product's defaults. A file that cannot be used stops the command with one line naming
the file, the line and the key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from xltools.core.settings import DEFAULT_SETTINGS, SETTINGS_FILE, Settings, SettingsError
from xltools.errors import XltoolsError

MAX_SETTINGS_BYTES = 1 << 20


class SettingsFileError(XltoolsError):
    """A settings file that cannot be used: its path, line and key are in the message."""

    def __init__(self, path: Path, problem: str, *, line: int | None = None,
                 key: str | None = None) -> None:
        self.path, self.line, self.key = path, line, key
        where = f"{path}" + (f", line {line}" if line else "")
        what = f"{key}: " if key else ""
        super().__init__(f"{where}: {what}{problem}")


def user_settings_path() -> Path:
    """The user's own settings file (e.g. ``~/.config/xltools/xltools.toml`` on Linux)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("xltools", appauthor=False)) / SETTINGS_FILE


def find_settings(config: str | Path | None = None, inputs: Sequence[str | Path] = (), *,
                  cwd: Path | None = None, user_file: Path | None = None) -> Path | None:
    """The settings file to use, or None for the defaults.

    Args:
        config: a file named with ``--config``; it must exist.
        inputs: the command's input files and folders; the first one's folder is searched.
        cwd: the current folder (default: the process's).
        user_file: the user's settings file (default: ``user_settings_path()``).

    Returns:
        The file, or None.

    Raises:
        SettingsFileError: ``config`` was named but does not exist.
    """
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise SettingsFileError(path, "the settings file does not exist")
        return path
    candidates = [(cwd or Path.cwd()) / SETTINGS_FILE]
    if inputs:
        first = Path(inputs[0])
        candidates.append((first if first.is_dir() else first.parent) / SETTINGS_FILE)
    candidates.append(user_file if user_file is not None else user_settings_path())
    return next((c for c in candidates if c.is_file()), None)


def load_settings(path: str | Path | None) -> Settings:
    """Read a settings file (None: the defaults).

    Args:
        path: an ``xltools.toml``.

    Returns:
        The organisation's settings.

    Raises:
        SettingsFileError: TOML syntax, an unknown key, a wrong type; one line with file,
            line and key.
    """
    if path is None:
        return DEFAULT_SETTINGS
    path = Path(path)
    try:
        if path.stat().st_size > MAX_SETTINGS_BYTES:
            raise SettingsFileError(path, "the settings file is far too large to be settings")
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SettingsFileError(path, "the file is not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise SettingsFileError(path, f"cannot be read ({error.strerror})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column \d+\)", str(error))
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise SettingsFileError(path, f"not valid TOML: {problem}",
                                line=int(found[1]) if found else None) from None
    try:
        return settings_from_file(data, path)
    except SettingsError as error:
        raise SettingsFileError(path, error.problem, key=error.key,
                                line=key_line(text, error.key) if error.key else None) from None


def settings_from_file(data: dict, path: Path) -> Settings:
    """Settings from parsed TOML (see ``core.settings.settings_from_toml``)."""
    from xltools.core.settings import settings_from_toml

    return settings_from_toml(data, str(path))


_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$")
_BARE_OR_QUOTED = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_ASSIGN = re.compile(rf"^\s*({_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*)\s*=")
_DOT_OUTSIDE_QUOTES = re.compile(r"\.(?=(?:[^\"']*[\"'][^\"']*[\"'])*[^\"']*$)")


def _parts(dotted: str) -> list[str]:
    return [part.strip().strip("\"'") for part in _DOT_OUTSIDE_QUOTES.split(dotted)]


def key_line(text: str, key: str) -> int | None:
    """The line of ``text`` (TOML) where the dotted ``key`` is set, for error messages.

    Args:
        text: the file's text.
        key: e.g. ``aliases.activity.sub_goal``.

    Returns:
        The 1-based line of the assignment (or of its table header), or None.
    """
    wanted = key.split(".")
    table: list[str] = []
    best: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _TABLE.match(line):
            table = _parts(header[1].strip("[]"))
            if table == wanted and best is None:
                best = number
            continue
        if assign := _ASSIGN.match(line):
            full = table + _parts(assign[1])
            if full == wanted:
                return number
            if full == wanted[:len(full)] and best is None:
                best = number  # the key is inside an inline table set on this line
    return best
