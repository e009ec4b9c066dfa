"""The review agenda: what changed since the last review, what needs an answer. Today is pinned."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY, make_full_plan

from kamtui.plan import metrics
from kamtui.plan.model import (
    AccountPlan,
    Action,
    ActionStatus,
    Attitude,
    Influence,
    Objective,
    Person,
    Role,
    new_plan,
)
from kamtui.plan.review import ReviewAgenda, review_agenda

D = dt.date
REVIEWED = D(2026, 11, 2)


def plan(last_review: dt.date | None = REVIEWED) -> AccountPlan:
    p = new_plan("acme", "Acme")
    p.account.last_review = last_review
    return p


# -- changes -----------------------------------------------------------------------------------


def test_full_plan_changes_since_the_last_review(full_plan):
    agenda = review_agenda(full_plan(), TODAY)
    assert agenda.since == REVIEWED
    assert agenda.changes == [
        "2026-11-15: Cut their film waste measured 1150 t/year",
        "2026-11-20: met Giulia Bianchi",
        "2026-11-30: Grow share of wallet measured 24.5 %",
    ]


def test_changes_only_after_the_review_date():
    p = plan()
    o = Objective(title="Share", unit="%", baseline=0, target=100)
    o.checkins = {
        D(2026, 10, 1): 10,  # before
        REVIEWED: 11,  # on the review day: already reviewed
        D(2026, 11, 3): 12,  # the day after
        TODAY: 13,  # today counts
    }
    p.where_to_go.objectives["share"] = o
    agenda = review_agenda(p, TODAY)
    assert agenda.changes == [
        "2026-11-03: Share measured 12 %",
        "2026-11-30: Share measured 13 %",
    ]


def test_future_check_ins_are_not_changes():
    p = plan()
    p.where_to_go.objectives["share"] = Objective(
        title="Share", unit="%", checkins={D(2026, 12, 1): 50, D(2027, 1, 1): 60}
    )
    assert review_agenda(p, TODAY).changes == []


def test_done_actions_completed_after_the_review():
    p = plan()
    actions = p.how_to_get_there.actions
    actions["before"] = Action(title="Old", status=ActionStatus.DONE, completed=D(2026, 10, 5))
    actions["on"] = Action(title="On the day", status=ActionStatus.DONE, completed=REVIEWED)
    actions["after"] = Action(title="Audit", status=ActionStatus.DONE, completed=D(2026, 11, 10))
    actions["undated"] = Action(title="Undated", status=ActionStatus.DONE, completed=None)
    # a completion date on an action that is not done is not a change
    actions["reopened"] = Action(
        title="Reopened", status=ActionStatus.IN_PROGRESS, completed=D(2026, 11, 12)
    )
    assert review_agenda(p, TODAY).changes == ["2026-11-10: done: Audit"]


def test_contacts_after_the_review():
    p = plan()
    people = p.where_am_i.buying_centre
    people["a"] = Person(name="Anna", last_contact=D(2026, 11, 20))
    people["b"] = Person(name="Bruno", last_contact=REVIEWED)
    people["c"] = Person(name="Carla", last_contact=D(2026, 1, 1))
    people["d"] = Person(name="Dario", last_contact=None)
    people["e"] = Person(name="", last_contact=D(2026, 11, 21))  # no name: its id
    assert review_agenda(p, TODAY).changes == ["2026-11-20: met Anna", "2026-11-21: met e"]


def test_changes_are_sorted_by_date():
    p = plan()
    p.where_am_i.buying_centre["a"] = Person(name="Anna", last_contact=D(2026, 11, 25))
    p.how_to_get_there.actions["x"] = Action(
        title="Audit", status=ActionStatus.DONE, completed=D(2026, 11, 5)
    )
    p.where_to_go.objectives["o"] = Objective(title="Share", checkins={D(2026, 11, 15): 3})
    assert [line[:10] for line in review_agenda(p, TODAY).changes] == [
        "2026-11-05",
        "2026-11-15",
        "2026-11-25",
    ]


def test_objective_without_a_title_or_unit():
    p = plan()
    p.where_to_go.objectives["share"] = Objective(title="", checkins={D(2026, 11, 15): 3})
    assert review_agenda(p, TODAY).changes == ["2026-11-15: share measured 3"]


def test_never_reviewed_counts_everything(full_plan):
    p = full_plan()
    p.account.last_review = None
    agenda = review_agenda(p, TODAY)
    assert agenda.since is None
    assert agenda.changes == [
        "2026-05-03: met Nicola Conti",
        "2026-06-30: Grow share of wallet measured 20 %",
        "2026-08-14: met Luca Ferri",
        "2026-09-28: done: Waste audit at Lodi",
        "2026-09-30: Cut their film waste measured 1180 t/year",
        "2026-10-31: Grow share of wallet measured 23 %",
        "2026-11-15: Cut their film waste measured 1150 t/year",
        "2026-11-20: met Giulia Bianchi",
        "2026-11-30: Grow share of wallet measured 24.5 %",
    ]


def test_never_reviewed_still_skips_future_check_ins():
    p = plan(None)
    p.where_to_go.objectives["o"] = Objective(
        title="Share", checkins={D(2026, 1, 1): 1, D(2027, 1, 1): 2}
    )
    assert review_agenda(p, TODAY).changes == ["2026-01-01: Share measured 1"]


def test_new_plan_agenda():
    agenda = review_agenda(new_plan("acme", "Acme"), TODAY)
    assert agenda == ReviewAgenda(since=None, gaps=["no decision maker known"])


def test_large_check_in_values_are_shown_in_full():
    p = plan()
    p.where_to_go.objectives["rev"] = Objective(
        title="Revenue", unit="EUR", checkins={D(2026, 11, 15): 1234567}
    )
    assert review_agenda(p, TODAY).changes == ["2026-11-15: Revenue measured 1234567 EUR"]


def test_future_contacts_and_completions_are_not_changes():
    p = plan()
    p.where_am_i.buying_centre["a"] = Person(name="Anna", last_contact=D(2026, 12, 24))
    p.how_to_get_there.actions["x"] = Action(
        title="Audit", status=ActionStatus.DONE, completed=D(2027, 1, 1)
    )
    assert review_agenda(p, TODAY).changes == []


# -- objectives --------------------------------------------------------------------------------


def test_full_plan_objectives_unchecked_first(full_plan):
    # grow-share and cut-waste have check-ins since the review; strategic-partner has none
    agenda = review_agenda(full_plan(), TODAY)
    assert agenda.objectives == ["strategic-partner", "cut-waste", "grow-share"]


def test_objectives_ordering_and_attained_ones_excluded():
    p = plan()
    objectives = p.where_to_go.objectives
    objectives["b-checked"] = Objective(
        title="b", baseline=0, target=10, current=5, checkins={D(2026, 11, 20): 5}
    )
    objectives["a-checked"] = Objective(
        title="a", baseline=0, target=10, current=4, checkins={D(2026, 11, 10): 4}
    )
    objectives["d-stale"] = Objective(
        title="d", baseline=0, target=10, current=2, checkins={D(2026, 10, 1): 2}
    )
    objectives["c-never"] = Objective(title="c", baseline=0, target=10, current=1)
    objectives["e-unmeasurable"] = Objective(title="e")  # no target: attainment None, open
    objectives["f-attained"] = Objective(
        title="f", baseline=0, target=10, current=10, checkins={D(2026, 10, 1): 10}
    )
    objectives["g-beyond"] = Objective(title="g", baseline=0, target=10, current=12)
    objectives["h-down-attained"] = Objective(title="h", baseline=100, target=80, current=75)
    objectives["i-on-review-day"] = Objective(
        title="i", baseline=0, target=10, current=3, checkins={REVIEWED: 3}
    )
    agenda = review_agenda(p, TODAY)
    assert agenda.objectives == [
        "c-never",
        "d-stale",
        "e-unmeasurable",
        "i-on-review-day",
        "a-checked",
        "b-checked",
    ]


def test_objective_attained_by_a_check_in_leaves_the_agenda():
    p = plan()
    o = Objective(title="o", baseline=0, target=10, current=9)
    p.where_to_go.objectives["o"] = o
    assert review_agenda(p, TODAY).objectives == ["o"]
    o.current = 10
    assert review_agenda(p, TODAY).objectives == []


def test_never_reviewed_every_check_in_counts_as_since():
    p = plan(None)
    p.where_to_go.objectives["checked"] = Objective(
        title="a", target=10, current=1, checkins={D(2020, 1, 1): 1}
    )
    p.where_to_go.objectives["unchecked"] = Objective(title="b", target=10, current=1)
    assert review_agenda(p, TODAY).objectives == ["unchecked", "checked"]


# -- overdue and gaps --------------------------------------------------------------------------


def test_overdue_most_overdue_first():
    p = plan()
    actions = p.how_to_get_there.actions
    actions["late"] = Action(title="late", due=D(2026, 11, 20), status=ActionStatus.IN_PROGRESS)
    actions["later"] = Action(title="later", due=D(2026, 9, 1))
    actions["blocked"] = Action(title="blocked", due=D(2026, 10, 1), status=ActionStatus.BLOCKED)
    actions["today"] = Action(title="today", due=TODAY)  # due today is not overdue
    actions["future"] = Action(title="future", due=D(2027, 1, 1))
    actions["undated"] = Action(title="undated")
    actions["done"] = Action(
        title="done", due=D(2026, 1, 1), status=ActionStatus.DONE, completed=D(2026, 2, 1)
    )
    actions["dropped"] = Action(title="dropped", due=D(2026, 1, 1), status=ActionStatus.DROPPED)
    actions["same-day-b"] = Action(title="b", due=D(2026, 9, 1))
    assert review_agenda(p, TODAY).overdue == ["later", "same-day-b", "blocked", "late"]


def test_full_plan_overdue(full_plan):
    p = full_plan()
    agenda = review_agenda(p, TODAY)
    assert agenda.overdue == ["bari-trial"]
    assert agenda.overdue == [aid for aid, _ in metrics.overdue_actions(p, TODAY)]


def plan_with_an_opponent() -> AccountPlan:
    p = plan()
    p.where_am_i.buying_centre["x"] = Person(
        name="Xena",
        role=Role.INFLUENCER,
        influence=Influence.HIGH,
        attitude=Attitude.OPPONENT,
    )
    return p


@pytest.mark.parametrize(
    ("make", "gaps"),
    [
        (
            make_full_plan,
            [
                "Luca Ferri: not contacted for 108 days",
                "Nicola Conti: economic buyer, weak relationship (1/5)",
                "Nicola Conti: critic with high influence",
                "Nicola Conti: not contacted for 211 days",
            ],
        ),
        (
            plan_with_an_opponent,
            [
                "no decision maker known",
                "Xena: high influence, no relationship recorded",
                "Xena: opponent with high influence",
                "Xena: never contacted",
            ],
        ),
    ],
    ids=["full plan", "small plan"],
)
def test_gaps_come_from_relationship_gaps(make, gaps):
    """All the org chart's coverage gaps, the weak relationships with power included."""
    p = make()
    agenda = review_agenda(p, TODAY)
    assert agenda.gaps == metrics.relationship_gaps(p, TODAY, weak=True)
    assert agenda.gaps == gaps


def test_the_review_lists_a_decision_maker_we_hardly_know():
    p = plan_with_an_opponent()
    p.where_am_i.buying_centre["x"].relationship = 4
    p.where_am_i.buying_centre["ugo"] = Person(
        name="Ugo", role=Role.DECISION_MAKER, relationship=2, last_contact=TODAY
    )
    assert review_agenda(p, TODAY).gaps == [
        "Xena: opponent with high influence",
        "Xena: never contacted",
        "Ugo: decision maker, weak relationship (2/5)",
    ]
    p.where_am_i.buying_centre["ugo"].relationship = 3
    assert "Ugo: decision maker, weak relationship (2/5)" not in review_agenda(p, TODAY).gaps


def test_agenda_does_not_change_the_plan(full_plan):
    p = full_plan()
    review_agenda(p, TODAY)
    assert p == full_plan()
