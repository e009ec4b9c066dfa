"""The periodic review of an account: what changed since the last one, what needs an answer.

The TUI's review flow walks this agenda: it shows the changes, asks for a check-in on each
objective, then for a decision on each overdue action, and finally sets ``last_review``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kamtui.plan import metrics
from kamtui.plan.model import AccountPlan, ActionStatus
from kamtui.text.format import format_number


@dataclass
class ReviewAgenda:
    since: dt.date | None
    """The last review (``None``: never reviewed, everything counts as new)."""
    changes: list[str] = field(default_factory=list)
    """What happened since, one line each (check-ins, finished actions, contacts)."""
    objectives: list[str] = field(default_factory=list)
    """Ids of objectives to check in on: open ones, those without a check-in since first."""
    overdue: list[str] = field(default_factory=list)
    """Ids of open actions past their due date, the most overdue first."""
    gaps: list[str] = field(default_factory=list)
    """What the buying centre lacks: no decision maker, people with power we have no
    relationship with, hostile power, silence (kamtui/plan/metrics.py relationship_gaps)."""


def _after(day: dt.date | None, since: dt.date | None, today: dt.date | None = None) -> bool:
    """*day* is after the last review (and not in the future, when *today* is given)."""
    if day is None or (today is not None and day > today):
        return False
    return since is None or day > since


def review_agenda(plan: AccountPlan, today: dt.date) -> ReviewAgenda:
    since = plan.account.last_review
    agenda = ReviewAgenda(since)
    objectives = plan.where_to_go.objectives
    for oid, o in objectives.items():
        for day, value in o.checkins.items():
            if _after(day, since) and day <= today:
                agenda.changes.append(
                    f"{day}: {o.title or oid} measured {format_number(value)} {o.unit}".rstrip()
                )
    for aid, a in plan.how_to_get_there.actions.items():
        if a.status is ActionStatus.DONE and _after(a.completed, since, today):
            agenda.changes.append(f"{a.completed}: done: {a.title or aid}")
    for pid, p in plan.where_am_i.buying_centre.items():
        if _after(p.last_contact, since, today):
            agenda.changes.append(f"{p.last_contact}: met {p.name or pid}")
    agenda.changes.sort()

    def checked_since(oid: str) -> bool:
        return any(_after(d, since) for d in objectives[oid].checkins)

    open_ids = [
        oid
        for oid, o in objectives.items()
        if (reached := metrics.attainment(o)) is None or reached < 1.0
    ]
    agenda.objectives = sorted(open_ids, key=lambda oid: (checked_since(oid), oid))
    agenda.overdue = [aid for aid, _ in metrics.overdue_actions(plan, today)]
    agenda.gaps = metrics.relationship_gaps(plan, today, weak=True)
    return agenda


@dataclass
class ReviewOutcome:
    """What a review recorded, for its summary (and its commit message)."""

    check_ins: int = 0
    done: int = 0
    dropped: int = 0
    rescheduled: int = 0


def review_message(name: str, outcome: ReviewOutcome) -> str:
    """A one-line summary of a review: ``Review Freni Orobici: 3 check-ins, 2 actions done,
    1 dropped`` (``nothing changed`` when it recorded only the review date)."""
    from kamtui.text.format import plural
    from kamtui.text.safety import one_line

    parts = []
    if outcome.check_ins:
        parts.append(plural(outcome.check_ins, "check-in"))
    if outcome.done:
        parts.append(f"{plural(outcome.done, 'action')} done")
    if outcome.dropped:
        parts.append(f"{outcome.dropped} dropped")
    if outcome.rescheduled:
        parts.append(f"{outcome.rescheduled} rescheduled")
    return f"Review {one_line(name) or 'account'}: {', '.join(parts) or 'nothing changed'}"
