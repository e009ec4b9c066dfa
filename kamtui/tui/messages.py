"""Messages that workers post to the app; handlers on the main thread own every state change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from kamtui.plan.file import LoadedPlan
from kamtui.plan.row import PortfolioRow
from kamtui.store.portfolio import RowKey
from kamtui.store.workspace import WorkspaceScan

if TYPE_CHECKING:
    from kamtui.tui.abc_data import AbcView


class WorkspaceLoaded(Message):
    """A full (re)load of the workspace finished."""

    def __init__(self, scan: WorkspaceScan, rows: dict[RowKey, PortfolioRow]) -> None:
        super().__init__()
        self.scan = scan
        self.rows = rows
        """Dashboard figures remembered by the plan cache."""


class WorkspaceChecked(Message):
    """A full check of the workspace finished (for "check workspace")."""

    def __init__(self, scan: WorkspaceScan) -> None:
        super().__init__()
        self.scan = scan


class PlansChanged(Message):
    """Plan files changed on disk: fresh reads of some, and ids whose files are gone."""

    def __init__(self, loaded: list[LoadedPlan], removed: list[str]) -> None:
        super().__init__()
        self.loaded = loaded
        self.removed = removed


class PlanCreated(Message):
    """A new plan file was written (a new account); *open_it*: open it once shown."""

    def __init__(self, loaded: LoadedPlan, open_it: bool = False) -> None:
        super().__init__()
        self.loaded = loaded
        self.open_it = open_it


class TempFilesCleaned(Message):
    """Old temp files of interrupted saves were removed from the workspace."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count


class AnalysisRecalled(Message):
    """The last ABC analysis of the workspace (from an earlier session), still valid."""

    def __init__(self, revenue: dict[str, float]) -> None:
        super().__init__()
        self.revenue = revenue
        """Revenue by customer id."""


class AbcProgress(Message):
    """Bytes read so far of the revenue file."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done, self.total = done, total


class AbcFinished(Message):
    def __init__(self, view: AbcView) -> None:
        super().__init__()
        self.view = view


class AbcFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error
