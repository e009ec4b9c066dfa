"""Keep the translation catalogs in step with the code: ``make catalogs``.

1. Extracts every marked string (``_()``, ``gettext()``, ``ngettext()``, ``pgettext()``,
   ``N_()``, ``NP_()``) from kamtui/, and the strings of Python's argparse (``usage:``,
   ``options``, its errors), which kamtui's command line shows through the same catalog
   (kamtui/cli/main.py).
2. Updates each ``kamtui/locale/<lang>/LC_MESSAGES/kamtui.po``: translations kept, new strings
   added untranslated (the tests fail until they are translated), strings no longer in the code
   dropped (git keeps them). In the order of the code, without line numbers, so a change of
   code does not rewrite the file.
3. Compiles each ``.po`` to its ``.mo``.

``--check``: change nothing, exit 1 when a catalog is not up to date.
``--add FILE.json``: write translations into the Italian catalog first: an object of
English -> Italian (``{"Save": "Salva"}``; a plural: the singular -> ``["…", "…"]``; a string
with a context: ``"context\u0004English"``). Several people may add at once: the catalog is
locked while it is rewritten.
Rules: docs/italian.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import fcntl
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from kamtui.text import i18n

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kamtui"
LOCALE = PACKAGE / "locale"  # this checkout's, whichever kamtui is installed
DOMAIN = i18n.DOMAIN
LANGUAGES = tuple(code for code in i18n.LANGUAGES if code != i18n.DEFAULT)
"""The languages with a catalog: all but English, the source language."""
HEADER = {
    "it": (
        "# Italian translation of kamtui. Terms: docs/italian.md (the glossary).\n"
        'msgid ""\n'
        'msgstr ""\n'
        '"Project-Id-Version: kamtui\\n"\n'
        '"Language: it\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    ),
}
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "NP_": ((1, "c"), 2)}

Key = str | tuple[str, str]


def extracted(*, own_only: bool = False) -> dict[tuple[Key, str | None], list[str]]:
    """Every marked string: (msgid or (singular, plural), context) -> its flags, in the order
    of the code (kamtui/ first, then argparse's, unless *own_only*: they differ from one
    Python version to the next, so the tests do not ask for them)."""
    found: dict[tuple[Key, str | None], list[str]] = {}

    def add(message: Key, context: str | None) -> None:
        text = message if isinstance(message, str) else message[0]
        if not text:
            return
        flags = ["python-format"] if "%(" in "".join(_texts(message)) else []
        found.setdefault((message, context), flags)

    for _file, _line, message, _comments, context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        add(_normal(message), context)
    if own_only:
        return found
    with open(argparse.__file__, "rb") as f:
        for _line, message, _comments, context in extract_from_file(
            "python", f.name, keywords=KEYWORDS
        ):
            add(_normal(message), context)
    return found


def _normal(message: str | tuple[str, ...]) -> Key:
    if isinstance(message, str):
        return message
    return (message[0], message[1]) if len(message) > 1 and message[1] else message[0]


def _texts(message: Key) -> tuple[str, ...]:
    return (message,) if isinstance(message, str) else message


def updated(lang: str, translations: dict[str, Any] | None = None) -> str:
    """The text the ``.po`` of *lang* should have, with *translations* (see ``--add``)."""
    po = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    old = _read(po, lang)
    catalog = Catalog(locale=lang, domain=DOMAIN, fuzzy=False)
    # gettext's two forms for Italian (the header above), not CLDR's three ("1 milione di"):
    catalog._num_plurals, catalog._plural_expr = 2, "(n != 1)"  # what read_po sets from it
    for (message, context), flags in extracted().items():
        known = old.get(message[0] if isinstance(message, tuple) else message, context)
        string: str | tuple[str, ...] = known.string if known is not None else ""
        if isinstance(message, tuple):
            forms = (string,) if isinstance(string, str) else tuple(string)
            string = (forms + ("", ""))[:2]
        catalog.add(message, string, flags=flags, context=context)
    for key, string in (translations or {}).items():
        context, _, english = key.rpartition("\x04")
        entry = catalog.get(english, context or None)
        if entry is None:
            print(f"not in the catalog (not marked in the code?): {english!r}", file=sys.stderr)
            continue
        entry.string = tuple(string) if isinstance(string, list) else string
        entry.flags.discard("fuzzy")
    out = io.BytesIO()
    write_po(out, catalog, omit_header=True, width=100, no_location=True, sort_output=False)
    return HEADER[lang] + "\n" + out.getvalue().decode("utf-8")


def _read(po: Path, lang: str) -> Catalog:
    if not po.exists():
        return Catalog(locale=lang, domain=DOMAIN)
    with po.open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
"""Written as the catalog's dates: the same ``.po`` compiles to the same bytes."""


def compiled(lang: str, po_text: str) -> bytes:
    """The ``.mo`` of a ``.po`` text."""
    catalog = read_po(io.BytesIO(po_text.encode("utf-8")), locale=lang, domain=DOMAIN)
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; 1 if out of date")
    parser.add_argument("--add", metavar="FILE.json", help="translations to write in first")
    args = parser.parse_args(argv)
    with _locked():
        return _update(args)


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    LOCALE.mkdir(parents=True, exist_ok=True)
    with open(LOCALE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _update(args: argparse.Namespace) -> int:
    translations = json.loads(Path(args.add).read_text("utf-8")) if args.add else None
    stale = []
    for lang in LANGUAGES:
        folder = LOCALE / lang / "LC_MESSAGES"
        po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
        text = updated(lang, translations if lang == "it" else None)
        data = compiled(lang, text)
        current_po = po.read_text(encoding="utf-8") if po.exists() else None
        current_mo = mo.read_bytes() if mo.exists() else None
        if current_po == text and current_mo == data:
            continue
        stale.append(str(po.relative_to(ROOT)))
        if not args.check:
            folder.mkdir(parents=True, exist_ok=True)
            po.write_text(text, encoding="utf-8", newline="\n")
            mo.write_bytes(data)
    if stale:
        print(("out of date: " if args.check else "updated: ") + ", ".join(stale))
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
