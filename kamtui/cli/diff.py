"""``kamtui diff ID [REV [REV]]``: what changed in a plan, in plan words, between two versions.

No revision: the last commit (``HEAD``) against the file on disk; one: that revision against
the file on disk; two: the first against the second. The comparison is
:func:`kamtui.plan.changes.plan_changes`; the versions come from git
(kamtui/git/history.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

if TYPE_CHECKING:
    from kamtui.git.history import Commit, WorkspaceHistory
    from kamtui.plan.file import LoadedPlan
    from kamtui.store.workspace import Workspace

HELP = N_("what changed in a plan, in plan words: HEAD against the file on disk, or two revisions")
DESCRIPTION = N_(
    "The changes of one plan grouped by the three questions (an action's status and progress, "
    "a check-in, a person added to the buying centre…). No REV: the last commit (HEAD) against "
    "the file on disk; one REV: that revision against the file on disk; two: the first against "
    "the second. Needs git; exit 2 without it, outside a repository or for an unknown id or "
    "revision, 1 when a version has errors."
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("diff", help=_(HELP), description=_(DESCRIPTION))
    p.add_argument("id", metavar="ID", help=_("the account id (its file name without .toml)"))
    p.add_argument(
        "revisions",
        metavar="REV",
        nargs="*",
        help=_("a commit, tag or branch (at most two; default: HEAD against the file on disk)"),
    )
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help=_("output (default: text)")
    )
    p.__class__ = _Intermixed
    p.set_defaults(run=run)


class _Intermixed(argparse.ArgumentParser):
    """A parser that takes options between positionals (``kamtui diff ID -w DIR REV REV``):
    argparse's plain parsing hands every positional its share at the first run of them, so the
    revisions after an option would be refused."""

    _inside = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._inside:  # parse_known_intermixed_args calls this twice itself
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False


class _Side:
    """One side of the comparison: a revision or the file on disk, and the plan read there."""

    def __init__(self, label: str, loaded: LoadedPlan | None, commit: Commit | None) -> None:
        self.label = label
        self.loaded = loaded
        self.commit = commit

    def to_json(self) -> dict[str, Any]:
        if self.commit is None:
            return {"revision": None, "file": self.label, "exists": self.loaded is not None}
        return {
            "revision": self.label,
            "commit": self.commit.hash,
            "date": self.commit.date.isoformat(),
            "exists": self.loaded is not None,
        }

    def title(self) -> str:
        from kamtui.text.safety import one_line

        if self.commit is None:
            return _("the file on disk")
        from kamtui.text.format import format_day

        return (
            f"{one_line(self.label)} ({self.commit.short}, {format_day(self.commit.date.date())})"
        )


def _at_revision(history: WorkspaceHistory, plan_id: str, revision: str) -> _Side:
    from kamtui.cli.common import UsageError
    from kamtui.git.command import GitError
    from kamtui.text.safety import one_line

    try:
        commit = history.resolve(revision)
    except GitError as exc:
        if revision == "HEAD" and not history.has_commits():
            return _Side("HEAD", None, None)  # no commit yet: everything on disk is new
        raise UsageError(one_line(str(exc))) from None
    return _Side(revision, history.plan_at(plan_id, commit), commit)


def _on_disk(ws: Workspace, plan_id: str) -> _Side:
    import os

    path = ws.path_for(plan_id)
    loaded = ws.load(plan_id) if os.path.lexists(path) else None
    return _Side(str(path), loaded, None)


def run(args: argparse.Namespace) -> int:
    from kamtui.cli.at import open_history, report_broken
    from kamtui.cli.common import UsageError, open_workspace
    from kamtui.cli.export import suggest_ids
    from kamtui.plan.changes import change_lines, plan_changes
    from kamtui.text.safety import one_line
    from kamtui.text.slugs import is_valid_id

    ws = open_workspace(args)
    plan_id: str = args.id
    revisions: list[str] = args.revisions
    if len(revisions) > 2:
        raise UsageError(_("diff takes at most two revisions"))
    if not is_valid_id(plan_id):
        raise UsageError(_("'{id}' is not a valid account id").format(id=one_line(plan_id)))
    history = open_history(ws.root)
    if not revisions:
        sides = (_at_revision(history, plan_id, "HEAD"), _on_disk(ws, plan_id))
    elif len(revisions) == 1:
        sides = (_at_revision(history, plan_id, revisions[0]), _on_disk(ws, plan_id))
    else:
        sides = (
            _at_revision(history, plan_id, revisions[0]),
            _at_revision(history, plan_id, revisions[1]),
        )
    before, after = sides
    if before.loaded is None and after.loaded is None:
        where = _(" nor ").join(side.title() for side in sides)
        message = _("no plan '{id}' in {where}").format(id=plan_id, where=where)
        close = suggest_ids(plan_id, ws.plan_ids())
        if close:
            message = _("{message}; did you mean: {ids}?").format(
                message=message, ids=", ".join(close)
            )
        raise UsageError(message)
    for side in sides:
        if side.loaded is not None and not side.loaded.ok:
            report_broken(side.loaded, side.title())
            return 1
    changes = plan_changes(
        before.loaded.plan if before.loaded else None, after.loaded.plan if after.loaded else None
    )
    if args.format == "json":
        doc = {
            "plan": plan_id,
            "before": before.to_json(),
            "after": after.to_json(),
            "changes": [c.to_json() for c in changes],
            "lines": change_lines(changes),
        }
        json.dump(doc, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    out = [f"{plan_id}: {before.title()} → {after.title()}"]
    out += [f"  {line}" for line in change_lines(changes)] or ["  " + _("no change")]
    sys.stdout.write("\n".join(out) + "\n")
    return 0
