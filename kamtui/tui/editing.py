"""What the parts of the account screen need from it: the plan being edited, a way to change it.

Every change goes through :meth:`PlanEditor.apply`, which edits the working copy, marks it
dirty and refreshes what shows it. Nothing is written until the user saves.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from kamtui.plan.edit import add_record, delete_objective, settle_action
from kamtui.plan.fields import FieldSpec, apply_values, specs_for
from kamtui.plan.model import (
    AccountPlan,
    Action,
    Competitor,
    Horizon,
    Objective,
    Person,
)
from kamtui.plan.org_chart import remove_person
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line

Values = dict[str, Any]


class PlanEditor(Protocol):
    plan: AccountPlan

    def today(self) -> dt.date: ...

    def apply(self, change: Callable[[AccountPlan], object], what: str) -> None:
        """Run *change* on the working copy; *what* names the part that changed."""

    def open_form(
        self,
        title: str,
        specs: list[FieldSpec],
        texts: dict[str, str],
        done: Callable[[Values], None],
        *,
        intro: str = "",
        choices: dict[str, list[tuple[str, str]]] | None = None,
    ) -> None:
        """Show a form; call *done* with the parsed values when the user confirms."""

    def confirm(self, question: str, yes: str, done: Callable[[], None]) -> None:
        """Ask; call *done* if the user says yes."""


def objective_choices(plan: AccountPlan) -> list[tuple[str, str]]:
    """An action's objective: (id, title) of every objective of the plan."""
    return [(oid, one_line(o.title or oid)) for oid, o in plan.where_to_go.objectives.items()]


@dataclass(frozen=True)
class RecordKind:
    """A table of records in a plan (people, competitors, objectives, actions)."""

    noun: str
    """The record's name in the plan (not shown: the texts below are)."""
    records: Callable[[AccountPlan], dict[str, Any]]
    make: Callable[[], Any]
    fields: Callable[[], list[FieldSpec]]
    """The form's fields, made when a form is shown: their labels are in the language in use
    (a module constant would keep the language of the moment it was imported)."""
    label_field: str
    choices: Callable[[AccountPlan], dict[str, list[tuple[str, str]]]] = field(
        default=lambda plan: {}
    )
    delete: Callable[[AccountPlan, str], object] | None = None
    delete_note: str = ""
    """Said after the question to delete a record (what happens to what points at it)."""
    new_title: str = ""
    """The form's title for a new record (marked N_: every text here is translated when
    shown)."""
    edit_title: str = ""
    """The form's title for editing one: ``{name}`` is its name."""
    delete_question: str = ""
    """``{name}``: the record's name."""
    empty: str = ""
    """What the empty table says."""
    none_yet: str = ""
    """The walk-through's "none yet"."""
    add_one: str = ""
    """The walk-through's button to add one."""
    settle: Callable[[Any, Any, dt.date], None] | None = None
    """Rules to apply after a form set the fields: (record, record before, today)."""

    @property
    def specs(self) -> list[FieldSpec]:
        """The form's fields, made anew on each read (labels in the language in use): read
        it once per form."""
        return self.fields()

    def add(self, plan: AccountPlan, values: Values, today: dt.date, make: Any = None) -> str:
        """A new record from a form's *values* in *plan*; returns its new id."""
        record = (make or self.make)()
        self.fill(record, values, today)
        return add_record(self.records(plan), values[self.label_field], record, self.noun)

    def fill(self, record: Any, values: Values, today: dt.date) -> None:
        """Set the form's *values* on *record* and apply the kind's rules."""
        before = copy.copy(record)
        apply_values(record, values)
        if self.settle is not None:
            self.settle(record, before, today)

    def deleting(self, plan: AccountPlan, rid: str) -> str:
        """The question before deleting *rid*, with what happens to what points at it."""
        question = _(self.delete_question).format(name=self.label(plan, rid))
        return f"{question} {_(self.delete_note)}" if self.delete_note else question

    def label(self, plan: AccountPlan, rid: str) -> str:
        record = self.records(plan).get(rid)
        return one_line(str(getattr(record, self.label_field, "") or rid))


PEOPLE = RecordKind(
    noun="person",
    records=lambda p: p.where_am_i.buying_centre,
    make=Person,
    fields=lambda: specs_for(
        Person, skip=("reports_to",)
    ),  # set in the org chart (p), never a loop
    label_field="name",
    delete=remove_person,
    delete_note=N_("The people reporting to them will report to their boss."),
    new_title=N_("New person"),
    edit_title=N_("Edit person: {name}"),
    delete_question=N_("Delete person '{name}'?"),
    empty=N_("no person yet: press a to add"),
    none_yet=N_("No person yet."),
    add_one=N_("Add a person"),
)
COMPETITORS = RecordKind(
    noun="competitor",
    records=lambda p: p.where_am_i.competitors,
    make=Competitor,
    fields=lambda: specs_for(Competitor),
    label_field="name",
    new_title=N_("New competitor"),
    edit_title=N_("Edit competitor: {name}"),
    delete_question=N_("Delete competitor '{name}'?"),
    empty=N_("no competitor yet: press a to add"),
    none_yet=N_("No competitor yet."),
    add_one=N_("Add a competitor"),
)
OBJECTIVES = RecordKind(
    noun="objective",
    records=lambda p: p.where_to_go.objectives,
    make=Objective,
    fields=lambda: specs_for(Objective, skip=("opportunity",)),  # set by `o` in the whitespace map
    label_field="title",
    delete=delete_objective,
    delete_note=N_("Its actions stay, without an objective."),
    new_title=N_("New objective"),
    edit_title=N_("Edit objective: {name}"),
    delete_question=N_("Delete objective '{name}'?"),
    empty=N_("no objective yet: press a to add"),
    none_yet=N_("No objective yet."),
    add_one=N_("Add an objective"),
)
ACTIONS = RecordKind(
    noun="action",
    records=lambda p: p.how_to_get_there.actions,
    make=Action,
    fields=lambda: specs_for(Action, skip=("completed",)),
    label_field="title",
    choices=lambda plan: {"objective": objective_choices(plan)},
    settle=settle_action,
    new_title=N_("New action"),
    edit_title=N_("Edit action: {name}"),
    delete_question=N_("Delete action '{name}'?"),
    empty=N_("no action yet: press a to add"),
    none_yet=N_("No action yet."),
    add_one=N_("Add an action"),
)


def new_objective(horizon: Horizon) -> Callable[[], Objective]:
    return lambda: Objective(horizon=horizon)
