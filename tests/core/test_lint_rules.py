"""The content lint of ``kamtui check`` (kamtui/lint/): each rule fires at the line and column
of the offending value (or the record's table header when the value is missing), and stays
silent on a healthy plan. "Today" is always given: never the real date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY, make_full_plan

from kamtui.lint import codes
from kamtui.lint.codes import Selection
from kamtui.lint.report import Reported, check
from kamtui.lint.rules import RULES, lint_plan
from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import read_plan
from kamtui.plan.model import (
    Account,
    AccountPlan,
    Action,
    ActionStatus,
    Attitude,
    HowToGetThere,
    Influence,
    Objective,
    Person,
    Role,
    Segment,
    WhereAmI,
    WhereToGo,
)


def healthy() -> AccountPlan:
    """A plan with nothing for the lint to say as of TODAY."""
    return AccountPlan(
        id="acme",
        account=Account(
            name="Acme Packaging",
            segment=Segment.A,
            review_every_days=30,
            last_review=dt.date(2026, 11, 2),
        ),
        where_am_i=WhereAmI(
            buying_centre={
                "eva": Person(name="Eva Conti", role=Role.INFLUENCER),
                "ugo": Person(name="Ugo Neri", role=Role.DECISION_MAKER, relationship=3),
            }
        ),
        where_to_go=WhereToGo(
            objectives={
                "grow": Objective(
                    title="Grow revenue",
                    baseline=100,
                    target=200,
                    current=150,
                    checkins={dt.date(2026, 6, 30): 120, dt.date(2026, 9, 30): 150},
                ),
                "reached": Objective(title="Reached", baseline=0, target=10, current=10),
            }
        ),
        how_to_get_there=HowToGetThere(
            actions={
                "call": Action(
                    title="Call the CFO",
                    objective="grow",
                    due=dt.date(2026, 11, 10),  # 20 days late: late, not forgotten
                    status=ActionStatus.IN_PROGRESS,
                    progress=40,
                ),
                "audit": Action(
                    title="Audit",
                    objective="grow",
                    due=dt.date(2026, 9, 1),
                    status=ActionStatus.DONE,
                    progress=100,
                    completed=dt.date(2026, 9, 3),
                ),
                "stuck": Action(
                    title="Stuck", due=dt.date(2026, 6, 1), status=ActionStatus.BLOCKED
                ),
                "gone": Action(title="Gone", due=dt.date(2026, 6, 1), status=ActionStatus.DROPPED),
            }
        ),
    )


def lint(
    tmp_path: Path, plan: AccountPlan, today: dt.date = TODAY
) -> tuple[str, list[tuple[str, int | None, int | None]]]:
    """The plan's text and its warnings as (code, line, column), as ``check`` locates them."""
    path = tmp_path / f"{plan.id}.toml"
    path.write_text(dumps_plan(plan), encoding="utf-8")
    report = check([read_plan(path)], [], today)
    lines = list(report.lines())
    assert all(r.problem.path == path and not r.problem.is_error for r in lines)
    return path.read_text(encoding="utf-8"), [
        (r.code or "", r.problem.line, r.problem.column) for r in lines
    ]


def value_at(text: str, table: str, key: str) -> tuple[str, int, int]:
    """Where the value of *key* in ``[table]`` starts (the way an editor counts)."""
    lines = text.split("\n")
    start = lines.index(f"[{table}]")
    for n in range(start + 1, len(lines)):
        if lines[n].startswith(f"{key} = "):
            return key, n + 1, len(f"{key} = ") + 1
    raise AssertionError(f"no {key} in [{table}]")


def key_at(text: str, table: str, key: str) -> tuple[str, int, int]:
    lines = text.split("\n")
    start = lines.index(f"[{table}]")
    for n in range(start + 1, len(lines)):
        if lines[n].startswith(f"{key} = "):
            return key, n + 1, 1
    raise AssertionError(f"no {key} in [{table}]")


def header_at(text: str, table: str) -> tuple[str, int, int]:
    """Where ``[table]`` is (its name, just after the bracket)."""
    return table, text.split("\n").index(f"[{table}]") + 1, 2


def test_a_healthy_plan_has_nothing_to_report(tmp_path: Path) -> None:
    _, found = lint(tmp_path, healthy())
    assert found == []
    assert lint_plan(healthy(), TODAY) == []


def test_the_full_plan_of_the_suite_is_healthy_too() -> None:
    """The rich plan of tests/conftest.py, with every field filled, is consistent: the one
    thing to say is that we hardly know its economic buyer (relationship 1 of 5)."""
    assert [(f.code, f.key) for f in lint_plan(make_full_plan(), TODAY)] == [
        (
            codes.NO_RELATIONSHIP_WITH_POWER,
            ("where_am_i", "buying_centre", "nicola-conti", "relationship"),
        )
    ]


# -- the account --------------------------------------------------------------------------------


def test_review_overdue_points_at_last_review(tmp_path: Path) -> None:
    plan = healthy()
    plan.account.last_review = dt.date(2026, 10, 1)  # due 2026-10-31, 30 days before TODAY
    text, found = lint(tmp_path, plan)
    _, line, col = value_at(text, "account", "last_review")
    assert found == [(codes.REVIEW_OVERDUE, line, col)]
    (finding,) = lint_plan(plan, TODAY)
    assert "30 days overdue" in finding.message and "due 2026-10-31" in finding.message


def test_review_due_today_is_not_overdue_yet(tmp_path: Path) -> None:
    plan = healthy()
    plan.account.last_review = TODAY - dt.timedelta(days=30)
    assert lint_plan(plan, TODAY) == []
    assert [f.code for f in lint_plan(plan, TODAY + dt.timedelta(days=1))] == [codes.REVIEW_OVERDUE]


def test_review_follows_the_account_cadence() -> None:
    plan = healthy()
    plan.account.last_review = dt.date(2026, 10, 1)
    plan.account.review_every_days = 90
    assert lint_plan(plan, TODAY) == []


def test_a_plan_never_reviewed_has_no_review_due() -> None:
    plan = healthy()
    plan.account.last_review = None
    assert lint_plan(plan, TODAY) == []


# -- 1. Where am I? -------------------------------------------------------------------------------


@pytest.mark.parametrize("segment", [Segment.A, Segment.B])
def test_a_key_account_without_a_decision_maker(tmp_path: Path, segment: Segment) -> None:
    plan = healthy()
    plan.account.segment = segment
    del plan.where_am_i.buying_centre["ugo"]
    text, found = lint(tmp_path, plan)
    _, line, col = header_at(text, "where_am_i.buying_centre.eva")
    assert found == [(codes.NO_DECISION_MAKER, line, col)]
    (finding,) = lint_plan(plan, TODAY)
    assert f"class {segment} account" in finding.message


def test_no_buying_centre_at_all_points_at_where_am_i(tmp_path: Path) -> None:
    plan = healthy()
    plan.where_am_i.buying_centre.clear()
    text, found = lint(tmp_path, plan)
    assert found == [(codes.NO_DECISION_MAKER, *header_at(text, "where_am_i")[1:])]


def test_the_economic_buyer_decides_too() -> None:
    plan = healthy()
    plan.where_am_i.buying_centre["ugo"].role = Role.ECONOMIC_BUYER
    assert lint_plan(plan, TODAY) == []


@pytest.mark.parametrize("segment", [Segment.C, None])
def test_c_and_unclassified_accounts_need_no_decision_maker(segment: Segment | None) -> None:
    plan = healthy()
    plan.account.segment = segment
    plan.where_am_i.buying_centre.clear()
    assert lint_plan(plan, TODAY) == []


@pytest.mark.parametrize("segment", [Segment.A, Segment.B])
@pytest.mark.parametrize("strength", [1, 2])
def test_a_decision_maker_we_hardly_know(tmp_path: Path, segment: Segment, strength: int) -> None:
    plan = healthy()
    plan.account.segment = segment
    plan.where_am_i.buying_centre["ugo"].relationship = strength
    text, found = lint(tmp_path, plan)
    _, line, col = value_at(text, "where_am_i.buying_centre.ugo", "relationship")
    assert found == [(codes.NO_RELATIONSHIP_WITH_POWER, line, col)]
    (finding,) = lint_plan(plan, TODAY)
    assert finding.message.startswith(
        f"person 'Ugo Neri': decision maker, weak relationship ({strength}/5), "
        f"in a class {segment} account"
    )


def test_no_relationship_recorded_points_at_the_person(tmp_path: Path) -> None:
    plan = healthy()
    plan.where_am_i.buying_centre["ugo"].relationship = None
    text, found = lint(tmp_path, plan)
    assert found == [
        (codes.NO_RELATIONSHIP_WITH_POWER, *header_at(text, "where_am_i.buying_centre.ugo")[1:])
    ]
    (finding,) = lint_plan(plan, TODAY)
    assert "decision maker, no relationship recorded" in finding.message


def test_high_influence_and_the_economic_buyer_have_power_too() -> None:
    plan = healthy()
    people = plan.where_am_i.buying_centre
    people["eva"].influence = Influence.HIGH
    people["ugo"].role = Role.ECONOMIC_BUYER
    people["ugo"].relationship = 1
    found = [(f.key[2], f.message) for f in lint_plan(plan, TODAY)]
    assert [(pid, msg.split(", in a")[0]) for pid, msg in found] == [
        ("eva", "person 'Eva Conti': high influence, no relationship recorded"),
        ("ugo", "person 'Ugo Neri': economic buyer, weak relationship (1/5)"),
    ]


def test_a_relationship_of_3_is_enough_and_influence_alone_is_no_power() -> None:
    plan = healthy()
    people = plan.where_am_i.buying_centre
    people["ugo"].relationship = 3
    people["eva"].influence = Influence.MEDIUM  # an influencer we do not know: no warning
    people["eva"].relationship = 1
    assert lint_plan(plan, TODAY) == []
    people["eva"].influence = Influence.HIGH
    assert [f.code for f in lint_plan(plan, TODAY)] == [codes.NO_RELATIONSHIP_WITH_POWER]
    people["eva"].relationship = 3
    assert lint_plan(plan, TODAY) == []


@pytest.mark.parametrize("segment", [Segment.C, None])
def test_c_and_unclassified_accounts_may_hardly_know_who_decides(segment: Segment | None) -> None:
    plan = healthy()
    plan.account.segment = segment
    plan.where_am_i.buying_centre["ugo"].relationship = 1
    assert lint_plan(plan, TODAY) == []
    plan.account.segment = Segment.B
    assert [f.code for f in lint_plan(plan, TODAY)] == [codes.NO_RELATIONSHIP_WITH_POWER]


def test_hostile_and_silent_people_are_no_lint_warning() -> None:
    """An opponent with high influence, or a person not met for months, is the state of the
    account, not a fault of the plan: the review and the org chart list them."""
    plan = healthy()
    ugo = plan.where_am_i.buying_centre["ugo"]
    ugo.attitude = Attitude.OPPONENT
    ugo.influence = Influence.HIGH
    ugo.last_contact = TODAY - dt.timedelta(days=400)
    assert lint_plan(plan, TODAY) == []


# -- 2. Where do I want to go? -------------------------------------------------------------------


def test_an_open_objective_not_checked_in_for_90_days(tmp_path: Path) -> None:
    plan = healthy()
    plan.where_to_go.objectives["grow"].checkins = {
        dt.date(2026, 3, 31): 110,
        dt.date(2026, 8, 31): 150,  # 91 days before TODAY
    }
    text, found = lint(tmp_path, plan)
    line = text.split("\n").index("2026-08-31 = 150") + 1
    assert found == [(codes.OBJECTIVE_NOT_CHECKED_IN, line, 1)]
    (finding,) = lint_plan(plan, TODAY)
    assert "no check-in for 91 days (last 2026-08-31)" in finding.message


def test_90_days_is_not_more_than_90() -> None:
    plan = healthy()
    plan.where_to_go.objectives["grow"].checkins = {TODAY - dt.timedelta(days=90): 150}
    assert lint_plan(plan, TODAY) == []


def test_a_reached_objective_needs_no_check_in() -> None:
    plan = healthy()
    grow = plan.where_to_go.objectives["grow"]
    grow.checkins, grow.current = {dt.date(2025, 1, 31): 200}, 200
    assert lint_plan(plan, TODAY) == []


def test_an_objective_without_any_check_in_is_not_flagged() -> None:
    """Nothing says since when it has gone unmeasured (docs/lint.md, KAM301)."""
    plan = healthy()
    plan.where_to_go.objectives["grow"].checkins = {}
    assert lint_plan(plan, TODAY) == []


def test_an_open_objective_that_no_action_serves(tmp_path: Path) -> None:
    plan = healthy()
    plan.how_to_get_there.actions["call"].objective = ""
    audit = plan.how_to_get_there.actions["audit"]
    audit.status, audit.progress, audit.completed = ActionStatus.DROPPED, 0, None  # no count
    text, found = lint(tmp_path, plan)
    _, line, col = header_at(text, "where_to_go.objectives.grow")
    assert found == [(codes.OBJECTIVE_WITHOUT_ACTION, line, col)]
    assert 'objective = "grow"' in lint_plan(plan, TODAY)[0].message


def test_a_done_action_serves_its_objective() -> None:
    plan = healthy()
    plan.how_to_get_there.actions["call"].objective = ""
    assert lint_plan(plan, TODAY) == []  # "audit" (done) still serves "grow"


# -- 3. How do I get there? ---------------------------------------------------------------------


def test_done_with_progress_under_100(tmp_path: Path) -> None:
    plan = healthy()
    plan.how_to_get_there.actions["audit"].progress = 60
    text, found = lint(tmp_path, plan)
    _, line, col = value_at(text, "how_to_get_there.actions.audit", "progress")
    assert found == [(codes.DONE_BELOW_100, line, col)]
    assert "progress is 60%" in lint_plan(plan, TODAY)[0].message


def test_done_without_a_completion_date_points_at_the_action(tmp_path: Path) -> None:
    plan = healthy()
    plan.how_to_get_there.actions["audit"].completed = None
    text, found = lint(tmp_path, plan)
    _, line, col = header_at(text, "how_to_get_there.actions.audit")
    assert found == [(codes.DONE_WITHOUT_DATE, line, col)]


def test_done_at_60_without_a_date_is_two_warnings(tmp_path: Path) -> None:
    plan = healthy()
    audit = plan.how_to_get_there.actions["audit"]
    audit.progress, audit.completed = 60, None
    text, found = lint(tmp_path, plan)
    assert (
        found
        == [  # in the order of the file
            (codes.DONE_WITHOUT_DATE, *header_at(text, "how_to_get_there.actions.audit")[1:]),
            (
                codes.DONE_BELOW_100,
                *value_at(text, "how_to_get_there.actions.audit", "progress")[1:],
            ),
        ]
    )


@pytest.mark.parametrize(
    "status",
    [ActionStatus.TODO, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED, ActionStatus.DROPPED],
)
def test_100_percent_but_not_done(tmp_path: Path, status: ActionStatus) -> None:
    plan = healthy()
    call = plan.how_to_get_there.actions["call"]
    call.status, call.progress, call.due = status, 100, TODAY
    text, found = lint(tmp_path, plan)
    _, line, col = value_at(text, "how_to_get_there.actions.call", "status")
    assert (codes.COMPLETE_NOT_DONE, line, col) in found
    assert f"its status is {status.value}" in lint_plan(plan, TODAY)[0].message


@pytest.mark.parametrize("status", [ActionStatus.TODO, ActionStatus.IN_PROGRESS])
def test_overdue_by_more_than_30_days(tmp_path: Path, status: ActionStatus) -> None:
    plan = healthy()
    call = plan.how_to_get_there.actions["call"]
    call.status, call.due = status, TODAY - dt.timedelta(days=31)
    text, found = lint(tmp_path, plan)
    _, line, col = value_at(text, "how_to_get_there.actions.call", "due")
    assert found == [(codes.LONG_OVERDUE, line, col)]
    assert "31 days overdue (due 2026-10-30" in lint_plan(plan, TODAY)[0].message


def test_overdue_by_30_days_is_only_late() -> None:
    plan = healthy()
    plan.how_to_get_there.actions["call"].due = TODAY - dt.timedelta(days=30)
    assert lint_plan(plan, TODAY) == []


@pytest.mark.parametrize("status", [ActionStatus.BLOCKED, ActionStatus.DROPPED])
def test_blocked_and_dropped_actions_are_never_overdue(status: ActionStatus) -> None:
    plan = healthy()
    call = plan.how_to_get_there.actions["call"]
    call.status, call.due = status, dt.date(2025, 1, 1)
    assert lint_plan(plan, TODAY) == []


def test_the_day_matters(tmp_path: Path) -> None:
    """The same plan, a month later: the review is overdue, the call forgotten, the last
    check-in (2026-09-30) a quarter old."""
    later = TODAY + dt.timedelta(days=31)
    _, found = lint(tmp_path, healthy(), later)
    assert [code for code, _, _ in found] == [
        codes.REVIEW_OVERDUE,
        codes.OBJECTIVE_NOT_CHECKED_IN,
        codes.LONG_OVERDUE,
    ]


# -- the rules as a whole -----------------------------------------------------------------------


def test_every_plan_rule_has_a_code_and_every_code_one_source() -> None:
    reading = {c for c in codes.CODES if c.startswith("KAM0")}
    workspace = {codes.SAME_ACCOUNT_NAME, codes.STRAY_OFFERING}  # need more than the plan
    assert set(RULES) | reading | workspace == set(codes.CODES)


def test_selection_runs_only_the_selected_rules() -> None:
    plan = healthy()
    plan.how_to_get_there.actions["audit"].progress = 60
    plan.account.last_review = dt.date(2026, 1, 1)
    both = {f.code for f in lint_plan(plan, TODAY)}
    assert both == {codes.DONE_BELOW_100, codes.REVIEW_OVERDUE}
    only = Selection(select=frozenset({codes.DONE_BELOW_100}))
    assert [f.code for f in lint_plan(plan, TODAY, only)] == [codes.DONE_BELOW_100]
    ignored = Selection(ignore=frozenset({codes.DONE_BELOW_100}))
    assert [f.code for f in lint_plan(plan, TODAY, ignored)] == [codes.REVIEW_OVERDUE]


def test_a_broken_plan_is_not_linted(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('schema = 1\n[account]\nname = "Bad"\nsegment = "Z"\n', encoding="utf-8")
    report = check([read_plan(path)], [], TODAY)
    assert [(r.problem.is_error, r.code) for r in report.lines()] == [(True, None)]


def test_titles_are_shown_on_one_line() -> None:
    plan = healthy()
    plan.how_to_get_there.actions["audit"].progress = 60
    plan.how_to_get_there.actions["audit"].title = "Audit \x1b[2J now"
    (finding,) = lint_plan(plan, TODAY)
    assert "\x1b" not in finding.message


def test_a_reported_line_ends_with_its_code() -> None:
    from kamtui.plan.diagnostics import Problem, Severity

    problem = Problem(Path("a.toml"), "something", 3, 7, Severity.WARNING)
    assert Reported(problem, "KAM401").format() == "a.toml:3:7: warning: something [KAM401]"
    assert Reported(Problem(Path("a.toml"), "bad", 1, 1)).format() == "a.toml:1:1: error: bad"
