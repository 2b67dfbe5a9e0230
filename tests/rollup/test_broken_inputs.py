"""A broken file never stops the roll-up: it gets its line in Files with a plain reason."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.rollup.conftest import AS_OF
from xltools.io.template import new_workbook
from xltools.rollup import rollup

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _empty(path: Path, good: bytes) -> None:
    path.write_bytes(b"")


def _truncated(path: Path, good: bytes) -> None:
    path.write_bytes(good[:1000])


def _csv(path: Path, good: bytes) -> None:
    path.write_text("ID;Topic;Status\n1;Krav;I gang\n", encoding="utf-8")


def _html(path: Path, good: bytes) -> None:
    path.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>")


def _encrypted(path: Path, good: bytes) -> None:
    # An Office-encrypted .xlsx is an OLE container holding an EncryptionInfo stream.
    path.write_bytes(OLE_MAGIC + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 512)


def _plain_zip(path: Path, good: bytes) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")


def _no_plan_sheets(path: Path, good: bytes) -> None:
    wb = Workbook()
    wb.active.title = "Budget"
    wb.active.append(["Post", "Beløb"])
    wb.active.append(["Kaffe", 1200])
    wb.save(path)


BROKEN = {
    "empty": (_empty, "empty"),
    "truncated": (_truncated, "damaged"),
    "csv": (_csv, "not an Excel workbook"),
    "html": (_html, "HTML"),
    "encrypted": (_encrypted, "password"),
    "plain-zip": (_plain_zip, "not an Excel workbook"),
    "no-plan-sheets": (_no_plan_sheets, "no action, activity or communication plan"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_file_is_reported_and_the_rest_rolled_up(kind: str, fixture_folder: Path,
                                                         tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(fixture_folder / "it-support.xlsx", folder)
    make, reason = BROKEN[kind]
    make(folder / f"{kind}.xlsx", (fixture_folder / "it-support.xlsx").read_bytes())
    out = tmp_path / "summary.xlsx"

    result = rollup([folder], out, as_of=AS_OF, jobs=1)

    assert (result.read, result.failed) == (1, 1)
    files = {Path(r[0]).name: r for r in load_workbook(out)["Files"].iter_rows(values_only=True)}
    line = files[f"{kind}.xlsx"]
    assert line[1] == "Failed"
    assert reason.lower() in line[2].lower()
    overview = list(load_workbook(out)["Overview"].iter_rows(values_only=True))
    # the file that could not be read is a line of its own, under its area (none), with why;
    # a workbook read without plans is named by its department (the file name's stem)
    name = kind if kind == "no-plan-sheets" else f"{kind}.xlsx"
    assert [r[0] for r in overview[1:]] == ["Stab", "IT Support", "(no area)",
                                            f"{name} — not read: {line[2]}", "Organisation total"]
    assert overview[4][1:] == (None,) * (len(overview[0]) - 1)


def test_only_broken_files_write_no_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(b"")
    out = tmp_path / "summary.xlsx"
    result = rollup([folder], out, as_of=AS_OF, jobs=1)
    assert result.output is None and result.failed == 1
    assert not out.exists()


def test_long_text_and_old_dates_do_not_abort_the_write(tmp_path: Path) -> None:
    from tests.rollup.conftest import write_department
    from xltools.core.schema import PlanKind

    folder = tmp_path / "in"
    folder.mkdir()
    long_text = "x" * 40_000
    write_department(folder / "odd.xlsx", "en", "Odd", AS_OF, {
        PlanKind.ACTION: [dict(id=1, topic="T", goal=long_text, actions="a", owner="Ann Lee",
                               deadline="1. januar 1850", follow_up="f", status="Done")]})
    out = tmp_path / "s.xlsx"
    result = rollup([folder], out, as_of=AS_OF, jobs=1)
    assert result.failed == 0
    rows = list(load_workbook(out)["Actions"].iter_rows(values_only=True))
    header = rows[0]
    assert len(rows[1][header.index("Goal")]) == 32_767


def test_missing_path_is_a_failed_line(fixture_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    result = rollup([fixture_folder / "it-support.xlsx", tmp_path / "nope.xlsx"], out,
                    as_of=AS_OF, jobs=1)
    assert (result.read, result.failed) == (1, 1)
    files = {Path(r[0]).name: r for r in load_workbook(out)["Files"].iter_rows(values_only=True)}
    assert files["nope.xlsx"][1:3] == ("Failed", "the file does not exist")


def test_reasons_are_in_the_summary_language(tmp_path: Path) -> None:
    from xltools.core.texts import READ_FAILURES, SKIP_REASONS

    folder = tmp_path / "in"
    folder.mkdir()
    new_workbook(folder / "ok.xlsx", "sv", department="Ekonomi")
    (folder / "empty.xlsx").write_bytes(b"")
    (folder / "~$ok.xlsx").write_bytes(b"lock")
    out = tmp_path / "sammanfattning.xlsx"
    result = rollup([folder], out, as_of=date(2026, 11, 23), lang="sv", jobs=1)
    reasons = {Path(f.source).name: f.reason for f in result.files}
    assert reasons["empty.xlsx"] == READ_FAILURES["empty"]["sv"]
    assert reasons["~$ok.xlsx"] == SKIP_REASONS["excel_lock"]["sv"]
