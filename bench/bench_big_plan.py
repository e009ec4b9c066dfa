"""``kamtui check`` on one ~50 MB plan with a duplicate key and ``#`` comments.

Such a file takes the slow path of a check: the TOML reader stops at the duplicate, and the
position lexer (``kamtui/plan/tomlpos.py``) says where the key is defined twice; a file with a
``#`` anywhere is lexed too. Two plans are generated once under ``bench/.data/`` and reused,
each with a comment between tables and the last action's ``progress`` written twice:

- **text**: 200 actions whose notes are long pasted text (about 250 KB each), the shape of the
  50 MB plan the hardening issue measured (its TOML reader took a few seconds, the lexer 20 s).
  Target: the check takes at most 5 s (the ratio of the measured time to 5 s, target <= 1.0).
- **keys**: about 150,000 small actions, the worst case for any TOML reader. Printed for
  information with the time the TOML reader alone takes to reach the duplicate (kamtui cannot
  make that shorter; on this kind of machine it alone is over 5 s).

Best of 3 runs after a warm-up.
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


def _with_comments_and_a_duplicate(text: str, every: int) -> str:
    """*text* with a comment before every *every*-th action and the last action's progress
    written twice."""
    out: list[str] = ["# A generated plan for bench/bench_big_plan.py"]
    actions = 0
    for line in text.split("\n"):
        if line.startswith("[how_to_get_there.actions."):
            actions += 1
            if actions % every == 0:
                out.append(f"# action {actions:,}")
        out.append(line)
    while not out[-1].startswith("progress = "):  # the last action's progress…
        out.pop()
    out.append("progress = 5  # … written twice")
    return "\n".join(out) + "\n"


def _pasted_text(rng: random.Random, size: int) -> str:
    words = [
        "meeting",
        "buyer",
        "offer",
        "price",
        "volume",
        "quarter",
        "delivery",
        "contract",
        "renewal",
        "risk",
    ]
    lines = []
    total = 0
    while total < size:
        line = " ".join(rng.choice(words) for _ in range(12))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


def ensure_big_plan(shape: str) -> Path:
    """The folder of one ~50 MB plan of *shape* (``text`` or ``keys``), made once."""
    folder = DATA / f"big-plan-{shape}"
    path = folder / "big.toml"
    marker = folder / ".complete"
    if marker.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(50)
    if shape == "text":
        plan = big_plan(rng, TODAY, objectives=20, actions=200)
        for action in plan.how_to_get_there.actions.values():
            action.notes = _pasted_text(rng, SIZE // 200)
        text = _with_comments_and_a_duplicate(dumps_plan(plan), every=10)
    else:
        plan = big_plan(rng, TODAY, objectives=20, actions=1000)
        per_action = len(dumps_plan(plan).encode()) / 1000
        plan = big_plan(random.Random(50), TODAY, objectives=20, actions=int(SIZE / per_action))
        text = _with_comments_and_a_duplicate(dumps_plan(plan), every=1000)
    path.write_text(text, encoding="utf-8")
    marker.touch()
    return folder


def main() -> int:
    ok = True
    for shape in ("text", "keys"):
        folder = ensure_big_plan(shape)
        size = sum(p.stat().st_size for p in folder.glob("*.toml")) / 1024 / 1024
        print(f"check: one plan of {size:.1f} MB ({shape}) with a duplicate key in {folder}")
        seconds, _ = best_of(3, [PYTHON, "-m", "kamtui", "check", "-w", str(folder)])
        reader, _ = run_process([PYTHON, "-c", READER_ALONE, str(folder / "big.toml")])
        print(f"for scale: the TOML reader alone takes {reader:.3f} s to reach the duplicate")
        label = f"kamtui check, one 50 MB plan ({shape})"
        if shape == "text":
            ok = report(label, seconds, TARGET_SECONDS, 1.0) and ok
        else:
            ratio = seconds / TARGET_SECONDS
            print(
                f"{label}: {seconds:.3f} s vs reference {TARGET_SECONDS:.3f} s = {ratio:.2f}x "
                "(for information, no target: the TOML reader alone takes the time above)",
                flush=True,
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
