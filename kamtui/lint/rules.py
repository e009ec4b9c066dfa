"""The rules about one plan: what a key account manager would want pointed out in it.

Each rule is a function of the plan and "today" that yields :class:`Finding` objects; it reads
the plan only (no text, no positions), so ``kamtui check`` can run every rule on every plan.
The loops compare with module constants and cut-off dates (an enum member looked up on its
class, or a date subtracted, costs several times a comparison, and ``bench/bench_check.py``
runs them over 10,000 actions). The figures come from kamtui/plan/metrics.py, so the lint says
what the dashboard and the review say: an action is overdue, a review is due, an objective is
open (not reached, kamtui/plan/review.py) in the same sense. docs/lint.md says why each rule
matters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from kamtui.lint import codes
from kamtui.lint.codes import Selection
from kamtui.lint.finding import Finding
from kamtui.plan import metrics
from kamtui.plan.model import AccountPlan, ActionStatus, Objective, Segment
from kamtui.text.format import format_count
from kamtui.text.i18n import gettext as _
from kamtui.text.i18n import ngettext
from kamtui.text.safety import one_line

Rule = Callable[[AccountPlan, dt.date], Iterator[Finding]]

CHECKIN_STALE_DAYS = 90
"""An open objective should be measured at least this often (about a quarter)."""
OVERDUE_GRACE_DAYS = 30
"""An action overdue by more than this is no longer late: it is forgotten."""
KEY_SEGMENTS = frozenset({Segment.A, Segment.B})
"""The accounts that must know who decides: A (never cut their service), B (probe them)."""

DONE, DROPPED, BLOCKED = ActionStatus.DONE, ActionStatus.DROPPED, ActionStatus.BLOCKED
NOT_LATE = frozenset({DONE, DROPPED, BLOCKED})
"""An action in one of these states is not overdue, however old its due date."""
DECIDERS = metrics.DECIDERS

ACTIONS = ("how_to_get_there", "actions")
OBJECTIVES = ("where_to_go", "objectives")


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=format_count(n))


def _title(text: str, fallback: str) -> str:
    return one_line(text or fallback)


def _is_open(objective: Objective) -> bool:
    """Not reached yet (or not measurable yet), as the review asks about it."""
    reached = metrics.attainment(objective)
    return reached is None or reached < 1.0


# -- the account -------------------------------------------------------------------------------


def review_overdue(plan: AccountPlan, today: dt.date) -> Iterator[Finding]:
    """KAM101: the last review is older than the account's cadence (a plan never reviewed has
    no due date yet: the dashboard shows it as ``never``)."""
    due = metrics.review_due(plan)
    if due is None or due >= today:
        return
    account = plan.account
    yield Finding(
        codes.REVIEW_OVERDUE,
        _(
            "the review is {days} overdue (last review {last}, every {cadence}, due {due}): "
            "review the account and its objectives (r in the account)"
        ).format(
            days=_days((today - due).days),
            last=account.last_review,
            cadence=_days(account.review_every_days),
            due=due,
        ),
        ("account", "last_review"),
    )


# -- 1. Where am I? -----------------------------------------------------------------------------


def no_decision_maker(plan: AccountPlan, today: dt.date) -> Iterator[Finding]:
    """KAM201: an A or B account whose buying centre names nobody who decides (a decision
    maker or the economic buyer, as the completeness of *Where am I?* counts them)."""
    segment = plan.account.segment
    if segment not in KEY_SEGMENTS:
        return
    people = plan.where_am_i.buying_centre.values()
    if any(p.role in DECIDERS for p in people):
        return
    yield Finding(
        codes.NO_DECISION_MAKER,
        _(
            "a class {segment} account with no decision maker in the buying centre: add who "
            "decides (role decision-maker or economic-buyer)"
        ).format(segment=segment),
        ("where_am_i", "buying_centre"),
        at_value=False,
    )


def no_relationship_with_power(plan: AccountPlan, today: dt.date) -> Iterator[Finding]:
    """KAM202: in an A or B account, a decision maker (or the economic buyer) or someone with
    high influence whose relationship with us is 2 of 5 or less, or not recorded (the org
    chart's coverage gaps, kamtui/plan/metrics.py person_gaps)."""
    segment = plan.account.segment
    if segment not in KEY_SEGMENTS:
        return
    people = plan.where_am_i.buying_centre
    for gap in metrics.person_gaps(plan, today):
        if gap.kind != "weak":
            continue
        p = people[gap.person]
        key = ("where_am_i", "buying_centre", gap.person)
        yield Finding(
            codes.NO_RELATIONSHIP_WITH_POWER,
            _(
                "person '{person}': {gap}, in a class {segment} "
                "account: meet them and build the relationship, then record its strength "
                "(relationship 1-5)"
            ).format(person=_title(p.name, gap.person), gap=gap.text, segment=segment),
            (*key, "relationship") if p.relationship is not None else key,
            at_value=p.relationship is not None,
        )


# -- 2. Where do I want to go? ------------------------------------------------------------------


def objective_not_checked_in(plan: AccountPlan, today: dt.date) -> Iterator[Finding]:
    """KAM301: an open objective whose last check-in is more than 90 days old. One with no
    check-in at all is not flagged: the file does not say since when it has gone unmeasured
    (a new objective has none yet); the review asks about such objectives first."""
    cutoff = today - dt.timedelta(days=CHECKIN_STALE_DAYS)
    for oid, objective in plan.where_to_go.objectives.items():
        last = max(objective.checkins, default=None) if objective.checkins else None
        if last is None or last >= cutoff or not _is_open(objective):
            continue
        yield Finding(
            codes.OBJECTIVE_NOT_CHECKED_IN,
            _(
                "objective '{objective}' is open and has had no check-in for "
                "{days} (last {last}): check in what it measures now (c on the objective)"
            ).format(
                objective=_title(objective.title, oid), days=_days((today - last).days), last=last
            ),
            (*OBJECTIVES, oid, "checkins", last.isoformat()),
            at_value=False,
        )


def objective_without_action(plan: AccountPlan, today: dt.date) -> Iterator[Finding]:
    """KAM302: an open objective that no action serves (dropped actions do not count, as in
    the completeness of *How do I get there?*)."""
    served = {
        a.objective for a in plan.how_to_get_there.actions.values() if a.status is not DROPPED
    }
    for oid, objective in plan.where_to_go.objectives.items():
        if oid not in served and _is_open(objective):
            yield Finding(
                codes.OBJECTIVE_WITHOUT_ACTION,
                _(
                    "objective '{objective}' is open and no action serves it: plan one "
                    '(an action with objective = "{id}")'
                ).format(objective=_title(objective.title, oid), id=oid),
                (*OBJECTIVES, oid),
                at_value=False,
            )


# -- 3. How do I get there? ---------------------------------------------------------------------


def done_below_100(plan: AccountPlan, today: dt.date) -> Iterator[Finding]:
    """KAM401: done, but the progress says otherwise."""
    for aid, a in plan.how_to_get_there.actions.items():
        if a.status is DONE and a.progress < 100:
            yield Finding(
                codes.DONE_BELOW_100,
                _(
                    "action '{action}' is done but its progress is {progress}%: set progress "
                    "to 100, or the status back to in-progress"
                ).format(action=_title(a.title, aid), progress=a.progress),
                (*ACTIONS, aid, "progress"),
            )


def done_without_date(plan: AccountPlan, today: dt.date) -> Iterator[Finding]:
    """KAM402: done, and nobody knows when."""
    for aid, a in plan.how_to_get_there.actions.items():
        if a.status is DONE and a.completed is None:
            yield Finding(
                codes.DONE_WITHOUT_DATE,
                _(
                    "action '{action}' is done but has no completion date: add completed = "
                    "the day it was done"
                ).format(action=_title(a.title, aid)),
                (*ACTIONS, aid, "completed"),
            )


def complete_not_done(plan: AccountPlan, today: dt.date) -> Iterator[Finding]:
    """KAM403: at 100%, but not marked done."""
    for aid, a in plan.how_to_get_there.actions.items():
        if a.progress >= 100 and a.status is not DONE:
            yield Finding(
                codes.COMPLETE_NOT_DONE,
                _(
                    "action '{action}' is at 100% but its status is {status}: mark it "
                    "done (with its completion date), or lower the progress"
                ).format(action=_title(a.title, aid), status=a.status.value),
                (*ACTIONS, aid, "status"),
            )


def long_overdue(plan: AccountPlan, today: dt.date) -> Iterator[Finding]:
    """KAM404: overdue by more than 30 days and neither blocked nor dropped (nor done)."""
    cutoff = today - dt.timedelta(days=OVERDUE_GRACE_DAYS)
    for aid, a in plan.how_to_get_there.actions.items():
        if a.due is not None and a.due < cutoff and a.status not in NOT_LATE:
            yield Finding(
                codes.LONG_OVERDUE,
                _(
                    "action '{action}' is {days} overdue (due {due}, {status}): do it, give it "
                    "a new due date, or mark it blocked or dropped"
                ).format(
                    action=_title(a.title, aid),
                    days=_days((today - a.due).days),
                    due=a.due,
                    status=a.status.value,
                ),
                (*ACTIONS, aid, "due"),
            )


RULES: dict[str, Rule] = {
    codes.REVIEW_OVERDUE: review_overdue,
    codes.NO_DECISION_MAKER: no_decision_maker,
    codes.NO_RELATIONSHIP_WITH_POWER: no_relationship_with_power,
    codes.OBJECTIVE_NOT_CHECKED_IN: objective_not_checked_in,
    codes.OBJECTIVE_WITHOUT_ACTION: objective_without_action,
    codes.DONE_BELOW_100: done_below_100,
    codes.DONE_WITHOUT_DATE: done_without_date,
    codes.COMPLETE_NOT_DONE: complete_not_done,
    codes.LONG_OVERDUE: long_overdue,
}
"""Every rule about one plan, by its code."""


def lint_plan(
    plan: AccountPlan, today: dt.date, selection: Selection = codes.EVERYTHING
) -> list[Finding]:
    """What the selected rules find in *plan* as of *today*, in the order of the rules."""
    return [
        finding
        for code, rule in RULES.items()
        if selection.wants(code)
        for finding in rule(plan, today)
    ]
