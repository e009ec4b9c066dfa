"""Credit notes told by a document-type column: many ERPs (and Italian e-invoicing, where
document type ``TD04`` is a credit note and ``TD01`` an invoice) export credit notes with
positive amounts beside a type column (``TipoDoc``, ``Document type``). A line whose type means
a credit note counts negative, whatever the sign written.

Only a type column (or the caller's ``--credit-types``) makes a line a credit note: invoice
numbers starting with ``C`` (a cancellation convention of some retail exports) are not
guessed at. The rules are in docs/abc.md.

The types are few, so they are recognised once per distinct value, never per line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

CREDIT_TYPES: tuple[str, ...] = (
    "TD04",
    "TD08",
    "NC",
    "Nota di credito",
    "Note di credito",
    "Nota credito",
    "Credit note",
    "Credit memo",
    "CM",
    "CN",
    "Storno",
)
"""Document types that mean a credit note (compared without case, accents or punctuation).
``TD04`` is the credit note of Italian e-invoicing and ``TD08`` its simplified form; a type
written with its description (``TD04 - Nota di credito``) counts by its first words."""


def type_key(text: object) -> str:
    """A document type for comparing: no accents or case, words of letters and digits."""
    value = unicodedata.normalize("NFKD", str(text))
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", value).split())


def credit_keys(extra: Iterable[str] = ()) -> frozenset[str]:
    """The keys (:func:`type_key`) of :data:`CREDIT_TYPES` and of the caller's *extra* ones."""
    return frozenset(k for k in map(type_key, (*CREDIT_TYPES, *extra)) if k)


def is_credit_type(value: object, keys: frozenset[str]) -> bool:
    """Whether a document type means a credit note: it is one of *keys*, or starts with one
    as whole words (``TD04 - Nota di credito``, ``NC fornitore``)."""
    key = type_key(value)
    return any(key == k or key.startswith(k + " ") for k in keys)


@dataclass(frozen=True)
class DocTypes:
    """The document types of the lines: which lines are credit notes, and each type's lines."""

    credit: Any
    """Per row, whether its type is a credit note (a boolean array)."""
    counts: dict[str, tuple[int, bool]]
    """Each type as written → (rows, is a credit note), most rows first."""


def doc_types(column: Any, extra: Iterable[str] = ()) -> DocTypes:
    """Which rows of a document-type *column* are credit notes (see the module docstring)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(column.astype(object), use_na_sentinel=True)
    keys = credit_keys(extra)
    shown = [" ".join(str(u).split()) for u in uniques]
    credit_of = np.array([is_credit_type(u, keys) for u in uniques] + [False], dtype=bool)
    credit = credit_of[codes]  # code -1 (no type) takes the last slot: not a credit note
    counted = np.bincount(codes[codes >= 0], minlength=len(uniques))
    counts: dict[str, tuple[int, bool]] = {}
    for i in sorted(range(len(uniques)), key=lambda i: (-counted[i], shown[i])):
        if shown[i]:
            rows, _ = counts.get(shown[i], (0, False))
            counts[shown[i]] = (rows + int(counted[i]), bool(credit_of[i]))
    return DocTypes(credit, counts)
