"""Text fields that never take control characters (pasted ESC sequences, bidi overrides)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar, cast

from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input

from kamtui.text.safety import BIDI

UNWANTED = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}]")
UNWANTED_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")
"""In a text area: the same, but newlines and tabs are text (see ``safe_text_area``)."""


def editing_keys(bindings: Iterable[BindingType]) -> dict[str, str]:
    """Key → action of a Textual widget's own bindings (its editing keys)."""
    out: dict[str, str] = {}
    for binding in bindings:
        if isinstance(binding, Binding):
            for key in binding.key.split(","):
                out.setdefault(key.strip(), binding.action)
    return out


class InOrderKeys:
    """Acts on the widget's editing keys in the order the keys arrive (mix in before the widget;
    a plain class, so that the widget's styles and component classes stay its own).

    Textual inserts a typed character when the widget handles the key, but acts on the
    widget's own bindings (backspace, arrows, home/end, word moves, …) only once the key has
    bubbled up to the app: of a backspace and a letter that arrive in one read (over SSH, a fast
    typist), the letter was inserted first, then deleted. Here the widget runs the binding's
    action itself, in its own queue, in order (docs/upstream-burst-keys.md).
    """

    EDITING_KEYS: ClassVar[dict[str, str]] = {}

    async def _on_key(self, event: events.Key) -> None:
        action = self.EDITING_KEYS.get(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()  # the widget's own _on_key, then the binding: not again
            await cast(Widget, self).run_action(action)


class SafeInput(InOrderKeys, Input):
    """Typed or pasted text loses its control characters before it reaches the value; editing
    keys are acted on in the order they arrive."""

    EDITING_KEYS = editing_keys(Input.BINDINGS)

    def insert_text_at_cursor(self, text: str) -> None:
        super().insert_text_at_cursor(UNWANTED.sub("", text))

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(UNWANTED.sub("", text), start, end)
