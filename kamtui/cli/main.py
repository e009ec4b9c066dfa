"""The ``kamtui`` command line. Thin: it parses arguments and calls the headless core.

Startup matters (``kamtui check`` runs in git hooks, ``kamtui merge-file`` for every plan git
merges): nothing heavy is imported here, a command's module is imported only when that command
runs (or for ``--help``), and each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from kamtui import __version__
from kamtui.cli.common import UsageError, parse_date, refuse_non_folder, workspace_path
from kamtui.plan.errors import PlanError
from kamtui.text.i18n import LANGUAGES, language
from kamtui.text.i18n import gettext as _

COMMANDS = {
    "check": "check",
    "new": "new",
    "list": "list",
    "actions": "actions",
    "calendar": "calendar",
    "abc": "abc",
    "measure": "measure",
    "export": "export",
    "diff": "diff",
    "log": "log",
    "serve": "serve",
    "setup-git": "setup_git",
    "merge-file": "merge_file",
}
"""Each command and its module in kamtui/cli, in the order ``--help`` lists them."""


def command_module(name: str) -> ModuleType:
    """The module of the command *name* (imported now)."""
    return importlib.import_module(f"kamtui.cli.{COMMANDS[name]}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of the command *only* (the others are not imported)."""
    parser = argparse.ArgumentParser(
        prog="kamtui",
        description=_(
            "Key Account Management in the terminal: one TOML plan per account "
            "(Where am I? Where do I want to go? How do I get there?) and ABC analysis "
            "of the portfolio."
        ),
        epilog=_(
            "Without a command, kamtui shows the portfolio. The workspace is --workspace, "
            "else $KAMTUI_WORKSPACE, else a folder in your user data directory."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"kamtui {__version__}",
        help=_("show program's version number and exit"),  # argparse's own is not translated
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("open the app on a scratch copy of the sample workspace"),
    )
    common = argparse.ArgumentParser(add_help=False)
    for target in (parser, common):
        # SUPPRESS: an option given before the command is not reset by the command's default.
        target.add_argument(
            "-w",
            "--workspace",
            metavar="DIR",
            default=argparse.SUPPRESS,
            help=_("the folder of plan files (default: $KAMTUI_WORKSPACE, else the user data dir)"),
        )
        target.add_argument(
            "--lang",
            metavar="LANG",
            default=argparse.SUPPRESS,
            help=_(
                "the language to speak: {languages} (default: $KAMTUI_LANG, else "
                "lang in the settings file, else the locale)"
            ).format(languages=", ".join(LANGUAGES)),
        )
        target.add_argument(
            "--today",
            type=parse_date,
            metavar="DATE",
            default=argparse.SUPPRESS,
            help=_("treat DATE (YYYY-MM-DD) as today for overdue and review figures"),
        )
    sub = parser.add_subparsers(title=_("commands"), metavar="COMMAND")
    for name in [only] if only else COMMANDS:
        command_module(name).add_parser(_WithParents(sub, [common]))
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command named in *argv*, when it is plain to see: the first word that is not an
    option (nor the value of ``-w``/``--workspace``/``--today``), if it names a command."""
    words = iter(argv)
    for word in words:
        if word in ("-w", "--workspace", "--today", "--lang"):
            next(words, None)
        elif word == "--" or word.startswith("-"):
            if word in ("-h", "--help", "--version", "--"):
                return None
        else:
            return word if word in COMMANDS else None
    return None


def _lang_in(argv: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` in *argv* (``--lang it`` or ``--lang=it``), if any:
    the language is chosen before the parser is built, so that its help is in it."""
    found = None
    words = iter(argv)
    for word in words:
        if word == "--":
            break
        if word == "--lang":
            found = next(words, found)
        elif word.startswith("--lang="):
            found = word.partition("=")[2]
    return found


def use_language(asked: str | None) -> None:
    """Speak the language asked for, else the one of ``KAMTUI_LANG``, the settings file or the
    locale (kamtui/text/i18n.py); one warning line on stderr for an unknown one."""
    from kamtui.store.language import speak

    warning = speak(asked)
    if warning:
        print(warning, file=sys.stderr)
    code = language()
    if code != "en":
        from kamtui.text import i18n

        # argparse says "usage:", "options" and its errors through gettext's own functions:
        # the same catalog translates them (tools/catalogs.py extracts them).
        argparse._ = i18n.gettext  # type: ignore[attr-defined]
        argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


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


AppOpener = Callable[[Path, dt.date | None], None]
"""Opens the full-screen app on a workspace folder (given by the entry point, kamtui/__main__.py:
the command line never imports the app)."""


def run_app(args: argparse.Namespace, open_app: AppOpener | None) -> int:
    """No command: the full-screen app (or the portfolio table when not on a terminal)."""
    if args.demo:
        from kamtui.store.demo import make_demo_workspace

        root = make_demo_workspace()
        print(_("Demo workspace: {root}").format(root=root))
    else:
        root = workspace_path(args)
        refuse_non_folder(root)
    if open_app is None or not sys.stdout.isatty() or not sys.stdin.isatty():
        args.workspace, args.format, args.raw = str(root), "table", False
        code: int = command_module("list").run(args)
        return code
    open_app(root, getattr(args, "today", None))
    return 0


def main(argv: Sequence[str] | None = None, open_app: AppOpener | None = None) -> int:
    """Run the command in *argv*; without one, *open_app* (the app), or the portfolio table
    when there is no app or no terminal."""
    words = sys.argv[1:] if argv is None else list(argv)
    command = _command_in(words)
    if command != "merge-file":  # git's driver says nothing to people: start-up is all
        use_language(_lang_in(words))
    parser = build_parser(command)
    args = parser.parse_args(words)
    run = getattr(args, "run", None)
    try:
        code: int = run(args) if run is not None else run_app(args, open_app)
    except UsageError as exc:
        print("kamtui: " + str(exc), file=sys.stderr)
        return 2
    except PlanError as exc:
        print("kamtui: " + str(exc), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `kamtui list | head`
        return 0
    except KeyboardInterrupt:
        return 130
    return code
