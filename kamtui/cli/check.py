"""``kamtui check``: validate every plan in the workspace (or just some files), compiler-style,
and lint what the plans say (kamtui/lint/, docs/lint.md)."""

from __future__ import annotations

import argparse
import gc
import sys

from kamtui.lint.codes import CODES
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

HELP = N_("validate and lint the plans; print PATH:LINE:COL: messages; exit 1 on errors")


def epilog() -> str:
    """The codes the help lists, in the language in use."""
    return (
        _("warnings (exit 0; 1 with --strict), by code (docs/lint.md):")
        + "\n"
        + "\n".join(f"  {c.code}  {_(c.summary)}" for c in CODES.values())
        + "\n\n"
        + _(
            "With FILE arguments (as a git pre-commit hook passes them), only those files are "
            "reported;\neach is compared with the other plans of the folder it is in."
        )
    )


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help=_(HELP),
        description=_("{help}. Usable as a git pre-commit hook (see docs/lint.md).").format(
            help=_(HELP)
        ),
        epilog=epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help=_("check just these plan files (each against the other plans of its folder)"),
    )
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help=_("print errors only (with --strict, warnings too)"),
    )
    p.add_argument("--strict", action="store_true", help=_("exit 1 on warnings too"))
    p.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODES",
        help=_("report only these warning codes (comma-separated, repeatable)"),
    )
    p.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODES",
        help=_("never report these warning codes (comma-separated, repeatable)"),
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Reading, linting and reporting make a heap of plans, findings and lines that holds no
    # cycle: the cyclic collector is paused throughout (as kamtui/store/workspace.py pauses
    # it while reading), or each burst of findings after the read sets off collections that
    # walk every plan (about 0.1 s of a check of 1,000 plans, bench/bench_check.py).
    paused = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if paused:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    from kamtui.cli.common import UsageError, open_workspace, today_from
    from kamtui.lint.codes import Selection, UnknownCodeError
    from kamtui.lint.files import FileArgumentError, read_files
    from kamtui.lint.report import check, format_line

    try:
        selection = Selection.parse(args.select, args.ignore)
    except UnknownCodeError as exc:
        raise UsageError(str(exc)) from None
    today = today_from(args)
    if args.files:
        if getattr(args, "workspace", None) is not None:
            raise UsageError(
                _(
                    "give FILE arguments or --workspace, not both (each FILE is checked against "
                    "the other plans of its folder)"
                )
            )
        try:
            files = read_files(args.files)
        except FileArgumentError as exc:
            raise UsageError(str(exc)) from None
        report = check(
            files.plans,
            files.problems,
            today,
            selection,
            compare_with=files.others,
            offerings=files.offerings,
            offerings_files=files.offerings_files,
        )
    else:
        from kamtui.lint.report import folder_key
        from kamtui.store.offerings import read_offerings

        ws = open_workspace(args)
        scan = ws.load_all()
        found = read_offerings(ws.root)
        report = check(
            scan.plans,
            [*found.problems, *scan.problems],
            today,
            selection,
            offerings={} if found.errors else {folder_key(ws.root): found.offerings},
            offerings_files=0 if found.digest is None and not found.problems else 1,
        )

    out = sys.stdout
    warnings = not args.quiet or args.strict
    for line in report.lines(warnings=warnings):
        out.write(format_line(line) + "\n")
    failed = report.error_count > 0 or (args.strict and report.warning_count > 0)
    print(report.summary(), file=sys.stderr if args.quiet and not failed else out)
    return 1 if failed else 0
