"""``kamtui check`` on one ~50 MB plan with a duplicate key and ``#`` comments.

Such a file takes the slow path of a check: the TOML reader stops at the duplicate, and
``index_keys`` (``kamtui/plan/tomlpos.py``) lexes the whole text to say where the key is defined
twice; a file with a ``#`` anywhere is lexed too. Target: the check takes at most 5 s (reported
as the ratio of the measured time to 5 s, target <= 1.0). The plan is generated once under
``bench/.data/`` (the plan of ``bench/gen_workspace.py`` grown to about 150,000 actions, with a
comment every 1,000 actions and the last action's ``progress`` written twice), then reused.
Best of 3 runs after a warm-up. For scale, the time the TOML reader alone takes to reach the
duplicate (one run; it cannot be made shorter by kamtui) is printed too: on a slow or busy
machine it alone can be over the target.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import DATA, PYTHON, best_of, report, run_process
from bench.gen_workspace import big_plan
from kamtui.plan.codec import dumps_plan

TARGET_SECONDS = 5.0
READER_ALONE = (
    "import sys\n"
    "from kamtui.plan.toml_reader import TOMLDecodeError, loads\n"
    "try:\n"
    "    loads(open(sys.argv[1], encoding='utf-8').read())\n"
    "except TOMLDecodeError:\n"
    "    pass\n"
)
SIZE = 50 * 1024 * 1024
TODAY = dt.date(2026, 11, 30)


def ensure_big_plan() -> Path:
    """The folder of one ~50 MB plan with a duplicate key and comments (made once)."""
    folder = DATA / "big-plan"
    path = folder / "big.toml"
    marker = folder / ".complete"
    if marker.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    plan = big_plan(random.Random(50), TODAY, objectives=20, actions=1000)
    text = dumps_plan(plan)
    per_action = len(text.encode()) / 1000
    plan = big_plan(random.Random(50), TODAY, objectives=20, actions=int(SIZE / per_action))
    lines = dumps_plan(plan).split("\n")
    out: list[str] = ["# A generated plan for bench/bench_big_plan.py"]
    actions = 0
    for line in lines:
        if line.startswith("[how_to_get_there.actions."):
            actions += 1
            if actions % 1000 == 0:
                out.append(f"# action {actions:,}")
        out.append(line)
    while not out[-1].startswith("progress = "):  # the last action's progress…
        out.pop()
    out.append("progress = 5  # … written twice")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    marker.touch()
    return folder


def main() -> int:
    folder = ensure_big_plan()
    size = sum(p.stat().st_size for p in folder.glob("*.toml"))
    print(f"check: one plan of {size / 1024 / 1024:.1f} MB with a duplicate key in {folder}")
    seconds, _ = best_of(3, [PYTHON, "-m", "kamtui", "check", "-w", str(folder)])
    reader, _ = run_process([PYTHON, "-c", READER_ALONE, str(folder / "big.toml")])
    print(f"for scale: the TOML reader alone takes {reader:.3f} s to reach the duplicate")
    ok = report("kamtui check, one 50 MB plan", seconds, TARGET_SECONDS, 1.0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
