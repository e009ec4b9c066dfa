"""The language kamtui speaks: which one, and the translated strings (gettext).

Every user-facing string goes through :func:`gettext` (imported as ``_``) when it is shown,
or is marked with :func:`N_` where it is defined at import (a table of titles) and translated
where it is used. Catalogs are standard gettext: ``kamtui/locale/<lang>/LC_MESSAGES/kamtui.po``,
compiled to ``.mo`` beside it (``make catalogs``; tests/core/test_i18n.py checks that the
compiled catalog is what the ``.po`` says and that every marked string has a translation).
English is the source language: it has no catalog.

Which language (:func:`choose_language`): ``--lang``, then ``KAMTUI_LANG``, then ``lang`` in the
settings file, then the locale environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: the first that
is set decides, as POSIX says); English otherwise. An unknown language asked for by name falls
back to English with one warning; a locale kamtui has no catalog for is English, silently.

The plan files never change with the language: they store the fixed values in English
(docs/plan-format.md), so colleagues working in two languages edit and merge the same files.
Rules and the glossary: docs/italian.md.
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

DOMAIN = "kamtui"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = {"en": "English", "it": "Italiano"}
"""The languages kamtui speaks, by code, each named in itself."""
DEFAULT = "en"

_current: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT
_ENGLISH = _gettext.NullTranslations()
_in_english: contextvars.ContextVar[bool] = contextvars.ContextVar("kamtui_english", default=False)


def _translations() -> _gettext.NullTranslations:
    return _ENGLISH if _in_english.get() else _current


def gettext(message: str) -> str:
    """*message* in the current language (itself when there is no translation)."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or the plural of a message for *n*, in the current language."""
    return _translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """*message* in the current language, where the same English word needs two
    translations (``pgettext("cell status", "open")``)."""
    return _translations().pgettext(context, message)


@contextlib.contextmanager
def english() -> Iterator[None]:
    """English (and English numbers and dates) inside the block, whatever the language in
    use, for this thread or task only: machine output (JSON) keeps its English texts while the
    app or the command line speaks Italian."""
    token = _in_english.set(True)
    try:
        yield
    finally:
        _in_english.reset(token)


def N_(message: str) -> str:
    """Marks *message* for translation without translating it now: a string defined at import,
    translated with :func:`gettext` where it is shown (so a language switch shows)."""
    return message


def NP_(context: str, message: str) -> str:
    """Marks *message* for translation under *context* (as :func:`pgettext` would) without
    translating it now: a binding's description whose words as a key differ from the same
    word elsewhere, translated where it is shown (kamtui/tui/widgets/key_bar.py)."""
    return message


def language() -> str:
    """The code of the language in use (``en``, ``it``)."""
    return DEFAULT if _in_english.get() else _language


def set_language(code: str) -> None:
    """Speak *code* from now on (one of :data:`LANGUAGES`; anything else is English)."""
    global _current, _language
    if code not in LANGUAGES or code == DEFAULT:
        _current, _language = _gettext.NullTranslations(), DEFAULT
        return
    try:
        _current = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])
    except OSError:  # pragma: no cover - an install without its catalogs
        _current, _language = _gettext.NullTranslations(), DEFAULT
        return
    _language = code


def normalize(value: str) -> str | None:
    """The language code in a choice or a locale name: ``it``, ``IT``, ``it_IT.UTF-8``,
    ``it-IT``, ``Italiano`` → ``it``; ``None`` for ``C``, ``POSIX`` or nothing."""
    text = value.strip()
    if not text or text.upper() in ("C", "POSIX") or text.upper().startswith("C."):
        return None
    for code, name in LANGUAGES.items():
        if text.casefold() == name.casefold():
            return code
    return text.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def choose_language(
    asked: str | None,
    settings: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> tuple[str, str | None]:
    """The language to speak and a warning (or ``None``): *asked* (``--lang``), then
    ``KAMTUI_LANG``, then *settings* (``lang`` in the settings file), then the locale
    environment; English otherwise."""
    env = os.environ if environ is None else environ
    for source, value in (
        ("--lang", asked),
        ("KAMTUI_LANG", env.get("KAMTUI_LANG")),
        ("lang in the settings file", settings),
    ):
        if value is None or not value.strip():
            continue
        code = normalize(value)
        if code in LANGUAGES:
            return code, None
        known = ", ".join(LANGUAGES)
        return DEFAULT, f"kamtui: unknown language '{value}' ({source}); using English ({known})"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable)
        if value:
            code = normalize(value)
            return (code if code in LANGUAGES else DEFAULT), None
    return DEFAULT, None
