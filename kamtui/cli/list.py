"""``kamtui list``: the portfolio at a glance (what the dashboard shows, as text)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from typing import Any

from kamtui.cli.at import AT_HELP
from kamtui.plan.metrics import PortfolioRow
from kamtui.text.format import day_or_missing, format_count, percent
from kamtui.text.i18n import N_, ngettext
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line, spreadsheet_cell
from kamtui.text.width import cell_width, fit

HELP = N_("list the accounts: segment, plan completeness, progress, overdue actions, reviews")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("list", help=_(HELP), description=_(HELP) + ".")
    p.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help=_("output format (default: table)"),
    )
    p.add_argument(
        "--raw",
        action="store_true",
        help=_(
            "csv: cells as they are (by default a text cell a spreadsheet would run as a "
            "formula gets a leading ')"
        ),
    )
    p.add_argument(
        "--at",
        metavar="DATE|REV",
        help=_(
            "the portfolio {at}; 'today' is then that date unless --today says otherwise"
        ).format(at=_(AT_HELP)),
    )
    p.set_defaults(run=run)


CSV_FIELDS = (
    "id",
    "name",
    "segment",
    "owner",
    "where_am_i",
    "where_to_go",
    "how_to_get_there",
    "attainment",
    "actions_done",
    "actions_total",
    "overdue",
    "next_action",
    "next_due",
    "days_since_review",
    "stale",
)


def _marks(values: tuple[float, float, float]) -> str:
    return "".join("●" if v >= 1 else ("◐" if v > 0 else "○") for v in values)


def _review(row: PortfolioRow) -> str:
    if row.days_since_review is None:
        return _("never!")
    days = _("{days}d").format(days=format_count(row.days_since_review))
    return days + ("!" if row.stale else "")


def _record(row: PortfolioRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "segment": row.segment,
        "owner": row.owner,
        "where_am_i": round(row.completeness[0], 3),
        "where_to_go": round(row.completeness[1], 3),
        "how_to_get_there": round(row.completeness[2], 3),
        "attainment": None if row.attainment is None else round(row.attainment, 3),
        "actions_done": row.actions_done,
        "actions_total": row.actions_total,
        "overdue": row.overdue,
        "next_action": row.next_action,
        "next_due": row.next_due.isoformat() if row.next_due else None,
        "days_since_review": row.days_since_review,
        "stale": row.stale,
    }


HEADER = (
    N_("ID"),
    N_("Name"),
    N_("Seg"),
    N_("Plan"),
    N_("Attain"),
    N_("Actions"),
    N_("Late"),
    N_("Next due"),
    N_("Review"),
)
"""The table's column titles (translated where the table is made)."""
NAME_WIDTH = 32
"""Cells of the Name column at most; a longer name is cut with …."""


def render_table(
    rows: list[PortfolioRow],
    broken: list[tuple[str, str]],
    today: dt.date,
    source: str = "",
) -> str:
    """The table: columns measured and padded in terminal cells, not characters (a CJK name,
    an emoji or an NFD accent lines up; see kamtui/text/width.py). *source* says where the
    plans come from when not from disk (``commit a1b2c3d of 2026-11-28``)."""
    header = tuple(_(title) for title in HEADER)
    lines: list[tuple[str, ...]] = [header]
    for r in rows:
        name = one_line(r.name)
        lines.append(
            (
                r.id,
                fit(name, NAME_WIDTH) if cell_width(name) > NAME_WIDTH else name,
                r.segment or "-",
                _marks(r.completeness),
                percent(r.attainment, missing="-"),
                f"{r.actions_done}/{r.actions_total}",
                str(r.overdue) if r.overdue else "",
                day_or_missing(r.next_due) if r.next_due else "",
                _review(r),
            )
        )
    widths = [max(cell_width(line[i]) for line in lines) for i in range(len(header))]
    out = [
        "  ".join(fit(cell, w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in lines
    ]
    for plan_id, error in broken:
        out.append(_("{id}  BROKEN: {error}").format(id=one_line(plan_id), error=one_line(error)))
    out.append("")
    accounts = ngettext("{n} account", "{n} accounts", len(rows)).format(n=format_count(len(rows)))
    if source:
        first = _("{accounts} as of {today} ({source})").format(
            accounts=accounts, today=day_or_missing(today), source=source
        )
    else:
        first = _("{accounts} as of {today}").format(accounts=accounts, today=day_or_missing(today))
    out.append(
        first
        + _(
            "; Plan = Where am I? / Where do I want to go? / How do I get there? "
            "(● done, ◐ partly, ○ empty); ! = review due"
        )
    )
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    from kamtui.cli.common import open_workspace, today_from
    from kamtui.plan.metrics import portfolio_row

    ws = open_workspace(args)
    source: dict[str, str] | None = None
    shown = ""
    if getattr(args, "at", None) is not None:
        from kamtui.cli.at import commit_at, describe, open_history, today_at

        history = open_history(ws.root)
        commit = commit_at(history, args.at)
        plans = history.portfolio_at(commit)
        today = today_at(args, args.at, commit)
        source = {"commit": commit.hash, "date": commit.committed.isoformat()}
        shown = _("commit {commit}").format(commit=describe(commit))
    else:
        plans = ws.load_all().plans
        today = today_from(args)
    rows = [portfolio_row(lp.plan, today) for lp in plans if lp.plan is not None]
    broken = [(lp.id, lp.errors[0].format()) for lp in plans if lp.plan is None]
    if args.format == "json":
        doc: dict[str, Any] = {
            "today": today.isoformat(),
            "accounts": [_record(r) for r in rows],
            "broken": [{"id": i, "error": e} for i, e in broken],
        }
        if source is not None:
            doc["at"] = source
        json.dump(doc, sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_FIELDS)
        for r in rows:
            record = _record(r)
            writer.writerow(
                spreadsheet_cell(v, raw=args.raw)
                if isinstance(v, str)
                else ("" if v is None else v)
                for v in (record[f] for f in CSV_FIELDS)
            )
    else:
        sys.stdout.write(render_table(rows, broken, today, shown))
    return 1 if broken else 0
