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
from kamtui.text.format import plural
from kamtui.tui.theme_styles import cell_styles

if TYPE_CHECKING:
    from kamtui.tui.screens.merge_conflicts import MergeConflictsScreen


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
            f"{plural(len(left), 'conflict')} still to resolve: o ours, t theirs, e edit.",
            severity="warning",
        )
        screen.focus_conflict(left[0])
        return False
    resolved = put_together(screen.marked, screen.choices)
    path = screen.loaded.path
    try:
        data = resolved.text.encode("utf-8")
    except UnicodeEncodeError:
        screen.show_problems(resolved, [Problem(path, "the lines typed are not valid text")])
        return False
    checked = await asyncio.to_thread(parse_plan, data, path)
    if checked.errors or checked.plan is None:
        screen.show_problems(resolved, checked.errors or [Problem(path, "not a plan")])
        return False
    screen.show_problems(resolved, [])
    plan = checked.plan
    if checked.has_comments:
        question = (
            f"{path.name} has comments (# …) that were added by hand. kamtui cannot keep "
            "them: saving rewrites the file without them.\nSave anyway?"
        )
        if not await kam.push_screen_wait(ConfirmDialog(question, "Save without comments", "No")):
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
            screen.disk_note = "file changed on disk" if disk is not None else "file deleted"
            return False
        except PlanError as exc:
            kam.say(str(exc), title="Not saved", severity="error", timeout=15)
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
        question = f"{name} was deleted or renamed on disk since you opened it."
        choices = [("o", "Save the resolution"), ("k", "Keep choosing")]
    else:
        question = (
            f"{name} changed on disk since you opened it (a git command, another editor or "
            "another kamtui). Nothing was written."
        )
        choices = [
            ("r", "Show it as it is now"),
            ("o", "Overwrite with the resolution"),
            ("v", "View difference"),
            ("k", "Keep choosing"),
        ]
    if again:
        question = "It changed once more while you were choosing; nothing was written.\n" + question
    while True:
        choice = await kam.push_screen_wait(ChoiceDialog(question, choices, title="Not saved"))
        if choice != "v" or disk is None:
            return choice
        title = f"{name}: - on disk, + the resolution"
        lines = unified_diff(disk.text, plan, name)
        await kam.push_screen_wait(DiffScreen(title, lines, cell_styles(screen.app)))


async def _show_theirs(screen: MergeConflictsScreen, disk: LoadedPlan, text: str) -> None:
    """Keep the resolution in a rescue file, then open the file as it is on disk, as usual."""
    kam = screen.kam
    rescued = await asyncio.to_thread(rescue, kam.workspace.root, screen.loaded.id, text)
    kam.say(f"Reloaded {disk.path.name}. Your resolution is kept in {rescued}", timeout=20)
    screen.choices = {}
    while kam.screen is not screen:
        if screen not in kam.screen_stack:
            return
        await asyncio.sleep(0.05)
    screen.replaced = True
    kam.pop_screen()
    kam.plan_saved(disk)
    kam.open_account(disk.id)
