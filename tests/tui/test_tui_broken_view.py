"""The read-only view of a broken plan follows the file: a fix on disk (an editor, `git checkout
--ours`, a resolved merge) shows the new problems, or opens the editor once the file is valid."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, copy_sample
from textual.widgets import Static
from tui_helpers import started, wait_for, wait_for_screen

from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.broken_plan import BrokenPlanScreen
from kamtui.tui.screens.dashboard import DashboardScreen
from kamtui.tui.screens.help import HelpScreen

PLAN = "freni-orobici"
TICK = 0.05


def new_app(tmp_path: Path) -> tuple[KamApp, Path]:
    ws = copy_sample(tmp_path / "accounts")
    return make_app(Workspace(ws), today=TODAY, watch_interval=TICK), ws / f"{PLAN}.toml"


def broken(text: str) -> str:
    """The file with a hand edit gone wrong: the owner's closing quote lost. (A file with
    conflict markers opens the resolution screen instead: tests/tui/test_tui_merge_conflicts.py.)
    """
    lines = text.split("\n")
    i = next(n for n, line in enumerate(lines) if line.startswith("owner = "))
    lines[i] = lines[i].rstrip('"')
    return "\n".join(lines)


BROKEN = "invalid TOML"


def shown(screen: BrokenPlanScreen) -> str:
    """The text of the view ("" while it is being composed again)."""
    found = screen.query("#broken-text").results(Static)
    return "".join(str(text.render()) for text in found)


async def open_broken(app: KamApp, pilot: object, path: Path, text: str) -> BrokenPlanScreen:
    dashboard = await started(app, pilot)  # type: ignore[arg-type]
    path.write_text(broken(text), encoding="utf-8")
    await wait_for(pilot, lambda: app.portfolio.plans[PLAN].errors)  # type: ignore[arg-type]
    dashboard.table.select(PLAN)
    await pilot.press("enter")  # type: ignore[attr-defined]
    return await wait_for_screen(pilot, BrokenPlanScreen)  # type: ignore[arg-type]


async def test_a_fixed_file_opens_in_the_editor(tmp_path: Path) -> None:
    app, path = new_app(tmp_path)
    good = path.read_text(encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_broken(app, pilot, path, good)
        assert BROKEN in shown(view)
        path.write_text(good, encoding="utf-8")  # fixed in an editor, or git checkout --ours
        editor = await wait_for_screen(pilot, AccountScreen)
        assert editor.loaded.id == PLAN and not editor.dirty
        assert [type(s) for s in app.screen_stack] == [DashboardScreen, AccountScreen]
        await pilot.press("escape")
        await wait_for_screen(pilot, DashboardScreen)


async def test_a_file_broken_another_way_shows_its_new_problems(tmp_path: Path) -> None:
    app, path = new_app(tmp_path)
    good = path.read_text(encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_broken(app, pilot, path, good)
        path.write_text(good.replace('segment = "A"', 'segment = "Z"'), encoding="utf-8")
        await wait_for(pilot, lambda: "'Z'" in shown(view))
        assert BROKEN not in shown(view)
        assert app.screen is view
        path.unlink()
        await wait_for(pilot, lambda: "deleted or renamed" in shown(view))


async def test_a_fix_while_the_help_is_open_opens_the_editor_after(tmp_path: Path) -> None:
    app, path = new_app(tmp_path)
    good = path.read_text(encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_broken(app, pilot, path, good)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        path.write_text(good, encoding="utf-8")
        await wait_for(pilot, lambda: not app.portfolio.plans[PLAN].errors)
        await pilot.pause(0.1)
        assert isinstance(app.screen, HelpScreen)  # what the user opened stays open
        await pilot.press("escape")
        await wait_for_screen(pilot, AccountScreen)
