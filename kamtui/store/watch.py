"""Noticing changes to plan files on disk (a ``git pull``, an edit in vim in another pane).

Polling, on purpose: it needs no extra dependency, works on every file system (network mounts
and containers included, where inotify does not), and costs one ``scandir`` of the folder per
tick. The caller (the TUI's watcher worker) decides how often to poll and debounces: a change is
acted on only once two consecutive snapshots agree, so a file being written (or renamed away
and back by vim) is not read half-way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kamtui.store.workspace import is_plan_file_name


@dataclass(frozen=True, slots=True)
class Stamp:
    """What identifies a version of a file without reading it."""

    mtime_ns: int
    size: int
    inode: int


Snapshot = dict[str, Stamp]
"""Plan id → stamp."""


@dataclass(frozen=True)
class Changes:
    added: frozenset[str] = frozenset()
    changed: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    @property
    def touched(self) -> frozenset[str]:
        """Ids whose file must be (re)read."""
        return self.added | self.changed


def snapshot(root: Path) -> Snapshot:
    """Stamps of every plan file in *root* (an empty snapshot when it does not exist)."""
    out: Snapshot = {}
    try:
        with os.scandir(root) as entries:
            for entry in entries:
                if not is_plan_file_name(entry.name):
                    continue
                try:
                    st = entry.stat()  # follows symlinks: a linked plan counts as its target
                except OSError:
                    continue  # vanished meanwhile
                if entry.is_file():
                    out[entry.name[: -len(".toml")]] = Stamp(st.st_mtime_ns, st.st_size, st.st_ino)
    except (FileNotFoundError, NotADirectoryError):
        pass
    return out


def compare(old: Snapshot, new: Snapshot) -> Changes:
    """What differs between two snapshots."""
    return Changes(
        added=frozenset(new.keys() - old.keys()),
        changed=frozenset(k for k in new.keys() & old.keys() if new[k] != old[k]),
        removed=frozenset(old.keys() - new.keys()),
    )
