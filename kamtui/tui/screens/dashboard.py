"""The home screen: the whole portfolio at a glance.

| Key | Action |
|---|---|
| `enter` | open the highlighted account |
| `/` | filter by text (name, id, owner); `escape` clears |
| `g` | cycle the segment filter: all, A, B, C, no segment |
| `!` | only accounts that need attention (overdue or stale) |
| `s` / `r` | sort by the next column / reverse the order |
| `n` | new account |
| `a` | ABC analysis |
| `t` | actions: every open action of every account |
| `ctrl+r` | reload the workspace from disk |
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.widgets import Input, Static

from kamtui.store.portfolio import SEGMENT_FILTERS, Entry, Filter, segment_totals
from kamtui.text.format import compact_number, format_day
from kamtui.text.i18n import N_, NP_
from kamtui.text.i18n import gettext as _
from kamtui.tui.list_screen import ListScreen
from kamtui.tui.safe import assemble
from kamtui.tui.theme_styles import cell_styles
from kamtui.tui.widgets.portfolio_table import COLUMN_KEYS, PortfolioTable

if TYPE_CHECKING:
    from kamtui.git.activity import LastChange


class LastChangesRead(Message):
    """When each plan last changed in git, and by whom (plan id → its last commit)."""

    def __init__(self, changes: dict[str, LastChange]) -> None:
        super().__init__()
        self.changes = changes


def in_git(folder: Path) -> bool:
    """Whether *folder* looks like it is in a git work tree (a ``.git`` in it or above): a
    look at the file system, so a workspace outside git never starts a git process."""
    return any((parent / ".git").exists() for parent in (folder, *folder.parents))


class DashboardScreen(ListScreen):
    """See the module docstring for the keys."""

    AUTO_FOCUS = "#portfolio"

    BINDINGS = [
        Binding("slash", "filter", N_("Filter"), id="dashboard.filter"),
        Binding("escape", "clear_filter", N_("Clear filter"), show=False, id="dashboard.clear"),
        Binding("g", "cycle_segment", N_("ABC class"), id="dashboard.segment"),
        Binding(
            "exclamation_mark",
            "toggle_attention",
            N_("Late/stale"),
            id="dashboard.attention",
            key_display="!",
        ),
        Binding("s", "sort_next", N_("Sort"), id="dashboard.sort"),
        Binding("r", "sort_reverse", N_("Reverse"), show=False, id="dashboard.reverse"),
        Binding("n", "app.new_account", NP_("key", "New"), show=False, id="dashboard.new"),
        Binding("a", "app.abc", N_("ABC"), id="dashboard.abc"),
        Binding("t", "app.actions", N_("Actions"), id="dashboard.actions"),
        Binding("ctrl+r", "app.reload", N_("Reload"), show=False, id="dashboard.reload"),
    ]

    filter: var[Filter] = var(Filter(), init=False)
    """What is shown: the text typed after ``/``, the ABC class, "needs attention"."""
    sort: var[tuple[str, bool]] = var(("name", False), init=False)
    """The column the rows are sorted by, and whether in reverse."""

    def __init__(self) -> None:
        super().__init__()
        self.last_changes: dict[str, LastChange] = {}
        """When each plan last changed in git and by whom (read after the first paint)."""

    def make_table(self) -> PortfolioTable:
        return PortfolioTable(id="portfolio")

    def on_mount(self) -> None:
        self._title_and_cursor()
        self.follow_portfolio()
        self.refresh_rows()
        self._ask_git()  # the plans may have been read before this screen was mounted

    def _title_and_cursor(self) -> None:
        """The title bar; the detail line follows the cursor in the cursor's own repaint
        (kamtui/tui/widgets/keyed_table.py, on_cursor)."""
        self.query_one("#title", Static).update(
            assemble(("kamtui", "bold"), "  ", (self.kam.workspace.root.name, "dim"))
        )
        self.table.on_cursor = lambda: self._show_detail(self.table.selected_id)

    def relabelling(self) -> tuple[object, str | None]:
        """The list's own (:class:`ListScreen`) and the account under the cursor."""
        return super().relabelling(), self.table.selected_id

    def relabelled(self, kept: object) -> None:
        """Composed again in another language: the title, the rows in the same sort (and
        the last changes already read: git is not asked again), the cursor on the same
        account."""
        inherited, cursor = cast("tuple[object, str | None]", kept)
        self._title_and_cursor()
        self.table.sort_by(*self.sort)
        super().relabelled(inherited)
        if cursor is not None:
            self.table.select(cursor)

    @property
    def table(self) -> PortfolioTable:
        return self.query_one(PortfolioTable)

    def watch_filter(self) -> None:
        self.refresh_rows()

    def watch_sort(self, sort: tuple[str, bool]) -> None:
        self.table.sort_by(*sort)
        self.refresh_rows()

    def redraw(self) -> None:
        self.refresh_rows()
        self._ask_git()

    def _ask_git(self) -> None:
        """Read when each plan last changed, once the rows are painted (never before)."""
        if self.kam.loaded_once and in_git(self.kam.workspace.root):
            self.call_after_refresh(self._load_last_changes)

    @work(thread=True, exclusive=True, group="last-changes", exit_on_error=False,
          description="when each plan last changed in git")  # fmt: skip
    def _load_last_changes(self) -> None:
        from kamtui.git.activity import last_changes
        from kamtui.git.errors import GitError

        ids = [e.id for e in self.kam.portfolio.entries(self.kam.today())]
        try:
            found = last_changes(self.kam.workspace.root, ids)
        except (GitError, OSError):
            return
        self.post_message(LastChangesRead(found))

    @on(LastChangesRead)
    def _last_changes_read(self, message: LastChangesRead) -> None:
        self.last_changes = message.changes
        self._show_detail(self.table.selected_id)

    def refresh_rows(self) -> None:
        """Show the app's portfolio through the current filter (on every change)."""
        today = self.kam.today()
        entries = self.kam.portfolio.entries(today)
        shown = [e for e in entries if self.filter.matches(e)]
        self.table.sync(shown, today, cell_styles(self.app))
        self._update_summary(entries, len(shown))
        self._show_detail(self.table.selected_id)

    def _update_summary(self, entries: list[Entry], shown: int) -> None:
        """Per class: accounts, late actions, stale plans, revenue — compact enough for 80
        columns, broken files first so they are never cut off."""
        parts: list[str | tuple[str, str]] = []
        broken = sum(1 for e in entries if e.row is None)
        if broken:
            parts.append((_("⚠ {n} broken ").format(n=broken), "bold"))
        for t in segment_totals(entries):
            parts.append((f" {t.segment or '–'} ", "reverse bold"))
            parts.append(f" {t.accounts}")
            if t.overdue:
                parts.append((_("·{n} late").format(n=t.overdue), "bold"))
            if t.stale:
                parts.append(_("·{n} stale").format(n=t.stale))
            if t.revenue is not None:
                parts.append(f"·{compact_number(t.revenue)}")
            parts.append(" ")
        self.query_one("#summary", Static).update(assemble(*parts))
        where = self.filter.describe()
        sort = PortfolioTable.label_of(self.table.sort_column)
        arrow = "↓" if self.table.sort_reverse else "↑"
        status = (
            _("{shown}/{total} shown · {filter} · ").format(
                shown=shown, total=len(entries), filter=where
            )
            if where
            else f"{len(entries)} · "
        )
        sorted_by = _("sort {column} {arrow}").format(column=sort, arrow=arrow)
        self.query_one("#status", Static).update(assemble(status, sorted_by))

    # -- actions ---------------------------------------------------------------------------

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.filter = Filter()
        self.table.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter = replace(self.filter, text=event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.set_focus(self.table)

    def action_cycle_segment(self) -> None:
        i = SEGMENT_FILTERS.index(self.filter.segment)
        self.filter = replace(self.filter, segment=SEGMENT_FILTERS[(i + 1) % len(SEGMENT_FILTERS)])

    def action_toggle_attention(self) -> None:
        self.filter = replace(self.filter, attention=not self.filter.attention)

    def action_sort_next(self) -> None:
        column, reverse = self.sort
        self.sort = (COLUMN_KEYS[(COLUMN_KEYS.index(column) + 1) % len(COLUMN_KEYS)], reverse)

    def action_sort_reverse(self) -> None:
        column, reverse = self.sort
        self.sort = (column, not reverse)

    def _show_detail(self, plan_id: str | None) -> None:
        """One line about the highlighted account: its next action, or its file's error."""
        kam = self.kam
        entry = kam.portfolio.entry(plan_id, kam.today()) if plan_id else None
        if entry is None:
            content = assemble("")
        elif entry.row is None:
            error = entry.error
            where = kam.workspace.root
            content = assemble(("⚠ ", "bold"), error.format(where) if error else _("unreadable"))
        elif entry.warnings:
            more = ""
            if len(entry.warnings) > 1:
                more = _(" (+{n} more)").format(n=len(entry.warnings) - 1)
            content = assemble(("⚠ ", "bold"), entry.warnings[0] + more)
        elif entry.row.next_action:
            due = format_day(entry.row.next_due) if entry.row.next_due else _("no date")
            content = assemble((_("next "), "dim"), f"{due}  ", entry.row.next_action)
        else:
            content = assemble((_("no open actions"), "dim"))
        change = self.last_changes.get(plan_id) if plan_id else None
        if change is not None and entry is not None:
            content = content + assemble(
                (_("  · changed "), "dim"),
                f"{format_day(change.when.date())} ",
                (_("by "), "dim"),
                change.author,
            )
        # A fixed one-line box: no layout pass on every cursor move.
        self.query_one("#detail", Static).update(content, layout=False)

    @on(PortfolioTable.RowSelected, "#portfolio")
    def _open(self, event: PortfolioTable.RowSelected) -> None:
        self.kam.open_account(event.key)
