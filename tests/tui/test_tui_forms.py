"""The record form under typeahead and hostile paste: what a fast typist or a slow SSH link
sends in one burst lands in the fields as typed, and no control character gets in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY
from textual import events
from textual.widgets import Input, TextArea
from tui_helpers import wait_for

from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.record_form import RecordForm


@pytest.fixture
def app(tmp_path: Path) -> KamApp:
    shutil.copytree(SAMPLE, tmp_path / "accounts")
    return make_app(Workspace(tmp_path / "accounts"), today=TODAY, watch_interval=None)


def burst(app: KamApp, text: str) -> None:
    """Post keys the way the terminal driver does when they arrive in one read (``\\t`` is
    tab), without waiting for any of them to be handled."""
    for char in text:
        if char == "\t":
            app.post_message(events.Key("tab", None))
        else:
            key = {" ": "space", "-": "minus"}.get(char, char)
            app.post_message(events.Key(key, char))


async def open_person_form(app: KamApp, pilot: object) -> RecordForm:
    await wait_for(pilot, lambda: app.loaded_once)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, AccountScreen))  # type: ignore[arg-type]
    await pilot.press("tab", "a")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))  # type: ignore[arg-type]
    return app.screen  # type: ignore[return-value]


async def test_keys_typed_behind_a_tab_go_to_the_next_field(app: KamApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_person_form(app, pilot)
        burst(app, "Luca Ferretti\tCEO\t\t\t\t\t4\t-3d")
        typed = len("Luca Ferretti" + "CEO" + "4" + "-3d")
        # every character has landed somewhere (where: the asserts below)
        await wait_for(pilot, lambda: sum(len(w.value) for w in form.query(Input)) >= typed)
        values = {w.id: w.value for w in form.query(Input)}
        assert values["field-name"] == "Luca Ferretti"
        assert values["field-title"] == "CEO"
        assert values["field-relationship"] == "4"
        assert values["field-last_contact"] == "-3d"


async def test_control_characters_never_reach_a_text_area(app: KamApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_person_form(app, pilot)
        notes = form.query_one("#field-notes", TextArea)
        notes.focus()
        await pilot.pause()
        app.post_message(events.Paste("line one\x1b[31m red\u202e evil\nline two\x07"))
        await wait_for(pilot, lambda: "two" in notes.text)
        assert notes.text == "line one[31m red evil\nline two"
