"""The workspace's offerings: ``offerings.toml`` beside the plans, the whitespace map's columns.

Kept once per workspace so that every plan has the same columns (a plan may add its own,
kamtui/plan/whitespace.py)::

    schema = 1

    [offerings.corrugated-boxes]
    name = "Corrugated boxes"

    [offerings.pallet-wrap]
    name = "Pallet wrap"
    notes = "Stretch and shrink film"

The file is optional (no file: no workspace offerings). It is read the way a plan is
(kamtui/plan/file.py): anything wrong becomes a problem naming the file and line, never an
exception, and the offerings are then empty rather than half read. Its name is reserved: it is
never read as a plan (kamtui/store/workspace.py). Written canonically (the merge driver writes
it back that way after a merge); rules in docs/whitespace.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamtui.plan.diagnostics import Problem, Severity
from kamtui.plan.file import digest_bytes, read_bytes, read_document
from kamtui.plan.model import Offering
from kamtui.plan.tomlpos import index_keys
from kamtui.store.entries import Kind, classify_path
from kamtui.store.workspace import OFFERINGS_FILE as OFFERINGS_FILE
from kamtui.text.i18n import gettext as _


@dataclass
class WorkspaceOfferings:
    """What :func:`read_offerings` found."""

    path: Path
    offerings: dict[str, Offering] = field(default_factory=dict)
    """By id, in the file's order; empty when the file is missing or has an error."""
    problems: list[Problem] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Top-level keys this version does not know (kept when the file is written)."""
    digest: str | None = None
    """Of the bytes read; ``None`` when there is no file."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def read_offerings(root: Path) -> WorkspaceOfferings:
    """The offerings of the workspace folder *root*."""
    path = root / OFFERINGS_FILE
    if not os.path.lexists(path):
        return WorkspaceOfferings(path)
    kind, problem = classify_path(os.path.realpath(root), path)
    if problem is not None or kind is not Kind.PLAN:
        return WorkspaceOfferings(
            path, problems=[problem or Problem(path, "not a regular file: not read")]
        )
    try:
        data = read_bytes(path)
    except OSError as exc:
        return WorkspaceOfferings(
            path, problems=[Problem(path, _("cannot read: {reason}").format(reason=exc.strerror))]
        )
    return parse_offerings(data, path)


def parse_offerings(data: bytes, path: Path) -> WorkspaceOfferings:
    """Check and decode the bytes of an offerings file. Never raises for bad content."""
    result = WorkspaceOfferings(path, digest=digest_bytes(data))

    def add(
        message: str,
        line: int | None = None,
        col: int | None = None,
        severity: Severity = Severity.ERROR,
        key: str = "",
        code: str = "",
    ) -> None:
        result.problems.append(Problem(path, message, line, col, severity, key, code))

    if not data.strip():
        return result  # an empty file: no offerings yet
    doc, text = read_document(data, add)
    if doc is None or text is None:
        return result
    from kamtui.plan.codec import decode_offerings

    offerings, extra, findings = decode_offerings(doc)
    if findings:
        keys = index_keys(text)
        for f in findings:
            line, col = keys.locate(f.key, value=True) or (1, 1)
            add(f.message, line, col, f.severity, ".".join(f.key), f.code)
    result.extra = extra
    if offerings is not None and not result.errors:
        result.offerings = offerings
    return result


def dumps_offerings(offerings: dict[str, Offering], extra: dict[str, Any] | None = None) -> str:
    """The canonical text of offerings.toml."""
    from kamtui.plan import toml_writer
    from kamtui.plan.codec import encode_offerings

    return toml_writer.dumps(encode_offerings(offerings, extra or {}))
