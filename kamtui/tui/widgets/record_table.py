"""A section table of plan records with the keys to add, edit and delete them.

| Key | Action |
|---|---|
| `a` | add a record (a form opens) |
| `enter` / `e` | edit the highlighted record |
| `d` | delete it (asks first) |
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.binding import Binding

from kamtui.plan.fields import read_values
from kamtui.plan.model import AccountPlan
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.tui.editing import PlanEditor, RecordKind, Values
from kamtui.tui.widgets.keyed_table import ColumnSpec
from kamtui.tui.widgets.section_table import SectionTable

GROUP_PREFIX = "\x00group:"
"""Row keys of group headings (never a record id: ids are slugs)."""


class RecordTable(SectionTable):
    BINDINGS = [
        Binding("a", "add", N_("Add"), id="records.add"),
        Binding("enter,e", "edit", N_("Edit"), key_display="⏎", id="records.edit"),
        Binding("d", "delete", N_("Delete"), id="records.delete"),
    ]

    def __init__(
        self,
        editor: PlanEditor,
        kind: RecordKind,
        columns: Sequence[ColumnSpec],
        *,
        empty: str = "",
        id: str | None = None,  # noqa: A002
        make: Callable[[], Any] | None = None,
        flex: str | None = None,
    ) -> None:
        empty = empty or _(kind.empty)
        super().__init__(columns, empty=empty, flex=flex, id=id)
        self.editor = editor
        self.kind = kind
        self.make = make or kind.make

    @property
    def record_id(self) -> str | None:
        key = self.selected_key
        return None if key is None or key.startswith(GROUP_PREFIX) else key

    def action_add(self) -> None:
        kind = self.kind
        plan = self.editor.plan
        blank = self.make()
        specs = kind.specs
        texts = read_values(blank, specs)

        def done(values: Values) -> None:
            added: list[str] = []

            def change(plan: AccountPlan) -> None:
                added.append(kind.add(plan, values, self.editor.today(), self.make))

            self.editor.apply(change, self.id or kind.noun)
            self.select_key(added[0])  # the new row is shown by now

        self.editor.open_form(_(kind.new_title), specs, texts, done, choices=kind.choices(plan))

    def action_edit(self) -> None:
        rid = self.record_id
        if rid is None:
            if not self.row_count:
                self.action_add()
            return
        kind = self.kind
        plan = self.editor.plan
        record = kind.records(plan)[rid]

        def done(values: Values) -> None:
            def change(plan: AccountPlan) -> None:
                target = kind.records(plan).get(rid)
                if target is not None:
                    kind.fill(target, values, self.editor.today())

            self.editor.apply(change, self.id or kind.noun)

        specs = kind.specs
        self.editor.open_form(
            _(kind.edit_title).format(name=kind.label(plan, rid)),
            specs,
            read_values(record, specs),
            done,
            choices=kind.choices(plan),
        )

    def action_delete(self) -> None:
        rid = self.record_id
        if rid is None:
            return
        kind = self.kind

        def change(plan: AccountPlan) -> None:
            if kind.delete is not None:
                kind.delete(plan, rid)
            else:
                kind.records(plan).pop(rid, None)

        def done() -> None:
            self.editor.apply(change, self.id or kind.noun)

        self.editor.confirm(kind.deleting(self.editor.plan, rid), _("Delete"), done)
