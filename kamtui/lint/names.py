"""KAM501, the rule across plans: two plans of one workspace for the same account.

Names are compared as ``kamtui new`` compares them (kamtui/text/names.py: case, spaces,
punctuation and accents aside), so ``ACME packaging spa`` is ``Acme Packaging S.p.A.``. Every
plan of such a pair gets the warning, naming the other: a hook that checks only the new file
still hears it.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from pathlib import Path

from kamtui.lint import codes
from kamtui.lint.finding import Finding
from kamtui.plan.file import LoadedPlan
from kamtui.text.i18n import gettext as _
from kamtui.text.names import name_key
from kamtui.text.safety import one_line


def same_account_names(
    plans: Iterable[LoadedPlan], report: Collection[Path] | None = None
) -> dict[Path, list[Finding]]:
    """Path of a plan → a finding for each other plan of *plans* with the same account name
    (broken plans have no name to compare). *report*: only for these paths (all when
    ``None``); the others are compared all the same."""
    by_key: dict[str, list[LoadedPlan]] = {}
    for lp in plans:
        if lp.plan is None or lp.errors:
            continue
        key = name_key(lp.plan.account.name)
        if key:
            by_key.setdefault(key, []).append(lp)
    found: dict[Path, list[Finding]] = {}
    for same_name in by_key.values():
        if len(same_name) > 1:
            for group in _by_folder(same_name):
                _report(group, report, found)
    return found


def _by_folder(plans: list[LoadedPlan]) -> list[list[LoadedPlan]]:
    """*plans* by the folder they are in: a workspace is one folder."""
    folders: dict[str, list[LoadedPlan]] = {}
    for lp in plans:
        folders.setdefault(os.path.dirname(os.path.abspath(lp.path)), []).append(lp)
    return [group for group in folders.values() if len(group) > 1]


def _report(
    group: list[LoadedPlan], report: Collection[Path] | None, found: dict[Path, list[Finding]]
) -> None:
    for lp in group:
        if report is not None and lp.path not in report:
            continue
        for other in group:
            if other is lp:
                continue
            assert other.plan is not None
            found.setdefault(lp.path, []).append(
                Finding(
                    codes.SAME_ACCOUNT_NAME,
                    _(
                        "{file} is a plan for the same account ('{name}'): keep one plan per "
                        "account (merge the two), or tell the names apart if they are two "
                        "companies"
                    ).format(file=other.path.name, name=one_line(other.plan.account.name)),
                    ("account", "name"),
                )
            )
