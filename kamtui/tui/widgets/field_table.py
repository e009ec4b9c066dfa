"""A section table of single fields (or small groups of fields) of one plan record.

Each row is one entry, e.g. "Business" or "Technical accessibility"; `enter` opens a form with
that entry's fields (a text area for long text).

| Key | Action |
|---|---|
| `enter` / `e` | edit the highlighted entry |
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual.binding import Binding

from kamtui.plan.fields import FieldSpec, apply_values, read_values, specs_for
from kamtui.plan.model import AccountPlan
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.tui.editing import PlanEditor, Values
from kamtui.tui.widgets.keyed_table import ColumnSpec
from kamtui.tui.widgets.section_table import SectionTable


@dataclass(frozen=True)
class Entry:
    key: str
    title: str
    record: Callable[[AccountPlan], Any]
    specs: list[FieldSpec]
    intro: str = ""


class FieldTable(SectionTable):
    BINDINGS = [Binding("enter,e", "edit", N_("Edit"), key_display="⏎", id="fields.edit")]

    def __init__(
        self,
        editor: PlanEditor,
        entries: Sequence[Entry],
        columns: Sequence[ColumnSpec],
        *,
        id: str | None = None,  # noqa: A002
        flex: str | None = "answer",
    ) -> None:
        super().__init__(columns, flex=flex, id=id)
        self.editor = editor
        self.entries = {e.key: e for e in entries}

    def action_edit(self) -> None:
        entry = self.entries.get(self.selected_key or "")
        if entry is None:
            return
        record = entry.record(self.editor.plan)

        def done(values: Values) -> None:
            self.editor.apply(
                lambda plan: apply_values(entry.record(plan), values), self.id or entry.key
            )

        self.editor.open_form(
            entry.title, entry.specs, read_values(record, entry.specs), done, intro=entry.intro
        )


ONE_TEXT_TITLES = {"ambition": N_("Ambition"), "strategy": N_("Strategy")}
"""The form's title for a long text of its own (else the field's name)."""


def one_text_table(
    editor: PlanEditor,
    record: Callable[[AccountPlan], Any],
    record_type: type,
    name: str,
    header: str,
    intro: str,
) -> FieldTable:
    """A one-row table for one long text of a record (the ambition, the strategy): the header
    says what it is, the row shows the text's first line, `enter` edits it."""
    specs = [s for s in specs_for(record_type) if s.name == name]
    title = _(ONE_TEXT_TITLES.get(name, name.replace("_", " ").capitalize()))
    return FieldTable(
        editor,
        [Entry(name, title, record, specs, intro)],
        [ColumnSpec("answer", header, 60)],
        id=name,
    )
