"""One account at a glance: :class:`PortfolioRow`, computed from a plan by
:func:`kamtui.plan.metrics.portfolio_row`.

A module of its own, without the plan model: a start of the app that finds the day's rows in
the plan cache (kamtui/store/cache.py) shows them without importing the model or the metrics.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class PortfolioRow:
    """One account at a glance, as the dashboard and ``kamtui list`` show it."""

    id: str
    name: str
    segment: str
    owner: str
    completeness: tuple[float, float, float]
    attainment: float | None
    actions_done: int
    actions_total: int
    overdue: int
    next_action: str
    next_due: dt.date | None
    days_since_review: int | None
    stale: bool
