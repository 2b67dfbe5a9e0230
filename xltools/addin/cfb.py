"""A minimal writer of MS-CFB (OLE compound file) version 3 files, enough for a
``vbaProject.bin``: streams of any size in nested storages, no DIFAT beyond the header."""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_STREAM_CUTOFF = 4096
_FREESECT = 0xFFFFFFFF
_ENDOFCHAIN = 0xFFFFFFFE
_FATSECT = 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF
_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
# The header holds 109 FAT sector numbers; 109 * 128 sectors * 512 bytes ≈ 7 MB is far
# more than any VBA project, so DIFAT sectors are not implemented.
_HEADER_DIFAT = 109
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_BLACK = 1


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: dict[str, _Entry] = field(default_factory=dict)
    sid: int = 0
    start: int = _ENDOFCHAIN
    left: int = _NOSTREAM
    right: int = _NOSTREAM
    child: int = _NOSTREAM


def _sort_key(name: str) -> tuple[int, str]:
    # MS-CFB §2.6.4: shorter names sort first, then an upper-case comparison.
    return (len(name.encode("utf-16-le")), name.upper())


def _tree(entries: list[_Entry]) -> int:
    """Link ``entries`` (sorted) as a balanced binary search tree and return the root sid.

    MS-CFB §2.6.4 allows every node to be black, which makes the red-black tree a plain
    binary search tree; balancing it keeps every black-height equal enough for readers
    that do check.
    """
    if not entries:
        return _NOSTREAM
    middle = len(entries) // 2
    root = entries[middle]
    root.left = _tree(entries[:middle])
    root.right = _tree(entries[middle + 1 :])
    return root.sid


def _build_tree(streams: Mapping[str, bytes]) -> list[_Entry]:
    root = _Entry("Root Entry", _ROOT)
    for path, data in streams.items():
        parts = path.strip("/").split("/")
        node = root
        for part in parts[:-1]:
            node = node.children.setdefault(part, _Entry(part, _STORAGE))
            if node.kind != _STORAGE:
                raise ValueError(f"{path}: {part} is a stream, not a storage")
        if parts[-1] in node.children:
            raise ValueError(f"duplicate stream {path}")
        node.children[parts[-1]] = _Entry(parts[-1], _STREAM, bytes(data))
    flat: list[_Entry] = []

    def number(node: _Entry) -> None:
        node.sid = len(flat)
        flat.append(node)
        for child in node.children.values():
            number(child)

    number(root)
    for node in flat:
        for name in node.children:
            if len(name) > 31 or not name:
                raise ValueError(f"compound file names have 1 to 31 characters: {name!r}")
        ordered = sorted(node.children.values(), key=lambda e: _sort_key(e.name))
        node.child = _tree(ordered)
    return flat


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else _ENDOFCHAIN


def _sectors(size: int, unit: int) -> int:
    return (size + unit - 1) // unit


def write_compound_file(streams: Mapping[str, bytes]) -> bytes:
    """Serialise streams into a version 3 compound file.

    Args:
        streams: Stream path (storages separated by ``/``, e.g. ``"VBA/dir"``) to
            contents. Storages are created as the paths need them.

    Returns:
        The compound file bytes: 512-byte sectors, streams under 4096 bytes in the
        mini stream, directory entries in balanced all-black trees, zero timestamps
        and CLSIDs.

    Raises:
        ValueError: A name is empty or longer than 31 characters, a path repeats, or
            the file would need DIFAT sectors (over about 7 MB).
    """
    entries = _build_tree(streams)
    small = [e for e in entries if e.kind == _STREAM and len(e.data) < MINI_STREAM_CUTOFF]
    large = [e for e in entries if e.kind == _STREAM and len(e.data) >= MINI_STREAM_CUTOFF]

    mini_stream = bytearray()
    minifat: list[int] = []
    for entry in small:
        count = _sectors(len(entry.data), MINI_SECTOR)
        if count == 0:
            continue  # an empty stream owns no sector (start stays ENDOFCHAIN)
        entry.start = len(minifat)
        minifat += [0] * count
        _chain(minifat, entry.start, count)
        mini_stream += entry.data.ljust(count * MINI_SECTOR, b"\x00")

    dir_sectors = _sectors(len(entries) * 128, SECTOR)
    minifat_sectors = _sectors(len(minifat) * 4, SECTOR)
    mini_sectors = _sectors(len(mini_stream), SECTOR)
    data_sectors = sum(_sectors(len(e.data), SECTOR) for e in large)
    payload = dir_sectors + minifat_sectors + mini_sectors + data_sectors
    fat_sectors = 1
    # The FAT also maps its own sectors, so grow it until it covers everything.
    while fat_sectors * (SECTOR // 4) < payload + fat_sectors:
        fat_sectors += 1
    if fat_sectors > _HEADER_DIFAT:
        raise ValueError("compound file too large for a header-only DIFAT")

    fat = [_FREESECT] * (fat_sectors * (SECTOR // 4))
    for i in range(fat_sectors):
        fat[i] = _FATSECT
    next_free = fat_sectors

    def allocate(count: int) -> int:
        nonlocal next_free
        if count == 0:
            return _ENDOFCHAIN
        first = next_free
        _chain(fat, first, count)
        next_free += count
        return first

    dir_start = allocate(dir_sectors)
    minifat_start = allocate(minifat_sectors)
    root = entries[0]
    root.start = allocate(mini_sectors)
    for entry in large:
        entry.start = allocate(_sectors(len(entry.data), SECTOR))

    directory = bytearray()
    for entry in entries:
        size = len(mini_stream) if entry.kind == _ROOT else len(entry.data)
        start = entry.start if entry.kind != _STORAGE else 0
        name = entry.name.encode("utf-16-le") + b"\x00\x00"
        directory += struct.pack(
            "<64sHBBIII16sIQQIQ",
            name,
            len(name),
            entry.kind,
            _BLACK,
            entry.left,
            entry.right,
            entry.child,
            b"\x00" * 16,
            0,
            0,
            0,
            start,
            size,
        )
    unused = struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, *(3 * [_NOSTREAM]), b"", 0, 0, 0, 0, 0)
    while len(directory) % SECTOR:
        directory += unused

    difat = [*range(fat_sectors), *[_FREESECT] * (_HEADER_DIFAT - fat_sectors)]
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        _SIGNATURE,
        b"\x00" * 16,
        0x003E,  # minor version
        0x0003,  # major version 3: 512-byte sectors
        0xFFFE,  # byte order mark (little-endian)
        9,  # sector shift: 2**9 = 512
        6,  # mini sector shift: 2**6 = 64
        b"\x00" * 6,
        0,  # number of directory sectors: must be 0 in version 3
        fat_sectors,
        dir_start,
        0,  # transaction signature
        MINI_STREAM_CUTOFF,
        minifat_start if minifat_sectors else _ENDOFCHAIN,
        minifat_sectors,
        _ENDOFCHAIN,  # first DIFAT sector: none
        0,
    ) + struct.pack(f"<{_HEADER_DIFAT}I", *difat)

    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat)
    minifat_bytes += struct.pack("<I", _FREESECT) * ((-len(minifat)) % (SECTOR // 4))
    body = bytearray(struct.pack(f"<{len(fat)}I", *fat))
    body += directory + minifat_bytes + mini_stream.ljust(mini_sectors * SECTOR, b"\x00")
    for entry in large:
        body += entry.data.ljust(_sectors(len(entry.data), SECTOR) * SECTOR, b"\x00")
    return header + bytes(body)
