"""Running the user's own ``git``: argument lists, never a shell, paths after ``--``, the
user's config and identity, output as text. Where git is missing or a folder is not in a
repository, :class:`GitError` says so in one line."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from kamtui.git.errors import GitError
from kamtui.text.i18n import gettext as _

__all__ = ["GitError", "git_program", "repository_root", "run_git"]


def git_program() -> str:
    """The path of the ``git`` command; raises :class:`GitError` when there is none."""
    found = shutil.which("git")
    if found is None:
        raise GitError(_("git is not installed (or not on PATH): the git features are off"))
    return found


def run_git(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    check: bool = True,
    input_text: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``git ARGS`` in *cwd*; with *check*, a non-zero exit raises :class:`GitError` with
    git's own message. Output is decoded as UTF-8 (bad bytes replaced)."""
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C")  # messages parsed nowhere, but stable for tests
    env["GIT_TERMINAL_PROMPT"] = "0"  # never wait for a password
    result = subprocess.run(
        [git_program(), *args],
        cwd=cwd,
        input=input_text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        check=False,
    )
    if check and result.returncode != 0:
        message = " ".join(result.stderr.split()) or _("git {command} exited {code}").format(
            command=args[0], code=result.returncode
        )
        raise GitError(message)
    return result


def repository_root(folder: Path) -> Path:
    """The top of the git work tree holding *folder*; raises :class:`GitError` when it is not
    in one."""
    result = run_git(["rev-parse", "--show-toplevel"], cwd=folder, check=False)
    if result.returncode != 0:
        raise GitError(
            _("{folder} is not in a git repository: the git features are off").format(folder=folder)
        )
    return Path(result.stdout.strip())
