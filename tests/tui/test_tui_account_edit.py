"""The account editor driven like a user: keys in, then the plan on screen AND the file on disk.

Every test pins today (``TODAY`` from conftest) and runs at 80×24 unless it says otherwise.
Forms are filled with the keyboard only: ``tab`` to a field, its text typed as key events
(each line in one burst through the driver, as a fast typist's keys arrive: ``type_text`` in
``tests/tui_helpers.py``), ``enter`` on a select opens it and the arrows pick an option,
``ctrl+s`` confirms. Runs of tabs and arrows go in one burst too, then the focus (the
highlight) is checked. After a save the file
is read back twice (``tomllib`` for the raw values, ``read_plan`` for the model) and must
round-trip: ``read_plan(path).plan`` equals the plan on screen and ``dumps_plan`` gives the
file's exact text.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import FULL_PLAN_ID, TODAY, make_full_plan
from textual import events
from textual._xterm_parser import XTermParser
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea
from textual.widgets._select import SelectOverlay
from tui_helpers import (
    burst,
    cursor_to,
    open_account,
    screen_text,
    tab_to,
    type_text,
    wait_for,
    wait_for_screen,
)

from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import read_plan
from kamtui.plan.model import AccountPlan, ActionStatus, Horizon
from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.factory import make_app
from kamtui.tui.panes.how_to_get_there import ActionTable
from kamtui.tui.panes.where_am_i import PeopleTable
from kamtui.tui.screens.account import AccountScreen
from kamtui.tui.screens.dashboard import DashboardScreen
from kamtui.tui.screens.dialogs import ChoiceDialog, ConfirmDialog, TextPrompt
from kamtui.tui.screens.record_form import RecordForm
from kamtui.tui.widgets.keyed_table import KeyedTable
from kamtui.tui.widgets.record_table import GROUP_PREFIX

SIZE = (80, 24)

# -- helpers -------------------------------------------------------------------------------


def new_app(workspace: Workspace) -> KamApp:
    return make_app(workspace, today=TODAY, watch_interval=None)


def text_of(widget: Static) -> str:
    content = widget.content
    return content.plain if hasattr(content, "plain") else str(content)


def static(app: KamApp, selector: str) -> str:
    return text_of(app.screen.query_one(selector, Static))


def header(app: KamApp) -> str:
    return static(app, "#account-header")


def table(app: KamApp, selector: str) -> KeyedTable:
    return app.screen.query_one(selector, KeyedTable)


def column(app: KamApp, selector: str, col: str) -> list[str]:
    t = table(app, selector)
    return [t.get_cell(key, col).plain for key in t.row_ids()]


def write_full_plan(workspace: Workspace) -> Path:
    """``acme-packaging.toml``: conftest's full plan, in its canonical form."""
    path = workspace.root / f"{FULL_PLAN_ID}.toml"
    path.write_text(dumps_plan(make_full_plan()), encoding="utf-8")
    return path


@asynccontextmanager
async def account_editor(
    workspace: Workspace, plan_id: str
) -> AsyncIterator[tuple[KamApp, Pilot[None], AccountScreen]]:
    """The app at SIZE on *plan_id*'s account screen, opened from the dashboard, step 1's first
    section focused."""
    app = new_app(workspace)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_account(app, pilot, plan_id)
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "analysis")
        yield app, pilot, screen


async def to_actions(app: KamApp, pilot: Pilot[None]) -> ActionTable:
    """Step 3, then tab to the action table (`3` focuses the strategy)."""
    await pilot.press("3")
    await wait_for(pilot, lambda: app.focused is table(app, "#strategy"))
    await pilot.press("tab")
    actions = app.screen.query_one("#actions", ActionTable)
    assert app.focused is actions
    return actions


async def form(app: KamApp, pilot: Pilot[None], *keys: str) -> RecordForm:
    """Press *keys*; a form must open (its first field focused)."""
    await pilot.press(*keys)
    screen = await wait_for_screen(pilot, RecordForm)
    await wait_for(pilot, lambda: app.focused is not None and app.screen is screen)
    return screen


async def to_field(app: KamApp, pilot: Pilot[None], name: str) -> None:
    """tab until the field has the focus."""
    await tab_to(pilot, app.screen.query_one(f"#field-{name}"))


async def choose(app: KamApp, pilot: Pilot[None], label: str) -> None:
    """In the focused select: enter opens it, the arrows go to *label*, enter picks it."""
    select = app.focused
    assert isinstance(select, Select), select
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.focused, SelectOverlay))
    overlay = app.focused
    assert isinstance(overlay, SelectOverlay)

    def current() -> str:
        if overlay.highlighted is None:
            return ""
        prompt = overlay.get_option_at_index(overlay.highlighted).prompt
        return getattr(prompt, "plain", str(prompt))

    labels = [
        getattr(o.prompt, "plain", str(o.prompt)) for o in overlay.options
    ]  # what the user sees
    assert label in labels, (label, labels)
    steps = labels.index(label) - (overlay.highlighted or 0)
    if steps:
        await burst(pilot, *["down" if steps > 0 else "up"] * abs(steps))
    assert current() == label
    await pilot.press("enter")
    await wait_for(pilot, lambda: app.focused is select)


async def fill(app: KamApp, pilot: Pilot[None], **values: str) -> None:
    """Fill fields in the order given: replace an input's or text area's text, pick a
    select's option by its label."""
    for name, value in values.items():
        await to_field(app, pilot, name)
        widget = app.focused
        if isinstance(widget, Select):
            await choose(app, pilot, value)
        elif isinstance(widget, Input):
            if widget.value:
                await pilot.press("home", "ctrl+k")
            await type_text(pilot, value)
            assert widget.value == value
        elif isinstance(widget, TextArea):
            if widget.text:
                await pilot.press("f7", "delete")  # select all, delete
            await type_text(pilot, value)
            assert widget.text == value
        else:  # pragma: no cover
            raise AssertionError(widget)


async def submit(app: KamApp, pilot: Pilot[None], back_to: object, key: str = "ctrl+s") -> None:
    await pilot.press(key)
    await wait_for(pilot, lambda: app.screen is back_to)
    await pilot.pause()


async def edit_form(app: KamApp, pilot: Pilot[None], key: str, **values: str) -> None:
    """On the account screen: open a form with *key*, fill it, confirm with ctrl+s, back on the
    account screen."""
    screen = app.screen
    assert isinstance(screen, AccountScreen), screen
    await form(app, pilot, key)
    await fill(app, pilot, **values)
    await submit(app, pilot, screen)


async def focus(app: KamApp, pilot: Pilot[None], widget_id: str, key: str = "tab") -> None:
    """tab (or shift+tab) until the widget has the focus."""
    await tab_to(pilot, app.screen.query_one(f"#{widget_id}"), key)


async def save_and_wait(app: KamApp, pilot: Pilot[None], path: Path) -> str:
    before = path.read_bytes()
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: path.read_bytes() != before)
    screen = app.screen
    assert isinstance(screen, AccountScreen)
    await wait_for(pilot, lambda: not screen.saving and not screen.dirty)
    return path.read_text(encoding="utf-8")


def assert_round_trip(path: Path, plan: AccountPlan) -> dict[str, Any]:
    """The file holds exactly *plan*: read back equal, canonical bytes. Returns its TOML."""
    text = path.read_text(encoding="utf-8")
    loaded = read_plan(path)
    assert loaded.ok and not loaded.errors, loaded.problems
    assert loaded.plan == plan
    assert dumps_plan(plan) == text
    return tomllib.loads(text)


def notifications(app: KamApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


# -- a) a whole plan, by keyboard only --------------------------------------------------------
#
# One session from an empty workspace to a saved plan, in steps: each step is a helper that
# starts where the previous one left the app and checks the screen (and the plan in memory) as
# it goes; the test then checks the file. What is typed is in these constants, so the file can
# be checked against them.

NAME = "Acme Packaging S.p.A."
ANALYSIS = {
    "business": "Food-grade flexible packaging.\nThree plants: Parma, Lodi, Bari.",
    "priorities": "Cut film waste 15% by 2027.",
    "buying_motivation": "Security of supply first.",
    "decision_process": "Annual tender in October;\nCFO decides.",
}
RATINGS = {
    "technical": ("4", "Grades qualified."),
    "economic": ("3", "Price gap."),
    "commercial": ("5", "Direct channel."),
}
SWOT = {
    "strengths": "Service team on site",
    "weaknesses": "Price gap",
    "opportunities": "Second-source policy",
    "threats": "Resin shortages",
}


async def a_new_account_from_the_dashboard(
    app: KamApp, pilot: Pilot[None], ws: Workspace
) -> tuple[Path, AccountScreen]:
    """n, the name, enter: the file exists and its row is selected; enter opens it."""
    await wait_for(pilot, lambda: app.loaded_once and isinstance(app.screen, DashboardScreen))
    dashboard = app.screen
    assert isinstance(dashboard, DashboardScreen)
    assert dashboard.table.row_count == 0

    await pilot.press("n")
    await wait_for_screen(pilot, TextPrompt)
    await type_text(pilot, NAME)
    await pilot.press("enter")
    path = ws.root / "acme-packaging-s-p-a.toml"
    await wait_for(pilot, lambda: path.exists() and dashboard.table.row_count == 1)
    assert app.screen is dashboard
    created = read_plan(path)
    assert created.plan is not None and created.plan.account.name == NAME
    assert dashboard.table.selected_id == "acme-packaging-s-p-a"
    await pilot.press("enter")
    screen = await wait_for_screen(pilot, AccountScreen)
    await wait_for(pilot, lambda: app.focused is table(app, "#analysis"))
    assert "✔ saved" in header(app)
    assert "Q1 0% · Q2 0% · Q3 0%" in header(app)
    return path, screen


async def a_customer_analysis(app: KamApp, pilot: Pilot[None], screen: AccountScreen) -> None:
    """Step 1's questions (text areas: newline with enter, ctrl+s confirms), then the
    relationship level (a select)."""
    for i, (name, text) in enumerate(ANALYSIS.items()):
        assert table(app, "#analysis").selected_key == name
        f = await form(app, pilot, "enter")
        assert app.focused is f.query_one(f"#field-{name}", TextArea)
        await type_text(pilot, text)
        await submit(app, pilot, screen)
        assert getattr(screen.plan.where_am_i, name) == text
        if i < 3:
            await pilot.press("down")
    assert "● unsaved" in header(app)
    assert column(app, "#analysis", "answer")[0] == "Food-grade flexible packaging. …"
    await pilot.press("down")
    assert table(app, "#analysis").selected_key == "relationship_level"
    await edit_form(app, pilot, "enter", relationship_level="preferred supplier")
    assert screen.plan.where_am_i.relationship_level == "preferred-supplier"
    assert column(app, "#analysis", "answer")[4] == "preferred supplier"


async def a_buying_centre(app: KamApp, pilot: Pilot[None]) -> None:
    """Two people: every kind of field, a relative date (-2w)."""
    await focus(app, pilot, "people")
    await edit_form(
        app,
        pilot,
        "a",
        name="Giulia Bianchi",
        title="Procurement Director",
        role="decision maker",
        influence="high",
        attitude="supporter",
        orientation="financial",
        relationship="4",
        last_contact="2026-11-20",
    )
    await edit_form(
        app,
        pilot,
        "a",
        name="Nicola Conti",
        title="CFO",
        role="economic buyer",
        influence="medium",
        attitude="neutral",
        orientation="business",
        relationship="2",
        last_contact="-2w",
        notes="Thinks we are 6% too expensive.",
    )
    people = table(app, "#people")
    assert people.row_ids() == ["giulia-bianchi", "nicola-conti"]
    assert people.selected_key == "nicola-conti"  # the new row is selected
    assert [c.plain for c in people.get_row("nicola-conti")] == [
        "Nicola Conti",
        "economic buyer",
        "med",
        "neutral",
        "business",
        "2/5",
        "2026-11-16",
    ]
    assert static(app, "#people-gaps") == "✔ no gaps"


async def an_accessibility(app: KamApp, pilot: Pilot[None]) -> None:
    """The three ratings: a rating (an input) and a note (a text area) each."""
    await focus(app, pilot, "access")
    for i, (kind, (rating, note)) in enumerate(RATINGS.items()):
        assert table(app, "#access").selected_key == kind
        await edit_form(app, pilot, "enter", rating=rating, note=note)
        if i < 2:
            await pilot.press("down")
    assert column(app, "#access", "rating") == ["●●●●○ 4", "●●●○○ 3", "●●●●● 5"]
    assert static(app, "#access-verdict").startswith("Verdict: ")


async def a_competitor(app: KamApp, pilot: Pilot[None]) -> None:
    """Share of wallet, strengths one per line, positioning."""
    await focus(app, pilot, "competitors")
    await edit_form(
        app,
        pilot,
        "a",
        name="Polimeri Sud",
        share_of_wallet="55%",
        strengths="Incumbent at Bari\nLower list price",
        weaknesses="Late deliveries",
        positioning="We win on supply security.",
    )
    assert [c.plain for c in table(app, "#competitors").get_row("polimeri-sud")] == [
        "Polimeri Sud",
        "55%",
        "Incumbent at Bari; Lower list price",
        "Late deliveries",
        "We win on supply security.",
    ]


async def a_swot(app: KamApp, pilot: Pilot[None], screen: AccountScreen) -> None:
    """a adds one item to each quadrant; enter edits a quadrant's whole list."""
    for _ in range(4):
        await pilot.press("tab")
        quadrant = (app.focused.id or "").removeprefix("swot-") if app.focused else ""
        assert quadrant in SWOT, app.focused
        await edit_form(app, pilot, "a", item=SWOT[quadrant])
        assert column(app, f"#swot-{quadrant}", "item") == [SWOT[quadrant]]
    await focus(app, pilot, "swot-strengths", key="shift+tab")
    f = await form(app, pilot, "enter")
    area = f.query_one("#field-strengths", TextArea)
    assert area.text == "Service team on site"
    await pilot.press("end")
    await type_text(pilot, "\nQualified grades at Parma")
    await submit(app, pilot, screen)
    assert column(app, "#swot-strengths", "item") == [
        "Service team on site",
        "Qualified grades at Parma",
    ]


async def account_details(app: KamApp, pilot: Pilot[None]) -> None:
    """i: customer ids one per line, industry, owner, segment (the header follows)."""
    await edit_form(
        app,
        pilot,
        "i",
        customer_ids="C00042\nC00043",
        industry="Packaging",
        owner="Maria Rossi",
        segment="A",
    )
    assert header(app).startswith(f"{NAME}  ·  A  ·  Maria Rossi  ● unsaved")


async def where_to_go(app: KamApp, pilot: Pilot[None], screen: AccountScreen) -> None:
    """Step 2: the ambition, a short- and a long-term objective, a check-in."""
    await pilot.press("2")
    await wait_for(pilot, lambda: app.focused is table(app, "#ambition"))
    await edit_form(app, pilot, "enter", ambition="Strategic partner by 2028.")
    await focus(app, pilot, "objectives-short")
    await edit_form(
        app,
        pilot,
        "a",
        title="Grow share of wallet",
        metric="share of wallet",
        unit="%",
        baseline="20",
        target="35%",
        due="2027-06-30",
    )
    await focus(app, pilot, "objectives-long")
    await edit_form(
        app,
        pilot,
        "a",
        title="Strategic partner status",
        baseline="1",
        target="4",
        due="+2y",
    )
    objectives = screen.plan.where_to_go.objectives
    assert objectives["grow-share-of-wallet"].horizon is Horizon.SHORT
    assert objectives["strategic-partner-status"].horizon is Horizon.LONG
    assert objectives["strategic-partner-status"].due == dt.date(2028, 11, 30)
    await focus(app, pilot, "objectives-short", key="shift+tab")
    f = await form(app, pilot, "c")
    assert f.query_one("#field-day", Input).value == TODAY.isoformat()
    await type_text(pilot, "24.5")
    await submit(app, pilot, screen, key="enter")
    assert objectives["grow-share-of-wallet"].checkins == {TODAY: 24.5}
    assert column(app, "#objectives-short", "current") == ["24.5"]
    assert "Check-ins: 2026-11-30: 24.5" in static(app, "#objective-detail")


async def how_to_get_there(app: KamApp, pilot: Pilot[None], screen: AccountScreen) -> None:
    """Step 3: the strategy, three actions tied to objectives, then statuses and progress with
    the keys (the rollup follows live)."""
    await pilot.press("3")
    await wait_for(pilot, lambda: app.focused is table(app, "#strategy"))
    await edit_form(app, pilot, "enter", strategy="Lead with supply security.")
    await focus(app, pilot, "actions")
    rollup = static(app, "#rollup")
    for title, objective, owner, due in (
        ("Meet the CFO", "Grow share of wallet", "Maria Rossi", "2026-12-15"),
        ("Run a line trial", "Grow share of wallet", "Paolo Neri", "2026-12-20"),
        ("Get on the scorecard", "Strategic partner status", "Maria Rossi", "2027-02-28"),
    ):
        await edit_form(app, pilot, "a", title=title, objective=objective, owner=owner, due=due)
    actions = table(app, "#actions")
    assert actions.row_ids() == ["meet-the-cfo", "run-a-line-trial", "get-on-the-scorecard"]
    assert column(app, "#actions", "objective") == [
        "Grow share of wallet",
        "Grow share of wallet",
        "Strategic partner status",
    ]
    assert column(app, "#actions", "due") == ["2026-12-15", "2026-12-20", "2027-02-28"]
    plan_actions = screen.plan.how_to_get_there.actions
    assert [a.objective for a in plan_actions.values()] == [
        "grow-share-of-wallet",
        "grow-share-of-wallet",
        "strategic-partner-status",
    ]
    assert static(app, "#rollup") != rollup
    assert "0/2 done" in static(app, "#rollup") and "0/1 done" in static(app, "#rollup")

    await cursor_to(pilot, actions, "meet-the-cfo")
    await pilot.press("space")  # todo → in progress
    assert plan_actions["meet-the-cfo"].status is ActionStatus.IN_PROGRESS
    await pilot.press("plus", "plus", "plus", "minus")  # 20 %
    assert plan_actions["meet-the-cfo"].progress == 20
    assert actions.get_cell("meet-the-cfo", "progress").plain == "█░░░  20%"
    assert "█░░░░░░░░░  10%" in static(app, "#rollup")  # (20 + 0) / 2
    await pilot.press("down")
    await pilot.press("space", "space")  # todo → in progress → done
    assert plan_actions["run-a-line-trial"].status is ActionStatus.DONE
    assert plan_actions["run-a-line-trial"].completed == TODAY
    assert "1/2 done" in static(app, "#rollup")
    assert "██████░░░░  60%" in static(app, "#rollup")  # (20 + 100) / 2
    await pilot.press("down", "b")
    assert plan_actions["get-on-the-scorecard"].status is ActionStatus.BLOCKED
    assert actions.get_cell("get-on-the-scorecard", "status").plain == "blocked"
    await pilot.press("x")
    assert plan_actions["get-on-the-scorecard"].status is ActionStatus.DROPPED
    assert "0/0 done" in static(app, "#rollup")  # a dropped action does not count
    await pilot.press("x")  # again: back to in progress
    assert plan_actions["get-on-the-scorecard"].status is ActionStatus.IN_PROGRESS
    assert "0/1 done" in static(app, "#rollup")

    # everything known: the success factors are all ticked
    factors = static(app, "#success-factors").split("\n")
    assert len(factors) == 5 and all(line.startswith("✔ ") for line in factors), factors


async def a_save(
    app: KamApp, pilot: Pilot[None], screen: AccountScreen, path: Path
) -> dict[str, Any]:
    """ctrl+s: the file holds the plan on screen, nothing is unsaved any more. Returns the
    file's TOML."""
    assert app.unsaved_changes() == [path.name]
    text = await save_and_wait(app, pilot, path)
    await wait_for(pilot, lambda: "✔ saved" in header(app))
    assert app.unsaved_changes() == []
    doc = assert_round_trip(path, screen.plan)
    assert screen.loaded.plan == screen.plan
    assert dumps_plan(screen.plan) == text
    return doc


def assert_the_file_holds_what_was_typed(doc: dict[str, Any]) -> None:
    account = doc["account"]
    assert account["name"] == NAME
    assert account["customer_ids"] == ["C00042", "C00043"]
    assert account["industry"] == "Packaging"
    assert account["owner"] == "Maria Rossi"
    assert account["segment"] == "A"
    assert "last_review" not in account
    w = doc["where_am_i"]
    for name, value in ANALYSIS.items():
        assert w[name] == value
    assert w["relationship_level"] == "preferred-supplier"
    assert w["buying_centre"]["giulia-bianchi"] == {
        "name": "Giulia Bianchi",
        "title": "Procurement Director",
        "role": "decision-maker",
        "influence": "high",
        "attitude": "supporter",
        "orientation": "financial",
        "relationship": 4,
        "last_contact": dt.date(2026, 11, 20),
    }
    nicola = w["buying_centre"]["nicola-conti"]
    assert nicola["role"] == "economic-buyer" and nicola["last_contact"] == dt.date(2026, 11, 16)
    assert nicola["notes"] == "Thinks we are 6% too expensive."
    access = w["accessibility"]
    assert {k: (v["rating"], v["note"]) for k, v in access.items()} == {
        k: (int(r), n) for k, (r, n) in RATINGS.items()
    }
    assert w["competitors"] == {
        "polimeri-sud": {
            "name": "Polimeri Sud",
            "share_of_wallet": 55,
            "strengths": ["Incumbent at Bari", "Lower list price"],
            "weaknesses": ["Late deliveries"],
            "positioning": "We win on supply security.",
        }
    }
    assert w["swot"] == {
        "strengths": ["Service team on site", "Qualified grades at Parma"],
        "weaknesses": ["Price gap"],
        "opportunities": ["Second-source policy"],
        "threats": ["Resin shortages"],
    }
    g = doc["where_to_go"]
    assert g["ambition"] == "Strategic partner by 2028."
    grow = g["objectives"]["grow-share-of-wallet"]
    assert grow["title"] == "Grow share of wallet" and grow["horizon"] == "short"
    assert (grow["metric"], grow["unit"]) == ("share of wallet", "%")
    assert (grow["baseline"], grow["target"], grow["current"]) == (20, 35, 24.5)
    assert grow["due"] == dt.date(2027, 6, 30)
    assert grow["checkins"] == {"2026-11-30": 24.5}
    partner = g["objectives"]["strategic-partner-status"]
    assert partner["horizon"] == "long" and partner["due"] == dt.date(2028, 11, 30)
    h = doc["how_to_get_there"]
    assert h["strategy"] == "Lead with supply security."
    assert {aid: (a["status"], a["progress"]) for aid, a in h["actions"].items()} == {
        "meet-the-cfo": ("in-progress", 20),
        "run-a-line-trial": ("done", 100),
        "get-on-the-scorecard": ("in-progress", 0),
    }
    assert h["actions"]["run-a-line-trial"]["completed"] == TODAY
    assert h["actions"]["meet-the-cfo"]["owner"] == "Maria Rossi"
    assert h["actions"]["get-on-the-scorecard"]["objective"] == "strategic-partner-status"


@pytest.mark.slow  # ~25 s of CPU: 25 forms
async def test_a_whole_plan_filled_in_by_keyboard_and_saved(tmp_workspace: Workspace) -> None:
    app = new_app(tmp_workspace)
    async with app.run_test(size=SIZE) as pilot:
        path, screen = await a_new_account_from_the_dashboard(app, pilot, tmp_workspace)
        await a_customer_analysis(app, pilot, screen)
        await a_buying_centre(app, pilot)
        await an_accessibility(app, pilot)
        await a_competitor(app, pilot)
        await a_swot(app, pilot, screen)
        await account_details(app, pilot)
        await where_to_go(app, pilot, screen)
        await how_to_get_there(app, pilot, screen)
        doc = await a_save(app, pilot, screen, path)
    assert_the_file_holds_what_was_typed(doc)


# -- b) validation in forms -------------------------------------------------------------------


def error_shown(f: RecordForm, name: str) -> str:
    """The message under field *name*, asserting it is visible ("" when none is shown)."""
    box = f.query_one(f"#error-{name}", Static)
    if not box.has_class("-shown"):
        assert not box.display or not text_of(box)
        return ""
    assert box.display and box.region.height >= 1
    return text_of(box)


async def test_b_forms_say_what_is_wrong_under_the_field_and_stay_open(
    tmp_workspace: Workspace,
) -> None:
    path = tmp_workspace.new_plan("Acme").path
    async with account_editor(tmp_workspace, "acme") as (app, pilot, screen):
        await focus(app, pilot, "people")
        f = await form(app, pilot, "a")
        await fill(app, pilot, relationship="7", last_contact="2026-13-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is f  # still open
        assert error_shown(f, "name") == "Name is required"
        assert error_shown(f, "relationship") == "must be between 1 and 5"
        assert error_shown(f, "last_contact").startswith("'2026-13-01' is not a date")
        assert error_shown(f, "title") == ""
        assert app.focused is f.query_one("#field-name")  # the first wrong field
        # fix two, break the number differently: only what is still wrong shows
        await fill(app, pilot, name="Anna Verdi", relationship="abc")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is f
        assert error_shown(f, "name") == ""
        assert error_shown(f, "relationship") == "'abc' is not a number"
        assert error_shown(f, "last_contact").startswith("'2026-13-01' is not a date")
        await fill(app, pilot, relationship="3", last_contact="2026-11-02")
        await submit(app, pilot, screen, key="enter")
        person = screen.plan.where_am_i.buying_centre["anna-verdi"]
        assert (person.name, person.relationship) == ("Anna Verdi", 3)
        assert person.last_contact == dt.date(2026, 11, 2)

        # a number out of its range, then one written the European way
        await focus(app, pilot, "competitors")
        f = await form(app, pilot, "a")
        await fill(app, pilot, name="FlexFilm", share_of_wallet="abc")
        await pilot.press("enter")
        await pilot.pause()
        assert error_shown(f, "share_of_wallet") == "'abc' is not a number"
        await fill(app, pilot, share_of_wallet="101")
        await pilot.press("enter")
        await pilot.pause()
        assert error_shown(f, "share_of_wallet") == "must be between 0 and 100"
        await fill(app, pilot, share_of_wallet="12,5")
        await submit(app, pilot, screen, key="enter")
        assert screen.plan.where_am_i.competitors["flexfilm"].share_of_wallet == 12.5

        await save_and_wait(app, pilot, path)
        doc = assert_round_trip(path, screen.plan)
    assert doc["where_am_i"]["buying_centre"]["anna-verdi"] == {
        "name": "Anna Verdi",
        "title": "",
        "relationship": 3,
        "last_contact": dt.date(2026, 11, 2),
    }
    assert doc["where_am_i"]["competitors"]["flexfilm"]["share_of_wallet"] == 12.5


async def test_b_wrong_inputs_stay_marked_after_the_focus_moves(
    tmp_workspace: Workspace,
) -> None:
    tmp_workspace.new_plan("Acme")
    async with account_editor(tmp_workspace, "acme") as (app, pilot, _screen):
        await focus(app, pilot, "people")
        f = await form(app, pilot, "a")
        await fill(app, pilot, relationship="7", last_contact="2026-13-01")
        await pilot.press("ctrl+s")  # the focus goes to the name, the first wrong field
        await pilot.pause()
        assert error_shown(f, "last_contact")
        marked = [
            name
            for name in ("name", "relationship", "last_contact")
            if f.query_one(f"#field-{name}").has_class("-wrong")
        ]
        assert marked == ["name", "relationship", "last_contact"]


# -- c) unsaved changes -----------------------------------------------------------------------


async def make_an_edit(app: KamApp, pilot: Pilot[None], screen: AccountScreen) -> None:
    """Step 3, the first action (Meet the CFO, 40 %): + makes it 50 %."""
    await to_actions(app, pilot)
    await pilot.press("plus")
    assert screen.plan.how_to_get_there.actions["call-cfo"].progress == 50
    assert screen.dirty and "● unsaved" in header(app)


async def leave_dialog(app: KamApp, pilot: Pilot[None]) -> ChoiceDialog:
    await pilot.press("escape")
    dialog = await wait_for_screen(pilot, ChoiceDialog)
    assert dialog.title_text == "Leave this account?"
    assert dialog.question == f"{FULL_PLAN_ID}.toml has unsaved changes."
    assert [k for k, _ in dialog.choices] == ["s", "d", "k"]
    for key in ("s", "d", "k"):
        assert dialog.query_one(f"#choice-{key}")
    return dialog


async def test_c_leaving_with_unsaved_edits_asks_keep_discard_or_save(
    tmp_workspace: Workspace,
) -> None:
    path = write_full_plan(tmp_workspace)
    original = path.read_bytes()
    async with account_editor(tmp_workspace, FULL_PLAN_ID) as (app, pilot, screen):
        dashboard = app.screen_stack[-2]
        # without edits escape just leaves
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is dashboard)
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, AccountScreen)
        await make_an_edit(app, pilot, screen)

        # k: keep editing
        await leave_dialog(app, pilot)
        await pilot.press("k")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.dirty and screen.plan.how_to_get_there.actions["call-cfo"].progress == 50

        # d: discard, back on the dashboard, the file untouched
        await leave_dialog(app, pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: app.screen is dashboard)
        assert path.read_bytes() == original
        assert app.unsaved_changes() == []

        # s: save then leave
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, AccountScreen)
        assert screen.plan.how_to_get_there.actions["call-cfo"].progress == 40  # discarded
        await make_an_edit(app, pilot, screen)
        await leave_dialog(app, pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: app.screen is dashboard)
        assert path.read_bytes() != original
        doc = assert_round_trip(path, screen.plan)
        assert doc["how_to_get_there"]["actions"]["call-cfo"]["progress"] == 50
        assert app.unsaved_changes() == []


async def test_c_quitting_with_unsaved_edits_asks_first(tmp_workspace: Workspace) -> None:
    path = write_full_plan(tmp_workspace)
    original = path.read_bytes()
    async with account_editor(tmp_workspace, FULL_PLAN_ID) as (app, pilot, screen):
        await make_an_edit(app, pilot, screen)
        assert app.unsaved_changes() == [f"{FULL_PLAN_ID}.toml"]
        for key, stay in (("q", "n"), ("ctrl+q", "escape")):
            await pilot.press(key)
            confirm = await wait_for_screen(pilot, ConfirmDialog)
            assert confirm.question == (
                f"Unsaved changes in: {FULL_PLAN_ID}.toml\nQuit and lose them?"
            )
            await pilot.press(stay)
            await wait_for(pilot, lambda: app.screen is screen)
            assert app.return_code is None and screen.dirty
        # ctrl+q works from inside a form too (a priority binding)
        await form(app, pilot, "i")
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.return_code is not None)
    assert path.read_bytes() == original


# -- d) escape in a form ------------------------------------------------------------------


async def test_d_escape_in_a_form_asks_only_when_something_was_typed(
    tmp_workspace: Workspace,
) -> None:
    write_full_plan(tmp_workspace)
    async with account_editor(tmp_workspace, FULL_PLAN_ID) as (app, pilot, screen):
        # nothing typed: escape closes at once
        await form(app, pilot, "i")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        # typed, then erased: nothing changed, no question either
        # (the text of a focused input starts selected: "end" first, to add to it)
        f = await form(app, pilot, "i")
        await pilot.press("end", "x", "backspace", "escape")
        await wait_for(pilot, lambda: app.screen is screen)
        # typed: escape asks; n keeps the text, y throws it away
        f = await form(app, pilot, "i")
        await pilot.press("end")
        await type_text(pilot, " Group")
        await pilot.press("escape")
        confirm = await wait_for_screen(pilot, ConfirmDialog)
        assert confirm.question == "Discard what you typed?"
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is f)
        assert f.query_one("#field-name", Input).value == "Acme Packaging S.p.A. Group"
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.plan.account.name == "Acme Packaging S.p.A."
        assert not screen.dirty
        # the same in a text area (business)
        await form(app, pilot, "enter")
        await type_text(pilot, "More.")
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("escape")  # escape in the question = no: back to the form
        await wait_for_screen(pilot, RecordForm)
        await pilot.press("escape", "y")
        await wait_for(pilot, lambda: app.screen is screen)
        assert not screen.dirty


# -- e) the buying centre -------------------------------------------------------------------


def gaps_line(plan: AccountPlan) -> str:
    from kamtui.plan import metrics

    gaps = metrics.relationship_gaps(plan, TODAY)
    return "⚠ " + " · ".join(gaps) if gaps else "✔ no gaps"


async def test_e_buying_centre_groups_by_role_and_attitude_and_shows_gaps(
    tmp_workspace: Workspace,
) -> None:
    write_full_plan(tmp_workspace)
    async with account_editor(tmp_workspace, FULL_PLAN_ID) as (app, pilot, screen):
        await focus(app, pilot, "people")
        people = app.screen.query_one("#people", PeopleTable)
        assert static(app, "#people-gaps") == gaps_line(screen.plan)
        assert "Nicola Conti: critic with high influence" in static(app, "#people-gaps")
        flat = ["giulia-bianchi", "luca-ferri", "nicola-conti"]
        assert people.row_ids() == flat

        await pilot.press("g")
        assert people.grouping == "role"
        g = GROUP_PREFIX
        assert people.row_ids() == [
            f"{g}decision-maker",
            "giulia-bianchi",
            f"{g}economic-buyer",
            "nicola-conti",
            f"{g}influencer",
            "luca-ferri",
        ]
        heading = [c.plain for c in people.get_row(f"{g}decision-maker")]
        assert heading[:2] == ["▸ 1 person", "decision maker"]
        assert all(c.style == "bold" for c in people.get_row(f"{g}decision-maker"))
        # enter / d on a heading do nothing
        await cursor_to(pilot, people, f"{g}economic-buyer")
        await pilot.press("enter", "d")
        await pilot.pause()
        assert app.screen is screen and not screen.dirty

        await pilot.press("g")
        assert people.grouping == "attitude"
        assert people.row_ids() == [
            f"{g}supporter",
            "giulia-bianchi",
            f"{g}neutral",
            "luca-ferri",
            f"{g}critic",
            "nicola-conti",
        ]
        assert people.get_cell(f"{g}critic", "attitude").plain == "critic"
        await pilot.press("g")
        assert people.grouping == "flat" and people.row_ids() == flat
        assert not screen.dirty  # grouping is a view, not an edit

        # without decision makers: a "decision maker, 0 people" heading and a gap
        for pid in ("giulia-bianchi", "nicola-conti"):
            await cursor_to(pilot, people, pid)
            await pilot.press("d")
            await wait_for_screen(pilot, ConfirmDialog)
            await pilot.press("y")
            await wait_for(pilot, lambda: app.screen is screen)
        assert list(screen.plan.where_am_i.buying_centre) == ["luca-ferri"]
        await pilot.press("g")
        assert people.row_ids() == [f"{g}missing", f"{g}influencer", "luca-ferri"]
        assert [c.plain for c in people.get_row(f"{g}missing")][:2] == [
            "▸ 0 people",
            "decision maker",
        ]
        assert static(app, "#people-gaps") == gaps_line(screen.plan)
        assert static(app, "#people-gaps").startswith("⚠ no decision maker known · ")
        factors = static(app, "#success-factors").split("\n")
        assert "✘ Decision makers known" in factors


# -- f) the actions filter --------------------------------------------------------------------


async def test_f_actions_filter_by_objective_and_owner_and_clear(
    tmp_workspace: Workspace,
) -> None:
    write_full_plan(tmp_workspace)
    async with account_editor(tmp_workspace, FULL_PLAN_ID) as (app, pilot, screen):
        actions = await to_actions(app, pilot)
        everything = ["call-cfo", "bari-trial", "waste-audit", "old-idea", "scorecard"]
        assert actions.row_ids() == everything
        assert static(app, "#action-filter") == "All actions · f filter"

        f = await form(app, pilot, "f")
        assert [type(f.query_one(f"#field-{n}")) for n in ("objective", "owner", "status")] == [
            Select
        ] * 3
        await fill(app, pilot, objective="Grow share of wallet")
        await submit(app, pilot, screen)
        assert actions.row_ids() == ["call-cfo", "bari-trial"]
        assert static(app, "#action-filter") == (
            "Filter: objective: Grow share of wallet (2 of 5) · F clear"
        )
        # f again: the current filter is filled in; narrow it by owner
        f = await form(app, pilot, "f")
        assert f.query_one("#field-objective", Select).value == "grow-share"
        await fill(app, pilot, owner="Paolo Neri")
        await submit(app, pilot, screen)
        assert actions.row_ids() == ["bari-trial"]
        assert "owner: Paolo Neri (1 of 5)" in static(app, "#action-filter")
        assert not screen.dirty  # a filter is a view, not an edit

        # shift+f clears it. What a terminal sends for shift+f, through Textual's own parser:
        # a plain "F" (legacy mode, and kitty "disambiguate" mode, which Textual asks for).
        keys = [e for e in XTermParser().feed("F") if isinstance(e, events.Key)]
        assert [(k.key, k.character) for k in keys] == [("F", "F")]
        assert app._driver is not None
        for key in keys:
            key.set_sender(app)
            app._driver.send_message(key)
        await wait_for(pilot, lambda: actions.row_ids() == everything)
        assert static(app, "#action-filter") == "All actions · f filter"

        # actions without an objective, by status
        await form(app, pilot, "f")
        await fill(app, pilot, objective="no objective", status="dropped")
        await submit(app, pilot, screen)
        assert actions.row_ids() == ["old-idea"]
        assert static(app, "#action-filter") == (
            "Filter: objective: none · status: dropped (1 of 5) · F clear"
        )
        await pilot.press("F")  # the key as pilot names it
        await wait_for(pilot, lambda: actions.row_ids() == everything)


# -- g) overdue actions, deleting an objective ---------------------------------------------


async def test_g_overdue_actions_are_marked_and_deleting_an_objective_unlinks_them(
    tmp_workspace: Workspace,
) -> None:
    from kamtui.tui.theme_styles import cell_styles

    path = write_full_plan(tmp_workspace)
    async with account_editor(tmp_workspace, FULL_PLAN_ID) as (app, pilot, screen):
        error = cell_styles(app)["error"]
        assert error.startswith("bold")
        actions = await to_actions(app, pilot)
        due = {aid: actions.get_cell(aid, "due") for aid in actions.row_ids()}
        assert due["bari-trial"].plain == "2026-11-10 !"  # todo, due before today
        assert due["bari-trial"].style == error
        assert actions.get_cell("bari-trial", "title").style == error
        assert due["call-cfo"].plain == "2026-12-15" and due["call-cfo"].style == ""
        assert due["waste-audit"].plain == "2026-10-01"  # done: never overdue
        assert due["waste-audit"].style == ""
        assert actions.get_cell("old-idea", "title").style == "dim strike"
        assert "1 overdue" in header(app)
        # finishing it takes the mark away
        await cursor_to(pilot, actions, "bari-trial")
        await pilot.press("space", "space")
        assert screen.plan.how_to_get_there.actions["bari-trial"].status is ActionStatus.DONE
        assert actions.get_cell("bari-trial", "due").plain == "2026-11-10"
        assert actions.get_cell("bari-trial", "due").style == ""
        assert "overdue" not in header(app)

        # step 2: delete "Grow share of wallet" (d, then y)
        await pilot.press("2")
        await focus(app, pilot, "objectives-short")
        short = table(app, "#objectives-short")
        await cursor_to(pilot, short, "grow-share")
        await pilot.press("d")
        confirm = await wait_for_screen(pilot, ConfirmDialog)
        assert confirm.question == (
            "Delete objective 'Grow share of wallet'? Its actions stay, without an objective."
        )
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen)
        assert short.row_ids() == ["cut-waste"]
        plan_actions = screen.plan.how_to_get_there.actions
        assert plan_actions["call-cfo"].objective == ""
        assert plan_actions["bari-trial"].objective == ""
        assert plan_actions["waste-audit"].objective == "cut-waste"
        assert actions.get_cell("call-cfo", "objective").plain == "—"
        assert "Grow share" not in static(app, "#rollup")

        await save_and_wait(app, pilot, path)
        doc = assert_round_trip(path, screen.plan)
    assert "grow-share" not in doc["where_to_go"]["objectives"]
    assert doc["how_to_get_there"]["actions"]["call-cfo"]["objective"] == ""
    assert doc["how_to_get_there"]["actions"]["bari-trial"]["status"] == "done"
    assert doc["how_to_get_there"]["actions"]["bari-trial"]["completed"] == TODAY


# -- h) the walk-through ----------------------------------------------------------------------


def form_title(app: KamApp) -> str:
    screen = app.screen
    assert isinstance(screen, RecordForm), screen
    return screen.form_title


async def test_h_walk_through_pauses_and_resumes_where_it_was_left(
    tmp_workspace: Workspace,
) -> None:
    path = tmp_workspace.new_plan("Acme").path
    async with account_editor(tmp_workspace, "acme") as (app, pilot, screen):
        await form(app, pilot, "w")
        assert form_title(app) == "1/18 · Where am I? · The customer's business"
        await type_text(pilot, "Makes films.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form_title(app).startswith("2/18 "))
        await type_text(pilot, "Less waste.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form_title(app).startswith("3/18 "))
        await pilot.press("escape")  # nothing typed: pauses at once
        await wait_for(pilot, lambda: app.screen is screen)
        assert "Walk-through paused at 3/18: w resumes." in notifications(app)
        assert screen.plan.where_am_i.business == "Makes films."
        assert screen.plan.where_am_i.priorities == "Less waste."

        await form(app, pilot, "w")
        assert form_title(app) == "3/18 · Where am I? · Buying motivation"
        await type_text(pilot, "Security.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form_title(app).startswith("4/18 "))
        await pilot.press("ctrl+s")  # confirming without typing skips
        dialog = await wait_for_screen(pilot, ChoiceDialog)
        assert dialog.title_text.startswith("5/18 · Where am I? · Buying centre")
        assert dialog.question.endswith("No person yet.")
        await pilot.press("a")
        await wait_for_screen(pilot, RecordForm)
        assert form_title(app) == "New person"
        await type_text(pilot, "Anna Verdi")
        await pilot.press("enter")
        dialog = await wait_for_screen(pilot, ChoiceDialog)
        assert dialog.question.endswith("So far: Anna Verdi")
        await pilot.press("n")
        await wait_for_screen(pilot, RecordForm)
        assert form_title(app).startswith("6/18 · Where am I? · Relationship level")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert app.walk_positions == {"acme": 5}

        w = screen.plan.where_am_i
        assert (w.business, w.priorities, w.buying_motivation) == (
            "Makes films.",
            "Less waste.",
            "Security.",
        )
        assert w.decision_process == ""
        assert list(w.buying_centre) == ["anna-verdi"]
        assert table(app, "#people").row_ids() == ["anna-verdi"]
        await save_and_wait(app, pilot, path)
        doc = assert_round_trip(path, screen.plan)
    assert doc["where_am_i"]["buying_motivation"] == "Security."
    assert doc["where_am_i"]["buying_centre"]["anna-verdi"]["name"] == "Anna Verdi"


# -- i) the review ----------------------------------------------------------------------------


async def test_i_review_checks_in_decides_overdue_actions_and_sets_the_date(
    tmp_workspace: Workspace,
) -> None:
    path = write_full_plan(tmp_workspace)
    async with account_editor(tmp_workspace, FULL_PLAN_ID) as (app, pilot, screen):
        last = dt.date(2026, 11, 2)
        assert screen.plan.account.last_review == last

        # escape midway (at the second objective): the date stays, nothing changed
        await pilot.press("r")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("c")
        await wait_for_screen(pilot, RecordForm)
        await pilot.press("enter")  # empty value: skip
        await wait_for(pilot, lambda: "objective 2/3" in form_title(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.plan.account.last_review == last and not screen.dirty

        # the whole review
        await pilot.press("r")
        intro = await wait_for_screen(pilot, ChoiceDialog)
        assert intro.title_text == "Review"
        assert intro.question.startswith("What changed since the last review (2026-11-02):")
        assert "2026-11-30: Grow share of wallet measured 24.5 %" in intro.question
        assert "Next: 3 objective(s) to check in, 1 overdue action(s)." in intro.question
        await pilot.press("c")
        await wait_for_screen(pilot, RecordForm)
        # never checked in since the last review: first
        assert form_title(app) == "Review · objective 1/3: Strategic partner status"
        await type_text(pilot, "3")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "objective 2/3" in form_title(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "objective 3/3" in form_title(app))
        await pilot.press("enter")
        overdue = await wait_for_screen(pilot, ChoiceDialog)
        assert overdue.title_text == "Review · overdue action 1/1"
        assert overdue.question.startswith("Run a line trial at Bari\nowner Paolo Neri")
        await pilot.press("d")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen)

        plan = screen.plan
        assert plan.account.last_review == TODAY
        assert screen.dirty and "● unsaved" in header(app)
        partner = plan.where_to_go.objectives["strategic-partner"]
        assert partner.checkins == {TODAY: 3} and partner.current == 3
        assert (
            plan.where_to_go.objectives["cut-waste"]
            == make_full_plan().where_to_go.objectives["cut-waste"]
        )
        trial = plan.how_to_get_there.actions["bari-trial"]
        assert (trial.status, trial.progress, trial.completed) == (ActionStatus.DONE, 100, TODAY)
        assert "review in 30d" in header(app)

        await save_and_wait(app, pilot, path)
        doc = assert_round_trip(path, plan)
    assert doc["account"]["last_review"] == TODAY
    assert doc["where_to_go"]["objectives"]["strategic-partner"]["checkins"] == {"2026-11-30": 3}


# -- j) export from the palette -------------------------------------------------------------


async def palette_export(app: KamApp, pilot: Pilot[None], target: Path) -> None:
    await pilot.press("ctrl+p")
    await wait_for_screen(pilot, CommandPalette)
    await type_text(pilot, "Export plan as Markdown")

    def highlighted() -> str:
        results = app.screen.query_one(CommandList)
        if results.highlighted is None or not results.option_count:
            return ""
        return str(results.get_option_at_index(results.highlighted).prompt)

    await wait_for(pilot, lambda: "Export plan as Markdown" in highlighted())
    await pilot.press("enter")
    await wait_for_screen(pilot, TextPrompt)
    box = app.screen.query_one("#prompt-input", Input)
    assert box.value == str(Path.cwd() / f"{FULL_PLAN_ID}.md")
    await pilot.press("home", "ctrl+k")
    await type_text(pilot, str(target))
    await pilot.press("enter")


async def test_j_export_from_the_palette_writes_the_plan_and_asks_before_replacing(
    tmp_workspace: Workspace, tmp_path: Path
) -> None:
    write_full_plan(tmp_workspace)
    target = tmp_path / "out" / "acme.md"
    target.parent.mkdir()
    async with account_editor(tmp_workspace, FULL_PLAN_ID) as (app, pilot, screen):
        await palette_export(app, pilot, target)
        await wait_for(pilot, lambda: target.exists() and app.screen is screen)
        first = target.read_text(encoding="utf-8")
        assert "Acme Packaging S.p.A." in first
        await wait_for(pilot, lambda: f"Exported to {target}" in notifications(app))

        # the working copy is what is exported: an unsaved edit shows in the second file
        await make_an_edit(app, pilot, screen)
        target.write_text("old", encoding="utf-8")
        await palette_export(app, pilot, target)
        confirm = await wait_for_screen(pilot, ConfirmDialog)
        assert confirm.question == f"{target} exists. Replace it?"
        await pilot.press("y")
        await wait_for(pilot, lambda: target.read_text(encoding="utf-8") != "old")
        second = target.read_text(encoding="utf-8")
        assert "Acme Packaging S.p.A." in second and second != first
        assert app.screen is screen and screen.dirty  # exporting does not save


# -- bugs found on the way ------------------------------------------------------------------


async def test_empty_sections_show_their_header_and_hint(tmp_workspace: Workspace) -> None:
    tmp_workspace.new_plan("Acme")
    async with account_editor(tmp_workspace, "acme") as (app, pilot, _screen):
        await pilot.press("tab")
        people = app.screen.query_one("#people", PeopleTable)
        assert app.focused is people
        assert people.size.height == 2  # header + hint
        assert "no person yet: press a to add" in screen_text(app)
        assert app.screen.query_one("#competitors", KeyedTable).size.height == 2


@pytest.mark.parametrize("full", [False, True], ids=["empty", "full"])
async def test_swot_quadrants_are_tall_enough_for_their_rows(
    tmp_workspace: Workspace, full: bool
) -> None:
    if full:
        write_full_plan(tmp_workspace)
    else:
        tmp_workspace.new_plan("Acme Packaging")
    async with account_editor(tmp_workspace, FULL_PLAN_ID) as (_app, _pilot, screen):
        swot = screen.plan.where_am_i.swot
        heights = {
            q: screen.query_one(f"#swot-{q}", KeyedTable).size.height
            for q in ("strengths", "weaknesses", "opportunities", "threats")
        }
        assert heights == {q: 1 + max(1, len(getattr(swot, q))) for q in heights}


async def test_typing_in_an_open_select_jumps_to_the_option(tmp_workspace: Workspace) -> None:
    tmp_workspace.new_plan("Acme")
    async with account_editor(tmp_workspace, "acme") as (app, pilot, _screen):
        await pilot.press(*["down"] * 4)  # relationship level
        f = await form(app, pilot, "enter")
        await pilot.press("enter")  # open the select
        await wait_for(pilot, lambda: isinstance(app.focused, SelectOverlay))
        await type_text(pilot, "str")
        await pilot.press("enter")
        await pilot.pause()
        assert f.query_one("#field-relationship_level", Select).value == "strategic-partner"


async def test_a_text_area_shows_stored_control_characters_safely(
    tmp_workspace: Workspace,
) -> None:
    from tui_helpers import rendered

    lp = tmp_workspace.new_plan("Acme")
    assert lp.plan is not None
    plan = make_full_plan("acme")
    plan.where_am_i.business = "Line \x1b]52;c;ZXZpbA==\x07 one\nline \u202e two"
    assert tmp_workspace.save(lp, plan).written
    async with account_editor(tmp_workspace, "acme") as (app, pilot, _screen):
        await form(app, pilot, "enter")
        await pilot.pause()
        _text, segments = rendered(app)
        assert not [s.text for s in segments if "\x1b" in s.text or "\u202e" in s.text]


async def test_the_action_form_keeps_status_and_progress_together(
    tmp_workspace: Workspace,
) -> None:
    write_full_plan(tmp_workspace)
    async with account_editor(tmp_workspace, FULL_PLAN_ID) as (app, pilot, screen):
        actions = await to_actions(app, pilot)
        await cursor_to(pilot, actions, "bari-trial")  # todo, 0 %
        await edit_form(app, pilot, "enter", status="done")
        trial = screen.plan.how_to_get_there.actions["bari-trial"]
        assert trial.status is ActionStatus.DONE
        assert (trial.progress, trial.completed) == (100, TODAY)


async def test_ctrl_q_quits_from_inside_a_question(tmp_workspace: Workspace) -> None:
    write_full_plan(tmp_workspace)
    async with account_editor(tmp_workspace, FULL_PLAN_ID) as (app, pilot, _screen):
        await pilot.press("tab", "d")  # "Delete person 'Giulia Bianchi'?"
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("ctrl+q")  # nothing unsaved: quits at once
        await wait_for(pilot, lambda: app.return_code is not None, timeout=2)


async def test_i_escape_in_the_new_due_date_form_stops_the_review(
    tmp_workspace: Workspace,
) -> None:
    write_full_plan(tmp_workspace)
    async with account_editor(tmp_workspace, FULL_PLAN_ID) as (app, pilot, screen):
        await pilot.press("r")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("c")
        for n in (1, 2, 3):  # skip the three check-ins
            await wait_for(pilot, lambda n=n: f"objective {n}/3" in form_title(app))
            await pilot.press("enter")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("n")  # a new due date for the overdue action…
        await wait_for_screen(pilot, RecordForm)
        assert form_title(app) == "New due date"
        await pilot.press("escape")  # …no: stop here
        await wait_for(pilot, lambda: not isinstance(app.screen, RecordForm))
        await pilot.pause()
        assert app.screen is screen
        assert screen.plan.account.last_review == dt.date(2026, 11, 2)
