"""``kamtui merge-file BASE OURS THEIRS``: the merge driver git runs for plan files
(``kamtui setup-git`` registers it). The rules are in docs/git.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

HELP = N_("merge two versions of a plan by record and field (git's merge driver)")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "merge-file",
        help=_(HELP),
        description=_(
            "{help}: the result is written into OURS, canonically; exit 0 when clean, "
            "1 when conflicts are left (marked around the field or record only). Plans kamtui "
            "cannot read are merged line by line by git merge-file."
        ).format(help=_(HELP)),
    )
    p.add_argument("base", type=Path, metavar="BASE", help=_("the common ancestor (%%O)"))
    p.add_argument("ours", type=Path, metavar="OURS", help=_("our version; the result (%%A)"))
    p.add_argument("theirs", type=Path, metavar="THEIRS", help=_("their version (%%B)"))
    p.add_argument("--path", metavar="P", help=_("the plan's path in the repository (%%P)"))
    p.add_argument(
        "--marker-size", type=int, default=7, metavar="N", help=_("conflict marker size (%%L)")
    )
    p.add_argument("--ours-label", default="ours", metavar="L", help=_("label of our side"))
    p.add_argument("--theirs-label", default="theirs", metavar="L", help=_("label of their side"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from kamtui.cli.common import UsageError
    from kamtui.git.errors import GitError
    from kamtui.git.merge_file import Labels, merge_file

    labels = Labels(ours=args.ours_label, theirs=args.theirs_label, size=args.marker_size)
    try:
        outcome = merge_file(args.base, args.ours, args.theirs, path=args.path, labels=labels)
    except FileNotFoundError as exc:
        raise UsageError(_("{file}: no such file").format(file=exc.filename)) from None
    except GitError as exc:
        raise UsageError(f"{_shown(args)}: {exc}") from None
    if not outcome.fallback and not outcome.conflicts:
        return 0  # said nothing: what git runs for every plan it merges stops here
    from kamtui.text.safety import one_line

    shown = _shown(args)
    if outcome.fallback:
        print(
            _("kamtui: {path}: merged line by line by git, not by record: {reason}").format(
                path=shown, reason=one_line(outcome.fallback)
            ),
            file=sys.stderr,
        )
    elif outcome.conflicts:
        where = ", ".join(".".join(p) for p in outcome.conflict_paths[:5])
        more = len(outcome.conflict_paths) - 5
        if more > 0:
            where = _("{fields} and {more} more").format(fields=where, more=more)
        print(
            _(
                "kamtui: {path}: {conflicts} conflict(s) left ({where}); "
                "resolve them in kamtui or an editor, then git add"
            ).format(path=shown, conflicts=outcome.conflicts, where=one_line(where)),
            file=sys.stderr,
        )
    return 1 if outcome.conflicts else 0


def _shown(args: argparse.Namespace) -> str:
    """The plan's path as the messages name it (one line, whatever its name holds)."""
    from kamtui.text.safety import one_line

    return one_line(args.path or str(args.ours))
