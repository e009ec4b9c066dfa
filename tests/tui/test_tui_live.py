"""The folder watcher and the parsed-plan cache, seen from the dashboard.

Files are changed on disk the way people and tools change them (an edit, vim's rename dance, a
half-written file, a deletion, a file broken on purpose) while the app runs with a fast watcher.
A spy on the table's row methods checks that only the affected row is touched, in place.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE, TODAY
from textual.message import Message
from textual.pilot import Pilot
from tui_helpers import WatcherPolls, wait_for
from tui_helpers import started as started_screen

import kamtui.store.workspace as workspace_module
from kamtui.store.cache import PlanCache
from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.messages import PlansChanged
from kamtui.tui.widgets.portfolio_table import COLUMN_KEYS, PortfolioTable

SIZE = (80, 24)
TICK = 0.05

SERRE = "serre-di-sicilia"
OLD_ACTION = "Get credit insurance for 150-day payment terms"
NEW_ACTION = "Get credit insurance for 120-day payment terms"


# -- helpers -------------------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    shutil.copytree(SAMPLE, tmp_path / "ws")
    return Workspace(tmp_path / "ws")


async def started(app: KamApp, pilot: Pilot[None]) -> PortfolioTable:
    return (await started_screen(app, pilot)).table


@pytest.fixture
def polls(monkeypatch: pytest.MonkeyPatch) -> WatcherPolls:
    """``await polls.settle(pilot)``: until the watcher has looked again often enough to have
    reported anything still pending (and the app handled it)."""
    return WatcherPolls(monkeypatch)


def cells(table: PortfolioTable, plan_id: str) -> tuple[str, ...]:
    return tuple(table.get_cell(plan_id, key).plain for key in COLUMN_KEYS)


def all_cells(table: PortfolioTable) -> dict[str, tuple[str, ...]]:
    return {plan_id: cells(table, plan_id) for plan_id in table.row_ids()}


class TableSpy:
    """Records every call that changes the table's rows."""

    METHODS = ("add_row", "add_rows", "remove_row", "clear", "update_cell")

    def __init__(self, table: PortfolioTable, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        for name in self.METHODS:
            original = getattr(table, name)

            def wrapper(*args: Any, _name: str = name, _orig: Any = original, **kw: Any) -> Any:
                self.calls.append((_name, args, kw))
                return _orig(*args, **kw)

            monkeypatch.setattr(table, name, wrapper)

    def names(self) -> list[str]:
        return [c[0] for c in self.calls]

    def updated_rows(self) -> set[str]:
        return {str(args[0]) for name, args, _ in self.calls if name == "update_cell"}

    def updated_values(self, plan_id: str, column: str) -> list[str]:
        return [
            args[2].plain
            for name, args, _ in self.calls
            if name == "update_cell" and str(args[0]) == plan_id and str(args[1]) == column
        ]

    def added(self) -> list[str]:
        """Keys of added rows, whichever way they were added (DataTable's ``add_row(*cells,
        key=...)``, a keyed table's ``add_row(key, cells)`` or ``add_rows([(key, cells)])``)."""
        out: list[str] = []
        for name, args, kw in self.calls:
            if name == "add_row":
                out.append(str(kw["key"]) if "key" in kw else str(args[0]))
            elif name == "add_rows":
                out.extend(str(row[0]) for row in args[0])
        return out

    def removed(self) -> list[str]:
        return [str(args[0]) for name, args, _ in self.calls if name == "remove_row"]


class Messages:
    """``message_hook`` for run_test: keeps the PlansChanged messages."""

    def __init__(self) -> None:
        self.changes: list[PlansChanged] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, PlansChanged):
            self.changes.append(message)

    def about(self, plan_id: str) -> list[PlansChanged]:
        return [
            m
            for m in self.changes
            if plan_id in m.removed or any(lp.id == plan_id for lp in m.loaded)
        ]


def live_app(workspace: Workspace, **kwargs: Any) -> KamApp:
    return make_app(workspace, today=TODAY, watch_interval=TICK, **kwargs)


def edited(text: str) -> str:
    assert OLD_ACTION in text and 'segment = "C"' in text
    return text.replace(OLD_ACTION, NEW_ACTION).replace('segment = "C"', 'segment = "B"', 1)


# -- edits, new files, deletions -----------------------------------------------------------


async def test_an_edited_plan_updates_its_row_in_place(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, polls: WatcherPolls
) -> None:
    path = workspace.root / f"{SERRE}.toml"
    app = live_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        table = await started(app, pilot)
        table.select(SERRE)
        await pilot.pause()
        row, count, order = table.cursor_row, table.row_count, table.row_ids()
        before = all_cells(table)
        assert before[SERRE][COLUMN_KEYS.index("segment")] == "C"
        spy = TableSpy(table, monkeypatch)

        path.write_text(edited(path.read_text()))
        await wait_for(pilot, lambda: NEW_ACTION in cells(table, SERRE))
        await polls.settle(pilot)

        after = all_cells(table)
        assert after[SERRE][COLUMN_KEYS.index("segment")] == "B"
        assert after[SERRE][COLUMN_KEYS.index("next_action")] == NEW_ACTION
        assert {k: v for k, v in after.items() if k != SERRE} == {
            k: v for k, v in before.items() if k != SERRE
        }
        assert set(spy.names()) == {"update_cell"}, spy.names()
        assert spy.updated_rows() == {SERRE}
        # only the two cells that changed were written
        assert sorted(str(args[1]) for _, args, _ in spy.calls) == ["next_action", "segment"]
        assert table.row_count == count and table.row_ids() == order
        assert table.selected_id == SERRE and table.cursor_row == row
        # and the dashboard around it follows
        assert f"next 2026-10-15  {NEW_ACTION}" in str(app.screen.query_one("#detail").content)


async def test_touching_a_file_without_changing_it_redraws_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, polls: WatcherPolls
) -> None:
    path = workspace.root / f"{SERRE}.toml"
    messages = Messages()
    app = live_app(workspace)
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        table = await started(app, pilot)
        spy = TableSpy(table, monkeypatch)
        path.write_bytes(path.read_bytes())  # new mtime, same bytes
        await wait_for(pilot, lambda: bool(messages.about(SERRE)))
        await polls.settle(pilot)
        assert spy.calls == []


async def test_a_new_file_appears_as_a_new_row(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, polls: WatcherPolls
) -> None:
    app = live_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        table = await started(app, pilot)
        table.select("laiterie-duval")
        await pilot.pause()
        before = all_cells(table)
        spy = TableSpy(table, monkeypatch)

        Workspace(workspace.root).new_plan("Nuova Ceramica S.p.A.", owner="Davide Greco")
        await wait_for(pilot, lambda: "nuova-ceramica-s-p-a" in table.row_ids())
        await polls.settle(pilot)

        assert spy.added() == ["nuova-ceramica-s-p-a"]
        assert spy.removed() == [] and "clear" not in spy.names()
        assert spy.updated_rows() == set()
        assert table.row_count == len(before) + 1
        assert cells(table, "nuova-ceramica-s-p-a")[0] == "Nuova Ceramica S.p.A."
        assert {k: v for k, v in all_cells(table).items() if k in before} == before
        assert table.selected_id == "laiterie-duval"


async def test_a_deleted_file_takes_its_row_away(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, polls: WatcherPolls
) -> None:
    app = live_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        table = await started(app, pilot)
        table.select("officine-ferraresi")
        await pilot.pause()
        before = all_cells(table)
        spy = TableSpy(table, monkeypatch)

        (workspace.root / "freni-orobici.toml").unlink()
        await wait_for(pilot, lambda: "freni-orobici" not in table.row_ids())
        await polls.settle(pilot)

        assert spy.removed() == ["freni-orobici"]
        assert spy.added() == [] and "clear" not in spy.names()
        assert spy.updated_rows() == set()
        assert all_cells(table) == {k: v for k, v in before.items() if k != "freni-orobici"}
        assert table.selected_id == "officine-ferraresi"
        assert "freni-orobici" not in app.portfolio.plans


async def test_deleting_the_highlighted_account_leaves_a_usable_cursor(
    workspace: Workspace,
) -> None:
    app = live_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        table = await started(app, pilot)
        last = table.row_ids()[-1]
        table.select(last)
        await pilot.pause()
        (workspace.root / f"{last}.toml").unlink()
        await wait_for(pilot, lambda: last not in table.row_ids())
        await pilot.pause()
        assert table.selected_id in table.row_ids()
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.return_code is None


async def test_a_live_update_keeps_the_filter_the_sort_and_the_selection(
    workspace: Workspace, polls: WatcherPolls
) -> None:
    path = workspace.root / f"{SERRE}.toml"
    text = path.read_text()
    late_action = 'due = 2026-10-15\nstatus = "blocked"'
    assert text.count(late_action) == 1
    app = live_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        table = await started(app, pilot)
        screen = app.screen
        await pilot.press("s", "s", "s")  # sort by Late
        await pilot.press("slash", *"greco")  # Davide Greco's three accounts
        await pilot.pause()
        assert table.sort_column == "late"
        assert table.row_ids()[0] == SERRE  # 1 late, the others 2
        assert set(table.row_ids()) == {SERRE, "logistica-adriatica", "officine-ferraresi"}
        table.select("officine-ferraresi")
        await pilot.pause()

        # serre's late action is pushed to next year: 0 late now
        path.write_text(text.replace(late_action, 'due = 2027-01-15\nstatus = "blocked"'))
        # and a new account appears that the filter does not match
        Workspace(workspace.root).new_plan("Nuova Ceramica", owner="Maria Rossi")
        await wait_for(
            pilot,
            lambda: (
                cells(table, SERRE)[COLUMN_KEYS.index("late")] == ""
                and len(app.portfolio.plans) == 12
            ),
        )
        await polls.settle(pilot)
        assert set(table.row_ids()) == {SERRE, "logistica-adriatica", "officine-ferraresi"}
        late = [cells(table, i)[COLUMN_KEYS.index("late")] for i in table.row_ids()]
        assert late == ["", "2", "2"]
        assert table.sort_column == "late" and not table.sort_reverse
        assert table.selected_id == "officine-ferraresi"
        status = str(screen.query_one("#status").content)
        assert "3/12 shown" in status and "greco" in status


# -- editors' ways of saving ---------------------------------------------------------------


def save_by_replace(path: Path, text: str) -> None:
    """Write a temp file next to it, then rename it over the plan (atomic editors)."""
    tmp = path.with_name(path.name + ".4913")
    tmp.write_text(text)
    os.replace(tmp, path)


def save_by_rename_away(path: Path, text: str) -> None:
    """vim's ``backupcopy=no``: move the old file to a backup name, write a new one."""
    backup = path.with_name(path.name + "~")
    os.rename(path, backup)
    path.write_text(text)
    backup.unlink()


@pytest.mark.parametrize("save", [save_by_replace, save_by_rename_away])
async def test_a_vim_style_save_gives_one_clean_reload(
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    polls: WatcherPolls,
    save: Callable[[Path, str], None],
) -> None:
    path = workspace.root / f"{SERRE}.toml"
    messages = Messages()
    app = live_app(workspace)
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        table = await started(app, pilot)
        table.select(SERRE)
        await pilot.pause()
        count = table.row_count
        spy = TableSpy(table, monkeypatch)

        save(path, edited(path.read_text()))
        await wait_for(pilot, lambda: NEW_ACTION in cells(table, SERRE))
        await polls.settle(pilot)

        about = messages.about(SERRE)
        assert len(about) == 1, [(m.loaded, m.removed) for m in about]
        assert about[0].removed == []
        assert [lp.ok for lp in about[0].loaded if lp.id == SERRE] == [True]
        # no flash: the row was never removed, re-added or shown broken
        assert spy.removed() == [] and spy.added() == [] and "clear" not in spy.names()
        assert not any(v.startswith("⚠") for v in spy.updated_values(SERRE, "name"))
        assert spy.updated_rows() == {SERRE}
        assert table.row_count == count and table.selected_id == SERRE
        assert app.portfolio.plans[SERRE].ok


@pytest.mark.parametrize("gap", [0.25, 1.0])
async def test_a_half_written_file_is_not_broken_in_the_end_and_the_last_write_wins(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, polls: WatcherPolls, gap: float
) -> None:
    path = workspace.root / f"{SERRE}.toml"
    full = edited(path.read_text())
    cut = full.index("Cooperative of 48 growers") + 10  # inside a multi-line string
    app = live_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        table = await started(app, pilot)
        spy = TableSpy(table, monkeypatch)
        path.write_text(full[:cut])
        await pilot.pause(gap)
        path.write_text(full)
        await wait_for(pilot, lambda: NEW_ACTION in cells(table, SERRE))
        await polls.settle(pilot)  # read_settled's retries included

        assert app.portfolio.plans[SERRE].ok
        assert cells(table, SERRE)[COLUMN_KEYS.index("segment")] == "B"
        assert not cells(table, SERRE)[0].startswith("⚠")
        assert "broken" not in str(app.screen.query_one("#summary").content)
        if gap < 0.5:  # well inside the settle window: not even a flash of the broken file
            assert not any(v.startswith("⚠") for v in spy.updated_values(SERRE, "name"))


async def test_a_file_broken_on_purpose_shows_as_a_broken_row_with_its_error(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workspace.root / f"{SERRE}.toml"
    good = path.read_text()
    app = live_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        table = await started(app, pilot)
        table.select(SERRE)
        await pilot.pause()
        count = table.row_count
        spy = TableSpy(table, monkeypatch)

        path.write_text(good.replace('segment = "C"', "segment = C", 1))  # not a TOML value
        await wait_for(pilot, lambda: cells(table, SERRE)[0].startswith("⚠"))
        await pilot.pause()
        row = cells(table, SERRE)
        assert row[0] == f"⚠ {SERRE}"
        line = good.splitlines().index('segment = "C"') + 1
        assert f"{SERRE}.toml:{line}:" in row[COLUMN_KEYS.index("next_action")]
        assert "error" in row[COLUMN_KEYS.index("next_action")]
        assert table.row_count == count and table.selected_id == SERRE
        assert spy.added() == [] and spy.removed() == []
        detail = str(app.screen.query_one("#detail").content)
        assert detail.startswith("⚠") and f"{SERRE}.toml:{line}" in detail
        assert "⚠ 1 broken" in str(app.screen.query_one("#summary").content)
        assert path.read_text() != good  # the app did not "repair" it

        # fixed in the editor: healthy again, same row
        path.write_text(good)
        await wait_for(pilot, lambda: not cells(table, SERRE)[0].startswith("⚠"))
        assert cells(table, SERRE)[0].startswith("Serre di Sicilia")
        assert table.row_count == count and table.selected_id == SERRE


# -- never writing -------------------------------------------------------------------------


def disk_state(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in the folder (hidden ones too): bytes and mtime."""
    out = {}
    for p in sorted(root.iterdir()):
        if p.is_file():
            out[p.name] = (p.read_bytes(), p.stat().st_mtime_ns)
    return out


def record(state: dict[str, tuple[bytes, int]], path: Path) -> None:
    if path.exists():
        state[path.name] = (path.read_bytes(), path.stat().st_mtime_ns)
    else:
        state.pop(path.name, None)


async def test_change_events_never_write_anything(
    workspace: Workspace, polls: WatcherPolls
) -> None:
    root = workspace.root
    expected = disk_state(root)
    assert sum(1 for name in expected if name.endswith(".toml")) == 12  # and offerings.toml
    app = live_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        table = await started(app, pilot)
        await pilot.press("enter")  # an account screen open meanwhile
        await pilot.pause()

        serre = root / f"{SERRE}.toml"
        serre.write_text(edited(serre.read_text()))
        record(expected, serre)

        kessler = root / "kessler-fahrzeugtechnik.toml"
        save_by_rename_away(kessler, kessler.read_text().replace("Kessler", "Keßler", 1))
        record(expected, kessler)

        duval = root / "laiterie-duval.toml"
        save_by_replace(duval, duval.read_text() + "\n# a comment added by hand\n")
        record(expected, duval)

        freni = root / "freni-orobici.toml"
        freni.unlink()
        record(expected, freni)

        broken = root / "logistica-adriatica.toml"
        broken.write_text(broken.read_text()[:200])
        record(expected, broken)

        fresh = root / "zz-new.toml"
        fresh.write_bytes((root / "bellanova-cosmetici.toml").read_bytes())
        record(expected, fresh)

        await pilot.press("escape")
        await wait_for(
            pilot,
            lambda: (
                "zz-new" in table.row_ids()
                and "freni-orobici" not in table.row_ids()
                and cells(table, "logistica-adriatica")[0].startswith("⚠")
                and NEW_ACTION in cells(table, SERRE)
                and cells(table, "kessler-fahrzeugtechnik")[0].startswith("Keßler")
            ),
        )
        await polls.settle(pilot)
        assert disk_state(root) == expected
    assert disk_state(root) == expected


# -- the cache -----------------------------------------------------------------------------


async def rows_of(app: KamApp) -> dict[str, tuple[str, ...]]:
    async with app.run_test(size=SIZE) as pilot:
        table = await started(app, pilot)
        if app.cache is not None:
            await wait_for(pilot, lambda: app.cache is not None and app.cache.path.exists())
        return all_cells(table)


class ParseCounter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        original = workspace_module.parse_plan

        def counting(data: bytes, path: Path, *args: Any, **kwargs: Any) -> Any:
            self.names.append(path.name)
            return original(data, path, *args, **kwargs)

        monkeypatch.setattr(workspace_module, "parse_plan", counting)


async def test_the_cache_gives_the_same_rows_as_no_cache(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workspace.root / "zz-broken.toml").write_text('schema = 1\n[account]\nname = "x\n')
    plain = await rows_of(make_app(workspace, today=TODAY, watch_interval=None))
    assert len(plain) == 12 and plain["zz-broken"][0] == "⚠ zz-broken"

    cache_file = tmp_path / "c.pickle"
    parses = ParseCounter(monkeypatch)
    cold = await rows_of(
        make_app(workspace, today=TODAY, watch_interval=None, cache=PlanCache(cache_file))
    )
    assert cold == plain
    assert len(parses.names) == 12 and cache_file.is_file()

    parses.names.clear()
    warm = await rows_of(
        make_app(workspace, today=TODAY, watch_interval=None, cache=PlanCache(cache_file))
    )
    assert warm == plain
    assert parses.names == []  # everything came from the cache


async def test_a_same_size_edit_with_its_mtime_restored_is_seen_at_the_next_start(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_file = tmp_path / "c.pickle"
    first = await rows_of(
        make_app(workspace, today=TODAY, watch_interval=None, cache=PlanCache(cache_file))
    )
    assert first[SERRE][0].startswith("Serre di Sicilia")

    # the app is closed; the file changes without changing size or mtime
    path = workspace.root / f"{SERRE}.toml"
    st = path.stat()
    data = path.read_bytes()
    changed = data.replace(b'name = "Serre di Sicilia', b'name = "Serre di Trapani', 1)
    assert changed != data and len(changed) == len(data)
    path.write_bytes(changed)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)

    parses = ParseCounter(monkeypatch)
    second = await rows_of(
        make_app(workspace, today=TODAY, watch_interval=None, cache=PlanCache(cache_file))
    )
    assert second[SERRE][0].startswith("Serre di Trapani")
    assert parses.names == [f"{SERRE}.toml"]  # only the changed file was parsed again
    assert {k: v for k, v in second.items() if k != SERRE} == {
        k: v for k, v in first.items() if k != SERRE
    }


async def test_a_corrupt_cache_file_is_ignored(workspace: Workspace, tmp_path: Path) -> None:
    cache_file = tmp_path / "c.pickle"
    cache_file.write_bytes(b"\x80\x05 not a pickle")
    plain = await rows_of(make_app(workspace, today=TODAY, watch_interval=None))
    cached = await rows_of(
        make_app(workspace, today=TODAY, watch_interval=None, cache=PlanCache(cache_file))
    )
    assert cached == plain


async def test_a_cache_filled_through_another_path_is_refreshed_not_missed_forever(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same files reached through a symlinked folder: the cache holds the same names and
    digests under other paths. Its entries never hit, so the next start must store them again
    (it used to see "the same files" and keep the useless entries for good)."""
    cache_file = tmp_path / "c.pickle"
    link = tmp_path / "link"
    link.symlink_to(workspace.root, target_is_directory=True)
    await rows_of(
        make_app(Workspace(link), today=TODAY, watch_interval=None, cache=PlanCache(cache_file))
    )
    parses = ParseCounter(monkeypatch)
    await rows_of(
        make_app(workspace, today=TODAY, watch_interval=None, cache=PlanCache(cache_file))
    )
    assert parses.names  # other paths: parsed again…
    parses.names.clear()
    await rows_of(
        make_app(workspace, today=TODAY, watch_interval=None, cache=PlanCache(cache_file))
    )
    assert parses.names == []  # …and stored, so the start after that is from the cache
