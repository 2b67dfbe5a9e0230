"""Find the workbooks to read: folders searched recursively, lock and hidden files skipped."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from xltools.core.outcomes import SkipReason
from xltools.io.read import READABLE_SUFFIXES


@dataclass(slots=True)
class FoundFiles:
    """Workbooks to read, files skipped on purpose (with why) and paths that do not exist."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    # the input folder each file was found under; files named directly are not in it
    found_under: dict[Path, Path] = field(default_factory=dict)

    def folder_area(self, path: Path) -> str | None:
        """The area a file's place says: the first folder level under the input folder.

        Args:
            path: one of ``files``.

        Returns:
            The folder's name, or None for a file directly in the input folder or named
            directly (such a file has no folder area).
        """
        root = self.found_under.get(path)
        if root is None:
            return None
        parts = path.relative_to(root).parts
        return parts[0] if len(parts) > 1 else None


def skip_reason(path: Path) -> SkipReason | None:
    """Why a file found in a folder is not read (worded by core.texts.SKIP_REASONS), or None."""
    name = path.name
    if name.startswith("~$"):
        return SkipReason.EXCEL_LOCK
    if name.startswith(".~lock.") and name.endswith("#"):
        return SkipReason.LIBREOFFICE_LOCK
    if name.startswith("."):
        return SkipReason.HIDDEN
    if path.suffix.lower() not in READABLE_SUFFIXES:
        return SkipReason.NOT_WORKBOOK_TYPE
    return None


def find_workbooks(paths: Iterable[str | Path]) -> FoundFiles:
    """Expand folders (recursively, sorted) and keep the files given directly.

    Args:
        paths: files and folders as the user named them.

    Returns:
        The workbooks to read, in a stable order, plus what was skipped or missing.
    """
    found = FoundFiles()
    seen: set[Path] = set()
    for given in map(Path, paths):
        if given.is_dir():
            candidates = sorted(p for p in given.rglob("*") if p.is_file() or p.is_symlink())
            for path in candidates:
                if any(part.startswith(".") for part in path.relative_to(given).parts[:-1]):
                    continue  # inside a hidden folder
                reason = skip_reason(path)
                if reason is SkipReason.NOT_WORKBOOK_TYPE:
                    continue  # other documents in the folder are none of our business
                if reason:
                    found.skipped.append((path, reason))
                elif path.resolve() not in seen:
                    seen.add(path.resolve())
                    found.files.append(path)
                    found.found_under[path] = given
        elif given.exists():
            if given.resolve() not in seen:
                seen.add(given.resolve())
                found.files.append(given)  # named directly: read it, the reader says if it can't
        else:
            found.missing.append(given)
    return found
