"""Install the add-in into Excel (``xlwings addin install``) and write the user's ``xltools.conf``.

The settings file tells xlwings' VBA which Python runs the buttons (``INTERPRETER_WIN`` /
``INTERPRETER_MAC``) and where OneDrive and SharePoint sync to (xlwings' setting names,
see ``cloud``). It is written in the encoding the VBA reads (``userconf``); settings the
user already has are kept, missing ones are added.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from xltools.addin import cloud, userconf
from xltools.addin.build import ADDIN_FILENAME, PROJECT_NAME, build_addin

INTERPRETER_KEYS = {"win": "INTERPRETER_WIN", "darwin": "INTERPRETER_MAC"}


def default_addin_path() -> Path:
    """Where ``xltools addin install`` without a path builds the add-in: the user's data folder.

    Returns:
        ``%LOCALAPPDATA%\\xltools\\xltools.xlam`` on Windows,
        ``~/Library/Application Support/xltools/xltools.xlam`` on macOS,
        ``~/.local/share/xltools/xltools.xlam`` elsewhere (platformdirs).
    """
    from platformdirs import user_data_dir

    return Path(user_data_dir(PROJECT_NAME, appauthor=False)) / ADDIN_FILENAME


def _short_path(path: str) -> str:
    """Windows' 8.3 name of a path (plain ASCII), or the path itself where there is none."""
    if not sys.platform.startswith("win"):
        return path
    import ctypes

    buffer = ctypes.create_unicode_buffer(1024)
    length = ctypes.windll.kernel32.GetShortPathNameW(path, buffer, len(buffer))
    return buffer.value if 0 < length < len(buffer) else path


def interpreter_setting(executable: str, platform: str = sys.platform) -> str:
    """The interpreter path as the settings file can hold it.

    A path with a letter the VBA's code page lacks (say ``C:\\Users\\Michał``) is given in
    Windows' short 8.3 form, which is plain ASCII and names the same file.

    Args:
        executable: the Python executable with xltools installed.
        platform: ``sys.platform`` of the Excel machine.

    Returns:
        The path to write.
    """
    try:
        userconf.encode_conf({"x": executable}, platform)
    except userconf.ConfEncodingError:
        return _short_path(executable)
    return executable


def merged_settings(existing: Mapping[str, str], interpreter: str, platform: str = sys.platform,
                    sync_folders: Mapping[str, Path] | None = None) -> dict[str, str]:
    """The settings file's content after an install: the user's settings, then what is missing.

    Args:
        existing: what the file holds now (keys upper case).
        interpreter: the Python executable with xltools installed.
        platform: ``sys.platform`` of the Excel machine.
        sync_folders: OneDrive/SharePoint folders found (``cloud.discover``), by setting name.

    Returns:
        Key to value, in file order: existing settings unchanged, then the interpreter,
        ``ADD_WORKBOOK_TO_PYTHONPATH`` off, and the sync folders that were found.
    """
    key = INTERPRETER_KEYS["darwin" if platform.startswith("darwin") else "win"]
    settings = dict(existing)
    settings.setdefault(key, interpreter_setting(interpreter, platform))
    # The add-in's VBA ignores this setting anyway (vbapatch); said here for whoever reads it.
    settings.setdefault("ADD_WORKBOOK_TO_PYTHONPATH", "False")
    for name, folder in (sync_folders or {}).items():
        settings.setdefault(name, str(folder))
    return settings


def update_user_config(path: Path, interpreter: str, platform: str = sys.platform,
                       sync_folders: Mapping[str, Path] | None = None) -> list[str]:
    """Create or complete the user's settings file, in the encoding the VBA reads.

    A file an older xltools wrote in UTF-8 is rewritten in the right encoding.

    Args:
        path: the file, normally ``userconf.conf_path()``.
        interpreter: the Python executable with xltools installed.
        platform: ``sys.platform`` of the Excel machine.
        sync_folders: OneDrive/SharePoint folders found, by setting name.

    Returns:
        The settings that were added (empty when the file was complete).

    Raises:
        userconf.ConfEncodingError: a value cannot be written in the VBA's encoding.
    """
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = b""
    existing = userconf.decode_conf(old, platform)
    settings = merged_settings(existing, interpreter, platform, sync_folders)
    if userconf.encode_conf(settings, platform) != old:
        userconf.write_conf(path, settings, platform)
    return [k for k in settings if k not in existing]


def install_addin(path: Path | None = None, lang: str = "en") -> str:
    """Install the add-in into Excel's startup folder via ``xlwings addin install``.

    Args:
        path: The ``.xlam`` built by ``build_addin``; None builds one first, in ``lang``, to
            :func:`default_addin_path`.
        lang: The ribbon's language when building.

    Returns:
        A message for the user: what xlwings reported, where the settings live, what was added.

    Raises:
        RuntimeError: Not on Windows or macOS (no desktop Excel), or xlwings failed.
        FileNotFoundError: ``path`` does not exist.
        userconf.ConfEncodingError: the interpreter's path cannot be written for the VBA.
    """
    if not sys.platform.startswith(("win", "darwin")):
        raise RuntimeError("installing the add-in needs desktop Excel on Windows or macOS; "
                           "build the .xlam here with `xltools addin build` and install it there")
    path = build_addin(default_addin_path(), lang) if path is None else Path(path)
    if not path.is_file():
        raise FileNotFoundError(path)
    result = subprocess.run(
        [sys.executable, "-m", "xlwings.cli", "addin", "install", "-f", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = (result.stdout + result.stderr).strip()
    # xlwings prints its errors and still exits 0, so read what it said.
    if result.returncode != 0 or "Successfully installed" not in report:
        raise RuntimeError(f"xlwings addin install failed: {report}")
    config = userconf.conf_path()
    added = update_user_config(config, sys.executable, sys.platform, cloud.discover())
    note = f"added {', '.join(added)}" if added else "kept as it was"
    return f"{report}\nSettings for the ribbon: {config} ({note})"
