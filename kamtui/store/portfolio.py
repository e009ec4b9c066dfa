"""The portfolio as the app holds it: every loaded plan by id, and what changed on a reload.

Headless and I/O-free except for the ``read_*`` helpers, which the TUI runs in workers.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kamtui.plan.diagnostics import Problem
from kamtui.plan.file import LoadedPlan, read_plan
from kamtui.plan.row import PortfolioRow
from kamtui.store.entries import Kind, classify_path
from kamtui.store.watch import Stamp
from kamtui.text.i18n import gettext as _
from kamtui.text.names import name_key

RowKey = tuple[str, str, dt.date]


@dataclass(frozen=True)
class Entry:
    """One row of the portfolio: a healthy plan's figures, or a broken file's first error."""

    id: str
    loaded: LoadedPlan
    row: PortfolioRow | None
    revenue: float | None = None
    warnings: tuple[str, ...] = ()
    """What is wrong across files (a customer id listed in another plan too), to show with ⚠."""

    @property
    def error(self) -> Problem | None:
        errors = self.loaded.errors
        return errors[0] if errors else None

    @property
    def name(self) -> str:
        return self.row.name if self.row else self.id


class Portfolio:
    """Plans by id. ``update`` returns the ids whose rows must be redrawn."""

    def __init__(self) -> None:
        self.plans: dict[str, LoadedPlan] = {}
        self.revenue_by_customer: dict[str, float] = {}
        self.warnings: dict[str, tuple[str, ...]] = {}
        """Per plan id: problems across files (see :func:`shared_customer_ids`)."""
        self.rows: dict[RowKey, PortfolioRow] = {}
        """Figures already computed, by (id, content hash, today): a plan is only looked at
        again when its file changed or the day did."""

    def update(self, loaded: Iterable[LoadedPlan], removed: Iterable[str] = ()) -> set[str]:
        """Take newly read plans (and ids whose files are gone); return the ids that differ."""
        touched: set[str] = set()
        for lp in loaded:
            old = self.plans.get(lp.id)
            if old is None or old.digest != lp.digest or old.problems != lp.problems:
                self.plans[lp.id] = lp
                touched.add(lp.id)
        for plan_id in removed:
            if self.plans.pop(plan_id, None) is not None:
                touched.add(plan_id)
        if touched:
            warnings = shared_customer_ids(self.plans.values())
            touched |= {
                i
                for i in warnings.keys() | self.warnings.keys()
                if warnings.get(i) != self.warnings.get(i)
            }
            self.warnings = warnings
        return touched

    def replace_all(self, loaded: Iterable[LoadedPlan]) -> set[str]:
        """A full reload: plans not in *loaded* are gone."""
        fresh = list(loaded)
        gone = self.plans.keys() - {lp.id for lp in fresh}
        return self.update(fresh, gone)

    def revenue_of(self, lp: LoadedPlan) -> float | None:
        # lp.customer_ids, not lp.plan's: a plan from the cache is not unpickled (nor read) for
        # this, so a start-up with the last analysis's revenue stays as fast as one without.
        if not self.revenue_by_customer or lp.errors:
            return None
        values = [
            self.revenue_by_customer[c] for c in lp.customer_ids if c in self.revenue_by_customer
        ]
        return sum(values) if values else None

    def entry(self, plan_id: str, today: dt.date) -> Entry | None:
        lp = self.plans.get(plan_id)
        if lp is None:
            return None
        return Entry(
            plan_id, lp, self.row(lp, today), self.revenue_of(lp), self.warnings.get(plan_id, ())
        )

    def row(self, lp: LoadedPlan, today: dt.date) -> PortfolioRow | None:
        """The dashboard figures of a healthy plan (cached); ``None`` for a broken file."""
        if lp.errors:
            return None
        key = (lp.id, lp.digest, today)
        row = self.rows.get(key)
        if row is None and lp.plan is not None:
            # Imported here: a start that takes every row from the plan cache needs neither
            # the metrics nor the plan model.
            from kamtui.plan.metrics import portfolio_row

            row = self.rows[key] = portfolio_row(lp.plan, today)
        return row

    def rows_for(self, today: dt.date) -> dict[RowKey, PortfolioRow]:
        """The cached figures of the current plans as of *today* (what the plan cache keeps)."""
        current = {(lp.id, lp.digest) for lp in self.plans.values()}
        return {k: r for k, r in self.rows.items() if k[2] == today and k[:2] in current}

    def entries(self, today: dt.date) -> list[Entry]:
        """Every plan's entry, by id (:meth:`entry` for each, without looking each up)."""
        row, revenue_of, warnings = self.row, self.revenue_of, self.warnings
        return [
            Entry(plan_id, lp, row(lp, today), revenue_of(lp), warnings.get(plan_id, ()))
            for plan_id, lp in sorted(self.plans.items())
        ]


def same_name(plans: Iterable[LoadedPlan], name: str) -> LoadedPlan | None:
    """The plan of an account with this *name* already (see :func:`kamtui.text.names.name_key`),
    if there is one."""
    key = name_key(name)
    for lp in plans:
        if lp.plan is not None and key and name_key(lp.plan.account.name) == key:
            return lp
    return None


def shared_customer_ids(plans: Iterable[LoadedPlan]) -> dict[str, tuple[str, ...]]:
    """Plan id → a sentence for each customer id it lists that another plan lists too (the
    ABC classes and revenue of such an id would count twice; ``kamtui check`` says it too)."""
    owners: dict[str, list[LoadedPlan]] = {}
    for lp in plans:
        for cid in dict.fromkeys(lp.customer_ids):
            owners.setdefault(cid, []).append(lp)
    out: dict[str, list[str]] = {}
    for cid, listed in owners.items():
        if len(listed) < 2:
            continue
        for lp in listed:
            others = ", ".join(o.path.name for o in listed if o is not lp)
            out.setdefault(lp.id, []).append(
                _("customer id {cid} is also listed in {others}").format(cid=cid, others=others)
            )
    return {plan_id: tuple(sentences) for plan_id, sentences in out.items()}


def read_settled(path: Path, attempts: int = 5, delay: float = 0.15) -> LoadedPlan | None:
    """Read a plan that was just reported changed, tolerating a writer that is not done yet.

    A file caught half-written reads as broken; it is read again (up to *attempts* times,
    *delay* seconds apart) while it keeps changing or stays broken, and reported broken only
    if it still is after that. ``None`` when the file is gone (vim renames it away and back).
    """
    kind, problem = classify_path(os.path.realpath(path.parent), path)
    if kind is not Kind.PLAN and problem is not None:  # a link outside, a loop: never read
        return LoadedPlan(path=path, plan=None, problems=[problem])
    result: LoadedPlan | None = None
    for attempt in range(attempts):
        before = _stamp(path)
        if before is None:
            result = None
        else:
            result = read_plan(path)
            if not result.errors and _stamp(path) == before:
                return result
        if attempt + 1 < attempts:
            time.sleep(delay)
    return result


def _stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return Stamp(st.st_mtime_ns, st.st_size, st.st_ino)


SEGMENT_FILTERS = ("all", "A", "B", "C", "none")
"""Cycle of the segment filter; ``none`` = accounts with no ABC class yet."""


@dataclass(frozen=True)
class Filter:
    """What the dashboard shows: text typed after ``/``, a segment, "needs attention"."""

    text: str = ""
    segment: str = "all"
    attention: bool = False

    def matches(self, entry: Entry) -> bool:
        row = entry.row
        if self.text:
            needle = self.text.casefold()
            haystack = [entry.id, entry.name, row.owner if row else ""]
            if not any(needle in h.casefold() for h in haystack):
                return False
        if self.segment != "all":
            seg = row.segment if row else ""
            if (seg or "none") != self.segment:
                return False
        if self.attention:
            return row is None or row.overdue > 0 or row.stale
        return True

    def describe(self) -> str:
        parts = []
        if self.text:
            parts.append(f"“{self.text}”")
        if self.segment != "all":
            if self.segment == "none":
                parts.append(_("no segment"))
            else:
                parts.append(_("segment {segment}").format(segment=self.segment))
        if self.attention:
            parts.append(_("needs attention"))
        return ", ".join(parts)


@dataclass(frozen=True)
class SegmentTotals:
    segment: str
    accounts: int
    overdue: int
    stale: int
    revenue: float | None


def segment_totals(entries: Iterable[Entry]) -> list[SegmentTotals]:
    """Per segment (A, B, C, then none): accounts, overdue actions, stale plans, revenue."""
    groups: dict[str, list[Entry]] = {"A": [], "B": [], "C": [], "": []}
    for e in entries:
        if e.row is not None:
            groups[e.row.segment].append(e)
    out = []
    for seg, group in groups.items():
        if not group:
            continue
        revenues = [e.revenue for e in group if e.revenue is not None]
        out.append(
            SegmentTotals(
                seg,
                len(group),
                sum(e.row.overdue for e in group if e.row),
                sum(1 for e in group if e.row and e.row.stale),
                sum(revenues) if revenues else None,
            )
        )
    return out
