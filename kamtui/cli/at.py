"""What the history commands share (``diff``, ``log``, ``export --at``, ``list --at``): the
workspace's repository, a revision or a date on the command line, and the plan at one of them.
Not a command of its own."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kamtui.cli.common import UsageError
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

if TYPE_CHECKING:
    from kamtui.git.history import Commit, WorkspaceHistory
    from kamtui.plan.file import LoadedPlan

AT_HELP = N_(
    "as it was at REV (a commit, tag or branch) or at the last commit on or before DATE "
    "(YYYY-MM-DD) of the current branch; read from git, nothing is written"
)


def open_history(root: Path) -> WorkspaceHistory:
    """The repository of the workspace; without git or a repository, a usage error (exit 2)
    whose one line says what is missing."""
    from kamtui.git.command import GitError
    from kamtui.git.history import WorkspaceHistory

    try:
        return WorkspaceHistory.open(root)
    except GitError as exc:
        raise UsageError(str(exc)) from None


def as_date(value: str) -> dt.date | None:
    """*value* as a date when it is one (``YYYY-MM-DD``), else ``None`` (a revision name)."""
    if len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def commit_at(history: WorkspaceHistory, value: str) -> Commit:
    """The commit ``--at VALUE`` stands for: the last one on or before a date, or a revision."""
    from kamtui.git.command import GitError
    from kamtui.text.format import format_day
    from kamtui.text.safety import one_line

    day = as_date(value)
    try:
        if day is None:
            return history.resolve(value)
        commit = history.commit_on_or_before(day)
    except GitError as exc:
        raise UsageError(one_line(str(exc))) from None
    if commit is None:
        raise UsageError(
            _("no commit on or before {day} in {root}").format(
                day=format_day(day), root=history.root
            )
        )
    return commit


def today_at(args: argparse.Namespace, value: str, commit: Commit) -> dt.date:
    """ "Today" for figures of a plan as it was: ``--today`` when given, else the date asked
    for, else the day of the commit."""
    given: dt.date | None = getattr(args, "today", None)
    if given is not None:
        return given
    return as_date(value) or commit.committed.date()


def describe(commit: Commit) -> str:
    """``a1b2c3d of 2026-11-28``: a commit as the output names it."""
    from kamtui.text.format import format_day

    return _("{commit} of {day}").format(
        commit=commit.short, day=format_day(commit.committed.date())
    )


def report_broken(loaded: LoadedPlan, where: str) -> None:
    """The errors of a plan that cannot be used, on stderr, then what to do."""
    from kamtui.text.safety import printable

    for problem in loaded.errors:
        print(printable(problem.format()), file=sys.stderr)
    print(
        _("kamtui: {plan} has errors; see the lines above").format(plan=printable(where)),
        file=sys.stderr,
    )
