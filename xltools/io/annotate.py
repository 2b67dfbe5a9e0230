"""The file painter: mark issues in a copy of a workbook and clear them again, part by part.

It applies the marks protocol of :mod:`xltools.core.marks` to a workbook file through
:class:`xltools.io.package.Package` (:mod:`xltools.io.marking`, :mod:`xltools.io.clearing`).
Every part of the file that carries no marks is copied unchanged, and clearing takes out
exactly what marking put in. Outputs are written atomically.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from xltools.core.issues import Issue
from xltools.core.outputs import OutputKind
from xltools.errors import OutputError
from xltools.io.atomic import atomic_output, check_output_path
from xltools.io.clearing import ClearResult, clear
from xltools.io.marking import mark
from xltools.io.markparts import Progress, has_marks
from xltools.io.package import Package

EDITABLE_SUFFIXES = (".xlsx", ".xlsm")


def annotate_copy(source: str | Path, target: str | Path, issues: Iterable[Issue], *, lang: str,
                  progress: Progress | None = None, force: bool = False) -> Path:
    """Write a marked copy of ``source`` to ``target``; the original is never modified.

    Args:
        source: the workbook that was validated (.xlsx or .xlsm).
        target: where to write the marked copy (same type). Old xltools marks in the
            source are replaced, not stacked.
        issues: the issues to mark (cell-level ones are painted; all are listed).
        lang: language of the Issues sheet.
        progress: told what is being done, for a progress bar.
        force: replace an existing target that is not an earlier marked copy.

    Returns:
        The target path.

    Raises:
        OutputError: the target cannot be written, or is the source.
        UnreadableWorkbookError: the source cannot be edited safely (nothing is written).
    """
    source, target = Path(source), Path(target)
    _check_target(source, target)
    issues = list(issues)
    with Package(source) as package:
        if has_marks(package):
            # Marks are replaced: clear them into a temporary copy, then mark that.
            with tempfile.TemporaryDirectory(prefix="xltools-") as folder:
                cleared = Path(folder) / f"cleared{source.suffix}"
                clear(package, progress)
                package.save(cleared)
                with Package(cleared) as fresh:
                    return _write_marked(fresh, target, issues, lang, progress, force)
        return _write_marked(package, target, issues, lang, progress, force)


def clear_copy(source: str | Path, target: str | Path,
               progress: Progress | None = None, *, force: bool = False) -> ClearResult:
    """Write ``source`` without xltools' marks to ``target`` (which may be ``source`` itself).

    Nothing is written when the workbook holds no marks and the target is the source.

    Args:
        source: a workbook marked by ``annotate_copy`` or the add-in.
        target: the output file (same type); the source itself to clear in place (atomically).
        progress: told what is being done, for a progress bar.
        force: replace an existing target other than the source.

    Returns:
        How many cells were restored, which marks could not be found, and whether a file
        was written.
    """
    source, target = Path(source), Path(target)
    if source.suffix.lower() not in EDITABLE_SUFFIXES:
        raise OutputError(f"{source}: marks can be cleared from .xlsx and .xlsm workbooks only")
    if target.suffix.lower() != source.suffix.lower():
        raise OutputError(f"{target}: the output must keep the type of the original "
                          f"({source.suffix})")
    in_place = target.exists() and target.resolve() == source.resolve()
    with Package(source) as package:
        result = clear(package, progress)
        if not result.had_marks:
            if not in_place:
                with atomic_output(target, force=force) as temp:
                    shutil.copyfile(source, temp)  # an unchanged copy, byte for byte
                result.written = True
            return result
        with atomic_output(target, force=force or in_place) as temp:
            package.save(temp, _saving(progress))
        result.written = True
        return result


def _write_marked(package: Package, target: Path, issues: list[Issue], lang: str,
                  progress: Progress | None, force: bool) -> Path:
    check_output_path(target, kind=OutputKind.MARKED_COPY, force=force)  # before the work
    mark(package, issues, lang, progress)
    with atomic_output(target, kind=OutputKind.MARKED_COPY, force=force) as temp:
        package.save(temp, _saving(progress))
    return target


def _saving(progress: Progress | None) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress("Writing", done, total)


def _check_target(source: Path, target: Path) -> None:
    if source.suffix.lower() not in EDITABLE_SUFFIXES:
        raise OutputError(f"{source}: marked copies can be made of .xlsx and .xlsm workbooks; "
                          "save this one as .xlsx first")
    if target.suffix.lower() != source.suffix.lower():
        raise OutputError(f"{target}: the marked copy must keep the type of the original "
                          f"({source.suffix})")
    if target.exists() and target.resolve() == source.resolve():
        raise OutputError(f"{target}: this is the input workbook; give another file name for the "
                          "marked copy (the original is never changed)")

__all__ = ["ClearResult", "annotate_copy", "clear_copy"]
