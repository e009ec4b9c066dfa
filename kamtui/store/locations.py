"""The one place that decides where kamtui keeps things on disk (tests point it at tmp dirs)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

WORKSPACE_ENV = "KAMTUI_WORKSPACE"
APP_NAME = "kamtui"


def default_workspace() -> Path:
    """``<user data dir>/kamtui/workspace``, e.g. ``~/.local/share/kamtui/workspace`` on Linux."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / "workspace"


def _workspace_key(root: Path) -> str:
    """A short stable name for the workspace *root* (per-workspace files outside it)."""
    import hashlib

    return hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def plan_cache_file(root: Path) -> Path:
    """Where the parsed-plan cache of the workspace *root* lives (in the user cache dir)."""
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME) / "workspaces" / f"{_workspace_key(root)}.pickle"


def last_analysis_file(root: Path) -> Path:
    """Where the last ABC analysis of the workspace *root* is remembered (user cache dir)."""
    import platformdirs

    return (
        platformdirs.user_cache_path(APP_NAME) / "workspaces" / f"{_workspace_key(root)}.abc.json"
    )


def settings_file(root: Path) -> Path:
    """Where what is remembered about the workspace *root* lives (in the user config dir)."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / "workspaces" / f"{_workspace_key(root)}.json"


def config_file() -> Path:
    """The user's hand-edited settings (``[keymap]``, …): ``config.toml`` in the user config dir,
    e.g. ``~/.config/kamtui/config.toml`` on Linux. Read by kamtui/store/config.py."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def resolve_workspace(
    option: str | os.PathLike[str] | None, environ: Mapping[str, str] | None = None
) -> Path:
    """``--workspace DIR``, else ``$KAMTUI_WORKSPACE``, else :func:`default_workspace`."""
    env = os.environ if environ is None else environ
    if option:
        return Path(option).expanduser()
    if env.get(WORKSPACE_ENV):
        return Path(env[WORKSPACE_ENV]).expanduser()
    return default_workspace()


def rescue_dir(root: Path) -> Path:
    """Where edits the user chose not to save over a changed file are kept, per workspace
    (in the user state dir, so they never show up in the workspace's git status)."""
    import platformdirs

    return platformdirs.user_state_path(APP_NAME) / "rescued" / _workspace_key(root)
