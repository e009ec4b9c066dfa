"""Step 1, "Where am I?": customer analysis, buying centre, accessibility, competitors, SWOT and
the whitespace map and the key success factors.

| Key | Action |
|---|---|
| `tab` / `shift+tab` | next / previous section |
| `enter` / `e` | edit the highlighted entry |
| `a` / `d` | add / delete (buying centre, competitors, SWOT items) |
| `g` | buying centre: flat, grouped by role, grouped by attitude |
| `m` | buying centre: the org chart (who reports to whom) and the coverage gaps |
| `w` / `enter` | whitespace map: open the grid of units × offerings |
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Static

from kamtui.plan import metrics, whitespace
from kamtui.plan.fields import FieldSpec, specs_for
from kamtui.plan.model import (
    AccountPlan,
    Attitude,
    CellStatus,
    Person,
    Rating,
    Role,
    Swot,
    Unit,
    WhereAmI,
)
from kamtui.text.format import compact_number, plural
from kamtui.tui.editing import COMPETITORS, PEOPLE, PlanEditor, Values
from kamtui.tui.panes.base import StepPane, section_title
from kamtui.tui.plan_cells import MISSING, day, dots, label, number, preview
from kamtui.tui.safe import Cell, assemble
from kamtui.tui.widgets.field_table import Entry, FieldTable
from kamtui.tui.widgets.keyed_table import ColumnSpec
from kamtui.tui.widgets.record_table import GROUP_PREFIX, RecordTable
from kamtui.tui.widgets.section_table import SectionTable

ANALYSIS_FIELDS = ("business", "priorities", "buying_motivation", "decision_process")
ANALYSIS_TITLES = {
    "business": "Business",
    "priorities": "Priorities",
    "buying_motivation": "Buying motivation",
    "decision_process": "Decision process",
    "relationship_level": "Relationship level",
}
ANALYSIS_INTRO = {
    "business": "What does the customer do, for whom, and how is its business going?",
    "priorities": "The customer's priorities and challenges this year.",
    "buying_motivation": "Why do they buy: price, security, innovation, service, image?",
    "decision_process": "How purchases are decided: who proposes, who approves, tenders, "
    "budget cycle.",
    "relationship_level": "Our relationship today, from vendor to strategic partner.",
}
ACCESS_INTRO = {
    "technical": "Does our offer fit the customer's technical maturity?",
    "economic": "Is the business financially sustainable for both sides?",
    "commercial": "Do we reach them through the right channels?",
}
GROUPINGS = ("flat", "role", "attitude")
SWOT_QUADRANTS = ("strengths", "weaknesses", "opportunities", "threats")
SWOT_TITLES = {
    "strengths": "Strengths",
    "weaknesses": "Weaknesses",
    "opportunities": "Opportunities",
    "threats": "Threats",
}


def _spec(name: str) -> list[FieldSpec]:
    return [s for s in specs_for(WhereAmI) if s.name == name]


def _analysis_entries() -> list[Entry]:
    return [
        Entry(
            name,
            ANALYSIS_TITLES[name],
            lambda p: p.where_am_i,
            _spec(name),
            ANALYSIS_INTRO[name],
        )
        for name in (*ANALYSIS_FIELDS, "relationship_level")
    ]


def _access_entries() -> list[Entry]:
    return [
        Entry(
            name,
            f"{name.capitalize()} accessibility",
            _rating_getter(name),
            specs_for(Rating),
            ACCESS_INTRO[name],
        )
        for name in metrics.ACCESSIBILITY
    ]


def _rating_getter(name: str) -> Callable[[AccountPlan], Any]:
    return lambda p: getattr(p.where_am_i.accessibility, name)


NAME_IN_A_LINE = 32
"""A person's name in a line of other content: cut to this many characters."""


class PeopleTable(RecordTable):
    BINDINGS = [
        Binding("g", "group", "Group", id="people.group"),
        Binding("m", "org_chart", "Org chart", id="people.org-chart"),
    ]
    grouping = "flat"

    def action_org_chart(self) -> None:
        """Who reports to whom and the coverage gaps (kamtui/tui/screens/org_chart.py)."""
        from kamtui.tui.screens.org_chart import OrgChartScreen

        self.app.push_screen(OrgChartScreen(self.editor))

    def action_group(self) -> None:
        self.grouping = GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)]
        self.editor.apply(lambda plan: None, "view")


class SwotList(SectionTable):
    """One SWOT quadrant: `a` adds an item, `enter` edits the whole list, `d` deletes one."""

    BINDINGS = [
        Binding("a", "add", "Add", id="swot.add"),
        Binding("enter,e", "edit", "Edit list", key_display="⏎", id="swot.edit"),
        Binding("d", "delete", "Delete", id="swot.delete"),
    ]

    def __init__(self, editor: PlanEditor, quadrant: str) -> None:
        super().__init__(
            [ColumnSpec("item", SWOT_TITLES[quadrant], 30)],
            empty="none yet: press a to add",
            flex="item",
            id=f"swot-{quadrant}",
        )
        self.editor = editor
        self.quadrant = quadrant
        self.spec = next(s for s in specs_for(Swot) if s.name == quadrant)

    def _items(self, plan: AccountPlan) -> list[str]:
        items: list[str] = getattr(plan.where_am_i.swot, self.quadrant)
        return items

    def action_add(self) -> None:
        spec = FieldSpec("item", SWOT_TITLES[self.quadrant], "line", required=True)

        def done(values: Values) -> None:
            self.editor.apply(lambda p: self._items(p).append(values["item"]), self.id or "")
            self.select_key(str(len(self._items(self.editor.plan)) - 1))

        self.editor.open_form(f"Add to {SWOT_TITLES[self.quadrant].lower()}", [spec], {}, done)

    def action_edit(self) -> None:
        def done(values: Values) -> None:
            def change(plan: AccountPlan) -> None:
                setattr(plan.where_am_i.swot, self.quadrant, values[self.quadrant])

            self.editor.apply(change, self.id or "")

        text = "\n".join(self._items(self.editor.plan))
        self.editor.open_form(
            f"SWOT: {SWOT_TITLES[self.quadrant].lower()} (one per line)",
            [self.spec],
            {self.quadrant: text},
            done,
        )

    def action_delete(self) -> None:
        key = self.selected_key
        if key is None:
            return
        index = int(key)
        item = self._items(self.editor.plan)[index]

        def done() -> None:
            self.editor.apply(lambda p: self._items(p).pop(index), self.id or "")

        self.editor.confirm(f"Delete '{item}'?", "Delete", done)


class UnitsTable(SectionTable):
    """The whitespace map in short: a row per unit; `w` or `enter` opens the grid
    (kamtui/tui/screens/whitespace.py), where it is edited."""

    BINDINGS = [
        Binding("w,enter", "open_map", "Whitespace map", key_display="w", id="units.open-map"),
    ]

    def __init__(self, editor: PlanEditor) -> None:
        super().__init__(
            [
                ColumnSpec("unit", "Unit", 20),
                ColumnSpec("ours", "● Ours", 6, right=True),
                ColumnSpec("revenue", "Revenue", 8, right=True),
                ColumnSpec("open", "◌ Open", 6, right=True),
                ColumnSpec("potential", "Potential", 9, right=True),
                ColumnSpec("competitor", "✖ Comp.", 7, right=True),
            ],
            empty="no unit yet: press w to open the map, then a to add one",
            flex="unit",
            id="units",
        )
        self.editor = editor

    def action_open_map(self) -> None:
        from kamtui.tui.screens.whitespace import WhitespaceScreen

        key = self.selected_key
        self.app.push_screen(WhitespaceScreen(self.editor, unit=key))


def _unit_cells(unit: Unit) -> list[Cell]:
    """A unit's cells in short: how many are ours (and their revenue), open (and their
    potential), a competitor's."""
    counts = dict.fromkeys(CellStatus, 0)
    revenue: float = 0
    potential: float = 0
    for cell in unit.cells.values():
        counts[cell.status] += 1
        if cell.status is CellStatus.OURS and cell.revenue is not None:
            revenue += cell.revenue
        elif cell.status is CellStatus.OPPORTUNITY and cell.potential is not None:
            potential += cell.potential
    ours, opened = counts[CellStatus.OURS], counts[CellStatus.OPPORTUNITY]
    return [
        Cell(unit.name),
        Cell(str(ours), style="green" if ours else ""),
        Cell(compact_number(revenue) if ours else MISSING),
        Cell(str(opened), style="yellow" if opened else ""),
        Cell(compact_number(potential) if opened else MISSING),
        Cell(str(counts[CellStatus.COMPETITOR])),
    ]


def _units_summary(plan: AccountPlan) -> list[str | tuple[str, str]]:
    """One line under the units: the map's totals over the cells filled in."""
    units = plan.where_am_i.units
    if not units:
        return [("Which units buy which offerings, from us or from whom: press w.", "dim")]
    t = whitespace.totals(plan, [whitespace.Column(o, o, whitespace.PLAN) for o in _filled(plan)])
    currency = plan.account.currency
    return [
        f"{plural(len(units), 'unit')} · ",
        (f"{t.won} ours", "bold"),
        f" ({compact_number(t.our_revenue)} {currency}) · ",
        (f"{t.open} open", "bold"),
        f" ({compact_number(t.open_potential)} {currency}) · ",
        (f"{t.competitor} a competitor's", "bold"),
    ]


def _filled(plan: AccountPlan) -> list[str]:
    """The offerings some cell of the plan names (the map's totals without offerings.toml)."""
    seen: dict[str, None] = {}
    for unit in plan.where_am_i.units.values():
        seen.update(dict.fromkeys(unit.cells))
    return list(seen)


class WhereAmIPane(StepPane):
    def __init__(self, editor: PlanEditor) -> None:
        super().__init__(editor, id="step-1")

    def compose(self) -> ComposeResult:
        yield section_title("Customer analysis")
        yield FieldTable(
            self.editor,
            _analysis_entries(),
            [ColumnSpec("field", "Question", 18), ColumnSpec("answer", "Answer", 50)],
            id="analysis",
        )
        yield section_title("Buying centre")
        yield PeopleTable(
            self.editor,
            PEOPLE,
            [
                ColumnSpec("name", "Name", 14),
                ColumnSpec("role", "Role", 13),
                ColumnSpec("influence", "Infl.", 4),
                ColumnSpec("attitude", "Attitude", 9),
                ColumnSpec("orientation", "Orient.", 9),
                ColumnSpec("relationship", "Rel", 3, right=True),
                ColumnSpec("contact", "Contact", 10),
            ],
            id="people",
            flex="name",
        )
        yield Static("", id="people-gaps", classes="section-note")
        yield section_title("Accessibility")
        yield FieldTable(
            self.editor,
            _access_entries(),
            [
                ColumnSpec("kind", "Kind", 10),
                ColumnSpec("rating", "Rating", 7),
                ColumnSpec("note", "Note", 50),
            ],
            id="access",
            flex="note",
        )
        yield Static("", id="access-verdict", classes="section-note")
        yield section_title("Competitors")
        yield RecordTable(
            self.editor,
            COMPETITORS,
            [
                ColumnSpec("name", "Competitor", 14),
                ColumnSpec("share", "Share", 5, right=True),
                ColumnSpec("strengths", "Strengths", 15),
                ColumnSpec("weaknesses", "Weaknesses", 15),
                ColumnSpec("positioning", "Our positioning", 17),
            ],
            id="competitors",
            flex="positioning",
        )
        yield section_title("SWOT")
        with Grid(id="swot"):
            for quadrant in SWOT_QUADRANTS:
                yield SwotList(self.editor, quadrant)
        yield section_title("Whitespace map")
        yield UnitsTable(self.editor)
        yield Static("", id="units-summary", classes="section-note")
        yield section_title("Key success factors")
        yield Static("", id="success-factors", classes="section-note")

    def on_mount(self) -> None:
        self.show(self.editor.plan)

    def show(self, plan: AccountPlan, what: str = "all") -> None:
        w = plan.where_am_i
        today = self.editor.today()
        self.query_one("#analysis", FieldTable).show_rows(
            [
                (name, [Cell(ANALYSIS_TITLES[name]), Cell(preview(getattr(w, name)) or MISSING)])
                for name in ANALYSIS_FIELDS
            ]
            + [
                (
                    "relationship_level",
                    [Cell("Relationship level"), Cell(label(w.relationship_level))],
                )
            ]
        )
        people = self.query_one("#people", PeopleTable)
        people.show_rows(_people_rows(w.buying_centre, people.grouping))
        gaps = metrics.relationship_gaps(plan, today, name_width=NAME_IN_A_LINE)
        self.query_one("#people-gaps", Static).update(
            assemble(("⚠ ", "bold"), " · ".join(gaps)) if gaps else assemble("✔ no gaps")
        )
        self.query_one("#access", FieldTable).show_rows(
            [
                (
                    name,
                    [
                        Cell(name),
                        Cell(dots(getattr(w.accessibility, name).rating)),
                        Cell(preview(getattr(w.accessibility, name).note) or MISSING),
                    ],
                )
                for name in metrics.ACCESSIBILITY
            ]
        )
        verdict = metrics.accessibility_verdict(w.accessibility)
        self.query_one("#access-verdict", Static).update(
            assemble(("Verdict: ", "bold"), verdict.describe())
        )
        self.query_one("#competitors", RecordTable).show_rows(
            [
                (
                    cid,
                    [
                        Cell(c.name),
                        Cell(
                            MISSING
                            if c.share_of_wallet is None
                            else f"{number(c.share_of_wallet)}%"
                        ),
                        Cell("; ".join(c.strengths) or MISSING),
                        Cell("; ".join(c.weaknesses) or MISSING),
                        Cell(preview(c.positioning) or MISSING),
                    ],
                )
                for cid, c in w.competitors.items()
            ]
        )
        for quadrant in SWOT_QUADRANTS:
            items = getattr(w.swot, quadrant)
            self.query_one(f"#swot-{quadrant}", SwotList).show_rows(
                [(str(i), [Cell(item)]) for i, item in enumerate(items)]
            )
        self.query_one("#units", UnitsTable).show_rows(
            [(uid, _unit_cells(unit)) for uid, unit in w.units.items()]
        )
        self.query_one("#units-summary", Static).update(assemble(*_units_summary(plan)))
        parts: list[str | tuple[str, str]] = []
        for text, ok in metrics.success_factors(plan):
            parts += [("✔ " if ok else "✘ ", "bold" if ok else "dim"), text + "\n"]
        self.query_one("#success-factors", Static).update(assemble(*parts).rstrip())


def _person_cells(p: Person) -> list[Cell]:
    return [
        Cell(p.name),
        Cell(label(p.role)),
        Cell({"high": "high", "medium": "med", "low": "low"}.get(p.influence or "", MISSING)),
        Cell(label(p.attitude)),
        Cell(label(p.orientation)),
        Cell(MISSING if p.relationship is None else f"{p.relationship}/5"),
        Cell(day(p.last_contact)),
    ]


def _people_rows(people: dict[str, Person], grouping: str) -> list[tuple[str, list[Cell]]]:
    if grouping == "flat":
        return [(pid, _person_cells(p)) for pid, p in people.items()]
    groups: dict[str, list[str]] = defaultdict(list)
    for pid, p in people.items():
        value = getattr(p, grouping)
        groups[value.value if value else "not set"].append(pid)
    order = _group_order(grouping)
    rows: list[tuple[str, list[Cell]]] = []
    for name in sorted(groups, key=lambda g: order.index(g) if g in order else len(order)):
        members = groups[name]
        rows.append((f"{GROUP_PREFIX}{name}", _heading(grouping, name, len(members))))
        rows += [(pid, _person_cells(people[pid])) for pid in members]
    if grouping == "role" and not any(n in groups for n in ("decision-maker", "economic-buyer")):
        rows.insert(0, (f"{GROUP_PREFIX}missing", _heading(grouping, "decision-maker", 0)))
    return rows


def _heading(grouping: str, name: str, count: int) -> list[Cell]:
    """A group heading row: the count under Name, the group under its own column."""
    cells = [Cell("", style="bold") for _ in range(7)]
    cells[0] = Cell(f"▸ {count} {'person' if count == 1 else 'people'}", style="bold")
    cells[1 if grouping == "role" else 3] = Cell(name.replace("-", " "), style="bold")
    return cells


def _group_order(grouping: str) -> list[str]:
    enum: type[Role] | type[Attitude] = Role if grouping == "role" else Attitude
    return [m.value for m in enum] + ["not set"]
