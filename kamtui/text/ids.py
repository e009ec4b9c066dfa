"""What a record id or plan id may be: a strict slug, safe as a file name on every OS.

A module of its own, with nothing heavy to import: the merge driver checks record ids
(kamtui/plan/shape.py) in a process where every millisecond of start-up counts. Making an id
from a name is kamtui/text/slugs.py's work.
"""

from __future__ import annotations

import re

MAX_LEN = 64
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
"""Names Windows will not give a file, whatever its extension."""


def is_valid_id(value: str) -> bool:
    """True when *value* is a strict slug that is safe as a file name on every OS."""
    return (
        isinstance(value, str)
        and SLUG_RE.fullmatch(value) is not None
        and not value.endswith("-")
        and value not in WINDOWS_RESERVED
    )
