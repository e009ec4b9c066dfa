"""``kamtui log ID [--since DATE]``: the commits that changed a plan, each with its changes in
plan words (kamtui/git/history.py reads them, kamtui/plan/changes.py says them)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from kamtui.cli.common import parse_date
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

if TYPE_CHECKING:
    from kamtui.git.history import PlanCommit

HELP = N_("the commits that changed a plan: date, author, subject and what changed, in plan words")
DESCRIPTION = N_(
    "{help}. Newest first; a renamed plan file keeps its history; a merge shows what it brought "
    "to the branch. A version with errors is reported, not compared. Needs git; exit 2 "
    "without it, outside a repository or for an id that no commit and no file has."
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("log", help=_(HELP), description=_(DESCRIPTION).format(help=_(HELP)))
    p.add_argument("id", metavar="ID", help=_("the account id (its file name without .toml)"))
    p.add_argument(
        "--since",
        type=parse_date,
        metavar="DATE",
        help=_("only the commits made on or after DATE (YYYY-MM-DD)"),
    )
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help=_("output (default: text)")
    )
    p.set_defaults(run=run)


def _to_json(entry: PlanCommit) -> dict[str, Any]:
    c = entry.commit
    return {
        "commit": c.hash,
        "date": c.date.isoformat(),
        "committed": c.committed.isoformat(),
        "author": c.author,
        "email": c.email,
        "subject": c.subject,
        "path": entry.path,
        "renamed_from": entry.renamed_from,
        "error": entry.error,
        "changes": [change.to_json() for change in entry.changes],
    }


def render_text(entries: list[PlanCommit]) -> str:
    """Each commit as ``DATE  SHORT  AUTHOR  SUBJECT`` and its changes below it, indented."""
    from kamtui.plan.changes import change_lines
    from kamtui.text.format import format_day
    from kamtui.text.safety import one_line

    out: list[str] = []
    for entry in entries:
        c = entry.commit
        if out:
            out.append("")
        out.append(
            f"{format_day(c.date.date())}  {c.short}  {one_line(c.author)}  {one_line(c.subject)}"
        )
        if entry.renamed_from is not None:
            out.append("  " + _("renamed from {path}").format(path=one_line(entry.renamed_from)))
        if entry.error is not None:
            out.append(
                "  " + _("has errors at this commit: {error}").format(error=one_line(entry.error))
            )
            continue
        lines = change_lines(list(entry.changes))
        out.extend(f"  {line}" for line in lines)
        if not lines and entry.renamed_from is None:
            out.append("  " + _("no change to the plan (only its layout in the file)"))
    return "\n".join(out) + "\n" if out else ""


def run(args: argparse.Namespace) -> int:
    import os

    from kamtui.cli.at import open_history
    from kamtui.cli.common import UsageError, open_workspace
    from kamtui.cli.export import suggest_ids
    from kamtui.git.command import GitError
    from kamtui.text.format import format_day
    from kamtui.text.safety import one_line
    from kamtui.text.slugs import is_valid_id

    ws = open_workspace(args)
    plan_id: str = args.id
    if not is_valid_id(plan_id):
        raise UsageError(_("'{id}' is not a valid account id").format(id=one_line(plan_id)))
    history = open_history(ws.root)
    try:
        entries = history.plan_log(plan_id, since=args.since)
    except GitError as exc:
        raise UsageError(one_line(str(exc))) from None
    path = history.plan_path(plan_id)
    if not entries and args.since is None and not os.path.lexists(ws.path_for(plan_id)):
        close = suggest_ids(plan_id, ws.plan_ids())
        message = _("no plan '{id}' in {root} and no commit of {path}").format(
            id=plan_id, root=ws.root, path=path
        )
        if close:
            message = _("{message}; did you mean: {ids}?").format(
                message=message, ids=", ".join(close)
            )
        raise UsageError(message)
    if args.format == "json":
        doc = {"plan": plan_id, "path": path, "commits": [_to_json(e) for e in entries]}
        json.dump(doc, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    if not entries:
        if args.since:
            message = _("kamtui: no commit changed {path} since {day}").format(
                path=path, day=format_day(args.since)
            )
        else:
            message = _("kamtui: no commit changed {path}").format(path=path)
        print(message, file=sys.stderr)
        return 0
    sys.stdout.write(render_text(entries))
    return 0
