"""``kamtui new``: create the skeleton of a new account plan."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kamtui.cli.common import UsageError, refuse_non_folder, workspace_path
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line

HELP = N_("create a plan skeleton for a new key account and print its path")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "new",
        help=_(HELP),
        description=_(
            "{help}. The file name is a slug of the name; an existing plan is never overwritten."
        ).format(help=_(HELP)),
    )
    p.add_argument("name", help=_('the company name, e.g. "Acme Packaging S.p.A."'))
    p.add_argument("--owner", default="", help=_("the key account manager"))
    p.add_argument(
        "--force",
        action="store_true",
        help=_(
            "create it even if an account of that name exists (case, spaces and punctuation aside)"
        ),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kamtui.store.workspace import Workspace

    root = workspace_path(args)
    refuse_non_folder(root)
    if not args.force and root.is_dir():
        from kamtui.store.portfolio import same_name

        existing = same_name(Workspace(root).load_all().plans, args.name)
        if existing is not None:
            assert existing.plan is not None
            print(
                _(
                    "kamtui: an account named {name} exists already: {id} ({path}); "
                    "--force creates another"
                ).format(
                    name=repr(one_line(existing.plan.account.name)),
                    id=existing.id,
                    path=existing.path,
                ),
                file=sys.stderr,
            )
            return 1
    try:
        loaded = Workspace(root).new_plan(args.name, owner=args.owner)
    except (NotADirectoryError, FileExistsError) as exc:  # a file on the way to the folder
        raise UsageError(
            _("cannot make the workspace {root}: {error}").format(root=root, error=exc.strerror)
        ) from None
    print(loaded.path)
    _merge_driver(root)
    return 0


def _merge_driver(folder: Path) -> None:
    """In a git workspace whose plans do not merge with kamtui's driver yet, set it up (what
    changed goes to stderr: stdout is the new plan's path, for scripts). Outside git, nothing."""
    from kamtui.cli.setup_git import kamtui_program
    from kamtui.git.command import GitError
    from kamtui.git.setup import setup_git

    try:
        changes = setup_git(folder, kamtui_program())  # idempotent: nothing to say when set up
    except (GitError, OSError):
        return  # not a repository, or no git: plans work as before
    for change in changes:
        print("kamtui: " + one_line(change), file=sys.stderr)
