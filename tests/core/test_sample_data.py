"""The sample workspace is data, committed as plan files (``sample_data/workspace/``): each plan
is in its canonical form (reading it and writing it back gives the same bytes), and ``kamtui
check`` finds no error in it and no warning but those of the rules that depend on the date
and the sample's weak relationships with people who have power (on purpose)
Edit the files by hand or through the app; this test says when an edit left a plan
non-canonical, broken or inconsistent."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY

from kamtui.cli.main import main
from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import read_plan
from kamtui.store.workspace import GITATTRIBUTES, GITIGNORE, is_plan_file_name

PLANS = sorted(p for p in SAMPLE.glob("*.toml") if is_plan_file_name(p.name))


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


DATED = frozenset({"KAM101", "KAM301", "KAM404"})
"""The lint's rules that depend on the date (docs/lint.md): the sample is written against the
tests' today, with reviews past their cadence and overdue actions on purpose (the dashboard's
`!` and *Late* have something to show), and quarterly check-ins whose next one is due that day."""
ON_PURPOSE = frozenset({"KAM202"})
"""The A and B accounts' decision makers and high-influence people we hardly know (strength
<= 2): the org chart's coverage and the review have gaps to show (sample_data/README.md)."""


def test_check_finds_no_error_and_only_dated_warnings_in_the_sample(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["check", "-w", str(SAMPLE), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    *lines, summary = out.splitlines()
    assert (code, err) == (0, "")
    assert summary == f"checked 11 plans and offerings.toml: 0 errors, {len(lines)} warnings"
    found = Counter(line.rsplit(" [", 1)[1].rstrip("]") for line in lines)
    assert set(found) <= DATED | ON_PURPOSE, lines
    assert found["KAM101"] == 3  # "three are past their review cadence" (sample_data/README.md)
    # two people in freni-orobici, laiterie-duval and supermercati-tirreno, one in
    # alimentare-padano and bellanova-cosmetici; none in the C accounts, which have some too
    assert found["KAM202"] == 8


def test_check_has_nothing_else_to_say_about_the_sample(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every rule that does not depend on the date is silent (but for the weak relationships
    on purpose): no plan is inconsistent."""
    ignore = ",".join(sorted(DATED | ON_PURPOSE))
    code = main(["check", "-w", str(SAMPLE), "--today", TODAY.isoformat(), "--ignore", ignore])
    out, err = capsys.readouterr()
    assert code == 0
    assert out == "checked 11 plans and offerings.toml: 0 errors, 0 warnings\n"
    assert err == ""
