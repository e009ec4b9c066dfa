"""Migration between two periods: each customer's class then and now, new and lost
customers, and the risk (A → B/C) and growth (B/C → A) signals of the customers present in
both periods (a new or lost customer is neither: it is new or lost)."""

from __future__ import annotations

from typing import Any

from kamtui.abc.result import AbcResult, Migration, Period


def _signal(then: str, now: str) -> str:
    if not then or not now:  # new or lost: listed as such, not as a move between classes
        return ""
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
