"""What a ``*.toml`` entry of the workspace folder is, before anything reads it.

A plan file is a regular file in the folder, or a symlink to one inside the workspace. Anything
else named like a plan is reported, never read and never a reason for a command to stop:

- a symlink that loops, dangles, or points into a folder that cannot be read: an error of that
  entry (the dashboard shows it as a broken row, ``kamtui check`` as ``PATH: error: ...``);
- a symlink to a file **outside** the workspace: an error, and the file is not read (the app
  must never show other files of the machine, e.g. a link to ``/etc/passwd``);
- a folder, a FIFO, a socket or a device named ``*.toml``: a warning (not a plan).
"""

from __future__ import annotations

import errno
import os
import stat
from enum import Enum
from pathlib import Path

from kamtui.plan.diagnostics import NOT_A_PLAN_FILE, Problem, Severity
from kamtui.text.i18n import gettext as _


class Kind(Enum):
    PLAN = "plan"
    """Read it."""
    BROKEN = "broken"
    """A plan entry that cannot be read: an error row."""
    OTHER = "other"
    """Not a plan at all: a warning."""


def classify(root_real: str, entry: os.DirEntry[str]) -> tuple[Kind, Problem | None]:
    """What *entry* (of the folder whose real path is *root_real*) is; a problem unless it is
    a plan that can be read."""
    try:
        if not entry.is_symlink():
            if entry.is_file(follow_symlinks=False):
                return Kind.PLAN, None  # the usual case: no Path made (thousands per start)
            mode = entry.stat(follow_symlinks=False).st_mode
            return Kind.OTHER, _not_a_file(Path(entry.path), mode)
    except OSError as exc:
        return Kind.BROKEN, Problem(Path(entry.path), f"cannot read: {exc.strerror or exc}")
    return classify_path(root_real, Path(entry.path))


def classify_path(root_real: str, path: Path) -> tuple[Kind, Problem | None]:
    """The same for a path (a symlink or not), as the watcher sees a changed file."""
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            real = os.path.realpath(path)
            if os.path.commonpath([root_real, real]) != root_real:
                return Kind.BROKEN, Problem(
                    path,
                    _(
                        "a symlink to a file outside the workspace ({real}): not read; plans "
                        "live in the workspace folder"
                    ).format(real=real),
                )
            st = os.stat(path)
    except OSError as exc:
        return Kind.BROKEN, Problem(path, _link_trouble(exc, path))
    except ValueError:  # pragma: no cover - commonpath of paths on two drives (Windows)
        return Kind.BROKEN, Problem(path, _("a symlink to another drive: not read"))
    if stat.S_ISREG(st.st_mode):
        return Kind.PLAN, None
    return Kind.OTHER, _not_a_file(path, st.st_mode)


def _link_trouble(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ELOOP:
        return _("a symlink that loops (it leads back to itself): fix or delete the link")
    if exc.errno == errno.ENOENT:
        target = os.readlink(path) if os.path.islink(path) else "?"
        return _("a symlink to a file that does not exist ({target})").format(target=target)
    if exc.errno == errno.EACCES:
        return _("cannot read: permission denied (the link leads into a folder you cannot read)")
    return _("cannot read: {reason}").format(reason=exc.strerror or exc)


def _not_a_file(path: Path, mode: int) -> Problem:
    if stat.S_ISDIR(mode):
        message = _("a folder named like a plan: not read")
    elif stat.S_ISFIFO(mode):
        message = _("a FIFO (named pipe) named like a plan: not read")
    elif stat.S_ISSOCK(mode):
        message = _("a socket named like a plan: not read")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        message = _("a device named like a plan: not read")
    else:
        message = _("not a regular file named like a plan: not read")
    return Problem(path, message, severity=Severity.WARNING, code=NOT_A_PLAN_FILE)
