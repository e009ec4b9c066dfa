"""``kamtui export``: the Markdown (golden file, structure, hostile text), the JSON (documented
structure, round trip, derived figures) and the command (stdout, files, errors, no heavy imports).

Everything runs with the pinned ``TODAY``; the real date is never used.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import platformdirs
import pytest
from conftest import GOLDEN, SAMPLE, TODAY, make_full_plan

from kamtui.cli.export import _write_stdout, suggest_ids
from kamtui.cli.main import main
from kamtui.export import (
    OutputExistsError,
    dumps,
    md_cell,
    md_inline,
    md_one_line,
    plan_to_json,
    plan_to_markdown,
    render,
    write_export,
)
from kamtui.plan import metrics
from kamtui.plan.codec import dumps_plan
from kamtui.plan.metrics import accessibility_verdict
from kamtui.plan.model import (
    Accessibility,
    Account,
    AccountPlan,
    Action,
    ActionStatus,
    Attitude,
    Cell,
    CellStatus,
    Competitor,
    Horizon,
    HowToGetThere,
    Influence,
    Objective,
    Offering,
    Person,
    Rating,
    Role,
    Swot,
    Unit,
    WhereAmI,
    WhereToGo,
    new_plan,
)
from kamtui.store.offerings import read_offerings
from kamtui.store.workspace import Workspace
from kamtui.text.safety import printable

GOLDEN_ID = "freni-orobici"
TODAY_ARG = TODAY.isoformat()
PROBLEM_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): error: \S")
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

HEADINGS = [
    "# Account plan: {name}",
    "## At a glance",
    "## 1. Where am I?",
    "### Customer analysis",
    "#### Business",
    "#### Strategic priorities",
    "#### Buying motivation",
    "#### Decision process",
    "### Buying centre",
    "### Accessibility",
    "### Competitors",
    "### SWOT",
    "#### Strengths",
    "#### Weaknesses",
    "#### Opportunities",
    "#### Threats",
    "### Whitespace map",
    "### Relationship level",
    "### Key success factors",
    "## 2. Where do I want to go?",
    "### Ambition",
    "### Short-term objectives",
    "### Medium/long-term objectives",
    "### Check-in history",
    "## 3. How do I get there?",
    "### Strategy",
    "### Progress by objective",
    "### Action plan",
]

# Everything that could break Markdown structure or a terminal: table pipes, line breaks
# (LF, CRLF, lone CR), backticks and fences, links and images, HTML and comments, emphasis,
# strikethrough, math, entities, headings, quotes, lists, setext and thematic breaks, escapes,
# ANSI escapes, C1 controls and bidi overrides.
HOSTILE = (
    "Evil | Co `tick` [x](y) ![img](z) <b>bold</b> <!-- *em* _u_ ~~s~~ $x$ &amp; \\ \x1b[2J\n"
    "# Head | er\r\n"
    "> quote\r"
    "- item\n"
    "1. one\n"
    "===\n"
    "---\n"
    "```\n"
    "    <div>indented</div>\n"
    "| a | b |\n"
    "end \x9b31m \u202eevil\u202c \x07"
)
HOSTILE_LINES = re.split(r"\r\n|\r|\n", HOSTILE)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No real workspace, home, data dir or pinned date leaks in."""
    monkeypatch.delenv("KAMTUI_WORKSPACE", raising=False)
    monkeypatch.delenv("KAMTUI_TODAY", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(
        platformdirs,
        "user_data_path",
        lambda appname=None, *a, **k: tmp_path / "default-data" / str(appname),
    )


OFFERINGS = read_offerings(SAMPLE).offerings
"""The sample workspace's offerings (offerings.toml), the whitespace map's first columns."""


def sample_plan(plan_id: str = GOLDEN_ID) -> AccountPlan:
    loaded = Workspace(SAMPLE).load(plan_id)
    assert loaded.ok and loaded.plan is not None, loaded.problems
    return loaded.plan


def sample_ids() -> list[str]:
    return sorted(Workspace(SAMPLE).plan_ids())


def hostile_plan() -> AccountPlan:
    h = HOSTILE
    return AccountPlan(
        id="hostile",
        account=Account(
            name=h,
            customer_ids=[h, "C|1"],
            industry=h,
            owner=h,
            currency=h,
            last_review=dt.date(2026, 1, 1),
            extra={h: h, "nested": {"k": [h, dt.date(2026, 1, 2), float("nan")]}},
        ),
        where_am_i=WhereAmI(
            business=h,
            priorities=h,
            buying_motivation=h,
            decision_process=h,
            accessibility=Accessibility(technical=Rating(2, h), economic=Rating(None, h)),
            buying_centre={
                "evil": Person(
                    name=h,
                    title=h,
                    role=Role.GATEKEEPER,
                    influence=Influence.HIGH,
                    attitude=Attitude.OPPONENT,
                    last_contact=dt.date(2025, 1, 1),
                    notes=h,
                    extra={"x": h},
                )
            },
            competitors={
                "evil": Competitor(
                    name=h, share_of_wallet=12.5, strengths=[h, h], weaknesses=[h], positioning=h
                )
            },
            swot=Swot(strengths=[h], weaknesses=[h], opportunities=[h], threats=[h]),
            offerings={"evil": Offering(name=h, notes=h)},
            units={
                "evil": Unit(
                    name=h,
                    notes=h,
                    cells={
                        "evil": Cell(CellStatus.COMPETITOR, competitor="evil", note=h),
                        "stray|id": Cell(CellStatus.OPPORTUNITY, potential=1500, note=h),
                    },
                )
            },
        ),
        where_to_go=WhereToGo(
            ambition=h,
            objectives={
                "evil": Objective(
                    title=h,
                    horizon=Horizon.SHORT,
                    metric=h,
                    unit=h,
                    baseline=0,
                    target=10,
                    current=4,
                    due=dt.date(2026, 12, 1),
                    notes=h,
                    checkins={dt.date(2026, 6, 1): 2, dt.date(2026, 3, 1): 1},
                    opportunity="evil/stray|id",
                ),
                "later": Objective(title=h, horizon=Horizon.LONG),
            },
        ),
        how_to_get_there=HowToGetThere(
            strategy=h,
            actions={
                "evil": Action(
                    title=h,
                    objective="evil",
                    owner=h,
                    due=dt.date(2026, 1, 1),
                    status=ActionStatus.BLOCKED,
                    progress=30,
                    notes=h,
                ),
                "orphan": Action(title=h, objective=h, owner=""),
            },
        ),
        extra={"top": h},
    )


# -- helpers: reading Markdown the way a forge does -------------------------------------------


def headings(md: str) -> list[str]:
    return [line for line in md.splitlines() if re.match(r"#{1,6} ", line)]


def unescaped_pipes(line: str) -> int:
    """The cell delimiters of a GFM table row: pipes not escaped by a backslash."""
    count, i = 0, 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        count += line[i] == "|"
        i += 1
    return count


def tables(md: str) -> Iterator[list[str]]:
    """Each run of consecutive lines that start with ``|``."""
    run: list[str] = []
    for line in [*md.splitlines(), ""]:
        if line.startswith("|"):
            run.append(line)
        elif run:
            yield run
            run = []


def assert_tables_well_formed(md: str) -> int:
    count = 0
    for table in tables(md):
        count += 1
        header, delimiter, *rows = table
        assert re.fullmatch(r"\|(?:-{3}:?\|)+", delimiter), delimiter
        want = unescaped_pipes(header)
        assert unescaped_pipes(delimiter) == want
        for row in rows:
            assert unescaped_pipes(row) == want, row
            assert row.endswith(" |") and row.startswith("| "), row
    return count


def markdown_tokens(md: str) -> list[Any]:
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return list(parser.parse(md))


def plain(token: Any) -> str:
    """The text an inline token shows; any markup other than our own shows as ``<type>``."""
    out = []
    for child in token.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "html_inline" and child.content == "<br>":
            out.append("<br>")
        else:
            out.append(f"<{child.type}>")
    return "".join(out)


def shown(line: str) -> str:
    """How one line of user text reads once rendered: trimmed, controls as pictures."""
    return printable(line.strip())


def rows_of(tokens: list[Any], first_header: str) -> list[list[str]]:
    """The body rows (cells as plain text) of the table whose first header is *first_header*."""
    result: list[list[str]] = []
    inside = found = False
    row: list[str] = []
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            inside, found = True, False
        elif tok.type == "table_close":
            if found:
                return result
            inside = False
        elif inside and tok.type == "th_open" and not found:
            found = plain(tokens[i + 1]) == first_header
        elif inside and found and tok.type == "tr_open":
            row = []
        elif inside and found and tok.type == "td_open":
            row.append(plain(tokens[i + 1]))
        elif inside and found and tok.type == "tr_close" and row:
            result.append(row)
    raise AssertionError(f"no table with first header {first_header!r}")


# -- the golden file ----------------------------------------------------------------------------


def test_markdown_matches_golden_file() -> None:
    """The export of a sample plan, read by eye once; change it on purpose only
    (``KAMTUI_UPDATE_GOLDEN=1`` rewrites it)."""
    golden = GOLDEN / f"export-{GOLDEN_ID}.md"
    md = plan_to_markdown(sample_plan(), TODAY, read_offerings(SAMPLE).offerings)
    if os.environ.get("KAMTUI_UPDATE_GOLDEN"):
        golden.write_text(md, encoding="utf-8", newline="\n")
    assert md == golden.read_text(encoding="utf-8")


def test_golden_shows_the_figures_of_the_pinned_day() -> None:
    md = (GOLDEN / f"export-{GOLDEN_ID}.md").read_text(encoding="utf-8")
    assert "last review 2026-09-29 (62 days ago): **stale**" in md
    assert "| **2026-10-15 overdue** | in progress | 80% |" in md
    assert "**3 actions overdue** on 2026-11-30" in md
    assert "- Davide Moretti: not contacted for 375 days" in md
    assert "| 2026-09-30 | done 2026-09-24 | 100% |" in md


def test_markdown_depends_on_today_only_through_the_argument() -> None:
    plan = sample_plan()
    assert plan_to_markdown(plan, TODAY) == plan_to_markdown(plan, TODAY)
    earlier = plan_to_markdown(plan, dt.date(2026, 10, 1))
    assert "overdue" not in earlier.split("### Action plan")[1].split("**Notes**")[0]
    assert "(2 days ago); next review by 2026-10-29" in earlier


# -- structure ----------------------------------------------------------------------------------


@pytest.mark.parametrize("plan_id", sample_ids())
def test_every_section_in_order_and_every_record_present(plan_id: str) -> None:
    plan = sample_plan(plan_id)
    md = plan_to_markdown(plan, TODAY)
    assert headings(md) == [h.format(name=md_one_line(plan.account.name)) for h in HEADINGS], (
        "sections missing or out of order"
    )
    assert md.endswith("\n") and not md.endswith("\n\n")
    assert all(line == line.rstrip() for line in md.splitlines()), "trailing whitespace"
    w, g, h = plan.where_am_i, plan.where_to_go, plan.how_to_get_there
    for person in w.buying_centre.values():
        assert f"| {md_cell(person.name)} | {md_cell(person.title)} |" in md
    for competitor in w.competitors.values():
        assert f"| {md_cell(competitor.name)} |" in md
    for objective in g.objectives.values():
        assert md.count(f"| {md_cell(objective.title)} |") >= 2  # objectives and progress
    for action in h.actions.values():
        assert f"| {md_cell(action.title)} |" in md
    for item in [*w.swot.strengths, *w.swot.weaknesses, *w.swot.opportunities, *w.swot.threats]:
        assert f"- {md_inline(item)}\n" in md
    assert assert_tables_well_formed(md) >= 3


def test_sections_order_in_the_questions() -> None:
    md = plan_to_markdown(sample_plan(), TODAY)
    q1, q2, q3 = (md.index(f"## {n}. ") for n in (1, 2, 3))
    assert q1 < md.index("| Walter Pesenti |") < md.index("- [x] Decision makers known") < q2
    assert q2 < md.index("| Keep our PA66 GF30") < md.index("### Check-in history") < q3
    assert q3 < md.index("| Submit the 2027 RFQ offer")
    # Short term before medium/long term, each objective in its own table.
    short, long = md.index("### Short-term objectives"), md.index("### Medium/long-term")
    assert short < md.index("| Close the open 8D on short shots |") < long
    assert long < md.index("| Nominated supplier for the e-brake housings |", long)
    # One completeness line per question.
    assert md.count("> **Completeness:** ") == 3


def test_a_new_empty_plan_exports_with_placeholders() -> None:
    plan = new_plan("new-co", "New Co")
    md = plan_to_markdown(plan, TODAY)
    assert headings(md) == [h.format(name="New Co") for h in HEADINGS]
    assert "never reviewed: **review due**" in md
    assert md.count("_Not filled in._") == 6
    assert "- [ ] Decision makers known" in md
    assert "- no decision maker known" in md
    assert "> **Completeness:** 0 of 4 (0%). Missing: ambition;" in md
    assert "**Overall:** not assessed yet." in md
    assert "## Other fields" not in md
    assert_tables_well_formed(md)


def test_full_plan_lists_hand_added_keys_at_the_end() -> None:
    md = plan_to_markdown(make_full_plan(), TODAY)
    assert headings(md)[-1] == "## Other fields"
    other = md.split("## Other fields")[1]
    assert "- account.crm\\_url: https://crm.example.com/a/42\n" in other
    assert "- where\\_to\\_go.objectives.grow-share.dashboard: true\n" in other
    assert '- meta: {"region": "south-europe", "tier": 1}' in other


def test_objective_table_figures() -> None:
    md = plan_to_markdown(make_full_plan(), TODAY)
    assert (
        "| Grow share of wallet | share of wallet | 20 | 35 | 24.5 | % | 2027-06-30 "
        "| `███░░░░░░░` 30% |"
    ) in md
    assert "| Cut their film waste | waste | 1200 | 1000 | 1150 | t/year |" in md
    assert (
        "- **Grow share of wallet** (%): 2026-06-30: 20 → 2026-10-31: 23 → 2026-11-30: 24.5" in md
    )
    assert "| Sponsor their trade fair booth | — | Maria Rossi | — | dropped | 10% |" in md
    assert (
        "| Run a line trial at Bari | Grow share of wallet | Paolo Neri | **2026-11-10 overdue** |"
        in md
    )


def test_success_factors_are_a_checklist() -> None:
    plan = make_full_plan()
    plan.where_am_i.decision_process = ""
    md = plan_to_markdown(plan, TODAY)
    block = md.split("### Key success factors\n\n")[1].split("\n\n")[0]
    assert block.splitlines() == [
        f"- [{'x' if known else ' '}] {factor}" for factor, known in metrics.success_factors(plan)
    ]
    assert "- [ ] Decision mechanisms known" in block


@pytest.mark.parametrize(
    ("ratings", "verdict"),
    [
        ((None, None, None), "not assessed yet"),
        ((4, 5, 4), "accessible"),
        ((4, 3, 5), "accessible with reservations"),
        ((5, 5, 2), "hard to access"),
        ((1, None, None), "hard to access"),
    ],
)
def test_accessibility_verdict(ratings: tuple[int | None, ...], verdict: str) -> None:
    technical, economic, commercial = (Rating(r, "") for r in ratings)
    acc = Accessibility(technical, economic, commercial)
    got = accessibility_verdict(acc)
    assert got.verdict == verdict
    assert got.rated == sum(r is not None for r in ratings)


# -- hostile text ------------------------------------------------------------------------------


def test_md_cell_and_inline_escape_structure() -> None:
    assert md_cell("a|b\nc") == "a\\|b<br>c"
    assert md_cell("  x  \r\n\r\n y ") == "x<br><br>y"
    assert md_inline("`x` [a](b) <i> *e* _u_ ~s~ $m$ #1 \\") == (
        "\\`x\\` \\[a\\](b) \\<i> \\*e\\* \\_u\\_ \\~s\\~ \\$m\\$ \\#1 \\\\"
    )
    assert md_inline("R&D &amp; &#35;") == "R&D \\&amp; &\\#35;"
    assert md_inline("\x1b[2J") == "␛\\[2J"
    assert md_one_line("two\nlines") == "two ⏎ lines"


def test_hostile_text_keeps_every_table_row_intact() -> None:
    plan = hostile_plan()
    md = plan_to_markdown(plan, TODAY)
    assert assert_tables_well_formed(md) == 8
    assert "\n| a | b |" not in md
    # Outside tables, no user line starts a block of its own: the only headings and quotes
    # are ours.
    name = md_one_line(plan.account.name)
    assert headings(md) == [*(h.format(name=name) for h in HEADINGS), "## Other fields"]
    quotes = [line for line in md.splitlines() if line.startswith(">")]
    assert len(quotes) == 3 and all(q.startswith("> **Completeness:** ") for q in quotes)


def test_hostile_text_never_emits_raw_controls() -> None:
    for text in (
        plan_to_markdown(hostile_plan(), TODAY),
        render(hostile_plan(), TODAY, "json"),
    ):
        assert CONTROL_RE.search(text) is None
        assert "\r" not in text


def test_hostile_text_renders_literally() -> None:
    """Parsed as a forge would: the user's text shows as typed, never as markup."""
    plan = hostile_plan()
    md = plan_to_markdown(plan, TODAY)
    tokens = markdown_tokens(md)
    types = [t.type for t in tokens]
    inline_types = [c.type for t in tokens for c in (t.children or [])]
    # Only our own structure: 27 headings, 3 completeness quotes, no rules, code or HTML blocks.
    assert types.count("heading_open") == len(HEADINGS) + 1  # + Other fields
    assert types.count("blockquote_open") == 3
    for absent in ("hr", "fence", "code_block", "html_block", "ordered_list_open"):
        assert absent not in types, absent
    for absent in ("link_open", "image", "s_open"):
        assert absent not in inline_types, absent
    emphasised = {
        t.children[i + 1].content
        for t in tokens
        for i, c in enumerate(t.children or [])
        if c.type == "em_open"
    }
    assert emphasised == {"Not set."}  # our placeholder for the relationship level, nothing else
    html = {c.content for t in tokens for c in (t.children or []) if c.type == "html_inline"}
    assert html <= {"<br>"}
    codes = {c.content for t in tokens for c in (t.children or []) if c.type == "code_inline"}
    assert codes - {plan.id} and all(set(code) <= {"█", "░"} for code in codes - {plan.id})

    in_cell = "<br>".join(shown(line) for line in HOSTILE_LINES)
    one_line_text = " ⏎ ".join(shown(line) for line in HOSTILE_LINES)
    # Headings: the title keeps the name on one line.
    titles = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert titles[0] == f"Account plan: {one_line_text}"
    # Table cells hold the whole text, line breaks as <br>.
    person = rows_of(tokens, "Name")
    assert person == [[in_cell, in_cell, "gatekeeper", "high", "opponent", "—", "—", "2025-01-01"]]
    competitor = rows_of(tokens, "Competitor")
    assert competitor[0][0] == in_cell and competitor[0][4] == in_cell
    assert competitor[0][2] == f"• {in_cell}<br>• {in_cell}"
    actions = rows_of(tokens, "Action")
    assert actions[0][:4] == [
        in_cell,
        in_cell,
        in_cell,
        "<strong_open>2026-01-01 overdue<strong_close>",
    ]
    assert actions[1][1] == in_cell  # an unknown objective id is shown as it is
    assert rows_of(tokens, "Accessibility")[0] == ["Technical", "2/5", in_cell]
    # Paragraphs keep the lines as hard breaks.
    paragraphs = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    as_text = "\n".join(shown(line) for line in HOSTILE_LINES)
    assert paragraphs.count(as_text) >= 6  # 4 customer analysis texts, ambition, strategy
    assert as_text in paragraphs  # SWOT list items are paragraphs too


def test_hostile_gaps_and_labels_are_escaped() -> None:
    md = plan_to_markdown(hostile_plan(), TODAY)
    label = md_one_line(HOSTILE)
    assert f"- {label}: opponent with high influence\n" in md
    assert f"- **{label}:** " in md  # notes


# -- JSON ---------------------------------------------------------------------------------------

TOP_KEYS = [
    "format",
    "version",
    "schema",
    "id",
    "today",
    "account",
    "where_am_i",
    "where_to_go",
    "how_to_get_there",
    "workspace_offerings",
    "derived",
]
DERIVED_KEYS = [
    "days_since_review",
    "review_due",
    "stale",
    "completeness",
    "success_factors",
    "relationship_gaps",
    "whitespace",
    "accessibility",
    "attainment",
    "mean_attainment",
    "progress_by_objective",
    "overall_progress",
    "overdue_actions",
    "next_action",
]


def test_json_structure_of_a_sample_plan() -> None:
    plan = sample_plan()
    data = json.loads(render(plan, TODAY, "json"))
    assert list(data) == TOP_KEYS
    assert data["format"] == "kamtui-plan-export" and data["version"] == 1
    assert (data["id"], data["today"]) == (GOLDEN_ID, TODAY_ARG)
    assert data["account"]["last_review"] == "2026-09-29"
    assert data["account"]["customer_ids"] == ["C00042", "C00043"]
    people = data["where_am_i"]["buying_centre"]
    assert list(people) == list(plan.where_am_i.buying_centre)
    assert people["davide-moretti"]["last_contact"] == "2025-11-20"
    assert people["davide-moretti"]["role"] == "decision-maker"
    assert people["laura-carminati"]["notes"] == ""
    keep = data["where_to_go"]["objectives"]["keep-pa66"]
    assert keep["due"] == "2027-01-31"
    assert keep["checkins"] == {"2026-03-31": 70, "2026-06-30": 66, "2026-09-30": 62}
    actions = data["how_to_get_there"]["actions"]
    assert list(actions) == list(plan.how_to_get_there.actions)
    assert actions["ppa-samples"]["completed"] == "2026-09-24"
    assert actions["rfq-offer"]["completed"] is None
    assert data["where_am_i"]["accessibility"]["economic"] == {
        "rating": 3,
        "note": "The -3% a year cost-down clause erodes margin, now about 11%.",
    }


def test_json_derived_figures_match_metrics() -> None:
    plan = sample_plan()
    derived = json.loads(render(plan, TODAY, "json"))["derived"]
    assert list(derived) == DERIVED_KEYS
    assert derived["days_since_review"] == 62
    assert derived["review_due"] == "2026-10-29"
    assert derived["stale"] is True
    assert derived["overdue_actions"] == ["close-8d-report", "coo-meeting", "landed-cost"]
    assert derived["next_action"] == "close-8d-report"
    for key, c in zip(derived["completeness"], metrics.completeness(plan), strict=True):
        assert derived["completeness"][key] == {
            "done": c.done,
            "total": c.total,
            "ratio": round(c.ratio, 4),
            "missing": list(c.missing),
        }
    assert derived["attainment"] == {
        oid: round(a, 4) if (a := metrics.attainment(o)) is not None else None
        for oid, o in plan.where_to_go.objectives.items()
    }
    progress = metrics.progress_by_objective(plan)
    assert derived["progress_by_objective"] == {
        k: None if v is None else round(v, 4) for k, v in progress.items()
    }
    assert derived["relationship_gaps"] == metrics.relationship_gaps(plan, TODAY, weak=True)
    assert "Davide Moretti: decision maker, weak relationship (1/5)" in derived["relationship_gaps"]
    assert derived["success_factors"][0] == {"factor": "Decision mechanisms known", "known": True}
    assert derived["accessibility"] == {
        "verdict": "accessible with reservations",
        "mean": 3.6667,
        "weakest": "economic",
        "rated": 3,
    }


def test_json_has_every_field_even_when_empty() -> None:
    data = plan_to_json(new_plan("new-co", "New Co"), TODAY)
    assert data["account"] == {
        "name": "New Co",
        "customer_ids": [],
        "industry": "",
        "owner": "",
        "segment": None,
        "currency": "EUR",
        "review_every_days": 30,
        "last_review": None,
    }
    assert data["where_am_i"]["accessibility"]["technical"] == {"rating": None, "note": ""}
    assert data["where_am_i"]["buying_centre"] == {}
    assert data["where_to_go"] == {"ambition": "", "objectives": {}}
    assert data["derived"]["days_since_review"] is None
    assert data["derived"]["review_due"] is None
    assert data["derived"]["mean_attainment"] is None
    assert "extra" not in data


def test_json_round_trips_and_keeps_hand_added_keys() -> None:
    data = plan_to_json(make_full_plan(), TODAY)
    assert json.loads(dumps(data)) == data
    assert data["account"]["extra"] == {
        "crm_url": "https://crm.example.com/a/42",
        "sap_client": 800,
    }
    assert data["extra"] == {"generator": "hand", "meta": {"region": "south-europe", "tier": 1}}
    assert data["where_to_go"]["objectives"]["grow-share"]["checkins"] == {
        "2026-06-30": 20,
        "2026-10-31": 23,
        "2026-11-30": 24.5,
    }
    assert "extra" not in data["where_to_go"]["objectives"]["cut-waste"]


def test_json_hostile_text_is_lossless_and_escaped() -> None:
    plan = hostile_plan()
    text = dumps(plan_to_json(plan, TODAY))
    assert "\\u001b[2J" in text and "\\u009b" in text and "\\u202e" in text
    assert "[x](y)" in text  # JSON needs no Markdown escaping
    back = json.loads(text)
    assert back["account"]["name"] == HOSTILE
    assert back["where_am_i"]["swot"]["threats"] == [HOSTILE]
    assert back["account"]["extra"]["nested"] == {"k": [HOSTILE, "2026-01-02", "nan"]}
    assert back["where_to_go"]["objectives"]["evil"]["checkins"] == {
        "2026-03-01": 1,
        "2026-06-01": 2,
    }


def test_json_dates_are_strings_everywhere() -> None:
    def walk(value: Any) -> Iterator[Any]:
        if isinstance(value, dict):
            for k, v in value.items():
                yield k
                yield from walk(v)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v)
        else:
            yield value

    for plan_id in sample_ids():
        data = json.loads(render(sample_plan(plan_id), TODAY, "json"))
        assert all(v is None or isinstance(v, str | int | float | bool) for v in walk(data)), (
            plan_id
        )


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        render(sample_plan(), TODAY, "html")


# -- the command ------------------------------------------------------------------------------


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    for plan in (sample_plan(), sample_plan("laiterie-duval"), make_full_plan()):
        (root / f"{plan.id}.toml").write_text(dumps_plan(plan), encoding="utf-8")
    shutil.copy(SAMPLE / "offerings.toml", root)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_markdown_to_stdout(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, err = run(capsys, "export", GOLDEN_ID, "-w", str(ws), "--today", TODAY_ARG)
    assert (code, err) == (0, "")
    assert out == plan_to_markdown(sample_plan(), TODAY, OFFERINGS)
    assert out == (GOLDEN / f"export-{GOLDEN_ID}.md").read_text(encoding="utf-8")


def test_cli_json_to_stdout(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, err = run(
        capsys, "--today", TODAY_ARG, "export", "--format", "json", GOLDEN_ID, "-w", str(ws)
    )
    assert (code, err) == (0, "")
    assert json.loads(out) == plan_to_json(sample_plan(), TODAY, OFFERINGS)


def test_cli_today_changes_the_figures(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, _ = run(
        capsys, "export", GOLDEN_ID, "--format", "json", "-w", str(ws), "--today", "2026-10-01"
    )
    assert code == 0
    derived = json.loads(out)["derived"]
    assert (derived["days_since_review"], derived["overdue_actions"]) == (2, [])


def test_cli_output_file_is_written_and_never_overwritten(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "freni.md"
    target.parent.mkdir()
    argv = ["export", GOLDEN_ID, "-w", str(ws), "--today", TODAY_ARG, "-o", str(target)]
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (0, f"{target}\n", "")
    assert target.read_text(encoding="utf-8") == plan_to_markdown(sample_plan(), TODAY, OFFERINGS)
    assert os.listdir(target.parent) == ["freni.md"]  # no temp file left behind

    target.write_text("my own edits\n", encoding="utf-8")
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err == f"kamtui: {target} already exists; not overwritten (use --force to replace it)\n"
    assert target.read_text(encoding="utf-8") == "my own edits\n"

    code, out, err = run(capsys, *argv, "--force")
    assert (code, err) == (0, "")
    assert target.read_text(encoding="utf-8") == plan_to_markdown(sample_plan(), TODAY, OFFERINGS)
    assert os.listdir(target.parent) == ["freni.md"]


def test_cli_output_suffix_picks_json(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    target = tmp_path / "plan.JSON"
    code, _, _ = run(
        capsys, "export", GOLDEN_ID, "-w", str(ws), "--today", TODAY_ARG, "-o", str(target)
    )
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == GOLDEN_ID
    # An explicit --format wins over the suffix.
    other = tmp_path / "plan.json.txt"
    code, _, _ = run(
        capsys, "export", GOLDEN_ID, "-w", str(ws), "--format", "json", "-o", str(other)
    )
    assert code == 0 and other.read_text(encoding="utf-8").startswith("{\n")


def test_cli_output_dash_is_stdout(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, _ = run(capsys, "export", GOLDEN_ID, "-w", str(ws), "--today", TODAY_ARG, "-o", "-")
    assert code == 0 and out.startswith("# Account plan: Freni Orobici S.p.A.\n")
    assert not Path("-").exists()


def test_cli_output_into_a_missing_folder_fails_cleanly(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    target = tmp_path / "nope" / "x.md"
    code, out, err = run(capsys, "export", GOLDEN_ID, "-w", str(ws), "-o", str(target))
    assert code == 1 and out == ""
    assert err.startswith(f"kamtui: {target}: cannot write") and "Traceback" not in err
    assert not target.parent.exists()


def test_cli_output_to_a_folder_is_refused(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "export", GOLDEN_ID, "-w", str(ws), "-o", str(tmp_path), "-f")
    assert code == 1
    assert "is a folder" in err


def test_write_export_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    write_export(target, "one\n")
    with pytest.raises(OutputExistsError):
        write_export(target, "two\n")
    assert target.read_text() == "one\n"
    write_export(target, "three\n", force=True)
    assert target.read_text() == "three\n"


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("frnei-orobici", "freni-orobici"),
        ("freni", "freni-orobici"),
        ("laiterie", "laiterie-duval"),
        ("Acme-Packaging", "acme-packaging"),
    ],
)
def test_cli_unknown_id_suggests_close_ones(
    capsys: pytest.CaptureFixture[str], ws: Path, typed: str, suggested: str
) -> None:
    code, out, err = run(capsys, "export", typed, "-w", str(ws))
    assert code == 2 and out == ""
    assert err.startswith(f"kamtui: no plan '{typed}' in {ws}; did you mean: ")
    assert suggested in err.split("did you mean: ")[1]
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("typed", ["zzz", "../freni-orobici", "-", "\x1b[2J"])
def test_cli_unknown_id_without_suggestion(
    capsys: pytest.CaptureFixture[str], ws: Path, typed: str
) -> None:
    code, out, err = run(capsys, "export", "-w", str(ws), "--", typed)
    assert code == 2 and out == ""
    assert err.startswith("kamtui: no plan '")
    assert "\x1b" not in err


def test_suggest_ids_limits_and_ranks() -> None:
    known = {"acme", "acme-2", "acme-packaging", "beta", "gamma"}
    assert suggest_ids("acme-3", known)[0] == "acme-2"
    assert len(suggest_ids("acme", known | {"acme-x", "acme-y"})) == 3
    assert suggest_ids("q", known) == []


def test_cli_broken_plan_exits_1_with_positions(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    bad = ws / "broken.toml"
    bad.write_text('schema = 1\n[account]\nname = "Bad"\nsegment = "Z"\n', encoding="utf-8")
    code, out, err = run(capsys, "export", "broken", "-w", str(ws))
    assert code == 1 and out == ""
    *problems, summary = err.splitlines()
    assert problems
    for line in problems:
        m = PROBLEM_RE.match(line)
        assert m, line
        assert Path(m["path"]) == bad
    assert f"{bad}:4:11: error: " in err
    assert summary == f"kamtui: {bad} has errors; fix them (see 'kamtui check') and export again"


def test_cli_workspace_from_the_environment(
    capsys: pytest.CaptureFixture[str], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAMTUI_WORKSPACE", str(ws))
    code, out, err = run(capsys, "export", "acme-packaging", "--today", TODAY_ARG)
    assert (code, err) == (0, "")
    assert out == plan_to_markdown(make_full_plan(), TODAY, OFFERINGS)


def test_cli_missing_workspace(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "export", "x", "-w", str(tmp_path / "nope"))
    assert code == 2 and out == ""
    assert "does not exist" in err


def test_cli_requires_an_id_and_a_known_format(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    assert run(capsys, "export", "-w", str(ws))[0] == 2
    assert run(capsys, "export", GOLDEN_ID, "--format", "html", "-w", str(ws))[0] == 2


def test_stdout_is_utf8_whatever_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    latin = io.TextIOWrapper(raw, encoding="latin-1")
    monkeypatch.setattr(sys, "stdout", latin)
    _write_stdout("bar `██░░` 20% €\n")
    assert raw.getvalue() == "bar `██░░` 20% €\n".encode()


PROBE = """
import json, sys
from kamtui.cli.main import main
code = main({argv!r})
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "pandas"))
print("HEAVY=" + json.dumps(heavy) + " EXIT=" + str(code))
"""


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_export_does_not_import_textual_or_pandas(ws: Path, tmp_path: Path, fmt: str) -> None:
    argv = ["export", GOLDEN_ID, "-w", str(ws), "--today", TODAY_ARG, "--format", fmt]
    argv += ["-o", str(tmp_path / f"out.{fmt}")]
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAMTUI_")}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"))
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "HEAVY=[] EXIT=0"
    assert (tmp_path / f"out.{fmt}").is_file()
