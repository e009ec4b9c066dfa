"""The difference between the plan file on disk and the edits not saved yet, read-only.

| Key | Action |
|---|---|
| `escape` / `q` | back |
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.tui.safe import assemble, plain


class DiffScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", N_("Back"), id="diff.back")]

    def __init__(self, title: str, lines: list[str], styles: dict[str, str]) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.line_styles = styles

    def compose(self) -> ComposeResult:
        parts: list[str | tuple[str, str]] = []
        for line in self.lines or [_("(no difference)")]:
            if line.startswith("+") and not line.startswith("+++"):
                style = self.line_styles.get("success", "bold")
            elif line.startswith("-") and not line.startswith("---"):
                style = self.line_styles.get("error", "bold")
            elif line.startswith("@@"):
                style = "dim"
            else:
                style = ""
            parts.append((line + "\n", style))
        with Vertical(classes="dialog wide"):
            yield Label(plain(self.title_text), classes="dialog-title")
            with VerticalScroll(id="diff-scroll"):
                yield Static(assemble(*parts), id="diff-text")
            yield Static(
                assemble(("esc", "bold"), " " + _("back to the choice")), classes="form-keys"
            )

    def on_mount(self) -> None:
        self.query_one("#diff-scroll").focus()
