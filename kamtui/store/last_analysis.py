"""The last ABC analysis of a workspace, remembered between sessions: the dashboard's Revenue
column survives a restart.

Kept in the user cache dir (:func:`kamtui.store.locations.last_analysis_file`), never in the
workspace. It is keyed by the revenue file's content hash and the settings of the run: when the
file changed since (a new export), the remembered figures are not shown, since they would no
longer be the file's.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

FORMAT = 1


@dataclass
class LastAnalysis:
    source: str
    """The revenue file, as the user gave it."""
    digest: str
    """sha256 of the file's bytes when it was analysed."""
    settings: dict[str, str] = field(default_factory=dict)
    """How it was analysed (method, periods), for the record."""
    revenue: dict[str, float] = field(default_factory=dict)
    """Revenue by customer id."""


def file_digest(path: Path) -> str:
    """sha256 of *path*, read in blocks (revenue files can be large)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def remember(where: Path, analysis: LastAnalysis) -> None:
    """Write atomically; a failure only means it is not remembered."""
    with contextlib.suppress(OSError):
        where.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where.parent, prefix=".last-analysis-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"format": FORMAT, **asdict(analysis)}, fh)
            os.replace(tmp, where)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def recall(where: Path) -> LastAnalysis | None:
    """The remembered analysis if its revenue file is still there with the same content;
    ``None`` otherwise (never remembered, unreadable, or the file changed or went away)."""
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        analysis = LastAnalysis(
            source=str(data["source"]),
            digest=str(data["digest"]),
            settings={str(k): str(v) for k, v in dict(data.get("settings", {})).items()},
            revenue={str(k): float(v) for k, v in dict(data["revenue"]).items()},
        )
        if file_digest(Path(analysis.source)) != analysis.digest:
            return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return analysis
