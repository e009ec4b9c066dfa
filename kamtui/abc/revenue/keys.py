"""Customer keys as text, and columns as (codes, distinct values) without per-row Python."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any


def key_text(value: object) -> str:
    """A customer key as text: whole numbers without ``.0``, surrounding spaces removed."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def key_texts(values: Any) -> list[str]:
    """:func:`key_text` of many values (a fast path for the usual case: all text)."""
    return [v.strip() if type(v) is str else key_text(v) for v in values]


def distinct(series: Any) -> tuple[Any, list[Any]]:
    """``(codes, uniques)`` of a column; -1 for missing. Free for a categorical column."""
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), list(series.cat.categories)
    codes, uniques = pd.factorize(series)
    return codes, list(uniques)


def _clean_keys(values: list[Any]) -> bool:
    """Whether *values* are distinct, non-empty texts without surrounding spaces."""
    return all(type(v) is str and v and v == v.strip() for v in values)


def customer_codes(series: Any) -> tuple[Any, list[str]]:
    """``(codes, keys)`` for a customer column: codes index *keys*; -1 for no customer.

    Keys are normalised (:func:`key_text`) on the distinct values only, so ``" C1 "`` and
    ``"C1"`` are one customer at the cost of a factorisation, not a per-row strip.
    """
    import numpy as np

    codes, uniques = distinct(series)
    if _clean_keys(uniques):  # already keys (clean lines, read_revenue's): nothing to merge
        return codes.astype(np.int64, copy=False), uniques
    index: dict[str, int] = {}
    table = np.full(len(uniques) + 1, -1, dtype=np.int64)  # the extra slot maps code -1
    for i, text in enumerate(key_texts(uniques)):
        if text:
            table[i] = index.setdefault(text, len(index))
    return table[codes], list(index)
