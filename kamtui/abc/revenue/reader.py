"""Reading a revenue file into clean lines: sniff, choose columns and number format, parse,
then leave out unusable rows. Also the period filter on the clean lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from kamtui.abc.lines import lines_of
from kamtui.abc.revenue.amounts import NUMBER_ROLES, line_amounts, number_formats
from kamtui.abc.revenue.bad_rows import (
    Rows,
    bad_masks,
    blank_rows,
    totals_note,
    totals_rows,
    unusable_rows,
)
from kamtui.abc.revenue.columns import (
    ColumnMap,
    column_positions,
    guess_columns,
    looks_italian,
    role_labels,
)
from kamtui.abc.revenue.credit_notes import doc_types
from kamtui.abc.revenue.csv_reader import read_csv
from kamtui.abc.revenue.currency import (
    CurrencyChoice,
    choose_currency,
    holds_currencies,
    line_currencies,
)
from kamtui.abc.revenue.dates import parse_dates
from kamtui.abc.revenue.errors import RevenueFileError
from kamtui.abc.revenue.excel import read_sheet
from kamtui.abc.revenue.keys import customer_codes
from kamtui.abc.revenue.numbers import NumberFormat
from kamtui.abc.revenue.options import ReadOptions
from kamtui.abc.revenue.sniff import (
    DELIMITER_NAMES,
    FORMAT_RECORDS,
    check_text,
    given_encoding,
    read_head,
    sniff_text,
)
from kamtui.abc.worded import Worded, in_use
from kamtui.text.format import format_count
from kamtui.text.i18n import gettext as _
from kamtui.text.i18n import ngettext
from kamtui.text.safety import one_line


@dataclass
class RevenueData:
    """Clean revenue lines and what was learnt while reading them.

    ``lines`` has one row per usable input row with a customer: ``customer`` (text,
    categorical), ``amount`` (float: the amount column, or quantity × unit price less the
    discount; negative for a credit note), ``name`` (text, only with a name column), ``date``
    (``datetime64``, only when dates were needed) and ``credit`` (bool, only with a
    document-type column: the line is a credit note).
    """

    path: Path
    lines: Any
    columns: ColumnMap
    layout: str
    """How the file was read, for people: "UTF-8, ';'-separated, numbers like 1.234,56"."""
    rows: int
    """Data rows in the file (blank rows not counted)."""
    bad_rows: int = 0
    """Rows left out because they were unusable."""
    notes: list[str] = field(default_factory=list)
    currency: str | None = None
    """The currency of the lines (``None``: the file states none, and none was named)."""
    currency_lines: dict[str, int] = field(default_factory=dict)
    """Usable lines per currency stated in the file (``""``: no currency stated), most first;
    empty when the file states none."""
    rates: dict[str, float] = field(default_factory=dict)
    """The rates the lines were converted with: 1 key = value in :attr:`currency`."""
    unassigned: Any = None
    """The usable lines without a customer (``amount``, and ``date`` when dates were
    needed): counted and reported, never a customer of the analysis; ``None`` when none."""
    doc_types: dict[str, tuple[int, bool]] = field(default_factory=dict)
    """With a document-type column: each type as written → (rows, is a credit note)."""


@dataclass(frozen=True)
class _Described:
    """How a file was read, as far as it is known before the rows are parsed."""

    encoding: str
    sep: str | None
    numbers: str
    """How amounts were read: ``numbers like 1.234,56``, ``numbers as stored in the sheet``."""


@dataclass
class _Assembled:
    lines: Any
    unassigned: Any
    rows: int
    bad: int
    notes: list[str]
    date_format: str
    currency: CurrencyChoice
    currency_column: bool
    """Whether the currency column (if any) held currencies and was used."""
    doc_types: dict[str, tuple[int, bool]]


def _currency_masks(frame: Any, found: Any, money: str) -> list[tuple[str, Any, str]]:
    """Bad rows whose money cell (role *money*) states another currency than their currency
    column."""
    import numpy as np

    if found is None or found.conflicts is None or not found.conflicts.any():
        return []
    rows = np.flatnonzero(found.conflicts)
    column = frame["currency"].astype(object).to_numpy()
    pairs: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        stated = found.labels[found.codes[row]]
        pairs.setdefault((str(found.amount_currency[row]), stated), []).append(int(row))
    masks = []
    for (written, stated), where in pairs.items():
        mask = np.zeros(len(column), dtype=bool)
        mask[where] = True
        why = _("the amount is in {written}, the currency column says {stated}").format(
            written=written, stated=stated
        )
        masks.append((money, mask, why))
    return masks


def _assemble(
    path: Path, frame: Any, where: Rows, formats: dict[str, NumberFormat], options: ReadOptions
) -> _Assembled:
    """Clean lines from the raw role columns, in one currency."""
    import numpy as np

    codes, keys = customer_codes(frame["customer"])
    currency_column = "currency" in frame and holds_currencies(frame["currency"])
    if "currency" in frame and not currency_column:
        frame = frame.drop(columns="currency")
    found_amounts = line_amounts(path, frame, formats, where.labels)
    amounts = found_amounts.values
    types = None
    if "doc_type" in frame:
        types = doc_types(frame["doc_type"], options.credit_types)
        amounts = np.where(types.credit, -np.abs(amounts), amounts)
    found = line_currencies(frame, where.labels[found_amounts.money_role], found_amounts.marks)
    no_amount = np.isnan(amounts) & ~found_amounts.unusable
    blank = blank_rows(frame, codes < 0, no_amount)
    skip = blank | (totals_rows(codes, keys) & ~blank)
    dates, date_format = None, ""
    if "date" in frame:
        values, bad_date, date_format = parse_dates(frame["date"], options.dayfirst)
        dates = (values, bad_date)
    found_masks = bad_masks(frame, found_amounts.bad, found_amounts.missing, codes, dates)
    found_masks += _currency_masks(frame, found, found_amounts.money_role)
    masks = [(r, m & ~skip, why) for r, m, why in found_masks]
    rows = int((~blank).sum())
    bad, bad_note = unusable_rows(path, frame, masks, where, rows, options)
    notes = list(found_amounts.notes)
    notes += [n for n in (totals_note(skip & ~blank, where.first_row), bad_note) if n]
    usable = ~(skip | bad)
    choice = choose_currency(path, found, usable, options)
    notes += choice.notes
    if choice.keep is not None:
        usable &= choice.keep
    if choice.factors is not None:
        amounts = amounts * choice.factors
    credit = types.credit if types is not None else None
    if types is not None:
        notes.append(_types_note(where.labels["doc_type"], types.counts))
    lines = _lines(frame, usable & (codes >= 0), codes, keys, amounts, dates, credit)
    unassigned = _unassigned(usable & (codes < 0), amounts, dates)
    return _Assembled(
        lines,
        unassigned,
        rows,
        int(bad.sum()),
        notes,
        date_format,
        choice,
        currency_column,
        types.counts if types is not None else {},
    )


TYPES_LISTED = 8
"""Document types listed in the note about them."""


def _types_note(label: str, counts: dict[str, tuple[int, bool]]) -> str:
    """``document types in 'TipoDoc': TD01 1,204 lines, TD04 12 lines (credit notes)``."""
    credit_type = _("{type} {lines} (credit notes)")
    shown = [
        credit_type.format(type=one_line(t), lines=lines_of(n))
        if credit
        else f"{one_line(t)} {lines_of(n)}"
        for t, (n, credit) in list(counts.items())[:TYPES_LISTED]
    ]
    more = len(counts) - TYPES_LISTED
    if more > 0:
        shown.append(
            ngettext("{n} other type", "{n} other types", more).format(n=format_count(more))
        )
    listed = ", ".join(shown) or _("none written")
    return _("document types in {column}: {listed}").format(column=repr(label), listed=listed)


def _unassigned(keep: Any, amounts: Any, dates: Any) -> Any:
    """The usable lines without a customer (``None`` when there are none)."""
    import pandas as pd

    if not keep.any():
        return None
    columns: dict[str, Any] = {"amount": amounts[keep]}
    if dates is not None:
        columns["date"] = dates[0][keep]
    return pd.DataFrame(columns)


def _lines(
    frame: Any,
    keep: Any,
    codes: Any,
    keys: list[str],
    amounts: Any,
    dates: Any,
    credit: Any = None,
) -> Any:
    """The clean lines frame (see :class:`RevenueData`), without copying what it can share."""
    import pandas as pd

    every = bool(keep.all())

    def kept(values: Any) -> Any:
        return values if every else values[keep]

    customers = pd.Categorical.from_codes(kept(codes), categories=pd.Index(keys, dtype=object))
    columns: dict[str, Any] = {"customer": customers, "amount": kept(amounts)}
    if "name" in frame:
        names = frame["name"]
        if isinstance(names.dtype, pd.CategoricalDtype):
            columns["name"] = kept(names.array)
        else:  # text stays as it is: no conversion to pandas' string type, no copy
            columns["name"] = pd.Series(
                kept(names.to_numpy(dtype=object)), dtype=object, copy=False
            )
    if dates is not None:
        columns["date"] = kept(dates[0])
    if credit is not None:
        columns["credit"] = kept(credit)
    return pd.DataFrame(columns, copy=False)


def _sample_column(sample: list[list[str]], position: int) -> list[str]:
    return [r[position] for r in sample if len(r) > position]


def _samples(sample: list[list[str]], positions: dict[str, int]) -> dict[str, list[str]]:
    """The sample texts of each number column."""
    return {r: _sample_column(sample, positions[r]) for r in NUMBER_ROLES if r in positions}


def read_revenue(path: Path | str, options: ReadOptions = ReadOptions()) -> RevenueData:
    """Read a revenue file (CSV, TSV or .xlsx) into clean lines. Raises RevenueFileError."""
    path = Path(path)
    head, size = read_head(path)
    if head.startswith(b"PK\x03\x04"):
        return _read_excel_file(path, options)
    given = given_encoding(path, options.encoding, head) if options.encoding else None
    check_text(path, head, wide=bool(given and given.startswith(("utf-16", "utf-32"))))
    layout = sniff_text(path, head, size, given)
    columns = guess_columns(path, layout.header, options)
    positions = column_positions(layout.header, role_labels(columns, need_dates=options.need_dates))
    italian = layout.sep == ";" or looks_italian(layout.header)
    formats = number_formats(_samples(layout.sample, positions), italian=italian)
    frame = read_csv(path, layout, positions, formats, options)
    encoding: str = frame.attrs.get("encoding", layout.encoding)
    if given:
        encoding = Worded(lambda: _("{encoding} as given").format(encoding=given))
    numbers = Worded(lambda: _money_format(formats).describe())
    read_as = _Described(encoding, layout.sep, numbers)
    return _finish(path, frame, columns, layout.header_row + 1, formats, options, read_as)


def _money_format(formats: dict[str, NumberFormat]) -> NumberFormat:
    """The format that describes the file: its money column's (symbols of any column)."""
    money = formats.get("amount") or formats["price"]
    return replace(money, symbols=any(f.symbols for f in formats.values()))


def _read_excel_file(path: Path, options: ReadOptions) -> RevenueData:
    sheet = read_sheet(path, options.sheet)
    columns = guess_columns(path, sheet.header, options)
    roles = role_labels(columns, need_dates=options.need_dates)
    positions = column_positions(sheet.header, roles)
    frame = sheet.frame[[positions[r] for r in roles]]
    frame.columns = list(roles)
    texts = {
        role: [v for v in frame[role] if isinstance(v, str) and v.strip()][:FORMAT_RECORDS]
        for role in NUMBER_ROLES
        if role in frame
    }
    formats = number_formats(texts, italian=looks_italian(sheet.header))

    # Number cells have no format to detect; text cells among them are read as detected.
    def numbers() -> str:
        stored = _("numbers as stored in the sheet")
        if any(texts.values()):
            stored += ", " + _money_format(formats).describe("text")
        return stored

    read_as = _Described("Excel", None, Worded(numbers))
    data = _finish(path, frame, columns, sheet.header_row + 1, formats, options, read_as)
    if options.encoding:
        data.notes.append(
            _("an Excel workbook has no text encoding: {encoding} not used").format(
                encoding=options.encoding
            )
        )
    return data


def _finish(
    path: Path,
    frame: Any,
    columns: ColumnMap,
    first_row: int,
    formats: dict[str, NumberFormat],
    options: ReadOptions,
    read_as: _Described,
) -> RevenueData:
    labels = {role: label for role, label in asdict(columns).items() if label}
    labels["overflow"] = _("extra field")
    done = _assemble(path, frame, Rows(first_row, labels), formats, options)
    if done.rows == 0:  # blank rows past the sniffed sample
        raise RevenueFileError(path, _("has a header row but no revenue rows"))
    if len(done.lines) == 0 and done.unassigned is not None:
        raise RevenueFileError(
            path,
            _(
                "no line names a customer ({lines} with an amount and an empty {column}): is "
                "{column} the customer column? Name it with --customer COLUMN"
            ).format(lines=lines_of(len(done.unassigned)), column=repr(columns.customer)),
        )
    dates = done.date_format
    described = Worded(lambda: _describe(read_as, dates))
    choice = done.currency
    if columns.currency and not done.currency_column:
        columns = replace(columns, currency=None)
    return RevenueData(
        path,
        done.lines,
        columns,
        described,
        done.rows,
        done.bad,
        done.notes,
        currency=choice.currency,
        currency_lines=choice.lines,
        rates=choice.rates,
        unassigned=done.unassigned,
        doc_types=done.doc_types,
    )


def _describe(read_as: _Described, dates: str) -> str:
    names = {"utf-8": "UTF-8", "utf-8-sig": _("UTF-8 with BOM"), "utf-16": "UTF-16"}
    encoding = in_use(read_as.encoding)
    parts = [names.get(encoding, encoding)]
    if read_as.sep:
        separated = _("{delimiter}-separated")
        parts.append(separated.format(delimiter=_(DELIMITER_NAMES[read_as.sep])))
    parts.append(in_use(read_as.numbers))
    if dates:
        parts.append(_("dates {format}").format(format=in_use(dates)))
    return ", ".join(parts)


def select_period(data: RevenueData, start: dt.date | None, end: dt.date | None) -> tuple[Any, int]:
    """The lines dated from *start* to *end* (both inclusive), and how many were outside."""
    return _in_period(data, data.lines, start, end)


def unassigned_in_period(
    data: RevenueData, start: dt.date | None, end: dt.date | None
) -> tuple[int, float]:
    """The lines without a customer dated from *start* to *end*: how many, their amounts."""
    if data.unassigned is None:
        return 0, 0.0
    lines, _outside = _in_period(data, data.unassigned, start, end)
    return len(lines), float(lines["amount"].sum())


def _in_period(
    data: RevenueData, lines: Any, start: dt.date | None, end: dt.date | None
) -> tuple[Any, int]:
    import numpy as np

    if start is None and end is None:
        return lines, 0
    if "date" not in lines:
        raise RevenueFileError(data.path, _("a period needs a date column; pass --date COLUMN"))
    dates = lines["date"].to_numpy(dtype="datetime64[D]")
    inside = np.ones(len(lines), dtype=bool)
    if start is not None:
        inside &= dates >= np.datetime64(start, "D")
    if end is not None:
        inside &= dates <= np.datetime64(end, "D")
    return lines[inside].reset_index(drop=True), int((~inside).sum())
