"""The conflicts a merge left in a plan file, and the file put back together from a choice
per conflict.

A merge that could not settle everything leaves git's markers in the file: the merge driver
(kamtui/git/merge_file.py) around the conflicting field or record only, git's own line merge
around any lines, with a ``|||||||`` section holding the base's lines in the diff3 style::

    <<<<<<< ours
    owner = "Anna"
    ||||||| base          (diff3 style only)
    owner = "Maria"
    =======
    owner = "Bruno"
    >>>>>>> theirs

:func:`parse_marked` splits such a text into the lines both sides agree on and the
:class:`Conflict` s; each conflict knows the table it sits in, for context. Its base comes from
its ``|||||||`` section when there is one, else from the base version git keeps in its index
during a merge (:func:`index_base`, :func:`with_base`): for a field, the base's value of the
same key in the same table; for a record, the record as the base had it, or nothing when the
base did not have it. :func:`put_together` makes the text from a :class:`Choice` per conflict:
ours, theirs, or lines of the user's own.

Headless: no Textual, no terminal. The app's resolution screen is
kamtui/tui/screens/merge_conflicts.py.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from kamtui.git.command import GitError, run_git
from kamtui.plan.file import LoadedPlan
from kamtui.plan.toml_reader import loads
from kamtui.plan.toml_writer import dumps
from kamtui.plan.tomlpos import KeyPath, find_conflict_markers, index_keys
from kamtui.text.i18n import gettext as _
from kamtui.text.slugs import is_valid_id

Lines = tuple[str, ...]

_OPEN = re.compile(r"(<{7,})(?:[ \t]+(.*?))?[ \t\r]*")
_STRAY = re.compile(r"(\|{7,}|>{7,})(?:[ \t].*)?\r?")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class MarkerError(ValueError):
    """The markers do not make conflicts (one is missing or out of place); the message says
    where."""


class Side(StrEnum):
    """What a conflict was resolved with."""

    OURS = "ours"
    THEIRS = "theirs"
    EDITED = "edited"


@dataclass(frozen=True)
class Choice:
    """A conflict's resolution: the side taken and the lines that replace the conflict."""

    side: Side
    lines: Lines


@dataclass(frozen=True)
class Conflict:
    """One conflict: each side's lines, where it is and what it is about."""

    line: int
    """The line of its ``<<<<<<<`` marker in the marked text (1-based)."""
    ours: Lines
    theirs: Lines
    base: Lines | None = None
    """The base's lines (empty: the base had nothing there); ``None`` when not known (no
    ``|||||||`` section, and not in a merge)."""
    base_source: str = ""
    """``"markers"`` (the ``|||||||`` section), ``"index"`` (git's index) or ``""``."""
    table: KeyPath = ()
    """The TOML table the conflict sits in (a record conflict: the record's table)."""
    keys: tuple[KeyPath, ...] = ()
    """The keys and tables (full paths) the conflict's lines define, or the key whose value
    they are lines of (:attr:`in_value`)."""
    in_value: bool = False
    """The lines define no key: they are lines of a multi-line text or array, the value of
    ``keys[0]``."""
    ours_label: str = ""
    theirs_label: str = ""

    @property
    def table_name(self) -> str:
        """The table as its header is written (``how_to_get_there.actions.call-cfo``); ``""``
        for the top of the file."""
        return dotted(self.table)

    def take(self, side: Side) -> Choice:
        """The choice of one side's lines (``OURS`` or ``THEIRS``)."""
        if side is Side.OURS:
            return Choice(Side.OURS, self.ours)
        if side is Side.THEIRS:
            return Choice(Side.THEIRS, self.theirs)
        raise ValueError("edited lines are given with edited()")


def edited(text: str) -> Choice:
    """The choice of lines the user typed (a text area's text; one final newline is not an
    empty line, and an empty text is no lines at all)."""
    text = text.replace("\r\n", "\n")
    return Choice(Side.EDITED, tuple(text.removesuffix("\n").split("\n")) if text else ())


@dataclass(frozen=True)
class MarkedText:
    """A text with conflict markers: the common runs of lines around the conflicts.

    ``common[i]`` comes before ``conflicts[i]``; the last run comes after the last conflict
    (there is one run more than conflicts)."""

    common: tuple[Lines, ...]
    conflicts: tuple[Conflict, ...]

    def side_text(self, side: Side) -> tuple[str, list[tuple[int, int]]]:
        """The text with every conflict taken from one side, and each conflict's lines in it
        as ``(first, end)`` (1-based, *end* excluded)."""
        resolved = put_together(self, {i: c.take(side) for i, c in enumerate(self.conflicts)})
        return resolved.text, list(resolved.spans)


@dataclass(frozen=True)
class Resolved:
    """A text put back together, and where each conflict's chosen lines are in it."""

    text: str
    spans: tuple[tuple[int, int], ...] = field(default=())
    """Per conflict, ``(first, end)`` lines (1-based, *end* excluded; equal when the choice
    has no lines: where they would be)."""

    def conflict_at(self, line: int | None) -> int | None:
        """The index of the conflict whose chosen lines hold *line*, if any."""
        if line is None:
            return None
        for i, (first, end) in enumerate(self.spans):
            if first <= line < end or first == end == line:
                return i
        return None


# -- reading the markers ------------------------------------------------------------------------


def parse_marked(text: str) -> MarkedText:
    """Split *text* into common lines and conflicts, with each conflict's table (see
    :func:`_with_context`); raises :class:`MarkerError` when the markers do not make
    conflicts. A text without markers is one run of common lines and no conflict."""
    lines = text.split("\n")
    common: list[Lines] = []
    conflicts: list[Conflict] = []
    run: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        opened = _OPEN.fullmatch(line)
        if opened is None:
            if _STRAY.fullmatch(line):
                raise MarkerError(
                    _("line {line}: '{marker}' marker outside a conflict").format(
                        line=i + 1, marker=line[:7]
                    )
                )
            run.append(line)
            i += 1
            continue
        size = len(opened.group(1))
        start = i
        sections: dict[str, list[str]] = {"ours": [], "base": [], "theirs": []}
        part = "ours"
        has_base = False
        theirs_label = ""
        i += 1
        while True:
            if i >= len(lines):
                raise MarkerError(
                    _("line {line}: the conflict that starts here never ends").format(
                        line=start + 1
                    )
                )
            kind, label = _marker(lines[i], size)
            if kind == "|" and part == "ours":
                part, has_base = "base", True
            elif kind == "=" and part in ("ours", "base"):
                part = "theirs"
            elif kind == ">" and part == "theirs":
                theirs_label = label
                break
            elif kind:
                raise MarkerError(
                    _("line {line}: '{marker}' marker out of place").format(
                        line=i + 1, marker=kind * size
                    )
                )
            else:
                sections[part].append(lines[i])
            i += 1
        i += 1
        common.append(tuple(run))
        run = []
        conflicts.append(
            Conflict(
                line=start + 1,
                ours=tuple(sections["ours"]),
                theirs=tuple(sections["theirs"]),
                base=tuple(sections["base"]) if has_base else None,
                base_source="markers" if has_base else "",
                ours_label=opened.group(2) or "",
                theirs_label=theirs_label,
            )
        )
    common.append(tuple(run))
    marked = MarkedText(tuple(common), tuple(conflicts))
    return _with_context(marked) if conflicts else marked


def _marker(line: str, size: int) -> tuple[str, str]:
    """``(kind, label)`` when *line* is a marker of *size* (``kind`` one of ``| = >``), else
    ``("", "")``. A ``=======`` line has no label."""
    line = line.removesuffix("\r")
    for kind in "|=>":
        if line.startswith(kind * size) and not line.startswith(kind * (size + 1)):
            rest = line[size:]
            if kind == "=" and rest.strip() == "":
                return kind, ""
            if kind != "=" and (rest == "" or rest[0] in " \t"):
                return kind, rest.strip()
    return "", ""


def only_conflict_markers(loaded: LoadedPlan) -> bool:
    """Whether conflict markers are all that is wrong with the plan file *loaded*: each of its
    errors is at a marker line (kamtui/plan/file.py reports markers before reading the TOML)
    and its name is a valid account id, so that resolving the conflicts can make it a plan."""
    if loaded.plan is not None or not loaded.text or not loaded.errors:
        return False
    markers = {line for line, _ in find_conflict_markers(loaded.text)}
    return (
        bool(markers)
        and is_valid_id(loaded.id)
        and all(problem.line in markers for problem in loaded.errors)
    )


def has_conflicts(text: str) -> bool:
    """Whether *text* holds conflicts that :func:`parse_marked` can read."""
    try:
        return bool(parse_marked(text).conflicts)
    except MarkerError:
        return False


# -- where each conflict is ------------------------------------------------------------------


def _definitions(text: str) -> list[tuple[int, KeyPath, bool]]:
    """``(line, path, is_header)`` of each key and table header of *text*, in line order:
    one per line, the longest path defined there (a header defines its parents too)."""
    lines = text.split("\n")
    by_line: dict[int, KeyPath] = {}
    for path, (line, _col) in index_keys(text).positions.items():
        if len(path) > len(by_line.get(line, ())):
            by_line[line] = path
    return [
        (line, path, lines[line - 1].lstrip().startswith("["))
        for line, path in sorted(by_line.items())
        if line <= len(lines)
    ]


def _touched(
    definitions: list[tuple[int, KeyPath, bool]], first: int, end: int
) -> list[tuple[KeyPath, bool]]:
    return [(path, header) for line, path, header in definitions if first <= line < end]


def _before(
    definitions: list[tuple[int, KeyPath, bool]], first: int
) -> tuple[int, KeyPath, bool] | None:
    found = None
    for definition in definitions:
        if definition[0] >= first:
            break
        found = definition
    return found


def _with_context(marked: MarkedText) -> MarkedText:
    """Each conflict with the keys its lines define on either side (a table whose header is
    among them covers the keys under it) and the table it sits in. Lines that define nothing
    (lines of a multi-line text or array) belong to the key whose value they continue."""
    sides = []
    for side in (Side.OURS, Side.THEIRS):
        text, spans = marked.side_text(side)
        sides.append((_definitions(text), spans))
    out = []
    for n, conflict in enumerate(marked.conflicts):
        touched: dict[KeyPath, bool] = {}
        for definitions, spans in sides:
            for path, header in _touched(definitions, *spans[n]):
                touched.setdefault(path, header)
        headers = [path for path, header in touched.items() if header]
        keys = [
            path
            for path in touched
            if not any(len(h) < len(path) and path[: len(h)] == h for h in headers)
        ]
        definitions, spans = sides[0]
        prior = _before(definitions, spans[n][0])
        in_value = False
        if keys:
            first = keys[0]
            table = first if touched[first] else first[:-1]
        elif prior is None:
            table = ()
        else:
            _kind, path, header = prior
            if header:
                table = path
            else:  # inside the value of the key before: a multi-line text or array
                keys, table, in_value = [path], path[:-1], True
        out.append(replace(conflict, table=table, keys=tuple(keys), in_value=in_value))
    return replace(marked, conflicts=tuple(out))


def dotted(path: KeyPath) -> str:
    """*path* as TOML writes it in a header: bare keys, or quoted where they must be."""
    return ".".join(part if _BARE_KEY.fullmatch(part) else _quoted(part) for part in path)


def _quoted(part: str) -> str:
    return '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'


# -- the base -------------------------------------------------------------------------------


def index_base(path: Path) -> str | None:
    """The base version of the file *path* that git keeps in its index while a merge is in
    progress (stage 1: ``git show :1:PATH``): ``""`` when the file was added on both sides
    (no base), ``None`` when there is no merge in progress for it, no repository or no git."""
    where = f"./{path.name}"
    try:
        stages = run_git(["ls-files", "-u", "-z", "--", where], cwd=path.parent, check=False)
        if stages.returncode != 0 or not stages.stdout.strip("\0"):
            return None
        numbers = {entry.split("\t")[0].split(" ")[-1] for entry in stages.stdout.split("\0")}
        if "1" not in numbers:
            return ""
        shown = run_git(["show", f":1:{where}"], cwd=path.parent, check=False)
    except (GitError, OSError):
        return None
    return shown.stdout if shown.returncode == 0 else None


def with_base(marked: MarkedText, base_text: str | None) -> MarkedText:
    """*marked* with each conflict's base found in *base_text* (the base version of the
    file, see :func:`index_base`), where its markers gave none. Lines that define keys or
    tables: their values in the base, as kamtui writes them (nothing when the base had none);
    lines of a multi-line value, or a base that is not TOML: the base's lines between the same
    neighbours (a line-level diff)."""
    if base_text is None:
        return marked
    try:
        doc: dict[str, Any] | None = loads(base_text.removeprefix("\ufeff"))
    except (ValueError, RecursionError):
        doc = None  # not TOML: the lines only
    base_lines = base_text.split("\n") if base_text else []
    aligned: list[list[tuple[int, int]]] = []  # made when first needed: a diff of the file
    out = []
    for n, conflict in enumerate(marked.conflicts):
        if conflict.base is not None:
            out.append(conflict)
            continue
        if doc is not None and conflict.keys and not conflict.in_value:
            lines = _values_in(doc, conflict.keys)
        else:
            if not aligned:
                for side in (Side.OURS, Side.THEIRS):
                    text, spans = marked.side_text(side)
                    aligned.append(_aligned(text.split("\n"), base_lines, spans))
            first = min(aligned[0][n][0], aligned[1][n][0])
            end = max(aligned[0][n][1], aligned[1][n][1])
            lines = tuple(base_lines[first:end])
        out.append(replace(conflict, base=lines, base_source="index"))
    return replace(marked, conflicts=tuple(out))


def _values_in(doc: dict[str, Any], keys: Sequence[KeyPath]) -> Lines:
    """The lines kamtui writes for each of *keys* as the base document *doc* has it."""
    lines: list[str] = []
    for path in keys:
        value = _lookup(doc, path)
        if value is _ABSENT:
            continue
        if isinstance(value, dict):
            nested: Any = value
            for part in reversed(path):
                nested = {part: nested}
            written = dumps(nested)
        else:
            written = dumps({path[-1]: value})
        lines += written.removesuffix("\n").split("\n")
    return tuple(lines)


_ABSENT = object()


def _lookup(doc: Any, path: KeyPath) -> Any:
    for part in path:
        if not isinstance(doc, dict) or part not in doc:
            return _ABSENT
        doc = doc[part]
    return doc


def _aligned(
    side: list[str], base: list[str], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """For each span of *side* lines (1-based, end excluded), the 0-based ``(start, end)`` of
    the *base* lines between the same neighbours: the last line before the span and the first
    after it that the base has too (the longest common subsequence)."""
    matcher = difflib.SequenceMatcher(None, side, base, autojunk=False)
    to_base: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            to_base[block.a + k] = block.b + k
    kept = sorted(to_base)
    out = []
    for first, end in spans:
        at = bisect.bisect_left(kept, first - 1)  # kept[at - 1]: the last before the span
        after = bisect.bisect_left(kept, end - 1)  # kept[after]: the first after it
        start = to_base[kept[at - 1]] + 1 if at > 0 else 0
        stop = to_base[kept[after]] if after < len(kept) else len(base)
        out.append((start, max(start, stop)))
    return out


# -- putting the text back together -----------------------------------------------------------


def put_together(marked: MarkedText, choices: Mapping[int, Choice]) -> Resolved:
    """The text with conflict *i* replaced by ``choices[i].lines``; raises :class:`ValueError`
    when a conflict has no choice."""
    missing = [i + 1 for i in range(len(marked.conflicts)) if i not in choices]
    if missing:
        raise ValueError(f"no choice for conflict {', '.join(map(str, missing))}")
    lines: list[str] = []
    spans = []
    for i, run in enumerate(marked.common):
        lines += run
        if i < len(marked.conflicts):
            chosen = choices[i].lines
            spans.append((len(lines) + 1, len(lines) + 1 + len(chosen)))
            lines += chosen
    return Resolved("\n".join(lines), tuple(spans))
