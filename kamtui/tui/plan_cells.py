"""Small text pieces for the account screen's tables: bars, numbers, dates, previews."""

from __future__ import annotations

from kamtui.text.format import MISSING as MISSING
from kamtui.text.format import bar as _bar
from kamtui.text.format import day_or_missing, enum_words, format_number

number = format_number
day = day_or_missing
label = enum_words


def bar(ratio: float | None, width: int = 5) -> str:
    """``███░░  60%`` (five cells in the tables); ``—`` when there is no figure."""
    return _bar(ratio, width)


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
