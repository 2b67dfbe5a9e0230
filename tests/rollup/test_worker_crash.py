"""A file that kills its worker process (a native crash in a reader) is reported, never a hang."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest

import xltools.rollup as rollup_module
from xltools.io.template import new_workbook


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="relies on fork to patch workers")
def test_crashing_file_is_failed_and_the_rest_are_read(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("a", "b", "crash", "d", "e"):
        new_workbook(folder / f"{name}.xlsx", "en", department=name.upper())
    real = rollup_module.check_file_for_rollup

    def crash_on_one(source: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if Path(source).stem == "crash":
            os._exit(134)  # what an abort inside a native reader looks like to Python
        return real(source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rollup_module, "check_file_for_rollup", crash_on_one)
    result = rollup_module.rollup([folder], tmp_path / "summary.xlsx", as_of=date(2026, 11, 23),
                                  jobs=2)
    outcomes = {Path(f.source).stem: f.outcome for f in result.files}
    assert outcomes.pop("crash") == "failed"
    assert set(outcomes.values()) == {"read"} and len(outcomes) == 4
    failed = next(f for f in result.files if Path(f.source).stem == "crash")
    assert "crashed" in (failed.reason or "")
    assert result.output is not None and result.output.exists()
