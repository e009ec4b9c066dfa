"""The one error of reading revenue files: the file cannot be used, and why."""

from __future__ import annotations

from pathlib import Path


class RevenueFileError(Exception):
    """A revenue file cannot be used. The message names the file (and row when known)."""

    def __init__(self, path: Path | str, message: str, *, row: int | None = None) -> None:
        self.path = Path(path)
        self.row = row
        self.reason = message
        where = f"{path}: row {row}" if row is not None else f"{path}"
        super().__init__(f"{where}: {message}")
