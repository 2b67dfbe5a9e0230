"""The reader's quick look at a part's first bytes gives what ZipFile.open would, or defers to it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from xltools.io.read import _part_head
from xltools.io.template import new_workbook


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "plan.xlsx"
    new_workbook(path, "da")
    return path


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_a_parts_head_is_what_zipfile_reads(template: Path, tmp_path: Path,
                                            compression: int) -> None:
    copy = tmp_path / "copy.xlsx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(copy, "w", compression) as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info))
    with zipfile.ZipFile(copy) as archive:
        for info in archive.infolist():
            for size in (1, 100, 4096):
                with archive.open(info) as part:
                    assert _part_head(archive, info, size) == part.read(size), info.filename


def test_a_part_whose_header_disagrees_is_refused_as_zipfile_refuses_it(template: Path,
                                                                        tmp_path: Path) -> None:
    data = bytearray(template.read_bytes())
    with zipfile.ZipFile(template) as archive:
        info = archive.getinfo("xl/workbook.xml")
    name_at = info.header_offset + 30
    data[name_at:name_at + 2] = b"yl"  # the local header names another part
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    with zipfile.ZipFile(damaged) as archive:
        info = archive.getinfo("xl/workbook.xml")
        with pytest.raises(zipfile.BadZipFile, match="File name in directory"):
            _part_head(archive, info, 4096)


def _outcome(read: object) -> object:
    try:
        return read()  # type: ignore[operator]
    except Exception as error:
        return type(error)


def test_a_part_cut_short_is_read_or_refused_as_zipfile_does(template: Path,
                                                              tmp_path: Path) -> None:
    data = bytearray(template.read_bytes())
    with zipfile.ZipFile(template) as archive:
        at = archive.start_dir
        infos = archive.infolist()
    for info in infos:  # the directory entries, in order: shorten every part's data
        assert data[at:at + 4] == b"PK\x01\x02"
        name_length, extra_length, comment_length = (
            int.from_bytes(data[at + 28 + 2 * i:at + 30 + 2 * i], "little") for i in range(3))
        data[at + 20:at + 24] = max(1, info.compress_size // 4).to_bytes(4, "little")
        at += 46 + name_length + extra_length + comment_length
    damaged = tmp_path / "short.xlsx"
    damaged.write_bytes(bytes(data))
    with zipfile.ZipFile(damaged) as archive:
        refused = 0
        for info in archive.infolist():
            def zipfile_reads(info: zipfile.ZipInfo = info) -> bytes:
                with archive.open(info) as part:
                    return part.read(4096)

            expected = _outcome(zipfile_reads)
            refused += not isinstance(expected, bytes)
            assert _outcome(lambda i=info: _part_head(archive, i, 4096)) == expected, \
                info.filename
        assert refused  # the small parts fail their checksum, the long ones read on
