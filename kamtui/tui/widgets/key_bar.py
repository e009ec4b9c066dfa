"""A one-line key bar: the keys of the current screen, as Textual's Footer shows them.

Textual's ``Footer`` builds a widget per binding and recomputes on every focus change; on the
dashboard it cost a third of the start-up time. The screens' keys are fixed, so one line of
text built once does the same job.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static

from kamtui.tui.safe import assemble


class KeyBar(Static):
    """The screen's shown bindings (``key description``), then the app's, then the palette."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        parts: list[str | tuple[str, str]] = []
        seen: set[str] = set()
        for owner in (self.screen, self.app):
            for binding in owner.BINDINGS:
                if not isinstance(binding, Binding) or not binding.show:
                    continue
                if binding.description in seen:
                    continue
                seen.add(binding.description)
                parts += [
                    (f" {self.app.get_key_display(binding)}", "bold"),
                    f" {binding.description} ",
                ]
        parts.append(("  ^p", "bold"))
        parts.append(" palette")
        self.update(assemble(*parts))
