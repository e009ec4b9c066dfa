"""The bodies of the app's thread workers. They never touch widgets: they post messages."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from kamtui.plan.file import LoadedPlan
from kamtui.plan.row import PortfolioRow
from kamtui.store.cache import PlanCache
from kamtui.store.portfolio import RowKey, read_settled
from kamtui.store.watch import compare, snapshot
from kamtui.store.workspace import Workspace
from kamtui.tui.messages import (
    AbcFailed,
    AbcFinished,
    AbcProgress,
    PlansChanged,
    WorkspaceChecked,
    WorkspaceLoaded,
)

if TYPE_CHECKING:
    from kamtui.abc.analysis import AbcOptions

Post = Callable[[Message], object]


def load_workspace(
    workspace: Workspace,
    post: Post,
    cache: PlanCache | None,
    *,
    keep: Callable[[], bool] | None = None,
) -> None:
    """Read every plan (parsing only what the cache has not seen) and post
    :class:`WorkspaceLoaded`.

    With *keep* (the first load), what was read is frozen for the garbage collector before the
    collector can run again, as the objects of the app's start are (``KamApp.on_mount`` in
    kamtui/tui/app.py): its next passes walked all of it, twice on the way to the first paint
    (2,000 plans: about 10 ms). A plan replaced later is freed all the same (by reference
    counting: plans hold no cycles). *keep* is asked after freezing: false (the app closed
    meanwhile, and its ``on_unmount`` may have unfrozen already), the freeze is undone.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        scan = workspace.load_all(cache)
        if keep is not None:
            gc.freeze()
            if not keep():
                gc.unfreeze()
    finally:
        if paused:
            gc.enable()
    post(WorkspaceLoaded(scan, dict(cache.rows) if cache is not None else {}))


def check_workspace(workspace: Workspace, post: Post, cache: PlanCache | None) -> None:
    """Read every plan afresh with the cross-file checks, as ``kamtui check`` does."""
    post(WorkspaceChecked(workspace.load_all(cache)))


def store_cache(
    cache: PlanCache, plans: list[LoadedPlan], rows: dict[RowKey, PortfolioRow]
) -> None:
    """Remember what was parsed and computed, for the next start."""
    cache.store(plans, rows)


def watch_workspace(workspace: Workspace, post: Post, interval: float) -> None:
    """Poll the folder until cancelled; post :class:`PlansChanged` for settled changes.

    Debounced: a change is acted on once two polls in a row see the same folder, so a file
    being written, or renamed away and back by an editor, is read once, when it is complete.
    Never writes anything.
    """
    worker = get_current_worker()
    root = workspace.root
    known = snapshot(root)
    pending = None
    while not worker.is_cancelled:
        time.sleep(interval)
        current = snapshot(root)
        if current == known:
            pending = None
            continue
        if current != pending:
            pending = current  # still moving: look again next tick
            continue
        changes = compare(known, current)
        loaded: list[LoadedPlan] = []
        removed = set(changes.removed)
        for plan_id in sorted(changes.touched):
            result = read_settled(root / f"{plan_id}.toml")
            if result is None:
                removed.add(plan_id)
            else:
                loaded.append(result)
        known, pending = current, None
        if not worker.is_cancelled:
            post(PlansChanged(loaded, sorted(removed)))


def run_abc(path: Path, options: AbcOptions, post: Post) -> None:
    """Run the analysis with progress messages; post :class:`AbcFinished` or
    :class:`AbcFailed` (bad input is a message for the user, not a crash)."""
    from kamtui.abc.analysis import analyse_file
    from kamtui.abc.revenue import RevenueFileError
    from kamtui.tui.abc_data import prepare

    last = [0.0]

    def progress(done: int, total: int) -> None:
        if (total and (done - last[0]) / total >= 0.02) or done >= total:
            last[0] = done
            post(AbcProgress(done, total))

    read = replace(options.read, progress=progress)
    try:
        result = analyse_file(path, replace(options, read=read))
    except RevenueFileError as exc:
        post(AbcFailed(str(exc)))
        return
    except OSError as exc:
        post(AbcFailed(f"{path}: {exc.strerror or exc}"))
        return
    post(AbcFinished(prepare(result)))
