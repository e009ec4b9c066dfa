"""TUI figures of issue 4: start-up to first paint, and keypress-to-repaint in the dashboard.

- start-up with 200 accounts vs a bare Textual app showing one Static (whole processes, from
  spawning the process to its first paint with the rows shown; exit time not counted):
  target <= 1.5x; with 2,000 accounts: target <= 1.8x. Both with a warm plan cache (the usual
  case: the cache is filled by the previous start), so no plan is parsed: what counts is reading
  and hashing every file, loading the cache (``kamtui/store/cache.py``), the portfolio rows and
  the table. Medians of 9 runs of each, taken in turns; bytecode caching on for both (see
  ``bench/_common.py``).
- moving the cursor in a 2,000-row dashboard: median keypress-to-repaint <= 50 ms.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import DATA, PYTHON, report, run_process
from bench._latency import key_latencies, median_ms
from bench.gen_workspace import ensure_workspace

HERE = Path(__file__).resolve().parent


def time_to_paint(argv: list[str]) -> float:
    """Seconds from starting the process to its "painted" line (exit time not counted)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        rest = proc.stdout.read()
        proc.wait()
        if line.strip() != b"painted":
            errors.seek(0)
            said = (line + rest + errors.read()).decode(errors="replace")[-2000:]
            raise SystemExit(f"no paint from {argv} (exit {proc.returncode}):\n{said}")
    return elapsed


def startup(count: int, target: float, runs: int = 9, lang: str | None = None) -> bool:
    """Median of *runs* whole-process starts, alternating with the bare app so that drift in
    the machine's speed hits both alike; in the language *lang* when given."""
    folder = ensure_workspace(count)
    cache = DATA / f"cache-{count}.pickle"
    run_process([PYTHON, str(HERE / "_first_paint.py"), "warm", str(folder), str(cache)])
    ours = [PYTHON, str(HERE / "_first_paint.py"), "kamtui", str(folder), str(cache)]
    ours += [lang] if lang else []
    bare = [PYTHON, str(HERE / "_first_paint.py"), "bare"]
    time_to_paint(ours)
    time_to_paint(bare)
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(time_to_paint(ours))
        theirs.append(time_to_paint(bare))
    return report(
        f"start-up to first paint, {count:,} accounts"
        + (f" in {lang}" if lang else "")
        + f" (median of {runs})",
        statistics.median(mine),
        statistics.median(theirs),
        target,
    )


async def dashboard_latency() -> float:
    from kamtui.store.workspace import Workspace
    from kamtui.tui.factory import make_app

    app = make_app(
        Workspace(ensure_workspace(2000)), today=dt.date(2026, 11, 30), watch_interval=None
    )
    async with app.run_test(size=(120, 40)) as pilot:

        async def ready() -> None:
            while not app.loaded_once:
                await pilot.pause(0.05)
            await pilot.pause()

        times = await key_latencies(pilot, app, ["down"] * 60 + ["up"] * 20, ready)
    return median_ms(times)


def main() -> int:
    ok = startup(200, 1.5)
    ok &= startup(2000, 1.8)
    ms = asyncio.run(dashboard_latency())
    ok &= report("dashboard cursor move, 2,000 rows (median ms)", ms, 50.0, 1.0, unit="ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
