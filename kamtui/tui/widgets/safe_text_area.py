"""A TextArea that never takes control characters (its own module: the dashboard, which
starts first, needs only the one-line input, and TextArea is slow to import)."""

from __future__ import annotations

from textual.widgets import TextArea
from textual.widgets.text_area import EditResult

from kamtui.tui.widgets.safe_input import UNWANTED_IN_TEXT, InOrderKeys, editing_keys


class SafeTextArea(InOrderKeys, TextArea):
    """A text area with the same guarantees (newlines stay: it holds multi-line text)."""

    EDITING_KEYS = editing_keys(TextArea.BINDINGS)

    def replace(  # typed and pasted text both arrive here
        self,
        insert: str,
        start: tuple[int, int],
        end: tuple[int, int],
        *,
        maintain_selection_offset: bool = True,
    ) -> EditResult:
        return super().replace(
            UNWANTED_IN_TEXT.sub("", insert),
            start,
            end,
            maintain_selection_offset=maintain_selection_offset,
        )
