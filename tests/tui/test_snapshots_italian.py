"""SVG snapshots in Italian (issue 11): the dashboard, each of the account screen's three steps,
a form and the help, at 80x24 and 120x40, with a pinned date. The English ones are in
tests/tui/test_snapshots.py (and must not change with the language); update as they say.

What to look at in these: the key bar keeps save, back and help at 80 columns, the headers fit
their columns, dates are 30/11/2026, numbers 1,8, a dialog's buttons whole.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TODAY

from kamtui.store.workspace import Workspace
from kamtui.text import i18n
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def app(tmp_path: Path) -> KamApp:
    shutil.copytree(ROOT / "sample_data" / "workspace", tmp_path / "accounts")
    i18n.set_language("it")  # conftest speaks English again after the test
    return make_app(
        Workspace(tmp_path / "accounts"),
        today=TODAY,
        watch_interval=None,
        settings_path=tmp_path / "settings.json",
    )


async def _loaded(pilot: Any) -> None:
    app = pilot.app
    while not app.loaded_once:
        await pilot.pause(0.02)
    await pilot.pause()


def _account_step(step: str, *keys: str) -> Any:
    async def run_before(pilot: Any) -> None:
        await _loaded(pilot)
        await pilot.press("enter")  # the first account of the dashboard
        while type(pilot.app.screen).__name__ != "AccountScreen":
            await pilot.pause(0.02)
        await pilot.pause()
        await pilot.press(step, *keys)
        await pilot.pause(0.1)
        for box in pilot.app.screen.query("Input, TextArea"):
            box.cursor_blink = False  # a blinking cursor would make the SVG flaky
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard_it(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_loaded)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_account_where_am_i_it(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_account_step("1", "tab"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_account_where_to_go_it(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_account_step("2", "tab"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_account_how_to_get_there_it(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    # an edit too, so the header shows the unsaved state
    run_before = _account_step("3", "tab", "space")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_account_person_form_it(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_account_step("1", "tab", "e"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_it(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    run_before = _account_step("1", "tab", "question_mark")
    assert snap_compare(app, terminal_size=size, run_before=run_before)
