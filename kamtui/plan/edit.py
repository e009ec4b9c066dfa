"""Edits of a plan that carry a rule (ids, check-ins, status ↔ progress), for the TUI and tests.

Plain field edits are :func:`kamtui.plan.fields.apply_values`; what is here keeps a plan consistent:

- new records get a slug id from their name or title, unique in their table, and never change
  it afterwards (ids are what git diffs and action → objective links hold on to);
- a check-in is kept in the objective's history and ``current`` follows the latest one; a
  check-in typed by hand drops the source a measured one on that day had;
- an action's status and progress move together: done means 100 % and a completion date;
  progress on a to-do action starts it; 100 % finishes it;
- a form that changes status or progress gets the same rules (:func:`settle_action`);
- deleting an objective unlinks its actions instead of deleting them.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import TypeVar

from kamtui.plan.model import AccountPlan, Action, ActionStatus, Number, Objective
from kamtui.text.slugs import unique_id

T = TypeVar("T")

STATUS_CYCLE = (ActionStatus.TODO, ActionStatus.IN_PROGRESS, ActionStatus.DONE)
PROGRESS_STEP = 10


def working_copy(plan: AccountPlan) -> AccountPlan:
    """A deep copy to edit; the loaded plan stays as it was on disk (for dirty checks)."""
    return copy.deepcopy(plan)


def add_record(records: dict[str, T], label: str, record: T, fallback: str) -> str:
    """Add *record* under a new id made from *label*; returns the id."""
    rid = unique_id(label, records, fallback=fallback)
    records[rid] = record
    return rid


def check_in(objective: Objective, day: dt.date, value: Number, source: str = "") -> None:
    """Record a measured *value* on *day*; ``current`` becomes the latest value measured.

    A second check-in on the same day replaces the first. A back-dated check-in is kept in the
    history but does not overwrite a newer current value.

    *source* says where the value came from (``revenue.csv, rolling-12m``: kamtui measure);
    without one it is a check-in entered by hand, and a source the day had before is dropped
    (a value typed over a measured one is the user's, not the file's).
    """
    objective.checkins[day] = value
    objective.checkins = dict(sorted(objective.checkins.items()))
    objective.current = objective.checkins[max(objective.checkins)]
    if source:
        objective.checkin_sources[day] = source
        objective.checkin_sources = dict(sorted(objective.checkin_sources.items()))
    else:
        objective.checkin_sources.pop(day, None)


def remove_check_in(objective: Objective, day: dt.date) -> None:
    """Forget the check-in of *day* and its source; ``current`` follows the latest one left."""
    objective.checkin_sources.pop(day, None)
    if objective.checkins.pop(day, None) is not None and objective.checkins:
        objective.current = objective.checkins[max(objective.checkins)]


def set_status(action: Action, status: ActionStatus, today: dt.date) -> None:
    if status is action.status:
        return
    action.status = status
    if status is ActionStatus.DONE:
        action.progress = 100
        action.completed = action.completed or today
    else:
        action.completed = None
        if status is ActionStatus.TODO:
            action.progress = 0
        elif status is ActionStatus.IN_PROGRESS and action.progress >= 100:
            action.progress = 90


def next_status(action: Action, today: dt.date) -> None:
    """todo → in progress → done → todo; blocked and dropped go back to in progress."""
    if action.status in STATUS_CYCLE:
        i = STATUS_CYCLE.index(action.status)
        set_status(action, STATUS_CYCLE[(i + 1) % len(STATUS_CYCLE)], today)
    else:
        set_status(action, ActionStatus.IN_PROGRESS, today)


def toggle_status(action: Action, status: ActionStatus, today: dt.date) -> None:
    """Set *status* (blocked, dropped); pressing it again returns to in progress."""
    set_status(action, ActionStatus.IN_PROGRESS if action.status is status else status, today)


def set_progress(action: Action, progress: int, today: dt.date) -> None:
    progress = max(0, min(100, progress))
    if progress >= 100:
        set_status(action, ActionStatus.DONE, today)
        return
    if action.status is ActionStatus.DONE:
        set_status(action, ActionStatus.IN_PROGRESS, today)
    if progress > 0 and action.status is ActionStatus.TODO:
        action.status = ActionStatus.IN_PROGRESS
    action.progress = progress


def step_progress(action: Action, steps: int, today: dt.date) -> None:
    """Move progress by *steps* of 10 %, snapping to the grid (43 % + 1 step → 50 %)."""
    current = 100 if action.status is ActionStatus.DONE else action.progress
    if steps > 0:
        target = (current // PROGRESS_STEP + steps) * PROGRESS_STEP
    else:
        target = (-(-current // PROGRESS_STEP) + steps) * PROGRESS_STEP
    set_progress(action, target, today)


def settle_action(action: Action, before: Action, today: dt.date) -> None:
    """After a form set an action's fields: apply the status and progress rules to what the
    user changed (status first, then progress), as the single keys do."""
    status, progress = action.status, action.progress
    action.status, action.progress, action.completed = (
        before.status,
        before.progress,
        before.completed,
    )
    if status is not before.status:
        set_status(action, status, today)
    if progress != before.progress:
        set_progress(action, progress, today)


def delete_objective(plan: AccountPlan, objective_id: str) -> list[str]:
    """Delete an objective; its actions stay, unlinked. Returns the ids of those actions."""
    plan.where_to_go.objectives.pop(objective_id, None)
    unlinked = []
    for aid, action in plan.how_to_get_there.actions.items():
        if action.objective == objective_id:
            action.objective = ""
            unlinked.append(aid)
    return unlinked


def mark_reviewed(plan: AccountPlan, today: dt.date) -> None:
    plan.account.last_review = today
