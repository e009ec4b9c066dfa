"""The review's first dialog lists the buying centre's gaps, the people with power we hardly know
included (kamtui/plan/review.py, kamtui/tui/flows/review.py), and says how many it leaves out."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, copy_sample
from tui_helpers import open_account, wait_for_screen

from kamtui.plan.review import ReviewAgenda
from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app
from kamtui.tui.flows.review import _summary
from kamtui.tui.screens.dialogs import ChoiceDialog


async def test_the_review_names_the_decision_maker_we_hardly_know(tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "accounts")
    app = make_app(
        Workspace(ws), today=TODAY, watch_interval=None, settings_path=tmp_path / "s.json"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await open_account(app, pilot, "freni-orobici")
        await pilot.press("r")
        dialog = await wait_for_screen(pilot, ChoiceDialog)
        gaps = dialog.question.split("Buying centre:\n", 1)[1].split("\n\n", 1)[0]
        assert "  ⚠ Davide Moretti: decision maker, weak relationship (1/5)" in gaps.split("\n")
        assert "  ⚠ Sergio Locatelli: high influence, weak relationship (2/5)" in gaps.split("\n")
        await pilot.press("escape")


def test_the_summary_says_how_many_gaps_it_leaves_out() -> None:
    agenda = ReviewAgenda(TODAY, gaps=[f"P{n}: never contacted" for n in range(8)])
    lines = _summary(agenda).question.split("\n")
    assert [line for line in lines if line.startswith("  ⚠ ")] == [
        f"  ⚠ P{n}: never contacted" for n in range(6)
    ]
    assert "  … 2 more (m in the buying centre lists them)" in lines
    agenda.gaps = agenda.gaps[:6]
    assert not any(line.startswith("  … ") for line in _summary(agenda).question.split("\n"))
