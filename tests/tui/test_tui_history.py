"""The account's history (`h`): the plan's commits in git, what each changed, and the plan as it
was then (`v`), read-only; outside git one line says so."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import FULL_PLAN_ID, TODAY, make_full_plan
from git_helpers import NO_USER_CONFIG, commit_all, init_repo
from textual.widgets import DataTable, Static
from tui_helpers import open_account, wait_for, wait_for_screen

from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import Offering
from kamtui.store.offerings import dumps_offerings
from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.history import HistoryScreen, PlanAtScreen


def text(widget: Static) -> str:
    return str(widget.content)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    for key, value in NO_USER_CONFIG.items():  # the app's git sees the test's config only
        monkeypatch.setenv(key, value)
    root = init_repo(tmp_path / "team")
    plan = make_full_plan()
    path = root / f"{FULL_PLAN_ID}.toml"
    path.write_text(dumps_plan(plan), encoding="utf-8")
    offerings = {"barrier-film": Offering(name="Barrier film (then)")}
    (root / "offerings.toml").write_text(dumps_offerings(offerings), encoding="utf-8")
    commit_all(root, "The plan", when="2026-10-01T10:00:00")
    later = copy.deepcopy(plan)
    action = next(iter(later.how_to_get_there.actions.values()))
    action.owner = "Bruno [b]Bold[/b]"
    path.write_text(dumps_plan(later), encoding="utf-8")
    offerings = {"barrier-film": Offering(name="Barrier film (now)")}
    (root / "offerings.toml").write_text(dumps_offerings(offerings), encoding="utf-8")
    commit_all(root, "Bruno takes the first action", when="2026-11-02T09:30:00")
    return Workspace(root)


async def test_history_lists_commits_changes_and_the_plan_then(repo: Workspace) -> None:
    app = make_app(repo, today=TODAY, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account(app, pilot, FULL_PLAN_ID)
        await pilot.press("h")
        screen = await wait_for_screen(pilot, HistoryScreen)
        table = screen.query_one("#history-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == 2)
        first = [str(c) for c in table.get_row_at(0)]
        assert first[0] == "2026-11-02 09:30" and first[1] == "Maria Rossi"
        assert first[2] == "Bruno takes the first action"
        detail = text(screen.query_one("#history-detail", Static))
        assert "How do I get there? · action" in detail
        assert "owner" in detail and "Bruno [b]Bold[/b]" in detail  # as typed, not markup
        await pilot.press("down")
        await wait_for(
            pilot, lambda: "The plan" in text(screen.query_one("#history-detail", Static))
        )
        await pilot.press("up", "v")
        then = await wait_for_screen(pilot, PlanAtScreen)
        shown = text(then.query_one("#plan-at-text", Static))
        assert "Bruno \\[b\\]Bold\\[/b\\]" in shown  # the export's text, not markup
        assert "read-only" in text(then.query_one("#plan-at-title", Static))
        assert "Barrier film (now)" in shown  # the workspace's offerings at that commit
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("down", "v")  # the first commit: the offerings were named otherwise
        then = await wait_for_screen(pilot, PlanAtScreen)
        shown = text(then.query_one("#plan-at-text", Static))
        assert "Barrier film (then)" in shown and "Barrier film (now)" not in shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))


async def test_outside_git_the_history_says_so(tmp_workspace: Workspace) -> None:
    tmp_workspace.root.joinpath(f"{FULL_PLAN_ID}.toml").write_text(
        dumps_plan(make_full_plan()), encoding="utf-8"
    )
    app = make_app(tmp_workspace, today=TODAY, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account(app, pilot, FULL_PLAN_ID)
        await pilot.press("h")
        screen = await wait_for_screen(pilot, HistoryScreen)
        note = screen.query_one("#history-note", Static)
        await wait_for(pilot, lambda: "not in a git repository" in text(note))


async def test_the_dashboard_says_when_and_by_whom_a_plan_last_changed(repo: Workspace) -> None:
    from tui_helpers import started

    from kamtui.tui.screens.dashboard import DashboardScreen

    app = make_app(repo, today=TODAY, watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        dashboard = await started(app, pilot)
        assert isinstance(dashboard, DashboardScreen)
        detail = dashboard.query_one("#detail", Static)
        await wait_for(pilot, lambda: "changed 2026-11-02 by Maria Rossi" in text(detail))


async def test_outside_git_the_dashboard_starts_no_git(
    tmp_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_helpers import started

    import kamtui.git.activity as activity

    def no_git(*args: object, **kwargs: object) -> None:
        raise AssertionError("git was run for a workspace outside git")

    monkeypatch.setattr(activity, "last_changes", no_git)
    tmp_workspace.new_plan("Acme")
    app = make_app(tmp_workspace, today=TODAY, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        dashboard = await started(app, pilot)
        await pilot.pause()
        assert "changed" not in text(dashboard.query_one("#detail", Static))
