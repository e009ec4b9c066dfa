"""The difference between a plan file on disk and the plan being edited, as a unified diff."""

from __future__ import annotations

import difflib

from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import AccountPlan


def unified_diff(disk_text: str, plan: AccountPlan, name: str) -> list[str]:
    """Lines of a unified diff from the file on disk (``a/``) to *plan* saved (``b/``).

    Empty when saving would write exactly what is on disk.
    """
    ours = dumps_plan(plan)
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(
            disk_text.splitlines(keepends=True),
            ours.splitlines(keepends=True),
            fromfile=f"a/{name} (on disk)",
            tofile=f"b/{name} (your edits)",
        )
    ]
