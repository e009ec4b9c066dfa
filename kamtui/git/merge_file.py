"""The merge driver git calls for a plan file: ``kamtui merge-file BASE OURS THEIRS``.

The three versions are read as TOML, merged by record and field (kamtui/git/three_way.py) and
written back into OURS canonically, the same bytes kamtui would save. Where conflicts remain,
both sides' canonical texts are compared line by line and git's markers go around the lines
where they differ: the conflicting field or record only, so the rest of the file stays
readable and ``kamtui check`` names each conflict at its line.

An input kamtui cannot read as a plan (broken TOML, conflict markers, another schema version, a
plan with errors) is merged line by line by ``git merge-file`` instead, so nothing is lost; the
reason is given back for one line on stderr.

The workspace's ``offerings.toml`` (the whitespace map's columns, kamtui/store/offerings.py) is
not a plan: it is merged the same way, by record (an offering is a table keyed by its id) and
field, and written back as kamtui writes it (``dumps_offerings``); what kamtui cannot judge
there goes to git's line merge too.
"""

from __future__ import annotations

import os
from pathlib import Path

from kamtui.git.three_way import Merged, merge_documents
from kamtui.plan.schema import SCHEMA_VERSION
from kamtui.plan.toml_reader import loads

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

    from kamtui.plan.model import AccountPlan

MARKER_SIZE = 7


class Labels:
    """What the conflict markers say of each side (git passes the branch names)."""

    __slots__ = ("base", "ours", "size", "theirs")

    def __init__(
        self,
        ours: str = "ours",
        theirs: str = "theirs",
        base: str = "base",
        size: int = MARKER_SIZE,
    ) -> None:
        self.ours, self.theirs, self.base, self.size = ours, theirs, base, size


DEFAULT_LABELS = Labels()


class MergeOutcome:
    """What :func:`merge_file` did: ``conflicts`` left (0: clean), and ``fallback``, the reason
    the plans were merged line by line by git (``""``: merged by record). (Plain classes here:
    neither dataclasses nor typing is imported in the merge driver's process.)"""

    __slots__ = ("conflict_paths", "conflicts", "fallback")

    def __init__(
        self,
        conflicts: int,
        fallback: str = "",
        conflict_paths: tuple[tuple[str, ...], ...] = (),
    ) -> None:
        self.conflicts, self.fallback, self.conflict_paths = conflicts, fallback, conflict_paths

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MergeOutcome):
            return NotImplemented
        return (self.conflicts, self.fallback, self.conflict_paths) == (
            other.conflicts,
            other.fallback,
            other.conflict_paths,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"MergeOutcome(conflicts={self.conflicts!r}, fallback={self.fallback!r}, "
            f"conflict_paths={self.conflict_paths!r})"
        )


class NotAPlan(Exception):
    """An input that cannot be merged by record (the message says why)."""


def _read_document(data: bytes, path: Path, plan_id: str, *, base: bool) -> dict[str, Any]:
    """A side's TOML document. Only the TOML is read here (the merged plan is checked as a
    whole); when it cannot be, the plan reader says why, at which line."""
    if base and not data.strip():
        return {}  # the file was added on both sides
    try:
        text = data.decode("utf-8")
        if "\n<<<<<<< " in text or text.startswith("<<<<<<< "):
            raise ValueError("conflict markers")
        doc = loads(text.removeprefix("\ufeff"))
    except ValueError:  # not UTF-8, not TOML, markers left from an earlier merge
        from kamtui.plan.file import parse_plan

        loaded = parse_plan(data, path, plan_id)
        first = loaded.errors[0] if loaded.errors else None
        where = f" at line {first.line}" if first is not None and first.line else ""
        why = first.message if first is not None else "not a plan"
        raise NotAPlan(f"{path.name}{where}: {why}") from None
    if doc.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise NotAPlan(f"{path.name}: schema {doc.get('schema')!r}, not {SCHEMA_VERSION}")
    return doc


OFFERINGS_FILE = "offerings.toml"
"""kamtui/store/offerings.py's file name (not imported here: the driver starts fast)."""


def _read_offerings(data: bytes, shown: str, *, base: bool) -> dict[str, Any]:
    """One side's document of offerings.toml; :class:`NotAPlan` (saying where, as ``kamtui
    check`` would) when kamtui cannot read it."""
    if base and not data.strip():
        return {}
    try:
        text = data.decode("utf-8")
        if "\n<<<<<<< " in text or text.startswith("<<<<<<< "):
            raise ValueError("conflict markers")
        doc = loads(text.removeprefix("\ufeff"))
    except ValueError:
        from kamtui.store.offerings import parse_offerings

        errors = parse_offerings(data, Path(shown)).errors
        first = errors[0] if errors else None
        where = f" at line {first.line}" if first is not None and first.line else ""
        why = first.message if first is not None else "not an offerings file"
        raise NotAPlan(f"{shown}{where}: {why}") from None
    if doc.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise NotAPlan(f"{shown}: schema {doc.get('schema')!r}, not {SCHEMA_VERSION}")
    return doc


def _canonical_offerings(doc: dict[str, Any]) -> str:
    """The merged offerings as kamtui writes them; :class:`NotAPlan` when they are wrong."""
    from kamtui.plan.codec import decode_offerings
    from kamtui.plan.diagnostics import Severity
    from kamtui.store.offerings import dumps_offerings

    offerings, extra, findings = decode_offerings(doc)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if offerings is None or errors:
        why = errors[0].message if errors else "not an offerings file"
        raise NotAPlan(f"the merged {OFFERINGS_FILE} is not valid: {why}")
    return dumps_offerings(offerings, extra)


def merge_offerings_texts(
    base: bytes, ours: bytes, theirs: bytes, labels: Labels = DEFAULT_LABELS
) -> tuple[str, Merged, int]:
    """The merged offerings.toml (with markers where conflicts remain), the merge, and how
    many runs of lines the markers went around. Raises :class:`NotAPlan` when an input cannot
    be merged by record."""
    docs = [
        _read_offerings(data, f"{OFFERINGS_FILE} ({side})", base=side == "base")
        for data, side in ((base, "base"), (ours, labels.ours), (theirs, labels.theirs))
    ]
    merged = merge_documents(*docs)
    mine = _canonical_offerings(merged.ours)
    if merged.clean:
        return mine, merged, 0
    text, count = with_markers(mine, _canonical_offerings(merged.theirs), labels)
    return text, merged, count


def _canonical(doc: dict[str, Any], plan_id: str) -> str:
    """The merged document as kamtui writes it: straight from the document when it is plain
    (kamtui/plan/shape.py), else through the plan model, which says what is wrong."""
    from kamtui.plan.shape import canonical_document

    plain = canonical_document(doc)
    if plain is not None:
        from kamtui.plan.toml_writer import dumps

        return dumps(plain)
    from kamtui.plan.codec import decode_plan, dumps_plan
    from kamtui.plan.diagnostics import Severity

    plan, findings = decode_plan(doc, plan_id)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if plan is None or errors:
        why = errors[0].message if errors else "not a plan"
        raise NotAPlan(f"the merged plan is not valid: {why}")
    return dumps_plan(plan)


def with_markers(ours: str, theirs: str, labels: Labels) -> tuple[str, int]:
    """*ours* with git's conflict markers around each run of lines where it differs from
    *theirs*: ``(text, conflicts)``."""
    import difflib

    a, b = ours.splitlines(keepends=True), theirs.splitlines(keepends=True)
    out: list[str] = []
    count = 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += a[i1:i2]
            continue
        count += 1
        out.append(f"{'<' * labels.size} {labels.ours}\n")
        out += a[i1:i2]
        out.append(f"{'=' * labels.size}\n")
        out += b[j1:j2]
        out.append(f"{'>' * labels.size} {labels.theirs}\n")
    return "".join(out), count


def merge_texts(
    base: bytes, ours: bytes, theirs: bytes, plan_id: str, labels: Labels = DEFAULT_LABELS
) -> tuple[str, Merged]:
    """The merged plan file (with markers where conflicts remain) and the merge itself.
    Raises :class:`NotAPlan` when an input cannot be merged by record."""
    text, merged, _ = _merged_text(base, ours, theirs, plan_id, labels)
    return text, merged


def _merged_text(
    base: bytes, ours: bytes, theirs: bytes, plan_id: str, labels: Labels
) -> tuple[str, Merged, int]:
    """:func:`merge_texts`, and how many runs of lines the markers went around."""
    where = Path(f"{plan_id}.toml")
    docs = [
        _read_document(
            data, where.with_name(f"{where.stem} ({side})"), plan_id, base=side == "base"
        )
        for data, side in ((base, "base"), (ours, labels.ours), (theirs, labels.theirs))
    ]
    merged = merge_documents(*docs)
    mine = _canonical(merged.ours, plan_id)
    if merged.clean:
        return mine, merged, 0
    text, count = with_markers(mine, _canonical(merged.theirs, plan_id), labels)
    return text, merged, count


def merge_file(
    base: Path,
    ours: Path,
    theirs: Path,
    *,
    path: str | None = None,
    labels: Labels = DEFAULT_LABELS,
) -> MergeOutcome:
    """Merge *theirs* into *ours* (written in place, as git expects of a merge driver)."""
    name = Path(path).name if path else ours.name
    plan_id = Path(name).stem
    data = [p.read_bytes() for p in (base, ours, theirs)]
    try:
        if name == OFFERINGS_FILE:
            text, merged, conflicts = merge_offerings_texts(data[0], data[1], data[2], labels)
        else:
            text, merged, conflicts = _merged_text(data[0], data[1], data[2], plan_id, labels)
    except NotAPlan as exc:
        left = _git_merge_file(base, ours, theirs, labels)
        return MergeOutcome(left, fallback=str(exc))
    written = text.encode()
    if written != data[1]:
        _replace(ours, written)
    return MergeOutcome(conflicts, conflict_paths=tuple(merged.conflicts))


def _replace(path: Path, data: bytes) -> None:
    """Write *data* over *path* through a file beside it and a rename: never half-written.
    (No fsync: what git hands a merge driver as OURS is its own scratch copy, read back at
    once; the merge itself is only recorded when git commits it.)"""
    scratch = path.with_name(f".{path.name}.kamtui-merge-{os.getpid()}")
    try:
        scratch.write_bytes(data)
        os.replace(scratch, path)
    finally:
        scratch.unlink(missing_ok=True)


def _git_merge_file(base: Path, ours: Path, theirs: Path, labels: Labels) -> int:
    """git's own line merge into *ours*: the number of conflicts left."""
    from kamtui.git.command import GitError, run_git

    args = ["merge-file", f"--marker-size={labels.size}"]
    args += ["-L", labels.ours, "-L", labels.base, "-L", labels.theirs]
    result = run_git(args + ["--", str(ours), str(base), str(theirs)], check=False)
    if result.returncode < 0 or result.returncode > 127:
        raise GitError(f"git merge-file failed: {result.stderr.strip()}")
    return result.returncode


def plan_of(text: str, plan_id: str) -> AccountPlan | None:
    """The plan a merged text holds (``None`` when conflicts are left in it)."""
    from kamtui.plan.file import parse_plan

    loaded = parse_plan(text.encode(), Path(f"{plan_id}.toml"), plan_id)
    return loaded.plan if not loaded.errors else None
