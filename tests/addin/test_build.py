"""Tests of the add-in sources (macros/), the MS-OVBA compressor, the CFB writer and
the .xlam builder, read back with independent tools (oletools, olefile, LibreOffice)."""

from __future__ import annotations

import io
import random
import re
import shutil
import struct
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import olefile
import pytest
from defusedxml import ElementTree as SafeET
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xltools.addin import build, buttons, cfb, install, ovba, userconf, vbapatch

with warnings.catch_warnings():
    # oletools still calls pyparsing's camelCase API; that is not ours to fix.
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import VBA_Parser, VBA_Project, decompress_stream

CUI = "{http://schemas.microsoft.com/office/2009/07/customui}"
REPO_MACROS = Path(__file__).resolve().parents[2] / "macros"
REQUIRED_BUTTONS = {
    "new_workbook",
    "add_action_plan",
    "add_activity_plan",
    "add_communication_plan",
    "validate",
    "highlight_overdue",
    "clear_marks",
    "rollup_folder",
    "help",
}


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _layout() -> SafeET.Element:
    return SafeET.parse(str(REPO_MACROS / "customUI14.xml")).getroot()


def _subs() -> dict[str, set[str]]:
    """Module name -> names of the Subs it defines, from macros/*.bas."""
    found: dict[str, set[str]] = {}
    for name, source in build.vba_modules(REPO_MACROS).items():
        found[name] = set(re.findall(r"^\s*(?:Public\s+)?Sub\s+(\w+)\s*\(", source, re.M | re.I))
    return found


# --- sources in macros/ -----------------------------------------------------------------


def test_macros_dir_is_the_repository_folder_when_not_installed() -> None:
    assert build.macros_dir().resolve() == REPO_MACROS


def test_ribbon_layout_is_well_formed_customui14() -> None:
    root = _layout()
    assert root.tag == f"{CUI}customUI"
    assert root.find(f"{CUI}ribbon/{CUI}tabs/{CUI}tab") is not None


def test_ribbon_ids_are_unique_and_match_the_button_table() -> None:
    ids = [e.get("id") for e in _layout().iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids))
    assert set(ids) == {c.id for c in buttons.CONTROLS}
    assert set(buttons.BUTTON_IDS) >= REQUIRED_BUTTONS


def test_ribbon_layout_spells_no_label_or_icon() -> None:
    # Labels live only in buttons.py; the builder refuses a layout that repeats them.
    for element in _layout().iter():
        assert not {"label", "screentip", "supertip", "imageMso"} & set(element.attrib)


def test_every_on_action_names_an_existing_vba_sub() -> None:
    subs = _subs()
    actions = [e.get("onAction") for e in _layout().iter() if e.get("onAction")]
    assert actions
    for action in actions:
        module, _, sub = action.rpartition(".")
        if module:
            assert sub in subs.get(module, set()), action
        else:
            assert any(sub in names for names in subs.values()), action


def test_every_button_has_an_action_and_containers_have_none() -> None:
    for element in _layout().iter():
        control_id = element.get("id")
        if control_id is None:
            continue
        kind = buttons.control(control_id).kind
        assert element.tag == f"{CUI}{kind}"
        assert (element.get("onAction") is not None) == (kind == "button")


def test_add_sheet_menu_holds_the_three_plan_kinds() -> None:
    menu = next(e for e in _layout().iter(f"{CUI}menu") if e.get("id") == "add_sheet")
    assert [b.get("id") for b in menu] == [
        "add_action_plan",
        "add_activity_plan",
        "add_communication_plan",
    ]


def _procedures(source: str) -> dict[str, str]:
    """Procedure name -> its declaration line, for every Sub/Function of a module."""
    declaration = re.compile(r"^((?:Public |Private )?(?:Sub|Function) (\w+)\(.*)$", re.M)
    return {m.group(2): m.group(1) for m in declaration.finditer(source)}


def test_vba_is_a_thin_forwarder() -> None:
    modules = build.vba_modules(REPO_MACROS)
    assert list(modules) == ["XltoolsRibbon"]
    source = modules["XltoolsRibbon"]
    procedures = _procedures(source)
    # two entry points the ribbon calls; the rest is private and only shows Excel's dialogs
    assert procedures["OnButton"] == "Sub OnButton(control As IRibbonControl)"
    assert procedures["OnPickButton"] == "Sub OnPickButton(control As IRibbonControl)"
    assert set(procedures) == {"OnButton", "OnPickButton", "PickFolder", "PickSaveAs", "HexText"}
    assert all(procedures[p].startswith("Private ") for p in ("PickFolder", "PickSaveAs", "HexText"))
    calls = re.findall(r"^\s*RunPython (.*)$", source, re.M)
    assert calls == ['"import xltools.addin as a; a.dispatch(\'" & control.Id & "\')"',
                     '"import xltools.addin as a; a.dispatch_picked(\'" & control.Id & "\'" & args & ")"']
    # nothing in the VBA touches a workbook's content: that is all Python's
    assert not re.search(r"\b(Range|Cells|Sheets|Worksheets|Names|Value)\b", source)
    # every path goes to Python as hex digits only: no quote in it can end the string
    assert "args = args & \", '\" & HexText(chosen) & \"'\"" in source


def test_dialog_paths_reach_python_unchanged() -> None:
    from xltools.addin.ribbon import decode_path

    def vba_hex(text: str) -> str:  # what HexText does: AscW of each UTF-16 code unit, 4 digits
        units = text.encode("utf-16-be")
        return "".join(f"{units[i]:02X}{units[i + 1]:02X}" for i in range(0, len(units), 2))

    for path in (r"C:\Users\Søren\Økonomi & Løn\100% 'plan' \"done\".xlsx",
                 "/Users/asa/Åsa 😀/Planer", r"\\server\delt\R&D^%TEMP%"):
        assert re.fullmatch(r"[0-9A-F]*", vba_hex(path))
        assert decode_path(vba_hex(path)) == path
    with pytest.raises(ValueError):
        decode_path("00430")


@pytest.mark.parametrize("lang", buttons.LANGUAGES)
def test_every_control_has_text_in_every_language(lang: str) -> None:
    for control in buttons.CONTROLS:
        assert control.label[lang].strip()
        if control.kind in {"button", "menu"}:
            assert control.tip is not None and control.tip[lang].strip()


def test_tab_label_is_localised() -> None:
    tab = buttons.control("xltools_tab").label
    assert (tab["en"], tab["da"], tab["sv"]) == ("Action plans", "Handleplaner", "Handlingsplaner")
    with pytest.raises(KeyError):
        buttons.text(tab, "de")
    with pytest.raises(KeyError, match="no ribbon control"):
        buttons.control("nope")


def test_render_ribbon_rejects_a_layout_out_of_sync_with_the_table() -> None:
    layout = (REPO_MACROS / "customUI14.xml").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="no entry"):
        build.render_ribbon(layout.replace('id="help"', 'id="unknown"'))
    with pytest.raises(ValueError, match="missing"):
        build.render_ribbon(re.sub(r'<button id="help"[^>]*/>', "", layout))
    with pytest.raises(ValueError, match="spells"):
        build.render_ribbon(layout.replace('id="help"', 'id="help" label="Help"'))
    with pytest.raises(ValueError, match="twice"):
        build.render_ribbon(layout.replace('id="help"', 'id="validate"'))
    with pytest.raises(ValueError, match="language"):
        build.render_ribbon(layout, "de")
    with pytest.raises(ValueError, match="OnPickButton"):  # a button with dialogs on OnButton
        build.render_ribbon(layout.replace('id="rollup_folder" size="large" '
                                           'onAction="XltoolsRibbon.OnPickButton"',
                                           'id="rollup_folder" size="large" '
                                           'onAction="XltoolsRibbon.OnButton"'))
    with pytest.raises(ValueError, match="spells"):
        build.render_ribbon(layout.replace('id="help"', 'id="help" tag="folder;x"'))


def _control_ids(name: str) -> set[str]:
    lines = (REPO_MACROS.parent / "tests/addin/data" / name).read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


@pytest.mark.parametrize("published", ["excel-control-ids-office-2016.txt",
                                       "excel-control-ids-m365-current-channel.txt"])
def test_every_icon_is_an_excel_control_id(published: str) -> None:
    # Microsoft's published lists (tests/addin/data, source named in each file's header):
    # an imageMso that is not a control id shows a blank button.
    ids = _control_ids(published)
    assert len(ids) > 1000 and "FileNew" in ids
    icons = {c.id: c.image_mso for c in buttons.CONTROLS if c.image_mso}
    assert {c.id for c in buttons.CONTROLS if c.kind in ("button", "menu")
            and c.id not in {"add_action_plan", "add_activity_plan",
                             "add_communication_plan"}} <= set(icons)
    assert {control: icon for control, icon in icons.items() if icon not in ids} == {}


def test_dialog_buttons_carry_their_dialogs_in_the_tag() -> None:
    layout = (REPO_MACROS / "customUI14.xml").read_text(encoding="utf-8")
    ribbon = SafeET.fromstring(build.render_ribbon(layout, "da"))
    tags = {e.get("id"): e.get("tag") for e in ribbon.iter() if e.get("id")}
    assert tags["rollup_folder"] == ("folder;Vælg mappen med afdelingernes projektmapper|"
                                     "save;Gem organisationens sammenfatning som;"
                                     "organisationsoversigt.xlsx")
    assert tags["new_workbook"] == "save;Gem den nye planprojektmappe som;xltools-plan-da.xlsx"
    assert tags["chase_lists"].count("folder;") == 2
    assert {i for i, t in tags.items() if t} == {"rollup_folder", "new_workbook", "chase_lists"}
    for control in buttons.CONTROLS:
        for lang in buttons.LANGUAGES:
            steps = [step.split(";") for step in control.tag(lang).split("|")] if control.pickers \
                else []
            assert [s[0] for s in steps] == [p.kind for p in control.pickers]
            assert all(len(s) == (3 if s[0] == "save" else 2) for s in steps)
    with pytest.raises(ValueError, match="cannot hold"):
        buttons.Picker("folder", buttons.Labels("a;b", "c", "d")).tag("en")


# --- MS-OVBA compression ----------------------------------------------------------------

# database=None: the tests write nothing outside tmp_path, not even hypothesis' cache.
_ROUND_TRIP = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def _assert_round_trip(data: bytes) -> None:
    try:
        packed = ovba.compress(data)
    except ovba.IncompressibleChunkError:
        # Only a final partial chunk of near-random bytes cannot be represented:
        # more than 3640 literals need more than 4096 bytes of tokens.
        assert len(data) % ovba.CHUNK_SIZE > 3640
        return
    assert bytes(decompress_stream(bytearray(packed))) == data
    assert ovba.decompress(packed) == data


@_ROUND_TRIP
@given(st.binary(max_size=13000))
def test_compress_round_trips_random_bytes(data: bytes) -> None:
    _assert_round_trip(data)


@_ROUND_TRIP
@given(st.text(max_size=9000))
def test_compress_round_trips_text(text: str) -> None:
    _assert_round_trip(text.encode("utf-8"))


@_ROUND_TRIP
@given(
    st.lists(st.binary(min_size=1, max_size=40), min_size=1, max_size=8),
    st.integers(min_value=1, max_value=1500),
    st.binary(max_size=50),
)
def test_compress_round_trips_repetitive_input(pieces: list[bytes], repeats: int, tail: bytes) -> None:
    data = b"".join(pieces) * repeats + tail
    _assert_round_trip(data[:20000])


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"a",
        b"abc",
        b"a" * 4096,
        b"a" * 4097,
        b"a" * 100_000,
        bytes(range(256)) * 40,
        b'Attribute VB_Name = "M"\r\n' + b"Sub X()\r\n    Y 1\r\nEnd Sub\r\n" * 700,
    ],
)
def test_compress_round_trips_edge_cases(data: bytes) -> None:
    _assert_round_trip(data)
    assert ovba.compress(data, raw_chunks=False)


def test_compress_round_trips_the_xlwings_vba_module() -> None:
    # Large real VBA: the kind of input where a wrong CopyToken maximum length garbles
    # everything after the first few hundred bytes.
    source = build.set_project_name(_template_xlwings_source(), "xltools").encode("cp1252")
    packed = ovba.compress(source, raw_chunks=False)
    assert bytes(decompress_stream(bytearray(packed))) == source
    assert len(packed) < len(source) / 2


def test_copy_token_fields_widen_with_the_position_in_the_chunk() -> None:
    # MS-OVBA 2.4.1.3.19.1: 4 offset bits up to position 16, then one more bit per doubling.
    assert [ovba._copy_token_bits(p) for p in (1, 16, 17, 32, 33, 2048, 2049, 4095)] == [
        4,
        4,
        5,
        5,
        6,
        11,
        12,
        12,
    ]


def test_incompressible_chunks() -> None:
    noise = random.Random(7).randbytes(2 * ovba.CHUNK_SIZE)
    packed = ovba.compress(noise)
    # Random data is stored as raw chunks: header flag 0, size field 0xFFF, 4096 bytes.
    assert len(packed) == 1 + 2 * (2 + ovba.CHUNK_SIZE)
    assert struct.unpack_from("<H", packed, 1)[0] == 0x3FFF
    assert bytes(decompress_stream(bytearray(packed))) == noise
    with pytest.raises(ovba.IncompressibleChunkError):
        ovba.compress(noise, raw_chunks=False)
    with pytest.raises(ovba.IncompressibleChunkError):
        ovba.compress(noise[:4000])  # a final raw chunk would have to be padded


def test_decompress_rejects_garbage() -> None:
    with pytest.raises(ValueError):
        ovba.decompress(b"\x02\x00")
    with pytest.raises(ValueError):
        ovba.decompress(b"\x01\xff\x0f")


# --- compound file writer ---------------------------------------------------------------


def test_compound_file_round_trips_through_olefile() -> None:
    streams = {
        "PROJECT": b"x" * 569,
        "PROJECTwm": b"",
        "VBA/dir": bytes(range(256)) * 5,
        "VBA/exactly_cutoff": b"c" * cfb.MINI_STREAM_CUTOFF,
        "VBA/just_under": b"u" * (cfb.MINI_STREAM_CUTOFF - 1),
        "VBA/large": bytes(i % 253 for i in range(300_000)),
        "A/B/deep": b"deep",
    }
    streams.update({f"VBA/Module{i}": bytes([i]) * (i * 97) for i in range(40)})
    data = cfb.write_compound_file(streams)
    assert len(data) % cfb.SECTOR == 0
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    try:
        for path, content in streams.items():
            assert ole.openstream(path).read() == content, path
        listed = {"/".join(p) for p in ole.listdir(streams=True, storages=False)}
        assert listed == set(streams)
    finally:
        ole.close()


@settings(max_examples=25, deadline=None, database=None)
@given(
    st.dictionaries(
        st.text(alphabet="abcXYZ_0123", min_size=1, max_size=31),
        st.binary(max_size=9000),
        min_size=1,
        max_size=12,
    )
)
def test_compound_file_directory_finds_every_name(streams: dict[str, bytes]) -> None:
    data = cfb.write_compound_file({f"S/{name}": value for name, value in streams.items()})
    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        for name, value in streams.items():
            assert ole.openstream(f"S/{name}").read() == value
    finally:
        ole.close()


def test_compound_file_rejects_bad_names() -> None:
    with pytest.raises(ValueError):
        cfb.write_compound_file({"x" * 32: b""})
    with pytest.raises(ValueError):
        cfb.write_compound_file({"a": b"", "a/b": b""})


# --- the built add-in -------------------------------------------------------------------


def _template_xlwings_source() -> str:
    with zipfile.ZipFile(build.template_path()) as package:
        vba = package.read("xl/vbaProject.bin")
    parser = VBA_Parser("template.xlam", data=vba)
    try:
        for _, _, filename, code in parser.extract_macros():
            if filename == "xlwings.bas":
                return code
    finally:
        parser.close()
    raise AssertionError("template has no xlwings module")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build.build_addin(tmp_path_factory.mktemp("addin") / "xltools.xlam", "en")


def _vba_bin(xlam: Path) -> bytes:
    with zipfile.ZipFile(xlam) as package:
        return package.read("xl/vbaProject.bin")


def _modules(xlam: Path) -> dict[str, str]:
    parser = VBA_Parser(str(xlam))
    try:
        return {filename.rsplit(".", 1)[0]: code for _, _, filename, code in parser.extract_macros()}
    finally:
        parser.close()


def test_built_modules_equal_the_sources_in_macros(built: Path) -> None:
    modules = _modules(built)
    for name, source in build.vba_modules(REPO_MACROS).items():
        assert _lf(modules[name]) == _lf(source)


def test_built_addin_keeps_xlwings_runpython_configured_for_xltools(built: Path) -> None:
    modules = _modules(built)
    assert set(modules) == {"ThisWorkbook", "Sheet2", "Dictionary", "xlwings", "XltoolsRibbon"}
    xlwings_vba = modules["xlwings"]
    assert re.search(r"^Public Function RunPython\(", xlwings_vba, re.M)
    assert 'Public Const PROJECT_NAME As String = "xltools"' in xlwings_vba
    expected = vbapatch.patch_xlwings_module(
        build.set_project_name(_template_xlwings_source(), "xltools"))
    assert _lf(xlwings_vba) == _lf(expected)
    with zipfile.ZipFile(built) as package:
        workbook = package.read("xl/workbook.xml").decode()
    assert 'name="_xltools.conf"' in workbook
    assert "myaddin" not in workbook


def test_built_addin_has_the_addin_content_type_and_ribbon_part(built: Path) -> None:
    with zipfile.ZipFile(built) as package:
        names = package.namelist()
        types = SafeET.fromstring(package.read("[Content_Types].xml"))
        rels = SafeET.fromstring(package.read("_rels/.rels"))
        ribbon = SafeET.fromstring(package.read("customUI/customUI14.xml"))
    assert names[0] == "[Content_Types].xml"
    assert "customUI/customUI.xml" not in names
    ct = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{ct}Override")}
    assert overrides["/xl/workbook.xml"] == build.ADDIN_CONTENT_TYPE
    assert overrides["/xl/vbaProject.bin"] == "application/vnd.ms-office.vbaProject"
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{ct}Default")}
    assert defaults["xml"] == "application/xml"  # what a customUI part must be
    ui = [r for r in rels if "ui/extensibility" in (r.get("Type") or "")]
    assert [(r.get("Type"), r.get("Target")) for r in ui] == [(build.UI_REL_2007, "customUI/customUI14.xml")]
    assert len({r.get("Id") for r in rels}) == len(rels)
    assert ribbon.tag == f"{CUI}customUI"


def test_built_vba_project_holds_source_only(built: Path) -> None:
    ole = olefile.OleFileIO(io.BytesIO(_vba_bin(built)), raise_defects=olefile.DEFECT_INCORRECT)
    try:
        vba_project = ole.openstream("VBA/_VBA_PROJECT").read()
        assert len(vba_project) == 7  # no PerformanceCache after the header
        reserved, version = struct.unpack_from("<HH", vba_project)
        assert (reserved, version) == (0x61CC, 0xFFFF)
        streams = {"/".join(p) for p in ole.listdir(streams=True, storages=False)}
        assert not [s for s in streams if "__SRP_" in s.upper()]
        project = VBA_Project(ole, "", "PROJECT", "VBA/dir")
        project.parse_project_stream()
        modules = list(project.parse_modules())
        assert project.projectname == "xltools"
        assert len(modules) == 5
        for module in project.modules:
            assert module.textoffset == 0, module.name
            raw = ole.openstream(f"VBA/{module.streamname}").read()
            # The whole stream is one compressed container: signature byte at offset 0,
            # nothing (no p-code) before it.
            assert raw[0] == 0x01
            assert decompress_stream(bytearray(raw)).decode("cp1252") == module.code
        assert {f"VBA/{m.streamname}" for m in project.modules} | {
            "VBA/dir",
            "VBA/_VBA_PROJECT",
            "PROJECT",
            "PROJECTwm",
        } == streams
        wm = ole.openstream("PROJECTwm").read()
        assert b"XltoolsRibbon\x00" + "XltoolsRibbon".encode("utf-16-le") in wm
    finally:
        ole.close()


def test_project_stream_lists_every_module(built: Path) -> None:
    ole = olefile.OleFileIO(io.BytesIO(_vba_bin(built)))
    try:
        text = ole.openstream("PROJECT").read().decode("cp1252")
    finally:
        ole.close()
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert 'Name="xltools"' in lines
    assert {"Module=xlwings", "Module=XltoolsRibbon", "Class=Dictionary"} <= set(lines)
    assert "Module=RibbonMyAddin" not in lines
    workspace = lines[lines.index("[Workspace]") + 1 :]
    assert {line.split("=")[0] for line in workspace if line} == {
        "ThisWorkbook",
        "Sheet2",
        "Dictionary",
        "xlwings",
        "XltoolsRibbon",
    }


@pytest.mark.parametrize("lang", buttons.LANGUAGES)
def test_each_language_builds_with_its_labels(tmp_path: Path, lang: str) -> None:
    xlam = build.build_addin(tmp_path / f"xltools-{lang}.xlam", lang)
    with zipfile.ZipFile(xlam) as package:
        ribbon = SafeET.fromstring(package.read("customUI/customUI14.xml"))
    by_id = {e.get("id"): e for e in ribbon.iter() if e.get("id")}
    assert set(by_id) == {c.id for c in buttons.CONTROLS}
    for control in buttons.CONTROLS:
        element = by_id[control.id]
        assert element.get("label") == control.label[lang]
        assert element.get("imageMso") == control.image_mso
        if control.tip is not None:
            assert element.get("supertip") == control.tip[lang]
    assert by_id["xltools_tab"].get("label") == buttons.control("xltools_tab").label[lang]


def test_build_is_deterministic_and_atomic(tmp_path: Path, built: Path) -> None:
    again = build.build_addin(tmp_path, "en")
    assert again == tmp_path / "xltools.xlam"
    assert again.read_bytes() == built.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["xltools.xlam"]  # no temp file left


def test_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "xltools.xlam"
    target.write_bytes(b"old")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(build.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        build.build_addin(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["xltools.xlam"]


def test_build_rejects_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.xlam"):
        build.build_addin(tmp_path / "xltools.xlsm")
    with pytest.raises(ValueError, match="language"):
        build.build_addin(tmp_path / "xltools.xlam", "de")
    assert not list(tmp_path.iterdir())


def test_set_project_name_needs_the_xlwings_constant() -> None:
    with pytest.raises(ValueError, match="PROJECT_NAME"):
        build.set_project_name("Sub X()\nEnd Sub\n", "xltools")


def test_built_addin_is_readable_by_others(built: Path) -> None:
    assert built.stat().st_mode & 0o777 == 0o644


# --- only the user's own settings: the patched xlwings module -----------------------------------


def _function(source: str, name: str) -> str:
    found = re.search(rf"^(?:Public |Private )?Function {name}\(.*?^End Function", source,
                      re.M | re.S)
    assert found, name
    return found.group(0)


def _reads_workbook_settings(source: str) -> list[str]:
    """Every way xlwings' module lets the clicked workbook set how Python runs."""
    source = _lf(source)
    found = []
    get_config = _function(source, "GetConfig")
    if re.search(r"GetConfigFromSheet\(ActiveWorkbook\)|SheetExists\(ActiveWorkbook, PROJECT_NAME",
                 get_config):
        found.append("a settings sheet in the workbook")
    calls = [m.start() for m in re.finditer(r"GetDirectoryConfigFilePath\(\)", source)]
    definition = _function(source, "GetDirectoryConfigFilePath")
    start = source.index(definition)
    if any(not start <= c < start + len(definition) for c in calls):
        found.append("a settings file beside the workbook")
    if "ADD_WORKBOOK_TO_PYTHONPATH" in source or re.search(r'AddExcelDir = (?!"false")', source):
        found.append("the workbook's folder on the import path")
    if "uses_embedded_code = True" in source.replace("If uses_embedded_code = True", ""):
        found.append("code embedded in the workbook")
    return found


def test_xlwings_template_reads_workbook_settings_unpatched() -> None:
    # what the patches are for (and proof the check below can fail)
    assert _reads_workbook_settings(_template_xlwings_source()) == [
        "a settings sheet in the workbook", "a settings file beside the workbook",
        "the workbook's folder on the import path", "code embedded in the workbook"]


def test_built_vba_reads_only_the_users_settings(built: Path) -> None:
    xlwings_vba = _modules(built)["xlwings"]
    assert _reads_workbook_settings(xlwings_vba) == []
    get_config = _function(_lf(xlwings_vba), "GetConfig")
    assert "ActiveWorkbook" not in get_config
    # the user's file and the add-in's own (switched-off) sheet remain
    assert "GetConfigFromFile(GetConfigFilePath()" in get_config
    assert "GetConfigFromSheet(ThisWorkbook)" in get_config
    assert _lf(xlwings_vba).count('AddExcelDir = "false"') == 3  # embedded-code branch too


def test_vba_patches_refuse_a_changed_xlwings() -> None:
    source = _template_xlwings_source()
    with pytest.raises(ValueError, match="settings sheet"):
        vbapatch.patch_xlwings_module(source.replace("'Workbook Sheet Config", "'Sheet"))
    with pytest.raises(ValueError, match="import path"):
        vbapatch.patch_xlwings_module(source.replace("ADD_WORKBOOK_TO_PYTHONPATH", "X"))


# --- the user's settings file ------------------------------------------------------------------


def _vba_input(data: bytes, encoding: str) -> dict[str, str]:
    """What VBA's ``Input #`` reads from the file: quoted pairs, decoded in ``encoding``."""
    text = data.decode(encoding)
    return dict(re.findall(r'^"([^"]*)","([^"]*)"\r?$', text, re.M))


def test_settings_file_locations(tmp_path: Path) -> None:
    assert userconf.conf_path("win32", tmp_path) == tmp_path / ".xltools" / "xltools.conf"
    assert userconf.conf_path("darwin", tmp_path) == (
        tmp_path / "Library/Containers/com.microsoft.Excel/Data/xltools.conf")


@pytest.mark.parametrize(("platform", "encoding", "interpreter"), [
    ("win32", "cp1252", r"C:\Users\Søren\AppData\Local\Programs\Python\python.exe"),
    ("win32", "cp1252", r"C:\Users\Åsa Öberg\venv\Scripts\python.exe"),
    ("darwin", "mac_roman", "/Users/asa/Åsa Søren/bin/python3"),
])
def test_settings_file_round_trips_nordic_names(tmp_path: Path, platform: str, encoding: str,
                                                interpreter: str) -> None:
    path = userconf.conf_path(platform, tmp_path)
    added = install.update_user_config(path, interpreter, platform)
    key = "INTERPRETER_MAC" if platform == "darwin" else "INTERPRETER_WIN"
    assert added == [key, "ADD_WORKBOOK_TO_PYTHONPATH"]
    data = path.read_bytes()
    assert userconf.conf_encoding(platform) == encoding
    assert _vba_input(data, encoding)[key] == interpreter  # what Excel's macros read
    assert interpreter.encode("utf-8") not in data  # not the UTF-8 the VBA garbles
    assert userconf.read_conf(path, platform)[key] == interpreter
    assert _vba_input(data, encoding)["ADD_WORKBOOK_TO_PYTHONPATH"] == "False"
    assert data.endswith(b"\n" if platform == "darwin" else b"\r\n")


def test_macos_decomposed_names_are_written_composed(tmp_path: Path) -> None:
    import unicodedata

    path = tmp_path / "xltools.conf"
    decomposed = unicodedata.normalize("NFD", "/Users/asa/Åsa/bin/python3")
    install.update_user_config(path, decomposed, "darwin")
    assert _vba_input(path.read_bytes(), "mac_roman")["INTERPRETER_MAC"] == "/Users/asa/Åsa/bin/python3"


def test_settings_file_keeps_the_users_settings_and_mends_an_old_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "xltools.conf"
    # what older versions wrote: UTF-8, which the VBA reads as "SÃ¸ren"
    path.write_text('"INTERPRETER_WIN","C:\\Users\\Søren\\python.exe"\n"CONDA ENV","base"\n',
                    encoding="utf-8")
    onedrive = tmp_path / "OneDrive - Nordby Kommune"
    added = install.update_user_config(path, r"C:\other\python.exe", "win32",
                                       {"ONEDRIVE_COMMERCIAL_WIN": onedrive})
    assert added == ["ADD_WORKBOOK_TO_PYTHONPATH", "ONEDRIVE_COMMERCIAL_WIN"]
    read = _vba_input(path.read_bytes(), "cp1252")
    assert read == {"INTERPRETER_WIN": r"C:\Users\Søren\python.exe", "CONDA ENV": "base",
                    "ADD_WORKBOOK_TO_PYTHONPATH": "False",
                    "ONEDRIVE_COMMERCIAL_WIN": str(onedrive)}
    before = path.read_bytes()
    assert install.update_user_config(path, r"C:\other\python.exe", "win32") == []
    assert path.read_bytes() == before


def test_settings_the_vba_cannot_read_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "xltools.conf"
    with pytest.raises(userconf.ConfEncodingError, match="cp1252"):
        userconf.write_conf(path, {"INTERPRETER_WIN": r"C:\Users\Michał\python.exe"}, "win32")
    with pytest.raises(userconf.ConfEncodingError, match="quote"):
        userconf.write_conf(path, {"PYTHONPATH": 'a"b'}, "win32")
    assert not path.exists()


def test_install_builds_per_user_with_platformdirs() -> None:
    from platformdirs import user_data_dir

    assert install.default_addin_path() == Path(user_data_dir("xltools", appauthor=False)) / (
        "xltools.xlam")


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="would touch Excel")
def test_install_needs_desktop_excel(built: Path) -> None:
    with pytest.raises(RuntimeError, match="Windows or macOS"):
        install.install_addin(built)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_imports_the_vba_modules(tmp_path: Path, built: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--infilter=Calc MS Excel 2007 VBA XML",
            "--convert-to",
            "ods",
            "--outdir",
            str(out),
            str(built),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = out / "xltools.ods"
    assert result.returncode == 0 and converted.is_file(), result.stdout + result.stderr
    with zipfile.ZipFile(converted) as ods:
        names = set(ods.namelist())
        for module in ("XltoolsRibbon", "xlwings", "Dictionary"):
            assert f"Basic/xltools/{module}.xml" in names, sorted(names)
        ribbon = ods.read("Basic/xltools/XltoolsRibbon.xml").decode("utf-8")
    assert "Sub OnButton(control As IRibbonControl)" in ribbon
    assert "a.dispatch(" in ribbon
