"""The pandas API on the bundled examples and on the roll-up's fixture with broken files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.rollup.conftest import fixture_folder  # noqa: F401  (three departments, broken files)
from xltools.core.settings import DEFAULT_SETTINGS
from xltools.rollup import RollupResult, rollup

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "departments"
AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="session")
def example_plans() -> dict[str, object]:
    """``read_plans`` on the bundled examples, as of the examples' day."""
    import xltools

    # the roll-up below gets the defaults too: a user's own settings file must not tip the scales
    return xltools.read_plans(EXAMPLES, as_of=AS_OF, jobs=2, settings=DEFAULT_SETTINGS)


@pytest.fixture(scope="session")
def example_rollup(tmp_path_factory: pytest.TempPathFactory) -> RollupResult:
    """The roll-up of the same folder on the same day: the figures the frames must give."""
    out = tmp_path_factory.mktemp("summary") / "summary.xlsx"
    return rollup([EXAMPLES], out, as_of=AS_OF, jobs=2)
