"""Dates: ISO, dd/mm/yyyy, dd/mm/yy and mm/dd/yyyy, the day/month order detected, each
distinct text parsed once."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kamtui.abc.revenue.keys import distinct, key_texts
from kamtui.abc.worded import Worded
from kamtui.text.i18n import gettext as _

_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_DMY_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[T ].*)?$")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 69 else 1900
    return year


def _split_date(value: object) -> tuple[str, int, int, int] | None:
    """``(kind, a, b, year)``: kind "ymd" (a=month, b=day) or "xy" (day and month in either
    order); ``None`` when it is not a date."""
    if isinstance(value, dt.datetime | dt.date):
        return "ymd", value.month, value.day, value.year
    if not isinstance(value, str):
        return None
    text = value.strip()
    if m := _ISO_DATE.match(text):
        return "ymd", int(m[2]), int(m[3]), int(m[1])
    if m := _DMY_DATE.match(text):
        return "xy", int(m[1]), int(m[2]), _year(m[3])
    return None


def _choose_dayfirst(parts: list[tuple[str, int, int, int] | None]) -> tuple[bool, bool]:
    """(dayfirst, ambiguous): dd/mm unless some value can only be mm/dd."""
    xy = [p for p in parts if p is not None and p[0] == "xy"]
    day_first_seen = any(p[1] > 12 for p in xy)
    month_first_seen = any(p[2] > 12 for p in xy)
    if month_first_seen and not day_first_seen:
        return False, False
    return True, bool(xy) and not day_first_seen


def _to_date(part: tuple[str, int, int, int] | None, dayfirst: bool) -> Any:
    import numpy as np

    if part is None:
        return np.datetime64("NaT")
    kind, a, b, year = part
    month, day = (a, b) if kind == "ymd" or not dayfirst else (b, a)
    try:
        return np.datetime64(dt.date(year, month, day), "D")
    except ValueError:
        return np.datetime64("NaT")


def parse_dates(series: Any, dayfirst: bool | None = None) -> tuple[Any, Any, str]:
    """Dates from a column: ``(datetime64[D] array, bad mask, format description)``.

    ISO dates, ``dd/mm/yyyy``, ``dd/mm/yy`` and ``mm/dd/yyyy`` (chosen only when some value
    cannot be dd/mm, or with ``dayfirst=False``), with ``/``, ``-`` or ``.``, times ignored.
    Each distinct text is parsed once, so a million lines cost a few thousand parses. Empty
    cells give ``NaT`` without being *bad*.
    """
    import numpy as np
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        values = series.to_numpy(dtype="datetime64[D]")
        return values, np.zeros(len(series), dtype=bool), "dates"
    codes, uniques = distinct(series)
    parts = [_split_date(u) for u in uniques]
    detected, ambiguous = _choose_dayfirst(parts)
    first = detected if dayfirst is None else dayfirst
    nat = np.datetime64("NaT", "D")
    table = np.array([_to_date(p, first) for p in parts] + [nat], dtype="datetime64[D]")
    filled = np.array([t != "" for t in key_texts(uniques)] + [False], dtype=bool)
    values = table[codes]  # code -1 (an empty cell) takes the last slot: NaT
    bad = (np.isnat(table) & filled)[codes]
    return values, bad, _date_description(parts, first, ambiguous and dayfirst is None)


def _date_description(
    parts: list[tuple[str, int, int, int] | None], dayfirst: bool, assumed: bool
) -> str:
    """How the dates are written, in the language in use whenever it is shown."""
    iso = not any(p is not None and p[0] == "xy" for p in parts)
    return Worded(lambda: _date_words(iso, dayfirst, assumed))


def _date_words(iso: bool, dayfirst: bool, assumed: bool) -> str:
    if iso:
        return _("yyyy-mm-dd")
    if not assumed:
        return _("dd/mm/yyyy") if dayfirst else _("mm/dd/yyyy")
    if dayfirst:
        return _("dd/mm/yyyy (assumed: pass --monthfirst for mm/dd/yyyy)")
    return _("mm/dd/yyyy (assumed: pass --monthfirst for mm/dd/yyyy)")
