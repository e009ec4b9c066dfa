"""A plan as read-only text, organised by the three questions (shown by the account view)."""

from __future__ import annotations

import datetime as dt

from textual.content import Content

from kamtui.metrics import (
    attainment,
    completeness,
    is_overdue,
    progress_by_objective,
    relationship_gaps,
    success_factors,
)
from kamtui.model import AccountPlan, Horizon
from kamtui.tui.safe import assemble

Parts = list[str | tuple[str, str]]
H1 = "bold reverse"
H2 = "bold underline"


def _field(parts: Parts, label: str, value: str) -> None:
    if value.strip():
        parts += [(f"{label}: ", "bold"), value.strip(), "\n"]
    else:
        parts += [(f"{label}: ", "bold"), ("— not answered yet", "italic dim"), "\n"]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _bar(value: float | None, width: int = 10) -> str:
    if value is None:
        return "·" * width
    full = round(value * width)
    return "█" * full + "░" * (width - full)


def render_plan(plan: AccountPlan, today: dt.date) -> Content:
    a = plan.account
    w = plan.where_am_i
    parts: Parts = []
    c = completeness(plan)
    parts += [(f" {a.name} ", H1), "\n"]
    parts += [
        f"segment {a.segment.value if a.segment else '—'} · owner {a.owner or '—'} · "
        f"customer ids {', '.join(a.customer_ids) or '—'} · review every "
        f"{a.review_every_days} days, last {a.last_review or 'never'}\n\n"
    ]

    parts += [(" 1. Where am I? ", H1), f"  {_pct(c[0].ratio)} complete\n\n"]
    _field(parts, "Business", w.business)
    _field(parts, "Priorities", w.priorities)
    _field(parts, "Buying motivation", w.buying_motivation)
    _field(parts, "Decision process", w.decision_process)
    rel = w.relationship_level.value if w.relationship_level else ""
    _field(parts, "Relationship level", rel)
    parts += [("\nBuying centre\n", H2)]
    for p in w.buying_centre.values():
        role = p.role.value if p.role else "?"
        att = p.attitude.value if p.attitude else "?"
        inf = p.influence.value if p.influence else "?"
        parts += [
            f"  • {p.name} ({p.title or '—'}): {role}, influence {inf}, {att}; "
            f"last contact {p.last_contact or 'never'}\n"
        ]
    for gap in relationship_gaps(plan, today):
        parts += [("  ! ", "bold"), gap, "\n"]
    parts += [("\nAccessibility\n", H2)]
    for label, r in (
        ("technical", w.accessibility.technical),
        ("economic", w.accessibility.economic),
        ("commercial", w.accessibility.commercial),
    ):
        stars = "—" if r.rating is None else "★" * r.rating + "☆" * (5 - r.rating)
        parts += [f"  {label:<11} {stars}  {r.note.strip()}\n"]
    parts += [("\nCompetitors\n", H2)]
    for comp in w.competitors.values():
        share = "" if comp.share_of_wallet is None else f", {comp.share_of_wallet:g}% of wallet"
        parts += [f"  • {comp.name}{share}: {comp.positioning.strip() or '—'}\n"]
    parts += [("\nSWOT\n", H2)]
    for label, items in (
        ("Strengths", w.swot.strengths),
        ("Weaknesses", w.swot.weaknesses),
        ("Opportunities", w.swot.opportunities),
        ("Threats", w.swot.threats),
    ):
        parts += [(f"  {label}: ", "bold"), "; ".join(items) or "—", "\n"]
    parts += [("\nKey success factors\n", H2)]
    for label, ok in success_factors(plan):
        parts += [f"  {'☑' if ok else '☐'} {label}\n"]

    parts += ["\n", (" 2. Where do I want to go? ", H1), f"  {_pct(c[1].ratio)} complete\n\n"]
    _field(parts, "Ambition", plan.where_to_go.ambition)
    for horizon, label in ((Horizon.SHORT, "Short term"), (Horizon.LONG, "Medium/long term")):
        parts += [(f"\n{label}\n", H2)]
        for o in plan.where_to_go.objectives.values():
            if o.horizon is not horizon:
                continue
            done = attainment(o)
            parts += [
                f"  {_bar(done)} {_pct(done):>4}  {o.title}  "
                f"({o.metric or '?'}: {o.baseline} → {o.target} {o.unit}, now {o.current}; "
                f"due {o.due or '—'})\n"
            ]

    parts += ["\n", (" 3. How do I get there? ", H1), f"  {_pct(c[2].ratio)} complete\n\n"]
    _field(parts, "Strategy", plan.how_to_get_there.strategy)
    per_objective = progress_by_objective(plan)
    objectives = plan.where_to_go.objectives
    for oid, value in per_objective.items():
        parts += [f"  {_bar(value)} {_pct(value):>4}  {objectives[oid].title}\n"]
    parts += [("\nActions\n", H2)]
    for act in plan.how_to_get_there.actions.values():
        late = is_overdue(act, today)
        parts += [
            (f"  {'LATE ' if late else ''}", "bold"),
            f"[{act.status.value}] {act.progress}%  {act.title}  — {act.owner or '?'}, "
            f"due {act.due or '—'}\n",
        ]
    return assemble(*parts)
