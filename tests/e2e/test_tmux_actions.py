"""The actions view in the real binary (tmux, 80x24): `t`, the user's own actions from
config.toml, `space` on the first one saves its plan, `escape` back, `q` quits."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SAMPLE
from tmux_helpers import Tmux, skip_unless_installed

from kamtui.plan.file import read_plan
from kamtui.plan.model import ActionStatus

skip_unless_installed()


def test_my_week_in_the_real_binary(tmux: Tmux, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLE, workspace)
    config = tmux.xdg["CONFIG"] / "kamtui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('owner = "Maria Rossi"\n', encoding="utf-8")
    tmux.start(workspace)
    tmux.wait(lambda s: "Actions" in s and "Quit" in s, "the dashboard", timeout=10)

    tmux.keys("t")
    screen = tmux.wait(
        lambda s: "mine · any date" in s and "4/47" in s and "Meet the CFO with the" in s,
        "Maria Rossi's actions, the overdue one first",
        timeout=10,
    )
    assert "1 overdue" in screen

    path = workspace / "alimentare-padano.toml"
    tmux.keys("Space")  # todo → in progress, saved at once

    def status() -> ActionStatus | None:
        plan = read_plan(path).plan
        if plan is None:
            return None
        first = next(a for a in plan.how_to_get_there.actions.values() if "CFO" in a.title)
        return first.status

    tmux.wait(lambda s: "doing" in s.splitlines()[2], "the row in progress")
    assert status() is ActionStatus.IN_PROGRESS

    tmux.keys("Escape")
    tmux.wait(lambda s: "sort Account" in s, "back on the dashboard")
    tmux.keys("q")
    tmux.wait(lambda s: not tmux.alive() or (tmp_path / "rc").exists(), "kamtui quit")
