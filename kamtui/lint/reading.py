"""The codes of the warnings that reading a workspace gives (kamtui/plan/file.py,
kamtui/plan/codec.py, kamtui/store/entries.py, kamtui/store/workspace.py), told by their text.

Those warnings are made where the file is read, before any lint runs, and keep their text; the
lint only adds their code, so that ``--select`` and ``--ignore`` work on every warning.
tests/core/test_lint_reading.py makes each of them and checks it gets its code: a change of
wording there shows up as a test failure, never as a warning that slips through ``--ignore``.
"""

from __future__ import annotations

import re

from kamtui.lint import codes
from kamtui.plan.diagnostics import Problem
from kamtui.plan.file import COMMENTS_WARNING
from kamtui.text import i18n

_BY_START = (
    ("the file starts with a UTF-8 byte-order mark", codes.BYTE_ORDER_MARK),
    ("no 'schema' key", codes.NO_SCHEMA),
    ("temp file left by an interrupted save", codes.TEMP_FILE),
)

_INVISIBLE = (
    (
        "'{key}' has an invisible character, {spelled}, shown as {shown}: remove it, or "
        "two names that look the same will not be",
        "'{key}' has invisible characters, {spelled}, shown as {shown}: remove them, or "
        "two names that look the same will not be",
    ),
    (
        "customer id '{cid}' has an invisible character, {spelled}: remove it, or it "
        "will not match the revenue data",
        "customer id '{cid}' has invisible characters, {spelled}: remove them, or it "
        "will not match the revenue data",
    ),
)
_TEMPLATES = (
    (
        "the file starts with a UTF-8 byte-order mark; kamtui reads it but saves without it",
        codes.BYTE_ORDER_MARK,
    ),
    ("no 'schema' key; reading it as schema {version}", codes.NO_SCHEMA),
    (
        "temp file left by an interrupted save; it is not a plan and can be deleted",
        codes.TEMP_FILE,
    ),
    ("unknown key '{key}' (kept as it is); did you mean '{close}'?", codes.KEY_TYPO),
    ("a folder named like a plan: not read", codes.NOT_A_PLAN_FILE),
    ("a FIFO (named pipe) named like a plan: not read", codes.NOT_A_PLAN_FILE),
    ("a socket named like a plan: not read", codes.NOT_A_PLAN_FILE),
    ("a device named like a plan: not read", codes.NOT_A_PLAN_FILE),
    ("not a regular file named like a plan: not read", codes.NOT_A_PLAN_FILE),
)
"""The messages of the warnings with a code (kamtui/plan/file.py, kamtui/plan/codec.py,
kamtui/store/entries.py, kamtui/store/workspace.py), as they are marked for translation: in
another language than English, a warning is told by its translated text."""
_TRANSLATED: dict[str, list[tuple[re.Pattern[str], str]]] = {}


def _pattern(template: str) -> re.Pattern[str]:
    """A message made from *template*, whatever its placeholders hold."""
    parts = re.split(r"\{\w+\}", template)
    return re.compile(".*".join(re.escape(part) for part in parts), re.DOTALL)


def _translated() -> list[tuple[re.Pattern[str], str]]:
    """The patterns of the coded warnings in the language in use (made once per language)."""
    lang = i18n.language()
    found = _TRANSLATED.get(lang)
    if found is None:
        found = [(_pattern(i18n.gettext(t)), code) for t, code in _TEMPLATES]
        for singular, plural in _INVISIBLE:
            for n in (1, 2):
                found.append(
                    (_pattern(i18n.ngettext(singular, plural, n)), codes.INVISIBLE_CHARACTERS)
                )
        _TRANSLATED[lang] = found
    return found


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
    if i18n.language() == i18n.DEFAULT:
        return None
    if message == i18n.gettext(COMMENTS_WARNING):
        return codes.COMMENTS
    for pattern, code in _translated():
        if pattern.fullmatch(message):
            return code
    return None
