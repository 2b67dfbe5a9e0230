"""Generators for the bad-input corpus: every hostile or odd file is made on the fly, none committed.

Each generator writes one file into a folder and returns its path. The names say what the
file is, so a failing test names the input it choked on.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from xltools.core.schema import PLANS, PlanKind
from xltools.io.template import build_workbook

AS_OF = "2026-11-01"
MAX_CELL_TEXT = 32_767  # Excel's limit for the text of one cell
EXCEL_ROWS = 1_048_576
SECRET = "xltools-external-entity-secret"  # planted in a local file an XXE would pull in

ActionRow = dict[str, object]

ACTION_ROWS: list[ActionRow] = [
    {"id": 1, "topic": "Workload", "goal": "Less stress", "actions": "Weekly planning",
     "owner": "Mette Hansen", "deadline": date(2026, 10, 1), "follow_up": "Staff meeting",
     "status": "Started"},
    {"id": 2, "topic": "Leadership", "goal": "Clear roles", "actions": "Workshop",
     "owner": "Per Olsen", "deadline": date(2027, 3, 1), "follow_up": "Survey",
     "status": "Not started"},
]


def _plan_workbook(rows: list[ActionRow], department: str = "Hardening"):  # type: ignore[no-untyped-def]
    wb = build_workbook("en", department=department, organisation="Test org",
                        last_updated=date(2026, 10, 1))
    ws = wb[PLANS[PlanKind.ACTION].title("en")]
    keys = [c.key for c in PLANS[PlanKind.ACTION].columns]
    for r, row in enumerate(rows, start=2):
        for key, value in row.items():
            ws.cell(row=r, column=keys.index(key) + 1, value=value)
    return wb


def valid_plan(folder: Path, name: str = "valid-plan.xlsx", rows: list[ActionRow] | None = None,
               department: str = "Hardening") -> Path:
    """A filled-in template: two action rows, one of them overdue on AS_OF."""
    path = folder / name
    _plan_workbook(ACTION_ROWS if rows is None else rows, department).save(path)
    return path


# --- not a workbook at all ------------------------------------------------------------------------

def empty_file(folder: Path) -> Path:
    path = folder / "empty-0-bytes.xlsx"
    path.write_bytes(b"")
    return path


def truncated_zip(folder: Path) -> Path:
    whole = valid_plan(folder, "whole-for-truncating.xlsx").read_bytes()
    path = folder / "truncated-copy.xlsx"
    path.write_bytes(whole[: len(whole) // 2])  # a download or copy cut short
    (folder / "whole-for-truncating.xlsx").unlink()
    return path


def random_bytes(folder: Path) -> Path:
    path = folder / "random-bytes.xlsx"
    path.write_bytes(random.Random(6).randbytes(20_000))
    return path


def csv_named_xlsx(folder: Path) -> Path:
    path = folder / "csv-export.xlsx"
    # Excel's Nordic CSV export: semicolons, cp1252
    path.write_bytes("ID;Emne;Ansvarlig;Frist\n1;Trivsel;Søren Ærø;01-12-2026\n".encode("cp1252"))
    return path


def html_named_xlsx(folder: Path) -> Path:
    path = folder / "html-report.xlsx"
    path.write_text("<!DOCTYPE html><html><body><table><tr><td>ID</td></tr></table></body></html>",
                    encoding="utf-8")
    return path


def encrypted_workbook(folder: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = valid_plan(folder, "plain-for-encrypting.xlsx")
    path = folder / "password-protected.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("Secret-123", target)
    plain.unlink()
    return path


def zip_bomb(folder: Path) -> Path:
    """A valid workbook plus one part that claims to unpack to 4 GB; the file itself is tiny.

    Only the size fields lie (the real data is small), so generating it costs nothing while
    anything that trusts the declared size or tries to inflate would be caught by the test.
    """
    path = folder / "zip-bomb.xlsx"
    source = valid_plan(folder, "plain-for-bomb.xlsx")
    shutil.copyfile(source, path)
    source.unlink()
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * 1_000_000)
    declared = 4 * 1024**3 - 1  # just under 4 GiB: fits the 32-bit size fields
    data = bytearray(path.read_bytes())
    name = b"xl/media/padding.bin"
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            name_offset = 30 if signature == b"PK\x03\x04" else 46
            if data[at + name_offset: at + name_offset + len(name)] == name:
                data[at + size_offset: at + size_offset + 4] = declared.to_bytes(4, "little")
            start = at + 4
    path.write_bytes(bytes(data))
    return path


def real_zip_bomb(folder: Path, megabytes: int = 600) -> Path:
    """A workbook whose sheet really inflates to ``megabytes`` MB of XML (about 0.6 MB on disk)."""
    path = folder / "real-zip-bomb.xlsx"
    source = valid_plan(folder, "plain-for-real-bomb.xlsx")
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(
            path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as bomb:
        sheet = _action_sheet_part(original)
        for info in original.infolist():
            if info.filename != sheet:
                bomb.writestr(info, original.read(info.filename))
        with bomb.open(sheet, "w", force_zip64=True) as part:
            xml = original.read(sheet)
            head, _, tail = xml.partition(b"</sheetData>")
            part.write(head)
            chunk = b" " * (1024 * 1024)
            for _ in range(megabytes):
                part.write(chunk)  # whitespace is legal between rows and deflates ~1000:1
            part.write(b"</sheetData>" + tail)
    source.unlink()
    return path


def _action_sheet_part(archive: zipfile.ZipFile) -> str:
    """The zip member holding the action plan sheet (found through workbook.xml and its rels)."""
    workbook = archive.read("xl/workbook.xml").decode()
    title = PLANS[PlanKind.ACTION].title("en")
    rid = re.search(rf'<sheet [^>]*name="{re.escape(title)}"[^>]*r:id="([^"]+)"', workbook)
    assert rid, workbook
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(rf'<Relationship [^>]*Id="{rid[1]}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid[1]}"', rels)
    assert target, rels
    return "xl/" + target[1].lstrip("/").removeprefix("xl/")


def _rewrite_part(source: Path, target: Path, part: str, edit: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(
            target, "w", compression=zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            copy.writestr(info, edit(data) if info.filename == part else data)
    return target


def _with_doctype(xml: bytes, doctype: str) -> bytes:
    declaration, sep, rest = xml.partition(b"?>")
    if not sep:
        return doctype.encode() + xml
    return declaration + b"?>" + doctype.encode() + rest


_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                     for i in range(1, 10))
           + "]>")


def billion_laughs(folder: Path) -> Path:
    """The action sheet's first goal cell holds &lol9; (10^9 'lol's if a parser expands it)."""
    source = valid_plan(folder, "plain-for-laughs.xlsx")
    with zipfile.ZipFile(source) as archive:
        sheet = _action_sheet_part(archive)

    def edit(xml: bytes) -> bytes:
        xml = _with_doctype(xml, _LAUGHS)
        # an inline string cell in the first empty column of row 2
        return xml.replace(b'<row r="2"', b'<row r="2"', 1).replace(
            b"</row>", b'<c r="Z2" t="inlineStr"><is><t>&lol9;</t></is></c></row>', 2)

    path = _rewrite_part(source, folder / "billion-laughs.xlsx", sheet, edit)
    source.unlink()
    return path


def xlsxwriter_plan(folder: Path, name: str) -> Path:
    """A plain plan written by XlsxWriter, which (unlike openpyxl) keeps text in sharedStrings."""
    import xlsxwriter

    path = folder / name
    keys = [c.key for c in PLANS[PlanKind.ACTION].columns]
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet(PLANS[PlanKind.ACTION].title("en"))
    sheet.write_row(0, 0, [c.label("en") for c in PLANS[PlanKind.ACTION].columns])
    for r, row in enumerate(ACTION_ROWS, start=1):
        for key, value in row.items():
            cell = value.isoformat() if isinstance(value, date) else value
            sheet.write(r, keys.index(key), cell)
    book.close()
    return path


def billion_laughs_shared_strings(folder: Path) -> Path:
    source = xlsxwriter_plan(folder, "plain-for-laughs-sst.xlsx")

    def edit(xml: bytes) -> bytes:
        return _with_doctype(xml, _LAUGHS).replace(b"<t>Workload</t>", b"<t>&lol9;</t>", 1)

    path = _rewrite_part(source, folder / "billion-laughs-shared-strings.xlsx",
                         "xl/sharedStrings.xml", edit)
    source.unlink()
    return path


def external_entity(folder: Path, secret_file: Path) -> Path:
    """sharedStrings declares an external entity pointing at a local file (XXE)."""
    source = xlsxwriter_plan(folder, "plain-for-xxe.xlsx")
    doctype = f'<!DOCTYPE sst [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>'

    def edit(xml: bytes) -> bytes:
        return _with_doctype(xml, doctype).replace(b"<t>Workload</t>", b"<t>&xxe;</t>", 1)

    path = _rewrite_part(source, folder / "external-entity.xlsx", "xl/sharedStrings.xml", edit)
    source.unlink()
    return path


# --- huge or odd but well-formed ------------------------------------------------------------------

def last_row_used(folder: Path) -> Path:
    """A value in the very last row and column (XFD1048576) of the action sheet."""
    wb = _plan_workbook(ACTION_ROWS)
    ws = wb[PLANS[PlanKind.ACTION].title("en")]
    ws.cell(row=EXCEL_ROWS, column=16_384, value="stray note at the very end")
    path = folder / "last-cell-used.xlsx"
    wb.save(path)
    return path


def last_row_value_column_a(folder: Path) -> Path:
    """A value in A1048576: a plan whose used range is a million rows deep but narrow."""
    wb = _plan_workbook(ACTION_ROWS)
    ws = wb[PLANS[PlanKind.ACTION].title("en")]
    ws.cell(row=EXCEL_ROWS, column=1, value=99)
    path = folder / "last-row-used.xlsx"
    wb.save(path)
    return path


def formatted_to_last_row(folder: Path) -> Path:
    """Every row down to 1,048,576 carries a style (a user formatted whole columns), no values.

    Written straight as XML: openpyxl would take minutes to write a million styled cells.
    """
    source = valid_plan(folder, "plain-for-formatting.xlsx")
    with zipfile.ZipFile(source) as archive:
        sheet = _action_sheet_part(archive)

    def edit(xml: bytes) -> bytes:
        rows = io.BytesIO()
        for r in range(100, EXCEL_ROWS + 1):
            rows.write(b'<row r="%d" s="1" customFormat="1"><c r="B%d" s="1"/></row>' % (r, r))
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:M1048576"/>', xml)
        return xml.replace(b"</sheetData>", rows.getvalue() + b"</sheetData>", 1)

    path = _rewrite_part(source, folder / "formatted-to-last-row.xlsx", sheet, edit)
    source.unlink()
    return path


def long_cells(folder: Path) -> Path:
    """Cells holding Excel's maximum of 32,767 characters, in text and in a coded column."""
    rows = [dict(ACTION_ROWS[0]), dict(ACTION_ROWS[1])]
    rows[0]["goal"] = "g" * MAX_CELL_TEXT
    rows[0]["actions"] = ("=cmd|' /C calc'!A0 " * 2000)[:MAX_CELL_TEXT]  # formula-looking text
    rows[1]["status"] = "x" * MAX_CELL_TEXT  # not a status: its issue message quotes it
    rows[1]["owner"] = "ø" * MAX_CELL_TEXT
    return valid_plan(folder, "long-cells.xlsx", rows)


def empty_plan_sheet(folder: Path) -> Path:
    """The action plan sheet exists but is completely empty (header deleted too)."""
    wb = build_workbook("en", department="Empty")
    ws = wb[PLANS[PlanKind.ACTION].title("en")]
    ws.delete_rows(1, ws.max_row)
    for table in list(ws.tables):
        del ws.tables[table]  # a table without its header row would be a broken file
    path = folder / "empty-plan-sheet.xlsx"
    wb.save(path)
    return path


def header_only(folder: Path) -> Path:
    path = folder / "header-only.xlsx"
    build_workbook("en", department="Header only").save(path)
    return path


def unrecognised_header(folder: Path) -> Path:
    """Sheets named like the plans, but their first row is not a header xltools knows."""
    from openpyxl import Workbook

    wb = Workbook()
    for i, kind in enumerate(PlanKind):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = PLANS[kind].title("en")
        ws.append(["Column 1", "Column 2", "Column 3"])
        ws.append(["a", "b", "c"])
    path = folder / "unrecognised-header.xlsx"
    wb.save(path)
    return path


def duplicate_sheet_names(folder: Path) -> Path:
    """Two sheets whose names differ only in case (Excel forbids it; a crafted file has it)."""
    wb = _plan_workbook(ACTION_ROWS)
    title = PLANS[PlanKind.ACTION].title("en")
    twin = wb.create_sheet("TWIN-PLACEHOLDER")
    twin.append([c.label("en") for c in PLANS[PlanKind.ACTION].columns])
    keys = [c.key for c in PLANS[PlanKind.ACTION].columns]
    other: ActionRow = {"id": 7, "topic": "Other", "goal": "Other goal", "actions": "Other action",
                        "owner": "Kim", "deadline": date(2026, 1, 1), "follow_up": "x",
                        "status": "Started"}
    twin.append([other.get(k) for k in keys])
    plain = folder / "plain-for-twins.xlsx"
    wb.save(plain)
    path = _rewrite_part(plain, folder / "duplicate-sheet-names.xlsx", "xl/workbook.xml",
                         lambda xml: xml.replace(b"TWIN-PLACEHOLDER", title.upper().encode()))
    plain.unlink()
    return path


def nordic_file_name(folder: Path) -> Path:
    return valid_plan(folder, "Hjemmeplejen æøå ÆØÅ – Åäö - nord.xlsx", department="Æblehaven")


def old_xls(folder: Path, soffice: str, profile: Path) -> Path:
    """A plan saved as Excel 97-2003 .xls by LibreOffice (no Python writer of .xls is available)."""
    source = valid_plan(folder, "old-format.xlsx")
    outdir = folder / "xls-out"
    outdir.mkdir()
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "xls", "--outdir", str(outdir), str(source)],
                   capture_output=True, timeout=120, check=False)
    produced = outdir / "old-format.xls"
    assert produced.exists(), "LibreOffice did not write the .xls"
    path = folder / "old-format.xls"
    produced.rename(path)
    outdir.rmdir()
    source.unlink()
    return path
