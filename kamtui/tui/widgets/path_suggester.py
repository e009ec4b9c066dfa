"""Completion of file paths as you type (accept with → or tab-free right arrow)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from textual.suggester import Suggester


def complete_path(value: str) -> str | None:
    """The first file or folder that extends *value* (folders end with ``/``)."""
    if not value:
        return None
    expanded = os.path.expanduser(value)
    folder, prefix = os.path.split(expanded)
    try:
        names = sorted(os.listdir(folder or "."))
    except OSError:
        return None
    for name in names:
        if name.startswith(prefix) and name != prefix and not name.startswith("."):
            full = os.path.join(folder, name)
            suffix = "/" if Path(full).is_dir() else ""
            return value + name[len(prefix) :] + suffix
    return None


class PathSuggester(Suggester):
    """Suggests the rest of a path; the directory is read in a thread, never on the loop."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(complete_path, value)
