"""Regenerate the README screenshots (SVGs saved by the app itself).

.venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"


async def shoot() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="kamtui-shots-"))
    shutil.copytree(ROOT / "sample_data" / "workspace", scratch / "accounts")
    app = make_app(
        Workspace(scratch / "accounts"),
        today=dt.date(2026, 11, 30),
        watch_interval=None,
        settings_path=scratch / "settings.json",
    )
    async with app.run_test(size=(110, 30)) as pilot:
        while not app.loaded_once:
            await pilot.pause(0.05)
        await pilot.pause()
        app.save_screenshot("dashboard.svg", str(OUT))
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#abc-file").value = "sample_data/revenue.csv"  # type: ignore[attr-defined]
        await pilot.press("enter")
        while app.abc_view is None:
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        app.save_screenshot("abc-view.svg", str(OUT))
        await pilot.press("2")
        await pilot.pause()
        app.save_screenshot("abc-customers.svg", str(OUT))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # the first account
        await pilot.pause(0.3)
        app.save_screenshot("account-step1.svg", str(OUT))
        await pilot.press("3")
        await pilot.pause(0.3)
        app.save_screenshot("account-step3.svg", str(OUT))
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(shoot())
