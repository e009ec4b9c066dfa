"""The merge driver (``kamtui merge-file BASE OURS THEIRS``) on three versions of the 48 KB
plan with 200 actions, as git runs it: a whole process. Each side changed a few fields and
added an action. Reference: a floor script that parses the three files with tomli and writes
one with tomli-w (what any merge of TOML documents must at least do). Target: <= 1.5x, best of
5 runs taken in turns after a warm-up. OURS is copied afresh before each run (the driver
writes its result there), for both commands alike.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import DATA, PYTHON, best_of_alternating, report
from bench.gen_workspace import big_plan
from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import Action

TARGET = 1.5
TODAY = dt.date(2026, 11, 30)
FLOOR = (
    "import sys, tomli, tomli_w\n"
    "docs = [tomli.load(open(p, 'rb')) for p in sys.argv[1:4]]\n"
    "open(sys.argv[2], 'w', encoding='utf-8').write(tomli_w.dumps(docs[1]))\n"
)


def versions() -> Path:
    """The folder with base.toml, ours.toml and theirs.toml (made once)."""
    folder = DATA / "merge"
    if (folder / ".complete").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    base = big_plan(random.Random(7), TODAY, objectives=20, actions=200)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ids = list(base.how_to_get_there.actions)
    for k, aid in enumerate(ids[:10]):
        ours.how_to_get_there.actions[aid].owner = f"Owner {k}"
        theirs.how_to_get_there.actions[ids[-1 - k]].due = TODAY + dt.timedelta(days=k)
    ours.how_to_get_there.actions["ours-new"] = Action(title="Ours, new")
    theirs.how_to_get_there.actions["theirs-new"] = Action(title="Theirs, new")
    for name, plan in (("base", base), ("ours", ours), ("theirs", theirs)):
        (folder / f"{name}.toml").write_text(dumps_plan(plan), encoding="utf-8")
    (folder / ".complete").touch()
    return folder


def main() -> int:
    folder = versions()
    size = (folder / "base.toml").stat().st_size / 1024
    print(f"merge: three versions of a {size:.0f} KB plan in {folder}")
    work = folder / "work.toml"
    fresh = f"cp {folder / 'ours.toml'} {work} && "
    driver = f"{PYTHON} -m kamtui merge-file {folder / 'base.toml'} {work} {folder / 'theirs.toml'}"
    floor = f'{PYTHON} -c "{FLOOR}" {folder / "base.toml"} {work} {folder / "theirs.toml"}'
    ours, reference = best_of_alternating(
        5, ["sh", "-c", fresh + driver], ["sh", "-c", fresh + floor]
    )
    ok = report("kamtui merge-file, 48 KB plan", ours, reference, TARGET)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
