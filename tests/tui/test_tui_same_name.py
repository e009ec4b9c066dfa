"""A new account with the name of an existing one (case, spaces, punctuation aside): the app
asks first; "No" creates nothing and shows the existing account."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, copy_sample
from textual.widgets import Input
from tui_helpers import started, wait_for, wait_for_screen

from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app
from kamtui.tui.screens.dashboard import DashboardScreen
from kamtui.tui.screens.dialogs import ConfirmDialog, TextPrompt


async def name_typed(pilot: object, app: object, name: str) -> None:
    await pilot.press("n")  # type: ignore[attr-defined]
    prompt = await wait_for_screen(pilot, TextPrompt)  # type: ignore[arg-type]
    prompt.query_one(Input).insert_text_at_cursor(name)
    await pilot.press("enter")  # type: ignore[attr-defined]


async def test_the_same_name_asks_and_no_creates_nothing(tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "accounts")
    before = sorted(p.name for p in ws.iterdir())
    app = make_app(Workspace(ws), today=TODAY, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        dashboard = await started(app, pilot)
        await name_typed(pilot, app, "FRENI  orobici spa")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "Freni Orobici S.p.A." in dialog.question
        assert "freni-orobici.toml" in dialog.question
        await pilot.press("n")
        await wait_for_screen(pilot, DashboardScreen)
        await wait_for(pilot, lambda: dashboard.table.selected_id == "freni-orobici")
    assert sorted(p.name for p in ws.iterdir()) == before


async def test_the_same_name_created_when_the_user_says_so(tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "accounts")
    app = make_app(Workspace(ws), today=TODAY, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        dashboard = await started(app, pilot)
        await name_typed(pilot, app, "Freni Orobici S.p.A")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_for(pilot, lambda: (ws / "freni-orobici-s-p-a.toml").exists())
        await wait_for(pilot, lambda: dashboard.table.selected_id == "freni-orobici-s-p-a")
