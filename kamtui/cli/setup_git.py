"""``kamtui setup-git``: make git merge the workspace's plans with kamtui's merge driver."""

from __future__ import annotations

import argparse
import sys

from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

HELP = N_("make git merge this workspace's plans by record (run once per clone)")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "setup-git",
        help=_(HELP),
        description=_(
            "{help}: adds '*.toml merge=kamtui' to the workspace's .gitattributes and "
            "registers the driver in the repository's config (git keeps that out of the "
            "repository, so each clone runs this once). Running it again changes nothing."
        ).format(help=_(HELP)),
    )
    p.set_defaults(run=run)


def kamtui_program() -> list[str]:
    """The command that runs this kamtui: the same Python, so a virtual environment works."""
    return [sys.executable, "-m", "kamtui"]


def run(args: argparse.Namespace) -> int:
    from kamtui.cli.common import UsageError, refuse_non_folder, workspace_path
    from kamtui.git.command import GitError
    from kamtui.git.setup import setup_git

    root = workspace_path(args)
    refuse_non_folder(root)
    try:
        changes = setup_git(root, kamtui_program())
    except GitError as exc:
        raise UsageError(str(exc)) from None
    for change in changes:
        print(change)
    if not changes:
        print(_("kamtui: the merge driver is set up already: nothing to change"))
    return 0
