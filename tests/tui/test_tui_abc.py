"""The ABC view as a user drives it: from the dashboard, a revenue file, the run in the
background, the customers, a customer made a key account, the settings remembered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLE_REVENUE, TODAY
from textual.widgets import Input, Static
from tui_helpers import cursor_to, screen_text, started, wait_for, wait_for_screen

from kamtui.plan.file import read_plan
from kamtui.plan.model import Segment
from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.screens.abc import AbcScreen
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.dashboard import DashboardScreen
from kamtui.tui.screens.dialogs import ConfirmDialog
from kamtui.tui.widgets.result_table import ResultTable


@pytest.fixture
def settings(tmp_path: Path) -> Path:
    return tmp_path / "settings.json"


def new_app(sample_copy: Path, settings: Path) -> KamApp:
    return make_app(
        Workspace(sample_copy), today=TODAY, watch_interval=None, settings_path=settings
    )


async def run_analysis(app: KamApp, pilot: object, path: Path) -> AbcScreen:
    """`a` on the dashboard, the file typed into the field, `enter`; wait for the result."""
    await started(app, pilot)  # type: ignore[arg-type]
    await pilot.press("a")  # type: ignore[attr-defined]
    screen = await wait_for_screen(pilot, AbcScreen)  # type: ignore[arg-type]
    field = screen.query_one("#abc-file", Input)
    assert app.focused is field
    field.value = ""
    field.insert_text_at_cursor(str(path))
    await pilot.press("enter")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: not screen.running and screen.view is not None, 20)  # type: ignore[arg-type]
    return screen


async def test_a_run_shows_the_classes_and_feeds_the_dashboard(
    sample_copy: Path, settings: Path
) -> None:
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_analysis(app, pilot, SAMPLE_REVENUE)
        summary = str(screen.query_one("#abc-summary", Static).render())
        assert "358" in summary and "80%" in summary
        assert app.abc_view is screen.view
        # remembered for the workspace, written by a worker
        await wait_for(pilot, lambda: settings.exists())
        assert json.loads(settings.read_text())["revenue_file"] == str(SAMPLE_REVENUE)
        # back on the dashboard, the accounts show their revenue
        await pilot.press("escape")
        dashboard = await wait_for_screen(pilot, DashboardScreen)
        revenue = app.portfolio.revenue_by_customer
        assert revenue and revenue.get("C00017", 0) > 6_000_000
        text = screen_text(app)
        assert "Revenue" in text and "3,928,819" in text  # Laboratori Farmaceutici Lombardi
        assert dashboard.table.row_count == 11


async def test_the_file_is_remembered_for_the_next_session(
    sample_copy: Path, settings: Path
) -> None:
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_analysis(app, pilot, SAMPLE_REVENUE)
        await wait_for(pilot, lambda: settings.exists())
    again = new_app(sample_copy, settings)
    async with again.run_test(size=(120, 40)) as pilot:
        await started(again, pilot)
        await pilot.press("a")
        screen = await wait_for_screen(pilot, AbcScreen)
        assert screen.query_one("#abc-file", Input).value == str(SAMPLE_REVENUE)


async def test_a_customer_without_a_plan_becomes_a_key_account(
    sample_copy: Path, settings: Path
) -> None:
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_analysis(app, pilot, SAMPLE_REVENUE)
        table = screen.query_one(ResultTable)
        planned = app.plan_of_customer()
        customer = next(c for c in table.data.customer if c not in planned)
        name = table.data.name[table._row_of[customer]]
        await pilot.press("2")
        await cursor_to(pilot, table, customer)
        await pilot.press("enter")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        account = await wait_for_screen(pilot, AccountScreen)
        plan = account.loaded.plan
        assert plan is not None and plan.account.customer_ids == [customer]
        assert plan.name == name
        on_disk = read_plan(account.loaded.path)
        assert on_disk.plan is not None and on_disk.plan.account.segment in set(Segment)
        assert app.plan_of_customer()[customer] == account.loaded.id


async def test_a_customer_with_a_plan_opens_it(sample_copy: Path, settings: Path) -> None:
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_analysis(app, pilot, SAMPLE_REVENUE)
        customer, plan_id = next(iter(app.plan_of_customer().items()))
        table = screen.query_one(ResultTable)
        await pilot.press("2")
        await cursor_to(pilot, table, customer)
        await pilot.press("enter")
        account = await wait_for_screen(pilot, AccountScreen)
        assert account.loaded.id == plan_id


async def test_a_file_that_cannot_be_read_is_an_error_on_screen(
    sample_copy: Path, settings: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "revenue.csv"
    bad.write_text("this;is\nnot;revenue\n", encoding="utf-8")
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        screen = await wait_for_screen(pilot, AbcScreen)
        screen.query_one("#abc-file", Input).value = str(bad)
        await pilot.press("enter")
        error = screen.query_one("#abc-error", Static)
        await wait_for(pilot, lambda: str(error.render()).strip() != "" and not screen.running)
        assert str(bad) in str(error.render())
        assert screen.view is None and app.abc_view is None
        assert isinstance(app.screen, AbcScreen)  # still running, still there


def set_segment(path: Path, segment: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index('segment = "')
    path.write_text(text[:start] + f'segment = "{segment}"' + text[start + 13 :], "utf-8")


async def test_A_writes_the_classes_after_showing_the_changes(
    sample_copy: Path, settings: Path
) -> None:
    freni = sample_copy / "freni-orobici.toml"
    set_segment(freni, "C")  # the revenue file says A
    untouched = {p.name: p.read_bytes() for p in sample_copy.glob("*.toml")}
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_analysis(app, pilot, SAMPLE_REVENUE)
        await pilot.press("A")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "freni-orobici: C → A" in dialog.question
        await pilot.press("n")  # not now: nothing written
        await wait_for_screen(pilot, AbcScreen)
        assert {p.name: p.read_bytes() for p in sample_copy.glob("*.toml")} == untouched
        await pilot.press("A")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_for(pilot, lambda: 'segment = "A"' in freni.read_text(encoding="utf-8"))
        await wait_for(pilot, lambda: app.portfolio.plans["freni-orobici"].digest != "")
        plan = read_plan(freni).plan
        assert plan is not None and plan.account.segment is Segment.A
        # pressed again: nothing left to change, nothing written
        before = {p.name: p.read_bytes() for p in sample_copy.glob("*.toml")}
        await pilot.press("A")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, ConfirmDialog)
        assert {p.name: p.read_bytes() for p in sample_copy.glob("*.toml")} == before


async def test_the_revenue_column_survives_a_restart(sample_copy: Path, settings: Path) -> None:
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_analysis(app, pilot, SAMPLE_REVENUE)
    again = new_app(sample_copy, settings)
    async with again.run_test(size=(120, 40)) as pilot:
        await started(again, pilot)
        await wait_for(pilot, lambda: "3,928,819" in screen_text(again))
        assert again.abc_view is None  # only the figures are remembered


async def test_remembered_revenue_is_dropped_when_the_file_changed(
    sample_copy: Path, settings: Path, tmp_path: Path
) -> None:
    revenue = tmp_path / "revenue.csv"
    revenue.write_bytes(SAMPLE_REVENUE.read_bytes())
    app = new_app(sample_copy, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_analysis(app, pilot, revenue)
    with revenue.open("a", encoding="utf-8") as fh:  # a new export replaced it
        fh.write("C00105;Laboratori Farmaceutici Lombardi;01/12/2026;FT2026/1;1.000,00\n")
    again = new_app(sample_copy, settings)
    async with again.run_test(size=(120, 40)) as pilot:
        await started(again, pilot)
        await wait_for(
            pilot,
            lambda: not [w for w in again.workers if w.group == "abc-memory" and w.is_running],
        )
        await pilot.pause()
        assert "3,928,819" not in screen_text(again)
        assert again.portfolio.revenue_by_customer == {}
