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
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _


@dataclass(frozen=True)
class ColumnMap:
    """The header labels chosen for each role (``None``: the file has no such column).

    A file has an amount column, or else a quantity and a unit-price column (and maybe a
    discount column) whose product is each line's amount."""

    customer: str
    amount: str | None = None
    name: str | None = None
    date: str | None = None
    currency: str | None = None
    quantity: str | None = None
    price: str | None = None
    discount: str | None = None
    doc_type: str | None = None

    @property
    def amount_formula(self) -> str:
        """How each line's amount is made, for people: ``Quantity × UnitPrice`` (``− Sconto``
        is written as ``× (1 − Sconto)``), or the amount column's label."""
        if self.amount is not None:
            return self.amount
        formula = f"{self.quantity} × {self.price}"
        return formula + (f" × (1 − {self.discount})" if self.discount else "")


HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "customer": (
        "customer id|customer code|customer no|customer number|customer nr|customer key|"
        "customer num|customer account|cust id|cust no|cust code|cust num|custno|custid|"
        "id customer|codice cliente|cod cliente|codcliente|cod cli|id cliente|cliente id|"
        "account id|account code|account number|account no|client id|client code|client no|"
        "buyer id|sold to|sold to party|kunnr|kunag",
        "customer|cliente|account|client|cust|buyer",
        "ragione sociale|customer name|nome cliente|denominazione|account name|client name",
    ),
    "name": (
        "customer name|ragione sociale|nome cliente|denominazione|account name|client name|"
        "company name|descrizione cliente|cust name|name 1",
        "name|nome|company|azienda",
    ),
    "amount": (
        "amount|revenue|sales|net|net amount|net sales|net revenue|net value|turnover|"
        "monetary|monetary value|line total|line amount|line value|extended amount|"
        "extended price|ext amount|ext price|sales amount|sales value|revenue amount|amt|"
        "net amt|importo|importo netto|importo riga|totale riga|valore riga|imponibile|"
        "fatturato|ricavi|vendite|netwr",
        "total|totale|value|valore|total amount|total price|importo totale|gross|"
        "gross amount|importo lordo",
    ),
    "quantity": (
        "quantity|qty|order qty|order quantity|quantity ordered|qty ordered|units|"
        "units sold|billed quantity|invoiced quantity|quantita|qta|pezzi|quantita fatturata|"
        "qta fatturata|fkimg",
    ),
    "price": (
        "unit price|price|price each|price per unit|unit net price|net unit price|"
        "net price|selling price|sales price|prezzo|prezzo unitario|prezzo netto|"
        "prezzo vendita|prezzo di vendita",
        "list price|prezzo listino|prezzo di listino",
    ),
    "discount": (
        "discount|discount pct|discount percent|discount percentage|discount rate|disc|"
        "disc pct|sconto|sconto percentuale|percentuale sconto|perc sconto|sconto perc",
    ),
    "doc_type": (
        "document type|doc type|type of document|transaction type|invoice type|billing type|"
        "tipo documento|tipo doc|tipodoc|tipo documento sdi|tipo fattura|tipo movimento|fkart",
    ),
    "date": (
        "date|order date|invoice date|document date|doc date|posting date|billing date|"
        "transaction date|sales date|data|data fattura|data documento|data doc|data ordine|"
        "data registrazione|data emissione|fkdat",
    ),
    "currency": (
        "currency|currency code|currencycode|currency iso|iso currency|ccy|valuta|divisa|"
        "codice valuta|cod valuta|codice divisa|moneta|wahrung|devise",
    ),
}
"""Header words by role, best tier first, ``|``-separated, as :func:`normalize_label` writes
them (``CustomerID`` and ``customer_id`` are ``customer id``). A partial match (the words
inside a longer header, like ``Importo (EUR)``) scores half a tier worse than an exact one.
The table in docs/abc.md is :func:`header_words_table`."""
_EXACT_ONLY = frozenset({"currency", "discount"})
"""Roles matched by whole labels only ("Data valuta" is a date, not a currency; "Discount
amount" is money, not a rate)."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split(" "))


_NOT_PARTLY = {
    "amount": _words(
        "discount sconto qty quantity quantita qta pezzi units price prezzo unit tax vat iva "
        "cost costo rep person agent channel region id code no number date data type tipo "
        "count"
    ),
    "quantity": _words("price prezzo amount importo value valore"),
    "price": _words(
        "total totale extended ext line riga amount importo currency valuta tax iva vat cost costo"
    ),
}
"""Per role, words that stop a partial match: "Sales Rep" and "Net Price" hold an amount
word but are not amounts, "Total Price" holds a price word but is not a unit price."""
_ROLES: tuple[str, ...] = ("customer", "amount", "quantity", "price", "discount", "doc_type")
_ROLES += ("name", "date", "currency")
_PRODUCT_ROLES = ("quantity", "price", "discount")
"""The roles read only when the amount is quantity × price."""
_ITALIAN_WORDS = frozenset(
    {"cliente", "importo", "imponibile", "fatturato", "totale", "data", "ragione", "codice"}
    | {"prezzo", "quantita", "qta", "sconto", "pezzi", "tipo", "documento"}
)
_OPTION_FOR = {
    "customer": "--customer",
    "name": "--name",
    "amount": "--amount",
    "quantity": "--quantity",
    "price": "--price",
    "discount": "--discount",
    "doc_type": "--doc-type",
    "date": "--date",
    "currency": "--currency-column",
}
_OPTION_FIELD = {"currency": "currency_column"}
"""The :class:`ReadOptions` field naming a role's column, when not the role's own name."""
ROLE_WORDS = {
    "customer": N_("the customer"),
    "name": N_("the customer name"),
    "amount": N_("the amount"),
    "quantity": N_("the quantity"),
    "price": N_("the unit price"),
    "discount": N_("the discount"),
    "doc_type": N_("the document type"),
    "date": N_("the date"),
    "currency": N_("the currency"),
}
"""Each role as a message names it (in English: :func:`role_words` translates)."""


def role_words(role: str) -> str:
    """*role* as a message names it, in the language in use (``the unit price``)."""
    return _(ROLE_WORDS[role])


_WORD_BREAK = re.compile(
    r"(?<=[a-z])(?=[A-Z])"  # camelCase: customerId
    r"|(?<=[A-Z])(?=[A-Z][a-z])"  # an acronym before a word: IDCliente
    r"|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])"  # digits: Sconto1, Address2
)


def normalize_label(label: str) -> str:
    """A header label for matching: no accents, words split as systems join them (camelCase,
    PascalCase, snake_case, kebab-case, digits), lower case, one space between words:
    ``CustomerID``, ``customer_id`` and ``Customer-ID`` are all ``customer id``."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _WORD_BREAK.sub(" ", text).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def header_words_table() -> str:
    """:data:`HEADER_WORDS` as the Markdown table in docs/abc.md."""
    lines = ["| Role | Header words, best first (matched after splitting words) |", "|---|---|"]
    for role, tiers in HEADER_WORDS.items():
        words = " · then ".join(", ".join(t.split("|")) for t in tiers)
        lines.append(f"| {ROLE_WORDS[role].removeprefix('the ')} | {words} |")
    return "\n".join(lines) + "\n"


def _role_score(label: str, role: str) -> float | None:
    """How well *label* names *role* (lower is better), ``None`` when it does not at all."""
    words = normalize_label(label).split()
    padded = f" {' '.join(words)} "
    partly = role not in _EXACT_ONLY and not _NOT_PARTLY.get(role, frozenset()) & set(words)
    best: float | None = None
    for tier, synonyms in enumerate(HEADER_WORDS[role], start=1):
        for synonym in synonyms.split("|"):
            if words == synonym.split():
                score = float(tier)
            elif partly and f" {synonym} " in padded:
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
        _("no column {wanted} (given with {option}); the columns are: {columns}").format(
            wanted=repr(wanted), option=_OPTION_FOR[role], columns=quote_all(header)
        ),
    )


def _cannot_tell(path: Path, header: Sequence[str], role: str, hint: str = "") -> RevenueFileError:
    return RevenueFileError(
        path,
        _(
            "cannot tell which column holds {role}; the columns are: {columns}. Name it with "
            "{option} COLUMN{hint}"
        ).format(
            role=role_words(role), columns=quote_all(header), option=_OPTION_FOR[role], hint=hint
        ),
    )


def _guess_column(
    path: Path, header: Sequence[str], role: str, taken: set[str], *, required: bool
) -> str | None:
    scored = [(s, h) for h in header if h not in taken and (s := _role_score(h, role)) is not None]
    if not scored:
        if not required:
            return None
        raise _cannot_tell(path, header, role)
    best = min(s for s, _ in scored)
    candidates = [h for s, h in scored if s == best]
    if len(candidates) > 1:
        raise RevenueFileError(
            path,
            _(
                "more than one column could hold {role}: {columns}. Choose one with {option} COLUMN"
            ).format(
                role=role_words(role), columns=quote_all(candidates), option=_OPTION_FOR[role]
            ),
        )
    return candidates[0]


_PRODUCT_HINT = N_(
    " (or --quantity COLUMN --price COLUMN when each line's amount is quantity × unit price)"
)


def _explicit(path: Path, header: Sequence[str], options: ReadOptions) -> dict[str, str | None]:
    """The columns the caller named (``None`` for a role said to have none: ``""``)."""
    chosen: dict[str, str | None] = {}
    for role in _ROLES:
        wanted = getattr(options, _OPTION_FIELD.get(role, role))
        if wanted == "" and role in ("name", "discount", "doc_type"):
            chosen[role] = None
        elif wanted:
            chosen[role] = _explicit_column(path, header, wanted, role)
    if chosen.get("amount") and (chosen.get("quantity") or chosen.get("price")):
        raise RevenueFileError(
            path,
            _("give either --amount or --quantity and --price, not both: which is the amount?"),
        )
    if chosen.get("amount") and chosen.get("discount"):
        raise RevenueFileError(
            path,
            _(
                "--discount is taken off quantity × unit price; with --amount the amount column "
                "is used as it is (leave --discount out, or give --quantity and --price instead)"
            ),
        )
    return chosen


def _guess_amount(
    path: Path, header: Sequence[str], chosen: dict[str, str | None], taken: set[str]
) -> None:
    """The amount column, or else the quantity, unit-price and discount columns."""

    def guess(role: str, *, required: bool) -> None:
        if role not in chosen:
            chosen[role] = _guess_column(path, header, role, taken, required=required)
        if chosen[role]:
            taken.add(str(chosen[role]))

    named = chosen.get("quantity") or chosen.get("price") or chosen.get("discount")
    if not named:
        guess("amount", required=False)
    if chosen.get("amount"):
        for role in _PRODUCT_ROLES:
            chosen[role] = None
        return
    chosen["amount"] = None
    guess("quantity", required=False)
    guess("price", required=False)
    quantity, price = chosen["quantity"], chosen["price"]
    if quantity is None and price is None:
        raise _cannot_tell(path, header, "amount", _(_PRODUCT_HINT))
    if quantity is None or price is None:
        found, missing = ("quantity", "price") if price is None else ("price", "quantity")
        raise RevenueFileError(
            path,
            _(
                "no amount column, and {found} ({column}) but not {missing} to multiply it by; "
                "the columns are: {columns}. Name it with {option} COLUMN, or the amount with "
                "--amount COLUMN"
            ).format(
                found=role_words(found),
                column=repr(chosen[found]),
                missing=role_words(missing),
                columns=quote_all(header),
                option=_OPTION_FOR[missing],
            ),
        )
    guess("discount", required=False)


def guess_columns(
    path: Path | str, header: Sequence[str], options: ReadOptions = ReadOptions()
) -> ColumnMap:
    """Which header label holds each role: the explicit options first, then guesses.

    The amount is an amount column, or else quantity × unit price (less a discount). A guess
    stops (raises) when two columns fit equally well, rather than pick the wrong one. The date
    is only required (and its ambiguity only an error) with ``options.need_dates``.
    """
    path = Path(path)
    chosen = _explicit(path, header, options)
    taken = {c for c in chosen.values() if c}
    if "customer" not in chosen:
        chosen["customer"] = _guess_column(path, header, "customer", taken, required=True)
        taken.add(str(chosen["customer"]))
    _guess_amount(path, header, chosen, taken)
    for role in ("doc_type", "name", "date", "currency"):
        if role in chosen:
            continue
        required = role == "date" and options.need_dates
        try:
            chosen[role] = _guess_column(path, header, role, taken, required=required)
        except RevenueFileError:
            if required or role != "date":
                raise
            chosen[role] = None  # an ambiguous date does not matter when no date is needed
        if chosen[role]:
            taken.add(str(chosen[role]))
    _no_column_twice(path, chosen)
    customer = chosen["customer"]
    assert customer is not None
    return ColumnMap(customer=customer, **{r: chosen.get(r) for r in _ROLES if r != "customer"})


def _no_column_twice(path: Path, chosen: dict[str, str | None]) -> None:
    seen: dict[str, str] = {}
    for role in _ROLES:
        label = chosen.get(role)
        if label is None:
            continue
        if label in seen:
            raise RevenueFileError(
                path,
                _("column {label} cannot be both {first} and {second}").format(
                    label=repr(label), first=role_words(seen[label]), second=role_words(role)
                ),
            )
        seen[label] = role


def looks_italian(header: Sequence[str]) -> bool:
    """Whether the header has Italian words (which makes ``1.234`` mean a thousand)."""
    return any(w in _ITALIAN_WORDS for h in header for w in normalize_label(h).split())


def role_labels(columns: ColumnMap, *, need_dates: bool) -> dict[str, str]:
    """Role → header label of the columns to read (the date only when needed)."""
    roles = {"customer": columns.customer}
    for role in ("amount", "quantity", "price", "discount", "doc_type", "name"):
        label = getattr(columns, role)
        if label:
            roles[role] = label
    if need_dates and columns.date:
        roles["date"] = columns.date
    if columns.currency:
        roles["currency"] = columns.currency
    return roles


def column_positions(header: Sequence[str], roles: dict[str, str]) -> dict[str, int]:
    """Role → index of its column in *header*."""
    return {role: header.index(label) for role, label in roles.items()}
