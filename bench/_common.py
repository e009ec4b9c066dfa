"""Helpers shared by the benchmarks: timing whole processes, peak memory, report lines.

Importing this module turns bytecode caching on for the processes the benchmarks start (see
:func:`use_bytecode_cache`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
PYTHON = sys.executable
PYCACHE = DATA / "pycache"


def use_bytecode_cache() -> None:
    """Let timed processes (kamtui and the references alike) keep compiled modules.

    An installed kamtui has its modules compiled (pip does it at install time). Where
    ``PYTHONDONTWRITEBYTECODE`` is set (some CI and sandbox images), a checkout instead compiles
    every kamtui module at every start, 0.1-0.25 s that no user pays, while the references
    (the stdlib, Textual) come compiled. So the benchmarks drop that variable and keep the
    bytecode in ``bench/.data/pycache`` (``PYTHONPYCACHEPREFIX``, nothing is written next to the
    sources); the warm-up run of each command fills it.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(PYCACHE)


use_bytecode_cache()


def run_process(argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run *argv* to completion; return (wall seconds, peak RSS in KiB) of that process alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {argv}\n{stderr}")
    return elapsed, usage.ru_maxrss


def best_of(n: int, argv: Sequence[str]) -> tuple[float, int]:
    """Best wall time and the peak memory of *n* runs (one warm-up run first)."""
    run_process(argv)
    runs = [run_process(argv) for _ in range(n)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def best_of_alternating(n: int, first: Sequence[str], second: Sequence[str]) -> tuple[float, float]:
    """Best wall times of *n* runs of two commands taken in turns (after one warm-up run of
    each), so that a change in the machine's load hits both alike."""
    run_process(first)
    run_process(second)
    a, b = [], []
    for _ in range(n):
        a.append(run_process(first)[0])
        b.append(run_process(second)[0])
    return min(a), min(b)


def report(name: str, measured: float, reference: float, target: float, unit: str = "s") -> bool:
    """Print one ratio line; True when within the target."""
    ratio = measured / reference
    ok = ratio <= target
    verdict = "PASS" if ok else "FAIL"
    print(
        f"{name}: {measured:.3f} {unit} vs reference {reference:.3f} {unit} = {ratio:.2f}x "
        f"(target <= {target}x) {verdict}",
        flush=True,
    )
    return ok
