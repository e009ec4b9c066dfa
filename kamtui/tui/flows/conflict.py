"""What to do when a save finds the plan file changed on disk: never lose anyone's work.

The choices: reload the file (the edits not saved are first written to a rescue file, whose
path is shown), overwrite it with the edits (only the version the user was shown: if it
changes again, the question comes back), view the difference, or keep editing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from kamtui.plan.codec import dumps_plan
from kamtui.plan.diagnostics import ConflictError, PlanError
from kamtui.plan.diff import unified_diff
from kamtui.plan.edit import working_copy
from kamtui.plan.file import LoadedPlan, read_plan
from kamtui.store.atomic import atomic_write
from kamtui.store.locations import rescue_dir
from kamtui.tui.theme_styles import cell_styles

if TYPE_CHECKING:
    from kamtui.tui.screens.account import AccountScreen


def rescue(root: Path, plan_id: str, text: str) -> Path:
    """Keep *text* (edits that were not saved) in the rescue folder; returns the file."""
    folder = rescue_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    n = 0
    while True:
        path = folder / f"{plan_id}-{stamp}{f'-{n}' if n else ''}.toml"
        try:
            atomic_write(path, text.encode("utf-8"), expected_digest=None)
            return path
        except ConflictError:
            n += 1


def resolve_conflict(screen: AccountScreen, again: bool = False) -> None:
    """Read the file as it is now (in a worker), then ask. *again*: an overwrite was refused
    because the file changed once more while the user was choosing."""
    path = screen.loaded.path

    def read() -> None:
        disk = read_plan(path) if path.exists() else None
        screen.app.call_from_thread(_ask, screen, disk, again)

    screen.kam._in_thread(read, "write", "read a changed plan")


def _ask(screen: AccountScreen, disk: LoadedPlan | None, again: bool = False) -> None:
    from kamtui.tui.screens.dialogs import ChoiceDialog

    name = screen.loaded.path.name
    if disk is None:
        question = f"{name} was deleted or renamed on disk since you opened it."
        choices = [("o", "Save yours again"), ("k", "Keep editing")]
    else:
        broken = " It now has errors (a merge in progress?)." if disk.errors else ""
        question = (
            f"{name} changed on disk since you opened it (another editor, a git pull or "
            f"another kamtui).{broken}"
        )
        choices = [
            ("r", "Reload theirs"),
            ("o", "Overwrite with yours"),
            ("v", "View difference"),
            ("k", "Keep editing"),
        ]

    if again:
        question = "It changed once more while you were choosing; nothing was written.\n" + question

    def answer(choice: str | None) -> None:
        if choice == "v" and disk is not None:
            _show_diff(screen, disk)
        elif choice == "o":
            _overwrite(screen, disk)
        elif choice == "r" and disk is not None:
            _reload(screen, disk)
        else:
            screen.disk_note = "file changed on disk" if disk else "file deleted on disk"
            screen._header()

    screen.app.push_screen(ChoiceDialog(question, choices, title="Not saved yet"), answer)


def _show_diff(screen: AccountScreen, disk: LoadedPlan) -> None:
    from kamtui.tui.screens.diff_view import DiffScreen

    lines = unified_diff(disk.text, screen.plan, disk.path.name)
    title = f"{disk.path.name}: - on disk, + yours"
    screen.app.push_screen(
        DiffScreen(title, lines, cell_styles(screen.app)), lambda _: _ask(screen, disk)
    )


def _overwrite(screen: AccountScreen, disk: LoadedPlan | None) -> None:
    plan = working_copy(screen.plan)  # what is written; later edits stay unsaved edits
    seen = disk.digest if disk is not None else None
    workspace = screen.kam.workspace

    def write() -> None:
        try:
            result = workspace.overwrite(plan, seen)
        except ConflictError:
            screen.app.call_from_thread(resolve_conflict, screen, True)
        except PlanError as exc:
            screen.app.call_from_thread(screen._failed, str(exc))
        else:
            screen.app.call_from_thread(_overwritten, screen, result.loaded)

    screen.kam._in_thread(write, "write", "overwrite a plan")


def _overwritten(screen: AccountScreen, loaded: LoadedPlan) -> None:
    screen.adopt(loaded, keep_edits=True)
    screen.kam.say(f"Saved {loaded.path.name} (over the version on disk)")


def _reload(screen: AccountScreen, disk: LoadedPlan) -> None:
    root = screen.kam.workspace.root
    text = dumps_plan(screen.plan)
    plan_id = screen.plan.id

    def keep() -> None:
        path = rescue(root, plan_id, text)
        screen.app.call_from_thread(_reloaded, screen, disk, path)

    screen.kam._in_thread(keep, "write", "keep unsaved edits")


def _reloaded(screen: AccountScreen, disk: LoadedPlan, rescued: Path) -> None:
    screen.kam.say(f"Reloaded {disk.path.name}. Your edits are kept in {rescued}", timeout=20)
    if disk.plan is None or disk.errors:
        _replace_with_broken_view(screen, disk)
        return
    screen.adopt(disk, keep_edits=False)


def _replace_with_broken_view(screen: AccountScreen, disk: LoadedPlan) -> None:
    """The account screen gives way to the read-only view of the broken file — once it is on
    top (a dialog or the help may be open over it)."""
    if screen.app.screen is not screen:
        if screen in screen.app.screen_stack:
            screen.set_timer(0.1, lambda: _replace_with_broken_view(screen, disk))
        return
    screen.app.pop_screen()
    screen.kam.plan_saved(disk)
    screen.kam.open_account(disk.id)
