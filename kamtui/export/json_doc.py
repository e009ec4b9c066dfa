"""A plan as JSON data for scripts (:func:`plan_to_json`, version :data:`JSON_VERSION`).

One object::

    {
      "format": "kamtui-plan-export", "version": 1, "schema": 1,
      "id": "acme", "today": "2026-11-30",
      "account": {...}, "where_am_i": {...}, "where_to_go": {...},
      "how_to_get_there": {...},
      "extra": {...},          # only when the file has hand-added top-level keys
      "workspace_offerings": {...},
      "derived": {...}
    }

The four sections hold the plan's data with the field names of the plan file
(docs/plan-format.md), in the same order, and *every* field is present: an unset value is
``null`` (the file leaves it out), an empty text ``""``, an empty list ``[]``. Records
(``buying_centre``, ``competitors``, ``offerings``, ``units``, ``objectives``, ``actions``) are
objects keyed by id in file order; the whitespace map is ``where_am_i.units``, each unit with
its ``cells`` keyed by offering id (``status``, ``revenue``, ``competitor``, ``potential``,
``note``; a cell the plan leaves out is unknown), and ``where_am_i.offerings`` the plan's own
offerings (``name``, ``notes``); an objective's ``opportunity`` is the cell it was made from
(``"unit-id/offering-id"``, ``""`` for none); ``checkins`` is an object ``{"YYYY-MM-DD":
value}`` sorted by date, and ``checkin_sources`` one ``{"YYYY-MM-DD": "revenue.csv,
rolling-12m"}`` for the check-ins that were measured (docs/measure.md; a check-in without one
was typed by hand). Dates are ISO strings; fixed values (segment, role, status, …) their file
spelling. Keys added to the file by hand are under ``"extra"`` in the record that holds them
(absent when there are none); their TOML dates and times become ISO strings and a non-finite
float its name (``"nan"``).

``workspace_offerings`` holds the workspace's offerings the export was made with (the
workspace's ``offerings.toml``, docs/whitespace.md), by id in file order, each with ``name``
and ``notes``: the map's first columns (``{}`` when none were given).

``derived`` holds the figures computed for ``today`` (never stored in the file); ratios are
0–1 rounded to 4 decimals, ``null`` when there is nothing to compute them from:
``days_since_review``, ``review_due`` (date), ``stale``, ``completeness`` (per question:
``done``, ``total``, ``ratio``, ``missing``), ``success_factors`` (``[{"factor", "known"}]``),
``relationship_gaps`` (sentences, the weak relationships with people with power included),
``whitespace`` (``columns``: ``[{"id", "name", "scope"}]`` in the map's order, scope
``workspace``, ``plan`` or ``stray`` (a cell names an offering that neither has); ``totals``:
``cells``, ``won``, ``our_revenue``, ``open``, ``open_potential``, ``competitor``,
``unknown``, ``relevant`` and ``competitor_share``, the competitors' cells among the relevant
ones: ours, a competitor's or open), ``accessibility`` (``verdict``, ``mean``, ``weakest``,
``rated``), ``attainment`` (per objective id), ``mean_attainment``, ``progress_by_objective``
(per objective id), ``overall_progress``, ``overdue_actions`` (ids, most overdue first),
``next_action`` (id or ``null``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from enum import Enum
from typing import Any

from kamtui.plan import metrics, whitespace
from kamtui.plan.metrics import accessibility_verdict, review_due
from kamtui.plan.model import SCHEMA_VERSION, AccountPlan, Offering
from kamtui.text import i18n

JSON_FORMAT = "kamtui-plan-export"
JSON_VERSION = 1


def _jsonable(value: Any) -> Any:
    """A value as plain JSON data: dates as ISO strings, enums as their value."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _record(value)
    if isinstance(value, dict):
        keys = sorted(value) if value and all(type(k) is dt.date for k in value) else list(value)
        return {_key(k): _jsonable(value[k]) for k in keys}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return str(value)


def _key(key: Any) -> str:
    return key.isoformat() if isinstance(key, dt.date) else str(key)


def _record(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name == "extra":
            if value:
                out["extra"] = _jsonable(value)
        else:
            out[f.name] = _jsonable(value)
    return out


def compact_json(value: Any) -> str:
    """*value* as JSON on one line (hand-added values shown in the Markdown)."""
    return json.dumps(_jsonable(value), ensure_ascii=False, separators=(", ", ": "))


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _whitespace(plan: AccountPlan, offerings: Mapping[str, Offering]) -> dict[str, Any]:
    cols = whitespace.columns(plan, offerings)
    t = whitespace.totals(plan, cols)
    return {
        "columns": [{"id": c.id, "name": c.name, "scope": c.scope} for c in cols],
        "totals": {
            "cells": t.cells,
            "won": t.won,
            "our_revenue": _jsonable(t.our_revenue),
            "open": t.open,
            "open_potential": _jsonable(t.open_potential),
            "competitor": t.competitor,
            "unknown": t.unknown,
            "relevant": t.relevant,
            "competitor_share": _ratio(t.competitor_share),
        },
    }


def derived_figures(
    plan: AccountPlan, today: dt.date, offerings: Mapping[str, Offering] | None = None
) -> dict[str, Any]:
    """The figures computed for *today* (the ``derived`` part of the JSON export); *offerings*
    the workspace's, for the whitespace map. Its texts (what is missing, the success factors,
    the relationship gaps, the verdict) are in English whatever the language in use: JSON is
    for scripts (docs/italian.md)."""
    with i18n.english():
        return _derived(plan, today, offerings)


def _derived(
    plan: AccountPlan, today: dt.date, offerings: Mapping[str, Offering] | None
) -> dict[str, Any]:
    verdict = accessibility_verdict(plan.where_am_i.accessibility)
    nxt = metrics.next_action(plan)
    return {
        "days_since_review": metrics.days_since_review(plan, today),
        "review_due": _jsonable(review_due(plan)),
        "stale": metrics.is_stale(plan, today),
        "completeness": {
            key: {
                "done": c.done,
                "total": c.total,
                "ratio": _ratio(c.ratio),
                "missing": list(c.missing),
            }
            for key, c in zip(
                ("where_am_i", "where_to_go", "how_to_get_there"),
                metrics.completeness(plan),
                strict=True,
            )
        },
        "success_factors": [
            {"factor": factor, "known": known} for factor, known in metrics.success_factors(plan)
        ],
        "relationship_gaps": metrics.relationship_gaps(plan, today, weak=True),
        "whitespace": _whitespace(plan, offerings or {}),
        "accessibility": {
            "verdict": verdict.verdict,
            "mean": _ratio(verdict.mean),
            "weakest": verdict.weakest,
            "rated": verdict.rated,
        },
        "attainment": {
            oid: _ratio(metrics.attainment(o)) for oid, o in plan.where_to_go.objectives.items()
        },
        "mean_attainment": _ratio(metrics.mean_attainment(plan)),
        "progress_by_objective": {
            oid: _ratio(p) for oid, p in metrics.progress_by_objective(plan).items()
        },
        "overall_progress": _ratio(metrics.overall_progress(plan)),
        "overdue_actions": [aid for aid, _action in metrics.overdue_actions(plan, today)],
        "next_action": None if nxt is None else nxt[0],
    }


def plan_to_json(
    plan: AccountPlan, today: dt.date, offerings: Mapping[str, Offering] | None = None
) -> dict[str, Any]:
    """The whole plan and its derived figures as JSON data (see the module docstring);
    *offerings*: the workspace's (offerings.toml), the whitespace map's first columns."""
    offerings = offerings or {}
    data: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "schema": SCHEMA_VERSION,
        "id": plan.id,
        "today": today.isoformat(),
        "account": _record(plan.account),
        "where_am_i": _record(plan.where_am_i),
        "where_to_go": _record(plan.where_to_go),
        "how_to_get_there": _record(plan.how_to_get_there),
    }
    if plan.extra:
        data["extra"] = _jsonable(plan.extra)
    data["workspace_offerings"] = {oid: _record(o) for oid, o in offerings.items()}
    data["derived"] = derived_figures(plan, today, offerings)
    return data


# Characters JSON may carry raw but a terminal or a JavaScript parser should not see raw: C1
# controls, bidi overrides, line and paragraph separators. They only occur inside strings.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def dumps(data: dict[str, Any]) -> str:
    """*data* as indented UTF-8 JSON text ending in a newline; every control character is
    escaped (``\\u001b``), other text is kept readable."""
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
