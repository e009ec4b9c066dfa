"""The account plan: one key account, the three planning questions, and nothing about files.

Pure data. The file format lives in :mod:`kamtui.plan.codec`, derived figures in
:mod:`kamtui.plan.metrics`. Every record type keeps the keys it does not know in ``extra`` so that
hand-added keys survive a save.

The order of the fields below *is* the order of the keys in a plan file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kamtui.plan.schema import SCHEMA_VERSION as SCHEMA_VERSION  # re-exported

Number = int | float


class Segment(StrEnum):
    """ABC class of the account in the revenue portfolio."""

    A = "A"
    B = "B"
    C = "C"


class Role(StrEnum):
    """Role of a person in the customer's buying centre."""

    DECISION_MAKER = "decision-maker"
    ECONOMIC_BUYER = "economic-buyer"
    TECHNICAL_BUYER = "technical-buyer"
    INFLUENCER = "influencer"
    USER = "user"
    GATEKEEPER = "gatekeeper"
    CHAMPION = "champion"
    SPONSOR = "sponsor"
    COACH = "coach"
    OTHER = "other"


class Influence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Attitude(StrEnum):
    """A person's attitude to us, from ally to opponent."""

    ALLY = "ally"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    CRITIC = "critic"
    OPPONENT = "opponent"


class Orientation(StrEnum):
    """What a person's decisions are driven by (their buying motivation)."""

    FINANCIAL = "financial"
    TECHNICAL = "technical"
    RELATIONSHIP = "relationship"
    BUSINESS = "business"


class RelationshipLevel(StrEnum):
    """Our relationship with the account, from vendor to partner."""

    VENDOR = "vendor"
    PREFERRED_SUPPLIER = "preferred-supplier"
    SOLUTION_PROVIDER = "solution-provider"
    STRATEGIC_PARTNER = "strategic-partner"


class Horizon(StrEnum):
    """Short term is up to 12 months; long covers medium and long term."""

    SHORT = "short"
    LONG = "long"


class MeasureSource(StrEnum):
    """Where an objective's measure comes from; not set: the user enters it by hand."""

    REVENUE = "revenue"
    """The revenue file of the ABC analysis, over the account's customer ids (``kamtui
    measure``, kamtui/abc/measure.py)."""


class MeasurePeriod(StrEnum):
    """The period a measure from the revenue file covers, ending at the file's last date."""

    ROLLING_12M = "rolling-12m"
    """The 12 months up to the last date: from the day after the same date a year before."""
    CALENDAR_YEAR = "calendar-year"
    """From 1 January of the last date's year."""
    QUARTER = "quarter"
    """From the first day of the last date's quarter."""


class CellStatus(StrEnum):
    """Who serves one business unit with one of our offerings (a cell of the whitespace map)."""

    OURS = "ours"
    COMPETITOR = "competitor"
    OPPORTUNITY = "opportunity"
    NOT_RELEVANT = "not-relevant"
    UNKNOWN = "unknown"


class ActionStatus(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    BLOCKED = "blocked"
    DROPPED = "dropped"


# Field metadata used by the codec:
#   kind:   text | line | enum | date | int | number | strings | record | records | checkins |
#           checkin_sources
#   always: written even when empty (so a new plan shows what to fill in)
#   lo/hi:  inclusive range for int/number
#   blank:  an enum written as "" reads as not set
def _meta(
    kind: str,
    *,
    always: bool = False,
    lo: float | None = None,
    hi: float | None = None,
    enum: type[StrEnum] | None = None,
    record: type | None = None,
    required: bool = False,
    blank: bool = False,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "always": always,
        "lo": lo,
        "hi": hi,
        "enum": enum,
        "record": record,
        "required": required,
        "blank": blank,
    }


def _text(always: bool = True) -> Any:
    return field(default="", metadata=_meta("text", always=always))


def _strings() -> Any:
    return field(default_factory=list, metadata=_meta("strings", always=True))


def _extra() -> Any:
    return field(default_factory=dict, compare=True, metadata={"kind": "extra"})


@dataclass(slots=True)
class Account:
    name: str = field(default="", metadata=_meta("line", always=True, required=True))
    customer_ids: list[str] = _strings()
    industry: str = _text()
    owner: str = _text()
    segment: Segment | None = field(default=None, metadata=_meta("enum", enum=Segment))
    currency: str = field(default="EUR", metadata=_meta("line", always=True))
    review_every_days: int = field(default=30, metadata=_meta("int", always=True, lo=1, hi=3660))
    last_review: dt.date | None = field(default=None, metadata=_meta("date"))
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class Person:
    """Someone in the customer's buying centre."""

    name: str = field(default="", metadata=_meta("line", always=True, required=True))
    title: str = _text()
    reports_to: str = field(default="", metadata=_meta("line"))
    """The id of the person in the same buying centre this one reports to ("" for none)."""
    role: Role | None = field(default=None, metadata=_meta("enum", enum=Role))
    influence: Influence | None = field(default=None, metadata=_meta("enum", enum=Influence))
    attitude: Attitude | None = field(default=None, metadata=_meta("enum", enum=Attitude))
    orientation: Orientation | None = field(default=None, metadata=_meta("enum", enum=Orientation))
    relationship: int | None = field(default=None, metadata=_meta("int", lo=1, hi=5))
    """How strong our relationship with this person is, 1 (none) to 5 (trusted)."""
    last_contact: dt.date | None = field(default=None, metadata=_meta("date"))
    notes: str = _text(always=False)
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class Rating:
    """A 1–5 rating with a note (used for the three kinds of accessibility)."""

    rating: int | None = field(default=None, metadata=_meta("int", lo=1, hi=5))
    note: str = _text()
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class Accessibility:
    """Can we do business here? Technically (offer fits the customer's maturity), economically
    (financially sustainable) and commercially (through the right channels)."""

    technical: Rating = field(default_factory=Rating, metadata=_meta("record", record=Rating))
    economic: Rating = field(default_factory=Rating, metadata=_meta("record", record=Rating))
    commercial: Rating = field(default_factory=Rating, metadata=_meta("record", record=Rating))
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class Competitor:
    """One of *our* competitors at this account."""

    name: str = field(default="", metadata=_meta("line", always=True, required=True))
    share_of_wallet: Number | None = field(default=None, metadata=_meta("number", lo=0, hi=100))
    """Their share of the customer's spend in our category, in percent."""
    strengths: list[str] = _strings()
    weaknesses: list[str] = _strings()
    positioning: str = _text()
    """How we position ourselves against them."""
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class Swot:
    strengths: list[str] = _strings()
    weaknesses: list[str] = _strings()
    opportunities: list[str] = _strings()
    threats: list[str] = _strings()
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class Offering:
    """One of our offerings: a column of the whitespace map. The workspace's are in
    ``offerings.toml`` (kamtui/store/offerings.py); a plan may add its own."""

    name: str = field(default="", metadata=_meta("line", always=True, required=True))
    notes: str = _text(always=False)
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class Cell:
    """What one business unit buys of one offering, and from whom (kamtui/plan/whitespace.py)."""

    status: CellStatus = field(
        default=CellStatus.UNKNOWN, metadata=_meta("enum", enum=CellStatus, always=True)
    )
    revenue: Number | None = field(default=None, metadata=_meta("number", lo=0))
    """Ours: what the unit buys from us in a year, in the account's currency."""
    competitor: str = field(default="", metadata=_meta("line"))
    """A competitor's: the id of one of the plan's competitors ("" for not known)."""
    potential: Number | None = field(default=None, metadata=_meta("number", lo=0))
    """An opportunity: the estimated yearly revenue, in the account's currency."""
    note: str = _text(always=False)
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class Unit:
    """One of the customer's business units, sites or divisions: a row of the whitespace map."""

    name: str = field(default="", metadata=_meta("line", always=True, required=True))
    notes: str = _text(always=False)
    cells: dict[str, Cell] = field(default_factory=dict, metadata=_meta("records", record=Cell))
    """By offering id."""
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class WhereAmI:
    """Question 1: customer analysis, buying centre, accessibility, competitors, SWOT."""

    business: str = _text()
    priorities: str = _text()
    buying_motivation: str = _text()
    decision_process: str = _text()
    relationship_level: RelationshipLevel | None = field(
        default=None, metadata=_meta("enum", enum=RelationshipLevel)
    )
    accessibility: Accessibility = field(
        default_factory=Accessibility, metadata=_meta("record", record=Accessibility)
    )
    buying_centre: dict[str, Person] = field(
        default_factory=dict, metadata=_meta("records", record=Person)
    )
    competitors: dict[str, Competitor] = field(
        default_factory=dict, metadata=_meta("records", record=Competitor)
    )
    swot: Swot = field(default_factory=Swot, metadata=_meta("record", record=Swot))
    offerings: dict[str, Offering] = field(
        default_factory=dict, metadata=_meta("records", record=Offering)
    )
    """This plan's own offerings, beside the workspace's (the whitespace map's columns)."""
    units: dict[str, Unit] = field(default_factory=dict, metadata=_meta("records", record=Unit))
    """The whitespace map: the customer's units (rows), each with its cells by offering id."""
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class Objective:
    """A measurable commercial objective."""

    title: str = field(default="", metadata=_meta("line", always=True, required=True))
    horizon: Horizon = field(
        default=Horizon.SHORT, metadata=_meta("enum", enum=Horizon, always=True)
    )
    metric: str = _text()
    unit: str = _text()
    source: MeasureSource | None = field(
        default=None, metadata=_meta("enum", enum=MeasureSource, blank=True)
    )
    """Where the measure comes from; ``None``: check-ins are entered by hand."""
    period: MeasurePeriod | None = field(
        default=None, metadata=_meta("enum", enum=MeasurePeriod, blank=True)
    )
    """The period measured (required with a source)."""
    baseline: Number | None = field(default=None, metadata=_meta("number"))
    target: Number | None = field(default=None, metadata=_meta("number"))
    current: Number | None = field(default=None, metadata=_meta("number"))
    due: dt.date | None = field(default=None, metadata=_meta("date"))
    notes: str = _text(always=False)
    opportunity: str = field(default="", metadata=_meta("line"))
    """The whitespace cell this objective was made from, ``unit-id/offering-id`` ("" for
    none)."""
    checkins: dict[dt.date, Number] = field(default_factory=dict, metadata=_meta("checkins"))
    """Measured values by date: the history behind ``current``."""
    checkin_sources: dict[dt.date, str] = field(
        default_factory=dict, metadata=_meta("checkin_sources")
    )
    """Where a check-in came from, by its date (``revenue.csv, rolling-12m``); a check-in
    without one was entered by hand."""
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class WhereToGo:
    """Question 2: where we want this account to be."""

    ambition: str = _text()
    """The account vision in a few sentences; the objectives make it measurable."""
    objectives: dict[str, Objective] = field(
        default_factory=dict, metadata=_meta("records", record=Objective)
    )
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class Action:
    title: str = field(default="", metadata=_meta("line", always=True, required=True))
    objective: str = _text()
    """The id of the objective this action serves ("" for none)."""
    owner: str = _text()
    due: dt.date | None = field(default=None, metadata=_meta("date"))
    status: ActionStatus = field(
        default=ActionStatus.TODO, metadata=_meta("enum", enum=ActionStatus, always=True)
    )
    progress: int = field(default=0, metadata=_meta("int", lo=0, hi=100, always=True))
    completed: dt.date | None = field(default=None, metadata=_meta("date"))
    notes: str = _text(always=False)
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class HowToGetThere:
    """Question 3: the action plan."""

    strategy: str = _text()
    """The approach in a few sentences; the actions make it concrete."""
    actions: dict[str, Action] = field(
        default_factory=dict, metadata=_meta("records", record=Action)
    )
    extra: dict[str, Any] = _extra()


@dataclass(slots=True)
class AccountPlan:
    """The whole plan for one key account. ``id`` is the file name; it is not stored inside."""

    id: str
    account: Account = field(default_factory=Account)
    where_am_i: WhereAmI = field(default_factory=WhereAmI)
    where_to_go: WhereToGo = field(default_factory=WhereToGo)
    how_to_get_there: HowToGetThere = field(default_factory=HowToGetThere)
    extra: dict[str, Any] = field(default_factory=dict)
    """Top-level keys this version does not know, kept as they are."""

    @property
    def name(self) -> str:
        return self.account.name


def new_plan(
    plan_id: str, name: str, *, owner: str = "", today: dt.date | None = None
) -> AccountPlan:
    """A fresh skeleton for a new key account."""
    del today  # a new plan has not been reviewed yet
    return AccountPlan(id=plan_id, account=Account(name=name, owner=owner))
