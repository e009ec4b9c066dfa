"""Real git repositories in temporary folders for the history tests: no global or system git
config, a local identity, and commits at the dates the test says (never the real date)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import AccountPlan

NOON = dt.time(12, 0)
"""Commits are made at noon UTC: the same day in any time zone from UTC-11 to UTC+11."""


def git_env(**more: str) -> dict[str, str]:
    return {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", **more}


class Repo:
    """A repository at *root*; the workspace is *root* / *workspace* (a subfolder, or the top)."""

    def __init__(self, root: Path, workspace: str = "") -> None:
        self.root = root
        self.workspace = root / workspace if workspace else root
        self.workspace.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Maria Rossi")
        self.git("config", "user.email", "maria@example.invalid")

    def git(
        self, *args: str, day: dt.date | None = None, author: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        extra: dict[str, str] = {}
        if day is not None:
            stamp = dt.datetime.combine(day, NOON, tzinfo=dt.UTC).isoformat()
            extra.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        if author is not None:
            extra.update(GIT_AUTHOR_NAME=author)
        return subprocess.run(
            ["git", *args], cwd=self.root, env=git_env(**extra), capture_output=True, text=True,
            check=True,
        )  # fmt: skip

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
        self.git("add", "-A", ".")
        self.git("commit", "-q", "--allow-empty", "-m", message, day=day, author=author)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").stdout.strip()
