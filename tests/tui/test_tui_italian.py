"""The app in Italian (issue 11): the dashboard, the account screen's three steps, a form, the
help, the walk-through and the review. Each screen switched live (the palette's "Language:
Italiano", kamtui/tui/app.py action_language) keeps what it showed: the filter, the sort and
the cursor, the step, the grouping and the action filter, what was typed in a form."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, copy_sample
from textual.widgets import Input, Tab
from tui_helpers import open_account, screen_text, started, type_text, wait_for, wait_for_screen

from kamtui.store.workspace import Workspace
from kamtui.text import i18n
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.panes.how_to_get_there import ActionFilter, ActionTable
from kamtui.tui.panes.where_am_i import PeopleTable
from kamtui.tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from kamtui.tui.screens.help import HelpScreen
from kamtui.tui.screens.record_form import RecordForm
from kamtui.tui.widgets.key_bar import KeyBar
from kamtui.tui.widgets.portfolio_table import PortfolioTable


def _app(tmp_path: Path) -> KamApp:
    root = copy_sample(tmp_path / "ws")
    return make_app(Workspace(root), today=TODAY, watch_interval=None)


def notes(app: KamApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def key_bar(app: KamApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_the_dashboard_switched_live_keeps_its_filter_sort_and_cursor(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        dashboard = await started(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "S.p.A.")  # Freni Orobici, Logistica Adriatica…: a few
        await wait_for(pilot, lambda: 1 < dashboard.table.row_count < 11)
        await pilot.press("enter")  # the filter done: back to the table
        await pilot.press("s")  # sorted by the ABC class
        await wait_for(pilot, lambda: dashboard.table.sort_column == "segment")
        dashboard.table.select("freni-orobici")
        await pilot.pause()
        shown = dashboard.table.row_ids()
        assert "next 2026-10-15" in screen_text(app)

        await app.run_action("language('it')")
        await wait_for(pilot, lambda: "? Aiuto" in key_bar(app))
        table = app.screen.query_one(PortfolioTable)
        assert app.screen.query_one("#filter", Input).value == "S.p.A."
        await wait_for(pilot, lambda: table.row_ids() == shown)
        assert table.selected_id == "freni-orobici"
        await wait_for(pilot, lambda: "Prossima azione" in screen_text(app))  # the headers
        text = screen_text(app)
        assert "Scadenza" in text
        assert f"{len(shown)}/11 mostrati" in text and "ordine ABC ↑" in text
        assert "prossima 15/10/2026" in text  # the detail line: an Italian date
        assert "62gg !" in text  # days since the review
        assert "/ Filtra" in key_bar(app) and "s Ordina" in key_bar(app)

        await app.run_action("language('en')")
        await wait_for(pilot, lambda: "? Help" in key_bar(app))
        await wait_for(pilot, lambda: "next 2026-10-15" in screen_text(app))
        assert "Next due" in screen_text(app)


async def test_the_account_screen_switched_live_keeps_its_step_and_views(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_account(app, pilot, "freni-orobici")
        screen.query_one(PeopleTable).grouping = "attitude"
        screen.query_one(ActionTable).filter = ActionFilter(status="todo")
        screen.edited("view")
        await pilot.press("3")
        await wait_for(pilot, lambda: screen.step == 3)
        rows = screen.query_one(ActionTable).row_ids()
        assert rows  # some to do

        await app.run_action("language('it')")
        await wait_for(pilot, lambda: "^s Salva" in key_bar(app))
        assert screen.step == 3
        assert app.screen is screen
        tabs = [tab.label.plain for tab in screen.query(Tab)]
        assert tabs == ["1 Dove sono?", "2 Dove voglio andare?", "3 Come voglio arrivarci?"]
        await wait_for(pilot, lambda: "Piano d'azione" in screen_text(app))
        text = screen_text(app)
        assert "Avanzamento per obiettivo" in text
        assert "stato: da fare" in text  # the filter, kept
        assert screen.query_one(ActionTable).row_ids() == rows
        assert "D1 " in text and "D3 " in text  # the header's three questions
        assert "Salva" in key_bar(app) and "Indietro" in key_bar(app)

        await pilot.press("2")
        await wait_for(pilot, lambda: "Breve periodo (fino a 12 mesi)" in screen_text(app))
        assert "Medio-lungo periodo" in screen_text(app)
        await pilot.press("1")
        await wait_for(pilot, lambda: "Analisi del cliente" in screen_text(app))
        assert screen.query_one(PeopleTable).grouping == "attitude"  # kept
        text = screen_text(app)
        assert "Centro d'acquisto" in text and "Accessibilità" in text
        assert "persona" in text or "persone" in text  # the groups' headings


async def test_a_form_switched_live_keeps_what_was_typed(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_account(app, pilot, "freni-orobici")
        await pilot.press("tab", "e")  # the buying centre's first person
        form = await wait_for_screen(pilot, RecordForm)
        name = form.query_one("#field-name", Input)
        name.value = "Typed Name"
        await app.run_action("language('it')")
        await wait_for(pilot, lambda: "Nome *" in screen_text(app))
        assert form.query_one("#field-name", Input).value == "Typed Name"
        assert "tab campo successivo" in screen_text(app)
        await pilot.press("escape")  # something was typed: asks, in Italian
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert dialog.question == "Scartare quanto digitato?"
        await pilot.press("y")
        await wait_for(pilot, lambda: not isinstance(app.screen, (ConfirmDialog, RecordForm)))


async def test_the_help_switched_live(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_account(app, pilot, "freni-orobici")
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        assert "Keys on this screen" in screen_text(app)
        await app.run_action("language('it')")
        await wait_for(pilot, lambda: "Tasti di questa schermata" in screen_text(app))
        text = screen_text(app)
        assert "Cronologia" in text and "Ovunque" in text and "questo aiuto" in text


async def test_the_review_and_the_walk_through_speak_italian(tmp_path: Path) -> None:
    i18n.set_language("it")
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_account(app, pilot, "bellanova-cosmetici")
        await pilot.press("r")
        summary = await wait_for_screen(pilot, ChoiceDialog)
        assert summary.title_text == "Revisione"
        # the last review's date as Italians write it
        assert "Che cosa è cambiato dall'ultima revisione (24/11/2026):" in summary.question
        assert "Prossimi passi: 4 obiettivi da rilevare, 0 azioni in ritardo." in (summary.question)
        await pilot.press("c")
        form = await wait_for_screen(pilot, RecordForm)
        assert form.form_title.startswith("Revisione · obiettivo 1/4: ")
        assert form.query_one("#field-day", Input).value == "30/11/2026"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: any("Revisione interrotta" in n for n in notes(app)))

        await pilot.press("w")
        form = await wait_for_screen(pilot, RecordForm)
        assert form.form_title.startswith("1/18 · ")
        assert (form.ok, form.cancel) == ("Avanti", "Sospendi")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        paused = "Percorso guidato sospeso a 1/18: w per riprendere."
        await wait_for(pilot, lambda: paused in notes(app))


def test_the_keymap_notice_speaks_italian(tmp_path: Path) -> None:
    from kamtui.tui import keymap

    i18n.set_language("it")
    path = tmp_path / "config.toml"
    path.write_text(
        '[keymap]\n"dashbord.sort" = "o"\n"app.quit" = "ctrl+x, ctrl+shift+foo"\n',
        encoding="utf-8",
    )
    valid, problems = keymap.load_keymap(config_path=path)
    assert valid == {}
    assert keymap.notice(problems, path).splitlines() == [
        f"Non usato dai Suoi tasti personalizzati in {path}:",
        "• riga 2: keymap.dashbord.sort: nessun comando ha questo id (forse dashboard.sort?)",
        '• riga 3: keymap.app.quit: "ctrl+shift+foo" non è un tasto: nessun tasto si chiama "foo"',
    ]


async def test_the_workspace_check_says_its_counts_in_italian(tmp_path: Path) -> None:
    i18n.set_language("it")
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await app.run_action("check")
        await wait_for(pilot, lambda: "Tutti i piani (11) sono validi." in notes(app))
        (app.workspace.root / "broken.toml").write_text("[account\n", encoding="utf-8")
        await app.run_action("check")

        def counts() -> list[str]:
            return [str(n.message) for n in app._notifications if n.title == "Controllo"]

        await wait_for(pilot, counts)
        assert counts()[0].splitlines()[0] == "1 errore, 0 avvisi"


async def test_a_prompt_switched_live_keeps_what_was_typed(tmp_path: Path) -> None:
    from kamtui.tui.screens.dialogs import TextPrompt

    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await app.run_action("new_account")
        prompt = await wait_for_screen(pilot, TextPrompt)
        await type_text(pilot, "Acme")
        await app.run_action("language('it')")
        await wait_for(
            pilot, lambda: "? Aiuto" in str(app.screen_stack[0].query_one(KeyBar).render())
        )
        box = prompt.query_one("#prompt-input", Input)
        assert box.value == "Acme"
        await type_text(pilot, " Srl")  # the box has the focus again
        assert box.value == "Acme Srl"
