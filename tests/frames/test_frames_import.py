"""pandas stays optional: ``import xltools`` never loads it, and without it one plain error."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import xltools.core
from tests.frames.conftest import EXAMPLES


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_import_xltools_does_not_import_pandas() -> None:
    core = [f"xltools.core.{m.name}" for m in pkgutil.iter_modules(xltools.core.__path__)]
    out = _run(
        "import importlib, sys\n"
        "import xltools\n"
        "xltools.read_plans, xltools.find_overdue, xltools.Report  # the API, not yet called\n"
        f"for name in {core!r} + ['xltools.rollup', 'xltools.fileloop', 'xltools.late']:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'numpy', "
        "'pyarrow')))\n")
    assert out == "[]", f"pandas was loaded before a frame was asked for: {out}"


def test_without_pandas_every_frame_call_is_one_plain_error() -> None:
    out = _run(
        "import sys\n"
        "sys.modules['pandas'] = None  # as if not installed\n"
        "from datetime import date\n"
        "import xltools\n"
        "from xltools.core.issues import Report\n"
        "from xltools.rollup import RollupResult\n"
        f"folder = {str(EXAMPLES)!r}\n"
        "calls = [lambda: xltools.read_plans(folder), lambda: xltools.read_issues(folder),\n"
        "         lambda: xltools.find_overdue(folder, as_of=date(2026, 11, 23)),\n"
        "         lambda: Report(source='x', department='x', language='en', as_of='',\n"
        "                        issues=[]).to_frame(),\n"
        "         lambda: RollupResult(None, [], [], {}).to_frame()]\n"
        "for call in calls:\n"
        "    try:\n"
        "        call()\n"
        "    except xltools.XltoolsError as error:\n"
        "        print(error)\n")
    lines = out.splitlines()
    assert len(lines) == 5
    assert set(lines) == {'DataFrames need pandas, which is not installed: '
                          'pip install "xltools-plans[pandas]"'}
