"""Very long names (10,000 characters) never push what stands beside them off the screen: the
header keeps its class, saved state and figures; the buying centre's gaps line stays short."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from conftest import TODAY
from textual.widgets import Static
from tui_helpers import open_account, screen_text, wait_for

from kamtui.plan.model import Attitude, Influence, Person, Role, Segment
from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app
from kamtui.tui.widgets.account_header import AccountHeader

LONG = "Kessler " + "Fahrzeugtechnik" * 700  # 10,508 characters


def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace.create(tmp_path / "accounts")
    loaded = ws.new_plan("Short", owner="O" * 3000, segment=Segment.A)
    assert loaded.plan is not None
    plan = copy.deepcopy(loaded.plan)
    plan.account.name = LONG
    for i in range(3):
        plan.where_am_i.buying_centre[f"p{i}"] = Person(
            name=f"{i} " + "Wolfeschlegelsteinhausenbergerdorff" * 300,
            role=Role.INFLUENCER,
            influence=Influence.HIGH,
            attitude=Attitude.OPPONENT,
            last_contact=dt.date(2025, 1, 1),
        )
    ws.save(loaded, plan)
    return ws


async def test_long_names_leave_the_header_and_the_gaps_readable(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    app = make_app(ws, today=TODAY, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(app, pilot, "short")
        await pilot.pause()
        header = screen.query_one(AccountHeader)
        lines = screen_text(app).splitlines()
        assert "…" in lines[0] and "A" in lines[0] and "✔ saved" in lines[0]
        assert "Q1" in lines[1] and "Q3" in lines[1] and "overdue" not in lines[0]
        assert header.size.height == 2
        # an edit: "● unsaved" shows on the first line, whole
        await pilot.press("i")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "RecordForm")
        await pilot.press("escape")
        screen.apply(lambda plan: setattr(plan.account, "owner", "Maria"), "account")
        await wait_for(pilot, lambda: "● unsaved (^s saves)" in screen_text(app).splitlines()[0])
        gaps = screen.query_one("#people-gaps", Static)
        assert gaps.size.height <= 8, gaps.size  # six short sentences, not ~100 lines
        assert str(gaps.render()).count("…") == 6  # each name cut, twice each
