"""Reading an Excel .xlsx workbook: choosing the sheet, finding the header row below any
title rows, and the cells under it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamtui.abc.revenue.columns import quote_all
from kamtui.abc.revenue.errors import RevenueFileError
from kamtui.abc.revenue.keys import key_text
from kamtui.text.i18n import gettext as _


def _open_workbook(path: Path) -> Any:
    import zipfile

    import pandas as pd

    try:
        return pd.ExcelFile(path, engine="openpyxl")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        why = _("not a readable Excel .xlsx workbook ({error})").format(error=exc)
        raise RevenueFileError(path, why) from None


def _choose_sheet(path: Path, names: list[str], wanted: str | None) -> str:
    if wanted is None:
        return names[0]
    if wanted in names:
        return wanted
    folded = [n for n in names if n.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    if wanted.isdigit() and 1 <= int(wanted) <= len(names):
        return names[int(wanted) - 1]
    raise RevenueFileError(
        path,
        _("no sheet {sheet}; the sheets are: {sheets}").format(
            sheet=repr(wanted), sheets=quote_all(names)
        ),
    )


def _excel_header(raw: Any) -> int:
    """Index of the header row: the first with at least two filled cells (-1: none)."""
    counts = raw.map(lambda v: key_text(v) != "").sum(axis=1).to_numpy()
    return next((i for i, count in enumerate(counts) if count >= 2), -1)


def _excel_label(value: object, index: int) -> str:
    return key_text(value) or _("column {number}").format(number=index + 1)


@dataclass(frozen=True)
class Sheet:
    """The cells of a sheet below its header, with the header and where it is."""

    frame: Any
    header: list[str]
    header_row: int


def read_sheet(path: Path, sheet: str | None) -> Sheet:
    """The chosen sheet of the workbook at *path* (cells as objects, no NA guessing)."""
    import pandas as pd

    book = _open_workbook(path)
    name = _choose_sheet(path, list(book.sheet_names), sheet)
    try:
        raw = pd.read_excel(
            book, sheet_name=name, header=None, dtype=object, keep_default_na=False, na_values=[]
        )
    except Exception as exc:  # openpyxl raises many kinds on damaged workbooks
        why = _("cannot read sheet {sheet}: {error}").format(sheet=repr(name), error=exc)
        raise RevenueFileError(path, why) from None
    start = _excel_header(raw) if len(raw) else -1
    if start < 0:
        raise RevenueFileError(
            path,
            _(
                "sheet {sheet} holds no table (no row with two filled cells); the sheets are: "
                "{sheets}. Choose one with --sheet"
            ).format(sheet=repr(name), sheets=quote_all(book.sheet_names)),
        )
    header = [_excel_label(v, i) for i, v in enumerate(raw.iloc[start])]
    frame = raw.iloc[start + 1 :].reset_index(drop=True)
    if frame.empty:
        raise RevenueFileError(
            path, _("sheet {sheet} has a header row but no revenue rows").format(sheet=repr(name))
        )
    return Sheet(frame=frame, header=header, header_row=start + 1)
