"""``kamtui --demo``: a scratch copy of the bundled sample workspace to play with."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from kamtui.plan.diagnostics import PlanError
from kamtui.text.i18n import gettext as _

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "workspace"


def make_demo_workspace(sample: Path = SAMPLE) -> Path:
    """Copy the sample workspace to a new temp folder and return it."""
    if not sample.is_dir():
        raise PlanError(
            _(
                "the sample workspace is not here ({sample}); --demo needs a source checkout "
                "of kamtui"
            ).format(sample=sample)
        )
    target = Path(tempfile.mkdtemp(prefix="kamtui-demo-"))
    shutil.copytree(sample, target, dirs_exist_ok=True)
    return target
