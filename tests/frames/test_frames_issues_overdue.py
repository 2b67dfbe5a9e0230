"""read_issues and find_overdue against the commands' JSON; Report.to_frame, RollupResult.to_frame."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import xltools
from tests.frames.conftest import AS_OF, EXAMPLES
from xltools.cli import app
from xltools.core.issues import Code, Report
from xltools.core.rollup import KINDS, STATUS_CODES, Rollup
from xltools.core.schema import LANGS
from xltools.core.settings import DEFAULT_SETTINGS
from xltools.core.texts import summary as T
from xltools.rollup import RollupResult

runner = CliRunner()
ISSUE_KEYS = ["sheet", "row", "column", "cell", "code", "severity", "key", "value", "message"]


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, object]]:
    """Rows as plain Python values (NA as None), to compare with JSON."""
    out = frame[columns].astype(object).where(frame[columns].notna(), None)
    return [{k: (int(v) if isinstance(v, int) else v) for k, v in row.items()}
            for row in out.to_dict("records")]


def _example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*.xlsx") if not p.name.startswith("~$"))


# --- read_issues ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_issues() -> pd.DataFrame:
    return xltools.read_issues(EXAMPLES, as_of=AS_OF, jobs=2)


def test_read_issues_agrees_with_validate_json(example_issues: pd.DataFrame) -> None:
    assert example_issues.source.nunique() == len(_example_files()) == 9
    for path in _example_files():
        result = runner.invoke(app, ["validate", str(path), "--as-of", AS_OF.isoformat(),
                                     "--json"])
        assert result.exit_code in (0, 1), result.output
        report = json.loads(result.output)
        mine = example_issues[example_issues.source == str(path)]
        assert set(mine.department) <= {report["department"]}
        expected = [{k: issue[k] for k in ISSUE_KEYS} for issue in report["issues"]]
        assert _records(mine, ISSUE_KEYS) == expected, path.name
        assert int((mine.severity == "error").sum()) == report["errors"]


def test_read_issues_messages_in_lang_and_dtypes(example_issues: pd.DataFrame) -> None:
    swedish = xltools.read_issues(EXAMPLES / "skolen-vest.xlsx", as_of=AS_OF, lang="sv")
    path = EXAMPLES / "skolen-vest.xlsx"
    result = runner.invoke(app, ["validate", str(path), "--as-of", "2026-11-23", "--json",
                                 "--lang", "sv"])
    assert [i["message"] for i in json.loads(result.output)["issues"]] == \
        swedish.message.tolist()
    assert list(example_issues.columns) == ["department", "area", "source", *ISSUE_KEYS]
    assert example_issues.code.dtype == pd.CategoricalDtype([c.value for c in Code])
    assert example_issues.severity.dtype.ordered
    assert list(example_issues.severity.dtype.categories) == ["info", "warning", "error"]
    assert (example_issues.severity >= "warning").sum() == \
        example_issues.severity.isin(["warning", "error"]).sum()
    assert example_issues.row.dtype == "Int64"
    assert example_issues.message.dtype == pd.StringDtype()


def test_read_issues_counts_are_the_rollups(example_issues: pd.DataFrame,
                                            example_rollup: RollupResult) -> None:
    counts = example_issues.severity.value_counts()
    assert counts["error"] == example_rollup.totals["errors"]
    assert counts["warning"] == example_rollup.totals["warnings"]


# --- find_overdue -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_overdue() -> pd.DataFrame:
    return xltools.find_overdue(EXAMPLES, as_of=AS_OF, jobs=2, settings=DEFAULT_SETTINGS)


def test_find_overdue_agrees_with_overdue_json(example_overdue: pd.DataFrame) -> None:
    result = runner.invoke(app, ["overdue", str(EXAMPLES), "--as-of", AS_OF.isoformat(),
                                 "--json"])
    assert result.exit_code == 0, result.output
    items = [i for i in json.loads(result.output)["items"] if i["timing"] == "overdue"]
    keys = ["department", "source", "plan", "row", "id", "owner", "deadline", "status"]
    mine = _records(example_overdue.assign(deadline=example_overdue.deadline.dt.strftime(
        "%Y-%m-%d")), [*keys, "days_late", "what"])
    assert [{k: m[k] for k in keys} for m in mine] == [{k: i[k] for k in keys} for i in items]
    assert [m["days_late"] for m in mine] == [i["days"] for i in items]
    # "what": the command shows what an action is about (its topic), the summary's Overdue
    # list the action itself; activities and messages are the same in both
    assert [m["what"] for m in mine if m["plan"] != "action"] == \
        [i["what"] for i in items if i["plan"] != "action"]


def test_find_overdue_is_the_rollups_overdue_list(example_overdue: pd.DataFrame,
                                                  example_rollup: RollupResult) -> None:
    assert len(example_overdue) == example_rollup.totals["overdue"] == 15
    assert example_overdue.deadline.is_monotonic_increasing  # oldest first
    per_area = example_overdue.groupby("area", dropna=False).size()
    assert per_area.to_dict() == {a["area"]: a["overdue"] for a in example_rollup.areas
                                  if a["overdue"]}
    assert list(example_overdue.columns) == ["department", "area", "plan", "id", "what",
                                             "owner", "deadline", "days_late", "status",
                                             "source", "row"]
    assert example_overdue.plan.dtype == pd.CategoricalDtype(list(KINDS))
    assert example_overdue.status.dtype == pd.CategoricalDtype(list(STATUS_CODES), ordered=True)
    assert example_overdue.deadline.dtype == "datetime64[s]"
    assert example_overdue.days_late.dtype == "Int64"
    assert not example_overdue.status.isin(["done", "cancelled"]).any()
    # an action plan's item is the action itself, as on the summary's Overdue sheet
    first = example_overdue.iloc[0]
    assert (first.plan, first.what) == ("action", "Indkøb af løfteudstyr")


@pytest.mark.parametrize("lang", LANGS)
def test_find_overdue_headers_are_the_overdue_sheets(example_overdue: pd.DataFrame,
                                                     lang: str) -> None:
    named = xltools.find_overdue(EXAMPLES, as_of="2026-11-23", lang=lang,
                                 settings=DEFAULT_SETTINGS)
    assert set(named.columns) == set(Rollup(lang).tables().overdue.header)
    assert named.columns[0] == T.DEPARTMENT[lang]
    pd.testing.assert_frame_equal(named.set_axis(example_overdue.columns, axis=1),
                                  example_overdue)


# --- Report.to_frame and RollupResult.to_frame ------------------------------------------------


def test_report_to_frame_is_read_issues_for_one_file(example_issues: pd.DataFrame) -> None:
    from xltools.io.read import read_workbook

    path = EXAMPLES / "it-support.xlsx"
    report = xltools.validate(read_workbook(path), as_of=AS_OF)
    frame = report.to_frame()
    assert list(frame.columns) == ["department", "source", *ISSUE_KEYS]
    mine = example_issues[example_issues.source == str(path)].drop(columns="area")
    pd.testing.assert_frame_equal(frame, mine.reset_index(drop=True))
    assert report.errors == 1 and (frame.severity == "error").sum() == 1
    empty = Report(source="x.xlsx", department="X", language="en", as_of="2026-11-23",
                   issues=[]).to_frame()
    assert empty.empty and list(empty.columns) == list(frame.columns)
    assert empty.dtypes.equals(frame.dtypes)


def test_rollup_result_to_frame_adds_up_to_the_totals(example_rollup: RollupResult) -> None:
    files = example_rollup.to_frame()
    assert len(files) == len(example_rollup.files) == 10
    assert files.outcome.value_counts().to_dict() == {"read": 6, "problems": 3, "skipped": 1,
                                                      "failed": 0}
    read = files[files.outcome.isin(["read", "problems"])]
    totals = example_rollup.totals
    assert {k: int(read[f"items_{k}"].sum()) for k in KINDS} == totals["items"]
    assert {c: int(read[c].sum()) for c in STATUS_CODES} == \
        {c: totals["statuses"][c] for c in STATUS_CODES}  # type: ignore[index]
    for name in ("overdue", "due_soon", "errors", "warnings"):
        assert int(read[name].sum()) == totals[name], name
    skipped = files[files.outcome == "skipped"].iloc[0]
    assert skipped.reason == "Excel lock file" and pd.isna(skipped.items_action)
    assert files.last_updated.dtype == "datetime64[s]"
    assert files.percent_done.dtype == "Float64"
    assert files.items_action.dtype == "Int64"
    areas = pd.DataFrame(example_rollup.areas)  # the areas' table, as the README says
    assert areas.overdue.sum() == totals["overdue"]


# --- the README's example ---------------------------------------------------------------------


def test_the_readme_example_runs_and_plots(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For analysts (Python and pandas)", 1)[1].split("\n## ", 1)[0]
    code = re.findall(r"```python\n(.*?)```", section, re.S)[0]
    plotted: list[pd.Series] = []
    # no plotting library in the tests: record what would be drawn
    monkeypatch.setattr(pd.plotting.PlotAccessor, "__call__",
                        lambda self, *a, **k: plotted.append(self._parent))
    monkeypatch.chdir(EXAMPLES.parents[1])
    names: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), names)
    by_area = names["by_area"]
    assert isinstance(by_area, pd.DataFrame) and by_area["items"].sum() == 15
    [shares] = plotted
    assert shares.between(0, 1).all() and len(shares) == 9
    assert shares["Skolen Vest"] == 0 and shares["Sundhedsplejen"] == 0.5
