"""Small text pieces for the account screen's tables: bars, numbers, dates, previews."""

from __future__ import annotations

from kamtui.export import MISSING as MISSING
from kamtui.export import day_or_missing, enum_words, format_number

number = format_number
day = day_or_missing
label = enum_words


def bar(ratio: float | None, width: int = 5) -> str:
    """``███░░ 60%``; ``—`` when there is no figure."""
    if ratio is None:
        return MISSING
    ratio = min(1.0, max(0.0, ratio))
    full = round(ratio * width)
    return f"{'█' * full}{'░' * (width - full)} {round(ratio * 100):>3}%"


def preview(text: str) -> str:
    """The first line of a text, marked when there is more."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    return lines[0].strip() + (" …" if len(lines) > 1 else "")


def dots(rating: int | None) -> str:
    """A 1–5 rating as ``●●●○○ 3``."""
    if rating is None:
        return "○○○○○ —"
    return "●" * rating + "○" * (5 - rating) + f" {rating}"
