"""The ABC view, the actions view, the org chart, the whitespace map and the history in Italian,
and switched to it live while open (kamtui/tui/app.py action_language): each shows its labels in
Italian and keeps what it showed (the data, the form, the cursor)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_REVENUE, TODAY
from test_tui_history import repo  # noqa: F401 - the fixture: a plan with two commits
from test_tui_measure import root  # noqa: F401 - the fixture: plans measured from a file
from textual.widgets import Input, Static
from tui_helpers import screen_text, started, wait_for, wait_for_screen

from kamtui.store.workspace import Workspace
from kamtui.text import i18n
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.screens.abc import AbcScreen
from kamtui.tui.widgets.key_bar import KeyBar
from kamtui.tui.widgets.result_table import ResultTable


def new_app(folder: Path, tmp_path: Path) -> KamApp:
    return make_app(
        Workspace(folder),
        today=TODAY,
        watch_interval=None,
        settings_path=tmp_path / "settings.json",
    )


def key_bar(app: KamApp) -> str:
    return app.screen.query_one(KeyBar).content.plain


async def to_italian(app: KamApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.run_action("language('it')")
    await wait_for(pilot, lambda: "Indietro" in key_bar(app))
    assert i18n.language() == "it"


async def run_abc(app: KamApp, pilot) -> AbcScreen:  # type: ignore[no-untyped-def]
    await started(app, pilot)
    await pilot.press("a")
    screen = await wait_for_screen(pilot, AbcScreen)
    screen.query_one("#abc-file", Input).value = str(SAMPLE_REVENUE)
    await pilot.press("enter")
    await wait_for(pilot, lambda: not screen.running and screen.view is not None, 20)
    return screen


# -- the ABC view ----------------------------------------------------------------------------


async def test_abc_view_switched_live_keeps_the_form_and_the_result(
    sample_copy: Path, tmp_path: Path
) -> None:
    app = new_app(sample_copy, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_abc(app, pilot)
        await pilot.press("2")
        table = screen.query_one(ResultTable)
        rows = table.row_count
        assert rows > 300
        screen.query_one("#abc-to", Input).value = "2099-12-31"  # typed, not run yet
        await to_italian(app, pilot)
        assert app.screen is screen
        # the form as it was, the result shown again, the tab kept
        assert screen.query_one("#abc-file", Input).value == str(SAMPLE_REVENUE)
        assert screen.query_one("#abc-to", Input).value == "2099-12-31"
        await wait_for(pilot, lambda: screen.query_one(ResultTable).row_count == rows)
        assert screen.query_one("#abc-tabs").active == "customers"  # type: ignore[attr-defined]
        await wait_for(pilot, lambda: "Analisi ABC" in screen_text(app))
        await wait_for(pilot, lambda: "Cliente" in screen_text(app))
        text = screen_text(app)
        assert "Cliente" in text and "Fatturato" in text and "2 Clienti" in text
        title = str(screen.query_one("#abc-title", Static).render())
        assert f"{rows} di {rows} clienti · tutte le classi" in title.replace(".", "")
        # Italian numbers in the table: 1.234,56 and 12,3%
        table = screen.query_one(ResultTable)
        first = [c.plain for c in table.cells_for(table.row_ids()[0])]
        assert first[3][-3] == "," and "." in first[3]  # 1.234.567,89
        assert first[4].endswith("%") and "," in first[4]  # 12,3%
        # the class filter speaks Italian
        await pilot.press("g")
        await wait_for(pilot, lambda: "classe A" in str(screen.query_one("#abc-title").render()))
        await app.run_action("language('en')")
        await wait_for(pilot, lambda: "Back" in key_bar(app))
        title = str(screen.query_one("#abc-title", Static).render())
        assert "ABC analysis" in title and "· class A" in title


async def test_abc_view_opened_in_italian(sample_copy: Path, tmp_path: Path) -> None:
    i18n.set_language("it")
    app = new_app(sample_copy, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        screen = await wait_for_screen(pilot, AbcScreen)
        text = screen_text(app)
        assert "Scegliere un file del fatturato e premere invio." in text
        assert "1 Riepilogo" in text and "2 Clienti" in text
        screen.query_one("#abc-file", Input).value = ""
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: "Digitare il percorso" in str(screen.query_one("#abc-error").render())
        )


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield
    i18n.set_language("en")


async def test_abc_apply_asks_and_answers_in_italian(sample_copy: Path, tmp_path: Path) -> None:
    from kamtui.tui.screens.dialogs import ConfirmDialog

    freni = sample_copy / "freni-orobici.toml"
    text = freni.read_text(encoding="utf-8")
    start = text.index('segment = "')
    freni.write_text(text[:start] + 'segment = "C"' + text[start + 13 :], "utf-8")
    app = new_app(sample_copy, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_abc(app, pilot)
        await to_italian(app, pilot)
        await pilot.press("A")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert dialog.question.startswith("2 account cambiano classe (un piano prende")
        assert "freni-orobici: C → A" in dialog.question
        assert dialog.question.endswith("Scrivere le classi nei piani?")
        await pilot.press("y")
        await wait_for(
            pilot,
            lambda: any("Classi scritte in 2 piani." in str(n.message) for n in app._notifications),
        )


# -- the actions view ------------------------------------------------------------------------


async def test_actions_view_switched_live_keeps_the_rows_and_the_cursor(
    sample_copy: Path, tmp_path: Path
) -> None:
    from kamtui.tui.screens.actions import ActionsScreen
    from kamtui.tui.widgets.actions_table import ActionsTable

    app = new_app(sample_copy, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("t")
        screen = await wait_for_screen(pilot, ActionsScreen)
        await wait_for(pilot, lambda: screen.table.row_count > 3)
        rows = screen.table.row_ids()
        await pilot.press("down", "down")
        cursor = screen.table.selected_key
        row = screen.table.rows[cursor]  # type: ignore[index]
        await to_italian(app, pilot)
        assert app.screen is screen
        table = screen.query_one(ActionsTable)
        await wait_for(pilot, lambda: table.row_ids() == rows)
        assert table.selected_key == cursor
        await wait_for(pilot, lambda: "Azioni" in screen_text(app))
        text = screen_text(app)
        assert "Scadenza" in text and "Responsabile" in text and "Obiettivo" in text
        assert "questa settimana" in str(screen.query_one("#summary", Static).render())
        detail = str(screen.query_one("#detail", Static).render())
        assert detail.startswith("obiettivo ")
        # the due date in the Italian short form
        cells = [c.plain for c in table.cells_for(cursor)]  # type: ignore[arg-type]
        if row.due is not None:
            assert cells[0] == row.due.strftime("%d/%m/%Y")
        await pilot.press("w")
        await wait_for(pilot, lambda: "in ritardo" in str(screen.query_one("#status").render()))


async def test_actions_view_key_bar_keeps_back_and_help_at_80_columns(
    sample_copy: Path, tmp_path: Path
) -> None:
    from kamtui.tui.screens.actions import ActionsScreen

    i18n.set_language("it")
    app = new_app(sample_copy, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("t")
        await wait_for_screen(pilot, ActionsScreen)
        await wait_for(pilot, lambda: "esc Indietro" in key_bar(app))
        assert "? Aiuto" in key_bar(app) and "+/- Avanz." in key_bar(app)


# -- the org chart ---------------------------------------------------------------------------


async def test_org_chart_switched_live_keeps_the_tree_the_cursor_and_the_collapsed(
    tmp_workspace: Workspace,
) -> None:
    from conftest import FULL_PLAN_ID, make_full_plan
    from tui_helpers import open_account

    from kamtui.plan.codec import dumps_plan
    from kamtui.plan.model import Attitude, Influence, Person, Role
    from kamtui.tui.panes.where_am_i import PeopleTable
    from kamtui.tui.screens.org_chart import OrgChartScreen, OrgTree

    plan = make_full_plan()
    people = plan.where_am_i.buying_centre
    people["nicola-conti"].reports_to = "giulia-bianchi"
    people["luca-ferri"].reports_to = "nicola-conti"
    people["gate"] = Person(
        name="Gate Keeper",
        reports_to="giulia-bianchi",
        role=Role.ECONOMIC_BUYER,
        influence=Influence.HIGH,
        attitude=Attitude.OPPONENT,
    )
    (tmp_workspace.root / f"{FULL_PLAN_ID}.toml").write_text(dumps_plan(plan), encoding="utf-8")
    app = make_app(tmp_workspace, today=TODAY, watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_account(app, pilot, FULL_PLAN_ID)
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "analysis")
        await pilot.press("tab")
        await wait_for(pilot, lambda: isinstance(app.focused, PeopleTable))
        await pilot.press("m")
        chart = await wait_for_screen(pilot, OrgChartScreen)
        tree = chart.query_one(OrgTree)
        await wait_for(pilot, lambda: tree.last_line == 3)
        await pilot.press("down", "down")  # nicola-conti, who has Luca under him
        await wait_for(pilot, lambda: chart.selected == "nicola-conti")
        await pilot.press("space")  # collapsed
        await wait_for(pilot, lambda: tree.last_line == 2)
        await to_italian(app, pilot)
        assert app.screen is chart
        tree = chart.query_one(OrgTree)
        await wait_for(pilot, lambda: chart.selected == "nicola-conti")
        assert tree.last_line == 2  # still collapsed
        await wait_for(pilot, lambda: "Organigramma di" in screen_text(app))
        text = screen_text(app)
        assert "oppositore · responsabile del budget · infl. alta" in text
        assert "riporta a" in text
        assert "centro d'acquisto" in text


# -- the whitespace map ----------------------------------------------------------------------


async def test_whitespace_map_switched_live_keeps_the_cell_under_the_cursor(
    tmp_workspace: Workspace,
) -> None:
    from test_tui_whitespace import cursor, detail, open_map, write_plan

    from kamtui.tui.widgets.whitespace_grid import WhitespaceGrid

    write_plan(tmp_workspace)
    app = make_app(tmp_workspace, today=TODAY, watch_interval=None, keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        _account, screen = await open_map(app, pilot)
        await pilot.press("down", "right")
        await wait_for(pilot, lambda: cursor(screen) == ("hostile", "resins"))
        await pilot.press("left")
        await wait_for(pilot, lambda: "open opportunity" in detail(screen))
        at = cursor(screen)
        await to_italian(app, pilot)
        assert app.screen is screen
        await wait_for(pilot, lambda: cursor(screen) == at)
        await wait_for(pilot, lambda: isinstance(app.focused, WhitespaceGrid))
        await wait_for(pilot, lambda: "opportunità aperta" in detail(screen))
        text = screen_text(app)
        assert "Mappa delle opportunità di" in text and "Unità" in text
        totals = str(screen.query_one("#ws-totals", Static).content)
        assert "vinte" in totals and "potenziale" in totals and "celle pertinenti" in totals
        await pilot.press("o")  # an open opportunity: the objective is made, said in Italian
        await wait_for(
            pilot,
            lambda: any("Obiettivo aggiunto" in str(n.message) for n in app._notifications),
        )


# -- the history -----------------------------------------------------------------------------


async def test_history_switched_live_keeps_the_commits_and_the_cursor(
    repo: Workspace,  # noqa: F811 - the fixture imported above
) -> None:
    from conftest import FULL_PLAN_ID
    from textual.widgets import DataTable
    from tui_helpers import open_account

    from kamtui.tui.screens.history import HistoryScreen, PlanAtScreen

    app = make_app(repo, today=TODAY, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account(app, pilot, FULL_PLAN_ID)
        await pilot.press("h")
        screen = await wait_for_screen(pilot, HistoryScreen)
        table = screen.query_one("#history-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == 2)
        await pilot.press("down")
        await to_italian(app, pilot)
        assert app.screen is screen
        table = screen.query_one("#history-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == 2)
        assert table.cursor_row == 1
        first = [str(c) for c in table.get_row_at(0)]
        assert first[0] == "02/11/2026 09:30"  # the Italian day
        note = str(screen.query_one("#history-note", Static).content)
        assert note == "2 commit, dal più recente"
        await wait_for(pilot, lambda: "Quando" in screen_text(app))
        assert "Cronologia di" in screen_text(app)
        await pilot.press("v")
        then = await wait_for_screen(pilot, PlanAtScreen)
        title = str(then.query_one("#plan-at-title", Static).content)
        assert "com'era" in title and "01/10/2026 10:00" in title and "sola lettura" in title


# -- measuring the objectives ------------------------------------------------------------


async def test_measure_asks_in_italian_with_the_italian_day(
    root: Path,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    from test_tui_measure import SIZE
    from test_tui_measure import new_app as measure_app
    from test_tui_measure import run_analysis as run_measured

    from kamtui.tui.screens.dialogs import ConfirmDialog

    i18n.set_language("it")
    app = measure_app(root, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await run_measured(app, pilot)
        await pilot.press("M")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        lines = dialog.question.splitlines()
        assert lines[0] == "Misurato da revenue.csv, periodi che terminano il 30/11/2026:"
        await pilot.press("y")
        await wait_for(
            pilot,
            lambda: any(
                "Rilevazioni scritte: 1 rilevazione in 1 piano." in str(n.message)
                for n in app._notifications
            ),
        )
