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

STEP_TITLES = ("Where am I?", "Where do I want to go?", "How do I get there?")


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
        "The customer's business",
        "What does the customer do, for whom, and how is its business going?",
    ),
    Prompt(
        1,
        "where_am_i.priorities",
        "text",
        "Their priorities",
        "What are the customer's priorities and challenges this year?",
    ),
    Prompt(
        1,
        "where_am_i.buying_motivation",
        "text",
        "Buying motivation",
        "Why do they buy from suppliers like us: price, security, innovation, service?",
    ),
    Prompt(
        1,
        "where_am_i.decision_process",
        "text",
        "Decision process",
        "How are purchases decided: who proposes, who approves, tenders, budget cycle?",
    ),
    Prompt(
        1,
        "where_am_i.buying_centre",
        "records",
        "Buying centre",
        "Who takes part in decisions? Add decision makers, influencers, users, gatekeepers.",
    ),
    Prompt(
        1,
        "where_am_i.relationship_level",
        "enum",
        "Relationship level",
        "Where is our relationship today: vendor, preferred supplier, solution provider, "
        "strategic partner?",
    ),
    Prompt(
        1,
        "where_am_i.accessibility.technical",
        "rating",
        "Technical accessibility",
        "Does our offer fit the customer's technical maturity? Rate 1–5 and say why.",
    ),
    Prompt(
        1,
        "where_am_i.accessibility.economic",
        "rating",
        "Economic accessibility",
        "Is the business financially sustainable for both sides? Rate 1–5 and say why.",
    ),
    Prompt(
        1,
        "where_am_i.accessibility.commercial",
        "rating",
        "Commercial accessibility",
        "Do we reach them through the right channels? Rate 1–5 and say why.",
    ),
    Prompt(
        1,
        "where_am_i.competitors",
        "records",
        "Competitors",
        "Who else sells to them in our category, and how do we position against each?",
    ),
    Prompt(
        1,
        "where_am_i.swot.strengths",
        "strings",
        "SWOT: our strengths",
        "Our strengths at this account, one per line.",
    ),
    Prompt(
        1,
        "where_am_i.swot.weaknesses",
        "strings",
        "SWOT: our weaknesses",
        "Our weaknesses at this account, one per line.",
    ),
    Prompt(
        1,
        "where_am_i.swot.opportunities",
        "strings",
        "SWOT: opportunities",
        "Opportunities at this account, one per line.",
    ),
    Prompt(
        1,
        "where_am_i.swot.threats",
        "strings",
        "SWOT: threats",
        "Threats at this account, one per line.",
    ),
    Prompt(
        2,
        "where_to_go.ambition",
        "text",
        "Ambition",
        "Where do you want this account to be in two or three years?",
    ),
    Prompt(
        2,
        "where_to_go.objectives",
        "records",
        "Objectives",
        "Make it measurable: short-term (≤ 12 months) and medium/long-term objectives.",
    ),
    Prompt(
        3,
        "how_to_get_there.strategy",
        "text",
        "Strategy",
        "How will you get there, in a few sentences?",
    ),
    Prompt(
        3,
        "how_to_get_there.actions",
        "records",
        "Actions",
        "The action plan: who does what by when, tied to an objective.",
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
