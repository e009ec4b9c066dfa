"""Each line's amount: the amount column, or quantity × unit price less a discount.

Many line-level exports have no amount column, only a quantity and a unit price (and perhaps
a discount, as a fraction ``0.1`` or a percentage ``10%``/``10``); their product is the line's
amount. The number format detected for the file applies to every one of these columns. All of
it is vectorised: a million lines are a few array operations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kamtui.abc.revenue.errors import RevenueFileError
from kamtui.abc.revenue.numbers import NumberFormat, detect_number_format, read_amount_text
from kamtui.text.format import format_number
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

NUMBER_ROLES = ("amount", "quantity", "price", "discount")
"""The roles whose columns hold numbers."""

Mask = tuple[str, Any, str]
"""(column role, rows, reason) for one kind of unusable row."""


def number_formats(
    samples: Mapping[str, Sequence[str]], *, italian: bool
) -> dict[str, NumberFormat]:
    """The number format of each number column, from their sample texts: one decimal and
    thousands mark for the file (the columns together decide it: a quantity column of whole
    numbers says nothing, its price column does), symbols per column."""
    every = [v.replace("%", "") for values in samples.values() for v in values]
    shared = detect_number_format(every, italian=italian)
    return {
        role: replace(shared, symbols=detect_number_format(values, italian=italian).symbols)
        for role, values in samples.items()
    }


@dataclass
class LineAmounts:
    """Each row's amount and what reading the number columns found."""

    values: Any
    """Per row, the amount (NaN: none or unusable)."""
    bad: list[Mask]
    """Rows whose number cells are not numbers (or a discount out of range)."""
    missing: list[Mask]
    """Rows with an empty number cell (no amount, no quantity, no price)."""
    marks: Any
    """Per row, the currency the money cell writes (see kamtui/abc/revenue/numbers.py)."""
    money_role: str
    """The role of the column that holds money: ``amount``, else ``price``."""
    notes: list[str] = field(default_factory=list)

    @property
    def unusable(self) -> Any:
        """Rows with any bad number cell."""
        import numpy as np

        union = np.zeros(len(self.values), dtype=bool)
        for _role, mask, _why in self.bad:
            union |= mask
        return union


def _numbers(column: Any, fmt: NumberFormat) -> tuple[Any, Any, Any]:
    """``(floats, bad, currencies written)`` for a number column: numbers as parsed (no
    currency), else text cleaned (see :func:`read_amount_text`)."""
    import numpy as np
    import pandas as pd

    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column):
        values = column.to_numpy(dtype=float)
        return values, ~np.isfinite(values) & column.notna().to_numpy(), None
    return read_amount_text(column, fmt)


def line_amounts(
    path: Path, frame: Any, formats: dict[str, NumberFormat], label: dict[str, str]
) -> LineAmounts:
    """The amounts of the rows of *frame* (role columns; *label*: role → header label)."""
    import numpy as np

    if "amount" in frame:
        values, bad, marks = _numbers(frame["amount"], formats["amount"])
        missing = np.isnan(values) & ~bad
        return LineAmounts(
            values,
            [("amount", bad, N_("the amount is not a number"))],
            [("amount", missing, N_("no amount"))],
            marks,
            "amount",
        )
    quantity, bad_quantity, _marks = _numbers(frame["quantity"], formats["quantity"])
    price, bad_price, marks = _numbers(frame["price"], formats["price"])
    found = LineAmounts(
        quantity * price,
        [
            ("quantity", bad_quantity, N_("the quantity is not a number")),
            ("price", bad_price, N_("the unit price is not a number")),
        ],
        [
            ("quantity", np.isnan(quantity) & ~bad_quantity, N_("no quantity")),
            ("price", np.isnan(price) & ~bad_price, N_("no unit price")),
        ],
        marks,
        "price",
    )
    if "discount" in frame:
        fraction, bad, note = _discounts(path, frame["discount"], formats["discount"], label)
        found.values = found.values * (1.0 - fraction)
        found.bad.append(("discount", bad, N_("the discount is not a fraction or a percentage")))
        found.notes.append(note)
    return found


def _discounts(
    path: Path, column: Any, fmt: NumberFormat, label: dict[str, str]
) -> tuple[Any, Any, str]:
    """Each row's discount as a fraction (0 when empty), the rows whose discount is unusable,
    and a note saying how the column was read: as fractions (``0.1``) when every value is at
    most 1 and none is written with ``%``, else as percentages (``10%``, ``10``)."""
    import numpy as np
    import pandas as pd

    name = label["discount"]
    percent_sign = False
    if not pd.api.types.is_numeric_dtype(column.dtype):
        text = column.astype(object)
        is_text = text.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        if is_text.any():
            percent_sign = bool(text[is_text].str.contains("%", regex=False).any())
            text = text.copy()
            text[is_text] = text[is_text].str.replace("%", "", regex=False)
        column = text
    values, bad, _marks = _numbers(column, fmt)
    usable = values[np.isfinite(values)]
    largest = float(usable.max()) if len(usable) else 0.0
    as_percent = percent_sign or largest > 1
    if as_percent and largest > 100:
        raise RevenueFileError(
            path,
            _(
                "the discount column {name} holds {value}: neither a fraction (0.1) nor a "
                "percentage (10%). If it is money, name the amount column with --amount COLUMN, "
                "or leave the discount out with --discount ''"
            ).format(name=repr(name), value=format_number(largest)),
        )
    fraction = values / 100.0 if as_percent else values
    out_of_range = np.isfinite(fraction) & ((fraction < 0) | (fraction > 1))
    fraction = np.where(np.isfinite(fraction) & ~out_of_range, fraction, 0.0)
    if as_percent:
        note = _("read the discount {name} as a percentage (10 means 10%)").format(name=repr(name))
    else:
        note = _("read the discount {name} as a fraction (0.1 means 10%)").format(name=repr(name))
    return fraction, bad | out_of_range, note
