"""Summaries of a ranked portfolio: per-class figures beside the textbook 80/20 shares,
customers with revenue ≤ 0 and concentration (the Pareto curve is in :mod:`kamtui.abc.pareto`)."""

from __future__ import annotations

from typing import Any

from kamtui.abc.pareto import positive_cumulative, top_share
from kamtui.abc.result import ClassSummary, Concentration, NonPositive
from kamtui.plan.model import Segment
from kamtui.text.i18n import N_

TEXTBOOK: dict[Segment, tuple[float, float]] = {
    Segment.A: (0.20, 0.80),
    Segment.B: (0.30, 0.15),
    Segment.C: (0.50, 0.05),
}
"""(share of customers, share of revenue) of each class in the textbook 80/20 portfolio."""
MEANING: dict[Segment, str] = {
    Segment.A: N_("strategic: do not reduce the service level; losing one is a serious risk"),
    Segment.B: N_(
        "intermediate: investigate their potential; the right attention can grow revenue"
    ),
    Segment.C: N_("not to be neglected, but serve them in a less costly way"),
}
"""What each class means for the KAM, in English in the result and its JSON; shown in the
language in use by :func:`kamtui.abc.lines.meaning` (in Italian, the method's own words)."""


def summarise(ranked: Any) -> tuple[ClassSummary, ...]:
    """Per class: positive-revenue customers and revenue, real beside textbook shares."""
    positive = ranked[ranked["revenue"] > 0]
    n = len(positive)
    total = float(positive["revenue"].sum())
    out = []
    for segment in Segment:
        members = positive[positive["class"] == segment.value]
        revenue = float(members["revenue"].sum())
        textbook_customers, textbook_revenue = TEXTBOOK[segment]
        out.append(
            ClassSummary(
                segment=segment,
                customers=len(members),
                customer_share=len(members) / n if n else 0.0,
                revenue=revenue,
                revenue_share=float(members["share"].sum()) if total > 0 else 0.0,
                textbook_customer_share=textbook_customers,
                textbook_revenue_share=textbook_revenue,
                meaning=MEANING[segment],
            )
        )
    return tuple(out)


def non_positive(ranked: Any) -> NonPositive:
    """The customers with revenue ≤ 0 (count and net revenue)."""
    rest = ranked[ranked["revenue"] <= 0]
    return NonPositive(len(rest), float(rest["revenue"].sum()))


def concentration(ranked: Any) -> Concentration:
    """Share of revenue of the top 1, top 10 and top 20% (``ceil``) positive customers."""
    cumulative = positive_cumulative(ranked)
    n = len(cumulative)
    top20 = -(-n // 5)
    return Concentration(
        top1=top_share(cumulative, min(1, n)),
        top10=top_share(cumulative, min(10, n)),
        top20pct=top_share(cumulative, top20),
        top20pct_customers=top20,
    )
