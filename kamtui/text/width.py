"""How many terminal cells text takes, and text cut and padded to a number of cells.

``len`` counts characters, a terminal counts cells: a CJK character or an emoji takes two, a
combining mark (the accent of an ``e`` typed on a Mac, which writes names in NFD) takes none.
A table padded with ``str.ljust`` goes out of line as soon as a name holds one of them. The
rules are those of the terminals (and of :func:`rich.cells.cell_len`, which the app measures
with): East Asian Wide and Fullwidth characters take two cells; combining marks, format
characters and the zero-width joiners none; everything else one. Text is expected to have been
made printable first (:mod:`kamtui.text.safety`): control characters are not measured.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ELLIPSIS = "…"
_ZERO = frozenset(("Mn", "Me", "Cf"))


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.category(ch) in _ZERO or "\u1160" <= ch <= "\u11ff":  # Hangul jamo: joined
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """The cells *text* takes in a terminal: ``"株式会社"`` 8, ``"Café"`` (NFC or NFD) 4."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


def fit(text: str, width: int, *, right: bool = False) -> str:
    """*text* in exactly *width* cells: padded with spaces (on the left with *right*), or cut
    with ``…`` when it is wider (a wide character that would not fit beside the ``…`` leaves a
    space; combining marks stay with their letter)."""
    used = cell_width(text)
    if used > width:
        if width <= 0:
            return ""
        kept: list[str] = []
        used = 0
        for ch in text:
            w = _char_width(ch) if not ch.isascii() else 1
            if used + w > width - 1:
                break
            kept.append(ch)
            used += w
        text = "".join(kept) + ELLIPSIS
        used += 1
    pad = " " * (width - used)
    return pad + text if right else text + pad
