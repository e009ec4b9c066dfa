"""A one-line key bar: the keys of the current screen, as Textual's Footer shows them.

With ``follow_focus`` it also shows the keys of the focused widget and its containers (the
account screen's sections each have their own keys) and follows the focus.

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

    def __init__(self, *, follow_focus: bool = False) -> None:
        super().__init__()
        self.follow_focus = follow_focus

    def on_mount(self) -> None:
        self._show()
        if self.follow_focus:
            self.watch(self.screen, "focused", lambda _: self._show(), init=False)

    def _show(self) -> None:
        parts: list[str | tuple[str, str]] = []
        seen: set[str] = set()
        owners: list[object] = []
        if self.follow_focus:
            node = self.screen.focused
            while node is not None and node is not self.screen:
                owners.append(node)
                node = node.parent  # type: ignore[assignment]
        bindings: list[object] = [b for owner in owners for b in _bindings(owner)]
        bindings += [*self.screen.BINDINGS, *self.app.BINDINGS]  # as declared, not inherited
        for binding in bindings:
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


def _bindings(owner: object) -> list[Binding]:
    """The bindings a class declares, its bases' included (subclass first)."""
    out: list[Binding] = []
    for cls in type(owner).__mro__:
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                out.append(binding)
    return out
