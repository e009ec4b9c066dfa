"""The review: what changed since the last one, a check-in per objective, a decision per
overdue action, then the review date. `escape` at any point stops without setting the date
(what was entered so far stays, as edits to save).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kamtui.plan.edit import check_in, mark_reviewed, set_status
from kamtui.plan.fields import FieldSpec
from kamtui.plan.model import AccountPlan, ActionStatus
from kamtui.plan.review import ReviewAgenda, review_agenda
from kamtui.tui.editing import Values
from kamtui.tui.plan_cells import number

if TYPE_CHECKING:
    from kamtui.tui.screens.account import AccountScreen

CHECK_IN = [
    FieldSpec("value", "Measured value", "number", hint="empty: skip"),
    FieldSpec("day", "Date", "date", required=True, hint="YYYY-MM-DD, today, -7d"),
]
NEW_DUE = [FieldSpec("due", "New due date", "date", required=True, hint="YYYY-MM-DD, +2w")]


class Review:
    def __init__(self, screen: AccountScreen) -> None:
        self.screen = screen
        self.agenda: ReviewAgenda = review_agenda(screen.plan, screen.today())

    def start(self) -> None:
        from kamtui.tui.screens.dialogs import ChoiceDialog

        a = self.agenda
        since = f"since the last review ({a.since})" if a.since else "(never reviewed before)"
        lines = [f"What changed {since}:"]
        lines += [f"  • {c}" for c in a.changes[-12:]] or ["  nothing recorded"]
        if len(a.changes) > 12:
            lines.insert(1, f"  … {len(a.changes) - 12} earlier")
        if a.gaps:
            lines += ["", "Buying centre:"] + [f"  ⚠ {g}" for g in a.gaps[:6]]
        lines += [
            "",
            f"Next: {len(a.objectives)} objective(s) to check in, "
            f"{len(a.overdue)} overdue action(s).",
        ]

        def answer(choice: str | None) -> None:
            if choice == "c":
                self.objective(0)

        self.screen.app.push_screen(
            ChoiceDialog("\n".join(lines), [("c", "Continue")], title="Review"), answer
        )

    def objective(self, i: int) -> None:
        if i >= len(self.agenda.objectives):
            self.action(0)
            return
        oid = self.agenda.objectives[i]
        o = self.screen.plan.where_to_go.objectives.get(oid)
        if o is None:
            self.objective(i + 1)
            return
        from kamtui.tui.screens.record_form import RecordForm

        last = max(o.checkins) if o.checkins else None
        intro = (
            f"{o.metric or 'Value'}{f' ({o.unit})' if o.unit else ''}: now "
            f"{number(o.current)}, target {number(o.target)}"
            f"{f', due {o.due}' if o.due else ''}; last check-in {last or 'never'}.\n"
            "Leave the value empty to skip."
        )

        def answer(values: Values | None) -> None:
            if values is None:
                self.stopped()
                return
            if values["value"] is not None:

                def change(plan: AccountPlan) -> None:
                    target = plan.where_to_go.objectives.get(oid)
                    if target is not None:
                        check_in(target, values["day"], values["value"])

                self.screen.apply(change, "objectives")
            self.objective(i + 1)

        title = f"Review · objective {i + 1}/{len(self.agenda.objectives)}: {o.title}"
        form = RecordForm(
            title,
            CHECK_IN,
            {"day": self.screen.today().isoformat()},
            self.screen.today(),
            intro=intro,
            ok="Next",
        )
        self.screen.app.push_screen(form, answer)

    def action(self, i: int) -> None:
        if i >= len(self.agenda.overdue):
            self.finish()
            return
        aid = self.agenda.overdue[i]
        a = self.screen.plan.how_to_get_there.actions.get(aid)
        if a is None:
            self.action(i + 1)
            return
        from kamtui.tui.screens.dialogs import ChoiceDialog

        def set_to(status: ActionStatus) -> None:
            today = self.screen.today()

            def change(plan: AccountPlan) -> None:
                target = plan.how_to_get_there.actions.get(aid)
                if target is not None:
                    set_status(target, status, today)

            self.screen.apply(change, f"action:{aid}")

        def answer(choice: str | None) -> None:
            if choice is None:
                self.stopped()
            elif choice == "d":
                set_to(ActionStatus.DONE)
                self.action(i + 1)
            elif choice == "x":
                set_to(ActionStatus.DROPPED)
                self.action(i + 1)
            elif choice == "n":
                self.new_due(i, aid)
            else:
                self.action(i + 1)

        question = (
            f"{a.title}\nowner {a.owner or '—'} · due {a.due} · {a.status.value} · {a.progress}%"
        )
        self.screen.app.push_screen(
            ChoiceDialog(
                question,
                [("d", "Done"), ("n", "New due date"), ("x", "Drop"), ("s", "Skip")],
                title=f"Review · overdue action {i + 1}/{len(self.agenda.overdue)}",
            ),
            answer,
        )

    def new_due(self, i: int, aid: str) -> None:
        from kamtui.tui.screens.record_form import RecordForm

        def answer(values: Values | None) -> None:
            if values is None:
                self.stopped()
                return

            def change(plan: AccountPlan) -> None:
                target = plan.how_to_get_there.actions.get(aid)
                if target is not None:
                    target.due = values["due"]

            self.screen.apply(change, f"action:{aid}")
            self.action(i + 1)

        today = self.screen.today()
        self.screen.app.push_screen(RecordForm("New due date", NEW_DUE, {}, today), answer)

    def finish(self) -> None:
        from kamtui.tui.screens.dialogs import ConfirmDialog

        today = self.screen.today()

        def answer(ok: bool | None) -> None:
            if ok:
                self.screen.apply(lambda plan: mark_reviewed(plan, today), "account")
                self.screen.kam.say(f"Reviewed on {today}. Save with ctrl+s.")
            else:
                self.stopped()

        self.screen.app.push_screen(
            ConfirmDialog(f"Mark the account as reviewed today ({today})?", "Reviewed", "Not yet"),
            answer,
        )

    def stopped(self) -> None:
        self.screen.kam.say("Review stopped; the review date is unchanged. r starts again.")
