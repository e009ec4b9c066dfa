"""Measuring the objectives from the ABC view (`M`): the same proposal as ``kamtui measure``
in a question, the check-ins written after a yes with the run's reading options, nothing
written on no; then the account screen's detail line tells where the measure came from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT, TODAY
from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_helpers import open_account, started, tab_to, wait_for, wait_for_screen

from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import read_plan
from kamtui.plan.model import (
    Account,
    AccountPlan,
    MeasurePeriod,
    MeasureSource,
    Objective,
    WhereToGo,
)
from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.screens.abc import AbcScreen
from kamtui.tui.screens.dashboard import DashboardScreen
from kamtui.tui.screens.dialogs import ConfirmDialog

REVENUE = ROOT / "tests" / "data" / "measure" / "revenue.csv"
"""Acme (C1): 5,800 € in the 12 months to 2026-11-30 with its credit note of 100 counted
negative, 6,000 € when the file is read without a document-type column."""
SIZE = (120, 40)
DAY = dt.date(2026, 11, 30)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Acme: revenue over a rolling 12 months in k€; Beta: a quarter in € already checked in
    by hand on the file's last date."""
    root = tmp_path / "ws"
    root.mkdir()
    measured = {"source": MeasureSource.REVENUE, "unit": "k€"}
    plans = [
        AccountPlan(
            id="acme",
            account=Account(name="Acme", customer_ids=["C1"]),
            where_to_go=WhereToGo(
                objectives={
                    "revenue": Objective(
                        title="Revenue", period=MeasurePeriod.ROLLING_12M, **measured
                    )  # type: ignore[arg-type]
                }
            ),
        ),
        AccountPlan(
            id="beta",
            account=Account(name="Beta", customer_ids=["C2"]),
            where_to_go=WhereToGo(
                objectives={
                    "quarter": Objective(
                        title="Quarter",
                        source=MeasureSource.REVENUE,
                        period=MeasurePeriod.QUARTER,
                        unit="€",
                        current=1200,
                        checkins={DAY: 1200},
                    )
                }
            ),
        ),
    ]
    for plan in plans:
        (root / f"{plan.id}.toml").write_text(dumps_plan(plan), encoding="utf-8")
    return root


def new_app(root: Path, tmp_path: Path) -> KamApp:
    return make_app(
        Workspace(root),
        today=TODAY,
        watch_interval=None,
        settings_path=tmp_path / "settings.json",
    )


async def run_analysis(app: KamApp, pilot: Pilot[None], *, doc_type: str = "") -> AbcScreen:
    await started(app, pilot)
    await pilot.press("a")
    screen = await wait_for_screen(pilot, AbcScreen)
    screen.query_one("#abc-doc-type", Input).value = doc_type
    field = screen.query_one("#abc-file", Input)
    field.value = str(REVENUE)
    field.focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: not screen.running and screen.view is not None, 20)
    return screen


def messages(app: KamApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_measure_shows_the_proposal_and_writes_after_yes(root: Path, tmp_path: Path) -> None:
    app = new_app(root, tmp_path)
    acme, beta = root / "acme.toml", root / "beta.toml"
    untouched = beta.read_bytes()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await run_analysis(app, pilot)
        await pilot.press("M")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert dialog.question.splitlines() == [
            "Measured from revenue.csv, periods ending 2026-11-30:",
            "  Acme · Revenue (rolling-12m): 5.80 k€ — add",
            "  Beta · Quarter (quarter): 1,235 € — skip: hand check-in on that date",
            "Write 1 check-in to 1 plan?",
        ]
        await pilot.press("y")
        await wait_for(pilot, lambda: "Wrote 1 check-in to 1 plan." in messages(app))
        plan = read_plan(acme).plan
        assert plan is not None
        objective = plan.where_to_go.objectives["revenue"]
        assert objective.checkins == {DAY: 5.8}
        assert objective.checkin_sources == {DAY: "revenue.csv, rolling-12m"}
        assert beta.read_bytes() == untouched  # a hand check-in is never replaced
        # again: the same value, nothing to ask
        written = acme.read_bytes()
        await pilot.press("M")
        await wait_for(pilot, lambda: any("Nothing to write." in m for m in messages(app)))
        assert not isinstance(app.screen, ConfirmDialog)
        assert acme.read_bytes() == written


async def test_no_writes_nothing_and_the_run_s_reading_options_are_used(
    root: Path, tmp_path: Path
) -> None:
    app = new_app(root, tmp_path)
    before = (root / "acme.toml").read_bytes()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await run_analysis(app, pilot, doc_type="-")  # no document-type column
        await pilot.press("M")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "  Acme · Revenue (rolling-12m): 6 k€ — add" in dialog.question
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: all(w.is_finished for w in screen.workers))
    assert (root / "acme.toml").read_bytes() == before


async def test_before_a_run_it_says_to_run_first(root: Path, tmp_path: Path) -> None:
    app = new_app(root, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        screen = await wait_for_screen(pilot, AbcScreen)
        screen.query_one("#abc-summary-box").focus()
        await pilot.press("M")
        await wait_for(pilot, lambda: "Run the analysis first (ctrl+r)." in messages(app))


async def test_the_detail_line_tells_where_the_measure_comes_from(
    root: Path, tmp_path: Path
) -> None:
    from kamtui.abc.measure import apply_measures, measure_file
    from kamtui.abc.revenue import ReadOptions

    ws = Workspace(root)
    assert apply_measures(ws, measure_file(REVENUE, ReadOptions(), ws.load_all().plans)).ok
    app = new_app(root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_account(app, pilot, "acme")
        await pilot.press("2")
        await tab_to(pilot, screen.query_one("#objectives-short"))
        detail = screen.query_one("#objective-detail", Static)
        await wait_for(pilot, lambda: "Measured from" in str(detail.render()))
        assert str(detail.render()).splitlines()[1:] == [
            "Measured from: revenue, rolling-12m · Last measured: 2026-11-30 from revenue.csv, "
            "rolling-12m",
            "Check-ins: 2026-11-30: 5.8",
        ]
        await pilot.press("escape")
        await wait_for_screen(pilot, DashboardScreen)
