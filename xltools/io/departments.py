"""Read HR's department list into a grid of cells: a workbook's first sheet, or a CSV file.

CSV files come as Excel writes them: "CSV UTF-8" (with a byte-order mark), plain "CSV" in
the Windows code page (cp1252 on Nordic Windows), separated by ";" where the decimal comma
is used and by "," elsewhere, sometimes with Excel's ``sep=;`` first line. The separator is
the one that makes the most known headers of the first lines; the encoding is UTF-8 when
the bytes are UTF-8, else cp1252.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from xltools.core.departments import HEADER_SEARCH_ROWS, cell_value
from xltools.core.schema import department_list_index, normalize
from xltools.errors import XltoolsError
from xltools.io.read import READABLE_SUFFIXES

CSV_SUFFIXES = (".csv", ".txt")
DELIMITERS = (";", ",", "\t")
MAX_LIST_BYTES = 20 * 1024 * 1024  # a list of every department in a country is far smaller

Grid = list[list[object]]


class DepartmentListError(XltoolsError):
    """The department list cannot be read; the message says why in plain words."""


def read_list_grid(path: str | Path) -> Grid:
    """The cells of a department list, ``grid[0]`` being row 1 as the user sees it.

    Args:
        path: an .xlsx/.xlsm/.xls/.xlsb/.ods workbook (its first visible sheet is read) or a
            .csv/.txt file.

    Returns:
        The grid of cell values.

    Raises:
        DepartmentListError: the file is missing, of another type, or cannot be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise DepartmentListError(f"{path}: the department list does not exist")
    if suffix in CSV_SUFFIXES:
        if path.stat().st_size > MAX_LIST_BYTES:
            raise DepartmentListError(f"{path}: the file is far too large for a department list")
        try:
            return read_csv_grid(path.read_bytes())
        except OSError as error:
            raise DepartmentListError(f"{path}: cannot be read ({error.strerror})") from None
    if suffix in READABLE_SUFFIXES:
        return _read_sheet(path)
    raise DepartmentListError(f"{path}: a department list is an .xlsx workbook or a .csv file")


def decode(data: bytes) -> str:
    """The text of a CSV file as Excel writes it: UTF-8 (BOM or not), UTF-16 or cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # not UTF-8, so the Windows code page Excel uses for "CSV" on Nordic systems;
        # cp1252 leaves five bytes undefined, which become replacement characters
        return data.decode("cp1252", errors="replace")


def read_csv_grid(data: bytes) -> Grid:
    """The rows of a CSV file (bytes as read from disk).

    Args:
        data: the file's content.

    Returns:
        One list of text cells per record; a record's number is its row in Excel.
    """
    text = decode(data)
    delimiter = None
    first, _, rest = text.partition("\n")
    if first.strip().casefold().startswith("sep=") and len(first.strip()) == 5:
        delimiter, text = first.strip()[4], rest  # Excel's own hint; not a row
    if delimiter is None:
        delimiter = _sniff(text)
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _sniff(text: str) -> str:
    """The delimiter that makes the most known headers (then the most columns) in the top rows."""
    index = department_list_index()
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])

    def score(delimiter: str) -> tuple[int, int]:
        rows = list(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter))
        known = max((sum(normalize(c) in index for c in row) for row in rows), default=0)
        width = max((len(row) for row in rows), default=0)
        return known, width

    return max(DELIMITERS, key=score)


def _read_sheet(path: Path) -> Grid:
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    from xltools.errors import UnreadableWorkbookError
    from xltools.io.read import check_file, check_sheet

    try:
        check_file(path)  # empty, encrypted, a zip bomb, not a workbook: said plainly
        book = CalamineWorkbook.from_path(str(path))
    except UnreadableWorkbookError as error:
        raise DepartmentListError(str(error)) from None
    except (CalamineError, ValueError, OSError) as error:
        raise DepartmentListError(f"{path}: the workbook cannot be read ({error})") from None
    try:
        sheets = [m.name for m in book.sheets_metadata
                  if m.typ == SheetTypeEnum.WorkSheet and m.visible == SheetVisibleEnum.Visible]
        if not sheets:
            raise DepartmentListError(f"{path}: the workbook has no visible sheet")
        # the first visible sheet: a hidden helper sheet in front is not the list
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            # refuses a stray value far out (XFD1048576) before calamine would allocate for it
            check_sheet(path, sheets[0])
        rows = book.get_sheet_by_name(sheets[0]).to_python(skip_empty_area=False)
    except UnreadableWorkbookError as error:
        raise DepartmentListError(str(error)) from None
    except (CalamineError, ValueError, OSError) as error:
        raise DepartmentListError(f"{path}: the workbook cannot be read ({error})") from None
    finally:
        book.close()
    return [[None if c == "" else cell_value(c) for c in row] for row in rows]
