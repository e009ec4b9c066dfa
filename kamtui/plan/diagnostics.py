"""Problems in plan files, reported the way compilers do: ``PATH:LINE:COL: severity: message``.

Editors understand this form (``vim -q``, VS Code problem matchers), so a user can jump
straight to the offending line.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kamtui.plan.errors import PlanError as PlanError  # defined apart (see there)
from kamtui.text.i18n import gettext as _

# The codes of the warnings of reading a file (kamtui/lint/codes.py lists every code): set where
# each warning is made, so that ``kamtui check --select``/``--ignore`` reach it in any language.
COMMENTS = "KAM001"
BYTE_ORDER_MARK = "KAM002"
NO_SCHEMA = "KAM003"
KEY_TYPO = "KAM004"
INVISIBLE_CHARACTERS = "KAM005"
TEMP_FILE = "KAM006"
NOT_A_PLAN_FILE = "KAM007"


class Severity(StrEnum):
    """How bad a problem is. Errors make a plan unusable (read-only); warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one file, with the position when it is known (1-based)."""

    path: Path
    message: str
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR
    key: str = ""
    """The dotted key path the problem is about (``where_to_go.objectives.x.target``), if any."""
    code: str = ""
    """The lint code of a warning of reading (``KAM002``, above); empty for an error, or a
    warning with no code."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, base: Path | None = None) -> str:
        """``PATH:LINE:COL: error: message``; the path relative to *base* when under it."""
        path = self.path
        if base is not None:
            with contextlib.suppress(ValueError):
                path = path.relative_to(base)
        where = str(path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.severity.value}: {self.message}"

    def __str__(self) -> str:
        return self.format()


class PlanFileError(PlanError):
    """A plan file cannot be used; carries the problems found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


class ConflictError(PlanError):
    """The file changed on disk since it was loaded; saving would overwrite someone's work."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        """In English (code may test it); marked where it is made and translated in the
        message."""
        super().__init__(_("{path}: not saved: {reason}").format(path=path, reason=_(reason)))
