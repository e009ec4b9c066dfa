"""The table of the actions view: one row per open action of the portfolio, keyed
``plan-id/action-id``, in the order the core gives (kamtui/agenda/actions.py: overdue first,
then by due date).

A row's cells are made when it is first painted (a screenful of 20,000 rows), and made again
only when its action changed: :meth:`ActionsTable.show` swaps the list of rows in one pass and
keeps the cursor on its action, wherever the action moved to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from rich.cells import cell_len

from kamtui.agenda.actions import OpenAction
from kamtui.plan.model import ActionStatus
from kamtui.text.format import day_or_missing
from kamtui.text.i18n import N_, pgettext
from kamtui.text.i18n import gettext as _
from kamtui.tui.safe import Cell
from kamtui.tui.widgets.keyed_table import ColumnSpec, KeyedTable

Styles = dict[str, str]

STATUS_LABELS = {
    ActionStatus.TODO: N_("todo"),
    ActionStatus.IN_PROGRESS: N_("doing"),
    ActionStatus.DONE: N_("done"),
    ActionStatus.BLOCKED: N_("blocked"),
    ActionStatus.DROPPED: N_("dropped"),
}
"""Each status in a word, marked (the step 3 table's words, kamtui/tui/panes/how_to_get_there.py);
shown in the language in use by :func:`status_label`."""


def status_label(status: ActionStatus) -> str:
    """*status* in a word, in the language in use (``doing``, ``in corso``)."""
    return _(STATUS_LABELS[status])


# What matters first on 80 columns: when, whose account, what, and where it stands.
COLUMNS = (
    ColumnSpec("due", N_("Due"), 10),
    ColumnSpec("account", N_("Account"), 16),
    ColumnSpec("segment", N_("ABC"), 3),
    ColumnSpec("title", N_("Action"), 22),
    ColumnSpec("status", N_("Status"), 7),
    ColumnSpec("progress", "Done", 4, right=True),  # its title: pgettext, in columns()
    ColumnSpec("owner", N_("Owner"), 14),
    ColumnSpec("objective", N_("Objective"), 24),
)
STATUS_WIDTH_MAX = 11
"""The status column grows up to this for a language's longer words; the title gives way."""


def columns() -> list[ColumnSpec]:
    """The columns in the language in use: titles translated; the status column as wide as
    its longest word (7 in English), taken from the title column."""
    status = max(cell_len(status_label(s)) for s in STATUS_LABELS)
    status = min(STATUS_WIDTH_MAX, max(7, status))
    out = []
    for c in COLUMNS:
        width = c.width
        if c.key == "status":
            width = status
        elif c.key == "title":
            width = c.width - (status - 7)
        label = pgettext("progress column", "Done") if c.key == "progress" else _(c.label)
        out.append(replace(c, label=label, width=width))
    return out


def row_key(row: OpenAction) -> str:
    """``plan-id/action-id`` (ids are slugs: never a ``/`` in one)."""
    return f"{row.plan_id}/{row.action_id}"


def split_key(key: str) -> tuple[str, str]:
    plan_id, _, action_id = key.partition("/")
    return plan_id, action_id


class ActionsTable(KeyedTable):
    """See the module docstring."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(columns(), id=id)  # made again when the language changes
        self.rows: dict[str, OpenAction] = {}
        self._today = dt.date.min
        self._cell_styles: Styles = {}

    def cells_for(self, key: str) -> Sequence[Cell]:
        cells = self._cells.get(key)
        if cells is None:
            cells = self._cells[key] = self._make_cells(self.rows[key])
        return cells

    def _make_cells(self, row: OpenAction) -> list[Cell]:
        s = self._cell_styles
        late = row.is_overdue(self._today)
        blocked = row.status is ActionStatus.BLOCKED
        return [
            Cell(day_or_missing(row.due) if row.due else "", None, s["error"] if late else ""),
            Cell(row.account),
            Cell(row.segment or "·", None, s.get(f"segment-{row.segment}", "")),
            Cell(row.title),
            Cell(status_label(row.status), None, s["warning"] if blocked else ""),
            Cell(f"{row.progress}%"),
            Cell(row.owner),
            Cell(row.objective),
        ]

    def show(self, rows: Sequence[OpenAction], today: dt.date, styles: Styles) -> None:
        """Show exactly *rows*, in this order; a row whose action changed is made again, the
        others keep their cells; the cursor stays on its action (else on its line)."""
        selected = self.selected_key
        cursor = self.cursor_row
        context_changed = today != self._today or styles != self._cell_styles
        self._today, self._cell_styles = today, dict(styles)
        old = self.rows
        new: dict[str, OpenAction] = {}
        keys: list[str] = []
        made, versions = self._cells, self._version
        for row in rows:
            key = row_key(row)
            keys.append(key)
            new[key] = row
            before = old.get(key)
            if before is not row and (context_changed or before != row):
                made.pop(key, None)
                versions[key] = versions.get(key, 0) + 1
        if context_changed:
            made.clear()
            for key in keys:
                versions[key] = versions.get(key, 0) + 1
        for key in old.keys() - new.keys():
            made.pop(key, None)
        self.rows = new
        if keys != self._keys:
            self._keys = keys
            self._index = {k: i for i, k in enumerate(keys)}
            self._resized()
        else:
            self.refresh()
        self._keep_cursor_on(selected, fallback=cursor)

    def patch(self, gone: set[str], rows: list[OpenAction]) -> bool:
        """A few actions changed (a save, a file changed on disk): drop the rows *gone*,
        replace the *rows* already shown, leaving every other row as it is. False, having
        changed nothing, when a row is not shown yet or would move (the caller then shows the
        whole list again)."""
        for row in rows:
            key = row_key(row)
            before = self.rows.get(key)
            if before is None or before.order != row.order:
                return False
        for key in gone:
            if key in self._index:
                del self.rows[key]
                self.remove_row(key)  # keeps the cursor on its row, or on its line
        for row in rows:
            key = row_key(row)
            if self.rows[key] != row:
                self.rows[key] = row
                self._cells.pop(key, None)
                self._version[key] += 1
                self.refresh_row(key)
        return True

    @property
    def selected_row(self) -> OpenAction | None:
        key = self.selected_key
        return None if key is None else self.rows.get(key)
