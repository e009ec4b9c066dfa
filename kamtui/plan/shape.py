"""The plan's schema as plain data, and the canonical document of a plan without the model.

The merge driver (kamtui/git/merge_file.py) runs once per plan git merges, as a process of its
own, so its start-up is most of its time. Importing the model and the codec (a dozen
dataclasses and enums made at import) and decoding into records only to encode them again
cost more than the merge itself. :func:`canonical_document` does what
``encode_plan(decode_plan(doc))`` does, on the TOML document itself, driven by :data:`SHAPES`:
every key in schema order, empty optional values left out, defaults written where the codec
writes them, free text with LF line ends, check-ins by date, keys added by hand after the
known ones.

It gives up (``None``) wherever the codec would report anything that is not plain, an error
or a doubt: a value of the wrong type or out of range, an unknown enum value, a missing
required key, a bad record id or check-in date, a dangling objective reference, a customer id
listed twice, another schema version. The caller then takes the codec's way, which says
what is wrong. ``tests/core/test_plan_shape.py`` checks :data:`SHAPES` against the model and
the result against the codec on generated plans.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from kamtui.plan.schema import SCHEMA_VERSION
from kamtui.text.ids import is_valid_id

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from collections.abc import Container, Mapping
    from typing import Any

    Field = tuple[str, str, bool, bool, Any, Any]

# One field: (key, kind, always, required, detail, default)
#   kind:    as in kamtui/plan/model.py (text, line, enum, date, int, number, strings, record,
#            records, checkins)
#   always:  written even when empty; detail: the enum's values, (lo, hi) of a number, the
#            record kind of a record or records field (an enum's values end with "" when
#            "" reads as not set, left out); default: what the codec writes when
#            the key is missing (None: nothing)

SHAPES: dict[str, tuple[Field, ...]] = {
    "Account": (
        ("name", "line", True, True, None, ""),
        ("customer_ids", "strings", True, False, None, []),
        ("industry", "text", True, False, None, ""),
        ("owner", "text", True, False, None, ""),
        ("segment", "enum", False, False, ("A", "B", "C"), None),
        ("currency", "line", True, False, None, "EUR"),
        ("review_every_days", "int", True, False, (1, 3660), 30),
        ("last_review", "date", False, False, None, None),
    ),
    "Rating": (
        ("rating", "int", False, False, (1, 5), None),
        ("note", "text", True, False, None, ""),
    ),
    "Accessibility": (
        ("technical", "record", False, False, "Rating", None),
        ("economic", "record", False, False, "Rating", None),
        ("commercial", "record", False, False, "Rating", None),
    ),
    "Person": (
        ("name", "line", True, True, None, ""),
        ("title", "text", True, False, None, ""),
        ("reports_to", "line", False, False, None, None),
        (
            "role",
            "enum",
            False,
            False,
            (
                "decision-maker",
                "economic-buyer",
                "technical-buyer",
                "influencer",
                "user",
                "gatekeeper",
                "champion",
                "sponsor",
                "coach",
                "other",
            ),
            None,
        ),
        ("influence", "enum", False, False, ("low", "medium", "high"), None),
        (
            "attitude",
            "enum",
            False,
            False,
            ("ally", "supporter", "neutral", "critic", "opponent"),
            None,
        ),
        (
            "orientation",
            "enum",
            False,
            False,
            ("financial", "technical", "relationship", "business"),
            None,
        ),
        ("relationship", "int", False, False, (1, 5), None),
        ("last_contact", "date", False, False, None, None),
        ("notes", "text", False, False, None, None),
    ),
    "Competitor": (
        ("name", "line", True, True, None, ""),
        ("share_of_wallet", "number", False, False, (0, 100), None),
        ("strengths", "strings", True, False, None, []),
        ("weaknesses", "strings", True, False, None, []),
        ("positioning", "text", True, False, None, ""),
    ),
    "Swot": (
        ("strengths", "strings", True, False, None, []),
        ("weaknesses", "strings", True, False, None, []),
        ("opportunities", "strings", True, False, None, []),
        ("threats", "strings", True, False, None, []),
    ),
    "Offering": (
        ("name", "line", True, True, None, ""),
        ("notes", "text", False, False, None, None),
    ),
    "Cell": (
        (
            "status",
            "enum",
            True,
            False,
            ("ours", "competitor", "opportunity", "not-relevant", "unknown"),
            "unknown",
        ),
        ("revenue", "number", False, False, (0, None), None),
        ("competitor", "line", False, False, None, None),
        ("potential", "number", False, False, (0, None), None),
        ("note", "text", False, False, None, None),
    ),
    "Unit": (
        ("name", "line", True, True, None, ""),
        ("notes", "text", False, False, None, None),
        ("cells", "records", False, False, "Cell", None),
    ),
    "WhereAmI": (
        ("business", "text", True, False, None, ""),
        ("priorities", "text", True, False, None, ""),
        ("buying_motivation", "text", True, False, None, ""),
        ("decision_process", "text", True, False, None, ""),
        (
            "relationship_level",
            "enum",
            False,
            False,
            ("vendor", "preferred-supplier", "solution-provider", "strategic-partner"),
            None,
        ),
        ("accessibility", "record", False, False, "Accessibility", None),
        ("buying_centre", "records", False, False, "Person", None),
        ("competitors", "records", False, False, "Competitor", None),
        ("swot", "record", False, False, "Swot", None),
        ("offerings", "records", False, False, "Offering", None),
        ("units", "records", False, False, "Unit", None),
    ),
    "Objective": (
        ("title", "line", True, True, None, ""),
        ("horizon", "enum", True, False, ("short", "long"), "short"),
        ("metric", "text", True, False, None, ""),
        ("unit", "text", True, False, None, ""),
        ("source", "enum", False, False, ("revenue", ""), None),
        ("period", "enum", False, False, ("rolling-12m", "calendar-year", "quarter", ""), None),
        ("baseline", "number", False, False, (None, None), None),
        ("target", "number", False, False, (None, None), None),
        ("current", "number", False, False, (None, None), None),
        ("due", "date", False, False, None, None),
        ("notes", "text", False, False, None, None),
        ("opportunity", "line", False, False, None, None),
        ("checkins", "checkins", False, False, None, None),
        ("checkin_sources", "checkin_sources", False, False, None, None),
    ),
    "WhereToGo": (
        ("ambition", "text", True, False, None, ""),
        ("objectives", "records", False, False, "Objective", None),
    ),
    "Action": (
        ("title", "line", True, True, None, ""),
        ("objective", "text", True, False, None, ""),
        ("owner", "text", True, False, None, ""),
        ("due", "date", False, False, None, None),
        (
            "status",
            "enum",
            True,
            False,
            ("todo", "in-progress", "done", "blocked", "dropped"),
            "todo",
        ),
        ("progress", "int", True, False, (0, 100), 0),
        ("completed", "date", False, False, None, None),
        ("notes", "text", False, False, None, None),
    ),
    "HowToGetThere": (
        ("strategy", "text", True, False, None, ""),
        ("actions", "records", False, False, "Action", None),
    ),
}
"""Every record kind's stored fields in the order they are written (kamtui/plan/model.py)."""

SECTIONS = (
    ("account", "Account"),
    ("where_am_i", "WhereAmI"),
    ("where_to_go", "WhereToGo"),
    ("how_to_get_there", "HowToGetThere"),
)

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_KNOWN = {kind: frozenset(f[0] for f in fields) for kind, fields in SHAPES.items()}


class _Unsure(Exception):
    """The document holds something only the codec can judge."""


def canonical_document(doc: dict[str, Any]) -> dict[str, Any] | None:
    """``encode_plan(decode_plan(doc))`` for a plan the codec reads without a finding worth
    reporting; ``None`` when the codec has to look (it says what is wrong, or keeps what only
    it knows how to keep)."""
    try:
        return _document(doc)
    except _Unsure:
        return None


def _document(doc: dict[str, Any]) -> dict[str, Any]:
    schema = doc.get("schema")
    if type(schema) is not int or schema != SCHEMA_VERSION or "account" not in doc:
        raise _Unsure
    out: dict[str, Any] = {"schema": SCHEMA_VERSION}
    for name, kind in SECTIONS:
        out[name] = _record(kind, doc.get(name, {}))
    for key, value in doc.items():
        out.setdefault(key, value)
    _check_references(out)
    return out


def _record(kind: str, table: Any) -> dict[str, Any]:
    if type(table) is not dict:
        raise _Unsure
    out: dict[str, Any] = {}
    for key, field_kind, always, required, detail, default in SHAPES[kind]:
        if key not in table:
            if required:
                raise _Unsure
            if field_kind == "record":
                out[key] = _record(detail, {})
            elif default is not None:
                out[key] = list(default) if type(default) is list else default
            continue
        value = _value(field_kind, detail, table[key])
        if field_kind in ("text", "line"):
            if value or always:
                out[key] = value
        elif field_kind in ("records", "checkins", "checkin_sources") or field_kind == "enum":
            if value:
                out[key] = value
        else:
            out[key] = value
    known = _KNOWN[kind]
    for key, value in table.items():  # keys added by hand: kept, after the known ones
        if key not in known:
            out.setdefault(key, value)
    return out


def _value(kind: str, detail: Any, value: Any) -> Any:
    t = type(value)
    if kind == "text" or kind == "line":
        if t is not str:
            raise _Unsure
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        if kind == "line" and "\n" in value:
            raise _Unsure
        return value
    if kind == "enum":
        if t is not str or value not in detail:
            raise _Unsure
        return value
    if kind == "date":
        if t is not dt.date:
            raise _Unsure
        return value
    if kind == "int" or kind == "number":
        if not (t is int or (kind == "number" and t is float and math.isfinite(value))):
            raise _Unsure
        lo, hi = detail
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise _Unsure
        return value
    if kind == "strings":
        if t is not list or not all(type(v) is str for v in value):
            raise _Unsure
        return [v.replace("\r\n", "\n").replace("\r", "\n") if "\r" in v else v for v in value]
    if kind == "record":
        return _record(detail, value)
    if kind == "records":
        if t is not dict:
            raise _Unsure
        out = {}
        for rid, table in value.items():
            if not is_valid_id(rid):
                raise _Unsure
            out[rid] = _record(detail, table)
        return out
    if kind == "checkins":
        if t is not dict:
            raise _Unsure
        for day, number in value.items():
            _day(day)
            n = type(number)
            if not (n is int or (n is float and math.isfinite(number))):
                raise _Unsure
        return {day: value[day] for day in sorted(value)}
    if kind == "checkin_sources":
        if t is not dict:
            raise _Unsure
        sources = {}
        for day in sorted(value):
            _day(day)
            text = _value("line", None, value[day])
            if text:
                sources[day] = text
        return sources
    raise _Unsure  # a kind this module does not know: the codec's way


def _day(day: str) -> None:
    """A check-in's key must be an ISO date."""
    if not _ISO_DAY.fullmatch(day):
        raise _Unsure
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        raise _Unsure from None


def _check_references(doc: dict[str, Any]) -> None:
    objectives = doc["where_to_go"].get("objectives", {})
    for objective in objectives.values():
        if objective.get("source") and not objective.get("period"):
            raise _Unsure  # measured from a source, over no period
        if any(
            day not in objective.get("checkins", {}) for day in objective.get("checkin_sources", {})
        ):
            raise _Unsure  # the source of a check-in that is not there
    for action in doc["how_to_get_there"].get("actions", {}).values():
        ref = action.get("objective")
        if ref and ref not in objectives:
            raise _Unsure
    where = doc["where_am_i"]
    competitors = where.get("competitors", {})
    cells = {uid: unit.get("cells", {}) for uid, unit in where.get("units", {}).items()}
    for unit_cells in cells.values():
        for cell in unit_cells.values():
            if cell.get("competitor") and cell["competitor"] not in competitors:
                raise _Unsure  # a cell held by a competitor the plan does not have
    for objective in objectives.values():
        if opportunity_problem(objective.get("opportunity", ""), cells):
            raise _Unsure  # made from a whitespace cell that is not there
    people = where.get("buying_centre", {})
    if reporting_problems({pid: p.get("reports_to", "") for pid, p in people.items()}):
        raise _Unsure  # an unknown boss or a loop in who reports to whom
    ids = doc["account"]["customer_ids"]
    if len(set(ids)) != len(ids):
        raise _Unsure


def reporting_problems(reports_to: dict[str, str]) -> dict[str, str]:
    """Per person whose ``reports_to`` is wrong, why: the id is not a person of the same buying
    centre, or following the chain from them comes back to them (a loop, a person reporting
    to themself included). *reports_to* maps each person's id to theirs ("" for none). Shared
    by the codec (kamtui/plan/codec.py), which reports each one at its line."""
    problems: dict[str, str] = {}
    for pid, boss in reports_to.items():
        if not boss:
            continue
        if boss not in reports_to:
            problems[pid] = "unknown"
            continue
        seen = {pid}
        current = boss
        while current and current in reports_to:
            if current in seen:
                if current == pid:
                    problems[pid] = "cycle"
                break
            seen.add(current)
            current = reports_to[current]
    return problems


def opportunity_problem(ref: str, cells: Mapping[str, Container[str]]) -> str:
    """Why an objective's ``opportunity`` (``unit-id/offering-id``) points nowhere, or "":
    ``form`` (not ``unit-id/offering-id``), ``unit`` (no such unit) or ``cell`` (the unit has
    no cell for that offering). *cells* holds each unit's cells by offering id. Shared by the
    codec (kamtui/plan/codec.py), which words it (in the language in use) at its line."""
    if not ref:
        return ""
    unit, slash, offering = ref.partition("/")
    if not slash or not unit or not offering:
        return "form"
    if unit not in cells:
        return "unit"
    if offering not in cells[unit]:
        return "cell"
    return ""
