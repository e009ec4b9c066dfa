"""Writing the ABC classes into the plans from the ABC view (`A`), as ``kamtui abc --apply``
does: first which accounts would change class, then a question, then the safe saves (a plan
changed on disk or with hand-written comments is left alone and reported)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from kamtui.abc.apply import ApplyReport, apply_classes
from kamtui.text.format import format_count
from kamtui.text.i18n import gettext as _
from kamtui.text.i18n import ngettext
from kamtui.text.safety import one_line

if TYPE_CHECKING:
    from kamtui.tui.screens.abc import AbcScreen

SHOWN = 10
"""Changes listed in the question; the rest are counted."""


async def apply_classes_flow(screen: AbcScreen) -> None:
    from kamtui.tui.screens.dialogs import ConfirmDialog

    kam = screen.kam
    view = kam.abc_view
    if view is None or screen.running:
        kam.say(_("Run the analysis first (ctrl+r)."), severity="warning")
        return
    preview = await asyncio.to_thread(apply_classes, kam.workspace, view.result, dry_run=True)
    if not preview.changed:
        n = len(preview.unchanged)
        kam.say(
            ngettext(
                "Every plan has its class already ({count} plan checked); nothing to write.",
                "Every plan has its class already ({count} plans checked); nothing to write.",
                n,
            ).format(count=format_count(n))
        )
        return
    question = _question(preview)
    if not await kam.push_screen_wait(ConfirmDialog(question, _("Write the classes"), _("Cancel"))):
        return
    report = await asyncio.to_thread(apply_classes, kam.workspace, view.result)
    kam.action_reload()  # the dashboard shows the new classes at once
    _tell(screen, report)


def _question(preview: ApplyReport) -> str:
    n = len(preview.changed)
    lines = [
        ngettext(
            "{count} account change class "
            "(a plan takes the class of its highest-ranked customer id):",
            "{count} accounts change class "
            "(a plan takes the class of its highest-ranked customer id):",
            n,
        ).format(count=format_count(n))
    ]
    for change in preview.changed[:SHOWN]:
        before = change.before.value if change.before is not None else "–"
        lines.append(f"  {change.plan_id}: {before} → {change.verdict.segment.value}")
    if len(preview.changed) > SHOWN:
        lines.append("  " + _("… and {count} more").format(count=format_count(n - SHOWN)))
    if preview.refused:
        refused = len(preview.refused)
        lines.append(
            ngettext(
                "{count} plan cannot be written (broken file).",
                "{count} plans cannot be written (broken file).",
                refused,
            ).format(count=format_count(refused))
        )
    lines.append(_("Write the classes into the plans?"))
    return "\n".join(lines)


def _tell(screen: AbcScreen, report: ApplyReport) -> None:
    kam = screen.kam
    n = len(report.changed)
    text = ngettext(
        "Classes written into {count} plan.", "Classes written into {count} plans.", n
    ).format(count=format_count(n))
    if report.refused:
        refused = "\n".join(f"{r.plan_id}: {one_line(r.reason)}" for r in report.refused[:6])
        kam.say(
            text + "\n" + _("Not written:") + "\n" + refused,
            title=_("ABC classes"),
            severity="warning",
        )
    else:
        kam.say(text, title=_("ABC classes"))
