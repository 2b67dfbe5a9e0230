"""MS-OVBA pieces the add-in builder needs: the RLE/LZ77 compression of §2.4.1 and
the VBA project streams (``dir``, ``PROJECT``, ``PROJECTwm``, ``_VBA_PROJECT``)."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

CHUNK_SIZE = 4096
# A chunk header stores (chunk size - 3) in 12 bits: a compressed chunk holds at most
# 4096 bytes of tokens after its 2-byte header.
_MAX_CHUNK_DATA = 4096
_CHUNK_SIGNATURE = 0b011 << 12
_COMPRESSED_FLAG = 0x8000
# Longer hash chains barely improve the ratio on VBA source but make adversarial input slow.
_MAX_CANDIDATES = 64


class IncompressibleChunkError(ValueError):
    """A chunk cannot be stored compressed, and a raw chunk is not allowed or not possible."""


def _copy_token_bits(position_in_chunk: int) -> int:
    """Offset bit count of a CopyToken at this position of its decompressed chunk (§2.4.1.3.19.1).

    Args:
        position_in_chunk: DecompressedCurrent - DecompressedChunkStart, at least 1.

    Returns:
        The number of high bits holding ``offset - 1``; the remaining low bits hold
        ``length - 3``.
    """
    return max((position_in_chunk - 1).bit_length(), 4)


def _compress_chunk(data: bytes, start: int, end: int) -> bytes | None:
    """Token sequences for ``data[start:end]``, or None if they exceed 4096 bytes."""
    out = bytearray()
    heads: dict[bytes, list[int]] = {}
    pos = start
    while pos < end:
        flag_index = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= end:
                break
            best_len, best_src = 0, 0
            if pos - start >= 1 and end - pos >= 3:
                bits = _copy_token_bits(pos - start)
                max_len = min((0xFFFF >> bits) + 3, end - pos)
                for src in reversed(heads.get(data[pos : pos + 3], ())[-_MAX_CANDIDATES:]):
                    # Overlapping matches (src + length > pos) are legal: the
                    # decompressor copies byte by byte.
                    if best_len and data[src + best_len] != data[pos + best_len]:
                        continue
                    length = 0
                    while length < max_len and data[src + length] == data[pos + length]:
                        length += 1
                    if length > best_len:
                        best_len, best_src = length, src
                        if length == max_len:
                            break
            step = best_len if best_len >= 3 else 1
            if step > 1:
                bits = _copy_token_bits(pos - start)
                token = ((pos - best_src - 1) << (16 - bits)) | (best_len - 3)
                out += struct.pack("<H", token)
                flags |= 1 << bit
            else:
                out.append(data[pos])
            for p in range(pos, pos + step):
                if end - p >= 3:
                    heads.setdefault(data[p : p + 3], []).append(p)
            pos += step
        out[flag_index] = flags
        if len(out) > _MAX_CHUNK_DATA:
            return None
    return bytes(out)


def compress(data: bytes, *, raw_chunks: bool = True) -> bytes:
    """Compress bytes into an MS-OVBA CompressedContainer (§2.4.1.1.1).

    Args:
        data: The decompressed bytes (for VBA source: text in the project code page).
        raw_chunks: Whether a 4096-byte chunk that does not shrink may be stored as a
            raw (uncompressed) chunk, as the specification allows. The add-in builder
            passes False because Excel is reported to drop modules stored that way;
            real VBA source never needs one.

    Returns:
        The container: signature byte 0x01 followed by the chunks.

    Raises:
        IncompressibleChunkError: A chunk does not fit in 4096 bytes of tokens and
            cannot be stored raw (raw chunks disallowed, or it is a final chunk shorter
            than 4096 bytes, which a raw chunk could only hold by padding the data).
    """
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK_SIZE):
        end = min(start + CHUNK_SIZE, len(data))
        tokens = _compress_chunk(data, start, end)
        if tokens is not None:
            out += struct.pack("<H", (len(tokens) + 2 - 3) | _CHUNK_SIGNATURE | _COMPRESSED_FLAG)
            out += tokens
        elif raw_chunks and end - start == CHUNK_SIZE:
            out += struct.pack("<H", (CHUNK_SIZE + 2 - 3) | _CHUNK_SIGNATURE)
            out += data[start:end]
        else:
            raise IncompressibleChunkError(f"bytes {start}..{end} do not compress into one MS-OVBA chunk")
    return bytes(out)


def decompress(container: bytes) -> bytes:
    """Decompress an MS-OVBA CompressedContainer (§2.4.1.3.1).

    Args:
        container: The compressed bytes, starting with the 0x01 signature byte.

    Returns:
        The decompressed bytes.

    Raises:
        ValueError: The container is malformed.
    """
    if not container or container[0] != 0x01:
        raise ValueError("not an MS-OVBA compressed container (signature byte is not 0x01)")
    out = bytearray()
    pos = 1
    while pos < len(container):
        if pos + 2 > len(container):
            raise ValueError("truncated chunk header")
        (header,) = struct.unpack_from("<H", container, pos)
        if header & 0x7000 != _CHUNK_SIGNATURE:
            raise ValueError(f"bad chunk signature at byte {pos}")
        chunk_end = min(pos + (header & 0x0FFF) + 3, len(container))
        pos += 2
        chunk_start = len(out)
        if not header & _COMPRESSED_FLAG:
            out += container[pos : pos + CHUNK_SIZE]
            pos += CHUNK_SIZE
            continue
        while pos < chunk_end:
            flags = container[pos]
            pos += 1
            for bit in range(8):
                if pos >= chunk_end:
                    break
                if not flags & (1 << bit):
                    out.append(container[pos])
                    pos += 1
                    continue
                if pos + 2 > chunk_end:
                    raise ValueError("truncated copy token")
                (token,) = struct.unpack_from("<H", container, pos)
                pos += 2
                bits = _copy_token_bits(len(out) - chunk_start)
                offset = (token >> (16 - bits)) + 1
                length = (token & (0xFFFF >> bits)) + 3
                src = len(out) - offset
                if src < chunk_start:
                    raise ValueError("copy token points before its chunk")
                for i in range(length):
                    out.append(out[src + i])
    return bytes(out)


# --- dir stream (§2.3.4.2) ------------------------------------------------------------

_PROJECTVERSION = 0x0009
_PROJECTNAME = 0x0004
_PROJECTMODULES = 0x000F
_PROJECTCOOKIE = 0x0013
_MODULENAME = 0x0019
_MODULEOFFSET = 0x0031
_MODULETERMINATOR = 0x002B
_DIRTERMINATOR = 0x0010
_PROCEDURAL_MODULE = 0x0021
_DOCUMENT_OR_CLASS_MODULE = 0x0022


@dataclass(frozen=True)
class Record:
    """One record of the ``dir`` stream: id and payload (the size is implied)."""

    id: int
    data: bytes

    def to_bytes(self) -> bytes:
        """Serialise the record.

        Returns:
            Id (2 bytes), size (4 bytes) and payload; PROJECTVERSION is the one record
            whose size field is a fixed reserved value (4) followed by 6 bytes.
        """
        if self.id == _PROJECTVERSION:
            return struct.pack("<HI", self.id, 4) + self.data
        return struct.pack("<HI", self.id, len(self.data)) + self.data


@dataclass(frozen=True)
class ModuleInfo:
    """A module as the ``dir`` stream describes it."""

    name: str
    stream_name: str
    offset: int
    procedural: bool
    records: tuple[Record, ...]


def _records(dir_stream: bytes) -> Iterator[Record]:
    pos = 0
    while pos < len(dir_stream):
        rid, size = struct.unpack_from("<HI", dir_stream, pos)
        pos += 6
        if rid == _PROJECTVERSION:
            size = 6
        yield Record(rid, dir_stream[pos : pos + size])
        pos += size


@dataclass(frozen=True)
class DirStream:
    """The decompressed ``dir`` stream split into project records and modules."""

    project: tuple[Record, ...]
    modules: tuple[ModuleInfo, ...]
    codepage: str

    @classmethod
    def parse(cls, dir_stream: bytes) -> DirStream:
        """Split a decompressed ``dir`` stream.

        Args:
            dir_stream: The stream after :func:`decompress`.

        Returns:
            The project information and reference records (up to PROJECTCOOKIE) and
            one :class:`ModuleInfo` per module.
        """
        project: list[Record] = []
        modules: list[ModuleInfo] = []
        current: list[Record] = []
        in_modules = False
        codepage = "cp1252"
        for record in _records(dir_stream):
            if record.id == 0x0003:
                codepage = f"cp{struct.unpack('<H', record.data)[0]}"
            if not in_modules:
                project.append(record)
                in_modules = record.id == _PROJECTCOOKIE
                continue
            if record.id == _DIRTERMINATOR:
                break
            current.append(record)
            if record.id == _MODULETERMINATOR:
                modules.append(_module_info(tuple(current), codepage))
                current = []
        return cls(tuple(project), tuple(modules), codepage)

    def to_bytes(self) -> bytes:
        """Serialise (uncompressed) with the module count and terminator made consistent.

        Returns:
            The ``dir`` stream bytes, ready for :func:`compress`.
        """
        out = bytearray()
        for record in self.project:
            if record.id == _PROJECTMODULES:
                record = Record(_PROJECTMODULES, struct.pack("<H", len(self.modules)))
            out += record.to_bytes()
        for module in self.modules:
            for record in module.records:
                out += record.to_bytes()
        out += struct.pack("<HI", _DIRTERMINATOR, 0)
        return bytes(out)


def _module_info(records: tuple[Record, ...], codepage: str) -> ModuleInfo:
    by_id = {r.id: r.data for r in records}
    return ModuleInfo(
        name=by_id[_MODULENAME].decode(codepage),
        stream_name=by_id[0x001A].decode(codepage),
        offset=struct.unpack("<I", by_id[_MODULEOFFSET])[0],
        procedural=_PROCEDURAL_MODULE in by_id,
        records=records,
    )


def source_only(module: ModuleInfo) -> ModuleInfo:
    """The same module with MODULEOFFSET 0, i.e. its stream holds no performance cache.

    Args:
        module: A module read from a ``dir`` stream.

    Returns:
        A copy whose MODULEOFFSET record is 0.
    """
    records = tuple(
        Record(_MODULEOFFSET, struct.pack("<I", 0)) if r.id == _MODULEOFFSET else r for r in module.records
    )
    return ModuleInfo(module.name, module.stream_name, 0, module.procedural, records)


def procedural_module(name: str, codepage: str) -> ModuleInfo:
    """Describe a new standard (``.bas``) module stored as source only.

    Args:
        name: Module name, also used as its stream name.
        codepage: The project's code page, e.g. ``"cp1252"``.

    Returns:
        A module whose records follow §2.3.4.2.3.2 with MODULEOFFSET 0 and the
        "no cookie" value 0xFFFF.
    """
    mbcs, utf16 = name.encode(codepage), name.encode("utf-16-le")
    records = (
        Record(_MODULENAME, mbcs),
        Record(0x0047, utf16),
        Record(0x001A, mbcs),
        Record(0x0032, utf16),
        Record(0x001C, b""),
        Record(0x0048, b""),
        Record(_MODULEOFFSET, struct.pack("<I", 0)),
        Record(0x001E, struct.pack("<I", 0)),
        Record(0x002C, struct.pack("<H", 0xFFFF)),
        Record(_PROCEDURAL_MODULE, b""),
        Record(_MODULETERMINATOR, b""),
    )
    return ModuleInfo(name, name, 0, True, records)


def rename_project(project: Sequence[Record], name: str, codepage: str) -> tuple[Record, ...]:
    """Replace the PROJECTNAME record.

    Args:
        project: The project records of a :class:`DirStream`.
        name: The new VBA project name (shown in the VBA editor).
        codepage: The project's code page.

    Returns:
        The records with PROJECTNAME set to ``name``.
    """
    return tuple(Record(_PROJECTNAME, name.encode(codepage)) if r.id == _PROJECTNAME else r for r in project)


# --- PROJECT, PROJECTwm and _VBA_PROJECT streams (§2.3.1, §2.3.3, §2.3.4.1) ------------


def project_stream(template: str, name: str, modules: Sequence[ModuleInfo]) -> str:
    """Rewrite the text of the ``PROJECT`` stream for a new module list and project name.

    Args:
        template: The template's PROJECT stream, decoded.
        name: The VBA project name.
        modules: The modules in ``dir`` order.

    Returns:
        The stream text with CRLF line endings: the template's ID, Document and Class
        lines for modules that remain, a Module line per procedural module, and a
        Workspace section listing every module.
    """
    names = {m.name for m in modules}
    ids: list[str] = []
    items: list[str] = []
    rest: list[str] = []
    for line in template.replace("\r\n", "\n").split("\n"):
        if line.strip() == "[Workspace]":
            break  # the Workspace section (window positions) is rebuilt below
        key, _, value = line.partition("=")
        if key == "ID":
            ids.append(line)
        elif key in {"Document", "Class", "BaseClass"}:
            if value.split("/")[0] in names:
                items.append(line)
        elif key == "Module":
            continue  # procedural modules are listed from `modules`
        elif key == "Name":
            rest.append(f'Name="{name}"')
        else:
            rest.append(line)
    items += [f"Module={m.name}" for m in modules if m.procedural]
    while rest and not rest[-1]:
        rest.pop()
    workspace = ["", "[Workspace]"] + [f"{m.name}=0, 0, 0, 0, C" for m in modules]
    return "\r\n".join([*ids, *items, *rest, *workspace]) + "\r\n"


def projectwm_stream(modules: Sequence[ModuleInfo], codepage: str) -> bytes:
    """Build the ``PROJECTwm`` stream mapping each module name to its Unicode form.

    Args:
        modules: The modules of the project.
        codepage: The project's code page.

    Returns:
        The stream bytes (§2.3.3).
    """
    out = bytearray()
    for module in modules:
        out += module.name.encode(codepage) + b"\x00"
        out += module.name.encode("utf-16-le") + b"\x00\x00"
    return bytes(out + b"\x00\x00")


def source_only_vba_project(template: bytes) -> bytes:
    """The ``_VBA_PROJECT`` stream with no p-code: version 0xFFFF makes Office recompile.

    Args:
        template: The template's ``_VBA_PROJECT`` stream (its reserved bytes are kept).

    Returns:
        The 7-byte stream of §2.3.4.1 with Version 0xFFFF and no PerformanceCache.
    """
    head = bytes(template[:7]) if len(template) >= 7 else b"\xcc\x61\x00\x00\x00\x01\x00"
    return head[:2] + b"\xff\xff" + head[4:7]


_VB_NAME = re.compile(r'^Attribute VB_Name = "([^"]+)"', re.MULTILINE)


def module_name(source: str) -> str:
    """The module name a ``.bas`` file declares.

    Args:
        source: The module text as exported by the VBA editor.

    Returns:
        The value of its ``Attribute VB_Name`` line.

    Raises:
        ValueError: The source has no ``Attribute VB_Name`` line.
    """
    match = _VB_NAME.search(source)
    if match is None:
        raise ValueError('VBA module source lacks an `Attribute VB_Name = "..."` line')
    return match.group(1)
