"""The org chart (m in the buying centre): keys only, the working copy edited, hostile names
shown literally, and its snapshots at 80x24 and 120x40. Today is pinned (conftest's TODAY)."""

from __future__ import annotations

import tomllib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from conftest import FULL_PLAN_ID, TODAY, make_full_plan
from textual.pilot import Pilot
from textual.widgets import Select, Static
from tui_helpers import open_account, screen_text, wait_for, wait_for_screen

from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import Attitude, Influence, Person, Role
from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.panes.where_am_i import PeopleTable
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.org_chart import OrgChartScreen, OrgTree
from kamtui.tui.screens.record_form import RecordForm

HOSTILE = "[red]x[/red]"


def write_plan(workspace: Workspace) -> Path:
    """conftest's full plan with a chart: Giulia > (HOSTILE, Nicola > Luca)."""
    plan = make_full_plan()
    people = plan.where_am_i.buying_centre
    people["nicola-conti"].reports_to = "giulia-bianchi"
    people["luca-ferri"].reports_to = "nicola-conti"
    people["hostile"] = Person(
        name=HOSTILE,
        title="[b]boss[/b]",
        reports_to="giulia-bianchi",
        role=Role.GATEKEEPER,
        influence=Influence.HIGH,
        attitude=Attitude.OPPONENT,
    )
    path = workspace.root / f"{FULL_PLAN_ID}.toml"
    path.write_text(dumps_plan(plan), encoding="utf-8")
    return path


def tree_lines(screen: OrgChartScreen) -> list[str]:
    """The people shown, in order: their ids."""
    tree = screen.query_one(OrgTree)
    return [str(tree.get_node_at_line(i).data) for i in range(tree.last_line + 1)]  # type: ignore[union-attr]


@asynccontextmanager
async def org_chart(
    workspace: Workspace, size: tuple[int, int] = (80, 24)
) -> AsyncIterator[tuple[KamApp, Pilot[None], AccountScreen, OrgChartScreen]]:
    app = make_app(workspace, today=TODAY, watch_interval=None)
    async with app.run_test(size=size) as pilot:
        account = await open_account(app, pilot, FULL_PLAN_ID)
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "analysis")
        await pilot.press("tab")  # the buying centre
        await wait_for(pilot, lambda: isinstance(app.focused, PeopleTable))
        await pilot.press("m")
        chart = await wait_for_screen(pilot, OrgChartScreen)
        await wait_for(pilot, lambda: isinstance(app.focused, OrgTree))
        yield app, pilot, account, chart


async def test_m_shows_the_tree_and_the_gaps_with_hostile_names_literally(
    tmp_workspace: Workspace,
) -> None:
    write_plan(tmp_workspace)
    async with org_chart(tmp_workspace, (120, 40)) as (app, _pilot, _account, chart):
        assert tree_lines(chart) == ["giulia-bianchi", "hostile", "nicola-conti", "luca-ferri"]
        text = screen_text(app)
        assert f"✖ {HOSTILE} · [b]boss[/b] · opponent · gatekeeper · high infl." in text
        assert "+ Giulia Bianchi · Procurement Director · supporter" in text
        assert "rel 4/5 · 10 d ago" in text
        gaps = chart.query_one("#org-gaps", Static).content
        assert "Coverage gaps" in str(gaps)
        assert f"⚠ {HOSTILE}: high influence, no relationship recorded" in text
        assert f"⚠ {HOSTILE}: opponent with high influence" in text
        assert "⚠ Nicola Conti: economic buyer, weak relationship (1/5)" in text
        assert "⚠ Luca Ferri: not contacted for 108 days" in text


async def test_space_collapses_and_expands_and_the_arrows_move(tmp_workspace: Workspace) -> None:
    write_plan(tmp_workspace)
    async with org_chart(tmp_workspace) as (_app, pilot, _account, chart):
        tree = chart.query_one(OrgTree)
        await pilot.press("down", "down")
        assert chart.selected == "nicola-conti"
        await pilot.press("space")
        await wait_for(pilot, lambda: tree_lines(chart)[-1] == "nicola-conti")
        await pilot.press("up", "up", "space")
        await wait_for(pilot, lambda: tree.last_line == 0)
        assert chart.selected == "giulia-bianchi"
        await pilot.press("space")
        await wait_for(
            pilot, lambda: tree_lines(chart)[:3] == ["giulia-bianchi", "hostile", "nicola-conti"]
        )


async def test_enter_edits_the_person_in_the_account_form(tmp_workspace: Workspace) -> None:
    write_plan(tmp_workspace)
    async with org_chart(tmp_workspace) as (app, pilot, account, chart):
        await pilot.press("down")
        await pilot.press("enter")
        form = await wait_for_screen(pilot, RecordForm)
        assert form.form_title == f"Edit person: {HOSTILE}"
        assert "reports_to" not in {s.name for s in form.specs}  # set with p, never a loop
        await pilot.press("tab")  # name -> title
        await pilot.press("ctrl+a", "ctrl+k", *"CEO", "ctrl+s")
        await wait_for(pilot, lambda: app.screen is chart)
        assert account.plan.where_am_i.buying_centre["hostile"].title == "CEO"
        assert account.dirty
        await wait_for(pilot, lambda: chart.selected == "hostile")
        assert f"{HOSTILE} · CEO · opponent" in screen_text(app)


async def test_p_offers_only_people_outside_their_line_and_ctrl_s_saves(
    tmp_workspace: Workspace,
) -> None:
    path = write_plan(tmp_workspace)
    async with org_chart(tmp_workspace) as (app, pilot, account, chart):
        await pilot.press("down", "down")  # Nicola Conti, who has Luca Ferri under him
        await pilot.press("p")
        form = await wait_for_screen(pilot, RecordForm)
        select = form.query_one("#field-reports_to", Select)
        assert select.value == "giulia-bianchi"
        assert [value for _label, value in select._options][1:] == ["hostile", "giulia-bianchi"]
        await pilot.press("enter")  # open the list: on Giulia
        await pilot.press("up", "enter")  # HOSTILE
        await wait_for(pilot, lambda: select.value == "hostile")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is chart)
        assert account.plan.where_am_i.buying_centre["nicola-conti"].reports_to == "hostile"
        await wait_for(
            pilot,
            lambda: (
                tree_lines(chart) == ["giulia-bianchi", "hostile", "nicola-conti", "luca-ferri"]
            ),
        )
        tree = chart.query_one(OrgTree)
        assert tree.get_node_at_line(2).parent.data == "hostile"  # type: ignore[union-attr]
        await wait_for(pilot, lambda: chart.selected == "nicola-conti")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is account)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not account.dirty)
        saved = tomllib.loads(path.read_text(encoding="utf-8"))
        assert saved["where_am_i"]["buying_centre"]["nicola-conti"]["reports_to"] == "hostile"


async def test_a_file_changed_on_disk_shows_in_the_open_chart(tmp_workspace: Workspace) -> None:
    """Without edits the account reads a changed file again; the chart over it draws the new
    buying centre."""
    path = write_plan(tmp_workspace)
    async with org_chart(tmp_workspace) as (app, pilot, account, chart):
        await wait_for(pilot, lambda: "luca-ferri" in tree_lines(chart))
        text = path.read_text(encoding="utf-8")
        text = text.replace('reports_to = "nicola-conti"', 'reports_to = "giulia-bianchi"')
        path.write_text(text, encoding="utf-8")  # Luca now reports to Giulia: a teammate's edit
        app.action_reload()
        await wait_for(
            pilot,
            lambda: (
                account.plan.where_am_i.buying_centre["luca-ferri"].reports_to == "giulia-bianchi"
            ),
        )
        tree = chart.query_one(OrgTree)

        def luca_under_giulia() -> bool:
            for i in range(tree.last_line + 1):
                node = tree.get_node_at_line(i)
                if node is not None and node.data == "luca-ferri":
                    return node.parent is not None and node.parent.data == "giulia-bianchi"
            return False

        await wait_for(pilot, luca_under_giulia)
        assert app.screen is chart


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot(size: tuple[int, int], tmp_workspace: Workspace, snap_compare) -> None:  # type: ignore[no-untyped-def]
    write_plan(tmp_workspace)
    app = make_app(tmp_workspace, today=TODAY, watch_interval=None, keymap={})

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_account(app, pilot, FULL_PLAN_ID)
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "analysis")
        await pilot.press("tab")
        await wait_for(pilot, lambda: isinstance(app.focused, PeopleTable))
        await pilot.press("m")
        chart = await wait_for_screen(pilot, OrgChartScreen)
        await wait_for(pilot, lambda: isinstance(app.focused, OrgTree))
        await pilot.press("down")
        await wait_for(pilot, lambda: chart.selected == "hostile")

    assert snap_compare(app, terminal_size=size, run_before=run_before)
