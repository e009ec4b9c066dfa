"""A content-addressed cache of parsed plans, so a big workspace opens fast.

Parsing TOML is the slow part of loading, even with the compiled reader. The cache maps
``(file name, sha256 of its bytes)`` to what was parsed from those bytes (a
:class:`LoadedPlan`), so a start-up reads and hashes every file (cheap) and parses only the files
whose content changed. Keyed by content, not by modification time: a same-size edit with its
mtime restored is still seen. The cache is only a speed-up: a missing, stale or corrupt cache
file is ignored.

Loading it is on the way to the first paint, so the file is made to be read fast:

- an index first (its length in 8 bytes, then a pickle of plain tuples, :data:`Record`: no
  ``Path`` to rebuild per plan, which was half the time of unpickling), with the dashboard
  figures of the day (``rows``, each as the tuple of its fields: unpickling 2,000
  ``PortfolioRow`` dataclasses took 15-25 ms, the tuples and making the rows from them 3-5);
- then the plans themselves, pickled one after the other. A start-up that finds its rows in the
  index never reads them (with 2,000 plans: 18 MB, a third of the start-up's reading): each
  :class:`LoadedPlan` gets a function that reads its plan's bytes when ``plan`` is first asked
  for, from the file as it was when loaded (the open descriptor keeps that version readable
  even after a newer cache replaced it). Where ``os.pread`` is missing (Windows), the plans are
  read with the index and the file is closed at once, as a file open there cannot be replaced.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import os
import pickle
import struct
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamtui import __version__
from kamtui.plan.diagnostics import Problem
from kamtui.plan.file import LoadedPlan
from kamtui.plan.schema import SCHEMA_VERSION
from kamtui.text import i18n

if TYPE_CHECKING:
    from kamtui.plan.row import PortfolioRow

Key = tuple[str, str]
RowKey = tuple[str, str, dt.date]
Blob = bytes | Callable[[], bytes] | None
"""A pickled plan, or a function that reads it from the cache file (``None``: no plan)."""
Record = tuple[str, Blob, list[Problem], bool, str, tuple[str, ...]]
"""What is kept of a plan: its path (as text), the pickled plan, problems, has_comments, text
(only for a broken file, to show its lines) and customer ids."""
_FORMAT = ("kamtui-plan-cache", 9, __version__, SCHEMA_VERSION)
"""Bumped whenever what is pickled changes shape: a plan record with a field more or less
unpickles without it (8: the whitespace map's units, cells and offerings, an objective's
opportunity). A different header means an empty cache. tests/core/test_cache_format.py holds
the fields of each format. The file's header adds the language its problems are written in
(kamtui/text/i18n.py): read in another language, the plans with problems are read again."""
_LENGTH = struct.Struct("<Q")
_LAZY = hasattr(os, "pread")


class PlanCache:
    """Parsed plans by (file name, content hash), stored in one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records: dict[Key, Record] = {}
        self.rows: dict[RowKey, PortfolioRow] = {}
        """Dashboard figures by (plan id, content hash, day), so a start-up on the same day
        need not look inside the plans at all."""
        self._loaded = False
        self._language = i18n.language()
        """The language of the problems' messages in :attr:`records`."""

    def load(self) -> None:
        """Read the cache file's index; anything wrong with it means an empty cache."""
        self._loaded = True
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError:
            return
        plans = _PlanBytes(fd)  # closes the file once no plan needs it any more
        try:
            # Two reads, then unpickle (pickle.load(fh) reads frame by frame, and each read
            # lets the app's busy first paint take the interpreter lock for up to 5 ms).
            (length,) = _LENGTH.unpack(_read_exactly(fd, 0, _LENGTH.size))
            plans.base = _LENGTH.size + length
            if plans.base > os.fstat(fd).st_size:
                return  # not a cache file of this kind
            header, index, rows = _unpickle(_read_exactly(fd, _LENGTH.size, length))
            if (
                not isinstance(header, tuple)
                or header[:-1] != _FORMAT
                or not isinstance(index, dict)
                or not isinstance(rows, dict)
            ):
                return
            self._language = header[-1]
            records = {key: _from_index(entry, plans) for key, entry in index.items()}
            rows = _rows_from_fields(rows)
        except Exception:  # a cache never breaks loading
            return
        finally:
            if not _LAZY:
                plans.close()
        self.records, self.rows = records, rows

    def get(self, path: Path, digest: str) -> LoadedPlan | None:
        """The plan parsed from the file at *path* when its bytes had the sha256 *digest*."""
        if not self._loaded:
            self.load()
        if self._language != i18n.language():
            self._forget_problems()
        record = self.records.get((path.name, digest))
        # Only under the same path: a file reached another way is another entry.
        if record is None or record[0] != str(path):
            return None
        _path, blob, problems, has_comments, text, customer_ids = record
        return LoadedPlan.from_blob(path, blob, problems, digest, has_comments, text, customer_ids)

    def _forget_problems(self) -> None:
        """Drop the plans whose problems are in another language than the one in use (read
        again, they are said in it); the others are the same in every language."""
        self.records = {key: r for key, r in self.records.items() if not r[2]}
        self._language = i18n.language()

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
            self._language = i18n.language()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _write(self.path, records, self.rows)


class _PlanBytes:
    """The plans' part of one cache file, read on demand through a descriptor kept open."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.base = 0
        self.close = weakref.finalize(self, os.close, fd)

    def read(self, offset: int, length: int) -> bytes:
        return _read_exactly(self.fd, self.base + offset, length)


def _read_exactly(fd: int, offset: int, length: int) -> bytes:
    if _LAZY:
        data = os.pread(fd, length, offset)
    else:  # pragma: no cover - Windows: read while loading only, in one thread
        os.lseek(fd, offset, os.SEEK_SET)
        data = os.read(fd, length)
    if len(data) != length:
        raise EOFError("the cache file is shorter than its index says")
    return data


def _from_index(entry: tuple[Any, ...], plans: _PlanBytes) -> Record:
    path, where, problems, has_comments, text, customer_ids = entry
    blob: Blob = None
    if where is not None:
        offset, length = where
        reader = functools.partial(plans.read, offset, length)
        blob = reader if _LAZY else reader()
    return path, blob, problems, has_comments, text, customer_ids


def _write(path: Path, records: dict[Key, Record], rows: dict[RowKey, PortfolioRow]) -> None:
    """Write the cache file (index, then the plans) to a temp file and move it in place."""
    import tempfile  # only when writing: not on the way to the first paint

    blobs: list[bytes] = []
    index: dict[Key, tuple[Any, ...]] = {}
    offset = 0
    for key, (text_path, blob, problems, has_comments, text, customer_ids) in records.items():
        data = blob() if callable(blob) else blob
        where = None
        if data is not None:
            where = (offset, len(data))
            blobs.append(data)
            offset += len(data)
        index[key] = (text_path, where, problems, has_comments, text, customer_ids)
    fields = {key: _row_fields(row) for key, row in rows.items()}
    header = (*_FORMAT, i18n.language())
    head = pickle.dumps((header, index, fields), pickle.HIGHEST_PROTOCOL)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_LENGTH.pack(len(head)))
            fh.write(head)
            fh.writelines(blobs)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _row_fields(row: PortfolioRow) -> tuple[Any, ...]:
    """What the cache keeps of a row: its fields' values, in order."""
    return tuple(getattr(row, name) for name in _row_field_names())


def _rows_from_fields(fields: dict[RowKey, tuple[Any, ...]]) -> dict[RowKey, PortfolioRow]:
    """The rows back from their fields' values (as unpickling a row makes it: no ``__init__``,
    which a frozen dataclass makes slow)."""
    if not fields:
        return {}
    from kamtui.plan.row import PortfolioRow

    names = _row_field_names()
    new = object.__new__
    rows = {}
    for key, values in fields.items():
        if len(values) != len(names):
            raise ValueError("a row of another shape")
        row = new(PortfolioRow)
        row.__dict__.update(zip(names, values, strict=True))
        rows[key] = row
    return rows


@functools.cache
def _row_field_names() -> tuple[str, ...]:
    import dataclasses

    from kamtui.plan.row import PortfolioRow

    return tuple(f.name for f in dataclasses.fields(PortfolioRow))


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
