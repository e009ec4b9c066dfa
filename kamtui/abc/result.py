"""The ABC analysis's parameters and results: plain frozen dataclasses, no computation.

The computation is in :mod:`kamtui.abc.ranking` (per-customer revenue, ranking, classes),
:mod:`kamtui.abc.summary`, :mod:`kamtui.abc.pareto` and :mod:`kamtui.abc.migration`;
:func:`kamtui.abc.analysis.analyse_file` puts them together.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamtui.abc.pareto import pareto_curve
from kamtui.plan.model import Segment
from kamtui.text.format import format_day, localized
from kamtui.text.i18n import gettext as _

if TYPE_CHECKING:
    from kamtui.abc.revenue import ColumnMap

COLUMNS = ("customer", "name", "revenue", "share", "cumulative_share", "class")
"""The per-customer columns, in this order (the CSV output)."""


class Method(StrEnum):
    """How the classes are cut: by cumulative revenue, or by customer counts."""

    REVENUE = "revenue"
    COUNT = "count"


@dataclass(frozen=True)
class AbcParams:
    """The method and its cut-offs, in percent. Invalid values raise ``ValueError``."""

    method: Method = Method.REVENUE
    thresholds: tuple[float, float] = (80.0, 95.0)
    """Cumulative revenue share (%) up to which customers are A, then B."""
    quotas: tuple[float, float] = (20.0, 30.0)
    """Share of customers (%) that are A, then B (C is the rest)."""

    def __post_init__(self) -> None:
        a, b = self.thresholds
        if not 0 < a <= b <= 100:
            raise ValueError(
                _("thresholds must satisfy 0 < A <= B <= 100, got {a},{b}").format(a=_g(a), b=_g(b))
            )
        qa, qb = self.quotas
        if qa < 0 or qb < 0 or qa + qb > 100:
            raise ValueError(
                _("quotas must be >= 0 and add up to at most 100, got {a},{b}").format(
                    a=_g(qa), b=_g(qb)
                )
            )

    def describe(self) -> str:
        """The method and its cut-offs in words, in the language in use."""
        if self.method is Method.COUNT:
            qa, qb = self.quotas
            return _("count (A: first {a}% of customers, B: next {b}%, C: the other {c}%)").format(
                a=_g(qa), b=_g(qb), c=_g(100 - qa - qb)
            )
        a, b = self.thresholds
        return _("revenue (A up to {a}% of revenue, B up to {b}%, C the rest)").format(
            a=_g(a), b=_g(b)
        )


def _g(value: float) -> str:
    """A percentage as given (``80``, ``92.5``), with the marks of the language in use."""
    return localized(f"{value:g}")


@dataclass(frozen=True)
class Period:
    """From *start* to *end*, both inclusive; ``None`` leaves that side open."""

    start: dt.date | None = None
    end: dt.date | None = None

    def __bool__(self) -> bool:
        return self.start is not None or self.end is not None

    def describe(self) -> str:
        """``2026-01-01 to 2026-03-31``, ``all dates``: in the language in use."""
        if not self:
            return _("all dates")
        start = format_day(self.start) if self.start else "…"
        end = format_day(self.end) if self.end else "…"
        return _("{start} to {end}").format(start=start, end=end)


@dataclass(frozen=True)
class ClassSummary:
    """One class: its customers and revenue (positive-revenue customers only) beside the
    textbook shares, and what the class means for the KAM."""

    segment: Segment
    customers: int
    customer_share: float
    revenue: float
    revenue_share: float
    textbook_customer_share: float
    textbook_revenue_share: float
    meaning: str


@dataclass(frozen=True)
class NonPositive:
    """Customers whose revenue is ≤ 0: class C, outside the share total."""

    customers: int = 0
    revenue: float = 0.0


@dataclass(frozen=True)
class Concentration:
    """Revenue share of the top customer, the top 10 and the top 20% of customers."""

    top1: float
    top10: float
    top20pct: float
    top20pct_customers: int


@dataclass(frozen=True)
class CustomerRow:
    """One customer of the result, in rank order (rank 1 is the biggest)."""

    rank: int
    customer: str
    name: str
    revenue: float
    share: float
    cumulative_share: float
    segment: Segment


@dataclass(frozen=True)
class SourceInfo:
    """Where the lines came from and what reading them found."""

    path: Path
    layout: str
    columns: ColumnMap
    rows: int
    bad_rows: int
    lines_used: int
    outside_period: int
    period: Period
    notes: tuple[str, ...] = ()
    currency: str | None = None
    """The currency of the amounts (``None``: the file states none)."""
    currency_lines: tuple[tuple[str, int], ...] = ()
    """Usable lines per currency the file states (``""``: none stated), most first."""
    rates: tuple[tuple[str, float], ...] = ()
    """The rates amounts were converted with: 1 CODE = FACTOR of :attr:`currency`."""
    credit_lines: int = 0
    """Lines of the period that a document-type column marks as credit notes."""
    credit_total: float = 0.0
    """Their amounts (negative)."""
    unassigned_lines: int = 0
    """Lines of the period with an amount but no customer: left out of the analysis."""
    unassigned_revenue: float = 0.0
    """Their amounts."""


@dataclass(frozen=True)
class Migration:
    """Each customer's class in the previous period and now.

    ``customers`` columns: ``customer, name, class_then, class_now, revenue_then, revenue_now,
    status`` (``new``, ``lost`` or ``kept``) and ``signal`` (``risk`` for A → B/C, ``growth``
    for B/C → A, else ``""``). Signals are for kept customers only: a new or a lost customer
    (revenue 0 in the period it is absent from) has the status that says so and no signal.
    """

    customers: Any
    then: Period
    now: Period

    def count(self, column: str, value: str) -> int:
        return int((self.customers[column] == value).sum())

    def transitions(self) -> dict[str, int]:
        """How many customers went from each class to each class ("A→B": 3); "-" is none."""
        table = self.customers
        then = table["class_then"].replace("", "-")
        now = table["class_now"].replace("", "-")
        counts = (then + "→" + now).value_counts()
        return {str(k): int(v) for k, v in sorted(counts.items())}


@dataclass(frozen=True)
class AbcResult:
    """The whole analysis; ``customers`` is a DataFrame in rank order with :data:`COLUMNS`."""

    customers: Any
    params: AbcParams
    total_revenue: float
    """Sum of the positive revenues (what shares are computed on)."""
    summary: tuple[ClassSummary, ...]
    non_positive: NonPositive
    concentration: Concentration
    source: SourceInfo | None = None
    migration: Migration | None = None
    previous: AbcResult | None = None
    """The analysis of the comparison period (with ``migration``)."""

    @property
    def customer_count(self) -> int:
        return len(self.customers)

    def rows(self, limit: int | None = None) -> list[CustomerRow]:
        """The customers in rank order (the first *limit* only, when given)."""
        table = self.customers if limit is None else self.customers.head(limit)
        return [
            CustomerRow(i + 1, c, n, float(r), float(s), float(cs), Segment(k))
            for i, (c, n, r, s, cs, k) in enumerate(
                zip(*(table[col].tolist() for col in COLUMNS), strict=True)
            )
        ]

    def classes(self) -> dict[str, Segment]:
        """Customer key → class."""
        table = self.customers
        return {c: Segment(k) for c, k in zip(table["customer"], table["class"], strict=True)}

    def pareto(self, points: int = 101) -> list[tuple[float, float]]:
        """The Pareto curve: (share of positive customers, their share of revenue)."""
        return pareto_curve(self.customers, points)
