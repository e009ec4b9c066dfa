"""The display boundary: user data becomes plain text, never markup, never raw controls."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from kamtui.text.safety import one_line, printable


class Cell:
    """A table cell: one line of plain text (never parsed as markup), a Rich style string
    chosen by the code, and the value the column sorts by (``None`` sorts last)."""

    __slots__ = ("plain", "sort_key", "style")

    def __init__(self, text: str, sort_key: Any = None, style: str = "") -> None:
        self.plain = one_line(text)
        self.style = style
        self.sort_key = (0, sort_key) if sort_key is not None else (1, "")

    def __repr__(self) -> str:
        return f"Cell({self.plain!r})"


def plain(text: str, *, multiline: bool = False) -> Content:
    """User text as Content: no markup, control characters replaced by placeholders."""
    return Content(printable(text, multiline=multiline) if multiline else one_line(text))


def assemble(*parts: str | tuple[str, str]) -> Content:
    """Content from pieces; every piece of text is made safe, styles come from the code."""
    safe: list[str | tuple[str, str]] = []
    for part in parts:
        if isinstance(part, tuple):
            safe.append((printable(part[0], multiline=True), part[1]))
        else:
            safe.append(printable(part, multiline=True))
    return Content.assemble(*safe)
