"""Saving the resolution of a plan's merge conflicts (a worker of
kamtui/tui/screens/merge_conflicts.py, ``MergeConflictsScreen.save``).

One linear flow: every conflict must have a choice; the file put back together must read as a
valid plan (else its problems are shown at their conflicts, nothing is written); a file with
hand-written comments asks before they are dropped; then the normal safe save
(``Workspace.overwrite`` with the digest of the file as it was read: atomic, canonical, and
refused when the file changed on disk since). When it changed, ask, as the account screen does
(kamtui/tui/flows/conflict.py): show the file as it is now (the resolution is first kept in a
rescue file), overwrite it with the resolution (only the version the user was shown), view the
difference, or keep choosing. File I/O runs in a thread, never on the event loop.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from kamtui.git.conflicts import put_together
from kamtui.plan.diagnostics import ConflictError, PlanError, Problem
from kamtui.plan.diff import unified_diff
from kamtui.plan.file import LoadedPlan, parse_plan, read_plan
from kamtui.plan.model import AccountPlan
from kamtui.store.rescue import rescue
from kamtui.text.format import format_count
from kamtui.text.i18n import N_, ngettext
from kamtui.text.i18n import gettext as _
from kamtui.tui.theme_styles import cell_styles

if TYPE_CHECKING:
    from kamtui.tui.screens.merge_conflicts import MergeConflictsScreen

CHANGED_NOTE = N_("file changed on disk")
DELETED_NOTE = N_("file deleted")
"""The screen's ``disk_note`` (marked: translated where shown)."""


async def save_resolution(screen: MergeConflictsScreen) -> bool:
    """Save the screen's choices; True when the file now holds them (the account then opens
    in the screen's place)."""
    from kamtui.tui.screens.dialogs import ConfirmDialog

    kam = screen.kam
    if screen.marked is None:
        return False
    left = screen.unresolved()
    if left:
        kam.say(
            ngettext(
                "{count} conflict still to resolve: o ours, t theirs, e edit.",
                "{count} conflicts still to resolve: o ours, t theirs, e edit.",
                len(left),
            ).format(count=format_count(len(left))),
            severity="warning",
        )
        screen.focus_conflict(left[0])
        return False
    resolved = put_together(screen.marked, screen.choices)
    path = screen.loaded.path
    try:
        data = resolved.text.encode("utf-8")
    except UnicodeEncodeError:
        screen.show_problems(resolved, [Problem(path, _("the lines typed are not valid text"))])
        return False
    checked = await asyncio.to_thread(parse_plan, data, path)
    if checked.errors or checked.plan is None:
        screen.show_problems(resolved, checked.errors or [Problem(path, _("not a plan"))])
        return False
    screen.show_problems(resolved, [])
    plan = checked.plan
    if checked.has_comments:
        question = _(
            "{file} has comments (# …) that were added by hand. kamtui cannot keep them: "
            "saving rewrites the file without them.\nSave anyway?"
        ).format(file=path.name)
        dialog = ConfirmDialog(question, _("Save without comments"), _("No"))
        if not await kam.push_screen_wait(dialog):
            return False
    seen: str | None = screen.loaded.digest
    again = False  # the file changed once more while the user was choosing
    while True:
        try:
            result = await asyncio.to_thread(kam.workspace.overwrite, plan, seen)
        except ConflictError:
            disk = await asyncio.to_thread(_read_if_there, path)
            choice = await _ask(screen, disk, plan, again)
            if choice == "o":
                seen, again = (disk.digest if disk is not None else None), True
                continue
            if choice == "r" and disk is not None:
                await _show_theirs(screen, disk, resolved.text)
                return False
            screen.disk_note = CHANGED_NOTE if disk is not None else DELETED_NOTE
            return False
        except PlanError as exc:
            kam.say(str(exc), title=_("Not saved"), severity="error", timeout=15)
            return False
        break
    while kam.screen is not screen:  # a dialog or the help opened meanwhile: once it is closed
        if screen not in kam.screen_stack:
            return True
        await asyncio.sleep(0.05)
    screen.saved(result.loaded)
    return True


def _read_if_there(path: Path) -> LoadedPlan | None:
    return read_plan(path) if path.exists() else None


async def _ask(
    screen: MergeConflictsScreen, disk: LoadedPlan | None, plan: AccountPlan, again: bool
) -> str | None:
    """What to do now that the file is not as it was read; ``v`` shows the difference and
    asks again."""
    from kamtui.tui.screens.dialogs import ChoiceDialog
    from kamtui.tui.screens.diff_view import DiffScreen

    kam = screen.kam
    name = screen.loaded.path.name
    if disk is None:
        question = _("{file} was deleted or renamed on disk since you opened it.").format(file=name)
        choices = [("o", _("Save the resolution")), ("k", _("Keep choosing"))]
    else:
        question = _(
            "{file} changed on disk since you opened it (a git command, another editor or "
            "another kamtui). Nothing was written."
        ).format(file=name)
        choices = [
            ("r", _("Show it as it is now")),
            ("o", _("Overwrite with the resolution")),
            ("v", _("View difference")),
            ("k", _("Keep choosing")),
        ]
    if again:
        question = (
            _("It changed once more while you were choosing; nothing was written.")
            + "\n"
            + question
        )
    while True:
        choice = await kam.push_screen_wait(ChoiceDialog(question, choices, title=_("Not saved")))
        if choice != "v" or disk is None:
            return choice
        title = _("{file}: - on disk, + the resolution").format(file=name)
        lines = unified_diff(disk.text, plan, name)
        await kam.push_screen_wait(DiffScreen(title, lines, cell_styles(screen.app)))


async def _show_theirs(screen: MergeConflictsScreen, disk: LoadedPlan, text: str) -> None:
    """Keep the resolution in a rescue file, then open the file as it is on disk, as usual."""
    kam = screen.kam
    rescued = await asyncio.to_thread(rescue, kam.workspace.root, screen.loaded.id, text)
    kam.say(
        _("Reloaded {file}. Your resolution is kept in {rescue}").format(
            file=disk.path.name, rescue=rescued
        ),
        timeout=20,
    )
    screen.choices = {}
    while kam.screen is not screen:
        if screen not in kam.screen_stack:
            return
        await asyncio.sleep(0.05)
    screen.replaced = True
    kam.pop_screen()
    kam.plan_saved(disk)
    kam.open_account(disk.id)
