"""The review's check-in form says each figure with its unit, and never wraps a unit away from
its number (``1540`` at the end of one line, ``k€`` on the next)."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, copy_sample
from textual.widgets import Static
from tui_helpers import open_account, wait_for, wait_for_screen

from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app
from kamtui.tui.screens.dialogs import ChoiceDialog
from kamtui.tui.screens.record_form import RecordForm

PLAN = "freni-orobici"
"""Four objectives, one of them measured in k€ with a long metric."""
FIGURES = {
    "close-8d": ("1 reports", "0 reports"),
    "e-brake-nomination": ("0 yes/no", "1 yes/no"),
    "revenue-2028": ("1540 k€", "2000 k€"),
    "keep-pa66": ("62%", "75%"),
}
"""Each objective's current value and target, with the unit, as the form must show them."""


async def test_each_figure_keeps_its_unit_at_80_columns(tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "accounts")
    app = make_app(
        Workspace(ws), today=TODAY, watch_interval=None, settings_path=tmp_path / "s.json"
    )
    shown: list[list[str]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account(app, pilot, PLAN)
        await pilot.press("r")
        await wait_for_screen(pilot, ChoiceDialog)
        await pilot.press("c")
        for _ in FIGURES:
            form = await wait_for_screen(pilot, RecordForm)
            await pilot.pause()
            intro = form.query_one(".form-intro", Static)
            strips = intro.render_lines(intro.content_region.reset_offset)
            shown.append([s.text.strip() for s in strips if s.text.strip()])
            await pilot.press("ctrl+s")  # no value: skip this objective
            await wait_for(pilot, lambda form=form: app.screen is not form)
    for figures in FIGURES.values():
        intro = next((lines for lines in shown if figures[0] in " ".join(lines)), None)
        assert intro is not None, (figures, shown)
        for figure in figures:
            assert any(figure in line for line in intro), (figure, intro)
