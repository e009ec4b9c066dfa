"""Saving a plan from the account screen (or an action changed in the actions view, see
kamtui/tui/flows/quick_edit.py), and what to do when the file changed on disk.

One linear flow (a worker of the account screen, see ``AccountScreen.save``): write the plan
through the core's safe save; when the file has hand-written comments, ask before dropping
them; when it changed on disk since it was loaded, ask: reload theirs (the edits not saved are
first written to a rescue file, whose path is shown), overwrite with yours (only the version
the user was shown: if it changes again, the question comes back), view the difference, or
keep editing. Nobody's work is ever lost. File I/O runs in a thread, never on the event loop.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual.screen import Screen

from kamtui.plan.codec import dumps_plan
from kamtui.plan.diagnostics import ConflictError, PlanError
from kamtui.plan.diff import unified_diff
from kamtui.plan.edit import working_copy
from kamtui.plan.file import LoadedPlan, read_plan
from kamtui.store.rescue import rescue
from kamtui.store.workspace import CommentsWouldBeLostError
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.tui.theme_styles import cell_styles

if TYPE_CHECKING:
    from textual.app import App

    from kamtui.plan.model import AccountPlan
    from kamtui.tui.app import KamApp

CHANGED_NOTE = N_("file changed on disk")
DELETED_NOTE = N_("file deleted on disk")
"""A screen's ``disk_note``: marked, translated where shown."""


class PlanSession(Protocol):
    """What saves a plan: the account screen (kamtui/tui/screens/account.py), or one action
    changed from the actions view (kamtui/tui/flows/quick_edit.py)."""

    loaded: LoadedPlan
    """The file as last read or written."""
    plan: AccountPlan
    """What is to be written."""
    disk_note: str

    @property
    def kam(self) -> KamApp: ...

    @property
    def app(self) -> App[Any]: ...

    def failed(self, message: str) -> None: ...

    def saved(self, loaded: LoadedPlan, written: bool) -> None: ...

    def adopt(self, loaded: LoadedPlan, *, keep_edits: bool) -> None: ...


async def save_plan(screen: PlanSession) -> bool:
    """Save the screen's working copy; ask what to do when that cannot be done as is.
    True when the file on disk now holds the plan as it was when the save began."""
    from kamtui.tui.screens.dialogs import ConfirmDialog

    kam = screen.kam
    drop_comments = False
    while True:
        plan = working_copy(screen.plan)  # what is written; later edits stay unsaved edits
        try:
            result = await asyncio.to_thread(
                kam.workspace.save, screen.loaded, plan, drop_comments=drop_comments
            )
        except CommentsWouldBeLostError:
            question = _(
                "{file} has comments (# …) that were added by hand. kamtui cannot keep them: "
                "saving rewrites the file without them.\nSave anyway?"
            ).format(file=screen.loaded.path.name)
            dialog = ConfirmDialog(question, _("Save without comments"), _("Cancel"))
            if not await kam.push_screen_wait(dialog):
                return False
            drop_comments = True
        except ConflictError:
            return await resolve_conflict(screen)
        except PlanError as exc:
            screen.failed(str(exc))
            return False
        else:
            screen.saved(result.loaded, result.written)
            return True


async def resolve_conflict(screen: PlanSession) -> bool:
    """The file changed (or went away) since it was loaded: read it as it is now, then ask
    until the user decides. True when the screen now shows a plan that is saved."""
    from kamtui.tui.screens.dialogs import ChoiceDialog
    from kamtui.tui.screens.diff_view import DiffScreen

    kam = screen.kam
    path = screen.loaded.path
    again = False  # an overwrite was refused: the file changed once more meanwhile
    while True:
        disk = await asyncio.to_thread(_read_if_there, path)
        choice: str | None = "v"
        while choice == "v":
            choice = await kam.push_screen_wait(
                ChoiceDialog(*_question(path.name, disk, again), title=_("Not saved yet"))
            )
            if choice == "v" and disk is not None:
                title = _("{file}: - on disk, + yours").format(file=disk.path.name)
                lines = unified_diff(disk.text, screen.plan, disk.path.name)
                await kam.push_screen_wait(DiffScreen(title, lines, cell_styles(screen.app)))
        if choice == "o":
            plan = working_copy(screen.plan)
            seen = disk.digest if disk is not None else None
            try:
                result = await asyncio.to_thread(kam.workspace.overwrite, plan, seen)
            except ConflictError:
                again = True
                continue
            except PlanError as exc:
                screen.failed(str(exc))
                return False
            screen.adopt(result.loaded, keep_edits=True)
            kam.say(
                _("Saved {file} (over the version on disk)").format(file=result.loaded.path.name)
            )
            return True
        if choice == "r" and disk is not None:
            return await _reload_theirs(screen, disk)
        screen.disk_note = CHANGED_NOTE if disk is not None else DELETED_NOTE
        return False


def _read_if_there(path: Path) -> LoadedPlan | None:
    return read_plan(path) if path.exists() else None


def _question(name: str, disk: LoadedPlan | None, again: bool) -> tuple[str, list[tuple[str, str]]]:
    if disk is None:
        question = _("{file} was deleted or renamed on disk since you opened it.").format(file=name)
        choices = [("o", _("Save yours again")), ("k", _("Keep editing"))]
    else:
        question = _(
            "{file} changed on disk since you opened it (another editor, a git pull or "
            "another kamtui)."
        ).format(file=name)
        if disk.errors:
            question += " " + _("It now has errors (a merge in progress?).")
        choices = [
            ("r", _("Reload theirs")),
            ("o", _("Overwrite with yours")),
            ("v", _("View difference")),
            ("k", _("Keep editing")),
        ]
    if again:
        question = (
            _("It changed once more while you were choosing; nothing was written.")
            + "\n"
            + question
        )
    return question, choices


async def _reload_theirs(screen: PlanSession, disk: LoadedPlan) -> bool:
    """Keep the edits in a rescue file, then show the file as it is on disk."""
    kam = screen.kam
    text = dumps_plan(screen.plan)
    rescued = await asyncio.to_thread(rescue, kam.workspace.root, screen.plan.id, text)
    kam.say(
        _("Reloaded {file}. Your edits are kept in {rescue}").format(
            file=disk.path.name, rescue=rescued
        ),
        timeout=20,
    )
    if disk.plan is not None and not disk.errors:
        screen.adopt(disk, keep_edits=False)
        return True
    kam.plan_saved(disk)
    if not isinstance(screen, Screen):
        return False  # an action changed from the actions view: the view shows the file
    # A broken file: the account screen gives way to the read-only view — once it is on top
    # (the user may have opened the help over it meanwhile).
    while kam.screen is not screen:
        if screen not in kam.screen_stack:
            return False
        await asyncio.sleep(0.1)
    kam.pop_screen()
    kam.open_account(disk.id)
    return False
