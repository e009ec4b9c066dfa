"""A content-addressed cache of parsed plans, so a big workspace opens fast.

Parsing TOML is the slow part of loading, even with the compiled reader. The cache maps
``(file name, sha256 of its bytes)`` to the :class:`LoadedPlan` parsed from those bytes, so a
start-up reads and hashes every file (cheap) and parses only the files whose content changed.
Keyed by content, not by modification time: a same-size edit with its mtime restored is still
seen. The cache is only a speed-up: a missing, stale or corrupt cache file is ignored.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import os
import pickle
import tempfile
from pathlib import Path

from kamtui import __version__
from kamtui.plan.file import LoadedPlan
from kamtui.plan.metrics import PortfolioRow
from kamtui.plan.model import SCHEMA_VERSION

Key = tuple[str, str]
RowKey = tuple[str, str, dt.date]
_FORMAT = ("kamtui-plan-cache", 2, __version__, SCHEMA_VERSION)


class PlanCache:
    """Parsed plans by (file name, content hash), stored in one pickle file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[Key, LoadedPlan] = {}
        self.rows: dict[RowKey, PortfolioRow] = {}
        """Dashboard figures by (plan id, content hash, day), so a start-up on the same day
        need not look inside the plans at all."""
        self._loaded = False

    def load(self) -> None:
        """Read the cache file; anything wrong with it means an empty cache."""
        self._loaded = True
        try:
            with open(self.path, "rb") as fh:
                header, entries, rows = pickle.load(fh)  # our own file, in the user's cache
        except Exception:  # a cache never breaks loading
            return
        if header == _FORMAT and isinstance(entries, dict) and isinstance(rows, dict):
            self.entries, self.rows = entries, rows

    def get(self, name: str, digest: str) -> LoadedPlan | None:
        if not self._loaded:
            self.load()
        return self.entries.get((name, digest))

    def store(
        self, plans: list[LoadedPlan], rows: dict[RowKey, PortfolioRow] | None = None
    ) -> None:
        """Replace the cache with *plans* (the current workspace); failures are ignored.

        Nothing is written when the cache already holds exactly these files. The text of a
        healthy plan is not kept (it is only needed to show a broken file's lines).
        """
        rows = self.rows if rows is None else rows
        held = {(lp.path.name, lp.digest): lp.path for lp in plans if lp.digest}
        cached = {key: lp.path for key, lp in self.entries.items()}
        # Paths too: entries stored under another path (the folder reached another way) are
        # never hits, and would stay so if only names and digests were compared.
        if self._loaded and held == cached and rows.keys() == self.rows.keys():
            return
        self.entries = {(lp.path.name, lp.digest): _without_text(lp) for lp in plans if lp.digest}
        self.rows = dict(rows)
        # RecursionError: a plan with values nested hundreds deep (it loads, but pickle gives up).
        with contextlib.suppress(OSError, pickle.PicklingError, RecursionError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".cache-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump((_FORMAT, self.entries, self.rows), fh, pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)


def _without_text(lp: LoadedPlan) -> LoadedPlan:
    """A copy to cache: a healthy plan's text is dropped; a cached plan stays unparsed."""
    if lp.errors or not lp.text:
        return lp
    slim = copy.copy(lp)
    slim.text = ""
    return slim
