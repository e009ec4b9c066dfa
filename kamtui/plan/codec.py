"""Plan ⇄ TOML document (plain dicts), driven by the field metadata in :mod:`kamtui.plan.model`.

Decoding never raises on bad data: it collects :class:`Finding` s (with the dotted key path) and
keeps going, so one run reports every problem in a file. Encoding is canonical: keys in schema
order, records in the order they were read (new ones last), check-ins by date, empty optional
values left out, never ``None``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import Field, dataclass, fields
from enum import StrEnum
from functools import cache
from typing import Any

from kamtui.plan import toml_writer as _toml
from kamtui.plan.diagnostics import INVISIBLE_CHARACTERS, KEY_TYPO, NO_SCHEMA, Severity
from kamtui.plan.model import (
    SCHEMA_VERSION,
    AccountPlan,
    HowToGetThere,
    MeasurePeriod,
    WhereAmI,
    WhereToGo,
)
from kamtui.plan.model import Account as _Account
from kamtui.plan.model import Offering as _Offering
from kamtui.plan.shape import opportunity_problem, reporting_problems
from kamtui.text.i18n import gettext as _
from kamtui.text.i18n import ngettext
from kamtui.text.safety import invisible_characters, one_line
from kamtui.text.slugs import is_valid_id

KeyPath = tuple[str, ...]
SECTIONS: tuple[tuple[str, type], ...] = (
    ("account", _Account),
    ("where_am_i", WhereAmI),
    ("where_to_go", WhereToGo),
    ("how_to_get_there", HowToGetThere),
)
TOP_LEVEL_KEYS = ("schema",) + tuple(name for name, _ in SECTIONS)

# Upgrades from an older schema version to the next one: {from_version: function}.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found while decoding, located by key path (positions come later)."""

    key: KeyPath
    message: str
    severity: Severity = Severity.ERROR
    code: str = ""
    """The lint code of a warning (kamtui/plan/diagnostics.py), if it has one."""


@cache
def _specs(cls: type) -> tuple[tuple[str, dict[str, Any]], ...]:
    out = []
    for f in fields(cls):
        meta: Any = f.metadata
        if meta.get("kind") and meta["kind"] != "extra":
            out.append((f.name, dict(meta)))
    return tuple(out)


@cache
def _known(cls: type) -> frozenset[str]:
    return frozenset(name for name, _ in _specs(cls))


def _dotted(key: KeyPath) -> str:
    return ".".join(key)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, int):
        return _("an integer")
    if isinstance(value, float):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, dt.datetime):
        return _("a date-time")
    if isinstance(value, dt.date):
        return _("a date")
    if isinstance(value, dt.time):
        return _("a time")
    if isinstance(value, list):
        return _("an array")
    if isinstance(value, dict):
        return _("a table")
    return type(value).__name__


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NAMES = frozenset({"name", "title"})
_ID_LISTS = frozenset({"customer_ids"})
"""Names and lists of ids (matched against other data): an invisible character in one is a
warning."""
_ANY_NUMBER: dict[str, Any] = {"kind": "number", "lo": None, "hi": None}


def _spelled(chars: list[str]) -> str:
    """``U+200B (ZERO WIDTH SPACE)``, ``… and U+FEFF (ZERO WIDTH NO-BREAK SPACE)``."""
    names = [f"U+{ord(ch):04X} ({unicodedata.name(ch, 'unnamed')})" for ch in chars]
    if len(names) == 1:
        return names[0]
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def _invisible_in_name(key: KeyPath, chars: list[str]) -> str:
    shown = _(" and ").join(one_line(ch) for ch in chars)
    return ngettext(
        "'{key}' has an invisible character, {spelled}, shown as {shown}: remove it, or "
        "two names that look the same will not be",
        "'{key}' has invisible characters, {spelled}, shown as {shown}: remove them, or "
        "two names that look the same will not be",
        len(chars),
    ).format(key=_dotted(key), spelled=_spelled(chars), shown=shown)


def _invisible_in_id(cid: str, chars: list[str]) -> str:
    return ngettext(
        "customer id '{cid}' has an invisible character, {spelled}: remove it, or it "
        "will not match the revenue data",
        "customer id '{cid}' has invisible characters, {spelled}: remove them, or it "
        "will not match the revenue data",
        len(chars),
    ).format(cid=one_line(cid), spelled=_spelled(chars))


def normalize_text(value: str) -> str:
    """Free text is stored with LF line ends only."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


class _Decoder:
    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def error(self, key: KeyPath, message: str) -> None:
        self.findings.append(Finding(key, message))

    def warn(self, key: KeyPath, message: str, code: str = "") -> None:
        self.findings.append(Finding(key, message, Severity.WARNING, code))

    def record(self, cls: type, table: Any, key: KeyPath) -> Any:
        if not isinstance(table, dict):
            self.error(
                key,
                _("'{key}' must be a table, not {type}").format(
                    key=_dotted(key), type=_type_name(table)
                ),
            )
            return cls()
        kwargs: dict[str, Any] = {}
        matched = 0
        for name, convert, meta in _converters(cls):
            raw = table.get(name, _MISSING)
            if raw is _MISSING:
                if meta["required"]:
                    self.error(
                        key,
                        _("missing required key '{name}' in [{table}]").format(
                            name=name, table=_dotted(key)
                        ),
                    )
                continue
            matched += 1
            value = convert(self, meta, raw, key + (name,))
            if value is not None:
                kwargs[name] = value
        known = _known(cls)
        extra = {k: v for k, v in table.items() if k not in known} if matched < len(table) else {}
        for k in extra:
            close = difflib.get_close_matches(k, known, n=1, cutoff=0.8)
            if close:
                self.warn(
                    key + (k,),
                    _("unknown key '{key}' (kept as it is); did you mean '{close}'?").format(
                        key=k, close=close[0]
                    ),
                    KEY_TYPO,
                )
        return cls(**kwargs, extra=extra)

    def _line(self, meta: dict[str, Any], value: Any, key: KeyPath) -> str | None:
        text = normalize_text(value) if type(value) is str else self._text(meta, value, key)
        if text is not None and "\n" in text:
            self.error(key, _("'{key}' must be a single line").format(key=_dotted(key)))
            return None
        if key[-1] in _NAMES and text and (hidden := invisible_characters(text)):
            self.warn(key, _invisible_in_name(key, hidden), INVISIBLE_CHARACTERS)
        return text

    def _text(self, meta: dict[str, Any], value: Any, key: KeyPath) -> str | None:
        if type(value) is not str:
            self.error(
                key,
                _("'{key}' must be a string, not {type}").format(
                    key=_dotted(key), type=_type_name(value)
                ),
            )
            return None
        return normalize_text(value)

    def _enum(self, meta: dict[str, Any], value: Any, key: KeyPath) -> StrEnum | None:
        enum: type[StrEnum] = meta["enum"]
        if type(value) is str and (member := _members(enum).get(value)) is not None:
            return member  # what enum(value) gives, without its slow path through EnumType
        if value == "" and meta["blank"]:
            return None  # written as "": not set (and left out when the plan is saved)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            shown = repr(value) if isinstance(value, str) else _type_name(value)
            self.error(
                key,
                _("unknown value {shown} for '{key}'; expected one of: {allowed}").format(
                    shown=shown, key=key[-1], allowed=allowed
                ),
            )
            return None

    def _date(self, meta: dict[str, Any], value: Any, key: KeyPath) -> dt.date | None:
        return value if type(value) is dt.date else self.date(value, key)

    def _int(self, meta: dict[str, Any], value: Any, key: KeyPath) -> int | float | None:
        if type(value) is int and _in_range(meta, value):
            return value  # the usual case, without the checks that say what is wrong
        return self.number(meta, value, key)

    def _number(self, meta: dict[str, Any], value: Any, key: KeyPath) -> int | float | None:
        usual = type(value) is int or (type(value) is float and math.isfinite(value))
        if usual and _in_range(meta, value):
            number: int | float = value
            return number  # without the checks that say what is wrong
        return self.number(meta, value, key)

    def _strings(self, meta: dict[str, Any], value: Any, key: KeyPath) -> list[str] | None:
        if type(value) is not list or not all(type(v) is str for v in value):
            self.error(key, _("'{key}' must be an array of strings").format(key=_dotted(key)))
            return None
        if key[-1] in _ID_LISTS:
            for v in value:
                if hidden := invisible_characters(v):
                    self.warn(key, _invisible_in_id(v, hidden), INVISIBLE_CHARACTERS)
        return [normalize_text(v) for v in value]

    def _record(self, meta: dict[str, Any], value: Any, key: KeyPath) -> Any:
        return self.record(meta["record"], value, key)

    def _records(self, meta: dict[str, Any], value: Any, key: KeyPath) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(
                key, _("'{key}' must be a table of records keyed by id").format(key=_dotted(key))
            )
            return None
        out = {}
        for rid, table in value.items():
            if not is_valid_id(rid):
                self.error(
                    key + (rid,),
                    _(
                        "record id '{id}' is not valid: use lowercase letters, digits and "
                        "hyphens (at most 64 characters)"
                    ).format(id=rid),
                )
                continue
            out[rid] = self.record(meta["record"], table, key + (rid,))
        return out

    def _checkins(
        self, meta: dict[str, Any], value: Any, key: KeyPath
    ) -> dict[dt.date, int | float] | None:
        if not isinstance(value, dict):
            self.error(key, _("'{key}' must be a table of date = value").format(key=_dotted(key)))
            return None
        checkins: dict[dt.date, int | float] = {}
        for day, measured in value.items():
            try:
                if not _ISO_DAY.fullmatch(day):
                    raise ValueError(day)
                when = dt.date.fromisoformat(day)
            except ValueError:
                self.error(
                    key + (day,),
                    _("check-in key '{day}' is not a date (YYYY-MM-DD)").format(day=day),
                )
                continue
            number = self.number(_ANY_NUMBER, measured, key + (day,))
            if number is not None:
                checkins[when] = number
        return checkins

    def _checkin_sources(
        self, meta: dict[str, Any], value: Any, key: KeyPath
    ) -> dict[dt.date, str] | None:
        """Where each check-in came from, by date: one line of text each (``""`` is no
        source: a check-in entered by hand)."""
        if not isinstance(value, dict):
            self.error(
                key, _("'{key}' must be a table of date = \"source\"").format(key=_dotted(key))
            )
            return None
        sources: dict[dt.date, str] = {}
        for day, source in value.items():
            try:
                if not _ISO_DAY.fullmatch(day):
                    raise ValueError(day)
                when = dt.date.fromisoformat(day)
            except ValueError:
                self.error(
                    key + (day,),
                    _("check-in source key '{day}' is not a date (YYYY-MM-DD)").format(day=day),
                )
                continue
            text = self._line(meta, source, key + (day,))
            if text:
                sources[when] = text
        return sources

    def date(self, value: Any, key: KeyPath) -> dt.date | None:
        if isinstance(value, dt.datetime):
            self.error(
                key,
                _("'{key}' must be a date like 2026-11-30, not a date-time").format(
                    key=_dotted(key)
                ),
            )
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            message = _(
                "'{key}' must be a date like 2026-11-30 (write it without quotes), not {type}"
            )
        else:
            message = _("'{key}' must be a date like 2026-11-30, not {type}")
        self.error(key, message.format(key=_dotted(key), type=_type_name(value)))
        return None

    def number(self, meta: dict[str, Any], value: Any, key: KeyPath) -> int | float | None:
        want_int = meta["kind"] == "int"
        ok = isinstance(value, int) if want_int else isinstance(value, int | float)
        if isinstance(value, bool) or not ok:
            if want_int:
                message = _("'{key}' must be a whole number, not {type}")
            else:
                message = _("'{key}' must be a number, not {type}")
            self.error(key, message.format(key=_dotted(key), type=_type_name(value)))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.error(key, _("'{key}' must be a finite number").format(key=_dotted(key)))
            return None
        number: int | float = value
        lo, hi = meta["lo"], meta["hi"]
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            if hi is None:
                message = _("'{key}' must be {lo} or more, not {value}").format(
                    key=_dotted(key), lo=f"{lo:g}", value=value
                )
            else:
                message = _("'{key}' must be between {lo} and {hi}, not {value}").format(
                    key=_dotted(key), lo=f"{lo:g}", hi=f"{hi:g}", value=value
                )
            self.error(key, message)
            return None
        return number


def _in_range(meta: dict[str, Any], number: int | float) -> bool:
    lo, hi = meta["lo"], meta["hi"]
    return (lo is None or number >= lo) and (hi is None or number <= hi)


_MISSING = object()


@cache
def _members(enum: type[StrEnum]) -> dict[str, StrEnum]:
    return {m.value: m for m in enum}


@cache
def _converters(cls: type) -> tuple[tuple[str, Callable[..., Any], dict[str, Any]], ...]:
    """Per stored field of *cls*: its name, the :class:`_Decoder` method that checks and
    converts its value (``_<kind>``: ``None`` and a finding when the value is wrong) and its
    metadata; looked up once per record type."""
    return tuple((name, getattr(_Decoder, "_" + meta["kind"]), meta) for name, meta in _specs(cls))


def _check_references(plan: AccountPlan, dec: _Decoder) -> None:
    objectives = plan.where_to_go.objectives
    for aid, action in plan.how_to_get_there.actions.items():
        if action.objective and action.objective not in objectives:
            known = ", ".join(objectives) or _("none defined")
            dec.error(
                ("how_to_get_there", "actions", aid, "objective"),
                _(
                    "action '{action}' points to unknown objective '{objective}' "
                    "(objectives: {known})"
                ).format(action=aid, objective=action.objective, known=known),
            )
    _check_measures(plan, dec)
    _check_reports_to(plan, dec)
    _check_whitespace(plan, dec)
    seen: set[str] = set()
    for cid in plan.account.customer_ids:
        if cid in seen:
            dec.error(
                ("account", "customer_ids"),
                _("customer id '{cid}' is listed twice").format(cid=cid),
            )
        seen.add(cid)


def _check_reports_to(plan: AccountPlan, dec: _Decoder) -> None:
    """Who a person reports to is another person of the same buying centre, with no loop."""
    people = plan.where_am_i.buying_centre
    problems = reporting_problems({pid: p.reports_to for pid, p in people.items()})
    for pid, problem in problems.items():
        boss = people[pid].reports_to
        if problem == "unknown":
            known = ", ".join(people) or _("none defined")
            message = _(
                "person '{person}' reports to unknown person '{boss}' (buying centre: {known})"
            ).format(person=pid, boss=boss, known=known)
        elif boss == pid:
            message = _(
                "person '{person}' reports to themself: remove reports_to or name another"
            ).format(person=pid)
        else:
            chain = [pid]
            while (chain[-1] != pid or len(chain) == 1) and len(chain) <= len(people):
                chain.append(people[chain[-1]].reports_to)
            message = _(
                "person '{person}' is in a reporting loop ({chain}): "
                "someone in it must report to someone outside it, or to nobody"
            ).format(person=pid, chain=" -> ".join(chain))
        dec.error(("where_am_i", "buying_centre", pid, "reports_to"), message)


def _check_whitespace(plan: AccountPlan, dec: _Decoder) -> None:
    """A whitespace cell's competitor is one of the plan's competitors; an objective made from
    an opportunity points at a cell of the map (kamtui/plan/whitespace.py)."""
    w = plan.where_am_i
    for uid, unit in w.units.items():
        for oid, cell in unit.cells.items():
            if cell.competitor and cell.competitor not in w.competitors:
                known = ", ".join(w.competitors) or _("none defined")
                dec.error(
                    ("where_am_i", "units", uid, "cells", oid, "competitor"),
                    _(
                        "cell '{cell}' names unknown competitor '{competitor}' "
                        "(competitors: {known})"
                    ).format(cell=f"{uid}/{oid}", competitor=cell.competitor, known=known),
                )
    cells = {uid: unit.cells for uid, unit in w.units.items()}
    for oid, objective in plan.where_to_go.objectives.items():
        problem = opportunity_problem(objective.opportunity, cells)
        if not problem:
            continue
        unit_id, _slash, offering = objective.opportunity.partition("/")
        if problem == "form":
            message = _(
                "objective '{objective}' points to whitespace cell '{cell}', which is not "
                "'unit-id/offering-id'"
            )
        elif problem == "unit":
            message = _(
                "objective '{objective}' points to whitespace cell '{cell}', but there is no "
                "unit '{unit}' (units: {known})"
            )
        else:
            message = _(
                "objective '{objective}' points to whitespace cell '{cell}', but unit "
                "'{unit}' has no cell for offering '{offering}'"
            )
        dec.error(
            ("where_to_go", "objectives", oid, "opportunity"),
            message.format(
                objective=oid,
                cell=objective.opportunity,
                unit=unit_id,
                offering=offering,
                known=", ".join(cells) or _("none defined"),
            ),
        )


def _check_measures(plan: AccountPlan, dec: _Decoder) -> None:
    """An objective measured from a source says over which period; a check-in's source
    belongs to a check-in of the same date."""
    for oid, o in plan.where_to_go.objectives.items():
        key = ("where_to_go", "objectives", oid)
        if (
            o.source is not None
            and o.period is None
            and not any(f.key == (*key, "period") for f in dec.findings)  # a wrong one, said
        ):
            periods = ", ".join(f'"{p.value}"' for p in MeasurePeriod)
            dec.error(
                (*key, "source"),
                _(
                    "objective '{objective}' is measured from \"{source}\" but has no "
                    "period: add period = one of {periods}"
                ).format(objective=oid, source=o.source.value, periods=periods),
            )
        for day in o.checkin_sources:
            if day not in o.checkins:
                dec.error(
                    (*key, "checkin_sources", day.isoformat()),
                    _(
                        "objective '{objective}' has a check-in source for {day} but no "
                        "check-in on that date: remove the source or add the check-in"
                    ).format(objective=oid, day=day.isoformat()),
                )


def _readable_schema(dec: _Decoder, schema: Any, *, show_value: bool = True) -> bool:
    """Whether this version reads a document of *schema* (the value of its ``schema`` key): a
    whole number from 1 up to :data:`SCHEMA_VERSION`. An error in *dec* when not; *show_value*:
    the error of a value that is not a whole number quotes it (a plan's does, offerings.toml's
    does not)."""
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        if show_value:
            message = _("'schema' must be a whole number ({version}), not {value}").format(
                version=SCHEMA_VERSION, value=repr(schema)
            )
        else:
            message = _("'schema' must be a whole number ({version})").format(
                version=SCHEMA_VERSION
            )
        dec.error(("schema",), message)
        return False
    if schema > SCHEMA_VERSION:
        dec.error(
            ("schema",),
            _(
                "written by a newer kamtui (schema = {schema}); this version "
                "reads schema {version} and older: upgrade kamtui"
            ).format(schema=schema, version=SCHEMA_VERSION),
        )
        return False
    return True


def decode_plan(doc: dict[str, Any], plan_id: str) -> tuple[AccountPlan | None, list[Finding]]:
    """Turn a parsed TOML document into a plan; ``None`` when any error was found."""
    dec = _Decoder()
    schema = doc.get("schema")
    if schema is None:
        dec.warn(
            ("schema",),
            _("no 'schema' key; reading it as schema {version}").format(version=SCHEMA_VERSION),
            NO_SCHEMA,
        )
        schema = SCHEMA_VERSION
    elif not _readable_schema(dec, schema):
        return None, dec.findings
    while schema < SCHEMA_VERSION:
        doc = MIGRATIONS[schema](doc)
        schema += 1
    sections = {}
    for name, cls in SECTIONS:
        if name not in doc and name == "account":
            dec.error((), _("missing the [account] table"))
        sections[name] = dec.record(cls, doc.get(name, {}), (name,))
    extra = {k: v for k, v in doc.items() if k not in TOP_LEVEL_KEYS}
    for k in extra:
        close = difflib.get_close_matches(k, TOP_LEVEL_KEYS, n=1, cutoff=0.8)
        if close:
            dec.warn(
                (k,),
                _("unknown key '{key}' (kept as it is); did you mean '{close}'?").format(
                    key=k, close=close[0]
                ),
                KEY_TYPO,
            )
    plan = AccountPlan(id=plan_id, extra=extra, **sections)
    _check_references(plan, dec)
    if any(f.severity is Severity.ERROR for f in dec.findings):
        return None, dec.findings
    return plan, dec.findings


@cache
def _encoders(cls: type) -> tuple[tuple[str, str, bool], ...]:
    """Per stored field of *cls*: its name, kind and whether it is written when empty."""
    return tuple((name, meta["kind"], meta["always"]) for name, meta in _specs(cls))


def _encode_record(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    cls: type = type(obj)
    for name, kind, always in _encoders(cls):
        value = getattr(obj, name)
        if value is None:
            continue
        if kind == "text" or kind == "line":
            if value or always:
                out[name] = normalize_text(value) if "\r" in value else value
        elif kind == "enum":
            out[name] = value.value
        elif kind == "strings":
            out[name] = [normalize_text(v) for v in value]
        elif kind == "record":
            out[name] = _encode_record(value)
        elif kind == "records":
            if value:
                out[name] = {rid: _encode_record(rec) for rid, rec in value.items()}
        elif kind == "checkins" or kind == "checkin_sources":
            if value:
                out[name] = {d.isoformat(): value[d] for d in sorted(value)}
        else:  # date, int, number
            out[name] = value
    for k, v in obj.extra.items():
        out.setdefault(k, v)
    return out


def encode_plan(plan: AccountPlan) -> dict[str, Any]:
    """The canonical TOML document for *plan* (plain dicts, in the order they are written)."""
    doc: dict[str, Any] = {"schema": SCHEMA_VERSION}
    for name, _cls in SECTIONS:
        doc[name] = _encode_record(getattr(plan, name))
    for k, v in plan.extra.items():
        doc.setdefault(k, v)
    return doc


def dumps_plan(plan: AccountPlan) -> str:
    """The canonical text of *plan*: deterministic, LF ends, free text as multi-line strings.

    It is ``toml_writer.dumps(encode_plan(plan))`` (tomli-w's text, see
    kamtui/plan/toml_writer.py), written straight from the records without making the
    document first; a plan with keys added by hand at the top, or a value only tomli-w writes,
    takes that way (tests/core/test_toml_writer.py checks the two agree)."""
    try:
        return _write_plan(plan)
    except _toml.NotPlain:
        return _toml.dumps(encode_plan(plan))


@cache
def _writers(cls: type) -> tuple[tuple[str, str, str, bool], ...]:
    """Per stored field of *cls*: its name, its key as written, kind and ``always``."""
    return tuple((name, _toml.key(name), kind, always) for name, kind, always in _encoders(cls))


def _write_plan(plan: AccountPlan) -> str:
    if plan.extra:
        raise _toml.NotPlain  # keys added by hand at the top: the document says where they go
    out = [f"schema = {_toml.value(SCHEMA_VERSION)}\n"]
    for name, _cls in SECTIONS:
        out.append("\n")
        _write_record(getattr(plan, name), name, out)
    return "".join(out)


def _write_record(obj: Any, name: str, out: list[str]) -> None:
    """Append the table of record *obj* as ``write_table(_encode_record(obj), name, out)``
    would: its values in field order, then its records and check-ins as sub-tables."""
    if obj.extra:  # keys added by hand: written where the document puts them
        _toml.write_table(_encode_record(obj), name, out)
        return
    lines = []
    tables = []
    cls: type = type(obj)
    for field, key, kind, always in _writers(cls):
        value = getattr(obj, field)
        if value is None:
            continue
        if kind == "text" or kind == "line" or kind == "enum":
            if kind == "enum":
                text = value.value
            elif value or always:
                text = normalize_text(value) if "\r" in value else value
            else:
                continue
            if type(text) is str and _toml.plain(text):  # most values: no call to value()
                lines.append(f'{key} = "{text}"\n')
            else:
                lines.append(f"{key} = {_toml.value(text)}\n")
        elif kind == "strings":
            lines.append(f"{key} = {_toml.value([normalize_text(v) for v in value])}\n")
        elif kind == "record":
            tables.append((key, kind, value))
        elif kind == "records" or kind == "checkins" or kind == "checkin_sources":
            if value:
                tables.append((key, kind, value))
        else:  # date, int, number
            lines.append(f"{key} = {_toml.value(value)}\n")
    written = bool(lines)
    if lines or not tables:
        out.append(f"[{name}]\n")
        written = True
    out += lines
    for key, kind, value in tables:
        if written:
            out.append("\n")
        written = True
        sub = f"{name}.{key}"
        if kind == "record":
            _write_record(value, sub, out)
        elif kind == "records":
            for i, (rid, record) in enumerate(value.items()):
                if type(rid) is not str:
                    raise _toml.NotPlain
                if i:
                    out.append("\n")
                _write_record(record, f"{sub}.{_toml.key(rid)}", out)
        else:
            _toml.write_table({d.isoformat(): value[d] for d in sorted(value)}, sub, out)


def plan_fields(cls: type) -> tuple[Field[Any], ...]:
    """The dataclass fields of a record type that are stored in the file (for docs and UIs)."""
    names = _known(cls)
    return tuple(f for f in fields(cls) if f.name in names)


OFFERINGS_KEYS = ("schema", "offerings")
"""The top-level keys of the workspace's offerings.toml (kamtui/store/offerings.py)."""


def decode_offerings(
    doc: dict[str, Any],
) -> tuple[dict[str, _Offering] | None, dict[str, Any], list[Finding]]:
    """The workspace's offerings from the document of offerings.toml, its top-level keys this
    version does not know (kept) and what is wrong; the offerings are ``None`` on an error."""
    dec = _Decoder()
    if not _readable_schema(dec, doc.get("schema", SCHEMA_VERSION), show_value=False):
        return None, {}, dec.findings
    meta = {"record": _Offering}
    offerings = dec._records(meta, doc.get("offerings", {}), ("offerings",)) or {}
    extra = {k: v for k, v in doc.items() if k not in OFFERINGS_KEYS}
    for k in extra:
        close = difflib.get_close_matches(k, OFFERINGS_KEYS, n=1, cutoff=0.8)
        if close:
            message = _("unknown key '{key}' (kept as it is); did you mean '{close}'?").format(
                key=k, close=close[0]
            )
            code = KEY_TYPO
        else:
            message = _(
                "unknown key '{key}' (kept as it is): offerings go in [offerings.<id>]"
            ).format(key=k)
            code = ""
        dec.warn((k,), message, code)
    if any(f.severity is Severity.ERROR for f in dec.findings):
        return None, extra, dec.findings
    return offerings, extra, dec.findings


def encode_offerings(offerings: dict[str, _Offering], extra: dict[str, Any]) -> dict[str, Any]:
    """The canonical document of offerings.toml: schema, then one table per offering."""
    doc: dict[str, Any] = {"schema": SCHEMA_VERSION}
    if offerings:
        doc["offerings"] = {oid: _encode_record(o) for oid, o in offerings.items()}
    for k, v in extra.items():
        doc.setdefault(k, v)
    return doc
