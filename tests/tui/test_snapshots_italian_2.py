"""SVG snapshots in Italian (issue 11): the ABC view (its summary with the Pareto curve, and the
customers) and the whitespace map at 80x24 and 120x40, with a pinned date. The English ones are in
tests/tui/test_snapshots.py; update as they say."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TODAY
from textual.widgets import Input

from kamtui.store.workspace import Workspace
from kamtui.text import i18n
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KamApp:
    # The ABC view shows the revenue file's path as typed: a relative one, the same everywhere.
    monkeypatch.chdir(ROOT)
    shutil.copytree(ROOT / "sample_data" / "workspace", tmp_path / "accounts")
    i18n.set_language("it")
    return make_app(
        Workspace(tmp_path / "accounts"),
        today=TODAY,
        watch_interval=None,
        settings_path=tmp_path / "settings.json",
    )


async def _abc_run(pilot: Any) -> None:
    app = pilot.app
    while not app.loaded_once:
        await pilot.pause(0.02)
    await pilot.pause()
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
def test_abc_summary_it(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_abc_run)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_abc_customers_it(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Any) -> None:
        await _abc_run(pilot)
        await pilot.press("2")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_whitespace_grid_it(
    size: tuple[int, int], tmp_workspace: Workspace, snap_compare: Any
) -> None:
    from test_tui_whitespace import cursor, detail, open_map, write_plan

    write_plan(tmp_workspace)
    i18n.set_language("it")
    app = make_app(tmp_workspace, today=TODAY, watch_interval=None, keymap={})

    async def run_before(pilot: Any) -> None:
        _account, screen = await open_map(app, pilot)
        await pilot.press("down", "right")
        while cursor(screen) != ("hostile", "resins"):
            await pilot.pause(0.02)
        await pilot.press("left")
        while "opportunità aperta" not in detail(screen):
            await pilot.pause(0.02)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
