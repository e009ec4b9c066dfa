"""Keys that arrive in one burst (over SSH, a fast typist, a paste of keys) are applied in the
order they were typed, in every kamtui input and text area.

Textual acts on a widget's own (non-priority) bindings only once the key has bubbled up to the
app, so a backspace followed by a letter in one read ended with the letter inserted, then
deleted. kamtui's inputs make their editing keys priority bindings (docs/upstream-burst-keys.md
has the report for Textual).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY
from textual import events
from textual.widgets import Input
from tui_helpers import started, wait_for, wait_for_screen

from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.record_form import RecordForm
from kamtui.tui.widgets.safe_input import SafeInput
from kamtui.tui.widgets.safe_text_area import SafeTextArea

NAMED = {" ": "space", "-": "minus", ".": "full_stop", ",": "comma"}


def burst(app: KamApp, *keys: str) -> None:
    """Post keys the way the terminal driver does when they arrive in one read, without
    waiting for any of them to be handled: a one-character string is typed, a longer one is
    a key name (``backspace``, ``left``, ``ctrl+w``, …)."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(NAMED.get(key, key), key))
        else:
            app.post_message(events.Key(key, None))


@pytest.fixture
def app(sample_copy: Path) -> KamApp:
    return make_app(Workspace(sample_copy), today=TODAY, watch_interval=None)


# (keys after "abc" was typed, the value expected)
INPUT_CASES = [
    (("backspace", "x"), "abx"),
    (("left", "x"), "abxc"),
    (("home", "x"), "xabc"),
    (("left", "left", "end", "x"), "abcx"),
    (("left", "delete", "x"), "abx"),
    (("ctrl+w", "x"), "x"),
    (("ctrl+u", "x"), "x"),
    (("home", "ctrl+k", "x"), "x"),
    (("backspace", "backspace", "y", "z"), "ayz"),
]


@pytest.mark.parametrize(("keys", "expected"), INPUT_CASES, ids=lambda v: str(v))
async def test_editing_keys_in_a_burst_apply_in_order_in_the_filter(
    app: KamApp, keys: tuple[str, ...], expected: str
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        dashboard = await started(app, pilot)
        await pilot.press("slash")
        box = dashboard.query_one("#filter", SafeInput)
        await wait_for(pilot, lambda: app.focused is box)
        burst(app, "a", "b", "c", *keys)
        await wait_for(pilot, lambda: box.value == expected, timeout=3)
        await pilot.pause(0.1)  # nothing arrives late to change it again
        assert box.value == expected


async def test_a_burst_through_a_form_lands_in_order(app: KamApp) -> None:
    """In the person form: a typo corrected inside the burst, then tab to the next field."""
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, AccountScreen)
        await pilot.press("tab", "a")
        form = await wait_for_screen(pilot, RecordForm)
        burst(app, *"Lucx", "backspace", "a", "tab", *"CEP", "backspace", "O")
        fields = {w.id: w for w in form.query(Input)}
        await wait_for(pilot, lambda: fields["field-title"].value == "CEO", timeout=3)
        assert fields["field-name"].value == "Luca"


async def test_a_burst_in_a_text_area_lands_in_order(app: KamApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, AccountScreen)
        await pilot.press("enter")  # the first text of step 1: edited in a text area
        await wait_for(pilot, lambda: isinstance(app.focused, SafeTextArea))
        text_area = app.focused
        assert isinstance(text_area, SafeTextArea)
        text_area.text = ""
        burst(app, *"abc", "backspace", "x", "left", "left", "y", "end", "z")
        await wait_for(pilot, lambda: text_area.text == "aybxz", timeout=3)


async def test_keys_typed_before_the_filters_focus_event_is_handled_are_kept(app: KamApp) -> None:
    """On a loaded machine the keys behind "/" can go into the filter (the screen puts them
    there) before Textual handles the box's Focus message; that message must not select them,
    or the next key replaces them (a tmux run under load filtered "/greco" by "o")."""
    async with app.run_test(size=(80, 24)) as pilot:
        dashboard = await started(app, pilot)
        box = dashboard.query_one("#filter", SafeInput)
        dashboard.action_filter()  # focus asked for; its Focus message not handled yet
        box.insert_text_at_cursor("grec")  # what on_key does with the keys of the burst
        await pilot.pause()  # now the Focus message is handled
        burst(app, "o")
        await wait_for(pilot, lambda: box.value.endswith("o"), timeout=3)
        assert box.value == "greco"
