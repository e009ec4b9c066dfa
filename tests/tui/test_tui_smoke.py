"""A first Pilot pass over the app on a copy of the sample workspace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY

from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.broken_plan import BrokenPlanScreen
from kamtui.tui.screens.dashboard import DashboardScreen
from kamtui.tui.screens.help import HelpScreen


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    shutil.copytree(SAMPLE, tmp_path / "ws")
    return Workspace(tmp_path / "ws")


async def wait_loaded(app, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause(0.02)
        if app.loaded_once:
            break
    await pilot.pause()


async def test_dashboard_lists_every_account_and_opens_one(workspace: Workspace) -> None:
    app = make_app(workspace, today=TODAY, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        ids = screen.table.row_ids()
        assert len(ids) == len(workspace.plan_paths()) == 11
        assert ids == sorted(ids, key=lambda i: app.portfolio.plans[i].plan.name.casefold())
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.loaded.id == ids[1]
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_broken_file_is_a_row_and_opens_read_only(workspace: Workspace) -> None:
    (workspace.root / "zz-broken.toml").write_text('schema = 1\n[account]\nname = "x\n')
    app = make_app(workspace, today=TODAY, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(app, pilot)
        table = app.screen.table
        assert "zz-broken" in table.row_ids()
        table.select("zz-broken")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BrokenPlanScreen)


async def test_live_update_changes_the_row_in_place(workspace: Workspace) -> None:
    app = make_app(workspace, today=TODAY, watch_interval=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        table = app.screen.table
        table.select("serre-di-sicilia")
        before_row = table.cursor_row
        path = workspace.root / "serre-di-sicilia.toml"
        text = path.read_text()
        path.write_text(text.replace('name = "Serre di Sicilia', 'name = "Serre di Sicilia NEW', 1))
        for _ in range(100):
            await pilot.pause(0.05)
            if "NEW" in app.portfolio.plans["serre-di-sicilia"].plan.name:
                break
        await pilot.pause()
        assert "NEW" in app.portfolio.plans["serre-di-sicilia"].plan.name
        assert table.selected_id == "serre-di-sicilia"
        assert table.cursor_row == before_row
        cell = table.get_cell("serre-di-sicilia", "name")
        assert "NEW" in cell.plain
