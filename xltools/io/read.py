"""Read a workbook file into plan data: checks the file first, then reads cells with python-calamine."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path

from xltools.core.interpret import Grid, interpret_workbook
from xltools.core.outcomes import ReadFailure
from xltools.core.plandata import (
    ERROR_VALUE,
    UNCALCULATED,
    CellProblem,
    SheetFacts,
    WorkbookData,
)
from xltools.core.settings import DEFAULT_SETTINGS, Settings
from xltools.errors import UnreadableWorkbookError
from xltools.io.xmltext import unescape_bytes

READABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024  # a zip bomb declares far more than this
MAX_BLANK_RUN = 10_000  # rows: a sheet "used" down to row 1,048,576 only by formatting ends here
# calamine allocates rows x columns of the used range at ~35 bytes a cell, and aborts the
# whole process (no exception) when that fails: one stray value in XFD1048576 asks for 550 GB.
MAX_SHEET_CELLS = 4_000_000

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
# A cell holding something (not self-closing); formatting-only cells are skipped by calamine.
# Its reference is read however the attribute is spaced or quoted, as XML allows.
_VALUE_CELL = re.compile(
    rb"""<(?:\w+:)?c\s[^>/]*?\br\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["'][^>/]*>""")
_XML_HEAD_BYTES = 4096  # a DTD must come before the root element, so it sits near the start


def check_file(path: Path) -> None:
    """Raise UnreadableWorkbookError with a plain reason when ``path`` is no readable workbook."""
    archive = _checked_archive(path)
    if archive is not None:
        archive.close()


def _checked_archive(path: Path) -> zipfile.ZipFile | None:
    """``check_file``, handing back the zip archive it opened (None for an old binary .xls):
    the reader scans the sheets in it rather than opening and indexing the zip again."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableWorkbookError(path, "the file does not exist", code=ReadFailure.MISSING) from None
    except OSError as error:
        raise UnreadableWorkbookError(path, f"the file cannot be opened ({error.strerror})") from None
    if path.is_dir():
        raise UnreadableWorkbookError(path, "this is a folder, not a workbook file", code=ReadFailure.FOLDER)
    if path.name.startswith("~$"):
        # Excel's lock file beside an open workbook: not a workbook, and the advice for a
        # text file would mislead
        original = path.name[2:]
        raise UnreadableWorkbookError(
            path, f"this is Excel's lock file for {original}, which is open in Excel; use "
                  f"{original} itself", code=ReadFailure.LOCK_FILE, name=original)
    if size == 0:
        raise UnreadableWorkbookError(path, "the file is empty (0 bytes)", code=ReadFailure.EMPTY)
    if size > MAX_FILE_BYTES:
        raise UnreadableWorkbookError(
            path, f"the file is too large ({size / 1e6:.0f} MB; the limit is "
                  f"{MAX_FILE_BYTES / 1e6:.0f} MB)", code=ReadFailure.TOO_LARGE,
            size=f"{size / 1e6:.0f}", limit=f"{MAX_FILE_BYTES / 1e6:.0f}")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except PermissionError:
        raise UnreadableWorkbookError(path, "permission denied: the file cannot be read",
                                      code=ReadFailure.NO_PERMISSION) from None
    except OSError as error:
        raise UnreadableWorkbookError(path, f"the file cannot be read ({error.strerror})") from None
    if head.startswith(_OLE_MAGIC):
        if path.suffix.lower() != ".xls" and _ENCRYPTED_MARK in path.read_bytes():
            raise UnreadableWorkbookError(
                path, "the workbook is password-protected (encrypted); save a copy without a "
                      "password and try again", code=ReadFailure.ENCRYPTED)
        return None  # an old binary .xls; calamine reads it
    if not head.startswith(_ZIP_MAGIC):
        if path.suffix.lower() not in READABLE_SUFFIXES:
            raise UnreadableWorkbookError(
                path, f"unsupported file type '{path.suffix or '(none)'}'; xltools reads "
                      + ", ".join(READABLE_SUFFIXES) + " workbooks",
                code=ReadFailure.UNSUPPORTED_TYPE, suffix=path.suffix or "(none)")
        kind = _guess_text_kind(path)
        raise UnreadableWorkbookError(path, f"this is not an Excel workbook ({kind})",
                                      code=ReadFailure.NOT_WORKBOOK)
    return _check_zip(path)


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


def _check_zip(path: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
        # NotImplementedError: a damaged header claiming an unknown zip version
        raise UnreadableWorkbookError(
            path, "the file is damaged or incomplete (not a valid zip archive; was the copy "
                  "cut short?)", code=ReadFailure.DAMAGED) from None
    try:
        _check_parts(path, archive)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_parts(path: Path, archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if not ({"[Content_Types].xml", "mimetype"} & names):
        raise UnreadableWorkbookError(path, "this zip archive is not an Excel workbook",
                                      code=ReadFailure.NOT_WORKBOOK)
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNZIPPED_BYTES:
        raise UnreadableWorkbookError(
            path, f"the workbook unpacks to {declared / 1e9:.1f} GB, more than the "
                  f"{MAX_UNZIPPED_BYTES / 1e6:.0f} MB allowed (a damaged or hostile file?)",
            code=ReadFailure.TOO_BIG_UNPACKED)
    _check_no_dtd(path, archive, infos)


def _check_no_dtd(path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    # Excel never writes a DTD; one in a workbook part only serves entity tricks (billion
    # laughs, external entities). calamine does not expand them, but refusing is clearer.
    try:
        for info in infos:
            if not info.filename.endswith((".xml", ".rels", ".vml")):
                continue
            head = _part_head(archive, info, _XML_HEAD_BYTES)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise UnreadableWorkbookError(
                    path, f"the workbook contains XML with entity declarations "
                          f"({info.filename}), which Excel never writes; refused for safety")
    except UnreadableWorkbookError:
        raise
    except Exception as error:  # BadZipFile, zlib.error, EOFError, ...: no common base
        raise UnreadableWorkbookError(
            path, f"the file is damaged (a part cannot be unpacked: {_plain(error)})") from None


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, 22 bytes, name length, extra length


def _part_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
               size: int = _XML_HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of a part, as ``archive.open(info).read(size)`` gives them.

    ``ZipFile.open`` sets up a reader per part, some 30 microseconds: a workbook made from
    the template has 30-odd XML parts, and every one is looked at before reading. The plain
    case is read here straight from the file; anything out of the ordinary (encryption,
    another compression, a local header that disagrees, data cut short, a stream ending
    early, a wrong checksum) goes through ``ZipFile.open``, which reads or refuses it as it
    always has. ``size`` is at most ZipFile's own read size (4 KB): ZipFile then checks the
    checksum exactly when the part is no longer than ``size``, and so does this.
    """
    fast = archive.fp is not None and not info.flag_bits & 0x1 \
        and info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
    if fast:
        try:
            return _plain_part_head(archive, info, size)
        except (ValueError, OSError, zlib.error, struct.error):
            pass  # ZipFile.open says what is wrong with it
    with archive.open(info) as part:
        return part.read(size)


def _plain_part_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int) -> bytes:
    stream = archive.fp
    assert stream is not None
    stream.seek(info.header_offset)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(stream.read(30))
    name = stream.read(name_length).decode("utf-8" if info.flag_bits & 0x800 else "cp437")
    if signature != _ZIP_MAGIC or name != info.orig_filename:
        raise ValueError("the part's local header does not match the directory")
    stream.seek(extra_length, 1)
    # a part no longer than size is unpacked whole and its checksum checked; of a longer
    # one a byte more than asked is unpacked, to be sure its stream goes on
    whole = info.file_size <= size
    wanted = info.file_size if whole else size + 1
    inflate = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    data, left = b"", info.compress_size
    while len(data) < wanted and left > 0:
        chunk = stream.read(min(left, 4096))
        if not chunk:
            raise ValueError("the part is cut short")
        left -= len(chunk)
        data += inflate.decompress(chunk, wanted - len(data)) if inflate \
            else chunk[:wanted - len(data)]
    if len(data) < wanted or (whole and zlib.crc32(data) != info.CRC):
        raise ValueError("the part does not unpack to what the directory says")
    return data[:size]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _rels_targets(archive: zipfile.ZipFile, rels: str, base: str) -> dict[str, str]:
    """Relationship id -> zip member, from a .rels part (targets relative to ``base``)."""
    import posixpath

    import defusedxml.ElementTree as SafeTree

    if rels not in archive.NameToInfo:
        return {}
    targets: dict[str, str] = {}
    for element in SafeTree.fromstring(archive.read(rels)).iter():
        if _local(element.tag) == "Relationship" and element.get("Id") and element.get("Target"):
            if element.get("TargetMode") == "External":
                continue
            target = element.get("Target", "")
            targets[element.get("Id", "")] = (target.lstrip("/") if target.startswith("/")
                                              else posixpath.normpath(posixpath.join(base, target)))
    return targets


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member of its XML, from workbook.xml and its relationships."""
    import defusedxml.ElementTree as SafeTree

    if "xl/workbook.xml" not in archive.NameToInfo:
        return {}
    targets = _rels_targets(archive, "xl/_rels/workbook.xml.rels", "xl")
    parts: dict[str, str] = {}
    for element in SafeTree.fromstring(archive.read("xl/workbook.xml")).iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
        if element.get("name") and rid in targets:
            parts[element.get("name", "")] = targets[rid]
    return parts


def _column_number(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number


# A cell holding a formula or an error, with its content: only looked for in chunks that hold
# "<f" or 't="e"' at all, so sheets without formulas pay nothing for it.
_FORMULA_OR_ERROR = re.compile(
    rb'<(?:\w+:)?c\s([^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*)(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)")


def _cell_problem(attributes: bytes, content: bytes) -> CellProblem | None:
    value = _VALUE.search(content)
    if b't="e"' in attributes:
        return CellProblem(ERROR_VALUE, unescape_bytes(value.group(1)) if value else "#N/A")
    formula = _FORMULA_TEXT.search(content)
    if formula is not None and (value is None or not value.group(1)):
        return CellProblem(UNCALCULATED, "=" + unescape_bytes(formula.group(1) or b""))
    return None


class _Package:
    """The workbook's zip, opened once for every sheet scanned (a roll-up reads four sheets
    of each of a thousand files: reopening the zip and its sheet list per sheet showed)."""

    def __init__(self, path: Path, archive: zipfile.ZipFile | None = None) -> None:
        self.path = path
        self._archive = archive  # the one the file checks opened, else opened when first asked
        self._parts: dict[str, str] | None = None

    def open(self) -> tuple[zipfile.ZipFile, dict[str, str]]:
        if self._archive is None:
            self._archive = zipfile.ZipFile(self.path)
        if self._parts is None:
            self._parts = _sheet_parts(self._archive)
        return self._archive, self._parts

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None


def _scan_sheet(package: _Package, name: str, facts: SheetFacts, *,
                exact_extent: bool = False) -> None:
    """Read what calamine does not tell from a sheet's XML, and refuse a sheet too big for it.

    Fills ``facts`` with formulas never calculated, error values and the totals rows of the
    sheet's tables. Raises before calamine would try to allocate a used range it cannot hold.

    The value cells' extent is worked out cell by cell only when it can matter: when some
    cell lies far out (two column letters or six row digits), or when ``exact_extent`` asks
    for it (then ``facts.last_value_row`` is set). Otherwise every cell is within Z99999 and
    calamine's range within ``MAX_SHEET_CELLS``, and calamine tells the extent itself.
    """
    path = package.path
    try:
        archive, parts = package.open()
        part = parts.get(name)
        if part is None or part not in archive.NameToInfo:
            return  # not an OOXML sheet we can locate: calamine decides
        far_out = _scan_cells(archive, part, facts)
        facts.totals_rows = _totals_rows(archive, part)
        extent = _value_extent(archive, part) if far_out or exact_extent else None
    except UnreadableWorkbookError:
        raise
    except Exception as error:  # defusedxml refusals, bad zip members, zlib errors
        raise UnreadableWorkbookError(
            path, f"sheet '{name}' cannot be read safely ({_plain(error)})") from None
    if extent is None:
        return
    first_row, last_row, first_col, last_col = extent
    facts.last_value_row = last_row
    # calamine's range spans from A1's row/column only when used; its origin is the first cell
    cells = (last_row - first_row + 1) * (last_col - first_col + 1)
    if cells > MAX_SHEET_CELLS:
        from xltools.core.plandata import column_letter

        raise UnreadableWorkbookError(
            path, f"sheet '{name}' has values as far out as cell "
                  f"{column_letter(last_col - 1)}{last_row} ({cells:,} cells to read); delete "
                  "the stray cells below or to the right of the plan and save again",
            code=ReadFailure.STRAY_CELLS, sheet=name, cell=f"{column_letter(last_col - 1)}{last_row}")


def check_sheet(path: str | Path, name: str) -> SheetFacts:
    """Check one sheet of an .xlsx/.xlsm the way the reader does before calamine reads it.

    Args:
        path: the workbook.
        name: the sheet.

    Returns:
        What the scan learnt about the sheet (extent, formulas, totals rows).

    Raises:
        UnreadableWorkbookError: the sheet cannot be read safely (e.g. a value in XFD1048576).
    """
    package = _Package(Path(path))
    facts = SheetFacts()
    try:
        _scan_sheet(package, name, facts, exact_extent=True)
    finally:
        package.close()
    return facts


# A cell reference with two column letters or six row digits (AA1, A100000): only such a
# cell can stretch calamine's range beyond MAX_SHEET_CELLS (26 columns x 99,999 rows is
# 2.6 million cells). Matched in any attribute named r, however spaced or quoted, as a
# hostile file may write it; a false alarm only costs the cell-by-cell extent.
_FAR_OUT_REF = re.compile(rb"""r\s*=\s*["'](?:[A-Z]{2}|[A-Z]{1,3}[0-9]{6})""")


def _sheet_chunks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """A sheet part's XML in pieces of about a megabyte, each ending after a whole row."""
    with archive.open(part) as stream:
        carry = b""
        while chunk := stream.read(1 << 20):
            text = carry + chunk
            # keep a cell that straddles two chunks whole: cut after the last row end
            cut = text.rfind(b"</row>")
            cut = cut + 6 if cut >= 0 else text.rfind(b"<")
            text, carry = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
            yield text
        if carry:
            yield carry


def _scan_cells(archive: zipfile.ZipFile, part: str, facts: SheetFacts) -> bool:
    """Stream a sheet part once: formulas without a result and error values into ``facts``.

    Returns:
        Whether a cell reference lies far out (see ``_FAR_OUT_REF``).
    """
    far_out = False
    for text in _sheet_chunks(archive, part):
        far_out = far_out or _FAR_OUT_REF.search(text) is not None
        # only chunks that hold "<f" or 't="e"' at all: sheets without formulas pay nothing
        if b"<f" in text or b't="e"' in text:
            for attributes, letter, digit, content in _FORMULA_OR_ERROR.findall(text):
                problem = _cell_problem(attributes, content)
                if problem is not None:
                    facts.problems[(int(digit) - 1, _column_number(letter) - 1)] = problem
    return far_out


def _value_extent(archive: zipfile.ZipFile, part: str) -> tuple[int, int, int, int] | None:
    """The extent of a sheet's value cells: first and last row and column, 1-based."""
    first_row = first_col = 1 << 30
    last_row = last_col = 0
    for text in _sheet_chunks(archive, part):
        found = _VALUE_CELL.findall(text)
        if not found:
            continue
        # built-ins over whole chunks: a per-cell Python loop costs a fifth of a read
        letters, digits = zip(*found, strict=True)
        rows = list(map(int, digits))
        cols = [_column_number(c) for c in set(letters)]
        first_row, last_row = min(first_row, *rows), max(last_row, *rows)
        first_col, last_col = min(first_col, *cols), max(last_col, *cols)
    return (first_row, last_row, first_col, last_col) if last_row else None


_TABLE_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$")


def _totals_rows(archive: zipfile.ZipFile, part: str) -> set[int]:
    """0-based rows that are the totals row of one of the sheet's Excel tables."""
    import posixpath

    import defusedxml.ElementTree as SafeTree

    folder, name = posixpath.split(part)
    rows: set[int] = set()
    for target in _rels_targets(archive, f"{folder}/_rels/{name}.rels", folder).values():
        if "/tables/" not in target or target not in archive.NameToInfo:
            continue
        if archive.getinfo(target).file_size > 1 << 20:
            continue  # a table part is a few kB; anything else is no table of ours to trust
        xml = archive.read(target)
        if b"totalsRowCount" not in xml:
            continue  # no totals row (an attribute's name is never escaped): nothing to parse
        table = SafeTree.fromstring(xml)
        count = table.get("totalsRowCount")
        match = _TABLE_REF.match(table.get("ref", ""))
        if match and count and count.isdigit() and int(count) > 0:
            last = int(match[4])
            rows.update(range(last - int(count), last))  # 0-based: last row is last - 1
    return rows


class _SheetGrids(Mapping[str, Grid]):
    """Sheet name -> grid, reading each sheet only when it is asked for.

    ``facts`` holds, per sheet, what the reader learns beyond values: filled in as each
    sheet is read (its visibility is known from the start).
    """

    def __init__(self, path: Path, workbook: object,
                 archive: zipfile.ZipFile | None = None) -> None:
        from python_calamine import SheetTypeEnum, SheetVisibleEnum

        self._path = path
        self._workbook = workbook
        self.package = _Package(path, archive)
        metadata = list(workbook.sheets_metadata)  # type: ignore[attr-defined]
        # chart sheets hold no cells: they are never a plan, whatever their title
        self._names = [m.name for m in metadata if m.typ == SheetTypeEnum.WorkSheet]
        self.facts: dict[str, SheetFacts] = {
            m.name: SheetFacts(hidden=m.visible != SheetVisibleEnum.Visible) for m in metadata}
        self._cache: dict[str, Grid] = {}

    def __getitem__(self, name: str) -> Grid:
        if name not in self._cache:
            self._cache[name] = self._read(name)
        return self._cache[name]

    def _read(self, name: str) -> Grid:
        from python_calamine import CalamineError

        facts = self.facts.setdefault(name, SheetFacts())
        ooxml = self._path.suffix.lower() in (".xlsx", ".xlsm")
        if ooxml:
            _scan_sheet(self.package, name, facts)
        try:
            sheet = self._workbook.get_sheet_by_name(name)  # type: ignore[attr-defined]
            grid: list[list[object]] = []
            blank_run = 0
            for cells in sheet.iter_rows():
                if cells.count("") < len(cells):  # calamine gives "" for an empty cell
                    blank_run = 0
                else:
                    blank_run += 1
                    if blank_run > MAX_BLANK_RUN:
                        facts.stopped_at = len(grid) - blank_run + 1
                        break
                grid.append(cells)
            if facts.stopped_at and ooxml and facts.last_value_row is None:
                # the rows left unread are named from the file's own value cells (scanned
                # again: rare, and only for sheets reaching 10,000 rows further down)
                _scan_sheet(self.package, name, facts, exact_extent=True)
            end = sheet.end
            if facts.last_value_row is None and end:
                facts.last_value_row = end[0] + 1
            facts.merged = [(r1, c1, r2, c2)
                            for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or ())]
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


def read_workbook(path: str | Path, *, check: bool = True,
                  settings: Settings = DEFAULT_SETTINGS) -> WorkbookData:
    """Read a department workbook.

    Args:
        path: an .xlsx, .xlsm, .xls, .xlsb or .ods file. It is opened read-only.
        check: check the file's form (empty, encrypted, zip bomb, ...) before reading.
        settings: the organisation's settings (its own header names).

    Returns:
        Every plan found, with real sheet row numbers, header mapping, About and Checklist.

    Raises:
        UnreadableWorkbookError: the file is not a workbook that can be read; the message
            says why in plain words.
    """
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    path = Path(path)
    archive = _checked_archive(path) if check else None
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except PasswordError:
        _close(archive)
        raise UnreadableWorkbookError(path, "the workbook is password-protected",
                                      code=ReadFailure.ENCRYPTED) from None
    except (CalamineError, ValueError, OSError) as error:
        _close(archive)
        raise UnreadableWorkbookError(path, f"the workbook cannot be read ({_plain(error)})") \
            from None
    except BaseException as error:  # calamine's Rust side may panic on hostile files
        _close(archive)
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        raise UnreadableWorkbookError(path, f"the workbook is damaged ({_plain(error)})") from None
    grids: _SheetGrids | None = None
    try:
        grids = _SheetGrids(path, workbook, archive)
        data = interpret_workbook(str(path), grids, fallback_department=path.stem.strip(),
                                  facts=grids.facts, settings=settings)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            from xltools.io.outputs import output_kind_of

            archive, _ = grids.package.open()
            kind = output_kind_of(archive)
            data.output_kind = kind.value if kind is not None else None
        return data
    except UnreadableWorkbookError:
        raise
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        raise UnreadableWorkbookError(path, f"the workbook is damaged ({_plain(error)})") from None
    finally:
        workbook.close()
        if grids is not None:
            grids.package.close()
        else:
            _close(archive)


def _close(archive: zipfile.ZipFile | None) -> None:
    if archive is not None:
        archive.close()
