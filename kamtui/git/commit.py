"""Committing one plan file, and nothing else: the review's commit.

``git commit --only -- PATH`` commits that file as it is on disk, whatever else is staged (the
index keeps the rest as it was). A plan not yet known to git is added first (that path only).
Never a push. The user's own identity and hooks apply: when git refuses (no identity, a hook, a
merge in progress), its message is raised as :class:`~kamtui.git.command.GitError` and the file
stays as saved.
"""

from __future__ import annotations

from pathlib import Path

from kamtui.git.command import repository_root, run_git


def in_repository(folder: Path) -> bool:
    """Whether *folder* is inside a git work tree (``False`` without git, too)."""
    from kamtui.git.command import GitError

    try:
        repository_root(folder)
    except GitError:
        return False
    return True


def commit_file(path: Path, message: str) -> str:
    """Commit *path* alone with *message*; the new commit's short hash."""
    root = repository_root(path.parent)
    relative = str(path.resolve().relative_to(root.resolve()))
    known = run_git(["ls-files", "--error-unmatch", "--", relative], cwd=root, check=False)
    if known.returncode != 0:
        run_git(["add", "--", relative], cwd=root)
    run_git(["commit", "--only", "--quiet", "-m", message, "--", relative], cwd=root)
    return run_git(["rev-parse", "--short", "HEAD"], cwd=root).stdout.strip()
