"""Keeping edits that the user chose not to write over a changed plan file.

When a save finds the file changed on disk and the user reloads it, the edits not saved are
first written here (see :func:`kamtui.store.locations.rescue_dir`: outside the workspace, so
they never show up in its git status), and the user is told the path.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kamtui.plan.diagnostics import ConflictError
from kamtui.store.atomic import atomic_write
from kamtui.store.locations import rescue_dir


def rescue(root: Path, plan_id: str, text: str, *, now: dt.datetime | None = None) -> Path:
    """Keep *text* (edits that were not saved) in the rescue folder of the workspace *root*;
    returns the new file. Never replaces an earlier rescue file (a second one in the same
    second gets ``-1``, ``-2``, … after the time stamp)."""
    folder = rescue_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    n = 0
    while True:
        path = folder / f"{plan_id}-{stamp}{f'-{n}' if n else ''}.toml"
        try:
            atomic_write(path, text.encode("utf-8"), expected_digest=None)
            return path
        except ConflictError:
            n += 1
