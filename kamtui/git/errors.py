"""The one error of the git features (no imports: a command catches it without loading the
git runner)."""


class GitError(Exception):
    """git is missing, or a git command failed (the message is one line, for people)."""
