"""The ``kamtui`` command line. Thin: it parses arguments and calls the headless core.

Startup matters (``kamtui check`` runs in git hooks): nothing heavy is imported here, and each
command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from kamtui import __version__
from kamtui.commands import abc, check, export, new, portfolio
from kamtui.diagnostics import PlanError

COMMANDS = (check, new, portfolio, abc, export)


class UsageError(Exception):
    """Bad input from the user (exit code 2)."""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kamtui",
        description="Key Account Management in the terminal: one TOML plan per account "
        "(Where am I? Where do I want to go? How do I get there?) and ABC analysis "
        "of the portfolio.",
        epilog="Without a command, kamtui shows the portfolio. The workspace is --workspace, "
        "else $KAMTUI_WORKSPACE, else a folder in your user data directory.",
    )
    parser.add_argument("--version", action="version", version=f"kamtui {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a scratch copy of the sample workspace"
    )
    common = argparse.ArgumentParser(add_help=False)
    for target in (parser, common):
        # SUPPRESS: an option given before the command is not reset by the command's default.
        target.add_argument(
            "-w",
            "--workspace",
            metavar="DIR",
            default=argparse.SUPPRESS,
            help="the folder of plan files (default: $KAMTUI_WORKSPACE, else the user data dir)",
        )
        target.add_argument(
            "--today",
            type=_date,
            metavar="DATE",
            default=argparse.SUPPRESS,
            help="treat DATE (YYYY-MM-DD) as today for overdue and review figures",
        )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(_WithParents(sub, [common]))
    return parser


class _WithParents:
    """Adds the shared options (--workspace, --today) to every subcommand parser."""

    def __init__(
        self,
        sub: argparse._SubParsersAction[argparse.ArgumentParser],
        parents: list[argparse.ArgumentParser],
    ) -> None:
        self._sub = sub
        self._parents = parents

    def add_parser(self, name: str, **kwargs: object) -> argparse.ArgumentParser:
        return self._sub.add_parser(name, parents=self._parents, **kwargs)  # type: ignore[arg-type]


def workspace_path(args: argparse.Namespace) -> Path:
    from kamtui.locations import resolve_workspace

    return resolve_workspace(getattr(args, "workspace", None))


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace named by the arguments; it must exist (commands that read use this)."""
    from kamtui.workspace import Workspace

    root = workspace_path(args)
    if not root.is_dir():
        raise UsageError(
            f"workspace {root} does not exist (create a plan with 'kamtui new', "
            "or pass --workspace DIR)"
        )
    return Workspace(root)


def today_from(args: argparse.Namespace) -> dt.date:
    from kamtui.clock import SystemClock

    today: dt.date | None = getattr(args, "today", None)
    return today if today is not None else SystemClock().today()


def run_app(args: argparse.Namespace) -> int:
    """No command: the full-screen app (or the portfolio table when not on a terminal)."""
    from kamtui.workspace import Workspace

    if args.demo:
        from kamtui.demo import make_demo_workspace

        root = make_demo_workspace()
        print(f"Demo workspace: {root}")
    else:
        root = workspace_path(args)
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        args.workspace, args.format = str(root), "table"
        return portfolio.run(args)
    from kamtui.tui.factory import make_app

    make_app(Workspace.create(root), today=getattr(args, "today", None), cache=True).run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run = getattr(args, "run", None)
    if run is None:
        run = run_app
    try:
        code: int = run(args)
    except UsageError as exc:
        print(f"kamtui: {exc}", file=sys.stderr)
        return 2
    except PlanError as exc:
        print(f"kamtui: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `kamtui list | head`
        return 0
    except KeyboardInterrupt:
        return 130
    return code


if TYPE_CHECKING := False:  # pragma: no cover
    from kamtui.workspace import Workspace

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
