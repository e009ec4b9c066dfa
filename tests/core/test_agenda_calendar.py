"""The calendar of due dates and reviews (kamtui/agenda/calendar.py), read back with the
icalendar library: the events, their dates and text, stable UIDs, the same bytes on the same
day, escaping and folding as RFC 5545 says, and hostile names as plain text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, examples, make_full_plan
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from kamtui.agenda.calendar import (
    PRODID,
    calendar_bytes,
    calendar_events,
    escape_text,
    event_uid,
    to_ical,
)
from kamtui.plan.model import (
    Account,
    AccountPlan,
    Action,
    ActionStatus,
    HowToGetThere,
    Objective,
    WhereToGo,
)
from kamtui.text.safety import one_line

WS = Path("/srv/plans/team-north")


def events_of(data: bytes) -> dict[str, Any]:
    """UID -> the parsed VEVENT."""
    cal = Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def by_summary(data: bytes) -> dict[str, Any]:
    return {str(e["SUMMARY"]): e for e in events_of(data).values()}


def simple_plan(
    plan_id: str = "beta",
    *,
    name: str = "Beta S.r.l.",
    title: str = "Send the offer",
    owner: str = "Maria Rossi",
    last_review: dt.date | None = dt.date(2026, 11, 1),
    due: dt.date | None = dt.date(2026, 12, 3),
) -> AccountPlan:
    return AccountPlan(
        id=plan_id,
        account=Account(name=name, owner=owner, review_every_days=60, last_review=last_review),
        where_to_go=WhereToGo(objectives={"grow": Objective(title="Grow")}),
        how_to_get_there=HowToGetThere(
            actions={"offer": Action(title=title, objective="grow", due=due)}
        ),
    )


def test_the_events_of_a_plan_read_back() -> None:
    data = calendar_bytes([make_full_plan()], WS, TODAY)
    cal = Calendar.from_ical(data)
    assert str(cal["PRODID"]) == PRODID == "-//kamtui//kamtui//EN"
    assert str(cal["VERSION"]) == "2.0"
    events = by_summary(data)
    # Open actions with a due date, and the next review (last review 2026-11-02 + 30 days);
    # the done and the dropped actions are left out.
    assert set(events) == {
        "Acme Packaging S.p.A.: Meet the CFO about total cost",
        "Acme Packaging S.p.A.: Run a line trial at Bari",
        "Acme Packaging S.p.A.: Get on the supplier scorecard",
        "Review: Acme Packaging S.p.A.",
    }
    cfo = events["Acme Packaging S.p.A.: Meet the CFO about total cost"]
    assert cfo.decoded("DTSTART") == dt.date(2026, 12, 15)
    assert cfo.decoded("DTEND") == dt.date(2026, 12, 16)
    assert cfo["DTSTART"].params["VALUE"] == "DATE"
    assert str(cfo["DESCRIPTION"]) == (
        "Objective: Grow share of wallet\nOwner: Maria Rossi\nStatus: in progress\nProgress: 40%"
    )
    assert [str(c) for c in cfo["CATEGORIES"].cats] == ["Class A"]
    assert cfo.decoded("DTSTAMP") == dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    review = events["Review: Acme Packaging S.p.A."]
    assert review.decoded("DTSTART") == dt.date(2026, 12, 2)
    assert str(review["DESCRIPTION"]).startswith("Last review 2026-11-02. Review every 30 days.")
    # In date order.
    starts = [e.decoded("DTSTART") for e in cal.walk("VEVENT")]
    assert starts == sorted(starts)


def test_done_dropped_and_undated_actions_are_left_out() -> None:
    plan = simple_plan(due=None)
    plan.how_to_get_there.actions["done"] = Action(
        title="Done", due=dt.date(2026, 12, 1), status=ActionStatus.DONE, progress=100
    )
    plan.how_to_get_there.actions["dropped"] = Action(
        title="Dropped", due=dt.date(2026, 12, 1), status=ActionStatus.DROPPED
    )
    plan.how_to_get_there.actions["blocked"] = Action(
        title="Blocked", due=dt.date(2026, 12, 1), status=ActionStatus.BLOCKED
    )
    summaries = set(by_summary(calendar_bytes([plan], WS, TODAY)))
    assert summaries == {"Beta S.r.l.: Blocked", "Review: Beta S.r.l."}


def test_a_never_reviewed_account_is_due_for_review_today() -> None:
    (review,) = [
        e
        for e in calendar_events([simple_plan(last_review=None)], WS, TODAY)
        if "Review" in e.summary
    ]
    assert review.day == TODAY
    assert review.description.startswith("Never reviewed: the review is due now.")


def test_an_overdue_review_and_an_overdue_action_stay_on_their_dates() -> None:
    plan = simple_plan(last_review=dt.date(2026, 1, 1), due=dt.date(2026, 10, 1))
    days = {e.summary: e.day for e in calendar_events([plan], WS, TODAY)}
    assert days == {
        "Beta S.r.l.: Send the offer": dt.date(2026, 10, 1),
        "Review: Beta S.r.l.": dt.date(2026, 3, 2),
    }


def test_one_owner_their_actions_and_the_reviews_of_their_accounts() -> None:
    acme = make_full_plan()  # Maria Rossi's account; Paolo Neri has one open action there
    beta = simple_plan(owner="Paolo Neri", title="Paolo's own")
    summaries = {e.summary for e in calendar_events([acme, beta], WS, TODAY, owner=" paolo  neri")}
    assert summaries == {
        "Acme Packaging S.p.A.: Run a line trial at Bari",
        "Beta S.r.l.: Paolo's own",  # no owner on the action: the account's
        "Review: Beta S.r.l.",
    }
    data = calendar_bytes([acme, beta], WS, TODAY, owner="Paolo Neri")
    assert str(Calendar.from_ical(data)["X-WR-CALNAME"]) == "kamtui: Paolo Neri"
    assert calendar_events([acme, beta], WS, TODAY, owner="Nobody") == []


# -- UIDs --------------------------------------------------------------------------------------


def test_uids_are_stable_and_hide_the_workspace(tmp_path: Path) -> None:
    plans = [make_full_plan(), simple_plan()]
    first = set(events_of(calendar_bytes(plans, tmp_path, TODAY)))
    later = set(
        events_of(calendar_bytes(plans, tmp_path / "." / "x" / "..", TODAY + dt.timedelta(9)))
    )
    assert first == later  # another day, the same folder spelt another way: the same UIDs
    assert len(first) == 6
    for uid in first:
        assert uid.endswith("@kamtui")
        assert str(tmp_path) not in uid and tmp_path.name not in uid
    assert event_uid(tmp_path, "acme-packaging", "action", "call-cfo") in first
    assert event_uid(tmp_path, "beta", "review") in first
    elsewhere = set(events_of(calendar_bytes(plans, tmp_path / "other", TODAY)))
    assert not first & elsewhere  # another workspace: other UIDs


def test_a_symlinked_workspace_has_the_uids_of_its_target(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert event_uid(tmp_path / "link", "acme", "review") == event_uid(
        tmp_path / "real", "acme", "review"
    )


def test_uids_of_hyphenated_ids_never_collide() -> None:
    a = event_uid(WS, "x", "action", "y-action-z")
    b = event_uid(WS, "x-action-y", "action", "z")
    assert a != b
    assert event_uid(WS, "acme", "action", "call") != event_uid(WS, "acme", "review")


def test_the_same_day_gives_the_same_bytes() -> None:
    plans = [make_full_plan(), simple_plan()]
    assert calendar_bytes(plans, WS, TODAY) == calendar_bytes(list(plans), WS, TODAY)
    other_day = calendar_bytes(plans, WS, TODAY + dt.timedelta(days=1))
    assert other_day != calendar_bytes(plans, WS, TODAY)
    assert b"DTSTAMP:20261201T000000Z" in other_day


# -- text: escaping, folding, hostile names -----------------------------------------------------

HOSTILE = [
    "Acme, Inc.; Division \\ North",
    "[red]x[/red] [bold]not markup[/bold]",
    "Line one\nLine two\r\nthree",
    "Esc \x1b[2J and bell \x07 and NUL-ish \x7f",
    "C:\\Nord\\new and \\n literally",
    "Right-to-left \u202e override, a line separator \u2028 and a NEL \x85",
    "株式会社 Ω " + "Very long name " * 20,
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_come_out_as_plain_text(name: str) -> None:
    plan = simple_plan(name=name, title=name)
    data = calendar_bytes([plan], WS, TODAY, owner=None)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        assert not any(b < 0x20 and b != 0x09 for b in line)  # no control byte but CRLF
        assert b"\x1b" not in line and "\u202e".encode() not in line
    summaries = set(by_summary(data))
    plain = one_line(name)
    assert summaries == {f"{plain}: {plain}", f"Review: {plain}"}


def test_folding_keeps_multibyte_characters_whole() -> None:
    name = "é" * 100 + "株" * 60 + "😀" * 30
    data = calendar_bytes([simple_plan(name=name)], WS, TODAY)
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    data.decode("utf-8")  # each folded line is whole UTF-8
    for line in data.split(b"\r\n"):
        line.decode("utf-8")
    assert f"Review: {name}" in by_summary(data)


def test_lines_end_in_crlf_only() -> None:
    data = calendar_bytes([make_full_plan()], WS, TODAY)
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")


def test_escape_text_follows_the_rfc() -> None:
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert escape_text("C:\\Nord") == "C:\\\\Nord"  # a backslash before N stays a backslash


def test_a_date_at_the_end_of_time() -> None:
    """A due date of 9999-12-31 has no day after it: the event has no DTEND (a one-day event
    anyway); a review cadence past that year gives no review event."""
    plan = simple_plan(due=dt.date.max, last_review=dt.date(9999, 12, 1))
    data = to_ical(calendar_events([plan], WS, TODAY), TODAY)
    (event,) = events_of(data).values()
    assert event.decoded("DTSTART") == dt.date.max
    assert "DTEND" not in event


def test_an_empty_portfolio_is_an_empty_calendar() -> None:
    cal = Calendar.from_ical(calendar_bytes([], WS, TODAY))
    assert list(cal.walk("VEVENT")) == []
    assert str(cal["X-WR-CALNAME"]) == "kamtui: every owner"


@settings(max_examples=examples(100))
@given(
    name=st.text(min_size=1, max_size=120),
    title=st.text(min_size=1, max_size=120),
    owner=st.text(max_size=40),
)
def test_any_text_reads_back_as_its_plain_one_line_form(name: str, title: str, owner: str) -> None:
    plan = simple_plan(name=name, title=title, owner=owner)
    data = calendar_bytes([plan], WS, TODAY)
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    events = list(Calendar.from_ical(data).walk("VEVENT"))
    summaries = {str(e["SUMMARY"]) for e in events}
    assert summaries == {f"{one_line(name)}: {one_line(title)}", f"Review: {one_line(name)}"}
    expected_owner = one_line(owner).strip() or "nobody"
    for e in events:
        assert f"Owner: {expected_owner}" in str(e["DESCRIPTION"]).split("\n")
