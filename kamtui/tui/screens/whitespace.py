"""The whitespace map: the customer's units (rows) × our offerings (columns), and who serves each.

| Key | Action |
|---|---|
| `↑` `↓` `←` `→` | move the cell cursor |
| `home` / `end` | first / last offering of the row |
| `pageup` / `pagedown` | a page of units up / down |
| `enter` / `e` | edit the cell: status, revenue, competitor, potential, note |
| `a` | add a unit (a row) or an offering of this plan (a column) |
| `d` | delete the unit or the offering under the cursor (asks first) |
| `o` | on an open opportunity: make the objective to win it (step 2), linked to the cell |
| `escape` | back to the account (`ctrl+s` there saves) |

Opened with `w` (or `enter`) on the whitespace map section of step 1 (kamtui/tui/panes/
where_am_i.py). Edits go to the account screen's working copy, like every edit there. The
columns are the workspace's offerings (``offerings.toml``, read in a worker when the screen
opens: kamtui/store/offerings.py), then the plan's own; the rules are kamtui/plan/whitespace.py.

Each cell shows its status as a symbol (``●`` ours, ``✖`` a competitor's, ``◌`` an open
opportunity, ``·`` not relevant, ``?`` unknown) as well as a colour, so the grid reads without
colour, and a short value: our revenue, the opportunity's potential or the competitor's name.

The grid itself, and why a cursor move costs two lines: kamtui/tui/widgets/whitespace_grid.py.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from kamtui.plan import whitespace
from kamtui.plan.fields import FieldSpec, apply_values, read_values, specs_for
from kamtui.plan.model import AccountPlan, Cell, CellStatus, Offering
from kamtui.plan.whitespace import SYMBOLS, WORKSPACE, Column
from kamtui.text.format import format_count, percent, short_amount
from kamtui.text.i18n import N_, ngettext, pgettext
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line
from kamtui.tui.editing import PlanEditor, Values
from kamtui.tui.kam import KamScreen
from kamtui.tui.safe import assemble
from kamtui.tui.widgets.key_bar import KeyBar
from kamtui.tui.widgets.whitespace_grid import (
    STATUS_STYLES,
    WhitespaceGrid,
    grid_data,
    status_words,
)

if TYPE_CHECKING:
    from kamtui.store.offerings import WorkspaceOfferings


def cell_specs() -> list[FieldSpec]:
    """A cell's form fields, in the language in use."""
    return specs_for(Cell)


NAME_SPEC = FieldSpec("name", N_("Name"), "line", required=True)


class WhitespaceScreen(KamScreen[None]):
    """See the module docstring for the keys."""

    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"), id="whitespace.back")]
    DEFAULT_CSS = """
    WhitespaceScreen #ws-totals { padding: 0 1; background: $boost; }
    WhitespaceScreen #ws-detail { padding: 0 1; height: 2; }
    """

    def __init__(self, editor: PlanEditor, *, unit: str | None = None) -> None:
        super().__init__()
        self.editor = editor
        self.start_unit = unit
        """The unit to put the cursor on first (the one highlighted in the account)."""
        self.offerings: dict[str, Offering] = {}
        """The workspace's (offerings.toml), once read."""
        self.offerings_read = False
        self.columns: list[Column] = []

    @property
    def plan(self) -> AccountPlan:
        return self.editor.plan

    @property
    def grid(self) -> WhitespaceGrid:
        return self.query_one(WhitespaceGrid)

    def compose(self) -> ComposeResult:
        name = self.plan.account.name or self.plan.id
        yield Static(
            assemble(
                (
                    " " + _("Whitespace map of {name}").format(name=one_line(name)) + " ",
                    "bold reverse",
                ),
                "  " + _("units × offerings"),
            ),
            id="ws-title",
        )
        yield WhitespaceGrid(id="ws-grid")
        yield Static("", id="ws-detail")
        yield Static("", id="ws-totals")
        yield KeyBar(follow_focus=True, first=("whitespace.back",))

    def on_mount(self) -> None:
        self.grid.on_cursor = self._detail
        self.show(unit=self.start_unit)
        self.grid.focus()
        self._read_offerings(self.kam.workspace.root)

    def relabelling(self) -> tuple[str | None, str | None]:
        """The language changes: the cell under the cursor (unit, offering)."""
        grid = self.grid
        column = grid.column
        return grid.unit_id, column.id if column is not None else None

    def relabelled(self, kept: tuple[str | None, str | None]) -> None:
        """Composed again in the new language: the map as it was, the cursor on its cell."""
        unit, offering = kept
        self.grid.on_cursor = self._detail
        self.show(unit=unit, offering=offering)
        self.grid.focus()

    def plan_replaced(self) -> None:
        """The account read its file again (kamtui/tui/screens/account.py): draw the new
        working copy, the cursor on the same cell if it is still there (the grid keeps it)."""
        self.show()

    # -- the workspace's offerings ---------------------------------------------------------

    @work(thread=True, group="offerings", exit_on_error=False, description="read offerings.toml")
    def _read_offerings(self, root: Path) -> None:
        from kamtui.store.offerings import read_offerings

        found = read_offerings(root)
        self.app.call_from_thread(self._offerings_arrived, found)

    def _offerings_arrived(self, found: WorkspaceOfferings) -> None:
        self.offerings = found.offerings
        self.offerings_read = True
        if found.problems:
            said = found.problems[0].format(self.kam.workspace.root)
            more = len(found.problems) - 1
            also = ngettext(
                " (and {count} more problem)", " (and {count} more problems)", more
            ).format(count=format_count(more))
            self.kam.say(
                said + (also if more else ""),
                title="offerings.toml",
                severity="warning",
                timeout=15,
            )
        # the workspace's offerings come first: the cursor goes to the first column, unless
        # the user moved it meanwhile
        self.show(first_offering=self.grid.col == 0)

    # -- drawing ---------------------------------------------------------------------------

    def show(
        self, *, unit: str | None = None, offering: str | None = None, first_offering: bool = False
    ) -> None:
        """Draw the working copy's map (after an edit, or once the offerings are read); the
        cursor on *unit* and *offering* when given, else where it was (WhitespaceGrid.show), or
        on the first offering with *first_offering*."""
        self.columns = whitespace.columns(self.plan, self.offerings)
        if first_offering and self.columns:
            offering = self.columns[0].id
        grid = self.grid
        if not self.plan.where_am_i.units:
            grid.empty_hint = _(
                "No units yet: press a to add a unit (a business unit, site or division)."
            )
        elif not self.columns:
            grid.empty_hint = ""
        grid.show(grid_data(self.plan, self.columns), unit=unit, offering=offering)
        self._totals()

    def _totals(self) -> None:
        t = whitespace.totals(self.plan, self.columns)
        currency = one_line(self.plan.account.currency)
        parts: list[str | tuple[str, str]] = []
        if not self.columns:
            parts.append(
                (
                    _(
                        "No offerings: press a to add one, or list the workspace's in "
                        "offerings.toml."
                    )
                    + " ",
                    "dim",
                )
            )
        relevant = ngettext(
            "of {count} relevant cell", "of {count} relevant cells", t.relevant
        ).format(count=format_count(t.relevant))
        parts += [
            (f"{SYMBOLS[CellStatus.OURS]} " + _("won") + " ", "green"),
            (f"{t.won}/{t.cells}", "bold"),
            " · "
            + _("our revenue {amount} {currency}").format(
                amount=short_amount(t.our_revenue), currency=currency
            ),
            (f"  {SYMBOLS[CellStatus.OPPORTUNITY]} " + pgettext("cells", "open") + " ", "yellow"),
            (f"{t.open}", "bold"),
            " · "
            + _("potential {amount} {currency}").format(
                amount=short_amount(t.open_potential), currency=currency
            ),
            (f"  {SYMBOLS[CellStatus.COMPETITOR]} " + _("competitors") + " ", "red"),
            (percent(t.competitor_share), "bold"),
            " " + relevant,
        ]
        if not self.offerings_read:
            parts.append(("  " + _("reading offerings.toml…"), "dim"))
        self.query_one("#ws-totals", Static).update(assemble(*parts))

    def _detail(self) -> None:
        """The cell under the cursor in full; called on every cursor move (cheap: one Static
        updated without a layout)."""
        grid = self.grid
        uid, column = grid.unit_id, grid.column
        box = self.query_one("#ws-detail", Static)
        if uid is None or column is None:
            box.update("", layout=False)
            return
        plan = self.plan
        unit = plan.where_am_i.units[uid]
        cell = whitespace.cell_at(plan, uid, column.id)
        status = cell.status
        parts: list[str | tuple[str, str]] = [
            (one_line(unit.name or uid), "bold"),
            ("  ×  ", "dim"),
            (one_line(column.name), "bold"),
        ]
        if column.scope == WORKSPACE:
            parts.append((" " + _("(workspace)"), "dim"))
        elif column.scope == whitespace.STRAY:
            parts.append((" " + _("(no such offering)"), "dim"))
        parts += ["\n", (f"{SYMBOLS[status]} {status_words(status)}", STATUS_STYLES[status])]
        currency = one_line(plan.account.currency)
        if cell.revenue is not None:
            parts.append(
                " · "
                + _("revenue {amount} {currency}").format(
                    amount=short_amount(cell.revenue), currency=currency
                )
            )
        if cell.competitor:
            name = whitespace.competitor_name(plan, cell.competitor)
            parts += [" · " + _("competitor") + " ", one_line(name)]
        if cell.potential is not None:
            parts.append(
                " · "
                + _("potential {amount} {currency}").format(
                    amount=short_amount(cell.potential), currency=currency
                )
            )
        if cell.note.strip():
            parts += [" · ", (_("note") + " ", "dim"), one_line(cell.note)]
        linked = whitespace.linked_objective(plan, uid, column.id)
        if linked is not None:
            title = plan.where_to_go.objectives[linked].title or linked
            parts += [" · ", (_("objective") + " ", "dim"), one_line(title)]
        box.update(assemble(*parts), layout=False)

    # -- editing ---------------------------------------------------------------------------

    def _ready(self) -> bool:
        if not self.offerings_read:
            self.kam.say(_("Still reading offerings.toml: try again in a moment."))
        return self.offerings_read

    def edit_cell(self) -> None:
        grid = self.grid
        uid, column = grid.unit_id, grid.column
        if uid is None or column is None:
            if self._ready():
                self.add()
            return
        plan = self.plan
        cell = whitespace.cell_at(plan, uid, column.id)
        competitors = [
            (cid, one_line(whitespace.competitor_name(plan, cid)))
            for cid in plan.where_am_i.competitors
        ]
        if cell.competitor and cell.competitor not in plan.where_am_i.competitors:
            competitors.append(
                (cell.competitor, _("{id} (not in this plan)").format(id=cell.competitor))
            )
        oid = column.id

        def done(values: Values) -> None:
            def change(plan: AccountPlan) -> None:
                if uid not in plan.where_am_i.units:
                    return
                new = copy.deepcopy(whitespace.cell_at(plan, uid, oid))
                apply_values(new, {**values, "competitor": values.get("competitor") or ""})
                whitespace.set_cell(plan, uid, oid, new)

            self.editor.apply(change, "units")
            self.show()

        unit_name = plan.where_am_i.units[uid].name or uid
        specs = cell_specs()
        self.editor.open_form(
            f"{one_line(unit_name)} × {one_line(column.name)}",
            specs,
            read_values(cell, specs),
            done,
            intro=_(
                "Revenue: what they buy from us a year; potential: an opportunity's estimate. "
                "The competitor is one of the plan's (add them in step 1)."
            ),
            choices={"competitor": competitors},
        )

    def add(self) -> None:
        if not self._ready():
            return
        from kamtui.tui.screens.dialogs import ChoiceDialog

        def answer(choice: str | None) -> None:
            if choice == "u":
                self._add_unit()
            elif choice == "o":
                self._add_offering()

        self.app.push_screen(
            ChoiceDialog(
                _(
                    "Add a unit (a row: a business unit, site or division of the customer) or "
                    "an offering of this plan only (a column)?"
                ),
                [("u", _("Unit")), ("o", _("Offering"))],
                title=_("Add"),
            ),
            answer,
        )

    def _add_unit(self) -> None:
        def done(values: Values) -> None:
            added: list[str] = []
            self.editor.apply(
                lambda plan: added.append(whitespace.add_unit(plan, values["name"])), "units"
            )
            self.show(unit=added[0])

        self.editor.open_form(_("New unit"), [NAME_SPEC], {}, done)

    def _add_offering(self) -> None:
        workspace = self.offerings

        def done(values: Values) -> None:
            added: list[str] = []
            self.editor.apply(
                lambda plan: added.append(whitespace.add_offering(plan, values["name"], workspace)),
                "units",
            )
            self.show(offering=added[0])

        self.editor.open_form(
            _("New offering of this plan"),
            [NAME_SPEC],
            {},
            done,
            intro=_("A column of this plan only; the workspace's offerings are in offerings.toml."),
        )

    def delete(self) -> None:
        if not self._ready():
            return
        grid = self.grid
        uid, column = grid.unit_id, grid.column
        if uid is None and column is None:
            return
        from kamtui.tui.screens.dialogs import ChoiceDialog

        choices: list[tuple[str, str]] = []
        if uid is not None:
            name = one_line(self.plan.where_am_i.units[uid].name or uid)
            choices.append(("u", _("Unit {name}").format(name=name)))
        if column is not None:
            choices.append(("o", _("Offering {name}").format(name=one_line(column.name))))

        def answer(choice: str | None) -> None:
            if choice == "u" and uid is not None:
                self._delete_unit(uid)
            elif choice == "o" and column is not None:
                self._delete_offering(column)

        self.app.push_screen(ChoiceDialog(_("Delete which?"), choices, title=_("Delete")), answer)

    def _delete_unit(self, uid: str) -> None:
        unit = self.plan.where_am_i.units[uid]

        def done() -> None:
            self.editor.apply(lambda plan: whitespace.delete_unit(plan, uid), "units")
            self.show()

        filled = len(unit.cells)
        name = one_line(unit.name or uid)
        if filled:
            question = ngettext(
                "Delete unit '{name}' and its {count} filled cell? "
                "Objectives made from its cells stay, unlinked.",
                "Delete unit '{name}' and its {count} filled cells? "
                "Objectives made from its cells stay, unlinked.",
                filled,
            ).format(name=name, count=format_count(filled))
        else:
            question = _(
                "Delete unit '{name}'? Objectives made from its cells stay, unlinked."
            ).format(name=name)
        self.editor.confirm(question, _("Delete"), done)

    def _delete_offering(self, column: Column) -> None:
        if column.scope == WORKSPACE:
            self.kam.say(
                _(
                    "'{name}' is a workspace offering: it lives in offerings.toml, shared "
                    "by every plan. Remove it there."
                ).format(name=column.name),
                title=_("Not deleted"),
            )
            return
        filled = sum(1 for u in self.plan.where_am_i.units.values() if column.id in u.cells)

        def done() -> None:
            self.editor.apply(lambda plan: whitespace.delete_offering(plan, column.id), "units")
            self.show()

        name = one_line(column.name)
        if filled:
            question = ngettext(
                "Delete offering '{name}' from this plan and its {count} filled cell? "
                "Objectives made from its cells stay, unlinked.",
                "Delete offering '{name}' from this plan and its {count} filled cells? "
                "Objectives made from its cells stay, unlinked.",
                filled,
            ).format(name=name, count=format_count(filled))
        else:
            question = _(
                "Delete offering '{name}' from this plan? "
                "Objectives made from its cells stay, unlinked."
            ).format(name=name)
        self.editor.confirm(question, _("Delete"), done)

    def objective(self) -> None:
        grid = self.grid
        uid, column = grid.unit_id, grid.column
        if uid is None or column is None:
            return
        plan = self.plan
        cell = whitespace.cell_at(plan, uid, column.id)
        if cell.status is not CellStatus.OPPORTUNITY:
            self.kam.say(
                _("This cell is {status}: only an open opportunity (◌) makes an objective.").format(
                    status=status_words(cell.status)
                )
            )
            return
        linked = whitespace.linked_objective(plan, uid, column.id)
        if linked is not None:
            title = plan.where_to_go.objectives[linked].title or linked
            self.kam.say(
                _("Already linked to the objective '{title}' (step 2).").format(title=title)
            )
            return
        made: list[str] = []
        name = column.name
        self.editor.apply(
            lambda plan: made.append(
                whitespace.objective_from_opportunity(plan, uid, column.id, name)
            ),
            "objectives",
        )
        title = self.plan.where_to_go.objectives[made[0]].title
        self.kam.say(_("Objective added (step 2): {title}").format(title=title))
        self.show()
