"""``kamtui check``: validate every plan in the workspace, compiler-style."""

from __future__ import annotations

import argparse
import sys

from kamtui.store.workspace import Workspace
from kamtui.text.format import plural

HELP = "validate every plan; print PATH:LINE:COL: messages; exit 1 on errors"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check", help=HELP, description=HELP + ". Usable as a git pre-commit hook (see the README)."
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only, no warnings")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kamtui.cli.common import open_workspace
    from kamtui.text.safety import printable

    ws: Workspace = open_workspace(args)
    scan = ws.load_all()
    out = sys.stdout
    problems = scan.all_problems
    for problem in problems:
        if args.quiet and not problem.is_error:
            continue
        out.write(printable(problem.format()) + "\n")
    bad_files = len({p.path for p in problems if p.is_error})
    summary = (
        f"checked {plural(len(scan.plans), 'plan')}: {plural(scan.error_count, 'error')}"
        f", {plural(scan.warning_count, 'warning')}"
    )
    if bad_files:
        summary += f" in {plural(bad_files, 'file')} with errors"
    print(summary, file=sys.stderr if args.quiet and not scan.error_count else out)
    return 1 if scan.error_count else 0
