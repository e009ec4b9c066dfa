"""When two account names are the same account: case, spaces, punctuation and accents aside."""

from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """``"ACME  Packaging S.p.A."`` and ``"acme packaging spa"`` give the same key; so do
    ``"Café"`` and ``"Cafe"`` (letters and digits only, case-folded, accents dropped)."""
    text = unicodedata.normalize("NFKD", name).casefold()
    return "".join(ch for ch in text if ch.isalnum())
