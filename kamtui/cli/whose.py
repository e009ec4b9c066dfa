"""Whose actions ``kamtui actions`` and ``kamtui calendar`` show: ``--owner NAME``, ``--all``,
else the ``owner`` of the settings file (kamtui/store/config.py), else git's ``user.name`` for
the workspace (kamtui/git/identity.py), else everyone's. The rules are in docs/actions.md."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

if TYPE_CHECKING:
    from kamtui.plan.file import LoadedPlan


def add_owner_options(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--owner",
        metavar="NAME",
        help=_(
            "this owner's actions (case and extra spaces aside); default: the owner in your "
            "config.toml, else git's user.name, else every owner"
        ),
    )
    group.add_argument("--all", action="store_true", help=_("every owner's actions"))


@dataclass(frozen=True)
class Whose:
    """The owner whose actions are shown (``None``: everyone's) and where that came from."""

    owner: str | None
    source: str
    """In words, for the first line: ``--owner``, ``owner in config.toml``, ``git user.name``,
    ``--all``, or why everyone's. In English (the JSON output has it): :meth:`describe`
    translates it."""

    def describe(self) -> str:
        from kamtui.text.safety import one_line

        if self.owner is None:
            return _("every owner ({source})").format(source=_(self.source))
        return _("{owner} ({source})").format(owner=one_line(self.owner), source=_(self.source))


def whose(args: argparse.Namespace, workspace: Path) -> Whose:
    """Whose actions the arguments ask for. Reads the settings file (its problems go to
    stderr) and asks git only when neither ``--owner`` nor ``--all`` is given."""
    from kamtui.agenda.actions import default_owner
    from kamtui.cli.common import UsageError

    if args.all:
        return Whose(None, "--all")
    if args.owner is not None:
        name = " ".join(args.owner.split())
        if not name:
            raise UsageError(_("--owner needs a name (or use --all for every owner)"))
        return Whose(name, "--owner")
    from kamtui.store.config import read_config
    from kamtui.store.locations import config_file
    from kamtui.text.safety import printable

    config = read_config(config_file())
    for problem in config.problems:
        print("kamtui: " + printable(problem), file=sys.stderr)
    if config.owner is not None:
        return Whose(default_owner(config.owner, None), N_("owner in config.toml"))
    from kamtui.git.identity import user_name

    git_name = user_name(workspace)
    if git_name is not None:
        return Whose(default_owner(None, git_name), N_("git user.name"))
    return Whose(None, N_("no owner in config.toml, no git user.name"))


def report_broken(plans: list[LoadedPlan]) -> int:
    """Each plan that could not be read, on stderr at its file and line; how many."""
    from kamtui.text.safety import printable

    count = 0
    for lp in plans:
        if lp.plan is None:
            count += 1
            if lp.errors:
                first = lp.errors[0].format()
            else:
                first = _("{path}: cannot be read").format(path=lp.path)
            print(_("{problem} (skipped)").format(problem=printable(first)), file=sys.stderr)
    return count
