"""The periodic review of an account: what changed since the last one, what needs an answer.

The TUI's review flow walks this agenda: it shows the changes, asks for a check-in on each
objective, then for a decision on each overdue action, and finally sets ``last_review``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kamtui.plan import metrics
from kamtui.plan.model import AccountPlan, ActionStatus
from kamtui.text.format import format_count, format_day, format_number
from kamtui.text.i18n import gettext as _
from kamtui.text.i18n import ngettext


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
    changes: list[tuple[dt.date, str]] = []
    for oid, o in objectives.items():
        for day, value in o.checkins.items():
            if _after(day, since) and day <= today:
                text = _("{date}: {title} measured {value} {unit}").format(
                    date=format_day(day),
                    title=o.title or oid,
                    value=format_number(value),
                    unit=o.unit,
                )
                changes.append((day, text.rstrip()))
    for aid, a in plan.how_to_get_there.actions.items():
        done = a.status is ActionStatus.DONE and a.completed is not None
        if done and a.completed is not None and _after(a.completed, since, today):
            text = _("{date}: done: {title}").format(
                date=format_day(a.completed), title=a.title or aid
            )
            changes.append((a.completed, text))
    for pid, p in plan.where_am_i.buying_centre.items():
        if p.last_contact is not None and _after(p.last_contact, since, today):
            text = _("{date}: met {name}").format(
                date=format_day(p.last_contact), name=p.name or pid
            )
            changes.append((p.last_contact, text))
    agenda.changes = [text for _day, text in sorted(changes)]

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
    from kamtui.text.safety import one_line

    parts = []
    if outcome.check_ins:
        n = outcome.check_ins
        parts.append(
            ngettext("{count} check-in", "{count} check-ins", n).format(count=format_count(n))
        )
    if outcome.done:
        n = outcome.done
        parts.append(
            ngettext("{count} action done", "{count} actions done", n).format(count=format_count(n))
        )
    if outcome.dropped:
        n = outcome.dropped
        parts.append(ngettext("{count} dropped", "{count} dropped", n).format(count=n))
    if outcome.rescheduled:
        n = outcome.rescheduled
        parts.append(ngettext("{count} rescheduled", "{count} rescheduled", n).format(count=n))
    return _("Review {name}: {outcome}").format(
        name=one_line(name) or _("account"), outcome=", ".join(parts) or _("nothing changed")
    )
