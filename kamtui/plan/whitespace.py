"""The whitespace map: the customer's units (rows) × our offerings (columns), and who serves each.

Headless: the TUI's grid (kamtui/tui/screens/whitespace.py), the exports and the metrics use
it. A plan stores its units in ``where_am_i.units``, each with its cells keyed by offering id
(one TOML table per cell, so two people filling different cells merge cleanly); the columns
are the workspace's offerings (``offerings.toml``, kamtui/store/offerings.py), then the plan's
own, then any offering a cell names that neither holds (kept and shown, so nothing typed by
hand is hidden). A cell that is not there is *unknown*. Rules in docs/whitespace.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from kamtui.plan.model import (
    AccountPlan,
    Cell,
    CellStatus,
    Horizon,
    Number,
    Objective,
    Offering,
    Unit,
)
from kamtui.text.format import short_amount
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line
from kamtui.text.slugs import unique_id

SYMBOLS = {
    CellStatus.OURS: "●",
    CellStatus.COMPETITOR: "✖",
    CellStatus.OPPORTUNITY: "◌",
    CellStatus.NOT_RELEVANT: "·",
    CellStatus.UNKNOWN: "?",
}
"""One symbol per status, so that the grid reads without colour."""

WORKSPACE = "workspace"
PLAN = "plan"
STRAY = "stray"


@dataclass(frozen=True, slots=True)
class Column:
    """One offering of the map."""

    id: str
    name: str
    scope: str
    """:data:`WORKSPACE` (offerings.toml), :data:`PLAN` (the plan's own) or :data:`STRAY` (a
    cell names it, nothing defines it)."""


def columns(plan: AccountPlan, workspace: Mapping[str, Offering]) -> list[Column]:
    """The map's columns in order: the workspace's offerings, the plan's own, then strays."""
    out = [Column(oid, o.name or oid, WORKSPACE) for oid, o in workspace.items()]
    seen = set(workspace)
    for oid, o in plan.where_am_i.offerings.items():
        if oid not in seen:
            out.append(Column(oid, o.name or oid, PLAN))
            seen.add(oid)
    for unit in plan.where_am_i.units.values():
        for oid in unit.cells:
            if oid not in seen:
                out.append(Column(oid, oid, STRAY))
                seen.add(oid)
    return out


def cell_at(plan: AccountPlan, unit_id: str, offering_id: str) -> Cell:
    """The cell of a unit and an offering; an unknown one when the plan has none."""
    unit = plan.where_am_i.units.get(unit_id)
    cell = unit.cells.get(offering_id) if unit else None
    return cell if cell is not None else Cell()


def competitor_name(plan: AccountPlan, cid: str) -> str:
    """A competitor's name as shown (as typed: not yet one line); its id when the plan has no
    such competitor or it has no name."""
    competitor = plan.where_am_i.competitors.get(cid)
    return competitor.name or cid if competitor else cid


def cell_value(plan: AccountPlan, cell: Cell | None) -> str:
    """The short value a cell shows after its symbol (the TUI's grid, the Markdown export): our
    revenue, the opportunity's potential, the competitor's name (one line); nothing otherwise."""
    if cell is None:
        return ""
    if cell.status is CellStatus.OURS and cell.revenue is not None:
        return short_amount(cell.revenue)
    if cell.status is CellStatus.OPPORTUNITY and cell.potential is not None:
        return short_amount(cell.potential)
    if cell.status is CellStatus.COMPETITOR and cell.competitor:
        return one_line(competitor_name(plan, cell.competitor))
    return ""


def cell_text(plan: AccountPlan, cell: Cell | None) -> tuple[str, CellStatus]:
    """What a cell of the grid reads (symbol and value, one line) and its status."""
    status = cell.status if cell is not None else CellStatus.UNKNOWN
    value = cell_value(plan, cell)
    return (f"{SYMBOLS[status]} {value}" if value else SYMBOLS[status]), status


def is_blank(cell: Cell) -> bool:
    """Unknown and nothing else said: the same as no cell at all (never written)."""
    return (
        cell.status is CellStatus.UNKNOWN
        and cell.revenue is None
        and cell.potential is None
        and not cell.competitor
        and not cell.note.strip()
        and not cell.extra
    )


def set_cell(plan: AccountPlan, unit_id: str, offering_id: str, cell: Cell) -> None:
    """Put *cell* in the map; a blank cell is removed, so an untouched cell writes nothing."""
    cells = plan.where_am_i.units[unit_id].cells
    if is_blank(cell):
        cells.pop(offering_id, None)
    else:
        cells[offering_id] = cell


def add_unit(plan: AccountPlan, name: str) -> str:
    """A new row; returns its id (a slug of the name, unique in the plan)."""
    units = plan.where_am_i.units
    uid = unique_id(name, units, fallback="unit")
    units[uid] = Unit(name=name)
    return uid


def add_offering(plan: AccountPlan, name: str, workspace: Mapping[str, Offering]) -> str:
    """A new column of this plan only; its id is unique among the workspace's and the plan's
    offerings and the ones cells name."""
    taken = {c.id for c in columns(plan, workspace)}
    oid = unique_id(name, taken, fallback="offering")
    plan.where_am_i.offerings[oid] = Offering(name=name)
    return oid


def delete_unit(plan: AccountPlan, unit_id: str) -> None:
    """Remove a row and its cells; objectives made from them stay, unlinked."""
    del plan.where_am_i.units[unit_id]
    _unlink(plan, lambda unit, _offering: unit == unit_id)


def delete_offering(plan: AccountPlan, offering_id: str) -> None:
    """Remove a column from this plan: its own offering and every cell of it; objectives made
    from those cells stay, unlinked. A workspace offering stays a column (offerings.toml)."""
    plan.where_am_i.offerings.pop(offering_id, None)
    for unit in plan.where_am_i.units.values():
        unit.cells.pop(offering_id, None)
    _unlink(plan, lambda _unit, offering: offering == offering_id)


def _unlink(plan: AccountPlan, gone: Callable[[str, str], bool]) -> None:
    for objective in plan.where_to_go.objectives.values():
        unit, _sep, offering = objective.opportunity.partition("/")
        if objective.opportunity and gone(unit, offering):
            objective.opportunity = ""


def linked_objective(plan: AccountPlan, unit_id: str, offering_id: str) -> str | None:
    """The id of an objective made from this cell, if any."""
    ref = f"{unit_id}/{offering_id}"
    for oid, objective in plan.where_to_go.objectives.items():
        if objective.opportunity == ref:
            return oid
    return None


def objective_from_opportunity(
    plan: AccountPlan, unit_id: str, offering_id: str, offering_name: str
) -> str:
    """A new short-term objective to win an open opportunity, linked to its cell; its target
    is the estimated potential. Returns the objective's id."""
    unit = plan.where_am_i.units[unit_id]
    cell = cell_at(plan, unit_id, offering_id)
    where = unit.name or unit_id
    title = _("Win {offering} at {unit}").format(offering=offering_name, unit=where)
    objective = Objective(
        title=title,
        horizon=Horizon.SHORT,
        metric=_("Yearly revenue from {offering} at {unit}").format(
            offering=offering_name, unit=where
        ),
        unit=plan.account.currency,
        baseline=0 if cell.potential is not None else None,
        target=cell.potential,
        opportunity=f"{unit_id}/{offering_id}",
    )
    objectives = plan.where_to_go.objectives
    oid = unique_id(title, objectives, fallback="objective")
    objectives[oid] = objective
    return oid


@dataclass(frozen=True, slots=True)
class Totals:
    """What the map adds up to."""

    cells: int
    """Units × offerings."""
    won: int
    """Cells that are ours."""
    our_revenue: Number
    open: int
    """Open opportunities."""
    open_potential: Number
    competitor: int
    """Cells a competitor holds."""
    unknown: int
    """Cells nobody has filled in."""

    @property
    def relevant(self) -> int:
        """Cells someone could serve: ours, a competitor's or open."""
        return self.won + self.competitor + self.open

    @property
    def competitor_share(self) -> float | None:
        """The competitors' cells among the relevant ones; ``None`` when there are none."""
        return self.competitor / self.relevant if self.relevant else None


def tally(cells: Iterable[Cell]) -> Totals:
    """What some cells add up to (a unit's, the whole map's); :attr:`Totals.cells` is how many
    were given."""
    counts = dict.fromkeys(CellStatus, 0)
    revenue: Number = 0
    potential: Number = 0
    n = 0
    for cell in cells:
        n += 1
        counts[cell.status] += 1
        if cell.status is CellStatus.OURS and cell.revenue is not None:
            revenue += cell.revenue
        elif cell.status is CellStatus.OPPORTUNITY and cell.potential is not None:
            potential += cell.potential
    return Totals(
        cells=n,
        won=counts[CellStatus.OURS],
        our_revenue=revenue,
        open=counts[CellStatus.OPPORTUNITY],
        open_potential=potential,
        competitor=counts[CellStatus.COMPETITOR],
        unknown=counts[CellStatus.UNKNOWN],
    )


def totals(plan: AccountPlan, cols: list[Column]) -> Totals:
    """The map's totals over *cols*: every unit × offering, a cell not there counted unknown."""
    blank = Cell()
    return tally(
        unit.cells.get(c.id, blank) for unit in plan.where_am_i.units.values() for c in cols
    )


def known_cells(plan: AccountPlan) -> int:
    """Cells of the plan that say something (whatever the columns)."""
    return sum(
        1
        for unit in plan.where_am_i.units.values()
        for cell in unit.cells.values()
        if cell.status is not CellStatus.UNKNOWN
    )


def competitors_placed(plan: AccountPlan) -> bool:
    """The map says where a named competitor serves the customer: part of knowing our
    positioning against them (a key success factor, kamtui/plan/metrics.py)."""
    return any(
        cell.status is CellStatus.COMPETITOR and cell.competitor
        for unit in plan.where_am_i.units.values()
        for cell in unit.cells.values()
    )
