"""Export a plan from the TUI (command palette): ask for a file name, write it, say where.

The plan exported is the one on screen: on the account screen the working copy, unsaved edits
included; on the dashboard the highlighted account as saved.
"""

from __future__ import annotations

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


def export_plan(app: KamApp, fmt: str) -> None:
    from kamtui.tui.screens.dialogs import TextPrompt

    plan = plan_on_screen(app)
    if plan is None:
        app.say("Open or highlight an account to export it.", severity="warning")
        return
    suggestion = str(Path.cwd() / default_file_name(plan.id, fmt))

    def chosen(path: str | None) -> None:
        if path:
            _write(app, plan, fmt, Path(path).expanduser(), force=False)

    app.push_screen(
        TextPrompt(
            f"Export {plan.name or plan.id} as {FORMAT_NAMES[fmt]} to",
            value=suggestion,
            empty="Please type a file name.",
        ),
        chosen,
    )


def _write(app: KamApp, plan: AccountPlan, fmt: str, path: Path, *, force: bool) -> None:
    text = render(plan, app.today(), fmt)

    def work() -> None:
        try:
            write_export(path, text, force=force)
        except OutputExistsError:
            app.call_from_thread(_ask_overwrite, app, plan, fmt, path)
        except PlanError as exc:
            app.call_from_thread(app.say, str(exc), title="Not exported", severity="error")
        else:
            app.call_from_thread(app.say, f"Exported to {path}")

    app._in_thread(work, "export", "export a plan")


def _ask_overwrite(app: KamApp, plan: AccountPlan, fmt: str, path: Path) -> None:
    from kamtui.tui.screens.dialogs import ConfirmDialog

    def answer(ok: bool | None) -> None:
        if ok:
            _write(app, plan, fmt, path, force=True)

    app.push_screen(ConfirmDialog(f"{path} exists. Replace it?", "Replace", "Cancel"), answer)
