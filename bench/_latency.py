"""Keypress-to-repaint latency inside a headless app (used by the TUI benchmarks).

The time from sending a key until the screen's compositor has finished the repaint that
follows it, via a wrapper around the screen's refresh (Textual internals: benchmark only).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen


def instrument(screen: Screen[Any]) -> list[float]:
    """Record the end time of every repaint of *screen*."""
    stamps: list[float] = []
    original = screen._compositor_refresh

    def timed() -> None:
        original()
        stamps.append(time.perf_counter())

    screen._compositor_refresh = timed  # type: ignore[method-assign]
    return stamps


async def key_latencies(
    pilot: Pilot[Any], app: App[Any], keys: list[str], ready: Callable[[], Awaitable[None]]
) -> list[float]:
    """Seconds from each key press to the end of the repaint that follows it."""
    await ready()
    stamps = instrument(app.screen)
    out = []
    for key in keys:
        start = time.perf_counter()
        await pilot.press(key)
        for _ in range(2000):
            if stamps and stamps[-1] > start:
                break
            await asyncio.sleep(0.0005)
        out.append(stamps[-1] - start)
        await pilot.pause()
    return out


async def pause_until(
    pilot: Pilot[Any],
    condition: Callable[[], object],
    what: str,
    timeout: float = 60.0,
    poll: float = 0.01,
) -> None:
    """Let the app run until *condition* holds, looking every *poll* seconds; stop the benchmark
    (naming *what* it waited for) after *timeout* seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        await pilot.pause(poll)


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000
