"""``kamtui check`` on 1,000 typical plans vs a bare ``tomllib.load`` loop (whole processes).

Target (issue 2): at most 1.5x — validation may not cost more than half of parsing.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import PYTHON, best_of, report
from bench.gen_workspace import ensure_workspace

BARE_LOOP = (
    "import sys, tomllib, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.toml')):\n"
    "    with open(p, 'rb') as fh:\n"
    "        tomllib.load(fh)\n"
)


def main() -> int:
    folder = ensure_workspace(1000)
    size = sum(p.stat().st_size for p in folder.glob("*.toml")) / 1000
    print(f"check: 1,000 plans of {size / 1024:.1f} KB on average in {folder}")
    kamtui, _ = best_of(5, [PYTHON, "-m", "kamtui", "check", "-q", "-w", str(folder)])
    bare, _ = best_of(5, [PYTHON, "-c", BARE_LOOP, str(folder)])
    ok = report("kamtui check, 1,000 plans", kamtui, bare, 1.5)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
