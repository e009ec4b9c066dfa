"""The dashboard driven by keyboard through Pilot, asserting on state (rows, focus, screens).

Every expectation is computed from the plan files themselves (the sample workspace, copied to a
temp folder), never from what the table happens to show. Today is pinned to 2026-11-30.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY
from textual import events
from textual.app import ComposeResult
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static, Tab
from tui_helpers import (
    cursor_to,
    screen_text,
    settled,
    started,
    type_text,
    wait_for,
    wait_for_screen,
)

from kamtui.plan.file import read_plan
from kamtui.plan.metrics import PortfolioRow, portfolio_row
from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.screens.account import STEP_TITLES, AccountScreen
from kamtui.tui.screens.broken_plan import BrokenPlanScreen
from kamtui.tui.screens.dialogs import ConfirmDialog, TextPrompt
from kamtui.tui.screens.help import HelpScreen
from kamtui.tui.widgets.key_bar import KeyBar
from kamtui.tui.widgets.portfolio_table import COLUMN_KEYS, PortfolioTable

SIZE = (80, 24)


# -- helpers -------------------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    shutil.copytree(SAMPLE, tmp_path / "ws")
    return Workspace(tmp_path / "ws")


def rows_on_disk(workspace: Workspace) -> dict[str, PortfolioRow]:
    """The oracle: every healthy plan's figures, read straight from the files."""
    out = {}
    for path in workspace.plan_paths():
        lp = read_plan(path)
        assert lp.plan is not None and not lp.errors, lp.problems
        out[lp.id] = portfolio_row(lp.plan, TODAY)
    return out


def new_app(workspace: Workspace) -> KamApp:
    return make_app(workspace, today=TODAY, watch_interval=None)


def static_text(screen: Screen[object], selector: str) -> str:
    content = screen.query_one(selector, Static).content
    return content.plain if hasattr(content, "plain") else str(content)


async def palette_run(pilot: Pilot[None], app: KamApp, query: str, expect: str) -> None:
    """ctrl+p, type *query* (fast: see ``type_text``), wait until the highlighted hit contains
    *expect*, enter."""
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await type_text(pilot, query)

    def highlighted() -> str:
        results = app.screen.query_one(CommandList)
        if results.highlighted is None or not results.option_count:
            return ""
        return str(results.get_option_at_index(results.highlighted).prompt)

    await wait_for(pilot, lambda: expect in highlighted())
    await pilot.press("enter")
    await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))
    await pilot.pause()


def notifications(app: KamApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


# -- sorting -------------------------------------------------------------------------------


def _none_last(value: object) -> tuple[int, object]:
    return (1, "") if value is None else (0, value)


# Independent sort keys, from the plan data (not from the table's cells).
ORACLE_KEYS: dict[str, Callable[[PortfolioRow], object]] = {
    "name": lambda r: r.name.casefold(),
    "segment": lambda r: "ABC".index(r.segment) if r.segment else 9,
    "plan": lambda r: sum(r.completeness),
    "late": lambda r: r.overdue,
    "next_due": lambda r: _none_last(r.next_due),
    "review": lambda r: 10**6 if r.days_since_review is None else r.days_since_review,
    "actions": lambda r: _none_last(r.actions_done / r.actions_total if r.actions_total else None),
    "attainment": lambda r: _none_last(r.attainment),
    "next_action": lambda r: _none_last(r.next_action.casefold() or None),
}


def assert_sorted(
    ids: list[str], rows: dict[str, PortfolioRow], column: str, reverse: bool
) -> None:
    if column not in ORACLE_KEYS:  # revenue: no revenue file in the sample, nothing to order
        return
    keys = [ORACLE_KEYS[column](rows[i]) for i in ids]
    assert keys == sorted(keys, reverse=reverse), (
        column,
        reverse,
        list(zip(ids, keys, strict=True)),
    )


async def test_s_cycles_every_column_and_the_rows_follow_it(workspace: Workspace) -> None:
    rows = rows_on_disk(workspace)
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        table = screen.table
        assert table.sort_column == "name"
        assert_sorted(table.row_ids(), rows, "name", False)
        await cursor_to(pilot, table, "logistica-adriatica")
        seen = []
        for expected_column in [*COLUMN_KEYS[1:], COLUMN_KEYS[0]]:
            await pilot.press("s")
            await pilot.pause()
            seen.append(table.sort_column)
            assert table.sort_column == expected_column
            assert not table.sort_reverse
            assert_sorted(table.row_ids(), rows, expected_column, False)
            assert sorted(table.row_ids()) == sorted(rows)
            # the highlighted account stays highlighted, wherever it moved
            assert table.selected_id == "logistica-adriatica"
            label = PortfolioTable.label_of(expected_column)
            assert f"sort {label} ↑" in static_text(screen, "#status")
        assert seen == [*COLUMN_KEYS[1:], COLUMN_KEYS[0]]


async def test_sort_by_late_count_and_next_due_then_reverse(workspace: Workspace) -> None:
    rows = rows_on_disk(workspace)
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        table = screen.table
        for _ in range(COLUMN_KEYS.index("late")):
            await pilot.press("s")
        await pilot.pause()
        assert table.sort_column == "late"
        late = [rows[i].overdue for i in table.row_ids()]
        assert late == sorted(late) and late[0] == 0 and late[-1] == 3
        await pilot.press("r")
        await pilot.pause()
        assert table.sort_reverse
        late = [rows[i].overdue for i in table.row_ids()]
        assert late == sorted(late, reverse=True) and late[0] == 3
        assert "sort Late ↓" in static_text(screen, "#status")
        # the next column keeps the reversed direction
        await pilot.press("s")
        await pilot.pause()
        assert table.sort_column == "next_due" and table.sort_reverse
        due = [rows[i].next_due for i in table.row_ids()]
        assert due == sorted(due, reverse=True)
        await pilot.press("r")
        await pilot.pause()
        due = [rows[i].next_due for i in table.row_ids()]
        assert due == sorted(due)
        assert table.row_ids()[0] in {
            "farmaceutici-lombardi",
            "laiterie-duval",
            "supermercati-tirreno",
        }


# -- filtering -----------------------------------------------------------------------------


def matching(rows: dict[str, PortfolioRow], needle: str) -> set[str]:
    n = needle.casefold()
    return {
        i
        for i, r in rows.items()
        if n in i.casefold() or n in r.name.casefold() or n in r.owner.casefold()
    }


async def test_slash_filter_narrows_by_name_id_and_owner_and_escape_clears(
    workspace: Workspace,
) -> None:
    rows = rows_on_disk(workspace)
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        table = screen.table
        box = screen.query_one("#filter", Input)
        assert app.focused is table
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is box

        # by owner (two accounts of Maria Rossi), typed key by key
        await pilot.press(*"ross")
        await pilot.pause()
        assert (
            set(table.row_ids())
            == matching(rows, "ross")
            == {
                "alimentare-padano",
                "farmaceutici-lombardi",
            }
        )
        assert "2/11 shown" in static_text(screen, "#status")
        # keys that are commands on the table are text in the box: nothing sorted, nothing quit
        assert table.sort_column == "name" and app.return_code is None

        # by id
        box.value = ""
        await pilot.press(*"kessler")
        await pilot.pause()
        assert table.row_ids() == ["kessler-fahrzeugtechnik"]

        # by name, case-insensitive
        box.value = ""
        await pilot.press(*"SICILIA")
        await pilot.pause()
        assert table.row_ids() == ["serre-di-sicilia"]

        # owner, three accounts
        box.value = ""
        await pilot.press(*"greco")
        await pilot.pause()
        assert set(table.row_ids()) == matching(rows, "greco")
        assert len(matching(rows, "greco")) == 3

        # nothing matches: empty table, no crash
        box.value = ""
        await pilot.press(*"zzzz")
        await pilot.pause()
        assert table.row_count == 0
        assert "0/11 shown" in static_text(screen, "#status")

        await pilot.press("escape")
        await pilot.pause()
        assert box.value == ""
        assert app.focused is table
        assert sorted(table.row_ids()) == sorted(rows)
        assert "shown" not in static_text(screen, "#status")


async def test_enter_on_an_empty_filter_goes_back_to_the_table(workspace: Workspace) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is screen.table


async def test_enter_after_typing_a_filter_returns_focus_to_the_filtered_table(
    workspace: Workspace,
) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("slash", *"greco", "enter")
        await pilot.pause()
        assert len(screen.table.row_ids()) == 3  # the filter stays applied
        assert app.focused is screen.table
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)


async def test_keys_typed_in_one_burst_after_slash_go_to_the_filter(workspace: Workspace) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        # what a terminal driver posts when "/ross" arrives in one read
        for key, char in [("slash", "/"), ("r", "r"), ("o", "o"), ("s", "s"), ("s", "s")]:
            app.post_message(events.Key(key, char))
        box = screen.query_one("#filter", Input)
        await wait_for(pilot, lambda: box.value == "ross")
        assert screen.table.sort_column == "name" and not screen.table.sort_reverse


async def test_g_cycles_all_a_b_c_none_against_the_plans_segments(workspace: Workspace) -> None:
    rows = rows_on_disk(workspace)
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        table = screen.table
        assert set(table.row_ids()) == set(rows)
        by_segment = {
            s: {i for i, r in rows.items() if r.segment == s} for s in ("A", "B", "C", "")
        }
        assert all(by_segment.values())  # the sample has each kind, so each step can fail
        for segment, label in (("A", "segment A"), ("B", "segment B"), ("C", "segment C")):
            await pilot.press("g")
            await pilot.pause()
            assert set(table.row_ids()) == by_segment[segment], segment
            assert label in static_text(screen, "#status")
        await pilot.press("g")
        await pilot.pause()
        assert set(table.row_ids()) == by_segment[""] == {"brightway-medical"}
        assert "no segment" in static_text(screen, "#status")
        await pilot.press("g")
        await pilot.pause()
        assert set(table.row_ids()) == set(rows)


async def test_bang_shows_only_overdue_or_stale_accounts(workspace: Workspace) -> None:
    rows = rows_on_disk(workspace)
    need = {i for i, r in rows.items() if r.overdue > 0 or r.stale}
    assert need and need != set(rows)
    assert any(r.stale and not r.overdue for r in rows.values())  # stale alone counts
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        table = screen.table
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert set(table.row_ids()) == need
        assert "needs attention" in static_text(screen, "#status")
        # combined with a segment: the intersection
        await pilot.press("g")
        await pilot.pause()
        assert set(table.row_ids()) == {i for i in need if rows[i].segment == "A"}
        await pilot.press("g", "g", "g", "g", "exclamation_mark")
        await pilot.pause()
        assert set(table.row_ids()) == set(rows)


async def test_a_healthy_account_made_late_joins_the_attention_list(workspace: Workspace) -> None:
    rows = rows_on_disk(workspace)
    calm = [i for i, r in rows.items() if not r.overdue and not r.stale]
    assert calm == ["bellanova-cosmetici"]
    app = make_app(workspace, today=dt.date(2027, 6, 1), watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert "bellanova-cosmetici" in screen.table.row_ids()  # half a year later, it is late


# -- summary and detail --------------------------------------------------------------------


def expected_summary(rows: dict[str, PortfolioRow]) -> list[str]:
    parts = []
    for seg in ("A", "B", "C", ""):
        group = [r for r in rows.values() if r.segment == seg]
        if not group:
            continue
        text = f" {seg or '–'}  {len(group)}"
        overdue = sum(r.overdue for r in group)
        stale = sum(1 for r in group if r.stale)
        if overdue:
            text += f"·{overdue} late"
        if stale:
            text += f"·{stale} stale"
        parts.append(text)
    return parts


async def test_summary_bar_totals_per_segment(workspace: Workspace) -> None:
    rows = rows_on_disk(workspace)
    expected = expected_summary(rows)
    assert expected[0] == " A  4·8 late·1 stale"  # the oracle itself, pinned once
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        summary = static_text(screen, "#summary")
        for part in expected:
            assert part in summary
        assert summary.index(" A ") < summary.index(" B ") < summary.index(" C ")
        assert "broken" not in summary
        # the totals are the portfolio's, whatever the filter shows
        await pilot.press("g")
        await pilot.pause()
        assert static_text(screen, "#summary") == summary
        # a broken file is counted apart
        (workspace.root / "zz-broken.toml").write_text('schema = 1\n[account\nname = "x"\n')
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: "broken" in static_text(screen, "#summary"))
        assert "⚠ 1 broken" in static_text(screen, "#summary")


async def test_summary_fits_an_80_column_terminal(workspace: Workspace) -> None:
    app = new_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert "–  1·1 stale" in screen_text(app)


async def test_detail_line_follows_the_highlighted_row(workspace: Workspace) -> None:
    rows = rows_on_disk(workspace)
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        table = screen.table
        details = set()
        for n, plan_id in enumerate(table.row_ids()):
            if n:
                await pilot.press("down")
                await pilot.pause()
            assert table.selected_id == plan_id
            r = rows[plan_id]
            assert r.next_due is not None and r.next_action
            detail = static_text(screen, "#detail")
            assert detail == f"next {r.next_due.isoformat()}  {r.next_action}"
            details.add(detail)
        assert len(details) == len(rows)


async def test_detail_line_for_no_actions_and_for_a_broken_file(workspace: Workspace) -> None:
    workspace.new_plan("Aaa Empty Account")
    (workspace.root / "aab-broken.toml").write_text('schema = 1\n[account]\nname = "x\n')
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        table = screen.table
        await cursor_to(pilot, table, "aaa-empty-account")
        await pilot.pause()
        assert static_text(screen, "#detail") == "no open actions"
        await cursor_to(pilot, table, "aab-broken")
        await pilot.pause()
        detail = static_text(screen, "#detail")
        assert detail.startswith("⚠ ") and "aab-broken.toml:3" in detail


# -- opening an account --------------------------------------------------------------------


async def test_enter_opens_the_highlighted_account_and_escape_comes_back_to_it(
    workspace: Workspace,
) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        table = screen.table
        await pilot.press("s", "s", "s", "r")  # a non-default order, to make it harder
        await cursor_to(pilot, table, "officine-ferraresi")
        row_before = table.cursor_row
        order_before = table.row_ids()
        await pilot.press("enter")
        account = await wait_for_screen(pilot, AccountScreen)
        assert account.loaded.id == "officine-ferraresi"
        header = static_text(account, "#account-header")
        assert header.startswith("Officine Meccaniche Ferraresi S.r.l.  ·  ")
        assert [tab.label.plain for tab in account.query(Tab)] == list(STEP_TITLES)
        text = screen_text(app)
        assert "Where am I?" in text and "How do I get there?" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.pause()
        assert table.selected_id == "officine-ferraresi"
        assert table.cursor_row == row_before
        assert table.row_ids() == order_before
        assert app.focused is table


async def test_enter_on_a_broken_row_opens_the_read_only_view(workspace: Workspace) -> None:
    (workspace.root / "broken.toml").write_text('schema = 1\n[account]\nname = "x\n')
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await cursor_to(pilot, screen.table, "broken")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, BrokenPlanScreen))
        text = static_text(app.screen, "#broken-text")
        assert "broken.toml cannot be used" in text and 'name = "x' in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.table.selected_id == "broken"


# -- help ----------------------------------------------------------------------------------


async def test_question_mark_lists_the_dashboard_keys_and_escape_closes(
    workspace: Workspace,
) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = static_text(app.screen, "#help-text")
        for key, description in (
            ("g", "ABC class"),
            ("!", "Late/stale"),
            ("s", "Sort"),
            ("r", "Reverse"),
            ("esc", "Clear filter"),
            ("n", "New"),
            ("^r", "Reload"),
            ("ctrl+p", "command palette"),
            ("?", "this help"),
        ):
            assert any(
                line.split()[:1] == [key] and description in line for line in text.splitlines()
            ), (key, description, text)
        assert "Filter" in text
        # q closes the help; it does not quit the app
        await pilot.press("q")
        await wait_for(pilot, lambda: app.screen is screen)
        assert app.return_code is None
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert app.focused is screen.table


async def test_help_shows_keys_the_way_the_footer_does(workspace: Workspace) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        lines = static_text(app.screen, "#help-text").splitlines()
        filter_line = next(line for line in lines if "Filter" in line and "Clear" not in line)
        assert filter_line.split()[0] == "/"


# -- command palette -----------------------------------------------------------------------


async def test_palette_open_account_by_part_of_its_name(workspace: Workspace) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await palette_run(pilot, app, "open account kessler", "Kessler Fahrzeugtechnik GmbH")
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.loaded.id == "kessler-fahrzeugtechnik"
        await pilot.press("escape")
        await pilot.pause()
        await palette_run(pilot, app, "open account duval", "Laiterie Normande Duval")
        assert isinstance(app.screen, AccountScreen)
        assert app.screen.loaded.id == "laiterie-duval"


async def test_palette_new_account_creates_a_valid_file_and_selects_its_row(
    workspace: Workspace,
) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await started(app, pilot)
        await palette_run(pilot, app, "new account", "New account")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        # an empty name is refused in place
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Zeta Foods S.r.l.", "enter")
        path = workspace.root / "zeta-foods-s-r-l.toml"
        await wait_for(pilot, lambda: screen.table.selected_id == "zeta-foods-s-r-l")
        assert app.screen is screen
        assert path.is_file()
        loaded = read_plan(path)
        assert loaded.ok and loaded.plan is not None
        assert loaded.plan.account.name == "Zeta Foods S.r.l."
        assert screen.table.row_count == 12
        assert screen.table.get_cell("zeta-foods-s-r-l", "name").plain == "Zeta Foods S.r.l."
        await wait_for(pilot, lambda: "Created zeta-foods-s-r-l.toml" in notifications(app))


async def test_new_account_prompt_escape_creates_nothing(workspace: Workspace) -> None:
    before = sorted(p.name for p in workspace.root.iterdir())
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press(*"Nope", "escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await settled(pilot)
    assert sorted(p.name for p in workspace.root.iterdir()) == before


async def test_palette_check_workspace(workspace: Workspace) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(app, pilot)
        await palette_run(pilot, app, "check workspace", "Check workspace")
        await wait_for(pilot, lambda: "All 11 plans are valid." in notifications(app))


async def test_palette_check_workspace_lists_a_broken_file(workspace: Workspace) -> None:
    (workspace.root / "zz-broken.toml").write_text('schema = 1\n[account]\nname = "x\n')
    app = new_app(workspace)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(app, pilot)
        await palette_run(pilot, app, "check workspace", "Check workspace")
        await wait_for(pilot, lambda: any("zz-broken.toml:3" in n for n in notifications(app)))
        note = next(n for n in app._notifications if "zz-broken" in str(n.message))
        assert note.severity == "error" and str(note.message).startswith("1 error,")


async def test_palette_check_workspace_reports_a_customer_id_claimed_twice(
    workspace: Workspace,
) -> None:
    scan = workspace.load_all()
    assert not scan.problems
    for plan_id in ("laiterie-duval", "serre-di-sicilia"):
        path = workspace.root / f"{plan_id}.toml"
        text = path.read_text()
        path.write_text(text.replace("customer_ids = [\n", 'customer_ids = [\n    "DUP-1",\n', 1))
    assert any("DUP-1" in p.message for p in workspace.load_all().problems)  # the CLI sees it
    app = new_app(workspace)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(app, pilot)
        await palette_run(pilot, app, "check workspace", "Check workspace")
        await wait_for(pilot, lambda: bool(notifications(app)))
        assert any("DUP-1" in n for n in notifications(app)), notifications(app)


async def test_palette_reload_reads_the_files_again(workspace: Workspace) -> None:
    app = new_app(workspace)  # no watcher: only the reload can notice
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(app, pilot)
        path = workspace.root / "serre-di-sicilia.toml"
        path.write_text(path.read_text().replace("Serre di Sicilia", "Serre di Ragusa", 1))
        await settled(pilot)
        assert screen.table.get_cell("serre-di-sicilia", "name").plain.startswith("Serre di Sic")
        await palette_run(pilot, app, "reload", "Reload")
        await wait_for(
            pilot,
            lambda: screen.table.get_cell("serre-di-sicilia", "name").plain.startswith(
                "Serre di Ragusa"
            ),
        )


# -- quitting ------------------------------------------------------------------------------


class DirtyScreen(Screen[None]):
    """A stand-in for an editor with unsaved work."""

    def compose(self) -> ComposeResult:
        yield Static("editing…")

    def unsaved_changes(self) -> list[str]:
        return ["x"]


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit_keys_exit(workspace: Workspace, key: str) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press(key)
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit_with_unsaved_changes_asks_first(workspace: Workspace, key: str) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        dirty = DirtyScreen()
        await app.push_screen(dirty)
        await wait_for(pilot, lambda: app.screen is dirty)
        assert app.unsaved_changes() == ["x"]

        for stay in ("n", "escape"):
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            assert "Unsaved changes in: x" in static_text(app.screen, ".dialog-text")
            await pilot.press(stay)
            await wait_for(pilot, lambda: app.screen is dirty)
            await pilot.pause()
            assert app.return_code is None, stay

        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0


async def test_ctrl_q_while_the_quit_question_is_open_does_not_stack_a_second_one(
    workspace: Workspace,
) -> None:
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        dirty = DirtyScreen()
        await app.push_screen(dirty)
        await wait_for(pilot, lambda: app.screen is dirty)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("ctrl+q")
        await pilot.pause()
        if app.return_code is not None:
            return  # a second ctrl+q that quits is a fine answer too
        assert sum(isinstance(s, ConfirmDialog) for s in app.screen_stack) == 1
        await pilot.press("n")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
        assert app.screen is dirty


# -- terminal sizes ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_key_at_common_sizes_and_the_footer_shows_the_keys(
    workspace: Workspace, size: tuple[int, int]
) -> None:
    app = new_app(workspace)
    async with app.run_test(size=size) as pilot:
        screen = await started(app, pilot)
        bar = str(screen.query_one(KeyBar).render())
        for description in ("Filter", "Sort", "Late/stale", "Quit", "Help"):
            assert description in bar
        bottom = screen_text(app).rstrip("\n").splitlines()[-1]
        for visible in ("/ Filter", "s Sort", "! Late/stale", "q Quit", "? Help"):
            assert visible in bottom, (size, bottom)
        # a tour of the keys; none may crash the app or leave it without a screen
        for keys in (
            ("s", "s", "r", "down", "down", "end", "home"),
            ("g", "g", "exclamation_mark", "exclamation_mark", "g", "g", "g"),
            ("slash", *"a", "backspace", "escape"),
            ("enter",),
            ("escape", "question_mark"),
            ("escape", "pagedown", "pageup"),
        ):
            await pilot.press(*keys)
            await pilot.pause()
            assert app.return_code is None, keys
        assert app.screen is screen
        assert screen.table.row_count == 11
        text = screen_text(app)
        assert "Bellanova" in text or "Supermercati" in text
