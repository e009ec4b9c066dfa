"""The ABC result as text: a readable table, CSV (one row per customer) or JSON (all of it).

Pure functions from an :class:`~kamtui.abc.result.AbcResult` (and, after ``--apply``, an
:class:`~kamtui.abc.apply.ApplyReport`) to a string, for ``kamtui abc``. The table's summary and
migration are the lines of :mod:`kamtui.abc.lines`, which the app shows too.
Nothing heavy is imported (the result's tables are pandas objects, but only their methods
are called), and at the top only what ``kamtui --help`` loads anyway: the command imports
this module for :data:`DEFAULT_TOP` and :data:`FORMATS`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING, Any

from kamtui.text.safety import BIDI, one_line, spreadsheet_cell

if TYPE_CHECKING:
    from kamtui.abc.apply import ApplyReport
    from kamtui.abc.lines import Line
    from kamtui.abc.result import AbcResult, Migration, Period

FORMATS = ("table", "csv", "json")
"""The output formats of :func:`render`."""
DEFAULT_TOP = 10
"""Customers shown by the table when not told otherwise."""


# -- CSV -------------------------------------------------------------------------------------


def render_csv(result: AbcResult, top: int | None = None, *, raw: bool = False) -> str:
    """``customer,name,revenue,share,cumulative_share,class``: revenue with 2 decimals,
    shares as fractions with 10, one row per customer in rank order. Customer ids and names
    are safe for a spreadsheet (:func:`kamtui.text.safety.spreadsheet_cell`; *raw*: only
    without control characters)."""
    from kamtui.abc.result import COLUMNS

    def cells(values: list[Any]) -> list[str]:
        return [spreadsheet_cell(str(v), raw=raw) for v in values]

    table = result.customers if top is None else result.customers.head(top)
    revenue = [f"{v:.2f}" for v in table["revenue"].tolist()]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(
        zip(
            cells(table["customer"].tolist()),
            cells(table["name"].tolist()),
            ["0.00" if v == "-0.00" else v for v in revenue],
            [f"{v:.10f}" for v in table["share"].tolist()],
            [f"{v:.10f}" for v in table["cumulative_share"].tolist()],
            table["class"].tolist(),
            strict=True,
        )
    )
    return out.getvalue()


# -- JSON ------------------------------------------------------------------------------------

_JSON_RAW_CONTROLS = re.compile(f"[\x7f-\x9f{BIDI}\u2028\u2029]")
"""What ``json.dumps(ensure_ascii=False)`` leaves raw but a terminal or a script must not get
raw: DEL, the C1 controls, bidi overrides, the line and paragraph separators (C0 controls
are escaped by ``json`` itself)."""


def _escaped(text: str) -> str:
    """JSON *text* with :data:`_JSON_RAW_CONTROLS` written as ``\\uXXXX`` escapes: the same
    document once parsed, and no control character in it."""
    return _JSON_RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
            "currency": source.columns.currency,
            "quantity": source.columns.quantity,
            "price": source.columns.price,
            "discount": source.columns.discount,
            "document_type": source.columns.doc_type,
        },
        "amount_from": source.columns.amount_formula,
        "credit_notes": {"lines": source.credit_lines, "total": round(source.credit_total, 2)},
        "without_customer": {
            "lines": source.unassigned_lines,
            "revenue": round(source.unassigned_revenue, 2),
        },
        "currency": source.currency,
        "currency_lines": {c or "not stated": n for c, n in source.currency_lines},
        "rates": dict(source.rates),
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
    return _escaped(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"


# -- table -----------------------------------------------------------------------------------


def _top_lines(result: AbcResult, top: int) -> list[Line]:
    from kamtui.abc.lines import Span, class_role, grid
    from kamtui.text.format import format_count, money, percent
    from kamtui.text.i18n import gettext as _
    from kamtui.text.i18n import ngettext

    header = ("#", _("Customer"), _("Name"), _("Revenue"), _("Share"), _("Cum."), _("Class"))
    rows: list[tuple[Span, ...]] = [tuple(Span(h, "heading") for h in header)]
    for r in result.rows(top):
        rows.append(
            (
                Span(str(r.rank), "number"),
                Span(one_line(r.customer)[:20]),
                Span(one_line(r.name)[:32]),
                Span(money(r.revenue), "number"),
                Span(percent(r.share, 1), "number"),
                Span(percent(r.cumulative_share, 1), "number"),
                Span(r.segment.value, class_role(r.segment.value)),
            )
        )
    shown = min(top, result.customer_count)
    n = result.customer_count
    title_text = ngettext("Top {shown} of {n} customer", "Top {shown} of {n} customers", n)
    title = (Span(title_text.format(shown=format_count(shown), n=format_count(n)), "heading"),)
    return [title, *grid(rows, {0, 3, 4, 5})]


def _apply_lines(report: ApplyReport) -> list[str]:
    from kamtui.text.format import money
    from kamtui.text.i18n import gettext as _

    lines = [
        _(
            "Plans: {changed} changed, {unchanged} already right, {refused} not saved, "
            "{no_revenue} with no revenue in the file"
        ).format(
            changed=len(report.changed),
            unchanged=len(report.unchanged),
            refused=len(report.refused),
            no_revenue=len(report.no_revenue),
        )
    ]
    for c in report.changed:
        before = c.before.value if c.before else "-"
        fields = {"plan": one_line(c.plan_id), "before": before, "after": c.verdict.segment.value}
        fields["customer"] = one_line(c.verdict.customer_id)
        if c.verdict.ids_found > 1:
            line = _(
                "  {plan}: {before} → {after} (customer {customer}; {ids} ids, revenue {revenue})"
            ).format(**fields, ids=c.verdict.ids_found, revenue=money(c.verdict.revenue))
        else:
            line = _("  {plan}: {before} → {after} (customer {customer})").format(**fields)
        lines.append(line)
    for r in report.refused:
        lines.append(
            _("  NOT SAVED {plan}: {reason}").format(
                plan=one_line(r.plan_id), reason=one_line(r.reason)
            )
        )
    counts = ", ".join(f"{s.value} {n}" for s, n in report.unplanned_by_class.items())
    lines.append(_("Customers without a plan: {counts}").format(counts=counts))
    for u in report.unplanned:
        lines.append(f"  #{u.rank} {one_line(u.customer)} {one_line(u.name)} ({u.segment.value})")
    return lines


def render_table(
    result: AbcResult, top: int = DEFAULT_TOP, report: ApplyReport | None = None
) -> str:
    """A readable summary: real vs textbook shares with meanings, concentration, top customers."""
    from kamtui.abc.lines import header_lines, migration_lines, plain_text, summary_lines

    sections = [header_lines(result), summary_lines(result), _top_lines(result, top)]
    if result.migration is not None:
        sections.append(migration_lines(result.migration, top))
    text = "\n\n".join(plain_text(s) for s in sections)
    if report is not None:
        text += "\n\n" + "\n".join(_apply_lines(report))
    return text + "\n"


def render_apply(report: ApplyReport) -> str:
    """What ``--apply`` did to the plans, as the table shows it."""
    return "\n".join(_apply_lines(report)) + "\n"


def render(
    result: AbcResult,
    fmt: str,
    top: int | None = None,
    report: ApplyReport | None = None,
    *,
    raw: bool = False,
) -> str:
    """*result* in one of :data:`FORMATS`; *top* limits the customers (the table shows
    :data:`DEFAULT_TOP` when it is ``None``, CSV and JSON all of them); *raw*: CSV cells as they
    are (see :func:`render_csv`)."""
    if fmt == "csv":
        return render_csv(result, top, raw=raw)
    if fmt == "json":
        return render_json(result, top, report)
    if fmt == "table":
        return render_table(result, DEFAULT_TOP if top is None else top, report)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
