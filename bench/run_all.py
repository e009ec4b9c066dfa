"""Run every ``bench/bench_*.py`` and summarise. ``make bench`` calls this.

Each benchmark prints lines of the form ``NAME: X vs reference Y = Rx (target <= T) PASS|FAIL``
and exits non-zero when a target is missed. Set BENCH_QUICK=1 to skip the longest runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], check=False).returncode != 0:
            failed.append(script.name)
    print()
    print("all benchmarks within target" if not failed else f"missed target: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
