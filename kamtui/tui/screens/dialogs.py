"""Small modal dialogs: confirm, ask for a line of text."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.tui.safe import plain
from kamtui.tui.widgets.safe_input import SafeInput

DIALOG_WIDTH = 64
"""The width of a dialog whose buttons fit in it (wider when they do not, up to the screen)."""
BUTTON_MIN = 16
"""Textual's Button: at least 16 cells, else the label and its border (2)."""
BUTTON_GAP = 2
"""The margin left of each button (kamtui.tcss, .dialog-buttons Button)."""
FRAME = 6
"""A dialog's border (2) and padding (4) around its content (kamtui.tcss, .dialog)."""


def button_width(label: str) -> int:
    return BUTTON_GAP + max(BUTTON_MIN, cell_len(label) + 2)


def button_rows(buttons: list[Button], screen_width: int) -> tuple[int, list[Horizontal]]:
    """How wide a dialog must be for its *buttons*, and the buttons in rows: all on one row
    when the screen is wide enough, else on as many rows as needed, never a button cut."""
    room = max(BUTTON_MIN + BUTTON_GAP, screen_width * 9 // 10 - FRAME)  # .dialog max-width: 90%
    rows: list[list[Button]] = [[]]
    used = 0
    for button in buttons:
        width = button_width(str(button.label))
        if rows[-1] and used + width > room:
            rows.append([])
            used = 0
        rows[-1].append(button)
        used += width
    widest = max(sum(button_width(str(b.label)) for b in row) for row in rows)
    width = max(DIALOG_WIDTH, min(widest, room) + FRAME)
    return width, [Horizontal(*row, classes="dialog-buttons") for row in rows]


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question. ``y``/enter on Yes confirms, ``n``/escape cancels."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", N_("No"), id="confirm.no"),
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes"),
    ]

    def __init__(self, question: str, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.yes = yes if yes is not None else _("Yes")
        self.no = no if no is not None else _("No")
        self.is_quit_question = False
        """The app's "quit anyway?" (a second quit key while it is open does nothing)."""

    def compose(self) -> ComposeResult:
        width, rows = button_rows(
            [
                Button(plain(f"{self.yes} (y)"), variant="primary", id="yes"),
                Button(plain(f"{self.no} (n)"), id="no"),
            ],
            self.app.size.width,
        )
        with Vertical(classes="dialog") as box:
            box.styles.width = width
            yield Static(plain(self.question, multiline=True), classes="dialog-text")
            yield from rows

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; enter confirms (non-empty), escape cancels."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="prompt.cancel")]

    def __init__(
        self, title: str, placeholder: str = "", value: str = "", empty: str | None = None
    ) -> None:
        super().__init__()
        self.title_text, self.placeholder, self.value = title, placeholder, value
        self.empty = empty if empty is not None else _("Please type a name.")
        self._typing = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text), classes="dialog-title")
            yield SafeInput(
                value=self.value,
                placeholder=self.placeholder,
                id="prompt-input",
                # composed again in another language: typing goes on after what was typed
                select_on_focus=not self._typing,
            )
            yield Static("", id="prompt-error", classes="field-error")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def relabelling(self) -> None:
        """About to be composed again in another language (kamtui/tui/app.py): keep what
        was typed, for :meth:`compose` to read."""
        self.value = self.query_one("#prompt-input", Input).value
        self._typing = True

    def relabelled(self, kept: None) -> None:
        self.query_one("#prompt-input", Input).focus()

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.query_one("#prompt-error", Static).update(self.empty)
            return
        self.dismiss(value)


class ChoiceDialog(ModalScreen[str | None]):
    """A question with a few answers, each on its own key (shown after it).

    ``choices`` are (key, label) pairs; the dialog returns the key chosen, or ``None`` on
    escape. Buttons work too (tab + enter).
    """

    BINDINGS = [Binding("escape", "choose('')", N_("Cancel"), id="choice.cancel")]

    def __init__(self, question: str, choices: list[tuple[str, str]], title: str = "") -> None:
        super().__init__()
        self.question = question
        self.choices = choices
        self.title_text = title

    def compose(self) -> ComposeResult:
        width, rows = button_rows(
            [
                Button(
                    plain(f"{label} ({key})"),
                    id=f"choice-{key}",
                    variant="primary" if i == 0 else "default",
                )
                for i, (key, label) in enumerate(self.choices)
            ],
            self.app.size.width,
        )
        with Vertical(classes="dialog") as box:
            box.styles.width = width
            if self.title_text:
                yield Label(plain(self.title_text), classes="dialog-title")
            yield Static(plain(self.question, multiline=True), classes="dialog-text")
            yield from rows

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event: events.Key) -> None:
        for key, _label in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(key)
                return

    def action_choose(self, key: str) -> None:
        self.dismiss(key or None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-") or None)
