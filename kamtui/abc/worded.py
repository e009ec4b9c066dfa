"""Text kept with the words that made it, to be said again in another language.

Reading a revenue file describes it (``UTF-8, ';'-separated, numbers like 1.234,56``); the
result keeps that description, and the app may switch language while showing it (kamtui/tui/
app.py's language action). A :class:`Worded` is the text as it was first said (a ``str``:
compared, stored and written as JSON as that) that says itself again in the language in use
whenever it is shown: ``str()`` and f-strings call its builder again.
"""

from __future__ import annotations

from collections.abc import Callable


class Worded(str):
    """A text and the function that words it in the language in use."""

    _build: Callable[[], str]

    def __new__(cls, build: Callable[[], str]) -> Worded:
        text = super().__new__(cls, build())
        text._build = build
        return text

    def __str__(self) -> str:
        return self._build()

    def __format__(self, spec: str) -> str:
        return format(self._build(), spec)


def in_use(text: str) -> str:
    """*text* in the language in use (a :class:`Worded` worded again; any other as it is)."""
    return str(text) if isinstance(text, Worded) else text
