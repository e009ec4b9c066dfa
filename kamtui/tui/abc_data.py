"""What the ABC view shows, computed from an analysis result (in the worker, off the loop)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kamtui.abc.analysis import AbcResult
from kamtui.tui.widgets.result_table import CustomerColumns


@dataclass(frozen=True)
class AbcView:
    result: AbcResult
    columns: CustomerColumns
    pareto: list[tuple[float, float]]
    bands: tuple[float, float]
    """Share of the positive-revenue customers that end class A and class B."""
    revenue_by_customer: dict[str, float]


def _list(frame: Any, column: str) -> list[Any]:
    return list(frame[column].tolist())


def prepare(result: AbcResult) -> AbcView:
    """Turn the DataFrame into plain lists and the chart's points (done once, in a worker)."""
    t = result.customers
    columns = CustomerColumns(
        customer=[str(c) for c in _list(t, "customer")],
        name=[str(n) for n in _list(t, "name")],
        revenue=[float(r) for r in _list(t, "revenue")],
        share=[float(s) for s in _list(t, "share")],
        cumulative=[float(c) for c in _list(t, "cumulative_share")],
        klass=[str(k) for k in _list(t, "class")],
    )
    counts = {str(s.segment): s.customers for s in result.summary}
    positive = sum(counts.values()) or 1
    a = counts.get("A", 0) / positive
    b = a + counts.get("B", 0) / positive
    return AbcView(
        result=result,
        columns=columns,
        pareto=result.pareto(),
        bands=(a, b),
        revenue_by_customer=dict(zip(columns.customer, columns.revenue, strict=True)),
    )
