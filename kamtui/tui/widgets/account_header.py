"""The account screen's header: who, how complete, how healthy, and whether it is saved."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static

from kamtui.plan import metrics
from kamtui.plan.model import AccountPlan
from kamtui.tui.plan_cells import MISSING
from kamtui.tui.safe import assemble

STEP_SHORT = ("Q1", "Q2", "Q3")


def health(plan: AccountPlan, today: dt.date) -> tuple[str, str]:
    """(text, severity): overdue actions, the review, attainment — the worst first."""
    overdue = len(metrics.overdue_actions(plan, today))
    parts = []
    severity = "ok"
    if overdue:
        parts.append(f"{overdue} overdue")
        severity = "error"
    due = metrics.review_due(plan)
    if due is None:
        parts.append("never reviewed")
        severity = "warning" if severity == "ok" else severity
    elif due < today:
        parts.append(f"review {(today - due).days}d late")
        severity = "warning" if severity == "ok" else severity
    else:
        parts.append(f"review in {(due - today).days}d")
    att = metrics.mean_attainment(plan)
    if att is not None:
        parts.append(f"objectives {round(att * 100)}%")
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
        styles = styles or {}
        a = plan.account
        c = metrics.completeness(plan)
        text, severity = health(plan, today)
        state: tuple[str, str] = (
            ("● unsaved (^s saves)", styles.get("warning", "") + " bold")
            if dirty
            else ("✔ saved", "dim")
        )
        complete = " · ".join(
            f"{s} {round(x.ratio * 100)}%" for s, x in zip(STEP_SHORT, c, strict=True)
        )
        self.update(
            assemble(
                (a.name or plan.id, "bold"),
                f"  ·  {a.segment.value if a.segment else MISSING}  ·  {a.owner or 'no owner'}  ",
                state,
                *([("  " + note, styles.get("error", "") + " bold")] if note else []),
                "\n",
                (complete, ""),
                "  │  ",
                (text, styles.get(severity, "") if severity != "ok" else ""),
            )
        )
