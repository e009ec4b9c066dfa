"""The app for one browser session of ``kamtui serve`` (kamtui/cli/serve.py).

textual-serve starts ``python -m kamtui.tui.web_session DIR [--today DATE]`` for each browser
that connects, with Textual's web driver chosen in the environment; its standard input and
output are pipes, so ``kamtui -w DIR`` would print the portfolio table instead of opening the
app (kamtui/cli/main.py, ``run_app``). This opens the app whatever they are, with the same
clock rules as the terminal: ``--today`` if given, else ``KAMTUI_TODAY``, else the real date;
and the same language rules (kamtui/text/i18n.py): ``--lang`` if given, else ``KAMTUI_LANG``, the
settings file's ``lang``, the locale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kamtui-web-session")
    parser.add_argument("workspace", metavar="DIR")
    parser.add_argument("--today", type=dt.date.fromisoformat, metavar="DATE")
    parser.add_argument("--lang", metavar="LANG")
    args = parser.parse_args(argv)
    use_language(args.lang)

    from kamtui.store.workspace import Workspace
    from kamtui.tui.factory import make_app

    make_app(Workspace.create(Path(args.workspace)), today=args.today, cache=True).run()
    return 0


def use_language(asked: str | None) -> None:
    """Speak *asked*, else ``KAMTUI_LANG``, the settings file's ``lang`` or the locale, as the
    command line does (kamtui/store/language.py); a warning for an unknown one on stderr."""
    from kamtui.store.language import speak

    warning = speak(asked)
    if warning:
        print(warning, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
