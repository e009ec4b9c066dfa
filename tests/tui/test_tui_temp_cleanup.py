"""Opening the workspace in the app removes kamtui's old temp files and says how many."""

from __future__ import annotations

import os
import time
from pathlib import Path

from conftest import TODAY, copy_sample
from tui_helpers import started, wait_for

from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app

OLD = ".acme.toml.kamtui-abc123.tmp"
YOUNG = ".acme.toml.kamtui-def456.tmp"


def leftovers(root: Path, now: float) -> None:
    for name, age in ((OLD, 7200), (YOUNG, 60)):
        path = root / name
        path.write_bytes(b"x" * 1000)
        os.utime(path, (now - age, now - age))


async def test_the_app_cleans_them_and_says_how_many(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "accounts")
    leftovers(root, time.time())
    app = make_app(Workspace(root), today=TODAY, watch_interval=None)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await started(app, pilot)
        await wait_for(pilot, lambda: not (root / OLD).exists())
        await wait_for(
            pilot, lambda: any("Removed 1 temp file" in str(n.message) for n in app._notifications)
        )
    assert (root / YOUNG).exists()
