"""Every output xltools writes follows one policy: checked first, written to a temporary file
beside the target, then moved into place in one step.

- An existing file is replaced only when it is an earlier output of the same kind (a re-run
  over last month's summary) or when the user says ``--force``; never a department's workbook
  by a typo.
- A replaced file keeps its permission bits (a private summary stays private).
- A symbolic link is written through: the file it points to is replaced, the link stays.
- A full disk, a read-only file, a file open in Excel: one plain line, no partial output.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from xltools.core.outputs import OutputKind
from xltools.errors import OutputError

# How each kind is named when a file is in the way (English; the CLI localises messages).
_KIND_NAMES = {
    OutputKind.SUMMARY: "an earlier xltools summary",
    OutputKind.CHASE_LIST: "an earlier xltools chase list",
    OutputKind.CHASE_INDEX: "an earlier xltools chase-list index",
    OutputKind.MARKED_COPY: "an earlier marked copy",
    OutputKind.TEMPLATE: "a new plan workbook",
}


def resolve_target(path: str | Path) -> Path:
    """The file an output really goes to: a symbolic link's target, otherwise ``path``."""
    path = Path(path)
    return path.resolve() if path.is_symlink() else path


def check_output_path(path: str | Path, *, kind: OutputKind | None = None,
                      force: bool = False) -> Path:
    """Check that ``path`` may be written under the output policy; return the real target.

    Args:
        path: the output the user named.
        kind: what is being written; an existing file of the same kind may be replaced.
            None: any existing file needs ``force``.
        force: replace whatever file is there.

    Returns:
        The file to write (a symbolic link's target).

    Raises:
        OutputError: the output cannot or may not be written there; the message says why.
    """
    given = Path(path)
    target = resolve_target(given)
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{given}: the folder {folder} does not exist")
    if target.is_dir():
        raise OutputError(f"{given}: this is a folder; give a file name for the output")
    lock = folder / f"~${target.name}"
    if lock.exists():
        raise OutputError(f"{given}: the file is open in Excel (close it and try again)")
    if target.exists():
        # The mode bits too: an administrator's os.access() says yes to a file marked
        # read-only, and replacing it would silently drop the protection the user put on it.
        if not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:
            raise OutputError(f"{given}: the file is read-only; choose another output file")
        if not force and not _same_kind(target, kind):
            what = f" and is not {_KIND_NAMES[kind]}" if kind in _KIND_NAMES else ""
            raise OutputError(f"{given} already exists{what}; choose another file name or add "
                              "--force to replace it")
    if not os.access(folder, os.W_OK) or not folder.stat().st_mode & 0o222:
        raise OutputError(f"{given}: cannot write in the folder {folder} (permission denied)")
    return target


def _same_kind(target: Path, kind: OutputKind | None) -> bool:
    if kind is None:
        return False
    from xltools.io.outputs import output_kind

    return output_kind(target) == kind


@contextlib.contextmanager
def atomic_output(path: str | Path, *, kind: OutputKind | None = None,
                  force: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces the output in one step.

    Args:
        path: the final output file (a symbolic link is written through).
        kind: what is being written (see ``check_output_path``).
        force: replace whatever file is there.

    Yields:
        A temporary file in the target's folder (so the final move is atomic).

    Raises:
        OutputError: the output may not or cannot be written, or the disk is full.
    """
    given = Path(path)
    target = check_output_path(given, kind=kind, force=force)
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".~xltools-", suffix=target.suffix,
                                             dir=target.parent)
    except OSError as error:
        raise _plain_os_error(given, error) from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        try:
            yield temp
        except OSError as error:
            raise _plain_os_error(given, error) from None
        with contextlib.suppress(OSError):
            os.chmod(temp, mode)
        try:
            os.replace(temp, target)
        except PermissionError:
            raise OutputError(f"{given}: the file cannot be replaced (is it open in another "
                              "program?)") from None
    finally:
        # also on Ctrl-C or a terminating signal (the command line turns SIGTERM into an
        # exit that runs this): no half-written file is left behind
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _plain_os_error(path: Path, error: OSError) -> OutputError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(f"{path}: the disk is full; free some space and try again")
    if error.errno in (errno.EACCES, errno.EPERM):
        return OutputError(f"{path}: permission denied")
    return OutputError(f"{path}: cannot be written ({error.strerror or error})")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
