"""Real git repositories in temporary folders, for every test that needs one: git run without
the user's or the system's config, a local identity, commits at the dates a test says (never the
real date), and kamtui's merge driver set up the way a user sets it up (``kamtui setup-git``).

:class:`Repo` is a repository with a workspace in it (at the top or in a subfolder), for the
history tests; ``tests/git_conflict_helpers.py`` builds merge conflicts on these helpers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import AccountPlan

NO_USER_CONFIG: dict[str, str] = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
"""The environment that keeps the user's and the system's git config out: only the repository's
own config counts. :func:`git` always runs with it; a test whose app runs git sets it with
``monkeypatch.setenv`` too."""

NOON = dt.time(12, 0)
"""Commits dated by a day are made at noon UTC: the same day in any time zone from UTC-11 to
UTC+11."""

When = dt.date | str
"""A commit's date: a day (at :data:`NOON` UTC) or an ISO 8601 time as git takes it."""


def git_env(when: When | None = None, author: str | None = None) -> dict[str, str]:
    """The environment :func:`git` runs in: :data:`NO_USER_CONFIG`, and the author and
    committer date *when* and the author's name *author* when given."""
    env = {**os.environ, **NO_USER_CONFIG}
    if when is not None:
        stamp = (
            dt.datetime.combine(when, NOON, tzinfo=dt.UTC).isoformat()
            if isinstance(when, dt.date)
            else when
        )
        env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    if author is not None:
        env.update(GIT_AUTHOR_NAME=author)
    return env


def git(
    repo: Path,
    *args: str,
    check: bool = True,
    when: When | None = None,
    author: str | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``git *args`` in *repo* (see :func:`git_env`; *env* adds to it); its output as text.
    A failure raises unless *check* is false."""
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=check,
        env={**git_env(when, author), **(env or {})},
    )


def set_identity(
    repo: Path, name: str = "Maria Rossi", email: str = "maria@example.invalid"
) -> None:
    """The repository's own user.name and user.email (there is no global config to fall
    back on)."""
    git(repo, "config", "user.name", name)
    git(repo, "config", "user.email", email)


def set_up_driver(workspace: Path) -> str:
    """``kamtui setup-git`` for *workspace* (in this process): the merge driver in the
    repository's config and ``merge=kamtui`` in the workspace's ``.gitattributes``. Returns
    what the command printed."""
    from kamtui.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["setup-git", "-w", str(workspace)]) == 0
    return out.getvalue()


def init_repo(
    root: Path,
    *,
    name: str = "Maria Rossi",
    email: str = "maria@example.invalid",
    driver: bool = False,
) -> Path:
    """A new repository at *root* (made if missing) on branch ``main``, with a local identity,
    and kamtui's merge driver set up for the whole of it when *driver* is true. Returns *root*."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    set_identity(root, name, email)
    if driver:
        set_up_driver(root)
    return root


def commit_all(
    repo: Path, message: str, *, when: When | None = None, author: str | None = None
) -> str:
    """Commit everything in the work tree (an empty commit if nothing changed); the new
    commit's id."""
    git(repo, "add", "-A", ".")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, when=when, author=author)
    return head(repo)


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").stdout.strip()


class Repo:
    """A repository at *root* (identity Maria Rossi); the workspace is *root* / *workspace* (a
    subfolder, or the top)."""

    def __init__(self, root: Path, workspace: str = "", *, init: bool = True) -> None:
        self.root = root
        self.workspace = root / workspace if workspace else root
        if init:
            self.workspace.mkdir(parents=True, exist_ok=True)
            init_repo(root)

    def copy(self, root: Path) -> Repo:
        """A copy of this repository, its work tree and ``.git``, at *root*: a fixture made
        once and copied for each test that may change it."""
        shutil.copytree(self.root, root, symlinks=True)
        return Repo(root, self.workspace.relative_to(self.root).as_posix(), init=False)

    def git(
        self, *args: str, day: dt.date | None = None, author: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return git(self.root, *args, when=day, author=author)

    def write(self, plan: AccountPlan | str | bytes, plan_id: str | None = None) -> Path:
        """Write a plan (or text, or bytes) as ``<id>.toml`` in the workspace."""
        if isinstance(plan, AccountPlan):
            plan_id = plan_id or plan.id
            data = dumps_plan(plan).encode()
        else:
            data = plan.encode() if isinstance(plan, str) else plan
        assert plan_id is not None
        path = self.workspace / f"{plan_id}.toml"
        path.write_bytes(data)
        return path

    def commit(self, message: str, day: dt.date, author: str | None = None) -> str:
        """Commit everything in the work tree; the new commit's id."""
        return commit_all(self.root, message, when=day, author=author)

    def head(self) -> str:
        return head(self.root)
