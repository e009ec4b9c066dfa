"""The Markdown export's org chart (kamtui/export/markdown.py): a nested list of who reports
to whom, only when someone reports to someone; user text escaped, never markup."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import TODAY, make_full_plan

from kamtui.export import plan_to_markdown
from kamtui.plan.model import Attitude, Influence, Person, Role


def chart(md: str) -> list[str]:
    """The lines of the org chart block."""
    block = md.split("**Org chart**\n\n", 1)[1]
    return block.split("\n\n", 1)[0].split("\n")


def test_no_org_chart_without_reports_to() -> None:
    assert "Org chart" not in plan_to_markdown(make_full_plan(), TODAY)


def test_the_org_chart_is_a_nested_list_by_name() -> None:
    plan = make_full_plan()
    people = plan.where_am_i.buying_centre
    people["nicola-conti"].reports_to = "giulia-bianchi"
    people["luca-ferri"].reports_to = "nicola-conti"
    people["ada"] = Person(
        name="Ada Neri",
        reports_to="giulia-bianchi",
        role=Role.USER,
        influence=Influence.LOW,
        attitude=Attitude.ALLY,
    )
    assert chart(plan_to_markdown(plan, TODAY)) == [
        "- Giulia Bianchi (Procurement Director): + supporter, decision maker, high influence, "
        "relationship 4/5, last contact 10 days ago",
        "  - Ada Neri: ✚ ally, user, low influence, —, never contacted",
        "  - Nicola Conti (CFO): - critic, economic buyer, high influence, relationship 1/5, "
        "last contact 211 days ago",
        "    - Luca Ferri (Plant Director, Bari): ~ neutral, influencer, medium influence, "
        "relationship 2/5, last contact 108 days ago",
    ]


HOSTILE_NAMES = ["- [red]x[/red] *b* <i>", "# 1. `c`\nline two", "> q | r"]


def test_hostile_names_render_literally() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    plan = make_full_plan()
    people = plan.where_am_i.buying_centre
    people.clear()
    people["a"] = Person(name=HOSTILE_NAMES[0], title="**t**")
    people["b"] = Person(name=HOSTILE_NAMES[1], reports_to="a")
    people["c"] = Person(name=HOSTILE_NAMES[2], reports_to="b", last_contact=dt.date(2026, 11, 1))
    md = plan_to_markdown(plan, TODAY)
    lines = chart(md)
    assert len(lines) == 3
    tokens = list(markdown_it.MarkdownIt("commonmark").parse("\n".join(lines)))
    types = [t.type for t in tokens]
    assert types.count("bullet_list_open") == 3  # three levels, nothing else
    for absent in ("heading_open", "blockquote_open", "ordered_list_open", "code_block"):
        assert absent not in types
    texts: list[str] = []
    for t in tokens:
        if t.type == "inline":
            children: list[Any] = t.children or []
            assert {c.type for c in children} <= {"text"}, [c.type for c in children]
            texts.append("".join(c.content for c in children))
    assert texts[0].startswith("- [red]x[/red] *b* <i> (**t**): ? —")
    assert texts[1].startswith("# 1. `c` ⏎ line two: ")
    assert texts[2].startswith("> q | r: ") and texts[2].endswith("last contact 29 days ago")
