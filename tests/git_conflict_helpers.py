"""Real merge conflicts for tests: a git repository in a temporary folder with the plan of the
sample workspace, kamtui's merge driver set up by ``kamtui setup-git``, two branches that
edit the plan, and ``git merge`` (as tests/cli/test_git_merge.py does), on the helpers of
tests/git_helpers.py. The ``merge_in_progress`` fixture (tests/conftest.py) copies one such
merge, made once per test process, for the tests that only need it to be there."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from conftest import SAMPLE
from git_helpers import commit_all, git, init_repo, set_up_driver

from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import read_plan
from kamtui.plan.model import AccountPlan

PLAN = "alimentare-padano"
FIELD_ACTION = "lodi-stop-review"  # owner "Marco Valli" in the base
RECORD_ACTION = "parma-trials"  # deleted by ours, edited by theirs
OBJECTIVE = "revenue-2027"  # a check-in on the same date on both sides
CHECKIN = dt.date(2030, 1, 1)
Edit = Callable[[AccountPlan], None]


def make_repo(repo: Path) -> Path:
    """A repository holding the sample plan :data:`PLAN`, the driver set up, one commit."""
    repo.mkdir(parents=True)
    init_repo(repo, name="Test", email="test@example.invalid")
    (repo / f"{PLAN}.toml").write_bytes((SAMPLE / f"{PLAN}.toml").read_bytes())
    printed = set_up_driver(repo)
    assert "merge=kamtui" in printed and "merge.kamtui.driver" in printed, printed
    commit_all(repo, "base")
    return repo


def copy_repo(repo: Path, dest: Path) -> Path:
    """A copy of *repo* (its work tree and ``.git``: a merge in progress stays in progress) at
    *dest*; returns *dest*."""
    shutil.copytree(repo, dest, symlinks=True)
    return dest


def plan_in(repo: Path) -> AccountPlan:
    loaded = read_plan(repo / f"{PLAN}.toml")
    assert loaded.plan is not None and not loaded.errors, loaded.errors
    return loaded.plan


def commit_edit(repo: Path, edit: Edit, message: str) -> None:
    changed = copy.deepcopy(plan_in(repo))
    edit(changed)
    (repo / f"{PLAN}.toml").write_text(dumps_plan(changed), encoding="utf-8")
    git(repo, "commit", "-q", "-am", message)


def merge(repo: Path, ours: Edit, theirs: Edit) -> subprocess.CompletedProcess[str]:
    """Branch ``theirs`` edits with *theirs*, ``main`` with *ours*, then ``git merge theirs``
    on main (the driver merges the plan); git's result, whatever it is."""
    git(repo, "checkout", "-q", "-b", "theirs")
    commit_edit(repo, theirs, "theirs")
    git(repo, "checkout", "-q", "main")
    commit_edit(repo, ours, "ours")
    return git(repo, "merge", "-q", "-m", "merge", "theirs", check=False)


def merge_conflict(repo: Path, ours: Edit, theirs: Edit) -> str:
    """:func:`merge`, which must leave conflicts: the plan's text as the merge left it (with
    markers)."""
    result = merge(repo, ours, theirs)
    assert result.returncode != 0, result.stdout + result.stderr
    text = (repo / f"{PLAN}.toml").read_text(encoding="utf-8")
    assert "<<<<<<< ours" in text
    return text


def owner_field(owner: str) -> Edit:
    def edit(plan: AccountPlan) -> None:
        plan.how_to_get_there.actions[FIELD_ACTION].owner = owner

    return edit


def ours_edits(plan: AccountPlan) -> None:
    """A field (owner Anna), a record (deleted), a check-in (1 on :data:`CHECKIN`)."""
    plan.how_to_get_there.actions[FIELD_ACTION].owner = "Anna"
    del plan.how_to_get_there.actions[RECORD_ACTION]
    plan.where_to_go.objectives[OBJECTIVE].checkins[CHECKIN] = 1


def theirs_edits(plan: AccountPlan) -> None:
    """The same field (owner Bruno), the same record (edited), the same check-in (2)."""
    plan.how_to_get_there.actions[FIELD_ACTION].owner = "Bruno"
    plan.how_to_get_there.actions[RECORD_ACTION].owner = "Bruno"
    plan.where_to_go.objectives[OBJECTIVE].checkins[CHECKIN] = 2
