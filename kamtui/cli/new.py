"""``kamtui new``: create the skeleton of a new account plan."""

from __future__ import annotations

import argparse

from kamtui.cli.common import UsageError, refuse_non_folder, workspace_path

HELP = "create a plan skeleton for a new key account and print its path"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "new",
        help=HELP,
        description=HELP + ". The file name is a slug of the "
        "name; an existing plan is never overwritten.",
    )
    p.add_argument("name", help='the company name, e.g. "Acme Packaging S.p.A."')
    p.add_argument("--owner", default="", help="the key account manager")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kamtui.store.workspace import Workspace

    root = workspace_path(args)
    refuse_non_folder(root)
    try:
        loaded = Workspace(root).new_plan(args.name, owner=args.owner)
    except (NotADirectoryError, FileExistsError) as exc:  # a file on the way to the folder
        raise UsageError(f"cannot make the workspace {root}: {exc.strerror}") from None
    print(loaded.path)
    return 0
