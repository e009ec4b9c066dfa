"""The portfolio table: one keyed row per account, updated in place.

Rows are keyed by plan id. :meth:`PortfolioTable.sync` diffs what is shown against what should
be: ``update_cell`` for a changed value, ``remove_row``/``add_row`` for a plan that went or
came — never a clear-and-rebuild, so the cursor and the scroll position stay where they are.

| Key | Action |
|---|---|
| `enter` | open the highlighted account |
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from textual.coordinate import Coordinate
from textual.widgets import DataTable

from kamtui.portfolio import Entry
from kamtui.tui.safe import Cell

Styles = dict[str, str]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    render: Callable[[Entry, dt.date, Styles], Cell]


def _name(e: Entry, today: dt.date, s: Styles) -> Cell:
    style = s["error"] if e.row is None else ""
    return Cell(("⚠ " if e.row is None else "") + e.name, e.name.casefold(), style)


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


class PortfolioTable(DataTable[Cell]):
    """Accounts as keyed rows; see the module docstring."""

    DEFAULT_CSS = """
    PortfolioTable { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._shown: dict[str, tuple[str, ...]] = {}
        self.sort_column = "name"
        self.sort_reverse = False

    def on_mount(self) -> None:
        for col in COLUMNS:
            self.add_column(col.label, width=col.width, key=col.key)

    @property
    def selected_id(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return key.value

    def sync(self, entries: list[Entry], today: dt.date, styles: Styles) -> None:
        """Show exactly *entries*, touching only what changed; keep the cursor's account."""
        selected = self.selected_id
        wanted = {e.id: e for e in entries}
        with self.app.batch_update():
            for plan_id in [k for k in self._shown if k not in wanted]:
                self.remove_row(plan_id)
                del self._shown[plan_id]
            for plan_id, entry in wanted.items():
                cells = [col.render(entry, today, styles) for col in COLUMNS]
                signature = tuple(f"{c.plain}\0{c.style}" for c in cells)
                old = self._shown.get(plan_id)
                if old is None:
                    self.add_row(*cells, key=plan_id)
                elif old != signature:
                    for col, cell, before, now in zip(COLUMNS, cells, old, signature, strict=True):
                        if before != now:
                            self.update_cell(plan_id, col.key, cell)
                self._shown[plan_id] = signature
            self.apply_sort()
            if selected in self._shown:
                self.move_cursor(row=self.get_row_index(selected), scroll=False)

    def apply_sort(self) -> None:
        if self.row_count:
            self.sort(self.sort_column, key=_sort_key, reverse=self.sort_reverse)

    def sort_by(self, column: str, reverse: bool) -> None:
        selected = self.selected_id
        self.sort_column, self.sort_reverse = column, reverse
        self.apply_sort()
        if selected is not None:
            self.move_cursor(row=self.get_row_index(selected))

    def select(self, plan_id: str) -> None:
        if plan_id in self._shown:
            self.move_cursor(row=self.get_row_index(plan_id))

    def row_ids(self) -> list[str]:
        """Ids in display order."""
        return [
            str(self.coordinate_to_cell_key(Coordinate(i, 0)).row_key.value)
            for i in range(self.row_count)
        ]

    @staticmethod
    def label_of(column: str) -> str:
        return next(c.label for c in COLUMNS if c.key == column)


def _sort_key(cell: Cell) -> object:
    return cell.sort_key
