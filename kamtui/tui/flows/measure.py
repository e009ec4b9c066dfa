"""Measuring the objectives from the ABC view (`M`), as ``kamtui measure`` does: the revenue
file of the last run is read again with the same reading options (in a thread), the proposal is
shown in a question, and the check-ins are written after a yes, each plan with a safe save (a
plan changed on disk, with hand-written comments, or open with unsaved edits in the app is left
alone and reported). The rules are in kamtui/abc/measure.py and docs/measure.md."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from kamtui.abc.measure import MeasureReport, Proposal, apply_measures, describe_value
from kamtui.text.format import format_count, format_day
from kamtui.text.i18n import N_, ngettext
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line

if TYPE_CHECKING:
    from kamtui.abc.revenue import ReadOptions
    from kamtui.store.workspace import Workspace
    from kamtui.tui.screens.abc import AbcScreen

SHOWN = 10
"""Objectives listed in the question; the rest are counted."""
TITLE = N_("Measure objectives")


def _measure(ws: Workspace, path: Path, read: ReadOptions) -> MeasureReport:
    from kamtui.abc.measure import measure_file

    return measure_file(path, read, ws.load_all().plans)


async def measure_flow(screen: AbcScreen) -> None:
    from kamtui.abc.revenue import RevenueFileError
    from kamtui.tui.screens.account import AccountScreen
    from kamtui.tui.screens.dialogs import ConfirmDialog

    kam = screen.kam
    got = screen.measure_input() if kam.abc_view is not None and not screen.running else None
    if got is None:
        kam.say(_("Run the analysis first (ctrl+r)."), severity="warning")
        return
    path, read = got
    try:
        report = await asyncio.to_thread(_measure, kam.workspace, path, read)
    except RevenueFileError as exc:
        kam.say(one_line(str(exc)), title=_(TITLE), severity="error")
        return
    except OSError as exc:
        kam.say(one_line(f"{path}: {exc.strerror or exc}"), title=_(TITLE), severity="error")
        return
    if not report.proposals:
        kam.say(
            _(
                'No objective is measured from the revenue file: give one source = "revenue" and '
                "a period (the objective's form: Measured from, Period measured)."
            ),
            title=_(TITLE),
        )
        return
    if not report.writes:
        kam.say("\n".join([*_lines(report), _("Nothing to write.")]), title=_(TITLE))
        return
    question = "\n".join([*_lines(report), report.question()])
    if not await kam.push_screen_wait(
        ConfirmDialog(question, _("Write the check-ins"), _("Cancel"))
    ):
        return
    held = {s.loaded.id for s in kam.screen_stack if isinstance(s, AccountScreen) and s.dirty}
    result = await asyncio.to_thread(apply_measures, kam.workspace, report, hold=held)
    kam.action_reload()  # the dashboard and the accounts show the new check-ins at once
    written, plans = len(result.written), len(result.plans)
    text = ngettext(
        "Wrote {checkins} to {count} plan.", "Wrote {checkins} to {count} plans.", plans
    ).format(
        checkins=ngettext("{count} check-in", "{count} check-ins", written).format(
            count=format_count(written)
        ),
        count=format_count(plans),
    )
    if result.refused:
        refused = "\n".join(f"{r.plan_id}: {one_line(r.reason)}" for r in result.refused[:6])
        kam.say(
            text + "\n" + _("Not written:") + "\n" + refused, title=_(TITLE), severity="warning"
        )
    else:
        kam.say(text, title=_(TITLE))


def _line(p: Proposal) -> str:
    what = one_line(f"{p.account or p.plan_id} · {p.objective or p.objective_id}")
    return f"  {what} ({p.period.value}): {describe_value(p)} — {p.text}"


def _lines(report: MeasureReport) -> list[str]:
    lines = [
        _("Measured from {file}, periods ending {day}:").format(
            file=one_line(report.path.name), day=format_day(report.last_day)
        )
    ]
    lines += [_line(p) for p in report.proposals[:SHOWN]]
    if len(report.proposals) > SHOWN:
        lines.append(
            "  " + _("… and {count} more").format(count=format_count(len(report.proposals) - SHOWN))
        )
    if report.broken:
        broken = len(report.broken)
        lines.append(
            ngettext(
                "{count} plan not read (errors in the file).",
                "{count} plans not read (errors in the file).",
                broken,
            ).format(count=format_count(broken))
        )
    return lines
