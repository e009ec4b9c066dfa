"""The real ``kamtui`` binary in a real terminal: a private tmux server (``-L``) at 80x24 that
the tests type into (``send-keys``) and read (``capture-pane``).

Shared by the tmux tests. Each of them calls :func:`skip_unless_installed` at import, so a
machine without tmux (or without the ``kamtui`` script) skips them instead of failing; the
``tmux`` fixture (in ``conftest.py``) kills the server whatever happens.
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
from collections.abc import Callable
from pathlib import Path

import pytest

KAMTUI = Path(sys.executable).with_name("kamtui")


def skip_unless_installed(*tools: str) -> None:
    """Skip the calling test module (at import) unless tmux, *tools* and the kamtui script
    are there."""
    for tool in ("tmux", *tools):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed", allow_module_level=True)
    if not KAMTUI.exists():
        pytest.skip(f"no kamtui script next to {sys.executable}", allow_module_level=True)


class Tmux:
    """One private tmux server running one kamtui session, with private XDG folders under
    *tmp_path* (``xdg/cache``, ``xdg/config``, …) and its exit status written to ``rc``."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"kamtui-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.session = "kamtui"
        self.env = {k: v for k, v in os.environ.items() if k not in {"TMUX", "TMUX_PANE"}}
        self.xdg = {
            kind: tmp_path / "xdg" / kind.lower() for kind in ("CACHE", "CONFIG", "DATA", "STATE")
        }
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
        command = (
            "env KAMTUI_TODAY=2026-11-30 "
            + " ".join(f"XDG_{k}_HOME={shlex.quote(str(v))}" for k, v in self.xdg.items())
            + f" {shlex.quote(str(KAMTUI))} -w {shlex.quote(str(workspace))}; "
            f"echo $? > {shlex.quote(str(self.rc_file))}"
        )
        self.run("new-session", "-d", "-s", self.session, "-x", "80", "-y", "24", command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session, check=False).stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", self.session, *(["-l"] if literal else []), *keys)

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

    def wait_for_text(self, *texts: str, timeout: float = 5.0) -> str:
        return self.wait(lambda s: all(t in s for t in texts), repr(texts), timeout)

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
        """Wait until the session has ended; return kamtui's exit status."""
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not self.alive(), f"kamtui did not exit; the screen was:\n{self.screen()}"
        return int(self.rc_file.read_text().strip())

    def kill(self) -> None:
        """Stop the server (if the session has not ended it already) and remove its socket,
        which tmux leaves behind in ``$TMUX_TMPDIR/tmux-UID/``."""
        self.run("kill-server", check=False)
        tmpdir = Path(self.env.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        with contextlib.suppress(OSError):
            (tmpdir / self.socket).unlink()
