"""Keys of the user's own (kamtui/tui/keymap.py): every binding has an id, the ids and
docs/keymap.md follow the code, a rebound key works and shows in the key bar and the help,
and what is wrong in the user's keymap is said once, without stopping the app."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, TODAY
from textual.binding import Binding
from textual.widgets import Input, Static
from tui_helpers import open_account, screen_text, started, wait_for, wait_for_screen

from kamtui.store.locations import config_file
from kamtui.store.workspace import Workspace
from kamtui.tui import keymap
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.screens.help import HelpScreen
from kamtui.tui.widgets.key_bar import KeyBar

SIZE = (80, 24)
KEYMAP_DOC = ROOT / "docs" / "keymap.md"

SHARED_ON_PURPOSE: set[str] = set()
"""Ids more than one binding may carry (one rebinding moves them all). None today."""


def new_app(
    root: Path, keymap: dict[str, str] | None = None, config_path: Path | None = None
) -> KamApp:
    """The app on the workspace at *root* (a copy of the sample), the keymap given."""
    return make_app(
        Workspace.create(root),
        today=TODAY,
        watch_interval=None,
        keymap=keymap,
        config_path=config_path,
    )


def bar_text(app: KamApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


def help_lines(app: KamApp) -> list[str]:
    content = app.screen.query_one("#help-text", Static).content
    return str(getattr(content, "plain", content)).splitlines()


def keys_of(lines: list[str], description: str) -> str:
    """The key column of the help line that ends with *description*."""
    line = next(line for line in lines if line.rstrip().endswith(description))
    return line.strip().removesuffix(description).strip()


def notes(app: KamApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


# -- every binding has an id ----------------------------------------------------------------


def test_every_binding_in_kamtui_tui_has_a_unique_dotted_id() -> None:
    found = list(keymap.all_bindings())
    assert len(found) > 40  # the walk reached the panes and widgets, not just the app
    for cls, binding in found:
        assert isinstance(binding, Binding), (cls, binding)
        assert binding.id, f"{cls.__module__}.{cls.__name__}: {binding.key!r} has no id"
        assert re.fullmatch(r"[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*", binding.id), binding.id
    counts = Counter(b.id for _, b in found)
    shared = {i for i, n in counts.items() if n > 1}
    assert shared <= SHARED_ON_PURPOSE, f"ids used twice: {sorted(shared - SHARED_ON_PURPOSE)}"


def test_the_list_of_ids_checked_at_start_is_the_list_in_the_code() -> None:
    ids = {b.id for _, b in keymap.all_bindings()}
    missing, stale = ids - keymap.BINDING_IDS, keymap.BINDING_IDS - ids
    assert not missing and not stale, (
        f"kamtui/tui/keymap.py BINDING_IDS: add {sorted(missing)}, remove {sorted(stale)}"
    )


def test_docs_keymap_md_lists_every_binding_as_the_code_declares_it() -> None:
    expected = keymap.markdown()
    assert KEYMAP_DOC.read_text(encoding="utf-8") == expected, (
        "docs/keymap.md is out of date: python -m kamtui.tui.keymap > docs/keymap.md"
    )


def test_every_declared_default_key_passes_the_key_check() -> None:
    for _, binding in keymap.all_bindings():
        for key in binding.key.split(","):
            assert keymap.key_problem(key) is None, (binding.id, key)


# -- checking keys ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["f", "/", "?", "F", "ctrl+x", "f10", "escape", "question_mark", "slash", "space",
     "ctrl+shift+up", "alt+shift+x", "pageup", "ctrl+f25", " ctrl+s "],
)  # fmt: skip
def test_keys_textual_sends_are_accepted(key: str) -> None:
    assert keymap.key_problem(key) is None


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("", "nothing there"),
        ("ctrl+shift+foo", 'no key is called "foo"'),
        ("foo", 'no key is called "foo"'),
        ("F5", 'write "f5" in lower case'),
        ("Ctrl+s", '"Ctrl" is not a modifier'),
        ("shift+ctrl+up", 'in this order: "ctrl+shift+up"'),
        ("ctrl+S", 'write "ctrl+shift+s"'),
        ("ctrl+?", 'write the name: "ctrl+question_mark"'),
        ("ctrl++", 'write "plus"'),
        ("ctrl+", 'nothing after the last "+"'),
        ("ctrl+ctrl+a", "given twice"),
        ("ctrl+" + "x" * 100, "far too long"),
    ],
    ids=lambda value: value if len(value) < 30 else value[:20] + "…",
)
def test_keys_textual_never_sends_are_refused_with_a_reason(key: str, why: str) -> None:
    problem = keymap.key_problem(key)
    assert problem is not None and why in problem, problem


def test_load_keymap_keeps_the_usable_entries_and_names_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[keymap]\n"dashboard.filter" = "f"\n"dashbord.sort" = "o"\n'
        '"app.quit" = "ctrl+x, ctrl+shift+foo"\n"app.help" = 1\n',
        encoding="utf-8",
    )
    valid, problems = keymap.load_keymap(config_path=path)
    assert valid == {"dashboard.filter": "f"}
    assert problems == [
        f'{path}:5:14: keymap.app.help: expected a key like "ctrl+s"',
        f"{path}:3:19: keymap.dashbord.sort: no binding has this id (did you mean dashboard.sort?)",
        f'{path}:4:14: keymap.app.quit: "ctrl+shift+foo" is not a key: no key is called "foo"',
    ]


def test_the_notice_names_the_file_once_and_counts_what_it_leaves_out(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    problems = [f"{path}: cannot read this file: Permission denied"]
    problems += [f"{path}:{n}:3: keymap.x{n}: no binding has this id" for n in range(1, 11)]
    assert keymap.notice(problems, path).splitlines() == [
        f"Not used from your keymap in {path}:",
        "• cannot read this file: Permission denied",
        *(f"• line {n}: keymap.x{n}: no binding has this id" for n in range(1, 8)),
        "… and 3 more",
    ]
    # a keymap handed in (no lines known) names the file alone
    valid, problems = keymap.load_keymap({"nope.x": "f", "app.quit": "x"}, path)
    assert valid == {"app.quit": "x"}
    assert keymap.notice(problems, path).splitlines()[1:] == [
        "• keymap.nope.x: no binding has this id"
    ]


def test_a_hostile_keymap_gives_short_messages(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        "[keymap]\n" + "a." * 3000 + 'b = "f"\n"app.quit" = "' + "y" * 100_000 + '"\n',
        encoding="utf-8",
    )
    valid, problems = keymap.load_keymap(config_path=path)
    assert valid == {}
    assert len(problems) == 2
    assert all(len(problem) < len(str(path)) + 120 for problem in problems), problems


# -- in the app -------------------------------------------------------------------------------


async def test_a_rebound_key_works_and_the_declared_one_no_longer_does(sample_copy: Path) -> None:
    app = new_app(sample_copy, keymap={"dashboard.sort": "o", "dashboard.filter": "f"})
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        bindings = app.screen.active_bindings
        assert bindings["o"].binding.id == "dashboard.sort"
        assert bindings["f"].binding.id == "dashboard.filter"
        assert "s" not in bindings  # the declared key is gone
        sort = screen.sort
        await pilot.press("s")
        await pilot.pause()
        assert screen.sort == sort
        await pilot.press("o")
        await wait_for(pilot, lambda: screen.sort != sort)
        # the declared "/" no longer opens the filter; the new key does, and is typed into it
        box = screen.query_one("#filter", Input)
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is not box
        await pilot.press("f")
        await wait_for(pilot, lambda: app.focused is box)
        await pilot.press(*"fer")
        await wait_for(pilot, lambda: box.value == "fer")
        assert notes(app) == []


async def test_the_key_bar_and_the_help_show_the_users_keys(sample_copy: Path) -> None:
    app = new_app(
        sample_copy,
        keymap={"dashboard.filter": "f", "app.help": "f1", "app.quit": "ctrl+x,f10"},
    )
    # wide enough for the whole bar: at 80 columns "^x/f10 Quit" leaves no room for Quit
    async with app.run_test(size=(100, SIZE[1])) as pilot:
        await started(app, pilot)
        bar = bar_text(app)
        assert "f Filter" in bar and "/ Filter" not in bar
        assert "f1 Help" in bar and "? Help" not in bar
        assert "^x/f10 Quit" in bar
        assert "f1 Help" in screen_text(app).splitlines()[-1]
        await pilot.press("question_mark")  # no longer the help key
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        lines = help_lines(app)
        assert keys_of(lines, "Filter") == "f"
        assert keys_of(lines, "this help") == "f1"
        assert keys_of(lines, "quit (asks first if anything is unsaved)") == "^x / f10 / ^q"
        assert keys_of(lines, "Sort") == "s"  # the others as declared


async def test_the_account_screen_key_bar_shows_a_rebound_save(sample_copy: Path) -> None:
    app = make_app(
        Workspace.create(sample_copy),
        today=TODAY,
        watch_interval=None,
        keymap={"account.save": "ctrl+w", "account.walk": "W"},
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await open_account(app, pilot, "freni-orobici")
        bar = bar_text(app)
        assert bar.lstrip().startswith("^w Save"), bar
        assert "W Guide" in bar


async def test_problems_in_the_config_file_are_one_notification_and_the_rest_applies(
    sample_copy: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        "[keymap]\n"
        '"dashbord.filter" = "f"\n'
        '"dashboard.sort" = "ctrl+shift+foo"\n'
        '"dashboard.segment" = "h"\n'
        '"app.quit" = ""\n',
        encoding="utf-8",
    )
    app = new_app(sample_copy, config_path=config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await started(app, pilot)
        await wait_for(pilot, lambda: len(notes(app)) == 1)
        (note,) = notes(app)
        assert note.splitlines() == [
            f"Not used from your keymap in {config}:",
            "• line 2: keymap.dashbord.filter: no binding has this id"
            " (did you mean dashboard.filter?)",
            '• line 3: keymap.dashboard.sort: "ctrl+shift+foo" is not a key:'
            ' no key is called "foo"',
            '• line 5: keymap.app.quit: "" is not a key: nothing there',
        ]
        # the usable entry applies, the others keep their declared keys; the app runs on
        assert "h ABC class" in bar_text(app)
        segment = screen.filter
        await pilot.press("h")
        await wait_for(pilot, lambda: screen.filter != segment)
        await pilot.press("s", "slash")
        await wait_for(pilot, lambda: app.focused is screen.query_one("#filter", Input))
        assert len(notes(app)) == 1


async def test_broken_toml_is_said_with_its_line_and_the_app_starts(
    sample_copy: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"dashboard.filter" = f\n', encoding="utf-8")
    app = new_app(sample_copy, config_path=config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(app, pilot)
        await wait_for(pilot, lambda: len(notes(app)) == 1)
        assert notes(app)[0].splitlines() == [
            f"Not used from your keymap in {config}:",
            "• line 2: invalid TOML: Invalid value",
        ]
        assert "/ Filter" in bar_text(app)


async def test_the_factory_reads_the_users_config_toml_by_default(sample_copy: Path) -> None:
    path = config_file()  # in tmp: tests/conftest.py moves the user dirs
    path.parent.mkdir(parents=True)
    path.write_text('[keymap]\ndashboard.filter = "f"\n', encoding="utf-8")
    app = new_app(sample_copy)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(app, pilot)
        assert "f Filter" in bar_text(app)
        assert notes(app) == []


async def test_no_config_means_the_declared_keys_and_no_notification(sample_copy: Path) -> None:
    app = new_app(sample_copy)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(app, pilot)
        assert app._keymap == {}
        assert "/ Filter" in bar_text(app)
        assert notes(app) == []
