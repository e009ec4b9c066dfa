"""The real ``kamtui`` binary in a real terminal (tmux, 80x24): start, move, filter, open,
help, quit. Keys go in with ``send-keys``; assertions are on ``capture-pane`` text.

Skipped when tmux is not installed. Each test has its own tmux server (``-L``), killed in the
fixture's teardown whatever happens (the driver: ``tmux_helpers``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SAMPLE
from tmux_helpers import Tmux, skip_unless_installed

skip_unless_installed()


def detail_line(screen: str) -> str:
    return next((line for line in screen.splitlines() if line.startswith(" next ")), "")


def test_the_real_binary_in_tmux(tmux: Tmux, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLE, workspace)
    before = {p.name: p.read_bytes() for p in workspace.glob("*.toml")}
    tmux.start(workspace)

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
    assert tmux.wait_for_exit() == 0

    # nothing the app did touched the plans; its cache went to XDG_CACHE_HOME
    assert {p.name: p.read_bytes() for p in workspace.glob("*.toml")} == before
    assert list((tmux.xdg["CACHE"] / "kamtui").rglob("*.pickle"))
