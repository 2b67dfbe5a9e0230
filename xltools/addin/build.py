"""Build the xltools ``.xlam`` from ``macros/`` without Excel, and install it with xlwings.

Route: start from xlwings' Excel-saved ``quickstart_addin_ribbon.xlam`` (BSD licence),
swap in our ribbon (``customUI/customUI14.xml``), replace its ribbon VBA module by
``macros/*.bas`` stored as source only (no p-code, ``_VBA_PROJECT`` version 0xFFFF so
Excel recompiles on open), keep xlwings' own VBA module (``RunPython``) with its
``PROJECT_NAME`` set to ``xltools`` and the patches of ``vbapatch`` (only the user's own
settings are read), and write a fresh compound file. Installing it into Excel is
``xltools.addin.install``. See ``macros/README.md``.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.dom.minidom import Document, Node

from defusedxml.minidom import parseString as minidom_parse

import xltools
from xltools.addin import buttons, cfb, ovba, vbapatch

PROJECT_NAME = "xltools"
ADDIN_FILENAME = "xltools.xlam"
CUSTOMUI_NS = "http://schemas.microsoft.com/office/2009/07/customui"
ADDIN_CONTENT_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
# customUI14.xml (the 2009/07 schema) hangs off the 2007 relationship type; the 2006
# type is for the older customUI.xml, which Office ignores when both exist.
UI_REL_2007 = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
UI_REL_2006 = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_CUSTOMUI_PART = "customUI/customUI14.xml"
_VBA_PART = "xl/vbaProject.bin"

TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
# The quickstart's own ribbon module (calls <workbook name>.main()); ours replaces it.
TEMPLATE_RIBBON_MODULE = "RibbonMyAddin"
TEMPLATE_PROJECT = "myaddin"
XLWINGS_MODULE = "xlwings"
_PROJECT_NAME_CONST = re.compile(
    r'^(Public Const PROJECT_NAME As String = ")[^"]*(")', re.MULTILINE | re.IGNORECASE
)
# A fixed timestamp keeps builds from the same inputs byte-identical.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_FILLED = ("label", "screentip", "supertip", "imageMso", "tag")
ADDIN_MODE = 0o644  # readable by others: an add-in is often installed for a shared machine


def macros_dir() -> Path:
    """Where the VBA modules and ribbon XML live.

    Returns:
        ``xltools/_macros`` inside an installed wheel (pyproject force-includes the
        repo's ``macros/`` there), else the repository's top-level ``macros/``.
    """
    package = Path(xltools.__file__).resolve().parent
    installed = package / "_macros"
    return installed if installed.is_dir() else package.parent / "macros"


def template_path() -> Path:
    """Locate xlwings' ribbon add-in template without importing xlwings.

    Returns:
        The path of ``quickstart_addin_ribbon.xlam`` in the installed xlwings.

    Raises:
        FileNotFoundError: xlwings is not installed, or ships no such template.
    """
    spec = importlib.util.find_spec("xlwings")
    if spec is None or spec.origin is None:
        raise FileNotFoundError('xlwings is not installed: pip install "xltools-plans[addin]"')
    path = Path(spec.origin).parent / TEMPLATE_NAME
    if not path.is_file():
        raise FileNotFoundError(f"the installed xlwings ships no {TEMPLATE_NAME} ({path})")
    return path


def vba_modules(folder: Path | None = None) -> dict[str, str]:
    """Read the ``.bas`` modules of the macros folder.

    Args:
        folder: The folder to read; defaults to :func:`macros_dir`.

    Returns:
        Module name (from ``Attribute VB_Name``) to source text, in file-name order.
    """
    folder = macros_dir() if folder is None else folder
    modules: dict[str, str] = {}
    for path in sorted(folder.glob("*.bas")):
        source = path.read_text(encoding="utf-8")
        modules[ovba.module_name(source)] = source
    return modules


def render_ribbon(layout: str, lang: str = "en") -> bytes:
    """Fill the ribbon layout with labels, tips and icons from :mod:`buttons`.

    Args:
        layout: The text of ``macros/customUI14.xml`` (ids and structure only).
        lang: ``"da"``, ``"sv"`` or ``"en"``.

    Returns:
        The customUI14 part as UTF-8 XML.

    Raises:
        ValueError: The layout and the button table disagree (an id without an entry,
            an entry without an element, a repeated id, a button calling the wrong VBA
            callback), or a language is unknown.
    """
    if lang not in buttons.LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {buttons.LANGUAGES}")
    document = minidom_parse(layout)
    seen: set[str] = set()
    for element in document.getElementsByTagName("*"):
        control_id = element.getAttribute("id")
        if not control_id:
            continue
        if control_id in seen:
            raise ValueError(f"ribbon id {control_id!r} appears twice in customUI14.xml")
        seen.add(control_id)
        try:
            entry = buttons.control(control_id)
        except KeyError:
            raise ValueError(f"ribbon id {control_id!r} has no entry in buttons.py") from None
        spelled = [a for a in _FILLED if element.hasAttribute(a)]
        if spelled:
            # One source of truth: text and icons come from buttons.py only.
            raise ValueError(f"customUI14.xml spells {spelled} for {control_id!r}")
        if entry.on_action is not None and element.getAttribute("onAction") != entry.on_action:
            raise ValueError(f"ribbon id {control_id!r} must call {entry.on_action} "
                             f"(it has dialogs: {bool(entry.pickers)})")
        element.setAttribute("label", buttons.text(entry.label, lang))
        if entry.tip is not None:
            element.setAttribute("screentip", buttons.text(entry.label, lang))
            element.setAttribute("supertip", buttons.text(entry.tip, lang))
        if entry.image_mso is not None:
            element.setAttribute("imageMso", entry.image_mso)
        if entry.pickers:
            tag = entry.tag(lang)
            if len(tag) > buttons.TAG_LIMIT:
                raise ValueError(f"the dialogs of {control_id!r} exceed a tag's "
                                 f"{buttons.TAG_LIMIT} characters")
            element.setAttribute("tag", tag)
    missing = [c.id for c in buttons.CONTROLS if c.id not in seen]
    if missing:
        raise ValueError(f"buttons.py entries missing from customUI14.xml: {missing}")
    _drop_comments(document)
    return _xml(document)


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def set_project_name(xlwings_source: str, name: str) -> str:
    """Point xlwings' VBA module at ``<name>.conf`` sheets and files.

    Args:
        xlwings_source: The source of xlwings' VBA module.
        name: The project name, e.g. ``"xltools"``.

    Returns:
        The source with ``PROJECT_NAME`` set to ``name``.

    Raises:
        ValueError: The module has no ``PROJECT_NAME`` constant (an xlwings change).
    """
    patched, count = _PROJECT_NAME_CONST.subn(rf"\g<1>{name}\g<2>", xlwings_source)
    if count != 1:
        raise ValueError(f"expected one PROJECT_NAME constant in xlwings' module, found {count}")
    return patched


def build_vba_project(template: bytes, modules: Mapping[str, str]) -> bytes:
    """Rewrite the template's ``vbaProject.bin`` with our modules, source only.

    Args:
        template: The template's ``xl/vbaProject.bin``.
        modules: Module name to ``.bas`` source for the modules to add.

    Returns:
        A new compound file: the template's document, class and xlwings modules plus
        ``modules`` (the template's ribbon module dropped), every module stream holding
        only compressed source (MODULEOFFSET 0), no ``__SRP`` caches, and
        ``_VBA_PROJECT`` version 0xFFFF.

    Raises:
        ValueError: The template lacks the expected modules, or a module name clashes
            with one kept from the template, or a source is not in the project's code
            page, or xlwings' module no longer takes the patches of ``vbapatch``.
    """
    import olefile  # imported here so that importing this module needs no OLE reader

    ole = olefile.OleFileIO(io.BytesIO(template))
    try:
        dir_stream = ovba.DirStream.parse(ovba.decompress(ole.openstream("VBA/dir").read()))
        kept: list[tuple[ovba.ModuleInfo, str]] = []
        found = set()
        for module in dir_stream.modules:
            found.add(module.name)
            if module.name == TEMPLATE_RIBBON_MODULE:
                continue
            raw = ole.openstream(f"VBA/{module.stream_name}").read()
            source = ovba.decompress(raw[module.offset :]).decode(dir_stream.codepage)
            if module.name == XLWINGS_MODULE:
                source = vbapatch.patch_xlwings_module(set_project_name(source, PROJECT_NAME))
            kept.append((ovba.source_only(module), source))
        for required in (TEMPLATE_RIBBON_MODULE, XLWINGS_MODULE):
            if required not in found:
                raise ValueError(f"template VBA project has no {required!r} module")
        clashes = sorted({m.name.lower() for m, _ in kept} & {n.lower() for n in modules})
        if clashes:
            raise ValueError(f"macros/*.bas would replace template modules: {clashes}")
        added = [
            (ovba.procedural_module(name, dir_stream.codepage), source) for name, source in modules.items()
        ]
        everything = kept + added
        infos = [m for m, _ in everything]
        project = ovba.rename_project(dir_stream.project, PROJECT_NAME, dir_stream.codepage)
        new_dir = ovba.DirStream(project, tuple(infos), dir_stream.codepage)
        project_text = ole.openstream("PROJECT").read().decode(dir_stream.codepage)
        streams: dict[str, bytes] = {
            "PROJECT": ovba.project_stream(project_text, PROJECT_NAME, infos).encode(dir_stream.codepage),
            "PROJECTwm": ovba.projectwm_stream(infos, dir_stream.codepage),
            "VBA/_VBA_PROJECT": ovba.source_only_vba_project(ole.openstream("VBA/_VBA_PROJECT").read()),
            "VBA/dir": ovba.compress(new_dir.to_bytes()),
        }
        for info, source in everything:
            try:
                encoded = _crlf(source).encode(dir_stream.codepage)
            except UnicodeEncodeError as error:
                raise ValueError(
                    f"module {info.name} has characters outside {dir_stream.codepage}"
                ) from error
            streams[f"VBA/{info.stream_name}"] = ovba.compress(encoded, raw_chunks=False)
        # Anything else the template carries (none today) is kept unless it is one of
        # the streams rebuilt above, a module's old stream, or an SRP p-code cache.
        old_streams = {f"VBA/{m.stream_name}".lower() for m in dir_stream.modules}
        for parts in ole.listdir(streams=True, storages=False):
            path = "/".join(parts)
            low = path.lower()
            if path in streams or low in old_streams or parts[-1].lower().startswith("__srp_"):
                continue
            streams[path] = ole.openstream(path).read()
    finally:
        ole.close()
    return cfb.write_compound_file(streams)


def _relationships(rels_xml: bytes) -> bytes:
    document = minidom_parse(rels_xml)
    root = document.documentElement
    for rel in root.getElementsByTagName("Relationship"):
        if rel.getAttribute("Type") in {UI_REL_2006, UI_REL_2007}:
            root.removeChild(rel)
    ids = {rel.getAttribute("Id") for rel in root.getElementsByTagName("Relationship")}
    number = 1
    while f"rId{number}" in ids:
        number += 1
    rel = document.createElementNS(_RELS_NS, "Relationship")
    for key, value in (("Id", f"rId{number}"), ("Type", UI_REL_2007), ("Target", _CUSTOMUI_PART)):
        rel.setAttribute(key, value)
    root.appendChild(rel)
    return _xml(document)


def _content_types(types_xml: bytes) -> bytes:
    document = minidom_parse(types_xml)
    root = document.documentElement
    for override in root.getElementsByTagName("Override"):
        if override.getAttribute("PartName") == "/xl/workbook.xml":
            override.setAttribute("ContentType", ADDIN_CONTENT_TYPE)
        if override.getAttribute("PartName").startswith("/customUI/"):
            root.removeChild(override)
    return _xml(document)


def _drop_comments(node: Node) -> None:
    # The layout's comments talk about the template, not the built part.
    for child in list(node.childNodes):
        if child.nodeType == Node.COMMENT_NODE:
            node.removeChild(child)
        else:
            _drop_comments(child)


def _xml(document: Document) -> bytes:
    body = document.documentElement.toxml()
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body).encode()


def _workbook(workbook_xml: bytes) -> bytes:
    text = workbook_xml.decode("utf-8")
    # The leading underscore keeps the add-in's own config sheet switched off, as in
    # the template; users configure xltools in ~/.xltools/xltools.conf only (the VBA is
    # patched to ignore settings sheets and files that come with a workbook).
    text = text.replace(f'name="_{TEMPLATE_PROJECT}.conf"', f'name="_{PROJECT_NAME}.conf"')
    # Drop the absolute path of the machine the template was saved on.
    text = re.sub(r"<mc:AlternateContent\b.*?</mc:AlternateContent>", "", text, flags=re.S)
    return text.encode("utf-8")


def _core_properties(core_xml: bytes) -> bytes:
    text = core_xml.decode("utf-8")
    for tag, value in (("dc:creator", "xltools"), ("cp:lastModifiedBy", "xltools")):
        text = re.sub(rf"<{tag}\s*/>|<{tag}>.*?</{tag}>", f"<{tag}>{value}</{tag}>", text)
    text = re.sub(r"<dc:title\s*/>|<dc:title>.*?</dc:title>", "<dc:title>xltools</dc:title>", text)
    return text.encode("utf-8")


def build_package(template: bytes, ribbon: bytes, vba_project: bytes) -> bytes:
    """Assemble the ``.xlam`` zip from the template and the new parts.

    Args:
        template: The template ``.xlam`` bytes.
        ribbon: The rendered ``customUI14.xml``.
        vba_project: The new ``vbaProject.bin``.

    Returns:
        The add-in package bytes, ``[Content_Types].xml`` first.
    """
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(template)) as source:
        for name in source.namelist():
            if name.startswith("customUI/"):
                continue  # the quickstart's ribbon and any images it references
            parts[name] = source.read(name)
    parts["[Content_Types].xml"] = _content_types(parts["[Content_Types].xml"])
    parts["_rels/.rels"] = _relationships(parts["_rels/.rels"])
    parts["xl/workbook.xml"] = _workbook(parts["xl/workbook.xml"])
    if "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = _core_properties(parts["docProps/core.xml"])
    parts[_VBA_PART] = vba_project
    parts[_CUSTOMUI_PART] = ribbon
    order = ["[Content_Types].xml", *sorted(n for n in parts if n != "[Content_Types].xml")]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, parts[name])
    return out.getvalue()


def _write_atomic(path: Path, data: bytes) -> None:
    # A temp file in the target folder makes os.replace a same-filesystem rename, so
    # a reader (or Excel) never sees a half-written add-in.
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temp, ADDIN_MODE)  # mkstemp makes it private to the builder
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def build_addin(output: Path, lang: str = "en") -> Path:
    """Build the xltools Excel add-in; works on any OS, no Excel needed.

    Args:
        output: The ``.xlam`` file to write, or an existing folder to write
            ``xltools.xlam`` into. Missing parent folders are created; the file is
            written atomically and an existing one is replaced.
        lang: Ribbon language: ``"da"``, ``"sv"`` or ``"en"``.

    Returns:
        The path written.

    Raises:
        ValueError: Unknown language, an output name not ending in ``.xlam``, or
            ``macros/`` inconsistent with ``buttons.py``.
        FileNotFoundError: xlwings (the template's source) is not installed.
    """
    output = Path(output)
    if output.is_dir():
        output = output / ADDIN_FILENAME
    if output.suffix.lower() != ".xlam":
        raise ValueError(f"an add-in file must end in .xlam (Excel checks): {output}")
    folder = macros_dir()
    ribbon = render_ribbon((folder / "customUI14.xml").read_text(encoding="utf-8"), lang)
    template = template_path().read_bytes()
    with zipfile.ZipFile(io.BytesIO(template)) as source:
        template_vba = source.read(_VBA_PART)
    vba_project = build_vba_project(template_vba, vba_modules(folder))
    output.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(output, build_package(template, ribbon, vba_project))
    return output
