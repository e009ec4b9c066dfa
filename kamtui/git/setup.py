"""``kamtui setup-git``: make git merge plan files with kamtui's merge driver.

Two things are needed, and git keeps them apart: the attribute ``*.toml merge=kamtui`` in the
workspace's ``.gitattributes`` (committed: everyone's clone has it) and the driver itself,
``merge.kamtui.driver``, in the repository's own config (never committed: git does not let a
repository make its clones run a program, so each clone runs ``kamtui setup-git`` once). The
driver runs the kamtui that ran the command (the same Python, so a virtual environment works).
Running it again changes nothing.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path

from kamtui.git.command import repository_root, run_git
from kamtui.store.atomic import atomic_write, file_digest
from kamtui.text.i18n import gettext as _

DRIVER = "kamtui"
ATTRIBUTE = f"*.toml merge={DRIVER}"
DRIVER_NAME = "kamtui: merge account plans by record and field"


def driver_command(program: Sequence[str]) -> str:
    """The driver line for git config: *program* (``python -m kamtui``) and git's
    placeholders: %O base, %A ours (the result goes there), %B theirs, %P the path, %L the
    marker size."""
    quoted = " ".join(shlex.quote(part) for part in program)
    return f"{quoted} merge-file %O %A %B --path %P --marker-size %L"


def _has_attribute(text: str) -> bool:
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if words[:1] == ["*.toml"] and f"merge={DRIVER}" in words[1:]:
            return True
    return False


def _add_attribute(workspace: Path) -> str | None:
    """Add :data:`ATTRIBUTE` to the workspace's ``.gitattributes``; what changed, or ``None``."""
    path = workspace / ".gitattributes"
    try:
        before = path.read_bytes()
    except FileNotFoundError:
        before = None
    text = before.decode("utf-8", errors="replace") if before is not None else ""
    if _has_attribute(text):
        return None
    if text and not text.endswith("\n"):
        text += "\n"
    text += f"# kamtui merges plans by record and field (kamtui setup-git)\n{ATTRIBUTE}\n"
    atomic_write(path, text.encode(), expected_digest=None if before is None else file_digest(path))
    return _("{path}: added '{attribute}'").format(path=path, attribute=ATTRIBUTE)


def setup_git(workspace: Path, program: Sequence[str]) -> list[str]:
    """Set up the merge driver for the plans in *workspace*; the changes made, one line each
    (none when all was in place). Raises :class:`~kamtui.git.command.GitError` when git is
    missing or the folder is not in a repository."""
    root = repository_root(workspace)
    changes = []
    added = _add_attribute(workspace)
    if added:
        changes.append(added)
    for key, value in (
        (f"merge.{DRIVER}.name", DRIVER_NAME),
        (f"merge.{DRIVER}.driver", driver_command(program)),
    ):
        now = run_git(["config", "--local", "--get", key], cwd=root, check=False).stdout.strip()
        if now != value:
            run_git(["config", "--local", key, value], cwd=root)
            changes.append(f"git config {key} = {value}")
    return changes
