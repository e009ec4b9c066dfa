"""Text fields that never take control characters (pasted ESC sequences, bidi overrides)."""

from __future__ import annotations

import re

from textual.widgets import Input

from kamtui.text.safety import BIDI

UNWANTED = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}]")
UNWANTED_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")
"""In a text area: the same, but newlines and tabs are text (see ``safe_text_area``)."""


class SafeInput(Input):
    """Typed or pasted text loses its control characters before it reaches the value."""

    def insert_text_at_cursor(self, text: str) -> None:
        super().insert_text_at_cursor(UNWANTED.sub("", text))

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(UNWANTED.sub("", text), start, end)
