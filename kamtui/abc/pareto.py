"""How much of the revenue the top customers make: the share of the top *n* and the Pareto curve.

Both read the ``cumulative_share`` column of a ranked table (:mod:`kamtui.abc.ranking`) over the
customers with positive revenue. Nothing from the rest of :mod:`kamtui.abc` is imported: the
result types (:meth:`kamtui.abc.result.AbcResult.pareto`) and the summaries
(:func:`kamtui.abc.summary.concentration`) both build on this module.
"""

from __future__ import annotations

from typing import Any


def positive_cumulative(ranked: Any) -> Any:
    """The cumulative shares of the positive-revenue customers, in rank order (an array)."""
    return ranked.loc[ranked["revenue"] > 0, "cumulative_share"].to_numpy()


def top_share(cumulative: Any, count: int) -> float:
    """The share of revenue of the first *count* customers (0 for none)."""
    return float(cumulative[count - 1]) if count > 0 else 0.0


def pareto_curve(ranked: Any, points: int = 101) -> list[tuple[float, float]]:
    """*points* points from (0, 0) to (1, 1): the share of revenue of the top x% customers."""
    cumulative = positive_cumulative(ranked)
    n = len(cumulative)
    steps = max(1, points - 1)
    curve = []
    for k in range(steps + 1):
        count = -(-k * n // steps)  # ceil(k/steps · n), exactly
        curve.append((k / steps, top_share(cumulative, count)))
    return curve
