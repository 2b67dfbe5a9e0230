"""read_plans: the roll-up's figures exactly, the stated dtypes, languages, as-of columns, backends."""

from __future__ import annotations

import pickle
import shutil
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import xltools
from tests.frames.conftest import AS_OF, EXAMPLES
from tests.rollup.conftest import DEPARTMENTS, write_department
from xltools.core.rollup import STATUS_CODES, percent_done
from xltools.core.schema import LANGS, PLANS, VALUE_LISTS, ColumnType, PlanKind
from xltools.core.settings import DEFAULT_SETTINGS, Settings
from xltools.core.texts import summary as T
from xltools.frames import FileOutcome, FileOutcomes
from xltools.rollup import RollupResult, rollup

KINDS = [k.value for k in PlanKind]


def _all_rows(plans: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return pd.concat([f[["department", "area", "status", "overdue"]] for f in plans.values()],
                     ignore_index=True)


# --- the roll-up's figures ----------------------------------------------------------------------


def test_items_statuses_and_overdue_are_the_rollups_totals(
        example_plans: dict[str, pd.DataFrame], example_rollup: RollupResult) -> None:
    totals = example_rollup.totals
    assert {k: len(example_plans[k]) for k in KINDS} == totals["items"]
    rows = _all_rows(example_plans)
    statuses = rows.status.value_counts(dropna=False)
    assert {c: int(statuses.get(c, 0)) for c in STATUS_CODES} == \
        {c: totals["statuses"][c] for c in STATUS_CODES}  # type: ignore[index]
    assert int(rows.status.isna().sum()) == totals["statuses"]["none"]  # type: ignore[index]
    assert int(rows.overdue.sum()) == totals["overdue"] > 0
    departments = rows[["area", "department"]].drop_duplicates()
    assert len(departments) == totals["departments"]


def test_items_and_overdue_per_plan_and_department_are_the_rollups(
        example_plans: dict[str, pd.DataFrame], example_rollup: RollupResult) -> None:
    expected: dict[tuple[str | None, str], Counter[str]] = defaultdict(Counter)
    for f in example_rollup.files:
        if f.read:
            assert f.department is not None
            for kind, count in f.items.items():
                expected[(f.area, f.department)][kind] += count
            expected[(f.area, f.department)]["overdue"] += f.overdue
    got: dict[tuple[str | None, str], Counter[str]] = defaultdict(Counter)
    for kind, frame in example_plans.items():
        for row in frame.itertuples():
            area = None if pd.isna(row.area) else row.area
            got[(area, row.department)][kind] += 1
            got[(area, row.department)]["overdue"] += bool(row.overdue)
    # a department without rows in a plan has a zero there in the roll-up
    assert {k: +v for k, v in expected.items()} == got
    assert len(got) == 9


def test_areas_and_percent_done_are_the_rollups(
        example_plans: dict[str, pd.DataFrame], example_rollup: RollupResult) -> None:
    rows = _all_rows(example_plans)
    per_area = {
        area: {"area": area, "departments": group.department.nunique(), "items": len(group),
               "done": int(group.status.eq("done").sum()), "overdue": int(group.overdue.sum())}
        for area, group in rows.groupby("area", dropna=False)}
    assert sorted(per_area.values(), key=lambda a: str(a["area"])) == \
        sorted(example_rollup.areas, key=lambda a: str(a["area"]))
    statuses: dict[str, Counter[str]] = defaultdict(Counter)
    for f in example_rollup.files:
        if f.read:
            statuses[f.department or ""].update(f.statuses)
    # the README's computation: done among the items that are not cancelled
    done = rows.status.eq("done").groupby(rows.department).sum()
    counted = rows.status.ne("cancelled").groupby(rows.department).sum()
    share = (done / counted).round(4)
    assert share.to_dict() == {d: percent_done(s) for d, s in statuses.items()}


# --- dtypes -----------------------------------------------------------------------------------


def _expected_dtype(column_type: ColumnType, value_list: str | None) -> str:
    if column_type is ColumnType.DATE:
        return "datetime64[s]"
    if value_list and not VALUE_LISTS[value_list].open:
        return "category"
    return "string"


@pytest.mark.parametrize("kind", KINDS)
def test_columns_and_dtypes(example_plans: dict[str, pd.DataFrame], kind: str) -> None:
    frame = example_plans[kind]
    schema = PLANS[PlanKind(kind)]
    assert list(frame.columns) == ["department", "area", "source", "row", *schema.keys,
                                   "overdue", "days_late"]
    for name in ("department", "area", "source"):
        assert frame[name].dtype == pd.StringDtype(), name
    assert frame["row"].dtype == "Int64"
    assert frame["overdue"].dtype == "boolean"
    assert frame["days_late"].dtype == "Int64"
    for column in schema.columns:
        dtype = frame[column.key].dtype
        assert str(dtype) == _expected_dtype(column.type, column.value_list), column.key
        if str(dtype) == "string":
            assert dtype == pd.StringDtype(), column.key  # pandas' nullable string, NA missing
    status = frame["status"].dtype
    assert isinstance(status, pd.CategoricalDtype) and status.ordered
    assert list(status.categories) == list(STATUS_CODES)
    assert list(STATUS_CODES) == [c.code for c in VALUE_LISTS["status"].choices]
    assert not frame["department"].isna().any() and frame["row"].min() >= 2


def test_values_are_typed(example_plans: dict[str, pd.DataFrame]) -> None:
    actions = example_plans["action"]
    first = actions[(actions.department == "Dagtilbud Øst") & (actions.row == 2)].iloc[0]
    assert first["id"] == "1"  # text, not 1.0
    assert first["deadline"] == pd.Timestamp("2026-08-01")
    assert first["status"] == "in_progress"
    # a column nobody filled in is still text: missing values, not float NaN
    empty = [c for c in PLANS[PlanKind.ACTION].columns
             if c.type is ColumnType.TEXT and actions[c.key].isna().all()]
    assert empty, "the examples leave some text column empty"
    assert all(actions[c.key].dtype == pd.StringDtype() for c in empty)
    # the statuses compare in the list's order
    assert (actions.status < "done").sum() == actions.status.isin(["not_started",
                                                                   "in_progress"]).sum()


def test_no_files_gives_empty_frames_with_every_column(tmp_path: Path) -> None:
    plans = xltools.read_plans(tmp_path, as_of=AS_OF, settings=DEFAULT_SETTINGS)
    assert list(plans) == KINDS
    for kind, frame in plans.items():
        assert frame.empty
        assert len(frame.columns) == len(PLANS[PlanKind(kind)].columns) + 6
        assert frame["deadline" if kind != "communication" else "when"].dtype == "datetime64[s]"
        assert frame["status"].dtype.ordered
        assert frame["id"].dtype == pd.StringDtype()
    assert plans["action"].attrs["files"] == ()


# --- as_of ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_overdue_and_days_late_follow_the_deadline_and_status(
        example_plans: dict[str, pd.DataFrame], kind: str) -> None:
    frame = example_plans[kind]
    deadline = PLANS[PlanKind(kind)].deadline_key
    as_of = pd.Timestamp(AS_OF)
    # by hand: past the deadline and neither done nor cancelled (a blank status counts as open)
    open_ = ~frame.status.isin(["done", "cancelled"])
    expected = (frame[deadline] < as_of).fillna(False) & open_
    assert frame.overdue.tolist() == expected.tolist()
    late = frame[frame.overdue]
    assert ((as_of - late[deadline]).dt.days == late.days_late).all()
    assert frame[~frame.overdue].days_late.isna().all()


def test_as_of_decides_what_is_overdue_and_text_dates_are_read() -> None:
    early = xltools.read_plans(EXAMPLES, as_of="2026-01-01", settings=DEFAULT_SETTINGS, jobs=1)
    late = xltools.read_plans(EXAMPLES, as_of=date(2026, 11, 23), settings=DEFAULT_SETTINGS,
                              jobs=1)
    assert early["action"].overdue.sum() < late["action"].overdue.sum()
    assert early["action"].attrs["as_of"] == "2026-01-01"
    same = xltools.read_plans(EXAMPLES, as_of=pd.Timestamp("2026-11-23 15:00"),
                              settings=DEFAULT_SETTINGS, jobs=1)
    pd.testing.assert_frame_equal(same["action"], late["action"])


def test_without_as_of_there_are_no_overdue_columns() -> None:
    plans = xltools.read_plans(EXAMPLES / "skolen-vest.xlsx", settings=DEFAULT_SETTINGS)
    assert "overdue" not in plans["action"] and "days_late" not in plans["action"]
    assert plans["action"].attrs["as_of"] is None
    assert len(plans["action"]) == 2


@pytest.mark.parametrize("bad", [{"as_of": "next tuesday"}, {"lang": "klingon"},
                                 {"dtype_backend": "numpy"}])
def test_arguments_that_are_not_understood_are_refused(bad: dict[str, str]) -> None:
    with pytest.raises(ValueError, match=next(iter(bad))):
        xltools.read_plans(EXAMPLES, settings=DEFAULT_SETTINGS, **bad)  # type: ignore[arg-type]


# --- lang -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_lang_names_the_columns_as_the_summary_does(
        example_plans: dict[str, pd.DataFrame], lang: str) -> None:
    named = xltools.read_plans(EXAMPLES, as_of=AS_OF, lang=lang, settings=DEFAULT_SETTINGS)
    for kind in KINDS:
        frame, plain = named[kind], example_plans[kind]
        schema = PLANS[PlanKind(kind)]
        assert list(frame.columns) == [
            T.DEPARTMENT[lang], T.AREA[lang], T.SOURCE_FILE[lang], T.SOURCE_ROW[lang],
            *(c.label(lang) for c in schema.columns), T.OVERDUE[lang], T.DAYS_LATE[lang]]
        assert frame.columns.is_unique
        # the summary's row sheets have the same headers (without the area)
        from xltools.core.rollup import plan_table

        assert set(plan_table(kind, lang).header) <= set(frame.columns)
        pd.testing.assert_frame_equal(frame.set_axis(plain.columns, axis=1), plain,
                                      check_flags=False)
        # the same files and outcomes; the reasons are in lang
        assert [f[:2] for f in frame.attrs["files"]] == [f[:2] for f in plain.attrs["files"]]
        assert (frame.attrs["files"] == plain.attrs["files"]) is (lang == "en")
    status = named["action"][PLANS[PlanKind.ACTION].column("status").label(lang)]
    assert status.dtype.ordered and set(status.dropna()) <= set(STATUS_CODES)  # values: codes


# --- dtype backends ---------------------------------------------------------------------------


def test_the_pyarrow_backend(example_plans: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="pyarrow is not installed: the pyarrow backend is an "
                                          "option of its own (pip install pyarrow)")
    arrow = xltools.read_plans(EXAMPLES, as_of=AS_OF, dtype_backend="pyarrow",
                               settings=DEFAULT_SETTINGS)
    for kind in KINDS:
        frame, plain = arrow[kind], example_plans[kind]
        assert list(frame.columns) == list(plain.columns)
        for name in frame.columns:
            dtype = frame[name].dtype
            if isinstance(plain[name].dtype, pd.CategoricalDtype):
                assert dtype == plain[name].dtype, name  # ordered categorical of codes stays
            else:
                assert isinstance(dtype, pd.ArrowDtype), name
        assert str(frame["deadline" if kind != "communication" else "when"].dtype) == \
            "timestamp[s][pyarrow]"
        assert str(frame["row"].dtype) == "int64[pyarrow]"
        assert str(frame["overdue"].dtype) == "bool[pyarrow]"
        # the same values: back to the nullable dtypes they compare equal
        back = frame.astype({c: plain[c].dtype for c in plain.columns})
        pd.testing.assert_frame_equal(back, plain)
    # the file list survives Parquet (pandas keeps attrs in its metadata)
    path = tmp_path / "actions.parquet"
    arrow["action"].to_parquet(path)
    assert pd.read_parquet(path).attrs["files"][0][0] == arrow["action"].attrs["files"][0].source


def test_without_pyarrow_the_pyarrow_backend_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "pyarrow", None)  # as if not installed
    with pytest.raises(xltools.XltoolsError, match=r"pip install .*xltools-plans\[pandas\].* pyarrow"):
        xltools.read_plans(EXAMPLES, dtype_backend="pyarrow", settings=DEFAULT_SETTINGS)


# --- files skipped and failed -----------------------------------------------------------------


def test_lock_hidden_and_broken_files_are_skipped_and_listed_as_by_the_rollup(
        fixture_folder: Path, tmp_path: Path) -> None:
    plans = xltools.read_plans(fixture_folder, as_of=AS_OF, settings=DEFAULT_SETTINGS, jobs=2)
    files = plans["action"].attrs["files"]
    assert isinstance(files, FileOutcomes)
    by_name = {Path(f.source).name: f for f in files}
    assert by_name["broken.xlsx"].outcome == "failed"
    assert "damaged" in (by_name["broken.xlsx"].reason or "")
    assert by_name["~$ekonomi.xlsx"] == FileOutcome(str(fixture_folder / "~$ekonomi.xlsx"),
                                                    "skipped", "Excel lock file", None, None)
    assert by_name["._hjemmeplejen.xlsx"].outcome == "skipped"
    # exactly the roll-up's list, in its order
    result = rollup([fixture_folder], tmp_path / "summary.xlsx", as_of=AS_OF, jobs=2)
    assert list(files) == [(f.source, f.outcome, f.reason, f.department, f.area)
                           for f in result.files]
    # rows only from the departments read; every frame carries the same list
    read = {f.source for f in files if f.outcome in ("read", "problems")}
    assert set(pd.concat(plans.values()).source) == read
    assert all(frame.attrs["files"] is files for frame in plans.values())
    table = files.to_frame()
    assert list(table.columns) == ["source", "outcome", "reason", "department", "area"]
    assert table.outcome.dtype == "category" and table.source.dtype == pd.StringDtype()
    assert len(table) == len(files)


def test_a_summary_in_the_folder_and_a_missing_path_are_listed(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    lang, department, updated, rows = DEPARTMENTS["it-support.xlsx"]
    write_department(folder / "it.xlsx", lang, department, updated, rows)
    rollup([folder], folder / "summary.xlsx", as_of=AS_OF)
    plans = xltools.read_plans([folder, tmp_path / "nowhere"], as_of=AS_OF,
                               settings=DEFAULT_SETTINGS, lang="da")
    outcomes = {Path(f.source).name: (f.outcome, f.reason) for f in plans["action"].attrs["files"]}
    assert outcomes["summary.xlsx"][0] == "skipped"
    assert outcomes["nowhere"] == ("failed", "filen findes ikke")  # reasons in lang
    assert set(plans["action"]["Afdeling"]) == {"IT Support"}


def test_the_file_list_is_cheap_to_copy_and_concat_keeps_it(
        example_plans: dict[str, pd.DataFrame]) -> None:
    actions = example_plans["action"]
    # pandas deep-copies attrs on every operation: the immutable list is shared, not copied
    assert actions[actions.overdue].attrs["files"] is actions.attrs["files"]
    both = pd.concat([actions, example_plans["activity"]])
    assert both.attrs["files"] == actions.attrs["files"]
    # a frame saved with pickle keeps its list
    again = pickle.loads(pickle.dumps(actions))
    assert again.attrs["files"] == actions.attrs["files"]
    assert isinstance(again.attrs["files"], FileOutcomes)


# --- settings ---------------------------------------------------------------------------------


def test_the_settings_file_is_found_as_the_commands_find_it(tmp_path: Path) -> None:
    import openpyxl

    folder = tmp_path / "plans"
    folder.mkdir()
    lang, department, updated, rows = DEPARTMENTS["hjemmeplejen.xlsx"]
    path = write_department(folder / "hjemmeplejen.xlsx", lang, department, updated, rows)
    wb = openpyxl.load_workbook(path)
    sheet = wb[PLANS[PlanKind.ACTION].title(lang)]
    sheet.cell(row=1, column=PLANS[PlanKind.ACTION].keys.index("deadline") + 1,
               value="Skæringsdato")  # the organisation's own word for the deadline
    wb.save(path)

    def deadlines(**kwargs: object) -> int:
        plans = xltools.read_plans(folder, as_of=AS_OF, **kwargs)  # type: ignore[arg-type]
        return int(plans["action"].deadline.notna().sum())

    assert deadlines(settings=DEFAULT_SETTINGS) == 0
    toml = tmp_path / "org.toml"
    toml.write_text('[aliases]\ndeadline = ["Skæringsdato"]\n', encoding="utf-8")
    assert deadlines(config=toml) == 3
    shutil.copy(toml, folder / "xltools.toml")  # in the input folder: found without being named
    plans = xltools.read_plans(folder, as_of=AS_OF)
    assert plans["action"].deadline.notna().sum() == 3
    assert plans["action"].attrs["settings"] == str(folder / "xltools.toml")
    with pytest.raises(ValueError, match="not both"):
        xltools.read_plans(folder, config=toml, settings=Settings())
    with pytest.raises(xltools.XltoolsError, match="does not exist"):
        xltools.read_plans(folder, config=tmp_path / "none.toml")
