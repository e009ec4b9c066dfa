"""``kamtui new``: create the skeleton of a new account plan."""

from __future__ import annotations

import argparse

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
    from kamtui.cli.common import workspace_path
    from kamtui.store.workspace import Workspace

    ws = Workspace(workspace_path(args))
    loaded = ws.new_plan(args.name, owner=args.owner)
    print(loaded.path)
    return 0
