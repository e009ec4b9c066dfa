"""The merge driver (kamtui/git/merge_file.py) on objectives measured from the revenue file: a
check-in's source merges by date beside its check-in (docs/git.md, docs/measure.md)."""

from __future__ import annotations

import copy
import datetime as dt

from conftest import SAMPLE

from kamtui.git.merge_file import merge_texts
from kamtui.plan.codec import dumps_plan
from kamtui.plan.edit import check_in, remove_check_in
from kamtui.plan.file import parse_plan, read_plan
from kamtui.plan.model import AccountPlan, MeasurePeriod, MeasureSource, Objective

PLAN_ID = "alimentare-padano"
OID = "revenue-2027"
D = dt.date


def base() -> AccountPlan:
    """The sample plan, its revenue objective measured from the revenue file, the check-in of
    2026-11-30 measured."""
    plan = read_plan(SAMPLE / f"{PLAN_ID}.toml").plan
    assert plan is not None
    o = objective(plan)
    o.source, o.period = MeasureSource.REVENUE, MeasurePeriod.ROLLING_12M
    check_in(o, D(2026, 11, 30), 4066.05, "revenue.csv, rolling-12m")
    return plan


def objective(plan: AccountPlan) -> Objective:
    return plan.where_to_go.objectives[OID]


def merge(old: AccountPlan, ours: AccountPlan, theirs: AccountPlan) -> tuple[str, bool]:
    text, merged = merge_texts(
        dumps_plan(old).encode(), dumps_plan(ours).encode(), dumps_plan(theirs).encode(), PLAN_ID
    )
    return text, merged.clean


def merged_objective(text: str) -> Objective:
    loaded = parse_plan(text.encode(), SAMPLE / f"{PLAN_ID}.toml", PLAN_ID)
    assert loaded.plan is not None and not loaded.errors, [str(p) for p in loaded.errors]
    return objective(loaded.plan)


def test_check_ins_measured_on_both_sides_keep_their_sources() -> None:
    old = base()
    ours, theirs = copy.deepcopy(old), copy.deepcopy(old)
    check_in(objective(ours), D(2026, 12, 31), 4100, "december.csv, rolling-12m")
    check_in(objective(theirs), D(2027, 1, 31), 4150, "january.csv, rolling-12m")
    text, clean = merge(old, ours, theirs)
    assert clean
    o = merged_objective(text)
    assert o.checkin_sources == {
        D(2026, 11, 30): "revenue.csv, rolling-12m",
        D(2026, 12, 31): "december.csv, rolling-12m",
        D(2027, 1, 31): "january.csv, rolling-12m",
    }
    assert o.current == 4150
    assert text == dumps_plan(parse_plan(text.encode(), SAMPLE / "x.toml", PLAN_ID).plan)  # type: ignore[arg-type]


def test_a_measured_value_replaced_on_one_side_takes_its_source() -> None:
    old = base()
    ours = copy.deepcopy(old)
    check_in(objective(ours), D(2026, 11, 30), 4070.5, "corrected.csv, rolling-12m")
    text, clean = merge(old, ours, copy.deepcopy(old))
    assert clean
    o = merged_objective(text)
    assert o.checkins[D(2026, 11, 30)] == 4070.5
    assert o.checkin_sources[D(2026, 11, 30)] == "corrected.csv, rolling-12m"


def test_typed_over_or_removed_on_one_side_loses_its_source() -> None:
    old = base()
    typed, removed = copy.deepcopy(old), copy.deepcopy(old)
    check_in(objective(typed), D(2026, 11, 30), 4066.05)  # the same value, by hand
    remove_check_in(objective(removed), D(2026, 11, 30))
    for side in (typed, removed):
        text, clean = merge(old, side, copy.deepcopy(old))
        assert clean
        assert merged_objective(text).checkin_sources == {}
    text, clean = merge(old, typed, removed)  # both: gone
    assert clean and D(2026, 11, 30) not in merged_objective(text).checkins


def test_a_hand_value_and_a_measured_one_on_the_same_date_conflict() -> None:
    old = base()
    remove_check_in(objective(old), D(2026, 11, 30))
    ours, theirs = copy.deepcopy(old), copy.deepcopy(old)
    check_in(objective(ours), D(2026, 11, 30), 4000)  # typed
    check_in(objective(theirs), D(2026, 11, 30), 4066.05, "revenue.csv, rolling-12m")
    text, clean = merge(old, ours, theirs)
    assert not clean
    assert "<<<<<<< ours\n2026-11-30 = 4000\n=======\n2026-11-30 = 4066.05\n>>>>>>> theirs" in text


def test_source_and_period_merge_as_fields() -> None:
    old = base()
    ours, theirs = copy.deepcopy(old), copy.deepcopy(old)
    objective(ours).period = MeasurePeriod.CALENDAR_YEAR
    objective(theirs).unit = "M€"
    text, clean = merge(old, ours, theirs)
    assert clean
    o = merged_objective(text)
    assert (o.source, o.period, o.unit) == (
        MeasureSource.REVENUE,
        MeasurePeriod.CALENDAR_YEAR,
        "M€",
    )
