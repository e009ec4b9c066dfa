"""ABC analysis of a revenue portfolio: pure functions over a DataFrame of revenue lines.

The rules are those of ``docs/abc.md``:

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

The parts: :mod:`kamtui.abc.result` (parameters and result types), :mod:`kamtui.abc.ranking`
(per-customer revenue, ranking, classes), :mod:`kamtui.abc.summary` (class summaries,
concentration), :mod:`kamtui.abc.pareto` (the Pareto curve) and :mod:`kamtui.abc.migration`.
Their public names are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kamtui.abc.migration import migrate
from kamtui.abc.pareto import pareto_curve
from kamtui.abc.ranking import TOLERANCE, customer_totals, decimal_scale, rank_customers
from kamtui.abc.result import (
    COLUMNS,
    AbcParams,
    AbcResult,
    ClassSummary,
    Concentration,
    CustomerRow,
    Method,
    Migration,
    NonPositive,
    Period,
    SourceInfo,
)
from kamtui.abc.revenue import (
    ReadOptions,
    RevenueData,
    RevenueFileError,
    read_revenue,
    select_period,
    unassigned_in_period,
)
from kamtui.abc.summary import (
    MEANING,
    TEXTBOOK,
    concentration,
    non_positive,
    summarise,
)
from kamtui.text.format import format_day
from kamtui.text.i18n import gettext as _

__all__ = [
    "COLUMNS",
    "MEANING",
    "TEXTBOOK",
    "TOLERANCE",
    "AbcOptions",
    "AbcParams",
    "AbcResult",
    "ClassSummary",
    "Concentration",
    "CustomerRow",
    "Method",
    "Migration",
    "NonPositive",
    "Period",
    "SourceInfo",
    "analyse_file",
    "analyse_lines",
    "concentration",
    "customer_totals",
    "decimal_scale",
    "migrate",
    "non_positive",
    "pareto_curve",
    "rank_customers",
    "summarise",
]


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
        if len(dates):
            first, last = format_day(dates.min().date()), format_day(dates.max().date())
            why = _("no revenue lines from {period} (the dates run from {first} to {last})").format(
                period=period.describe(), first=first, last=last
            )
        else:
            why = _("no revenue lines from {period} (the dates run from none)").format(
                period=period.describe()
            )
        raise RevenueFileError(data.path, why)
    return lines, outside


def _analyse_period(data: RevenueData, params: AbcParams, period: Period) -> AbcResult:
    lines, outside = _period_lines(data, period)
    credit_lines, credit_total = 0, 0.0
    if "credit" in lines:
        credit = lines["credit"].to_numpy(dtype=bool)
        credit_lines = int(credit.sum())
        credit_total = float(lines["amount"].to_numpy()[credit].sum())
    unassigned_lines, unassigned_revenue = unassigned_in_period(data, period.start, period.end)
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
        currency=data.currency,
        currency_lines=tuple(data.currency_lines.items()),
        rates=tuple(data.rates.items()),
        credit_lines=credit_lines,
        credit_total=credit_total,
        unassigned_lines=unassigned_lines,
        unassigned_revenue=unassigned_revenue,
    )
    return analyse_lines(lines, params, source)


def analyse_file(path: Path | str, options: AbcOptions = AbcOptions()) -> AbcResult:
    """Read *path* and analyse it (and the comparison period, when asked for).

    Raises :class:`~kamtui.abc.revenue.RevenueFileError` for unusable input.
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
        if again.currency is None and data.currency is not None:
            # the previous period in the same currency: in it, or converted, never added
            again = replace(again, currency=data.currency)
        data = read_revenue(options.compare_file, again)
    previous = _analyse_period(data, options.params, then)
    migration = migrate(previous, result, then, options.period)
    return replace(result, migration=migration, previous=previous)
