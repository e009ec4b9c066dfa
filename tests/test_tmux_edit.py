"""Editing with the real ``kamtui`` binary in tmux (80x24): a status change saved with ctrl+s
touches only that action's lines on disk; quitting with unsaved edits asks first.

The workspace is a git repository (a copy of the sample), so the tests read the change as
``git diff`` shows it. Skipped when tmux (or git) is not installed. Each test has its own tmux
server (``-L``) and private XDG directories.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

if shutil.which("tmux") is None:
    pytest.skip("tmux is not installed", allow_module_level=True)
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

KAMTUI = Path(sys.executable).with_name("kamtui")
if not KAMTUI.exists():
    pytest.skip(f"no kamtui script next to {sys.executable}", allow_module_level=True)

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "workspace"
PLAN = "bellanova-cosmetici.toml"
# The first action of the plan (the first row of step 3) and the lines `space` changes: done →
# todo sets progress to 0 and drops the completion date.
FIRST_ACTION = "[how_to_get_there.actions.pcr-samples]\n"
BEFORE = 'status = "done"\nprogress = 100\ncompleted = 2026-10-02\n'
AFTER = 'status = "todo"\nprogress = 0\n'
ROW = "  Deliver decorate"  # the row of that action in the table (title cut to its column)


class Tmux:
    """One private tmux server running one kamtui session."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"kamtui-edit-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.session = "kamtui"
        self.env = {k: v for k, v in os.environ.items() if k not in {"TMUX", "TMUX_PANE"}}
        self.tmp = tmp_path
        self.rc_file = tmp_path / "rc"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=check,
            timeout=10,
        )

    def start(self, workspace: Path) -> None:
        dirs = {
            f"XDG_{kind}_HOME": shlex.quote(str(self.tmp / "xdg" / kind.lower()))
            for kind in ("CACHE", "CONFIG", "DATA", "STATE")
        }
        command = (
            "env KAMTUI_TODAY=2026-11-30 "
            + " ".join(f"{k}={v}" for k, v in dirs.items())
            + f" {shlex.quote(str(KAMTUI))} -w {shlex.quote(str(workspace))}; "
            f"echo $? > {shlex.quote(str(self.rc_file))}"
        )
        self.run("new-session", "-d", "-s", self.session, "-x", "80", "-y", "24", command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session, check=False).stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)

    def alive(self) -> bool:
        return self.run("has-session", "-t", self.session, check=False).returncode == 0

    def wait(self, condition: Callable[[str], bool], what: str, timeout: float = 5.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}; the screen was:\n{screen}")

    def settle(
        self, condition: Callable[[str], bool], what: str, timeout: float = 5.0, quiet: float = 0.3
    ) -> str:
        """Wait until *condition* holds and the screen has not changed for *quiet* seconds (the
        app's deferred focus moves are over)."""
        deadline = time.monotonic() + timeout
        screen, since = "", time.monotonic()
        while time.monotonic() < deadline:
            now, previous = time.monotonic(), screen
            screen = self.screen()
            if screen != previous:
                since = now
            elif condition(screen) and now - since >= quiet:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what} to settle; the screen was:\n{screen}")

    def wait_for_exit(self, timeout: float = 5.0) -> int:
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not self.alive(), f"kamtui did not exit; the screen was:\n{self.screen()}"
        return int(self.rc_file.read_text().strip())

    def kill(self) -> None:
        """Stop the server (if the session has not ended it already) and remove its socket."""
        self.run("kill-server", check=False)
        tmpdir = Path(self.env.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        with contextlib.suppress(OSError):
            (tmpdir / self.socket).unlink()


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    t = Tmux(tmp_path)
    try:
        yield t
    finally:
        t.kill()


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    result = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The sample workspace in a git repository, everything committed."""
    ws = tmp_path / "ws"
    shutil.copytree(SAMPLE, ws)
    text = (ws / PLAN).read_text(encoding="utf-8")
    first = text.index("[how_to_get_there.actions.")
    assert text.find(FIRST_ACTION) == first, "the sample's first action changed"
    assert BEFORE in text[first:].split("\n\n")[0] + "\n", "the sample's first action changed"
    git(ws, "init", "-q")
    git(ws, "add", ".")
    git(ws, "commit", "-q", "-m", "sample")
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
    numstat = git(workspace, "diff", "--numstat").splitlines()
    assert numstat == [f"2\t3\t{PLAN}"], numstat
    diff = git(workspace, "diff")
    assert '-status = "done"' in diff and '+status = "todo"' in diff, diff
    assert "-completed = 2026-10-02" in diff, diff
    before = (SAMPLE / PLAN).read_text(encoding="utf-8")
    head, rest = before.split(FIRST_ACTION)
    expected = head + FIRST_ACTION + rest.replace(BEFORE, AFTER, 1)
    assert (workspace / PLAN).read_bytes() == expected.encode("utf-8")
    assert git(workspace, "status", "--porcelain") == f" M {PLAN}\n"


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
