"""SVG snapshots of the dashboard, the ABC view and the account screen (each step, a form) at
80x24 and 120x40, with a pinned date.

Update after a deliberate change with ``pytest tests/test_snapshots.py --snapshot-update`` and
look at ``snapshot_report.html`` before committing the new SVGs.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TODAY
from textual.widgets import Input

from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KamApp:
    # The ABC view shows the revenue file's path as typed: a relative one, the same everywhere.
    monkeypatch.chdir(ROOT)
    shutil.copytree(ROOT / "sample_data" / "workspace", tmp_path / "accounts")
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


async def _abc_run(pilot: Any) -> None:
    await _loaded(pilot)
    app = pilot.app
    await pilot.press("a")
    await pilot.pause()
    for box in app.screen.query(Input):
        box.cursor_blink = False
    app.screen.query_one("#abc-file", Input).value = "sample_data/revenue.csv"
    await pilot.press("enter")
    while app.abc_view is None:
        await pilot.pause(0.05)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_loaded)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard_sorted_by_late_filtered_to_a(
    snap_compare: Any, app: KamApp, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Any) -> None:
        await _loaded(pilot)
        await pilot.press("s", "s", "s", "r", "g")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_abc_summary(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_abc_run)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_abc_customers(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Any) -> None:
        await _abc_run(pilot)
        await pilot.press("2", "down", "down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


# -- the account screen: each step, and a form -------------------------------------------------


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
def test_account_where_am_i(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_account_step("1", "tab"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_account_where_to_go(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_account_step("2", "tab"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_account_how_to_get_there(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    # an edit too, so the header shows the unsaved state
    assert snap_compare(app, terminal_size=size, run_before=_account_step("3", "tab", "space"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_account_person_form(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_account_step("1", "tab", "e"))
