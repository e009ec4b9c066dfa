"""Helpers shared by the Pilot tests of the app."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from kamtui.tui.app import KamApp
from kamtui.tui.screens.dashboard import DashboardScreen


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
