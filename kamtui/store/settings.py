"""What kamtui remembers per workspace between sessions: the ABC view's revenue file, method,
periods and how to read the file (kamtui/tui/screens/abc.py).

Where the file lives: :func:`kamtui.store.locations.settings_file`.

A small JSON file in the user config dir, never in the workspace: the workspace holds plans
only, and its git history stays free of personal paths.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path


@dataclass
class WorkspaceSettings:
    revenue_file: str = ""
    method: str = "revenue"
    period_from: str = ""
    period_to: str = ""
    compare_from: str = ""
    compare_to: str = ""
    quantity: str = ""
    """The quantity column, as typed (``""``: guessed); also *price*, *discount*, *doc_type*."""
    price: str = ""
    discount: str = ""
    """As typed: ``""`` guessed, ``"-"`` none (kamtui/tui/screens/abc.py reads it)."""
    doc_type: str = ""
    credit_types: str = ""
    """Extra credit-note document types, comma-separated, as typed."""


def load_settings(path: Path) -> WorkspaceSettings:
    """The saved settings; defaults when the file is missing or unreadable, and for each key
    it lacks (a file written before the key existed)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return WorkspaceSettings()
    if not isinstance(data, dict):
        return WorkspaceSettings()
    known = {f.name for f in fields(WorkspaceSettings)}
    # a value that is not text (a hand edit: null, a number) is left at its default, never
    # turned into text such as "None" that would be taken for a column name
    return WorkspaceSettings(**{k: v for k, v in data.items() if k in known and isinstance(v, str)})


def save_settings(path: Path, settings: WorkspaceSettings) -> None:
    """Write atomically; a failure only means the settings are not remembered."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(settings), fh, indent=2)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
