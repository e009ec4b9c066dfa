"""What the three step panes share: a scrolling column of titled sections."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from kamtui.plan.model import AccountPlan
from kamtui.tui.editing import PlanEditor
from kamtui.tui.safe import plain


class StepPane(VerticalScroll, can_focus=False):
    """A step of the account screen. ``show`` redraws it from the plan; ``what`` names the part
    that changed (a table id), so a pane may redraw only that."""

    DEFAULT_CSS = """
    StepPane {
        padding: 0 1;
    }
    """

    def __init__(self, editor: PlanEditor, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.editor = editor

    def show(self, plan: AccountPlan, what: str = "all") -> None:
        raise NotImplementedError


def section_title(text: str) -> Static:
    return Static(plain(text), classes="section-title")
