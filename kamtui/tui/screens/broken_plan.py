"""The view of a plan file that has errors: each problem with the lines around it, read-only.

It follows the file: when it changes on disk (fixed in an editor, `git checkout --ours`, a
merge resolved) the view shows its new problems, and once the file is valid the account opens
in the editor in its place.

| Key | Action |
|---|---|
| `escape` | back to the portfolio |
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from kamtui.plan.file import LoadedPlan
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.tui.kam import KamScreen
from kamtui.tui.safe import assemble
from kamtui.tui.widgets.key_bar import KeyBar

CONTEXT_LINES = 2


class BrokenPlanScreen(KamScreen[None]):
    """A plan file with errors: each problem and the lines around it. Read-only."""

    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"), id="broken.back")]

    def __init__(self, loaded: LoadedPlan) -> None:
        super().__init__()
        self.loaded = loaded
        self.gone = False
        """The file was deleted or renamed on disk since it was shown."""

    def compose(self) -> ComposeResult:
        lp = self.loaded
        parts: list[str | tuple[str, str]] = [
            (" " + _("{file} cannot be used").format(file=lp.path.name) + " ", "bold reverse"),
            "\n"
            + _(
                "It is shown read-only and will not be saved over. Fix it in your editor (or "
                "resolve the merge) and it reloads by itself."
            )
            + "\n\n",
        ]
        if self.gone:
            parts.append((_("The file was deleted or renamed on disk.") + "\n\n", "bold"))
        lines = lp.text.split("\n") if lp.text else []
        for problem in lp.problems:
            parts += [(problem.format() + "\n", "bold")]
            if problem.line and lines:
                lo = max(1, problem.line - CONTEXT_LINES)
                hi = min(len(lines), problem.line + CONTEXT_LINES)
                for n in range(lo, hi + 1):
                    marker = "▶" if n == problem.line else " "
                    style = "bold" if n == problem.line else "dim"
                    parts += [(f" {marker}{n:>5} │ ", style), (lines[n - 1] + "\n", style)]
            parts.append("\n")
        with VerticalScroll(id="broken-scroll"):
            yield Static(assemble(*parts), id="broken-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#broken-scroll").focus()
        self.kam.portfolio_changed.subscribe(self, self._portfolio_changed, immediate=True)

    def relabelled(self, kept: None) -> None:
        """Composed again in another language: the focus back on the text."""
        self.query_one("#broken-scroll").focus()

    def _portfolio_changed(self, ids: set[str]) -> None:
        if self.loaded.id in ids:
            self.follow_the_file()

    def on_screen_resume(self) -> None:
        self.follow_the_file()  # it may have changed while a dialog or the help was on top

    def follow_the_file(self) -> None:
        """Show the file as it is now: its new problems, or the editor once it is valid."""
        current = self.kam.portfolio.plans.get(self.loaded.id)
        if current is None:
            if not self.gone:
                self.gone = True
                self._show_again()
            return
        if current.plan is not None and not current.errors:
            if self.app.screen is self:  # else: when it is on top again
                from kamtui.tui.screens.account import AccountScreen

                self.app.switch_screen(AccountScreen(current))
                self.kam.say(
                    _("{file} is valid again: opened for editing.").format(file=current.path.name)
                )
            return
        if current.digest != self.loaded.digest or self.gone:
            self.loaded, self.gone = current, False
            self._show_again()

    def _show_again(self) -> None:
        self.refresh(recompose=True)
        self.call_after_refresh(lambda: self.query_one("#broken-scroll").focus())
