"""The real binary in Italian at 80x24 (tmux), chosen by `lang = "it"` in the settings file:
the dashboard, an account's three questions as the method asks them, the key bar's save, back
and help keys on screen, and quitting (issue 11, docs/italian.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SAMPLE
from tmux_helpers import Tmux, skip_unless_installed

skip_unless_installed()


def test_kamtui_in_italian_at_80_by_24(tmux: Tmux, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLE, workspace)
    config = tmux.xdg["CONFIG"] / "kamtui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('lang = "it"\n', encoding="utf-8")
    tmux.env.pop("KAMTUI_LANG", None)  # the settings file decides
    tmux.start(workspace)
    screen = tmux.wait(
        lambda s: "Freni Orobici" in s and "Esci" in s and "Aiuto" in s,
        "the dashboard in Italian",
        timeout=10,
    )
    assert "Quit" not in screen and "Help" not in screen

    tmux.keys("Down", "Down", "Enter")  # Freni Orobici
    screen = tmux.wait(
        lambda s: "Dove sono?" in s and "Dove voglio andare?" in s, "the account in Italian"
    )
    bar = screen.rstrip().splitlines()[-1]
    for word in ("Salva", "Indietro", "Aiuto"):
        assert word in bar, (word, bar)
    assert "Come voglio arrivarci?" in screen or "Come voglio" in screen

    tmux.keys("Escape")
    tmux.wait(
        lambda s: "Dove sono?" not in s and "Freni Orobici" in s and "Esci" in s,
        "back on the dashboard",
    )
    tmux.keys("q")
    tmux.wait(lambda s: not tmux.alive() or (tmp_path / "rc").exists(), "kamtui quit")
