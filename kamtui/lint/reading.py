"""The codes of the warnings that reading a workspace gives (kamtui/plan/file.py,
kamtui/plan/codec.py, kamtui/store/entries.py, kamtui/store/workspace.py), told by their text.

Those warnings are made where the file is read, before any lint runs, and keep their text; the
lint only adds their code, so that ``--select`` and ``--ignore`` work on every warning.
tests/core/test_lint_reading.py makes each of them and checks it gets its code: a change of
wording there shows up as a test failure, never as a warning that slips through ``--ignore``.
"""

from __future__ import annotations

from kamtui.lint import codes
from kamtui.plan.diagnostics import Problem
from kamtui.plan.file import COMMENTS_WARNING

_BY_START = (
    ("the file starts with a UTF-8 byte-order mark", codes.BYTE_ORDER_MARK),
    ("no 'schema' key", codes.NO_SCHEMA),
    ("temp file left by an interrupted save", codes.TEMP_FILE),
)


def code_of(problem: Problem) -> str | None:
    """The code of a warning from reading; ``None`` for an error, or a warning this version
    does not know (reported all the same, with no code)."""
    if problem.is_error:
        return None
    message = problem.message
    if message == COMMENTS_WARNING:
        return codes.COMMENTS
    for start, code in _BY_START:
        if message.startswith(start):
            return code
    if message.startswith("unknown key '") and "did you mean" in message:
        return codes.KEY_TYPO
    if " has an invisible character" in message or " has invisible characters" in message:
        return codes.INVISIBLE_CHARACTERS
    if message.endswith(" named like a plan: not read"):
        return codes.NOT_A_PLAN_FILE
    return None
