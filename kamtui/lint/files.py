"""``kamtui check FILE...``: just these plan files, as a git pre-commit hook passes them.

A plan is checked against the rest of the workspace it is in, and the workspace of a file is
the folder it is in (plans live side by side, one folder per workspace): the rules across
plans (a customer id claimed by two plans, two plans with the same account name) compare each
file with the other plans of its folder, which are read for that and not reported on. So a
commit that adds a second plan for an account hears it, whichever of the two files it holds.
Likewise the whitespace map's rule (KAM203) compares each plan with the offerings.toml of its
folder, read for that; an ``offerings.toml`` given as a FILE is checked as what it is (the
workspace's offerings, kamtui/store/offerings.py), never as a plan.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kamtui.lint.report import folder_key
from kamtui.plan.diagnostics import Problem
from kamtui.plan.file import LoadedPlan
from kamtui.plan.model import Offering
from kamtui.store.offerings import OFFERINGS_FILE, WorkspaceOfferings, read_offerings
from kamtui.store.workspace import Workspace, cross_file_problems, read_entry
from kamtui.text.i18n import gettext as _


class FileArgumentError(Exception):
    """A FILE argument that is not a plan file to check (missing, a folder, not ``*.toml``)."""


@dataclass
class CheckedFiles:
    plans: list[LoadedPlan]
    """The files asked for, in the order given (each once)."""
    others: list[LoadedPlan] = field(default_factory=list)
    """The other plans of their folders, read to compare with."""
    problems: list[Problem] = field(default_factory=list)
    """Problems across plans that concern the files asked for, and those of an offerings.toml
    asked for."""
    offerings: dict[str, dict[str, Offering]] = field(default_factory=dict)
    """The workspace offerings of each folder of the plans (by
    :func:`~kamtui.lint.report.folder_key`; a folder whose offerings.toml has errors is left
    out)."""
    offerings_files: int = 0
    """How many offerings.toml files were asked for."""


def _refuse(arg: str, path: Path) -> None:
    if not os.path.lexists(path):
        raise FileArgumentError(_("{file}: no such file").format(file=arg))
    if path.is_dir():
        raise FileArgumentError(
            _("{file}: a folder; to check a whole workspace: --workspace {file}").format(file=arg)
        )
    if not path.name.endswith(".toml"):
        raise FileArgumentError(
            _("{file}: not a plan file (a plan is an <id>.toml file)").format(file=arg)
        )


def read_files(args: Sequence[str]) -> CheckedFiles:
    """Read the plan files *args* (each once, in the order given) and the other plans of their
    folders."""
    folders: dict[str, list[LoadedPlan]] = {}
    seen: set[str] = set()
    read: dict[str, WorkspaceOfferings] = {}
    result = CheckedFiles([])
    for arg in args:
        path = Path(arg)
        _refuse(arg, path)
        absolute = os.path.normcase(os.path.abspath(path))
        if absolute in seen:
            continue
        seen.add(absolute)
        if path.name == OFFERINGS_FILE:
            found = read[folder_key(path.parent)] = read_offerings(path.parent)
            result.problems += found.problems
            result.offerings_files += 1
            continue
        loaded = read_entry(path.parent, path)
        result.plans.append(loaded)
        folders.setdefault(os.path.dirname(absolute), []).append(loaded)
    for folder, mine in folders.items():
        names = {lp.path.name for lp in mine}
        others = [
            read_entry(Path(folder), path)
            for path in Workspace(Path(folder)).plan_paths()
            if path.name not in names
        ]
        # The files asked for come last: a customer id they share with another plan is then
        # reported on them (the first plan to list an id keeps it).
        reported = {lp.path for lp in mine}
        result.problems += [p for p in cross_file_problems([*others, *mine]) if p.path in reported]
        result.others += others
        found = read.get(folder) or read_offerings(Path(folder))
        if not found.errors:
            result.offerings[folder] = found.offerings
    return result
