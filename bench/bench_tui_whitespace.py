"""The whitespace map (kamtui/tui/screens/whitespace.py) of a plan with 50 units × 30 offerings:
1,500 cells, every status, values and competitors filled in.

One figure against its target (the reference printed is the target itself):

- **cursor** <= 33 ms: keypress to the end of the repaint that follows it, median of 120
  presses going round the grid (right, down, left, up: moves inside the part shown, and moves
  that scroll it), at 120x40.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import report
from bench._latency import key_latencies, pause_until
from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import (
    Account,
    AccountPlan,
    Cell,
    CellStatus,
    Competitor,
    Offering,
    Unit,
    WhereAmI,
)

TODAY = dt.date(2026, 11, 30)
UNITS = 50
OFFERINGS = 30
SIZE = (120, 40)
PLAN_ID = "big-map"
KEYS = ["right"] * 40 + ["down"] * 40 + ["left"] * 20 + ["up"] * 20


def plan() -> AccountPlan:
    """A plan whose map is UNITS × OFFERINGS, its cells drawn at random (the same every run)."""
    rng = random.Random(UNITS * OFFERINGS)
    competitors = {f"rival-{i}": Competitor(name=f"Rival {i} S.p.A.") for i in range(5)}
    offerings = {f"offering-{o}": Offering(name=f"Offering {o}") for o in range(OFFERINGS)}
    units: dict[str, Unit] = {}
    for u in range(UNITS):
        cells: dict[str, Cell] = {}
        for oid in offerings:
            status = rng.choice(list(CellStatus))
            if status is CellStatus.UNKNOWN:
                continue
            cells[oid] = Cell(
                status=status,
                revenue=rng.randrange(1_000, 900_000) if status is CellStatus.OURS else None,
                competitor=rng.choice(list(competitors)) if status is CellStatus.COMPETITOR else "",
                potential=rng.randrange(1_000, 500_000)
                if status is CellStatus.OPPORTUNITY
                else None,
                note="checked in the last review" if rng.random() < 0.3 else "",
            )
        units[f"unit-{u}"] = Unit(name=f"Plant {u}", cells=cells)
    return AccountPlan(
        id=PLAN_ID,
        account=Account(name="Big Map S.p.A."),
        where_am_i=WhereAmI(competitors=competitors, offerings=offerings, units=units),
    )


async def cursor(folder: Path) -> list[float]:
    from kamtui.store.workspace import Workspace
    from kamtui.tui.factory import make_app
    from kamtui.tui.screens.account import AccountScreen
    from kamtui.tui.screens.whitespace import WhitespaceScreen

    app = make_app(Workspace(folder), today=TODAY, watch_interval=None, keymap={}, owner=None)
    async with app.run_test(size=SIZE) as pilot:
        await pause_until(pilot, lambda: app.loaded_once, "the workspace")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, AccountScreen), "the account")
        account = app.screen
        assert isinstance(account, AccountScreen)
        app.push_screen(WhitespaceScreen(account))
        await pause_until(pilot, lambda: isinstance(app.screen, WhitespaceScreen), "the map")
        screen = app.screen
        assert isinstance(screen, WhitespaceScreen)
        await pause_until(pilot, lambda: screen.offerings_read, "the offerings")
        if len(screen.columns) != OFFERINGS or len(screen.grid.data.units) != UNITS:
            raise SystemExit("the map is not 50 x 30")
        await pilot.pause(0.3)

        async def ready() -> None:
            await pilot.pause()

        times = await key_latencies(pilot, app, KEYS, ready)
        if (screen.grid.row, screen.grid.col) != (20, OFFERINGS - 1 - 20):
            raise SystemExit(
                f"the cursor is not where the keys took it: {screen.grid.row}, {screen.grid.col}"
            )
        return times


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="kamtui-bench-whitespace-") as tmp:
        folder = Path(tmp)
        (folder / f"{PLAN_ID}.toml").write_text(dumps_plan(plan()), encoding="utf-8")
        times = asyncio.run(cursor(folder))
    ok = report(
        f"whitespace map cursor (arrows), {UNITS} x {OFFERINGS} cells (median of {len(times)})",
        statistics.median(times) * 1000,
        33.0,
        1.0,
        unit="ms",
    )
    print(f"for information: slowest press {max(times) * 1000:.1f} ms", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
