"""Reading revenue exports (CSV, TSV, Excel) into clean invoice lines for the ABC analysis.

Users bring the file their ERP or CRM gives them, in Italian or English conventions. Reading
is done in two steps so that a million lines never go through per-row Python:

1. **Sniff** a sample (the first MiB): file kind, encoding, delimiter, preamble lines, header,
   which columns hold the customer, name, amount and date, and the number format.
2. **Read** with pandas' C parser, passing what was detected (``sep``, ``encoding``,
   ``decimal``, ``thousands``, ``usecols``, dtypes). Only when amounts carry currency symbols,
   parentheses or a trailing minus (or the C parser gives up on a value) are they cleaned with
   vectorised ``.str`` operations.

Anything that makes the file unusable raises :class:`RevenueFileError`, whose message names the
file (and the row when there is one). pandas is imported inside functions only.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SAMPLE_BYTES = 1 << 20
"""How much of a text file is sniffed."""
SNIFF_RECORDS = 200
"""Records used to choose the delimiter."""
FORMAT_RECORDS = 2000
"""Records used to guess the number format (and to look for rows wider than the header)."""
BAD_ROW_TOLERANCE = 0.001
"""Unusable rows are skipped with a warning up to this fraction of the rows; above, an error."""
EXAMPLES = 5
"""Bad rows quoted in a message."""

DELIMITERS = ("\t", ";", "|", ",")
_DELIMITER_NAMES = {"\t": "tab", ";": "';'", "|": "'|'", ",": "','"}
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_CONTROL_BYTES = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 26))
_EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_TOTALS = frozenset(
    {"total", "totals", "grand total", "subtotal", "totale", "totali", "totale generale"}
    | {"totale complessivo", "subtotale"}
)

ProgressCallback = Callable[[int, int], None]
"""Called with (bytes read, file size) while a big text file is read."""


# -- errors and results ----------------------------------------------------------------------


class RevenueFileError(Exception):
    """A revenue file cannot be used. The message names the file (and row when known)."""

    def __init__(self, path: Path | str, message: str, *, row: int | None = None) -> None:
        self.path = Path(path)
        self.row = row
        self.reason = message
        where = f"{path}: row {row}" if row is not None else f"{path}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class ReadOptions:
    """How to read a revenue file; ``None`` means "detect it"."""

    sheet: str | None = None
    """Excel sheet: a name, or a number counting from 1 (default: the first sheet)."""
    customer: str | None = None
    name: str | None = None
    """The name column; ``""`` means "there is none" (no guessing)."""
    amount: str | None = None
    date: str | None = None
    dayfirst: bool | None = None
    """``True`` for dd/mm, ``False`` for mm/dd, ``None`` to detect (dd/mm when ambiguous)."""
    need_dates: bool = False
    """Read and check the date column (needed for a period filter)."""
    skip_bad_rows: bool = False
    """Leave out any number of unusable rows instead of stopping over the tolerance."""
    progress: ProgressCallback | None = None


@dataclass(frozen=True)
class ColumnMap:
    """The header labels chosen for each role (``None``: the file has no such column)."""

    customer: str
    amount: str
    name: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class BadRow:
    """One unusable row, for messages: where, which column, what was there, why."""

    row: int
    column: str
    value: str
    reason: str

    def describe(self) -> str:
        shown = self.value if len(self.value) <= 40 else self.value[:37] + "..."
        return f"row {self.row}: {self.reason} ({self.column} = {shown!r})"


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


# -- sniffing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
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


def _read_head(path: Path) -> tuple[bytes, int]:
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            return fh.read(SAMPLE_BYTES), size
    except FileNotFoundError:
        raise RevenueFileError(path, "no such file") from None
    except IsADirectoryError:
        raise RevenueFileError(path, "is a folder, not a revenue file") from None
    except OSError as exc:
        raise RevenueFileError(path, f"cannot read it: {exc.strerror or exc}") from None


def _check_text(path: Path, head: bytes) -> None:
    """Refuse empty files, old Excel and anything binary, with a message saying which."""
    if not head.replace(_UTF8_BOM, b"").strip():
        raise RevenueFileError(path, "the file is empty: expected a header row and revenue rows")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise RevenueFileError(
            path, "old Excel .xls workbooks are not supported: save it as .xlsx or CSV"
        )
    if path.suffix.lower() in _EXCEL_SUFFIXES:
        raise RevenueFileError(path, "has an Excel extension but is not an Excel workbook")
    if head.startswith(_UTF16_BOMS):
        return
    nul = head.find(b"\x00")
    if nul >= 0:
        raise RevenueFileError(
            path, f"not a text file (binary data at byte {nul}): expected CSV, TSV or .xlsx"
        )
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(head) // 100):
        raise RevenueFileError(
            path, "not a text file (it is full of control bytes): expected CSV, TSV or .xlsx"
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
        rows, _ = _records(text, sep, SNIFF_RECORDS)
        score, width = _delimiter_score(rows)
        if width >= 2 and (score, preference, width) > best:
            best, chosen = (score, preference, width), sep
    return chosen, best[2]


def _sniff_text(path: Path, head: bytes, size: int) -> _Layout:
    complete = len(head) >= size
    encoding = detect_encoding(head, complete=complete)
    text = head.decode(encoding, errors="replace")
    if not complete and "\n" in text:
        text = text[: text.rindex("\n") + 1]
    sep, width = sniff_delimiter(text)
    if not sep:
        first = text.strip().splitlines()[0][:60] if text.strip() else ""
        raise RevenueFileError(
            path,
            f"found a single column (first line: {first!r}): expected at least a customer and "
            "an amount column separated by ',', ';', tab or '|'",
        )
    rows, ends = _records(text, sep, FORMAT_RECORDS)
    # The header: the first record as wide as most (title lines above it are narrower; it
    # may be wider when its last columns are mostly empty).
    start = next(i for i, r in enumerate(rows) if _width(r) >= width)
    width = len(rows[start])
    records = rows[start + 1 :]
    data = [r for r in records if any(cell.strip() for cell in r)]
    if not data and complete:
        raise RevenueFileError(path, "has a header row but no revenue rows")
    return _Layout(
        encoding=encoding,
        sep=sep,
        skip_lines=ends[start],
        header_row=start + 1,
        header=[cell.strip() for cell in rows[start]],
        sample=data,
        overflow={i: sep.join(r[width:]) for i, r in enumerate(records) if "".join(r[width:])},
    )


# -- columns ---------------------------------------------------------------------------------

# Header words by role, best tier first, "|"-separated. A partial match (the synonym's words
# inside a longer header, like "Importo (EUR)") scores half a tier worse than an exact one.
_ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer": (
        "customer id|customer code|customer no|customer number|customer nr|customer key|"
        "id customer|codice cliente|cod cliente|codcliente|id cliente|cliente id|account id|"
        "account code|account number|client id|client code",
        "customer|cliente|account|client",
        "ragione sociale|customer name|nome cliente|denominazione|account name|client name",
    ),
    "name": (
        "customer name|ragione sociale|nome cliente|denominazione|account name|client name|"
        "company name|descrizione cliente",
        "name|nome|company|azienda",
    ),
    "amount": (
        "amount|revenue|sales|net|net amount|net sales|net revenue|turnover|importo|"
        "importo netto|imponibile|fatturato|ricavi|vendite",
        "total|totale|value|valore|total amount|importo totale",
    ),
    "date": (
        "date|order date|invoice date|document date|posting date|billing date|data|"
        "data fattura|data documento|data ordine|data registrazione|data doc",
    ),
}
_ITALIAN_WORDS = frozenset(
    {"cliente", "importo", "imponibile", "fatturato", "totale", "data", "ragione", "codice"}
)
_OPTION_FOR = {"customer": "--customer", "name": "--name", "amount": "--amount", "date": "--date"}
_ROLE_WORDS = {
    "customer": "the customer",
    "name": "the customer name",
    "amount": "the amount",
    "date": "the date",
}


def normalize_label(label: str) -> str:
    """A header label for matching: no accents, lower case, words separated by one space."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _role_score(label: str, role: str) -> float | None:
    """How well *label* names *role* (lower is better), ``None`` when it does not at all."""
    words = normalize_label(label).split()
    padded = f" {' '.join(words)} "
    best: float | None = None
    for tier, synonyms in enumerate(_ROLE_SYNONYMS[role], start=1):
        for synonym in synonyms.split("|"):
            if words == synonym.split():
                score = float(tier)
            elif f" {synonym} " in padded:
                score = tier + 0.5
            else:
                continue
            best = score if best is None else min(best, score)
    return best


def _quote_all(labels: Sequence[str]) -> str:
    return ", ".join(repr(label) for label in labels)


def _explicit_column(path: Path, header: Sequence[str], wanted: str, role: str) -> str:
    if wanted in header:
        return wanted
    matches = [h for h in header if normalize_label(h) == normalize_label(wanted)]
    if len(matches) == 1:
        return matches[0]
    raise RevenueFileError(
        path,
        f"no column {wanted!r} (given with {_OPTION_FOR[role]}); "
        f"the columns are: {_quote_all(header)}",
    )


def _guess_column(
    path: Path, header: Sequence[str], role: str, taken: set[str], *, required: bool
) -> str | None:
    scored = [(s, h) for h in header if h not in taken and (s := _role_score(h, role)) is not None]
    if not scored:
        if not required:
            return None
        raise RevenueFileError(
            path,
            f"cannot tell which column holds {_ROLE_WORDS[role]}; the columns are: "
            f"{_quote_all(header)}. Name it with {_OPTION_FOR[role]} COLUMN",
        )
    best = min(s for s, _ in scored)
    candidates = [h for s, h in scored if s == best]
    if len(candidates) > 1:
        raise RevenueFileError(
            path,
            f"more than one column could hold {_ROLE_WORDS[role]}: {_quote_all(candidates)}. "
            f"Choose one with {_OPTION_FOR[role]} COLUMN",
        )
    return candidates[0]


def guess_columns(
    path: Path | str, header: Sequence[str], options: ReadOptions = ReadOptions()
) -> ColumnMap:
    """Which header label holds each role: the explicit options first, then guesses.

    A guess stops (raises) when two columns fit equally well, rather than pick the wrong one.
    The date is only required (and its ambiguity only an error) with ``options.need_dates``.
    """
    path = Path(path)
    chosen: dict[str, str | None] = {}
    for role in ("customer", "amount", "name", "date"):
        wanted = getattr(options, role)
        if wanted == "" and role == "name":
            chosen[role] = None
        elif wanted:
            chosen[role] = _explicit_column(path, header, wanted, role)
    taken = {c for c in chosen.values() if c}
    for role in ("customer", "amount", "name", "date"):
        if role in chosen:
            continue
        required = role in ("customer", "amount") or (role == "date" and options.need_dates)
        try:
            chosen[role] = _guess_column(path, header, role, taken, required=required)
        except RevenueFileError:
            if required or role == "name":
                raise
            chosen[role] = None  # an ambiguous date does not matter when no date is needed
        if chosen[role]:
            taken.add(str(chosen[role]))
    customer, amount = chosen["customer"], chosen["amount"]
    assert customer is not None and amount is not None
    if customer == amount:
        raise RevenueFileError(path, f"column {customer!r} cannot be both customer and amount")
    return ColumnMap(customer=customer, amount=amount, name=chosen["name"], date=chosen["date"])


def _looks_italian(header: Sequence[str]) -> bool:
    return any(w in _ITALIAN_WORDS for h in header for w in normalize_label(h).split())


# -- numbers ---------------------------------------------------------------------------------

_CODES = r"(?i:(?<![a-z])(?:eur|usd|gbp|chf|jpy)(?![a-z]))"
_NOISE = r"[€$£¥₹\s\u00a0\u202f'’]|" + _CODES
_NEEDS_CLEANING = re.compile(r"[€$£¥₹()'’\u00a0\u202f\u2212]|\s|\d-$|" + _CODES)
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

    def describe(self) -> str:
        other = "." if self.decimal == "," else ","
        core = f"1{other}234{self.decimal}56" if self.thousands else f"1234{self.decimal}56"
        return f"numbers like {core}" + (" with symbols" if self.symbols else "")


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
    import numpy as np
    import pandas as pd

    is_text = _text_mask(series).to_numpy(dtype=bool)
    values = np.full(len(series), np.nan)
    numeric = pd.to_numeric(series.where(~is_text), errors="coerce").to_numpy(dtype=float)
    values[~is_text] = numeric[~is_text]
    text = series[is_text].astype(str).str.strip()
    empty = (text == "").to_numpy(dtype=bool)
    cleaned = text.str.replace("\u2212", "-", regex=False).str.replace(_NOISE, "", regex=True)
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
    number[paren | (signs > 1)] = np.nan
    values[is_text] = number
    bad = np.zeros(len(series), dtype=bool)
    bad[is_text] = ~np.isfinite(number) & ~empty
    bad[~is_text] = ~np.isfinite(numeric[~is_text]) & series[~is_text].notna().to_numpy()
    return values, bad


# -- dates -----------------------------------------------------------------------------------

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
    if not any(p is not None and p[0] == "xy" for p in parts):
        return "yyyy-mm-dd"
    described = "dd/mm/yyyy" if dayfirst else "mm/dd/yyyy"
    return described + (" (assumed: pass --monthfirst for mm/dd/yyyy)" if assumed else "")


# -- reading ---------------------------------------------------------------------------------


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


def _roles(columns: ColumnMap, *, need_dates: bool) -> dict[str, str]:
    roles = {"customer": columns.customer, "amount": columns.amount}
    if columns.name:
        roles["name"] = columns.name
    if need_dates and columns.date:
        roles["date"] = columns.date
    return roles


def _csv_kwargs(layout: _Layout, positions: dict[str, int], fmt: NumberFormat) -> dict[str, Any]:
    """``read_csv`` arguments from what was sniffed."""
    amount = positions["amount"]
    # Dates as categories: the parser hands out codes and makes one string per distinct
    # date. (Not for keys and names: pandas turns categories that all look like numbers into
    # numbers, "00123" -> 123, and for many distinct values it is no faster than text.)
    dtype: dict[int, Any] = {pos: object for role, pos in positions.items() if role != "amount"}
    if "date" in positions and _has_text(layout.sample, positions["date"]):
        dtype[positions["date"]] = "category"
    kwargs: dict[str, Any] = {
        "sep": layout.sep,
        "encoding": layout.encoding,
        "header": None,
        "skiprows": layout.skip_lines,
        "usecols": sorted(positions.values()),
        "keep_default_na": False,
        "na_values": {amount: [""]},
        "skip_blank_lines": False,
        "quotechar": '"',
        "engine": "c",
    }
    if fmt.symbols:
        dtype[amount] = object
    else:
        kwargs["decimal"] = fmt.decimal
        if fmt.thousands:
            kwargs["thousands"] = fmt.thousands
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
            f"expected {m[1]} fields but found {m[3]} (a {_DELIMITER_NAMES[sep]} inside a value "
            "that is not quoted?)",
            row=int(m[2]),
        )
    return RevenueFileError(
        path, f"cannot read it as {_DELIMITER_NAMES[sep]}-separated text: {message}"
    )


def _parse_csv(path: Path, kwargs: dict[str, Any], progress: ProgressCallback | None) -> Any:
    import pandas as pd

    with contextlib.ExitStack() as stack:
        source: Any = path
        if progress is not None:
            raw = stack.enter_context(open(path, "rb"))
            source = io.BufferedReader(_CountingReader(raw, path.stat().st_size, progress))
        return pd.read_csv(source, **kwargs)


def _read_csv(
    path: Path, layout: _Layout, positions: dict[str, int], fmt: NumberFormat, options: ReadOptions
) -> Any:
    """The role columns of a text file, parsed by pandas' C parser with what was sniffed."""
    import pandas as pd

    kwargs = _csv_kwargs(layout, positions, fmt)
    # A sample in UTF-8 does not make the whole file UTF-8: fall back as a spreadsheet would.
    fallbacks = ["cp1252", "latin-1"] if layout.encoding.startswith("utf-8") else []
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
    raise RevenueFileError(path, f"the text is not valid {layout.encoding}")


def _open_workbook(path: Path) -> Any:
    import zipfile

    import pandas as pd

    try:
        return pd.ExcelFile(path, engine="openpyxl")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RevenueFileError(path, f"not a readable Excel .xlsx workbook ({exc})") from None


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
    raise RevenueFileError(path, f"no sheet {wanted!r}; the sheets are: {_quote_all(names)}")


def _excel_header(raw: Any) -> int:
    """Index of the header row: the first with at least two filled cells (-1: none)."""
    counts = raw.map(lambda v: key_text(v) != "").sum(axis=1).to_numpy()
    return next((i for i, count in enumerate(counts) if count >= 2), -1)


def _excel_label(value: object, index: int) -> str:
    return key_text(value) or f"column {index + 1}"


@dataclass(frozen=True)
class _Sheet:
    """The cells of a sheet below its header, with the header and where it is."""

    frame: Any
    header: list[str]
    header_row: int


def _read_sheet(path: Path, sheet: str | None) -> _Sheet:
    import pandas as pd

    book = _open_workbook(path)
    name = _choose_sheet(path, list(book.sheet_names), sheet)
    try:
        raw = pd.read_excel(
            book, sheet_name=name, header=None, dtype=object, keep_default_na=False, na_values=[]
        )
    except Exception as exc:  # openpyxl raises many kinds on damaged workbooks
        raise RevenueFileError(path, f"cannot read sheet {name!r}: {exc}") from None
    start = _excel_header(raw) if len(raw) else -1
    if start < 0:
        raise RevenueFileError(
            path,
            f"sheet {name!r} holds no table (no row with two filled cells); the sheets are: "
            f"{_quote_all(book.sheet_names)}. Choose one with --sheet",
        )
    header = [_excel_label(v, i) for i, v in enumerate(raw.iloc[start])]
    frame = raw.iloc[start + 1 :].reset_index(drop=True)
    if frame.empty:
        raise RevenueFileError(path, f"sheet {name!r} has a header row but no revenue rows")
    return _Sheet(frame=frame, header=header, header_row=start + 1)


# -- assembling clean lines ------------------------------------------------------------------


def key_text(value: object) -> str:
    """A customer key as text: whole numbers without ``.0``, surrounding spaces removed."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def key_texts(values: Any) -> list[str]:
    """:func:`key_text` of many values (a fast path for the usual case: all text)."""
    return [v.strip() if type(v) is str else key_text(v) for v in values]


def distinct(series: Any) -> tuple[Any, list[Any]]:
    """``(codes, uniques)`` of a column; -1 for missing. Free for a categorical column."""
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), list(series.cat.categories)
    codes, uniques = pd.factorize(series)
    return codes, list(uniques)


def _clean_keys(values: list[Any]) -> bool:
    """Whether *values* are distinct, non-empty texts without surrounding spaces."""
    return all(type(v) is str and v and v == v.strip() for v in values)


def customer_codes(series: Any) -> tuple[Any, list[str]]:
    """``(codes, keys)`` for a customer column: codes index *keys*; -1 for no customer.

    Keys are normalised (:func:`key_text`) on the distinct values only, so ``" C1 "`` and
    ``"C1"`` are one customer at the cost of a factorisation, not a per-row strip.
    """
    import numpy as np

    codes, uniques = distinct(series)
    if _clean_keys(uniques):  # already keys (lines made by this module): nothing to merge
        return codes.astype(np.int64, copy=False), uniques
    index: dict[str, int] = {}
    table = np.full(len(uniques) + 1, -1, dtype=np.int64)  # the extra slot maps code -1
    for i, text in enumerate(key_texts(uniques)):
        if text:
            table[i] = index.setdefault(text, len(index))
    return table[codes], list(index)


def _blank_at(series: Any, rows: Any) -> Any:
    """Which of the positions *rows* of *series* hold nothing (checked only there)."""
    import numpy as np

    values = series.to_numpy(dtype=object)[rows]
    return np.array([key_text(v) == "" for v in values], dtype=bool)


def _amounts(frame: Any, fmt: NumberFormat) -> tuple[Any, Any]:
    """``(floats, bad)`` for the amount column: numbers as parsed, else text cleaned."""
    import numpy as np
    import pandas as pd

    column = frame["amount"]
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column):
        values = column.to_numpy(dtype=float)
        return values, ~np.isfinite(values) & column.notna().to_numpy()
    return parse_amount_text(column, fmt)


def _blank_rows(frame: Any, no_customer: Any, no_amount: Any) -> Any:
    """Rows with nothing in any column read (a blank line, a row of empty cells)."""
    import numpy as np

    blank = no_customer & no_amount
    candidates = np.flatnonzero(blank)
    for role in ("name", "date"):
        if role in frame and len(candidates):
            blank[candidates] &= _blank_at(frame[role], candidates)
    return blank


def _totals_rows(codes: Any, keys: list[str]) -> Any:
    """Rows whose customer is "Total"/"Totale": an export's footer, not a customer."""
    import numpy as np

    found = [
        i for i, k in enumerate(keys) if "tot" in k.casefold() and normalize_label(k) in _TOTALS
    ]
    return np.isin(codes, found) if found else np.zeros(len(codes), dtype=bool)


_Mask = tuple[str, Any, str]
"""(column role, rows, reason) for one kind of unusable row."""


def _bad_masks(frame: Any, amounts: Any, bad_amount: Any, codes: Any, dates: Any) -> list[_Mask]:
    import numpy as np

    no_customer = codes < 0
    no_amount = np.isnan(amounts) & ~bad_amount
    masks = [
        ("customer", no_customer, "no customer"),
        ("amount", bad_amount, "the amount is not a number"),
        ("amount", no_amount & ~no_customer, "no amount"),
    ]
    if "overflow" in frame:
        extra = (frame["overflow"] != "").to_numpy()
        masks.append(("overflow", extra, "more fields than the header (an unquoted delimiter?)"))
    if dates is not None:
        values, bad_date = dates
        masks.append(("date", bad_date, "not a date"))
        masks.append(("date", np.isnat(values) & ~bad_date, "no date"))
    return masks


def _example_rows(
    frame: Any, masks: list[_Mask], columns: dict[str, str], first_row: int
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
    more = f" (and {count - len(examples)} more)" if count > len(examples) else ""
    return f"{count} of {rows} rows cannot be used: {listed}{more}"


@dataclass(frozen=True)
class _Rows:
    """Where the rows of a file are: header row, first data row, and the column labels."""

    first_row: int
    labels: dict[str, str]


def _bad_rows(
    path: Path, frame: Any, masks: list[_Mask], where: _Rows, rows: int, options: ReadOptions
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
        hint = ". Fix them, or pass --skip-bad-rows to leave them out"
        raise RevenueFileError(path, message + hint)
    return union, f"left out {message}"


def _totals_note(totals: Any, first_row: int) -> str:
    import numpy as np

    rows = [str(first_row + int(i)) for i in np.flatnonzero(totals)[:EXAMPLES]]
    return f"left out {int(totals.sum())} totals row(s) (row {', '.join(rows)})" if rows else ""


def _assemble(
    path: Path, frame: Any, where: _Rows, fmt: NumberFormat, options: ReadOptions
) -> tuple[Any, int, int, list[str], str]:
    """Clean lines from the raw role columns; returns (lines, rows, bad, notes, date format)."""
    import numpy as np

    codes, keys = customer_codes(frame["customer"])
    amounts, bad_amount = _amounts(frame, fmt)
    blank = _blank_rows(frame, codes < 0, np.isnan(amounts) & ~bad_amount)
    skip = blank | (_totals_rows(codes, keys) & ~blank)
    dates, date_format = None, ""
    if "date" in frame:
        values, bad_date, date_format = parse_dates(frame["date"], options.dayfirst)
        dates = (values, bad_date)
    masks = [
        (r, m & ~skip, why) for r, m, why in _bad_masks(frame, amounts, bad_amount, codes, dates)
    ]
    rows = int((~blank).sum())
    bad, bad_note = _bad_rows(path, frame, masks, where, rows, options)
    notes = [n for n in (_totals_note(skip & ~blank, where.first_row), bad_note) if n]
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


def _positions(header: Sequence[str], roles: dict[str, str]) -> dict[str, int]:
    return {role: header.index(label) for role, label in roles.items()}


def _sample_column(sample: list[list[str]], position: int) -> list[str]:
    return [r[position] for r in sample if len(r) > position]


def read_revenue(path: Path | str, options: ReadOptions = ReadOptions()) -> RevenueData:
    """Read a revenue file (CSV, TSV or .xlsx) into clean lines. Raises RevenueFileError."""
    path = Path(path)
    head, size = _read_head(path)
    if head.startswith(b"PK\x03\x04"):
        return _read_excel_file(path, options)
    _check_text(path, head)
    layout = _sniff_text(path, head, size)
    columns = guess_columns(path, layout.header, options)
    positions = _positions(layout.header, _roles(columns, need_dates=options.need_dates))
    italian = layout.sep == ";" or _looks_italian(layout.header)
    fmt = detect_number_format(_sample_column(layout.sample, positions["amount"]), italian=italian)
    frame = _read_csv(path, layout, positions, fmt, options)
    encoding = frame.attrs.get("encoding", layout.encoding)
    return _finish(path, frame, columns, layout.header_row + 1, fmt, options, encoding, layout.sep)


def _read_excel_file(path: Path, options: ReadOptions) -> RevenueData:
    sheet = _read_sheet(path, options.sheet)
    columns = guess_columns(path, sheet.header, options)
    roles = _roles(columns, need_dates=options.need_dates)
    positions = _positions(sheet.header, roles)
    frame = sheet.frame[[positions[r] for r in roles]]
    frame.columns = list(roles)
    texts = [v for v in frame["amount"] if isinstance(v, str)][:FORMAT_RECORDS]
    fmt = detect_number_format(texts, italian=_looks_italian(sheet.header))
    return _finish(path, frame, columns, sheet.header_row + 1, fmt, options, "Excel", None)


def _finish(
    path: Path,
    frame: Any,
    columns: ColumnMap,
    first_row: int,
    fmt: NumberFormat,
    options: ReadOptions,
    encoding: str,
    sep: str | None,
) -> RevenueData:
    labels = {"customer": columns.customer, "amount": columns.amount}
    labels.update({"name": columns.name or "", "date": columns.date or ""})
    labels["overflow"] = "extra field"
    lines, rows, bad, notes, dates = _assemble(path, frame, _Rows(first_row, labels), fmt, options)
    if rows == 0:  # blank rows past the sniffed sample
        raise RevenueFileError(path, "has a header row but no revenue rows")
    described = _describe(encoding, sep, fmt, dates)
    return RevenueData(path, lines, columns, described, rows, bad, notes)


def _describe(encoding: str, sep: str | None, fmt: NumberFormat, dates: str) -> str:
    names = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16"}
    parts = [names.get(encoding, encoding)]
    if sep:
        parts.append(f"{_DELIMITER_NAMES[sep]}-separated")
    parts.append(fmt.describe())
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
