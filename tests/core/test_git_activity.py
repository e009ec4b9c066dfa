"""When each plan last changed in git, and by whom: one git log, stopped once every plan is
seen (kamtui/git/activity.py), on real repositories in temporary folders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from git_helpers import commit_all, init_repo

from kamtui.git.activity import last_changes
from kamtui.git.errors import GitError


def test_each_plans_last_commit_and_author(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo", name="Anna")
    ws = repo / "plans"  # a workspace in a subfolder of the repository
    ws.mkdir()
    for name in ("acme", "beta"):
        (ws / f"{name}.toml").write_text(f"# {name}\n")
    (repo / "beta.toml").write_text("outside the workspace\n")
    commit_all(repo, "Both plans", when=dt.date(2026, 11, 1))
    (ws / "acme.toml").write_text("# acme, changed\n")
    commit_all(repo, "Acme changed", when=dt.date(2026, 11, 20), author="Bruno")
    (repo / "beta.toml").write_text("changed outside\n")
    commit_all(repo, "Not a plan of the workspace", when=dt.date(2026, 11, 25), author="Carla")
    found = last_changes(ws, ["acme", "beta", "never-committed"])
    assert set(found) == {"acme", "beta"}
    assert (found["acme"].author, found["acme"].subject) == ("Bruno", "Acme changed")
    assert found["acme"].when.date() == dt.date(2026, 11, 20)
    assert (found["beta"].author, found["beta"].subject) == ("Anna", "Both plans")


def test_a_repository_without_commits_has_no_changes(tmp_path: Path) -> None:
    init_repo(tmp_path)
    assert last_changes(tmp_path, ["acme"]) == {}


def test_outside_a_repository_is_a_git_error(tmp_path: Path) -> None:
    with pytest.raises(GitError):
        last_changes(tmp_path, ["acme"])
