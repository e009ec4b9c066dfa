"""The buying centre as an org chart: who reports to whom, and where our coverage is thin.

Headless (the TUI's org chart, kamtui/tui/screens/org_chart.py, and the Markdown export,
kamtui/export/markdown.py, draw it). ``Person.reports_to`` holds the id of the person someone
reports to; the codec (kamtui/plan/codec.py) refuses an unknown id or a loop in a file, but a
tree is still drawn from any buying centre: a person reporting to an unknown id is a root, and
people caught in a loop are hung under the first of them by name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kamtui.plan.metrics import PersonGap, person_gaps
from kamtui.plan.model import AccountPlan, Attitude, Person

ATTITUDE_SYMBOLS = {
    Attitude.ALLY: "✚",
    Attitude.SUPPORTER: "+",
    Attitude.NEUTRAL: "~",
    Attitude.CRITIC: "-",
    Attitude.OPPONENT: "✖",
}
"""One symbol per attitude, from ally to opponent, so that the chart reads without colour."""
NO_ATTITUDE = "?"


@dataclass(frozen=True, slots=True)
class OrgNode:
    """One person in the chart and the people who report to them, ordered by name."""

    id: str
    person: Person
    children: tuple[OrgNode, ...] = ()

    def walk(self, depth: int = 0) -> list[tuple[int, OrgNode]]:
        """This node and everyone under it, depth first, with their depth."""
        out = [(depth, self)]
        for child in self.children:
            out.extend(child.walk(depth + 1))
        return out


def _by_name(people: dict[str, Person], ids: list[str]) -> list[str]:
    return sorted(ids, key=lambda pid: ((people[pid].name or pid).casefold(), pid))


def org_tree(people: dict[str, Person]) -> list[OrgNode]:
    """The roots of the chart (people reporting to nobody or to an unknown id), by name, each
    with the people under them. Everyone appears exactly once, people in a loop included."""
    under: dict[str, list[str]] = {pid: [] for pid in people}
    roots = []
    for pid, p in people.items():
        if p.reports_to and p.reports_to in people and p.reports_to != pid:
            under[p.reports_to].append(pid)
        else:
            roots.append(pid)
    placed: set[str] = set()

    def build(pid: str) -> OrgNode:
        placed.add(pid)
        kids = [k for k in _by_name(people, under[pid]) if k not in placed]
        return OrgNode(pid, people[pid], tuple(build(k) for k in kids))

    trees = [build(pid) for pid in _by_name(people, roots)]
    for pid in _by_name(people, list(people)):  # a loop has no root: start it by name
        if pid not in placed:
            trees.append(build(pid))
    return trees


def below(people: dict[str, Person], pid: str) -> set[str]:
    """Everyone who reports to *pid*, directly or not."""
    found: set[str] = set()
    todo = [pid]
    while todo:
        boss = todo.pop()
        for other, p in people.items():
            if p.reports_to == boss and other not in found and other != pid:
                found.add(other)
                todo.append(other)
    return found


def possible_bosses(people: dict[str, Person], pid: str) -> list[str]:
    """Whom *pid* can report to without a loop: everyone but themself and the people under
    them, by name."""
    excluded = below(people, pid) | {pid}
    return _by_name(people, [other for other in people if other not in excluded])


def days_since_contact(person: Person, today: dt.date) -> int | None:
    """Days since we last met *person* (``None``: never)."""
    return None if person.last_contact is None else (today - person.last_contact).days


def attitude_symbol(person: Person) -> str:
    return ATTITUDE_SYMBOLS.get(person.attitude, NO_ATTITUDE) if person.attitude else NO_ATTITUDE


def coverage_gaps(plan: AccountPlan, today: dt.date) -> list[PersonGap]:
    """Where our coverage of the buying centre is thin (kamtui/plan/metrics.py person_gaps):
    decision makers and high-influence people we have no relationship with (strength <= 2 or
    none), opponents and critics with high influence, people not met in 90 days or never;
    ordered by person name, then weak, hostile, silent."""
    people = plan.where_am_i.buying_centre
    order = {pid: i for i, pid in enumerate(_by_name(people, list(people)))}
    kinds = {"weak": 0, "hostile": 1, "silent": 2}
    return sorted(person_gaps(plan, today), key=lambda g: (order[g.person], kinds[g.kind]))


def remove_person(plan: AccountPlan, pid: str) -> None:
    """Delete *pid* from the buying centre; the people who reported to them now report to
    their boss (or to nobody), so no ``reports_to`` is left pointing at nobody."""
    people = plan.where_am_i.buying_centre
    gone = people.pop(pid, None)
    if gone is None:
        return
    boss = gone.reports_to if gone.reports_to in people else ""
    for p in people.values():
        if p.reports_to == pid:
            p.reports_to = boss


def set_reports_to(plan: AccountPlan, pid: str, boss: str) -> bool:
    """Make *pid* report to *boss* ("" for nobody); refused (``False``) when *boss* is not a
    person of the buying centre or is *pid* or someone under them (a loop)."""
    people = plan.where_am_i.buying_centre
    if pid not in people:
        return False
    if boss and boss not in possible_bosses(people, pid):
        return False
    people[pid].reports_to = boss
    return True
