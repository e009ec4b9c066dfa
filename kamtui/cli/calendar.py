"""``kamtui calendar``: the due dates of the open actions and the next reviews as an iCalendar
(RFC 5545) file, to import into the calendar you live in. Importing it again updates the
events instead of adding them twice. The rules are in docs/actions.md; the file is made by
kamtui/agenda/calendar.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kamtui.cli.whose import add_owner_options
from kamtui.text.i18n import N_, ngettext
from kamtui.text.i18n import gettext as _

HELP = N_("an iCalendar (.ics) file of the open actions' due dates and the accounts' next reviews")
DESCRIPTION = N_(
    "{help}: yours by default (the owner in your config.toml, else git's user.name, else "
    "every owner's). Each event keeps its UID from one run to the next, so importing the file "
    "again updates the events. Exit code 1 when a plan cannot be read (it is named on stderr "
    "and left out), 2 for bad arguments or an existing output file."
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("calendar", help=_(HELP), description=_(DESCRIPTION).format(help=_(HELP)))
    add_owner_options(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_(
            "write to FILE (e.g. kam.ics) instead of stdout ('-' is stdout); never "
            "overwrites without --force"
        ),
    )
    p.add_argument(
        "-f", "--force", action="store_true", help=_("replace FILE if it exists (atomically)")
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kamtui.agenda.calendar import calendar_events, calendar_name, to_ical
    from kamtui.cli.common import UsageError, open_workspace, today_from
    from kamtui.cli.whose import report_broken, whose
    from kamtui.export import OutputExistsError, write_export
    from kamtui.text.format import day_or_missing, format_count
    from kamtui.text.safety import printable

    ws = open_workspace(args)
    today = today_from(args)
    who = whose(args, ws.root)
    scan = ws.load_all()
    broken = report_broken(scan.plans)
    plans = [lp.plan for lp in scan.plans if lp.plan is not None]
    events = calendar_events(plans, ws.root, today, who.owner)
    data = to_ical(events, today, calendar_name(who.owner))
    reviews = sum(1 for e in events if e.kind == "review")
    actions = len(events) - reviews
    summary = _("Calendar of {whose} as of {today}: {actions}, {reviews}").format(
        whose=who.describe(),
        today=day_or_missing(today),
        actions=ngettext(
            "{n} action with a due date", "{n} actions with a due date", actions
        ).format(n=format_count(actions)),
        reviews=ngettext("{n} review", "{n} reviews", reviews).format(n=format_count(reviews)),
    )
    if args.output in (None, "-"):
        out = sys.stdout
        out.flush()
        buffer = getattr(out, "buffer", None)
        if buffer is not None:  # bytes as they are: CRLF line ends, UTF-8 whatever the locale
            buffer.write(data)
            buffer.flush()
        else:
            out.write(data.decode("utf-8"))
        print(summary, file=sys.stderr)
    else:
        path = Path(args.output)
        try:
            write_export(path, data.decode("utf-8"), force=args.force)
        except OutputExistsError as exc:
            raise UsageError(str(exc)) from None
        print(_("{summary}; written to {path}").format(summary=summary, path=printable(str(path))))
    return 1 if broken else 0
