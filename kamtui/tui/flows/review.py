"""The review: what changed since the last one, a check-in per objective, a decision per
overdue action, then the review date. `escape` at any point stops without setting the date
(what was entered so far stays, as edits to save). In a git workspace it ends by offering to
save and commit the plan, alone, with a message that sums the review up (kamtui/git/commit.py).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kamtui.git.commit import commit_file, in_repository
from kamtui.plan.edit import check_in, mark_reviewed, set_status
from kamtui.plan.fields import FieldSpec
from kamtui.plan.model import AccountPlan, ActionStatus, Number, Objective
from kamtui.plan.review import ReviewAgenda, ReviewOutcome, review_agenda, review_message
from kamtui.text.format import format_day, stored_words
from kamtui.text.i18n import gettext as _
from kamtui.text.i18n import ngettext
from kamtui.tui.plan_cells import number
from kamtui.tui.screens.record_form import RecordForm

if TYPE_CHECKING:
    from kamtui.tui.screens.account import AccountScreen
    from kamtui.tui.screens.dialogs import ChoiceDialog


def check_in_fields() -> list[FieldSpec]:
    """The review's check-in form, in the language in use."""
    return [
        FieldSpec("value", _("Measured value"), "number", hint=_("empty: skip")),
        FieldSpec("day", _("Date"), "date", required=True, hint=_("YYYY-MM-DD, today, -7d")),
    ]


def new_due_fields() -> list[FieldSpec]:
    return [FieldSpec("due", _("New due date"), "date", required=True, hint=_("YYYY-MM-DD, +2w"))]


async def review(screen: AccountScreen) -> None:
    """The whole review, one answer after another (a worker of the account screen)."""
    from kamtui.tui.screens.dialogs import ChoiceDialog, ConfirmDialog

    kam = screen.kam
    today = screen.today()
    agenda = review_agenda(screen.plan, today)
    outcome = ReviewOutcome()
    since = await asyncio.to_thread(
        changes_since_review, screen.kam.workspace.root, screen.loaded.id, screen.plan
    )
    if await kam.push_screen_wait(_summary(agenda, since)) != "c":
        return
    for i, oid in enumerate(agenda.objectives):
        objective = screen.plan.where_to_go.objectives.get(oid)
        if objective is None:
            continue
        title = _("Review · objective {n}/{total}: {title}").format(
            n=i + 1, total=len(agenda.objectives), title=objective.title
        )
        values = await kam.push_screen_wait(_check_in_form(title, objective, today))
        if values is None:
            return _stopped(screen)
        if values["value"] is not None:
            screen.apply(_checked_in(oid, values["day"], values["value"]), "objectives")
            outcome.check_ins += 1
    for i, aid in enumerate(agenda.overdue):
        action = screen.plan.how_to_get_there.actions.get(aid)
        if action is None:
            continue
        status = stored_words(action.status.value)
        question = (
            action.title
            + "\n"
            + _("owner {owner} · due {due} · {status} · {progress}%").format(
                owner=action.owner or "—",
                due=format_day(action.due) if action.due else None,
                status=status,
                progress=action.progress,
            )
        )
        choice = await kam.push_screen_wait(
            ChoiceDialog(
                question,
                [("d", _("Done")), ("n", _("New due date")), ("x", _("Drop")), ("s", _("Skip"))],
                title=_("Review · overdue action {n}/{total}").format(
                    n=i + 1, total=len(agenda.overdue)
                ),
            )
        )
        if choice is None:
            return _stopped(screen)
        if choice in ("d", "x"):
            status = ActionStatus.DONE if choice == "d" else ActionStatus.DROPPED
            screen.apply(_set_status(aid, status, today), f"action:{aid}")
            if choice == "d":
                outcome.done += 1
            else:
                outcome.dropped += 1
        elif choice == "n":
            form = RecordForm(_("New due date"), new_due_fields(), {}, today)
            values = await kam.push_screen_wait(form)
            if values is None:
                return _stopped(screen)
            screen.apply(_set_due(aid, values["due"]), f"action:{aid}")
            outcome.rescheduled += 1
    question = _("Mark the account as reviewed today ({day})?").format(day=format_day(today))
    if not await kam.push_screen_wait(ConfirmDialog(question, _("Reviewed"), _("Not yet"))):
        return _stopped(screen)
    screen.apply(lambda plan: mark_reviewed(plan, today), "account")
    message = review_message(screen.plan.account.name, outcome)
    path = screen.loaded.path
    reviewed = _("Reviewed on {day}. Save with ctrl+s.").format(day=format_day(today))
    if not await asyncio.to_thread(in_repository, path.parent):
        kam.say(reviewed)
        return
    question = _(
        "Save and commit the review?\n\n  {message}\n\n"
        "Only {file} is committed, with your git identity; nothing is pushed."
    ).format(message=message, file=path.name)
    if not await kam.push_screen_wait(ConfirmDialog(question, _("Commit"), _("Not now"))):
        kam.say(reviewed)
        return
    await commit_review(screen, message)


async def commit_review(screen: AccountScreen, message: str) -> None:
    """Save the plan, then commit its file alone with *message*; git's own words when it
    refuses (the saved file stays)."""
    from kamtui.git.command import GitError
    from kamtui.tui.flows.conflict import save_plan

    kam = screen.kam
    if not await save_plan(screen) or screen.dirty:
        kam.say(_("Not committed: the plan is not saved."), severity="warning")
        return
    try:
        short = await asyncio.to_thread(commit_file, screen.loaded.path, message)
    except GitError as exc:
        kam.say(
            _("The plan is saved but git did not commit it: {error}").format(error=exc),
            title=_("Not committed"),
            severity="error",
            timeout=20,
        )
        return
    kam.say(_("Committed {commit}: {message}").format(commit=short, message=message))


@dataclass(frozen=True)
class SinceReview:
    """What changed since the last review's commit, in plan words (from git's history)."""

    commit: str
    """The review's commit (short id)."""
    day: str
    changes: list[str]


def changes_since_review(root: Path, plan_id: str, plan: AccountPlan) -> SinceReview | None:
    """The changes from the plan as the last review committed it (the newest commit that changed
    its review date) to *plan*; ``None`` outside git or when no review was committed."""
    from kamtui.git.errors import GitError
    from kamtui.git.history import WorkspaceHistory
    from kamtui.plan.changes import change_lines, plan_changes

    try:
        history = WorkspaceHistory.open(root)
        commit = history.last_commit_changing(plan_id, "^last_review = ")
        if commit is None:
            return None
        then = history.plan_at(plan_id, commit)
    except (GitError, OSError):
        return None
    if then is None or then.plan is None:
        return None
    lines = change_lines(plan_changes(then.plan, plan))
    return SinceReview(commit.short, format_day(commit.date.date()), lines)


def _summary(agenda: ReviewAgenda, history: SinceReview | None = None) -> ChoiceDialog:
    """What changed since the last review, the buying centre's gaps, what comes next."""
    from kamtui.tui.screens.dialogs import ChoiceDialog

    changes = agenda.changes
    if history is not None:
        what = _("What changed since the last review (committed {day}, {commit}):").format(
            day=history.day, commit=history.commit
        )
        changes = history.changes
    elif agenda.since:
        what = _("What changed since the last review ({day}):").format(day=format_day(agenda.since))
    else:
        what = _("What changed (never reviewed before):")
    lines = [what]
    lines += [f"  • {c}" for c in changes[-12:]] or ["  " + _("nothing recorded")]
    if len(changes) > 12:
        lines.insert(1, "  " + _("… {n} earlier").format(n=len(changes) - 12))
    if agenda.gaps:
        lines += ["", _("Buying centre:")] + [f"  ⚠ {g}" for g in agenda.gaps[:6]]
        if len(agenda.gaps) > 6:
            more = _("… {n} more (m in the buying centre lists them)")
            lines.append("  " + more.format(n=len(agenda.gaps) - 6))
    objectives, overdue = len(agenda.objectives), len(agenda.overdue)
    lines += [
        "",
        _("Next: {objectives}, {overdue}.").format(
            objectives=ngettext(
                "{n} objective(s) to check in", "{n} objective(s) to check in", objectives
            ).format(n=objectives),
            overdue=ngettext("{n} overdue action(s)", "{n} overdue action(s)", overdue).format(
                n=overdue
            ),
        ),
    ]
    return ChoiceDialog("\n".join(lines), [("c", _("Continue"))], title=_("Review"))


def _with_unit(value: Number | None, unit: str) -> str:
    """``1540 k€``, ``62%``; the number alone without a unit, ``—`` without a value."""
    if value is None or not unit:
        return number(value)
    return f"{number(value)}{'' if unit == '%' else ' '}{unit}"


def _check_in_form(title: str, o: Objective, today: dt.date) -> RecordForm:
    last = max(o.checkins) if o.checkins else None
    # Each figure with its unit, on a line of their own: a wrapped line would otherwise leave
    # a unit alone at the start of the next line (the form wraps at any space).
    now, target = _with_unit(o.current, o.unit), _with_unit(o.target, o.unit)
    figures = (
        _("Now {now}, target {target}, due {due}.").format(
            now=now, target=target, due=format_day(o.due)
        )
        if o.due
        else _("Now {now}, target {target}.").format(now=now, target=target)
    )
    checked = (
        _("Last check-in {day}.").format(day=format_day(last))
        if last
        else _("Last check-in never.")
    )
    intro = f"{o.metric or _('Value')}\n{figures}\n{checked} " + _("Leave the value empty to skip.")
    return RecordForm(
        title, check_in_fields(), {"day": format_day(today)}, today, intro=intro, ok=_("Next")
    )


def _checked_in(oid: str, day: dt.date, value: Number) -> Callable[[AccountPlan], None]:
    def change(plan: AccountPlan) -> None:
        target = plan.where_to_go.objectives.get(oid)
        if target is not None:
            check_in(target, day, value)

    return change


def _set_status(aid: str, status: ActionStatus, today: dt.date) -> Callable[[AccountPlan], None]:
    def change(plan: AccountPlan) -> None:
        target = plan.how_to_get_there.actions.get(aid)
        if target is not None:
            set_status(target, status, today)

    return change


def _set_due(aid: str, due: dt.date) -> Callable[[AccountPlan], None]:
    def change(plan: AccountPlan) -> None:
        target = plan.how_to_get_there.actions.get(aid)
        if target is not None:
            target.due = due

    return change


def _stopped(screen: AccountScreen) -> None:
    screen.kam.say(_("Review stopped; the review date is unchanged. r starts again."))
