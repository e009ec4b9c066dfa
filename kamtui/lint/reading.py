"""The codes of the warnings that reading a workspace gives (kamtui/plan/file.py,
kamtui/plan/codec.py, kamtui/store/entries.py, kamtui/store/workspace.py).

Those warnings are made where the file is read, before any lint runs, and carry their code
(``Problem.code``, kamtui/plan/diagnostics.py) in every language, so that ``--select`` and
``--ignore`` work on every warning. tests/core/test_lint_reading.py makes each of them and checks
it gets its code.
"""

from __future__ import annotations

from kamtui.plan.diagnostics import Problem


def code_of(problem: Problem) -> str | None:
    """The code of a warning from reading; ``None`` for an error, or a warning this version
    does not know (reported all the same, with no code)."""
    if problem.is_error:
        return None
    return problem.code or None
