"""Actions: every open action of every account in one live table ("what do I have to do this
week?"). The rules (whose actions, the windows, the order, the totals) are the core's:
kamtui/agenda/actions.py and docs/actions.md.

| Key | Action |
|---|---|
| `enter` | open the account on step 3, on this action |
| `space` | next status: todo → in progress → done |
| `b` / `x` | blocked / dropped (again: back to in progress) |
| `+` / `-` | progress up / down 10 % |
| `/` | filter by text (account, action, objective, owner); `escape` clears |
| `o` | whose: mine, everyone's, then each owner in turn |
| `w` | due: all, overdue, within 7 days, within 30 days |
| `s` | status: any open, todo, in progress, blocked |
| `g` | ABC class: all, A, B, C |
| `escape` | back to the portfolio |

Each change is a safe save of that account's file, at once, with the account screen's rules
and questions (kamtui/tui/flows/quick_edit.py).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.binding import Binding
from textual.reactive import var
from textual.widgets import Input, Static

from kamtui.agenda.actions import (
    ActionFilter,
    ActionTotals,
    OpenAction,
    Window,
    owner_key,
    select,
    totals,
)
from kamtui.plan.edit import next_status, step_progress, toggle_status
from kamtui.plan.model import ActionStatus
from kamtui.text.i18n import N_, NP_, pgettext
from kamtui.text.i18n import gettext as _
from kamtui.tui.list_screen import ListScreen
from kamtui.tui.safe import assemble
from kamtui.tui.theme_styles import cell_styles
from kamtui.tui.widgets.actions_table import ActionsTable, row_key, split_key, status_label

if TYPE_CHECKING:
    from kamtui.plan.file import LoadedPlan
    from kamtui.plan.model import Action
    from kamtui.tui.flows.quick_edit import Change

WINDOWS = (Window.ALL, Window.OVERDUE, Window.WEEK, Window.MONTH)
WINDOW_WORDS = {
    Window.ALL: N_("any date"),
    Window.OVERDUE: N_("overdue"),
    Window.WEEK: N_("due within 7 days"),
    Window.MONTH: N_("due within 30 days"),
}
STATUSES: tuple[frozenset[ActionStatus], ...] = (
    frozenset(),
    frozenset({ActionStatus.TODO}),
    frozenset({ActionStatus.IN_PROGRESS}),
    frozenset({ActionStatus.BLOCKED}),
)
SEGMENTS: tuple[frozenset[str], ...] = (
    frozenset(),
    frozenset({"A"}),
    frozenset({"B"}),
    frozenset({"C"}),
)
EVERYONE = None
PATCH_LIMIT = 20
"""Up to this many plans changed at once, their rows are patched in place (else: all again)."""


class ActionsScreen(ListScreen):
    """See the module docstring."""

    AUTO_FOCUS = "#actions-table"

    BINDINGS = [
        Binding("space", "change('next')", N_("Status"), id="agenda.status"),
        Binding("b", "change('blocked')", N_("Blocked"), show=False, id="agenda.blocked"),
        Binding("x", "change('dropped')", N_("Dropped"), show=False, id="agenda.dropped"),
        Binding(
            "plus,equals_sign",
            "change('up')",
            NP_("key", "Progress"),
            key_display="+/-",
            id="agenda.progress",
        ),
        Binding(
            "minus", "change('down')", N_("Progress down"), show=False, id="agenda.progress-down"
        ),
        Binding("slash", "filter", N_("Filter"), id="agenda.filter"),
        Binding("o", "cycle_owner", N_("Whose"), id="agenda.owner"),
        Binding("w", "cycle_window", N_("Due"), id="agenda.window"),
        Binding("s", "cycle_status", N_("Status filter"), show=False, id="agenda.status-filter"),
        Binding("g", "cycle_segment", N_("ABC class"), show=False, id="agenda.segment"),
        Binding("escape", "back", N_("Back"), id="agenda.back"),
    ]

    filter: var[ActionFilter] = var(ActionFilter(), init=False)

    def __init__(self, owner: str | None = EVERYONE) -> None:
        super().__init__()
        self.mine = owner
        """The user's own name (the settings' owner, else git's), ``None`` when unknown."""
        self.set_reactive(ActionsScreen.filter, ActionFilter(owner=owner))
        self._saving = asyncio.Lock()
        """One change saved at a time: the next starts from the file the last one wrote."""
        self.shown: list[OpenAction] = []
        self.totals = ActionTotals(0, 0, 0, 0)
        """What the rows shown add up to (the header)."""

    def make_table(self) -> ActionsTable:
        return ActionsTable(id="actions-table")

    def on_mount(self) -> None:
        self._dress()
        self.follow_portfolio()
        self.refresh_rows()

    def _dress(self) -> None:
        """The title, and the detail line following the cursor (again after a language
        change: the widgets are new)."""
        self.query_one("#title", Static).update(assemble((_("Actions"), "bold")))
        # the detail line follows the cursor in the same repaint (a RowHighlighted message
        # would be handled after it: the line a frame, some 20-30 ms, later)
        self.table.on_cursor = self._show_detail

    def relabelling(self) -> tuple[object, str | None]:
        """The list's own (:class:`ListScreen`) and the action under the cursor."""
        return super().relabelling(), self.table.selected_key

    def relabelled(self, kept: object) -> None:
        """Composed again in another language: the title, the rows, the cursor on its action."""
        inherited, key = cast("tuple[object, str | None]", kept)
        self._dress()
        super().relabelled(inherited)
        if key is not None and key in self.table:
            self.table.select_key(key)
            self._show_detail()

    @property
    def _rows(self) -> dict[str, tuple[LoadedPlan, list[OpenAction]]]:
        """Per plan id: the plan the rows were made from, and its open actions (kept by the
        app: a worker makes them ahead of the first opening, kamtui/tui/app.py)."""
        return self.kam.action_rows

    @property
    def table(self) -> ActionsTable:
        return self.query_one(ActionsTable)

    # -- rows ------------------------------------------------------------------------------

    def _all_rows(self) -> list[OpenAction]:
        """Every open action of the portfolio; a plan's rows are made again only when its
        file was read again."""
        plans = self.kam.portfolio.plans
        made = self._rows
        for plan_id in [k for k in list(made) if k not in plans]:  # a worker may add meanwhile
            made.pop(plan_id, None)
        out: list[OpenAction] = []
        collecting = gc.isenabled()
        gc.disable()  # 20,000 new rows: no collector passes over every plan while they are made
        try:
            for loaded in plans.values():
                out += self.kam.open_actions(loaded)
        finally:
            if collecting:
                gc.enable()
        return out

    def refresh_rows(self) -> None:
        today = self.kam.today()
        every = self._all_rows()
        self.shown = select(every, self.filter, today)
        self.table.show(self.shown, today, cell_styles(self.app))
        self.totals = totals(self.shown, today)
        self._update_header(len(every))
        self._show_detail()

    def show_changes(self, ids: set[str]) -> None:
        if not (0 < len(ids) <= PATCH_LIMIT and self._patch(ids)):
            self.refresh_rows()

    def _patch(self, ids: set[str]) -> bool:
        """The rows of the plans *ids* again, in place, when none of them comes, goes back
        into the list or moves (a status or progress changed, a title edited); an action
        that closed or no longer passes the filter leaves. False: show the list again."""
        today = self.kam.today()
        passes = self.filter.test(today)
        plans = self.kam.portfolio.plans
        gone: set[str] = set()
        kept: list[OpenAction] = []
        table_rows = self.table.rows
        was_shown: list[OpenAction] = []
        for plan_id in ids:
            loaded = plans.get(plan_id)
            before = self._rows.pop(plan_id, None)
            rows = self.kam.open_actions(loaded) if loaded is not None else []
            now = {row_key(r) for r in rows if passes(r)}
            before_keys = {row_key(r) for r in (before[1] if before else ())}
            was_shown += [table_rows[k] for k in before_keys if k in table_rows]
            gone |= before_keys - now
            kept += [r for r in rows if row_key(r) in now]
        if not self.table.patch(gone, kept):
            return False
        self.shown = list(self.table.rows.values())  # no copies of the rows: references
        # the totals change by what these plans showed before and show now
        less, more = totals(was_shown, today), totals(kept, today)
        t = self.totals
        self.totals = ActionTotals(
            t.shown - less.shown + more.shown,
            t.overdue - less.overdue + more.overdue,
            t.due_this_week - less.due_this_week + more.due_this_week,
            t.blocked - less.blocked + more.blocked,
        )
        self._update_header(sum(len(rows) for _loaded, rows in list(self._rows.values())))
        self._show_detail()
        return True

    def watch_filter(self) -> None:
        self.refresh_rows()

    def _update_header(self, everything: int) -> None:
        t = self.totals
        parts: list[str | tuple[str, str]] = [f"{t.shown}/{everything} "]
        if t.overdue:
            parts.append(("· " + _("{count} overdue").format(count=str(t.overdue)) + " ", "bold"))
        parts.append("· " + _("{count} due this week").format(count=str(t.due_this_week)) + " ")
        if t.blocked:
            parts.append("· " + _("{count} blocked").format(count=str(t.blocked)))
        self.query_one("#summary", Static).update(assemble(*parts))
        self.query_one("#status", Static).update(assemble(self.describe_filter()))

    def describe_filter(self) -> str:
        f = self.filter
        owner = f.owner
        if owner is None:
            whose = _("everyone's")
        elif self.mine is not None and owner_key(owner) == owner_key(self.mine):
            whose = _("mine")
        else:
            whose = owner
        words = [whose, _(WINDOW_WORDS[f.window])]
        if f.statuses:
            words.append(_(" or ").join(status_label(s) for s in sorted(f.statuses)))
        if f.segments:
            words.append(_("class {letters}").format(letters="".join(sorted(f.segments))))
        return " · ".join(words)

    def _show_detail(self) -> None:
        row = self.table.selected_row
        if row is None:
            what = _("no open actions") if not self.shown else ""
            content = assemble((what + self._hint(), "dim"))
        else:
            objective = row.objective or row.objective_id or _("no objective")
            content = assemble(
                (_("objective") + " ", "dim"),
                objective,
                ("  · " + _("owner") + " ", "dim"),
                row.owner or pgettext("owner", "none"),
            )
        self.query_one("#detail", Static).update(content, layout=False)

    def _hint(self) -> str:
        if self.filter.owner is not None:
            return " " + _("for {filter} (o: whose)").format(filter=self.describe_filter())
        return ""

    # -- filters ---------------------------------------------------------------------------

    def _owners(self) -> list[str | None]:
        """``o`` goes through: mine, everyone's, then every other owner by name."""
        names: dict[str, str] = {}
        for _loaded, rows in list(self._rows.values()):
            for row in rows:
                if row.owner:
                    names.setdefault(owner_key(row.owner), row.owner)
        first: list[str | None] = [self.mine] if self.mine else []
        mine_key = owner_key(self.mine) if self.mine else None
        others = sorted((n for k, n in names.items() if k != mine_key), key=str.casefold)
        return [*first, EVERYONE, *others]

    def action_cycle_owner(self) -> None:
        owners = self._owners()
        current = self.filter.owner
        keys = [None if o is None else owner_key(o) for o in owners]
        now = None if current is None else owner_key(current)
        i = keys.index(now) if now in keys else -1
        self.filter = replace(self.filter, owner=owners[(i + 1) % len(owners)])

    def action_cycle_window(self) -> None:
        i = WINDOWS.index(self.filter.window)
        self.filter = replace(self.filter, window=WINDOWS[(i + 1) % len(WINDOWS)])

    def action_cycle_status(self) -> None:
        i = STATUSES.index(self.filter.statuses) if self.filter.statuses in STATUSES else -1
        self.filter = replace(self.filter, statuses=STATUSES[(i + 1) % len(STATUSES)])

    def action_cycle_segment(self) -> None:
        i = SEGMENTS.index(self.filter.segments) if self.filter.segments in SEGMENTS else -1
        self.filter = replace(self.filter, segments=SEGMENTS[(i + 1) % len(SEGMENTS)])

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter = replace(self.filter, text=event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.set_focus(self.table)

    def action_back(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value or self.focused is box:
            box.value = ""
            self.filter = replace(self.filter, text="")
            self.set_focus(self.table)
            return
        self.app.pop_screen()

    # -- acting on an action ---------------------------------------------------------------

    @on(ActionsTable.RowSelected, "#actions-table")
    def _open(self, event: ActionsTable.RowSelected) -> None:
        plan_id, action_id = split_key(event.key)
        self.kam.open_account(plan_id, action=action_id)

    def action_change(self, how: str) -> None:
        row = self.table.selected_row
        if row is None:
            return
        change: Change
        if how == "next":
            change, what = next_status, _("status")
        elif how in ("blocked", "dropped"):
            status = ActionStatus(how)

            def change(a: Action, today: dt.date) -> None:
                toggle_status(a, status, today)

            what = status_label(status)
        else:
            steps = 1 if how == "up" else -1

            def change(a: Action, today: dt.date) -> None:
                step_progress(a, steps, today)

            what = _("progress")
        self._change(row.plan_id, row.action_id, change, f"{row.title}: {what}")

    @work(group="quick-edit", exit_on_error=False, description="change an action")
    async def _change(self, plan_id: str, action_id: str, change: Change, what: str) -> None:
        from kamtui.tui.flows.quick_edit import change_action

        async with self._saving:
            await change_action(self.kam, plan_id, action_id, change, what)
