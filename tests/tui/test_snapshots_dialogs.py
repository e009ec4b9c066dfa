"""SVG snapshots of every kind of dialog at 80x24 and 120x40: each shows all its buttons (on
two rows where one is not enough), never a button cut; for the dialogs of WHOLE_BUTTONS the
buttons' regions are checked too, on the screen that is pictured.

The dialogs are reached the way a user reaches them (a conflict on save, leaving with edits,
quitting with edits, a new account, the review's overdue action, the walk-through's table
question, the difference view). Update after a deliberate change with
``pytest tests/tui/test_snapshots_dialogs.py --snapshot-update`` and look at
``snapshot_report.html`` before committing the new SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, copy_sample
from textual.widgets import Button
from tui_helpers import wait_for, wait_for_screen

from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.dialogs import ChoiceDialog, ConfirmDialog, TextPrompt
from kamtui.tui.screens.diff_view import DiffScreen

SIZES = [(80, 24), (120, 40)]
PLAN = "freni-orobici"  # three overdue actions: the review asks about them


@pytest.fixture
def app(tmp_path: Path) -> KamApp:
    ws = copy_sample(tmp_path / "accounts")
    return make_app(
        Workspace(ws), today=TODAY, watch_interval=None, settings_path=tmp_path / "s.json"
    )


async def _account(pilot: Any) -> AccountScreen:
    app = pilot.app
    await wait_for(pilot, lambda: app.loaded_once)
    await pilot.pause()
    app.screen.table.select(PLAN)
    await pilot.press("enter")
    screen = await wait_for_screen(pilot, AccountScreen)
    await pilot.pause()
    return screen


async def _edited(pilot: Any) -> AccountScreen:
    """The account open, with an unsaved edit (an action's status moved on)."""
    screen = await _account(pilot)
    await pilot.press("3")
    await pilot.pause()
    await pilot.press("tab", "space")
    await wait_for(pilot, lambda: screen.dirty)
    return screen


async def _settled(pilot: Any, kind: type) -> None:
    await wait_for_screen(pilot, kind)
    for button in pilot.app.screen.query(Button):
        button.active_effect_duration = 0
    await pilot.pause(0.1)


async def conflict(pilot: Any) -> None:
    screen = await _edited(pilot)
    path = screen.loaded.path
    path.write_text(path.read_text().replace("Freni Orobici", "Freni Orobici Group", 1))
    await pilot.press("ctrl+s")
    await _settled(pilot, ChoiceDialog)


async def difference(pilot: Any) -> None:
    await conflict(pilot)
    await pilot.press("v")
    await _settled(pilot, DiffScreen)


async def leave(pilot: Any) -> None:
    await _edited(pilot)
    await pilot.press("escape")
    await _settled(pilot, ChoiceDialog)


async def quit_question(pilot: Any) -> None:
    await _edited(pilot)
    await pilot.press("ctrl+q")
    await _settled(pilot, ConfirmDialog)


async def new_account(pilot: Any) -> None:
    await wait_for(pilot, lambda: pilot.app.loaded_once)
    await pilot.press("n")
    await _settled(pilot, TextPrompt)


async def review_overdue(pilot: Any) -> None:
    screen = await _account(pilot)
    await pilot.press("r")
    await wait_for_screen(pilot, ChoiceDialog)
    await pilot.press("c")
    # every objective's check-in form: confirm without a value (skip)
    plan = screen.plan
    for _ in plan.where_to_go.objectives:
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "RecordForm")
        form = pilot.app.screen
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda form=form: pilot.app.screen is not form)
    await _settled(pilot, ChoiceDialog)


async def walk_through_table(pilot: Any) -> None:
    await _account(pilot)
    pilot.app.walk_positions[PLAN] = 4  # the buying centre: "add a person / next question"
    await pilot.press("w")
    await _settled(pilot, ChoiceDialog)


DIALOGS: dict[str, Callable[[Any], Awaitable[None]]] = {
    "conflict": conflict,
    "difference": difference,
    "leave": leave,
    "quit": quit_question,
    "new-account": new_account,
    "review-overdue": review_overdue,
    "walk-through-table": walk_through_table,
}


WHOLE_BUTTONS = {"conflict", "review-overdue", "leave", "quit"}
"""The dialogs whose buttons are also checked by their regions, not only in the pictures."""


def assert_every_button_is_whole(app: KamApp, size: tuple[int, int]) -> None:
    """Each button lies inside its dialog and the screen, its label not cut."""
    box = app.screen.query_one(".dialog").region
    buttons = list(app.screen.query(Button))
    assert len(buttons) >= 2
    for button in buttons:
        region = button.region
        assert region.width >= len(str(button.label)), button.label
        assert box.contains_region(region), (button.label, region, box)
        assert region.right <= size[0]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("dialog", list(DIALOGS))
def test_dialog(snap_compare: Any, app: KamApp, dialog: str, size: tuple[int, int]) -> None:
    """The picture; and for :data:`WHOLE_BUTTONS`, the buttons' regions on the screen that is
    pictured (one app run for both: reaching a dialog is most of the time)."""
    checked: list[str] = []

    async def run_before(pilot: Any) -> None:
        await DIALOGS[dialog](pilot)
        if dialog in WHOLE_BUTTONS:
            assert_every_button_is_whole(pilot.app, size)
            checked.append(dialog)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
    assert checked == ([dialog] if dialog in WHOLE_BUTTONS else [])
