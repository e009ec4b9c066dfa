"""The guided walk-through: the three questions as a sequence of prompts.

A new account gets every prompt in order; a stale one resumes at the first prompt that has no
answer yet. Leaving keeps every answer given so far (they are edits of the plan like any
other), so coming back — in this session or after a save in another — carries on from the
first open prompt.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from typing import Any

from kamtui.plan.model import AccountPlan
from kamtui.text.i18n import N_

STEP_TITLES = (N_("Where am I?"), N_("Where do I want to go?"), N_("How do I get there?"))
"""The three questions, in English: translated where shown (``gettext``), as are a prompt's
title and question (kamtui/tui/flows/walkthrough.py)."""


@dataclass(frozen=True)
class Prompt:
    step: int
    """1, 2 or 3: the planning question this prompt belongs to."""
    path: str
    """Dotted attribute path in the plan (``where_am_i.business``)."""
    kind: str
    """text | enum | rating | strings | records"""
    title: str
    question: str

    def get(self, plan: AccountPlan) -> Any:
        return reduce(getattr, self.path.split("."), plan)

    def answered(self, plan: AccountPlan) -> bool:
        value = self.get(plan)
        if self.kind == "rating":
            return value.rating is not None
        if isinstance(value, str):
            return bool(value.strip())
        if isinstance(value, (list, dict)):
            return bool(value)
        return value is not None


PROMPTS: tuple[Prompt, ...] = (
    Prompt(
        1,
        "where_am_i.business",
        "text",
        N_("The customer's business"),
        N_("What does the customer do, for whom, and how is its business going?"),
    ),
    Prompt(
        1,
        "where_am_i.priorities",
        "text",
        N_("Their priorities"),
        N_("What are the customer's priorities and challenges this year?"),
    ),
    Prompt(
        1,
        "where_am_i.buying_motivation",
        "text",
        N_("Buying motivation"),
        N_("Why do they buy from suppliers like us: price, security, innovation, service?"),
    ),
    Prompt(
        1,
        "where_am_i.decision_process",
        "text",
        N_("Decision process"),
        N_("How are purchases decided: who proposes, who approves, tenders, budget cycle?"),
    ),
    Prompt(
        1,
        "where_am_i.buying_centre",
        "records",
        N_("Buying centre"),
        N_("Who takes part in decisions? Add decision makers, influencers, users, gatekeepers."),
    ),
    Prompt(
        1,
        "where_am_i.relationship_level",
        "enum",
        N_("Relationship level"),
        N_(
            "Where is our relationship today: vendor, preferred supplier, solution provider, "
            "strategic partner?"
        ),
    ),
    Prompt(
        1,
        "where_am_i.accessibility.technical",
        "rating",
        N_("Technical accessibility"),
        N_("Does our offer fit the customer's technical maturity? Rate 1–5 and say why."),
    ),
    Prompt(
        1,
        "where_am_i.accessibility.economic",
        "rating",
        N_("Economic accessibility"),
        N_("Is the business financially sustainable for both sides? Rate 1–5 and say why."),
    ),
    Prompt(
        1,
        "where_am_i.accessibility.commercial",
        "rating",
        N_("Commercial accessibility"),
        N_("Do we reach them through the right channels? Rate 1–5 and say why."),
    ),
    Prompt(
        1,
        "where_am_i.competitors",
        "records",
        N_("Competitors"),
        N_("Who else sells to them in our category, and how do we position against each?"),
    ),
    Prompt(
        1,
        "where_am_i.swot.strengths",
        "strings",
        N_("SWOT: our strengths"),
        N_("Our strengths at this account, one per line."),
    ),
    Prompt(
        1,
        "where_am_i.swot.weaknesses",
        "strings",
        N_("SWOT: our weaknesses"),
        N_("Our weaknesses at this account, one per line."),
    ),
    Prompt(
        1,
        "where_am_i.swot.opportunities",
        "strings",
        N_("SWOT: opportunities"),
        N_("Opportunities at this account, one per line."),
    ),
    Prompt(
        1,
        "where_am_i.swot.threats",
        "strings",
        N_("SWOT: threats"),
        N_("Threats at this account, one per line."),
    ),
    Prompt(
        2,
        "where_to_go.ambition",
        "text",
        N_("Ambition"),
        N_("Where do you want this account to be in two or three years?"),
    ),
    Prompt(
        2,
        "where_to_go.objectives",
        "records",
        N_("Objectives"),
        N_("Make it measurable: short-term (≤ 12 months) and medium/long-term objectives."),
    ),
    Prompt(
        3,
        "how_to_get_there.strategy",
        "text",
        N_("Strategy"),
        N_("How will you get there, in a few sentences?"),
    ),
    Prompt(
        3,
        "how_to_get_there.actions",
        "records",
        N_("Actions"),
        N_("The action plan: who does what by when, tied to an objective."),
    ),
)


def first_open(plan: AccountPlan) -> int:
    """Index of the first prompt without an answer (``len(PROMPTS)`` when all are answered)."""
    for i, prompt in enumerate(PROMPTS):
        if not prompt.answered(plan):
            return i
    return len(PROMPTS)


def answered_count(plan: AccountPlan) -> int:
    return sum(1 for p in PROMPTS if p.answered(plan))
