"""A calendar of the portfolio (``kamtui calendar``): each open action with a due date and each
account's next review as an all-day event of an iCalendar (RFC 5545) file, for the calendar
the key account manager lives in. The rules are in docs/actions.md.

- An event's UID is made from the workspace, the plan id and the record id, so importing the
  file again updates the events it imported before instead of adding them twice. The
  workspace is named by a hash of its resolved path: the file never shows where it lives.
- The same plans on the same day give the same bytes: DTSTAMP is midnight (UTC) of the given
  *today*, never the clock, and the events come in a fixed order.
- User text is made plain first (control characters become visible placeholders, a line break
  in a name ``⏎``: kamtui/text/safety.py), then escaped as RFC 5545 says for TEXT values
  (:func:`escape_text`: backslashes, semicolons, commas, line breaks). The icalendar library
  writes the file: the properties, the dates, the CRLF line ends and the folding of lines at
  75 octets. (Its own TEXT escaping reads a backslash followed by ``N`` in the text as an
  escaped line break, so ``C:\\Nord`` would come out as ``C:`` and a new line; hence the
  escaping here.) Imported when a calendar is written, never before (``kamtui --help`` does
  not load it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kamtui.agenda.actions import ActionFilter, OpenAction, open_actions, owner_key, select
from kamtui.plan.metrics import review_due
from kamtui.plan.model import AccountPlan
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line

PRODID = "-//kamtui//kamtui//EN"
UID_DOMAIN = "kamtui"
STATUS_WORDS = {"todo": N_("to do"), "in-progress": N_("in progress"), "blocked": N_("blocked")}


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One all-day event, its text already made plain (not yet escaped for the file)."""

    kind: str
    """``"action"`` or ``"review"``."""
    uid: str
    day: dt.date
    summary: str
    description: str
    categories: tuple[str, ...] = ()


def workspace_tag(workspace: Path) -> str:
    """A hash of the workspace's resolved path: the same folder gives the same tag, the path
    itself never shows."""
    return hashlib.sha256(str(Path(workspace).resolve()).encode("utf-8")).hexdigest()


def event_uid(workspace: Path, plan_id: str, kind: str, record_id: str = "") -> str:
    """``<16 hex digits>-<kind>[-<record id>]@kamtui``: the 16 digits hash the workspace and the
    plan id together (a plan id and a record id may both hold hyphens: hashing them apart keeps
    two different pairs from giving one UID)."""
    tag = hashlib.sha256(f"{workspace_tag(workspace)}\x00{plan_id}".encode()).hexdigest()[:16]
    tail = f"{kind}-{record_id}" if record_id else kind
    return f"{tag}-{tail}@{UID_DOMAIN}"


def _categories(segment: str) -> tuple[str, ...]:
    return (_("Class {segment}").format(segment=segment),) if segment else ()


def _owner_line(owner: str) -> str:
    return _("Owner: {owner}").format(owner=one_line(owner).strip() or _("nobody"))


def action_event(row: OpenAction, workspace: Path) -> CalendarEvent:
    """The event of an open action with a due date."""
    assert row.due is not None
    lines = []
    if row.objective or row.objective_id:
        objective = one_line(row.objective or row.objective_id)
        lines.append(_("Objective: {objective}").format(objective=objective))
    lines.append(_owner_line(row.owner))
    status = row.status.value
    status = _(STATUS_WORDS[status]) if status in STATUS_WORDS else status
    lines.append(_("Status: {status}").format(status=status))
    lines.append(_("Progress: {progress}%").format(progress=row.progress))
    return CalendarEvent(
        kind="action",
        uid=event_uid(workspace, row.plan_id, "action", row.action_id),
        day=row.due,
        summary=f"{one_line(row.account)}: {one_line(row.title)}",
        description="\n".join(lines),
        categories=_categories(row.segment),
    )


def review_event(plan: AccountPlan, workspace: Path, today: dt.date) -> CalendarEvent | None:
    """The event of an account's next review: the last review plus the account's cadence; an
    account never reviewed is due now, so its review is on *today*. ``None`` when the next
    review would fall after the last day a date can hold (a last review in the year 9999)."""
    account = plan.account
    try:
        due = review_due(plan)
    except OverflowError:
        return None
    from kamtui.text.format import format_day

    every = _("Review every {n} days").format(n=account.review_every_days)
    if due is None:
        day = today
        detail = _("Never reviewed: the review is due now. {every}.").format(every=every)
    else:
        assert account.last_review is not None
        day = due
        detail = _("Last review {day}. {every}.").format(
            day=format_day(account.last_review), every=every
        )
    lines = [detail, _owner_line(account.owner)]
    segment = account.segment.value if account.segment is not None else ""
    return CalendarEvent(
        kind="review",
        uid=event_uid(workspace, plan.id, "review"),
        day=day,
        summary=_("Review: {account}").format(account=one_line(account.name)),
        description="\n".join(lines),
        categories=_categories(segment),
    )


def calendar_events(
    plans: Iterable[AccountPlan],
    workspace: Path,
    today: dt.date,
    owner: str | None = None,
) -> list[CalendarEvent]:
    """The events of *plans*: each open action with a due date (whose owner is *owner*, when
    given) and each account's next review (of the accounts *owner* owns, when given), by day
    and then UID. Done and dropped actions are left out."""
    plans = list(plans)
    rows = select(open_actions(plans), ActionFilter(owner=owner), today)
    events = [action_event(row, workspace) for row in rows if row.due is not None]
    wanted = None if owner is None else owner_key(owner)
    for plan in plans:
        if wanted is None or owner_key(plan.account.owner) == wanted:
            review = review_event(plan, workspace, today)
            if review is not None:
                events.append(review)
    events.sort(key=lambda e: (e.day, e.uid))
    return events


def escape_text(text: str) -> str:
    """*text* as an RFC 5545 TEXT value (section 3.3.11): ``\\`` ``\\;`` ``\\,`` and
    ``\\n`` for a backslash, a semicolon, a comma and a line break (the backslashes first, so
    none is escaped twice)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def calendar_name(owner: str | None) -> str:
    return f"kamtui: {one_line(owner)}" if owner is not None else _("kamtui: every owner")


def to_ical(events: Iterable[CalendarEvent], today: dt.date, name: str = "kamtui") -> bytes:
    """The iCalendar file of *events* (CRLF line ends, folded at 75 octets, UTF-8). DTSTAMP is
    midnight UTC of *today*: the same events on the same day give the same bytes."""
    from icalendar import Calendar, Event  # 0.2 s of imports: only when a calendar is written
    from icalendar.prop import vText

    class Text(vText):
        """A TEXT value escaped by :func:`escape_text` (not by icalendar: see the module's
        docstring)."""

        def to_ical(self) -> bytes:
            return escape_text(self).encode("utf-8")

    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", Text(name))
    for e in events:
        event = Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", e.day)
        if e.day < dt.date.max:  # without DTEND an all-day event lasts its one day anyway
            event.add("dtend", e.day + dt.timedelta(days=1))
        event.add("summary", Text(e.summary))
        event.add("description", Text(e.description))
        if e.categories:
            event.add("categories", list(e.categories))
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def calendar_bytes(
    plans: Iterable[AccountPlan],
    workspace: Path,
    today: dt.date,
    owner: str | None = None,
) -> bytes:
    """The whole calendar file of *plans* for *owner* (``None``: every owner)."""
    events = calendar_events(plans, workspace, today, owner)
    return to_ical(events, today, calendar_name(owner))
