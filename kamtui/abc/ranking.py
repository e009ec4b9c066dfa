"""Per-customer revenue, ranking and classes: the rules of ``docs/abc.md``.

A customer's revenue is the sum of its lines, added exactly whenever the amounts have a
fixed number of decimals (as integers of the smallest unit), so that ties and thresholds
never depend on the order of the lines. Customers are ranked by revenue, then key; classes
are cut by cumulative revenue share or by customer counts (see :mod:`kamtui.abc.analysis`)."""

from __future__ import annotations

import math
from typing import Any

from kamtui.abc.result import AbcParams, Method
from kamtui.abc.revenue import customer_codes, distinct, key_texts

TOLERANCE = 1e-9
"""Cumulative shares closer than this to a threshold count as on it."""
_MAX_DECIMALS = 6
_EXACT_LIMIT = 2.0**53


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
    as text without surrounding spaces (:func:`~kamtui.abc.revenue.key_text`); lines without a
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
    """Rank and classify customers: :data:`~kamtui.abc.result.COLUMNS`, one row per
    customer, in rank order.

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
