"""Read a workbook file into plan data: checks the file first, then reads cells with python-calamine."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from xltools.core.interpret import Grid, interpret_workbook
from xltools.core.plandata import WorkbookData
from xltools.errors import UnreadableWorkbookError

READABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024  # a zip bomb declares far more than this
MAX_BLANK_RUN = 10_000  # rows: a sheet "used" down to row 1,048,576 only by formatting ends here

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


def check_file(path: Path) -> None:
    """Raise UnreadableWorkbookError with a plain reason when ``path`` is no readable workbook."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableWorkbookError(path, "the file does not exist") from None
    except OSError as error:
        raise UnreadableWorkbookError(path, f"the file cannot be opened ({error.strerror})") from None
    if path.is_dir():
        raise UnreadableWorkbookError(path, "this is a folder, not a workbook file")
    if size == 0:
        raise UnreadableWorkbookError(path, "the file is empty (0 bytes)")
    if size > MAX_FILE_BYTES:
        raise UnreadableWorkbookError(
            path, f"the file is too large ({size / 1e6:.0f} MB; the limit is "
                  f"{MAX_FILE_BYTES / 1e6:.0f} MB)")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except PermissionError:
        raise UnreadableWorkbookError(path, "permission denied: the file cannot be read") from None
    except OSError as error:
        raise UnreadableWorkbookError(path, f"the file cannot be read ({error.strerror})") from None
    if head.startswith(_OLE_MAGIC):
        if path.suffix.lower() != ".xls" and _ENCRYPTED_MARK in path.read_bytes():
            raise UnreadableWorkbookError(
                path, "the workbook is password-protected (encrypted); save a copy without a "
                      "password and try again")
        return  # an old binary .xls; calamine reads it
    if not head.startswith(_ZIP_MAGIC):
        kind = _guess_text_kind(path)
        raise UnreadableWorkbookError(path, f"this is not an Excel workbook ({kind})")
    _check_zip(path)


def _guess_text_kind(path: Path) -> str:
    with path.open("rb") as handle:
        sample = handle.read(2048)
    try:
        text = sample.decode("utf-8-sig").lstrip().lower()
    except UnicodeDecodeError:
        # Excel saves CSV on Nordic Windows in cp1252: still text, and worth saying so
        text = sample.decode("cp1252", errors="replace").lstrip().lower()
        if not _looks_like_text(text):
            return "unrecognised binary content"
    if text.startswith(("<!doctype html", "<html", "<table")):
        return "it is an HTML page with a workbook's name"
    if text.startswith("<?xml"):
        return "it is an XML text file with a workbook's name"
    return "it looks like a text or CSV file with a workbook's name; open it in Excel and save as .xlsx"


def _looks_like_text(text: str) -> bool:
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return bool(text) and "\ufffd" not in text and "\x00" not in text \
        and printable >= 0.95 * len(text)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise UnreadableWorkbookError(
            path, "the file is damaged or incomplete (not a valid zip archive; was the copy "
                  "cut short?)") from None
    names = {info.filename for info in infos}
    if not ({"[Content_Types].xml", "mimetype"} & names):
        raise UnreadableWorkbookError(path, "this zip archive is not an Excel workbook")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNZIPPED_BYTES:
        raise UnreadableWorkbookError(
            path, f"the workbook unpacks to {declared / 1e9:.1f} GB, more than the "
                  f"{MAX_UNZIPPED_BYTES / 1e6:.0f} MB allowed (a damaged or hostile file?)")


class _SheetGrids(Mapping[str, Grid]):
    """Sheet name -> grid, reading each sheet only when it is asked for."""

    def __init__(self, path: Path, workbook: object) -> None:
        self._path = path
        self._workbook = workbook
        self._names: list[str] = list(workbook.sheet_names)  # type: ignore[attr-defined]
        self._cache: dict[str, Grid] = {}

    def __getitem__(self, name: str) -> Grid:
        if name not in self._cache:
            self._cache[name] = self._read(name)
        return self._cache[name]

    def _read(self, name: str) -> Grid:
        from python_calamine import CalamineError

        try:
            sheet = self._workbook.get_sheet_by_name(name)  # type: ignore[attr-defined]
            grid: list[list[object]] = []
            blank_run = 0
            for cells in sheet.iter_rows():
                if any(c != "" for c in cells):
                    blank_run = 0
                else:
                    blank_run += 1
                    if blank_run > MAX_BLANK_RUN:
                        break
                grid.append(cells)
        except (CalamineError, ValueError, OSError) as error:
            raise UnreadableWorkbookError(
                self._path, f"sheet '{name}' cannot be read ({_plain(error)})") from None
        # iter_rows starts at row 1 but at the first used column; pad so grid[0][0] is A1
        left = sheet.start[1] if sheet.start else 0
        if left:
            grid = [[""] * left + row for row in grid]
        return grid

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def _plain(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]


def read_workbook(path: str | Path, *, check: bool = True) -> WorkbookData:
    """Read a department workbook.

    Args:
        path: an .xlsx, .xlsm, .xls, .xlsb or .ods file. It is opened read-only.
        check: check the file's form (empty, encrypted, zip bomb, ...) before reading.

    Returns:
        Every plan found, with real sheet row numbers, header mapping, About and Checklist.

    Raises:
        UnreadableWorkbookError: the file is not a workbook that can be read; the message
            says why in plain words.
    """
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    path = Path(path)
    if check:
        check_file(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise UnreadableWorkbookError(path, "the workbook is password-protected") from None
    except (CalamineError, ValueError, OSError) as error:
        raise UnreadableWorkbookError(path, f"the workbook cannot be read ({_plain(error)})") \
            from None
    except BaseException as error:  # calamine's Rust side may panic on hostile files
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        raise UnreadableWorkbookError(path, f"the workbook is damaged ({_plain(error)})") from None
    try:
        return interpret_workbook(
            str(path), _SheetGrids(path, workbook), fallback_department=path.stem.strip()
        )
    except UnreadableWorkbookError:
        raise
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        raise UnreadableWorkbookError(path, f"the workbook is damaged ({_plain(error)})") from None
    finally:
        workbook.close()
