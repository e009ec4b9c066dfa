"""Editing with the real ``kamtui`` binary in tmux (80x24): a status change saved with ctrl+s
touches only that action's lines on disk; quitting with unsaved edits asks first.

The workspace is a git repository (a copy of the sample), so the tests read the change as
``git diff`` shows it. Skipped when tmux (or git) is not installed. Each test has its own tmux
server (``-L``) and private XDG directories (the driver: ``tmux_helpers``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE
from git_helpers import commit_all, git, init_repo
from tmux_helpers import Tmux, skip_unless_installed

skip_unless_installed("git")

PLAN = "bellanova-cosmetici.toml"
# The first action of the plan (the first row of step 3) and the lines `space` changes: done →
# todo sets progress to 0 and drops the completion date.
FIRST_ACTION = "[how_to_get_there.actions.pcr-samples]\n"
BEFORE = 'status = "done"\nprogress = 100\ncompleted = 2026-10-02\n'
AFTER = 'status = "todo"\nprogress = 0\n'
ROW = "  Deliver decorate"  # the row of that action in the table (title cut to its column)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The sample workspace in a git repository, everything committed."""
    ws = tmp_path / "ws"
    shutil.copytree(SAMPLE, ws)
    text = (ws / PLAN).read_text(encoding="utf-8")
    first = text.index("[how_to_get_there.actions.")
    assert text.find(FIRST_ACTION) == first, "the sample's first action changed"
    assert BEFORE in text[first:].split("\n\n")[0] + "\n", "the sample's first action changed"
    init_repo(ws)
    commit_all(ws, "sample")
    return ws


def row(screen: str) -> str:
    return next((line for line in screen.splitlines() if line.startswith(ROW)), "")


def key_bar(screen: str) -> str:
    lines = screen.rstrip("\n").splitlines()
    return lines[-1] if lines else ""


def open_actions(tmux: Tmux, workspace: Path) -> None:
    """Start kamtui, open Bellanova (the first row), step 3, focus the action table.

    Each key waits for the screen to settle first: the account screen focuses step 1's first
    table only after its first refresh, and a step key typed before that is undone (step 1
    comes back).
    """
    tmux.start(workspace)
    tmux.wait(lambda s: "Bellanova Cosmetici" in s and "Quit" in s, "the dashboard", timeout=10)
    tmux.keys("Enter")
    tmux.settle(
        lambda s: (
            all(t in s for t in ("Bellanova Cosmetici S.r.l.", "✔ saved", "Business"))
            and "⏎ Edit" in key_bar(s)
        ),
        "Bellanova's account, step 1 focused",
    )
    tmux.keys("3")
    screen = tmux.settle(lambda s: "Action plan" in s and " done " in row(s), "step 3")
    # Tab until the action table has the focus (its keys in the key bar): once, from the
    # strategy (more only if the focus was elsewhere).
    for _ in range(4):
        if "space Status" in key_bar(screen):
            return
        tmux.keys("Tab")
        screen = tmux.settle(lambda s: True, "the focus after tab")
    raise AssertionError(f"tab never reached the action table; the screen was:\n{screen}")


def change_first_action(tmux: Tmux) -> None:
    tmux.keys("Space")
    tmux.wait(
        lambda s: "● unsaved" in s and " todo " in row(s) and "0%" in row(s),
        "the first action back to todo, unsaved",
    )


def save(tmux: Tmux, workspace: Path) -> None:
    committed = (SAMPLE / PLAN).read_bytes()
    tmux.keys("C-s")
    tmux.wait(
        lambda s: "✔ saved" in s and (workspace / PLAN).read_bytes() != committed,
        "the save",
    )


def assert_only_the_status_lines_changed(workspace: Path) -> None:
    numstat = git(workspace, "diff", "--numstat").stdout.splitlines()
    assert numstat == [f"2\t3\t{PLAN}"], numstat
    diff = git(workspace, "diff").stdout
    assert '-status = "done"' in diff and '+status = "todo"' in diff, diff
    assert "-completed = 2026-10-02" in diff, diff
    before = (SAMPLE / PLAN).read_text(encoding="utf-8")
    head, rest = before.split(FIRST_ACTION)
    expected = head + FIRST_ACTION + rest.replace(BEFORE, AFTER, 1)
    assert (workspace / PLAN).read_bytes() == expected.encode("utf-8")
    assert git(workspace, "status", "--porcelain").stdout == f" M {PLAN}\n"


def test_a_status_change_saves_only_its_lines(tmux: Tmux, workspace: Path) -> None:
    open_actions(tmux, workspace)
    change_first_action(tmux)
    save(tmux, workspace)
    tmux.keys("q")
    assert tmux.wait_for_exit() == 0
    assert_only_the_status_lines_changed(workspace)


def test_quit_with_unsaved_edits_asks_first(tmux: Tmux, workspace: Path) -> None:
    open_actions(tmux, workspace)
    change_first_action(tmux)

    tmux.keys("q")
    tmux.wait(
        lambda s: "Unsaved changes" in s and PLAN in s and "Stay" in s, "the quit confirmation"
    )
    tmux.keys("n")  # stay
    tmux.wait(
        lambda s: "Unsaved changes" not in s and "● unsaved" in s and " todo " in row(s),
        "back in the editor with the edit kept",
    )
    assert tmux.alive()
    assert (workspace / PLAN).read_bytes() == (SAMPLE / PLAN).read_bytes()

    save(tmux, workspace)
    tmux.keys("q")
    assert tmux.wait_for_exit() == 0
    assert_only_the_status_lines_changed(workspace)
