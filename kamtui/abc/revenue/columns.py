"""Which columns hold the customer, name, amount, date and currency: header labels matched
against English and Italian synonyms, or named by the caller."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kamtui.abc.revenue.errors import RevenueFileError
from kamtui.abc.revenue.options import ReadOptions


@dataclass(frozen=True)
class ColumnMap:
    """The header labels chosen for each role (``None``: the file has no such column)."""

    customer: str
    amount: str
    name: str | None = None
    date: str | None = None
    currency: str | None = None


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
    "currency": (
        "currency|currency code|currencycode|currency iso|iso currency|ccy|valuta|divisa|"
        "codice valuta|cod valuta|codice divisa|moneta|wahrung|devise",
    ),
}
_EXACT_ONLY = frozenset({"currency"})
"""Roles matched by whole labels only ("Data valuta" is a date, not a currency)."""
_ROLES = ("customer", "amount", "name", "date", "currency")
_ITALIAN_WORDS = frozenset(
    {"cliente", "importo", "imponibile", "fatturato", "totale", "data", "ragione", "codice"}
)
_OPTION_FOR = {
    "customer": "--customer",
    "name": "--name",
    "amount": "--amount",
    "date": "--date",
    "currency": "--currency-column",
}
_OPTION_FIELD = {"currency": "currency_column"}
"""The :class:`ReadOptions` field naming a role's column, when not the role's own name."""
_ROLE_WORDS = {
    "customer": "the customer",
    "name": "the customer name",
    "amount": "the amount",
    "date": "the date",
    "currency": "the currency",
}


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def normalize_label(label: str) -> str:
    """A header label for matching: no accents, lower case, words separated by one space
    (``CurrencyCode`` is two words)."""
    text = unicodedata.normalize("NFKD", _CAMEL.sub(" ", label))
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
            elif f" {synonym} " in padded and role not in _EXACT_ONLY:
                score = tier + 0.5
            else:
                continue
            best = score if best is None else min(best, score)
    return best


def quote_all(labels: Sequence[str]) -> str:
    """Labels for a message: ``'a', 'b'``."""
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
        f"the columns are: {quote_all(header)}",
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
            f"{quote_all(header)}. Name it with {_OPTION_FOR[role]} COLUMN",
        )
    best = min(s for s, _ in scored)
    candidates = [h for s, h in scored if s == best]
    if len(candidates) > 1:
        raise RevenueFileError(
            path,
            f"more than one column could hold {_ROLE_WORDS[role]}: {quote_all(candidates)}. "
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
    for role in _ROLES:
        wanted = getattr(options, _OPTION_FIELD.get(role, role))
        if wanted == "" and role == "name":
            chosen[role] = None
        elif wanted:
            chosen[role] = _explicit_column(path, header, wanted, role)
    taken = {c for c in chosen.values() if c}
    for role in _ROLES:
        if role in chosen:
            continue
        required = role in ("customer", "amount") or (role == "date" and options.need_dates)
        try:
            chosen[role] = _guess_column(path, header, role, taken, required=required)
        except RevenueFileError:
            if required or role in ("name", "currency"):
                raise
            chosen[role] = None  # an ambiguous date does not matter when no date is needed
        if chosen[role]:
            taken.add(str(chosen[role]))
    customer, amount = chosen["customer"], chosen["amount"]
    assert customer is not None and amount is not None
    if customer == amount:
        raise RevenueFileError(path, f"column {customer!r} cannot be both customer and amount")
    return ColumnMap(
        customer=customer,
        amount=amount,
        name=chosen["name"],
        date=chosen["date"],
        currency=chosen["currency"],
    )


def looks_italian(header: Sequence[str]) -> bool:
    """Whether the header has Italian words (which makes ``1.234`` mean a thousand)."""
    return any(w in _ITALIAN_WORDS for h in header for w in normalize_label(h).split())


def role_labels(columns: ColumnMap, *, need_dates: bool) -> dict[str, str]:
    """Role → header label of the columns to read (the date only when needed)."""
    roles = {"customer": columns.customer, "amount": columns.amount}
    if columns.name:
        roles["name"] = columns.name
    if need_dates and columns.date:
        roles["date"] = columns.date
    if columns.currency:
        roles["currency"] = columns.currency
    return roles


def column_positions(header: Sequence[str], roles: dict[str, str]) -> dict[str, int]:
    """Role → index of its column in *header*."""
    return {role: header.index(label) for role, label in roles.items()}
