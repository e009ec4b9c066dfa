"""Save latency of ``Workspace.save``: encode, atomic write (fsync of the file and the folder),
read back and verify, for one changed field.

Two plans: a typical one (the generator of the other benchmarks, about 9 KB) and a big one
(200 actions, 20 objectives). Each save follows the edit the TUI makes most: one action's
status toggled on a working copy, so every save really writes. After a few warm-up saves,
SAVES saves are timed one by one (only the ``save`` call, not the edit). Targets: the median save
<= 20 ms for both plans. The big plan (about 48 KB) is mostly reading it back (compiled tomli,
see ``kamtui/plan/toml_reader.py``, about half of the save's processor time, then the schema
check): the read-back is the check that the new file says exactly what the plan says, before it
replaces anything. Writing it is ``kamtui/plan/toml_writer.py`` (tomli-w's text, faster). The
90th percentiles are printed for information.

The workspace is a temporary folder under ``bench/.data`` (the same disk as a real workspace
would be on, unlike a ``/tmp`` that may live in memory), removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import gen_workspace
from bench._common import DATA, report
from bench.gen_workspace import make_plan
from kamtui.plan.codec import dumps_plan
from kamtui.plan.edit import toggle_status, working_copy
from kamtui.plan.model import AccountPlan, ActionStatus
from kamtui.store.workspace import Workspace

TARGET_MS = 20.0
SAVES = 50
WARM_UP = 5
TODAY = dt.date(2026, 11, 30)


def typical_plan() -> AccountPlan:
    """A plan like the 1,000 of ``bench/gen_workspace.py`` (4 objectives, 10 actions)."""
    return make_plan(0, random.Random(1))


def big_plan() -> AccountPlan:
    """The plan of the keypress benchmark, with 20 objectives and 200 actions."""
    return gen_workspace.big_plan(random.Random(2), TODAY, objectives=20, actions=200)


def save_times(folder: Path, plan: AccountPlan) -> list[float]:
    """Seconds of each of SAVES saves of *plan*, each with one action's status toggled."""
    ws = Workspace.create(folder)
    ws.path_for(plan.id).write_text(dumps_plan(plan), encoding="utf-8")
    loaded = ws.load(plan.id)
    if not loaded.ok:
        raise SystemExit(f"generated plan does not load: {loaded.problems}")
    action_id = next(iter(plan.how_to_get_there.actions))
    times = []
    for i in range(WARM_UP + SAVES):
        assert loaded.plan is not None
        edited = working_copy(loaded.plan)
        toggle_status(edited.how_to_get_there.actions[action_id], ActionStatus.BLOCKED, TODAY)
        start = time.perf_counter()
        result = ws.save(loaded, edited)
        elapsed = time.perf_counter() - start
        if not result.written:
            raise SystemExit("a save wrote nothing: the benchmark would measure no work")
        loaded = result.loaded
        if i >= WARM_UP:
            times.append(elapsed)
    return times


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def info(name: str, measured: float) -> None:
    print(
        f"{name}: {measured:.3f} ms vs reference {TARGET_MS:.3f} ms = "
        f"{measured / TARGET_MS:.2f}x (for information, no target)",
        flush=True,
    )


def measure(label: str, plan: AccountPlan) -> bool:
    size = len(dumps_plan(plan).encode()) / 1024
    with tempfile.TemporaryDirectory(dir=DATA, prefix="save-") as tmp:
        times = save_times(Path(tmp) / "workspace", plan)
    print(
        f"save: {label}, {size:.1f} KB, {len(plan.where_to_go.objectives)} objectives, "
        f"{len(plan.how_to_get_there.actions)} actions ({SAVES} saves)",
        flush=True,
    )
    median = statistics.median(times) * 1000
    ok = report(f"save {label} (median)", median, TARGET_MS, 1.0, "ms")
    info(f"save {label} (p90)", p90(times) * 1000)
    return ok


def main() -> int:
    DATA.mkdir(parents=True, exist_ok=True)
    ok = measure("typical plan", typical_plan())
    ok &= measure("big plan", big_plan())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
