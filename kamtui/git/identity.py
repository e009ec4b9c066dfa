"""Who the user is to git: ``user.name`` as git would write it in a commit of the workspace.

The actions view and ``kamtui actions`` show the user's own actions by default: the ``owner``
of the settings file (kamtui/store/config.py), else this name, else everyone's.
"""

from __future__ import annotations

from pathlib import Path

from kamtui.git.command import run_git
from kamtui.git.errors import GitError


def user_name(workspace: Path) -> str | None:
    """git's ``user.name`` for *workspace* (its repository's config, else the user's global
    one), spaces tidied; ``None`` when the folder is not in a git work tree, the name is unset
    or blank, or git is missing."""
    try:
        inside = run_git(["rev-parse", "--is-inside-work-tree"], cwd=workspace, check=False)
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return None
        found = run_git(["config", "--get", "user.name"], cwd=workspace, check=False)
    except (GitError, OSError):  # no git; a folder that is not there
        return None
    if found.returncode != 0:
        return None
    return " ".join(found.stdout.split()) or None
