"""The semantic diff of two plans (kamtui/plan/changes.py): every kind of record and field, in
plan words, and the JSON form of each change."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable

import pytest
from conftest import make_full_plan

from kamtui.plan.changes import (
    Change,
    Kind,
    Op,
    Question,
    change_lines,
    change_summary,
    plan_changes,
)
from kamtui.plan.edit import check_in, remove_check_in
from kamtui.plan.model import (
    AccountPlan,
    Action,
    ActionStatus,
    Attitude,
    Competitor,
    Horizon,
    Influence,
    MeasurePeriod,
    MeasureSource,
    Objective,
    Orientation,
    Person,
    RelationshipLevel,
    Role,
    Segment,
)

Edit = Callable[[AccountPlan], None]


def lines_after(edit: Edit) -> list[str]:
    before = make_full_plan()
    after = copy.deepcopy(before)
    edit(after)
    return change_lines(plan_changes(before, after))


def person(p: AccountPlan, pid: str = "luca-ferri") -> Person:
    return p.where_am_i.buying_centre[pid]


def competitor(p: AccountPlan, cid: str = "polimeri-sud") -> Competitor:
    return p.where_am_i.competitors[cid]


def objective(p: AccountPlan, oid: str = "grow-share") -> Objective:
    return p.where_to_go.objectives[oid]


def action(p: AccountPlan, aid: str = "call-cfo") -> Action:
    return p.how_to_get_there.actions[aid]


def _set(getter: Callable[[AccountPlan], object], name: str, value: object) -> Edit:
    def edit(p: AccountPlan) -> None:
        setattr(getter(p), name, value)

    return edit


def _account(p: AccountPlan) -> object:
    return p.account


def _q1(p: AccountPlan) -> object:
    return p.where_am_i


CASES: list[tuple[str, Edit, str]] = [
    # The account
    (
        "name",
        _set(_account, "name", "Acme Group"),
        'Account · name "Acme Packaging S.p.A." → "Acme Group"',
    ),
    ("industry", _set(_account, "industry", ""), 'Account · industry "Packaging" → —'),
    (
        "owner",
        _set(_account, "owner", "Luca Bianchi"),
        'Account · owner "Maria Rossi" → "Luca Bianchi"',
    ),
    ("segment", _set(_account, "segment", Segment.B), "Account · segment A → B"),
    ("segment unset", _set(_account, "segment", None), "Account · segment A → —"),
    ("currency", _set(_account, "currency", "USD"), 'Account · currency "EUR" → "USD"'),
    ("cadence", _set(_account, "review_every_days", 14), "Account · review every days 30 → 14"),
    (
        "last review",
        _set(_account, "last_review", dt.date(2026, 11, 30)),
        "Account · last review 2026-11-02 → 2026-11-30",
    ),
    (
        "customer ids",
        lambda p: p.account.customer_ids.__setitem__(slice(None), ["C00042", "C00099", "DE-7781"]),
        'Account · customer ids + "C00099", customer ids − "C00043"',
    ),
    (
        "customer ids reordered",
        lambda p: p.account.customer_ids.reverse(),
        "Account · customer ids: reordered",
    ),
    (
        "account extra",
        lambda p: p.account.extra.update(sap_client=900),
        "Account · sap client 800 → 900",
    ),
    (
        "plan extra",
        lambda p: p.extra.update(generator="kamtui"),
        'Account · generator "hand" → "kamtui"',
    ),
    # Where am I? The customer analysis
    (
        "business line",
        lambda p: setattr(
            p.where_am_i, "business", p.where_am_i.business.replace("Bari", "Bari, Napoli")
        ),
        "Where am I? · business: 1 line changed",
    ),
    (
        "business lines",
        lambda p: setattr(
            p.where_am_i,
            "business",
            "Leading Italian maker of films.\nThree plants: Parma, Lodi, Bari.\nNew line 1\nNew 2",
        ),
        "Where am I? · business: 2 lines changed, 1 line added",
    ),
    (
        "business cleared",
        _set(_q1, "business", ""),
        "Where am I? · business: cleared (was 3 lines)",
    ),
    (
        "priorities",
        _set(_q1, "priorities", "Cut waste."),
        "Where am I? · priorities: 1 line changed",
    ),
    (
        "buying motivation",
        _set(_q1, "buying_motivation", ""),
        'Where am I? · buying motivation "Security of supply first; "total cost" second." → —',
    ),
    (
        "relationship level",
        _set(_q1, "relationship_level", RelationshipLevel.STRATEGIC_PARTNER),
        "Where am I? · relationship level preferred supplier → strategic partner",
    ),
    (
        "section extra",
        lambda p: p.where_am_i.extra.pop("market_notes"),
        'Where am I? · market notes "Società in crescita — 3 sites" → —',
    ),
    # Accessibility
    (
        "accessibility rating",
        lambda p: setattr(p.where_am_i.accessibility.economic, "rating", 4),
        "Where am I? · accessibility economic: rating 3 → 4",
    ),
    (
        "accessibility note",
        lambda p: setattr(p.where_am_i.accessibility.technical, "note", "All plants qualified."),
        'Where am I? · accessibility technical: note "Grades qualified at Parma; Bari needs a '
        'trial." → "All plants qualified."',
    ),
    (
        "accessibility extra",
        lambda p: p.where_am_i.accessibility.extra.update(reviewed_by="Luca"),
        'Where am I? · accessibility: reviewed by "Maria" → "Luca"',
    ),
    # The buying centre
    (
        "person added",
        lambda p: p.where_am_i.buying_centre.update(
            {"laura-neri": Person(name="Laura Neri", role=Role.TECHNICAL_BUYER)}
        ),
        "Where am I? · buying centre: + Laura Neri (technical buyer)",
    ),
    (
        "person added without a role",
        lambda p: p.where_am_i.buying_centre.update(
            {"laura-neri": Person(name="Laura Neri", title="Head of R&D")}
        ),
        "Where am I? · buying centre: + Laura Neri (Head of R&D)",
    ),
    (
        "person removed",
        lambda p: p.where_am_i.buying_centre.pop("nicola-conti"),
        "Where am I? · buying centre: − Nicola Conti (economic buyer)",
    ),
    (
        "person title",
        _set(person, "title", "COO"),
        'Where am I? · person "Luca Ferri": title "Plant Director, Bari" → "COO"',
    ),
    (
        "person role",
        _set(person, "role", Role.CHAMPION),
        'Where am I? · person "Luca Ferri": role influencer → champion',
    ),
    (
        "person influence",
        _set(person, "influence", Influence.HIGH),
        'Where am I? · person "Luca Ferri": influence medium → high',
    ),
    (
        "person attitude",
        _set(person, "attitude", Attitude.ALLY),
        'Where am I? · person "Luca Ferri": attitude neutral → ally',
    ),
    (
        "person orientation",
        _set(person, "orientation", Orientation.RELATIONSHIP),
        'Where am I? · person "Luca Ferri": orientation technical → relationship',
    ),
    (
        "person relationship",
        _set(person, "relationship", 3),
        'Where am I? · person "Luca Ferri": relationship 2 → 3',
    ),
    (
        "person contact",
        _set(person, "last_contact", dt.date(2026, 11, 28)),
        'Where am I? · person "Luca Ferri": last contact 2026-08-14 → 2026-11-28',
    ),
    (
        "person notes",
        _set(person, "notes", "Prefers calls now."),
        'Where am I? · person "Luca Ferri": notes "Prefers site visits to calls." → '
        '"Prefers calls now."',
    ),
    (
        "person renamed",
        _set(person, "name", "Luca Ferri-Bo"),
        'Where am I? · person "Luca Ferri-Bo": name "Luca Ferri" → "Luca Ferri-Bo"',
    ),
    (
        "person extra",
        lambda p: person(p, "giulia-bianchi").extra.clear(),
        'Where am I? · person "Giulia Bianchi": linkedin "giulia-b" → —',
    ),
    # Competitors
    (
        "competitor added",
        lambda p: p.where_am_i.competitors.update(
            {"rival": Competitor(name="Rival AG", share_of_wallet=7.5)}
        ),
        "Where am I? · competitors: + Rival AG (share of wallet 7.5%)",
    ),
    (
        "competitor removed",
        lambda p: p.where_am_i.competitors.pop("flexfilm"),
        "Where am I? · competitors: − FlexFilm GmbH (share of wallet 12.5%)",
    ),
    (
        "share of wallet",
        _set(competitor, "share_of_wallet", 50),
        'Where am I? · competitor "Polimeri Sud S.r.l.": share of wallet 55% → 50%',
    ),
    (
        "competitor strengths",
        lambda p: competitor(p).strengths.append("New plant in Bari"),
        'Where am I? · competitor "Polimeri Sud S.r.l.": strengths + "New plant in Bari"',
    ),
    (
        "competitor weaknesses",
        lambda p: competitor(p).weaknesses.clear(),
        'Where am I? · competitor "Polimeri Sud S.r.l.": weaknesses − "Late deliveries in Q2"',
    ),
    (
        "positioning",
        _set(competitor, "positioning", "Supply security and recyclable grades."),
        'Where am I? · competitor "Polimeri Sud S.r.l.": positioning "We win on supply '
        'security, not on price." → "Supply security and recyclable grades."',
    ),
    # SWOT
    (
        "swot",
        lambda p: (
            p.where_am_i.swot.opportunities.append("EU packaging rules"),
            p.where_am_i.swot.threats.remove("Resin shortages"),
        ),
        'Where am I? · SWOT: opportunities + "EU packaging rules", threats − "Resin shortages"',
    ),
    # Where do I want to go?
    (
        "ambition",
        lambda p: setattr(p.where_to_go, "ambition", p.where_to_go.ambition + "\nAnd more."),
        "Where do I want to go? · ambition: 1 line added",
    ),
    (
        "objective added",
        lambda p: p.where_to_go.objectives.update(
            {
                "revenue-2028": Objective(
                    title="Revenue 2028",
                    horizon=Horizon.LONG,
                    unit="k€",
                    target=1800,
                    due=dt.date(2028, 12, 31),
                )
            }
        ),
        'Where do I want to go? · objectives: + "Revenue 2028" (medium/long term, target 1800 k€, '
        "due 2028-12-31)",
    ),
    (
        "objective removed",
        lambda p: p.where_to_go.objectives.pop("cut-waste"),
        'Where do I want to go? · objectives: − "Cut their film waste" (short term, target 1000 '
        "t/year, due 2027-03-31)",
    ),
    (
        "check-in",
        lambda p: (
            objective(p, "cut-waste").checkins.update({dt.date(2026, 11, 30): 1140}),
            setattr(objective(p, "cut-waste"), "current", 1140),
        ),
        'Where do I want to go? · objective "Cut their film waste": current 1150 t/year → '
        "1140 t/year, check-in 2026-11-30 = 1140 t/year",
    ),
    (
        "check-in changed",
        lambda p: objective(p).checkins.update({dt.date(2026, 10, 31): 22}),
        'Where do I want to go? · objective "Grow share of wallet": check-in 2026-10-31 23% → 22%',
    ),
    (
        "check-in removed",
        lambda p: objective(p).checkins.pop(dt.date(2026, 6, 30)),
        'Where do I want to go? · objective "Grow share of wallet": − check-in 2026-06-30 (20%)',
    ),
    (
        "measured check-in",
        lambda p: check_in(
            objective(p, "cut-waste"), dt.date(2026, 11, 30), 1140, "revenue.csv, rolling-12m"
        ),
        'Where do I want to go? · objective "Cut their film waste": current 1150 t/year → '
        "1140 t/year, check-in 2026-11-30 = 1140 t/year (from revenue.csv, rolling-12m)",
    ),
    (
        "a check-in's source alone",
        lambda p: objective(p).checkin_sources.update({dt.date(2026, 10, 31): "a.csv, quarter"}),
        'Where do I want to go? · objective "Grow share of wallet": check-in 2026-10-31: from '
        "a.csv, quarter (was entered by hand)",
    ),
    (
        "measured from the revenue file",
        lambda p: (
            setattr(objective(p), "source", MeasureSource.REVENUE),
            setattr(objective(p), "period", MeasurePeriod.CALENDAR_YEAR),
        ),
        'Where do I want to go? · objective "Grow share of wallet": source — → revenue, '
        "period — → calendar year",
    ),
    (
        "objective fields",
        lambda p: (
            setattr(objective(p), "horizon", Horizon.LONG),
            setattr(objective(p), "metric", "wallet share"),
            setattr(objective(p), "baseline", 18),
            setattr(objective(p), "target", 40.5),
            setattr(objective(p), "due", dt.date(2027, 12, 31)),
        ),
        'Where do I want to go? · objective "Grow share of wallet": horizon short → long, '
        'metric "share of wallet" → "wallet share", baseline 20% → 18%, target 35% → 40.5%, '
        "due 2027-06-30 → 2027-12-31",
    ),
    (
        "objective unit",
        _set(lambda p: objective(p, "strategic-partner"), "unit", "tier"),
        'Where do I want to go? · objective "Strategic partner status": unit "level" → "tier"',
    ),
    (
        "objective notes",
        _set(objective, "notes", ""),
        'Where do I want to go? · objective "Grow share of wallet": notes "Measured from the '
        "customer's purchase report.\" → —",
    ),
    # How do I get there?
    (
        "strategy",
        _set(lambda p: p.how_to_get_there, "strategy", ""),
        "How do I get there? · strategy: cleared (was 2 lines)",
    ),
    (
        "action done",
        lambda p: (
            setattr(action(p), "status", ActionStatus.DONE),
            setattr(action(p), "progress", 100),
            setattr(action(p), "completed", dt.date(2026, 11, 30)),
        ),
        'How do I get there? · action "Meet the CFO about total cost": status in progress → '
        "done, progress 40% → 100%, completed — → 2026-11-30",
    ),
    (
        "action fields",
        lambda p: (
            setattr(action(p, "bari-trial"), "title", "Line trial at Bari"),
            setattr(action(p, "bari-trial"), "objective", "cut-waste"),
            setattr(action(p, "bari-trial"), "owner", "Maria Rossi"),
            setattr(action(p, "bari-trial"), "due", None),
        ),
        'How do I get there? · action "Line trial at Bari": title "Run a line trial at Bari" → '
        '"Line trial at Bari", objective "grow-share" → "cut-waste", owner "Paolo Neri" → '
        '"Maria Rossi", due 2026-11-10 → —',
    ),
    (
        "action notes",
        _set(action, "notes", "Bring the TCO model.\nAnd the samples."),
        'How do I get there? · action "Meet the CFO about total cost": notes: 1 line added',
    ),
    (
        "action added",
        lambda p: p.how_to_get_there.actions.update(
            {
                "send-offer": Action(
                    title="Send the offer", owner="Maria Rossi", due=dt.date(2026, 12, 5)
                )
            }
        ),
        'How do I get there? · actions: + "Send the offer" (todo, Maria Rossi, due 2026-12-05)',
    ),
    (
        "action removed",
        lambda p: p.how_to_get_there.actions.pop("old-idea"),
        'How do I get there? · actions: − "Sponsor their trade fair booth" (dropped, Maria Rossi)',
    ),
    (
        "action extra",
        lambda p: action(p).extra.update(effort_days=3),
        'How do I get there? · action "Meet the CFO about total cost": effort days 2 → 3',
    ),
]


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_kind_of_change_in_plan_words(edit: Edit, expected: str) -> None:
    assert lines_after(edit) == [expected]


def test_no_change() -> None:
    assert plan_changes(make_full_plan(), make_full_plan()) == []
    assert plan_changes(None, None) == []
    assert change_summary([]) == "no change"


def test_a_whole_number_written_as_a_decimal_is_no_change() -> None:
    before, after = make_full_plan(), make_full_plan()
    objective(after).target = 35.0
    assert plan_changes(before, after) == []


def test_plan_created_and_deleted() -> None:
    plan = make_full_plan()
    created = plan_changes(None, plan)
    assert change_lines(created) == [
        "Account · plan created: Acme Packaging S.p.A. (3 people, 2 competitors, "
        "3 objectives, 5 actions)"
    ]
    assert created[0].kind is Kind.PLAN and created[0].op is Op.ADDED
    assert change_lines(plan_changes(plan, None)) == [
        "Account · plan deleted: Acme Packaging S.p.A. (3 people, 2 competitors, "
        "3 objectives, 5 actions)"
    ]
    empty = AccountPlan(id="x")
    empty.account.name = "Tiny"
    assert change_lines(plan_changes(None, empty)) == ["Account · plan created: Tiny"]


def test_changes_come_in_plan_order_one_line_per_record() -> None:
    def edit(p: AccountPlan) -> None:
        action(p).progress = 50
        p.account.owner = "Luca Bianchi"
        person(p).attitude = Attitude.SUPPORTER
        objective(p).current = 26
        action(p, "bari-trial").status = ActionStatus.IN_PROGRESS
        action(p).owner = "Anna"
        p.where_am_i.buying_centre["zoe"] = Person(name="Zoe")
        p.where_am_i.buying_centre["ada"] = Person(name="Ada", role=Role.USER)

    assert lines_after(edit) == [
        'Account · owner "Maria Rossi" → "Luca Bianchi"',
        'Where am I? · person "Luca Ferri": attitude neutral → supporter',
        "Where am I? · buying centre: + Zoe, + Ada (user)",
        'Where do I want to go? · objective "Grow share of wallet": current 24.5% → 26%',
        'How do I get there? · action "Meet the CFO about total cost": owner "Maria Rossi" → '
        '"Anna", progress 40% → 50%',
        'How do I get there? · action "Run a line trial at Bari": status todo → in progress',
    ]


def test_long_text_is_summarised_never_dumped() -> None:
    long_line = "word " * 40
    before, after = make_full_plan(), make_full_plan()
    action(after).notes = long_line
    (line,) = change_lines(plan_changes(before, after))
    assert line.endswith("notes: 1 line changed")
    action(before).notes = ""
    (line,) = change_lines(plan_changes(before, after))
    assert line.endswith("notes: written (1 line)")
    assert "word word" not in line


def test_user_text_stays_on_one_line_and_shows_no_control_characters() -> None:
    before, after = make_full_plan(), make_full_plan()
    after.where_am_i.buying_centre["evil"] = Person(
        name="Evil\nName \x1b[2J", role=Role.OTHER, title="x"
    )
    action(after).title = "Call\r\nthe \u202eCFO"
    lines = change_lines(plan_changes(before, after))
    assert len(lines) == 2
    for line in lines:
        assert line.isprintable() and "\n" not in line and "\x1b" not in line
    assert "Evil ⏎ Name ␛[2J (other)" in lines[0]
    assert 'action "Call ⏎ the \ufffdCFO"' in lines[1]


def test_json_form_of_every_change() -> None:
    changes: list[Change] = []
    for _, edit, _expected in CASES:
        before = make_full_plan()
        after = copy.deepcopy(before)
        edit(after)
        changes += plan_changes(before, after)
    changes += plan_changes(None, make_full_plan()) + plan_changes(make_full_plan(), None)
    docs = [c.to_json() for c in changes]
    json.loads(json.dumps(docs))  # plain JSON, nothing Python-only
    keys = {"question", "kind", "record", "name", "field", "key", "op", "before", "after", "text"}
    assert all(set(d) == keys | ({"source"} if d["field"] == "checkins" else set()) for d in docs)
    by_text = {d["text"]: d for d in docs}
    status = by_text["status in progress → done"]
    assert status == {
        "question": "how_to_get_there",
        "kind": "action",
        "record": "call-cfo",
        "name": "Meet the CFO about total cost",
        "field": "status",
        "key": "",
        "op": "changed",
        "before": "in-progress",
        "after": "done",
        "text": "status in progress → done",
    }
    measured = by_text["check-in 2026-11-30 = 1140 t/year (from revenue.csv, rolling-12m)"]
    assert (measured["after"], measured["source"]) == (1140, "revenue.csv, rolling-12m")
    source = by_text["check-in 2026-10-31: from a.csv, quarter (was entered by hand)"]
    assert (source["field"], source["key"], source["op"]) == (
        "checkin_sources",
        "2026-10-31",
        "added",
    )
    assert (source["before"], source["after"]) == (None, "a.csv, quarter")
    checkin = by_text["check-in 2026-11-30 = 1140 t/year"]
    assert checkin["source"] == ""
    assert (checkin["field"], checkin["key"], checkin["before"], checkin["after"]) == (
        "checkins",
        "2026-11-30",
        None,
        1140,
    )
    added = by_text["+ Laura Neri (technical buyer)"]
    assert added["op"] == "added" and added["field"] == "" and added["record"] == "laura-neri"
    assert added["after"] == {"name": "Laura Neri", "role": "technical-buyer"}
    contact = by_text["last contact 2026-08-14 → 2026-11-28"]
    assert (contact["before"], contact["after"]) == ("2026-08-14", "2026-11-28")
    item = by_text['strengths + "New plant in Bari"']
    assert (item["op"], item["before"], item["after"]) == ("added", None, "New plant in Bari")
    business = by_text["business: 1 line changed"]
    assert "Bari, Napoli" in business["after"]  # the JSON keeps the whole text
    assert {d["question"] for d in docs} == {q.value for q in Question}


def test_a_measured_check_in_removed_or_typed_over_by_hand() -> None:
    before = make_full_plan()
    check_in(objective(before), dt.date(2026, 11, 30), 25, "revenue.csv, quarter")
    removed = copy.deepcopy(before)
    remove_check_in(objective(removed), dt.date(2026, 11, 30))
    assert change_lines(plan_changes(before, removed))[0].endswith(
        "− check-in 2026-11-30 (25%, from revenue.csv, quarter)"
    )
    typed = copy.deepcopy(before)
    check_in(objective(typed), dt.date(2026, 11, 30), 25)  # the same value, by hand
    assert change_lines(plan_changes(before, typed)) == [
        'Where do I want to go? · objective "Grow share of wallet": check-in 2026-11-30: '
        "entered by hand (was from revenue.csv, quarter)"
    ]
    check_in(objective(typed), dt.date(2026, 11, 30), 26)  # another value: a plain change
    assert change_lines(plan_changes(before, typed))[0].endswith(
        "current 25% → 26%, check-in 2026-11-30 25% → 26%"
    )
    other = copy.deepcopy(before)
    check_in(objective(other), dt.date(2026, 11, 30), 25, "b.csv, quarter")
    assert change_lines(plan_changes(before, other))[0].endswith(
        "check-in 2026-11-30: from b.csv, quarter (was from revenue.csv, quarter)"
    )


def test_change_summary_counts_what_a_review_does() -> None:
    def review(p: AccountPlan) -> None:
        objective(p).checkins[dt.date(2026, 12, 1)] = 26
        objective(p, "cut-waste").checkins[dt.date(2026, 12, 1)] = 1100
        for aid, status in (("call-cfo", ActionStatus.DONE), ("bari-trial", ActionStatus.DROPPED)):
            action(p, aid).status = status
            action(p, aid).progress = 100
        p.where_am_i.buying_centre["laura"] = Person(name="Laura")
        p.account.last_review = dt.date(2026, 12, 1)
        p.account.owner = "Luca"

    before = make_full_plan()
    after = copy.deepcopy(before)
    review(after)
    assert change_summary(plan_changes(before, after)) == (
        "review date set, 1 person added, 2 check-ins, 1 action done, 1 action dropped, "
        "1 other change"
    )
    assert change_summary(plan_changes(None, after)) == "plan created"


def test_the_whitespace_map_in_plan_words() -> None:
    """Units as records, each cell as a record named unit × offering (the plan's own
    offering by its name, a workspace one by its id: its name is not in the plan)."""
    from kamtui.plan import whitespace
    from kamtui.plan.model import Cell, CellStatus

    before = make_full_plan()
    after = copy.deepcopy(before)
    whitespace.set_cell(after, "parma", "trays", Cell(CellStatus.OURS, revenue=90000))
    whitespace.set_cell(after, "lodi", "line-audit", Cell(CellStatus.OPPORTUNITY, potential=5))
    whitespace.set_cell(after, "parma", "barrier-film", Cell())  # back to unknown: removed
    whitespace.add_unit(after, "Modena plant")
    after.where_am_i.units["parma"].name = "Parma"
    whitespace.add_offering(after, "Recycling", {})
    assert change_lines(plan_changes(before, after)) == [
        "Where am I? · offerings: + Recycling",
        'Where am I? · unit "Parma": name "Parma plant" → "Parma"',
        "Where am I? · units: + Modena plant",
        'Where am I? · cell "Parma × trays": status competitor → ours, revenue — → 90000, '
        'competitor "polimeri-sud" → —',
        "Where am I? · whitespace map: + Lodi plant × Packaging line audit (opportunity, "
        "potential 5), − Parma × barrier-film (ours, revenue 850000)",
    ]
    cell = next(c for c in plan_changes(before, after) if c.record == "parma/trays")
    assert (cell.kind.value, cell.field, cell.before, cell.after) == (
        "cell",
        "status",
        "competitor",
        "ours",
    )
