"""Edits that carry a rule: record ids, check-ins, status ↔ progress, unlinking, reviews.

"Today" is always pinned; an edited plan must still save and read back as the same plan.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY

from kamtui.plan.codec import dumps_plan
from kamtui.plan.edit import (
    PROGRESS_STEP,
    add_record,
    check_in,
    delete_objective,
    mark_reviewed,
    next_status,
    remove_check_in,
    set_progress,
    set_status,
    step_progress,
    toggle_status,
    working_copy,
)
from kamtui.plan.file import parse_plan
from kamtui.plan.model import Action, ActionStatus, Objective, Person, new_plan

D = dt.date
EARLIER = D(2026, 11, 2)
TODO, IN_PROGRESS, DONE = ActionStatus.TODO, ActionStatus.IN_PROGRESS, ActionStatus.DONE
BLOCKED, DROPPED = ActionStatus.BLOCKED, ActionStatus.DROPPED


def action(status: ActionStatus = TODO, progress: int = 0, completed: dt.date | None = None):
    return Action(title="Call the CFO", status=status, progress=progress, completed=completed)


# -- working copy ------------------------------------------------------------------------------


def test_working_copy_is_equal_but_deep(full_plan):
    plan = full_plan()
    before = copy.deepcopy(plan)
    work = working_copy(plan)
    assert work == plan
    assert work is not plan

    work.account.name = "Renamed"
    work.account.customer_ids.append("NEW")
    work.where_am_i.buying_centre["giulia-bianchi"].relationship = 5
    work.where_am_i.competitors["flexfilm"].strengths.append("new")
    work.where_am_i.swot.threats.clear()
    work.where_am_i.accessibility.economic.extra["gap_pct"] = 1.0
    work.where_to_go.objectives["grow-share"].checkins[TODAY] = 99
    work.how_to_get_there.actions["call-cfo"].status = DONE
    work.extra["meta"]["tier"] = 2
    del work.how_to_get_there.actions["old-idea"]

    assert plan == before
    assert plan.extra["meta"]["tier"] == 1
    assert work != plan


# -- record ids --------------------------------------------------------------------------------


def test_add_record_makes_a_slug_id():
    people: dict[str, Person] = {}
    giulia = Person(name="Giulia Bianchi")
    rid = add_record(people, "Giulia Bianchi", giulia, "person")
    assert rid == "giulia-bianchi"
    assert people == {"giulia-bianchi": giulia}
    assert people[rid] is giulia


def test_add_record_slug_of_awkward_names():
    actions: dict[str, Action] = {}
    assert add_record(actions, "Meet the CFO — re: 6% gap!", Action(), "action") == (
        "meet-the-cfo-re-6-gap"
    )
    assert add_record(actions, "Übergabe Straße", Action(), "action") == "ubergabe-strasse"


def test_add_record_on_collision_appends_a_number():
    objectives = {"grow-share": Objective(title="Grow share")}
    assert (
        add_record(objectives, "Grow share", Objective(title="Grow share"), "x") == "grow-share-2"
    )
    assert add_record(objectives, "grow SHARE", Objective(), "x") == "grow-share-3"
    assert list(objectives) == ["grow-share", "grow-share-2", "grow-share-3"]


def test_add_record_falls_back_for_names_with_no_letters():
    people: dict[str, Person] = {}
    assert add_record(people, "🙂", Person(name="🙂"), "person") == "person"
    assert add_record(people, "", Person(), "person") == "person-2"
    assert add_record(people, "!!!", Person(), "person") == "person-3"
    # Names in other scripts are transliterated (kamtui/text/slugs.py), not the fallback.
    assert add_record(people, "王伟", Person(name="王伟"), "person") == "wang-wei"
    assert add_record(people, "李娜", Person(name="李娜"), "person") == "li-na"


def test_add_record_never_renames_existing_records():
    records = {"a": Action(title="a")}
    first = records["a"]
    add_record(records, "a", Action(title="a again"), "action")
    assert records["a"] is first


# -- check-ins ---------------------------------------------------------------------------------


def test_check_in_keeps_history_sorted_and_current_follows_the_latest():
    o = Objective(title="o", current=None)
    check_in(o, D(2026, 10, 31), 23)
    check_in(o, D(2026, 6, 30), 20)
    check_in(o, D(2026, 11, 30), 24.5)
    assert list(o.checkins) == [D(2026, 6, 30), D(2026, 10, 31), D(2026, 11, 30)]
    assert o.checkins == {D(2026, 6, 30): 20, D(2026, 10, 31): 23, D(2026, 11, 30): 24.5}
    assert o.current == 24.5


def test_check_in_same_day_replaces():
    o = Objective(title="o")
    check_in(o, TODAY, 10)
    check_in(o, TODAY, 12)
    assert o.checkins == {TODAY: 12}
    assert o.current == 12


def test_back_dated_check_in_does_not_overwrite_a_newer_current():
    o = Objective(title="o")
    check_in(o, TODAY, 30)
    check_in(o, D(2026, 9, 1), 25)
    assert o.current == 30
    assert o.checkins == {D(2026, 9, 1): 25, TODAY: 30}
    # correcting the latest one does move current
    check_in(o, TODAY, 31)
    assert o.current == 31


def test_check_in_of_zero_counts():
    o = Objective(title="o", current=5)
    check_in(o, TODAY, 0)
    assert o.current == 0


def test_check_in_on_the_full_plan(full_plan):
    plan = full_plan()
    o = plan.where_to_go.objectives["grow-share"]
    check_in(o, D(2026, 12, 15), 26)
    assert o.current == 26
    assert list(o.checkins) == sorted(o.checkins)
    check_in(o, D(2026, 7, 31), 21)
    assert o.current == 26
    assert len(o.checkins) == 5


def test_remove_check_in_current_follows_the_latest_left():
    o = Objective(title="o")
    check_in(o, D(2026, 9, 1), 25)
    check_in(o, TODAY, 30)
    remove_check_in(o, TODAY)
    assert o.checkins == {D(2026, 9, 1): 25}
    assert o.current == 25


def test_remove_an_older_check_in_keeps_current():
    o = Objective(title="o")
    check_in(o, D(2026, 9, 1), 25)
    check_in(o, TODAY, 30)
    remove_check_in(o, D(2026, 9, 1))
    assert o.checkins == {TODAY: 30}
    assert o.current == 30


def test_remove_a_check_in_that_is_not_there_changes_nothing():
    o = Objective(title="o", current=7)
    check_in(o, TODAY, 30)
    remove_check_in(o, D(2020, 1, 1))
    assert o.checkins == {TODAY: 30}
    assert o.current == 30
    empty = Objective(title="e", current=7)
    remove_check_in(empty, TODAY)
    assert empty.checkins == {}
    assert empty.current == 7


# -- status and progress -----------------------------------------------------------------------


def test_done_sets_progress_100_and_completed_today():
    a = action(IN_PROGRESS, 40)
    set_status(a, DONE, TODAY)
    assert (a.status, a.progress, a.completed) == (DONE, 100, TODAY)


def test_done_keeps_an_earlier_completed_date():
    a = action(BLOCKED, 80, completed=EARLIER)
    set_status(a, DONE, TODAY)
    assert (a.status, a.progress, a.completed) == (DONE, 100, EARLIER)


def test_setting_the_same_status_changes_nothing():
    a = action(IN_PROGRESS, 40)
    set_status(a, IN_PROGRESS, TODAY)
    assert (a.status, a.progress, a.completed) == (IN_PROGRESS, 40, None)
    done = action(DONE, 100, completed=EARLIER)
    set_status(done, DONE, TODAY)
    assert done.completed == EARLIER


@pytest.mark.parametrize(
    ("status", "progress"), [(TODO, 0), (IN_PROGRESS, 90), (BLOCKED, 100), (DROPPED, 100)]
)
def test_leaving_done_clears_completed(status, progress):
    a = action(DONE, 100, completed=EARLIER)
    set_status(a, status, TODAY)
    assert (a.status, a.progress, a.completed) == (status, progress, None)


@pytest.mark.parametrize("start", [IN_PROGRESS, BLOCKED, DROPPED])
def test_todo_resets_progress(start):
    a = action(start, 60)
    set_status(a, TODO, TODAY)
    assert (a.status, a.progress) == (TODO, 0)


def test_in_progress_keeps_progress_below_100():
    a = action(BLOCKED, 30)
    set_status(a, IN_PROGRESS, TODAY)
    assert (a.status, a.progress) == (IN_PROGRESS, 30)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (TODO, IN_PROGRESS),
        (IN_PROGRESS, DONE),
        (DONE, TODO),
        (BLOCKED, IN_PROGRESS),
        (DROPPED, IN_PROGRESS),
    ],
)
def test_next_status(start, expected):
    a = action(start, 100 if start is DONE else 20, completed=EARLIER if start is DONE else None)
    next_status(a, TODAY)
    assert a.status is expected


def test_next_status_full_cycle_keeps_the_rules():
    a = action(TODO, 0)
    next_status(a, TODAY)
    assert (a.status, a.progress, a.completed) == (IN_PROGRESS, 0, None)
    next_status(a, TODAY)
    assert (a.status, a.progress, a.completed) == (DONE, 100, TODAY)
    next_status(a, TODAY)
    assert (a.status, a.progress, a.completed) == (TODO, 0, None)


@pytest.mark.parametrize("status", [BLOCKED, DROPPED])
def test_toggle_status_sets_then_returns_to_in_progress(status):
    a = action(IN_PROGRESS, 40)
    toggle_status(a, status, TODAY)
    assert (a.status, a.progress) == (status, 40)
    toggle_status(a, status, TODAY)
    assert (a.status, a.progress) == (IN_PROGRESS, 40)


def test_toggle_blocked_on_a_done_action():
    a = action(DONE, 100, completed=EARLIER)
    toggle_status(a, BLOCKED, TODAY)
    assert (a.status, a.completed) == (BLOCKED, None)
    toggle_status(a, BLOCKED, TODAY)
    assert (a.status, a.progress) == (IN_PROGRESS, 90)


def test_toggle_from_blocked_to_dropped():
    a = action(BLOCKED, 40)
    toggle_status(a, DROPPED, TODAY)
    assert a.status is DROPPED


def test_progress_100_finishes():
    a = action(IN_PROGRESS, 40)
    set_progress(a, 100, TODAY)
    assert (a.status, a.progress, a.completed) == (DONE, 100, TODAY)
    b = action(TODO, 0)
    set_progress(b, 150, TODAY)  # clamped
    assert (b.status, b.progress, b.completed) == (DONE, 100, TODAY)


def test_progress_on_todo_starts_it():
    a = action(TODO, 0)
    set_progress(a, 30, TODAY)
    assert (a.status, a.progress) == (IN_PROGRESS, 30)


def test_zero_progress_leaves_todo_alone():
    a = action(TODO, 0)
    set_progress(a, 0, TODAY)
    assert (a.status, a.progress) == (TODO, 0)


def test_progress_below_100_reopens_a_done_action():
    a = action(DONE, 100, completed=EARLIER)
    set_progress(a, 70, TODAY)
    assert (a.status, a.progress, a.completed) == (IN_PROGRESS, 70, None)


@pytest.mark.parametrize("status", [BLOCKED, DROPPED])
def test_progress_keeps_blocked_and_dropped(status):
    a = action(status, 20)
    set_progress(a, 50, TODAY)
    assert (a.status, a.progress) == (status, 50)


def test_negative_progress_is_clamped_to_zero():
    a = action(IN_PROGRESS, 40)
    set_progress(a, -30, TODAY)
    assert (a.status, a.progress) == (IN_PROGRESS, 0)


@pytest.mark.parametrize(
    ("progress", "steps", "expected"),
    [
        (43, 1, 50),
        (43, -1, 40),
        (40, 1, 50),
        (40, -1, 30),
        (43, 2, 60),
        (43, -2, 30),
        (0, 1, 10),
        (5, -1, 0),
        (10, -1, 0),
        (0, -1, 0),  # clamped at 0
        (0, -5, 0),
        (89, 1, 90),
        (91, -1, 90),
    ],
)
def test_step_progress_snaps_to_the_grid(progress, steps, expected):
    a = action(IN_PROGRESS, progress)
    step_progress(a, steps, TODAY)
    assert a.progress == expected
    assert a.status is IN_PROGRESS


def test_step_progress_up_to_100_finishes_and_clamps():
    a = action(IN_PROGRESS, 95)
    step_progress(a, 1, TODAY)
    assert (a.status, a.progress, a.completed) == (DONE, 100, TODAY)
    step_progress(a, 3, TODAY)  # clamped at 100, still done, same date
    assert (a.status, a.progress, a.completed) == (DONE, 100, TODAY)


def test_step_progress_down_from_done_reopens():
    a = action(DONE, 100, completed=EARLIER)
    step_progress(a, -1, TODAY)
    assert (a.status, a.progress, a.completed) == (IN_PROGRESS, 100 - PROGRESS_STEP, None)


def test_step_progress_up_starts_a_todo():
    a = action(TODO, 0)
    step_progress(a, 1, TODAY)
    assert (a.status, a.progress) == (IN_PROGRESS, 10)


def test_step_progress_down_to_zero_keeps_in_progress():
    a = action(IN_PROGRESS, 10)
    step_progress(a, -1, TODAY)
    assert (a.status, a.progress) == (IN_PROGRESS, 0)


# -- objectives and reviews --------------------------------------------------------------------


def test_delete_objective_unlinks_its_actions(full_plan):
    plan = full_plan()
    actions_before = set(plan.how_to_get_there.actions)
    unlinked = delete_objective(plan, "grow-share")
    assert unlinked == ["call-cfo", "bari-trial"]
    assert "grow-share" not in plan.where_to_go.objectives
    assert set(plan.how_to_get_there.actions) == actions_before  # none deleted
    for aid in unlinked:
        assert plan.how_to_get_there.actions[aid].objective == ""
    assert plan.how_to_get_there.actions["waste-audit"].objective == "cut-waste"
    assert plan.how_to_get_there.actions["scorecard"].objective == "strategic-partner"


def test_delete_objective_without_actions_or_unknown(full_plan):
    plan = full_plan()
    plan.how_to_get_there.actions["scorecard"].objective = ""
    assert delete_objective(plan, "strategic-partner") == []
    before = copy.deepcopy(plan)
    assert delete_objective(plan, "no-such-objective") == []
    assert plan == before


def test_mark_reviewed(full_plan):
    plan = full_plan()
    mark_reviewed(plan, TODAY)
    assert plan.account.last_review == TODAY
    fresh = new_plan("acme", "Acme")
    assert fresh.account.last_review is None
    mark_reviewed(fresh, TODAY)
    assert fresh.account.last_review == TODAY


# -- an edited plan still saves ----------------------------------------------------------------


def _read_back(text: str, plan_id: str):
    lp = parse_plan(text.encode("utf-8"), Path(f"{plan_id}.toml"))
    assert lp.problems == []
    return lp.plan


def test_edited_plan_encodes_and_decodes_to_the_same_plan(full_plan):
    original = full_plan()
    plan = working_copy(original)
    add_record(plan.where_am_i.buying_centre, "Anna Verdi", Person(name="Anna Verdi"), "person")
    oid = add_record(
        plan.where_to_go.objectives,
        "Win the Bari tender",
        Objective(title="Win the Bari tender", target=1, baseline=0),
        "objective",
    )
    aid = add_record(
        plan.how_to_get_there.actions,
        "Prepare the Bari offer",
        Action(title="Prepare the Bari offer", objective=oid),
        "action",
    )
    check_in(plan.where_to_go.objectives["grow-share"], D(2026, 12, 15), 26.5)
    check_in(plan.where_to_go.objectives["cut-waste"], D(2026, 7, 1), 1190)
    remove_check_in(plan.where_to_go.objectives["cut-waste"], D(2026, 9, 30))
    check_in(plan.where_to_go.objectives[oid], TODAY, 0)
    actions = plan.how_to_get_there.actions
    set_status(actions["call-cfo"], DONE, TODAY)
    step_progress(actions["bari-trial"], 1, TODAY)
    toggle_status(actions["scorecard"], BLOCKED, TODAY)
    next_status(actions["waste-audit"], TODAY)
    set_progress(actions[aid], 43, TODAY)
    delete_objective(plan, "strategic-partner")
    mark_reviewed(plan, TODAY)

    text = dumps_plan(plan)
    back = _read_back(text, plan.id)
    assert back == plan
    assert dumps_plan(back) == text
    assert original == full_plan()  # the loaded plan is untouched
    assert back.how_to_get_there.actions["call-cfo"].completed == TODAY
    assert list(back.where_to_go.objectives["grow-share"].checkins) == sorted(
        back.where_to_go.objectives["grow-share"].checkins
    )


def test_new_plan_with_edits_round_trips():
    plan = new_plan("acme", "Acme")
    oid = add_record(plan.where_to_go.objectives, "Grow", Objective(title="Grow"), "objective")
    check_in(plan.where_to_go.objectives[oid], TODAY, 3)
    aid = add_record(plan.how_to_get_there.actions, "Act", Action(title="Act"), "action")
    next_status(plan.how_to_get_there.actions[aid], TODAY)
    assert _read_back(dumps_plan(plan), plan.id) == plan
