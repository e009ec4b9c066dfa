"""Helpers shared by the Pilot tests of the app."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from rich.console import Console
from rich.segment import Segment
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

import kamtui.tui.workers as workers_module
from kamtui.tui.app import KamApp
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.dashboard import DashboardScreen
from kamtui.tui.widgets.keyed_table import KeyedTable

S = TypeVar("S", bound=Screen[Any])


async def wait_for(
    pilot: Pilot[None], condition: Callable[[], object], timeout: float = 8.0
) -> None:
    """Poll *condition* until true; fail the test (not hang) when it never becomes true."""
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition(), "condition not met in time"


def key_event(key: str) -> events.Key:
    """The key event for *key*: one character (``a``, ``%``, ``É``) as a terminal sends it, or
    a key name (``tab``, ``ctrl+s``, ``space``) as ``pilot.press`` takes it."""
    if len(key) == 1:
        return events.Key(key if key.isalnum() else _character_to_key(key), key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        char = None
    return events.Key(key, char)


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Send *keys* the way a terminal delivers keys that arrive in one read (a fast typist, a
    paste of plain text, keys typed ahead over a slow link): all of them through the driver at
    once, then wait for the app to go idle. ``pilot.press`` instead waits for the app to go
    idle after every single key (~70 ms a key, much more while a screen repaints)."""
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type *text* into the focused widget like a fast typist: each line's characters as one
    :func:`burst`, the enter key between lines (a newline: only sensible in a text area).

    The fast way to fill inputs, prompts and the command palette. Tests about how keys typed
    one by one are handled keep ``pilot.press`` (the dashboard filter's, the hostile names')."""
    for i, line in enumerate(text.split("\n")):
        if i:
            await pilot.press("enter")
        if line:
            await burst(pilot, *line)


async def tab_to(pilot: Pilot[None], widget: Widget, key: str = "tab") -> None:
    """Move the focus to *widget* with tab (or shift+tab): as many as the screen's focus chain
    says in one burst, then one at a time should the focus still be elsewhere (a deferred
    focus move)."""
    app = pilot.app
    chain = app.screen.focus_chain
    if widget in chain and app.focused in chain:
        here, there = chain.index(app.focused), chain.index(widget)  # type: ignore[arg-type]
        steps = (there - here) % len(chain) if key == "tab" else (here - there) % len(chain)
        if steps:
            await burst(pilot, *[key] * steps)
    for _ in range(len(chain) + 1):
        if app.focused is widget:
            return
        await pilot.press(key)
    raise AssertionError(f"{key} never reached {widget}; the focus is on {app.focused}")


async def settled(pilot: Pilot[None]) -> None:
    """Until none of the app's workers (loading, writing, checking: thread workers) is running
    any more and the app is idle. For "nothing (else) happens" checks. Not for an app with a
    folder watcher, which runs until the app ends: see :class:`WatcherPolls`."""
    app = pilot.app
    await wait_for(pilot, lambda: all(w.is_finished for w in app.workers))
    await pilot.pause()


class WatcherPolls:
    """Counts the folder watcher's looks at the workspace (``watch_workspace`` in
    ``kamtui/tui/workers.py`` takes a ``snapshot`` of the folder at every tick), so that a
    test waits for "the watcher looked again" instead of a fixed time."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = workers_module.snapshot

        def counting(root: Any) -> Any:
            self.count += 1  # before the look: a look counted after a write sees it
            return original(root)

        monkeypatch.setattr(workers_module, "snapshot", counting)

    async def settle(self, pilot: Pilot[None], polls: int = 3) -> None:
        """Until the watcher has started *polls* more looks, then the app is idle. A change
        made before is acted on at the second look that sees it (the watcher waits for two
        looks in a row to agree) and posted before the third starts: 3 (the default) means
        whatever was on disk has been reported and handled."""
        target = self.count + polls
        await wait_for(pilot, lambda: self.count >= target)
        await pilot.pause()


async def started(app: KamApp, pilot: Pilot[None]) -> DashboardScreen:
    """Wait until the dashboard shows the loaded workspace; return it."""
    await wait_for(pilot, lambda: app.loaded_once and isinstance(app.screen, DashboardScreen))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    await wait_for(pilot, lambda: screen.table.row_count > 0)
    return screen


async def wait_for_screen(pilot: Pilot[None], kind: type[S]) -> S:
    """Wait until the screen on top is a *kind* (a dialog, a form, …); return it."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, kind))
    screen = app.screen
    assert isinstance(screen, kind), screen
    return screen


async def open_account(app: KamApp, pilot: Pilot[None], plan_id: str) -> AccountScreen:
    """From the dashboard, the way a user does it: highlight the account's row, enter. Returns
    the account screen as soon as it shows *plan_id* (its first refresh may still be due)."""
    dashboard = await started(app, pilot)
    dashboard.table.select(plan_id)
    await pilot.pause()
    await pilot.press("enter")
    screen = await wait_for_screen(pilot, AccountScreen)
    assert screen.loaded.id == plan_id
    return screen


async def cursor_to(pilot: Pilot[None], table: KeyedTable, key: str) -> None:
    """Walk the table's cursor with the keyboard (up/down) to the row of *key*."""
    target = table.row_ids().index(key)
    for _ in range(table.row_count + 1):
        if table.cursor_row == target:
            break
        await pilot.press("down" if table.cursor_row < target else "up")
    assert table.selected_key == key


def rendered(app: KamApp) -> tuple[str, list[Segment]]:
    """The screen as a terminal would get it: plain text and the text segments."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    segments = [s for s in console._record_buffer if not s.control]
    return console.export_text(styles=False), segments


def screen_text(app: KamApp) -> str:
    """What the terminal shows, as plain text (like ``export_screenshot``, minus the SVG)."""
    return rendered(app)[0]
