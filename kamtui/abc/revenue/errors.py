"""The one error of reading revenue files: the file cannot be used, and why."""

from __future__ import annotations

from pathlib import Path

from kamtui.text.i18n import gettext as _


class RevenueFileError(Exception):
    """A revenue file cannot be used. The message names the file (and row when known)."""

    def __init__(self, path: Path | str, message: str, *, row: int | None = None) -> None:
        self.path = Path(path)
        self.row = row
        self.reason = message
        if row is None:
            text = _("{path}: {message}").format(path=path, message=message)
        else:
            text = _("{path}: row {row}: {message}").format(path=path, row=row, message=message)
        super().__init__(text)
