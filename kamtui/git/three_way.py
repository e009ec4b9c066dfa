"""Three-way merge of plan documents (the dicts a TOML reader gives) by record and field.

The rules (docs/git.md has them for users):

- a value changed on one side only takes that side's; changed to the same value on both, that
  value; changed to different values on both, a **conflict on that value only**;
- tables (records keyed by id, and every other table) merge key by key: a key added on either
  side is kept (base order, then ours' new keys, then theirs'); removed on one side and untouched
  on the other, removed; removed on one side and changed on the other, a conflict on it;
- multi-line text changed on both sides merges line by line (:func:`merge_lines`), a conflict
  only where both changed the same lines;
- lists of strings (SWOT items, customer ids) keep what either side added and drop what either
  side removed;
- ``last_review`` changed on both sides takes the later date;
- check-ins are a table keyed by date, so they merge by date (the same date with two values is
  a conflict); an objective's ``current`` then follows its latest check-in, and an action's
  progress and completion date follow its merged status (done is 100 % and completed).

A merge gives two documents, *ours* and *theirs*: equal but where there are conflicts, where
each keeps its side. Written canonically, the lines where they differ are the conflicts
(kamtui/git/merge_file.py puts git's markers around them).
"""

from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

Path = tuple[str, ...]


class _Missing:
    """A key that a side does not have (removed, or never added)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Merged:
    """The result of a merge: the two documents and where they differ. (A plain class, not a
    dataclass: the merge driver's process does not import dataclasses, kamtui/plan/shape.py.)"""

    __slots__ = ("conflicts", "ours", "theirs")

    def __init__(
        self, ours: dict[str, Any], theirs: dict[str, Any], conflicts: list[Path] | None = None
    ) -> None:
        self.ours = ours
        self.theirs = theirs
        self.conflicts: list[Path] = [] if conflicts is None else conflicts

    def __repr__(self) -> str:
        return f"Merged(ours={self.ours!r}, theirs={self.theirs!r}, conflicts={self.conflicts!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Merged):
            return NotImplemented
        return (self.ours, self.theirs, self.conflicts) == (
            other.ours,
            other.theirs,
            other.conflicts,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_documents(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]) -> Merged:
    """Merge two plan documents that both come from *base* (``{}`` when the file was added on
    both sides)."""
    conflicts: list[Path] = []
    mine, yours = _merge_tables(base, ours, theirs, (), conflicts)
    _settle(mine, yours, base, conflicts)
    return Merged(mine, yours, conflicts)


def _merge(base: Any, ours: Any, theirs: Any, path: Path, conflicts: list[Path]) -> tuple[Any, Any]:
    """Both sides' view of one merged value (:data:`MISSING` for "no such key")."""
    if ours == theirs:
        return ours, theirs
    if ours == base:
        return theirs, theirs
    if theirs == base:
        return ours, ours
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return _merge_tables(base if isinstance(base, dict) else {}, ours, theirs, path, conflicts)
    if _strings(ours) and _strings(theirs) and (base is MISSING or _strings(base)):
        merged = _merge_string_lists([] if base is MISSING else base, ours, theirs)
        return merged, merged
    if isinstance(ours, str) and isinstance(theirs, str) and _multi_line(base, ours, theirs):
        text_base = base if isinstance(base, str) else ""
        mine, yours, clean = merge_text(text_base, ours, theirs)
        if not clean:
            conflicts.append(path)
        return mine, yours
    if path[-1:] == ("last_review",) and _comparable_dates(ours, theirs):
        later = max(ours, theirs)
        return later, later
    conflicts.append(path)
    return ours, theirs


def _merge_tables(
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    path: Path,
    conflicts: list[Path],
) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = list(base)
    keys += [k for k in ours if k not in base]
    keys += [k for k in theirs if k not in base and k not in ours]
    mine: dict[str, Any] = {}
    yours: dict[str, Any] = {}
    for key in keys:
        a, b = _merge(
            base.get(key, MISSING),
            ours.get(key, MISSING),
            theirs.get(key, MISSING),
            (*path, key),
            conflicts,
        )
        if a is not MISSING:
            mine[key] = a
        if b is not MISSING:
            yours[key] = b
    return mine, yours


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _multi_line(*values: Any) -> bool:
    return any(isinstance(v, str) and "\n" in v for v in values)


def _comparable_dates(a: Any, b: Any) -> bool:
    import datetime as dt

    return isinstance(a, dt.date) and isinstance(b, dt.date)


def _merge_string_lists(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    """Items kept by both sides (in base order), then ours' new ones, then theirs'."""
    kept = [item for item in base if item in ours and item in theirs]
    added = [item for item in ours if item not in base]
    added += [item for item in theirs if item not in base and item not in added]
    return list(dict.fromkeys(kept + added))


# -- text, line by line -----------------------------------------------------------------------


def merge_text(base: str, ours: str, theirs: str) -> tuple[str, str, bool]:
    """A line-level three-way merge of a text: ``(ours' view, theirs' view, clean)``; the views
    differ only where both sides changed the same lines."""
    mine, yours, clean = merge_lines(base.split("\n"), ours.split("\n"), theirs.split("\n"))
    return "\n".join(mine), "\n".join(yours), clean


def _matches(base: Sequence[str], other: Sequence[str]) -> dict[int, int]:
    """Base line → the line of *other* it is kept as (the longest common subsequence)."""
    import difflib  # only when a text changed on both sides (start-up: kamtui/plan/shape.py)

    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    found: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            found[block.a + k] = block.b + k
    return found


def merge_lines(
    base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]
) -> tuple[list[str], list[str], bool]:
    """diff3 on lists of lines: the base lines that both sides kept, in order, split the texts
    into chunks; a chunk changed on one side takes that side's lines, changed the same on
    both that change, changed differently on both is a conflict (each view keeps its side)."""
    in_ours, in_theirs = _matches(base, ours), _matches(base, theirs)
    mine: list[str] = []
    yours: list[str] = []
    clean = True
    i = o = t = 0
    while True:
        # the next base line both sides kept, in order (a stable line)
        nxt = next(
            (
                k
                for k in range(i, len(base))
                if k in in_ours and k in in_theirs and in_ours[k] >= o and in_theirs[k] >= t
            ),
            None,
        )
        end_b = len(base) if nxt is None else nxt
        end_o = len(ours) if nxt is None else in_ours[nxt]
        end_t = len(theirs) if nxt is None else in_theirs[nxt]
        chunk_b, chunk_o, chunk_t = base[i:end_b], ours[o:end_o], theirs[t:end_t]
        if chunk_o == chunk_b:
            mine += chunk_t
            yours += chunk_t
        elif chunk_t == chunk_b or chunk_o == chunk_t:
            mine += chunk_o
            yours += chunk_o
        else:
            clean = False
            mine += chunk_o
            yours += chunk_t
        if nxt is None:
            return mine, yours, clean
        mine.append(base[nxt])
        yours.append(base[nxt])
        i, o, t = nxt + 1, end_o + 1, end_t + 1


# -- the model's rules after a merge ----------------------------------------------------------


def _table(doc: dict[str, Any], *path: str) -> dict[str, Any]:
    value: Any = doc
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, dict) else {}


def _settle(
    mine: dict[str, Any], yours: dict[str, Any], base: dict[str, Any], conflicts: list[Path]
) -> None:
    """The rules that tie fields together, applied to the merged views: ``current`` follows the
    latest check-in when the check-ins were merged; progress and completion follow the status."""
    objectives = ("where_to_go", "objectives")
    for oid in set(_table(mine, *objectives)) | set(_table(yours, *objectives)):
        before = _table(base, *objectives, oid).get("checkins")
        for view in (mine, yours):
            objective = _table(view, *objectives, oid)
            checkins = objective.get("checkins")
            if isinstance(checkins, dict) and checkins and checkins != before:
                latest = max(checkins, key=str)
                objective["current"] = checkins[latest]
        if _table(mine, *objectives, oid).get("current") == _table(yours, *objectives, oid).get(
            "current"
        ):
            _drop(conflicts, (*objectives, oid, "current"))
    actions = ("how_to_get_there", "actions")
    for aid in set(_table(mine, *actions)) & set(_table(yours, *actions)):
        a, b = _table(mine, *actions, aid), _table(yours, *actions, aid)
        if a == b == _table(base, *actions, aid):
            continue  # untouched: as it was, whatever it says
        status = a.get("status")
        if status != b.get("status") or (*actions, aid, "status") in conflicts:
            continue
        if status == "done":
            completed = [d for d in (a.get("completed"), b.get("completed")) if d is not None]
            for view in (a, b):
                view["progress"] = 100
                if completed and _comparable_dates(completed[0], completed[-1]):
                    view["completed"] = max(completed)
        else:
            for view in (a, b):
                view.pop("completed", None)
        for key in ("progress", "completed"):
            if a.get(key) == b.get(key):
                _drop(conflicts, (*actions, aid, key))


def _drop(conflicts: list[Path], path: Path) -> None:
    while path in conflicts:
        conflicts.remove(path)
