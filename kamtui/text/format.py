"""Numbers, shares, dates, counts and bars as people read them: one place for every formatter.

The exports, the command line and the app all format through these, so the same figure reads
the same everywhere. Plain strings only (no markup, no styles); nothing from outside
:mod:`kamtui.text`.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

MISSING = "—"
"""Shown for a value that is not set (a date, a number, a fixed value)."""
BAR_WIDTH = 10
"""Cells of a bar when not told otherwise."""


def format_number(value: int | float | None) -> str:
    """A plan's number as written: ``12``, ``12.5``, a whole float without ``.0``; ``—``."""
    if value is None:
        return MISSING
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def money(value: float) -> str:
    """An amount with thousands separators and 2 decimals: ``43,579,301.67`` (never ``-0.00``)."""
    text = f"{value:,.2f}"
    return "0.00" if text == "-0.00" else text


def compact_number(value: float) -> str:
    """1234 → 1.2k, 43579301 → 43.6M."""
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.1f}{suffix}"
    return f"{value:.0f}"


def percent(ratio: float | None, decimals: int = 0, *, missing: str = MISSING) -> str:
    """A ratio (0–1) as a percentage: ``30%``, with *decimals* ``11.5%``; *missing* for ``None``."""
    if ratio is None:
        return missing
    if decimals == 0:
        return f"{round(ratio * 100)}%"
    return f"{ratio * 100:.{decimals}f}%"


def blocks(ratio: float, width: int = BAR_WIDTH) -> str:
    """``███░░░░░░░``: *ratio* (clamped to 0–1) of *width* cells filled."""
    filled = round(min(1.0, max(0.0, ratio)) * width)
    return "█" * filled + "░" * (width - filled)


def bar(ratio: float | None, width: int = BAR_WIDTH) -> str:
    """``███░░  60%`` (the percentage right-aligned, so bars line up); ``—`` without a ratio."""
    if ratio is None:
        return MISSING
    ratio = min(1.0, max(0.0, ratio))
    return f"{blocks(ratio, width)} {percent(ratio):>4}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 customer``, ``2 customers``, ``1,234 days``; *many* for an irregular plural."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def day_or_missing(value: dt.date | None) -> str:
    """``2026-11-30``; ``—`` when there is no date."""
    return MISSING if value is None else value.isoformat()


def enum_words(value: Enum | None) -> str:
    """A fixed value as words: ``economic-buyer`` → ``economic buyer``; ``—`` when unset."""
    return MISSING if value is None else str(value.value).replace("-", " ")
