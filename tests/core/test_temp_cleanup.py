"""Temp files left by interrupted saves: kamtui's own, older than an hour, are removed when the
workspace is next opened; a younger one (a save under way) and anyone else's file stay."""

from __future__ import annotations

import os
import time
from pathlib import Path

from kamtui.store.workspace import Workspace

OLD = ".acme.toml.kamtui-abc123.tmp"
YOUNG = ".acme.toml.kamtui-def456.tmp"
NOT_OURS = ".acme.toml.swp"


def leftovers(root: Path, now: float) -> None:
    for name, age in ((OLD, 7200), (YOUNG, 60), (NOT_OURS, 7200)):
        path = root / name
        path.write_bytes(b"x" * 1000)
        os.utime(path, (now - age, now - age))


def test_only_our_old_temp_files_are_removed(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws")
    now = time.time()
    leftovers(ws.root, now)
    assert [p.name for p in ws.clean_temp_files(now)] == [OLD]
    assert not (ws.root / OLD).exists()
    assert (ws.root / YOUNG).exists() and (ws.root / NOT_OURS).exists()
    assert ws.clean_temp_files(now) == []
