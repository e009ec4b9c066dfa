"""``?``: every key of the screen it was opened from, and the app's own."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from kamtui.tui.safe import assemble

GENERAL = (
    ("ctrl+p", "command palette: open account, new account, ABC, check, reload, themes"),
    ("?", "this help"),
    ("q / ctrl+q", "quit (asks first if anything is unsaved)"),
    ("tab / shift+tab", "move between fields and panels"),
    ("escape", "close a dialog or go back"),
)


def _keys(screen: Screen[object]) -> list[tuple[str, str]]:
    rows = []
    for binding in screen.BINDINGS:
        if isinstance(binding, Binding) and binding.description:
            rows.append((screen.app.get_key_display(binding), binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    """Lists the keys; any of escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, origin: Screen[object]) -> None:
        super().__init__()
        self.origin = origin

    def compose(self) -> ComposeResult:
        parts: list[str | tuple[str, str]] = [("Keys on this screen\n", "bold underline")]
        for key, text in _keys(self.origin) or [("", "(none)")]:
            parts += [(f"  {key:<16}", "bold"), f"{text}\n"]
        parts.append(("\nEverywhere\n", "bold underline"))
        for key, text in GENERAL:
            parts += [(f"  {key:<16}", "bold"), f"{text}\n"]
        with VerticalScroll(id="help-box"):
            yield Static(assemble(*parts), id="help-text")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
