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

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Static

from kamtui.plan import metrics, whitespace
from kamtui.plan.fields import FieldSpec, specs_for
from kamtui.plan.model import (
    AccountPlan,
    Attitude,
    Person,
    Rating,
    Role,
    Swot,
    Unit,
    WhereAmI,
)
from kamtui.text.format import format_number, short_amount, value_words
from kamtui.text.i18n import N_, ngettext, pgettext
from kamtui.text.i18n import gettext as _
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
    "business": N_("Business"),
    "priorities": N_("Priorities"),
    "buying_motivation": N_("Buying motivation"),
    "decision_process": N_("Decision process"),
    "relationship_level": N_("Relationship level"),
}
ANALYSIS_INTRO = {
    "business": N_("What does the customer do, for whom, and how is its business going?"),
    "priorities": N_("The customer's priorities and challenges this year."),
    "buying_motivation": N_("Why do they buy: price, security, innovation, service, image?"),
    "decision_process": N_(
        "How purchases are decided: who proposes, who approves, tenders, budget cycle."
    ),
    "relationship_level": N_("Our relationship today, from vendor to strategic partner."),
}
ACCESS_TITLES = {
    "technical": N_("Technical accessibility"),
    "economic": N_("Economic accessibility"),
    "commercial": N_("Commercial accessibility"),
}
ACCESS_KINDS = {
    "technical": N_("technical"),
    "economic": N_("economic"),
    "commercial": N_("commercial"),
}
"""The kind of accessibility as its row shows it (a word of the plan file in English)."""
ACCESS_INTRO = {
    "technical": N_("Does our offer fit the customer's technical maturity?"),
    "economic": N_("Is the business financially sustainable for both sides?"),
    "commercial": N_("Do we reach them through the right channels?"),
}
GROUPINGS = ("flat", "role", "attitude")
SWOT_QUADRANTS = ("strengths", "weaknesses", "opportunities", "threats")
SWOT_TITLES = {
    "strengths": N_("Strengths"),
    "weaknesses": N_("Weaknesses"),
    "opportunities": N_("Opportunities"),
    "threats": N_("Threats"),
}
ADD_TO = {
    "strengths": N_("Add to strengths"),
    "weaknesses": N_("Add to weaknesses"),
    "opportunities": N_("Add to opportunities"),
    "threats": N_("Add to threats"),
}
EDIT_LIST = {
    "strengths": N_("SWOT: strengths (one per line)"),
    "weaknesses": N_("SWOT: weaknesses (one per line)"),
    "opportunities": N_("SWOT: opportunities (one per line)"),
    "threats": N_("SWOT: threats (one per line)"),
}


def _spec(name: str) -> list[FieldSpec]:
    return [s for s in specs_for(WhereAmI) if s.name == name]


def _analysis_entries() -> list[Entry]:
    return [
        Entry(
            name,
            _(ANALYSIS_TITLES[name]),
            lambda p: p.where_am_i,
            _spec(name),
            _(ANALYSIS_INTRO[name]),
        )
        for name in (*ANALYSIS_FIELDS, "relationship_level")
    ]


def _question_width() -> int:
    """The analysis's question column: 18 cells, or the longest question's width."""
    return max(18, *(cell_len(_(title)) for title in ANALYSIS_TITLES.values()))


def _kind_width() -> int:
    """The accessibility's kind column: 10 cells, or the longest kind's width."""
    return max(10, *(cell_len(_(kind)) for kind in ACCESS_KINDS.values()))


def _access_entries() -> list[Entry]:
    return [
        Entry(
            name,
            _(ACCESS_TITLES[name]),
            _rating_getter(name),
            specs_for(Rating),
            _(ACCESS_INTRO[name]),
        )
        for name in metrics.ACCESSIBILITY
    ]


def _rating_getter(name: str) -> Callable[[AccountPlan], Any]:
    return lambda p: getattr(p.where_am_i.accessibility, name)


NOT_SET = N_("not set")
"""The group of the people whose role (or attitude) is not set."""

NAME_IN_A_LINE = 32
"""A person's name in a line of other content: cut to this many characters."""


class PeopleTable(RecordTable):
    BINDINGS = [
        Binding("g", "group", N_("Group"), id="people.group"),
        Binding("m", "org_chart", N_("Org chart"), id="people.org-chart"),
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
        Binding("a", "add", N_("Add"), id="swot.add"),
        Binding("enter,e", "edit", N_("Edit list"), key_display="⏎", id="swot.edit"),
        Binding("d", "delete", N_("Delete"), id="swot.delete"),
    ]

    def __init__(self, editor: PlanEditor, quadrant: str) -> None:
        super().__init__(
            [ColumnSpec("item", _(SWOT_TITLES[quadrant]), 30)],
            empty=_("none yet: press a to add"),
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
        spec = FieldSpec("item", _(SWOT_TITLES[self.quadrant]), "line", required=True)

        def done(values: Values) -> None:
            self.editor.apply(lambda p: self._items(p).append(values["item"]), self.id or "")
            self.select_key(str(len(self._items(self.editor.plan)) - 1))

        title = _(ADD_TO[self.quadrant])
        self.editor.open_form(title, [spec], {}, done)

    def action_edit(self) -> None:
        def done(values: Values) -> None:
            def change(plan: AccountPlan) -> None:
                setattr(plan.where_am_i.swot, self.quadrant, values[self.quadrant])

            self.editor.apply(change, self.id or "")

        text = "\n".join(self._items(self.editor.plan))
        self.editor.open_form(
            _(EDIT_LIST[self.quadrant]),
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

        self.editor.confirm(_("Delete '{item}'?").format(item=item), _("Delete"), done)


class UnitsTable(SectionTable):
    """The whitespace map in short: a row per unit; `w` or `enter` opens the grid
    (kamtui/tui/screens/whitespace.py), where it is edited."""

    BINDINGS = [
        Binding("w,enter", "open_map", N_("Whitespace map"), key_display="w", id="units.open-map"),
    ]

    def __init__(self, editor: PlanEditor) -> None:
        super().__init__(
            [
                ColumnSpec("unit", pgettext("column", "Unit"), 20),
                ColumnSpec("ours", pgettext("column", "● Ours"), 6, right=True),
                ColumnSpec("revenue", pgettext("column, short", "Revenue"), 8, right=True),
                ColumnSpec("open", pgettext("column", "◌ Open"), 6, right=True),
                ColumnSpec("potential", pgettext("column", "Potential"), 9, right=True),
                ColumnSpec("competitor", pgettext("column", "✖ Comp."), 7, right=True),
            ],
            empty=_("no unit yet: press w to open the map, then a to add one"),
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
    t = whitespace.tally(unit.cells.values())
    return [
        Cell(unit.name),
        Cell(str(t.won), style="green" if t.won else ""),
        Cell(short_amount(t.our_revenue) if t.won else MISSING),
        Cell(str(t.open), style="yellow" if t.open else ""),
        Cell(short_amount(t.open_potential) if t.open else MISSING),
        Cell(str(t.competitor)),
    ]


def _units_summary(plan: AccountPlan) -> list[str | tuple[str, str]]:
    """One line under the units: the map's totals over the cells filled in."""
    units = plan.where_am_i.units
    if not units:
        return [(_("Which units buy which offerings, from us or from whom: press w."), "dim")]
    t = whitespace.tally(cell for unit in units.values() for cell in unit.cells.values())
    currency = plan.account.currency
    n = len(units)
    return [
        ngettext("{n} unit", "{n} units", n).format(n=format_number(n)) + " · ",
        (_("{n} ours").format(n=t.won), "bold"),
        f" ({short_amount(t.our_revenue)} {currency}) · ",
        (_("{n} open").format(n=t.open), "bold"),
        f" ({short_amount(t.open_potential)} {currency}) · ",
        (_("{n} a competitor's").format(n=t.competitor), "bold"),
    ]


class WhereAmIPane(StepPane):
    def __init__(self, editor: PlanEditor) -> None:
        super().__init__(editor, id="step-1")

    def compose(self) -> ComposeResult:
        yield section_title(_("Customer analysis"))
        yield FieldTable(
            self.editor,
            _analysis_entries(),
            [
                # as wide as the longest question (its words in the language in use)
                ColumnSpec("field", pgettext("column", "Question"), _question_width()),
                ColumnSpec("answer", pgettext("column", "Answer"), 50),
            ],
            id="analysis",
        )
        yield section_title(_("Buying centre"))
        yield PeopleTable(
            self.editor,
            PEOPLE,
            [
                ColumnSpec("name", pgettext("column", "Name"), 14),
                ColumnSpec("role", pgettext("column", "Role"), 13),
                ColumnSpec("influence", pgettext("column", "Infl."), 4),
                ColumnSpec("attitude", pgettext("column", "Attitude"), 9),
                ColumnSpec("orientation", pgettext("column", "Orient."), 9),
                ColumnSpec("relationship", pgettext("column", "Rel"), 3, right=True),
                ColumnSpec("contact", pgettext("column", "Contact"), 10),
            ],
            id="people",
            flex="name",
        )
        yield Static("", id="people-gaps", classes="section-note")
        yield section_title(_("Accessibility"))
        yield FieldTable(
            self.editor,
            _access_entries(),
            [
                ColumnSpec("kind", pgettext("column", "Kind"), _kind_width()),
                ColumnSpec("rating", pgettext("column", "Rating"), 7),
                ColumnSpec("note", pgettext("column", "Note"), 50),
            ],
            id="access",
            flex="note",
        )
        yield Static("", id="access-verdict", classes="section-note")
        yield section_title(_("Competitors"))
        yield RecordTable(
            self.editor,
            COMPETITORS,
            [
                ColumnSpec("name", pgettext("column", "Competitor"), 14),
                ColumnSpec("share", pgettext("column", "Share"), 5, right=True),
                ColumnSpec("strengths", pgettext("column", "Strengths"), 15),
                ColumnSpec("weaknesses", pgettext("column", "Weaknesses"), 15),
                ColumnSpec("positioning", pgettext("column", "Our positioning"), 17),
            ],
            id="competitors",
            flex="positioning",
        )
        yield section_title(pgettext("section", "SWOT"))
        with Grid(id="swot"):
            for quadrant in SWOT_QUADRANTS:
                yield SwotList(self.editor, quadrant)
        yield section_title(_("Whitespace map"))
        yield UnitsTable(self.editor)
        yield Static("", id="units-summary", classes="section-note")
        yield section_title(_("Key success factors"))
        yield Static("", id="success-factors", classes="section-note")

    def on_mount(self) -> None:
        self.show(self.editor.plan)

    def show(self, plan: AccountPlan, what: str = "all") -> None:
        w = plan.where_am_i
        today = self.editor.today()
        self.query_one("#analysis", FieldTable).show_rows(
            [
                (
                    name,
                    [Cell(_(ANALYSIS_TITLES[name])), Cell(preview(getattr(w, name)) or MISSING)],
                )
                for name in ANALYSIS_FIELDS
            ]
            + [
                (
                    "relationship_level",
                    [Cell(_("Relationship level")), Cell(label(w.relationship_level))],
                )
            ]
        )
        people = self.query_one("#people", PeopleTable)
        people.show_rows(_people_rows(w.buying_centre, people.grouping))
        gaps = metrics.relationship_gaps(plan, today, name_width=NAME_IN_A_LINE)
        self.query_one("#people-gaps", Static).update(
            assemble(("⚠ ", "bold"), " · ".join(gaps)) if gaps else assemble(_("✔ no gaps"))
        )
        self.query_one("#access", FieldTable).show_rows(
            [
                (
                    name,
                    [
                        Cell(_(ACCESS_KINDS[name])),
                        Cell(dots(getattr(w.accessibility, name).rating)),
                        Cell(preview(getattr(w.accessibility, name).note) or MISSING),
                    ],
                )
                for name in metrics.ACCESSIBILITY
            ]
        )
        verdict = metrics.accessibility_verdict(w.accessibility)
        self.query_one("#access-verdict", Static).update(
            assemble((_("Verdict: "), "bold"), verdict.describe())
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
        Cell(_influence(p.influence)),
        Cell(label(p.attitude)),
        Cell(label(p.orientation)),
        Cell(MISSING if p.relationship is None else f"{p.relationship}/5"),
        Cell(day(p.last_contact)),
    ]


def _influence(value: str | None) -> str:
    """A person's influence in its narrow column (four cells)."""
    if value == "high":
        return pgettext("influence, short", "high")
    if value == "medium":
        return pgettext("influence, short", "med")
    if value == "low":
        return pgettext("influence, short", "low")
    return MISSING


def _people_rows(people: dict[str, Person], grouping: str) -> list[tuple[str, list[Cell]]]:
    if grouping == "flat":
        return [(pid, _person_cells(p)) for pid, p in people.items()]
    groups: dict[str, list[str]] = defaultdict(list)
    for pid, p in people.items():
        value = getattr(p, grouping)
        groups[value.value if value else NOT_SET].append(pid)
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
    people = ngettext("▸ {n} person", "▸ {n} people", count).format(n=count)
    cells[0] = Cell(people, style="bold")
    shown = _(NOT_SET) if name == NOT_SET else value_words(name)
    cells[1 if grouping == "role" else 3] = Cell(shown, style="bold")
    return cells


def _group_order(grouping: str) -> list[str]:
    enum: type[Role] | type[Attitude] = Role if grouping == "role" else Attitude
    return [m.value for m in enum] + [NOT_SET]
