"""A screen with a one-line text filter (``#filter``) that ``/`` focuses: the dashboard and the
actions view (kamtui/tui/screens/dashboard.py, kamtui/tui/screens/actions.py)."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from kamtui.tui.kam import KamScreen
from kamtui.tui.keymap import key_list


class FilterScreen(KamScreen[None]):
    """Its ``filter`` binding (``/``, or the user's key) focuses ``#filter`` at once, and keys
    typed in the same burst go into the box."""

    def action_filter(self) -> None:
        # At once (not deferred): keys typed right after "/" belong to the filter.
        self.set_focus(self.query_one("#filter", Input))

    def on_key(self, event: events.Key) -> None:
        """Keys typed in one burst after "/" (a paste, a fast typist over SSH) were already on
        their way to the table when the filter took the focus: they belong to the filter, not
        to the table's bindings (which would sort, reverse, change an action…)."""
        box = self.query_one("#filter", Input)
        if self.focused is not box and event.key in self._filter_keys():
            self.set_focus(box)  # at once, so the next keys in the queue see it
        elif self.focused is box and event.is_printable and event.character:
            box.insert_text_at_cursor(event.character)
        else:
            return
        event.stop()
        event.prevent_default()

    def _filter_keys(self) -> list[str]:
        """The keys of "filter" in force (``/``, or the user's from the keymap)."""
        binding = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.action == "filter")
        return key_list(self.app, binding)
