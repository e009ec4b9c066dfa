"""The sample workspace is data, committed as plan files (``sample_data/workspace/``): each plan
is in its canonical form (reading it and writing it back gives the same bytes) and ``kamtui
check`` has nothing to say about the workspace. Edit the files by hand or through the app; this
test says when an edit left a plan non-canonical or broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE

from kamtui.cli.main import main
from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import read_plan
from kamtui.store.workspace import GITATTRIBUTES, GITIGNORE

PLANS = sorted(SAMPLE.glob("*.toml"))


def test_the_sample_has_its_eleven_plans_and_the_git_files() -> None:
    assert len(PLANS) == 11
    assert (SAMPLE / ".gitignore").read_text(encoding="utf-8") == GITIGNORE
    assert (SAMPLE / ".gitattributes").read_text(encoding="utf-8") == GITATTRIBUTES


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_every_sample_plan_is_canonical(path: Path) -> None:
    data = path.read_bytes()
    loaded = read_plan(path)
    assert loaded.problems == [], [p.format() for p in loaded.problems]
    assert loaded.plan is not None and loaded.plan.id == path.stem
    assert not loaded.has_comments
    assert dumps_plan(loaded.plan).encode("utf-8") == data


def test_check_finds_no_warning_and_no_error_in_the_sample(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["check", "-w", str(SAMPLE)])
    out, err = capsys.readouterr()
    assert code == 0
    assert out == "checked 11 plans: 0 errors, 0 warnings\n"
    assert err == ""
