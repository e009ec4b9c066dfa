"""One action changed from the actions view (kamtui/tui/screens/actions.py), saved at once.

The same rules as in the account screen (kamtui/plan/edit.py: next status, blocked, dropped,
progress) and the same safe save with the same questions when the file changed on disk
(kamtui/tui/flows/conflict.py). A plan with unsaved edits in an account screen is never
written behind that screen's back: the user is told and taken there instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kamtui.plan.edit import working_copy
from kamtui.text.i18n import gettext as _
from kamtui.tui.flows.conflict import save_plan

if TYPE_CHECKING:
    from textual.app import App

    from kamtui.plan.file import LoadedPlan
    from kamtui.plan.model import AccountPlan, Action
    from kamtui.tui.app import KamApp

Change = Callable[["Action", dt.date], None]


class QuickEdit:
    """A :class:`~kamtui.tui.flows.conflict.PlanSession` for one change to one plan."""

    def __init__(self, kam: KamApp, loaded: LoadedPlan, plan: AccountPlan, what: str) -> None:
        self._kam = kam
        self.loaded = loaded
        self.plan = plan
        self.what = what
        """The change in words, for the message once saved."""
        self.disk_note = ""

    @property
    def kam(self) -> KamApp:
        return self._kam

    @property
    def app(self) -> App[Any]:
        return self._kam

    def failed(self, message: str) -> None:
        self._kam.say(message, title=_("Not saved"), severity="error", timeout=15)

    def saved(self, loaded: LoadedPlan, written: bool) -> None:
        self.loaded = loaded
        self._kam.plan_saved(loaded)
        if written:
            self._kam.say(
                _("{what}: saved {file}").format(what=self.what, file=loaded.path.name), timeout=3
            )

    def adopt(self, loaded: LoadedPlan, *, keep_edits: bool) -> None:
        self.loaded = loaded
        self._kam.plan_saved(loaded)


def editing_screen(kam: KamApp, plan_id: str) -> object | None:
    """The account screen that holds unsaved edits of *plan_id*, if one is open."""
    from kamtui.tui.screens.account import AccountScreen

    for screen in kam.screen_stack:
        if isinstance(screen, AccountScreen) and screen.loaded.id == plan_id and screen.dirty:
            return screen
    return None


async def change_action(
    kam: KamApp, plan_id: str, action_id: str, change: Change, what: str
) -> bool:
    """Apply *change* to the action and save its plan; True when the file now holds it."""
    busy = editing_screen(kam, plan_id)
    if busy is not None:
        kam.say(
            _(
                "{file} has unsaved edits in its account screen: change it there "
                "(opened for you), or save or discard them first."
            ).format(file=f"{plan_id}.toml"),
            title=_("Not changed"),
            severity="warning",
            timeout=10,
        )
        while kam.screen is not busy and len(kam.screen_stack) > 1:
            kam.pop_screen()
        return False
    loaded = kam.portfolio.plans.get(plan_id)
    if loaded is None or loaded.plan is None or loaded.errors:
        kam.say(
            _("{file} cannot be read now: open it to see why.").format(file=f"{plan_id}.toml"),
            severity="warning",
        )
        return False
    plan = working_copy(loaded.plan)
    action = plan.how_to_get_there.actions.get(action_id)
    if action is None:
        kam.say(
            _("{file} has no action {action} any more.").format(
                file=f"{plan_id}.toml", action=action_id
            ),
            severity="warning",
        )
        return False
    change(action, kam.today())
    if plan == loaded.plan:
        return True  # nothing changed (progress already at 100 %, …)
    return await save_plan(QuickEdit(kam, loaded, plan, what))
