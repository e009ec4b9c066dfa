"""The org chart's tree and coverage gaps (kamtui/plan/org_chart.py), with today pinned."""

from __future__ import annotations

import datetime as dt

from kamtui.plan.metrics import PersonGap, relationship_gaps
from kamtui.plan.model import Attitude, Influence, Person, Role, new_plan
from kamtui.plan.org_chart import (
    attitude_symbol,
    below,
    coverage_gaps,
    days_since_contact,
    org_tree,
    possible_bosses,
    remove_person,
    set_reports_to,
)

TODAY = dt.date(2026, 12, 1)


def shape(people: dict[str, Person]) -> list[tuple[int, str]]:
    return [(depth, node.id) for root in org_tree(people) for depth, node in root.walk()]


def test_the_tree_hangs_people_under_their_boss_ordered_by_name() -> None:
    people = {
        "ceo": Person(name="Zoe"),
        "cto": Person(name="Bruno", reports_to="ceo"),
        "cfo": Person(name="alba", reports_to="ceo"),
        "dev": Person(name="Dev", reports_to="cto"),
        "lone": Person(name="Carla"),
    }
    assert shape(people) == [(0, "lone"), (0, "ceo"), (1, "cfo"), (1, "cto"), (2, "dev")]


def test_an_unknown_boss_makes_a_root_and_a_loop_is_still_drawn_once() -> None:
    people = {
        "a": Person(name="A", reports_to="b"),
        "b": Person(name="B", reports_to="a"),
        "c": Person(name="C", reports_to="gone"),
        "d": Person(name="D", reports_to="d"),
    }
    assert shape(people) == [(0, "c"), (0, "d"), (0, "a"), (1, "b")]
    assert org_tree({}) == []


def test_possible_bosses_exclude_the_person_and_everyone_under_them() -> None:
    people = {
        "ceo": Person(name="Ceo"),
        "cto": Person(name="Cto", reports_to="ceo"),
        "dev": Person(name="Dev", reports_to="cto"),
        "ops": Person(name="Ops", reports_to="ceo"),
    }
    assert below(people, "cto") == {"dev"}
    assert below(people, "ceo") == {"cto", "dev", "ops"}
    assert possible_bosses(people, "cto") == ["ceo", "ops"]
    assert possible_bosses(people, "ceo") == []
    assert possible_bosses(people, "dev") == ["ceo", "cto", "ops"]


def test_days_since_contact_and_symbols() -> None:
    assert days_since_contact(Person(), TODAY) is None
    assert days_since_contact(Person(last_contact=dt.date(2026, 11, 1)), TODAY) == 30
    assert attitude_symbol(Person(attitude=Attitude.ALLY)) == "✚"
    assert attitude_symbol(Person(attitude=Attitude.OPPONENT)) == "✖"
    assert attitude_symbol(Person()) == "?"
    symbols = {attitude_symbol(Person(attitude=a)) for a in Attitude}
    assert len(symbols) == len(Attitude)  # each attitude reads apart without colour


def test_coverage_gaps() -> None:
    plan = new_plan("acme", "Acme")
    met = TODAY - dt.timedelta(days=90)
    plan.where_am_i.buying_centre = {
        # a decision maker with a weak relationship, and one we have none recorded with
        "dm": Person(name="Dora", role=Role.DECISION_MAKER, relationship=2, last_contact=met),
        "eb": Person(name="Ezio", role=Role.ECONOMIC_BUYER, last_contact=met),
        # strength 3 is a relationship
        "ok": Person(name="Olga", role=Role.DECISION_MAKER, relationship=3, last_contact=met),
        # high influence, weak; and an opponent with high influence, never met
        "hi": Person(
            name="Hugo",
            influence=Influence.HIGH,
            relationship=1,
            attitude=Attitude.OPPONENT,
        ),
        # medium influence: no relationship gap; met 91 days ago
        "md": Person(
            name="Mia",
            influence=Influence.MEDIUM,
            attitude=Attitude.OPPONENT,
            last_contact=TODAY - dt.timedelta(days=91),
        ),
    }
    assert coverage_gaps(plan, TODAY) == [
        PersonGap("dm", "weak", "decision maker, weak relationship (2/5)"),
        PersonGap("eb", "weak", "economic buyer, no relationship recorded"),
        PersonGap("hi", "weak", "high influence, weak relationship (1/5)"),
        PersonGap("hi", "hostile", "opponent with high influence"),
        PersonGap("hi", "silent", "never contacted"),
        PersonGap("md", "silent", "not contacted for 91 days"),
    ]
    # the review's sentences stay as they were: no weak relationships there
    assert relationship_gaps(plan, TODAY) == [
        "Hugo: opponent with high influence",
        "Hugo: never contacted",
        "Mia: not contacted for 91 days",
    ]
    # a later today makes everyone silent
    later = [
        g.person for g in coverage_gaps(plan, TODAY + dt.timedelta(days=1)) if g.kind == "silent"
    ]
    assert later == ["dm", "eb", "hi", "md", "ok"]


def test_removing_a_person_hands_their_reports_to_their_boss() -> None:
    plan = new_plan("acme", "Acme")
    plan.where_am_i.buying_centre = {
        "ceo": Person(name="Ceo"),
        "cto": Person(name="Cto", reports_to="ceo"),
        "dev": Person(name="Dev", reports_to="cto"),
        "qa": Person(name="Qa", reports_to="cto"),
    }
    remove_person(plan, "cto")
    people = plan.where_am_i.buying_centre
    assert list(people) == ["ceo", "dev", "qa"]
    assert people["dev"].reports_to == people["qa"].reports_to == "ceo"
    remove_person(plan, "ceo")
    assert people["dev"].reports_to == people["qa"].reports_to == ""
    remove_person(plan, "nobody")
    assert list(people) == ["dev", "qa"]


def test_set_reports_to_refuses_a_loop_or_an_unknown_id() -> None:
    plan = new_plan("acme", "Acme")
    plan.where_am_i.buying_centre = {
        "ceo": Person(name="Ceo"),
        "cto": Person(name="Cto", reports_to="ceo"),
    }
    people = plan.where_am_i.buying_centre
    assert not set_reports_to(plan, "ceo", "cto")
    assert not set_reports_to(plan, "ceo", "ceo")
    assert not set_reports_to(plan, "ceo", "gone")
    assert not set_reports_to(plan, "gone", "ceo")
    assert people["ceo"].reports_to == ""
    assert set_reports_to(plan, "cto", "")
    assert people["cto"].reports_to == ""
    assert set_reports_to(plan, "ceo", "cto")
    assert people["ceo"].reports_to == "cto"
