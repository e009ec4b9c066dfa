"""Two key account managers, two clones of one repository: each adds an action to the same plan
with the real ``kamtui`` in tmux (80x24), commits and pushes; the second one's pull merges with
no conflict (kamtui's merge driver, set up by ``kamtui setup-git`` in each clone) and
``kamtui check`` is clean. Plain git would stop at a conflict: both actions land at the end of
the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE
from git_helpers import commit_all, git, init_repo, set_identity, set_up_driver
from test_tmux_edit import open_actions
from tmux_helpers import Tmux, skip_unless_installed

from kamtui.cli.main import main
from kamtui.plan.file import read_plan

skip_unless_installed("git")

PLAN = "bellanova-cosmetici.toml"


@pytest.fixture
def clones(tmp_path: Path) -> tuple[Path, Path]:
    """A bare origin holding the sample workspace, and two clones set up for kamtui."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    first = tmp_path / "anna"
    shutil.copytree(SAMPLE, first)
    init_repo(first, name="Anna", email="anna@example.invalid", driver=True)
    commit_all(first, "the sample plans")
    git(first, "remote", "add", "origin", str(origin))
    git(first, "push", "-q", "origin", "main")
    second = tmp_path / "bruno"
    git(tmp_path, "clone", "-q", str(origin), str(second))
    set_identity(second, "Bruno", "bruno@example.invalid")
    set_up_driver(second)  # each clone, once
    return first, second


def add_action(tmux: Tmux, workspace: Path, title: str) -> None:
    """Open Bellanova's action table in kamtui, add an action, save, quit."""
    before = (workspace / PLAN).read_bytes()
    open_actions(tmux, workspace)
    tmux.keys("a")
    tmux.wait_for_text("New action")
    tmux.keys(title, literal=True)
    tmux.keys("Enter")
    tmux.wait(lambda s: "New action" not in s and "● unsaved" in s, "the action added")
    tmux.keys("C-s")
    tmux.wait(lambda s: "✔ saved" in s and (workspace / PLAN).read_bytes() != before, "the save")
    tmux.keys("q")
    assert tmux.wait_for_exit() == 0


def test_two_clones_add_actions_and_merge_without_conflict(
    tmp_path: Path, clones: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    anna, bruno = clones
    for workspace, title in ((anna, "Call the buyer (Anna)"), (bruno, "Visit the plant (Bruno)")):
        tmux = Tmux(tmp_path / workspace.name)
        try:
            add_action(tmux, workspace, title)
        finally:
            tmux.kill()
        git(workspace, "commit", "-q", "-am", f"{title}")
    git(anna, "push", "-q", "origin", "main")
    pulled = git(bruno, "pull", "--no-rebase", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    plan = read_plan(bruno / PLAN).plan
    assert plan is not None
    titles = [a.title for a in plan.how_to_get_there.actions.values()]
    assert "Call the buyer (Anna)" in titles and "Visit the plant (Bruno)" in titles
    capsys.readouterr()
    assert main(["check", "-w", str(bruno)]) == 0
    git(bruno, "push", "-q", "origin", "main")
