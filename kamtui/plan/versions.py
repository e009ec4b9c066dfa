"""Many versions of one plan file, read fast: the history of a plan, commit after commit.

Reading a plan whole (:func:`kamtui.plan.file.parse_plan`) takes milliseconds for a big one:
a thousand versions would take seconds. Yet each commit changes a few lines. So a version is
read *against one already read*:

- its text is cut into tables: ``[section.records.id]`` and what follows, up to the next line
  that starts with ``[`` (and what comes before the first table). Only the part of the text
  that differs from the version before is cut again (the bytes both share at the start and at
  the end are found by comparing blocks); the tables outside it are the same tables;
- the tables whose bytes changed, with their records (an objective for its check-ins) and
  ``schema``, are parsed alone and decoded on both sides, the ``[account]`` table and the
  objectives an action points to standing in as the same bare table on both sides when they
  did not change; :func:`kamtui.plan.changes.plan_changes` compares the two. Tables that are
  the same on both sides make no change, so the result is that of comparing the whole plans.

Whenever that shortcut cannot be sure, the version is read whole, so every verdict on a
version is :func:`~kamtui.plan.file.parse_plan`'s own: a table that does not parse alone (a
line starting with ``[`` inside a multi-line text cuts a table wrongly, and the piece before it
never parses), a table defined twice, an array of tables, a key of one table that is a table
itself (dotted keys, inline tables), a table under a value, conflict markers, bytes that are
not plain UTF-8, an objective removed (an action may point to it), an action pointing to an
objective that is not there, or any error in the tables read. A plan kamtui wrote (the
canonical form, kamtui/plan/toml_writer.py) never needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamtui.plan.changes import Change, plan_changes
from kamtui.plan.codec import decode_plan
from kamtui.plan.diagnostics import Problem, Severity
from kamtui.plan.file import BOM, LoadedPlan, parse_plan
from kamtui.plan.model import AccountPlan
from kamtui.plan.toml_reader import TOMLDecodeError, loads

TablePath = tuple[str, ...]
TOP: TablePath = ()
ACCOUNT: TablePath = ("account",)
OBJECTIVES: TablePath = ("where_to_go", "objectives")
ACTIONS: TablePath = ("how_to_get_there", "actions")
BARE_ACCOUNT = {"name": "-"}
"""The ``[account]`` table on both sides when it did not change (the decoder wants one)."""
_MARKERS = (b"<<<<<<<", b"=======", b">>>>>>>", b"|||||||")
_BLOCK = 4096
"""Bytes compared at a time when looking for where two versions start to differ."""


@dataclass(slots=True)
class _Layout:
    """The tables of a version: ``text`` is ``b"\n"`` and the file's bytes (so every table
    starts after ``\n[``), ``tables`` the bytes of each table by path (the part before the
    first table is the path ``()``)."""

    text: bytes
    tables: dict[TablePath, bytes]

    def order(self, path: TablePath) -> int:
        """Where a table is in the file (to keep records in their order)."""
        return self.text.find(self.tables[path])


@dataclass(slots=True)
class _Version:
    data: bytes
    path: Path
    readable: bool | None = None
    """Known to be a plan without errors (``True``), known to have errors (``False``)."""
    loaded: LoadedPlan | None = None
    """The version read whole, once it was."""
    layout: _Layout | None = None
    cut: bool = False
    """Whether the layout was looked for (it stays ``None`` when the text cannot be cut)."""


class _Doc:
    """A TOML document put together from tables, keeping TOML's rules on defining tables."""

    __slots__ = ("defined", "root", "tables")

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}
        self.tables = {id(self.root)}
        """ids of the dicts that are tables (made here), not values read from the file."""
        self.defined: set[TablePath] = set()

    def add(self, path: TablePath, body: dict[str, Any]) -> bool:
        """Put a table's keys at *path*; ``False`` when TOML would refuse it (a table defined
        twice, a key defined twice, a table under a value)."""
        if path in self.defined:
            return False
        self.defined.add(path)
        node = self.root
        for part in path:
            child = node.get(part)
            if child is None:
                child = node[part] = {}
                self.tables.add(id(child))
            elif not isinstance(child, dict) or id(child) not in self.tables:
                return False
            node = child
        for key, value in body.items():
            if key in node:
                return False
            node[key] = value
        return True


class PlanVersions:
    """The versions of one plan, each registered by a key (a git blob id) with its bytes.

    :meth:`changes` compares two of them; :meth:`loaded` reads one whole. Problems are
    reported as :func:`~kamtui.plan.file.parse_plan` reports them, at the path given with the
    version.
    """

    def __init__(self, plan_id: str) -> None:
        self.plan_id = plan_id
        self._versions: dict[str, _Version] = {}
        self._bodies: dict[bytes, dict[str, Any] | None] = {}
        self._headers: dict[bytes, TablePath | None] = {}

    def add(self, key: str, data: bytes, path: Path) -> None:
        """Register the version *key* (its bytes, and the path its problems are reported at)."""
        if key not in self._versions:
            self._versions[key] = _Version(data, path)

    def __contains__(self, key: str) -> bool:
        return key in self._versions

    def forget(self, key: str) -> None:
        """Drop a version no longer needed (memory: a thousand versions of a big plan)."""
        self._versions.pop(key, None)

    def loaded(self, key: str) -> LoadedPlan:
        """The version read whole (once)."""
        version = self._versions[key]
        if version.loaded is None:
            version.loaded = parse_plan(version.data, version.path, self.plan_id)
            version.readable = version.loaded.ok
        return version.loaded

    def readable(self, key: str) -> bool:
        """Whether the version is a plan without errors (reads it whole unless known)."""
        version = self._versions[key]
        if version.readable is None:
            self.loaded(key)
        return bool(version.readable)

    def plan(self, key: str) -> AccountPlan | None:
        """The whole plan of the version; ``None`` when it has errors."""
        loaded = self.loaded(key)
        return loaded.plan if loaded.ok else None

    def first_error(self, key: str) -> Problem | None:
        """The first error of a version that has some (reading it whole)."""
        errors = self.loaded(key).errors
        return errors[0] if errors else None

    def changes(self, before: str, after: str) -> list[Change] | None:
        """What changed from the version *before* (a readable one) to *after*; ``None`` when
        *after* has errors (:meth:`first_error` says which)."""
        fast = self._fast_changes(before, after)
        if fast is not None:
            return fast
        if not self.readable(after):
            return None
        return plan_changes(self.plan(before), self.plan(after))

    # -- the shortcut ----------------------------------------------------------------------

    def _fast_changes(self, before: str, after: str) -> list[Change] | None:
        old, new = self._versions[before], self._versions[after]
        if new.readable is False or not self.readable(before):
            return None
        if old.data == new.data:
            new.readable = True
            if not new.cut and old.cut:
                new.layout, new.cut = old.layout, True
            return []
        base = self._layout(old)
        if base is None:
            return None
        found = self._layout_from(base, new.data)
        if found is None:
            return None
        layout, changed, removed, old_at, new_at = found
        if not new.cut:
            new.layout, new.cut = layout, True
        if any(p[:2] == OBJECTIVES and len(p) == 3 for p in removed):
            return None  # an objective removed: any action may point to it
        wanted = {TOP}
        for path in (*changed, *removed):
            wanted.add(path)
            if len(path) > 3:
                wanted.add(path[:3])  # the record a table of its own belongs to (check-ins)
        objectives: set[str] = set()
        for side in (base, layout):
            for path in wanted:
                if path[:2] == ACTIONS and len(path) == 3:
                    body = self._body(path, side.tables.get(path))
                    target = body.get("objective") if body is not None else None
                    if isinstance(target, str) and target:
                        objectives.add(target)
        # Only objectives the version has stand in: an action pointing to one it has not is
        # the decoder's error, and the version is read whole for its message.
        stubs = {OBJECTIVES + (o,) for o in objectives} - wanted
        new_plan = self._decode(layout, wanted, stubs, new_at)
        if new_plan is None:
            return None
        old_plan = self._decode(base, wanted, stubs, old_at)
        if old_plan is None:
            return None
        new.readable = True
        return plan_changes(old_plan, new_plan)

    def _decode(
        self,
        layout: _Layout,
        wanted: set[TablePath],
        stubs: set[TablePath],
        where: dict[TablePath, int],
    ) -> AccountPlan | None:
        """The plan made of the *wanted* tables (in file order), with the tables in *stubs*
        that the version has, and ``[account]`` when not wanted, as bare tables; ``None`` when
        anything is wrong."""
        doc = _Doc()
        tables = layout.tables
        # In file order: the tables cut again say where they are; the few others (the record
        # of a table of check-ins that changed alone) are looked up.
        placed = sorted(
            (where[p] if p in where else layout.order(p) if p else 0, p)
            for p in wanted
            if p in tables
        )
        for _, path in placed:
            body = self._body(path, tables[path])
            if body is None:
                return None
            if not path:
                doc.root.update(body)
            elif not doc.add(path, body):
                return None
        if ACCOUNT not in wanted and ACCOUNT in tables and not doc.add(ACCOUNT, BARE_ACCOUNT):
            return None
        for path in sorted(stubs):
            if path in tables and not doc.add(path, {"title": path[-1]}):
                return None
        plan, findings = decode_plan(doc.root, self.plan_id)
        if plan is None or any(f.severity is Severity.ERROR for f in findings):
            return None
        return plan

    def _body(self, path: TablePath, text: bytes | None) -> dict[str, Any] | None:
        """The keys of the table *path* (its text parsed alone, once per text); ``None`` when
        it does not parse alone, holds a table of its own, or is not there."""
        if text is None:
            return None
        if text in self._bodies:
            return self._bodies[text]
        node: Any
        try:
            node = loads(text.decode("utf-8"))
        except (UnicodeDecodeError, TOMLDecodeError, ValueError, RecursionError):
            node = None
        for part in path:  # one chain of single keys down to the table's own keys
            if not isinstance(node, dict) or len(node) != 1 or part not in node:
                node = None
                break
            node = node[part]
        body = node if isinstance(node, dict) else None
        if body is not None and any(isinstance(v, dict) for v in body.values()):
            body = None
        self._bodies[text] = body
        return body

    # -- cutting a text into tables --------------------------------------------------------

    def _layout(self, version: _Version) -> _Layout | None:
        if not version.cut:
            version.layout, version.cut = self._full_layout(version.data), True
        return version.layout

    def _full_layout(self, data: bytes) -> _Layout | None:
        if _blank(data) or data.startswith(BOM) or not _plain(data):
            return None
        text = b"\n" + data
        spans = self._spans(text, 0, len(text))
        if spans is None:
            return None
        tables = {path: text[start:end] for path, start, end in spans}
        return _Layout(text, tables) if len(tables) == len(spans) else None

    def _layout_from(
        self, base: _Layout, data: bytes
    ) -> (
        tuple[_Layout, list[TablePath], list[TablePath], dict[TablePath, int], dict[TablePath, int]]
        | None
    ):
        """The layout of *data* from the layout of a version before it, with the paths of the
        tables changed or added, of those removed, and where the tables cut again are in the
        old and the new text. Only the tables around the bytes that
        differ are cut again: a table before them (with the ``\n[`` that ends it) or after
        them (with the ``\n`` before it) is the same table."""
        if _blank(data) or data.startswith(BOM):
            return None
        old, text = base.text, b"\n" + data
        p = _common_prefix(old, text)
        q = _common_suffix(old, text, min(len(old), len(text)) - p)
        before = old.rfind(b"\n[", 0, p)  # the last table boundary wholly in the shared start
        start = before + 1 if before >= 0 else 0
        after = old.find(b"\n[", len(old) - q)  # the first one wholly in the shared end
        old_end = after if after >= 0 else len(old)
        new_end = old_end + len(text) - len(old)
        if new_end < start or old_end < start or not _plain(text[start:new_end]):
            return None
        new_spans = self._spans(text, start, new_end)
        old_spans = self._spans(old, start, old_end)
        if new_spans is None or old_spans is None:
            return None
        tables = dict(base.tables)
        for path, _, _ in old_spans:
            del tables[path]
        changed: list[TablePath] = []
        for path, s, e in new_spans:
            if path in tables:
                return None  # defined twice
            table = text[s:e]
            tables[path] = table
            if base.tables.get(path) != table:
                changed.append(path)
        removed = [path for path, _, _ in old_spans if path not in tables]
        old_at = {path: s for path, s, _ in old_spans}
        new_at = {path: s for path, s, _ in new_spans}
        return _Layout(text, tables), changed, removed, old_at, new_at

    def _spans(self, text: bytes, start: int, stop: int) -> list[tuple[TablePath, int, int]] | None:
        """The tables in ``text[start:stop]``: *start* is 0 (the part before the first table
        comes first) or where a table's ``[`` is; ``None`` when a header is not a table's."""
        out: list[tuple[TablePath, int, int]] = []
        pos = start
        if start == 0:
            nxt = text.find(b"\n[", 0, stop)
            end = stop if nxt < 0 else nxt
            out.append((TOP, 0, end))
            pos = stop if nxt < 0 else end + 1
        while pos < stop:
            nxt = text.find(b"\n[", pos, stop)
            end = stop if nxt < 0 else nxt
            line_end = text.find(b"\n", pos, end)
            path = self._header(text[pos : end if line_end < 0 else line_end])
            if path is None:
                return None
            out.append((path, pos, end))
            pos = stop if nxt < 0 else end + 1
        return out

    def _header(self, line: bytes) -> TablePath | None:
        """The path of a table from its header line; ``None`` for anything else (an array of
        tables, a line that is no header)."""
        if line in self._headers:
            return self._headers[line]
        path: TablePath | None = None
        if line.startswith(b"[") and not line.startswith(b"[["):
            try:
                node: Any = loads(line.decode("utf-8"))
            except (UnicodeDecodeError, TOMLDecodeError, ValueError, RecursionError):
                node = None
            parts: list[str] = []
            while isinstance(node, dict) and len(node) == 1:
                key, node = next(iter(node.items()))
                parts.append(key)
            if node == {} and parts:
                path = tuple(parts)
        self._headers[line] = path
        return path


def _blank(data: bytes) -> bool:
    return not data or data.isspace()


def _plain(data: bytes) -> bool:
    """Bytes that can be cut into tables: UTF-8, no NUL, no conflict markers."""
    if b"\x00" in data or any(marker in data for marker in _MARKERS):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _common_prefix(a: bytes, b: bytes) -> int:
    """How many bytes *a* and *b* share at the start (blocks compared, then halves)."""
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i : i + _BLOCK] == b[i : i + _BLOCK]:
        i += _BLOCK
    if i >= n:
        return n
    lo, hi = i, min(i + _BLOCK, n)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[i:mid] == b[i:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """How many bytes *a* and *b* share at the end, at most *limit*."""
    la, lb = len(a), len(b)
    i = 0
    while i < limit:
        step = min(_BLOCK, limit - i)
        if a[la - i - step : la - i] != b[lb - i - step : lb - i]:
            break
        i += step
    else:
        return limit
    lo, hi = i, min(i + _BLOCK, limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid : la - i] == b[lb - mid : lb - i]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def version_problem(problem: Problem, where: str) -> str:
    """A problem of a past version, as one line that says where: ``REV:PATH:LINE:COL: error:
    message``."""
    return Problem(
        Path(f"{where}:{problem.path}"),
        problem.message,
        problem.line,
        problem.column,
        problem.severity,
    ).format()
