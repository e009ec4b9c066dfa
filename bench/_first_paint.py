"""Start an app headless, say "painted" on stdout at its first full paint, then exit
(run by bench_tui.py, which times process start → that line).

python bench/_first_paint.py bare
python bench/_first_paint.py kamtui WORKSPACE CACHE_FILE [LANG]
"""

from __future__ import annotations

import sys
from pathlib import Path


def _painted(app: object) -> None:
    sys.stdout.write("painted\n")
    sys.stdout.flush()
    app.exit()  # type: ignore[attr-defined]


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(_painted, self)

    Bare().run(headless=True, size=(120, 40))


def kamtui(workspace: str, cache_file: str, lang: str | None = None) -> None:
    import datetime as dt

    if lang is not None:  # as `kamtui --lang LANG` chooses it (kamtui/cli/main.py)
        from kamtui.cli.main import use_language

        use_language(lang)

    from kamtui.store.cache import PlanCache
    from kamtui.store.workspace import Workspace
    from kamtui.tui.factory import make_app

    app = make_app(
        Workspace(Path(workspace)),
        today=dt.date(2026, 11, 30),
        watch_interval=None,
        cache=PlanCache(Path(cache_file)),
    )

    def loaded(ids: set[str]) -> None:
        app.call_after_refresh(_painted, app)  # the dashboard rows are painted

    app.call_later(lambda: app.portfolio_changed.subscribe(app, loaded))
    app.run(headless=True, size=(120, 40))
    rows = len(app.portfolio.plans)
    if rows == 0:
        raise SystemExit("no plans loaded")


def warm(workspace: str, cache_file: str) -> None:
    """Fill the plan cache, as the previous start of the app (the same day) would have."""
    import datetime as dt

    from kamtui.store.cache import PlanCache
    from kamtui.store.portfolio import Portfolio
    from kamtui.store.workspace import Workspace

    today = dt.date(2026, 11, 30)
    cache = PlanCache(Path(cache_file))
    portfolio = Portfolio()
    portfolio.replace_all(Workspace(Path(workspace)).load_all(cache).plans)
    portfolio.entries(today)
    cache.store(list(portfolio.plans.values()), portfolio.rows_for(today))


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    elif sys.argv[1] == "warm":
        warm(sys.argv[2], sys.argv[3])
    else:
        kamtui(sys.argv[2], sys.argv[3], *sys.argv[4:5])
