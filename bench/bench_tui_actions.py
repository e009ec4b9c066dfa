"""The actions view (kamtui/tui/screens/actions.py) on 2,000 accounts × 10 open actions: 20,000
rows, every owner's.

Three figures, each against its target (the reference printed is the target itself):

- **first paint** <= 300 ms: from ``t`` on the dashboard of a loaded workspace to the end of
  the first repaint of the actions view with its 20,000 rows; median of 5 openings, twice:
  plans parsed at start (no plan cache), and plans from a warm plan cache. "Loaded": after
  the dashboard's first paint the app unpickles the cached plans and lists their open actions
  in a worker (kamtui/tui/app.py, about a second for 2,000 plans); the view is timed once
  that is done. ``t`` pressed before then is printed too, for information;
- **cursor** <= 33 ms: keypress (``down``) to repaint, median of 60 presses;
- **status change** <= 50 ms: ``space`` on a todo action to the repaint that shows it in
  progress, the plan saved on disk in between (checked), median of 30 presses.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import DATA, report
from bench._latency import instrument, key_latencies, pause_until
from bench.gen_workspace import make_plan
from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import ActionStatus

TODAY = dt.date(2026, 11, 30)
ACCOUNTS = 2000
ROWS = ACCOUNTS * 10
SIZE = (120, 40)
OPEN = (ActionStatus.TODO, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED)


def workspace() -> Path:
    """2,000 generated plans whose ten actions are all open (made once)."""
    folder = DATA / f"actions-{ACCOUNTS}"
    if (folder / ".complete").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(ACCOUNTS)
    for i in range(ACCOUNTS):
        plan = make_plan(i, rng)
        for action in plan.how_to_get_there.actions.values():
            action.status = rng.choice(OPEN)
            action.progress = 0 if action.status is ActionStatus.TODO else action.progress
            action.completed = None
        (folder / f"{plan.id}.toml").write_text(dumps_plan(plan), encoding="utf-8")
    (folder / ".complete").touch()
    return folder


def make(folder: Path, cache_file: Path | None) -> Any:
    from kamtui.store.cache import PlanCache
    from kamtui.store.workspace import Workspace
    from kamtui.tui.factory import make_app

    cache = PlanCache(cache_file) if cache_file is not None else None
    return make_app(
        Workspace(folder), today=TODAY, watch_interval=None, keymap={}, owner=None, cache=cache
    )


async def first_paint(folder: Path, cache_file: Path | None, *, at_once: bool = False) -> float:
    """Seconds from ``t`` to the end of the first repaint of the view with all its rows;
    *at_once*: ``t`` as soon as the dashboard shows, before the background work is done."""
    from kamtui.tui.screens.actions import ActionsScreen

    app = make(folder, cache_file)
    async with app.run_test(size=SIZE) as pilot:
        await pause_until(pilot, lambda: app.loaded_once, "the workspace")
        # loaded: the cache stored, and the plans the cache gave unpickled (in the background
        # after the first paint of the dashboard: about a second for 2,000 plans)
        if not at_once:
            await pause_until(pilot, lambda: app.plans_unpickled, "the plans")
            await pilot.pause(0.3)
        stamps: list[float] = []
        original = ActionsScreen._compositor_refresh

        def timed(screen: Any) -> None:
            original(screen)
            if screen.is_current and screen.table.row_count == ROWS:
                stamps.append(time.perf_counter())

        ActionsScreen._compositor_refresh = timed  # type: ignore[method-assign]
        try:
            start = time.perf_counter()
            await pilot.press("t")
            await pause_until(pilot, lambda: stamps, "the actions view's rows")
        finally:
            ActionsScreen._compositor_refresh = original  # type: ignore[method-assign]
        return stamps[0] - start


async def cursor_and_status(folder: Path) -> tuple[list[float], list[float]]:
    from kamtui.plan.file import read_plan
    from kamtui.tui.screens.actions import ActionsScreen
    from kamtui.tui.widgets.actions_table import split_key

    app = make(folder, None)
    async with app.run_test(size=SIZE) as pilot:
        await pause_until(pilot, lambda: app.loaded_once, "the workspace")
        await pilot.press("t")
        await pause_until(pilot, lambda: isinstance(app.screen, ActionsScreen), "the view")
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        await pause_until(pilot, lambda: screen.table.row_count == ROWS, "the rows")
        await pilot.pause(0.3)

        async def ready() -> None:
            await pilot.pause()

        cursor = await key_latencies(pilot, app, ["down"] * 60, ready)

        stamps = instrument(screen)
        shown: list[float] = []
        original = screen._portfolio_changed

        def timed_change(ids: set[str]) -> None:
            original(ids)
            shown.append(time.perf_counter())

        # the signal holds the bound method: subscribe the timed one in its place
        app.portfolio_changed.unsubscribe(screen)
        app.portfolio_changed.subscribe(screen, timed_change, immediate=True)
        status: list[float] = []
        for _ in range(30):
            while (row := screen.table.selected_row) is None or row.status is not ActionStatus.TODO:
                await pilot.press("down")
            key = screen.table.selected_key
            assert key is not None
            plan_id, action_id = split_key(key)
            shown.clear()
            start = time.perf_counter()
            await pilot.press("space")
            await pause_until(
                pilot,
                lambda: screen.table.rows[key].status is ActionStatus.IN_PROGRESS,  # noqa: B023
                "the change",
                timeout=10,
            )
            changed_at = shown[-1]
            await pause_until(pilot, lambda: stamps and stamps[-1] > changed_at, "the repaint")  # noqa: B023
            status.append(next(s for s in stamps if s > changed_at) - start)
            plan = read_plan(folder / f"{plan_id}.toml").plan
            assert plan is not None
            if plan.how_to_get_there.actions[action_id].status is not ActionStatus.IN_PROGRESS:
                raise SystemExit(f"{key}: the change is not in the file")
            await pilot.pause()
    return cursor, status


def main() -> int:
    import shutil

    source = workspace()
    ok = True
    with tempfile.TemporaryDirectory(prefix="kamtui-bench-actions-") as tmp:
        folder = Path(tmp) / "ws"
        shutil.copytree(source, folder)
        cache_file = Path(tmp) / "plans.cache"
        asyncio.run(first_paint(folder, cache_file))  # warms the plan cache
        for label, cache in (("plans parsed at start", None), ("warm plan cache", cache_file)):
            times = [asyncio.run(first_paint(folder, cache)) * 1000 for _ in range(5)]
            ok &= report(
                f"actions view first paint, {ROWS:,} rows, {label} (median of 5)",
                statistics.median(times),
                300.0,
                1.0,
                unit="ms",
            )
        at_once = statistics.median(
            [asyncio.run(first_paint(folder, cache_file, at_once=True)) * 1000 for _ in range(3)]
        )
        print(
            f"for information: t pressed as soon as the dashboard shows (the plans not yet "
            f"unpickled nor their actions listed), warm plan cache: {at_once:.0f} ms",
            flush=True,
        )
        cursor, status = asyncio.run(cursor_and_status(folder))
        ok &= report(
            f"actions view cursor (down), {ROWS:,} rows (median of {len(cursor)})",
            statistics.median(cursor) * 1000,
            33.0,
            1.0,
            unit="ms",
        )
        ok &= report(
            f"actions view status change with its save (space), {ROWS:,} rows "
            f"(median of {len(status)})",
            statistics.median(status) * 1000,
            50.0,
            1.0,
            unit="ms",
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
