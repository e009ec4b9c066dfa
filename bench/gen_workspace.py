"""Generate a workspace of typical plans (about 9 KB each) for the benchmarks.

python bench/gen_workspace.py 1000   # → bench/.data/workspace-1000/
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import DATA
from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import (
    AccountPlan,
    Action,
    ActionStatus,
    Attitude,
    Competitor,
    Horizon,
    Influence,
    Objective,
    Orientation,
    Person,
    RelationshipLevel,
    Role,
    Segment,
)
from kamtui.text.slugs import slugify

WORDS = [
    "supply",
    "security",
    "cost",
    "quality",
    "service",
    "plant",
    "tender",
    "procurement",
    "resin",
    "film",
    "recyclable",
    "contract",
    "volume",
    "margin",
    "logistics",
    "delivery",
    "audit",
    "sustainability",
    "pilot",
    "trial",
    "innovation",
    "budget",
    "forecast",
    "partnership",
    "roadmap",
    "launch",
    "capacity",
    "certification",
    "portfolio",
]
BASE = dt.date(2026, 11, 30)


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _text(rng: random.Random, lines: int) -> str:
    return "\n".join(_sentence(rng, rng.randint(8, 14)) for _ in range(lines))


def _day(rng: random.Random, spread: int) -> dt.date:
    return BASE + dt.timedelta(days=rng.randint(-spread, spread))


def make_plan(i: int, rng: random.Random) -> AccountPlan:
    name = f"Customer {i:05d} {rng.choice(WORDS).title()} S.p.A."
    plan = AccountPlan(id=slugify(name))
    a = plan.account
    a.name, a.customer_ids, a.industry, a.owner = name, [f"C{i:05d}"], "Packaging", "Maria Rossi"
    a.segment = rng.choice(list(Segment))
    a.last_review = _day(rng, 90)
    w = plan.where_am_i
    w.business, w.priorities = _text(rng, 3), _text(rng, 2)
    w.buying_motivation, w.decision_process = _text(rng, 2), _text(rng, 2)
    w.relationship_level = rng.choice(list(RelationshipLevel))
    for rating in (w.accessibility.technical, w.accessibility.economic, w.accessibility.commercial):
        rating.rating, rating.note = rng.randint(1, 5), _sentence(rng, 10)
    for k in range(5):
        w.buying_centre[f"person-{k}"] = Person(
            name=f"Person {k}",
            title="Director",
            role=rng.choice(list(Role)),
            influence=rng.choice(list(Influence)),
            attitude=rng.choice(list(Attitude)),
            orientation=rng.choice(list(Orientation)),
            relationship=rng.randint(1, 5),
            last_contact=_day(rng, 120),
            notes=_sentence(rng, 12),
        )
    for k in range(2):
        w.competitors[f"rival-{k}"] = Competitor(
            name=f"Rival {k}",
            share_of_wallet=rng.randint(5, 60),
            strengths=[_sentence(rng, 5) for _ in range(2)],
            weaknesses=[_sentence(rng, 5) for _ in range(2)],
            positioning=_sentence(rng, 12),
        )
    w.swot.strengths = [_sentence(rng, 6) for _ in range(3)]
    w.swot.weaknesses = [_sentence(rng, 6) for _ in range(2)]
    w.swot.opportunities = [_sentence(rng, 6) for _ in range(2)]
    w.swot.threats = [_sentence(rng, 6) for _ in range(2)]
    plan.where_to_go.ambition = _text(rng, 2)
    for k in range(4):
        plan.where_to_go.objectives[f"objective-{k}"] = Objective(
            title=_sentence(rng, 6),
            horizon=rng.choice(list(Horizon)),
            metric="share of wallet",
            unit="%",
            baseline=20.0,
            target=40.0,
            current=float(rng.randint(20, 40)),
            due=_day(rng, 400),
            checkins={_day(rng, 200): float(rng.randint(20, 40))},
        )
    plan.how_to_get_there.strategy = _text(rng, 2)
    for k in range(10):
        plan.how_to_get_there.actions[f"action-{k}"] = Action(
            title=_sentence(rng, 7),
            objective=f"objective-{k % 4}",
            owner="Paolo Conti",
            due=_day(rng, 60),
            status=rng.choice(list(ActionStatus)),
            progress=rng.randint(0, 100),
            notes=_sentence(rng, 10),
        )
    return plan


OBJECTIVE_TITLES = [
    "Become the sole supplier of PET preforms",
    "Grow annual revenue to €2.4M",
    "Qualify the recycled-film range",
    "Cut the complaint rate below 0.5%",
    "Win the 2027 logistics tender",
    "Open the German plants",
    "Reach 30% share of wallet in closures",
    "Launch the mono-material pouch",
    "Sign a three-year framework contract",
    "Get onto the sustainability shortlist",
]
VERBS = [
    "Run",
    "Prepare",
    "Agree",
    "Present",
    "Deliver",
    "Review",
    "Close",
    "Send",
    "Plan",
    "Follow up on",
]
OBJECTS = [
    "a trial of recyclable film",
    "the cost-down proposal",
    "the 8D report on the last complaint",
    "samples of the 250 ml jar",
    "the quarterly business review",
    "the audit of the Verona plant",
    "the new price list",
    "the forecast for next year",
    "the certification documents",
    "the logistics plan for the winter peak",
    "a visit to the customer's R&D lab",
    "the tender documents",
]
WITH = ["with Procurement", "with Quality", "with the plant manager", "for the board", ""]
OWNERS = ["Elena Marchetti", "Marco Valli", "Chiara Fontana", "Paolo Conti", ""]


def big_plan(
    rng: random.Random, today: dt.date, *, objectives: int = 10, actions: int = 200
) -> AccountPlan:
    """A typical plan (people, competitors, SWOT…) grown to *objectives* objectives and
    *actions* actions with mixed statuses, due dates around *today* and realistic titles."""
    plan = make_plan(1, rng)
    plan.where_to_go.objectives = {
        f"objective-{k}": Objective(
            title=title,
            horizon=rng.choice(list(Horizon)),
            metric="share of wallet",
            unit="%",
            baseline=20.0,
            target=40.0,
            current=float(rng.randint(20, 40)),
            due=today + dt.timedelta(days=rng.randint(30, 500)),
        )
        for k, title in enumerate(
            OBJECTIVE_TITLES[k % len(OBJECTIVE_TITLES)] + (f" ({k + 1})" if k >= 10 else "")
            for k in range(objectives)
        )
    }
    statuses = list(ActionStatus)
    weights = [4, 4, 3, 1, 1]
    todo: dict[str, Action] = {}
    for k in range(actions):
        status = rng.choices(statuses, weights)[0]
        due = today + dt.timedelta(days=rng.randint(-120, 180))
        if status is ActionStatus.DONE:
            progress, completed = 100, min(due, today)
        elif status is ActionStatus.TODO:
            progress, completed = 0, None
        else:
            progress, completed = rng.randrange(0, 100, 10), None
        title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(WITH)}".strip()
        todo[f"action-{k:03d}"] = Action(
            title=title,
            objective=f"objective-{rng.randrange(objectives)}" if rng.random() < 0.9 else "",
            owner=rng.choice(OWNERS),
            due=due if rng.random() < 0.9 else None,
            status=status,
            progress=progress,
            completed=completed,
            notes=f"Talked about it on {today - dt.timedelta(days=k)}." if k % 7 == 0 else "",
        )
    plan.how_to_get_there.actions = todo
    return plan


def ensure_workspace(count: int) -> Path:
    """The folder of *count* generated plans (made once, then reused)."""
    folder = DATA / f"workspace-{count}"
    marker = folder / ".complete"
    if marker.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(count)
    for i in range(count):
        plan = make_plan(i, rng)
        (folder / f"{plan.id}.toml").write_text(dumps_plan(plan), encoding="utf-8")
    marker.touch()
    return folder


if __name__ == "__main__":
    print(ensure_workspace(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
