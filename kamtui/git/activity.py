"""When each plan of a workspace last changed in git, and by whom: one ``git log`` for the whole
workspace, read newest first and stopped as soon as every plan has been seen (a long history is
not read to its start). The dashboard asks for it after its first paint."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kamtui.git.command import git_program
from kamtui.git.errors import GitError
from kamtui.text.i18n import gettext as _

_SEP = "\x1f"
_START = "\x1e"


@dataclass(frozen=True, slots=True)
class LastChange:
    """The newest commit that changed a plan file."""

    when: dt.datetime
    author: str
    subject: str
    short: str


def last_changes(workspace: Path, plan_ids: Iterable[str]) -> dict[str, LastChange]:
    """Plan id → its last commit, for the plans of *workspace* (a folder in a git work tree;
    plans never committed are left out). Raises :class:`GitError` outside a repository or
    without git."""
    wanted = {f"{pid}.toml": pid for pid in plan_ids}
    found: dict[str, LastChange] = {}
    if not wanted:
        return found
    args = [
        git_program(),
        "-c",
        "log.showSignature=false",
        "log",
        f"--format={_START}%h{_SEP}%an{_SEP}%aI{_SEP}%s",
        "--name-only",
        "--relative",
        "--no-renames",
        "--",
        ".",
    ]
    try:
        process = subprocess.Popen(
            args,
            cwd=workspace,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError as exc:
        raise GitError(
            _("{workspace}: cannot run git there ({error})").format(
                workspace=workspace, error=exc.strerror
            )
        ) from None
    assert process.stdout is not None
    current: LastChange | None = None
    try:
        for line in process.stdout:
            line = line.rstrip("\n")
            if line.startswith(_START):
                current = _header(line[1:])
            elif line and current is not None:
                pid = wanted.get(line)
                if pid is not None and pid not in found:
                    found[pid] = current
                    if len(found) == len(wanted):
                        break
    finally:
        process.stdout.close()
        if process.poll() is None:
            process.kill()
        error = process.stderr.read() if process.stderr else ""
        if process.stderr:
            process.stderr.close()
        code = process.wait()
    if code not in (0, -9) and not found:
        message = " ".join(error.split())
        if "does not have any commits" in message:
            return found
        raise GitError(message or _("git {command} exited {code}").format(command="log", code=code))
    return found


def _header(text: str) -> LastChange | None:
    parts = text.split(_SEP)
    if len(parts) != 4:
        return None
    short, author, when, subject = parts
    try:
        moment = dt.datetime.fromisoformat(when)
    except ValueError:
        return None
    return LastChange(moment, author, subject, short)
