"""Export a plan from the TUI (command palette): ask for a file name, write it, say where.

The plan exported is the one on screen: on the account screen the working copy, unsaved edits
included; on the dashboard the highlighted account as saved. The whitespace map has the
workspace's columns (its offerings.toml, read in the worker, as ``kamtui export`` does,
kamtui/cli/export.py); when that file has errors the export is made without them, and says so.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from kamtui.export import OutputExistsError, default_file_name, render, write_export
from kamtui.plan.diagnostics import PlanError
from kamtui.plan.model import AccountPlan
from kamtui.store.offerings import read_offerings
from kamtui.text.i18n import gettext as _

if TYPE_CHECKING:
    from kamtui.tui.app import KamApp

FORMAT_NAMES = {"md": "Markdown", "json": "JSON"}


def render_in_workspace(
    root: Path, plan: AccountPlan, today: dt.date, fmt: str
) -> tuple[str, bool]:
    """The export of *plan* with the workspace *root*'s offerings (the whitespace map's
    columns), and whether offerings.toml had errors (then it is left out). Reads a file: call
    it in a thread."""
    found = read_offerings(root)
    return render(plan, today, fmt, found.offerings), bool(found.errors)


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
        app.say(_("Open or highlight an account to export it."), severity="warning")
        return
    answer = await app.push_screen_wait(
        TextPrompt(
            _("Export {name} as {format} to").format(
                name=plan.name or plan.id, format=FORMAT_NAMES[fmt]
            ),
            value=str(Path.cwd() / default_file_name(plan.id, fmt)),
            empty=_("Please type a file name."),
        )
    )
    if not answer:
        return
    path = Path(answer).expanduser()
    text, offerings_broken = await asyncio.to_thread(
        render_in_workspace, app.workspace.root, plan, app.today(), fmt
    )
    if offerings_broken:
        app.say(
            _(
                "offerings.toml has errors: the whitespace map is exported without the "
                "workspace's offerings (kamtui check shows them)."
            ),
            severity="warning",
        )
    force = False
    while True:
        try:
            await asyncio.to_thread(write_export, path, text, force=force)
        except OutputExistsError:
            replace = ConfirmDialog(
                _("{path} exists. Replace it?").format(path=path), _("Replace"), _("Cancel")
            )
            if not await app.push_screen_wait(replace):
                return
            force = True
        except PlanError as exc:
            app.say(str(exc), title=_("Not exported"), severity="error")
            return
        else:
            app.say(_("Exported to {path}").format(path=path))
            return
