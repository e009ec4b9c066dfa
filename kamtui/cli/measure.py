"""``kamtui measure FILE``: check-ins for the objectives measured from the revenue file.

Every objective with ``source = "revenue"`` gets the revenue of its period over its account's
customer ids, ending at the file's last date (kamtui/abc/measure.py, docs/measure.md). What
would be added or skipped is shown first; the check-ins are written after a yes on a terminal,
or with ``--yes``; without a terminal and without ``--yes`` nothing is written. The file is read
as ``kamtui abc`` reads it, with the same options. Nothing heavy is imported at module level
(``kamtui --help`` must not load pandas).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamtui.cli.abc import add_reading_options
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

if TYPE_CHECKING:
    from kamtui.abc.measure import ApplyResult, MeasureReport

HELP = N_('check-ins for the objectives measured from a revenue export (source = "revenue")')
DESCRIPTION = N_(
    'Measures every objective with source = "revenue": the revenue of its period '
    "(rolling-12m, calendar-year, quarter) over its account's customer ids, ending at the "
    "file's last date, in the objective's unit (€, k€, M€). Shows the check-ins it would add "
    "and writes them after confirmation (--yes for scripts); a check-in typed by hand is never "
    "replaced. The file is read as 'kamtui abc' reads it. Exit code 2 when the file cannot be "
    "used, 1 when some plans could not be saved."
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("measure", help=_(HELP), description=_(DESCRIPTION))
    p.add_argument("file", type=Path, metavar="REVENUE_FILE", help=_("the revenue export"))
    add_reading_options(p)
    out = p.add_argument_group(_("output"))
    out.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help=_("table (default): one line per objective; json: the same for scripts"),
    )
    out.add_argument(
        "--yes",
        "-y",
        action="store_true",
        help=_("write the check-ins without asking (for scripts)"),
    )
    p.set_defaults(run=run)


# -- output ----------------------------------------------------------------------------------


def render_table(report: MeasureReport) -> str:
    """One line per objective: account, objective, period, value, outcome; padded in
    terminal cells (kamtui/text/width.py)."""
    from kamtui.abc.measure import checkins, describe_value, plans
    from kamtui.text.format import format_day
    from kamtui.text.safety import one_line
    from kamtui.text.width import cell_width, fit

    out = [
        _("Objectives measured from {file}, periods ending {day}:").format(
            file=one_line(report.path.name), day=format_day(report.last_day)
        )
    ]
    header = (_("Account"), _("Objective"), _("Period"), _("Value"), _("Outcome"))
    rows: list[tuple[str, ...]] = [header]
    for p in report.proposals:
        rows.append(
            (
                fit(one_line(p.account or p.plan_id), 30),
                fit(one_line(p.objective or p.objective_id), 30),
                _("{period} (from {day})").format(
                    period=_period_words(p.period.value), day=format_day(p.start)
                ),
                describe_value(p),
                p.text,
            )
        )
    if report.proposals:
        widths = [max(cell_width(row[i]) for row in rows) for i in range(len(header))]
        right = (False, False, False, True, False)
        for row in rows:
            cells = zip(row, widths, right, strict=True)
            out.append("  ".join(fit(c, w, right=r) for c, w, r in cells).rstrip())
    else:
        out.append(
            _(
                'No objective is measured from the revenue file: give one source = "revenue" '
                "and a period (see docs/measure.md)."
            )
        )
    for skipped in report.broken:
        out.append(
            _("{plan}  NOT READ: {reason}").format(
                plan=one_line(skipped.plan_id), reason=one_line(skipped.reason)
            )
        )
    writes = report.writes
    out.append("")
    if writes:
        out.append(
            _("{checkins} to write to {plans}, dated {day}.").format(
                checkins=checkins(len(writes)),
                plans=plans(len(report.plans_written)),
                day=format_day(report.last_day),
            )
        )
    elif report.proposals:
        out.append(_("Nothing to write."))
    return "\n".join(out) + "\n"


def _period_words(value: str) -> str:
    """A measure period as the table shows it: as the plan file writes it in English
    (``rolling-12m``, what the objective's ``period`` says), in words in another language
    (``ultimi 12 mesi``)."""
    from kamtui.text import i18n
    from kamtui.text.format import value_words

    return value if i18n.language() == "en" else value_words(value)


def _json(report: MeasureReport, result: ApplyResult | None, why_not: str) -> dict[str, Any]:
    return {
        "file": str(report.path),
        "last_date": report.last_day.isoformat(),
        "objectives": [p.to_json() for p in report.proposals],
        "broken": [{"id": s.plan_id, "error": s.reason} for s in report.broken],
        "to_write": len(report.writes),
        "written": [] if result is None else [p.to_json() for p in result.written],
        "refused": [] if result is None else [
            {"id": s.plan_id, "reason": s.reason} for s in result.refused
        ],
        "not_written": why_not,
    }  # fmt: skip


# -- running ---------------------------------------------------------------------------------


YES = ("y", "yes", "s", "si", "sì")
"""The answers that mean yes, in either language (an Italian asked ``[s/N]`` types s or sì)."""


def _confirm(question: str) -> bool | None:
    """Ask *question* on the terminal: the answer, or ``None`` without a terminal."""
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        return None
    sys.stderr.write(_("{question} [y/N] ").format(question=question))
    sys.stderr.flush()
    answer = stdin.readline()
    return answer.strip().lower() in YES


def _notes(report: MeasureReport) -> None:
    from kamtui.text.safety import one_line

    for note in report.notes:
        print(f"kamtui: {one_line(f'{report.path}: {note}')}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from kamtui.cli.abc import english_for_json

    with english_for_json(args.format):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from kamtui.abc.measure import apply_measures, checkins, measure_file, plans
    from kamtui.abc.revenue import RevenueFileError
    from kamtui.cli.abc import _progress_for, read_options
    from kamtui.cli.common import UsageError, open_workspace
    from kamtui.text.safety import one_line

    ws = open_workspace(args)
    progress = _progress_for(args.file)
    try:
        report = measure_file(args.file, read_options(args, progress), ws.load_all().plans)
    except RevenueFileError as exc:  # on one line, without control characters from the file
        raise UsageError(one_line(str(exc))) from None
    except OSError as exc:
        raise UsageError(one_line(f"{args.file}: {exc.strerror or exc}")) from None
    finally:
        if progress is not None:
            progress.clear()
    _notes(report)
    if args.format == "table":
        sys.stdout.write(render_table(report))
        sys.stdout.flush()
    result = None
    why_not = ""
    if report.writes:
        answer = True if args.yes else _confirm(report.question())
        if answer is None:
            why_not = _("no terminal to confirm on: run again with --yes to write")
        elif not answer:
            why_not = _("not confirmed")
        else:
            result = apply_measures(ws, report)
    if args.format == "json":
        json.dump(_json(report, result, why_not), sys.stdout, indent=2)
        sys.stdout.write("\n")
    if why_not:
        print(_("kamtui: nothing written ({why}).").format(why=why_not), file=sys.stderr)
    if result is None:
        return 0
    done = _("Wrote {checkins} to {plans}.").format(
        checkins=checkins(len(result.written)), plans=plans(len(result.plans))
    )
    print(done, file=sys.stderr if args.format == "json" else sys.stdout)
    for refused in result.refused:
        print(
            _("kamtui: {plan}: not written: {reason}").format(
                plan=one_line(refused.plan_id), reason=one_line(refused.reason)
            ),
            file=sys.stderr,
        )
    return 0 if result.ok else 1
