"""Step 2, "Where do I want to go?": the ambition and the objectives, short and long term.

| Key | Action |
|---|---|
| `a` / `enter` / `d` | add / edit / delete an objective |
| `c` | check in: record a measured value with its date (kept as history) |

The detail line under the tables shows the highlighted objective's check-ins and, for one
measured from the revenue file (``kamtui measure``, docs/measure.md), its source and period and
where its last measured check-in came from.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from kamtui.plan import metrics
from kamtui.plan.edit import check_in
from kamtui.plan.fields import FieldSpec
from kamtui.plan.model import AccountPlan, Horizon, Objective, WhereToGo
from kamtui.text.format import format_day, stored_words
from kamtui.text.i18n import N_, ngettext, pgettext
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line
from kamtui.tui.editing import OBJECTIVES, PlanEditor, Values, new_objective
from kamtui.tui.panes.base import StepPane, section_title
from kamtui.tui.plan_cells import MISSING, bar, day, number, preview
from kamtui.tui.safe import Cell, assemble
from kamtui.tui.widgets.field_table import FieldTable, one_text_table
from kamtui.tui.widgets.keyed_table import ColumnSpec, KeyedTable
from kamtui.tui.widgets.record_table import RecordTable

HORIZON_TITLES = {
    Horizon.SHORT: N_("Short term (up to 12 months)"),
    Horizon.LONG: N_("Medium and long term"),
}


def check_in_specs() -> list[FieldSpec]:
    """The check-in form's fields, in the language in use."""
    return [
        FieldSpec("value", _("Measured value"), "number", required=True, hint=_("e.g. 1.2M, 35%")),
        FieldSpec("day", _("Date"), "date", required=True, hint=_("YYYY-MM-DD, today, -7d")),
    ]


def objective_columns() -> list[ColumnSpec]:
    """The objectives' columns, their headers in the language in use."""
    return [
        ColumnSpec("title", pgettext("column", "Objective"), 19),
        ColumnSpec("baseline", pgettext("column", "Baseline"), 8, right=True),
        ColumnSpec("target", pgettext("column", "Target"), 8, right=True),
        ColumnSpec("current", pgettext("column", "Current"), 8, right=True),
        ColumnSpec("due", pgettext("column", "Due"), 10),
        ColumnSpec("attainment", pgettext("column", "Attainment"), 10),
    ]


class ObjectiveTable(RecordTable):
    BINDINGS = [Binding("c", "check_in", N_("Check in"), id="objectives.check-in")]

    def __init__(self, editor: PlanEditor, horizon: Horizon) -> None:
        super().__init__(
            editor,
            OBJECTIVES,
            objective_columns(),
            id=f"objectives-{horizon.value}",
            make=new_objective(horizon),
            empty=_("no objective yet: press a to add"),
            flex="title",
        )
        self.horizon = horizon

    def action_check_in(self) -> None:
        oid = self.record_id
        if oid is None:
            return
        objective = self.editor.plan.where_to_go.objectives[oid]

        def done(values: Values) -> None:
            def change(plan: AccountPlan) -> None:
                target = plan.where_to_go.objectives.get(oid)
                if target is not None:
                    check_in(target, values["day"], values["value"])

            self.editor.apply(change, self.id or "objectives")

        unit = f" ({objective.unit})" if objective.unit else ""
        self.editor.open_form(
            _("Check in: {objective}").format(objective=objective.title),
            check_in_specs(),
            {"day": format_day(self.editor.today())},
            done,
            intro=_("{metric}{unit}: now {current}, target {target}").format(
                metric=objective.metric or _("Value"),
                unit=unit,
                current=number(objective.current),
                target=number(objective.target),
            ),
        )


def _objective_cells(o: Objective) -> list[Cell]:
    return [
        Cell(o.title),
        Cell(number(o.baseline)),
        Cell(number(o.target)),
        Cell(number(o.current)),
        Cell(day(o.due)),
        Cell(bar(metrics.attainment(o))),
    ]


class WhereToGoPane(StepPane):
    def __init__(self, editor: PlanEditor) -> None:
        super().__init__(editor, id="step-2")
        self.highlighted: str | None = None

    def compose(self) -> ComposeResult:
        yield one_text_table(
            self.editor,
            lambda p: p.where_to_go,
            WhereToGo,
            "ambition",
            _("Ambition: where this account should be in 2–3 years"),
            _("Where do you want this account to be in two or three years?"),
        )
        for horizon in Horizon:
            yield section_title(_(HORIZON_TITLES[horizon]))
            yield ObjectiveTable(self.editor, horizon)
        yield Static("", id="objective-detail", classes="section-note")

    def on_mount(self) -> None:
        self.show(self.editor.plan)

    def show(self, plan: AccountPlan, what: str = "all") -> None:
        g = plan.where_to_go
        self.query_one("#ambition", FieldTable).show_rows(
            [("ambition", [Cell(preview(g.ambition) or MISSING)])]
        )
        for horizon in Horizon:
            self.query_one(f"#objectives-{horizon.value}", ObjectiveTable).show_rows(
                [
                    (oid, _objective_cells(o))
                    for oid, o in g.objectives.items()
                    if o.horizon is horizon
                ]
            )
        self._detail(plan)

    @on(KeyedTable.RowHighlighted, "ObjectiveTable")
    def _highlighted(self, event: KeyedTable.RowHighlighted) -> None:
        if event.table.has_focus:
            self.highlighted = event.key
            self._detail(self.editor.plan)

    def on_descendant_focus(self) -> None:
        focused = self.screen.focused
        if isinstance(focused, ObjectiveTable):
            self.highlighted = focused.record_id
            self._detail(self.editor.plan)

    def _detail(self, plan: AccountPlan) -> None:
        box = self.query_one("#objective-detail", Static)
        o = plan.where_to_go.objectives.get(self.highlighted or "")
        if o is None:
            box.update(assemble(("c", "bold"), _(" on an objective records a measured value.")))
            return
        unit = f" ({o.unit})" if o.unit else ""
        history = ", ".join(
            f"{format_day(d)}: {number(v)}" for d, v in sorted(o.checkins.items())[-6:]
        )
        linked = sum(
            1 for a in plan.how_to_get_there.actions.values() if a.objective == self.highlighted
        )
        box.update(
            assemble(
                (o.title, "bold"),
                _(" · metric: {metric}{unit}").format(metric=o.metric or MISSING, unit=unit),
                " · ",
                ngettext("{n} action(s)", "{n} action(s)", linked).format(n=linked),
                "\n",
                *_measure(o),
                (_("Check-ins: "), "bold"),
                history or _("none yet (press c)"),
            )
        )


def _measure(o: Objective) -> list[str | tuple[str, str]]:
    """Where the objective's measure comes from, and the last measured check-in's source, on a
    line of its own (nothing for an objective whose check-ins are all typed by hand)."""
    parts: list[str | tuple[str, str]] = []
    if o.source is not None:
        period = stored_words(o.period.value) if o.period is not None else MISSING
        parts += [(_("Measured from: "), "bold"), f"{stored_words(o.source.value)}, {period}"]
    if o.checkin_sources:
        day = max(o.checkin_sources)
        parts += [
            " · " if parts else "",
            (_("Last measured: "), "bold"),
            _("{day} from {source}").format(
                day=format_day(day), source=one_line(o.checkin_sources[day])
            ),
        ]
    return [*parts, "\n"] if parts else []
