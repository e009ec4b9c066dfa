"""The plan format of objectives measured from the revenue file (docs/plan-format.md): an
objective's ``source`` and ``period``, and the ``checkin_sources`` beside its check-ins. Written
only when set, read back as written, and every mistake a problem at its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import make_full_plan

from kamtui.plan.codec import dumps_plan, encode_plan
from kamtui.plan.edit import check_in, remove_check_in
from kamtui.plan.file import parse_plan
from kamtui.plan.model import MeasurePeriod, MeasureSource, Objective

D = dt.date

# Line numbers used below:
#  1 schema = 1
#  3 [account]
#  4 name = "Acme"
#  5 customer_ids = ["C1"]
#  7 [where_to_go.objectives.revenue]
#  8 title = "Revenue"
#  9 horizon = "short"
# 10 metric = "revenue"
# 11 unit = "k€"
# 12 source = "revenue"
# 13 period = "rolling-12m"
# 14 target = 2000
# 15 current = 1540
# 17 [where_to_go.objectives.revenue.checkins]
# 18 2026-10-31 = 1500
# 19 2026-11-30 = 1540
# 21 [where_to_go.objectives.revenue.checkin_sources]
# 22 2026-11-30 = "revenue.csv, rolling-12m"
MEASURED = """\
schema = 1

[account]
name = "Acme"
customer_ids = ["C1"]

[where_to_go.objectives.revenue]
title = "Revenue"
horizon = "short"
metric = "revenue"
unit = "k€"
source = "revenue"
period = "rolling-12m"
target = 2000
current = 1540

[where_to_go.objectives.revenue.checkins]
2026-10-31 = 1500
2026-11-30 = 1540

[where_to_go.objectives.revenue.checkin_sources]
2026-11-30 = "revenue.csv, rolling-12m"
"""


def read(text: str) -> Objective:
    loaded = parse_plan(text.encode(), Path("acme.toml"))
    assert loaded.plan is not None and not loaded.problems, [str(p) for p in loaded.problems]
    return loaded.plan.where_to_go.objectives["revenue"]


def problems(text: str) -> list[tuple[int | None, str]]:
    loaded = parse_plan(text.encode(), Path("acme.toml"))
    assert loaded.plan is None
    return [(p.line, p.message) for p in loaded.errors]


def test_a_measured_objective_reads_as_written() -> None:
    o = read(MEASURED)
    assert o.source is MeasureSource.REVENUE
    assert o.period is MeasurePeriod.ROLLING_12M
    assert o.checkins == {D(2026, 10, 31): 1500, D(2026, 11, 30): 1540}
    assert o.checkin_sources == {D(2026, 11, 30): "revenue.csv, rolling-12m"}


def canonical(text: str) -> str:
    loaded = parse_plan(text.encode(), Path("acme.toml"))
    assert loaded.plan is not None
    return dumps_plan(loaded.plan)


def test_load_and_save_is_byte_identical() -> None:
    text = canonical(MEASURED)
    assert canonical(text) == text
    objective = MEASURED[MEASURED.index("[where_to_go.objectives.revenue]") :]
    assert objective in text  # written as the example above: the new keys where they were


def test_the_fields_are_written_only_when_set() -> None:
    plan = make_full_plan()
    text = dumps_plan(plan)
    objectives = text[text.index("[where_to_go.objectives.") : text.index("[how_to_get_there")]
    assert not any(
        line.startswith(("source =", "period =")) or "checkin_sources" in line
        for line in objectives.splitlines()
    )
    objective = plan.where_to_go.objectives["grow-share"]
    objective.source, objective.period = MeasureSource.REVENUE, MeasurePeriod.QUARTER
    check_in(objective, D(2026, 12, 15), 26, "revenue.csv, quarter")
    doc = encode_plan(plan)["where_to_go"]["objectives"]["grow-share"]
    keys = list(doc)
    assert keys[keys.index("unit") + 1 : keys.index("unit") + 3] == ["source", "period"]
    assert keys.index("checkin_sources") == keys.index("checkins") + 1  # then hand-added keys
    assert doc["checkin_sources"] == {"2026-12-15": "revenue.csv, quarter"}
    again = parse_plan(dumps_plan(plan).encode(), Path("x.toml"))
    assert again.plan is not None and not again.problems
    assert again.plan.where_to_go.objectives == plan.where_to_go.objectives
    # taken away again: the file is as it was
    remove_check_in(objective, D(2026, 12, 15))
    objective.source = objective.period = None
    assert dumps_plan(plan) == text


def test_the_sources_are_written_by_date_whatever_their_order() -> None:
    text = MEASURED.replace(
        '2026-11-30 = "revenue.csv, rolling-12m"',
        '2026-11-30 = "revenue.csv, rolling-12m"\n2026-10-31 = "old.csv, rolling-12m"',
    )
    assert (
        '[where_to_go.objectives.revenue.checkin_sources]\n2026-10-31 = "old.csv, rolling-12m"\n'
        '2026-11-30 = "revenue.csv, rolling-12m"\n'
    ) in canonical(text)


@pytest.mark.parametrize("field", ["source", "period"])
def test_an_empty_source_or_period_reads_as_not_set(field: str) -> None:
    text = MEASURED.replace('source = "revenue"\nperiod = "rolling-12m"\n', f'{field} = ""\n')
    o = read(text)
    assert o.source is None and o.period is None


def test_an_empty_checkin_source_is_a_hand_check_in() -> None:
    o = read(MEASURED.replace('"revenue.csv, rolling-12m"', '""'))
    assert o.checkin_sources == {}


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        (
            'period = "rolling-12m"',
            'period = "monthly"',
            13,
            "unknown value 'monthly' for 'period'; expected one of: rolling-12m, "
            "calendar-year, quarter",
        ),
        (
            'source = "revenue"',
            'source = "erp"',
            12,
            "unknown value 'erp' for 'source'; expected one of: revenue",
        ),
        (
            'period = "rolling-12m"\n',
            "",
            12,
            "objective 'revenue' is measured from \"revenue\" but has no period: add period = "
            'one of "rolling-12m", "calendar-year", "quarter"',
        ),
        (
            '2026-11-30 = "revenue.csv, rolling-12m"',
            '2026-12-31 = "revenue.csv, rolling-12m"',
            22,
            "objective 'revenue' has a check-in source for 2026-12-31 but no check-in on that "
            "date: remove the source or add the check-in",
        ),
        (
            '2026-11-30 = "revenue.csv, rolling-12m"',
            "2026-11-30 = 12",
            22,
            "'where_to_go.objectives.revenue.checkin_sources.2026-11-30' must be a string, not "
            "an integer",
        ),
        (
            '2026-11-30 = "revenue.csv, rolling-12m"',
            '2026-11-30 = """two\nlines"""',
            22,
            "must be a single line",
        ),
        (
            '2026-11-30 = "revenue.csv, rolling-12m"',
            '"30/11/2026" = "revenue.csv, rolling-12m"',
            22,
            "check-in source key '30/11/2026' is not a date (YYYY-MM-DD)",
        ),
        (
            MEASURED[MEASURED.index("current = 1540") :],
            'current = 1540\ncheckin_sources = "revenue.csv"\n',
            16,
            'must be a table of date = "source"',
        ),
    ],
    ids=[
        "unknown-period",
        "unknown-source",
        "source-without-period",
        "source-without-check-in",
        "source-not-text",
        "source-on-two-lines",
        "source-date-not-iso",
        "sources-not-a-table",
    ],
)
def test_each_mistake_is_a_problem_at_its_line(
    old: str, new: str, line: int | None, fragment: str
) -> None:
    assert MEASURED.count(old) == 1
    found = problems(MEASURED.replace(old, new))
    assert [m for _, m in found if fragment in m], found
    if line is not None:
        assert (line, next(m for _, m in found if fragment in m)) in found
    assert len(found) == 1, found  # said once


def test_a_wrong_period_is_not_also_a_missing_one() -> None:
    found = problems(MEASURED.replace('"rolling-12m"\n', '"weekly"\n', 1))
    assert len(found) == 1 and "unknown value 'weekly'" in found[0][1]


def test_a_period_without_a_source_is_kept() -> None:
    o = read(MEASURED.replace('source = "revenue"\n', ""))
    assert o.source is None and o.period is MeasurePeriod.ROLLING_12M


def test_a_hand_check_in_over_a_measured_one_drops_its_source() -> None:
    o = read(MEASURED)
    check_in(o, D(2026, 11, 30), 1540)
    assert o.checkin_sources == {}
    assert o.checkins[D(2026, 11, 30)] == 1540


def test_removing_a_measured_check_in_removes_its_source() -> None:
    o = read(MEASURED)
    remove_check_in(o, D(2026, 11, 30))
    assert o.checkin_sources == {} and o.current == 1500


def test_a_measured_check_in_keeps_the_sources_by_date() -> None:
    o = read(MEASURED)
    check_in(o, D(2026, 9, 30), 1400, "old.csv, rolling-12m")
    assert list(o.checkin_sources) == [D(2026, 9, 30), D(2026, 11, 30)]
    assert o.current == 1540  # a back-dated check-in does not move current
