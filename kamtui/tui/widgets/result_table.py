"""The ABC customer table: up to hundreds of thousands of rows, cells made only when shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from kamtui.text.format import money, percent
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.tui.safe import Cell
from kamtui.tui.widgets.keyed_table import ColumnSpec, KeyedTable

COLUMNS = (
    ColumnSpec("rank", "#", 6, right=True),
    ColumnSpec("customer", N_("Customer"), 10),
    ColumnSpec("name", N_("Name"), 28),
    ColumnSpec("revenue", N_("Revenue"), 14, right=True),
    ColumnSpec("share", N_("Share"), 6, right=True),
    ColumnSpec("cumulative", N_("Cum."), 6, right=True),
    ColumnSpec("class", N_("ABC"), 3),
    ColumnSpec("plan", N_("Plan"), 24),
)


@dataclass(frozen=True)
class CustomerColumns:
    """The analysis result as plain lists (made once, in a worker), rank order."""

    customer: list[str]
    name: list[str]
    revenue: list[float]
    share: list[float]
    cumulative: list[float]
    klass: list[str]

    def __len__(self) -> int:
        return len(self.customer)


class ResultTable(KeyedTable):
    """Customers in rank order; filter by text and class without building 100,000 rows."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        # titles in the language in use: the table is made again when it changes
        super().__init__([replace(c, label=_(c.label)) for c in COLUMNS], id=id)
        self.data = CustomerColumns([], [], [], [], [], [])
        self.plan_of: dict[str, str] = {}
        self._row_of: dict[str, int] = {}
        self._made: dict[str, list[Cell]] = {}
        self.styles_by_class: dict[str, str] = {}

    def show(
        self, data: CustomerColumns, plan_of: dict[str, str], styles_by_class: dict[str, str]
    ) -> None:
        """Show a new result (all customers)."""
        self.data, self.plan_of, self.styles_by_class = data, plan_of, styles_by_class
        self._row_of = {c: i for i, c in enumerate(data.customer)}
        self._made.clear()
        self.set_keys(data.customer)

    def set_plans(self, plan_of: dict[str, str]) -> None:
        self.plan_of = plan_of
        self._made.clear()
        self._strips.clear()
        self.refresh()

    def filter(self, text: str, klass: str = "") -> int:
        """Show the customers whose id or name contains *text* and (if given) of *klass*."""
        needle = text.casefold()
        d = self.data
        keys = [
            c
            for c, n, k in zip(d.customer, d.name, d.klass, strict=True)
            if (not klass or k == klass)
            and (not needle or needle in c.casefold() or needle in n.casefold())
        ]
        self.set_keys(keys)
        return len(keys)

    def cells_for(self, key: str) -> Sequence[Cell]:
        cells = self._made.get(key)
        if cells is None:
            i = self._row_of[key]
            d = self.data
            plan = self.plan_of.get(key, "")
            cells = [
                Cell(str(i + 1)),
                Cell(d.customer[i]),
                Cell(d.name[i]),
                Cell(money(d.revenue[i])),
                Cell(percent(d.share[i], 1)),
                Cell(percent(d.cumulative[i], 1)),
                Cell(d.klass[i], style=self.styles_by_class.get(d.klass[i], "")),
                Cell(f"→ {plan}" if plan else "", style="bold" if plan else ""),
            ]
            if len(self._made) > 2048:
                self._made.clear()
            self._made[key] = cells
        return cells
