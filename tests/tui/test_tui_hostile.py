"""Hostile names in the app: markup, clickable actions, hidden links, terminal escapes, bidi.

A name is user data. It must show literally (brackets kept), never be parsed as markup, never
become a clickable action or a hyperlink, and control characters must reach the terminal only
as visible placeholders. Checked in the table, the detail line, the account view, the palette,
notifications, the rendered screen (segment by segment) and the SVG export.
"""

from __future__ import annotations

import copy
import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TODAY
from textual import events
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.widgets._toast import Toast
from tui_helpers import (
    open_account,
    rendered,
    screen_text,
    started,
    type_text,
    wait_for,
    wait_for_screen,
)

from kamtui.plan.file import read_plan
from kamtui.plan.model import Action, ActionStatus
from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.panes.how_to_get_there import ActionTable
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.broken_plan import BrokenPlanScreen
from kamtui.tui.screens.dialogs import TextPrompt
from kamtui.tui.screens.help import HelpScreen
from kamtui.tui.screens.record_form import RecordForm
from kamtui.tui.widgets.portfolio_table import PortfolioTable
from kamtui.tui.widgets.safe_input import UNWANTED

SIZE = (120, 40)

HOSTILE = {
    "red": "[red]x[/red]",
    "bold": "Acme [/bold] Ltd",
    "click": "[@click=app.quit]x[/]",
    "link": "[link=https://e.x]y[/link]",
    "clear": "Clear\u001b[2Jscreen",
    "bidi": "Evil \u202eexe.txt",
}
ACTION_TITLE = "[@click=app.quit]Call[/] the \u001b]52;c;ZXZpbA==\u0007 CFO [b]now"
BAD = ("\x1b", "\x07", "\u202e")


# -- helpers -------------------------------------------------------------------------------


def is_visible(ch: str) -> bool:
    return unicodedata.category(ch) not in {"Cc", "Cf"}


def shown_as(name: str) -> Callable[[str], bool]:
    """A predicate: *text* shows *name* with each control/bidi character replaced by exactly
    one visible placeholder, and everything else (brackets included) kept as is."""

    def check(text: str) -> bool:
        if len(text) != len(name):
            return False
        for want, got in zip(name, text, strict=True):
            if is_visible(want):
                if got != want:
                    return False
            elif not is_visible(got) or got == " ":
                return False
        return True

    return check


def safe_name(name: str) -> str:
    """The part of *name* before its first control character: what can be searched for in
    rendered text (the placeholders themselves are checked by :func:`shown_as`)."""
    return name.split("\u001b")[0].split("\u202e")[0]


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace.create(tmp_path / "ws")
    for name in HOSTILE.values():
        ws.new_plan(name, owner=name)
    # one account with a hostile next action, so the action cell and detail line see it too
    lp = ws.new_plan("Zulu Hostile Actions")
    assert lp.plan is not None
    plan = copy.deepcopy(lp.plan)
    plan.how_to_get_there.actions["call"] = Action(
        title=ACTION_TITLE,
        owner="[red]me[/red]",
        due=dt.date(2026, 12, 1),
        status=ActionStatus.TODO,
    )
    assert ws.save(lp, plan).written
    return ws


def ids_by_key(workspace: Workspace) -> dict[str, str]:
    out = {}
    for path in workspace.plan_paths():
        lp = read_plan(path)
        assert lp.plan is not None
        for key, name in HOSTILE.items():
            if lp.plan.account.name == name:
                out[key] = lp.id
    assert len(out) == len(HOSTILE)
    return out


def new_app(workspace: Workspace) -> KamApp:
    return make_app(workspace, today=TODAY, watch_interval=None)


def assert_screen_is_safe(app: KamApp) -> str:
    text, segments = rendered(app)
    for seg in segments:
        for bad in BAD:
            assert bad not in seg.text, (bad, seg)
        style = seg.style
        if style is not None:
            assert not style.link, seg  # no hidden hyperlink
            assert "@click" not in (style.meta or {}), seg  # no clickable action
    svg = app.export_screenshot()
    for bad in BAD:
        assert bad not in svg, bad
    return text


def static_text(widget: Static) -> str:
    content = widget.content
    return content.plain if hasattr(content, "plain") else str(content)


async def open_palette_on(pilot: Pilot[None], app: KamApp, query: str, name: str) -> str:
    """Search the palette; return the plain text of the hit that opens *name*."""
    await pilot.press("ctrl+p")
    await wait_for_screen(pilot, CommandPalette)
    await type_text(pilot, query)
    expected = shown_as(f"Open account: {name}")

    def hit() -> str:
        results = app.screen.query_one(CommandList)
        for i in range(results.option_count):
            prompt = str(results.get_option_at_index(i).prompt)
            if expected(prompt.split("\n")[0]):
                return prompt
        return ""

    await wait_for(pilot, hit)
    return hit()


# -- the table -----------------------------------------------------------------------------


async def test_table_cells_show_hostile_names_literally(workspace: Workspace) -> None:
    ids = ids_by_key(workspace)
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        table = screen.table
        assert table.row_count == len(HOSTILE) + 1
        for key, name in HOSTILE.items():
            plain = table.get_cell(ids[key], "name").plain
            assert shown_as(name)(plain), (name, plain)
            if all(is_visible(ch) for ch in name):
                assert plain == name  # brackets kept, nothing eaten as markup
        assert table.get_cell(ids["clear"], "name").plain == "Clear␛[2Jscreen"
        action = table.get_cell("zulu-hostile-actions", "next_action").plain
        assert shown_as(ACTION_TITLE)(action), action
        text = assert_screen_is_safe(app)
        for name in ("[red]x[/red]", "Acme [/bold] Ltd", "[@click=app.quit]x[/]"):
            assert name in text
        assert "[link=https://e.x]y[/li" in text  # cut by the column width, not parsed
        assert "Clear␛[2Jscreen" in text


async def test_detail_line_and_filter_with_hostile_text(workspace: Workspace) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        table = screen.table
        table.select("zulu-hostile-actions")
        await pilot.pause()
        detail = static_text(screen.query_one("#detail", Static))
        assert detail.startswith("next 2026-12-01  ")
        assert shown_as(ACTION_TITLE)(detail.removeprefix("next 2026-12-01  ")), detail
        # typing markup into the filter: matched literally, shown literally
        await pilot.press("slash", *"[/bold]")
        await pilot.pause()
        assert [table.get_cell(i, "name").plain for i in table.row_ids()] == ["Acme [/bold] Ltd"]
        assert "“[/bold]”" in static_text(screen.query_one("#status", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert_screen_is_safe(app)
        assert app.return_code is None


# -- clicking and opening ------------------------------------------------------------------


async def test_clicking_and_opening_the_click_action_row_does_not_quit(
    workspace: Workspace,
) -> None:
    ids = ids_by_key(workspace)
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        table = screen.table
        target = ids["click"]
        row = table.row_ids().index(target)
        for times in (1, 1, 2):
            await pilot.click(PortfolioTable, offset=(3, 1 + row), times=times)
            await pilot.pause()
            assert app.return_code is None
            if isinstance(app.screen, AccountScreen):  # a click may open it: fine, not quit
                assert app.screen.loaded.id == target
                await pilot.press("escape")
                await wait_for(pilot, lambda: app.screen is screen)
        assert table.selected_id == target
        await pilot.press("enter")
        await wait_for_screen(pilot, AccountScreen)
        assert app.screen.loaded.id == target
        # clicking all over the account view does not quit either
        await pilot.click(offset=(3, 0))
        await pilot.click(offset=(4, 0), times=2)
        await pilot.pause()
        assert app.return_code is None


@pytest.mark.parametrize("key", list(HOSTILE))
async def test_account_screen_shows_the_name_literally(workspace: Workspace, key: str) -> None:
    name = HOSTILE[key]
    plan_id = ids_by_key(workspace)[key]
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        account = await open_account(app, pilot, plan_id)
        await pilot.pause()
        # the header's first line: "<name>  ·  <segment>  ·  <owner>  ✔ saved"
        first = static_text(account.query_one("#account-header", Static)).split("\n")[0]
        shown_name, segment, rest = first.split("  ·  ", 2)
        assert shown_as(name)(shown_name), (name, first)
        assert segment == "—"
        shown_owner = rest[: len(name)]
        assert shown_as(name)(shown_owner), (name, first)
        assert rest[len(name) :] == "  ✔ saved", first
        visible = assert_screen_is_safe(app)
        assert safe_name(name)[:20] in visible
        # help on top of it: no crash, still safe
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        assert_screen_is_safe(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is account)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert app.return_code is None


async def hostile_actions(app: KamApp, pilot: Pilot[None]) -> ActionTable:
    """Open the account with the hostile action, step 3 (the action plan); its table."""
    account = await open_account(app, pilot, "zulu-hostile-actions")
    await pilot.press("3")
    actions = account.query_one("#actions", ActionTable)
    await wait_for(pilot, lambda: actions.display and actions.region.height > 0)
    return actions


async def test_account_screen_shows_a_hostile_action_literally(workspace: Workspace) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        actions = await hostile_actions(app, pilot)
        assert actions.row_ids() == ["call"]
        title = actions.get_cell("call", "title").plain
        assert shown_as(ACTION_TITLE)(title), title
        assert actions.get_cell("call", "owner").plain == "[red]me[/red]"
        visible = assert_screen_is_safe(app)
        # the table cuts the title at its column width, literally (brackets kept)
        # the row as drawn: brackets kept (cut to the column width, never parsed)
        row = next(line for line in visible.split("\n") if "2026-12-01" in line)
        assert row.lstrip().startswith("[@click=app.quit"), row
        assert "[red]m" in row
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert app.return_code is None


async def test_the_action_form_shows_a_hostile_title_safely(workspace: Workspace) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        actions = await hostile_actions(app, pilot)
        account = app.screen
        await pilot.press("tab")
        await wait_for(pilot, lambda: app.focused is actions)
        await pilot.press("enter")
        await wait_for_screen(pilot, RecordForm)
        await pilot.pause()
        box = app.screen.query_one("#field-title", Input)
        assert box.value.startswith("[@click=app.quit]Call[/] the ")
        visible = assert_screen_is_safe(app)
        assert "[@click=app.quit]Call[/] the " in visible
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is account)
        assert account.plan == account.loaded.plan  # opening a form changed nothing
        assert app.return_code is None


# -- palette, help, notifications ----------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "query"),
    [
        ("red", "open account red"),
        ("bold", "open account acme"),
        ("click", "open account click"),
        ("link", "open account link"),
        ("clear", "open account clear"),
        ("bidi", "open account evil"),
    ],
)
async def test_palette_lists_hostile_names_literally_and_opens_them(
    workspace: Workspace, key: str, query: str
) -> None:
    name = HOSTILE[key]
    plan_id = ids_by_key(workspace)[key]
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        prompt = await open_palette_on(pilot, app, query, name)
        assert prompt.split("\n")[1] == f"{plan_id}.toml"
        visible = assert_screen_is_safe(app)
        assert "Open account: " + safe_name(name) in visible
        # move the highlight to that hit and run it
        results = app.screen.query_one(CommandList)
        for _ in range(results.option_count):
            current = results.get_option_at_index(results.highlighted or 0).prompt
            if shown_as(f"Open account: {name}")(str(current).split("\n")[0]):
                break
            await pilot.press("down")
        await pilot.press("enter")
        await wait_for_screen(pilot, AccountScreen)
        assert app.screen.loaded.id == plan_id
        assert app.return_code is None


@pytest.mark.parametrize("key", list(HOSTILE))
async def test_new_account_with_a_hostile_name(tmp_path: Path, key: str) -> None:
    name = HOSTILE[key]
    ws = Workspace.create(tmp_path / "empty")
    ws.new_plan("Existing")
    app = new_app(ws)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await started(app, pilot)
        await pilot.press("n")
        await wait_for_screen(pilot, TextPrompt)
        box = app.screen.query_one(Input)
        typeable = all(ch.isprintable() for ch in name)
        if typeable:
            await type_text(pilot, name)  # typed as keys, brackets and all
        else:
            box.post_message(events.Paste(name))  # controls cannot be typed, only pasted
        # Control characters cannot be typed, and pasted ones are dropped by the box.
        name = name if typeable else UNWANTED.sub("", name)
        await wait_for(pilot, lambda: box.value == name)
        if typeable:  # (pasted controls: see test_pasted_control_characters_...)
            assert_screen_is_safe(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.table.row_count == 2 and app.screen is screen)
        await wait_for(pilot, lambda: bool(list(app._notifications)))
        plan_id = screen.table.selected_id
        assert plan_id is not None and plan_id != "existing"
        assert shown_as(name)(screen.table.get_cell(plan_id, "name").plain)
        messages = [str(n.message) for n in app._notifications]
        assert messages == [f"Created {plan_id}.toml"]
        loaded = read_plan(ws.root / f"{plan_id}.toml")
        assert loaded.ok and loaded.plan is not None and loaded.plan.account.name == name
        await wait_for(pilot, lambda: f"Created {plan_id}.toml" in screen_text(app))
        visible = assert_screen_is_safe(app)
        assert f"Created {plan_id}.toml" in visible


# -- hostile file and folder names ---------------------------------------------------------


async def test_a_hostile_workspace_folder_name_shows_literally(tmp_path: Path) -> None:
    # no "/" in a folder name: opening tags only, which are markup all the same
    folder = "ws [red]x [@click=app.quit]q [link=https:e.x]y \u001b[2J"
    ws = Workspace.create(tmp_path / folder)
    ws.new_plan("Acme")
    app = new_app(ws)
    async with app.run_test(size=(200, 24)) as pilot:
        screen = await started(app, pilot)
        title = static_text(screen.query_one("#title", Static))
        assert "ws [red]x [@click=app.quit]q [link=https:e.x]y ␛[2J" in title
        visible = assert_screen_is_safe(app)
        assert "ws [red]x [@click=app.quit]q" in visible
        await pilot.click(offset=(12, 0))
        await pilot.click(offset=(30, 0), times=2)
        await pilot.pause()
        assert app.return_code is None


async def test_a_hostile_file_name_in_the_table_and_the_broken_view(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws")
    good = ws.new_plan("Acme")
    hostile = ws.root / "bad\u001b[2J[red]x\u202e.toml"
    hostile.write_bytes(good.path.read_bytes())
    app = new_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        table = screen.table
        bad_id = hostile.stem
        assert bad_id in table.row_ids()
        name = table.get_cell(bad_id, "name").plain
        assert name.startswith("⚠ ") and shown_as(bad_id)(name[2:]), name
        table.select(bad_id)
        await pilot.pause()
        assert_screen_is_safe(app)
        await pilot.press("enter")
        await wait_for_screen(pilot, BrokenPlanScreen)
        assert_screen_is_safe(app)


async def test_check_notification_with_a_hostile_file_name_is_safe(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws")
    good = ws.new_plan("Acme")
    (ws.root / "bad\u001b[2J[red]x\u202e.toml").write_bytes(good.path.read_bytes())
    app = new_app(ws)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(app, pilot)
        app.action_check()
        await wait_for(pilot, lambda: bool(list(app._notifications)))
        await wait_for(pilot, lambda: bool(app.screen.query(Toast)))
        await pilot.pause()
        text, _ = rendered(app)
        assert "[red]x" in text  # the toast is on screen, brackets literal
        assert_screen_is_safe(app)


@pytest.mark.parametrize("where", ["new-account prompt", "filter"])
async def test_pasted_control_characters_are_not_echoed_raw(tmp_path: Path, where: str) -> None:
    ws = Workspace.create(tmp_path / "ws")
    ws.new_plan("Acme")
    app = new_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("n" if where == "new-account prompt" else "slash")
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        box = (
            app.screen.query_one(Input) if where != "filter" else screen.query_one("#filter", Input)
        )
        assert app.focused is box
        box.post_message(events.Paste("Evil \u202eexe \u001b[2J"))
        await wait_for(pilot, lambda: "Evil" in box.value)
        await pilot.pause()
        assert app.return_code is None
        assert_screen_is_safe(app)
