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
from xltools.core.texts.errors import OUTPUT_KINDS
from xltools.errors import OutputError


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
        raise OutputError(code="output_folder_missing", path=given, folder=folder)
    if target.is_dir():
        raise OutputError(code="output_is_folder", path=given)
    lock = folder / f"~${target.name}"
    if lock.exists():
        raise OutputError(code="output_open", path=given)
    if target.exists():
        # The mode bits too: an administrator's os.access() says yes to a file marked
        # read-only, and replacing it would silently drop the protection the user put on it.
        if not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:
            raise OutputError(code="output_read_only", path=given)
        if not force and not _same_kind(target, kind):
            if kind is None:
                raise OutputError(code="output_exists", path=given)
            raise OutputError(code="output_exists_other", path=given,
                              kind=OUTPUT_KINDS[kind.value])
    if not os.access(folder, os.W_OK) or not folder.stat().st_mode & 0o222:
        raise OutputError(code="output_folder_locked", path=given, folder=folder)
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
            raise OutputError(code="output_in_use", path=given) from None
    finally:
        # also on Ctrl-C or a terminating signal (the command line turns SIGTERM into an
        # exit that runs this): no half-written file is left behind
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _plain_os_error(path: Path, error: OSError) -> OutputError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(code="disk_full", path=path)
    if error.errno in (errno.EACCES, errno.EPERM):
        return OutputError(code="permission_denied", path=path)
    return OutputError(code="cannot_write", path=path, detail=error.strerror or str(error))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
