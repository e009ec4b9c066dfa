"""The real ``kamtui`` binary in a real terminal (tmux, 80x24): start, move, filter, open,
help, quit. Keys go in with ``send-keys``; assertions are on ``capture-pane`` text.

Skipped when tmux is not installed. Each test has its own tmux server (``-L``), killed in the
fixture's teardown whatever happens.
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

KAMTUI = Path(sys.executable).with_name("kamtui")
if not KAMTUI.exists():
    pytest.skip(f"no kamtui script next to {sys.executable}", allow_module_level=True)

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "workspace"


class Tmux:
    """One private tmux server running one kamtui session."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"kamtui-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.session = "kamtui"
        self.env = {k: v for k, v in os.environ.items() if k not in {"TMUX", "TMUX_PANE"}}
        self.tmp = tmp_path

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=check,
            timeout=10,
        )

    def start(self, workspace: Path, cache_home: Path) -> None:
        rc_file = self.tmp / "rc"
        command = (
            f"env KAMTUI_TODAY=2026-11-30 XDG_CACHE_HOME={shlex.quote(str(cache_home))} "
            f"XDG_CONFIG_HOME={shlex.quote(str(self.tmp / 'config'))} "
            f"XDG_DATA_HOME={shlex.quote(str(self.tmp / 'data'))} "
            f"{shlex.quote(str(KAMTUI))} -w {shlex.quote(str(workspace))}; "
            f"echo $? > {shlex.quote(str(rc_file))}"
        )
        self.run("new-session", "-d", "-s", self.session, "-x", "80", "-y", "24", command)

    def screen(self) -> str:
        result = self.run("capture-pane", "-p", "-t", self.session, check=False)
        return result.stdout

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

    def kill(self) -> None:
        """Stop the server (if the session has not ended it already) and remove its socket,
        which tmux leaves behind in ``$TMUX_TMPDIR/tmux-UID/``."""
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


def detail_line(screen: str) -> str:
    return next((line for line in screen.splitlines() if line.startswith(" next ")), "")


def test_the_real_binary_in_tmux(tmux: Tmux, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLE, workspace)
    before = {p.name: p.read_bytes() for p in workspace.glob("*.toml")}
    cache_home = tmp_path / "cache"
    tmux.start(workspace, cache_home)

    # first paint: every account, sorted by name, the first one highlighted, the footer.
    # (Each step waits for the whole expected screen: a capture can fall between two writes
    # of one repaint.)
    tmux.wait(
        lambda s: (
            all(
                t in s
                for t in ("Bellanova Cosmetici", "Supermercati del Tirren", "11 · sort Account ↑")
            )
            and all(t in s for t in ("Filter", "Quit", "Help"))
            and "Change jar packing" in detail_line(s)
        ),  # Bellanova's next action
        "the first paint",
        timeout=10,
    )

    # j, then Down: the highlight moves and the detail line follows
    tmux.keys("j")
    tmux.wait(lambda s: "Visit the Mirandola plant" in detail_line(s), "j to Brightway")
    tmux.keys("Down")
    tmux.wait(lambda s: "Close the 8D on lot" in detail_line(s), "Down to Freni Orobici")

    # / goes to the filter; typed text narrows the rows (owner Davide Greco: three accounts)
    tmux.keys("/")
    tmux.keys("greco", literal=True)
    tmux.wait(
        lambda s: (
            all(
                t in s
                for t in (
                    "3/11 shown",
                    "“greco”",
                    "Logistica Adriatica",
                    "Officine Meccaniche",
                    "Serre di Sicilia",
                )
            )
            and "Bellanova" not in s
            and "Freni Orobici" not in s
        ),
        "the rows of Davide Greco only",
    )

    # escape clears it: every row again
    tmux.keys("Escape")
    tmux.wait(
        lambda s: (
            "11 · sort Account ↑" in s
            and "Bellanova Cosmetici" in s
            and "Freni Orobici" in s
            and "greco" not in s
        ),
        "the filter cleared",
    )

    # enter opens the highlighted account (home: the first row, Bellanova)
    tmux.keys("Home")
    tmux.wait(lambda s: "Change jar packing" in detail_line(s), "Home to Bellanova")
    tmux.keys("Enter")
    tmux.wait(
        lambda s: (
            all(t in s for t in ("Bellanova Cosmetici S.r.l.", "1 Where am I?", "Elena Marchetti"))
            and "sort Account" not in s
        ),  # the dashboard is gone
        "Bellanova's account view",
    )

    # escape: back to the dashboard, still on Bellanova
    tmux.keys("Escape")
    tmux.wait(
        lambda s: (
            "sort Account ↑" in s
            and "Supermercati del Tirren" in s
            and "Change jar packing" in detail_line(s)
        ),
        "back on the dashboard, on Bellanova",
    )

    # ? shows the keys of the dashboard; escape closes it
    tmux.keys("?")
    tmux.wait_for_text("Keys on this screen", "Late/stale", "Sort", "Reverse")
    tmux.keys("Escape")
    tmux.wait(lambda s: "Keys on this screen" not in s and "sort Account" in s, "help closed")

    # q quits: the session ends, the exit status is 0
    tmux.keys("q")
    deadline = time.monotonic() + 5
    while tmux.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not tmux.alive(), tmux.screen()
    assert (tmp_path / "rc").read_text().strip() == "0"

    # nothing the app did touched the plans; its cache went to XDG_CACHE_HOME
    assert {p.name: p.read_bytes() for p in workspace.glob("*.toml")} == before
    assert list((cache_home / "kamtui").rglob("*.pickle"))
