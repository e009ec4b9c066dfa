"""Account and record ids: strict slugs that are always safe as file names.

An id is ``[a-z0-9][a-z0-9-]*``, at most 64 characters. It is derived from a display name
(``"Acme Packaging S.p.A."`` → ``acme-packaging-s-p-a``); the display name itself lives inside the
file. No id can name a path outside the workspace, a hidden file, an option (``-rf``) or a
reserved device name on Windows.

Names in any script are transliterated (``"ООО Ромашка"`` → ``ooo-romashka``, ``"İş Bankası"`` →
``is-bankasi``, ``"株式会社"`` → ``zhu-shi-hui-she``) by ``anyascii`` (ISC licence, tables only);
emoji and other symbols are left out, not spelled (``"🚀 Rocket"`` → ``rocket``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from kamtui.text.ids import MAX_LEN
from kamtui.text.ids import WINDOWS_RESERVED as _WINDOWS_RESERVED
from kamtui.text.ids import is_valid_id as is_valid_id  # where ids are checked

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_AND = str.maketrans({"&": " and "})


def _ascii(name: str) -> str:
    """*name* in ASCII letters: symbols (emoji, ™, ©) left out, the rest (NFKC) transliterated
    a character at a time, a syllable of a script without cases (Chinese 株 → ``Zhu``, Korean
    삼 → ``Sam``) set apart as a word, as those scripts put no spaces between words."""
    if name.isascii():
        return name
    from anyascii import anyascii  # its tables only when a name needs them (not at start-up)

    text = "".join(ch for ch in name if unicodedata.category(ch) != "So")
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        if ch.isascii():
            out.append(ch)
        else:
            latin = anyascii(ch)
            uncased_syllable = latin[:1].isupper() and not ch.isupper() and len(latin) > 1
            out.append(f" {latin} " if uncased_syllable else latin)
    return "".join(out)


def slugify(name: str, fallback: str = "account") -> str:
    """A strict slug for *name*; *fallback* when nothing usable is left."""
    text = _ascii(name).translate(_AND)
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_ALNUM.sub("-", text).strip("-")
    if len(slug) > MAX_LEN:
        cut = slug[:MAX_LEN]
        # Prefer cutting at a word boundary when one is reasonably close.
        if "-" in cut[MAX_LEN // 2 :]:
            cut = cut[: cut.rindex("-")]
        slug = cut.strip("-")
    if not slug:
        slug = fallback
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-{fallback}"
    return slug


def unique_id(name: str, taken: Collection[str], fallback: str = "account") -> str:
    """A slug for *name* that is not in *taken*: ``acme``, then ``acme-2``, ``acme-3``…"""
    base = slugify(name, fallback)
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: MAX_LEN - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1
