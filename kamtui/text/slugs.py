"""Account and record ids: strict slugs that are always safe as file names.

An id is ``[a-z0-9][a-z0-9-]*``, at most 64 characters. It is derived from a display name
(``"Acme Packaging S.p.A."`` → ``acme-packaging-s-p-a``); the display name itself lives inside the
file. No id can name a path outside the workspace, a hidden file, an option (``-rf``) or a
reserved device name on Windows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

MAX_LEN = 64
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
# Letters that NFKD does not decompose into ASCII.
_TRANSLITERATE = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "ø": "o",
        "Ø": "o",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "Þ": "th",
        "&": " and ",
    }
)


def is_valid_id(value: str) -> bool:
    """True when *value* is a strict slug that is safe as a file name on every OS."""
    return (
        isinstance(value, str)
        and SLUG_RE.fullmatch(value) is not None
        and not value.endswith("-")
        and value not in _WINDOWS_RESERVED
    )


def slugify(name: str, fallback: str = "account") -> str:
    """A strict slug for *name*; *fallback* when nothing usable is left."""
    text = unicodedata.normalize(
        "NFKD", unicodedata.normalize("NFKC", name).translate(_TRANSLITERATE)
    )
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
