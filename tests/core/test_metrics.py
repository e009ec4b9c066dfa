"""Derived figures, checked against numbers worked out by hand. "Today" is always pinned."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from conftest import TODAY

from kamtui.plan import metrics
from kamtui.plan.metrics import (
    CONTACT_STALE_DAYS,
    QUESTIONS,
    Completeness,
    action_progress,
    attainment,
    completeness,
    days_since_review,
    how_to_get_there_completeness,
    is_overdue,
    is_stale,
    mean_attainment,
    next_action,
    overall_progress,
    overdue_actions,
    portfolio_row,
    progress_by_objective,
    relationship_gaps,
    success_factors,
    where_am_i_completeness,
    where_to_go_completeness,
)
from kamtui.plan.model import (
    AccountPlan,
    Action,
    ActionStatus,
    Attitude,
    Cell,
    CellStatus,
    Competitor,
    Horizon,
    Influence,
    Objective,
    Orientation,
    Person,
    RelationshipLevel,
    Role,
    new_plan,
)

D = dt.date


def objective(baseline=None, target=None, current=None, **kw) -> Objective:
    return Objective(title="o", baseline=baseline, target=target, current=current, **kw)


def plan_with_actions(*actions: Action, objectives: tuple[str, ...] = ()) -> AccountPlan:
    plan = new_plan("acme", "Acme")
    for oid in objectives:
        plan.where_to_go.objectives[oid] = Objective(title=oid)
    for i, action in enumerate(actions):
        plan.how_to_get_there.actions[f"a{i}"] = action
    return plan


# -- attainment --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        (20, 35, 24.5, 0.3),  # 4.5 of 15
        (20, 35, 20, 0.0),
        (20, 35, 35, 1.0),
        (0, 200, 50, 0.25),
        (1200, 1000, 1150, 0.25),  # going down: 50 of 200
        (1200, 1000, 1000, 1.0),
        (1, 4, 2, 1 / 3),
        (-10, 10, 0, 0.5),
        (0.5, 1.5, 0.75, 0.25),
    ],
    ids=["up", "up-start", "up-done", "from-zero", "down", "down-done", "thirds", "neg", "float"],
)
def test_attainment(baseline, target, current, expected):
    assert attainment(objective(baseline, target, current)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        (20, 35, 50, 1.0),  # beyond the target
        (20, 35, 10, 0.0),  # worse than the baseline
        (1200, 1000, 900, 1.0),  # going down, beyond the target
        (1200, 1000, 1300, 0.0),  # going down, worse than the baseline
    ],
)
def test_attainment_is_clamped_to_0_1(baseline, target, current, expected):
    assert attainment(objective(baseline, target, current)) == expected


def test_attainment_when_target_equals_baseline():
    assert attainment(objective(10, 10, 10)) == 1.0
    assert attainment(objective(10, 10, 9)) == 0.0
    assert attainment(objective(10, 10, 11)) == 0.0


def test_attainment_without_a_baseline_counts_from_zero():
    assert attainment(objective(None, 10, 4)) == pytest.approx(0.4)
    assert attainment(objective(None, 0, 0)) == 1.0


@pytest.mark.parametrize(
    ("baseline", "target", "current"),
    [(20, None, 25), (20, 35, None), (None, None, None), (None, 10, None)],
)
def test_attainment_is_none_when_not_measurable(baseline, target, current):
    assert attainment(objective(baseline, target, current)) is None


def test_mean_attainment_skips_objectives_that_are_not_measurable():
    plan = new_plan("acme", "Acme")
    assert mean_attainment(plan) is None
    plan.where_to_go.objectives = {
        "a": objective(0, 10, 5),  # 0.5
        "b": objective(0, 10, 10),  # 1.0
        "c": objective(0, 10, None),  # not measurable
    }
    assert mean_attainment(plan) == pytest.approx(0.75)


# -- action progress ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "progress", "expected"),
    [
        (ActionStatus.TODO, 0, 0),
        (ActionStatus.TODO, 30, 30),
        (ActionStatus.IN_PROGRESS, 45, 45),
        (ActionStatus.BLOCKED, 20, 20),
        (ActionStatus.DONE, 10, 100),
        (ActionStatus.DONE, 100, 100),
        (ActionStatus.DROPPED, 80, None),
    ],
)
def test_action_progress(status, progress, expected):
    assert action_progress(Action(title="a", status=status, progress=progress)) == expected


def test_overall_progress_counts_done_as_100_and_leaves_dropped_out():
    plan = plan_with_actions(
        Action(status=ActionStatus.TODO, progress=30),
        Action(status=ActionStatus.DONE, progress=0),
        Action(status=ActionStatus.DROPPED, progress=80),
        Action(status=ActionStatus.BLOCKED, progress=20),
    )
    assert overall_progress(plan) == pytest.approx((30 + 100 + 20) / 3 / 100)


def test_overall_progress_without_countable_actions_is_none():
    assert overall_progress(plan_with_actions()) is None
    assert overall_progress(plan_with_actions(Action(status=ActionStatus.DROPPED))) is None


def test_overall_progress_of_zero_is_zero_not_none():
    assert overall_progress(plan_with_actions(Action(progress=0))) == 0.0


def test_progress_by_objective():
    plan = plan_with_actions(
        Action(objective="grow", progress=40),
        Action(objective="grow", status=ActionStatus.DONE),
        Action(objective="grow", status=ActionStatus.DROPPED, progress=0),
        Action(objective="cut", status=ActionStatus.DROPPED, progress=90),
        Action(objective="", progress=10),
        Action(objective="unknown", progress=99),
        objectives=("grow", "cut", "idle"),
    )
    assert progress_by_objective(plan) == {
        "grow": pytest.approx(0.7),  # (40 + 100) / 2
        "cut": None,  # only a dropped action
        "idle": None,  # no actions at all
    }
    assert list(progress_by_objective(plan)) == ["grow", "cut", "idle"]


# -- overdue and next action -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "status", "expected"),
    [
        (D(2026, 11, 29), ActionStatus.TODO, True),
        (D(2026, 1, 1), ActionStatus.IN_PROGRESS, True),
        (D(2026, 11, 29), ActionStatus.BLOCKED, True),
        (TODAY, ActionStatus.TODO, False),  # due today is not overdue
        (D(2026, 12, 1), ActionStatus.TODO, False),
        (D(2026, 11, 1), ActionStatus.DONE, False),
        (D(2026, 11, 1), ActionStatus.DROPPED, False),
        (None, ActionStatus.TODO, False),
    ],
    ids=["yesterday", "long-ago", "blocked", "today", "tomorrow", "done", "dropped", "no-due"],
)
def test_is_overdue(due, status, expected):
    assert is_overdue(Action(title="a", due=due, status=status), TODAY) is expected


def test_overdue_actions_most_overdue_first():
    plan = new_plan("acme", "Acme")
    plan.how_to_get_there.actions = {
        "late": Action(title="late", due=D(2026, 11, 20)),
        "later": Action(title="later", due=D(2026, 10, 1)),
        "same-b": Action(title="b", due=D(2026, 11, 25)),
        "same-a": Action(title="a", due=D(2026, 11, 25)),
        "today": Action(title="today", due=TODAY),
        "closed": Action(title="closed", due=D(2026, 1, 1), status=ActionStatus.DONE),
    }
    assert [aid for aid, _ in overdue_actions(plan, TODAY)] == [
        "later",
        "late",
        "same-a",
        "same-b",
    ]
    assert overdue_actions(plan, D(2026, 9, 1)) == []


def test_next_action_is_the_open_action_due_first_overdue_included():
    plan = new_plan("acme", "Acme")
    plan.how_to_get_there.actions = {
        "soon": Action(title="soon", due=D(2026, 12, 5)),
        "overdue": Action(title="overdue", due=D(2026, 11, 10), status=ActionStatus.BLOCKED),
        "done-earlier": Action(title="x", due=D(2026, 1, 1), status=ActionStatus.DONE),
        "dropped": Action(title="y", due=D(2026, 1, 2), status=ActionStatus.DROPPED),
        "undated": Action(title="z"),
    }
    assert next_action(plan) == ("overdue", plan.how_to_get_there.actions["overdue"])


def test_next_action_ties_are_broken_by_id():
    plan = new_plan("acme", "Acme")
    plan.how_to_get_there.actions = {
        "b": Action(title="b", due=D(2026, 12, 1)),
        "a": Action(title="a", due=D(2026, 12, 1)),
    }
    assert next_action(plan)[0] == "a"


def test_no_next_action_without_open_dated_actions():
    plan = plan_with_actions(Action(title="undated"), Action(due=TODAY, status=ActionStatus.DONE))
    assert next_action(plan) is None


# -- reviews -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_review", "every", "days", "stale"),
    [
        (D(2026, 11, 2), 30, 28, False),
        (D(2026, 10, 31), 30, 30, False),  # exactly on cadence: not stale yet
        (D(2026, 10, 30), 30, 31, True),
        (TODAY, 30, 0, False),
        (D(2026, 12, 10), 30, -10, False),  # a review date in the future
        (D(2025, 11, 30), 365, 365, False),
        (D(2025, 11, 29), 365, 366, True),
        (None, 30, None, True),  # never reviewed
    ],
)
def test_days_since_review_and_staleness(last_review, every, days, stale):
    plan = new_plan("acme", "Acme")
    plan.account.last_review = last_review
    plan.account.review_every_days = every
    assert days_since_review(plan, TODAY) == days
    assert is_stale(plan, TODAY) is stale


# -- completeness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plan", [AccountPlan(id="empty"), new_plan("acme", "Acme")], ids=["bare", "new"]
)
def test_an_empty_plan_is_0_percent_complete_everywhere(plan):
    c = completeness(plan)
    assert [(q.done, q.total) for q in c] == [(0, 11), (0, 4), (0, 4)]
    assert [q.ratio for q in c] == [0.0, 0.0, 0.0]
    assert [len(q.missing) for q in c] == [11, 4, 4]


def test_the_full_plan_is_complete(full_plan):
    c = completeness(full_plan())
    assert [q.ratio for q in c] == [1.0, 1.0, 1.0]
    assert all(q.missing == () for q in c)


def test_completeness_names_what_is_missing(full_plan):
    plan = full_plan()
    plan.where_am_i.priorities = "   "
    plan.where_am_i.buying_centre["luca-ferri"].attitude = None
    plan.where_am_i.accessibility.economic.rating = None
    plan.where_am_i.swot.threats = []
    c = where_am_i_completeness(plan)
    assert (c.done, c.total) == (7, 11)
    assert c.missing == (
        "strategic priorities",
        "attitude of every person",
        "accessibility ratings",
        "SWOT",
    )
    assert c.ratio == pytest.approx(7 / 11)


def test_the_whitespace_map_counts_once_a_cell_says_who_serves_a_unit(full_plan):
    plan = full_plan()
    map_ = "whitespace map (who serves each unit)"
    assert map_ not in where_am_i_completeness(plan).missing
    for unit in plan.where_am_i.units.values():  # units whose cells are all unknown
        unit.cells = {oid: Cell() for oid in unit.cells}
    assert map_ in where_am_i_completeness(plan).missing
    plan.where_am_i.units["lodi"].cells["trays"] = Cell(status=CellStatus.NOT_RELEVANT)
    assert map_ not in where_am_i_completeness(plan).missing


def test_a_competitor_placed_on_the_map_is_positioning_knowledge(full_plan):
    plan = full_plan()
    factor = "Positioning against competitors"
    for c in plan.where_am_i.competitors.values():
        c.positioning = ""
    assert dict(success_factors(plan))[factor]  # the map names polimeri-sud at Parma
    plan.where_am_i.units["parma"].cells["trays"].competitor = ""
    assert not dict(success_factors(plan))[factor]  # a competitor's cell, but whose?


def test_nothing_is_vacuously_complete():
    plan = new_plan("acme", "Acme")
    # Only people without the key facts: "attitude of every person" needs them all.
    plan.where_am_i.buying_centre["x"] = Person(name="X", role=Role.USER)
    assert "attitude of every person" in where_am_i_completeness(plan).missing
    assert "a decision maker in the buying centre" in where_am_i_completeness(plan).missing
    # A competitor without positioning.
    plan.where_am_i.competitors["c"] = Competitor(name="C")
    assert "competitors with our positioning" in where_am_i_completeness(plan).missing
    # An objective and no actions: not every objective has an action.
    plan.where_to_go.objectives["o"] = Objective(title="O", horizon=Horizon.LONG)
    how = how_to_get_there_completeness(plan)
    assert "an action for every objective" in how.missing
    assert "an owner and due date for every open action" in how.missing
    # One objective, unmeasured.
    assert "every objective measurable (metric, target, due date)" in (
        where_to_go_completeness(plan).missing
    )


def test_where_to_go_completeness_step_by_step():
    plan = new_plan("acme", "Acme")
    plan.where_to_go.ambition = "Be their partner."
    plan.where_to_go.objectives["s"] = Objective(
        title="S", horizon=Horizon.SHORT, metric="m", target=1, due=D(2027, 1, 1)
    )
    c = where_to_go_completeness(plan)
    assert (c.done, c.missing) == (3, ("a medium/long-term objective",))
    plan.where_to_go.objectives["l"] = Objective(title="L", horizon=Horizon.LONG, metric="m")
    c = where_to_go_completeness(plan)
    assert c.missing == ("every objective measurable (metric, target, due date)",)
    plan.where_to_go.objectives["l"].target = 0  # zero is a target
    plan.where_to_go.objectives["l"].due = D(2029, 1, 1)
    assert where_to_go_completeness(plan).ratio == 1.0


def test_how_to_get_there_completeness():
    plan = plan_with_actions(
        Action(title="a", objective="o", owner="Me", due=D(2027, 1, 1)),
        Action(title="b", objective="p", status=ActionStatus.DROPPED),
        objectives=("o", "p"),
    )
    plan.how_to_get_there.strategy = "Go."
    c = how_to_get_there_completeness(plan)
    # 'p' is only served by a dropped action; the dropped one needs no owner.
    assert c.missing == ("an action for every objective",)
    assert (c.done, c.total) == (3, 4)
    plan.how_to_get_there.actions["a0"].owner = " "
    assert "an owner and due date for every open action" in (
        how_to_get_there_completeness(plan).missing
    )


def test_completeness_ratio_of_nothing_to_check():
    assert Completeness(0, 0, ()).ratio == 1.0
    assert Completeness(1, 4, ("x",)).ratio == 0.25


def test_questions_are_in_order():
    plan = new_plan("acme", "Acme")
    assert [label for label, _ in QUESTIONS] == [
        "Where am I?",
        "Where do I want to go?",
        "How do I get there?",
    ]
    assert tuple(fn(plan) for _, fn in QUESTIONS) == completeness(plan)


# -- success factors and relationship gaps -----------------------------------------------------


def test_success_factors_of_an_empty_plan_are_all_unknown():
    factors = success_factors(new_plan("acme", "Acme"))
    assert [label for label, _ in factors] == [
        "Decision mechanisms known",
        "Buying motivation known",
        "Decision makers known",
        "Positioning against competitors",
        "Long-term partnership",
    ]
    assert [known for _, known in factors] == [False] * 5


def test_success_factors_of_the_full_plan_are_all_known(full_plan):
    assert all(known for _, known in success_factors(full_plan()))


def test_success_factors_other_ways_to_know():
    plan = new_plan("acme", "Acme")
    plan.where_am_i.buying_centre["p"] = Person(name="P", orientation=Orientation.TECHNICAL)
    plan.where_am_i.relationship_level = RelationshipLevel.SOLUTION_PROVIDER
    known = dict(success_factors(plan))
    assert known["Buying motivation known"] is True
    assert known["Long-term partnership"] is True
    plan.where_am_i.relationship_level = RelationshipLevel.PREFERRED_SUPPLIER
    assert dict(success_factors(plan))["Long-term partnership"] is False


def test_relationship_gaps_of_the_full_plan(full_plan):
    assert relationship_gaps(full_plan(), TODAY) == [
        "Luca Ferri: not contacted for 108 days",
        "Nicola Conti: critic with high influence",
        "Nicola Conti: not contacted for 211 days",
    ]


def test_relationship_gaps_of_an_empty_plan():
    assert relationship_gaps(new_plan("acme", "Acme"), TODAY) == ["no decision maker known"]


def test_relationship_gaps_edges():
    plan = new_plan("acme", "Acme")
    people = plan.where_am_i.buying_centre
    people["boss"] = Person(
        name="Boss", role=Role.ECONOMIC_BUYER, last_contact=TODAY - dt.timedelta(days=90)
    )
    people["no-name"] = Person(name="", last_contact=TODAY - dt.timedelta(days=91))
    people["foe"] = Person(
        name="Foe",
        attitude=Attitude.OPPONENT,
        influence=Influence.HIGH,
        last_contact=TODAY,
    )
    people["mild"] = Person(
        name="Mild", attitude=Attitude.OPPONENT, influence=Influence.MEDIUM, last_contact=TODAY
    )
    people["new"] = Person(name="New")
    assert CONTACT_STALE_DAYS == 90
    assert relationship_gaps(plan, TODAY) == [
        "no-name: not contacted for 91 days",
        "Foe: opponent with high influence",
        "New: never contacted",
    ]


# -- portfolio row -----------------------------------------------------------------------------


def test_portfolio_row_of_the_full_plan(full_plan):
    row = portfolio_row(full_plan(), TODAY)
    assert row.id == "acme-packaging"
    assert row.name == "Acme Packaging S.p.A."
    assert row.segment == "A"
    assert row.owner == "Maria Rossi"
    assert row.completeness == (1.0, 1.0, 1.0)
    # grow-share 4.5/15 = 0.3, cut-waste 50/200 = 0.25, strategic-partner 1/3
    assert row.attainment == pytest.approx((0.3 + 0.25 + 1 / 3) / 3)
    assert (row.actions_done, row.actions_total) == (1, 4)  # the dropped one is not counted
    assert row.overdue == 1  # bari-trial, due 2026-11-10
    assert row.next_action == "Run a line trial at Bari"
    assert row.next_due == D(2026, 11, 10)
    assert row.days_since_review == 28
    assert row.stale is False


def test_portfolio_row_moves_with_today(full_plan):
    later = portfolio_row(full_plan(), D(2027, 3, 1))
    # bari-trial, call-cfo (2026-12-15) and scorecard (2027-02-28) are now all late.
    assert later.overdue == 3
    assert later.days_since_review == 119
    assert later.stale is True


def test_portfolio_row_of_an_empty_plan():
    row = portfolio_row(new_plan("acme", "Acme"), TODAY)
    assert row.segment == ""
    assert row.completeness == (0.0, 0.0, 0.0)
    assert row.attainment is None
    assert (row.actions_done, row.actions_total, row.overdue) == (0, 0, 0)
    assert (row.next_action, row.next_due) == ("", None)
    assert row.days_since_review is None
    assert row.stale is True


def test_metrics_never_read_the_real_date():
    source = inspect.getsource(metrics)
    assert "date.today" not in source
    assert "datetime.now" not in source
    for fn in (is_overdue, overdue_actions, days_since_review, is_stale, portfolio_row):
        assert "today" in inspect.signature(fn).parameters
