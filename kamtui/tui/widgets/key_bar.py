"""A one-line key bar: the keys of the current screen, as Textual's Footer shows them.

With ``follow_focus`` it also shows the keys of the focused widget and its containers (the
account screen's sections each have their own keys) and follows the focus.

Textual's ``Footer`` builds a widget per binding and recomputes on every focus change; on the
dashboard it cost a third of the start-up time. The screens' keys are fixed, so one line of
text built once does the same job.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static

from kamtui.text.i18n import gettext as _
from kamtui.text.i18n import pgettext
from kamtui.tui.keymap import key_display, key_list
from kamtui.tui.safe import assemble


class KeyBar(Static):
    """The screen's shown bindings (``key description``), then the app's, then the palette."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, *, follow_focus: bool = False, first: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.follow_focus = follow_focus
        self.first = first
        """Ids of the screen's bindings to show before the focused widget's (save, back)."""

    def on_mount(self) -> None:
        self._show()
        if self.follow_focus:
            self.watch(self.screen, "focused", lambda _: self._show(), init=False)

    def on_resize(self) -> None:
        if self.follow_focus:
            self._show()

    def _show(self) -> None:
        items: list[tuple[str, str]] = []
        seen: set[str] = set()
        owners: list[object] = []
        if self.follow_focus:
            node = self.screen.focused
            while node is not None and node is not self.screen:
                owners.append(node)
                node = node.parent  # type: ignore[assignment]
        screen_keys = [b for b in self.screen.BINDINGS if isinstance(b, Binding)]
        bindings: list[object] = [b for b in screen_keys if b.id in self.first]
        bindings += [b for owner in owners for b in declared_bindings(owner)]
        bindings += [*screen_keys, *self.app.BINDINGS]  # as declared, not inherited
        help_item: tuple[str, str] | None = None
        # keys shown already: a key the focused section binds hides the screen's binding of
        # the same key (the section's acts: Textual asks the focused widget first)
        taken: set[str] = set()
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.show:
                continue
            if binding.description in seen:
                continue
            keys = set(key_list(self.app, binding))
            if keys <= taken:
                continue
            taken |= keys
            seen.add(binding.description)
            # the user's keys; the description in the language in use (marked N_ where declared)
            item = (key_display(self.app, binding), binding_words(binding.description))
            if binding.action == "help":
                help_item = item  # always shown, last: it lists what did not fit
            else:
                items.append(item)
        items.append(("^p", _("palette")))
        tail = [help_item] if help_item else []
        # When the keys do not fit, the last ones (the app's, then the screen's) give way.
        budget = self.size.width or self.app.size.width
        budget -= sum(len(f" {k} {d} ") for k, d in tail)
        parts: list[str | tuple[str, str]] = []
        for key, description in items + tail:
            cost = len(f" {key} {description} ")
            if (key, description) not in tail:
                if cost > budget:
                    continue
                budget -= cost
            parts += [(f" {key}", "bold"), f" {description} "]
        self.update(assemble(*parts))


def binding_words(description: str) -> str:
    """A binding's description (marked ``N_`` where declared) in the language in use. A word
    that another part of kamtui translates otherwise (``New``: the ABC analysis's new
    customers) has its own words as a key under the context ``key``, marked ``NP_("key", …)``
    where the binding is declared (kamtui/text/i18n.py)."""
    words = pgettext("key", description)
    return words if words != description else _(description)


def declared_bindings(owner: object) -> list[Binding]:
    """The bindings kamtui's classes declare for *owner*, its bases' included (subclass
    first); Textual's own (scrolling, focus) are left out. Their keys are the declared ones:
    ask kamtui/tui/keymap.py for those in force (the user's keymap)."""
    out: list[Binding] = []
    for cls in type(owner).__mro__:
        if cls.__module__.startswith("textual."):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                out.append(binding)
    return out
