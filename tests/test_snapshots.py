"""SVG snapshots of the dashboard and the ABC view at 80x24 and 120x40, with a pinned date.

Update after a deliberate change with ``pytest tests/test_snapshots.py --snapshot-update`` and
look at ``snapshot_report.html`` before committing the new SVGs.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 30)
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
