"""Currencies: which currency each line is in, and one currency for the analysis.

A line's currency is stated by a currency column (``Currency``, ``Valuta``, ``Divisa``,
``CurrencyCode``…), else by a symbol or an ISO code written in its amount (``€ 1.234,56``,
``1,234.56 USD``), else by the amount column's label (``Importo (EUR)``); otherwise it is not
stated, and taken to be in the currency of the analysis (a file that writes ``€`` on some
amounts only is in euros). Amounts in different currencies are never added together: when the
file states more than one, reading stops and lists them with their lines, unless the caller
names the currency of the analysis (``ReadOptions.currency``: the lines in others are left out)
or gives rates to convert the others into it (``ReadOptions.rates``). The rules are in
docs/abc.md.

Only cheap, vectorised work is done: a currency column is read as categories and its few
distinct values normalised; amounts are searched for a symbol or code only when pandas' parser
left them as text (a plain number column has none), once per column with ``.str.extract``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamtui.abc.lines import lines_of
from kamtui.abc.revenue.errors import RevenueFileError
from kamtui.abc.revenue.options import ReadOptions
from kamtui.text.i18n import gettext as _
from kamtui.text.i18n import ngettext

# fmt: off
ISO_CODES = (
    "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "PLN", "CZK", "HUF", "RON", "BGN", "SEK",
    "NOK", "DKK", "ISK", "RUB", "UAH", "TRY", "CAD", "AUD", "NZD", "INR", "BRL", "MXN",
    "ARS", "CLP", "COP", "ZAR", "HKD", "SGD", "KRW", "TWD", "THB", "MYR", "IDR", "PHP",
    "VND", "AED", "SAR", "ILS", "EGP", "NGN",
)
# fmt: on
"""The ISO 4217 codes recognised in amounts and in the amount column's label."""
SYMBOLS = {
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "ZŁ": "PLN",
    "KČ": "CZK",
    "€": "EUR",
    "$": "USD",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₺": "TRY",
    "₩": "KRW",
    "₪": "ILS",
    "₴": "UAH",
    "₱": "PHP",
    "₫": "VND",
    "฿": "THB",
    "₦": "NGN",
}
"""Currency signs (upper case) and the currency each one is read as: ``$`` is USD and ``¥`` JPY
(a file in other dollars or in yuan states its ISO code, ``CAD 5``, ``CNY 5``, or has a currency
column)."""
_NAMES = {"EURO": "EUR", "EUROS": "EUR", "DOLLAR": "USD", "DOLLARS": "USD"}

_SIGNS = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
MARK = rf"(?i:(?<![a-z])(?:{'|'.join(ISO_CODES)})(?![a-z])|{_SIGNS})"
"""A currency written in an amount: an ISO code or a sign (any case; a code not inside a
word)."""
_MARK_GROUP = re.compile(f"({MARK})")
_LABEL_MARK = re.compile(rf"(?<![A-Za-z])(?:{'|'.join(ISO_CODES)})(?![A-Za-z])|[€$£¥₹₽₺₩₪₴₱₫฿₦]")
_CODE = re.compile(r"[A-Z]{3}")
NOT_STATED = ""
"""The currency of a line that states none."""


def normalize(text: str) -> str:
    """A currency as written (``eur``, ``€``, `` US$ ``, ``Euro``) as its code (``EUR``); other
    values upper-cased as they are; ``""`` for nothing."""
    value = " ".join(str(text).split()).upper()
    return SYMBOLS.get(value) or _NAMES.get(value) or value


def written_currency(text: str) -> str | None:
    """The currency *text* (an amount cell without its number and blanks: ``€``, ``EUR``,
    ``US$``) writes: its code; ``""`` for no text; ``None`` when it is anything else (``abc``,
    two currencies)."""
    if not text:
        return NOT_STATED
    marks = _MARK_GROUP.findall(text)
    if "".join(marks) != text:
        return None
    codes = {normalize(m) for m in marks}
    return codes.pop() if len(codes) == 1 else None


def label_currency(label: str) -> str:
    """The currency the amount column's label names (``Importo (EUR)``, ``Amount €``), or
    ``""``; codes count in upper case only (``Amount try`` is not Turkish lira)."""
    found = {normalize(m) for m in _LABEL_MARK.findall(label)}
    return found.pop() if len(found) == 1 else NOT_STATED


@dataclass
class LineCurrencies:
    """Each line's currency: ``codes`` index ``labels`` (:data:`NOT_STATED` among them)."""

    codes: Any
    labels: list[str]
    conflicts: Any = None
    """Rows whose amount states another currency than their currency column (or ``None``)."""
    amount_currency: Any = None
    """Per row, the currency written in the amount (for messages about conflicts)."""


def _from_values(values: Any) -> tuple[Any, list[str]]:
    """Codes and normalised labels for a column of currency cells (few distinct values)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    names = [normalize(u) if isinstance(u, str) else normalize(str(u)) for u in uniques]
    labels = sorted(set(names) | {NOT_STATED})
    remap = np.array([labels.index(n) for n in names] + [labels.index(NOT_STATED)], dtype=np.int64)
    return remap[codes], labels  # code -1 (missing) takes the last entry: not stated


def holds_currencies(column: Any) -> bool:
    """Whether a column guessed as the currency one holds currency codes (at least one value
    like ``EUR``): a German "Valuta" column holds value dates."""
    import pandas as pd

    values = pd.unique(column.astype(object))
    return any(_CODE.fullmatch(normalize(str(v))) for v in values if isinstance(v, str))


def line_currencies(frame: Any, amount_label: str, marks: Any) -> LineCurrencies | None:
    """Each row's currency (see the module docstring), or ``None`` when no row states one.
    *marks*: per row, the currency written in the amount (``""`` none), or ``None`` when no
    amount writes one (see kamtui/abc/revenue/numbers.py)."""
    import numpy as np
    import pandas as pd

    default = label_currency(amount_label)
    column = None
    if "currency" in frame:
        codes, labels = _from_values(frame["currency"].astype(object))
        column = np.asarray(labels, dtype=object)[codes]
    if marks is None and column is None and not default:
        return None
    n = len(frame)
    stated = np.full(n, default, dtype=object)
    conflicts = None
    if marks is not None:
        stated = np.where(marks != NOT_STATED, marks, stated)
    if column is not None:
        if marks is not None:
            conflicts = (column != NOT_STATED) & (marks != NOT_STATED) & (column != marks)
        stated = np.where(column != NOT_STATED, column, stated)
    codes, uniques = pd.factorize(stated)
    return LineCurrencies(codes, [str(u) for u in uniques], conflicts, marks)


# -- one currency for the analysis -----------------------------------------------------------


@dataclass
class CurrencyChoice:
    """What the analysis uses: which lines, multiplied by what, in which currency."""

    currency: str | None
    keep: Any = None
    """Lines kept (``None``: all)."""
    factors: Any = None
    """Per line, the rate its amount is multiplied by (``None``: no conversion)."""
    lines: dict[str, int] = field(default_factory=dict)
    """Usable lines per currency, most first (``"no currency stated"`` for those without)."""
    rates: dict[str, float] = field(default_factory=dict)
    """The rates used: 1 unit of the key = the value in :attr:`currency`."""
    notes: list[str] = field(default_factory=list)


def _shown(label: str) -> str:
    return label or _("no currency stated")


def _listing(counts: dict[str, int]) -> str:
    """``EUR 3 lines, USD 1 line, no currency stated 2 lines``."""
    return ", ".join(f"{_shown(c)} {lines_of(n)}" for c, n in counts.items())


def _rates(path: Path, options: ReadOptions) -> dict[str, float]:
    rates: dict[str, float] = {}
    for code, value in options.rates:
        name = normalize(code)
        if not name or not 0 < value < float("inf"):
            raise RevenueFileError(
                path,
                _("--rate {code}={value}: expected CODE=FACTOR, FACTOR > 0").format(
                    code=code, value=value
                ),
            )
        rates[name] = float(value)
    return rates


def _target(path: Path, counts: dict[str, int], rates: dict[str, float]) -> str:
    """The currency of the analysis when the caller named none: the only currency stated, or
    the only one without a rate; raises with each currency's lines otherwise."""
    stated = [c for c in counts if c != NOT_STATED]
    unrated = [c for c in stated if c not in rates]
    if len(unrated) == 1:
        return unrated[0]
    listing = _listing(counts)
    if len(stated) == 1:
        raise RevenueFileError(
            path,
            _(
                "every currency has a rate ({listing}): the currency of the analysis has none; "
                "leave --rate {code} out or name the currency with --currency CODE"
            ).format(listing=listing, code=stated[0]),
        )
    if not rates:
        raise RevenueFileError(
            path,
            _(
                "amounts in more than one currency: {listing}. Analyse one with --currency CODE "
                "(the lines in the others are left out), or convert them into one with --rate "
                "CODE=FACTOR for each of the others (1 CODE = FACTOR of that one). Lines that "
                "state no currency are taken to be in the currency of the analysis"
            ).format(listing=listing),
        )
    if not unrated:
        raise RevenueFileError(
            path,
            _(
                "every currency has a rate ({listing}): the currency of the analysis has none; "
                "leave its --rate out or name it with --currency CODE"
            ).format(listing=listing),
        )
    raise RevenueFileError(
        path,
        _(
            "no rate for {codes} ({listing}): every currency but one needs a --rate CODE=FACTOR "
            "(the one without is the currency of the analysis), or name the currency with "
            "--currency CODE: the lines in those without a rate are left out"
        ).format(codes=", ".join(unrated), listing=listing),
    )


def _counts(found: LineCurrencies, usable: Any) -> dict[str, int]:
    """Usable lines per currency: most first, then by code, lines stating none last."""
    import numpy as np

    counted = np.bincount(found.codes[usable], minlength=len(found.labels))
    labels = found.labels
    order = sorted(range(len(labels)), key=lambda i: (-counted[i], not labels[i], labels[i]))
    return {labels[i]: int(counted[i]) for i in order if counted[i]}


def choose_currency(
    path: Path, found: LineCurrencies | None, usable: Any, options: ReadOptions
) -> CurrencyChoice:
    """The lines and rates for one currency (see the module docstring). *usable*: the rows
    that are lines (not blank, totals or bad rows). Raises :class:`RevenueFileError` for a mix
    that the options do not resolve."""
    import numpy as np

    rates = _rates(path, options)
    wanted = normalize(options.currency) if options.currency else None
    counts = _counts(found, usable) if found is not None else {}
    if found is None or set(counts) <= {NOT_STATED}:
        # the file states no currency: it is in the one named, if any
        unused = _("no line states a currency: --rate {code} not used")
        notes = [unused.format(code=c) for c in rates]
        return CurrencyChoice(wanted, notes=notes)
    target = wanted or _target(path, counts, rates)
    if target in rates:
        raise RevenueFileError(
            path,
            _("a rate for {code}, the currency of the analysis: leave --rate {code} out").format(
                code=target
            ),
        )
    unused = _("no line in {code}: --rate {code} not used")
    notes = [unused.format(code=c) for c in rates if c not in counts]
    used = {c: rates[c] for c in counts if c in rates}
    left = {c: n for c, n in counts.items() if c not in (target, NOT_STATED) and c not in used}
    if len(left) == len(counts) and not used:
        where = _listing(counts)
        if len(counts) == 1:
            ((only, lines),) = counts.items()
            where = f"{only} ({lines_of(lines)})"
        raise RevenueFileError(
            path,
            _(
                "has no lines in {code}: its lines are in {where}. Convert them with "
                "--rate CODE=FACTOR (1 CODE = FACTOR {code})"
            ).format(code=target, where=where),
        )
    unstated = counts.get(NOT_STATED, 0)
    if unstated:
        took = ngettext(
            "took {lines} that states no currency to be in {code}",
            "took {lines} that state no currency to be in {code}",
            unstated,
        )
        notes.append(took.format(lines=lines_of(unstated), code=target))
    index = {label: i for i, label in enumerate(found.labels)}
    keep = factors = None
    if left:
        listed = ", ".join(f"{c} {n}" for c, n in left.items())
        notes.append(
            _("left out {lines} not in {code} ({listed})").format(
                lines=lines_of(sum(left.values())), code=target, listed=listed
            )
        )
        keep = ~np.isin(found.codes, [index[c] for c in left])
    if used:
        converted = sum(counts[c] for c in used)
        each = ", ".join(f"1 {c} = {r:.10g} {target}" for c, r in used.items())
        notes.append(
            _("converted {lines} into {code}: {rates}").format(
                lines=lines_of(converted), code=target, rates=each
            )
        )
        factors = np.array([used.get(label, 1.0) for label in found.labels])[found.codes]
    return CurrencyChoice(target, keep, factors, counts, used, notes)
