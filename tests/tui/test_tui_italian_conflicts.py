"""The resolution of merge conflicts and the read-only view of a broken plan in Italian, switched
to it live while open (kamtui/tui/app.py action_language): the cards, their choices and the
focus stay; the words are Italian."""

from __future__ import annotations

from pathlib import Path

from test_tui_merge_conflicts import (  # noqa: F401 - repo: the fixture
    SIZE,
    focused_index,
    new_app,
    open_conflicts,
    repo,
)
from textual.widgets import Button, Static
from tui_helpers import screen_text, wait_for, wait_for_screen

from kamtui.tui.screens.dialogs import ConfirmDialog
from kamtui.tui.widgets.conflict_card import ConflictCard
from kamtui.tui.widgets.key_bar import KeyBar


async def test_conflicts_switched_live_keep_the_choices_and_the_focus(
    repo: Path,  # noqa: F811
) -> None:
    app = new_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conflicts(app, pilot, count=4)
        await pilot.press("o")  # the first: ours; the focus on the second
        await wait_for(pilot, lambda: focused_index(app) == 1)
        choices = dict(screen.choices)
        await app.run_action("language('it')")
        await wait_for(pilot, lambda: "Indietro" in app.screen.query_one(KeyBar).content.plain)
        assert app.screen is screen
        await wait_for(pilot, lambda: len(screen.cards) == 4)
        assert screen.choices == choices
        await wait_for(
            pilot,
            lambda: isinstance(app.focused, ConflictCard) and app.focused.index == 1,
        )
        first = screen.cards[0]
        assert first.choice is not None and str(first.border_subtitle) == "✓ nostra"
        assert str(first.border_title).startswith("Conflitto 1 di 4 · riga ")
        title = str(screen.query_one("#conflicts-title", Static).content)
        assert "conflitti di merge · 1 di 4 risolti" in title
        await wait_for(pilot, lambda: "da risolvere" in screen_text(app))
        # the cards still act: theirs on the second, and leaving asks in Italian
        await pilot.press("t")
        await wait_for(pilot, lambda: len(screen.choices) == 2)
        await pilot.press("escape")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "2 conflitti" in dialog.question


async def test_broken_plan_view_switched_live(tmp_path: Path) -> None:
    from test_tui_broken_view import BROKEN, open_broken, shown
    from test_tui_broken_view import new_app as broken_app

    app, path = broken_app(tmp_path)
    good = path.read_text(encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_broken(app, pilot, path, good)
        await app.run_action("language('it')")
        await wait_for(pilot, lambda: "non può essere usato" in shown(view))
        assert app.screen is view
        assert "sola lettura" in shown(view) and path.name in shown(view)
        assert BROKEN in shown(view) or "TOML" in shown(view)  # the problem, as the core says it
        await wait_for(pilot, lambda: app.focused is not None)


async def test_save_conflict_dialog_in_italian_shows_every_button_whole(tmp_path: Path) -> None:
    from conftest import TODAY, copy_sample
    from test_snapshots_dialogs import assert_every_button_is_whole
    from test_snapshots_dialogs import conflict as reach_conflict

    from kamtui.store.workspace import Workspace
    from kamtui.text import i18n
    from kamtui.tui.factory import make_app
    from kamtui.tui.screens.dialogs import ChoiceDialog
    from kamtui.tui.screens.diff_view import DiffScreen

    i18n.set_language("it")
    ws = copy_sample(tmp_path / "accounts")
    app = make_app(
        Workspace(ws), today=TODAY, watch_interval=None, settings_path=tmp_path / "s.json"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await reach_conflict(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "è cambiato sul disco da quando lo ha aperto" in dialog.question
        assert [label for _key, label in dialog.choices] == [
            "Ricarica la loro versione",
            "Sovrascrivi con la Sua",
            "Vedi le differenze",
            "Continua a modificare",
        ]
        assert_every_button_is_whole(app, (80, 24))
        await pilot.press("v")
        diff = await wait_for_screen(pilot, DiffScreen)
        assert "sul disco, + la Sua versione" in diff.title_text
        assert "torna alla scelta" in screen_text(app)


async def test_conflict_editor_switched_live_keeps_what_was_typed(
    repo: Path,  # noqa: F811
) -> None:
    from kamtui.tui.screens.conflict_editor import ConflictEditor
    from kamtui.tui.widgets.safe_text_area import SafeTextArea

    app = new_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_conflicts(app, pilot, count=4)
        await pilot.press("e")
        editor = await wait_for_screen(pilot, ConflictEditor)
        area = editor.query_one("#conflict-lines", SafeTextArea)
        area.load_text("current = 42\n# typed")
        await app.run_action("language('it')")
        await wait_for(pilot, lambda: "usa le righe" in screen_text(app))
        button = editor.query_one("#ok", Button)
        assert str(button.label) == "Usa le righe"
        assert button.region.width >= len("Usa le righe") + 2  # whole, not cut
        assert app.screen is editor
        assert editor.typed == "current = 42\n# typed"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not editor)
