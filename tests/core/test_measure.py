"""Objectives measured from the revenue file (kamtui/abc/measure.py): the periods at their
boundaries, the units, credit notes, and what happens to the check-ins already there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT

from kamtui.abc.measure import (
    MeasureReport,
    Outcome,
    Proposal,
    apply_measures,
    measure_file,
    parse_unit,
    period_start,
)
from kamtui.abc.revenue import ReadOptions, RevenueFileError
from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import read_plan
from kamtui.plan.model import (
    Account,
    AccountPlan,
    MeasurePeriod,
    MeasureSource,
    Objective,
    WhereToGo,
)
from kamtui.store.workspace import Workspace

D = dt.date
DATA = ROOT / "tests" / "data" / "measure"
REVENUE = DATA / "revenue.csv"
"""Acme (C1): 1,000 on 2025-11-30 (a day before the 12 months), 2,000 on 2025-12-01, 3,000 on
2026-01-01, 400 on 2026-09-30, 500 on 2026-10-01 and a credit note of 100 on 2026-11-30 (the
last date); Beta (C2): 1,234.56 on 2026-11-15; Gamma (C3): 999 on 2024-05-01 only."""
ROLLING, CALENDAR, QUARTER = (
    MeasurePeriod.ROLLING_12M,
    MeasurePeriod.CALENDAR_YEAR,
    MeasurePeriod.QUARTER,
)


def objective(
    unit: str = "€",
    period: MeasurePeriod = ROLLING,
    checkins: dict[dt.date, float] | None = None,
    sources: dict[dt.date, str] | None = None,
    *,
    source: MeasureSource | None = MeasureSource.REVENUE,
) -> Objective:
    checkins = checkins or {}
    return Objective(
        title="Revenue",
        metric="revenue",
        unit=unit,
        source=source,
        period=period,
        current=checkins[max(checkins)] if checkins else None,
        checkins=checkins,
        checkin_sources=sources or {},
    )


def write_plan(
    ws: Workspace,
    pid: str,
    ids: list[str],
    objectives: dict[str, Objective],
    currency: str = "EUR",
) -> Path:
    plan = AccountPlan(
        id=pid,
        account=Account(name=pid.capitalize(), customer_ids=ids, currency=currency),
        where_to_go=WhereToGo(objectives=objectives),
    )
    path = ws.root / f"{pid}.toml"
    path.write_text(dumps_plan(plan), encoding="utf-8")
    return path


def measure(ws: Workspace, path: Path = REVENUE, **options: object) -> MeasureReport:
    return measure_file(path, ReadOptions(**options), ws.load_all().plans)  # type: ignore[arg-type]


def one(ws: Workspace, obj: Objective, ids: list[str] | None = None, **kw: object) -> Proposal:
    """The proposal for one objective of one plan."""
    write_plan(ws, "acme", ["C1"] if ids is None else ids, {"revenue": obj}, **kw)  # type: ignore[arg-type]
    report = measure(ws)
    assert len(report.proposals) == 1
    return report.proposals[0]


# -- periods -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "last", "start"),
    [
        (ROLLING, D(2026, 11, 30), D(2025, 12, 1)),
        (ROLLING, D(2026, 12, 31), D(2026, 1, 1)),
        (ROLLING, D(2026, 1, 1), D(2025, 1, 2)),
        (ROLLING, D(2024, 2, 29), D(2023, 3, 1)),  # a year before the 29th is the 28th
        (ROLLING, D(2025, 2, 28), D(2024, 2, 29)),
        (ROLLING, D(2025, 3, 1), D(2024, 3, 2)),
        (CALENDAR, D(2026, 1, 1), D(2026, 1, 1)),
        (CALENDAR, D(2026, 12, 31), D(2026, 1, 1)),
        (QUARTER, D(2026, 3, 31), D(2026, 1, 1)),
        (QUARTER, D(2026, 4, 1), D(2026, 4, 1)),
        (QUARTER, D(2026, 6, 30), D(2026, 4, 1)),
        (QUARTER, D(2026, 7, 1), D(2026, 7, 1)),
        (QUARTER, D(2026, 9, 30), D(2026, 7, 1)),
        (QUARTER, D(2026, 12, 31), D(2026, 10, 1)),
    ],
)
def test_period_starts(period: MeasurePeriod, last: dt.date, start: dt.date) -> None:
    assert period_start(period, last) == start


@pytest.mark.parametrize(
    ("period", "value"),
    [
        # 2,000 + 3,000 + 400 + 500 − 100: not the 1,000 of 2025-11-30, a year before the end
        (ROLLING, 5800),
        (CALENDAR, 3800),  # from 2026-01-01
        (QUARTER, 400),  # from 2026-10-01: not the 400 of 2026-09-30
    ],
)
def test_each_period_sums_its_lines_and_credit_notes_count_negative(
    tmp_workspace: Workspace, period: MeasurePeriod, value: int
) -> None:
    proposal = one(tmp_workspace, objective("€", period))
    assert (proposal.outcome, proposal.value, proposal.day) == (Outcome.ADD, value, D(2026, 11, 30))
    assert proposal.start == period_start(period, D(2026, 11, 30))
    assert proposal.source == f"revenue.csv, {period.value}"


def test_the_period_ends_at_the_last_date_of_any_line(
    tmp_workspace: Workspace, tmp_path: Path
) -> None:
    later = tmp_path / "later.csv"
    later.write_text(REVENUE.read_text() + ",,2026-12-03,Invoice,50.00\n")  # no customer
    write_plan(tmp_workspace, "acme", ["C1"], {"revenue": objective("€", QUARTER)})
    proposal = measure(tmp_workspace, later).proposals[0]
    assert (proposal.day, proposal.start, proposal.value) == (D(2026, 12, 3), D(2026, 10, 1), 400)


def test_the_ids_of_an_account_are_summed(tmp_workspace: Workspace) -> None:
    proposal = one(tmp_workspace, objective("€"), [" C1 ", "C2", "C1"])
    assert proposal.value == 7035  # 5,800 + 1,234.56, in whole euros
    proposal = one(tmp_workspace, objective("k€"), ["C1", "C2"])
    assert proposal.value == 7.03


# -- units -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "value"),
    [("€", 5800), ("EUR", 5800), ("eur", 5800), ("k€", 5.8), ("kEUR", 5.8), ("K €", 5.8)]
    + [("M€", 0.01), ("MEUR", 0.01)],
)
def test_units(tmp_workspace: Workspace, unit: str, value: float) -> None:
    proposal = one(tmp_workspace, objective(unit))
    assert proposal.outcome is Outcome.ADD
    assert proposal.value == value and type(proposal.value) is type(value)


def test_a_whole_value_in_thousands_is_written_as_a_whole_number(tmp_workspace: Workspace) -> None:
    proposal = one(tmp_workspace, objective("k€", CALENDAR))  # 3,800 €
    assert proposal.value == 3.8
    write_plan(tmp_workspace, "acme", ["C1", "C2"], {"revenue": objective("€", QUARTER)})
    assert measure(tmp_workspace).proposals[0].value == 1635  # 400 + 1,234.56, rounded


@pytest.mark.parametrize("unit", ["", "%", "units", "t/year", "k", "k$", "kUSD", "M€ per year"])
def test_an_unknown_unit_is_reported_never_guessed(tmp_workspace: Workspace, unit: str) -> None:
    proposal = one(tmp_workspace, objective(unit))
    assert (proposal.outcome, proposal.value) == (Outcome.UNKNOWN_UNIT, None)
    assert proposal.text.startswith("unknown unit (")
    assert "use €, k€, M€" in proposal.text


def test_the_account_currency_can_be_the_unit(tmp_workspace: Workspace) -> None:
    # the file states no currency: it is taken to be in the account's
    proposal = one(tmp_workspace, objective("k$"), currency="USD")
    assert (proposal.outcome, proposal.value) == (Outcome.ADD, 5.8)
    proposal = one(tmp_workspace, objective("k€"), currency="USD")
    assert proposal.outcome is Outcome.OTHER_CURRENCY
    assert proposal.text == (
        "skip: unit in another currency (the objective is in EUR, the revenue in USD)"
    )


def test_a_file_in_another_currency_is_not_measured_in_euros(tmp_workspace: Workspace) -> None:
    write_plan(tmp_workspace, "acme", ["C1"], {"revenue": objective("k€")})
    proposal = measure(tmp_workspace, DATA / "usd.csv").proposals[0]
    assert proposal.outcome is Outcome.OTHER_CURRENCY
    assert "the revenue in USD" in proposal.text
    # converted at a rate, as kamtui abc would: in euros
    report = measure(tmp_workspace, DATA / "usd.csv", currency="EUR", rates=(("USD", 0.5),))
    assert (report.proposals[0].outcome, report.proposals[0].value) == (Outcome.ADD, 2.9)


@pytest.mark.parametrize(
    ("unit", "currency", "expected"),
    [
        ("€", "EUR", ("EUR", 1, 0)),
        ("k€", "EUR", ("EUR", 1000, 2)),
        ("M€", "USD", ("EUR", 1_000_000, 2)),
        ("$", "USD", ("USD", 1, 0)),
        ("kUSD", "usd", ("USD", 1000, 2)),
        ("KRW", "KRW", ("KRW", 1, 0)),  # won, not thousands of RW
        ("kKRW", "KRW", ("KRW", 1000, 2)),
        ("$", "EUR", None),
        ("£", "EUR", None),
        ("mEUR", "EUR", None),  # milli? never guessed
        ("EURO", "EUR", None),
    ],
)
def test_parse_unit(unit: str, currency: str, expected: tuple[str, int, int] | None) -> None:
    found = parse_unit(unit, currency)
    assert (None if found is None else (found.currency, found.scale, found.decimals)) == expected


# -- what happens to the check-ins -------------------------------------------------------------


def test_a_hand_check_in_on_that_date_is_never_overwritten(tmp_workspace: Workspace) -> None:
    obj = objective("k€", checkins={D(2026, 11, 30): 5.5})
    proposal = one(tmp_workspace, obj)
    assert (proposal.outcome, proposal.value, proposal.before) == (Outcome.HAND, 5.8, 5.5)
    assert proposal.text == "skip: hand check-in on that date"
    report = measure(tmp_workspace)
    assert report.writes == [] and apply_measures(tmp_workspace, report).written == []


def test_the_same_value_as_the_last_check_in_adds_nothing(tmp_workspace: Workspace) -> None:
    obj = objective("k€", checkins={D(2026, 9, 30): 4, D(2026, 10, 31): 5.8})
    proposal = one(tmp_workspace, obj)
    assert (proposal.outcome, proposal.before) == (Outcome.SAME, 5.8)
    assert proposal.text == "skip: same as the last check-in"
    # a check-in after the file's date does not count as "the last": the one before it does
    obj = objective("k€", checkins={D(2026, 10, 31): 5.8, D(2026, 12, 15): 7})
    assert one(tmp_workspace, obj).outcome is Outcome.SAME
    obj = objective("k€", checkins={D(2026, 10, 31): 5.7, D(2026, 12, 15): 5.8})
    assert (one(tmp_workspace, obj).outcome, one(tmp_workspace, obj).before) == (Outcome.ADD, 5.7)


def test_measuring_twice_is_a_no_op(tmp_workspace: Workspace) -> None:
    path = write_plan(tmp_workspace, "acme", ["C1"], {"revenue": objective("k€")})
    applied = apply_measures(tmp_workspace, measure(tmp_workspace))
    assert [p.value for p in applied.written] == [5.8]
    written = path.read_bytes()
    again = measure(tmp_workspace)
    assert [p.outcome for p in again.proposals] == [Outcome.SAME]
    assert apply_measures(tmp_workspace, again).written == []
    assert path.read_bytes() == written


def test_a_measured_check_in_on_that_date_is_replaced(tmp_workspace: Workspace) -> None:
    day = D(2026, 11, 30)
    obj = objective("k€", checkins={day: 5.1}, sources={day: "old.csv, rolling-12m"})
    path = write_plan(tmp_workspace, "acme", ["C1"], {"revenue": obj})
    report = measure(tmp_workspace)
    proposal = report.proposals[0]
    assert (proposal.outcome, proposal.value, proposal.before) == (Outcome.REPLACE, 5.8, 5.1)
    assert proposal.text == "replace: earlier measured value on that date"
    assert apply_measures(tmp_workspace, report).ok
    plan = read_plan(path).plan
    assert plan is not None
    after = plan.where_to_go.objectives["revenue"]
    assert after.checkins == {day: 5.8} and after.current == 5.8
    assert after.checkin_sources == {day: "revenue.csv, rolling-12m"}


def test_no_customer_ids(tmp_workspace: Workspace) -> None:
    proposal = one(tmp_workspace, objective(), [])
    assert (proposal.outcome, proposal.value, proposal.text) == (
        Outcome.NO_IDS,
        None,
        "no customer ids",
    )


def test_no_lines_in_the_file_for_its_ids(tmp_workspace: Workspace) -> None:
    proposal = one(tmp_workspace, objective(), ["C9", "C8"])
    assert (proposal.outcome, proposal.value) == (Outcome.NO_LINES, None)
    assert proposal.text == "no lines in the file for its customer ids (C9, C8)"


def test_ids_in_the_file_but_not_in_the_period_measure_zero(tmp_workspace: Workspace) -> None:
    proposal = one(tmp_workspace, objective(), ["C3"])  # Gamma: one line in 2024
    assert (proposal.outcome, proposal.value) == (Outcome.ADD, 0)


def test_only_objectives_measured_from_revenue_are_proposed(tmp_workspace: Workspace) -> None:
    write_plan(
        tmp_workspace,
        "acme",
        ["C1"],
        {"share": objective("%", source=None), "revenue": objective("k€", QUARTER)},
    )
    write_plan(tmp_workspace, "beta", ["C2"], {"share": objective("%", source=None)})
    report = measure(tmp_workspace)
    assert [(p.plan_id, p.objective_id) for p in report.proposals] == [("acme", "revenue")]
    assert list(report.loaded) == ["acme"]


def test_a_broken_plan_is_listed_and_the_others_measured(tmp_workspace: Workspace) -> None:
    write_plan(tmp_workspace, "acme", ["C1"], {"revenue": objective()})
    (tmp_workspace.root / "broken.toml").write_text('schema = 1\n[account]\nname = "B"\nx = \n')
    report = measure(tmp_workspace)
    assert [p.plan_id for p in report.proposals] == ["acme"]
    assert [b.plan_id for b in report.broken] == ["broken"]
    assert "broken.toml:4" in report.broken[0].reason


# -- writing -----------------------------------------------------------------------------------


def test_applying_writes_each_plan_once_with_its_check_ins(tmp_workspace: Workspace) -> None:
    acme = write_plan(
        tmp_workspace,
        "acme",
        ["C1"],
        {
            "rolling": objective("k€", checkins={D(2026, 6, 30): 4}),
            "quarter": objective("€", QUARTER),
            "hand": objective("k€", checkins={D(2026, 11, 30): 1}),
        },
    )
    beta = write_plan(tmp_workspace, "beta", ["C2"], {"year": objective("€", CALENDAR)})
    report = measure(tmp_workspace)
    assert report.question() == "Write 3 check-ins to 2 plans?"
    applied = apply_measures(tmp_workspace, report)
    assert applied.ok and applied.plans == ["acme", "beta"]
    plan = read_plan(acme).plan
    assert plan is not None
    objectives = plan.where_to_go.objectives
    assert objectives["rolling"].checkins == {D(2026, 6, 30): 4, D(2026, 11, 30): 5.8}
    assert objectives["rolling"].current == 5.8
    assert objectives["quarter"].checkins == {D(2026, 11, 30): 400}
    assert objectives["quarter"].checkin_sources == {D(2026, 11, 30): "revenue.csv, quarter"}
    assert objectives["hand"].checkins == {D(2026, 11, 30): 1}
    assert objectives["hand"].checkin_sources == {}
    text = acme.read_text()
    assert '[where_to_go.objectives.rolling.checkin_sources]\n2026-11-30 = "revenue.csv, ' in text
    other = read_plan(beta).plan
    assert other is not None
    assert other.where_to_go.objectives["year"].checkins == {D(2026, 11, 30): 1235}


def test_a_plan_changed_on_disk_since_it_was_read_is_reported_not_overwritten(
    tmp_workspace: Workspace,
) -> None:
    acme = write_plan(tmp_workspace, "acme", ["C1"], {"revenue": objective("k€")})
    beta = write_plan(tmp_workspace, "beta", ["C2"], {"revenue": objective("k€")})
    report = measure(tmp_workspace)
    changed = acme.read_text().replace('title = "Revenue"', 'title = "Revenue, edited"')
    acme.write_text(changed)
    applied = apply_measures(tmp_workspace, report)
    assert [r.plan_id for r in applied.refused] == ["acme"]
    assert "changed on disk" in applied.refused[0].reason
    assert acme.read_text() == changed
    assert applied.plans == ["beta"] and "checkin_sources" in beta.read_text()


def test_a_plan_with_comments_is_not_rewritten(tmp_workspace: Workspace) -> None:
    acme = write_plan(tmp_workspace, "acme", ["C1"], {"revenue": objective("k€")})
    acme.write_text("# kept by hand\n" + acme.read_text())
    applied = apply_measures(tmp_workspace, measure(tmp_workspace))
    assert applied.written == [] and "# comments" in applied.refused[0].reason
    assert acme.read_text().startswith("# kept by hand\n")


def test_a_file_without_dates_cannot_be_measured(tmp_workspace: Workspace, tmp_path: Path) -> None:
    plain = tmp_path / "plain.csv"
    plain.write_text("Customer,Amount\nC1,5\n")
    with pytest.raises(RevenueFileError, match=r"plain\.csv.*date"):
        measure(tmp_workspace, plain)


def test_a_plan_held_open_with_unsaved_edits_is_not_written(tmp_workspace: Workspace) -> None:
    acme = write_plan(tmp_workspace, "acme", ["C1"], {"revenue": objective("k€")})
    before = acme.read_bytes()
    applied = apply_measures(tmp_workspace, measure(tmp_workspace), hold={"acme"})
    assert applied.written == [] and [r.plan_id for r in applied.refused] == ["acme"]
    assert "unsaved edits" in applied.refused[0].reason
    assert acme.read_bytes() == before
