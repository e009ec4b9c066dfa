"""The one TOML reader for plan files: compiled ``tomli`` when installed, else stdlib ``tomllib``.

Parsing is the slowest step of ``kamtui check``, of start-up and of a save (which reads the new
file back before it replaces the old one). The stdlib's :mod:`tomllib` is pure Python; the
compiled (mypyc) wheels of ``tomli``, the project it was copied from, parse a typical plan about
three times faster, with the same dicts and the same error messages, positions included
(``"Invalid value (at line 2, column 9)"``, which :mod:`kamtui.plan.tomlpos` takes apart). A
pure-Python ``tomli`` (no wheel for the platform) is no faster than :mod:`tomllib`, so then the
stdlib reads everything: one fewer moving part.

Plans are TOML 1.0 (``docs/plan-format.md``), which is what :mod:`tomllib` reads on Python
3.11–3.14. ``tomli`` 2.4 and later read TOML 1.1 too: newlines and a trailing comma in inline
tables, ``\\e`` and ``\\xHH`` escapes, times without seconds. A file using them must be refused
the same way on every machine, so a text that might use them (it holds a ``{``, a backslash
before ``e`` or ``x``, or ``HH:MM`` not followed by seconds) is read by :mod:`tomllib`. Plans
written by kamtui never do, so they all take the fast path. ``tomli`` also stops where
:mod:`tomllib` would not (values nested more than 400 deep, keys of more than
``sys.getrecursionlimit()`` parts) with a ``RecursionError``: :mod:`tomllib` then decides, as it
did before. Left as it is: inline arrays nested about 300 to 400 deep, which :mod:`tomllib` gives
up on (where depends on the call stack) and ``tomli`` reads.

Everything that parses a plan calls :func:`loads` and catches :class:`TOMLDecodeError` from
here. Besides it, ``ValueError`` (an integer of more than 4,300 digits) and ``RecursionError``
(absurd nesting) can come out of either reader.
"""

from __future__ import annotations

import importlib.machinery
import re

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["READER", "TOMLDecodeError", "loads"]


class TOMLDecodeError(ValueError):
    """The text is not TOML 1.0. The message is the reader's, ending with the position:
    ``"(at line N, column M)"`` or ``"(at end of document)"``."""


def _compiled_tomli() -> Any:
    """The ``tomli`` module when it is importable and a compiled build, else ``None``."""
    try:
        import tomli
    except ImportError:
        return None
    origin = getattr(tomli, "__file__", None) or ""
    if not origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
        return None
    return tomli


_tomli = _compiled_tomli()

READER = "tomli" if _tomli is not None else "tomllib"
"""Which library reads plans: ``"tomli"`` (compiled) or ``"tomllib"``."""

# \e or \x after an odd run of backslashes ("C:\\export" holds none)
_ESCAPE_1_1 = re.compile(r"(?<!\\)(?:\\\\)*\\[ex]")
_TIME_1_1 = re.compile(
    # Where a value starts (after '=', or '[' or ',' in an array, across blanks and comments),
    # an optional date and a time without seconds.
    r"[=\[,](?:[ \t\r\n]|#[^\n]*)*(?:[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ])?[0-9]{2}:[0-9]{2}"
    r"(?!:[0-5][0-9])"
)


def _maybe_toml_1_1(text: str) -> bool:
    """True when *text* might hold something only TOML 1.1 allows (a quick, safe over-guess)."""
    if "{" in text:
        return True
    if "\\" in text and _ESCAPE_1_1.search(text):
        return True
    colon = text.find(":")
    while colon != -1:  # rare in plans: the regex only runs where a HH:MM might be
        if text[colon - 2 : colon].isdigit() and text[colon + 1 : colon + 3].isdigit():
            return _TIME_1_1.search(text) is not None
        colon = text.find(":", colon + 1)
    return False


def _stdlib_loads(text: str) -> dict[str, Any]:
    import tomllib  # only here: a plan from kamtui never needs it when tomli is there

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TOMLDecodeError(str(exc)) from None


def loads(text: str) -> dict[str, Any]:
    """The TOML 1.0 document *text* as a dict; raises :class:`TOMLDecodeError` if it is not."""
    if _tomli is not None and not _maybe_toml_1_1(text):
        try:
            return _tomli.loads(text)  # type: ignore[no-any-return]
        except _tomli.TOMLDecodeError as exc:
            raise TOMLDecodeError(str(exc)) from None
        except RecursionError:
            pass  # one of tomli's own limits: tomllib says what it always said
    return _stdlib_loads(text)
