"""The ABC view's text blocks: the class summary and the migration between two periods."""

from __future__ import annotations

from textual.content import Content

from kamtui.tui.abc_data import AbcView
from kamtui.tui.safe import assemble

Parts = list[str | tuple[str, str]]


def summary_text(view: AbcView) -> Content:
    r = view.result
    parts: Parts = []
    if r.source is not None:
        s = r.source
        parts += [
            (f"{s.path.name}", "bold"),
            f"  {s.layout}\n",
            f"Period: {s.period.describe()} · {s.lines_used:,} lines · "
            f"{r.customer_count:,} customers · revenue {r.total_revenue:,.2f}\n",
        ]
        if s.bad_rows:
            parts += [(f"{s.bad_rows:,} unusable rows left out\n", "bold")]
    parts += ["\n", (f"{'Class':<6}{'Customers':>16}{'Revenue':>24}   Textbook\n", "bold")]
    for c in r.summary:
        parts += [
            (f"{c.segment!s:<6}", "bold"),
            f"{c.customers:>8,} {c.customer_share:>6.1%}  "
            f"{c.revenue:>15,.0f} {c.revenue_share:>6.1%}"
            f"   {c.textbook_customer_share:.0%} / {c.textbook_revenue_share:.0%}\n",
        ]
    if r.non_positive.customers:
        parts += [
            (
                f"C also holds {r.non_positive.customers} customers with revenue ≤ 0 "
                f"(total {r.non_positive.revenue:,.2f}), not counted in the shares.\n",
                "dim",
            )
        ]
    parts.append("\n")
    for c in r.summary:
        parts += [(f"{c.segment!s}  ", "bold"), f"{c.meaning}\n"]
    k = r.concentration
    parts += [
        "\n",
        ("Concentration: ", "bold"),
        f"top customer {k.top1:.1%} of revenue · top 10 {k.top10:.1%} · "
        f"top 20% ({k.top20pct_customers:,} customers) {k.top20pct:.1%} (textbook 80%)\n",
    ]
    return assemble(*parts)


def migration_text(view: AbcView, limit: int = 25) -> Content:
    m = view.result.migration
    if m is None:
        return assemble(
            (
                "Give a comparison period (compare from / to) and run again to see "
                "how customers moved between classes.",
                "dim",
            )
        )
    parts: Parts = [
        (f"{m.then.describe()} → {m.now.describe()}\n", "bold"),
        f"{m.count('status', 'new')} new, {m.count('status', 'lost')} lost customers\n\n",
    ]
    parts += [("Moves (then→now; - = not a customer)\n", "bold")]
    for move, n in m.transitions().items():
        parts.append(f"  {move:<6} {n:>6,}\n")
    table = m.customers
    for signal, title in (("risk", "Risk: A → B/C or lost"), ("growth", "Growth: B/C → A")):
        rows = table[table["signal"] == signal]
        parts += ["\n", (f"{title}: {len(rows)}\n", "bold")]
        for c, n, then, now in zip(
            rows["customer"].head(limit),
            rows["name"].head(limit),
            rows["class_then"].head(limit),
            rows["class_now"].head(limit),
            strict=True,
        ):
            parts.append(f"  {c}  {n}: {then or '-'} → {now or '-'}\n")
        if len(rows) > limit:
            parts.append((f"  … and {len(rows) - limit} more\n", "dim"))
    return assemble(*parts)
