"""What a lint rule finds: a code, a message, and the key of the plan it is about.

The key path says where the warning points (``how_to_get_there.actions.x.progress``). Only a
finding that is printed is located in the text (kamtui/lint/report.py): running the position
lexer is the dear part of a warning, and ``kamtui check -q`` prints none.
"""

from __future__ import annotations

from typing import NamedTuple

from kamtui.plan.tomlpos import KeyPath


class Finding(NamedTuple):
    """(A tuple: a random workspace of 1,000 plans has thousands of findings, made in a
    third of the time of a frozen dataclass's.)"""

    code: str
    message: str
    key: KeyPath
    """The key the warning is about: a value, or a record (its table header)."""
    at_value: bool = True
    """Point at the value of a ``key = value`` line; else at the key, or the table header.
    A key that is not in the file (a missing value) points at its nearest table."""
