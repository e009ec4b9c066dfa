"""ABC analysis of a revenue portfolio: pure functions over a DataFrame of revenue lines.

The rules are those of ``shared/guides/abc-rules.md``:

- a customer's revenue is the sum of its lines; customers are ranked by revenue, highest
  first, ties by customer key in plain string order;
- customers with revenue ≤ 0 are class C, ranked last and left out of the total that shares
  are computed on (their share is 0; they are reported apart);
- method ``revenue``: A while the cumulative share *before* the customer is below the A
  threshold (80%), B while below the B threshold (95%), else C — compared with a 1e-9
  tolerance; method ``count``: the first ``ceil(20% n)`` positive customers are A, up to rank
  ``ceil(50% n)`` B, the rest C.

Sums are exact whenever the amounts have a fixed number of decimals (they are added as
integers of the smallest unit), so ties and thresholds never depend on the order of the lines.
:func:`analyse_file` is the one entry point for the command line and the TUI.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from kamtui.model import Segment
from kamtui.revenue_io import (
    ColumnMap,
    ReadOptions,
    RevenueData,
    RevenueFileError,
    customer_codes,
    distinct,
    key_texts,
    read_revenue,
    select_period,
)

TOLERANCE = 1e-9
"""Cumulative shares closer than this to a threshold count as on it."""
COLUMNS = ("customer", "name", "revenue", "share", "cumulative_share", "class")
"""The per-customer columns, in this order (the CSV output)."""
TEXTBOOK: dict[Segment, tuple[float, float]] = {
    Segment.A: (0.20, 0.80),
    Segment.B: (0.30, 0.15),
    Segment.C: (0.50, 0.05),
}
"""(share of customers, share of revenue) of each class in the textbook 80/20 portfolio."""
MEANING: dict[Segment, str] = {
    Segment.A: "strategic: do not reduce the service level; losing one is a serious risk",
    Segment.B: "intermediate: investigate their potential; the right attention can grow revenue",
    Segment.C: "not to be neglected, but serve them in a less costly way",
}
_MAX_DECIMALS = 6
_EXACT_LIMIT = 2.0**53


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
            raise ValueError(f"thresholds must satisfy 0 < A <= B <= 100, got {a:g},{b:g}")
        qa, qb = self.quotas
        if qa < 0 or qb < 0 or qa + qb > 100:
            raise ValueError(f"quotas must be >= 0 and add up to at most 100, got {qa:g},{qb:g}")

    def describe(self) -> str:
        if self.method is Method.COUNT:
            qa, qb = self.quotas
            return (
                f"count (A: first {qa:g}% of customers, B: next {qb:g}%, C: the other "
                f"{100 - qa - qb:g}%)"
            )
        a, b = self.thresholds
        return f"revenue (A up to {a:g}% of revenue, B up to {b:g}%, C the rest)"


@dataclass(frozen=True)
class Period:
    """From *start* to *end*, both inclusive; ``None`` leaves that side open."""

    start: dt.date | None = None
    end: dt.date | None = None

    def __bool__(self) -> bool:
        return self.start is not None or self.end is not None

    def describe(self) -> str:
        if not self:
            return "all dates"
        start = self.start.isoformat() if self.start else "…"
        end = self.end.isoformat() if self.end else "…"
        return f"{start} to {end}"


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


@dataclass(frozen=True)
class Migration:
    """Each customer's class in the previous period and now.

    ``customers`` columns: ``customer, name, class_then, class_now, revenue_then, revenue_now,
    status`` (``new``, ``lost`` or ``kept``) and ``signal`` (``risk`` for A → B/C, ``growth``
    for B/C → A, else ``""``). A customer absent from a period counts as revenue 0, class C,
    for the signal: losing an A customer is a risk, a new A customer is growth.
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


# -- per-customer revenue --------------------------------------------------------------------


def _units(values: Any) -> tuple[int, Any] | None:
    """``(scale, values * scale as whole numbers)`` for the smallest power of ten that makes
    every value whole (within float noise), so that their sums are exact; ``None`` when there
    is none up to 10**6 or the sums could leave the exact integer range of a float."""
    import numpy as np

    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return 1, values
    largest = float(np.abs(values).max())
    if not math.isfinite(largest):
        return None
    head = values[:1000]  # find the candidate on a few values, then check them all once
    for decimals in range(_MAX_DECIMALS + 1):
        scale = 10**decimals
        noise = max(1e-7, largest * scale * 1e-12)
        if np.abs(head * scale - np.rint(head * scale)).max() > noise:
            continue
        scaled = values * scale
        whole = np.rint(scaled)
        if np.abs(scaled - whole).max() <= noise:
            return (scale, whole) if float(np.abs(whole).sum()) < _EXACT_LIMIT else None
    return None


def decimal_scale(values: Any) -> int | None:
    """The power of ten that makes sums of *values* exact (see :func:`_units`), or ``None``."""
    found = _units(values)
    return None if found is None else found[0]


def _sums(codes: Any, amounts: Any, count: int) -> Any:
    """Per-code sums that do not depend on the order of the lines."""
    import numpy as np

    found = _units(amounts)
    if found is not None:
        scale, units = found
        return np.bincount(codes, weights=units, minlength=count) / scale
    order = np.lexsort((amounts, codes))  # fixed order of addition: by customer, then value
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    sums = np.zeros(count)
    if len(order):
        sums[sorted_codes[starts]] = np.add.reduceat(amounts[order], starts)
    return sums


def _most_frequent_names(codes: Any, count: int, names: Any) -> list[str]:
    """Each customer's most frequent non-empty name; ties go to the smallest in string order
    (so the name, like everything else, does not depend on the order of the lines)."""
    import numpy as np
    import pandas as pd

    name_codes, uniques = distinct(names)
    texts = key_texts(uniques)
    ordered = sorted({t for t in texts if t})
    position = {t: i for i, t in enumerate(ordered)}
    rank = np.array([position.get(t, -1) for t in texts] + [-1], dtype=np.int64)
    ranks = rank[name_codes]  # code -1 (no name) takes the last slot
    usable = ranks >= 0
    width = max(1, len(ordered))
    pairs = pd.Series(codes[usable] * width + ranks[usable]).value_counts(sort=False)
    customer = pairs.index.to_numpy() // width
    name_rank = pairs.index.to_numpy() % width
    order = np.lexsort((name_rank, -pairs.to_numpy(), customer))
    customer, name_rank = customer[order], name_rank[order]
    first = np.r_[True, customer[1:] != customer[:-1]] if len(customer) else []
    out = [""] * count
    for c, r in zip(customer[first].tolist(), name_rank[first].tolist(), strict=True):
        out[c] = ordered[r]
    return out


def _customer_names(codes: Any, count: int, names: Any) -> list[str]:
    """Each customer's name: the most frequent non-empty one, ties to the smallest.

    Usually a customer has one name on every line; that is checked with one vectorised
    comparison, and only customers with several names are counted name by name.
    """
    import numpy as np

    values = names.to_numpy(dtype=object)
    first = np.zeros(count, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)  # first line of each customer
    candidate = values[first]
    same = values == candidate[codes]
    out = key_texts(candidate)
    if not same.all():
        mixed = np.unique(codes[~same])
        rows = np.isin(codes, mixed)
        subset = _most_frequent_names(codes[rows], count, names[rows])
        for c in mixed.tolist():
            out[c] = subset[c]
    return out


def customer_totals(lines: Any) -> Any:
    """One row per customer: ``customer``, ``name`` (``""`` without names) and ``revenue``.

    *lines* has ``customer`` and ``amount`` columns (``name`` optional). Keys are compared
    as text without surrounding spaces (:func:`~kamtui.revenue_io.key_text`); lines without a
    customer are ignored, and so are customers without lines (unused categories).
    """
    import numpy as np
    import pandas as pd

    codes, keys = customer_codes(lines["customer"])
    amounts = lines["amount"].to_numpy(dtype=float)
    rows = codes >= 0
    every = bool(rows.all())
    codes = codes if every else codes[rows]
    revenue = _sums(codes, amounts if every else amounts[rows], len(keys))
    if "name" in lines:
        name_column = lines["name"] if every else lines["name"][rows]
        names = _customer_names(codes, len(keys), name_column)
    else:
        names = [""] * len(keys)
    present = np.bincount(codes, minlength=len(keys)) > 0
    return pd.DataFrame(
        {
            "customer": np.array(keys, dtype=object)[present],
            "name": np.array(names, dtype=object)[present],
            "revenue": revenue[present],
        }
    )


# -- ranking and classes ---------------------------------------------------------------------


def _rank_order(keys: Any, revenue: Any) -> Any:
    """Indices in rank order: revenue descending, then customer key ascending."""
    import numpy as np

    key_rank = np.empty(len(keys), dtype=np.int64)
    key_rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    return np.lexsort((key_rank, -revenue))


def _cumulative(revenue: Any, positive: Any) -> tuple[Any, Any, Any]:
    """``(share, cumulative_share, share before)`` in rank order; exact when possible."""
    import numpy as np

    weights = np.where(positive, revenue, 0.0)
    found = _units(weights)
    if found is not None:
        weights = found[1]
    total = weights.sum()
    if total <= 0:
        zeros = np.zeros(len(revenue))
        return zeros, zeros, zeros
    running = np.cumsum(weights)
    return weights / total, running / total, (running - weights) / total


def _revenue_classes(before: Any, positive: Any, params: AbcParams) -> Any:
    import numpy as np

    a, b = (t / 100 - TOLERANCE for t in params.thresholds)
    classes = np.full(len(before), "C", dtype=object)
    classes[positive & (before < b)] = "B"
    classes[positive & (before < a)] = "A"
    return classes


def _quota_ends(quotas: tuple[float, float], n: int) -> tuple[int, int]:
    """Last rank of A and of B: ``ceil(qa% of n)`` and ``ceil((qa + qb)% of n)``, in exact
    arithmetic (with floats 70% of 10 is 7.000000000000001, whose ceiling is 8)."""
    from fractions import Fraction

    qa, qb = (Fraction(str(q)) for q in quotas)
    return math.ceil(qa * n / 100), math.ceil((qa + qb) * n / 100)


def _count_classes(positive: Any, params: AbcParams) -> Any:
    import numpy as np

    a_end, b_end = _quota_ends(params.quotas, int(positive.sum()))
    ranks = np.arange(len(positive))
    classes = np.full(len(positive), "C", dtype=object)
    classes[positive & (ranks < b_end)] = "B"
    classes[positive & (ranks < a_end)] = "A"
    return classes


def rank_customers(totals: Any, params: AbcParams = AbcParams()) -> Any:
    """Rank and classify customers: :data:`COLUMNS`, one row per customer, in rank order.

    *totals* has ``customer``, ``revenue`` and optionally ``name`` (one row per customer).
    """
    import numpy as np
    import pandas as pd

    keys = key_texts(totals["customer"].tolist())
    revenue = totals["revenue"].to_numpy(dtype=float)
    order = _rank_order(keys, revenue)
    revenue = revenue[order]
    positive = revenue > 0
    share, cumulative, before = _cumulative(revenue, positive)
    if params.method is Method.COUNT:
        classes = _count_classes(positive, params)
    else:
        classes = _revenue_classes(before, positive, params)
    names = totals["name"].to_numpy(dtype=object)[order] if "name" in totals else [""] * len(keys)
    return pd.DataFrame(
        {
            "customer": np.array(keys, dtype=object)[order],
            "name": names,
            "revenue": revenue,
            "share": share,
            "cumulative_share": cumulative,
            "class": classes,
        }
    )


# -- summaries -------------------------------------------------------------------------------


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


def _top_share(cumulative: Any, count: int) -> float:
    return float(cumulative[count - 1]) if count > 0 else 0.0


def concentration(ranked: Any) -> Concentration:
    """Share of revenue of the top 1, top 10 and top 20% (``ceil``) positive customers."""
    cumulative = ranked.loc[ranked["revenue"] > 0, "cumulative_share"].to_numpy()
    n = len(cumulative)
    top20 = -(-n // 5)
    return Concentration(
        top1=_top_share(cumulative, min(1, n)),
        top10=_top_share(cumulative, min(10, n)),
        top20pct=_top_share(cumulative, top20),
        top20pct_customers=top20,
    )


def pareto_curve(ranked: Any, points: int = 101) -> list[tuple[float, float]]:
    """*points* points from (0, 0) to (1, 1): the share of revenue of the top x% customers."""
    cumulative = ranked.loc[ranked["revenue"] > 0, "cumulative_share"].to_numpy()
    n = len(cumulative)
    steps = max(1, points - 1)
    curve = []
    for k in range(steps + 1):
        count = -(-k * n // steps)  # ceil(k/steps · n), exactly
        curve.append((k / steps, _top_share(cumulative, count)))
    return curve


def analyse_lines(
    lines: Any, params: AbcParams = AbcParams(), source: SourceInfo | None = None
) -> AbcResult:
    """The analysis of revenue lines (``customer``, ``amount``, optional ``name``)."""
    ranked = rank_customers(customer_totals(lines), params)
    positive = ranked["revenue"] > 0
    return AbcResult(
        customers=ranked,
        params=params,
        total_revenue=float(ranked.loc[positive, "revenue"].sum()),
        summary=summarise(ranked),
        non_positive=non_positive(ranked),
        concentration=concentration(ranked),
        source=source,
    )


# -- migration between two periods -----------------------------------------------------------


def _signal(then: str, now: str) -> str:
    then, now = then or "C", now or "C"
    if then == "A" and now != "A":
        return "risk"
    if then != "A" and now == "A":
        return "growth"
    return ""


def migrate(previous: AbcResult, current: AbcResult, then: Period, now: Period) -> Migration:
    """Each customer's class then and now, new and lost customers, risk and growth signals.

    Rows come in the current rank order, then the lost customers in their previous order.
    """
    import pandas as pd

    before = previous.customers.set_index("customer")
    after = current.customers.set_index("customer")
    keys = after.index.append(before.index.difference(after.index, sort=False))

    def column(table: Any, name: str, missing: object) -> Any:
        return table[name].reindex(keys).astype(object).fillna(missing).to_numpy()

    class_then, class_now = column(before, "class", ""), column(after, "class", "")
    names_now, names_then = column(after, "name", ""), column(before, "name", "")
    table = pd.DataFrame(
        {
            "customer": keys.to_numpy(dtype=object),
            "name": [n or t for n, t in zip(names_now, names_then, strict=True)],
            "class_then": class_then,
            "class_now": class_now,
            "revenue_then": column(before, "revenue", 0.0).astype(float),
            "revenue_now": column(after, "revenue", 0.0).astype(float),
            "status": [
                "new" if not t else "lost" if not n else "kept"
                for t, n in zip(class_then, class_now, strict=True)
            ],
            "signal": [_signal(t, n) for t, n in zip(class_then, class_now, strict=True)],
        }
    )
    return Migration(customers=table, then=then, now=now)


# -- from a file -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AbcOptions:
    """Everything :func:`analyse_file` needs besides the path."""

    params: AbcParams = AbcParams()
    read: ReadOptions = field(default_factory=ReadOptions)
    period: Period = Period()
    compare_file: Path | None = None
    """A second file holding the previous period (read with the same options)."""
    compare_period: Period | None = None
    """The previous period: of *compare_file* when given, else of the same file."""

    @property
    def comparing(self) -> bool:
        return self.compare_file is not None or self.compare_period is not None


def _period_lines(data: RevenueData, period: Period) -> tuple[Any, int]:
    lines, outside = select_period(data, period.start, period.end)
    if period and len(lines) == 0:
        dates = data.lines["date"]
        span = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "none"
        raise RevenueFileError(
            data.path, f"no revenue lines from {period.describe()} (the dates run from {span})"
        )
    return lines, outside


def _analyse_period(data: RevenueData, params: AbcParams, period: Period) -> AbcResult:
    lines, outside = _period_lines(data, period)
    source = SourceInfo(
        path=data.path,
        layout=data.layout,
        columns=data.columns,
        rows=data.rows,
        bad_rows=data.bad_rows,
        lines_used=len(lines),
        outside_period=outside,
        period=period,
        notes=tuple(data.notes),
    )
    return analyse_lines(lines, params, source)


def analyse_file(path: Path | str, options: AbcOptions = AbcOptions()) -> AbcResult:
    """Read *path* and analyse it (and the comparison period, when asked for).

    Raises :class:`~kamtui.revenue_io.RevenueFileError` for unusable input.
    """
    same_file_dates = options.compare_period is not None and options.compare_file is None
    read = replace(options.read, need_dates=bool(options.period) or same_file_dates)
    data = read_revenue(path, read)
    result = _analyse_period(data, options.params, options.period)
    if not options.comparing:
        return result
    then = options.compare_period or Period()
    if options.compare_file is not None:
        again = replace(options.read, need_dates=bool(then), progress=None)
        data = read_revenue(options.compare_file, again)
    previous = _analyse_period(data, options.params, then)
    migration = migrate(previous, result, then, options.period)
    return replace(result, migration=migration, previous=previous)
