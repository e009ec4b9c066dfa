"""A modal form for the lines that replace one merge conflict, typed by the user.

Above the text area, the conflict as the resolution screen shows it (base, ours, theirs), to
copy from; the text area starts with the lines chosen so far (else ours, or theirs when ours has
none). Keyboard first, like kamtui/tui/screens/record_form.py: `ctrl+s` confirms, `escape`
cancels (asking first if something was typed), `tab` goes to the buttons.

| Key | Action |
|---|---|
| `ctrl+s` | use these lines |
| `escape` | cancel |
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from kamtui.git.conflicts import Conflict
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.tui.safe import assemble, plain
from kamtui.tui.widgets.conflict_card import ConflictView
from kamtui.tui.widgets.safe_input import UNWANTED_IN_TEXT
from kamtui.tui.widgets.safe_text_area import SafeTextArea


class ConflictEditor(ModalScreen[str | None]):
    """See the module docstring. Dismisses with the text typed, or ``None`` on cancel."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="conflictedit.cancel"),
        Binding("ctrl+s", "submit", N_("Use these lines"), priority=True, id="conflictedit.submit"),
    ]

    def __init__(self, title: str, conflict: Conflict, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.conflict = conflict
        # a file may hold control characters (a hand edit): never sent to the terminal
        self.text = UNWANTED_IN_TEXT.sub("", text)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form", id="conflict-editor"):
            yield Label(plain(self.title_text), classes="dialog-title")
            with VerticalScroll(id="conflict-editor-sides"):
                yield ConflictView(self.conflict)
            yield Static(plain(self._intro()), id="conflict-editor-intro")
            yield SafeTextArea(
                self.text,
                id="conflict-lines",
                soft_wrap=False,
                tab_behavior="focus",
                compact=True,
                highlight_cursor_line=False,
            )
            yield Static(self._keys(), classes="form-keys", id="conflict-editor-keys")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Use these lines"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#conflict-lines", SafeTextArea).focus()

    async def recompose(self) -> None:
        """The language changed (kamtui/tui/app.py): the words again, in place. The text area
        stays as it is, with what was typed and its cursor (one composed again in a modal
        screen is drawn before its styles are set, and Textual fails on it)."""
        self.query_one("#conflict-editor-intro", Static).update(plain(self._intro()))
        self.query_one("#conflict-editor-keys", Static).update(self._keys())
        self.query_one("#ok", Button).label = _("Use these lines")
        self.query_one("#cancel", Button).label = _("Cancel")
        self.query_one(ConflictView).show()

    @staticmethod
    def _intro() -> str:
        return _("The lines that replace the conflict (TOML, as in the file):")

    @staticmethod
    def _keys() -> Content:
        return assemble(
            ("^s", "bold"),
            " " + _("use these lines") + " · ",
            ("esc", "bold"),
            " " + _("cancel"),
        )

    @property
    def typed(self) -> str:
        return self.query_one("#conflict-lines", SafeTextArea).text

    def action_submit(self) -> None:
        self.dismiss(self.typed)

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if self.typed == self.text:
            self.dismiss(None)
            return
        from kamtui.tui.screens.dialogs import ConfirmDialog

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(_("Discard what you typed?"), _("Discard"), _("Keep editing")), answer
        )
