"""When each plan last changed in git, and by whom: one git log, stopped once every plan is
seen (kamtui/git/activity.py), on real repositories in temporary folders."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from kamtui.git.activity import last_changes
from kamtui.git.errors import GitError


def git(repo: Path, *args: str, author: str = "Anna", day: str = "2026-11-01") -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "a@example.invalid",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "a@example.invalid",
        "GIT_AUTHOR_DATE": f"{day}T10:00:00+01:00",
        "GIT_COMMITTER_DATE": f"{day}T10:00:00+01:00",
    }
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def test_each_plans_last_commit_and_author(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    ws = repo / "plans"  # a workspace in a subfolder of the repository
    ws.mkdir(parents=True)
    git(repo, "init", "-q")
    for name in ("acme", "beta"):
        (ws / f"{name}.toml").write_text(f"# {name}\n")
    (repo / "beta.toml").write_text("outside the workspace\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Both plans")
    (ws / "acme.toml").write_text("# acme, changed\n")
    git(repo, "commit", "-q", "-am", "Acme changed", author="Bruno", day="2026-11-20")
    (repo / "beta.toml").write_text("changed outside\n")
    git(
        repo, "commit", "-q", "-am", "Not a plan of the workspace", author="Carla", day="2026-11-25"
    )
    found = last_changes(ws, ["acme", "beta", "never-committed"])
    assert set(found) == {"acme", "beta"}
    assert (found["acme"].author, found["acme"].subject) == ("Bruno", "Acme changed")
    assert found["acme"].when.date() == dt.date(2026, 11, 20)
    assert (found["beta"].author, found["beta"].subject) == ("Anna", "Both plans")


def test_a_repository_without_commits_has_no_changes(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    assert last_changes(tmp_path, ["acme"]) == {}


def test_outside_a_repository_is_a_git_error(tmp_path: Path) -> None:
    with pytest.raises(GitError):
        last_changes(tmp_path, ["acme"])
