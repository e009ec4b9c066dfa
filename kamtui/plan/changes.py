"""What changed between two versions of a plan, in plan words: the semantic diff.

:func:`plan_changes` compares two plans record by record and field by field and returns one
:class:`Change` per changed field, added or removed record, list item or check-in, in the order
of the plan (the account, then *Where am I?*, *Where do I want to go?*, *How do I get there?*).
:func:`change_lines` renders them for people, one line per record::

    How do I get there? · action "Send the offer": status todo → done, progress 0% → 100%
    Where do I want to go? · objective "Revenue 2028": check-in 2026-11-30 = 1540 k€
    Where do I want to go? · objective "Sales": check-in 2026-11-30 = 1540 k€ (from a.csv, quarter)
    Where am I? · buying centre: + Laura Neri (technical buyer)
    Where am I? · business: 3 lines changed

Long texts are summarised, never dumped; user text is kept on one line
(:func:`kamtui.text.safety.one_line`). :meth:`Change.to_json` is the same change for scripts,
with the values themselves. :func:`change_summary` counts what matters in a review (check-ins,
actions done…), for a commit message.

Pure functions of two plans: ``kamtui diff``, ``kamtui log`` (kamtui/cli/diff.py,
kamtui/cli/log.py) and the app use them alike.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from enum import Enum, StrEnum
from typing import Any

from kamtui.plan.metrics import aspect_words
from kamtui.plan.model import AccountPlan, ActionStatus, Objective
from kamtui.text import i18n
from kamtui.text.format import (
    MISSING,
    day_or_missing,
    format_count,
    format_day,
    format_number,
    percent,
    value_words,
)
from kamtui.text.i18n import N_, ngettext, pgettext
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line


class Question(StrEnum):
    """Where a change belongs: the account itself, or one of the three questions."""

    ACCOUNT = "account"
    WHERE_AM_I = "where_am_i"
    WHERE_TO_GO = "where_to_go"
    HOW_TO_GET_THERE = "how_to_get_there"

    @property
    def heading(self) -> str:
        """``Where am I?``, ``Account``…: how a line about it starts (in the language in use)."""
        return _(QUESTION_TITLES[self])


QUESTION_TITLES = {
    Question.ACCOUNT: N_("Account"),
    Question.WHERE_AM_I: N_("Where am I?"),
    Question.WHERE_TO_GO: N_("Where do I want to go?"),
    Question.HOW_TO_GET_THERE: N_("How do I get there?"),
}


class Op(StrEnum):
    """What happened to the thing a change is about."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class Kind(StrEnum):
    """The kind of record a change is about."""

    PLAN = "plan"
    """The plan as a whole (created, deleted) or a top-level key kamtui does not know."""
    ACCOUNT = "account"
    SECTION = "section"
    """The fields of a question itself: the customer analysis, the ambition, the strategy."""
    ACCESSIBILITY = "accessibility"
    PERSON = "person"
    COMPETITOR = "competitor"
    SWOT = "swot"
    OFFERING = "offering"
    """One of the plan's own offerings (a column of the whitespace map)."""
    UNIT = "unit"
    """A row of the whitespace map: one of the customer's units, sites or divisions."""
    CELL = "cell"
    """A cell of the whitespace map; its record is ``unit-id/offering-id``."""
    OBJECTIVE = "objective"
    ACTION = "action"


COLLECTIONS = {
    Kind.PERSON: N_("buying centre"),
    Kind.COMPETITOR: N_("competitors"),
    Kind.OFFERING: N_("offerings"),
    Kind.UNIT: N_("units"),
    Kind.CELL: N_("whitespace map"),
    Kind.OBJECTIVE: N_("objectives"),
    Kind.ACTION: N_("actions"),
}
"""How a table of records is called in a line about records added or removed (English:
translated where shown)."""


def _kind_words(kind: Kind) -> str:
    """One record of *kind* in words (``action``, ``azione``): how a line about it starts."""
    return _record_words(i18n.language()).get(kind, kind.value)


@functools.lru_cache(maxsize=4)
def _record_words(language: str) -> dict[Kind, str]:
    """The words of one record of each kind in *language* (the one in use: the cache's key)."""
    del language
    return {
        Kind.PERSON: pgettext("record", "person"),
        Kind.COMPETITOR: pgettext("record", "competitor"),
        Kind.OFFERING: pgettext("record", "offering"),
        Kind.UNIT: pgettext("record", "unit"),
        Kind.CELL: pgettext("record", "cell"),
        Kind.OBJECTIVE: pgettext("record", "objective"),
        Kind.ACTION: pgettext("record", "action"),
    }


SHORT_TEXT = 60
"""A one-line text up to this many characters is shown whole (``owner "A" → "B"``); a longer
or multi-line one is summarised (``business: 3 lines changed``)."""
CHECKINS = "checkins"
SOURCES = "checkin_sources"


@dataclass(frozen=True, slots=True)
class Change:
    """One change: a field that changed, a record, list item or check-in added or removed.

    *before* and *after* are JSON-able (dates as ``YYYY-MM-DD``, fixed values as written in
    the file, a whole record as a table); ``None`` where there was or is nothing. For a list
    of strings each item added or removed is a change of its own (*before* or *after* is the
    item); for a check-in *key* is its date.
    """

    question: Question
    kind: Kind
    record: str
    """The record's id; ``""`` for the account, a question's own fields and the SWOT; the
    aspect (``technical``, ``economic``, ``commercial``) for accessibility."""
    field: str
    """The field (as in the file); ``""`` when a whole record or the plan was added or
    removed."""
    op: Op
    before: Any = None
    after: Any = None
    name: str = ""
    """The record's name or title, as it reads (after the change, or before it when removed)."""
    key: str = ""
    """The check-in's date when *field* is ``checkins`` or ``checkin_sources``."""
    unit: str = ""
    """The objective's unit, for its numbers."""
    source: str = ""
    """Of a check-in (*field* ``checkins``): where its value came from (after the change, or
    before it when removed); ``""`` for a value entered by hand. A change of the source alone
    is a change of ``checkin_sources`` (*before* and *after* are the sources)."""

    @property
    def text(self) -> str:
        """This change alone, in words: ``status todo → done``, ``+ Laura Neri (technical
        buyer)``, ``check-in 2026-11-30 = 1540 k€``."""
        return _describe(self)

    @property
    def english_text(self) -> str:
        """:attr:`text` in English whatever the language in use (for scripts: JSON)."""
        with i18n.english():
            return _describe(self)

    def to_json(self) -> dict[str, Any]:
        """The change for scripts: question, kind, record, name, field, key, op, before,
        after, the text of :attr:`text`, and for a check-in its ``source``."""
        out = {
            "question": self.question.value,
            "kind": self.kind.value,
            "record": self.record,
            "name": self.name,
            "field": self.field,
            "key": self.key,
            "op": self.op.value,
            "before": self.before,
            "after": self.after,
            "text": self.english_text,
        }
        if self.field == CHECKINS:
            out["source"] = self.source
        return out


# -- comparing ---------------------------------------------------------------------------------


def plan_changes(before: AccountPlan | None, after: AccountPlan | None) -> list[Change]:
    """The changes from *before* to *after*, in plan order. ``None`` is no plan: a plan that
    was created is one change (its name and how many records it has), one that was deleted too.
    The plans' ids (their file names) are not compared."""
    if before is None and after is None:
        return []
    if before is None or after is None:
        plan = after if after is not None else before
        assert plan is not None
        summary = _plan_summary(plan)
        return [
            Change(
                Question.ACCOUNT,
                Kind.PLAN,
                plan.id,
                "",
                Op.ADDED if before is None else Op.REMOVED,
                before=None if before is None else summary,
                after=summary if before is None else None,
                name=one_line(plan.name),
            )
        ]
    out: list[Change] = []
    if before.account != after.account:
        out.extend(_fields(Question.ACCOUNT, Kind.ACCOUNT, "", before.account, after.account, ""))
    q1 = Question.WHERE_AM_I
    a, b = before.where_am_i, after.where_am_i
    if a != b:
        out.extend(_fields(q1, Kind.SECTION, "", a, b, "", skip=_Q1_RECORDS))
        for aspect in ("technical", "economic", "commercial"):
            ra, rb = getattr(a.accessibility, aspect), getattr(b.accessibility, aspect)
            if ra != rb:
                out.extend(_fields(q1, Kind.ACCESSIBILITY, aspect, ra, rb, aspect))
        if a.accessibility.extra != b.accessibility.extra:
            out.extend(_extra(q1, Kind.ACCESSIBILITY, "", a.accessibility, b.accessibility, ""))
        out.extend(_records(q1, Kind.PERSON, a.buying_centre, b.buying_centre))
        out.extend(_records(q1, Kind.COMPETITOR, a.competitors, b.competitors))
        if a.swot != b.swot:
            out.extend(_fields(q1, Kind.SWOT, "", a.swot, b.swot, "SWOT"))
        out.extend(_records(q1, Kind.OFFERING, a.offerings, b.offerings))
        out.extend(_map(a, b))
    q2 = Question.WHERE_TO_GO
    if before.where_to_go != after.where_to_go:
        a2, b2 = before.where_to_go, after.where_to_go
        out.extend(_fields(q2, Kind.SECTION, "", a2, b2, "", skip=("objectives",)))
        out.extend(_records(q2, Kind.OBJECTIVE, a2.objectives, b2.objectives))
    q3 = Question.HOW_TO_GET_THERE
    if before.how_to_get_there != after.how_to_get_there:
        a3, b3 = before.how_to_get_there, after.how_to_get_there
        out.extend(_fields(q3, Kind.SECTION, "", a3, b3, "", skip=("actions",)))
        out.extend(_records(q3, Kind.ACTION, a3.actions, b3.actions))
    if before.extra != after.extra:
        out.extend(_extra(Question.ACCOUNT, Kind.PLAN, "", before, after, ""))
    return out


_Q1_RECORDS = ("accessibility", "buying_centre", "competitors", "swot", "offerings", "units")


def _map(a: Any, b: Any) -> Iterator[Change]:
    """The whitespace map: units (rows) by :func:`_records` without their cells, then the
    cells of every unit, each named ``unit × offering`` (the offering's id unless the plan
    names it: the workspace's names are not in the plan)."""
    if a.units == b.units:
        return
    q1 = Question.WHERE_AM_I
    units_a = {uid: replace(u, cells={}) for uid, u in a.units.items()}
    units_b = {uid: replace(u, cells={}) for uid, u in b.units.items()}
    yield from _records(q1, Kind.UNIT, units_a, units_b)
    cells_a = {f"{uid}/{oid}": c for uid, u in a.units.items() for oid, c in u.cells.items()}
    cells_b = {f"{uid}/{oid}": c for uid, u in b.units.items() for oid, c in u.cells.items()}

    def name(ref: str) -> str:
        uid, _sep, oid = ref.partition("/")
        unit = b.units.get(uid) or a.units.get(uid)
        offering = b.offerings.get(oid) or a.offerings.get(oid)
        return f"{_name(unit) or uid} × {_name(offering) or oid}"

    yield from _records(q1, Kind.CELL, cells_a, cells_b, name)


def _stored_fields(cls: type) -> list[tuple[str, str]]:
    """(name, kind) of the fields of a record type that are stored, in file order."""
    cached = _FIELD_CACHE.get(cls)
    if cached is None:
        cached = [
            (f.name, str(f.metadata["kind"]))
            for f in fields(cls)
            if f.metadata.get("kind") not in (None, "extra")
        ]
        _FIELD_CACHE[cls] = cached
    return cached


_FIELD_CACHE: dict[type, list[tuple[str, str]]] = {}


def _fields(
    question: Question,
    kind: Kind,
    record: str,
    a: Any,
    b: Any,
    name: str,
    *,
    skip: tuple[str, ...] = (),
    unit: str = "",
) -> Iterator[Change]:
    """The changed fields of two versions of one record (nested records and tables of records
    in *skip* are the caller's)."""
    for field_name, field_kind in _stored_fields(type(a)):
        if field_name in skip:
            continue
        va, vb = getattr(a, field_name), getattr(b, field_name)
        if va == vb:
            continue
        if field_kind == "strings":
            yield from _items(question, kind, record, field_name, va, vb, name)
        elif field_kind == "checkins":
            sources = (a.checkin_sources, b.checkin_sources)
            yield from _checkins(question, kind, record, va, vb, name, unit, sources)
        elif field_kind == "checkin_sources":
            yield from _sources(question, kind, record, (a, b), name)
        elif field_kind == "record":
            continue  # nested records (accessibility, SWOT) are compared by the caller
        else:
            yield Change(
                question, kind, record, field_name, Op.CHANGED, _json(va), _json(vb), name,
                unit=unit,
            )  # fmt: skip
    yield from _extra(question, kind, record, a, b, name)


def _extra(
    question: Question, kind: Kind, record: str, a: Any, b: Any, name: str
) -> Iterator[Change]:
    """Keys kamtui does not know (kept in ``extra``), compared like fields."""
    ea: dict[str, Any] = a.extra
    eb: dict[str, Any] = b.extra
    if ea == eb:
        return
    for k in [*eb, *(k for k in ea if k not in eb)]:
        va, vb = ea.get(k), eb.get(k)
        if va != vb:
            yield Change(question, kind, record, k, Op.CHANGED, _json(va), _json(vb), name)


def _items(
    question: Question,
    kind: Kind,
    record: str,
    field_name: str,
    a: list[str],
    b: list[str],
    name: str,
) -> Iterator[Change]:
    """Items added to or removed from a list of strings; the same items in another order are
    one change of the whole list."""
    old, new = set(a), set(b)
    added = [item for item in b if item not in old]
    removed = [item for item in a if item not in new]
    if not added and not removed:
        yield Change(question, kind, record, field_name, Op.CHANGED, list(a), list(b), name)
        return
    for item in dict.fromkeys(added):
        yield Change(question, kind, record, field_name, Op.ADDED, None, item, name)
    for item in dict.fromkeys(removed):
        yield Change(question, kind, record, field_name, Op.REMOVED, item, None, name)


def _checkins(
    question: Question,
    kind: Kind,
    record: str,
    a: dict[dt.date, int | float],
    b: dict[dt.date, int | float],
    name: str,
    unit: str,
    sources: tuple[dict[dt.date, str], dict[dt.date, str]],
) -> Iterator[Change]:
    for day in sorted(a.keys() | b.keys()):
        va, vb = a.get(day), b.get(day)
        if va == vb and (va is None) == (vb is None):
            continue
        op = Op.ADDED if va is None else Op.REMOVED if vb is None else Op.CHANGED
        source = sources[0 if op is Op.REMOVED else 1].get(day, "")
        yield Change(
            question, kind, record, CHECKINS, op, va, vb, name, key=day.isoformat(), unit=unit,
            source=source,
        )  # fmt: skip


def _sources(
    question: Question, kind: Kind, record: str, objectives: tuple[Any, Any], name: str
) -> Iterator[Change]:
    """Check-ins whose source alone changed (with their value, the source is told with the
    check-in): measured became entered by hand, or the other way, or another source."""
    a, b = objectives
    for day in sorted(a.checkin_sources.keys() | b.checkin_sources.keys()):
        sa, sb = a.checkin_sources.get(day), b.checkin_sources.get(day)
        if sa == sb or a.checkins.get(day) != b.checkins.get(day):
            continue
        if day not in a.checkins or day not in b.checkins:
            continue  # a check-in added or removed: told with it
        op = Op.ADDED if sa is None else Op.REMOVED if sb is None else Op.CHANGED
        yield Change(question, kind, record, SOURCES, op, sa, sb, name, key=day.isoformat())


def _records(
    question: Question,
    kind: Kind,
    a: Mapping[str, Any],
    b: Mapping[str, Any],
    named: Callable[[str], str] | None = None,
) -> Iterator[Change]:
    """A table of records (by id): the changes to records on both sides, in the order of
    *b*, then the records added, then those removed. *named*: a record's name from its id
    (else its own name or title)."""
    if a == b:
        return

    def name(rid: str, record: Any) -> str:
        return named(rid) if named is not None else _name(record)

    added: list[Change] = []
    for rid, rb in b.items():
        ra = a.get(rid)
        if ra is None:
            added.append(Change(question, kind, rid, "", Op.ADDED, None, _json(rb), name(rid, rb)))
        elif ra != rb:
            unit = rb.unit if isinstance(rb, Objective) else ""
            yield from _fields(question, kind, rid, ra, rb, name(rid, rb) or rid, unit=unit)
    yield from added
    for rid, ra in a.items():
        if rid not in b:
            yield Change(question, kind, rid, "", Op.REMOVED, _json(ra), None, name(rid, ra))


def _name(record: Any) -> str:
    text = getattr(record, "name", None) or getattr(record, "title", "")
    return one_line(str(text))


def _plan_summary(plan: AccountPlan) -> dict[str, Any]:
    return {
        "name": plan.name,
        "people": len(plan.where_am_i.buying_centre),
        "competitors": len(plan.where_am_i.competitors),
        "objectives": len(plan.where_to_go.objectives),
        "actions": len(plan.how_to_get_there.actions),
    }


def _json(value: Any) -> Any:
    """*value* as JSON has it: dates as text, fixed values as written, records as tables
    (without the empty optional fields)."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {str(_json(k)): _json(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for name, _kind in _stored_fields(type(value)):
            v = getattr(value, name)
            if v is None or v == "" or v == [] or v == {}:
                continue
            out[name] = _json(v)
        for k, v in value.extra.items():  # type: ignore[attr-defined]
            out.setdefault(k, _json(v))
        return out
    return str(value)


# -- describing --------------------------------------------------------------------------------


def change_lines(changes: list[Change]) -> list[str]:
    """The changes for people: one line per record (its changes joined with ``, ``), records
    added or removed in one line per table, each line headed by its question:
    ``How do I get there? · action "Send the offer": status todo → done``."""
    groups: dict[tuple[Question, Kind, str], list[Change]] = {}
    for change in changes:
        whole = change.field == "" and change.kind in COLLECTIONS
        groups.setdefault((change.question, change.kind, "" if whole else change.record), [])
        groups[change.question, change.kind, "" if whole else change.record].append(change)
    lines = []
    for (question, kind, record), group in groups.items():
        lines.append(f"{question.heading} · {_subject(kind, record, group)}" + ", ".join(
            c.text for c in group
        ))  # fmt: skip
    return lines


def _subject(kind: Kind, record: str, group: list[Change]) -> str:
    """What a line is about, with its colon: ``action "Send the offer": ``, ``buying centre:
    ``, ``SWOT: ``; nothing for the account and a question's own fields (each change names
    its field)."""
    if kind in COLLECTIONS:
        if not record:
            return f"{_(COLLECTIONS[kind])}: "
        return f'{_kind_words(kind)} "{group[0].name or record}": '
    if kind is Kind.ACCESSIBILITY:
        if not record:
            return _("accessibility: ")
        return _("accessibility {aspect}: ").format(aspect=aspect_words(record))
    if kind is Kind.SWOT:
        return "SWOT: "
    return ""


def _describe(change: Change) -> str:
    if change.kind is Kind.PLAN and not change.field:
        return _plan_text(change)
    if not change.field:
        record = change.after if change.op is Op.ADDED else change.before
        sign = "+" if change.op is Op.ADDED else "−"
        return f"{sign} {_record_text(change.kind, change.name or change.record, record)}"
    label = _field_label(change.field)
    if change.field == CHECKINS and change.key:
        return _checkin_text(change)
    if change.field == SOURCES and change.key:
        return _source_text(change)
    if change.op is Op.ADDED:
        return f"{label} + {_quoted(change.after)}"
    if change.op is Op.REMOVED:
        return f"{label} − {_quoted(change.before)}"
    if _reordered(change.before, change.after):
        return _("{field}: reordered").format(field=label)
    formatter = _FORMATTERS.get(change.field)
    if formatter is None and _is_text(change.before, change.after):
        return _text_change(label, change.before or "", change.after or "")
    show = formatter or _value
    return f"{label} {show(change, change.before)} → {show(change, change.after)}"


def _plan_text(change: Change) -> str:
    summary = change.after if change.op is Op.ADDED else change.before
    counts = summary if isinstance(summary, dict) else {}
    name = one_line(str(counts.get("name", change.name)))
    words: dict[str, Callable[[int], str]] = {
        "people": lambda n: ngettext("{count} person", "{count} people", n),
        "competitors": lambda n: ngettext("{count} competitor", "{count} competitors", n),
        "objectives": lambda n: ngettext("{count} objective", "{count} objectives", n),
        "actions": lambda n: ngettext("{count} action", "{count} actions", n),
    }
    parts = [
        said(int(counts[key])).format(count=format_count(int(counts[key])))
        for key, said in words.items()
        if counts.get(key)
    ]
    detail = f" ({', '.join(parts)})" if parts else ""
    if change.op is Op.ADDED:
        return _("plan created: {name}{detail}").format(name=name, detail=detail)
    return _("plan deleted: {name}{detail}").format(name=name, detail=detail)


def _record_text(kind: Kind, name: str, record: Any) -> str:
    """A record added or removed: its name and what says most about it."""
    table: dict[str, Any] = record if isinstance(record, dict) else {}
    details: list[str] = []
    if kind is Kind.PERSON:
        role = table.get("role")
        if role:
            details.append(_words(role))
        elif table.get("title"):
            details.append(one_line(str(table["title"])))
    elif kind is Kind.COMPETITOR:
        share = table.get("share_of_wallet")
        if share is not None:
            details.append(_("share of wallet {share}%").format(share=format_number(share)))
    elif kind is Kind.OBJECTIVE:
        short = table.get("horizon") == "short"
        details.append(_("short term") if short else _("medium/long term"))
        if table.get("target") is not None:
            target = _number(table["target"], str(table.get("unit", "")))
            details.append(_("target {value}").format(value=target))
        if table.get("due"):
            details.append(_("due {date}").format(date=_iso_day(table["due"])))
    elif kind is Kind.CELL:
        details.append(_words(table.get("status", "unknown")))
        if table.get("revenue") is not None:
            details.append(_("revenue {value}").format(value=format_number(table["revenue"])))
        if table.get("potential") is not None:
            details.append(_("potential {value}").format(value=format_number(table["potential"])))
        if table.get("competitor"):
            details.append(one_line(str(table["competitor"])))
    elif kind is Kind.ACTION:
        details.append(_words(table.get("status", ActionStatus.TODO.value)))
        if table.get("owner"):
            details.append(one_line(str(table["owner"])))
        if table.get("due"):
            details.append(_("due {date}").format(date=_iso_day(table["due"])))
    shown = f'"{name}"' if kind in (Kind.OBJECTIVE, Kind.ACTION) else name
    return shown + (f" ({', '.join(details)})" if details else "")


def _checkin_text(change: Change) -> str:
    """``check-in 2026-11-30 = 1,540 k€ (from revenue.csv, rolling-12m)``."""
    day = _iso_day(change.key)
    origin = _("from {source}").format(source=one_line(change.source)) if change.source else ""
    if change.op is Op.ADDED:
        text = _("check-in {date} = {value}").format(
            date=day, value=_number(change.after, change.unit)
        )
        return f"{text} ({origin})" if origin else text
    if change.op is Op.REMOVED:
        told = ", ".join(p for p in (_number(change.before, change.unit), origin) if p)
        return _("− check-in {date} ({told})").format(date=day, told=told)
    text = _("check-in {date} {before} → {after}").format(
        date=day,
        before=_number(change.before, change.unit),
        after=_number(change.after, change.unit),
    )
    return f"{text} ({origin})" if origin else text


def _source_text(change: Change) -> str:
    """A check-in whose source alone changed: ``check-in 2026-11-30: entered by hand (was
    from revenue.csv, rolling-12m)``."""

    def told(source: Any) -> str:
        if not source:
            return _("entered by hand")
        return _("from {source}").format(source=one_line(str(source)))

    return _("check-in {date}: {now} (was {before})").format(
        date=_iso_day(change.key), now=told(change.after), before=told(change.before)
    )


def _reordered(a: Any, b: Any) -> bool:
    """The same items in another order (a list of strings, or a list kamtui does not know)."""
    if not isinstance(a, list) or not isinstance(b, list) or len(a) != len(b):
        return False
    rest = list(b)
    for item in a:
        if item not in rest:
            return False
        rest.remove(item)
    return True


def _field_label(field_name: str) -> str:
    """A field of the plan file in words (``last contact``, ``ultimo contatto``); a key kamtui
    does not know as it is written, underscores as spaces."""
    words = _field_words(i18n.language()).get(field_name)
    return words if words is not None else one_line(field_name).replace("_", " ")


@functools.lru_cache(maxsize=4)
def _field_words(language: str) -> dict[str, str]:
    """The words of the plan's fields in *language* (the one in use: the cache's key). The
    English is the field's name with spaces."""
    del language
    return {
        "name": pgettext("plan field", "name"),
        "owner": pgettext("plan field", "owner"),
        "segment": pgettext("plan field", "segment"),
        "industry": pgettext("plan field", "industry"),
        "currency": pgettext("plan field", "currency"),
        "customer_ids": pgettext("plan field", "customer ids"),
        "review_every_days": pgettext("plan field", "review every days"),
        "last_review": pgettext("plan field", "last review"),
        "business": pgettext("plan field", "business"),
        "priorities": pgettext("plan field", "priorities"),
        "buying_motivation": pgettext("plan field", "buying motivation"),
        "decision_process": pgettext("plan field", "decision process"),
        "relationship_level": pgettext("plan field", "relationship level"),
        "title": pgettext("plan field", "title"),
        "reports_to": pgettext("plan field", "reports to"),
        "role": pgettext("plan field", "role"),
        "influence": pgettext("plan field", "influence"),
        "attitude": pgettext("plan field", "attitude"),
        "orientation": pgettext("plan field", "orientation"),
        "relationship": pgettext("plan field", "relationship"),
        "last_contact": pgettext("plan field", "last contact"),
        "notes": pgettext("plan field", "notes"),
        "rating": pgettext("plan field", "rating"),
        "note": pgettext("plan field", "note"),
        "share_of_wallet": pgettext("plan field", "share of wallet"),
        "strengths": pgettext("plan field", "strengths"),
        "weaknesses": pgettext("plan field", "weaknesses"),
        "positioning": pgettext("plan field", "positioning"),
        "opportunities": pgettext("plan field", "opportunities"),
        "threats": pgettext("plan field", "threats"),
        "status": pgettext("plan field", "status"),
        "revenue": pgettext("plan field", "revenue"),
        "competitor": pgettext("plan field", "competitor"),
        "potential": pgettext("plan field", "potential"),
        "ambition": pgettext("plan field", "ambition"),
        "horizon": pgettext("plan field", "horizon"),
        "metric": pgettext("plan field", "metric"),
        "unit": pgettext("plan field", "unit"),
        "source": pgettext("plan field", "source"),
        "period": pgettext("plan field", "period"),
        "baseline": pgettext("plan field", "baseline"),
        "target": pgettext("plan field", "target"),
        "current": pgettext("plan field", "current"),
        "due": pgettext("plan field", "due"),
        "opportunity": pgettext("plan field", "opportunity"),
        "strategy": pgettext("plan field", "strategy"),
        "objective": pgettext("plan field", "objective"),
        "progress": pgettext("plan field", "progress"),
        "completed": pgettext("plan field", "completed"),
    }


def _iso_day(text: Any) -> str:
    """A date as the JSON of a change holds it (``2026-11-30``) as the language in use writes
    it; anything else as it is."""
    try:
        return format_day(dt.date.fromisoformat(str(text)))
    except ValueError:
        return one_line(str(text))


def _words(value: Any) -> str:
    return value_words(one_line(str(value)))


def _number(value: Any, unit: str = "") -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return MISSING if value is None else one_line(str(value))
    unit = one_line(unit.strip())
    if not unit:
        return format_number(value)
    return f"{format_number(value)}{unit}" if unit == "%" else f"{format_number(value)} {unit}"


def _is_text(a: Any, b: Any) -> bool:
    return isinstance(a, str | None) and isinstance(b, str | None) and (a or b) is not None


def _quoted(value: Any) -> str:
    if isinstance(value, str):
        return f'"{one_line(value)}"'
    return _value(None, value)


def _value(change: Change | None, value: Any) -> str:
    """A value of a field without a formatter of its own (and of keys kamtui does not know)."""
    del change
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, str):
        return f'"{one_line(value)}"' if value else MISSING
    if isinstance(value, list):
        n = len(value)
        return ngettext("{count} item", "{count} items", n).format(count=format_count(n))
    if isinstance(value, dict):
        n = len(value)
        return ngettext("{count} key", "{count} keys", n).format(count=format_count(n))
    return one_line(str(value))


def _text_change(label: str, a: str, b: str) -> str:
    """A text field: shown whole when both sides are short single lines, else summarised in
    lines (``3 lines changed``, ``written (4 lines)``, ``cleared``)."""
    if _short(a) and _short(b):
        return f"{label} {_value(None, a)} → {_value(None, b)}"
    old, new = a.splitlines(), b.splitlines()
    if not a.strip():
        lines = ngettext("{count} line", "{count} lines", len(new))
        return _("{field}: written ({lines})").format(
            field=label, lines=lines.format(count=format_count(len(new)))
        )
    if not b.strip():
        lines = ngettext("{count} line", "{count} lines", len(old))
        return _("{field}: cleared (was {lines})").format(
            field=label, lines=lines.format(count=format_count(len(old)))
        )
    changed = added = removed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag == "replace":
            common = min(i2 - i1, j2 - j1)
            changed += common
            added += (j2 - j1) - common
            removed += (i2 - i1) - common
        elif tag == "insert":
            added += j2 - j1
        elif tag == "delete":
            removed += i2 - i1
    said: tuple[tuple[int, Callable[[int], str]], ...] = (
        (changed, lambda n: ngettext("{count} line changed", "{count} lines changed", n)),
        (added, lambda n: ngettext("{count} line added", "{count} lines added", n)),
        (removed, lambda n: ngettext("{count} line removed", "{count} lines removed", n)),
    )
    parts = [words(n).format(count=format_count(n)) for n, words in said if n]
    return _("{field}: {lines}").format(
        field=label, lines=", ".join(parts) or _("line ends changed")
    )


def _short(text: str) -> bool:
    return "\n" not in text and "\r" not in text and len(text) <= SHORT_TEXT


def _enum(change: Change | None, value: Any) -> str:
    del change
    return MISSING if value is None else _words(value)


def _day(change: Change | None, value: Any) -> str:
    del change
    return day_or_missing(dt.date.fromisoformat(value) if isinstance(value, str) else None)


def _progress(change: Change | None, value: Any) -> str:
    del change
    return percent(value / 100 if isinstance(value, int | float) else None)


def _share(change: Change | None, value: Any) -> str:
    del change
    return MISSING if value is None else f"{format_number(value)}%"


def _measured(change: Change | None, value: Any) -> str:
    return _number(value, change.unit if change is not None else "")


_FORMATTERS: dict[str, Callable[[Change | None, Any], str]] = {
    "segment": _enum,
    "role": _enum,
    "influence": _enum,
    "attitude": _enum,
    "orientation": _enum,
    "relationship_level": _enum,
    "horizon": _enum,
    "source": _enum,
    "period": _enum,
    "status": _enum,
    "last_review": _day,
    "last_contact": _day,
    "due": _day,
    "completed": _day,
    "progress": _progress,
    "share_of_wallet": _share,
    "baseline": _measured,
    "target": _measured,
    "current": _measured,
}
"""How the values of the plan's fields read, by field name (the names mean one thing across
record types, see kamtui/plan/model.py); fields not here are numbers or text."""


# -- counting ----------------------------------------------------------------------------------


def change_summary(changes: list[Change]) -> str:
    """What happened, counted for a commit message or a history line: ``3 check-ins, 2 actions
    done, 1 action dropped, 1 person added, 4 other changes``; ``no change`` when empty."""
    counts: dict[str, int] = {}

    def count(what: str) -> None:
        counts[what] = counts.get(what, 0) + 1

    for c in changes:
        if c.kind is Kind.PLAN and not c.field:
            count("plan created" if c.op is Op.ADDED else "plan deleted")
        elif c.field == CHECKINS and c.op is Op.ADDED:
            count("check-in")
        elif c.kind is Kind.ACTION and c.field == "status" and c.after in _STATUS_EVENTS:
            count(_STATUS_EVENTS[c.after])
        elif c.kind is Kind.ACTION and c.field in ("progress", "completed"):
            continue  # they follow the status
        elif not c.field and c.kind in COLLECTIONS:
            count(f"{_SINGULAR[c.kind]} {c.op.value}")
        elif c.kind is Kind.ACCOUNT and c.field == "last_review":
            count("review date set")
        else:
            count("other change")
    if not counts:
        return _("no change")
    parts = []
    for what, n in counts.items():
        if what == "other change":
            continue
        parts.append(_event_words(what, n))
    if "other change" in counts:
        parts.append(_event_words("other change", counts["other change"]))
    return ", ".join(parts)


def _event_words(what: str, n: int) -> str:
    """``3 check-ins``, ``1 person added``, ``plan created``: one count of
    :func:`change_summary` in the language in use."""
    once = _ONCE_EVENTS.get(what)
    if once is not None:
        return once()
    words = _COUNTED_EVENTS.get(what)
    if words is None:  # pragma: no cover - every event counted has its words
        return f"{format_count(n)} {what}"
    return words(n).format(count=format_count(n))


_ONCE_EVENTS: dict[str, Callable[[], str]] = {
    "plan created": lambda: _("plan created"),
    "plan deleted": lambda: _("plan deleted"),
    "review date set": lambda: _("review date set"),
}
"""The events of :func:`change_summary` told without a count, translated when called (made
once: the language is the one in use at the call)."""
_COUNTED_EVENTS: dict[str, Callable[[int], str]] = {
    "check-in": lambda n: ngettext("{count} check-in", "{count} check-ins", n),
    "other change": lambda n: ngettext("{count} other change", "{count} other changes", n),
    "action done": lambda n: ngettext("{count} action done", "{count} actions done", n),
    "action dropped": lambda n: ngettext("{count} action dropped", "{count} actions dropped", n),
    "action blocked": lambda n: ngettext("{count} action blocked", "{count} actions blocked", n),
    "person added": lambda n: ngettext("{count} person added", "{count} people added", n),
    "person removed": lambda n: ngettext("{count} person removed", "{count} people removed", n),
    "competitor added": lambda n: ngettext(
        "{count} competitor added", "{count} competitors added", n
    ),
    "competitor removed": lambda n: ngettext(
        "{count} competitor removed", "{count} competitors removed", n
    ),
    "objective added": lambda n: ngettext("{count} objective added", "{count} objectives added", n),
    "objective removed": lambda n: ngettext(
        "{count} objective removed", "{count} objectives removed", n
    ),
    "action added": lambda n: ngettext("{count} action added", "{count} actions added", n),
    "action removed": lambda n: ngettext("{count} action removed", "{count} actions removed", n),
    "offering added": lambda n: ngettext("{count} offering added", "{count} offerings added", n),
    "offering removed": lambda n: ngettext(
        "{count} offering removed", "{count} offerings removed", n
    ),
    "unit added": lambda n: ngettext("{count} unit added", "{count} units added", n),
    "unit removed": lambda n: ngettext("{count} unit removed", "{count} units removed", n),
    "cell added": lambda n: ngettext("{count} cell added", "{count} cells added", n),
    "cell removed": lambda n: ngettext("{count} cell removed", "{count} cells removed", n),
}
"""The counted events of :func:`change_summary`: the words of *n* of each, chosen and
translated when called (the table is made once; the language is the one in use at the call)."""


_STATUS_EVENTS = {
    ActionStatus.DONE.value: "action done",
    ActionStatus.DROPPED.value: "action dropped",
    ActionStatus.BLOCKED.value: "action blocked",
}
_SINGULAR = {
    Kind.PERSON: "person",
    Kind.COMPETITOR: "competitor",
    Kind.OFFERING: "offering",
    Kind.UNIT: "unit",
    Kind.CELL: "cell",
    Kind.OBJECTIVE: "objective",
    Kind.ACTION: "action",
}
