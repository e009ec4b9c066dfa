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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kamtui.store.portfolio import Entry
from kamtui.tui.safe import Cell
from kamtui.tui.widgets.keyed_table import ColumnSpec, KeyedTable

Styles = dict[str, str]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
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
    return Cell(due.isoformat() if due else "", due, s["error"] if late else "")


def _review(e: Entry, today: dt.date, s: Styles) -> Cell:
    if e.row is None:
        return Cell("", None)
    days = e.row.days_since_review
    text = "never" if days is None else f"{days}d"
    return Cell(
        text + (" !" if e.row.stale else ""),
        10**6 if days is None else days,
        s["warning"] if e.row.stale else "",
    )


def _revenue(e: Entry, today: dt.date, s: Styles) -> Cell:
    if e.revenue is None:
        return Cell("", None)
    return Cell(f"{e.revenue:,.0f}".rjust(11), e.revenue)


def _next_action(e: Entry, today: dt.date, s: Styles) -> Cell:
    if e.row is None:
        err = e.error
        return Cell(err.format() if err else "unreadable", None, s["error"])
    return Cell(e.row.next_action, e.row.next_action.casefold() or None)


COLUMNS: tuple[Column, ...] = (
    Column("name", "Account", 24, _name),
    Column("segment", "ABC", 3, _segment),
    Column("plan", "Plan", 4, _plan),
    Column("late", "Late", 4, _late),
    Column("next_due", "Next due", 10, _next_due),
    Column("review", "Review", 7, _review),
    Column("actions", "Done", 5, _actions),
    Column("attainment", "Goals", 5, _attainment),
    Column("revenue", "Revenue", 11, _revenue),
    Column("next_action", "Next action", 36, _next_action),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)


class PortfolioTable(KeyedTable):
    """Accounts as keyed rows; see the module docstring."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(
            [ColumnSpec(c.key, c.label, c.width, c.key == "revenue") for c in COLUMNS], id=id
        )
        self._shown: dict[str, tuple[str, ...]] = {}
        self.sort_column = "name"
        self.sort_reverse = False

    @property
    def selected_id(self) -> str | None:
        return self.selected_key

    def sync(self, entries: list[Entry], today: dt.date, styles: Styles) -> None:
        """Show exactly *entries*, touching only what changed; keep the cursor's account."""
        wanted = {e.id: e for e in entries}
        was_empty = not self._shown
        for plan_id in [k for k in self._shown if k not in wanted]:
            self.remove_row(plan_id)
            del self._shown[plan_id]
        new_rows = []
        for plan_id, entry in wanted.items():
            cells = [col.render(entry, today, styles) for col in COLUMNS]
            signature = tuple(f"{c.plain}\0{c.style}" for c in cells)
            old = self._shown.get(plan_id)
            if old is None:
                new_rows.append((plan_id, cells))
            elif old != signature:
                for col, cell, before, now in zip(COLUMNS, cells, old, signature, strict=True):
                    if before != now:
                        self.update_cell(plan_id, col.key, cell)
            self._shown[plan_id] = signature
        if new_rows:
            self.add_rows(new_rows)
        self.apply_sort()
        if was_empty and self.row_count:
            self.select_key(self.row_ids()[0])

    def apply_sort(self) -> None:
        """Order the rows by the sort column (ties by name), keeping the cursor's account."""
        col, name = COLUMN_KEYS.index(self.sort_column), COLUMN_KEYS.index("name")

        def key(plan_id: str) -> tuple[object, object]:
            cells = self.get_row(plan_id)
            return (_sort_key(cells[col]), _sort_key(cells[name]))

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
        return next(c.label for c in COLUMNS if c.key == column)


def _sort_key(cell: Cell) -> Any:
    return getattr(cell, "sort_key", (1, ""))
