"""SVG snapshots of the resolution screen (kamtui/tui/screens/merge_conflicts.py) at 80x24 and
120x40, on a real merge left by the driver (tests/git_conflict_helpers.py; a copy of the one
tests/conftest.py makes once, ``merge_in_progress``): the bases from git's index, one
conflict resolved, the next highlighted; and the editor of a conflict's lines.

Update after a deliberate change with
``pytest tests/tui/test_snapshots_merge_conflicts.py --snapshot-update`` and look at
``snapshot_report.html`` before committing the new SVGs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY
from git_conflict_helpers import PLAN
from textual.widgets import TextArea
from tui_helpers import wait_for, wait_for_screen

from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.screens.conflict_editor import ConflictEditor
from kamtui.tui.screens.merge_conflicts import MergeConflictsScreen

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def app(merge_in_progress: Path, tmp_path: Path) -> KamApp:
    repo = merge_in_progress
    return make_app(
        Workspace(repo), today=TODAY, watch_interval=None, settings_path=tmp_path / "s.json"
    )


async def _resolving(pilot: Any) -> MergeConflictsScreen:
    """The plan's resolution screen, the bases found, the first conflict resolved (ours)."""
    app = pilot.app
    await wait_for(pilot, lambda: app.loaded_once)
    await pilot.pause()
    app.screen.table.select(PLAN)
    await pilot.press("enter")
    screen = await wait_for_screen(pilot, MergeConflictsScreen)
    await wait_for(pilot, lambda: len(screen.cards) == 4)
    await wait_for(pilot, lambda: all(c.conflict.base is not None for c in screen.cards))
    await pilot.press("o")
    await pilot.pause()
    return screen


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_merge_conflicts(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_resolving)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_merge_conflict_editor(snap_compare: Any, app: KamApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Any) -> None:
        await _resolving(pilot)
        await pilot.press("e")
        editor = await wait_for_screen(pilot, ConflictEditor)
        area = editor.query_one("#conflict-lines", TextArea)
        area.cursor_blink = False  # a blinking cursor would make the SVG flaky
        await wait_for(pilot, lambda: area.has_focus)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
