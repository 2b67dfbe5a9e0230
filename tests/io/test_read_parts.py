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
            for size in (1, 100, 4096, 1 << 20):
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
