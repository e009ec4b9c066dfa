"""Editing latency in the account screen: one plan with 200 actions, step 3, the action table.

Keypress-to-repaint of ``space`` (next status) and ``+`` (progress +10 %) on an action in the
middle of the table, at 120x40 and 80x24: target median <= 50 ms. Every timed press is checked
to have changed the highlighted action in the working copy and in the table (so a no-op cannot
pass for a fast edit), and the repaint timed is the first one after the change was applied.
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

from bench._common import report
from bench._latency import instrument, pause_until
from bench.gen_workspace import big_plan
from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import ActionStatus

TODAY = dt.date(2026, 11, 30)
ACTIONS = 200
OBJECTIVES = 10
PRESSES = 60
TARGET_MS = 50.0
SIZES = ((120, 40), (80, 24))


async def latencies(folder: Path, size: tuple[int, int]) -> dict[str, list[float]]:
    """Seconds from key press to the repaint showing the change, per key (space, plus)."""
    from kamtui.store.workspace import Workspace
    from kamtui.tui.factory import make_app
    from kamtui.tui.panes.how_to_get_there import STATUS_LABELS, ActionTable
    from kamtui.tui.screens.account import AccountScreen

    app = make_app(Workspace(folder), today=TODAY, watch_interval=None)
    out: dict[str, list[float]] = {"space": [], "plus": []}
    async with app.run_test(size=size) as pilot:
        await pause_until(pilot, lambda: app.loaded_once, "the workspace", timeout=10.0, poll=0.02)
        await pilot.pause()
        await pilot.press("enter")
        await pause_until(
            pilot,
            lambda: isinstance(app.screen, AccountScreen),
            "the account",
            timeout=10.0,
            poll=0.02,
        )
        screen = app.screen
        assert isinstance(screen, AccountScreen)
        await pilot.press("3")
        await pause_until(pilot, lambda: screen.step == 3, "step 3", timeout=10.0, poll=0.02)
        table = screen.query_one("#actions", ActionTable)
        table.focus()
        await pilot.pause()
        ids = table.row_ids()
        if len(ids) != ACTIONS:
            raise SystemExit(f"the table shows {len(ids)} actions, expected {ACTIONS}")
        table.select_key(ids[ACTIONS // 2])
        await pilot.pause(0.3)  # tab underline animation, scrolling

        stamps = instrument(screen)
        applied: list[float] = []
        original_apply = screen.apply

        def timed_apply(*args: Any, **kwargs: Any) -> None:
            original_apply(*args, **kwargs)
            applied.append(time.perf_counter())

        screen.apply = timed_apply  # type: ignore[method-assign]

        def state(aid: str) -> tuple[ActionStatus, int]:
            a = screen.plan.how_to_get_there.actions[aid]
            return a.status, a.progress

        for key in ("space", "plus"):
            for i in range(PRESSES):
                if key == "space" and i and i % 10 == 0:
                    await pilot.press("down")  # another row now and then (not timed)
                for _ in range(ACTIONS):
                    if key == "space" or state(table.record_id or "")[0] is not ActionStatus.DONE:
                        break
                    await pilot.press("down")  # + on a done action changes nothing
                else:
                    raise SystemExit("no action left that + can change")
                aid = table.record_id
                assert aid is not None
                before = state(aid)
                applied.clear()
                start = time.perf_counter()
                await pilot.press(key)
                for _ in range(4000):
                    if applied and stamps and stamps[-1] > applied[0]:
                        break
                    await asyncio.sleep(0.0005)
                else:
                    raise SystemExit(f"{key}: no repaint after the change of {aid}")
                end = next(s for s in stamps if s > applied[0])
                out[key].append(end - start)
                after = state(aid)
                changed = after[0] != before[0] if key == "space" else after != before
                if not changed or table.record_id != aid:
                    raise SystemExit(f"{key} on {aid} did not change it: {before} → {after}")
                shown = table.get_cell(aid, "status").plain
                if shown != STATUS_LABELS[after[0]]:
                    raise SystemExit(f"{key} on {aid}: the table shows {shown!r}, not {after[0]}")
                await pilot.pause()
        if not screen.dirty:
            raise SystemExit("the plan is not marked as changed after the edits")
    return out


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory(prefix="kamtui-bench-edit-") as tmp:
        folder = Path(tmp)
        plan = big_plan(random.Random(200), TODAY, objectives=OBJECTIVES, actions=ACTIONS)
        (folder / f"{plan.id}.toml").write_text(dumps_plan(plan), encoding="utf-8")
        for width, height in SIZES:
            times = asyncio.run(latencies(folder, (width, height)))
            for key, label in (("space", "status change (space)"), ("plus", "progress (+)")):
                ms = [t * 1000 for t in times[key]]
                ok &= report(
                    f"action {label}, {ACTIONS} actions, {width}x{height} "
                    f"(median of {len(ms)} presses; p90 {p90(ms):.1f} ms)",
                    statistics.median(ms),
                    TARGET_MS,
                    1.0,
                    unit="ms",
                )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
