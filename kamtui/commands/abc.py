"""``kamtui abc FILE``: ABC analysis of a revenue export, optionally written into the plans.

The analysis itself is :func:`kamtui.abc_analysis.analyse_file`; this module turns arguments
into options and the result into a table, CSV or JSON. Nothing heavy is imported at module
level (``kamtui --help`` must not load pandas).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kamtui.abc_analysis import AbcOptions, AbcResult, Migration, Period
    from kamtui.abc_apply import ApplyReport

HELP = "ABC analysis of a revenue export (CSV, TSV, .xlsx): A/B/C segments, optionally --apply"
DESCRIPTION = (
    HELP + ". Ranks customers by revenue; class A makes the first 80% of revenue, B up to "
    "95%, C the rest (or by customer counts with --method count). Columns, delimiter, "
    "encoding, number and date formats are detected; exit code 2 when the file cannot be used, "
    "1 when --apply could not save some plans."
)
PROGRESS_MIN_BYTES = 16 << 20
"""Files from this size show a progress indicator (when stderr is a terminal)."""
DEFAULT_TOP = 10


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _pair(value: str) -> tuple[float, float]:
    parts = value.replace(";", ",").split(",")
    try:
        a, b = (float(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected two percentages like 80,95: {value!r}"
        ) from None
    return a, b


def _count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(f"expected a number of customers (0 or more): {value!r}")
    return count


def _add_reading(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("reading the file")
    group.add_argument("--sheet", metavar="S", help="Excel sheet name or number (default: first)")
    for role, example in (
        ("customer", "Codice cliente"),
        ("name", "Ragione sociale"),
        ("amount", "Imponibile"),
        ("date", "Data fattura"),
    ):
        group.add_argument(
            f"--{role}",
            metavar="COL",
            help=f"the {role} column (default: guessed from the header, e.g. {example!r})",
        )
    order = group.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst", dest="dayfirst", action="store_const", const=True, help="dates are dd/mm"
    )
    order.add_argument(
        "--monthfirst", dest="dayfirst", action="store_const", const=False, help="dates are mm/dd"
    )
    group.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="leave out rows with no customer or an unreadable amount or date, however many",
    )


def _add_analysis(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("the analysis")
    group.add_argument(
        "--from", dest="date_from", type=_iso_date, metavar="DATE", help="first day (YYYY-MM-DD)"
    )
    group.add_argument(
        "--to", dest="date_to", type=_iso_date, metavar="DATE", help="last day (inclusive)"
    )
    group.add_argument(
        "--method",
        choices=("revenue", "count"),
        default="revenue",
        help="cut classes by cumulative revenue (default) or by customer counts",
    )
    group.add_argument(
        "--thresholds",
        type=_pair,
        default=(80.0, 95.0),
        metavar="A,B",
        help="cumulative revenue %% for A and B (method revenue; default 80,95)",
    )
    group.add_argument(
        "--quotas",
        type=_pair,
        default=(20.0, 30.0),
        metavar="A,B",
        help="%% of customers in A and in B (method count; default 20,30)",
    )
    group.add_argument(
        "--compare-from", type=_iso_date, metavar="DATE", help="first day of the previous period"
    )
    group.add_argument(
        "--compare-to",
        type=_iso_date,
        metavar="DATE",
        help="last day of the previous period: shows the migration between classes",
    )
    group.add_argument(
        "--compare", type=Path, metavar="FILE2", help="a second file with the previous period"
    )


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("abc", help=HELP, description=DESCRIPTION)
    p.add_argument("file", type=Path, metavar="FILE", help="the revenue export")
    _add_reading(p)
    _add_analysis(p)
    out = p.add_argument_group("output")
    out.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table (default): summary and top customers; csv: one row per customer; json: all",
    )
    out.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically)")
    out.add_argument(
        "--top",
        type=_count,
        metavar="N",
        help=f"customers shown (table: default {DEFAULT_TOP}; csv/json: default all)",
    )
    out.add_argument(
        "--apply",
        action="store_true",
        help="write each plan's class into its account.segment (matched by customer_ids)",
    )
    p.set_defaults(run=run)


# -- options ---------------------------------------------------------------------------------


def _options(args: argparse.Namespace, progress: Any) -> AbcOptions:
    from kamtui.abc_analysis import AbcOptions, AbcParams, Method, Period
    from kamtui.cli import UsageError
    from kamtui.revenue_io import ReadOptions

    try:
        params = AbcParams(Method(args.method), args.thresholds, args.quotas)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    compare = None
    if args.compare_from or args.compare_to:
        compare = Period(args.compare_from, args.compare_to)
    elif args.compare:
        compare = Period()
    read = ReadOptions(
        sheet=args.sheet,
        customer=args.customer,
        name=args.name,
        amount=args.amount,
        date=args.date,
        dayfirst=args.dayfirst,
        skip_bad_rows=args.skip_bad_rows,
        progress=progress,
    )
    return AbcOptions(
        params=params,
        read=read,
        period=Period(args.date_from, args.date_to),
        compare_file=args.compare,
        compare_period=compare,
    )


class _Progress:
    """``kamtui: reading FILE  42%`` on one stderr line, updated as the file is read."""

    def __init__(self, path: Path) -> None:
        self._label = f"kamtui: reading {path.name}"
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = min(100, done * 100 // max(1, total))
        if percent != self._shown:
            self._shown = percent
            sys.stderr.write(f"\r{self._label} {percent:3d}%")
            sys.stderr.flush()

    def clear(self) -> None:
        if self._shown >= 0:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _progress_for(path: Path) -> _Progress | None:
    try:
        big = path.stat().st_size >= PROGRESS_MIN_BYTES
    except OSError:
        return None
    return _Progress(path) if big and sys.stderr.isatty() else None


# -- numbers for people ----------------------------------------------------------------------


COLUMNS = ("customer", "name", "revenue", "share", "cumulative_share", "class")
"""The CSV columns (the same as :data:`kamtui.abc_analysis.COLUMNS`)."""


def _money(value: float) -> str:
    text = f"{value:,.2f}"
    return "0.00" if text == "-0.00" else text


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


# -- CSV -------------------------------------------------------------------------------------


def render_csv(result: AbcResult, top: int | None = None) -> str:
    """``customer,name,revenue,share,cumulative_share,class``: revenue with 2 decimals,
    shares as fractions with 10, one row per customer in rank order."""
    import csv
    import io

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
    import json

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
    from kamtui.text_safety import one_line

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
    from kamtui.text_safety import one_line

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
    from kamtui.text_safety import one_line

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


# -- running ---------------------------------------------------------------------------------


def _write(text: str, output: str | None) -> None:
    """To stdout, or atomically to *output* (devices and pipes such as /dev/null directly)."""
    import os
    import stat

    from kamtui.atomic import atomic_write, file_digest
    from kamtui.cli import UsageError
    from kamtui.diagnostics import ConflictError

    if output is None or output == "-":
        sys.stdout.write(text)
        return
    path = Path(output)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            return
        atomic_write(path, text.encode("utf-8"), expected_digest=file_digest(path))
    except FileNotFoundError:
        try:
            atomic_write(path, text.encode("utf-8"), expected_digest=None)
        except (OSError, ConflictError) as exc:
            raise UsageError(f"{path}: cannot write: {exc}") from None
    except (OSError, ConflictError) as exc:
        raise UsageError(f"{path}: cannot write: {exc}") from None


def _notes(result: AbcResult) -> None:
    """What reading found (rows left out, assumed date order) goes to stderr, once per file."""
    seen: set[Path] = set()
    for part in (result, result.previous):
        source = part.source if part is not None else None
        if source is not None and source.path not in seen:
            seen.add(source.path)
            for note in source.notes:
                print(f"kamtui: {source.path}: {note}", file=sys.stderr)


def _render(args: argparse.Namespace, result: AbcResult, report: ApplyReport | None) -> str:
    if args.format == "csv":
        return render_csv(result, args.top)
    if args.format == "json":
        return render_json(result, args.top, report)
    return render_table(result, DEFAULT_TOP if args.top is None else args.top, report)


def run(args: argparse.Namespace) -> int:
    from kamtui.abc_analysis import analyse_file
    from kamtui.cli import UsageError, open_workspace
    from kamtui.revenue_io import RevenueFileError

    progress = _progress_for(args.file)
    try:
        result = analyse_file(args.file, _options(args, progress))
    except RevenueFileError as exc:
        raise UsageError(str(exc)) from None
    finally:
        if progress is not None:
            progress.clear()
    _notes(result)
    report = None
    if args.apply:
        from kamtui.abc_apply import apply_classes

        report = apply_classes(open_workspace(args), result)
        if args.format == "csv":
            sys.stderr.write("\n".join(_apply_lines(report)) + "\n")
    _write(_render(args, result, report), args.output)
    return 0 if report is None or report.ok else 1
