"""Reading the role columns of a sniffed text file with pandas' C parser (with progress,
encoding fallbacks, rows wider than the header, parser errors made readable)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any

from kamtui.abc.revenue.errors import RevenueFileError
from kamtui.abc.revenue.numbers import NumberFormat
from kamtui.abc.revenue.options import ProgressCallback, ReadOptions
from kamtui.abc.revenue.sniff import DELIMITER_NAMES, Layout
from kamtui.text.i18n import gettext as _


class _CountingReader(io.RawIOBase):
    """A binary file that reports how far it has been read."""

    def __init__(self, raw: io.BufferedReader, size: int, progress: ProgressCallback) -> None:
        super().__init__()
        self._raw = raw
        self._size = size
        self._done = 0
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._raw.readinto(buffer)
        self._done += n
        self._progress(self._done, self._size)
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def _csv_kwargs(
    layout: Layout, positions: dict[str, int], formats: dict[str, NumberFormat]
) -> dict[str, Any]:
    """``read_csv`` arguments from what was sniffed (*formats*: per number role)."""
    numbers = {positions[r]: fmt for r, fmt in formats.items() if r in positions}
    # Dates as categories: the parser hands out codes and makes one string per distinct
    # date. (Not for keys and names: pandas turns categories that all look like numbers into
    # numbers, "00123" -> 123, and for many distinct values it is no faster than text.)
    dtype: dict[int, Any] = {pos: object for pos in positions.values() if pos not in numbers}
    if "date" in positions and _has_text(layout.sample, positions["date"]):
        dtype[positions["date"]] = "category"
    for role in ("currency", "doc_type"):  # a few codes over many lines
        if role in positions:
            dtype[positions[role]] = "category"
    kwargs: dict[str, Any] = {
        "sep": layout.sep,
        "encoding": layout.encoding,
        "header": None,
        "skiprows": layout.skip_lines,
        "usecols": sorted(positions.values()),
        "keep_default_na": False,
        "na_values": {pos: [""] for pos in numbers},
        "skip_blank_lines": False,
        "quotechar": '"',
        "engine": "c",
    }
    parsed = [fmt for pos, fmt in numbers.items() if not fmt.symbols]
    for pos, fmt in numbers.items():
        if fmt.symbols:
            dtype[pos] = object
    if parsed:  # the number roles share the file's decimal and thousands marks
        kwargs["decimal"] = parsed[0].decimal
        if parsed[0].thousands:
            kwargs["thousands"] = parsed[0].thousands
    kwargs["dtype"] = dtype
    return kwargs


def _has_text(sample: list[list[str]], position: int) -> bool:
    """Whether some sample value in the column is not a number."""
    for record in sample:
        value = record[position].strip() if len(record) > position else ""
        if value:
            try:
                float(value)
            except ValueError:
                return True
    return False


def _mark_overflow(frame: Any, rows: dict[int, str]) -> None:
    """Note, in an ``overflow`` column, the extra fields of rows longer than the header.

    With ``usecols`` the C parser silently takes the wrong cells from such a row (an unquoted
    delimiter inside a name), so they are found while sniffing. Past the sample, such a row
    almost always shifts text into the amount or date column and is caught there.
    """
    import numpy as np

    if rows:
        overflow = np.full(len(frame), "", dtype=object)
        for row, extra in rows.items():
            if row < len(frame):
                overflow[row] = extra
        frame["overflow"] = overflow


def _parser_error(path: Path, exc: Exception, sep: str) -> RevenueFileError:
    message = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if m:
        return RevenueFileError(
            path,
            _(
                "expected {expected} fields but found {found} (a {delimiter} inside a value that "
                "is not quoted?)"
            ).format(expected=m[1], found=m[3], delimiter=_(DELIMITER_NAMES[sep])),
            row=int(m[2]),
        )
    return RevenueFileError(
        path,
        _("cannot read it as {delimiter}-separated text: {error}").format(
            delimiter=_(DELIMITER_NAMES[sep]), error=message
        ),
    )


def _parse_csv(path: Path, kwargs: dict[str, Any], progress: ProgressCallback | None) -> Any:
    import pandas as pd

    with contextlib.ExitStack() as stack:
        source: Any = path
        if progress is not None:
            raw = stack.enter_context(open(path, "rb"))
            source = io.BufferedReader(_CountingReader(raw, path.stat().st_size, progress))
        return pd.read_csv(source, **kwargs)


def read_csv(
    path: Path,
    layout: Layout,
    positions: dict[str, int],
    formats: dict[str, NumberFormat],
    options: ReadOptions,
) -> Any:
    """The role columns of a text file, parsed by pandas' C parser with what was sniffed."""
    import pandas as pd

    kwargs = _csv_kwargs(layout, positions, formats)
    # A sample in UTF-8 does not make the whole file UTF-8: fall back as a spreadsheet would
    # (not from an encoding the caller named).
    detected = options.encoding is None
    fallbacks = ["cp1252", "latin-1"] if detected and layout.encoding.startswith("utf-8") else []
    for encoding in [layout.encoding, *fallbacks]:
        kwargs["encoding"] = encoding
        try:
            frame = _parse_csv(path, kwargs, options.progress)
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, ValueError) as exc:
            raise _parser_error(path, exc, layout.sep) from None
        by_position = {pos: role for role, pos in positions.items()}
        frame.columns = [by_position[c] for c in frame.columns]
        _mark_overflow(frame, layout.overflow)
        frame.attrs["encoding"] = encoding
        return frame
    if options.encoding:
        why = _("the text is not valid {encoding}")
    else:
        why = _("the text is not valid {encoding}: name its encoding with --encoding NAME")
    raise RevenueFileError(path, why.format(encoding=layout.encoding))
