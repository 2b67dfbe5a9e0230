"""Workbooks holding what a manager's file holds, made in the tests (nothing binary committed).

One base plan, written with XlsxWriter, and one variant per feature a marked or cleared copy
must keep: a picture, a text box, a form button, a header logo, an Excel 365 comment thread,
a cross-sheet drop-down stored in the x14 extension list, 2010 data bars and icon sets, a
sparkline, a custom ribbon with macros and their signature, notes set to always show, the
company and manager in app.xml, formula cells with cached values, dates holding 3000000 and
60, a merged Responsible cell, a control character, a user's own sheet called "Issues".
Parts no writer makes are written by hand, as Excel writes them.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

from xltools.core.schema import PLANS, PlanKind
from xltools.io.template import header_labels

AS_OF = date(2026, 6, 1)
SHEET = "Action plan"
HEADER = header_labels(PlanKind.ACTION, "en")
COLUMN = {key: i for i, key in enumerate(PLANS[PlanKind.ACTION].keys)}  # 0-based
THREAD_ID = "{6A4B1D3E-2C1B-4E6A-9E7D-1A2B3C4D5E6F}"
PERSON_ID = "{0B9A7C6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D}"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
XR = "http://schemas.microsoft.com/office/spreadsheetml/2014/revision"

Extra = Callable[[xlsxwriter.Workbook, "xlsxwriter.worksheet.Worksheet", dict], None]


def png(width: int = 4, height: int = 4, rgb: tuple[int, int, int] = (31, 78, 120)) -> bytes:
    """A small PNG picture (a plain square)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def base_plan(path: Path, extra: Extra | None = None, *, vba: bytes | None = None,
              own_note: bool = True) -> Path:
    """An action plan with known problems (as of AS_OF), written by XlsxWriter.

    Row 2: overdue; the Responsible cell is merged over G2:G4 and names a group, so each of
    the three rows gets a vague-owner warning on the merged cell; the ID and Topic are
    formulas with cached results. Row 3: the goal is missing. Row 4: a status with a control
    character pasted from Word, a start date holding 60 (Excel's 29 Feb 1900) and a deadline
    holding 3000000 (past Excel's last date). Row 5: due soon, with (``own_note``) a note of
    its own on the owner.
    """
    workbook = xlsxwriter.Workbook(str(path))
    if vba is not None:
        workbook.add_vba_project(io.BytesIO(vba), is_stream=True)
    sheet = workbook.add_worksheet(SHEET)
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    header = workbook.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    formats = {"date": date_format, "header": header, "wrap": wrap}
    sheet.write_row(0, 0, HEADER, header)
    rows = {
        2: {"goal": "Less overtime", "actions": "Plan the week", "start": datetime(2026, 1, 10),
            "deadline": datetime(2026, 3, 1), "follow_up": "Monthly", "status": "In progress"},
        3: {"id": 2, "topic": "Workload", "actions": "Stand-up", "start": datetime(2026, 1, 10),
            "deadline": datetime(2026, 9, 1), "follow_up": "Weekly", "status": "Not started"},
        4: {"id": 3, "topic": "Leadership", "goal": "Clear roles", "actions": "Workshop",
            "start": 60, "deadline": 3000000, "follow_up": "Survey", "status": "Done\x01"},
        5: {"id": 4, "topic": "Cooperation", "goal": "Fewer conflicts", "actions": "Mediation",
            "owner": "everyone", "start": datetime(2026, 5, 1), "deadline": datetime(2026, 6, 10),
            "follow_up": "Talk", "status": "In progress"},
    }
    for row, values in rows.items():
        for key, value in values.items():
            column = COLUMN[key]
            if key in ("start", "deadline"):
                if isinstance(value, datetime):
                    sheet.write_datetime(row - 1, column, value, date_format)
                else:
                    sheet.write_number(row - 1, column, value, date_format)
            elif isinstance(value, str):
                sheet.write_string(row - 1, column, value, wrap)
            else:
                sheet.write_number(row - 1, column, value)
    # formulas with the results Excel would have cached
    sheet.write_formula(1, COLUMN["id"], "=ROW()-1", None, 1)
    sheet.write_formula(1, COLUMN["topic"], '="Work"&"load"', wrap, "Workload")
    sheet.merge_range(1, COLUMN["owner"], 3, COLUMN["owner"], "the team", wrap)
    if own_note:
        sheet.write_comment(4, COLUMN["owner"], "Ask the team who leads this.", {"author": "Ida"})
    sheet.set_column(0, len(HEADER) - 1, 14)
    lists = workbook.add_worksheet("Lists")
    lists.write_column(0, 0, ["Not started", "In progress", "Done"])
    user_issues = workbook.add_worksheet("Issues")
    user_issues.write_row(0, 0, ["My own list of issues", "keep me"])
    if extra is not None:
        extra(workbook, sheet, formats)
    workbook.set_properties({"title": "Action plan 2026"})
    workbook.close()
    return path


def rewrite_parts(path: Path, edit: Callable[[dict[str, bytes]], None]) -> Path:
    """Edit a workbook's parts by hand (as Excel would have written them), keeping their order."""
    with zipfile.ZipFile(path) as source:
        order = source.namelist()
        parts = {name: source.read(name) for name in order}
    edit(parts)
    names = [n for n in order if n in parts] + [n for n in parts if n not in order]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in names:
            out.writestr(name, parts[name])
    return path


def _add_override(parts: dict[str, bytes], part: str, content_type: str) -> None:
    types = parts["[Content_Types].xml"]
    entry = f'<Override PartName="/{part}" ContentType="{content_type}"/>'.encode()
    parts["[Content_Types].xml"] = types.replace(b"</Types>", entry + b"</Types>")


def _add_relationship(parts: dict[str, bytes], rels: str, rel_id: str, kind: str,
                      target: str) -> None:
    text = parts.get(rels, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                           b'<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                           b'2006/relationships"></Relationships>')
    entry = f'<Relationship Id="{rel_id}" Type="{kind}" Target="{target}"/>'.encode()
    parts[rels] = text.replace(b"</Relationships>", entry + b"</Relationships>")


# --- one variant per feature ----------------------------------------------------------------


def picture(folder: Path) -> Path:
    def extra(_: xlsxwriter.Workbook, sheet, __: dict) -> None:
        sheet.insert_image("S2", "logo.png", {"image_data": io.BytesIO(png())})
    return base_plan(folder / "picture.xlsx", extra)


def text_box(folder: Path) -> Path:
    def extra(_: xlsxwriter.Workbook, sheet, __: dict) -> None:
        sheet.insert_textbox("S6", "Follow up every month", {"width": 200, "height": 60})
    return base_plan(folder / "text-box.xlsx", extra)


def form_button(folder: Path) -> Path:
    def extra(_: xlsxwriter.Workbook, sheet, __: dict) -> None:
        sheet.insert_button("S10", {"macro": "RunCheck", "caption": "Check the plan"})
    # no notes yet: the marks' notes join the button in its drawing
    return base_plan(folder / "form-button.xlsx", extra, own_note=False)


def header_logo(folder: Path) -> Path:
    def extra(_: xlsxwriter.Workbook, sheet, __: dict) -> None:
        sheet.set_header("&L&G&CAction plan", {"image_left": "logo.png",
                                               "image_data_left": io.BytesIO(png())})
    # no notes yet: <legacyDrawing> must go in before <legacyDrawingHF>
    return base_plan(folder / "header-logo.xlsx", extra, own_note=False)


def visible_notes(folder: Path) -> Path:
    """Notes set to always show: one on a cell that gets marked (N4), one on a clean cell."""
    def extra(_: xlsxwriter.Workbook, sheet, __: dict) -> None:
        sheet.write_comment(3, COLUMN["status"], "Checked with Bo", {"visible": True,
                                                                     "author": "Ida",
                                                                     "color": "#C6EFCE"})
        sheet.write_comment(1, COLUMN["goal"], "Agreed in May", {"visible": True, "author": "Ida"})
    return base_plan(folder / "visible-notes.xlsx", extra)


def data_bars_icons_sparkline(folder: Path) -> Path:
    def extra(_: xlsxwriter.Workbook, sheet, __: dict) -> None:
        sheet.write_column("R2", [3, 7, 5, 9])
        sheet.conditional_format("R2:R5", {"type": "data_bar", "data_bar_2010": True,
                                           "bar_solid": True})
        sheet.conditional_format("R2:R5", {"type": "icon_set", "icon_style": "3_arrows"})
        sheet.add_sparkline("S2", {"range": f"'{SHEET}'!R2:R5", "markers": True})
    return base_plan(folder / "data-bars.xlsx", extra)


def document_properties(folder: Path) -> Path:
    def extra(workbook: xlsxwriter.Workbook, _, __: dict) -> None:
        workbook.set_custom_property("Department", "Hjemmeplejen")
    path = base_plan(folder / "properties.xlsx", extra)

    def company(parts: dict[str, bytes]) -> None:
        app = parts["docProps/app.xml"]
        parts["docProps/app.xml"] = app.replace(
            b"</Properties>", b"<Manager>Ida Holm</Manager><Company>Nordby Kommune</Company>"
                              b"</Properties>")
    return rewrite_parts(path, company)


def thread(folder: Path) -> Path:
    """An Excel 365 comment thread on N4 (which gets marked): persons, thread, mirrored note."""
    legacy = ("[Threaded comment]\n\nYour version of Excel allows you to read this threaded "
              "comment; however, any edits to it will get removed if the file is opened in a "
              "newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924"
              "\n\nComment:\n    Is this status right?")

    def extra(_: xlsxwriter.Workbook, sheet, __: dict) -> None:
        sheet.write_comment(3, COLUMN["status"], legacy, {"author": f"tc={THREAD_ID}"})
    path = base_plan(folder / "thread.xlsx", extra)

    def threaded(parts: dict[str, bytes]) -> None:
        ns = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
        main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        parts["xl/threadedComments/threadedComment1.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments '
            f'xmlns="{ns}" xmlns:x="{main}"><threadedComment ref="N4" '
            f'dT="2026-05-01T10:00:00.00" personId="{PERSON_ID}" id="{THREAD_ID}"><text>Is this '
            f"status right?</text></threadedComment></ThreadedComments>").encode()
        parts["xl/persons/person.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<personList xmlns="{ns}" '
            f'xmlns:x="{main}"><person displayName="Ida Holm" id="{PERSON_ID}" '
            f'userId="ida@example.org" providerId="AD"/></personList>').encode()
        _add_override(parts, "xl/threadedComments/threadedComment1.xml",
                      "application/vnd.ms-excel.threadedcomments+xml")
        _add_override(parts, "xl/persons/person.xml", "application/vnd.ms-excel.person+xml")
        _add_relationship(parts, "xl/worksheets/_rels/sheet1.xml.rels", "rId90",
                          "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
                          "../threadedComments/threadedComment1.xml")
        _add_relationship(parts, "xl/_rels/workbook.xml.rels", "rId91",
                          "http://schemas.microsoft.com/office/2017/10/relationships/person",
                          "persons/person.xml")
    return rewrite_parts(path, threaded)


def x14_drop_down(folder: Path) -> Path:
    """A drop-down on Status from the Lists sheet, stored as Excel 2010+ stores it (x14), and
    the root element Excel 365 writes: mc:Ignorable naming prefixes declared on it."""
    path = base_plan(folder / "x14-drop-down.xlsx")

    def x14(parts: dict[str, bytes]) -> None:
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        root_end = sheet.index(">", sheet.index("<worksheet")) + 1
        root = sheet[sheet.index("<worksheet"):root_end]
        new_root = root[:-1] + (f' xmlns:mc="{MC}" mc:Ignorable="x14ac xr" xmlns:x14ac="{X14AC}" '
                                f'xmlns:xr="{XR}" xr:uid="{{00000000-0001-0000-0000-000000000000}}">')
        ext = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
               'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
               '<x14:dataValidations count="1" '
               'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
               '<x14:dataValidation type="list" allowBlank="1" showErrorMessage="1">'
               "<x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1>"
               "<xm:sqref>N2:N20</xm:sqref></x14:dataValidation></x14:dataValidations></ext>"
               "</extLst>")
        sheet = sheet.replace(root, new_root).replace("<row ", '<row x14ac:dyDescent="0.25" ')
        parts["xl/worksheets/sheet1.xml"] = sheet.replace("</worksheet>", ext + "</worksheet>").encode()
    return rewrite_parts(path, x14)


def prefixed_sheet(folder: Path) -> Path:
    """The plan sheet written with a prefix on every element (``<x:row>``), as the Open XML
    SDK writes it; marks must use the same prefix. No notes yet: the notes drawing is added."""
    path = base_plan(folder / "prefixed.xlsx", own_note=False)

    def prefix(parts: dict[str, bytes]) -> None:
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        sheet = sheet.replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                              'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
        sheet = re.sub(r"<(/?)(?![?!])([A-Za-z_][\w.-]*)(?=[\s/>])", r"<\1x:\2", sheet)
        parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    return rewrite_parts(path, prefix)


def macros_ribbon_signature(folder: Path, vba_project: bytes) -> Path:
    """An .xlsm with a VBA project, its signature (xl/_rels/vbaProject.bin.rels) and a ribbon."""
    path = base_plan(folder / "macros.xlsm", vba=vba_project)

    def ribbon(parts: dict[str, bytes]) -> None:
        parts["customUI/customUI14.xml"] = (
            b'<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon>'
            b'<tabs><tab id="plans" label="Plans"><group id="g" label="Check"><button id="check" '
            b'label="Check" onAction="RunCheck"/></group></tab></tabs></ribbon></customUI>')
        _add_relationship(parts, "_rels/.rels", "rId99",
                          "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
                          "customUI/customUI14.xml")
        parts["xl/vbaProjectSignature.bin"] = bytes(range(256)) * 8
        _add_relationship(parts, "xl/_rels/vbaProject.bin.rels", "rId1",
                          "http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature",
                          "vbaProjectSignature.bin")
        _add_override(parts, "xl/vbaProjectSignature.bin", "application/vnd.ms-office.vbaProjectSignature")
    return rewrite_parts(path, ribbon)


def strict(folder: Path) -> Path:
    """The base plan saved as Strict Open XML (the namespaces Excel writes in that format)."""
    path = base_plan(folder / "strict.xlsx")
    pairs = [
        (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
         b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
        (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
         b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
    ]

    def to_strict(parts: dict[str, bytes]) -> None:
        for name, data in parts.items():
            if name.endswith((".xml", ".rels")):
                for old, new in pairs:
                    data = data.replace(old, new)
                parts[name] = data
    return rewrite_parts(path, to_strict)


FEATURES: dict[str, Callable[[Path], Path]] = {
    "picture": picture,
    "text-box": text_box,
    "form-button": form_button,
    "header-logo": header_logo,
    "visible-notes": visible_notes,
    "data-bars-icons-sparkline": data_bars_icons_sparkline,
    "document-properties": document_properties,
    "comment-thread": thread,
    "x14-drop-down": x14_drop_down,
    "plain": lambda folder: base_plan(folder / "plain.xlsx"),
    "no-notes": lambda folder: base_plan(folder / "no-notes.xlsx", own_note=False),
    "prefixed-sheet": prefixed_sheet,
}
