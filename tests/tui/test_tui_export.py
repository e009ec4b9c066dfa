"""Exporting from the app (palette: Export plan as …): the whitespace map has the workspace's
columns, read from its offerings.toml as ``kamtui export`` reads them
(kamtui/tui/flows/export.py)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import TODAY, copy_sample
from textual.widgets import Input
from tui_helpers import open_account, started, type_text, wait_for, wait_for_screen

from kamtui.store.offerings import read_offerings
from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app
from kamtui.tui.screens.dialogs import TextPrompt


async def export_to(app, pilot, fmt: str, target: Path) -> None:  # type: ignore[no-untyped-def]
    await app.run_action(f"export_plan('{fmt}')")
    await wait_for_screen(pilot, TextPrompt)
    app.screen.query_one("#prompt-input", Input).value = ""
    await type_text(pilot, str(target))
    await pilot.press("enter")
    await wait_for(pilot, lambda: target.exists())


async def test_the_export_has_the_workspace_offerings(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "ws")
    offerings = read_offerings(root).offerings
    assert offerings  # the sample workspace has an offerings.toml
    app = make_app(Workspace(root), today=TODAY, watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await open_account(app, pilot, "freni-orobici")
        target = tmp_path / "freni.json"
        await export_to(app, pilot, "json", target)
        data = json.loads(target.read_text(encoding="utf-8"))
        assert list(data["workspace_offerings"]) == list(offerings)
        columns = [c["id"] for c in data["derived"]["whitespace"]["columns"]]
        assert columns[: len(offerings)] == list(offerings)
        md = tmp_path / "freni.md"
        await export_to(app, pilot, "md", md)
        name = next(iter(offerings.values())).name
        assert name in md.read_text(encoding="utf-8")


async def test_an_offerings_file_with_errors_is_left_out_and_said(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "ws")
    (root / "offerings.toml").write_text("schema = 1\n[offerings.x]\nname = 3\n", encoding="utf-8")
    app = make_app(Workspace(root), today=TODAY, watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await open_account(app, pilot, "freni-orobici")
        target = tmp_path / "freni.json"
        await export_to(app, pilot, "json", target)
        assert json.loads(target.read_text(encoding="utf-8"))["workspace_offerings"] == {}
        said = [str(n.message) for n in app._notifications]
        assert any("offerings.toml has errors" in m for m in said)
