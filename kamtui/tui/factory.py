"""Building the app: the one function the CLI and the tests both use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from kamtui.clock import Clock, FixedClock, SystemClock
from kamtui.store.cache import PlanCache
from kamtui.store.locations import plan_cache_file
from kamtui.store.workspace import Workspace
from kamtui.tui.app import KamApp
from kamtui.tui.keymap import check_keymap, notice


def make_app(
    workspace: Workspace,
    *,
    today: dt.date | None = None,
    clock: Clock | None = None,
    watch_interval: float | None = 0.5,
    cache: PlanCache | bool | None = None,
    settings_path: Path | None = None,
    keymap: Mapping[str, str] | None = None,
    config_path: Path | None = None,
    owner: str | None = None,
) -> KamApp:
    """The app on *workspace*; *today* (or *clock*) pins the date, as tests and demos need.

    *cache*: a :class:`PlanCache`, ``True`` for the user's cache of this workspace, or
    ``None``/``False`` for none (tests).

    *keymap* (binding id -> keys) replaces the ``[keymap]`` of the user's ``config.toml``
    (or of *config_path*); either way it is checked, the usable keys are set with
    ``App.set_keymap`` and the rest is listed in one notification at start
    (kamtui/tui/keymap.py).

    *owner*: the user's name as the plans write it (whose actions the actions view shows
    first); by default the ``owner`` of ``config.toml``, else git's ``user.name``.
    """
    if clock is None:
        clock = FixedClock(today) if today is not None else SystemClock()
    if cache is True:
        cache = PlanCache(plan_cache_file(workspace.root))
    app = KamApp(
        workspace,
        clock=clock,
        watch_interval=watch_interval,
        cache=cache or None,
        settings_path=settings_path,
    )
    from kamtui.store.config import UserConfig, read_config
    from kamtui.store.locations import config_file

    path = config_path or config_file()
    config = UserConfig(path, keymap=dict(keymap)) if keymap is not None else read_config(path)
    keys, problems = check_keymap(config)
    problems = [*config.problems, *problems]
    app.owner_setting = owner if owner is not None else config.owner
    app.set_keymap(keys)
    app.keymap_notice = notice(problems, config_path) if problems else ""
    return app
