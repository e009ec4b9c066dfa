"""Editable fields of a plan record: what a form shows, how typed text becomes a value.

Headless: the TUI's forms and the tests use the same parsing and the same messages. A field's
kind, range and choices come from the model's field metadata, so a form can never accept a
value the plan file would reject.

Typed text is forgiving where it costs nothing: dates as ``2026-12-31``, ``today``, ``+7d``,
``+2w``, ``+3m`` or ``-1d``; numbers as ``1234.5``, ``1 234,5``, ``1_234``, ``12%``,
``1.5k`` or ``2M``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import math
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kamtui.plan.model import Number
from kamtui.text import i18n
from kamtui.text.format import format_day, localized, parse_day, value_words
from kamtui.text.i18n import N_, pgettext
from kamtui.text.i18n import gettext as _


class FieldError(ValueError):
    """Typed text that is not a valid value for a field; the message says what is expected."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form. ``kind`` is the model's: line, text, enum, date, int, number,
    strings (one item per line)."""

    name: str
    label: str
    kind: str
    required: bool = False
    lo: float | None = None
    hi: float | None = None
    choices: tuple[tuple[str, str], ...] = ()
    """(value, label) pairs for an enum-like field ("" is "not set" unless required)."""
    hint: str = ""

    @property
    def multiline(self) -> bool:
        """Edited in a text area (else in a one-line input)."""
        return self.kind == "strings" or (self.kind == "text" and self.name not in ONE_LINE)


ONE_LINE = frozenset({"title", "owner", "metric", "unit", "industry", "currency", "objective"})
"""Text fields that hold a short phrase: a one-line input is quicker to fill in."""


LABELS = {
    "name": N_("Name"),
    "title": N_("Title"),
    "reports_to": N_("Reports to"),
    "role": N_("Role"),
    "influence": N_("Influence"),
    "attitude": N_("Attitude to us"),
    "orientation": N_("Decision orientation"),
    "relationship": N_("Relationship (1–5)"),
    "last_contact": N_("Last contact"),
    "notes": N_("Notes"),
    "rating": N_("Rating (1–5)"),
    "note": N_("Note"),
    "share_of_wallet": N_("Share of wallet (%)"),
    "strengths": N_("Strengths (one per line)"),
    "weaknesses": N_("Weaknesses (one per line)"),
    "positioning": N_("Our positioning against them"),
    "horizon": N_("Horizon"),
    "metric": N_("Metric"),
    "unit": N_("Unit"),
    "source": N_("Measured from"),
    "period": N_("Period measured"),
    "baseline": N_("Baseline"),
    "target": N_("Target"),
    "current": N_("Current"),
    "due": N_("Due"),
    "objective": N_("Objective"),
    "owner": N_("Owner"),
    "status": N_("Status"),
    "progress": N_("Progress (%)"),
    "completed": N_("Completed on"),
    "customer_ids": N_("Customer ids"),
    "industry": N_("Industry"),
    "segment": N_("Segment"),
    "currency": N_("Currency"),
    "review_every_days": N_("Review every days"),
    "last_review": N_("Last review"),
    "business": N_("Business"),
    "priorities": N_("Priorities"),
    "buying_motivation": N_("Buying motivation"),
    "decision_process": N_("Decision process"),
    "relationship_level": N_("Relationship level"),
    "opportunities": N_("Opportunities"),
    "threats": N_("Threats"),
    "revenue": N_("Revenue"),
    "competitor": N_("Competitor"),
    "potential": N_("Potential"),
    "opportunity": N_("Opportunity"),
    "ambition": N_("Ambition"),
    "strategy": N_("Strategy"),
}

"""Each field's label, in English: translated by :func:`label` (a form is built when shown)."""

HINTS = {
    "date": N_("YYYY-MM-DD, today, +7d, +2w, +3m"),
    "number": N_("e.g. 1200000, 1.2M, 35%"),
}


def label(record: type, name: str) -> str:
    """The label of field *name* of a *record* type in the language in use. A person's title is
    their job title; a metric's unit is its unit of measure (they read alike in English)."""
    if name == "title" and record.__name__ == "Person":
        return pgettext("job title", "Title")
    if name == "unit":
        return pgettext("unit of a metric", "Unit")
    words = LABELS.get(name)
    return _(words) if words is not None else name.replace("_", " ").capitalize()


def specs_for(record: type, *, skip: tuple[str, ...] = ()) -> list[FieldSpec]:
    """The editable fields of a model record type, in file order."""
    out = []
    for f in dataclasses.fields(record):
        kind = f.metadata.get("kind")
        if kind in (None, "extra", "record", "records", "checkins", "checkin_sources"):
            continue
        if f.name in skip:
            continue
        choices: tuple[tuple[str, str], ...] = ()
        enum = f.metadata.get("enum")
        if enum is not None:
            choices = tuple((m.value, value_words(m.value)) for m in enum)
        lo, hi = f.metadata.get("lo"), f.metadata.get("hi")
        hint = _(HINTS[kind]) if kind in HINTS else ""
        if kind in ("int", "number") and lo is not None and hi is not None:
            hint = f"{_num(lo)}–{_num(hi)}"
        out.append(
            FieldSpec(
                name=f.name,
                label=label(record, f.name),
                kind=kind,
                required=bool(f.metadata.get("required")) or _never_empty(f),
                lo=lo,
                hi=hi,
                choices=choices,
                hint=hint,
            )
        )
    return out


def _never_empty(f: dataclasses.Field[Any]) -> bool:
    """A choice or a number whose default is a value (a status, a horizon, a progress): the
    model has no "not set" for it, so the form must not offer one."""
    return f.metadata.get("kind") in ("enum", "int", "number", "date") and f.default not in (
        None,
        dataclasses.MISSING,
    )


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# -- parsing ----------------------------------------------------------------------------------

_RELATIVE = re.compile(r"([+-])\s*(\d{1,4})\s*([dwmy])", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LINES = re.compile(r"\r\n|\r|\n")
MAX_INT = 2**63 - 1
"""TOML integers are 64-bit: a larger one would make a file other tools reject."""
_SCALE = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def add_months(day: dt.date, months: int) -> dt.date:
    """*day* moved by whole months, clamped to the end of a shorter month."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise FieldError(_("that date is out of range"))
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def parse_date(text: str, today: dt.date) -> dt.date | None:
    """``None`` for empty text; raises :class:`FieldError` for anything else not a date."""
    raw = text.strip()
    if not raw:
        return None
    low = raw.lower()
    if low in ("today", "oggi"):
        return today
    shift = {"tomorrow": "+1d", "yesterday": "-1d", "domani": "+1d", "ieri": "-1d"}.get(low)
    m = _RELATIVE.fullmatch(shift or raw)
    if m:
        n = int(m.group(2)) * (1 if m.group(1) == "+" else -1)
        unit = m.group(3).lower()
        try:
            if unit == "d":
                return today + dt.timedelta(days=n)
            if unit == "w":
                return today + dt.timedelta(weeks=n)
            return add_months(today, n if unit == "m" else 12 * n)
        except OverflowError:
            raise FieldError(_("that date is out of range")) from None
    try:
        local = parse_day(raw)  # 02/12/2026 in Italian
        if local is not None:
            return local
        if not _ISO_DATE.fullmatch(raw):
            raise ValueError
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise FieldError(
            _("'{text}' is not a date: use YYYY-MM-DD, today or +7d").format(text=raw)
        ) from None


_DOT_GROUPS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")


def _grouped_by_dots(body: str) -> bool:
    """``1.234`` and ``1.234.567`` read as thousands where the language writes decimals with a
    comma (Italian: ``1.234,5``); where it writes them with a dot (English) 1.234 is 1.234 and
    1.234.567 is not a number."""
    return localized(".") == "," and _DOT_GROUPS.fullmatch(body) is not None


def parse_number(text: str) -> Number | None:
    """``None`` for empty text; ints stay ints (``1200`` not ``1200.0``)."""
    raw = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not raw:
        return None
    body = raw.rstrip("%").strip()
    scale = 1
    low = body.lower()
    for suffix, factor in _SCALE.items():
        if low.endswith(suffix) and low[: -len(suffix)].strip()[-1:].isdigit():
            body, scale = body[: -len(suffix)].strip(), factor
            break
    body = body.replace(" ", "").replace("_", "").replace("'", "")
    if "," in body and "." in body:
        # the later mark is the decimal one: 1,234.5 or 1.234,5
        if body.rfind(",") > body.rfind("."):
            body = body.replace(".", "").replace(",", ".")
        else:
            body = body.replace(",", "")
    elif "." in body and _grouped_by_dots(body):
        body = body.replace(".", "")  # 1.234 and 1.234.567 where a comma is decimal (it)
    elif "," in body:
        head, _comma, tail = body.rpartition(",")
        # 1,234 (grouping, three digits after one comma) vs 12,5 (decimal comma)
        if body.count(",") > 1 or (len(tail) == 3 and head.lstrip("+-").isdigit()):
            body = body.replace(",", "")
        else:
            body = head + "." + tail
    if not _NUMBER.fullmatch(body):
        raise FieldError(_("'{text}' is not a number").format(text=raw))
    if len(body) > 40:
        raise FieldError(_("'{text}' is too large").format(text=raw[:20] + "…"))
    if "." in body or "e" in body.lower():
        number = float(body) * scale
        if not math.isfinite(number):
            raise FieldError(_("'{text}' is too large").format(text=raw))
        if number.is_integer() and scale != 1:
            if abs(number) > MAX_INT:
                raise FieldError(_("'{text}' is too large").format(text=raw))
            return int(number)
        return number
    value = int(body) * scale
    if not -MAX_INT - 1 <= value <= MAX_INT:
        raise FieldError(_("'{text}' is too large").format(text=raw))
    return value


def parse_field(spec: FieldSpec, text: str, today: dt.date) -> Any:
    """The value typed *text* stands for in field *spec*; raises :class:`FieldError`."""
    raw = text.strip() if not spec.multiline else text.strip("\n")
    if spec.required and not raw.strip():
        raise FieldError(_("{field} is required").format(field=spec.label.split(" (")[0]))
    kind = spec.kind
    if kind == "line":
        if "\n" in raw or "\r" in raw:
            raise FieldError(_("one line only"))
        return raw
    if kind == "text":
        return "\n".join(line.rstrip() for line in _LINES.split(raw)).strip()
    if kind == "strings":
        return [line.strip() for line in _LINES.split(raw) if line.strip()]
    if kind == "enum":
        if not raw:
            return None
        for choice, words in spec.choices:
            english = choice.replace("-", " ")
            if raw.lower() in (choice.lower(), words.lower(), english.lower()):
                return choice
        if i18n.language() == "en":
            names = ", ".join(v for v, _words in spec.choices)
        else:
            names = ", ".join(words for _value, words in spec.choices)
        raise FieldError(_("'{text}' is not one of: {names}").format(text=raw, names=names))
    if kind == "date":
        return parse_date(raw, today)
    if kind in ("int", "number"):
        value = parse_number(raw)
        if value is None:
            return None
        if kind == "int" and isinstance(value, float):
            if not value.is_integer():
                raise FieldError(_("'{text}' is not a whole number").format(text=raw))
            value = int(value)
        if (spec.lo is not None and value < spec.lo) or (spec.hi is not None and value > spec.hi):
            if spec.hi is None:
                raise FieldError(_("must be {low} or more").format(low=_num(spec.lo or 0)))
            raise FieldError(
                _("must be between {low} and {high}").format(
                    low=_num(spec.lo or 0), high=_num(spec.hi)
                )
            )
        return value
    raise FieldError(_("cannot edit a field of kind {kind}").format(kind=kind))  # pragma: no cover


def format_field(spec: FieldSpec, value: Any) -> str:
    """The text a form shows for *value* (what :func:`parse_field` turns back into it)."""
    if value is None:
        return ""
    if spec.kind == "strings":
        return "\n".join(value)
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.date):
        return format_day(value)
    return str(value)  # a float keeps its point (20.0), so an untouched field reads back the same


def read_values(record: Any, specs: list[FieldSpec]) -> dict[str, str]:
    """The form text of every field of *record*."""
    return {s.name: format_field(s, getattr(record, s.name)) for s in specs}


def parse_values(
    specs: list[FieldSpec], texts: dict[str, str], today: dt.date
) -> tuple[dict[str, Any], dict[str, str]]:
    """Parse every field: (values, errors by field name). Values only holds valid fields."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for spec in specs:
        try:
            values[spec.name] = parse_field(spec, texts.get(spec.name, ""), today)
        except FieldError as exc:
            errors[spec.name] = str(exc)
    _together(values, errors)
    return values, errors


def _together(values: dict[str, Any], errors: dict[str, str]) -> None:
    """The rules between fields that the plan file also has (kamtui/plan/codec.py): an
    objective measured from a source says over which period."""
    if values.get("source") and "period" in values and not values["period"]:
        errors.setdefault("period", _("choose the period measured from the revenue file"))


def apply_values(record: Any, values: dict[str, Any]) -> None:
    """Set parsed *values* on *record*, converting enum values to the model's enum types."""
    types = {f.name: f.metadata.get("enum") for f in dataclasses.fields(record)}
    for name, value in values.items():
        enum = types.get(name)
        if enum is not None and value is not None:
            value = enum(value)
        setattr(record, name, value)
