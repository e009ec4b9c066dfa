"""Keys that arrive in one burst, as over SSH, in the real binary (tmux ``send-keys`` writes
all the keys of one call at once): editing keys are applied in the order they were typed."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_sample
from tmux_helpers import Tmux, skip_unless_installed

skip_unless_installed()


def test_editing_keys_sent_in_one_burst(tmux: Tmux, tmp_path: Path) -> None:
    workspace = copy_sample(tmp_path / "ws")
    tmux.start(workspace)
    tmux.wait_for_text("Bellanova Cosmetici", "Filter", timeout=10)
    tmux.keys("/")
    tmux.keys("grecx", literal=True)
    tmux.wait_for_text("“grecx”")
    # a typo corrected in one burst: the backspace first, then the letter
    tmux.keys("BSpace", "o")
    tmux.wait_for_text("“greco”", "3/11 shown")
    # cursor moves and deletes in one burst: "greco" → home, delete, "G" → "Greco"
    tmux.keys("Home", "DC", "G")
    tmux.wait_for_text("“Greco”", "3/11 shown")
    # to the end, a word deleted, new text, in one burst
    tmux.keys("End", "C-w", "b", "e", "l", "l", "a")
    screen = tmux.wait_for_text("“bella”", "1/11 shown")
    assert "Bellanova Cosmetici" in screen
