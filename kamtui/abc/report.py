"""The ABC result as text: a readable table, CSV (one row per customer) or JSON (all of it).

Pure functions from an :class:`~kamtui.abc.result.AbcResult` (and, after ``--apply``, an
:class:`~kamtui.abc.apply.ApplyReport`) to a string, for ``kamtui abc`` and the TUI.
Nothing heavy is imported (the result's tables are pandas objects, but only their methods
are called), and at the top only what ``kamtui --help`` loads anyway: the command imports
this module for :data:`DEFAULT_TOP` and :data:`FORMATS`.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from kamtui.text.safety import one_line

if TYPE_CHECKING:
    from kamtui.abc.apply import ApplyReport
    from kamtui.abc.result import AbcResult, Migration, Period

FORMATS = ("table", "csv", "json")
"""The output formats of :func:`render`."""
DEFAULT_TOP = 10
"""Customers shown by the table when not told otherwise."""


# -- numbers for people ----------------------------------------------------------------------


def _money(value: float) -> str:
    text = f"{value:,.2f}"
    return "0.00" if text == "-0.00" else text


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


# -- CSV -------------------------------------------------------------------------------------


def render_csv(result: AbcResult, top: int | None = None) -> str:
    """``customer,name,revenue,share,cumulative_share,class``: revenue with 2 decimals,
    shares as fractions with 10, one row per customer in rank order."""
    from kamtui.abc.result import COLUMNS

    table = result.customers if top is None else result.customers.head(top)
    revenue = [f"{v:.2f}" for v in table["revenue"].tolist()]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(
        zip(
            table["customer"].tolist(),
            table["name"].tolist(),
            ["0.00" if v == "-0.00" else v for v in revenue],
            [f"{v:.10f}" for v in table["share"].tolist()],
            [f"{v:.10f}" for v in table["cumulative_share"].tolist()],
            table["class"].tolist(),
            strict=True,
        )
    )
    return out.getvalue()


# -- JSON ------------------------------------------------------------------------------------


def _source_json(result: AbcResult) -> dict[str, Any]:
    source = result.source
    if source is None:
        return {}
    return {
        "file": str(source.path),
        "read_as": source.layout,
        "columns": {
            "customer": source.columns.customer,
            "name": source.columns.name,
            "amount": source.columns.amount,
            "date": source.columns.date,
        },
        "period": _period_json(source.period),
        "rows": source.rows,
        "bad_rows_left_out": source.bad_rows,
        "lines_outside_period": source.outside_period,
        "lines_used": source.lines_used,
        "notes": list(source.notes),
    }


def _period_json(period: Period) -> dict[str, str | None]:
    return {
        "from": period.start.isoformat() if period.start else None,
        "to": period.end.isoformat() if period.end else None,
    }


def _customers_json(result: AbcResult, top: int | None) -> list[dict[str, Any]]:
    return [
        {
            "rank": row.rank,
            "customer": row.customer,
            "name": row.name,
            "revenue": round(row.revenue, 2),
            "share": round(row.share, 10),
            "cumulative_share": round(row.cumulative_share, 10),
            "class": row.segment.value,
        }
        for row in result.rows(top)
    ]


def _migration_json(migration: Migration) -> dict[str, Any]:
    table = migration.customers
    return {
        "then": _period_json(migration.then),
        "now": _period_json(migration.now),
        "new": migration.count("status", "new"),
        "lost": migration.count("status", "lost"),
        "risk": migration.count("signal", "risk"),
        "growth": migration.count("signal", "growth"),
        "transitions": migration.transitions(),
        "customers": [
            {
                "customer": c,
                "name": n,
                "class_then": t or None,
                "class_now": w or None,
                "revenue_then": round(rt, 2),
                "revenue_now": round(rn, 2),
                "status": s,
                "signal": g or None,
            }
            for c, n, t, w, rt, rn, s, g in zip(*(table[k].tolist() for k in table), strict=True)
        ],
    }


def _apply_json(report: ApplyReport) -> dict[str, Any]:
    return {
        "changed": [
            {
                "plan": c.plan_id,
                "from": c.before.value if c.before else None,
                "to": c.verdict.segment.value,
                "customer": c.verdict.customer_id,
            }
            for c in report.changed
        ],
        "unchanged": report.unchanged,
        "not_saved": [{"plan": r.plan_id, "reason": r.reason} for r in report.refused],
        "no_revenue_in_file": report.no_revenue,
        "no_customer_ids": report.no_ids,
        "customers_without_plan": {s.value: n for s, n in report.unplanned_by_class.items()},
        "top_customers_without_plan": [
            {"rank": u.rank, "customer": u.customer, "name": u.name, "class": u.segment.value}
            for u in report.unplanned
        ],
    }


def render_json(
    result: AbcResult, top: int | None = None, report: ApplyReport | None = None
) -> str:
    """Summary, concentration, Pareto curve, customers (and migration, apply report)."""
    conc = result.concentration
    doc: dict[str, Any] = {
        **_source_json(result),
        "method": result.params.method.value,
        "thresholds": list(result.params.thresholds),
        "quotas": list(result.params.quotas),
        "customer_count": result.customer_count,
        "total_revenue": round(result.total_revenue, 2),
        "summary": [
            {
                "class": s.segment.value,
                "customers": s.customers,
                "customer_share": round(s.customer_share, 10),
                "revenue": round(s.revenue, 2),
                "revenue_share": round(s.revenue_share, 10),
                "textbook_customer_share": s.textbook_customer_share,
                "textbook_revenue_share": s.textbook_revenue_share,
                "meaning": s.meaning,
            }
            for s in result.summary
        ],
        "non_positive": {
            "customers": result.non_positive.customers,
            "revenue": round(result.non_positive.revenue, 2),
        },
        "concentration": {
            "top1": round(conc.top1, 10),
            "top10": round(conc.top10, 10),
            "top20pct": round(conc.top20pct, 10),
            "top20pct_customers": conc.top20pct_customers,
        },
        "pareto": [[round(x, 4), round(y, 10)] for x, y in result.pareto()],
        "customers": _customers_json(result, top),
    }
    if result.migration is not None:
        doc["migration"] = _migration_json(result.migration)
    if report is not None:
        doc["apply"] = _apply_json(report)
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# -- table -----------------------------------------------------------------------------------


def _grid(rows: list[tuple[str, ...]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _header_lines(result: AbcResult) -> list[str]:
    lines = []
    source = result.source
    if source is not None:
        lines.append(f"ABC analysis of {one_line(str(source.path))} ({source.layout})")
        lines.append(
            f"Period: {source.period.describe()} · {source.lines_used:,} lines · "
            f"{result.customer_count:,} customers · revenue {_money(result.total_revenue)}"
        )
    lines.append(f"Method: {result.params.describe()}")
    return lines


def _summary_lines(result: AbcResult) -> list[str]:
    """Per class: real customer and revenue shares beside the textbook ones, then meanings."""
    rows: list[tuple[str, ...]] = [
        ("Class", "Customers", "", "Revenue", "", "Textbook (customers / revenue)")
    ]
    for s in result.summary:
        rows.append(
            (
                s.segment.value,
                f"{s.customers:,}",
                _pct(s.customer_share),
                _money(s.revenue),
                _pct(s.revenue_share),
                f"{s.textbook_customer_share:.0%} / {s.textbook_revenue_share:.0%}",
            )
        )
    lines = _grid(rows, right={1, 2, 3, 4})
    rest = result.non_positive
    if rest.customers:
        lines.append(
            f"C also holds {_plural(rest.customers, 'customer')} with revenue ≤ 0 (total "
            f"{_money(rest.revenue)}), not counted in the shares."
        )
    lines.append("")
    lines.extend(f"{s.segment.value}  {s.meaning}" for s in result.summary)
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _concentration_lines(result: AbcResult) -> list[str]:
    c = result.concentration
    top10 = min(10, result.customer_count - result.non_positive.customers)
    return [
        f"Concentration: the top customer makes {_pct(c.top1)} of revenue, the top {top10} "
        f"make {_pct(c.top10)},",
        f"the top 20% ({_plural(c.top20pct_customers, 'customer')}) make {_pct(c.top20pct)} "
        "(textbook: 80%).",
    ]


def _top_lines(result: AbcResult, top: int) -> list[str]:
    rows: list[tuple[str, ...]] = [("#", "Customer", "Name", "Revenue", "Share", "Cum.", "Class")]
    for r in result.rows(top):
        rows.append(
            (
                str(r.rank),
                one_line(r.customer)[:20],
                one_line(r.name)[:32],
                _money(r.revenue),
                _pct(r.share),
                _pct(r.cumulative_share),
                r.segment.value,
            )
        )
    shown = min(top, result.customer_count)
    return [f"Top {shown} of {result.customer_count:,} customers", *_grid(rows, {0, 3, 4, 5})]


def _migration_matrix(migration: Migration) -> list[str]:
    """Customers by class then (rows, "new" for none) and class now (columns, "lost")."""
    counts = migration.transitions()
    rows: list[tuple[str, ...]] = [("then \\ now", "A", "B", "C", "lost")]
    for then, label in (("A", "A"), ("B", "B"), ("C", "C"), ("-", "new")):
        cells = [str(counts.get(f"{then}→{now}", 0)) for now in ("A", "B", "C", "-")]
        rows.append((label, *cells[:3], "" if then == "-" else cells[3]))
    return ["  " + line for line in _grid(rows, right={1, 2, 3, 4})]


def _migration_lines(migration: Migration, limit: int) -> list[str]:
    lines = [
        f"Migration: {migration.then.describe()} → {migration.now.describe()} "
        f"({migration.count('status', 'new')} new, {migration.count('status', 'lost')} lost)",
        *_migration_matrix(migration),
    ]
    table = migration.customers
    for signal, title in (("risk", "Risk (A → B/C)"), ("growth", "Growth (B/C → A)")):
        picked = table[table["signal"] == signal]
        if len(picked):
            lines.append(f"{title}: {_plural(len(picked), 'customer')}")
            for c, n, t, w in zip(
                picked["customer"].head(limit),
                picked["name"].head(limit),
                picked["class_then"].head(limit),
                picked["class_now"].head(limit),
                strict=True,
            ):
                lines.append(f"  {one_line(c)} {one_line(n)[:32]}: {t or 'new'} → {w or 'lost'}")
    return lines


def _apply_lines(report: ApplyReport) -> list[str]:
    lines = [
        f"Plans: {len(report.changed)} changed, {len(report.unchanged)} already right, "
        f"{len(report.refused)} not saved, {len(report.no_revenue)} with no revenue in the file"
    ]
    for c in report.changed:
        before = c.before.value if c.before else "-"
        extra = ""
        if c.verdict.ids_found > 1:
            extra = f"; {c.verdict.ids_found} ids, revenue {_money(c.verdict.revenue)}"
        lines.append(
            f"  {c.plan_id}: {before} → {c.verdict.segment.value} "
            f"(customer {c.verdict.customer_id}{extra})"
        )
    for r in report.refused:
        lines.append(f"  NOT SAVED {r.plan_id}: {r.reason}")
    counts = ", ".join(f"{s.value} {n}" for s, n in report.unplanned_by_class.items())
    lines.append(f"Customers without a plan: {counts}")
    for u in report.unplanned:
        lines.append(f"  #{u.rank} {u.customer} {u.name} ({u.segment.value})")
    return lines


def render_table(
    result: AbcResult, top: int = DEFAULT_TOP, report: ApplyReport | None = None
) -> str:
    """A readable summary: real vs textbook shares with meanings, concentration, top customers."""
    sections = [
        _header_lines(result),
        _summary_lines(result),
        _concentration_lines(result),
        _top_lines(result, top),
    ]
    if result.migration is not None:
        sections.append(_migration_lines(result.migration, top))
    if report is not None:
        sections.append(_apply_lines(report))
    return "\n\n".join("\n".join(s) for s in sections) + "\n"


def render_apply(report: ApplyReport) -> str:
    """What ``--apply`` did to the plans, as the table shows it."""
    return "\n".join(_apply_lines(report)) + "\n"


def render(
    result: AbcResult, fmt: str, top: int | None = None, report: ApplyReport | None = None
) -> str:
    """*result* in one of :data:`FORMATS`; *top* limits the customers (the table shows
    :data:`DEFAULT_TOP` when it is ``None``, CSV and JSON all of them)."""
    if fmt == "csv":
        return render_csv(result, top)
    if fmt == "json":
        return render_json(result, top, report)
    if fmt == "table":
        return render_table(result, DEFAULT_TOP if top is None else top, report)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
