"""Accounting for rows that cannot be used: blank rows, totals footers, rows without a
customer, amount or date; examples for messages, and the tolerance above which reading
stops."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamtui.abc.revenue.columns import normalize_label
from kamtui.abc.revenue.errors import RevenueFileError
from kamtui.abc.revenue.keys import key_text
from kamtui.abc.revenue.options import ReadOptions
from kamtui.text.i18n import N_, ngettext
from kamtui.text.i18n import gettext as _

BAD_ROW_TOLERANCE = 0.001
"""Unusable rows are skipped with a warning up to this fraction of the rows; above, an error."""
EXAMPLES = 5
"""Bad rows quoted in a message."""
_TOTALS = frozenset(
    {"total", "totals", "grand total", "subtotal", "totale", "totali", "totale generale"}
    | {"totale complessivo", "subtotale"}
)


@dataclass(frozen=True)
class BadRow:
    """One unusable row, for messages: where, which column, what was there, why."""

    row: int
    column: str
    value: str
    reason: str

    def describe(self) -> str:
        shown = self.value if len(self.value) <= 40 else self.value[:37] + "..."
        return _("row {row}: {reason} ({column} = {value})").format(
            row=self.row, reason=_(self.reason), column=self.column, value=repr(shown)
        )


def _blank_at(series: Any, rows: Any) -> Any:
    """Which of the positions *rows* of *series* hold nothing (checked only there)."""
    import numpy as np

    values = series.to_numpy(dtype=object)[rows]
    return np.array([key_text(v) == "" for v in values], dtype=bool)


def blank_rows(frame: Any, no_customer: Any, no_amount: Any) -> Any:
    """Rows with nothing in any column read (a blank line, a row of empty cells)."""
    import numpy as np

    blank = no_customer & no_amount
    candidates = np.flatnonzero(blank)
    for role in ("quantity", "price", "discount", "doc_type", "name", "date", "currency"):
        if role in frame and len(candidates):
            blank[candidates] &= _blank_at(frame[role], candidates)
    return blank


def totals_rows(codes: Any, keys: list[str]) -> Any:
    """Rows whose customer is "Total"/"Totale": an export's footer, not a customer."""
    import numpy as np

    found = [
        i for i, k in enumerate(keys) if "tot" in k.casefold() and normalize_label(k) in _TOTALS
    ]
    return np.isin(codes, found) if found else np.zeros(len(codes), dtype=bool)


Mask = tuple[str, Any, str]
"""(column role, rows, reason) for one kind of unusable row."""


def bad_masks(
    frame: Any, numbers: list[Mask], missing: list[Mask], codes: Any, dates: Any
) -> list[Mask]:
    """Each kind of unusable row, as a mask over the rows of *frame*: *numbers*, the rows
    whose number cells are not numbers; *missing*, those with an empty number cell. A row
    with an amount but no customer is usable (it is counted apart: see
    kamtui/abc/revenue/reader.py); one with neither is not."""
    import numpy as np

    no_customer = codes < 0
    masks = list(numbers)
    nothing = np.zeros(len(codes), dtype=bool)
    for role, mask, reason in missing:
        masks.append((role, mask & ~no_customer, reason))
        nothing |= mask
    masks.append(("customer", no_customer & nothing, N_("no customer and no amount")))
    if "overflow" in frame:
        extra = (frame["overflow"] != "").to_numpy()
        overflow = N_("more fields than the header (an unquoted delimiter?)")
        masks.append(("overflow", extra, overflow))
    if dates is not None:
        values, bad_date = dates
        masks.append(("date", bad_date, N_("not a date")))
        masks.append(("date", np.isnat(values) & ~bad_date, N_("no date")))
    return masks


def _example_rows(
    frame: Any, masks: list[Mask], columns: dict[str, str], first_row: int
) -> list[BadRow]:
    import numpy as np

    examples: list[BadRow] = []
    for role, mask, reason in masks:
        for index in np.flatnonzero(mask)[:EXAMPLES]:
            shown = key_text(frame[role].iloc[index])
            examples.append(BadRow(first_row + int(index), columns[role], shown, reason))
    return sorted(examples, key=lambda b: b.row)[:EXAMPLES]


def _bad_message(count: int, rows: int, examples: list[BadRow]) -> str:
    listed = "; ".join(b.describe() for b in examples)
    if count > len(examples):
        return ngettext(
            "{count} of {rows} rows cannot be used: {listed} (and {more} more)",
            "{count} of {rows} rows cannot be used: {listed} (and {more} more)",
            count,
        ).format(count=count, rows=rows, listed=listed, more=count - len(examples))
    return ngettext(
        "{count} of {rows} rows cannot be used: {listed}",
        "{count} of {rows} rows cannot be used: {listed}",
        count,
    ).format(count=count, rows=rows, listed=listed)


@dataclass(frozen=True)
class Rows:
    """Where the rows of a file are: header row, first data row, and the column labels."""

    first_row: int
    labels: dict[str, str]


def unusable_rows(
    path: Path, frame: Any, masks: list[Mask], where: Rows, rows: int, options: ReadOptions
) -> tuple[Any, str]:
    """All unusable rows, and a note about them; raises over the tolerance."""
    import numpy as np

    union = np.zeros(len(frame), dtype=bool)
    for _role, mask, _reason in masks:
        union |= mask
    count = int(union.sum())
    if not count:
        return union, ""
    examples = _example_rows(frame, masks, where.labels, where.first_row)
    message = _bad_message(count, rows, examples)
    if count >= rows:
        raise RevenueFileError(path, message)
    if not options.skip_bad_rows and count > math.floor(rows * BAD_ROW_TOLERANCE):
        hint = _("{message}. Fix them, or pass --skip-bad-rows to leave them out")
        raise RevenueFileError(path, hint.format(message=message))
    return union, _("left out {message}").format(message=message)


def totals_note(totals: Any, first_row: int) -> str:
    """The note for totals rows left out (``""`` when there are none)."""
    import numpy as np

    rows = [str(first_row + int(i)) for i in np.flatnonzero(totals)[:EXAMPLES]]
    if not rows:
        return ""
    return _("left out {count} totals row(s) (row {rows})").format(
        count=int(totals.sum()), rows=", ".join(rows)
    )
