"""The buying centre as an org chart: who reports to whom, and where our coverage is thin.

| Key | Action |
|---|---|
| `↑` `↓` | move |
| `space` | expand / collapse the people under someone |
| `enter` / `e` | edit the person (the buying centre's form) |
| `p` | set whom they report to (nobody, or anyone not under them) |
| `escape` | back to the account (`ctrl+s` there saves) |

Opened with `m` in the buying centre of the account screen (kamtui/tui/panes/where_am_i.py).
Edits go to the account screen's working copy, like every edit there. The tree and the gaps
come from kamtui/plan/org_chart.py; labels are built as Text from plain strings (never markup),
and each attitude has a symbol as well as a colour, so the chart reads without colour.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from kamtui.plan.fields import FieldSpec, read_values
from kamtui.plan.model import AccountPlan, Attitude, Person
from kamtui.plan.org_chart import (
    OrgNode,
    attitude_symbol,
    coverage_gaps,
    days_since_contact,
    org_tree,
    possible_bosses,
    set_reports_to,
)
from kamtui.text.format import enum_words
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line
from kamtui.tui.editing import PEOPLE, PlanEditor, Values
from kamtui.tui.kam import KamScreen
from kamtui.tui.safe import assemble
from kamtui.tui.widgets.key_bar import KeyBar

ATTITUDE_STYLES = {
    Attitude.ALLY: "bold green",
    Attitude.SUPPORTER: "green",
    Attitude.NEUTRAL: "yellow",
    Attitude.CRITIC: "dark_orange",
    Attitude.OPPONENT: "bold red",
}
REPORTS_TO = FieldSpec("reports_to", N_("Reports to"), "line")


def person_label(pid: str, p: Person, today_days: int | None) -> Text:
    """One person's line: attitude (symbol and colour), name, title, role, influence,
    relationship and days since the last contact; every piece of user text plain."""
    style = ATTITUDE_STYLES.get(p.attitude, "dim") if p.attitude else "dim"
    attitude = enum_words(p.attitude) if p.attitude else _("attitude?")
    parts: list[tuple[str, str] | str] = [
        (f"{attitude_symbol(p)} ", style),
        (one_line(p.name or pid), "bold"),
    ]
    if p.title.strip():
        parts.append((f" · {one_line(p.title)}", ""))
    facts = [
        (attitude, style),
        (enum_words(p.role) if p.role else _("role?"), ""),
        (
            _("{level} infl.").format(level=enum_words(p.influence))
            if p.influence
            else _("infl.?"),
            "",
        ),
        (
            _("rel {strength}/5").format(strength=p.relationship) if p.relationship else _("rel ?"),
            "",
        ),
        (
            _("never met") if today_days is None else _("{days} d ago").format(days=today_days),
            "",
        ),
    ]
    for text, fact_style in facts:
        parts.append((" · ", "dim"))
        parts.append((text, fact_style))
    return Text.assemble(*parts)


class OrgTree(Tree[str]):
    """The chart; each node's data is the person's id."""

    BINDINGS = [
        Binding("enter,e", "edit", N_("Edit"), key_display="⏎", id="org.edit"),
        Binding("p", "reports_to", N_("Reports to"), id="org.reports-to"),
    ]

    def action_edit(self) -> None:
        screen = self.screen
        if isinstance(screen, OrgChartScreen):
            screen.edit_person()

    def action_reports_to(self) -> None:
        screen = self.screen
        if isinstance(screen, OrgChartScreen):
            screen.choose_boss()


class OrgChartScreen(KamScreen[None]):
    """See the module docstring for the keys."""

    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"), id="org.back")]
    DEFAULT_CSS = """
    OrgChartScreen #org-detail { padding: 0 1; background: $boost; }
    OrgChartScreen #org-gaps { padding: 0 1; max-height: 50%; }
    """

    def __init__(self, editor: PlanEditor) -> None:
        super().__init__()
        self.editor = editor

    def compose(self) -> ComposeResult:
        name = self.editor.plan.account.name or self.editor.plan.id
        yield Static(
            assemble(
                (" " + _("Org chart of {name}").format(name=one_line(name)) + " ", "bold reverse"),
                "  " + _("buying centre"),
            ),
            id="org-title",
        )
        tree = OrgTree(_("buying centre"), id="org-tree")
        tree.show_root = False
        tree.auto_expand = False
        yield tree
        yield Static("", id="org-detail")
        yield Static("", id="org-gaps")
        yield KeyBar(follow_focus=True, first=("org.back",))

    def on_mount(self) -> None:
        self.show()
        self.query_one(OrgTree).focus()

    def relabelling(self) -> tuple[str | None, set[str | None]]:
        """The language changes: the person under the cursor and who is collapsed."""
        tree = self.query_one(OrgTree)
        collapsed = {
            node.data for node in _nodes(tree.root) if node.allow_expand and not node.is_expanded
        }
        return self.selected, collapsed

    def relabelled(self, kept: tuple[str | None, set[str | None]]) -> None:
        """Composed again: the chart in the new language, as it was (*kept*)."""
        self.show(*kept)
        self.query_one(OrgTree).focus()

    def plan_replaced(self) -> None:
        """The account read its file again (kamtui/tui/screens/account.py): draw the new
        working copy, the cursor and the collapsed people kept where they still are."""
        self.show()

    @property
    def plan(self) -> AccountPlan:
        return self.editor.plan

    def show(self, cursor: str | None = None, collapsed: set[str | None] | None = None) -> None:
        """Draw the chart of the working copy; collapsed people (or *collapsed*) stay
        collapsed, the cursor goes to *cursor* (a person's id) or stays on the person it was
        on."""
        tree = self.query_one(OrgTree)
        if collapsed is None:
            collapsed = {
                node.data
                for node in _nodes(tree.root)
                if node.allow_expand and not node.is_expanded
            }
        if cursor is None:
            cursor = self.selected
        tree.clear()
        people = self.plan.where_am_i.buying_centre
        today = self.editor.today()
        found: dict[str, TreeNode[str]] = {}

        def add(parent: TreeNode[str], node: OrgNode) -> None:
            label = person_label(node.id, node.person, days_since_contact(node.person, today))
            if node.children:
                branch = parent.add(label, data=node.id, expand=node.id not in collapsed)
                for child in node.children:
                    add(branch, child)
                found[node.id] = branch
            else:
                found[node.id] = parent.add_leaf(label, data=node.id)

        for root in org_tree(people):
            add(tree.root, root)
        if found:
            tree.cursor_line = 0  # the first person, not the hidden root
        if cursor in found:
            # the tree numbers its lines when it next refreshes: the node has no line before
            tree.call_after_refresh(tree.move_cursor, found[cursor])
        self._gaps()

    def _gaps(self) -> None:
        people = self.plan.where_am_i.buying_centre
        gaps = coverage_gaps(self.plan, self.editor.today())
        box = self.query_one("#org-gaps", Static)
        if not people:
            box.update(
                assemble((_("Nobody in the buying centre yet: press a there to add."), "dim"))
            )
            return
        if not gaps:
            box.update(assemble((_("Coverage:") + " ", "bold"), "✔ " + _("no gaps")))
            return
        parts: list[str | tuple[str, str]] = [(_("Coverage gaps"), "bold")]
        for gap in gaps:
            who = people[gap.person].name or gap.person
            parts += ["\n", ("⚠ ", "bold"), (one_line(who), "bold"), f": {gap.text}"]
        box.update(assemble(*parts))

    @property
    def selected(self) -> str | None:
        node = self.query_one(OrgTree).cursor_node
        return None if node is None else node.data

    # -- editing ---------------------------------------------------------------------------

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()  # a click (enter is the tree's edit binding)
        self.edit_person()

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        """The person under the cursor in full (a narrow terminal cuts the tree's lines),
        and whom they report to."""
        event.stop()
        people = self.plan.where_am_i.buying_centre
        pid = event.node.data
        detail = self.query_one("#org-detail", Static)
        if pid is None or pid not in people:
            detail.update("")
            return
        p = people[pid]
        label = person_label(pid, p, days_since_contact(p, self.editor.today()))
        boss = people.get(p.reports_to)
        label.append(" · " + _("reports to") + " ", "dim")
        label.append(one_line(boss.name or p.reports_to) if boss else _("nobody"))
        detail.update(label)

    def edit_person(self) -> None:
        pid = self.selected
        if pid is None or pid not in self.plan.where_am_i.buying_centre:
            return
        record = self.plan.where_am_i.buying_centre[pid]

        def done(values: Values) -> None:
            def change(plan: AccountPlan) -> None:
                target = plan.where_am_i.buying_centre.get(pid)
                if target is not None:
                    PEOPLE.fill(target, values, self.editor.today())

            self.editor.apply(change, "people")
            self.show(pid)

        specs = PEOPLE.specs
        self.editor.open_form(
            _("Edit person: {name}").format(name=PEOPLE.label(self.plan, pid)),
            specs,
            read_values(record, specs),
            done,
            choices=PEOPLE.choices(self.plan),
        )

    def choose_boss(self) -> None:
        pid = self.selected
        people = self.plan.where_am_i.buying_centre
        if pid is None or pid not in people:
            return
        choices = [
            (other, one_line(people[other].name or other)) for other in possible_bosses(people, pid)
        ]

        def done(values: Values) -> None:
            boss = values.get("reports_to") or ""
            self.editor.apply(lambda plan: set_reports_to(plan, pid, boss), "people")
            self.show(pid)

        self.editor.open_form(
            _("Reports to: {name}").format(name=PEOPLE.label(self.plan, pid)),
            [REPORTS_TO],
            {"reports_to": people[pid].reports_to},
            done,
            intro=_("Not set: they report to nobody. People under them are not offered."),
            choices={"reports_to": choices},
        )


def _nodes(node: TreeNode[str]) -> list[TreeNode[str]]:
    out = []
    for child in node.children:
        out.append(child)
        out.extend(_nodes(child))
    return out
