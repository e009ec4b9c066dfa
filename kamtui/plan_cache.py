"""A content-addressed cache of parsed plans, so a big workspace opens fast.

Parsing TOML is the slow part of loading (tomllib is pure Python). The cache maps
``(file name, sha256 of its bytes)`` to the :class:`LoadedPlan` parsed from those bytes, so a
start-up reads and hashes every file (cheap) and parses only the files whose content changed.
Keyed by content, not by modification time: a same-size edit with its mtime restored is still
seen. The cache is only a speed-up: a missing, stale or corrupt cache file is ignored.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from pathlib import Path

from kamtui import __version__
from kamtui.model import SCHEMA_VERSION
from kamtui.plan_file import LoadedPlan

Key = tuple[str, str]
_FORMAT = ("kamtui-plan-cache", 1, __version__, SCHEMA_VERSION)


class PlanCache:
    """Parsed plans by (file name, content hash), stored in one pickle file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[Key, LoadedPlan] = {}
        self._loaded = False

    def load(self) -> None:
        """Read the cache file; anything wrong with it means an empty cache."""
        self._loaded = True
        try:
            with open(self.path, "rb") as fh:
                header, entries = pickle.load(fh)  # our own file, in the user's cache
        except Exception:  # a cache never breaks loading
            return
        if header == _FORMAT and isinstance(entries, dict):
            self.entries = entries

    def get(self, name: str, digest: str) -> LoadedPlan | None:
        if not self._loaded:
            self.load()
        return self.entries.get((name, digest))

    def store(self, plans: list[LoadedPlan]) -> None:
        """Replace the cache with *plans* (the current workspace); failures are ignored."""
        self.entries = {(lp.path.name, lp.digest): lp for lp in plans if lp.digest}
        with contextlib.suppress(OSError, pickle.PicklingError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".cache-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump((_FORMAT, self.entries), fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
