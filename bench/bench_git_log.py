"""``kamtui log`` on a plan with 1,000 commits: every commit, with its changes in plan words.

The repository is generated once under ``bench/.data/git-log-1000/`` (``git fast-import``, so it
takes seconds, not a thousand ``git commit`` runs): the 48 KB plan of ``bench/gen_workspace.py``
(``big_plan``: 20 objectives, 200 actions) committed, then changed 1,000 times, each commit one
small edit of the kind a key account manager makes (an action moved along, progress, a
check-in, a contact with a person, a line of the analysis, a new action, a target), by three
authors, twelve hours apart.

Measured: the whole ``kamtui log PLAN`` process (start-up, one ``git log``, one ``git cat-file
--batch``, reading each version against the one before it, and writing the text), best of 5
runs after a warm-up. Target: at most 1.0 s (the ratio of the measured time to 1.0 s, target
<= 1.0). Printed for information: the CPU time it took (with git's), which a busy machine does
not inflate the way it does the wall time, the JSON output, and the load average.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import DATA, PYTHON, report
from bench.gen_workspace import big_plan
from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import AccountPlan, Action, ActionStatus, Attitude

COMMITS = 1000
TARGET_SECONDS = 1.0
RUNS = 5
TODAY = dt.date(2026, 11, 30)
PLAN_ID = "big-account"
REPO = DATA / f"git-log-{COMMITS}"
AUTHORS = (
    ("Maria Rossi", "maria.rossi@example.invalid"),
    ("Luca Bianchi", "luca.bianchi@example.invalid"),
    ("Anna Weber", "anna.weber@example.invalid"),
)
START = dt.datetime(2024, 1, 1, 9, 0, tzinfo=dt.UTC)


def _git(*args: str, stdin: bytes | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=REPO, input=stdin, env=env, check=True, capture_output=True)


def edit(plan: AccountPlan, i: int, rng: random.Random) -> str:
    """One small change of *plan*, the i-th; returns the commit subject."""
    actions = list(plan.how_to_get_there.actions.items())
    day = (START + dt.timedelta(hours=12 * i)).date()
    kind = i % 7
    if kind == 0:
        aid, action = rng.choice(actions)
        action.status = rng.choice([ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.TODO])
        action.progress = {ActionStatus.DONE: 100, ActionStatus.TODO: 0}.get(action.status, 50)
        action.completed = day if action.status is ActionStatus.DONE else None
        return f"{action.title}: {action.status.value}"
    if kind == 1:
        aid, action = rng.choice(actions)
        action.progress = min(100, action.progress + 10)
        return f"Progress on {aid}"
    if kind == 2:
        oid, objective = rng.choice(list(plan.where_to_go.objectives.items()))
        value = float(rng.randint(20, 40))
        objective.checkins[day] = value
        objective.current = value
        return f"Check-in {oid}"
    if kind == 3:
        person = rng.choice(list(plan.where_am_i.buying_centre.values()))
        person.last_contact = day
        person.attitude = rng.choice(list(Attitude))
        return f"Met {person.name}"
    if kind == 4:
        lines = plan.where_am_i.business.split("\n")
        lines[i % len(lines)] = f"Volumes steady at the review of {day.isoformat()}."
        plan.where_am_i.business = "\n".join(lines)
        return "Customer analysis"
    if kind == 5:  # a new action; the one added before it is dropped from the plan
        added = [aid for aid in plan.how_to_get_there.actions if aid.startswith("new-action-")]
        for aid in added:
            del plan.how_to_get_there.actions[aid]
        plan.how_to_get_there.actions[f"new-action-{i}"] = Action(
            title=f"Follow up the visit of {day.isoformat()}", owner="Maria Rossi", due=day
        )
        return "New action"
    oid, objective = rng.choice(list(plan.where_to_go.objectives.items()))
    objective.target = float(rng.randint(40, 60))
    return f"Target of {oid}"


def _commit(out: list[bytes], i: int, text: bytes, subject: str) -> None:
    name, email = AUTHORS[i % len(AUTHORS)]
    when = int((START + dt.timedelta(hours=12 * i)).timestamp())
    message = subject.encode()
    out.append(b"blob\nmark :%d\ndata %d\n%s\n" % (2 * i + 1, len(text), text))
    out.append(b"commit refs/heads/main\nmark :%d\n" % (2 * i + 2))
    for who in (b"author", b"committer"):
        out.append(b"%s %s <%s> %d +0000\n" % (who, name.encode(), email.encode(), when))
    out.append(b"data %d\n%s\n" % (len(message), message))
    if i:
        out.append(b"from :%d\n" % (2 * i))
    out.append(b"M 100644 :%d %s.toml\n\n" % (2 * i + 1, PLAN_ID.encode()))


def make_repository() -> None:
    """The repository of 1 + COMMITS commits (made once; kept under bench/.data)."""
    marker = REPO / ".complete"
    if marker.exists():
        return
    print(f"generating {REPO} ({COMMITS:,} commits of a 48 KB plan)…", flush=True)
    if REPO.exists():
        subprocess.run(["rm", "-rf", str(REPO)], check=True)
    REPO.mkdir(parents=True)
    _git("init", "-q", "-b", "main")
    rng = random.Random(7)
    plan = big_plan(random.Random(2), TODAY, objectives=20, actions=200)
    plan.id = PLAN_ID
    stream: list[bytes] = []
    _commit(stream, 0, dumps_plan(plan).encode(), "Plan of the big account")
    for i in range(1, COMMITS + 1):
        plan = copy.deepcopy(plan)
        subject = edit(plan, i, rng)
        _commit(stream, i, dumps_plan(plan).encode(), subject)
    _git("fast-import", "--quiet", stdin=b"".join(stream) + b"done\n")
    _git("reset", "-q", "--hard", "main")
    marker.write_text("ok\n")


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall seconds of one run of *argv*, and the CPU seconds (user and system) it and the git
    processes it waited for took."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"benchmark command failed: {argv}\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime


def best(argv: list[str]) -> tuple[float, float]:
    """The best wall time of RUNS runs after a warm-up, and the least CPU time."""
    timed(argv)
    runs = [timed(argv) for _ in range(RUNS)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def main() -> int:
    make_repository()
    size = (REPO / f"{PLAN_ID}.toml").stat().st_size / 1024
    print(f"git log: {PLAN_ID}.toml, {size:.0f} KB, {COMMITS + 1:,} commits", flush=True)
    argv = [PYTHON, "-m", "kamtui", "log", PLAN_ID, "-w", str(REPO)]
    seconds, cpu = best(argv)
    ok = report(f"kamtui log, {COMMITS:,} commits of a 48 KB plan", seconds, TARGET_SECONDS, 1.0)
    json_seconds, json_cpu = best([*argv, "--format", "json"])
    load = os.getloadavg()[0]
    print(
        f"kamtui log: CPU {cpu:.3f} s (user and system, git included); --format json "
        f"{json_seconds:.3f} s, CPU {json_cpu:.3f} s; load average {load:.1f} on "
        f"{os.cpu_count()} CPUs (for information, no target)",
        flush=True,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
