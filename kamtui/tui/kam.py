"""The one typed way for screens, widgets and the palette to reach the kamtui app.

Textual types ``node.app`` as a plain ``App``; kamtui's screens need its workspace, portfolio,
clock and notifications. :func:`kam_of` and :class:`KamScreen` give them the app as
:class:`~kamtui.tui.app.KamApp` without a ``type: ignore`` at every use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from textual.app import App

    from kamtui.tui.app import KamApp

ResultT = TypeVar("ResultT")


class _HasApp(Protocol):
    @property
    def app(self) -> App[object]: ...


def kam_of(node: _HasApp) -> KamApp:
    """The running kamtui app of *node* (a widget, a screen, a palette provider)."""
    return cast("KamApp", node.app)


class KamScreen(Screen[ResultT]):
    """A screen of kamtui: ``self.kam`` is the app, typed."""

    @property
    def kam(self) -> KamApp:
        return kam_of(self)


def shown_now(screen: Screen[Any]) -> bool:
    """Whether *screen* can be seen: it is on top, or a dialog (a modal screen) is over it.
    (Textual's ``Screen.is_current`` also counts the screen under a full-screen one.)"""
    from textual.screen import ModalScreen

    top = screen.app.screen
    below_a_dialog = isinstance(top, ModalScreen) and screen in screen.app.screen_stack[-2:]
    return top is screen or below_a_dialog
