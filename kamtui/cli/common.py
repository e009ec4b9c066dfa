"""What every subcommand shares: the usage error, the workspace and "today" from the arguments."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from kamtui.text.i18n import gettext as _

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from kamtui.store.workspace import Workspace


class UsageError(Exception):
    """Bad input from the user (exit code 2)."""


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date (YYYY-MM-DD): {value}").format(value=repr(value))
        ) from None


def workspace_path(args: argparse.Namespace) -> Path:
    from kamtui.store.locations import resolve_workspace

    return resolve_workspace(getattr(args, "workspace", None))


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace named by the arguments; it must exist (commands that read use this)."""
    from kamtui.store.workspace import Workspace

    root = workspace_path(args)
    refuse_non_folder(root)
    if not root.is_dir():
        raise UsageError(
            _(
                "workspace {root} does not exist (create a plan with 'kamtui new', "
                "or pass --workspace DIR)"
            ).format(root=root)
        )
    return Workspace(root)


def refuse_non_folder(root: Path) -> None:
    """A workspace that is there but is not a folder (a file, a FIFO): say so."""
    if root.exists() and not root.is_dir():
        raise UsageError(
            _("workspace {root} is not a folder (pass --workspace DIR)").format(root=root)
        )


def today_from(args: argparse.Namespace) -> dt.date:
    from kamtui.clock import SystemClock

    today: dt.date | None = getattr(args, "today", None)
    return today if today is not None else SystemClock().today()
