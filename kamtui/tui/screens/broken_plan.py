"""The view of a plan file that has errors: each problem with the lines around it, read-only.

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

from kamtui.plan.file import LoadedPlan
from kamtui.tui.safe import assemble
from kamtui.tui.widgets.key_bar import KeyBar

CONTEXT_LINES = 2


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
