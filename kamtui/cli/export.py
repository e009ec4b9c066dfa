"""``kamtui export ID``: one plan as Markdown (to share or paste) or JSON (for scripts).

The rendering is :mod:`kamtui.export`; this module finds the plan, picks the format and
delivers the text: to stdout, or atomically to a file that is never overwritten without
``--force``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kamtui.cli.at import AT_HELP
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

if TYPE_CHECKING:
    import datetime as dt

    from kamtui.plan.file import LoadedPlan
    from kamtui.store.offerings import WorkspaceOfferings
    from kamtui.store.workspace import Workspace

HELP = N_("export one plan, organised by the three questions, as Markdown or JSON")
DESCRIPTION = N_(
    "{help}. Markdown renders on GitHub/GitLab and pastes into documents; JSON holds the "
    "plan's data plus the derived figures (attainment, progress, overdue, completeness) "
    "under 'derived'. Exit code 2 for an unknown id or an existing output file, 1 for a "
    "plan with errors."
)
FORMAT_CHOICES = ("md", "json")
SUGGESTIONS = 3


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help=_(HELP), description=_(DESCRIPTION).format(help=_(HELP)))
    p.add_argument("id", metavar="ID", help=_("the account id (its file name without .toml)"))
    p.add_argument(
        "--format",
        choices=FORMAT_CHOICES,
        default=None,
        help=_("md or json (default: json when FILE ends in .json, else md)"),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_("write to FILE instead of stdout ('-' is stdout); never overwrites without --force"),
    )
    p.add_argument(
        "-f", "--force", action="store_true", help=_("replace FILE if it exists (atomically)")
    )
    p.add_argument(
        "--at",
        metavar="REV|DATE",
        help=_("the plan {at}; 'today' is then that date unless --today says otherwise").format(
            at=_(AT_HELP)
        ),
    )
    p.set_defaults(run=run)


def _pick_format(args: argparse.Namespace) -> str:
    if args.format is not None:
        return str(args.format)
    output = args.output or ""
    return "json" if output.lower().endswith(".json") else "md"


def suggest_ids(query: str, known: set[str], n: int = SUGGESTIONS) -> list[str]:
    """Up to *n* ids that look like *query*: similar as a whole or at the start (a typo in the
    first words), or containing it."""
    from difflib import SequenceMatcher

    query = query.lower()
    scored = []
    for candidate in known:
        score = SequenceMatcher(None, query, candidate).ratio()
        if len(query) >= 3:
            head = candidate[: len(query)]
            score = max(score, SequenceMatcher(None, query, head).ratio())
            if query in candidate:
                score = max(score, 0.9)
        if score >= 0.6:
            scored.append((-score, candidate))
    return [candidate for _, candidate in sorted(scored)[:n]]


def _unknown_id(plan_id: str, known: set[str], root: Path) -> str:
    from kamtui.text.safety import one_line

    close = suggest_ids(plan_id, known)
    if close:
        message = _("no plan '{id}' in {root}; did you mean: {ids}?")
    elif known:
        message = _("no plan '{id}' in {root}; 'kamtui list' shows the accounts")
    else:
        message = _("no plan '{id}' in {root}; it has no plans")
    return message.format(id=one_line(plan_id), root=root, ids=", ".join(close))


def _write_stdout(text: str) -> None:
    out = sys.stdout
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    buffer = getattr(out, "buffer", None)
    if encoding != "utf8" and buffer is not None:
        # The export is UTF-8 whatever the terminal's locale (it is meant for files and pipes).
        out.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        out.write(text)


def _at(
    ws: Workspace, plan_id: str, args: argparse.Namespace
) -> tuple[LoadedPlan, dt.date, WorkspaceOfferings]:
    """``--at REV|DATE``: the plan as it was then (from git), the "today" of its figures and
    the workspace's offerings then."""
    from kamtui.cli.at import commit_at, describe, open_history, today_at
    from kamtui.cli.common import UsageError
    from kamtui.text.safety import one_line
    from kamtui.text.slugs import is_valid_id

    if not is_valid_id(plan_id):
        raise UsageError(_("'{id}' is not a valid account id").format(id=one_line(plan_id)))
    history = open_history(ws.root)
    commit = commit_at(history, args.at)
    loaded = history.plan_at(plan_id, commit)
    if loaded is None:
        raise UsageError(
            _("no plan '{id}' at {at} (commit {commit}): {path} was not there").format(
                id=plan_id,
                at=one_line(args.at),
                commit=describe(commit),
                path=history.plan_path(plan_id),
            )
        )
    return loaded, today_at(args, args.at, commit), history.offerings_at(commit)


def _say_offerings_errors(offerings: WorkspaceOfferings) -> None:
    """The export goes on without the workspace's offerings when their file has errors (the
    map then shows the plan's own offerings and the ids its cells name): say so."""
    from kamtui.text.safety import printable

    if not offerings.errors:
        return
    for problem in offerings.errors:
        print(printable(problem.format()), file=sys.stderr)
    print(
        _(
            "kamtui: {path} has errors: the whitespace map is exported without the "
            "workspace's offerings"
        ).format(path=printable(str(offerings.path))),
        file=sys.stderr,
    )


def run(args: argparse.Namespace) -> int:
    from kamtui.cli.common import UsageError, open_workspace, today_from
    from kamtui.export import OutputExistsError, render, write_export
    from kamtui.text.safety import printable
    from kamtui.text.slugs import is_valid_id

    ws = open_workspace(args)
    plan_id: str = args.id
    if args.at is not None:
        loaded, today, offerings = _at(ws, plan_id, args)
    else:
        from kamtui.store.offerings import read_offerings

        known = ws.plan_ids()
        if not is_valid_id(plan_id) or plan_id not in known:
            raise UsageError(_unknown_id(plan_id, known, ws.root))
        loaded, today = ws.load(plan_id), today_from(args)
        offerings = read_offerings(ws.root)
    if loaded.plan is None or loaded.errors:
        for problem in loaded.errors:
            print(printable(problem.format()), file=sys.stderr)
        if args.at is not None:
            message = _("kamtui: {path} has errors at that commit")
        else:
            message = _("kamtui: {path} has errors; fix them (see 'kamtui check') and export again")
        print(message.format(path=printable(str(loaded.path))), file=sys.stderr)
        return 1
    _say_offerings_errors(offerings)
    fmt = _pick_format(args)
    text = render(loaded.plan, today, fmt, offerings.offerings)
    if args.output in (None, "-"):
        _write_stdout(text)
        return 0
    path = Path(args.output)
    try:
        write_export(path, text, force=args.force)
    except OutputExistsError as exc:
        raise UsageError(str(exc)) from None
    print(printable(str(path)))
    return 0
