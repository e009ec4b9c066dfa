"""The whitespace map (w on its section of step 1): keys only, the working copy edited and saved
with ctrl+s, the workspace's offerings as columns, hostile names shown literally, and its
snapshots at 80x24 and 120x40. Today is pinned (conftest's TODAY)."""

from __future__ import annotations

import tomllib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from conftest import FULL_PLAN_ID, TODAY, make_full_plan
from textual.pilot import Pilot
from textual.widgets import Select, Static
from tui_helpers import open_account, screen_text, tab_to, type_text, wait_for, wait_for_screen

from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import Cell, CellStatus, Offering, Unit
from kamtui.store.offerings import dumps_offerings
from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.panes.where_am_i import UnitsTable
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from kamtui.tui.screens.record_form import RecordForm
from kamtui.tui.screens.whitespace import WhitespaceScreen
from kamtui.tui.widgets.whitespace_grid import WhitespaceGrid

HOSTILE = "[red]x[/red]"
LABELS = "[i]Lab[/i]"
"""The plan's own offering: its name is markup, shown literally."""
BELL = "Bari\x07\x1b[2J"
"""A unit name with control characters: shown as placeholders, never sent raw."""


def write_plan(workspace: Workspace, *, units: bool = True) -> Path:
    """conftest's full plan with a map: Parma (films ours, resins Polimeri Sud's), HOSTILE
    (films an open opportunity) and BELL (nothing known); the plan's own offering LABELS;
    offerings.toml: films, resins."""
    plan = make_full_plan()
    w = plan.where_am_i
    w.units.clear()  # this file's own map, whatever conftest's plan has
    w.offerings.clear()
    for objective in plan.where_to_go.objectives.values():
        objective.opportunity = ""
    if units:
        w.offerings["labels"] = Offering(name=LABELS)
        w.units["parma"] = Unit(
            name="Parma plant",
            cells={
                "films": Cell(status=CellStatus.OURS, revenue=120_000, note="since 2019"),
                "resins": Cell(status=CellStatus.COMPETITOR, competitor="polimeri-sud"),
            },
        )
        w.units["hostile"] = Unit(
            name=HOSTILE,
            cells={
                "films": Cell(status=CellStatus.OPPORTUNITY, potential=50_000, note="[b]tender[/b]")
            },
        )
        w.units["bari"] = Unit(name=BELL)
    path = workspace.root / f"{FULL_PLAN_ID}.toml"
    path.write_text(dumps_plan(plan), encoding="utf-8")
    (workspace.root / "offerings.toml").write_text(
        dumps_offerings({"films": Offering(name="Films"), "resins": Offering(name="Resins")}),
        encoding="utf-8",
    )
    return path


def saved(path: Path) -> dict:  # type: ignore[type-arg]
    return tomllib.loads(path.read_text(encoding="utf-8"))


async def open_map(app: KamApp, pilot: Pilot[None]) -> tuple[AccountScreen, WhitespaceScreen]:
    account = await open_account(app, pilot, FULL_PLAN_ID)
    await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "analysis")
    await tab_to(pilot, account.query_one(UnitsTable))
    await pilot.press("w")
    grid = await wait_for_screen(pilot, WhitespaceScreen)
    await wait_for(pilot, lambda: grid.offerings_read and isinstance(app.focused, WhitespaceGrid))
    await pilot.pause()
    return account, grid


@asynccontextmanager
async def whitespace_map(
    workspace: Workspace, size: tuple[int, int] = (80, 24)
) -> AsyncIterator[tuple[KamApp, Pilot[None], AccountScreen, WhitespaceScreen]]:
    app = make_app(workspace, today=TODAY, watch_interval=None, keymap={})
    async with app.run_test(size=size, notifications=True) as pilot:
        account, screen = await open_map(app, pilot)
        yield app, pilot, account, screen


def notes(app: KamApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def cursor(screen: WhitespaceScreen) -> tuple[str | None, str | None]:
    grid = screen.grid
    return grid.unit_id, grid.column.id if grid.column else None


def detail(screen: WhitespaceScreen) -> str:
    return str(screen.query_one("#ws-detail", Static).content)


async def test_the_section_summarises_the_units_and_w_opens_the_grid(
    tmp_workspace: Workspace,
) -> None:
    write_plan(tmp_workspace)
    async with whitespace_map(tmp_workspace, (120, 40)) as (app, pilot, account, screen):
        # workspace offerings first (offerings.toml, read in a worker), then the plan's own
        assert [(c.id, c.scope) for c in screen.columns] == [
            ("films", "workspace"),
            ("resins", "workspace"),
            ("labels", "plan"),
        ]
        assert screen.grid.data.units == ["parma", "hostile", "bari"]
        text = screen_text(app)
        assert f"Films       Resins      {LABELS}" in text
        assert "Parma plant" in text and "● 120k" in text and "✖ Polimeri" in text
        assert f"{HOSTILE}" in text and "◌ 50k" in text
        assert "Bari␇␛[2J" in text  # control characters as placeholders
        totals = str(screen.query_one("#ws-totals", Static).content)
        assert "won 1/9 · our revenue 120k EUR" in totals
        assert "open 1 · potential 50k EUR" in totals
        assert "competitors 33% of 3 relevant cells" in totals
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is account)
        units = account.query_one(UnitsTable)
        assert units.row_ids() == ["parma", "hostile", "bari"]
        assert [c.plain for c in units.get_row("parma")] == [
            "Parma plant",
            "1",
            "120k",
            "0",
            "—",
            "1",
        ]
        assert units.get_row("hostile")[0].plain == HOSTILE
        summary = str(account.query_one("#units-summary", Static).content)
        assert "3 units · 1 ours (120k EUR) · 1 open (50k EUR) · 1 a competitor's" in summary
        # enter opens it too, on the unit highlighted
        await pilot.press("down", "enter")
        again = await wait_for_screen(pilot, WhitespaceScreen)
        await wait_for(pilot, lambda: again.offerings_read)
        assert cursor(again) == ("hostile", "films")


async def test_arrows_move_the_cell_cursor_and_the_detail_follows(
    tmp_workspace: Workspace,
) -> None:
    write_plan(tmp_workspace)
    async with whitespace_map(tmp_workspace) as (_app, pilot, _account, screen):
        assert cursor(screen) == ("parma", "films")
        assert "Parma plant  ×  Films (workspace)" in detail(screen)
        assert "● ours · revenue 120k EUR · note since 2019" in detail(screen)
        await pilot.press("right")
        assert cursor(screen) == ("parma", "resins")
        assert "✖ a competitor's · competitor Polimeri Sud" in detail(screen)
        await pilot.press("down")
        assert cursor(screen) == ("hostile", "resins")
        assert "? unknown" in detail(screen)
        await pilot.press("left")
        assert f"{HOSTILE}  ×  Films" in detail(screen)
        assert "◌ open opportunity · potential 50k EUR · note [b]tender[/b]" in detail(screen)
        await pilot.press("end")
        assert cursor(screen) == ("hostile", "labels")
        assert f"{HOSTILE}  ×  {LABELS}\n? unknown" in detail(screen)
        await pilot.press("down", "down", "right")  # stops at the edges
        assert cursor(screen) == ("bari", "labels")
        await pilot.press("home", "up", "up", "up")
        assert cursor(screen) == ("parma", "films")


async def test_enter_edits_a_cell_and_ctrl_s_writes_its_table(tmp_workspace: Workspace) -> None:
    path = write_plan(tmp_workspace)
    async with whitespace_map(tmp_workspace) as (app, pilot, account, screen):
        await pilot.press("end")  # Parma × Labels: unknown
        await pilot.press("enter")
        form = await wait_for_screen(pilot, RecordForm)
        assert [s.name for s in form.specs] == [
            "status",
            "revenue",
            "competitor",
            "potential",
            "note",
        ]
        status = form.query_one("#field-status", Select)
        assert status.value == "unknown"
        competitor = form.query_one("#field-competitor", Select)
        assert [value for _label, value in competitor._options][1:] == [
            "polimeri-sud",
            "flexfilm",
        ]
        await pilot.press("enter")  # open the list: on unknown
        await pilot.press("up", "up", "enter")  # opportunity
        await wait_for(pilot, lambda: status.value == "opportunity")
        await pilot.press("tab", "tab", "tab")  # revenue, competitor, potential
        await type_text(pilot, "40k")
        await pilot.press("tab")
        await type_text(pilot, "ask in Q1")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        assert account.dirty
        assert cursor(screen) == ("parma", "labels")
        assert "◌ open opportunity · potential 40k EUR · note ask in Q1" in detail(screen)
        assert "◌ 40k" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is account)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not account.dirty)
    assert "[where_am_i.units.parma.cells.labels]" in path.read_text(encoding="utf-8")
    assert saved(path)["where_am_i"]["units"]["parma"]["cells"]["labels"] == {
        "status": "opportunity",
        "potential": 40_000,
        "note": "ask in Q1",
    }


async def test_a_adds_a_unit_and_an_offering_of_the_plan(tmp_workspace: Workspace) -> None:
    path = write_plan(tmp_workspace)
    async with whitespace_map(tmp_workspace) as (app, pilot, account, screen):
        await pilot.press("a")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("u")
        await wait_for_screen(pilot, RecordForm)
        await type_text(pilot, "Lodi plant")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.grid.data.units == ["parma", "hostile", "bari", "lodi-plant"]
        assert cursor(screen) == ("lodi-plant", "films")  # the cursor on the new row
        await pilot.press("a")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("o")
        await wait_for_screen(pilot, RecordForm)
        await type_text(pilot, "Films")  # a workspace offering's name: a new id all the same
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        assert [c.id for c in screen.columns] == ["films", "resins", "labels", "films-2"]
        assert cursor(screen) == ("lodi-plant", "films-2")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is account)
        assert "lodi-plant" in account.query_one(UnitsTable).row_ids()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not account.dirty)
    w = saved(path)["where_am_i"]
    assert w["units"]["lodi-plant"] == {"name": "Lodi plant"}
    assert w["offerings"]["films-2"] == {"name": "Films"}
    assert list(w["offerings"]) == ["labels", "films-2"]  # offerings.toml's stay there


async def test_d_deletes_a_unit_or_the_plan_s_offering_never_a_workspace_one(
    tmp_workspace: Workspace,
) -> None:
    path = write_plan(tmp_workspace)
    async with whitespace_map(tmp_workspace) as (app, pilot, account, screen):
        await pilot.press("d")  # Parma × Films: Films is the workspace's
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("o")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: any("lives in offerings.toml" in n for n in notes(app)))
        assert not account.dirty
        await pilot.press("end", "d")  # Labels: the plan's own
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("o")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert dialog.question == (
            f"Delete offering '{LABELS}' from this plan? Objectives made from its cells stay, "
            "unlinked."
        )
        await pilot.press("y")
        await wait_for(pilot, lambda: [c.id for c in screen.columns] == ["films", "resins"])
        assert cursor(screen) == ("parma", "resins")
        await pilot.press("d")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("u")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "Delete unit 'Parma plant' and its 2 filled cells?" in dialog.question
        await pilot.press("y")
        await wait_for(pilot, lambda: screen.grid.data.units == ["hostile", "bari"])
        assert cursor(screen) == ("hostile", "resins")
        await pilot.press("d")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("escape")  # nothing deleted
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.grid.data.units == ["hostile", "bari"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is account)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not account.dirty)
    w = saved(path)["where_am_i"]
    assert list(w["units"]) == ["hostile", "bari"]
    assert "offerings" not in w


async def test_o_makes_the_linked_objective_from_an_opportunity_only(
    tmp_workspace: Workspace,
) -> None:
    path = write_plan(tmp_workspace)
    async with whitespace_map(tmp_workspace) as (app, pilot, account, screen):
        await pilot.press("o")  # Parma × Films: ours
        await wait_for(pilot, lambda: any("only an open opportunity" in n for n in notes(app)))
        assert not account.dirty
        await pilot.press("down", "o")  # HOSTILE × Films: open
        title = f"Win Films at {HOSTILE}"
        await wait_for(pilot, lambda: any(title in n for n in notes(app)))
        objectives = account.plan.where_to_go.objectives
        made = [o for o in objectives.values() if o.opportunity == "hostile/films"]
        assert len(made) == 1 and made[0].title == title and made[0].target == 50_000
        assert f"objective {title}" in detail(screen)
        await pilot.press("o")
        await wait_for(pilot, lambda: any("Already linked" in n for n in notes(app)))
        assert len(objectives) == len(make_full_plan().where_to_go.objectives) + 1
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is account)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not account.dirty)
    written = saved(path)["where_to_go"]["objectives"]
    assert [o["opportunity"] for o in written.values() if "opportunity" in o] == ["hostile/films"]


async def test_an_empty_map_says_how_to_start(tmp_workspace: Workspace) -> None:
    write_plan(tmp_workspace, units=False)
    async with whitespace_map(tmp_workspace) as (app, pilot, account, _screen):
        assert "No units yet: press a to add a unit" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is account)
        assert "no unit yet: press w to open the map" in screen_text(app)
        summary = str(account.query_one("#units-summary", Static).content)
        assert "press w" in summary


async def test_a_big_grid_scrolls_to_keep_the_cursor_in_view(tmp_workspace: Workspace) -> None:
    plan = make_full_plan()
    plan.where_am_i.units.clear()
    plan.where_am_i.offerings.clear()
    for objective in plan.where_to_go.objectives.values():
        objective.opportunity = ""
    for u in range(50):
        plan.where_am_i.units[f"u{u}"] = Unit(name=f"Unit {u}")
    for o in range(30):
        plan.where_am_i.offerings[f"o{o}"] = Offering(name=f"Offer {o}")
    (tmp_workspace.root / f"{FULL_PLAN_ID}.toml").write_text(dumps_plan(plan), encoding="utf-8")
    async with whitespace_map(tmp_workspace) as (app, pilot, _account, screen):
        grid = screen.grid
        await pilot.press(*["right"] * 12, *["down"] * 30)
        assert cursor(screen) == ("u30", "o12")
        assert grid.left > 0 and grid.top > 0
        text = screen_text(app)
        assert "Unit 30" in text and "Offer 12" in text and "Unit 0 " not in text
        await pilot.press("end", "pagedown", "pagedown", "pagedown")
        assert cursor(screen) == ("u49", "o29")
        assert "Offer 29" in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot(size: tuple[int, int], tmp_workspace: Workspace, snap_compare) -> None:  # type: ignore[no-untyped-def]
    write_plan(tmp_workspace)
    app = make_app(tmp_workspace, today=TODAY, watch_interval=None, keymap={})

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        _account, screen = await open_map(app, pilot)
        await pilot.press("down", "right")
        await wait_for(pilot, lambda: cursor(screen) == ("hostile", "resins"))
        await pilot.press("left")
        await wait_for(pilot, lambda: "open opportunity" in detail(screen))

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_a_file_changed_on_disk_shows_in_the_open_grid(tmp_workspace: Workspace) -> None:
    """Without edits the account reads a changed file again; the grid opened over it draws the
    new plan, the cursor on the same cell (its edits would go to the new plan)."""
    path = write_plan(tmp_workspace)
    async with whitespace_map(tmp_workspace) as (app, pilot, account, screen):
        await pilot.press("down")  # the hostile unit's films: an open opportunity
        await wait_for(pilot, lambda: cursor(screen) == ("hostile", "films"))
        assert "◌ 50k" in screen_text(app)
        text = path.read_text(encoding="utf-8").replace("potential = 50000", "potential = 75000")
        path.write_text(text, encoding="utf-8")  # a teammate's change, pulled
        app.action_reload()
        await wait_for(pilot, lambda: "◌ 75k" in screen_text(app))
        assert cursor(screen) == ("hostile", "films")
        assert "potential 75k EUR" in detail(screen)
        assert app.screen is screen and not account.dirty
