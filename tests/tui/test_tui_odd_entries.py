"""The dashboard with odd entries named like plans: every good plan is there, each odd link a
broken row; the read-only view of a link out of the workspace never shows the file."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, copy_sample
from tui_helpers import screen_text, started, wait_for_screen

from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app
from kamtui.tui.screens.broken_plan import BrokenPlanScreen

SECRET = "root:x:0:0:not-a-plan"


async def test_odd_entries_do_not_empty_the_dashboard(tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "accounts")
    outside = tmp_path / "secret.toml"
    outside.write_text(f'schema = 1\n[account]\nname = "{SECRET}"\n')
    (ws / "loop.toml").symlink_to("loop.toml")
    (ws / "outside.toml").symlink_to(outside)
    (ws / "folder.toml").mkdir()
    app = make_app(Workspace(ws), today=TODAY, watch_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        dashboard = await started(app, pilot)
        assert dashboard.table.row_count == 13  # 11 plans and two broken links
        dashboard.table.select("outside")
        await pilot.press("enter")
        view = await wait_for_screen(pilot, BrokenPlanScreen)
        text = screen_text(app)
        assert "outside the workspace" in text
        assert SECRET not in text and view.loaded.text == ""
