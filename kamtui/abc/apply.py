"""Writing ABC classes into account plans (``kamtui abc FILE --apply``).

A plan lists the revenue customer ids of its account (``account.customer_ids``). The rule for a
plan, written down because a plan may list several ids (legal entities of one group, a
customer's ship-to codes):

    **a plan takes the class of its highest-ranked customer id.**

Why not "sum the revenue of its ids and class the sum"? Classes are not a property of an
amount: they come from the position in the ranking, which the merged sum would change for
*every other* customer too (its cumulative share moves), so plans would disagree with the
per-customer classes printed beside them, and the answer would depend on which other plans
happen to merge ids. The highest-ranked id is consistent with the printed result (a plan with
one id gets exactly that id's class), never depends on other plans, and is the class of the
best relationship in the account, which is what the KAM must not neglect. Its limit — a group
of many small ids that together would rank higher — is reported: for plans with several ids
the report gives their summed revenue, so a person can judge.

Saving goes through :meth:`Workspace.save` (atomic, refusing files changed on disk since they
were read, and files whose ``#`` comments would be lost); unchanged plans are never written.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from kamtui.abc.result import AbcResult
from kamtui.plan.diagnostics import ConflictError, PlanError, PlanFileError
from kamtui.plan.file import LoadedPlan
from kamtui.plan.model import AccountPlan, Segment
from kamtui.store.workspace import CommentsWouldBeLostError, Workspace
from kamtui.text.i18n import gettext as _


@dataclass(frozen=True)
class PlanVerdict:
    """The class a plan should have, and which of its ids decided it."""

    segment: Segment
    customer_id: str
    """The plan's highest-ranked customer id."""
    ids_found: int
    """How many of the plan's ids are in the result."""
    revenue: float
    """The summed revenue of the plan's ids in the result."""


@dataclass(frozen=True)
class PlanChange:
    """A plan whose segment was written (``before`` → ``after``)."""

    plan_id: str
    path: Path
    before: Segment | None
    verdict: PlanVerdict


@dataclass(frozen=True)
class PlanRefusal:
    """A plan that could not be updated, and why."""

    plan_id: str
    path: Path
    reason: str


@dataclass(frozen=True)
class UnplannedCustomer:
    """A customer in the result that no plan lists."""

    rank: int
    customer: str
    name: str
    segment: Segment
    revenue: float


@dataclass
class ApplyReport:
    """What ``--apply`` did, plan by plan."""

    changed: list[PlanChange] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    """Plans that already had the right segment (not written)."""
    refused: list[PlanRefusal] = field(default_factory=list)
    """Plans that should change but could not be saved (conflict, comments, errors)."""
    no_revenue: list[str] = field(default_factory=list)
    """Plans whose customer ids are all absent from the file (left as they are)."""
    no_ids: list[str] = field(default_factory=list)
    """Plans that list no customer ids (cannot be linked)."""
    unplanned: list[UnplannedCustomer] = field(default_factory=list)
    """The top customers no plan lists (A first), up to the limit asked for."""
    unplanned_by_class: dict[Segment, int] = field(default_factory=dict)
    """How many customers of each class no plan lists."""

    @property
    def ok(self) -> bool:
        return not self.refused


def plan_verdict(
    customer_ids: list[str], ranks: dict[str, int], result: AbcResult
) -> PlanVerdict | None:
    """The class for a plan listing *customer_ids*: that of its highest-ranked id."""
    found = [cid.strip() for cid in customer_ids if cid.strip() in ranks]
    if not found:
        return None
    best = min(found, key=ranks.__getitem__)
    table = result.customers
    rows = [ranks[cid] for cid in dict.fromkeys(found)]
    return PlanVerdict(
        segment=Segment(table["class"].iat[ranks[best]]),
        customer_id=best,
        ids_found=len(rows),
        revenue=float(table["revenue"].to_numpy()[rows].sum()),
    )


def save_plan(ws: Workspace, loaded: LoadedPlan, plan: AccountPlan, comments: str) -> str | None:
    """Save *plan* over *loaded* with one safe save; the reason when it cannot be, else
    ``None``. *comments* is the reason given when the file has ``#`` comments that saving would
    drop (what to do by hand instead); the others are the save's own (a conflict, the file's
    first error). Used here and by kamtui/abc/measure.py."""
    try:
        ws.save(loaded, plan)
    except CommentsWouldBeLostError:
        return comments
    except ConflictError as exc:
        return exc.reason
    except PlanFileError as exc:
        if exc.problems:
            return _("the file has errors: {problem}").format(problem=exc.problems[0].message)
        return str(exc)
    except (PlanError, OSError) as exc:
        return str(exc)
    return None


def _save_segment(ws: Workspace, loaded: LoadedPlan, segment: Segment) -> str | None:
    """Write *segment* into the plan; the reason when it cannot be saved, else ``None``."""
    assert loaded.plan is not None
    plan = copy.deepcopy(loaded.plan)
    plan.account.segment = segment
    comments = _(
        'the file has # comments that saving would drop: set segment = "{segment}" in '
        "[account] by hand"
    ).format(segment=segment.value)
    return save_plan(ws, loaded, plan, comments)


def _apply_one(
    ws: Workspace,
    loaded: LoadedPlan,
    ranks: dict[str, int],
    result: AbcResult,
    report: ApplyReport,
    dry_run: bool = False,
) -> None:
    if loaded.plan is None or loaded.errors:
        first = loaded.errors[0].format() if loaded.errors else _("cannot be read")
        broken = _("broken plan: {error}").format(error=first)
        report.refused.append(PlanRefusal(loaded.id, loaded.path, broken))
        return
    ids = loaded.plan.account.customer_ids
    verdict = plan_verdict(ids, ranks, result)
    if not ids:
        report.no_ids.append(loaded.id)
    elif verdict is None:
        report.no_revenue.append(loaded.id)
    elif loaded.plan.account.segment == verdict.segment:
        report.unchanged.append(loaded.id)
    elif not dry_run and (reason := _save_segment(ws, loaded, verdict.segment)) is not None:
        report.refused.append(PlanRefusal(loaded.id, loaded.path, reason))
    else:
        before = loaded.plan.account.segment
        report.changed.append(PlanChange(loaded.id, loaded.path, before, verdict))


def _unplanned(result: AbcResult, planned: set[str], report: ApplyReport, top: int) -> None:
    table = result.customers
    missing = ~table["customer"].isin(planned).to_numpy()
    for segment in Segment:
        count = int((missing & (table["class"] == segment.value).to_numpy()).sum())
        report.unplanned_by_class[segment] = count
    for rank in missing.nonzero()[0][:top]:
        report.unplanned.append(
            UnplannedCustomer(
                rank=int(rank) + 1,
                customer=str(table["customer"].iat[rank]),
                name=str(table["name"].iat[rank]),
                segment=Segment(table["class"].iat[rank]),
                revenue=float(table["revenue"].iat[rank]),
            )
        )


def apply_classes(
    ws: Workspace, result: AbcResult, *, top_unplanned: int = 10, dry_run: bool = False
) -> ApplyReport:
    """Set ``account.segment`` in every plan whose customer ids are in *result*.

    Each plan is handled on its own: a broken or conflicting plan is reported and the others
    still get saved. Plans that already have the right segment are not written. *dry_run*:
    write nothing; ``changed`` lists the plans that would change (to ask the user first).
    """
    ranks = {str(c): i for i, c in enumerate(result.customers["customer"])}
    report = ApplyReport()
    planned: set[str] = set()
    for loaded in ws.load_all().plans:
        if loaded.plan is not None:
            planned.update(cid.strip() for cid in loaded.plan.account.customer_ids)
        _apply_one(ws, loaded, ranks, result, report, dry_run)
    _unplanned(result, planned, report, top_unplanned)
    return report
