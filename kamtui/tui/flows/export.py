"""Export a plan from the TUI (command palette): ask for a file name, write it, say where.

The plan exported is the one on screen: on the account screen the working copy, unsaved edits
included; on the dashboard the highlighted account as saved.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from kamtui.export import OutputExistsError, default_file_name, render, write_export
from kamtui.plan.diagnostics import PlanError
from kamtui.plan.model import AccountPlan

if TYPE_CHECKING:
    from kamtui.tui.app import KamApp

FORMAT_NAMES = {"md": "Markdown", "json": "JSON"}


def plan_on_screen(app: KamApp) -> AccountPlan | None:
    from kamtui.tui.screens.account import AccountScreen
    from kamtui.tui.screens.dashboard import DashboardScreen

    for screen in reversed(app.screen_stack):
        if isinstance(screen, AccountScreen):
            return screen.plan
        if isinstance(screen, DashboardScreen):
            key = screen.table.selected_id
            loaded = app.portfolio.plans.get(key or "")
            return loaded.plan if loaded is not None else None
    return None


async def export_plan(app: KamApp, fmt: str) -> None:
    """Ask for the file, write it (in a thread), ask before replacing one; say where."""
    from kamtui.tui.screens.dialogs import ConfirmDialog, TextPrompt

    plan = plan_on_screen(app)
    if plan is None:
        app.say("Open or highlight an account to export it.", severity="warning")
        return
    answer = await app.push_screen_wait(
        TextPrompt(
            f"Export {plan.name or plan.id} as {FORMAT_NAMES[fmt]} to",
            value=str(Path.cwd() / default_file_name(plan.id, fmt)),
            empty="Please type a file name.",
        )
    )
    if not answer:
        return
    path = Path(answer).expanduser()
    text = render(plan, app.today(), fmt)
    force = False
    while True:
        try:
            await asyncio.to_thread(write_export, path, text, force=force)
        except OutputExistsError:
            replace = ConfirmDialog(f"{path} exists. Replace it?", "Replace", "Cancel")
            if not await app.push_screen_wait(replace):
                return
            force = True
        except PlanError as exc:
            app.say(str(exc), title="Not exported", severity="error")
            return
        else:
            app.say(f"Exported to {path}")
            return
