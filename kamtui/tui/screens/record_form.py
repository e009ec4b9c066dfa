"""A modal form for one record (a person, a competitor, an objective, an action, a text field).

Keyboard first: `tab` / `shift+tab` move between fields, `enter` in a one-line field or
`ctrl+s` anywhere confirms, `escape` cancels (asking first if something was typed). Every field
is parsed by :mod:`kamtui.plan.fields`; a message appears under each field that is wrong and the
first one gets the focus. The form returns the parsed values; the caller applies them.

| Key | Action |
|---|---|
| `tab` / `shift+tab` | next / previous field |
| `enter` | confirm (in a one-line field) |
| `ctrl+s` | confirm (anywhere, also in a text area) |
| `escape` | cancel |
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from kamtui.plan.fields import FieldSpec, parse_values
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line
from kamtui.tui.safe import assemble, plain
from kamtui.tui.widgets.safe_input import UNWANTED, UNWANTED_IN_TEXT, SafeInput
from kamtui.tui.widgets.safe_text_area import SafeTextArea

Values = dict[str, Any]


class RecordForm(ModalScreen[Values | None]):
    """See the module docstring. Dismisses with the parsed values, or ``None`` on cancel."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
        Binding("ctrl+s", "submit", N_("OK"), priority=True, id="form.submit"),
        # Priority: acted on as the key arrives, so keys typed behind a tab in one burst (a
        # fast typist, a slow SSH link) go to the next field, not into the one it left.
        Binding(
            "tab", "app.focus_next", N_("Next field"), show=False, priority=True, id="form.next"
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            N_("Previous field"),
            show=False,
            priority=True,
            id="form.previous",
        ),
    ]

    def __init__(
        self,
        title: str,
        specs: list[FieldSpec],
        texts: dict[str, str],
        today: dt.date,
        *,
        intro: str = "",
        ok: str | None = None,
        cancel: str | None = None,
        choices: dict[str, list[tuple[str, str]]] | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.specs = specs
        self.texts = {
            # stored text may hold control characters (a hand edit): never sent to the terminal
            name: (UNWANTED_IN_TEXT if _multiline(specs, name) else UNWANTED).sub("", text)
            for name, text in texts.items()
        }
        self.today = today
        self.intro = intro
        self.ok = ok if ok is not None else _("OK")
        self.cancel = cancel if cancel is not None else _("Cancel")
        self.choices = choices or {}
        """Choices given by the caller (an action's objective: id → title), overriding enums."""
        self._typed: dict[str, str] = {}
        """What was typed, kept while the form is composed again in another language."""

    # -- building --------------------------------------------------------------------------

    def _choices(self, spec: FieldSpec) -> list[tuple[str, str]] | None:
        if spec.name in self.choices:
            return self.choices[spec.name]
        if spec.kind == "enum":
            return list(spec.choices)
        return None

    def _widget(self, spec: FieldSpec) -> Widget:
        text = self._typed.get(spec.name, self.texts.get(spec.name, ""))
        wid = f"field-{spec.name}"
        choices = self._choices(spec)
        if choices is not None:
            # Text, not markup; and Text (not Content) so that typing in the open list finds
            # an option
            options = [(Text(one_line(_(label))), value) for value, label in choices]
            known = {value for value, _ in choices}
            return Select(
                options,
                prompt=_("— not set —"),
                allow_blank=not spec.required,
                value=text if text in known else Select.NULL,
                id=wid,
                compact=True,
            )
        if spec.multiline:
            area = SafeTextArea(
                UNWANTED_IN_TEXT.sub("", text),
                id=wid,
                soft_wrap=True,
                tab_behavior="focus",
                compact=True,
                highlight_cursor_line=False,
            )
            area.styles.height = 5 if len(self.specs) > 1 else 10
            return area
        # Not selected on focus: the first key typed must not wipe the value being edited.
        return SafeInput(
            value=UNWANTED.sub("", text),
            placeholder=_(spec.hint) if spec.hint else "",
            id=wid,
            compact=True,
            select_on_focus=False,
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(plain(self.form_title), classes="dialog-title")
            if self.intro:
                yield Static(plain(self.intro, multiline=True), classes="form-intro")
            with VerticalScroll(classes="form-fields"):
                for spec in self.specs:
                    with Horizontal(classes="form-row"):
                        star = " *" if spec.required else ""
                        yield Label(plain(_(spec.label) + star), classes="form-label")
                        with Vertical(classes="form-input"):
                            yield self._widget(spec)
                            yield Static("", id=f"error-{spec.name}", classes="form-error")
            yield Static(
                assemble(
                    ("enter", "bold"),
                    "/",
                    ("^s", "bold"),
                    f" {self.ok.lower()} · ",
                    ("esc", "bold"),
                    f" {self.cancel.lower()} · ",
                    ("tab", "bold"),
                    _(" next field"),
                ),
                classes="form-keys",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.ok, variant="primary", id="ok")
                yield Button(self.cancel, id="cancel")

    def on_mount(self) -> None:
        if self.specs:
            self.query_one(f"#field-{self.specs[0].name}").focus()

    def relabelling(self) -> None:
        """About to be composed again in another language (kamtui/tui/app.py): keep what
        was typed (the labels change, the values stay), for :meth:`compose` to read."""
        self._typed = self.current_texts()

    def relabelled(self, kept: None) -> None:
        self._typed = {}
        self.on_mount()

    # -- reading ---------------------------------------------------------------------------

    def current_texts(self) -> dict[str, str]:
        out = {}
        for spec in self.specs:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                value = widget.value
                out[spec.name] = "" if value is Select.NULL else str(value)
            elif isinstance(widget, TextArea):
                out[spec.name] = widget.text
            elif isinstance(widget, Input):
                out[spec.name] = widget.value
        return out

    def _changed(self) -> bool:
        now = self.current_texts()
        return any(now[s.name] != self.texts.get(s.name, "") for s in self.specs)

    # -- confirming ------------------------------------------------------------------------

    def action_submit(self) -> None:
        texts = self.current_texts()
        values, errors = parse_values(self.specs, texts, self.today)
        for spec in self.specs:
            box = self.query_one(f"#error-{spec.name}", Static)
            box.update(plain(errors.get(spec.name, "")))
            box.set_class(spec.name in errors, "-shown")
            self.query_one(f"#field-{spec.name}").set_class(spec.name in errors, "-wrong")
        if errors:
            first = next(s for s in self.specs if s.name in errors)
            self.query_one(f"#field-{first.name}").focus()
            return
        # choices given by the caller are plain strings (ids), not enum values
        self.dismiss(values)

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if not self._changed():
            self.dismiss(None)
            return
        from kamtui.tui.screens.dialogs import ConfirmDialog

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(_("Discard what you typed?"), _("Discard"), _("Keep editing")), answer
        )


def _multiline(specs: list[FieldSpec], name: str) -> bool:
    return any(s.name == name and s.multiline for s in specs)
