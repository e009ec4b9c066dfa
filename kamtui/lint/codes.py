"""The warning codes of ``kamtui check``, and which of them a run reports.

A code names one rule for good: codes are never renumbered nor reused, so a team's
``--ignore`` list and a hook's ``--select`` keep meaning the same thing (docs/lint.md explains
each one). The hundreds follow the plan:

- ``KAM0xx`` how the file is written (the warnings of reading a plan, kamtui/lint/reading.py),
- ``KAM1xx`` the account (its review),
- ``KAM2xx`` 1. Where am I? (the buying centre, the whitespace map),
- ``KAM3xx`` 2. Where do I want to go? (the objectives),
- ``KAM4xx`` 3. How do I get there? (the actions),
- ``KAM5xx`` across the plans of a workspace.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kamtui.plan.diagnostics import BYTE_ORDER_MARK as BYTE_ORDER_MARK
from kamtui.plan.diagnostics import COMMENTS as COMMENTS
from kamtui.plan.diagnostics import INVISIBLE_CHARACTERS as INVISIBLE_CHARACTERS
from kamtui.plan.diagnostics import KEY_TYPO as KEY_TYPO
from kamtui.plan.diagnostics import NO_SCHEMA as NO_SCHEMA
from kamtui.plan.diagnostics import NOT_A_PLAN_FILE as NOT_A_PLAN_FILE
from kamtui.plan.diagnostics import TEMP_FILE as TEMP_FILE
from kamtui.text.i18n import N_, ngettext


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    """A few words that say what the code is about (``done-below-100``)."""
    summary: str
    """One line, as ``kamtui check --help`` lists it (marked for translation: shown with
    ``_()``)."""


# KAM001 to KAM007, the warnings of reading, are set where they are made: kamtui/plan/diagnostics.py
REVIEW_OVERDUE = "KAM101"
NO_DECISION_MAKER = "KAM201"
NO_RELATIONSHIP_WITH_POWER = "KAM202"
STRAY_OFFERING = "KAM203"
OBJECTIVE_NOT_CHECKED_IN = "KAM301"
OBJECTIVE_WITHOUT_ACTION = "KAM302"
DONE_BELOW_100 = "KAM401"
DONE_WITHOUT_DATE = "KAM402"
COMPLETE_NOT_DONE = "KAM403"
LONG_OVERDUE = "KAM404"
SAME_ACCOUNT_NAME = "KAM501"

CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code(COMMENTS, "comments", N_("the file has # comments, which a save drops")),
        Code(
            BYTE_ORDER_MARK, "byte-order-mark", N_("the file starts with a UTF-8 byte-order mark")
        ),
        Code(NO_SCHEMA, "no-schema", N_("no 'schema' key")),
        Code(KEY_TYPO, "key-typo", N_("an unknown key that looks like a typo of a known one")),
        Code(
            INVISIBLE_CHARACTERS,
            "invisible-characters",
            N_("invisible characters in a name, a title or a customer id"),
        ),
        Code(TEMP_FILE, "temp-file", N_("a temp file left by an interrupted save")),
        Code(NOT_A_PLAN_FILE, "not-a-plan-file", N_("a folder, FIFO… named like a plan")),
        Code(
            REVIEW_OVERDUE, "review-overdue", N_("the review is overdue by the account's cadence")
        ),
        Code(
            NO_DECISION_MAKER,
            "no-decision-maker",
            N_("an A or B account with no decision maker in the buying centre"),
        ),
        Code(
            NO_RELATIONSHIP_WITH_POWER,
            "no-relationship-with-power",
            N_("an A or B account's decision maker or high-influence person we hardly know"),
        ),
        Code(
            STRAY_OFFERING,
            "stray-offering",
            N_("a whitespace map cell of an offering neither offerings.toml nor the plan defines"),
        ),
        Code(
            OBJECTIVE_NOT_CHECKED_IN,
            "objective-not-checked-in",
            N_("an open objective with no check-in for 90 days"),
        ),
        Code(
            OBJECTIVE_WITHOUT_ACTION,
            "objective-without-action",
            N_("an open objective that no action serves"),
        ),
        Code(DONE_BELOW_100, "done-below-100", N_("an action done with progress under 100%")),
        Code(DONE_WITHOUT_DATE, "done-without-date", N_("an action done with no completion date")),
        Code(COMPLETE_NOT_DONE, "complete-not-done", N_("an action at 100% that is not done")),
        Code(
            LONG_OVERDUE,
            "long-overdue",
            N_("an action overdue by more than 30 days, neither blocked nor dropped"),
        ),
        Code(SAME_ACCOUNT_NAME, "same-account-name", N_("two plans with the same account name")),
    )
}


class UnknownCodeError(ValueError):
    """A code given to ``--select`` or ``--ignore`` that no rule has."""


def parse_codes(values: Iterable[str]) -> frozenset[str]:
    """The codes of ``--select KAM101,KAM404 --select kam201`` (comma-separated, repeatable,
    any case); :class:`UnknownCodeError` names the ones that are not codes."""
    codes = {part.strip().upper() for value in values for part in value.split(",")}
    codes.discard("")
    unknown = sorted(codes - CODES.keys())
    if unknown:
        listed = ", ".join(repr(c) for c in unknown)
        raise UnknownCodeError(
            ngettext(
                "unknown warning code {listed}; the codes are {codes} (see docs/lint.md)",
                "unknown warning codes {listed}; the codes are {codes} (see docs/lint.md)",
                len(unknown),
            ).format(listed=listed, codes=", ".join(CODES))
        )
    return frozenset(codes)


@dataclass(frozen=True, slots=True)
class Selection:
    """Which warnings a run reports: only *select* (all when ``None``), never *ignore*.
    Errors are not selected: they are always reported."""

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, select: Iterable[str], ignore: Iterable[str]) -> Selection:
        """From the values of ``--select`` and ``--ignore`` (no ``--select``: every code)."""
        select = list(select)
        return cls(parse_codes(select) if select else None, parse_codes(ignore))

    def wants(self, code: str | None) -> bool:
        """Whether a warning with *code* is reported (one with no code only without
        ``--select``)."""
        if code is None:
            return self.select is None
        return (self.select is None or code in self.select) and code not in self.ignore


EVERYTHING = Selection()
