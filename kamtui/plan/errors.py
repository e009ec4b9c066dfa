"""The base class of the errors the core raises about plans and workspaces.

A module of its own so that the command line can catch it without importing the diagnostics
(kamtui/plan/diagnostics.py, which defines the rest and re-exports this): every command,
``kamtui merge-file`` run by git for each plan it merges included, starts faster for it.
"""


class PlanError(Exception):
    """Base class for errors the core raises about plans and workspaces."""
