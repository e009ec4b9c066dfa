"""The resolution screen (kamtui/tui/screens/merge_conflicts.py) on real merge conflicts: a git
repository in a temporary folder, the driver set up by `kamtui setup-git`, two branches, `git
merge`; then the app on it, the conflicts resolved with o / t / e by keyboard, and the file
written checked byte for byte (valid, canonical, each choice applied). Also: escape writes
nothing, a result that is not a plan is not saved, a file changed on disk meanwhile is not
overwritten, the screen follows the file, git's diff3 markers, and text that is never markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, copy_sample
from git_conflict_helpers import CHECKIN, FIELD_ACTION, OBJECTIVE, PLAN, RECORD_ACTION
from git_helpers import git
from textual.pilot import Pilot
from textual.widgets import TextArea
from tui_helpers import (
    burst,
    screen_text,
    settled,
    started,
    type_text,
    wait_for,
    wait_for_screen,
)

from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import parse_plan
from kamtui.plan.model import AccountPlan
from kamtui.store.locations import rescue_dir
from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.broken_plan import BrokenPlanScreen
from kamtui.tui.screens.conflict_editor import ConflictEditor
from kamtui.tui.screens.dashboard import DashboardScreen
from kamtui.tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from kamtui.tui.screens.diff_view import DiffScreen
from kamtui.tui.screens.help import HelpScreen
from kamtui.tui.screens.merge_conflicts import CHANGED_NOTE, MergeConflictsScreen
from kamtui.tui.widgets.conflict_card import ConflictCard

SIZE = (80, 24)
TICK = 0.05


class Said:
    """What the app tells the user (``KamApp.say``)."""

    def __init__(self, app: KamApp) -> None:
        self.messages: list[str] = []
        original = app.say

        def say(message: str, **kwargs: Any) -> None:
            self.messages.append(message)
            original(message, **kwargs)

        app.say = say  # type: ignore[method-assign]

    def any(self, fragment: str) -> bool:
        return any(fragment in m for m in self.messages)


def new_app(root: Path, watch: float | None = None) -> KamApp:
    return make_app(Workspace(root), today=TODAY, watch_interval=watch)


def read_back(path: Path) -> AccountPlan:
    """The plan in *path*: valid, and written canonically."""
    data = path.read_bytes()
    loaded = parse_plan(data, path)
    assert loaded.ok and loaded.plan is not None, loaded.problems
    assert data.decode() == dumps_plan(loaded.plan)
    return loaded.plan


async def open_conflicts(
    app: KamApp, pilot: Pilot[None], plan_id: str = PLAN, count: int | None = None
) -> MergeConflictsScreen:
    """From the dashboard, enter on *plan_id*: the resolution screen, its cards shown."""
    dashboard = await started(app, pilot)
    dashboard.table.select(plan_id)
    await pilot.pause()
    await pilot.press("enter")
    screen = await wait_for_screen(pilot, MergeConflictsScreen)
    await wait_for(pilot, lambda: len(screen.cards) == (count or len(screen.cards) or -1))
    await wait_for(pilot, lambda: isinstance(app.focused, ConflictCard))
    return screen


def focused_index(app: KamApp) -> int:
    focused = app.focused
    assert isinstance(focused, ConflictCard), focused
    return focused.index


async def edit_lines(pilot: Pilot[None], text: str) -> None:
    """`e`, then in the editor: select all the lines, type *text*, ctrl+s."""
    await pilot.press("e")
    editor = await wait_for_screen(pilot, ConflictEditor)
    area = editor.query_one("#conflict-lines", TextArea)
    await wait_for(pilot, lambda: area.has_focus)
    await pilot.press("f7")  # select all
    await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not isinstance(pilot.app.screen, ConflictEditor))


async def account_opened(pilot: Pilot[None]) -> AccountScreen:
    """The account screen that took the resolution screen's place, once it is ready (its
    first section focused)."""
    account = await wait_for_screen(pilot, AccountScreen)
    app = pilot.app
    await wait_for(pilot, lambda: app.focused is not None and account in app.focused.ancestors)
    return account


@pytest.fixture
def repo(merge_in_progress: Path) -> Path:
    """A merge in progress with four conflicts, in line order: the objective's current (it
    follows the check-ins), the same-date check-in, the action's owner, the record deleted by
    ours and edited by theirs (a copy of the merge tests/conftest.py makes once)."""
    return merge_in_progress


# -- resolving, saving ---------------------------------------------------------------------


async def test_resolve_by_keyboard_then_save_a_valid_canonical_plan(repo: Path) -> None:
    path = repo / f"{PLAN}.toml"
    app = new_app(repo)
    said = Said(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conflicts(app, pilot, count=4)
        current, checkin, owner, record = screen.cards
        assert current.conflict.table_name == f"where_to_go.objectives.{OBJECTIVE}"
        assert checkin.conflict.ours == (f"{CHECKIN} = 1",)
        assert owner.conflict.theirs == ('owner = "Bruno"',)
        assert record.conflict.ours == ()
        # the bases, from git's index: shown once found
        await wait_for(pilot, lambda: owner.conflict.base == ('owner = "Marco Valli"',))
        assert checkin.conflict.base == () and current.conflict.base == ("current = 4070",)
        assert record.conflict.base is not None
        assert f"[how_to_get_there.actions.{RECORD_ACTION}]" in record.conflict.base

        # moving between conflicts
        assert focused_index(app) == 0
        await pilot.press("j", "down")
        assert focused_index(app) == 2
        await pilot.press("k", "up", "up")
        assert focused_index(app) == 0
        # o: ours, and on to the next one
        await pilot.press("o")
        assert current.choice is not None and current.choice.lines == ("current = 1",)
        assert focused_index(app) == 1
        # e: lines of one's own
        await edit_lines(pilot, f"{CHECKIN} = 3")
        assert checkin.choice is not None and checkin.choice.lines == (f"{CHECKIN} = 3",)
        assert focused_index(app) == 2
        # t: theirs, twice (the owner; the record theirs edited is kept)
        await pilot.press("t", "t")
        assert screen.unresolved() == []
        assert "4 of 4 resolved" in screen_text(app)
        before = path.read_bytes()
        assert b"<<<<<<<" in before

        await pilot.press("ctrl+s")
        account = await account_opened(pilot)
        assert [type(s) for s in app.screen_stack] == [DashboardScreen, AccountScreen]
        assert account.loaded.id == PLAN and not account.dirty

    plan = read_back(path)
    objective = plan.where_to_go.objectives[OBJECTIVE]
    assert objective.current == 1
    assert objective.checkins[CHECKIN] == 3
    actions = plan.how_to_get_there.actions
    assert actions[FIELD_ACTION].owner == "Bruno"
    assert actions[RECORD_ACTION].owner == "Bruno"
    assert said.any(f"git add {PLAN}.toml")
    # the app told git nothing: adding the file is the user's
    assert git(repo, "status", "--porcelain").stdout.startswith(f"UU {PLAN}.toml")


async def test_a_record_deleted_by_ours_stays_deleted_when_ours_is_chosen(repo: Path) -> None:
    app = new_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conflicts(app, pilot, count=4)
        await pilot.press("o", "o", "o", "o", "ctrl+s")
        await account_opened(pilot)
        assert screen not in app.screen_stack
    plan = read_back(repo / f"{PLAN}.toml")
    assert RECORD_ACTION not in plan.how_to_get_there.actions
    assert plan.how_to_get_there.actions[FIELD_ACTION].owner == "Anna"
    assert plan.where_to_go.objectives[OBJECTIVE].checkins[CHECKIN] == 1


async def test_save_waits_for_every_conflict(repo: Path) -> None:
    path = repo / f"{PLAN}.toml"
    before = path.read_bytes()
    app = new_app(repo)
    said = Said(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conflicts(app, pilot, count=4)
        await pilot.press("o", "down", "o", "o")  # the second is left
        assert screen.unresolved() == [1]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: said.any("1 conflict still to resolve"))
        assert focused_index(app) == 1
        assert app.screen is screen and path.read_bytes() == before


async def test_a_result_that_is_not_a_plan_is_not_saved(repo: Path) -> None:
    path = repo / f"{PLAN}.toml"
    before = path.read_bytes()
    app = new_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conflicts(app, pilot, count=4)
        await pilot.press("o", "o")
        # the owner twice: a key defined twice
        await edit_lines(pilot, 'owner = "Anna"\nowner = "Bruno"')
        await pilot.press("o", "ctrl+s")
        owner = screen.cards[2]
        await wait_for(pilot, lambda: bool(owner.problem))
        assert "defined twice" in owner.problem
        assert "conflict 3" in screen_text(app) and "Not saved" in screen_text(app)
        assert focused_index(app) == 2
        assert app.screen is screen and path.read_bytes() == before
        # fixed: saved
        await pilot.press("t", "ctrl+s")
        await account_opened(pilot)
    assert read_back(path).how_to_get_there.actions[FIELD_ACTION].owner == "Bruno"


# -- leaving without writing ---------------------------------------------------------------


async def test_escape_leaves_without_writing(repo: Path) -> None:
    path = repo / f"{PLAN}.toml"
    before = path.read_bytes(), path.stat().st_mtime_ns
    app = new_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conflicts(app, pilot, count=4)
        # no choice made: straight back
        await pilot.press("escape")
        dashboard = await wait_for_screen(pilot, DashboardScreen)
        assert dashboard.table.selected_id == PLAN
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, MergeConflictsScreen)
        await wait_for(pilot, lambda: isinstance(app.focused, ConflictCard))
        # a choice made: asks first; n stays
        await pilot.press("o", "escape")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "choices made for 1 conflict" in dialog.question
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.cards[0].choice is not None
        # quitting asks too
        assert app.unsaved_changes() == [f"{PLAN}.toml (conflicts)"]
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_for_screen(pilot, DashboardScreen)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# -- the file on disk ----------------------------------------------------------------------


async def test_a_file_changed_on_disk_meanwhile_is_not_overwritten_unless_chosen(
    repo: Path,
) -> None:
    path = repo / f"{PLAN}.toml"
    app = new_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conflicts(app, pilot, count=4)
        await pilot.press("t", "t", "t", "t")
        # in another pane: git checkout --theirs, then another owner by hand
        theirs = git(repo, "show", f"theirs:{PLAN}.toml").stdout
        theirs = theirs.replace('owner = "Bruno"', 'owner = "Carla"', 1)
        path.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        dialog = await wait_for_screen(pilot, ChoiceDialog)
        assert [key for key, _ in dialog.choices] == ["r", "o", "v", "k"]
        await pilot.press("v")  # the difference, then the same question again
        diff = await wait_for_screen(pilot, DiffScreen)
        assert '-owner = "Carla"' in diff.lines and '+owner = "Bruno"' in diff.lines
        await pilot.press("escape")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("k")
        await wait_for(pilot, lambda: screen.disk_note == CHANGED_NOTE)
        assert app.screen is screen
        assert path.read_text(encoding="utf-8") == theirs
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("o")
        await account_opened(pilot)
    plan = read_back(path)
    assert plan.where_to_go.objectives[OBJECTIVE].checkins[CHECKIN] == 2
    assert plan.how_to_get_there.actions[FIELD_ACTION].owner == "Bruno"


async def test_show_it_as_it_is_now_keeps_the_resolution_in_a_rescue_file(repo: Path) -> None:
    path = repo / f"{PLAN}.toml"
    app = new_app(repo)
    said = Said(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_conflicts(app, pilot, count=4)
        await pilot.press("o", "o", "o", "o")
        theirs = git(repo, "show", f"theirs:{PLAN}.toml").stdout
        path.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("r")
        account = await account_opened(pilot)  # the file is a plan now: the account
        assert [type(s) for s in app.screen_stack] == [DashboardScreen, AccountScreen]
        assert account.plan.how_to_get_there.actions[FIELD_ACTION].owner == "Bruno"
        [rescued] = list(rescue_dir(repo).glob("*.toml"))
        assert said.any(str(rescued))
    assert path.read_text(encoding="utf-8") == theirs
    kept = parse_plan(rescued.read_bytes(), rescued, PLAN)
    assert kept.ok and kept.plan is not None
    assert kept.plan.how_to_get_there.actions[FIELD_ACTION].owner == "Anna"


async def test_a_file_resolved_elsewhere_opens_the_account(repo: Path) -> None:
    path = repo / f"{PLAN}.toml"
    app = new_app(repo, watch=TICK)
    said = Said(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_conflicts(app, pilot, count=4)
        git(repo, "checkout", "--theirs", "--", f"{PLAN}.toml")  # no choice made here
        account = await account_opened(pilot)
        assert account.loaded.digest == app.portfolio.plans[PLAN].digest
        assert [type(s) for s in app.screen_stack] == [DashboardScreen, AccountScreen]
        assert said.any("no conflicts left")
    assert b"<<<<<<<" not in path.read_bytes()


async def test_markers_that_make_no_conflict_open_the_read_only_view(tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "accounts")
    path = ws / "freni-orobici.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[account]", "[account]\n<<<<<<< ours", 1), encoding="utf-8")
    app = new_app(ws)
    said = Said(app)
    async with app.run_test(size=SIZE) as pilot:
        dashboard = await started(app, pilot)
        dashboard.table.select("freni-orobici")
        await pilot.press("enter")
        view = await wait_for_screen(pilot, BrokenPlanScreen)
        assert view.loaded.id == "freni-orobici"
        assert said.any("the conflict that starts here never ends")


# -- git's own markers, no git, the keys -----------------------------------------------------


def diff3_marked(text: str) -> str:
    """What git's line merge leaves in the diff3 style: the owner changed on both sides."""
    old = 'owner = "Paolo Conti"\n'
    return text.replace(
        old,
        '<<<<<<< HEAD\nowner = "Anna [b]Bold[/b]\\u001b[2J"\n'
        '||||||| merged common ancestors\nowner = "Paolo Conti"\n'
        '=======\nowner = "Bruno"\n>>>>>>> feature\n',
        1,
    )


async def test_git_s_diff3_markers_outside_git_show_the_base_and_never_markup(
    tmp_path: Path,
) -> None:
    ws = copy_sample(tmp_path / "accounts")
    path = ws / "freni-orobici.toml"
    path.write_text(diff3_marked(path.read_text(encoding="utf-8")), encoding="utf-8")
    app = new_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_conflicts(app, pilot, "freni-orobici", count=1)
        [card] = screen.cards
        assert card.conflict.base == ('owner = "Paolo Conti"',)
        assert card.conflict.base_source == "markers"
        text = screen_text(app)
        assert "ours: HEAD, theirs: feature" in text
        assert 'owner = "Paolo Conti"' in text  # the base
        assert '"Anna [b]Bold[/b]\\u001b[2J"' in text  # as written, never markup
        await pilot.press("t", "ctrl+s")
        await account_opened(pilot)
    plan = read_back(path)
    assert plan.account.owner == "Bruno"


async def test_driver_markers_outside_git_show_ours_and_theirs_only(tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "accounts")
    path = ws / "freni-orobici.toml"
    text = path.read_text(encoding="utf-8")
    owner = 'owner = "Paolo Conti"\n'
    path.write_text(
        text.replace(owner, f'<<<<<<< ours\n{owner}=======\nowner = "Bruno"\n>>>>>>> theirs\n', 1),
        encoding="utf-8",
    )
    app = new_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conflicts(app, pilot, "freni-orobici", count=1)
        await settled(pilot)  # git was asked for the base
        [card] = screen.cards
        assert card.conflict.base is None
        assert "base" not in screen_text(app).split("in [account]")[1].split("to resolve")[0]
        await pilot.press("o", "ctrl+s")
        await account_opened(pilot)
    assert read_back(path).account.owner == "Paolo Conti"


async def test_help_and_key_bar_list_the_keys(repo: Path) -> None:
    app = new_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_conflicts(app, pilot, count=4)
        bar = screen_text(app).splitlines()[-1]
        for shown in ("^s Save", "esc Back", "o Ours", "t Theirs", "e Edit", "? Help"):
            assert shown in bar
        await pilot.press("question_mark")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        text = screen_text(app)
        for description in ("Ours", "Theirs", "Edit", "Next conflict", "Previous conflict"):
            assert description in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: help_screen not in app.screen_stack)
        assert isinstance(app.screen, MergeConflictsScreen)


async def test_edit_starts_from_the_choice_and_escape_in_the_editor_asks(repo: Path) -> None:
    app = new_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conflicts(app, pilot, count=4)
        await pilot.press("down", "down", "down")  # the record theirs edited, ours deleted
        await pilot.press("e")
        editor = await wait_for_screen(pilot, ConflictEditor)
        area = editor.query_one("#conflict-lines", TextArea)
        assert f"[how_to_get_there.actions.{RECORD_ACTION}]" in area.text  # ours has no lines
        await burst(pilot, "x")
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")  # discard
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.cards[3].choice is None
        # after a choice, the editor starts from it
        await pilot.press("t")  # the record: the focus goes back to the first one left
        assert focused_index(app) == 0
        await pilot.press("down", "down", "o", "down", "down", "e")
        editor = await wait_for_screen(pilot, ConflictEditor)
        assert editor.query_one("#conflict-lines", TextArea).text == 'owner = "Anna"'
        await pilot.press("escape")  # nothing typed: no question
        await wait_for(pilot, lambda: app.screen is screen)
