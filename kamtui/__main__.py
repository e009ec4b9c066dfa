"""The ``kamtui`` command (and ``python -m kamtui``): the command line, which opens the app when
no command is given. The one module that knows both front ends (kamtui/cli and kamtui/tui)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from kamtui.cli.main import main as cli_main


def open_app(root: Path, today: dt.date | None) -> None:
    """The full-screen app on the workspace *root* (created if missing)."""
    from kamtui.store.workspace import Workspace
    from kamtui.tui.factory import make_app

    make_app(Workspace.create(root), today=today, cache=True).run()


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, open_app)


if __name__ == "__main__":
    sys.exit(main())
