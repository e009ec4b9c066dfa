"""Benchmark: the whole ``kamtui abc`` process against a minimal pandas script on the same file.

For 1,000,000 invoice lines (about 20,000 customers) the targets are: wall time <= 1.3x and
peak memory <= 1.5x the reference, a fresh process that only does ``read_csv`` +
``groupby().sum()`` + sort + ``cumsum``. Each process is timed on its own (best of 3, the two
commands taking turns) and its peak RSS read from ``os.wait4``, which reports the rusage of
that one child.

The same for a file of 1,000,000 lines whose amount is quantity × unit price (no amount
column), against the same script doing the multiplication: time <= 1.3x.

The 10,000,000-line figures are printed too (skipped with ``BENCH_QUICK=1``); there the target
is that the peak memory stays well within the machine (<= 8 GiB). Exit status 1 if a target
fails.

Both commands run as an installed program would: with Python's bytecode cache allowed
(``PYTHONDONTWRITEBYTECODE`` is dropped for the children, and a warm-up run fills the cache),
since pandas' own modules are always precompiled but a source checkout's are not.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gen_invoices import generate

RUNS = 3
TIME_TARGET = 1.3
MEMORY_TARGET = 1.5
BIG_MEMORY_LIMIT = 8 << 30
REFERENCE = """
import sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
totals = df.groupby("customer")["amount"].sum().sort_values(ascending=False)
cumulative = totals.cumsum()
"""
REFERENCE_PRODUCT = """
import sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
df["amount"] = df["quantity"] * df["unit_price"]
totals = df.groupby("customer")["amount"].sum().sort_values(ascending=False)
cumulative = totals.cumsum()
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int


def measure(argv: list[str]) -> Run:
    """Run *argv* to the end: wall time and the child's own peak RSS (``os.wait4``)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{argv[:4]} failed ({child.returncode}):\n{errors}")
    return Run(seconds, usage.ru_maxrss * 1024)  # ru_maxrss is in KiB on Linux


def best_of(runs: list[Run]) -> Run:
    return Run(min(r.seconds for r in runs), min(r.peak_bytes for r in runs))


def best_pair(first: list[str], second: list[str]) -> tuple[Run, Run]:
    """Best of RUNS for each command, run in turns so that a busy moment hits both."""
    runs = [(measure(first), measure(second)) for _ in range(RUNS)]
    return best_of([a for a, _ in runs]), best_of([b for _, b in runs])


def commands(path: Path, *, product: bool = False) -> tuple[list[str], list[str]]:
    abc = [sys.executable, "-m", "kamtui", "abc", str(path), "--format", "csv"]
    abc += ["--output", os.devnull]
    return abc, [sys.executable, "-c", REFERENCE_PRODUCT if product else REFERENCE, str(path)]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def compare(label: str, lines: int, *, ratio_targets: bool, product: bool = False) -> bool:
    """Print the time and memory lines for *lines* invoice lines; True when targets hold."""
    path = generate(lines, product=product)
    abc_argv, ref_argv = commands(path, product=product)
    measure(abc_argv)  # warm the page cache and the bytecode cache
    abc, ref = best_pair(abc_argv, ref_argv)
    time_ratio = abc.seconds / ref.seconds
    mem_ratio = abc.peak_bytes / ref.peak_bytes
    mib = 1 << 20
    if ratio_targets:
        time_ok, mem_ok = time_ratio <= TIME_TARGET, mem_ratio <= MEMORY_TARGET
        time_goal, mem_goal = f"target <= {TIME_TARGET}x", f"target <= {MEMORY_TARGET}x"
    else:
        time_ok, mem_ok = True, abc.peak_bytes <= BIG_MEMORY_LIMIT
        time_goal, mem_goal = "no target", f"target <= {BIG_MEMORY_LIMIT >> 30} GiB"
    print(
        f"abc {label} lines: time {abc.seconds:.2f} s vs pandas {ref.seconds:.2f} s = "
        f"{time_ratio:.2f}x ({time_goal}) {verdict(time_ok)}"
    )
    print(
        f"abc {label} lines: memory {abc.peak_bytes / mib:.0f} MiB vs pandas "
        f"{ref.peak_bytes / mib:.0f} MiB = {mem_ratio:.2f}x ({mem_goal}) {verdict(mem_ok)}",
        flush=True,
    )
    return time_ok and mem_ok


def main() -> int:
    ok = compare("1M", 1_000_000, ratio_targets=True)
    ok = compare("1M quantity × price", 1_000_000, ratio_targets=True, product=True) and ok
    if os.environ.get("BENCH_QUICK") == "1":
        print("abc 10M lines: skipped (BENCH_QUICK=1)")
    else:
        ok = compare("10M", 10_000_000, ratio_targets=False) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
