"""The ABC summary and the migration as lines of text, worded once for every front end.

``kamtui abc`` prints them (:func:`plain_text`); the ABC view of the app styles them (see
kamtui/tui/abc_text.py). A :data:`Line` is a tuple of :class:`Span`: a piece of text and its
*role*, a word for what the text is, never for how it looks:

``text``
    plain words and padding;
``heading``
    a title or a table header (``Concentration:``, ``Class  Customers …``);
``number``
    a figure: a count, an amount, a share;
``dim``
    a side note (customers with revenue ≤ 0, ``… and 3 more``);
``class-A``, ``class-B``, ``class-C``
    a class letter;
``risk``, ``growth``
    the title of a migration signal (A moved down to B/C; B/C moved up to A).

Tables are laid out here, with spaces, so they line up in a terminal and in the app alike. User
text (file paths, customer keys and names) is kept on one line
(:func:`kamtui.text.safety.one_line`). Nothing heavy is imported: the result's tables are pandas
objects, but only their methods are called.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from kamtui.abc.worded import in_use
from kamtui.text.format import format_count, money, percent
from kamtui.text.i18n import N_, ngettext, pgettext
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line

if TYPE_CHECKING:
    from kamtui.abc.result import AbcResult, Migration

Role = Literal[
    "text", "heading", "number", "dim", "class-A", "class-B", "class-C", "risk", "growth"
]
ROLES: tuple[Role, ...] = get_args(Role)
"""Every role, for a front end to check that it styles them all."""


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a line: its text and what it is."""

    text: str
    role: Role = "text"


Line = tuple[Span, ...]
"""One line of output (no line break inside); ``()`` is an empty line."""

SIGNALS: tuple[tuple[Role, str], ...] = (
    ("risk", N_("Risk (A → B/C)")),
    ("growth", N_("Growth (B/C → A)")),
)
"""The migration signals and their titles (marked for translation, translated where shown):
moves between classes of customers present in both periods. New and lost customers are listed
apart (:data:`STATUSES`)."""
STATUSES: tuple[tuple[str, str], ...] = (("new", N_("New")), ("lost", N_("Lost")))
"""The migration's statuses listed after the signals, and their titles."""
TEXTBOOK_NOTE = N_("Textbook: the class's share of customers / of revenue in an 80/20 portfolio.")
NAME_WIDTH = 32
"""Characters of a customer's name shown in a list."""


def plain(line: Line) -> str:
    """The text of *line*, without roles."""
    return "".join(span.text for span in line)


def plain_text(lines: Iterable[Line]) -> str:
    """*lines* as text, one per line (no final line break)."""
    return "\n".join(plain(line) for line in lines)


_CLASS_ROLES: dict[str, Role] = {"A": "class-A", "B": "class-B", "C": "class-C"}


def class_role(letter: str) -> Role:
    """The role of a class letter (``"A"`` → ``class-A``); ``text`` for anything else."""
    return _CLASS_ROLES.get(letter, "text")


def _line(*parts: str | Span) -> Line:
    return tuple(p if isinstance(p, Span) else Span(p) for p in parts if p)


def _number(text: str) -> Span:
    return Span(text, "number")


def _pct(ratio: float) -> Span:
    return _number(percent(ratio, 1))


def customers(n: int) -> str:
    """``1 customer``, ``358 customers`` in the language in use."""
    return ngettext("{n} customer", "{n} customers", n).format(n=format_count(n))


def lines_of(n: int) -> str:
    """``1 line``, ``16,198 lines`` (of a revenue file) in the language in use."""
    return ngettext("{n} line", "{n} lines", n).format(n=format_count(n))


_FIELD = re.compile(r"\{(\w+)\}")


def sentence(template: str, **values: str | Span) -> list[Span]:
    """A translated *template* as spans: each ``{name}`` becomes the span given for it (a
    plain string: text), the words between them text. So a whole sentence is translated, its
    figures keep their roles, and a translation may move them."""
    out: list[Span] = []
    for i, piece in enumerate(_FIELD.split(template)):
        if i % 2:
            value = values[piece]
            out.append(value if isinstance(value, Span) else Span(value))
        elif piece:
            out.append(Span(piece))
    return out


# -- tables ------------------------------------------------------------------------------------


def grid(rows: Sequence[Sequence[Span]], right: set[int], indent: str = "") -> list[Line]:
    """Rows of cells as aligned lines: columns two spaces apart, the *right* ones right-aligned,
    no trailing blanks. Padding is plain text, so a cell's role covers its text only."""
    widths = [max(len(row[i].text) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        spans: list[Span] = [Span(indent)] if indent else []
        for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
            pad = Span(" " * (width - len(cell.text)))
            if i:
                spans.append(Span("  "))
            spans.extend((pad, cell) if i in right else (cell, pad))
        out.append(_rstrip(spans))
    return out


def _rstrip(spans: list[Span]) -> Line:
    """*spans* without the blanks at the end of the line (and without empty spans)."""
    while spans and not spans[-1].text.rstrip():
        spans.pop()
    if spans:
        spans[-1] = Span(spans[-1].text.rstrip(), spans[-1].role)
    return tuple(s for s in spans if s.text)


# -- the summary -------------------------------------------------------------------------------


def header_lines(result: AbcResult) -> list[Line]:
    """What was analysed: the file (when known), the period and its figures, the method."""
    lines = []
    source = result.source
    if source is not None:
        lines.append(
            _line(
                *sentence(
                    _("{heading} {file} ({layout})"),
                    heading=Span(_("ABC analysis of"), "heading"),
                    file=one_line(str(source.path)),
                    layout=in_use(source.layout),
                )
            )
        )
        period = period_line(result)
        if period:
            lines.append(period)
        lines.extend(reading_lines(result))
    lines.append(_line(Span(_("Method:"), "heading"), f" {result.params.describe()}"))
    return lines


def reading_lines(result: AbcResult) -> list[Line]:
    """How the figures were made, when it is not plain: the amount as quantity × price, the
    credit notes a document-type column marks, the lines without a customer left out."""
    source = result.source
    if source is None:
        return []
    lines = []
    columns = source.columns
    if columns.amount is None and columns.quantity and columns.price:
        lines.append(_line(Span(_("Amount:"), "heading"), f" {one_line(columns.amount_formula)}"))
    if columns.doc_type:
        heading = Span(_("Credit notes:"), "heading")
        column = one_line(repr(columns.doc_type))
        if source.credit_lines:
            template = ngettext(
                "{heading} {lines}, total {total} (by {column}), counted negative",
                "{heading} {lines}, total {total} (by {column}), counted negative",
                source.credit_lines,
            )
            lines.append(
                _line(
                    *sentence(
                        template,
                        heading=heading,
                        lines=_number(lines_of(source.credit_lines)),
                        total=_number(money(source.credit_total)),
                        column=column,
                    )
                )
            )
        else:
            lines.append(
                _line(*sentence(_("{heading} none (by {column})"), heading=heading, column=column))
            )
    if source.unassigned_lines:
        template = ngettext(
            "{heading} {lines}, revenue {revenue}, left out of the analysis",
            "{heading} {lines}, revenue {revenue}, left out of the analysis",
            source.unassigned_lines,
        )
        lines.append(
            _line(
                *sentence(
                    template,
                    heading=Span(_("Without a customer:"), "heading"),
                    lines=_number(lines_of(source.unassigned_lines)),
                    revenue=_number(money(source.unassigned_revenue)),
                )
            )
        )
    return lines


def period_line(result: AbcResult) -> Line:
    """``Period: all dates · 16,198 lines · 358 customers · revenue 54,239,988.97 EUR`` (the
    currency when the file states one or it was named); ``()`` when the result does not come
    from a file."""
    source = result.source
    if source is None:
        return ()
    template = (
        _("Period: {period} · {lines} · {customers} · revenue {revenue} {currency}")
        if source.currency
        else _("Period: {period} · {lines} · {customers} · revenue {revenue}")
    )
    return _line(
        *sentence(
            template,
            period=source.period.describe(),
            lines=_number(lines_of(source.lines_used)),
            customers=_number(customers(result.customer_count)),
            revenue=_number(money(result.total_revenue)),
            currency=one_line(source.currency or ""),
        )
    )


def class_table_lines(result: AbcResult) -> list[Line]:
    """Per class: customers and revenue with their real shares beside the textbook ones; the
    customers with revenue ≤ 0 (outside the shares); what the textbook column is."""
    header = (_("Class"), _("Customers"), "", _("Revenue"), "", _("Textbook"))
    rows: list[tuple[Span, ...]] = [tuple(Span(h, "heading") for h in header)]
    for s in result.summary:
        rows.append(
            (
                Span(s.segment.value, class_role(s.segment.value)),
                _number(format_count(s.customers)),
                _pct(s.customer_share),
                _number(money(s.revenue)),
                _pct(s.revenue_share),
                _number(
                    f"{percent(s.textbook_customer_share)} / {percent(s.textbook_revenue_share)}"
                ),
            )
        )
    lines = grid(rows, right={1, 2, 3, 4})
    rest = result.non_positive
    if rest.customers:
        text = ngettext(
            "C also holds {n} customer with revenue ≤ 0 (total {total}), not counted in the "
            "shares.",
            "C also holds {n} customers with revenue ≤ 0 (total {total}), not counted in the "
            "shares.",
            rest.customers,
        ).format(n=format_count(rest.customers), total=money(rest.revenue))
        lines.append(_line(Span(text, "dim")))
    lines.append(_line(Span(_(TEXTBOOK_NOTE), "dim")))
    return lines


def meaning(text: str) -> str:
    """A class's meaning (:data:`kamtui.abc.summary.MEANING`, kept in English in the result
    and its JSON) in the language in use: the method's own words in Italian."""
    return _(text)


def meaning_lines(result: AbcResult) -> list[Line]:
    """What each class means for the key account manager."""
    return [
        _line(Span(s.segment.value, class_role(s.segment.value)), f"  {meaning(s.meaning)}")
        for s in result.summary
    ]


def concentration_lines(result: AbcResult) -> list[Line]:
    """The share of revenue of the top customer, the top 10 and the top 20% of customers."""
    c = result.concentration
    top10 = min(10, result.customer_count - result.non_positive.customers)
    heading = Span(_("Concentration:"), "heading")
    if top10 > 1:  # with one customer, "the top 1" would say the same again
        first = sentence(
            _("{heading} the top customer makes {top1} of revenue, the top {n} make {top10},"),
            heading=heading,
            top1=_pct(c.top1),
            n=_number(str(top10)),
            top10=_pct(c.top10),
        )
    else:
        first = sentence(
            _("{heading} the top customer makes {top1} of revenue,"),
            heading=heading,
            top1=_pct(c.top1),
        )
    top20 = c.top20pct_customers
    second = sentence(
        ngettext(
            "the top 20% ({customers}) makes {share} (textbook: 80%).",
            "the top 20% ({customers}) make {share} (textbook: 80%).",
            top20,
        ),
        customers=_number(customers(top20)),
        share=_pct(c.top20pct),
    )
    return [_line(*first), _line(*second)]


def summary_lines(result: AbcResult) -> list[Line]:
    """The class table, the meanings and the concentration, a blank line between them."""
    return [
        *class_table_lines(result),
        (),
        *meaning_lines(result),
        (),
        *concentration_lines(result),
    ]


# -- the migration -----------------------------------------------------------------------------


def migration_matrix(migration: Migration) -> list[Line]:
    """Customers by class then (rows; ``new`` for none) and class now (columns; ``lost``)."""
    counts = migration.transitions()
    header = (
        _("then \\ now"),
        "A",
        "B",
        "C",
        pgettext("migration matrix column", "lost"),
    )
    rows: list[tuple[Span, ...]] = [tuple(Span(h, "heading") for h in header)]
    for then in ("A", "B", "C", "-"):
        label = (
            Span(then, class_role(then))
            if then != "-"
            else Span(pgettext("migration matrix row", "new"), "heading")
        )
        cells = [_number(str(counts.get(f"{then}→{now}", 0))) for now in ("A", "B", "C", "-")]
        if then == "-":
            cells[3] = Span("")  # a customer is never new and lost at once
        rows.append((label, *cells))
    return grid(rows, right={1, 2, 3, 4}, indent="  ")


def migration_lines(migration: Migration, limit: int) -> list[Line]:
    """The periods, new and lost customers, the matrix of moves, then the customers of each
    signal and the new and the lost customers (the first *limit* of each, in rank order: now,
    then for the lost)."""
    lines = [
        _line(
            *sentence(
                _("{heading} {then} → {now} ({new} new, {lost} lost)"),
                heading=Span(_("Migration:"), "heading"),
                then=migration.then.describe(),
                now=migration.now.describe(),
                new=_number(str(migration.count("status", "new"))),
                lost=_number(str(migration.count("status", "lost"))),
            )
        ),
        *migration_matrix(migration),
    ]
    table = migration.customers
    lists: list[tuple[Span, Any]] = [
        (Span(_("{title}:").format(title=_(title)), signal), table[table["signal"] == signal])
        for signal, title in SIGNALS
    ]
    lists += [
        (Span(_("{title}:").format(title=_(title)), "heading"), table[table["status"] == status])
        for status, title in STATUSES
    ]
    new = pgettext("a customer's class then", "new")
    lost = pgettext("a customer's class now", "lost")
    for heading, picked in lists:
        if not len(picked):
            continue
        lines.append(_line(heading, " ", _number(customers(len(picked)))))
        for key, name, then, now in zip(
            picked["customer"].head(limit),
            picked["name"].head(limit),
            picked["class_then"].head(limit),
            picked["class_now"].head(limit),
            strict=True,
        ):
            lines.append(
                _line(
                    f"  {one_line(key)} {one_line(name)[:NAME_WIDTH]}: ",
                    Span(then, class_role(then)) if then else Span(new, "dim"),
                    " → ",
                    Span(now, class_role(now)) if now else Span(lost, "dim"),
                )
            )
        if len(picked) > limit:
            more = _("  … and {n} more").format(n=format_count(len(picked) - limit))
            lines.append(_line(Span(more, "dim")))
    return lines
