"""A screen that lists the portfolio: the dashboard and the actions view
(kamtui/tui/screens/dashboard.py, kamtui/tui/screens/actions.py).

What both have: the title bar with a one-line text filter (``#filter``) that ``/`` focuses,
the table, a detail line, a summary line and the key bar; and following the portfolio: a
change is shown at once when the screen can be seen, else when it is shown again (a screen
covered by the account screen is not redrawn on every save made there).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Static

from kamtui.text.i18n import gettext as _
from kamtui.tui.kam import KamScreen, shown_now
from kamtui.tui.keymap import key_list
from kamtui.tui.widgets.key_bar import KeyBar
from kamtui.tui.widgets.safe_input import SafeInput


class ListScreen(KamScreen[None]):
    """See the module docstring. A subclass gives :meth:`make_table`, :meth:`refresh_rows`
    (and :meth:`show_changes`, :meth:`redraw` when it does more), and calls
    :meth:`follow_portfolio` once mounted."""

    def __init__(self) -> None:
        super().__init__()
        self._stale = False
        """The portfolio changed while the screen could not be seen."""

    def make_table(self) -> Widget:
        raise NotImplementedError

    def show_changes(self, ids: set[str]) -> None:
        """The plans *ids* changed (read again, saved, gone): show it."""
        self.redraw()

    def refresh_rows(self) -> None:
        """Show the rows again through the filter, from what the screen holds."""
        raise NotImplementedError

    def redraw(self) -> None:
        """Show the whole portfolio again."""
        self.refresh_rows()

    def compose(self) -> ComposeResult:
        with Horizontal(id="title-bar"):
            yield Static(id="title")
            # No select-all on focus: Textual does it when the Focus message is handled,
            # which, on a loaded machine, can come after the first keys typed behind "/"
            # went in, and the next key then replaced them ("/greco" filtered by "o").
            yield SafeInput(
                placeholder=_("/ filter"), id="filter", compact=True, select_on_focus=False
            )
            yield Static(id="status")
        yield self.make_table()
        yield Static(id="detail")
        yield Static(id="summary")
        yield KeyBar()

    # -- following the portfolio -----------------------------------------------------------

    def follow_portfolio(self) -> None:
        self.kam.portfolio_changed.subscribe(self, self._portfolio_changed, immediate=True)

    def _portfolio_changed(self, ids: set[str]) -> None:
        if shown_now(self):
            self.show_changes(ids)
        else:
            self._stale = True  # redrawn when shown again (2,000 rows: tens of ms a save)

    def relabelling(self) -> object:
        """About to be composed again in another language (kamtui/tui/app.py): the text of
        the filter (the box is made anew)."""
        return self.query_one("#filter", Input).value

    def relabelled(self, kept: object) -> None:
        """Composed again in another language (kamtui/tui/app.py): the filter's text (*kept*)
        in its box, the rows from what the screen holds (nothing is read again)."""
        if isinstance(kept, str) and kept:
            self.query_one("#filter", Input).value = kept
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self.redraw()

    # -- the filter ------------------------------------------------------------------------

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
