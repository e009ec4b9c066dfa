"""KAM203, the whitespace map's rule that needs the workspace: a cell of an offering that
neither the workspace's ``offerings.toml`` nor the plan's own offerings define (a "stray"
column of the map, kamtui/plan/whitespace.py).

The rule is given the workspace's offerings (read once by ``kamtui check``, kamtui/lint/files.py
and kamtui/cli/check.py); it reads no file itself. Not run when they are not known (the file
has errors: those are reported, and every cell would look stray).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kamtui.lint import codes
from kamtui.lint.finding import Finding
from kamtui.plan.model import AccountPlan, Offering
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line


def stray_offerings(plan: AccountPlan, offerings: Mapping[str, Offering]) -> Iterator[Finding]:
    """KAM203: each cell whose offering id is neither the workspace's nor the plan's own, at
    the cell's table header."""
    own = plan.where_am_i.offerings
    for uid, unit in plan.where_am_i.units.items():
        for oid in unit.cells:
            if oid in offerings or oid in own:
                continue
            yield Finding(
                codes.STRAY_OFFERING,
                _(
                    "unit '{unit}' has a cell for offering '{offering}', which is neither in "
                    "offerings.toml nor among the plan's own offerings: correct the id (a "
                    "typo?), add the offering to offerings.toml or to the plan "
                    "([where_am_i.offerings.<id>]), or delete the cell"
                ).format(unit=one_line(unit.name or uid), offering=one_line(oid)),
                ("where_am_i", "units", uid, "cells", oid),
                at_value=False,
            )
