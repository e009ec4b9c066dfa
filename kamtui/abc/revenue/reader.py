"""Reading a revenue file into clean lines: sniff, choose columns and number format, parse,
then leave out unusable rows. Also the period filter on the clean lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
from kamtui.abc.revenue.csv_reader import read_csv
from kamtui.abc.revenue.dates import parse_dates
from kamtui.abc.revenue.errors import RevenueFileError
from kamtui.abc.revenue.excel import read_sheet
from kamtui.abc.revenue.keys import customer_codes
from kamtui.abc.revenue.numbers import NumberFormat, detect_number_format, parse_amount_text
from kamtui.abc.revenue.options import ReadOptions
from kamtui.abc.revenue.sniff import (
    DELIMITER_NAMES,
    FORMAT_RECORDS,
    check_text,
    given_encoding,
    read_head,
    sniff_text,
)


@dataclass
class RevenueData:
    """Clean revenue lines and what was learnt while reading them.

    ``lines`` has one row per usable input row: ``customer`` (text, categorical), ``amount``
    (float), ``name`` (text, only with a name column) and ``date`` (``datetime64``, only when
    dates were needed).
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


@dataclass(frozen=True)
class _Described:
    """How a file was read, as far as it is known before the rows are parsed."""

    encoding: str
    sep: str | None
    numbers: str
    """How amounts were read: ``numbers like 1.234,56``, ``numbers as stored in the sheet``."""


def _amounts(frame: Any, fmt: NumberFormat) -> tuple[Any, Any]:
    """``(floats, bad)`` for the amount column: numbers as parsed, else text cleaned."""
    import numpy as np
    import pandas as pd

    column = frame["amount"]
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column):
        values = column.to_numpy(dtype=float)
        return values, ~np.isfinite(values) & column.notna().to_numpy()
    return parse_amount_text(column, fmt)


def _assemble(
    path: Path, frame: Any, where: Rows, fmt: NumberFormat, options: ReadOptions
) -> tuple[Any, int, int, list[str], str]:
    """Clean lines from the raw role columns; returns (lines, rows, bad, notes, date format)."""
    import numpy as np

    codes, keys = customer_codes(frame["customer"])
    amounts, bad_amount = _amounts(frame, fmt)
    blank = blank_rows(frame, codes < 0, np.isnan(amounts) & ~bad_amount)
    skip = blank | (totals_rows(codes, keys) & ~blank)
    dates, date_format = None, ""
    if "date" in frame:
        values, bad_date, date_format = parse_dates(frame["date"], options.dayfirst)
        dates = (values, bad_date)
    masks = [
        (r, m & ~skip, why) for r, m, why in bad_masks(frame, amounts, bad_amount, codes, dates)
    ]
    rows = int((~blank).sum())
    bad, bad_note = unusable_rows(path, frame, masks, where, rows, options)
    notes = [n for n in (totals_note(skip & ~blank, where.first_row), bad_note) if n]
    lines = _lines(frame, ~(skip | bad), codes, keys, amounts, dates)
    return lines, rows, int(bad.sum()), notes, date_format


def _lines(frame: Any, keep: Any, codes: Any, keys: list[str], amounts: Any, dates: Any) -> Any:
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
    return pd.DataFrame(columns, copy=False)


def _sample_column(sample: list[list[str]], position: int) -> list[str]:
    return [r[position] for r in sample if len(r) > position]


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
    fmt = detect_number_format(_sample_column(layout.sample, positions["amount"]), italian=italian)
    frame = read_csv(path, layout, positions, fmt, options)
    encoding = f"{given} as given" if given else frame.attrs.get("encoding", layout.encoding)
    read_as = _Described(encoding, layout.sep, fmt.describe())
    return _finish(path, frame, columns, layout.header_row + 1, fmt, options, read_as)


def _read_excel_file(path: Path, options: ReadOptions) -> RevenueData:
    sheet = read_sheet(path, options.sheet)
    columns = guess_columns(path, sheet.header, options)
    roles = role_labels(columns, need_dates=options.need_dates)
    positions = column_positions(sheet.header, roles)
    frame = sheet.frame[[positions[r] for r in roles]]
    frame.columns = list(roles)
    texts = [v for v in frame["amount"] if isinstance(v, str) and v.strip()][:FORMAT_RECORDS]
    fmt = detect_number_format(texts, italian=looks_italian(sheet.header))
    # Number cells have no format to detect; text cells among them are read as detected.
    numbers = "numbers as stored in the sheet"
    if texts:
        numbers += ", " + fmt.describe("text")
    read_as = _Described("Excel", None, numbers)
    data = _finish(path, frame, columns, sheet.header_row + 1, fmt, options, read_as)
    if options.encoding:
        data.notes.append(f"an Excel workbook has no text encoding: {options.encoding} not used")
    return data


def _finish(
    path: Path,
    frame: Any,
    columns: ColumnMap,
    first_row: int,
    fmt: NumberFormat,
    options: ReadOptions,
    read_as: _Described,
) -> RevenueData:
    labels = {"customer": columns.customer, "amount": columns.amount}
    labels.update({"name": columns.name or "", "date": columns.date or ""})
    labels["overflow"] = "extra field"
    lines, rows, bad, notes, dates = _assemble(path, frame, Rows(first_row, labels), fmt, options)
    if rows == 0:  # blank rows past the sniffed sample
        raise RevenueFileError(path, "has a header row but no revenue rows")
    described = _describe(read_as, dates)
    return RevenueData(path, lines, columns, described, rows, bad, notes)


def _describe(read_as: _Described, dates: str) -> str:
    names = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16"}
    parts = [names.get(read_as.encoding, read_as.encoding)]
    if read_as.sep:
        parts.append(f"{DELIMITER_NAMES[read_as.sep]}-separated")
    parts.append(read_as.numbers)
    if dates:
        parts.append(f"dates {dates}")
    return ", ".join(parts)


def select_period(data: RevenueData, start: dt.date | None, end: dt.date | None) -> tuple[Any, int]:
    """The lines dated from *start* to *end* (both inclusive), and how many were outside."""
    import numpy as np

    lines = data.lines
    if start is None and end is None:
        return lines, 0
    if "date" not in lines:
        raise RevenueFileError(data.path, "a period needs a date column; pass --date COLUMN")
    dates = lines["date"].to_numpy(dtype="datetime64[D]")
    inside = np.ones(len(lines), dtype=bool)
    if start is not None:
        inside &= dates >= np.datetime64(start, "D")
    if end is not None:
        inside &= dates <= np.datetime64(end, "D")
    return lines[inside].reset_index(drop=True), int((~inside).sum())
