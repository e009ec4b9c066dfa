"""``?``: every key of the screen it was opened from, and the app's own.

The keys shown are those in force: the user's where the keymap rebinds them
(kamtui/tui/keymap.py).
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.tui.keymap import key_list
from kamtui.tui.safe import assemble
from kamtui.tui.widgets.key_bar import binding_words, declared_bindings

GENERAL = (
    ("ctrl+p", N_("command palette: open account, new account, export, ABC, check, reload")),
    ("app.help", N_("this help")),
    ("app.quit app.quit-anywhere", N_("quit (asks first if anything is unsaved)")),
    ("tab / shift+tab", N_("move between fields and panels")),
    ("escape", N_("close a dialog or go back")),
)
"""Keys that work everywhere; ``app.…``: the keys of those bindings of the app."""


def _keys(owner: DOMNode) -> list[tuple[str, str]]:
    """The keys *owner* declares (its classes' too, subclass first), once per description."""
    rows = []
    seen: set[str] = set()
    for binding in declared_bindings(owner):
        if not binding.description:
            continue
        keys = set(key_list(owner.app, binding))
        if binding.description not in seen and not keys & seen:
            seen |= keys | {binding.description}
            rows.append((_key_names(owner, binding), binding_words(binding.description)))
    return rows


def _key_names(owner: DOMNode, binding: Binding) -> str:
    """Every key of *binding*, as the key bar would show each one: ``⏎ / e``, ``↑ / k``."""
    app = owner.app
    return " / ".join(app.get_key_display(Binding(key, "")) for key in key_list(app, binding))


def _general(app: App[Any]) -> list[tuple[str, str]]:
    """:data:`GENERAL`, the app's bindings given by id with their keys in force."""
    by_id = {binding.id: binding for binding in declared_bindings(app) if binding.id}
    rows = []
    for keys, text in GENERAL:
        if keys.startswith("app."):
            bindings = [by_id[i] for i in keys.split() if i in by_id]
            keys = " / ".join(_key_names(app, binding) for binding in bindings)
        rows.append((keys, _(text)))
    return rows


def _focused_keys(screen: Screen[object]) -> list[tuple[str, str]]:
    """Keys of the focused widget and its containers, up to the screen (a section's keys)."""
    rows: list[tuple[str, str]] = []
    node = screen.focused
    while node is not None and node is not screen:
        rows += _keys(node)
        node = node.parent  # type: ignore[assignment]
    return rows


class HelpScreen(ModalScreen[None]):
    """Lists the keys; any of escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", N_("Close"), id="help.close"),
    ]

    def __init__(self, origin: Screen[object]) -> None:
        super().__init__()
        self.origin = origin

    def compose(self) -> ComposeResult:
        parts: list[str | tuple[str, str]] = [(_("Keys on this screen") + "\n", "bold underline")]
        for key, text in _keys(self.origin) or [("", _("(none)"))]:
            parts += [(f"  {key:<16}", "bold"), f"{text}\n"]
        focused = _focused_keys(self.origin)
        if focused:
            parts.append(("\n" + _("Keys of the highlighted section") + "\n", "bold underline"))
            for key, text in focused:
                parts += [(f"  {key:<16}", "bold"), f"{text}\n"]
        parts.append(("\n" + _("Everywhere") + "\n", "bold underline"))
        for key, text in _general(self.app):
            parts += [(f"  {key:<16}", "bold"), f"{text}\n"]
        with VerticalScroll(id="help-box"):
            yield Static(assemble(*parts), id="help-text")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
