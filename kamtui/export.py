"""A plan for people who do not run kamtui: Markdown to share or paste, JSON for scripts.

Both are organised by the three planning questions and computed for an explicit ``today``
(overdue actions, staleness, relationship gaps depend on it). Nothing here touches the terminal
or imports anything heavy: the command line (``kamtui export``) and the app both call it.

Markdown
    Meant to render well on a git forge (GitHub, GitLab) and to read well as plain text. User
    text never breaks the structure: control characters become visible placeholders
    (:mod:`kamtui.text.safety`), characters that Markdown would read as markup are escaped
    with a backslash (emphasis, code, links, HTML, tables, math, headings, lists, quotes), and
    inside table cells line breaks become ``<br>``. Multi-line text keeps its line breaks (as
    Markdown hard breaks); leading and trailing blanks of each line are dropped.

JSON (:func:`plan_to_json`, version :data:`JSON_VERSION`)
    One object::

        {
          "format": "kamtui-plan-export", "version": 1, "schema": 1,
          "id": "acme", "today": "2026-11-30",
          "account": {...}, "where_am_i": {...}, "where_to_go": {...},
          "how_to_get_there": {...},
          "extra": {...},          # only when the file has hand-added top-level keys
          "derived": {...}
        }

    The four sections hold the plan's data with the field names of the plan file
    (docs/plan-format.md), in the same order, and *every* field is present: an unset value is
    ``null`` (the file leaves it out), an empty text ``""``, an empty list ``[]``. Records
    (``buying_centre``, ``competitors``, ``objectives``, ``actions``) are objects keyed by id in
    file order; ``checkins`` is an object ``{"YYYY-MM-DD": value}`` sorted by date. Dates are ISO
    strings; fixed values (segment, role, status, …) their file spelling. Keys added to the file
    by hand are under ``"extra"`` in the record that holds them (absent when there are none);
    their TOML dates and times become ISO strings and a non-finite float its name (``"nan"``).

    ``derived`` holds the figures computed for ``today`` (never stored in the file); ratios are
    0–1 rounded to 4 decimals, ``null`` when there is nothing to compute them from:
    ``days_since_review``, ``review_due`` (date), ``stale``, ``completeness`` (per question:
    ``done``, ``total``, ``ratio``, ``missing``), ``success_factors`` (``[{"factor", "known"}]``),
    ``relationship_gaps`` (sentences), ``accessibility`` (``verdict``, ``mean``, ``weakest``,
    ``rated``), ``attainment`` (per objective id), ``mean_attainment``, ``progress_by_objective``
    (per objective id), ``overall_progress``, ``overdue_actions`` (ids, most overdue first),
    ``next_action`` (id or ``null``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from kamtui.plan import metrics
from kamtui.plan.diagnostics import ConflictError, PlanError
from kamtui.plan.metrics import (  # derived figures, shared with the app
    ACCESSIBILITY,
    accessibility_verdict,
    review_due,
)
from kamtui.plan.model import (
    SCHEMA_VERSION,
    AccountPlan,
    ActionStatus,
    Horizon,
    Number,
    Objective,
    RelationshipLevel,
)
from kamtui.store.atomic import atomic_write, file_digest
from kamtui.text.safety import one_line, printable
from kamtui.text.slugs import is_valid_id

FORMATS = ("md", "json")
SUFFIXES = {"md": ".md", "json": ".json"}
JSON_FORMAT = "kamtui-plan-export"
JSON_VERSION = 1
BAR_WIDTH = 10
MISSING = "—"
"""Shown for a value that is not set (a date, a number, a fixed value)."""

QUESTION_TITLES = ("1. Where am I?", "2. Where do I want to go?", "3. How do I get there?")


# -- Markdown escaping -------------------------------------------------------------------------

_LINE_END = re.compile(r"\r\n|\r|\n")
# Markup anywhere in a line: escapes, code, emphasis, strikethrough, links and images, HTML and
# autolinks, table cells, math ($ on GitHub and GitLab), headings and forge references (#12).
_INLINE = re.compile(r"[\\`*_~\[\]<|$#]")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Markup only at the start of a line: block quotes, list items, setext underlines.
_BLOCK_START = re.compile(r"^(?:[>+=-]|(\d+)([.)]))")


def _lines(text: str) -> list[str]:
    return _LINE_END.split(text)


def md_inline(text: str) -> str:
    """One line of user text as literal Markdown inline content (no line breaks in *text*)."""
    safe = printable(text.replace("\t", " "))
    safe = _INLINE.sub(lambda m: "\\" + m.group(), safe)
    return _ENTITY.sub(r"\\&", safe)


def _block_safe(line: str) -> str:
    """An escaped line that starts a block (paragraph, list item) must not become markup."""
    m = _BLOCK_START.match(line)
    if m is None:
        return line
    if m.group(1) is not None:  # "2027. " would start an ordered list
        return f"{m.group(1)}\\{m.group(2)}{line[m.end() :]}"
    return "\\" + line


def md_one_line(text: str) -> str:
    """User text on one line (a title, a heading, a list label): breaks become `` ⏎ ``."""
    return md_inline(one_line(_LINE_END.sub("\n", text)).strip())


def md_paragraphs(text: str) -> str:
    """Multi-line user text as Markdown paragraphs: blank lines separate paragraphs, other
    line breaks are kept as hard breaks."""
    paragraphs: list[list[str]] = [[]]
    for raw in _lines(text):
        line = raw.strip()
        if line:
            paragraphs[-1].append(_block_safe(md_inline(line)))
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\\\n".join(p) for p in paragraphs if p)


def md_item(text: str) -> str:
    """User text as the content of a list item (after ``- ``); line breaks are hard breaks."""
    lines = [_block_safe(md_inline(s)) for raw in _lines(text) if (s := raw.strip())]
    return "\\\n  ".join(lines)


def md_cell(text: str) -> str:
    """User text as one table cell: ``|`` escaped, line breaks as ``<br>``."""
    lines = [md_inline(raw.strip()) for raw in _lines(text.strip())]
    return "<br>".join(lines)


def md_heading(level: int, text: str) -> str:
    return f"{'#' * level} {text}"


def md_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], *, right: Sequence[int] = ()
) -> str:
    """A GFM table; cells must already be escaped (:func:`md_cell`); *right*-aligned columns."""
    out = ["| " + " | ".join(header) + " |"]
    out.append("|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|")
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"table row has {len(row)} cells, header {len(header)}")
        out.append("| " + " | ".join(row) + " |")
    return "\n".join(out)


def _md_list(items: Iterable[str], empty: str) -> str:
    lines = [f"- {item}" for item in items]
    if lines:
        return "\n".join(lines)
    return f"_{empty}_" if empty else ""


# -- formatting values ------------------------------------------------------------------------


def enum_words(value: Enum | None) -> str:
    """A fixed value as words: ``economic-buyer`` → ``economic buyer``."""
    return MISSING if value is None else str(value.value).replace("-", " ")


def day_or_missing(value: dt.date | None) -> str:
    return MISSING if value is None else value.isoformat()


def format_number(value: Number | None) -> str:
    if value is None:
        return MISSING
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def percent(ratio: float | None) -> str:
    return MISSING if ratio is None else f"{round(ratio * 100)}%"


def bar(ratio: float | None, width: int = BAR_WIDTH) -> str:
    """``███░░░░░░░ 30%`` (the bar as code, so it lines up); ``—`` when there is no ratio."""
    if ratio is None:
        return MISSING
    ratio = min(1.0, max(0.0, ratio))
    filled = round(ratio * width)
    return f"`{'█' * filled}{'░' * (width - filled)}` {percent(ratio)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _extras(obj: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every non-empty ``extra`` dict in the plan, with the dotted path of its record."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        where = f"{path}.{f.name}" if path else f.name
        if f.name == "extra":
            if value:
                yield path, value
        elif dataclasses.is_dataclass(value):
            yield from _extras(value, where)
        elif isinstance(value, dict):
            for key, item in value.items():
                if dataclasses.is_dataclass(item):
                    yield from _extras(item, f"{where}.{key}")


# -- Markdown ---------------------------------------------------------------------------------


class _Doc:
    def __init__(self) -> None:
        self.blocks: list[str] = []

    def add(self, *blocks: str) -> None:
        self.blocks.extend(b for b in blocks if b)

    def heading(self, level: int, text: str) -> None:
        self.add(md_heading(level, text))

    def text(self, text: str) -> None:
        self.add(md_paragraphs(text) or "_Not filled in._")

    def render(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def _completeness_line(c: metrics.Completeness) -> str:
    line = f"> **Completeness:** {c.done} of {c.total} ({percent(c.ratio)})"
    if c.missing:
        line += ". Missing: " + "; ".join(md_inline(m) for m in c.missing) + "."
    else:
        line += ", nothing missing."
    return line


def _notes(records: Iterable[tuple[str, str]]) -> str:
    """``**Label:** note`` items for the records that have notes ('' when none do)."""
    items = [f"**{label}:** {md_item(note)}" for label, note in records if note.strip()]
    return "**Notes**\n\n" + _md_list(items, "") if items else ""


def _title(plan: AccountPlan, today: dt.date) -> list[str]:
    a = plan.account
    plan_id = f"`{plan.id}`" if is_valid_id(plan.id) else md_one_line(plan.id)
    days = metrics.days_since_review(plan, today)
    if a.last_review is None or days is None:
        review = f"every {a.review_every_days} days; never reviewed: **review due**"
    else:
        ago = "today" if days == 0 else f"{_plural(days, 'day')} ago"
        review = (
            f"every {a.review_every_days} days; last review {day_or_missing(a.last_review)} ({ago})"
        )
        due = review_due(plan)
        if metrics.is_stale(plan, today):
            review += f": **stale**, review due since {day_or_missing(due)}"
        else:
            review += f"; next review by {day_or_missing(due)}"
    facts = [
        ("Segment", a.segment.value if a.segment else "not analysed"),
        ("Owner", md_one_line(a.owner) or MISSING),
        ("Customer ids", ", ".join(md_one_line(c) for c in a.customer_ids) or MISSING),
        ("Industry", md_one_line(a.industry) or MISSING),
        ("Currency", md_one_line(a.currency) or MISSING),
        ("Review", review),
        ("Exported", f"{today.isoformat()} by kamtui, plan {plan_id}"),
    ]
    name = md_one_line(a.name) or plan_id
    return [
        md_heading(1, f"Account plan: {name}"),
        "\n".join(f"- **{k}:** {v}" for k, v in facts),
    ]


def _at_a_glance(plan: AccountPlan, today: dt.date) -> list[str]:
    done = [
        f"{title.split(' ', 1)[1]} {c.done}/{c.total}"
        for title, c in zip(QUESTION_TITLES, metrics.completeness(plan), strict=True)
    ]
    actions = [
        a for a in plan.how_to_get_there.actions.values() if a.status is not ActionStatus.DROPPED
    ]
    closed = sum(1 for a in actions if a.status is ActionStatus.DONE)
    overdue = metrics.overdue_actions(plan, today)
    nxt = metrics.next_action(plan)
    items = [
        "**Plan completeness:** " + " · ".join(done),
        "**Objectives:** "
        + _plural(len(plan.where_to_go.objectives), "objective")
        + f", mean attainment {percent(metrics.mean_attainment(plan))}",
        f"**Actions:** {closed} of {len(actions)} done, progress "
        f"{percent(metrics.overall_progress(plan))}, {len(overdue)} overdue",
    ]
    if nxt is not None:
        late = ", overdue" if metrics.is_overdue(nxt[1], today) else ""
        items.append(
            f"**Next action:** {md_one_line(nxt[1].title)} (due {day_or_missing(nxt[1].due)}{late})"
        )
    return [md_heading(2, "At a glance"), _md_list(items, "")]


def _where_am_i(plan: AccountPlan, today: dt.date, doc: _Doc) -> None:
    w = plan.where_am_i
    doc.heading(2, QUESTION_TITLES[0])
    doc.add(_completeness_line(metrics.where_am_i_completeness(plan)))

    doc.heading(3, "Customer analysis")
    for title, text in (
        ("Business", w.business),
        ("Strategic priorities", w.priorities),
        ("Buying motivation", w.buying_motivation),
        ("Decision process", w.decision_process),
    ):
        doc.heading(4, title)
        doc.text(text)

    doc.heading(3, "Buying centre")
    people = w.buying_centre
    if people:
        header = (
            "Name",
            "Title",
            "Role",
            "Influence",
            "Attitude",
            "Orientation",
            "Relationship",
            "Last contact",
        )
        rows = [
            (
                md_cell(p.name or pid),
                md_cell(p.title),
                enum_words(p.role),
                enum_words(p.influence),
                enum_words(p.attitude),
                enum_words(p.orientation),
                MISSING if p.relationship is None else f"{p.relationship}/5",
                day_or_missing(p.last_contact),
            )
            for pid, p in people.items()
        ]
        doc.add(md_table(header, rows))
    else:
        doc.add("_Nobody in the buying centre yet._")
    gaps = metrics.relationship_gaps(plan, today)
    doc.add(
        "**Relationship gaps**",
        _md_list(
            (md_one_line(g) for g in gaps),
            "No gaps: a decision maker is known, no hostile power, everybody contacted recently.",
        ),
    )
    doc.add(_notes((md_one_line(p.name or pid), p.notes) for pid, p in people.items()))

    doc.heading(3, "Accessibility")
    acc = w.accessibility
    acc_rows: list[tuple[str, ...]] = []
    for name in ACCESSIBILITY:
        rating = getattr(acc, name)
        acc_rows.append(
            (
                name.capitalize(),
                MISSING if rating.rating is None else f"{rating.rating}/5",
                md_cell(rating.note),
            )
        )
    doc.add(md_table(("Accessibility", "Rating", "Note"), acc_rows))
    doc.add(f"**Overall:** {accessibility_verdict(acc).describe()}.")

    doc.heading(3, "Competitors")
    if w.competitors:
        comp_rows = [
            (
                md_cell(c.name or cid),
                MISSING if c.share_of_wallet is None else f"{format_number(c.share_of_wallet)}%",
                "<br>".join("• " + md_cell(s) for s in c.strengths if s.strip()),
                "<br>".join("• " + md_cell(s) for s in c.weaknesses if s.strip()),
                md_cell(c.positioning),
            )
            for cid, c in w.competitors.items()
        ]
        doc.add(
            md_table(
                ("Competitor", "Share of wallet", "Strengths", "Weaknesses", "Our positioning"),
                comp_rows,
                right=(1,),
            )
        )
    else:
        doc.add("_No competitors listed._")

    doc.heading(3, "SWOT")
    for title, items in (
        ("Strengths", w.swot.strengths),
        ("Weaknesses", w.swot.weaknesses),
        ("Opportunities", w.swot.opportunities),
        ("Threats", w.swot.threats),
    ):
        doc.heading(4, title)
        doc.add(_md_list((md_item(s) for s in items if s.strip()), "None listed."))

    doc.heading(3, "Relationship level")
    level = w.relationship_level
    scale = " → ".join(
        f"**{enum_words(lv)}**" if lv is level else enum_words(lv) for lv in RelationshipLevel
    )
    doc.add(("" if level else "_Not set._ ") + "Scale: " + scale + ".")

    doc.heading(3, "Key success factors")
    doc.add(
        "\n".join(
            f"- [{'x' if known else ' '}] {md_inline(factor)}"
            for factor, known in metrics.success_factors(plan)
        )
    )


def _objective_table(objectives: list[tuple[str, Objective]]) -> str:
    header = ("Objective", "Metric", "Baseline", "Target", "Current", "Unit", "Due", "Attainment")
    rows = [
        (
            md_cell(o.title or oid),
            md_cell(o.metric),
            format_number(o.baseline),
            format_number(o.target),
            format_number(o.current),
            md_cell(o.unit),
            day_or_missing(o.due),
            bar(metrics.attainment(o)),
        )
        for oid, o in objectives
    ]
    return md_table(header, rows, right=(2, 3, 4))


def _where_to_go(plan: AccountPlan, doc: _Doc) -> None:
    g = plan.where_to_go
    doc.heading(2, QUESTION_TITLES[1])
    doc.add(_completeness_line(metrics.where_to_go_completeness(plan)))
    doc.heading(3, "Ambition")
    doc.text(g.ambition)
    for horizon, title in (
        (Horizon.SHORT, "Short-term objectives"),
        (Horizon.LONG, "Medium/long-term objectives"),
    ):
        doc.heading(3, title)
        chosen = [(oid, o) for oid, o in g.objectives.items() if o.horizon is horizon]
        doc.add(_objective_table(chosen) if chosen else "_None yet._")
    doc.add(_notes((md_one_line(o.title or oid), o.notes) for oid, o in g.objectives.items()))

    doc.heading(3, "Check-in history")
    items = []
    for oid, o in g.objectives.items():
        if not o.checkins:
            continue
        unit = f" ({md_one_line(o.unit)})" if o.unit.strip() else ""
        history = " → ".join(
            f"{day.isoformat()}: {format_number(o.checkins[day])}" for day in sorted(o.checkins)
        )
        items.append(f"**{md_one_line(o.title or oid)}**{unit}: {history}")
    doc.add(_md_list(items, "No check-ins recorded yet."))


def _how_to_get_there(plan: AccountPlan, today: dt.date, doc: _Doc) -> None:
    h = plan.how_to_get_there
    objectives = plan.where_to_go.objectives
    doc.heading(2, QUESTION_TITLES[2])
    doc.add(_completeness_line(metrics.how_to_get_there_completeness(plan)))
    doc.heading(3, "Strategy")
    doc.text(h.strategy)

    doc.heading(3, "Progress by objective")
    if objectives:
        progress = metrics.progress_by_objective(plan)
        counted = {oid: 0 for oid in objectives}
        for a in h.actions.values():
            if a.objective in counted and metrics.action_progress(a) is not None:
                counted[a.objective] += 1
        rows = [
            (md_cell(o.title or oid), str(counted[oid]), bar(progress[oid]))
            for oid, o in objectives.items()
        ]
        doc.add(md_table(("Objective", "Actions", "Progress"), rows, right=(1,)))
    else:
        doc.add("_No objectives yet._")
    doc.add(
        f"**Overall progress:** {bar(metrics.overall_progress(plan))} "
        "(mean over the actions that are not dropped)."
    )

    doc.heading(3, "Action plan")
    if h.actions:
        action_rows: list[tuple[str, ...]] = []
        for aid, a in h.actions.items():
            due = day_or_missing(a.due)
            if metrics.is_overdue(a, today):
                due = f"**{due} overdue**"
            status = enum_words(a.status)
            if a.completed is not None:
                status += f" {a.completed.isoformat()}"
            served = objectives.get(a.objective)
            if served is not None:
                objective = md_cell(served.title or a.objective)
            else:
                objective = md_cell(a.objective) or MISSING
            action_rows.append(
                (
                    md_cell(a.title or aid),
                    objective,
                    md_cell(a.owner) or MISSING,
                    due,
                    status,
                    f"{a.progress}%",
                )
            )
        doc.add(
            md_table(
                ("Action", "Objective", "Owner", "Due", "Status", "Progress"),
                action_rows,
                right=(5,),
            )
        )
        overdue = len(metrics.overdue_actions(plan, today))
        if overdue:
            doc.add(
                f"**{_plural(overdue, 'action')} overdue** on {today.isoformat()} "
                "(open and past the due date)."
            )
    else:
        doc.add("_No actions yet._")
    doc.add(_notes((md_one_line(a.title or aid), a.notes) for aid, a in h.actions.items()))


def _other_fields(plan: AccountPlan, doc: _Doc) -> None:
    items = []
    for path, extra in _extras(plan, ""):
        for key, value in extra.items():
            dotted = f"{path}.{key}" if path else str(key)
            shown = value if isinstance(value, str) else _compact_json(value)
            items.append(f"{md_one_line(dotted)}: {md_one_line(shown)}")
    if items:
        doc.heading(2, "Other fields")
        doc.add("Keys added to the plan file by hand, kept by kamtui as they are:")
        doc.add(_md_list(items, ""))


def plan_to_markdown(plan: AccountPlan, today: dt.date) -> str:
    """The whole plan as a Markdown document organised by the three questions."""
    doc = _Doc()
    doc.add(*_title(plan, today))
    doc.add(*_at_a_glance(plan, today))
    _where_am_i(plan, today, doc)
    _where_to_go(plan, doc)
    _how_to_get_there(plan, today, doc)
    _other_fields(plan, doc)
    return doc.render()


# -- JSON -------------------------------------------------------------------------------------


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


def _compact_json(value: Any) -> str:
    return json.dumps(_jsonable(value), ensure_ascii=False, separators=(", ", ": "))


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def derived_figures(plan: AccountPlan, today: dt.date) -> dict[str, Any]:
    """The figures computed for *today* (the ``derived`` part of the JSON export)."""
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
        "relationship_gaps": metrics.relationship_gaps(plan, today),
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
        "overdue_actions": [aid for aid, _ in metrics.overdue_actions(plan, today)],
        "next_action": None if nxt is None else nxt[0],
    }


def plan_to_json(plan: AccountPlan, today: dt.date) -> dict[str, Any]:
    """The whole plan and its derived figures as JSON data (see the module docstring)."""
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
    data["derived"] = derived_figures(plan, today)
    return data


# Characters JSON may carry raw but a terminal or a JavaScript parser should not see raw: C1
# controls, bidi overrides, line and paragraph separators. They only occur inside strings.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def dumps(data: dict[str, Any]) -> str:
    """*data* as indented UTF-8 JSON text ending in a newline; every control character is
    escaped (``\\u001b``), other text is kept readable."""
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


# -- delivering -------------------------------------------------------------------------------


def render(plan: AccountPlan, today: dt.date, fmt: str) -> str:
    """The export of *plan* as text in format *fmt* (``md`` or ``json``)."""
    if fmt == "md":
        return plan_to_markdown(plan, today)
    if fmt == "json":
        return dumps(plan_to_json(plan, today))
    raise ValueError(f"unknown export format {fmt!r}; expected one of: {', '.join(FORMATS)}")


def default_file_name(plan_id: str, fmt: str) -> str:
    """``acme.md``, ``acme.json``: the file name the app suggests."""
    return plan_id + SUFFIXES[fmt]


class OutputExistsError(PlanError):
    """The export file already exists and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} already exists; not overwritten (use --force to replace it)")


def write_export(path: Path, text: str, *, force: bool = False) -> None:
    """Write *text* to *path* (UTF-8) atomically: all or nothing.

    An existing file is replaced only with *force*; otherwise :class:`OutputExistsError`. Other
    failures raise :class:`PlanError` with the reason.
    """
    path = Path(path)
    if os.path.isdir(path):
        raise PlanError(f"{path} is a folder; give a file name")
    exists = os.path.lexists(path)
    if exists and not force:
        raise OutputExistsError(path)
    try:
        atomic_write(
            path, text.encode("utf-8"), expected_digest=file_digest(path) if exists else None
        )
    except ConflictError as exc:
        if exc.reason.startswith("a file with this name"):
            raise OutputExistsError(path) from None
        raise PlanError(f"{path}: not written: {exc.reason}") from None
    except OSError as exc:
        raise PlanError(f"{path}: cannot write: {exc.strerror or exc}") from None
