"""ABC view figures of issue 4.

- Moving the cursor in the ABC customer table with 100,000 customers: median
  keypress-to-repaint <= 50 ms.
- Showing the ABC view of the 1,000,000-line file (from pressing enter to the painted result,
  in the app) against the whole ``kamtui abc FILE --format csv`` command on the same file:
  target <= 1.2x.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import DATA, PYTHON, best_of, report
from bench._latency import key_latencies, median_ms
from bench.gen_invoices import generate

KAMTUI = [PYTHON, "-m", "kamtui"]


def customers_file(count: int) -> Path:
    """One row per customer, skewed revenue (made once, cached)."""
    path = DATA / f"customers_{count}.csv"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        rng = random.Random(count)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write("customer,name,amount\n")
            for i in range(count):
                fh.write(f"K{i:07d},Customer {i},{rng.paretovariate(1.2) * 1000:.2f}\n")
        tmp.replace(path)
    return path


async def run_in_app(revenue: Path, keys: list[str]) -> tuple[float, list[float]]:
    """Seconds from enter to the painted result, and key latencies in the customer table."""
    from kamtui.store.workspace import Workspace
    from kamtui.tui.factory import make_app
    from kamtui.tui.screens.abc import AbcScreen

    scratch = Path(tempfile.mkdtemp(prefix="kamtui-bench-"))
    try:
        ws = Workspace.create(scratch / "ws")
        app = make_app(
            ws,
            today=dt.date(2026, 11, 30),
            watch_interval=None,
            settings_path=scratch / "settings.json",
        )
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.loaded_once:
                await pilot.pause(0.02)
            await pilot.press("a")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, AbcScreen)
            screen.query_one("#abc-file").value = str(revenue)  # type: ignore[attr-defined]
            start = time.perf_counter()
            await pilot.press("enter")
            while app.abc_view is None:
                await asyncio.sleep(0.005)
            await pilot.pause()
            shown = time.perf_counter() - start
            await pilot.press("2")

            async def ready() -> None:
                await pilot.pause()

            latencies = await key_latencies(pilot, app, keys, ready) if keys else []
        return shown, latencies
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    ok = True
    hundred_k = customers_file(100_000)
    _, latencies = asyncio.run(run_in_app(hundred_k, ["down"] * 60 + ["pagedown"] * 10))
    ms = median_ms(latencies)
    ok &= report("ABC table cursor move, 100,000 customers (median ms)", ms, 50.0, 1.0, unit="ms")
    million = generate(1_000_000)
    command, _ = best_of(
        3, [*KAMTUI, "abc", str(million), "--format", "csv", "--output", "/dev/null"]
    )
    shown = min(asyncio.run(run_in_app(million, []))[0] for _ in range(3))
    ok &= report("ABC view on 1,000,000 lines vs `kamtui abc` command", shown, command, 1.2)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
