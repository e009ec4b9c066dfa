"""``kamtui actions``: every open action of the portfolio, yours by default, overdue first (the
"my week" list; the app's actions view shows the same rows). The rules are in docs/actions.md;
the rows, filters and order are kamtui/agenda/actions.py."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

from kamtui.cli.whose import add_owner_options
from kamtui.text.i18n import N_, ngettext
from kamtui.text.i18n import gettext as _

if TYPE_CHECKING:
    from kamtui.agenda.actions import ActionFilter, ActionTotals, OpenAction

HELP = N_("every open action of the portfolio: yours by default, overdue first")
DESCRIPTION = N_(
    "{help}. Yours: the owner in your config.toml, else git's user.name, else every owner's. "
    "An action without an owner is its account owner's. Exit code 1 when a plan cannot be "
    "read (it is named on stderr and skipped), 2 for bad arguments."
)
OPEN_STATUSES = ("todo", "in-progress", "blocked")
SEGMENTS = ("A", "B", "C", "none")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("actions", help=_(HELP), description=_(DESCRIPTION).format(help=_(HELP)))
    add_owner_options(p)
    window = p.add_mutually_exclusive_group()
    window.add_argument(
        "--due-within",
        choices=("7d", "30d"),
        help=_("only actions due within 7 or 30 days from today (overdue ones included)"),
    )
    window.add_argument("--overdue", action="store_true", help=_("only overdue actions"))
    p.add_argument(
        "--status",
        nargs="+",
        action="extend",
        choices=OPEN_STATUSES,
        metavar="STATUS",
        help=_(
            "only these statuses: {statuses} (done and dropped actions are never listed)"
        ).format(statuses=", ".join(OPEN_STATUSES)),
    )
    p.add_argument(
        "--segment",
        nargs="+",
        action="extend",
        choices=SEGMENTS,
        metavar="CLASS",
        help=_("only accounts of these ABC classes: A, B, C, none (not classified)"),
    )
    p.add_argument(
        "--text",
        default="",
        metavar="TEXT",
        help=_("only actions whose account, title, objective or owner holds TEXT (case aside)"),
    )
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
    p.set_defaults(run=run)


CSV_FIELDS = (
    "due",
    "days_overdue",
    "account",
    "segment",
    "title",
    "objective",
    "owner",
    "status",
    "progress",
    "plan_id",
    "action_id",
    "objective_id",
)


def build_filter(args: argparse.Namespace, owner: str | None) -> ActionFilter:
    from kamtui.agenda.actions import ActionFilter, Window
    from kamtui.plan.model import ActionStatus

    if args.overdue:
        window = Window.OVERDUE
    elif args.due_within is not None:
        window = Window(args.due_within)
    else:
        window = Window.ALL
    return ActionFilter(
        owner=owner,
        window=window,
        statuses=frozenset(ActionStatus(s) for s in args.status or ()),
        segments=frozenset("" if s == "none" else s for s in args.segment or ()),
        text=args.text,
    )


def _days_overdue(row: OpenAction, today: dt.date) -> int | None:
    return (today - row.due).days if row.due is not None and row.due < today else None


def _record(row: OpenAction, today: dt.date) -> dict[str, Any]:
    return {
        "due": row.due.isoformat() if row.due is not None else None,
        "days_overdue": _days_overdue(row, today),
        "account": row.account,
        "segment": row.segment,
        "title": row.title,
        "objective": row.objective,
        "owner": row.owner,
        "status": row.status.value,
        "progress": row.progress,
        "plan_id": row.plan_id,
        "action_id": row.action_id,
        "objective_id": row.objective_id,
    }


def describe_totals(t: ActionTotals) -> str:
    from kamtui.text.format import format_count

    shown = ngettext("{n} action", "{n} actions", t.shown).format(n=format_count(t.shown))
    return _(
        "{actions}: {overdue} overdue, {due} due this week (the next 7 days), {blocked} blocked"
    ).format(actions=shown, overdue=t.overdue, due=t.due_this_week, blocked=t.blocked)


WIDTHS = {"Account": 28, "Action": 40, "Objective": 24, "Owner": 20}
"""Cells of the text columns at most; longer text is cut with …."""
STATUS_WORDS = {"todo": N_("to do"), "in-progress": N_("in progress"), "blocked": N_("blocked")}
"""The statuses as the table shows them (translated there)."""
HEADER = (
    N_("Due"),
    N_("Late"),
    N_("Account"),
    N_("Seg"),
    N_("Action"),
    N_("Objective"),
    N_("Owner"),
    N_("Status"),
    N_("Done"),
)
"""The table's column titles (translated where the table is made)."""


def render_table(rows: list[OpenAction], today: dt.date) -> str:
    """The table: columns measured and padded in terminal cells (kamtui/text/width.py)."""
    from kamtui.text.format import day_or_missing
    from kamtui.text.safety import one_line
    from kamtui.text.width import cell_width, fit

    header = tuple(_(title) for title in HEADER)
    lines: list[tuple[str, ...]] = [header]

    def cut(text: str, column: str) -> str:
        text = one_line(text)
        width = WIDTHS[column]
        return fit(text, width) if cell_width(text) > width else text

    for r in rows:
        late = _days_overdue(r, today)
        lines.append(
            (
                day_or_missing(r.due) if r.due is not None else "-",
                _("{days}d!").format(days=late) if late is not None else "",
                cut(r.account, "Account"),
                r.segment or "-",
                cut(r.title, "Action"),
                cut(r.objective, "Objective") if r.objective else "-",
                cut(r.owner, "Owner") if r.owner.strip() else "-",
                _(STATUS_WORDS[r.status.value])
                if r.status.value in STATUS_WORDS
                else r.status.value,
                f"{r.progress}%",
            )
        )
    widths = [max(cell_width(line[i]) for line in lines) for i in range(len(header))]
    right = {1, 8}  # Late and Done are numbers
    out = [
        "  ".join(
            fit(cell, w, right=i in right)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    ]
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    from kamtui.agenda.actions import open_actions, select, totals
    from kamtui.cli.common import open_workspace, today_from
    from kamtui.cli.whose import report_broken, whose
    from kamtui.text.format import day_or_missing, format_count
    from kamtui.text.safety import spreadsheet_cell

    ws = open_workspace(args)
    today = today_from(args)
    who = whose(args, ws.root)
    scan = ws.load_all()
    broken = report_broken(scan.plans)
    rows = open_actions(lp.plan for lp in scan.plans if lp.plan is not None)
    shown = select(rows, build_filter(args, who.owner), today)
    hidden = len(rows) - len(shown)
    if who.owner is not None and hidden:
        first = _(
            "Open actions of {whose} as of {today}: {shown} shown, {hidden} filtered out "
            "(--all: every owner)"
        )
    else:
        first = _("Open actions of {whose} as of {today}: {shown} shown, {hidden} filtered out")
    first = first.format(
        whose=who.describe(), today=day_or_missing(today), shown=len(shown), hidden=hidden
    )
    if args.format == "json":
        print(first, file=sys.stderr)
        t = totals(shown, today)
        doc = {
            "today": today.isoformat(),
            "owner": who.owner,
            "owner_from": who.source,
            "shown": len(shown),
            "filtered_out": hidden,
            "totals": {
                "overdue": t.overdue,
                "due_this_week": t.due_this_week,
                "blocked": t.blocked,
            },
            "actions": [_record(r, today) for r in shown],
            "broken": [
                {"id": lp.id, "error": lp.errors[0].format() if lp.errors else ""}
                for lp in scan.plans
                if lp.plan is None
            ],
        }
        json.dump(doc, sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        print(first, file=sys.stderr)
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_FIELDS)
        for r in shown:
            record = _record(r, today)
            writer.writerow(
                spreadsheet_cell(v, raw=args.raw)
                if isinstance(v, str)
                else ("" if v is None else v)
                for v in (record[f] for f in CSV_FIELDS)
            )
    else:
        sys.stdout.write(first + "\n\n")
        if shown:
            sys.stdout.write(render_table(shown, today) + "\n")
        sys.stdout.write(describe_totals(totals(shown, today)) + "\n")
        if broken:
            could_not = ngettext(
                "{n} plan could not be read (see above)",
                "{n} plans could not be read (see above)",
                broken,
            )
            sys.stdout.write(could_not.format(n=format_count(broken)) + "\n")
    return 1 if broken else 0
