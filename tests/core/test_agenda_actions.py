"""Every open action of the portfolio (kamtui/agenda/actions.py): the rows, whose they are, the
due windows, the filters, the order and the totals (the rules of docs/actions.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import itertools
from collections.abc import Iterator

import pytest
from conftest import SAMPLE, TODAY, examples, make_full_plan
from hypothesis import given, settings
from hypothesis import strategies as st

from kamtui.agenda.actions import (
    ActionFilter,
    ActionTotals,
    OpenAction,
    Window,
    default_owner,
    open_actions,
    open_actions_of,
    owner_key,
    select,
    sort_key,
    totals,
)
from kamtui.plan.model import (
    Account,
    AccountPlan,
    Action,
    ActionStatus,
    HowToGetThere,
    Objective,
    Segment,
    WhereToGo,
)
from kamtui.store.workspace import Workspace

DAY = dt.timedelta(days=1)


def plan_with(
    plan_id: str,
    actions: dict[str, Action],
    *,
    name: str = "",
    owner: str = "Maria Rossi",
    segment: Segment | None = None,
) -> AccountPlan:
    return AccountPlan(
        id=plan_id,
        account=Account(name=name or plan_id.title(), owner=owner, segment=segment),
        where_to_go=WhereToGo(objectives={"grow": Objective(title="Grow the share")}),
        how_to_get_there=HowToGetThere(actions=actions),
    )


def row(
    action_id: str = "a",
    *,
    due: dt.date | None = None,
    account: str = "Acme",
    plan_id: str = "acme",
    owner: str = "Maria Rossi",
    status: ActionStatus = ActionStatus.TODO,
    segment: str = "",
    title: str = "",
    objective: str = "",
) -> OpenAction:
    return OpenAction(
        plan_id=plan_id,
        account=account,
        segment=segment,
        action_id=action_id,
        title=title or action_id,
        objective_id="",
        objective=objective,
        owner=owner,
        due=due,
        status=status,
        progress=0,
    )


# -- the rows ----------------------------------------------------------------------------------


def test_the_open_actions_of_a_plan_in_its_order() -> None:
    rows = open_actions_of(make_full_plan())
    # waste-audit is done and old-idea dropped: left out.
    assert [r.action_id for r in rows] == ["call-cfo", "bari-trial", "scorecard"]
    first = rows[0]
    assert first == OpenAction(
        plan_id="acme-packaging",
        account="Acme Packaging S.p.A.",
        segment="A",
        action_id="call-cfo",
        title="Meet the CFO about total cost",
        objective_id="grow-share",
        objective="Grow share of wallet",
        owner="Maria Rossi",
        due=dt.date(2026, 12, 15),
        status=ActionStatus.IN_PROGRESS,
        progress=40,
    )
    assert first.key == ("acme-packaging", "call-cfo")
    assert hash(first) == hash(dataclasses.replace(first))
    assert [r.status for r in rows] == [
        ActionStatus.IN_PROGRESS,
        ActionStatus.TODO,
        ActionStatus.BLOCKED,
    ]
    assert rows[2].objective == "Strategic partner status"


def test_an_action_without_owner_is_the_account_owners_and_objectives_not_found() -> None:
    plan = plan_with(
        "beta",
        {
            "nobody": Action(title="Nobody's", owner="  "),
            "lost": Action(title="Serves a lost objective", objective="gone", owner="Paolo"),
            "none": Action(title="Serves none", owner="Paolo"),
            "served": Action(title="Serves grow", objective="grow", owner="Paolo"),
        },
        owner="Maria Rossi",
    )
    rows = {r.action_id: r for r in open_actions_of(plan)}
    assert rows["nobody"].owner == "Maria Rossi"
    assert (rows["lost"].objective_id, rows["lost"].objective) == ("gone", "")
    assert (rows["none"].objective_id, rows["none"].objective) == ("", "")
    assert rows["served"].objective == "Grow the share"
    assert {r.segment for r in rows.values()} == {""}  # an account without a class


def test_open_actions_of_many_plans_plan_after_plan() -> None:
    a = plan_with("a", {"x": Action(title="x"), "y": Action(title="y")})
    b = plan_with("b", {"z": Action(title="z", status=ActionStatus.DONE), "w": Action(title="w")})
    assert [r.key for r in open_actions([a, b])] == [("a", "x"), ("a", "y"), ("b", "w")]
    assert open_actions([]) == []


def test_the_sample_workspace() -> None:
    scan = Workspace(SAMPLE).load_all()
    plans = [lp.plan for lp in scan.plans if lp.plan is not None]
    rows = open_actions(plans)
    expected = sum(
        1
        for p in plans
        for a in p.how_to_get_there.actions.values()
        if a.status not in (ActionStatus.DONE, ActionStatus.DROPPED)
    )
    assert len(rows) == expected > 20
    assert all(r.status not in (ActionStatus.DONE, ActionStatus.DROPPED) for r in rows)
    assert all(r.owner.strip() for r in rows)
    shown = select(rows, ActionFilter(), TODAY)
    assert sorted(shown, key=lambda r: r.key) == sorted(rows, key=lambda r: r.key)


def test_overdue_is_due_before_today() -> None:
    assert row(due=TODAY - DAY).is_overdue(TODAY)
    assert not row(due=TODAY).is_overdue(TODAY)
    assert not row(due=None).is_overdue(TODAY)


def test_rows_made_in_bulk_are_plain_frozen_open_actions() -> None:
    """open_actions_of fills each row with plain stores and then makes it an OpenAction
    (kamtui/agenda/actions.py, _Draft): the rows are OpenActions like any other."""
    plan = make_full_plan()
    (made, *_) = open_actions_of(plan)
    assert type(made) is OpenAction
    by_hand = OpenAction(
        **{f.name: getattr(made, f.name) for f in dataclasses.fields(made) if f.init}
    )
    assert made == by_hand and hash(made) == hash(by_hand) and repr(made) == repr(by_hand)
    assert made.order == by_hand.order == (False, dt.date(2026, 12, 15), "acme packaging s.p.a.",
                                           "acme-packaging", "call-cfo")  # fmt: skip
    assert made.search_text == by_hand.search_text
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.owner = "Bruno"  # type: ignore[misc]
    assert dataclasses.replace(made, owner="Bruno").owner == "Bruno"
    assert dataclasses.asdict(made)["due"] == dt.date(2026, 12, 15)


def test_the_collector_is_paused_while_rows_are_made_and_left_as_it_was() -> None:
    seen: list[bool] = []

    def plans() -> Iterator[AccountPlan]:
        seen.append(gc.isenabled())
        yield make_full_plan()

    assert gc.isenabled()
    assert len(open_actions(plans())) == 3
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        open_actions([make_full_plan()])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_search_text_is_made_once_and_kept() -> None:
    r = row(account="ACME", title="Call", objective="Grow", owner="Maria")
    assert r._search is None
    text = r.search_text
    assert text == "acme\x00call\x00grow\x00maria"
    assert r.search_text is text
    assert r == row(account="ACME", title="Call", objective="Grow", owner="Maria")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.title = "other"  # type: ignore[misc]


# -- whose actions ------------------------------------------------------------------------------


def test_the_default_owner_is_the_configs_then_gits_then_everyones() -> None:
    assert default_owner("Maria Rossi", "Bruno") == "Maria Rossi"
    assert default_owner(None, " Bruno  Neri ") == "Bruno Neri"
    assert default_owner("   ", "Bruno") == "Bruno"
    assert default_owner(None, "") is None
    assert default_owner(None, None) is None


def test_owners_compare_case_and_spaces_aside() -> None:
    assert owner_key(" maria   ROSSI ") == owner_key("Maria Rossi") == "maria rossi"
    assert owner_key("Straße") == owner_key("STRASSE")
    rows = [row("a", owner="Maria Rossi"), row("b", owner="maria rossi "), row("c", owner="Bo")]
    flt = ActionFilter(owner="  MARIA rossi")
    assert [r.action_id for r in select(rows, flt, TODAY)] == ["a", "b"]
    assert [r.action_id for r in select(rows, ActionFilter(), TODAY)] == ["a", "b", "c"]
    assert select(rows, ActionFilter(owner="Maria"), TODAY) == []  # the whole name, not a part


# -- windows and filters ------------------------------------------------------------------------

DUES = {
    "late-10": TODAY - 10 * DAY,
    "late-1": TODAY - DAY,
    "today": TODAY,
    "in-6": TODAY + 6 * DAY,
    "in-7": TODAY + 7 * DAY,
    "in-8": TODAY + 8 * DAY,
    "in-30": TODAY + 30 * DAY,
    "in-31": TODAY + 31 * DAY,
    "undated": None,
}
WINDOW_ROWS = [row(name, due=due) for name, due in DUES.items()]


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (Window.OVERDUE, {"late-10", "late-1"}),
        (Window.WEEK, {"late-10", "late-1", "today", "in-6", "in-7"}),
        (Window.MONTH, {"late-10", "late-1", "today", "in-6", "in-7", "in-8", "in-30"}),
        (Window.ALL, set(DUES)),
    ],
)
def test_due_windows(window: Window, expected: set[str]) -> None:
    flt = ActionFilter(window=window)
    assert {r.action_id for r in select(WINDOW_ROWS, flt, TODAY)} == expected
    assert {r.action_id for r in WINDOW_ROWS if flt.matches(r, TODAY)} == expected


def test_windows_by_their_names() -> None:
    assert [w.value for w in Window] == ["overdue", "7d", "30d", "all"]
    assert Window("7d") is Window.WEEK


def test_status_class_and_text_filters() -> None:
    rows = [
        row("a", status=ActionStatus.TODO, segment="A", account="Acme", title="Call the CFO"),
        row("b", status=ActionStatus.BLOCKED, segment="B", account="Beta", objective="Grow"),
        row("c", status=ActionStatus.IN_PROGRESS, segment="", account="Gamma", owner="Chiara"),
    ]

    def ids(flt: ActionFilter) -> list[str]:
        return [r.action_id for r in select(rows, flt, TODAY)]

    assert ids(ActionFilter(statuses=frozenset({ActionStatus.BLOCKED}))) == ["b"]
    both = frozenset({ActionStatus.TODO, ActionStatus.IN_PROGRESS})
    assert ids(ActionFilter(statuses=both)) == ["a", "c"]
    assert ids(ActionFilter(segments=frozenset({"A", "B"}))) == ["a", "b"]
    assert ids(ActionFilter(segments=frozenset({""}))) == ["c"]  # accounts without a class
    assert ids(ActionFilter(text="cfo")) == ["a"]  # the title
    assert ids(ActionFilter(text="  BETA ")) == ["b"]  # the account; case and spaces aside
    assert ids(ActionFilter(text="grow")) == ["b"]  # the objective
    assert ids(ActionFilter(text="chiara")) == ["c"]  # the owner
    assert ids(ActionFilter(text="acmecall")) == []  # never across two fields
    assert ids(ActionFilter(text="   ")) == ["a", "b", "c"]  # blank: no text filter
    assert ids(ActionFilter(text="a", segments=frozenset({"A"}), owner="maria rossi")) == ["a"]


def test_the_text_filter_folds_case_the_unicode_way() -> None:
    rows = [row("a", account="Großhandel GmbH"), row("b", account="ΣΟΦΙΑ")]
    assert [r.action_id for r in select(rows, ActionFilter(text="GROSSHANDEL"), TODAY)] == ["a"]
    assert [r.action_id for r in select(rows, ActionFilter(text="σοφια"), TODAY)] == ["b"]


# -- order and totals --------------------------------------------------------------------------


def test_overdue_first_most_overdue_first_then_by_due_undated_last() -> None:
    rows = [
        row("undated-b", account="beta"),
        row("soon", due=TODAY + 2 * DAY, account="Zeta"),
        row("late-1", due=TODAY - DAY),
        row("undated-a", account="Alpha"),
        row("today", due=TODAY),
        row("late-9", due=TODAY - 9 * DAY),
        row("same-day", due=TODAY + 2 * DAY, account="alpha"),
    ]
    order = [r.action_id for r in select(rows, ActionFilter(), TODAY)]
    assert order == ["late-9", "late-1", "today", "same-day", "soon", "undated-a", "undated-b"]


def test_ties_by_account_case_aside_then_action_id() -> None:
    rows = [
        row("b", due=TODAY, account="acme"),
        row("a", due=TODAY, account="Acme"),
        row("z", due=TODAY, account="ACME", plan_id="acme"),
        row("c", due=TODAY, account="Beta", plan_id="beta"),
    ]
    assert [r.action_id for r in select(rows, ActionFilter(), TODAY)] == ["a", "b", "z", "c"]
    assert sort_key(rows[0], TODAY) < sort_key(rows[3], TODAY)


def test_totals_overdue_this_week_blocked() -> None:
    rows = [
        row("late", due=TODAY - DAY, status=ActionStatus.BLOCKED),
        row("today", due=TODAY),
        row("in-6", due=TODAY + 6 * DAY, status=ActionStatus.BLOCKED),
        row("in-7", due=TODAY + 7 * DAY),
        row("undated", status=ActionStatus.IN_PROGRESS),
    ]
    assert totals(rows, TODAY) == ActionTotals(shown=5, overdue=1, due_this_week=2, blocked=2)
    assert totals([], TODAY) == ActionTotals(0, 0, 0, 0)
    assert totals(iter(rows), TODAY).shown == 5  # any iterable, read once


# -- a big portfolio ---------------------------------------------------------------------------


def test_twenty_thousand_rows() -> None:
    """2,000 accounts × 10 actions, the size the app's actions view is built for: the same
    answers as asking each row (no timing here: bench/ measures the speed)."""
    statuses = [ActionStatus.TODO, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED]
    plans = [
        plan_with(
            f"account-{i:04d}",
            {
                f"action-{j}": Action(
                    title=f"Action {j}",
                    owner=("Maria Rossi", "Bruno", "")[(i + j) % 3],
                    due=None if j == 9 else TODAY + dt.timedelta(days=(i * 7 + j * 5) % 90 - 30),
                    status=statuses[(i + j) % 3],
                )
                for j in range(10)
            },
            owner="Chiara",
            segment=(Segment.A, Segment.B, Segment.C, None)[i % 4],
        )
        for i in range(2000)
    ]
    rows = open_actions(plans)
    assert len(rows) == 20_000
    flt = ActionFilter(owner="maria rossi", window=Window.MONTH)
    shown = select(rows, flt, TODAY)
    assert len(shown) == sum(1 for r in rows if flt.matches(r, TODAY)) > 0
    keys = [sort_key(r, TODAY) for r in shown]
    assert keys == sorted(keys)
    every = select(rows, ActionFilter(), TODAY)
    assert len(every) == 20_000
    t = totals(every, TODAY)
    assert t.overdue == sum(1 for r in rows if r.is_overdue(TODAY))
    assert t.blocked == sum(1 for r in rows if r.status is ActionStatus.BLOCKED)
    assert t.due_this_week == sum(
        1 for r in rows if r.due is not None and TODAY <= r.due <= TODAY + 6 * DAY
    )
    assert all(r._search is None for r in rows)  # no search asked for, no search text made


# -- properties ---------------------------------------------------------------------------------

dates = st.one_of(st.none(), st.integers(-40, 40).map(lambda d: TODAY + d * DAY))
rows_strategy = st.lists(
    st.builds(
        row,
        action_id=st.sampled_from(["a", "b", "c"]),
        due=dates,
        account=st.sampled_from(["Acme", "acme", "Beta", "Großhandel"]),
        plan_id=st.sampled_from(["acme", "beta"]),
        owner=st.sampled_from(["Maria Rossi", " maria rossi", "Bruno", ""]),
        status=st.sampled_from([ActionStatus.TODO, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED]),
        segment=st.sampled_from(["", "A", "B", "C"]),
        title=st.sampled_from(["Call", "Visit", "Offer"]),
    ),
    max_size=30,
)
filters = st.builds(
    ActionFilter,
    owner=st.sampled_from([None, "Maria Rossi", "bruno", "nobody"]),
    window=st.sampled_from(list(Window)),
    statuses=st.frozensets(st.sampled_from([ActionStatus.TODO, ActionStatus.BLOCKED])),
    segments=st.frozensets(st.sampled_from(["", "A", "C"])),
    text=st.sampled_from(["", "ac", "CALL", "ß", "maria"]),
)


def brute_force(r: OpenAction, flt: ActionFilter) -> bool:
    """The rules of docs/actions.md, written out plainly."""
    if (
        flt.owner is not None
        and " ".join(r.owner.split()).casefold() != " ".join(flt.owner.split()).casefold()
    ):
        return False
    if flt.window is Window.OVERDUE and not (r.due is not None and r.due < TODAY):
        return False
    if flt.window is Window.WEEK and not (r.due is not None and r.due <= TODAY + 7 * DAY):
        return False
    if flt.window is Window.MONTH and not (r.due is not None and r.due <= TODAY + 30 * DAY):
        return False
    if flt.statuses and r.status not in flt.statuses:
        return False
    if flt.segments and r.segment not in flt.segments:
        return False
    needle = flt.text.strip().casefold()
    return not needle or any(
        needle in field.casefold() for field in (r.account, r.title, r.objective, r.owner)
    )


@settings(max_examples=examples(200))
@given(rows=rows_strategy, flt=filters)
def test_select_keeps_exactly_the_matching_rows_in_order(
    rows: list[OpenAction], flt: ActionFilter
) -> None:
    shown = select(rows, flt, TODAY)
    expected = [r for r in rows if brute_force(r, flt)]
    assert sorted(map(id, shown)) == sorted(map(id, expected))
    assert [r for r in rows if flt.matches(r, TODAY)] == expected  # one row at a time too
    for before, after in itertools.pairwise(shown):
        assert sort_key(before, TODAY) <= sort_key(after, TODAY)
        if before.is_overdue(TODAY) and not after.is_overdue(TODAY):
            continue
        assert not (after.is_overdue(TODAY) and not before.is_overdue(TODAY))
        if after.due is not None:
            assert before.due is not None and before.due <= after.due
    t = totals(shown, TODAY)
    assert t.shown == len(shown)
    assert t.overdue + t.due_this_week <= t.shown
