"""Step 3, "How do I get there?": the strategy and the action plan, with progress per objective.

| Key | Action |
|---|---|
| `a` / `enter` / `d` | add / edit / delete an action |
| `space` | next status: todo → in progress → done → todo |
| `b` / `x` | blocked / dropped (again: back to in progress) |
| `+` / `-` | progress up / down 10 % |
| `f` / `F` | filter by objective, owner, status / clear the filter |
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from kamtui.plan import metrics
from kamtui.plan.edit import next_status, step_progress, toggle_status
from kamtui.plan.fields import FieldSpec
from kamtui.plan.model import AccountPlan, Action, ActionStatus, HowToGetThere
from kamtui.text.format import stored_words, value_words
from kamtui.text.i18n import N_, pgettext
from kamtui.text.i18n import gettext as _
from kamtui.tui.editing import ACTIONS, PlanEditor, Values, objective_choices
from kamtui.tui.panes.base import StepPane, section_title
from kamtui.tui.plan_cells import MISSING, bar, day, preview
from kamtui.tui.safe import Cell, assemble
from kamtui.tui.theme_styles import cell_styles
from kamtui.tui.widgets.field_table import FieldTable, one_text_table
from kamtui.tui.widgets.keyed_table import ColumnSpec
from kamtui.tui.widgets.record_table import RecordTable


def status_label(status: ActionStatus) -> str:
    """An action's status in its narrow column (seven cells), in the language in use."""
    return {
        ActionStatus.TODO: pgettext("action status, short", "todo"),
        ActionStatus.IN_PROGRESS: pgettext("action status, short", "doing"),
        ActionStatus.DONE: pgettext("action status, short", "done"),
        ActionStatus.BLOCKED: pgettext("action status, short", "blocked"),
        ActionStatus.DROPPED: pgettext("action status, short", "dropped"),
    }[status]


NO_OBJECTIVE = "(none)"


@dataclass
class ActionFilter:
    objective: str = ""
    """An objective id, ``(none)`` for actions without one, "" for all."""
    owner: str = ""
    status: str = ""

    def __bool__(self) -> bool:
        return bool(self.objective or self.owner or self.status)

    def keeps(self, action: Action) -> bool:
        if self.objective:
            wanted = "" if self.objective == NO_OBJECTIVE else self.objective
            if action.objective != wanted:
                return False
        if self.owner and action.owner.strip().lower() != self.owner.strip().lower():
            return False
        return not self.status or action.status.value == self.status


class ActionTable(RecordTable):
    BINDINGS = [
        Binding("space", "next_status", N_("Status"), id="actions.status"),
        Binding("b", "set_aside('blocked')", N_("Blocked"), show=False, id="actions.blocked"),
        Binding("x", "set_aside('dropped')", N_("Dropped"), show=False, id="actions.dropped"),
        Binding(
            "plus,equals_sign",
            "progress(1)",
            N_("Progress"),
            key_display="+/-",
            id="actions.progress",
        ),
        Binding(
            "minus", "progress(-1)", N_("Progress down"), show=False, id="actions.progress-down"
        ),
        Binding("f", "filter", N_("Filter"), id="actions.filter"),
        Binding("F,shift+f", "clear_filter", N_("No filter"), show=False, id="actions.no-filter"),
    ]

    def __init__(self, editor: PlanEditor) -> None:
        super().__init__(
            editor,
            ACTIONS,
            [
                ColumnSpec("title", pgettext("column", "Action"), 17),
                ColumnSpec("objective", pgettext("column", "Objective"), 12),
                ColumnSpec("owner", pgettext("column", "Owner"), 7),
                ColumnSpec("due", pgettext("column", "Due"), 12),
                ColumnSpec("status", pgettext("column", "Status"), 7),
                ColumnSpec("progress", pgettext("column", "Progress"), 9),
            ],
            id="actions",
            flex="title",
        )
        self.filter = ActionFilter()

    def _change(self, change: Callable[[Action, dt.date], None]) -> None:
        aid = self.record_id
        if aid is None:
            return
        today = self.editor.today()

        def apply(plan: AccountPlan) -> None:
            action = plan.how_to_get_there.actions.get(aid)
            if action is not None:
                change(action, today)

        self.editor.apply(apply, f"action:{aid}")

    def action_next_status(self) -> None:
        self._change(next_status)

    def action_set_aside(self, status: str) -> None:
        self._change(lambda a, today: toggle_status(a, ActionStatus(status), today))

    def action_progress(self, steps: int) -> None:
        self._change(lambda a, today: step_progress(a, steps, today))

    def action_filter(self) -> None:
        plan = self.editor.plan
        owners = sorted({a.owner.strip() for a in plan.how_to_get_there.actions.values()} - {""})
        specs = [
            FieldSpec("objective", _("Objective"), "line"),
            FieldSpec("owner", _("Owner"), "line"),
            FieldSpec("status", _("Status"), "line"),
        ]
        choices = {
            "objective": [(NO_OBJECTIVE, _("no objective")), *objective_choices(plan)],
            "owner": [(o, o) for o in owners],
            "status": [(s.value, value_words(s.value)) for s in ActionStatus],
        }

        def done(values: Values) -> None:
            self.filter = ActionFilter(values["objective"], values["owner"], values["status"])
            self.editor.apply(lambda plan: None, "view")

        current = {"objective": self.filter.objective, "owner": self.filter.owner}
        current["status"] = self.filter.status
        self.editor.open_form(_("Show only actions…"), specs, current, done, choices=choices)

    def action_clear_filter(self) -> None:
        self.filter = ActionFilter()
        self.editor.apply(lambda plan: None, "view")


def action_cells(
    action: Action, plan: AccountPlan, today: dt.date, styles: dict[str, str]
) -> list[Cell]:
    objective = plan.where_to_go.objectives.get(action.objective)
    style = styles.get("error", "") if metrics.is_overdue(action, today) else ""
    if action.status is ActionStatus.DROPPED:
        style = "dim strike"
    progress = metrics.action_progress(action)
    return [
        Cell(action.title, style=style),
        Cell(objective.title if objective else MISSING, style=style),
        Cell(action.owner or MISSING, style=style),
        Cell(day(action.due) + (" !" if metrics.is_overdue(action, today) else ""), style=style),
        Cell(status_label(action.status), style=style),
        Cell(bar(None if progress is None else progress / 100, 4), style=style),
    ]


class HowToGetTherePane(StepPane):
    def __init__(self, editor: PlanEditor) -> None:
        super().__init__(editor, id="step-3")

    def compose(self) -> ComposeResult:
        yield one_text_table(
            self.editor,
            lambda p: p.how_to_get_there,
            HowToGetThere,
            "strategy",
            _("Strategy: how to get there"),
            _("How will you get there, in a few sentences?"),
        )
        yield section_title(_("Action plan"))
        yield Static("", id="action-filter", classes="section-note")
        yield ActionTable(self.editor)
        yield section_title(_("Progress by objective"))
        yield Static("", id="rollup", classes="section-note")

    def on_mount(self) -> None:
        self.show(self.editor.plan)

    def show(self, plan: AccountPlan, what: str = "all") -> None:
        today = self.editor.today()
        table = self.query_one(ActionTable)
        styles = cell_styles(self.app)
        if what.startswith("action:") and what[7:] in table:
            aid = what[7:]
            action = plan.how_to_get_there.actions.get(aid)
            if action is not None and table.filter.keeps(action):
                table.show_row(aid, action_cells(action, plan, today, styles))
                self._rollup(plan)
                return
        h = plan.how_to_get_there
        self.query_one("#strategy", FieldTable).show_rows(
            [("strategy", [Cell(preview(h.strategy) or MISSING)])]
        )
        table.show_rows(
            [
                (aid, action_cells(a, plan, today, styles))
                for aid, a in h.actions.items()
                if table.filter.keeps(a)
            ]
        )
        self._filter_line(plan, table)
        self._rollup(plan)

    def _filter_line(self, plan: AccountPlan, table: ActionTable) -> None:
        f = table.filter
        box = self.query_one("#action-filter", Static)
        if not f:
            box.update(assemble(_("All actions · "), ("f", "bold"), _(" filter")))
            return
        parts = []
        if f.objective:
            o = plan.where_to_go.objectives.get(f.objective)
            parts.append(_("objective: {title}").format(title=o.title if o else _("none")))
        if f.owner:
            parts.append(_("owner: {owner}").format(owner=f.owner))
        if f.status:
            parts.append(_("status: {status}").format(status=stored_words(f.status)))
        shown, total = table.row_count, len(plan.how_to_get_there.actions)
        box.update(
            assemble(
                (_("Filter: "), "bold"),
                " · ".join(parts),
                _(" ({shown} of {total}) · ").format(shown=shown, total=total),
                ("F", "bold"),
                _(" clear"),
            )
        )

    def _rollup(self, plan: AccountPlan) -> None:
        progress = metrics.progress_by_objective(plan)
        actions = plan.how_to_get_there.actions.values()
        parts: list[str | tuple[str, str]] = []
        for oid, o in plan.where_to_go.objectives.items():
            mine = [
                a for a in actions if a.objective == oid and a.status is not ActionStatus.DROPPED
            ]
            done = sum(1 for a in mine if a.status is ActionStatus.DONE)
            title = o.title if len(o.title) <= 28 else o.title[:27] + "…"
            parts += [
                f"{title:<28} ",
                (bar(progress.get(oid), 10), "bold"),
                _("  {done}/{total} done").format(done=done, total=len(mine)) + "\n",
            ]
        if not parts:
            parts = [_("Add objectives in step 2 and link actions to them.")]
        self.query_one("#rollup", Static).update(assemble(*parts).rstrip())
