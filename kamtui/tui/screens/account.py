"""The account view (read-only for now) and the view of a plan file that has errors.

| Key | Action |
|---|---|
| `escape` | back to the portfolio |
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from kamtui.plan_file import LoadedPlan
from kamtui.tui.plan_render import render_plan
from kamtui.tui.safe import assemble
from kamtui.tui.widgets.key_bar import KeyBar

CONTEXT_LINES = 2


class AccountScreen(Screen[None]):
    """One account's plan, the three questions in order."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="account.back")]

    def __init__(self, loaded: LoadedPlan) -> None:
        super().__init__()
        self.loaded = loaded

    def compose(self) -> ComposeResult:
        plan = self.loaded.plan
        assert plan is not None
        with VerticalScroll(id="plan-scroll"):
            yield Static(render_plan(plan, self.app.today()), id="plan-text")  # type: ignore[attr-defined]
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#plan-scroll").focus()

    def refresh_plans(self) -> None:
        """The portfolio changed: show the plan as it is now on disk."""
        current = self.app.portfolio.plans.get(self.loaded.id)  # type: ignore[attr-defined]
        text = self.query_one("#plan-text", Static)
        if current is None:
            text.update(
                assemble(
                    (f" {self.loaded.path.name} is gone from the workspace ", "bold reverse"),
                    "\n(deleted or renamed on disk)",
                )
            )
        elif current.digest != self.loaded.digest:
            self.loaded = current
            if current.plan is None or current.errors:
                text.update(
                    assemble(
                        (f" {current.path.name} now has errors ", "bold reverse"),
                        "\n",
                        *(p.format() + "\n" for p in current.errors),
                    )
                )
            else:
                text.update(render_plan(current.plan, self.app.today()))  # type: ignore[attr-defined]


class BrokenPlanScreen(Screen[None]):
    """A plan file with errors: each problem and the lines around it. Read-only."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="broken.back")]

    def __init__(self, loaded: LoadedPlan) -> None:
        super().__init__()
        self.loaded = loaded

    def compose(self) -> ComposeResult:
        lp = self.loaded
        parts: list[str | tuple[str, str]] = [
            (f" {lp.path.name} cannot be used ", "bold reverse"),
            "\nIt is shown read-only and will not be saved over. Fix it in your editor (or "
            "resolve the merge) and it reloads by itself.\n\n",
        ]
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
