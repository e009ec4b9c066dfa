"""The guided walk-through: prompts in order, resuming at the first one without an answer."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kamtui.plan.model import (
    Action,
    Competitor,
    Objective,
    Person,
    Rating,
    RelationshipLevel,
    Swot,
    new_plan,
)
from kamtui.plan.walkthrough import (
    PROMPTS,
    STEP_TITLES,
    Prompt,
    answered_count,
    first_open,
)


def fresh():
    return new_plan("acme", "Acme", today=dt.date(2026, 11, 30))


def prompt(path: str) -> Prompt:
    return next(p for p in PROMPTS if p.path == path)


def answer(plan, p: Prompt) -> None:
    """Give prompt *p* a minimal answer, the way the walk-through would."""
    *parents, last = p.path.split(".")
    obj = plan
    for part in parents:
        obj = getattr(obj, part)
    if p.kind == "text":
        setattr(obj, last, "An answer.")
    elif p.kind == "enum":
        setattr(obj, last, RelationshipLevel.VENDOR)
    elif p.kind == "rating":
        getattr(obj, last).rating = 3
    elif p.kind == "strings":
        setattr(obj, last, ["one"])
    elif p.kind == "records":
        record = {
            "buying_centre": Person(name="Anna"),
            "competitors": Competitor(name="Rival"),
            "objectives": Objective(title="Grow"),
            "actions": Action(title="Call"),
        }[last]
        getattr(obj, last)["x"] = record
    else:  # pragma: no cover
        raise AssertionError(p.kind)


# -- the prompts -------------------------------------------------------------------------------


def test_first_open_on_a_new_plan_is_the_first_prompt():
    assert first_open(fresh()) == 0
    assert answered_count(fresh()) == 0


def test_first_open_on_a_full_plan_is_past_the_end(full_plan):
    plan = full_plan()
    assert first_open(plan) == len(PROMPTS)
    assert answered_count(plan) == len(PROMPTS)


def test_filling_prompts_in_order_advances_first_open():
    plan = fresh()
    for i, p in enumerate(PROMPTS):
        assert first_open(plan) == i
        assert answered_count(plan) == i
        assert not p.answered(plan)
        answer(plan, p)
        assert p.answered(plan)
    assert first_open(plan) == len(PROMPTS)
    assert answered_count(plan) == len(PROMPTS)


def test_first_open_resumes_at_a_gap(full_plan):
    plan = full_plan()
    plan.where_am_i.competitors.clear()
    plan.how_to_get_there.strategy = ""
    assert first_open(plan) == PROMPTS.index(prompt("where_am_i.competitors"))
    assert answered_count(plan) == len(PROMPTS) - 2


def test_answers_out_of_order_count_but_first_open_stays():
    plan = fresh()
    answer(plan, PROMPTS[-1])
    answer(plan, PROMPTS[3])
    assert first_open(plan) == 0
    assert answered_count(plan) == 2


@pytest.mark.parametrize("p", PROMPTS, ids=lambda p: p.path)
def test_every_path_resolves_on_a_new_plan(p):
    plan = fresh()
    value = p.get(plan)  # raises AttributeError on a wrong path
    if p.kind == "text":
        assert value == ""
    elif p.kind == "rating":
        assert isinstance(value, Rating)
    elif p.kind == "strings":
        assert value == []
    elif p.kind == "records":
        assert value == {}
    elif p.kind == "enum":
        assert value is None


def test_prompts_are_well_formed():
    assert {p.kind for p in PROMPTS} == {"text", "enum", "rating", "strings", "records"}
    assert len({p.path for p in PROMPTS}) == len(PROMPTS)
    steps = [p.step for p in PROMPTS]
    assert steps == sorted(steps)
    assert set(steps) == {1, 2, 3}
    assert len(STEP_TITLES) == 3
    for p in PROMPTS:
        assert p.title and p.question
        assert p.path.split(".")[0] == ("where_am_i", "where_to_go", "how_to_get_there")[p.step - 1]


def test_get_follows_the_path(full_plan):
    plan = full_plan()
    assert prompt("where_am_i.accessibility.economic").get(plan) is (
        plan.where_am_i.accessibility.economic
    )
    assert prompt("where_am_i.swot.threats").get(plan) is plan.where_am_i.swot.threats
    assert prompt("how_to_get_there.actions").get(plan) is plan.how_to_get_there.actions


# -- what counts as an answer ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", False), ("   ", False), ("\n\t \n", False), ("x", True), ("  Packaging  ", True)],
)
def test_text_answered(value, expected):
    plan = fresh()
    plan.where_am_i.business = value
    assert prompt("where_am_i.business").answered(plan) is expected


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        (Rating(), False),
        (Rating(note="No idea yet, but a long note."), False),  # a note alone is not a rating
        (Rating(rating=1), True),
        (Rating(rating=5, note="Direct."), True),
    ],
)
def test_rating_needs_a_number(rating, expected):
    plan = fresh()
    plan.where_am_i.accessibility.technical = rating
    assert prompt("where_am_i.accessibility.technical").answered(plan) is expected


def test_enum_answered():
    plan = fresh()
    p = prompt("where_am_i.relationship_level")
    assert not p.answered(plan)
    plan.where_am_i.relationship_level = RelationshipLevel.VENDOR
    assert p.answered(plan)


@pytest.mark.parametrize(("items", "expected"), [([], False), (["Price gap"], True)])
def test_strings_answered(items, expected):
    plan = fresh()
    plan.where_am_i.swot = dataclasses.replace(Swot(), weaknesses=items)
    assert prompt("where_am_i.swot.weaknesses").answered(plan) is expected


def test_records_answered():
    plan = fresh()
    p = prompt("where_to_go.objectives")
    assert not p.answered(plan)
    plan.where_to_go.objectives["grow"] = Objective(title="Grow")
    assert p.answered(plan)
    plan.where_to_go.objectives.clear()
    assert not p.answered(plan)


def test_answered_count_counts_each_kind(full_plan):
    plan = full_plan()
    plan.where_am_i.business = "  "
    plan.where_am_i.relationship_level = None
    plan.where_am_i.accessibility.commercial = Rating(note="kept")
    plan.where_am_i.swot.threats = []
    plan.how_to_get_there.actions = {}
    assert answered_count(plan) == len(PROMPTS) - 5
    assert first_open(plan) == 0
