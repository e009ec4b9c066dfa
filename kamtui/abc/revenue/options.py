"""How to read a revenue file: what the caller says, and what is left to detection."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ProgressCallback = Callable[[int, int], None]
"""Called with (bytes read, file size) while a big text file is read."""


@dataclass(frozen=True)
class ReadOptions:
    """How to read a revenue file; ``None`` means "detect it"."""

    encoding: str | None = None
    """The text encoding of a CSV/TSV file (a codec name such as ``cp1250``): read with it,
    no detection, no fallback. Not used for Excel workbooks."""
    sheet: str | None = None
    """Excel sheet: a name, or a number counting from 1 (default: the first sheet)."""
    customer: str | None = None
    name: str | None = None
    """The name column; ``""`` means "there is none" (no guessing)."""
    amount: str | None = None
    """The amount column. Without one (none named or recognised), a quantity column times a
    unit-price column (less a discount column, when there is one) is each line's amount."""
    quantity: str | None = None
    price: str | None = None
    """The unit-price column (used with *quantity* when there is no amount column)."""
    discount: str | None = None
    """The discount column of a quantity × price file: a fraction (``0.1``) or a percentage
    (``10%``, ``10``); ``""`` means "there is none" (no guessing)."""
    doc_type: str | None = None
    """The document-type column (``TipoDoc``, ``Document type``): lines whose type is a credit
    note count negative; ``""`` means "there is none" (no guessing)."""
    credit_types: tuple[str, ...] = ()
    """Document types that mean a credit note, besides the usual ones (``TD04``, ``NC``,
    ``Credit memo``…; see kamtui/abc/revenue/credit_notes.py)."""
    date: str | None = None
    currency_column: str | None = None
    """The column holding each line's currency (default: guessed, ``Currency``, ``Valuta``…)."""
    currency: str | None = None
    """The currency of the analysis (``EUR``): lines in others are left out unless *rates*
    convert them; a file that states no currency is taken to be in it."""
    rates: tuple[tuple[str, float], ...] = ()
    """``(CODE, FACTOR)``: 1 CODE = FACTOR of the currency of the analysis (see
    kamtui/abc/revenue/currency.py)."""
    dayfirst: bool | None = None
    """``True`` for dd/mm, ``False`` for mm/dd, ``None`` to detect (dd/mm when ambiguous)."""
    need_dates: bool = False
    """Read and check the date column (needed for a period filter)."""
    skip_bad_rows: bool = False
    """Leave out any number of unusable rows instead of stopping over the tolerance."""
    progress: ProgressCallback | None = None
