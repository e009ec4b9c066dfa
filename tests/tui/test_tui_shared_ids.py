"""The dashboard marks both accounts that list the same customer id, and says why."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, copy_sample
from textual.widgets import Static
from tui_helpers import screen_text, started, wait_for

from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app


async def test_a_customer_id_in_two_plans_is_marked_on_both_rows(tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "accounts")
    serre = ws / "serre-di-sicilia.toml"
    app = make_app(Workspace(ws), today=TODAY, watch_interval=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        dashboard = await started(app, pilot)
        assert "⚠" not in screen_text(app)
        serre.write_text(serre.read_text().replace('"C00187"', '"C00187",\n    "C00042"'))
        await wait_for(pilot, lambda: screen_text(app).count("⚠") == 2)
        lines = [line for line in screen_text(app).splitlines() if "⚠" in line]
        assert any("Freni Orobici" in line for line in lines)
        assert any("Serre di Sicilia" in line for line in lines)
        dashboard.table.select("serre-di-sicilia")
        detail = dashboard.query_one("#detail", Static)
        await wait_for(pilot, lambda: "C00042" in str(detail.render()))
        assert "also listed in freni-orobici.toml" in str(detail.render())
        # fixed on disk: the marks go
        serre.write_text(serre.read_text().replace(',\n    "C00042"', ""))
        await wait_for(pilot, lambda: "⚠" not in screen_text(app))
