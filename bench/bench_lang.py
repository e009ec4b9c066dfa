"""Issue 11's figures: Italian costs no start-up.

- start-up to first paint with 200 accounts, in Italian (``--lang it``), vs a bare Textual app:
  the same target as in English, <= 1.5x (bench/bench_tui.py measures English);
- ``kamtui check`` on 1,000 typical plans in Italian vs the same in English (whole processes,
  every message printed, to /dev/null): target <= 1.05x. Best of 7 runs of each, in turns.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import PYTHON, best_of_alternating, report
from bench.bench_tui import startup
from bench.gen_workspace import ensure_workspace


def main() -> int:
    ok = startup(200, 1.5, lang="it")
    folder = ensure_workspace(1000)
    check = [PYTHON, "-m", "kamtui", "check", "-w", str(folder), "--today", "2026-11-30"]
    italian, english = best_of_alternating(7, [*check, "--lang", "it"], [*check, "--lang", "en"])
    ok &= report("kamtui check, 1,000 plans, Italian vs English", italian, english, 1.05)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
