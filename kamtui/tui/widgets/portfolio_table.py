"""The portfolio table: one keyed row per account, updated in place.

Rows are keyed by plan id. :meth:`PortfolioTable.sync` diffs what is shown against what should
be: ``update_cell`` for a changed value, ``remove_row``/``add_row`` for a plan that went or
came — never a clear-and-rebuild, so the cursor and the scroll position stay where they are.
Built on :class:`~kamtui.tui.widgets.keyed_table.KeyedTable`.

| Key | Action |
|---|---|
| `enter` | open the highlighted account |
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kamtui.store.portfolio import Entry
from kamtui.text.format import format_day, localized
from kamtui.text.i18n import gettext as _
from kamtui.text.i18n import pgettext
from kamtui.tui.safe import Cell
from kamtui.tui.widgets.keyed_table import ColumnSpec, KeyedTable

Styles = dict[str, str]


@dataclass(frozen=True)
class Column:
    key: str
    width: int
    render: Callable[[Entry, dt.date, Styles], Cell]


def _name(e: Entry, today: dt.date, s: Styles) -> Cell:
    style = s["error"] if e.row is None else ""
    return Cell(("⚠ " if e.row is None or e.warnings else "") + e.name, e.name.casefold(), style)


def _segment(e: Entry, today: dt.date, s: Styles) -> Cell:
    seg = e.row.segment if e.row else ""
    return Cell(seg or "·", "ABC".find(seg) if seg else 9, s.get(f"segment-{seg}", ""))


def _plan(e: Entry, today: dt.date, s: Styles) -> Cell:
    if e.row is None:
        return Cell("", -1)
    marks = "".join("●" if v >= 1 else ("◐" if v > 0 else "○") for v in e.row.completeness)
    return Cell(marks, sum(e.row.completeness))


def _attainment(e: Entry, today: dt.date, s: Styles) -> Cell:
    value = e.row.attainment if e.row else None
    return Cell("" if value is None else f"{round(value * 100)}%", value)


def _actions(e: Entry, today: dt.date, s: Styles) -> Cell:
    if e.row is None:
        return Cell("", None)
    r = e.row
    ratio = r.actions_done / r.actions_total if r.actions_total else None
    return Cell(f"{r.actions_done}/{r.actions_total}", ratio)


def _late(e: Entry, today: dt.date, s: Styles) -> Cell:
    n = e.row.overdue if e.row else 0
    return Cell(str(n) if n else "", n, s["error"] if n else "")


def _next_due(e: Entry, today: dt.date, s: Styles) -> Cell:
    due = e.row.next_due if e.row else None
    late = due is not None and due < today
    return Cell(format_day(due) if due else "", due, s["error"] if late else "")


def _review(e: Entry, today: dt.date, s: Styles) -> Cell:
    if e.row is None:
        return Cell("", None)
    days = e.row.days_since_review
    text = _("never") if days is None else _("{n}d").format(n=days)
    return Cell(
        text + (" !" if e.row.stale else ""),
        10**6 if days is None else days,
        s["warning"] if e.row.stale else "",
    )


def _revenue(e: Entry, today: dt.date, s: Styles) -> Cell:
    if e.revenue is None:
        return Cell("", None)
    return Cell(localized(f"{e.revenue:,.0f}").rjust(11), e.revenue)


def _next_action(e: Entry, today: dt.date, s: Styles) -> Cell:
    if e.row is None:
        err = e.error
        return Cell(err.format() if err else _("unreadable"), None, s["error"])
    return Cell(e.row.next_action, e.row.next_action.casefold() or None)


COLUMNS: tuple[Column, ...] = (
    Column("name", 24, _name),
    Column("segment", 3, _segment),
    Column("plan", 4, _plan),
    Column("late", 4, _late),
    Column("next_due", 10, _next_due),
    Column("review", 7, _review),
    Column("actions", 5, _actions),
    Column("attainment", 5, _attainment),
    Column("revenue", 11, _revenue),
    Column("next_action", 36, _next_action),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)


def column_labels() -> dict[str, str]:
    """Each column's header, in the language in use (short: they fit the columns' widths)."""
    return {
        "name": pgettext("column", "Account"),
        "segment": pgettext("column", "ABC"),
        "plan": pgettext("column", "Plan"),
        "late": pgettext("column", "Late"),
        "next_due": pgettext("column", "Next due"),
        "review": pgettext("column", "Review"),
        "actions": pgettext("column", "Done"),
        "attainment": pgettext("column", "Goals"),
        "revenue": pgettext("column", "Revenue"),
        "next_action": pgettext("column", "Next action"),
    }


class PortfolioTable(KeyedTable):
    """Accounts as keyed rows; see the module docstring.

    A row's cells are made when it is first shown or asked for (:meth:`cells_for`): the first
    paint of 2,000 accounts renders a screenful of rows, not 20,000 cells. Sorting renders only
    the sort column (and the name) of rows not made yet.
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        labels = column_labels()
        super().__init__(
            [ColumnSpec(c.key, labels[c.key], c.width, c.key == "revenue") for c in COLUMNS],
            id=id,
        )
        self._entries: dict[str, Entry] = {}
        """What each row shows (its cells are made from it)."""
        self._today = dt.date.min
        self._cell_styles: Styles = {}
        self.sort_column = "name"
        self.sort_reverse = False

    @property
    def selected_id(self) -> str | None:
        return self.selected_key

    def cells_for(self, key: str) -> Sequence[Cell]:
        cells = self._cells.get(key)
        if cells is None:
            cells = self._cells[key] = self._make_cells(self._entries[key])
        return cells

    def _make_cells(self, entry: Entry) -> list[Cell]:
        today, styles = self._today, self._cell_styles
        return [col.render(entry, today, styles) for col in COLUMNS]

    def sync(self, entries: list[Entry], today: dt.date, styles: Styles) -> None:
        """Show exactly *entries*, touching only what changed; keep the cursor's account.

        A row whose entry is made of the same plan, figures, revenue and warnings as before
        (same day, same styles) is left alone; otherwise its cells, if made already, are
        compared and only the changed ones updated (rows never made are made from the new
        entry when shown).
        """
        wanted = {e.id: e for e in entries}
        was_empty = not self._entries
        for plan_id in [k for k in self._entries if k not in wanted]:
            self.remove_row(plan_id)
            del self._entries[plan_id]
        same_context = today == self._today and styles == self._cell_styles
        self._today, self._cell_styles = today, dict(styles)
        new_rows: list[tuple[str, None]] = []
        for plan_id, entry in wanted.items():
            old = self._entries.get(plan_id)
            self._entries[plan_id] = entry
            if old is None:
                new_rows.append((plan_id, None))
            elif not (same_context and _same_inputs(old, entry)):
                made = self._cells.get(plan_id)
                if made is None:
                    continue
                cells = self._make_cells(entry)
                for col, cell, before in zip(COLUMNS, cells, list(made), strict=True):
                    if cell.plain != before.plain or cell.style != before.style:
                        self.update_cell(plan_id, col.key, cell)
        if new_rows:
            self.add_rows(new_rows)
        self.apply_sort()
        if was_empty and self.row_count:
            self.select_key(self.row_ids()[0])

    def apply_sort(self) -> None:
        """Order the rows by the sort column (ties by name), keeping the cursor's account."""
        col, name = COLUMN_KEYS.index(self.sort_column), COLUMN_KEYS.index("name")
        made, entries = self._cells, self._entries
        today, styles = self._today, self._cell_styles

        def cell(plan_id: str, i: int) -> Cell:
            cells = made.get(plan_id)
            if cells is not None:
                return cells[i]
            return COLUMNS[i].render(entries[plan_id], today, styles)

        def key(plan_id: str) -> tuple[object, object]:
            by = _sort_key(cell(plan_id, col))
            return (by, by if col == name else _sort_key(cell(plan_id, name)))

        ordered = sorted(self.row_ids(), key=key, reverse=self.sort_reverse)
        self.reorder(ordered)

    def sort_by(self, column: str, reverse: bool) -> None:
        self.sort_column, self.sort_reverse = column, reverse
        self.apply_sort()
        self._scroll_to_cursor()

    def select(self, plan_id: str) -> None:
        self.select_key(plan_id)

    @staticmethod
    def label_of(column: str) -> str:
        return column_labels()[column]


def _same_inputs(old: Entry, new: Entry) -> bool:
    """Whether the two entries give the same cells (on the same day, with the same styles):
    what a row shows is made only of these (the plan file's problems and figures are fixed
    for a :class:`LoadedPlan` and the figures kept by the portfolio)."""
    return (
        old.loaded is new.loaded
        and old.row is new.row
        and old.revenue == new.revenue
        and old.warnings == new.warnings
    )


def _sort_key(cell: Cell) -> Any:
    return getattr(cell, "sort_key", (1, ""))
