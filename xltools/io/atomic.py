"""Write outputs safely: into a temporary file beside the target, then moved into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from xltools.errors import OutputError


def check_output_path(path: Path) -> None:
    """Raise OutputError when ``path`` cannot be written: missing folder, open in Excel, ..."""
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: this is a folder; give a file name for the output")
    lock = folder / f"~${path.name}"
    if lock.exists():
        raise OutputError(f"{path}: the file is open in Excel (close it and try again)")
    # The mode bits too: an administrator's os.access() says yes to a file marked read-only,
    # and replacing it would silently drop the protection the user put on it.
    if path.exists() and (not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222):
        raise OutputError(f"{path}: the file is read-only; choose another output file")
    if not os.access(folder, os.W_OK) or not folder.stat().st_mode & 0o222:
        raise OutputError(f"{path}: cannot write in the folder {folder} (permission denied)")


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces ``path`` in one step.

    Args:
        path: the final output file.

    Yields:
        A temporary file path in the same folder (so the final move is atomic).

    Raises:
        OutputError: the output cannot be written there.
    """
    path = Path(path)
    check_output_path(path)
    handle, temp_name = tempfile.mkstemp(prefix=".~xltools-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        try:
            os.replace(temp, path)
        except PermissionError:
            raise OutputError(f"{path}: the file cannot be replaced (is it open in another "
                              "program?)") from None
        with contextlib.suppress(OSError):
            os.chmod(path, 0o644 & ~_umask())
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
