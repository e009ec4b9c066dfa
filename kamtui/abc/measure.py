"""Objectives measured from the revenue file: ``kamtui measure FILE`` and the ABC view's
"Measure objectives" (the rules are in docs/measure.md).

An objective with ``source = "revenue"`` is measured as the revenue of its ``period`` over its
account's ``customer_ids``, ending at the file's last date (the latest date of any usable line),
both ends inclusive:

- ``rolling-12m``: from the day after the same date one year before (2026-11-30 → from
  2025-12-01; 2024-02-29 → from 2023-03-01);
- ``calendar-year``: from 1 January of that year;
- ``quarter``: from the first day of that quarter (1 January, 1 April, 1 July, 1 October).

The file is read exactly as ``kamtui abc`` reads it (kamtui/abc/revenue/, the same options), and
a customer's revenue is summed as the ABC analysis sums it (kamtui/abc/ranking.py): credit notes
count negative, lines in other currencies are left out or converted as the options say. An
account's revenue is the sum over its ids (compared as text without surrounding spaces, as
``kamtui abc --apply`` compares them).

The value is in the objective's unit: ``€``, ``EUR`` or the account's currency (its code or
sign) as it is, rounded to whole units; with ``k`` before it (``k€``, ``kEUR``) in thousands,
with ``M`` in millions, both rounded to 2 decimals. Any other unit is reported, never guessed,
and so is a unit in another currency than the revenue's (the file's, else the account's).

Each objective gets a proposal: a check-in dated to the file's last date, and what would happen
to it (:class:`Outcome`). A check-in typed by hand is never replaced; one measured earlier on the
same date may be; a value equal to the check-in before it adds nothing. Nothing is written until
:func:`apply_measures`, which saves each plan through :meth:`Workspace.save` (atomic; a plan
changed on disk since it was read, or whose ``#`` comments would be lost, is reported and left
alone).
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from kamtui.abc.apply import save_plan
from kamtui.abc.ranking import customer_totals
from kamtui.abc.revenue import (
    ReadOptions,
    RevenueData,
    RevenueFileError,
    read_revenue,
    select_period,
)
from kamtui.abc.revenue.currency import ISO_CODES, SYMBOLS, normalize
from kamtui.plan.edit import check_in
from kamtui.plan.file import LoadedPlan
from kamtui.plan.model import AccountPlan, MeasurePeriod, MeasureSource, Number, Objective
from kamtui.store.workspace import Workspace
from kamtui.text.format import format_count, format_number, localized
from kamtui.text.i18n import N_, ngettext, pgettext
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line


class Outcome(StrEnum):
    """What measuring does to an objective."""

    ADD = "add"
    REPLACE = "replace"
    SAME = "same"
    HAND = "hand"
    NO_IDS = "no-ids"
    NO_LINES = "no-lines"
    UNKNOWN_UNIT = "unknown-unit"
    OTHER_CURRENCY = "other-currency"

    @property
    def writes(self) -> bool:
        """A check-in is written (after confirmation)."""
        return self in (Outcome.ADD, Outcome.REPLACE)

    @property
    def text(self) -> str:
        """The outcome for people: ``add``, ``skip: hand check-in on that date``… (in the
        language in use)."""
        if self is Outcome.ADD:  # a word as short as "add" has other meanings elsewhere
            return pgettext("measure outcome", "add")
        return _(OUTCOME_TEXT[self])


OUTCOME_TEXT = {
    Outcome.ADD: "add",  # translated with a context: Outcome.text
    Outcome.REPLACE: N_("replace: earlier measured value on that date"),
    Outcome.SAME: N_("skip: same as the last check-in"),
    Outcome.HAND: N_("skip: hand check-in on that date"),
    Outcome.NO_IDS: N_("no customer ids"),
    Outcome.NO_LINES: N_("no lines in the file for its customer ids"),
    Outcome.UNKNOWN_UNIT: N_("unknown unit"),
    Outcome.OTHER_CURRENCY: N_("skip: unit in another currency"),
}
"""The outcomes' words (marked for translation; :attr:`Outcome.text` translates them)."""


# -- periods and units -------------------------------------------------------------------------


def period_start(period: MeasurePeriod, last: dt.date) -> dt.date:
    """The first day of *period* ending at *last* (both inclusive; see the module docstring)."""
    if period is MeasurePeriod.CALENDAR_YEAR:
        return dt.date(last.year, 1, 1)
    if period is MeasurePeriod.QUARTER:
        return dt.date(last.year, 3 * ((last.month - 1) // 3) + 1, 1)
    try:
        year_before = last.replace(year=last.year - 1)
    except ValueError:  # 29 February: a year before is the 28th
        year_before = dt.date(last.year - 1, 2, 28)
    return year_before + dt.timedelta(days=1)


@dataclass(frozen=True)
class Unit:
    """An objective's unit as money: its currency, the factor it divides by, the decimals."""

    currency: str
    scale: int
    decimals: int

    def convert(self, amount: float) -> Number:
        """*amount* (in currency units) in this unit, rounded: a whole number stays an int."""
        value = round(amount / self.scale, self.decimals)
        if value.is_integer():
            return int(value)
        return value


_SCALES = {"k": 1_000, "K": 1_000, "M": 1_000_000}


def parse_unit(unit: str, account_currency: str) -> Unit | None:
    """*unit* as money (``€``, ``EUR``, ``k€``, ``M€``, the account's currency or its sign,
    ``k`` or ``M`` before it), or ``None`` when it is anything else."""
    text = unit.strip()
    account = normalize(account_currency) or "EUR"
    ways = [(1, text)]  # KRW is won before it is thousands of RW
    if text[:1] in _SCALES:
        ways.append((_SCALES[text[0]], text[1:].strip()))
    for scale, written in ways:
        code = normalize(written)
        money = written.upper() == code or written.upper() in SYMBOLS
        if money and code in ISO_CODES and code in ("EUR", account):
            return Unit(code, scale, 0 if scale == 1 else 2)
    return None


# -- proposals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """One objective measured from the file: the check-in it would get, and what happens."""

    plan_id: str
    account: str
    """The account's name."""
    objective_id: str
    objective: str
    """The objective's title."""
    period: MeasurePeriod
    unit: str
    day: dt.date
    """The check-in's date: the file's last date."""
    start: dt.date
    """The first day of the period measured."""
    outcome: Outcome
    value: Number | None = None
    """The measured value in the objective's unit (``None`` when it could not be measured)."""
    source: str = ""
    """What the check-in records as its source: ``revenue.csv, rolling-12m``."""
    before: Number | None = None
    """The check-in it is compared with: on that date (hand or replaced), or the one before."""
    detail: str = ""
    """More for people: the currencies that differ, the ids not in the file… An English
    template marked for translation, filled with :attr:`detail_values` when shown (so a
    proposal made before a language switch shows in the new language)."""
    detail_values: tuple[tuple[str, str], ...] = ()
    """The values of :attr:`detail`'s ``{placeholders}``."""

    @property
    def writes(self) -> bool:
        return self.outcome.writes

    @property
    def details(self) -> str:
        """:attr:`detail` in the language in use, filled in (``""`` without one)."""
        return _(self.detail).format(**dict(self.detail_values)) if self.detail else ""

    @property
    def text(self) -> str:
        """The outcome with its detail, for a table (in the language in use)."""
        if not self.detail:
            return self.outcome.text
        return _("{outcome} ({detail})").format(outcome=self.outcome.text, detail=self.details)

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan_id,
            "account": self.account,
            "objective_id": self.objective_id,
            "objective": self.objective,
            "period": self.period.value,
            "from": self.start.isoformat(),
            "to": self.day.isoformat(),
            "unit": self.unit,
            "value": self.value,
            "outcome": self.outcome.value,
            "writes": self.writes,
            "text": self.text,
            "source": self.source,
            "before": self.before,
        }


@dataclass(frozen=True)
class Skipped:
    """A plan that was not measured, or not written, and why."""

    plan_id: str
    path: Path
    reason: str


@dataclass
class MeasureReport:
    """Every objective measured from one revenue file, plan by plan."""

    path: Path
    last_day: dt.date
    proposals: list[Proposal] = field(default_factory=list)
    broken: list[Skipped] = field(default_factory=list)
    """Plans that could not be read (their objectives are unknown)."""
    loaded: dict[str, LoadedPlan] = field(default_factory=dict)
    """The plans as read, by id: what :func:`apply_measures` saves over."""
    notes: list[str] = field(default_factory=list)
    """What reading the file found (rows left out, assumed date order…)."""

    @property
    def writes(self) -> list[Proposal]:
        return [p for p in self.proposals if p.writes]

    @property
    def plans_written(self) -> list[str]:
        """The plans that would get check-ins, in order."""
        return list(dict.fromkeys(p.plan_id for p in self.writes))

    def question(self) -> str:
        """``Write 3 check-ins to 2 plans?`` (in the language in use)."""
        return _("Write {checkins} to {plans}?").format(
            checkins=checkins(len(self.writes)), plans=plans(len(self.plans_written))
        )


def checkins(n: int) -> str:
    """``1 check-in``, ``3 check-ins`` in the language in use."""
    return ngettext("{n} check-in", "{n} check-ins", n).format(n=format_count(n))


def plans(n: int) -> str:
    """``1 plan``, ``2 plans`` in the language in use."""
    return ngettext("{n} plan", "{n} plans", n).format(n=format_count(n))


def last_date(data: RevenueData) -> dt.date:
    """The latest date of the file's usable lines (with a customer or not)."""
    days = [frame["date"].max() for frame in (data.lines, data.unassigned) if frame is not None]
    days = [d for d in days if d is not None and d == d]  # NaT is not equal to itself
    if not days:
        raise RevenueFileError(
            data.path, _("has no dated revenue lines to measure objectives with")
        )
    last: dt.date = max(days).date()
    return last


class _Totals:
    """Each customer's revenue in a period ending at the file's last date, computed once per
    period (the ABC analysis's sums: kamtui/abc/ranking.py)."""

    def __init__(self, data: RevenueData, last: dt.date) -> None:
        self.data = data
        self.last = last
        self._by_period: dict[MeasurePeriod, dict[str, float]] = {}
        every = customer_totals(data.lines)
        self.customers: frozenset[str] = frozenset(str(c) for c in every["customer"])
        """Every customer with a line in the file, whatever its date."""

    def revenue(self, period: MeasurePeriod) -> dict[str, float]:
        found = self._by_period.get(period)
        if found is None:
            lines, _outside = select_period(self.data, period_start(period, self.last), self.last)
            totals = customer_totals(lines)
            found = dict(zip(totals["customer"].tolist(), totals["revenue"].tolist(), strict=True))
            self._by_period[period] = found
        return found


def _ids(plan: AccountPlan) -> list[str]:
    return list(dict.fromkeys(cid.strip() for cid in plan.account.customer_ids if cid.strip()))


def _previous(objective: Objective, day: dt.date) -> Number | None:
    """The check-in before *day* (the latest earlier one), if any."""
    earlier = [d for d in objective.checkins if d < day]
    return objective.checkins[max(earlier)] if earlier else None


def _propose(
    totals: _Totals,
    plan: AccountPlan,
    oid: str,
    objective: Objective,
    currency: str,
) -> Proposal:
    assert objective.period is not None  # a plan with a source and no period is not read
    period = objective.period
    last = totals.last
    name = totals.data.path.name
    base = Proposal(
        plan_id=plan.id,
        account=plan.name,
        objective_id=oid,
        objective=objective.title,
        period=period,
        unit=objective.unit,
        day=last,
        start=period_start(period, last),
        outcome=Outcome.ADD,
        source=f"{one_line(name)}, {period.value}",
    )
    ids = _ids(plan)
    if not ids:
        return replace(base, outcome=Outcome.NO_IDS)
    if not any(cid in totals.customers for cid in ids):
        shown = ", ".join(one_line(c) for c in ids[:5]) + (", …" if len(ids) > 5 else "")
        return replace(
            base, outcome=Outcome.NO_LINES, detail="{ids}", detail_values=(("ids", shown),)
        )
    unit = parse_unit(objective.unit, plan.account.currency)
    if unit is None:
        account = normalize(plan.account.currency) or "EUR"
        signs = "€, k€, M€" if account == "EUR" else f"€, k€, M€, {account}, k{account}"
        values: tuple[tuple[str, str], ...] = ()
        if objective.unit.strip():
            detail, values = N_("{unit}; use {signs}"), (("unit", one_line(objective.unit)),)
        else:
            detail = N_("none; use {signs}")
        return replace(
            base,
            outcome=Outcome.UNKNOWN_UNIT,
            detail=detail,
            detail_values=(*values, ("signs", signs)),
        )
    if unit.currency != currency:
        return replace(
            base,
            outcome=Outcome.OTHER_CURRENCY,
            detail=N_("the objective is in {objective}, the revenue in {revenue}"),
            detail_values=(("objective", unit.currency), ("revenue", currency)),
        )
    revenue = totals.revenue(period)
    value = unit.convert(math.fsum(revenue.get(cid, 0.0) for cid in ids))
    measured = replace(base, value=value)
    on_day = objective.checkins.get(last)
    if on_day is not None:
        if last not in objective.checkin_sources:
            return replace(measured, outcome=Outcome.HAND, before=on_day)
        outcome = Outcome.SAME if on_day == value else Outcome.REPLACE
        return replace(measured, outcome=outcome, before=on_day)
    previous = _previous(objective, last)
    if previous is not None and previous == value:
        return replace(measured, outcome=Outcome.SAME, before=previous)
    return replace(measured, before=previous)


def propose(data: RevenueData, plans: Iterable[LoadedPlan]) -> MeasureReport:
    """What measuring every objective with ``source = "revenue"`` in *plans* from *data*
    would do (nothing is written)."""
    last = last_date(data)
    report = MeasureReport(data.path, last, notes=list(data.notes))
    totals: _Totals | None = None
    for loaded in plans:
        if loaded.plan is None or loaded.errors:
            first = loaded.errors[0].format() if loaded.errors else _("cannot be read")
            report.broken.append(Skipped(loaded.id, loaded.path, one_line(first)))
            continue
        plan = loaded.plan
        measured = [
            (oid, o)
            for oid, o in plan.where_to_go.objectives.items()
            if o.source is MeasureSource.REVENUE
        ]
        if not measured:
            continue
        report.loaded[plan.id] = loaded
        if totals is None:
            totals = _Totals(data, last)
        currency = data.currency or normalize(plan.account.currency) or "EUR"
        for oid, objective in measured:
            report.proposals.append(_propose(totals, plan, oid, objective, currency))
    return report


def measure_file(path: Path | str, read: ReadOptions, plans: Iterable[LoadedPlan]) -> MeasureReport:
    """Read the revenue file *path* as ``kamtui abc`` does (with dates) and :func:`propose`.
    Raises :class:`RevenueFileError` for a file that cannot be used."""
    data = read_revenue(path, replace(read, need_dates=True))  # no date column: an error
    return propose(data, plans)


# -- writing -----------------------------------------------------------------------------------


@dataclass
class ApplyResult:
    """What :func:`apply_measures` wrote."""

    written: list[Proposal] = field(default_factory=list)
    """The check-ins written, in the plans saved."""
    refused: list[Skipped] = field(default_factory=list)
    """Plans that should have been written but were not, and why."""

    @property
    def ok(self) -> bool:
        return not self.refused

    @property
    def plans(self) -> list[str]:
        return list(dict.fromkeys(p.plan_id for p in self.written))


HELD = N_("it has unsaved edits open in the app: save or discard them, then measure again")
"""Why a plan open with unsaved edits is not written (marked; translated when refused)."""


def apply_measures(
    ws: Workspace, report: MeasureReport, *, hold: Collection[str] = ()
) -> ApplyResult:
    """Write the check-ins *report* proposes, each plan with one safe save. The plans in *hold*
    (open with unsaved edits) are not written behind the editor's back: they are refused."""
    result = ApplyResult()
    for plan_id in report.plans_written:
        loaded = report.loaded[plan_id]
        assert loaded.plan is not None
        if plan_id in hold:
            result.refused.append(Skipped(plan_id, loaded.path, _(HELD)))
            continue
        plan = copy.deepcopy(loaded.plan)
        chosen = [p for p in report.writes if p.plan_id == plan_id]
        for proposal in chosen:
            assert proposal.value is not None
            objective = plan.where_to_go.objectives[proposal.objective_id]
            check_in(objective, proposal.day, proposal.value, proposal.source)
        comments = _("the file has # comments that saving would drop: add the check-ins by hand")
        reason = save_plan(ws, loaded, plan, comments)
        if reason is None:
            result.written += chosen
        else:
            result.refused.append(Skipped(plan_id, loaded.path, one_line(reason)))
    return result


def describe_value(proposal: Proposal) -> str:
    """The measured value with its unit, grouped by thousands: ``1,540.25 k€``, ``12,500 €``
    (``1.540,25 k€`` in Italian); ``—`` when there is none."""
    value = proposal.value
    if value is None:
        return format_number(None)
    shown = format_count(value) if isinstance(value, int) else localized(f"{value:,.2f}")
    unit = one_line(proposal.unit.strip())
    return f"{shown} {unit}" if unit else shown
