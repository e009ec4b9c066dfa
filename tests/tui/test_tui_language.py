"""Switching the language in the app (palette: "Language: Italiano" / "Language: English"):
every screen of the stack is composed again in it, at once (kamtui/tui/app.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, copy_sample
from textual.command import CommandList, CommandPalette
from tui_helpers import open_account, screen_text, started, type_text, wait_for

from kamtui.store.workspace import Workspace
from kamtui.text import i18n
from kamtui.tui.factory import make_app
from kamtui.tui.widgets.key_bar import KeyBar
from kamtui.tui.widgets.portfolio_table import PortfolioTable


def key_bar_text(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(KeyBar).content.plain


async def switch(pilot, app, query: str, expect: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await type_text(pilot, query)

    def highlighted() -> str:
        results = app.screen.query_one(CommandList)
        if results.highlighted is None or not results.option_count:
            return ""
        return str(results.get_option_at_index(results.highlighted).prompt)

    await wait_for(pilot, lambda: expect in highlighted())
    await pilot.press("enter")
    await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))


async def test_the_palette_switches_the_language_live(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "ws")
    app = make_app(Workspace(root), today=TODAY, watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await wait_for(pilot, lambda: "^p palette" in key_bar_text(app))
        await switch(pilot, app, "Language: Ital", "Italiano")
        await wait_for(pilot, lambda: "^p comandi" in key_bar_text(app))
        assert i18n.language() == "it"
        # composed again, with the portfolio in it
        await wait_for(pilot, lambda: app.screen.query_one(PortfolioTable).row_count == 11)
        await switch(pilot, app, "Lingua: English", "English")
        await wait_for(pilot, lambda: "^p palette" in key_bar_text(app))
        assert i18n.language() == "en"


async def test_an_open_account_keeps_its_unsaved_edits_across_a_switch(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "ws")
    app = make_app(Workspace(root), today=TODAY, watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        screen = await open_account(app, pilot, "freni-orobici")
        screen.apply(lambda plan: setattr(plan.where_am_i, "business", "Edited"), "all")
        assert "Freni Orobici" in screen_text(app)
        await pilot.press("2")
        await wait_for(pilot, lambda: screen.step == 2)
        await app.run_action("language('it')")
        await wait_for(pilot, lambda: "^p comandi" in key_bar_text(app))
        assert app.screen is screen
        assert screen.plan.where_am_i.business == "Edited"
        await wait_for(pilot, lambda: "Freni Orobici" in screen_text(app))
        assert screen.step == 2  # the step shown stays
        await pilot.press("1")
        await wait_for(pilot, lambda: "Edited" in screen_text(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not screen)  # asks or goes back: alive
