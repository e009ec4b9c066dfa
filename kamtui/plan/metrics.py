"""Figures derived from a plan, never stored: attainment, progress, overdue, completeness, health.

Every function that depends on the date takes ``today`` explicitly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from kamtui.plan import whitespace
from kamtui.plan.model import (
    Accessibility,
    AccountPlan,
    Action,
    ActionStatus,
    Attitude,
    Horizon,
    Influence,
    Objective,
    RelationshipLevel,
    Role,
)
from kamtui.plan.row import PortfolioRow as PortfolioRow  # re-exported: where it used to be
from kamtui.text.format import enum_words, localized
from kamtui.text.i18n import N_, pgettext
from kamtui.text.i18n import gettext as _

CLOSED = frozenset({ActionStatus.DONE, ActionStatus.DROPPED})
DECIDERS = frozenset({Role.DECISION_MAKER, Role.ECONOMIC_BUYER})
CONTACT_STALE_DAYS = 90
ACCESSIBILITY = ("technical", "economic", "commercial")


def attainment(objective: Objective) -> float | None:
    """How far ``current`` has moved from ``baseline`` to ``target``, clamped to 0–1.

    Works for objectives that go down (cut costs: target below baseline). ``None`` when the
    objective is not measurable yet (a value is missing).
    """
    base, target, current = objective.baseline, objective.target, objective.current
    if target is None or current is None:
        return None
    if base is None:
        base = 0
    if target == base:
        return 1.0 if current == target else 0.0
    return min(1.0, max(0.0, (current - base) / (target - base)))


def action_progress(action: Action) -> int | None:
    """Progress 0–100; a done action counts 100; a dropped one does not count (``None``)."""
    if action.status is ActionStatus.DROPPED:
        return None
    if action.status is ActionStatus.DONE:
        return 100
    return action.progress


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) / 100 if values else None


def overall_progress(plan: AccountPlan) -> float | None:
    """Mean progress (0–1) of the actions that are not dropped."""
    values = [
        p for a in plan.how_to_get_there.actions.values() if (p := action_progress(a)) is not None
    ]
    return _mean(values)


def progress_by_objective(plan: AccountPlan) -> dict[str, float | None]:
    """Mean progress (0–1) of each objective's actions; ``None`` for one with no actions."""
    values: dict[str, list[int]] = {oid: [] for oid in plan.where_to_go.objectives}
    for action in plan.how_to_get_there.actions.values():
        p = action_progress(action)
        if action.objective in values and p is not None:
            values[action.objective].append(p)
    return {oid: _mean(v) for oid, v in values.items()}


def mean_attainment(plan: AccountPlan) -> float | None:
    values = [a for o in plan.where_to_go.objectives.values() if (a := attainment(o)) is not None]
    return sum(values) / len(values) if values else None


def is_overdue(action: Action, today: dt.date) -> bool:
    return action.due is not None and action.due < today and action.status not in CLOSED


def overdue_actions(plan: AccountPlan, today: dt.date) -> list[tuple[str, Action]]:
    """Open actions past their due date, the most overdue first."""
    found = [(aid, a) for aid, a in plan.how_to_get_there.actions.items() if is_overdue(a, today)]
    return sorted(found, key=lambda item: (item[1].due or today, item[0]))


def next_action(plan: AccountPlan) -> tuple[str, Action] | None:
    """The open action with the earliest due date (overdue ones included)."""
    dated = [
        (aid, a)
        for aid, a in plan.how_to_get_there.actions.items()
        if a.due is not None and a.status not in CLOSED
    ]
    if not dated:
        return None
    return min(dated, key=lambda item: (item[1].due or dt.date.max, item[0]))


def days_since_review(plan: AccountPlan, today: dt.date) -> int | None:
    last = plan.account.last_review
    return None if last is None else (today - last).days


def is_stale(plan: AccountPlan, today: dt.date) -> bool:
    """Never reviewed, or the last review is older than the account's review cadence."""
    days = days_since_review(plan, today)
    return days is None or days > plan.account.review_every_days


@dataclass(frozen=True)
class Completeness:
    """How much of one planning question is answered: ``done`` of ``total`` checks."""

    done: int
    total: int
    missing: tuple[str, ...]

    @property
    def ratio(self) -> float:
        return self.done / self.total if self.total else 1.0


def _score(checks: list[tuple[str, bool]]) -> Completeness:
    missing = tuple(label for label, ok in checks if not ok)
    return Completeness(len(checks) - len(missing), len(checks), missing)


def where_am_i_completeness(plan: AccountPlan) -> Completeness:
    w = plan.where_am_i
    people = w.buying_centre.values()
    acc = w.accessibility
    return _score(
        [
            (_("business summary"), bool(w.business.strip())),
            (_("strategic priorities"), bool(w.priorities.strip())),
            (_("buying motivation"), bool(w.buying_motivation.strip())),
            (_("decision process"), bool(w.decision_process.strip())),
            (_("a decision maker in the buying centre"), any(p.role in DECIDERS for p in people)),
            (_("attitude of every person"), bool(people) and all(p.attitude for p in people)),
            (
                _("accessibility ratings"),
                all(r.rating is not None for r in (acc.technical, acc.economic, acc.commercial)),
            ),
            (
                _("competitors with our positioning"),
                bool(w.competitors) and all(c.positioning.strip() for c in w.competitors.values()),
            ),
            (
                _("SWOT"),
                all((w.swot.strengths, w.swot.weaknesses, w.swot.opportunities, w.swot.threats)),
            ),
            (_("relationship level"), w.relationship_level is not None),
            (_("whitespace map (who serves each unit)"), whitespace.known_cells(plan) > 0),
        ]
    )


def where_to_go_completeness(plan: AccountPlan) -> Completeness:
    objectives = list(plan.where_to_go.objectives.values())
    return _score(
        [
            (_("ambition"), bool(plan.where_to_go.ambition.strip())),
            (_("a short-term objective"), any(o.horizon is Horizon.SHORT for o in objectives)),
            (_("a medium/long-term objective"), any(o.horizon is Horizon.LONG for o in objectives)),
            (
                _("every objective measurable (metric, target, due date)"),
                bool(objectives)
                and all(
                    o.metric.strip() and o.target is not None and o.due is not None
                    for o in objectives
                ),
            ),
        ]
    )


def how_to_get_there_completeness(plan: AccountPlan) -> Completeness:
    actions = list(plan.how_to_get_there.actions.values())
    open_actions = [a for a in actions if a.status not in CLOSED]
    served = {a.objective for a in actions if a.status is not ActionStatus.DROPPED}
    objectives = plan.where_to_go.objectives
    return _score(
        [
            (_("strategy"), bool(plan.how_to_get_there.strategy.strip())),
            (_("an action"), bool(actions)),
            (
                _("an action for every objective"),
                bool(objectives) and all(o in served for o in objectives),
            ),
            (
                _("an owner and due date for every open action"),
                bool(actions) and all(a.owner.strip() and a.due for a in open_actions),
            ),
        ]
    )


QUESTIONS: tuple[tuple[str, Callable[[AccountPlan], Completeness]], ...] = (
    (N_("Where am I?"), where_am_i_completeness),
    (N_("Where do I want to go?"), where_to_go_completeness),
    (N_("How do I get there?"), how_to_get_there_completeness),
)


def completeness(plan: AccountPlan) -> tuple[Completeness, Completeness, Completeness]:
    """Completeness of the three questions, in order."""
    return (
        where_am_i_completeness(plan),
        where_to_go_completeness(plan),
        how_to_get_there_completeness(plan),
    )


def success_factors(plan: AccountPlan) -> list[tuple[str, bool]]:
    """The key success factors of the method, each known or not from what is filled in."""
    w = plan.where_am_i
    people = list(w.buying_centre.values())
    level = w.relationship_level
    return [
        (_("Decision mechanisms known"), bool(w.decision_process.strip())),
        (
            _("Buying motivation known"),
            bool(w.buying_motivation.strip()) or any(p.orientation for p in people),
        ),
        (_("Decision makers known"), any(p.role in DECIDERS for p in people)),
        (
            _("Positioning against competitors"),
            any(c.positioning.strip() for c in w.competitors.values())
            or whitespace.competitors_placed(plan),
        ),
        (
            _("Long-term partnership"),
            level in (RelationshipLevel.SOLUTION_PROVIDER, RelationshipLevel.STRATEGIC_PARTNER)
            or any(o.horizon is Horizon.LONG for o in plan.where_to_go.objectives.values()),
        ),
    ]


WEAK_RELATIONSHIP = 2
"""A relationship strength at or below this (or none recorded) is no relationship to speak of."""


@dataclass(frozen=True, slots=True)
class PersonGap:
    """One thing the buying centre says we are missing about one person."""

    person: str
    """The person's id."""
    kind: str
    """``weak``: a decision maker or someone with high influence we have no relationship with
    (strength <= :data:`WEAK_RELATIONSHIP` or none); ``hostile``: an opponent or critic with
    high influence; ``silent``: not met in :data:`CONTACT_STALE_DAYS` days, or never."""
    text: str
    """What is missing, in a phrase without the person's name."""


def person_gaps(plan: AccountPlan, today: dt.date) -> list[PersonGap]:
    """Per person of the buying centre in file order, what we are missing (weak, hostile,
    silent)."""
    gaps = []
    for pid, p in plan.where_am_i.buying_centre.items():
        decider = p.role in DECIDERS
        if (decider or p.influence is Influence.HIGH) and (
            p.relationship is None or p.relationship <= WEAK_RELATIONSHIP
        ):
            who = enum_words(p.role) if decider and p.role else _("high influence")
            how = (
                _("no relationship recorded")
                if p.relationship is None
                else _("weak relationship ({strength}/5)").format(strength=p.relationship)
            )
            gaps.append(PersonGap(pid, "weak", _("{who}, {how}").format(who=who, how=how)))
        if p.attitude in (Attitude.OPPONENT, Attitude.CRITIC) and p.influence is Influence.HIGH:
            hostile = (
                _("opponent with high influence")
                if p.attitude is Attitude.OPPONENT
                else _("critic with high influence")
            )
            gaps.append(PersonGap(pid, "hostile", hostile))
        if p.last_contact is None:
            gaps.append(PersonGap(pid, "silent", _("never contacted")))
        elif (today - p.last_contact).days > CONTACT_STALE_DAYS:
            days = (today - p.last_contact).days
            gaps.append(
                PersonGap(pid, "silent", _("not contacted for {days} days").format(days=days))
            )
    return gaps


def relationship_gaps(
    plan: AccountPlan, today: dt.date, *, name_width: int | None = None, weak: bool = False
) -> list[str]:
    """What the buying centre says we are missing: no decision maker, hostile power, silence,
    and with *weak* the people with power we have no relationship with: all of
    :func:`person_gaps`, as the org chart (kamtui/plan/org_chart.py), the review
    (kamtui/plan/review.py) and the lint's KAM202 (kamtui/lint/rules.py) list them. Without
    *weak*: the export's sentences and the buying centre's one-line summary.
    *name_width*: people's names cut to that many characters (with …), for a line that holds
    other content too."""
    people = plan.where_am_i.buying_centre
    gaps = []
    if not any(p.role in DECIDERS for p in people.values()):
        gaps.append(_("no decision maker known"))
    for gap in person_gaps(plan, today):
        if gap.kind == "weak" and not weak:
            continue
        label = people[gap.person].name or gap.person
        if name_width is not None and len(label) > name_width:
            label = label[: max(1, name_width - 1)] + "…"
        gaps.append(_("{name}: {gap}").format(name=label, gap=gap.text))
    return gaps


def portfolio_row(plan: AccountPlan, today: dt.date) -> PortfolioRow:
    actions = [
        a for a in plan.how_to_get_there.actions.values() if a.status is not ActionStatus.DROPPED
    ]
    nxt = next_action(plan)
    c = completeness(plan)
    return PortfolioRow(
        id=plan.id,
        name=plan.account.name,
        segment=plan.account.segment.value if plan.account.segment else "",
        owner=plan.account.owner,
        completeness=(c[0].ratio, c[1].ratio, c[2].ratio),
        attainment=mean_attainment(plan),
        actions_done=sum(1 for a in actions if a.status is ActionStatus.DONE),
        actions_total=len(actions),
        overdue=len(overdue_actions(plan, today)),
        next_action=nxt[1].title if nxt else "",
        next_due=nxt[1].due if nxt else None,
        days_since_review=days_since_review(plan, today),
        stale=is_stale(plan, today),
    )


# -- accessibility and the review cadence ----------------------------------------------------


@dataclass(frozen=True)
class AccessibilityVerdict:
    """The three accessibility ratings summed up: the weakest one decides."""

    verdict: str
    mean: float | None
    weakest: str | None
    rated: int

    def describe(self) -> str:
        verdict = _(self.verdict)
        if self.mean is None or self.weakest is None:
            return verdict
        text = _("{verdict} (mean {mean}/5, weakest: {weakest})").format(
            verdict=verdict, mean=localized(f"{self.mean:.1f}"), weakest=aspect_words(self.weakest)
        )
        if self.rated < len(ACCESSIBILITY):
            text += _("; only {rated} of {total} rated").format(
                rated=self.rated, total=len(ACCESSIBILITY)
            )
        return text


def aspect_words(aspect: str) -> str:
    """An accessibility aspect (``technical``, ``economic``, ``commercial``) in the language in
    use, as an adjective of accessibility (``tecnica``)."""
    words = {
        "technical": pgettext("accessibility", "technical"),
        "economic": pgettext("accessibility", "economic"),
        "commercial": pgettext("accessibility", "commercial"),
    }
    return words.get(aspect, aspect)


def accessibility_verdict(accessibility: Accessibility) -> AccessibilityVerdict:
    """Accessible when every rating is 4 or 5, with reservations at 3, hard to access at 1–2."""
    rated = [
        (name, r.rating)
        for name in ACCESSIBILITY
        if (r := getattr(accessibility, name)).rating is not None
    ]
    if not rated:
        return AccessibilityVerdict(N_("not assessed yet"), None, None, 0)
    weakest, low = min(rated, key=lambda item: item[1])
    mean = sum(v for _name, v in rated) / len(rated)
    if low >= 4:
        verdict = N_("accessible")
    elif low == 3:
        verdict = N_("accessible with reservations")
    else:
        verdict = N_("hard to access")
    return AccessibilityVerdict(verdict, mean, weakest, len(rated))


def review_due(plan: AccountPlan) -> dt.date | None:
    """When the next review is due (``None`` when the plan was never reviewed)."""
    last = plan.account.last_review
    return None if last is None else last + dt.timedelta(days=plan.account.review_every_days)
