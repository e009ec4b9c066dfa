"""Amounts: detecting the number format of a sample (decimal comma or point, thousands
mark, symbols) and parsing amount text cells, vectorised, with the currency each one writes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kamtui.abc.revenue.currency import MARK, written_currency
from kamtui.text.i18n import gettext as _

_NOT_NUMERIC = r"[^\d.,()+\-]+"
"""What is taken out of an amount cell to parse its number."""
_NUMERIC_OR_SPACE = r"[\d.,()+\-\s\u00a0\u202f'’]+"
"""What is taken out of an amount cell to see what else it holds: nothing, or a currency."""
_NEEDS_CLEANING = re.compile(rf"[()'’\u00a0\u202f\u2212]|\s|\d-$|{MARK}")
_NUMBER = {
    ",": r"\d{1,3}(?:\.\d{3})+(?:,\d*)?|\d+(?:,\d*)?|,\d+",
    ".": r"\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+",
}
_SHAPE = str.maketrans("12345678", "99999999")
_GROUPED = {
    ".": re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d*)?"),
    ",": re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d*)?"),
}


@dataclass(frozen=True)
class NumberFormat:
    """How amounts are written: the decimal mark, the thousands mark seen, and whether they
    carry symbols (currency, parentheses, a trailing minus) that need cleaning as text."""

    decimal: str = "."
    thousands: str | None = None
    symbols: bool = False

    def describe(self, what: str = "numbers") -> str:
        """``numbers like 1.234,56`` (*what* names the values: ``text like 1.234,56``), in
        the language in use (the example is as the file writes it)."""
        other = "." if self.decimal == "," else ","
        core = f"1{other}234{self.decimal}56" if self.thousands else f"1234{self.decimal}56"
        if what == "text":
            template = (
                _("text like {example} with symbols") if self.symbols else _("text like {example}")
            )
        else:
            template = (
                _("numbers like {example} with symbols")
                if self.symbols
                else _("numbers like {example}")
            )
        return template.format(example=core)


def _separator_evidence(token: str) -> str | None:
    """Which decimal mark *token* (digits and separators) implies: ".", ",", "?" (either)."""
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        return "." if token.rfind(".") > token.rfind(",") else ","
    if not dots and not commas:
        return None
    mark = "." if dots else ","
    if dots + commas > 1:
        return "," if mark == "." else "."  # repeated: it is the thousands mark
    whole, decimals = token.split(mark)
    if len(decimals) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0"):
        return "?"  # 1.234 or 1,234: a thousands group, or three decimals
    return mark


def detect_number_format(values: Sequence[str], *, italian: bool = False) -> NumberFormat:
    """The number format of a sample of amount texts.

    ``1.234,56`` / ``1234,56`` mean a decimal comma, ``1,234.56`` / ``1234.56`` a decimal point.
    A lone group of three (``1.234``, ``1,234``) could be either; the other values decide, and
    when none does, *italian* (a ``;`` delimiter or Italian headers) chooses the decimal comma.
    The thousands mark is only passed on when the sample shows properly grouped numbers.
    """
    votes: Counter[str] = Counter()
    grouped = {".": False, ",": False}
    symbols = False
    # Digits 1-9 all look alike here, so each distinct shape ("9999.99") is looked at once.
    shapes = Counter(v.strip().translate(_SHAPE) for v in values)
    for value, count in shapes.items():
        if not value:
            continue
        symbols = symbols or bool(_NEEDS_CLEANING.search(value))
        token = re.sub(r"[^\d.,]", "", value)
        evidence = _separator_evidence(token)
        if evidence:
            votes[evidence] += count
        for mark, pattern in _GROUPED.items():
            grouped[mark] = grouped[mark] or bool(pattern.fullmatch(token))
    if votes["."] != votes[","]:
        decimal = "." if votes["."] > votes[","] else ","
    else:
        decimal = "," if italian else "."
    thousands = "," if decimal == "." else "."
    return NumberFormat(decimal, thousands if grouped[thousands] else None, symbols)


def _text_mask(series: Any) -> Any:
    """True where the cell is text (pandas str columns skip the per-cell check)."""
    import pandas as pd

    if pd.api.types.is_string_dtype(series.dtype) and series.dtype != object:
        return series.notna()
    return series.map(lambda v: isinstance(v, str))


def parse_amount_text(series: Any, fmt: NumberFormat) -> tuple[Any, Any]:
    """Amounts from text cells, vectorised: ``(floats, bad)`` where *bad* marks cells that are
    not empty and not a number in *fmt* (currency symbols, ``(12)`` and ``12-`` understood).

    Non-text cells (numbers from Excel) are taken as they are.
    """
    values, bad, _ = read_amount_text(series, fmt)
    return values, bad


def _residue_currencies(residue: Any) -> tuple[Any, Any]:
    """For what is left of each cell once its number and blanks are taken out: ``(currency,
    invalid)``: the currency it writes (``""`` none) and whether it is anything else."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(residue)
    found = [written_currency(str(u)) for u in uniques]  # few: "", "€", "EUR", "abc"…
    invalid = np.array([f is None for f in found] + [False], dtype=bool)[codes]
    currency = np.array([f or "" for f in found] + [""], dtype=object)[codes]
    return currency, invalid


def read_amount_text(series: Any, fmt: NumberFormat) -> tuple[Any, Any, Any]:
    """:func:`parse_amount_text`, and per row the currency the cell writes (``""`` none;
    ``None`` instead of the array when no cell writes one)."""
    import numpy as np
    import pandas as pd

    is_text = _text_mask(series).to_numpy(dtype=bool)
    values = np.full(len(series), np.nan)
    numeric = pd.to_numeric(series.where(~is_text), errors="coerce").to_numpy(dtype=float)
    values[~is_text] = numeric[~is_text]
    text = series[is_text].astype(str).str.strip().str.replace("\u2212", "-", regex=False)
    empty = (text == "").to_numpy(dtype=bool)
    cleaned = text.str.replace(_NOT_NUMERIC, "", regex=True)
    written, invalid = _residue_currencies(text.str.replace(_NUMERIC_OR_SPACE, "", regex=True))
    pattern = rf"^(\()?([+-])?({_NUMBER[fmt.decimal]})(-)?(\))?$"
    parts = cleaned.str.extract(pattern)
    other = "," if fmt.decimal == "." else "."
    digits = parts[2].str.replace(other, "", regex=False).str.replace(",", ".", regex=False)
    number = pd.to_numeric(digits, errors="coerce").to_numpy(dtype=float)
    paren = parts[0].notna().to_numpy() != parts[4].notna().to_numpy()
    signs = (
        parts[0].notna().to_numpy(dtype=int)
        + (parts[1] == "-").to_numpy(dtype=int)
        + parts[3].notna().to_numpy(dtype=int)
    )
    number = np.where(signs == 1, -number, number)
    number[paren | (signs > 1) | invalid] = np.nan
    values[is_text] = number
    bad = np.zeros(len(series), dtype=bool)
    bad[is_text] = ~np.isfinite(number) & ~empty
    bad[~is_text] = ~np.isfinite(numeric[~is_text]) & series[~is_text].notna().to_numpy()
    marks = None
    if (written != "").any():
        marks = np.full(len(series), "", dtype=object)
        marks[is_text] = written
    return values, bad, marks
