"""Sniffing a text export from its first MiB: refusing what is not text, the encoding,
the delimiter, preamble lines above the header, the header and a sample of records."""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kamtui.abc.revenue.errors import RevenueFileError
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

SAMPLE_BYTES = 1 << 20
"""How much of a text file is sniffed."""
SNIFF_RECORDS = 200
"""Records used to choose the delimiter."""
FORMAT_RECORDS = 2000
"""Records used to guess the number format (and to look for rows wider than the header)."""

DELIMITERS = ("\t", ";", "|", ",")
DELIMITER_NAMES = {"\t": N_("tab"), ";": "';'", "|": "'|'", ",": "','"}
"""Each delimiter as a message names it (``tab`` marked for translation: ``_()`` where shown)."""
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 26))
_EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})


@dataclass(frozen=True)
class Layout:
    """What sniffing a text file found."""

    encoding: str
    sep: str
    skip_lines: int
    """Physical lines before the first data row (preamble and header)."""
    header_row: int
    """1-based row number of the header."""
    header: list[str]
    sample: list[list[str]]
    """The first data records, as text."""
    overflow: dict[int, str]
    """Data rows of the sample (0 = the first) with more fields than the header: the extra."""


def read_head(path: Path) -> tuple[bytes, int]:
    """The first :data:`SAMPLE_BYTES` of *path* and its size; unreadable files raise."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            return fh.read(SAMPLE_BYTES), size
    except FileNotFoundError:
        raise RevenueFileError(path, _("no such file")) from None
    except IsADirectoryError:
        raise RevenueFileError(path, _("is a folder, not a revenue file")) from None
    except OSError as exc:
        why = _("cannot read it: {error}").format(error=exc.strerror or exc)
        raise RevenueFileError(path, why) from None


def text_codec(name: str) -> str:
    """The canonical name of the text encoding *name* (``"Windows-1250"`` → ``"cp1250"``);
    ``LookupError`` when there is none (unknown, or a bytes codec such as ``base64``)."""
    codec = codecs.lookup(name).name
    b"x".decode(codec, errors="replace")  # LookupError for a codec that is not a text encoding
    return codec


def given_encoding(path: Path, name: str, head: bytes) -> str:
    """The encoding the caller named, checked (:func:`text_codec`); UTF-8 with the BOM
    skipped when the file starts with one. Raises :class:`RevenueFileError` when unknown."""
    try:
        codec = text_codec(name)
    except LookupError:
        why = _("unknown encoding {name}").format(name=repr(name))
        raise RevenueFileError(path, why) from None
    if codec == "utf-8" and head.startswith(_UTF8_BOM):
        return "utf-8-sig"
    return codec


def check_text(path: Path, head: bytes, *, wide: bool = False) -> None:
    """Refuse empty files, old Excel and anything binary, with a message saying which.

    *wide*: the text is in a UTF-16/32 encoding named by the caller (NUL bytes are text)."""
    if not head.replace(_UTF8_BOM, b"").strip():
        raise RevenueFileError(path, _("the file is empty: expected a header row and revenue rows"))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise RevenueFileError(
            path, _("old Excel .xls workbooks are not supported: save it as .xlsx or CSV")
        )
    if path.suffix.lower() in _EXCEL_SUFFIXES:
        raise RevenueFileError(path, _("has an Excel extension but is not an Excel workbook"))
    if wide or head.startswith(_UTF16_BOMS):
        return
    nul = head.find(b"\x00")
    if nul >= 0:
        raise RevenueFileError(
            path,
            _("not a text file (binary data at byte {byte}): expected CSV, TSV or .xlsx").format(
                byte=nul
            ),
        )
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(head) // 100):
        raise RevenueFileError(
            path, _("not a text file (it is full of control bytes): expected CSV, TSV or .xlsx")
        )


def detect_encoding(head: bytes, *, complete: bool = True) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 (latin-1 if not cp1252)."""
    if head.startswith(_UTF8_BOM):
        return "utf-8-sig"
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        cut_short = not complete and exc.reason == "unexpected end of data"
        if cut_short and exc.start >= len(head) - 3:
            return "utf-8"
    if _CP1252_UNDEFINED.isdisjoint(head):
        return "cp1252"
    return "latin-1"


def _records(text: str, sep: str, limit: int) -> tuple[list[list[str]], list[int]]:
    """Up to *limit* records of *text*, and the physical line each one ends on."""
    reader = csv.reader(io.StringIO(text), delimiter=sep, quotechar='"', strict=False)
    rows: list[list[str]] = []
    ends: list[int] = []
    try:
        for record in reader:
            rows.append(record)
            ends.append(reader.line_num)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass
    return rows, ends


def _width(record: list[str]) -> int:
    """Fields up to the last non-empty one (exports often end rows with a delimiter)."""
    width = len(record)
    while width and not record[width - 1].strip():
        width -= 1
    return width


def _delimiter_score(rows: list[list[str]]) -> tuple[float, int]:
    """(share of non-blank records with the most common width, that width)."""
    widths = [w for r in rows if (w := _width(r))]
    if not widths:
        return 0.0, 0
    counts = Counter(widths)
    width = max(counts, key=lambda w: (counts[w], w))
    return counts[width] / len(widths), width


def sniff_delimiter(text: str) -> tuple[str, int]:
    """The delimiter whose records have the most consistent width (≥ 2); and that width."""
    best: tuple[float, int, int] = (0.0, 0, 0)
    chosen = ""
    for preference, sep in enumerate(reversed(DELIMITERS)):
        rows, _complete = _records(text, sep, SNIFF_RECORDS)
        score, width = _delimiter_score(rows)
        if width >= 2 and (score, preference, width) > best:
            best, chosen = (score, preference, width), sep
    return chosen, best[2]


def sniff_text(path: Path, head: bytes, size: int, encoding: str | None = None) -> Layout:
    """Encoding (unless given), delimiter, header and sample of a text file from its *head*."""
    complete = len(head) >= size
    encoding = encoding or detect_encoding(head, complete=complete)
    text = head.decode(encoding, errors="replace")
    if not complete and "\n" in text:
        text = text[: text.rindex("\n") + 1]
    sep, width = sniff_delimiter(text)
    if not sep:
        first = text.strip().splitlines()[0][:60] if text.strip() else ""
        raise RevenueFileError(
            path,
            _(
                "found a single column (first line: {first}): expected at least a customer and "
                "an amount column separated by ',', ';', tab or '|'"
            ).format(first=repr(first)),
        )
    rows, ends = _records(text, sep, FORMAT_RECORDS)
    # The header: the first record as wide as most (title lines above it are narrower; it
    # may be wider when its last columns are mostly empty).
    start = next(i for i, r in enumerate(rows) if _width(r) >= width)
    width = len(rows[start])
    records = rows[start + 1 :]
    data = [r for r in records if any(cell.strip() for cell in r)]
    if not data and complete:
        raise RevenueFileError(path, _("has a header row but no revenue rows"))
    return Layout(
        encoding=encoding,
        sep=sep,
        skip_lines=ends[start],
        header_row=start + 1,
        header=[cell.strip() for cell in rows[start]],
        sample=data,
        overflow={i: sep.join(r[width:]) for i, r in enumerate(records) if "".join(r[width:])},
    )
