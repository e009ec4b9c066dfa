"""The actions view (`t`): every open action of every account, filtered, acted on in place
(each change a safe save of that plan), following the files on disk."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY
from textual.widgets import Static
from tui_helpers import open_account, started, type_text, wait_for, wait_for_screen

from kamtui.agenda.actions import Window, open_actions
from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import read_plan
from kamtui.plan.model import Account, AccountPlan, Action, ActionStatus, HowToGetThere, Segment
from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.actions import ActionsScreen
from kamtui.tui.screens.dialogs import ChoiceDialog


def _plan(plan_id: str, name: str, owner: str, segment: Segment | None, **actions: Action) -> str:
    return dumps_plan(
        AccountPlan(
            id=plan_id,
            account=Account(name=name, owner=owner, segment=segment),
            how_to_get_there=HowToGetThere(actions=dict(actions)),
        )
    )


BETA = _plan(
    "beta",
    "Beta SpA",
    "Luca Bianchi",
    Segment.C,
    visit=Action(title="Visit the plant", owner="maria  rossi", due=TODAY + dt.timedelta(days=20)),
    audit=Action(title="Audit", due=None, status=ActionStatus.BLOCKED),
)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    root = tmp_path / "ws"
    root.mkdir()
    day = dt.timedelta(days=1)
    (root / "acme.toml").write_text(
        _plan(
            "acme",
            "Acme [red]x[/red]",
            "Maria Rossi",
            Segment.A,
            call=Action(title="Call the CFO", owner="Maria Rossi", due=TODAY - 3 * day),
            offer=Action(title="Send the offer", owner="Luca Bianchi", due=TODAY + 2 * day),
            done=Action(title="Old one", owner="Maria Rossi", status=ActionStatus.DONE),
        ),
        encoding="utf-8",
    )
    (root / "beta.toml").write_text(BETA, encoding="utf-8")
    return Workspace(root)


def app_for(workspace: Workspace, owner: str | None = "Maria Rossi"):  # type: ignore[no-untyped-def]
    return make_app(workspace, today=TODAY, watch_interval=0.05, keymap={}, owner=owner)


def shown(screen: ActionsScreen) -> list[str]:
    return screen.table.row_ids()


def text_of(screen: ActionsScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def open_actions_view(app, pilot) -> ActionsScreen:  # type: ignore[no-untyped-def]
    await started(app, pilot)
    await pilot.press("t")
    return await wait_for_screen(pilot, ActionsScreen)


async def test_mine_by_default_overdue_first_then_by_date(workspace: Workspace) -> None:
    app = app_for(workspace)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_actions_view(app, pilot)
        await wait_for(pilot, lambda: shown(screen))
        # Maria's: the overdue call, then beta's visit (her name spelled loosely); never the
        # done one; Luca's offer is not hers
        assert shown(screen) == ["acme/call", "beta/visit"]
        assert "mine" in text_of(screen, "#status")
        summary = text_of(screen, "#summary")
        assert "2/4" in summary and "1 overdue" in summary
        await pilot.press("o")  # everyone's
        await wait_for(pilot, lambda: len(shown(screen)) == 4)
        assert shown(screen) == ["acme/call", "acme/offer", "beta/visit", "beta/audit"]
        assert "everyone's" in text_of(screen, "#status")
        assert "1 blocked" in text_of(screen, "#summary")
        await pilot.press("o")  # then each other owner: Luca
        await wait_for(pilot, lambda: shown(screen) == ["acme/offer", "beta/audit"])


async def test_filters_by_window_status_class_and_text(workspace: Workspace) -> None:
    app = app_for(workspace, owner=None)  # no owner known: everyone's
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_actions_view(app, pilot)
        await wait_for(pilot, lambda: len(shown(screen)) == 4)
        await pilot.press("w")
        assert screen.filter.window is Window.OVERDUE
        await wait_for(pilot, lambda: shown(screen) == ["acme/call"])
        await pilot.press("w")  # within 7 days: overdue included
        await wait_for(pilot, lambda: shown(screen) == ["acme/call", "acme/offer"])
        await pilot.press("w", "w")  # 30 days, then all again
        await wait_for(pilot, lambda: len(shown(screen)) == 4)
        await pilot.press("s", "s", "s")  # todo, in progress, blocked
        await wait_for(pilot, lambda: shown(screen) == ["beta/audit"])
        await pilot.press("s")
        await pilot.press("g", "g", "g")  # A, B, C
        await wait_for(pilot, lambda: shown(screen) == ["beta/visit", "beta/audit"])
        await pilot.press("g")
        await pilot.press("slash")
        await type_text(pilot, "offer")
        await wait_for(pilot, lambda: shown(screen) == ["acme/offer"])
        await pilot.press("escape")  # clears the text first
        await wait_for(pilot, lambda: len(shown(screen)) == 4)
        await pilot.press("escape")  # then back to the portfolio
        await wait_for(pilot, lambda: not isinstance(app.screen, ActionsScreen))


async def test_space_and_progress_save_the_plan_at_once(workspace: Workspace) -> None:
    path = workspace.root / "acme.toml"
    app = app_for(workspace)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_actions_view(app, pilot)
        await wait_for(pilot, lambda: shown(screen))
        assert screen.table.selected_key == "acme/call"
        await pilot.press("plus", "plus")  # progress: the action is in progress now

        def call() -> Action:
            plan = read_plan(path).plan
            assert plan is not None
            return plan.how_to_get_there.actions["call"]

        await wait_for(pilot, lambda: call().progress == 20)
        assert call().status is ActionStatus.IN_PROGRESS
        assert screen.table.get_cell("acme/call", "progress").plain == "20%"
        await pilot.press("space")  # in progress → done: it leaves the list of open actions
        await wait_for(pilot, lambda: "acme/call" not in shown(screen))
        done = call()
        assert done.status is ActionStatus.DONE and done.progress == 100
        assert done.completed == TODAY
        # the other plan was never written
        assert (workspace.root / "beta.toml").read_text(encoding="utf-8") == BETA


async def test_blocked_and_dropped(workspace: Workspace) -> None:
    path = workspace.root / "acme.toml"
    app = app_for(workspace)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_actions_view(app, pilot)
        await wait_for(pilot, lambda: shown(screen))
        await pilot.press("b")
        await wait_for(pilot, lambda: "blocked" in path.read_text(encoding="utf-8"))
        await pilot.press("x")
        await wait_for(pilot, lambda: "acme/call" not in shown(screen))
        assert 'status = "dropped"' in path.read_text(encoding="utf-8")


async def test_a_plan_changed_on_disk_updates_its_rows_in_place(workspace: Workspace) -> None:
    app = app_for(workspace, owner=None)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_actions_view(app, pilot)
        await wait_for(pilot, lambda: len(shown(screen)) == 4)
        await pilot.press("down")  # on acme/offer
        assert screen.table.selected_key == "acme/offer"
        text = (workspace.root / "beta.toml").read_text(encoding="utf-8")
        (workspace.root / "beta.toml").write_text(
            text.replace("Visit the plant", "Visit the new plant"), encoding="utf-8"
        )
        await wait_for(
            pilot, lambda: screen.table.rows["beta/visit"].title == "Visit the new plant"
        )
        assert screen.table.selected_key == "acme/offer"  # the cursor stayed on its action
        (workspace.root / "beta.toml").unlink()
        await wait_for(pilot, lambda: shown(screen) == ["acme/call", "acme/offer"])


async def test_enter_opens_the_account_on_that_action(workspace: Workspace) -> None:
    app = app_for(workspace, owner=None)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_actions_view(app, pilot)
        await wait_for(pilot, lambda: len(shown(screen)) == 4)
        await pilot.press("down", "enter")
        account = await wait_for_screen(pilot, AccountScreen)
        assert account.loaded.id == "acme"
        await wait_for(pilot, lambda: account.step == 3)
        from kamtui.tui.panes.how_to_get_there import ActionTable

        table = account.query_one(ActionTable)
        await wait_for(pilot, lambda: table.has_focus and table.selected_key == "offer")


async def test_a_plan_with_unsaved_edits_is_not_written_behind_its_back(
    workspace: Workspace,
) -> None:
    path = workspace.root / "acme.toml"
    before = path.read_bytes()
    app = app_for(workspace, owner=None)
    async with app.run_test(size=(120, 30)) as pilot:
        await started(app, pilot)
        account = await open_account(app, pilot, "acme")
        account.plan.how_to_get_there.strategy = "edited, not saved"
        account.edited()
        assert account.dirty
        await app.run_action("actions")  # the palette's way: over the account screen
        screen = await wait_for_screen(pilot, ActionsScreen)
        await wait_for(pilot, lambda: len(shown(screen)) == 4)
        await pilot.press("space")  # on acme/call
        await wait_for(pilot, lambda: app.screen is account)
        assert path.read_bytes() == before
        assert account.plan.how_to_get_there.strategy == "edited, not saved"


async def test_a_file_changed_behind_the_views_back_asks_before_writing(
    workspace: Workspace,
) -> None:
    path = workspace.root / "acme.toml"
    app = make_app(workspace, today=TODAY, watch_interval=None, keymap={}, owner="Maria Rossi")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_actions_view(app, pilot)
        await wait_for(pilot, lambda: shown(screen))
        theirs = path.read_text(encoding="utf-8").replace("Call the CFO", "Call the CFO today")
        path.write_text(theirs, encoding="utf-8")  # not seen: the watcher is off
        await pilot.press("space")
        dialog = await wait_for_screen(pilot, ChoiceDialog)
        assert "changed on disk" in str(dialog.query_one(".dialog-text", Static).content)
        await pilot.press("k")  # keep: nothing is written
        await wait_for(pilot, lambda: app.screen is screen)
        assert path.read_text(encoding="utf-8") == theirs


async def test_hostile_names_show_as_plain_text(workspace: Workspace) -> None:
    app = app_for(workspace)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_actions_view(app, pilot)
        await wait_for(pilot, lambda: shown(screen))
        assert screen.table.get_cell("acme/call", "account").plain == "Acme [red]x[/red]"


def test_the_sample_workspace_has_open_actions_for_the_view() -> None:
    plans = [read_plan(p).plan for p in sorted(SAMPLE.glob("*.toml"))]
    assert len(open_actions([p for p in plans if p is not None])) > 20


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot(size: tuple[int, int], tmp_path: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "ws"
    shutil.copytree(SAMPLE, root)
    app = make_app(
        Workspace(root), today=TODAY, watch_interval=None, keymap={}, owner="Maria Rossi"
    )

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await started(app, pilot)
        await pilot.press("t")
        screen = await wait_for_screen(pilot, ActionsScreen)
        await wait_for(pilot, lambda: screen.shown)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
