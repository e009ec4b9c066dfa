"""A content-addressed cache of parsed plans, so a big workspace opens fast.

Parsing TOML is the slow part of loading, even with the compiled reader. The cache maps
``(file name, sha256 of its bytes)`` to what was parsed from those bytes (a
:class:`LoadedPlan`), so a start-up reads and hashes every file (cheap) and parses only the files
whose content changed. Keyed by content, not by modification time: a same-size edit with its
mtime restored is still seen. The cache is only a speed-up: a missing, stale or corrupt cache
file is ignored.

Loading it is on the way to the first paint, so the file holds plain tuples (:data:`Record`):
no ``Path`` to rebuild per plan (that was half the time of unpickling), and the plan itself
stays pickled until it is used (see :meth:`LoadedPlan.plan_blob`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamtui import __version__
from kamtui.plan.diagnostics import Problem
from kamtui.plan.file import LoadedPlan, read_bytes
from kamtui.plan.model import SCHEMA_VERSION

if TYPE_CHECKING:
    from kamtui.plan.metrics import PortfolioRow

Key = tuple[str, str]
RowKey = tuple[str, str, dt.date]
Record = tuple[str, bytes | None, list[Problem], bool, str, tuple[str, ...]]
"""What is kept of a plan: its path (as text), the pickled plan, problems, has_comments, text
(only for a broken file, to show its lines) and customer ids."""
_FORMAT = ("kamtui-plan-cache", 3, __version__, SCHEMA_VERSION)


class PlanCache:
    """Parsed plans by (file name, content hash), stored in one pickle file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records: dict[Key, Record] = {}
        self.rows: dict[RowKey, PortfolioRow] = {}
        """Dashboard figures by (plan id, content hash, day), so a start-up on the same day
        need not look inside the plans at all."""
        self._loaded = False

    def load(self) -> None:
        """Read the cache file; anything wrong with it means an empty cache."""
        self._loaded = True
        try:
            # One read, then unpickle: pickle.load(fh) reads frame by frame, and each read lets
            # the app's busy first paint take the interpreter lock for up to 5 ms.
            data = read_bytes(self.path)
            header, records, rows = _unpickle(data)  # our own file, in the user's cache
        except Exception:  # a cache never breaks loading
            return
        if header == _FORMAT and isinstance(records, dict) and isinstance(rows, dict):
            self.records, self.rows = records, rows

    def get(self, path: Path, digest: str) -> LoadedPlan | None:
        """The plan parsed from the file at *path* when its bytes had the sha256 *digest*."""
        if not self._loaded:
            self.load()
        record = self.records.get((path.name, digest))
        # Only under the same path: a file reached another way is another entry.
        if record is None or record[0] != str(path):
            return None
        _, blob, problems, has_comments, text, customer_ids = record
        return LoadedPlan.from_blob(path, blob, problems, digest, has_comments, text, customer_ids)

    def store(
        self, plans: list[LoadedPlan], rows: dict[RowKey, PortfolioRow] | None = None
    ) -> None:
        """Replace the cache with *plans* (the current workspace); failures are ignored.

        Nothing is written when the cache already holds exactly these files. The text of a
        healthy plan is not kept (it is only needed to show a broken file's lines).
        """
        rows = self.rows if rows is None else rows
        held = {(lp.path.name, lp.digest): str(lp.path) for lp in plans if lp.digest}
        cached = {key: record[0] for key, record in self.records.items()}
        # Paths too: entries stored under another path (the folder reached another way) are
        # never hits, and would stay so if only names and digests were compared.
        if self._loaded and held == cached and rows.keys() == self.rows.keys():
            return
        # RecursionError: a plan with values nested hundreds deep (it loads, but pickle gives up).
        with contextlib.suppress(OSError, pickle.PicklingError, RecursionError):
            records = {(lp.path.name, lp.digest): _record(lp) for lp in plans if lp.digest}
            self.records, self.rows = records, dict(rows)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile  # only when writing: not on the way to the first paint

            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".cache-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump((_FORMAT, self.records, self.rows), fh, pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)


def _unpickle(data: bytes) -> Any:
    """``pickle.loads`` with the garbage collector paused: the tens of thousands of objects it
    makes would trigger collections that walk the whole heap (over half the time of a load)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if paused:
            gc.enable()


def _record(lp: LoadedPlan) -> Record:
    """What the cache keeps of *lp*: a healthy plan's text is dropped, the plan is pickled."""
    text = lp.text if lp.errors else ""
    return (str(lp.path), lp.plan_blob(), lp.problems, lp.has_comments, text, lp.customer_ids)
