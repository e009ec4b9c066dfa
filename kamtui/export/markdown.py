"""A plan as Markdown: meant to render well on a git forge (GitHub, GitLab) and to read well as
plain text, organised by the three planning questions and computed for an explicit ``today``.

User text never breaks the structure: control characters become visible placeholders
(:mod:`kamtui.text.safety`), characters that Markdown would read as markup are escaped with a
backslash (emphasis, code, links, HTML, tables, math, headings, lists, quotes), and inside table
cells line breaks become ``<br>``. Multi-line text keeps its line breaks (as Markdown hard
breaks); leading and trailing blanks of each line are dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from kamtui.export.json_doc import compact_json
from kamtui.plan import metrics, whitespace
from kamtui.plan.metrics import ACCESSIBILITY, accessibility_verdict, aspect_words, review_due
from kamtui.plan.model import (
    AccountPlan,
    ActionStatus,
    CellStatus,
    Horizon,
    Objective,
    Offering,
    Person,
    RelationshipLevel,
)
from kamtui.plan.org_chart import attitude_symbol, days_since_contact, org_tree
from kamtui.text import i18n
from kamtui.text.format import (
    MISSING,
    blocks,
    day_or_missing,
    enum_words,
    format_count,
    format_day,
    format_number,
    percent,
    short_amount,
)
from kamtui.text.i18n import N_, ngettext, pgettext
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line, printable
from kamtui.text.slugs import is_valid_id

QUESTIONS = (N_("Where am I?"), N_("Where do I want to go?"), N_("How do I get there?"))
"""The three questions of the method, in English (translated where shown, question_title)."""


def question_title(number: int) -> str:
    """``1. Where am I?`` (``1. Dove sono?``): the heading of question *number* (1–3)."""
    return f"{number}. {_(QUESTIONS[number - 1])}"


def _file_value(value: Any) -> str:
    """A fixed value as the file spells it in English (``rolling-12m``), as words in another
    language (``12 mesi mobili``)."""
    return str(value.value) if i18n.language() == "en" else enum_words(value)


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


def md_bar(ratio: float | None) -> str:
    """``███░░░░░░░ 30%``, the bar as code (so it lines up); ``—`` when there is no ratio."""
    if ratio is None:
        return MISSING
    ratio = min(1.0, max(0.0, ratio))
    return f"`{blocks(ratio)}` {percent(ratio)}"


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
        self.add(md_paragraphs(text) or _("_Not filled in._"))

    def render(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def _completeness_line(c: metrics.Completeness) -> str:
    line = _("> **Completeness:** {done} of {total} ({percent})").format(
        done=c.done, total=c.total, percent=percent(c.ratio)
    )
    if c.missing:
        line += _(". Missing: {missing}.").format(
            missing="; ".join(md_inline(m) for m in c.missing)
        )
    else:
        line += _(", nothing missing.")
    return line


def _notes(records: Iterable[tuple[str, str]]) -> str:
    """``**Label:** note`` items for the records that have notes ('' when none do)."""
    items = [f"**{label}:** {md_item(note)}" for label, note in records if note.strip()]
    return _("**Notes**") + "\n\n" + _md_list(items, "") if items else ""


def _title(plan: AccountPlan, today: dt.date) -> list[str]:
    a = plan.account
    plan_id = f"`{plan.id}`" if is_valid_id(plan.id) else md_one_line(plan.id)
    days = metrics.days_since_review(plan, today)
    every = a.review_every_days
    if a.last_review is None or days is None:
        review = ngettext(
            "every {days} days; never reviewed: **review due**",
            "every {days} days; never reviewed: **review due**",
            every,
        ).format(days=every)
    else:
        ago = (
            _("today")
            if days == 0
            else ngettext("{days} day ago", "{days} days ago", days).format(days=format_count(days))
        )
        review = ngettext(
            "every {days} days; last review {date} ({ago})",
            "every {days} days; last review {date} ({ago})",
            every,
        ).format(days=every, date=day_or_missing(a.last_review), ago=ago)
        due = review_due(plan)
        if metrics.is_stale(plan, today):
            review += _(": **stale**, review due since {date}").format(date=day_or_missing(due))
        else:
            review += _("; next review by {date}").format(date=day_or_missing(due))
    facts = [
        (_("Segment"), a.segment.value if a.segment else _("not analysed")),
        (_("Owner"), md_one_line(a.owner) or MISSING),
        (_("Customer ids"), ", ".join(md_one_line(c) for c in a.customer_ids) or MISSING),
        (_("Industry"), md_one_line(a.industry) or MISSING),
        (_("Currency"), md_one_line(a.currency) or MISSING),
        (_("Review"), review),
        (
            _("Exported"),
            _("{date} by kamtui, plan {plan}").format(date=format_day(today), plan=plan_id),
        ),
    ]
    name = md_one_line(a.name) or plan_id
    return [
        md_heading(1, _("Account plan: {name}").format(name=name)),
        "\n".join(f"- **{k}:** {v}" for k, v in facts),
    ]


def _at_a_glance(plan: AccountPlan, today: dt.date) -> list[str]:
    done = [
        f"{_(question)} {c.done}/{c.total}"
        for question, c in zip(QUESTIONS, metrics.completeness(plan), strict=True)
    ]
    actions = [
        a for a in plan.how_to_get_there.actions.values() if a.status is not ActionStatus.DROPPED
    ]
    closed = sum(1 for a in actions if a.status is ActionStatus.DONE)
    overdue = metrics.overdue_actions(plan, today)
    nxt = metrics.next_action(plan)
    objectives = len(plan.where_to_go.objectives)
    items = [
        _("**Plan completeness:** {questions}").format(questions=" · ".join(done)),
        ngettext(
            "**Objectives:** {count} objective, mean attainment {attainment}",
            "**Objectives:** {count} objectives, mean attainment {attainment}",
            objectives,
        ).format(count=format_count(objectives), attainment=percent(metrics.mean_attainment(plan))),
        _("**Actions:** {done} of {total} done, progress {progress}, {overdue} overdue").format(
            done=closed,
            total=len(actions),
            progress=percent(metrics.overall_progress(plan)),
            overdue=len(overdue),
        ),
    ]
    if nxt is not None:
        text = (
            _("**Next action:** {title} (due {date}, overdue)")
            if metrics.is_overdue(nxt[1], today)
            else _("**Next action:** {title} (due {date})")
        )
        items.append(text.format(title=md_one_line(nxt[1].title), date=day_or_missing(nxt[1].due)))
    return [md_heading(2, _("At a glance")), _md_list(items, "")]


def _org_chart(people: dict[str, Person], today: dt.date) -> str:
    """Who reports to whom as a nested list (kamtui/plan/org_chart.py), each person with
    title, attitude (its symbol reads without colour), role, influence, relationship and days
    since the last contact."""
    lines = []
    for root in org_tree(people):
        for depth, node in root.walk():
            p = node.person
            name = _block_safe(md_one_line(p.name or node.id))
            title = f" ({md_one_line(p.title)})" if p.title.strip() else ""
            days = days_since_contact(p, today)
            facts = [
                f"{attitude_symbol(p)} {enum_words(p.attitude)}",
                enum_words(p.role),
                _("{influence} influence").format(influence=enum_words(p.influence)),
                MISSING
                if p.relationship is None
                else _("relationship {strength}/5").format(strength=p.relationship),
                _("never contacted")
                if days is None
                else ngettext(
                    "last contact {days} days ago", "last contact {days} days ago", days
                ).format(days=days),
            ]
            lines.append(f"{'  ' * depth}- {name}{title}: {', '.join(facts)}")
    return "\n".join(lines)


def legend() -> str:
    """What the symbols of the whitespace map's cells mean (kamtui/plan/whitespace.py), in the
    language in use."""
    return _(
        "{ours} ours (our yearly revenue), {competitor} a competitor's, "
        "{opportunity} open opportunity (its estimated potential), "
        "{not_relevant} not relevant, {unknown} unknown"
    ).format(
        ours=whitespace.SYMBOLS[CellStatus.OURS],
        competitor=whitespace.SYMBOLS[CellStatus.COMPETITOR],
        opportunity=whitespace.SYMBOLS[CellStatus.OPPORTUNITY],
        not_relevant=whitespace.SYMBOLS[CellStatus.NOT_RELEVANT],
        unknown=whitespace.SYMBOLS[CellStatus.UNKNOWN],
    )


def _map_cell(plan: AccountPlan, unit_id: str, offering_id: str) -> str:
    """A cell of the whitespace map's table: its symbol and a short value (our revenue, the
    potential, the competitor's name: kamtui/plan/whitespace.py cell_value), user text escaped."""
    cell = whitespace.cell_at(plan, unit_id, offering_id)
    symbol = whitespace.SYMBOLS[cell.status]
    value = whitespace.cell_value(plan, cell)
    if cell.status is CellStatus.COMPETITOR:
        value = md_cell(value)  # the competitor's name: user text
    return f"{symbol} {value}" if value else symbol


def _map_totals(t: whitespace.Totals, currency: str) -> str:
    amount = f" {currency}" if currency else ""
    share = (
        ngettext(
            "competitor share {share} ({competitor} of {relevant} relevant cell: ours, "
            "a competitor's or open)",
            "competitor share {share} ({competitor} of {relevant} relevant cells: ours, "
            "a competitor's or open)",
            t.relevant,
        ).format(
            share=percent(t.competitor_share),
            competitor=t.competitor,
            relevant=format_count(t.relevant),
        )
        if t.competitor_share is not None
        else _("competitor share: no relevant cell yet")
    )
    won = ngettext("{won} of {cells} cell won", "{won} of {cells} cells won", t.cells).format(
        won=t.won, cells=format_count(t.cells)
    )
    opportunities = ngettext(
        "{count} open opportunity", "{count} open opportunities", t.open
    ).format(count=format_count(t.open))
    return _(
        "**Totals:** {won}, our revenue {revenue}; {opportunities}, potential {potential}; {share}."
    ).format(
        won=won,
        revenue=short_amount(t.our_revenue) + amount,
        opportunities=opportunities,
        potential=short_amount(t.open_potential) + amount,
        share=share,
    )


def _whitespace_map(plan: AccountPlan, offerings: Mapping[str, Offering], doc: _Doc) -> None:
    """The units × offerings table, its legend, totals and the notes of units and cells."""
    doc.heading(3, _("Whitespace map"))
    units = plan.where_am_i.units
    cols = whitespace.columns(plan, offerings)
    if not units:
        doc.add(_("_No units yet: list the customer's business units, sites or divisions._"))
        return
    stray = _(" (not an offering)")
    header = [pgettext("whitespace map", "Unit")] + [
        md_cell(c.name) + (stray if c.scope == whitespace.STRAY else "") for c in cols
    ]
    rows = [
        [md_cell(u.name or uid)] + [_map_cell(plan, uid, c.id) for c in cols]
        for uid, u in units.items()
    ]
    doc.add(md_table(header, rows))
    if not cols:
        doc.add(_("_No offerings: list the workspace's in offerings.toml, or add the plan's own._"))
    doc.add(_("Legend: {legend}.").format(legend=legend()))
    doc.add(_map_totals(whitespace.totals(plan, cols), md_one_line(plan.account.currency)))
    names = {c.id: c.name for c in cols}
    notes: list[tuple[str, str]] = []
    for uid, u in units.items():
        unit_name = md_one_line(u.name or uid)
        notes.append((unit_name, u.notes))
        notes += [
            (f"{unit_name} × {md_one_line(names.get(oid, oid))}", cell.note)
            for oid, cell in u.cells.items()
        ]
    doc.add(_notes(notes))


def map_link(plan: AccountPlan, objective: Objective, offerings: Mapping[str, Offering]) -> str:
    """``From the whitespace map: <unit> × <offering>`` for an objective made from a cell
    (escaped); "" for one that is not."""
    if not objective.opportunity:
        return ""
    unit_id, _sep, offering_id = objective.opportunity.partition("/")
    unit = plan.where_am_i.units.get(unit_id)
    offering = offerings.get(offering_id) or plan.where_am_i.offerings.get(offering_id)
    unit_name = (unit.name if unit is not None else "") or unit_id
    offering_name = (offering.name if offering is not None else "") or offering_id
    return _("From the whitespace map: {unit} × {offering}.").format(
        unit=md_one_line(unit_name), offering=md_one_line(offering_name)
    )


def _where_am_i(
    plan: AccountPlan, today: dt.date, doc: _Doc, offerings: Mapping[str, Offering]
) -> None:
    w = plan.where_am_i
    doc.heading(2, question_title(1))
    doc.add(_completeness_line(metrics.where_am_i_completeness(plan)))

    doc.heading(3, _("Customer analysis"))
    for title, text in (
        (pgettext("customer analysis", "Business"), w.business),
        (_("Strategic priorities"), w.priorities),
        (_("Buying motivation"), w.buying_motivation),
        (_("Decision process"), w.decision_process),
    ):
        doc.heading(4, title)
        doc.text(text)

    doc.heading(3, _("Buying centre"))
    people = w.buying_centre
    if people:
        header = (
            _("Name"),
            pgettext("job title", "Title"),
            _("Role"),
            _("Influence"),
            _("Attitude"),
            _("Orientation"),
            _("Relationship"),
            _("Last contact"),
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
        doc.add(_("_Nobody in the buying centre yet._"))
    if any(p.reports_to for p in people.values()):
        doc.add(_("**Org chart**"), _org_chart(people, today))
    gaps = metrics.relationship_gaps(plan, today, weak=True)
    doc.add(
        _("**Relationship gaps**"),
        _md_list(
            (md_one_line(g) for g in gaps),
            _(
                "No gaps: a decision maker is known, no hostile power, everybody contacted "
                "recently."
            ),
        ),
    )
    doc.add(_notes((md_one_line(p.name or pid), p.notes) for pid, p in people.items()))

    doc.heading(3, _("Accessibility"))
    acc = w.accessibility
    acc_rows: list[tuple[str, ...]] = []
    for name in ACCESSIBILITY:
        rating = getattr(acc, name)
        acc_rows.append(
            (
                aspect_words(name).capitalize(),
                MISSING if rating.rating is None else f"{rating.rating}/5",
                md_cell(rating.note),
            )
        )
    doc.add(md_table((_("Accessibility"), _("Rating"), _("Note")), acc_rows))
    doc.add(_("**Overall:** {verdict}.").format(verdict=accessibility_verdict(acc).describe()))

    doc.heading(3, pgettext("export heading", "Competitors"))
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
                (
                    _("Competitor"),
                    _("Share of wallet"),
                    _("Strengths"),
                    _("Weaknesses"),
                    _("Our positioning"),
                ),
                comp_rows,
                right=(1,),
            )
        )
    else:
        doc.add(_("_No competitors listed._"))

    doc.heading(3, pgettext("export heading", "SWOT"))
    for title, items in (
        (_("Strengths"), w.swot.strengths),
        (_("Weaknesses"), w.swot.weaknesses),
        (_("Opportunities"), w.swot.opportunities),
        (_("Threats"), w.swot.threats),
    ):
        doc.heading(4, title)
        doc.add(_md_list((md_item(s) for s in items if s.strip()), _("None listed.")))

    _whitespace_map(plan, offerings, doc)

    doc.heading(3, _("Relationship level"))
    level = w.relationship_level
    scale = " → ".join(
        f"**{enum_words(lv)}**" if lv is level else enum_words(lv) for lv in RelationshipLevel
    )
    doc.add(("" if level else _("_Not set._") + " ") + _("Scale: {scale}.").format(scale=scale))

    doc.heading(3, _("Key success factors"))
    doc.add(
        "\n".join(
            f"- [{'x' if known else ' '}] {md_inline(factor)}"
            for factor, known in metrics.success_factors(plan)
        )
    )


def _objective_table(objectives: list[tuple[str, Objective]]) -> str:
    header = (
        _("Objective"),
        _("Metric"),
        _("Baseline"),
        _("Target"),
        _("Current"),
        pgettext("unit of a metric", "Unit"),
        _("Due"),
        _("Attainment"),
    )
    rows = [
        (
            md_cell(o.title or oid),
            md_cell(o.metric),
            format_number(o.baseline),
            format_number(o.target),
            format_number(o.current),
            md_cell(o.unit),
            day_or_missing(o.due),
            md_bar(metrics.attainment(o)),
        )
        for oid, o in objectives
    ]
    return md_table(header, rows, right=(2, 3, 4))


def _where_to_go(plan: AccountPlan, doc: _Doc, offerings: Mapping[str, Offering]) -> None:
    g = plan.where_to_go
    doc.heading(2, question_title(2))
    doc.add(_completeness_line(metrics.where_to_go_completeness(plan)))
    doc.heading(3, _("Ambition"))
    doc.text(g.ambition)
    for horizon, title in (
        (Horizon.SHORT, _("Short-term objectives")),
        (Horizon.LONG, _("Medium/long-term objectives")),
    ):
        doc.heading(3, title)
        chosen = [(oid, o) for oid, o in g.objectives.items() if o.horizon is horizon]
        doc.add(_objective_table(chosen) if chosen else _("_None yet._"))
    doc.add(_objective_notes(plan, offerings))

    doc.heading(3, _("Check-in history"))
    items = []
    for oid, o in g.objectives.items():
        if not o.checkins:
            continue
        about = [md_one_line(o.unit)] if o.unit.strip() else []
        if o.source is not None:
            period = f", {_file_value(o.period)}" if o.period is not None else ""
            about.append(
                _("measured from {source}{period}").format(
                    source=_file_value(o.source), period=period
                )
            )
        unit = f" ({'; '.join(about)})" if about else ""
        history = " → ".join(_checkin(o, day) for day in sorted(o.checkins))
        items.append(f"**{md_one_line(o.title or oid)}**{unit}: {history}")
    doc.add(_md_list(items, _("No check-ins recorded yet.")))


def _objective_notes(plan: AccountPlan, offerings: Mapping[str, Offering]) -> str:
    """The objectives' notes, each led by the whitespace cell it was made from, if any."""
    items = []
    for oid, o in plan.where_to_go.objectives.items():
        parts = [p for p in (map_link(plan, o, offerings), md_item(o.notes)) if p]
        if parts:
            items.append(f"**{md_one_line(o.title or oid)}:** " + "\\\n  ".join(parts))
    return _("**Notes**") + "\n\n" + _md_list(items, "") if items else ""


def _checkin(o: Objective, day: dt.date) -> str:
    """``2026-11-30: 1540 (from revenue.csv, rolling-12m)``; a hand check-in without the
    parenthesis."""
    text = f"{format_day(day)}: {format_number(o.checkins[day])}"
    source = o.checkin_sources.get(day)
    if not source:
        return text
    return _("{checkin} (from {source})").format(checkin=text, source=md_one_line(source))


def _how_to_get_there(plan: AccountPlan, today: dt.date, doc: _Doc) -> None:
    h = plan.how_to_get_there
    objectives = plan.where_to_go.objectives
    doc.heading(2, question_title(3))
    doc.add(_completeness_line(metrics.how_to_get_there_completeness(plan)))
    doc.heading(3, _("Strategy"))
    doc.text(h.strategy)

    doc.heading(3, _("Progress by objective"))
    if objectives:
        progress = metrics.progress_by_objective(plan)
        counted = {oid: 0 for oid in objectives}
        for a in h.actions.values():
            if a.objective in counted and metrics.action_progress(a) is not None:
                counted[a.objective] += 1
        rows = [
            (md_cell(o.title or oid), str(counted[oid]), md_bar(progress[oid]))
            for oid, o in objectives.items()
        ]
        doc.add(md_table((_("Objective"), _("Actions"), _("Progress")), rows, right=(1,)))
    else:
        doc.add(_("_No objectives yet._"))
    doc.add(
        _("**Overall progress:** {bar} (mean over the actions that are not dropped).").format(
            bar=md_bar(metrics.overall_progress(plan))
        )
    )

    doc.heading(3, _("Action plan"))
    if h.actions:
        action_rows: list[tuple[str, ...]] = []
        for aid, a in h.actions.items():
            due = day_or_missing(a.due)
            if metrics.is_overdue(a, today):
                due = _("**{date} overdue**").format(date=due)
            status = enum_words(a.status)
            if a.completed is not None:
                status += f" {format_day(a.completed)}"
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
                (_("Action"), _("Objective"), _("Owner"), _("Due"), _("Status"), _("Progress")),
                action_rows,
                right=(5,),
            )
        )
        overdue = len(metrics.overdue_actions(plan, today))
        if overdue:
            doc.add(
                ngettext(
                    "**{count} action overdue** on {date} (open and past the due date).",
                    "**{count} actions overdue** on {date} (open and past the due date).",
                    overdue,
                ).format(count=format_count(overdue), date=format_day(today))
            )
    else:
        doc.add(_("_No actions yet._"))
    doc.add(_notes((md_one_line(a.title or aid), a.notes) for aid, a in h.actions.items()))


def _other_fields(plan: AccountPlan, doc: _Doc) -> None:
    items = []
    for path, extra in _extras(plan, ""):
        for key, value in extra.items():
            dotted = f"{path}.{key}" if path else str(key)
            shown = value if isinstance(value, str) else compact_json(value)
            items.append(f"{md_one_line(dotted)}: {md_one_line(shown)}")
    if items:
        doc.heading(2, _("Other fields"))
        doc.add(_("Keys added to the plan file by hand, kept by kamtui as they are:"))
        doc.add(_md_list(items, ""))


def plan_to_markdown(
    plan: AccountPlan, today: dt.date, offerings: Mapping[str, Offering] | None = None
) -> str:
    """The whole plan as a Markdown document organised by the three questions. *offerings*:
    the workspace's (offerings.toml, kamtui/store/offerings.py), the whitespace map's first
    columns; without them the map has the plan's own offerings only."""
    offerings = offerings or {}
    doc = _Doc()
    doc.add(*_title(plan, today))
    doc.add(*_at_a_glance(plan, today))
    _where_am_i(plan, today, doc, offerings)
    _where_to_go(plan, doc, offerings)
    _how_to_get_there(plan, today, doc)
    _other_fields(plan, doc)
    return doc.render()
