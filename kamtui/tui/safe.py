"""The display boundary: user data becomes plain text, never markup, never raw controls."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.content import Content

from kamtui.text_safety import one_line, printable


class Cell(Text):
    """A table cell: plain text (never parsed as markup) that carries its own sort key."""

    sort_key: Any

    def __init__(self, text: str, sort_key: Any = None, style: str = "") -> None:
        super().__init__(one_line(text), style=style, no_wrap=True, overflow="ellipsis")
        self.sort_key = (0, sort_key) if sort_key is not None else (1, "")


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
