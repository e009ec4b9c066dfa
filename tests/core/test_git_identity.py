"""git's user.name for a workspace (kamtui/git/identity.py), on real repositories in temporary
folders with no global or system git config."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from kamtui.git import command
from kamtui.git.identity import user_name


@pytest.fixture(autouse=True)
def no_global_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the repository's own config counts (the machine's user.name must not leak in)."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_the_repositorys_user_name(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "  Maria   Rossi ")
    assert user_name(tmp_path) == "Maria Rossi"


def test_a_workspace_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "Bruno Neri")
    ws = tmp_path / "plans"
    ws.mkdir()
    assert user_name(ws) == "Bruno Neri"


def test_the_global_name_counts_inside_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    global_config = tmp_path / "gitconfig"
    global_config.write_text("[user]\n\tname = Carla Verdi\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(global_config))
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    assert user_name(repo) == "Carla Verdi"
    outside = tmp_path / "outside"
    outside.mkdir()
    assert user_name(outside) is None  # not in a git work tree: no name, even a global one


def test_unset_or_blank_is_none(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    assert user_name(tmp_path) is None
    git(tmp_path, "config", "user.name", "   ")
    assert user_name(tmp_path) is None


def test_outside_git_a_missing_folder_or_no_git_is_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert user_name(tmp_path / "not-there") is None
    monkeypatch.setattr(command.shutil, "which", lambda name: None)
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "Maria Rossi")
    assert user_name(tmp_path) is None
