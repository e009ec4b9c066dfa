"""Helpers shared by the Pilot tests of the app."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, TypeVar

from rich.console import Console
from rich.segment import Segment
from textual.pilot import Pilot
from textual.screen import Screen

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
