"""Every open action of every account, in one list: whose they are, what is due when, and the
filters and order of ``kamtui actions`` and the app's actions view. The rules are in
docs/actions.md.

Built for a big portfolio (2,000 accounts × 10 actions: 20,000 rows painted in a fraction of a
second): a row is made once from the plan's records (no copies), the text a search looks in is
casefolded on the first search and kept, and filtering, sorting and totals are single passes
with no regular expressions.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache
from operator import attrgetter

from kamtui.plan.metrics import CLOSED
from kamtui.plan.model import AccountPlan, ActionStatus

_SEP = "\x00"
"""Between the fields of a row's search text: a search never matches across two fields."""


@dataclass(frozen=True, slots=True)
class OpenAction:
    """One open action (not done, not dropped) of one account, with what a list shows of it."""

    plan_id: str
    """The plan's id (its file name without ``.toml``)."""
    account: str
    """The account's name."""
    segment: str
    """The account's ABC class: ``"A"``, ``"B"``, ``"C"``, or ``""`` when it has none."""
    action_id: str
    title: str
    objective_id: str
    """The id of the objective the action serves; ``""`` when none."""
    objective: str
    """That objective's title; ``""`` when the action serves none or the id is not found."""
    owner: str
    """The action's owner; when it has none (blank), the account's owner (the key account
    manager answers for an action nobody was given)."""
    due: dt.date | None
    status: ActionStatus
    progress: int
    _search: str | None = field(default=None, init=False, repr=False, compare=False)
    _order: tuple[bool, dt.date, str, str, str] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def key(self) -> tuple[str, str]:
        """``(plan_id, action_id)``: the row's identity across reloads."""
        return (self.plan_id, self.action_id)

    def is_overdue(self, today: dt.date) -> bool:
        """Due before *today* (an open action is never done or dropped)."""
        return self.due is not None and self.due < today

    @property
    def search_text(self) -> str:
        """Account, action title, objective and owner, casefolded: what the text filter looks
        in. Made on first use and kept (a list that is never searched never makes it)."""
        text = self._search
        if text is None:
            text = _SEP.join((self.account, self.title, self.objective, self.owner)).casefold()
            object.__setattr__(self, "_search", text)
        return text

    @property
    def order(self) -> tuple[bool, dt.date, str, str, str]:
        """Where the row goes in a list (see :func:`sort_key`): undated last, then by due date,
        account (case aside), plan id and action id. Made once and kept."""
        order = self._order
        if order is None:
            order = _order_of(self.due, self.account.casefold(), self.plan_id, self.action_id)
            object.__setattr__(self, "_order", order)
        return order


def _order_of(
    due: dt.date | None, account_key: str, plan_id: str, action_id: str
) -> tuple[bool, dt.date, str, str, str]:
    return (due is None, dt.date.max if due is None else due, account_key, plan_id, action_id)


class _Draft:
    """An :class:`OpenAction` being made: the same slots, but set with plain stores.

    A frozen dataclass sets each field through ``object.__setattr__``, about ten times slower
    than a plain store: for the 20,000 rows of a big portfolio, tens of milliseconds of the
    actions view's first paint. :func:`open_actions_of` fills a draft and then makes it an
    ``OpenAction`` by switching its class (the same slots in the same order: the same memory
    layout, which Python checks). tests/core/test_agenda_actions.py checks that the rows equal
    those made by ``OpenAction(...)``."""

    __slots__ = OpenAction.__slots__  # made by dataclass(slots=True)

    plan_id: str
    account: str
    segment: str
    action_id: str
    title: str
    objective_id: str
    objective: str
    owner: str
    due: dt.date | None
    status: ActionStatus
    progress: int
    _search: str | None
    _order: tuple[bool, dt.date, str, str, str] | None


def open_actions_of(plan: AccountPlan) -> list[OpenAction]:
    """The open actions of *plan* (status neither done nor dropped), in the plan's order."""
    account = plan.account
    name = account.name
    account_key = name.casefold()
    segment = account.segment.value if account.segment is not None else ""
    account_owner = account.owner
    objectives = plan.where_to_go.objectives
    plan_id = plan.id
    rows: list[OpenAction] = []
    append = rows.append
    for action_id, action in plan.how_to_get_there.actions.items():
        if action.status in CLOSED:
            continue
        objective = objectives.get(action.objective) if action.objective else None
        row = _Draft()
        row.plan_id = plan_id
        row.account = name
        row.segment = segment
        row.action_id = action_id
        row.title = action.title
        row.objective_id = action.objective
        row.objective = objective.title if objective is not None else ""
        row.owner = action.owner if action.owner.strip() else account_owner
        row.due = action.due
        row.status = action.status
        row.progress = action.progress
        row._search = None
        row._order = _order_of(action.due, account_key, plan_id, action_id)
        row.__class__ = OpenAction  # type: ignore[assignment]
        append(row)  # type: ignore[arg-type]
    return rows


def open_actions(plans: Iterable[AccountPlan]) -> list[OpenAction]:
    """The open actions of every plan: plan after plan, each in its own order.

    The cyclic garbage collector is paused meanwhile (if it was on), as when the plans are read
    (kamtui/store/workspace.py): the rows hold no cycles, and the collections their thousands of
    objects would set off walk every plan in memory for nothing (20,000 rows: several times the
    cost of making them)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        rows: list[OpenAction] = []
        for plan in plans:
            rows.extend(open_actions_of(plan))
    finally:
        if paused:
            gc.enable()
    return rows


# -- whose actions -------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def owner_key(name: str) -> str:
    """*name* as owners are compared: spaces trimmed and runs of spaces made one, casefolded
    (``" maria  ROSSI"`` is ``"Maria Rossi"``). Cached: a portfolio has few owners and many
    rows."""
    return " ".join(name.split()).casefold()


def default_owner(configured: str | None, git_user_name: str | None) -> str | None:
    """Whose actions are shown when nobody says: the ``owner`` of the settings file, else git's
    ``user.name``, else ``None`` (everyone's). Blank names count as none."""
    for name in (configured, git_user_name):
        if name is not None and name.strip():
            return " ".join(name.split())
    return None


# -- filters -------------------------------------------------------------------------------


class Window(StrEnum):
    """Which due dates are shown."""

    OVERDUE = "overdue"
    """Due before today."""
    WEEK = "7d"
    """Due within the next 7 days (up to today + 7), overdue ones included."""
    MONTH = "30d"
    """Due within the next 30 days (up to today + 30), overdue ones included."""
    ALL = "all"
    """Every open action, those without a due date too."""


WINDOW_DAYS = {Window.WEEK: 7, Window.MONTH: 30}


@dataclass(frozen=True)
class ActionFilter:
    """What a list of open actions shows. The default shows everything."""

    owner: str | None = None
    """Only this owner's actions (compared as :func:`owner_key` does); ``None``: everyone's."""
    window: Window = Window.ALL
    statuses: frozenset[ActionStatus] = frozenset()
    """Only these statuses; empty: any open status."""
    segments: frozenset[str] = frozenset()
    """Only these ABC classes (``""`` for accounts without one); empty: any."""
    text: str = ""
    """Only rows whose account, action title, objective or owner holds this text (case and
    spaces at both ends aside)."""

    @cached_property
    def _owner(self) -> str | None:
        return None if self.owner is None else owner_key(self.owner)

    @cached_property
    def _needle(self) -> str:
        return self.text.strip().casefold()

    def test(self, today: dt.date) -> Callable[[OpenAction], bool]:
        """A function that tells whether a row passes, for *today*: the checks this filter
        needs and no others (what :func:`select` runs on every row)."""
        checks: list[Callable[[OpenAction], bool]] = []
        if self._owner is not None:
            wanted = self._owner
            checks.append(lambda row: owner_key(row.owner) == wanted)
        if self.window is Window.OVERDUE:
            checks.append(lambda row: row.due is not None and row.due < today)
        elif self.window in WINDOW_DAYS:
            limit = today + dt.timedelta(days=WINDOW_DAYS[self.window])
            checks.append(lambda row: row.due is not None and row.due <= limit)
        if self.statuses:
            statuses = self.statuses
            checks.append(lambda row: row.status in statuses)
        if self.segments:
            segments = self.segments
            checks.append(lambda row: row.segment in segments)
        if self._needle:
            needle = self._needle
            checks.append(lambda row: needle in row.search_text)
        if not checks:
            return lambda row: True
        if len(checks) == 1:
            return checks[0]
        return lambda row: all(check(row) for check in checks)

    def matches(self, row: OpenAction, today: dt.date) -> bool:
        """Whether *row* passes this filter on *today* (for one row; :meth:`test` for many)."""
        return self.test(today)(row)


# -- order and totals ----------------------------------------------------------------------


def sort_key(row: OpenAction, today: dt.date) -> tuple[bool, dt.date, str, str, str]:
    """Overdue first (the most overdue first), then by due date, undated last; then by account
    (case aside), plan id and action id.

    The same for every *today*: the overdue rows are exactly those with the earliest dates
    (before today), so ordering by date puts them first, the most overdue first. That is why
    the key can be made once per row (:attr:`OpenAction.order`)."""
    del today
    return row.order


_ORDER = attrgetter("order")


def select(rows: Iterable[OpenAction], flt: ActionFilter, today: dt.date) -> list[OpenAction]:
    """The rows *flt* lets through, in the order of :func:`sort_key`."""
    passes = flt.test(today)
    shown = [row for row in rows if passes(row)]
    shown.sort(key=_ORDER)
    return shown


@dataclass(frozen=True)
class ActionTotals:
    """What a list of open actions adds up to (the header of the actions view)."""

    shown: int
    overdue: int
    """Due before today."""
    due_this_week: int
    """Not overdue and due in the next 7 days: today to today + 6."""
    blocked: int


def totals(rows: Iterable[OpenAction], today: dt.date) -> ActionTotals:
    """The totals of *rows* on *today* (see :class:`ActionTotals`)."""
    week_end = today + dt.timedelta(days=6)
    shown = overdue = week = blocked = 0
    for row in rows:
        shown += 1
        due = row.due
        if due is not None:
            if due < today:
                overdue += 1
            elif due <= week_end:
                week += 1
        if row.status is ActionStatus.BLOCKED:
            blocked += 1
    return ActionTotals(shown=shown, overdue=overdue, due_this_week=week, blocked=blocked)
