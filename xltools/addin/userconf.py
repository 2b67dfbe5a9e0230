"""The user's add-in settings file, ``xltools.conf``, in the format and encoding the VBA reads.

xlwings' VBA (``GetConfigFromFile``) reads it with ``Open … For Input`` and ``Input #``: one
``"KEY","VALUE"`` pair per line, decoded in the system's ANSI code page — cp1252 on Windows
set up for Danish, Swedish or English — and on macOS in the Mac's legacy encoding (Mac
Roman). UTF-8 would turn ``C:\\Users\\Søren`` into ``C:\\Users\\SÃ¸ren`` and Excel would report
"Could not find Interpreter!". The file is written in that encoding, and read back here (the
add-in's cloud-folder settings live in it) in the same one.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from xltools.errors import XltoolsError

PROJECT_NAME = "xltools"
_PAIR = re.compile(r'^\s*"([^"]*)"\s*,\s*"([^"]*)"\s*$')


class ConfEncodingError(XltoolsError):
    """A setting holds characters the VBA cannot read back from the settings file."""


def conf_path(platform: str = sys.platform, home: Path | None = None) -> Path:
    """Where xlwings' VBA (with PROJECT_NAME ``xltools``) looks for the user's settings file.

    Args:
        platform: ``sys.platform`` of the Excel machine.
        home: the user's home folder; defaults to ``Path.home()`` (``%USERPROFILE%``).

    Returns:
        ``~/.xltools/xltools.conf`` on Windows, the Excel sandbox's ``Data/xltools.conf``
        on macOS.
    """
    home = Path.home() if home is None else home
    if platform.startswith("darwin"):
        return home / "Library/Containers/com.microsoft.Excel/Data" / f"{PROJECT_NAME}.conf"
    return home / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf"


def conf_encoding(platform: str = sys.platform) -> str:
    """The encoding the VBA decodes the settings file with.

    Args:
        platform: ``sys.platform`` of the Excel machine.

    Returns:
        On Windows the ANSI code page of this machine when running there (``cp1252`` for
        Danish, Swedish and English Windows), else ``cp1252``; ``mac_roman`` on macOS.
    """
    if platform.startswith("darwin"):
        return "mac_roman"
    if sys.platform.startswith("win") and platform.startswith("win"):
        import locale

        return locale.getencoding()  # the ANSI code page, whatever Python's UTF-8 mode says
    return "cp1252"


def _line_end(platform: str) -> str:
    return "\n" if platform.startswith("darwin") else "\r\n"


def encode_conf(settings: Mapping[str, str], platform: str = sys.platform) -> bytes:
    """The settings as the bytes of a settings file the VBA reads.

    Args:
        settings: key to value, in file order.
        platform: ``sys.platform`` of the Excel machine (encoding and line ends).

    Returns:
        The file's bytes.

    Raises:
        ConfEncodingError: a key or value holds a double quote (``Input #`` cannot read it)
            or a character the platform's encoding lacks.
    """
    encoding = conf_encoding(platform)
    lines = []
    for key, value in settings.items():
        # NFC: macOS hands out decomposed names (a + combining ring), which Mac Roman lacks
        key, value = unicodedata.normalize("NFC", key), unicodedata.normalize("NFC", value)
        if '"' in key or '"' in value:
            raise ConfEncodingError(f"{key}: a setting cannot hold a double quote ({value})")
        line = f'"{key}","{value}"'
        try:
            line.encode(encoding)
        except UnicodeEncodeError:
            raise ConfEncodingError(
                f"{key}: {value} has characters Excel's macros cannot read from "
                f"{PROJECT_NAME}.conf ({encoding}); use a folder whose name has none of them"
            ) from None
        lines.append(line)
    end = _line_end(platform)
    return "".join(line + end for line in lines).encode(encoding)


def decode_conf(data: bytes, platform: str = sys.platform) -> dict[str, str]:
    """Read a settings file's bytes as the VBA does.

    A file an older xltools wrote in UTF-8 is recognised (it decodes as UTF-8 and has
    letters beyond ASCII) and read as UTF-8, so that it can be rewritten correctly.

    Args:
        data: the file's bytes.
        platform: ``sys.platform`` of the Excel machine.

    Returns:
        Key (upper case, as the VBA compares them case-insensitively) to value.
    """
    text = None
    if any(b > 0x7F for b in data):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None:
        text = data.decode(conf_encoding(platform), errors="replace")
    found: dict[str, str] = {}
    for line in text.splitlines():
        pair = _PAIR.match(line)
        if pair:
            found.setdefault(pair[1].upper(), pair[2])  # the VBA takes the first one
    return found


def read_conf(path: Path | None = None, platform: str = sys.platform) -> dict[str, str]:
    """The user's settings file as the VBA reads it ({} when there is none).

    Args:
        path: the file; by default :func:`conf_path`.
        platform: ``sys.platform`` of the Excel machine.

    Returns:
        Key (upper case) to value, environment variables not yet expanded.
    """
    path = conf_path(platform) if path is None else path
    try:
        return decode_conf(path.read_bytes(), platform)
    except OSError:
        return {}


def expand(value: str) -> str:
    """A setting's value with environment variables expanded, as the VBA does.

    Args:
        value: e.g. ``%USERPROFILE%\\OneDrive`` (Windows) or ``$HOME/OneDrive`` (macOS).

    Returns:
        The expanded text.
    """
    return os.path.expandvars(value)


def write_conf(path: Path, settings: Mapping[str, str], platform: str = sys.platform) -> None:
    """Write the settings file (replacing it), in the encoding the VBA reads.

    Args:
        path: the file.
        settings: key to value, in file order.
        platform: ``sys.platform`` of the Excel machine.

    Raises:
        ConfEncodingError: see :func:`encode_conf`; nothing is written then.
    """
    data = encode_conf(settings, platform)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_bytes(data)
    os.replace(temp, path)  # Excel never reads half a file
