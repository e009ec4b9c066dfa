"""The account screen's header: who, how complete, how healthy, and whether it is saved."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len, set_cell_size
from textual.widgets import Static

from kamtui.plan import metrics
from kamtui.plan.model import AccountPlan
from kamtui.text.format import percent
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line
from kamtui.tui.plan_cells import MISSING
from kamtui.tui.safe import assemble

STEP_SHORT = (N_("Q1"), N_("Q2"), N_("Q3"))
"""The three questions in short (D1 D2 D3 in Italian: Dove sono? …)."""


def health(plan: AccountPlan, today: dt.date) -> tuple[str, str]:
    """(text, severity): overdue actions, the review, attainment — the worst first."""
    overdue = len(metrics.overdue_actions(plan, today))
    parts = []
    severity = "ok"
    if overdue:
        parts.append(_("{n} overdue").format(n=overdue))
        severity = "error"
    due = metrics.review_due(plan)
    if due is None:
        parts.append(_("never reviewed"))
        severity = "warning" if severity == "ok" else severity
    elif due < today:
        parts.append(_("review {n}d late").format(n=(today - due).days))
        severity = "warning" if severity == "ok" else severity
    else:
        parts.append(_("review in {n}d").format(n=(due - today).days))
    att = metrics.mean_attainment(plan)
    if att is not None:
        parts.append(_("objectives {percent}").format(percent=percent(att)))
    return " · ".join(parts), severity


class AccountHeader(Static):
    DEFAULT_CSS = """
    AccountHeader {
        height: 2;
        background: $panel;
        padding: 0 1;
    }
    """

    def show(
        self,
        plan: AccountPlan,
        today: dt.date,
        *,
        dirty: bool,
        note: str = "",
        styles: dict[str, str] | None = None,
    ) -> None:
        self._shown = (plan, today, dirty, note, styles or {})
        self._render_header()

    def on_resize(self) -> None:
        if getattr(self, "_shown", None) is not None:
            self._render_header()

    def _render_header(self) -> None:
        """Two lines whatever the names: the name and the owner are cut with an ellipsis so
        that the class, the saved state and the line of figures always show."""
        plan, today, dirty, note, styles = self._shown
        a = plan.account
        c = metrics.completeness(plan)
        text, severity = health(plan, today)
        state: tuple[str, str] = (
            (_("● unsaved (^s saves)"), styles.get("warning", "") + " bold")
            if dirty
            else (_("✔ saved"), "dim")
        )
        complete = " · ".join(
            f"{_(s)} {percent(x.ratio)}" for s, x in zip(STEP_SHORT, c, strict=True)
        )
        width = max(20, (self.size.width or self.app.size.width) - 2)
        segment = a.segment.value if a.segment else MISSING
        note = _(note) if note else ""
        fixed = cell_len(f"  ·  {segment}  ·    ") + cell_len(state[0])
        fixed += cell_len("  " + note) if note else 0
        room = max(8, width - fixed)
        name, owner = one_line(a.name or plan.id), one_line(a.owner or _("no owner"))
        if cell_len(name) + cell_len(owner) > room:  # the owner gives way first, to a third
            owner = cut(owner, max(12, room - cell_len(name), room // 3))
            name = cut(name, max(8, room - cell_len(owner)))
        self.update(
            assemble(
                (name, "bold"),
                f"  ·  {segment}  ·  {owner}  ",
                state,
                *([("  " + note, styles.get("error", "") + " bold")] if note else []),
                "\n",
                (complete, ""),
                "  │  ",
                (text, styles.get(severity, "") if severity != "ok" else ""),
            )
        )


def cut(text: str, width: int) -> str:
    """*text* in at most *width* cells: cut with an ellipsis when longer."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"
