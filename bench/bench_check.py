"""``kamtui check`` on 1,000 typical plans vs a bare ``tomllib.load`` loop (whole processes).

Target: at most 0.7x. The reference stays the stdlib's pure-Python ``tomllib`` over the same
files; kamtui reads with the compiled ``tomli`` (``kamtui/plan/toml_reader.py``), so reading,
checking and reporting 1,000 plans must take well under the time of parsing them with tomllib.
Best of 5 runs of each, taken in turns, with bytecode caching on for both (see
``bench/_common.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import PYTHON, best_of_alternating, report
from bench.gen_workspace import ensure_workspace
from kamtui.plan.toml_reader import READER

BARE_LOOP = (
    "import sys, tomllib, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.toml')):\n"
    "    with open(p, 'rb') as fh:\n"
    "        tomllib.load(fh)\n"
)


def main() -> int:
    folder = ensure_workspace(1000)
    size = sum(p.stat().st_size for p in folder.glob("*.toml")) / 1000
    print(f"check: 1,000 plans of {size / 1024:.1f} KB on average in {folder}, read by {READER}")
    kamtui, bare = best_of_alternating(
        5,
        [PYTHON, "-m", "kamtui", "check", "-q", "-w", str(folder)],
        [PYTHON, "-c", BARE_LOOP, str(folder)],
    )
    ok = report("kamtui check, 1,000 plans", kamtui, bare, 0.7)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
