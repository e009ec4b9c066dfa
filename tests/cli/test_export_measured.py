"""The export of an objective measured from the revenue file: where its measure and each
check-in come from, in the Markdown and in the JSON (docs/measure.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import TODAY, make_full_plan

from kamtui.cli.main import main
from kamtui.export import md_one_line, plan_to_json, plan_to_markdown
from kamtui.plan.codec import dumps_plan
from kamtui.plan.edit import check_in
from kamtui.plan.model import AccountPlan, MeasurePeriod, MeasureSource

D = dt.date


def measured_plan(source: str = "revenue.csv, rolling-12m") -> AccountPlan:
    """The full plan, its objective "grow-share" measured from the revenue file, with one
    measured check-in (2026-12-15) after its hand ones."""
    plan = make_full_plan()
    objective = plan.where_to_go.objectives["grow-share"]
    objective.unit = "k€"
    objective.source, objective.period = MeasureSource.REVENUE, MeasurePeriod.ROLLING_12M
    check_in(objective, D(2026, 12, 15), 1540.5, source)
    return plan


def history_line(md: str, title: str) -> str:
    section = md[md.index("### Check-in history") :]
    return next(line for line in section.splitlines() if line.startswith(f"- **{title}**"))


def test_markdown_tells_where_the_measure_and_each_check_in_come_from() -> None:
    md = plan_to_markdown(measured_plan(), TODAY)
    line = history_line(md, "Grow share of wallet")
    assert line.startswith(
        "- **Grow share of wallet** (k€; measured from revenue, rolling-12m): 2026-06-30: 20 → "
    )
    assert line.endswith("2026-11-30: 24.5 → 2026-12-15: 1540.5 (from revenue.csv, rolling-12m)")
    assert "(from" not in line.split("2026-12-15")[0]  # the hand check-ins say nothing
    other = history_line(md, "Cut their film waste")
    assert "measured" not in other and "(from" not in other


def test_markdown_escapes_a_hostile_source() -> None:
    source = "*x*, [link](http://e) <b>|\x1b[31m"
    line = history_line(plan_to_markdown(measured_plan(source), TODAY), "Grow share of wallet")
    assert line.endswith(f"(from {md_one_line(source)})")
    assert "\\*x\\*" in line and "\x1b" not in line


def test_json_holds_source_period_and_the_check_in_sources() -> None:
    doc = plan_to_json(measured_plan(), TODAY)
    objective = doc["where_to_go"]["objectives"]["grow-share"]
    assert (objective["source"], objective["period"]) == ("revenue", "rolling-12m")
    assert objective["checkin_sources"] == {"2026-12-15": "revenue.csv, rolling-12m"}
    keys = list(objective)
    assert keys.index("checkin_sources") == keys.index("checkins") + 1
    hand = doc["where_to_go"]["objectives"]["cut-waste"]
    assert (hand["source"], hand["period"], hand["checkin_sources"]) == (None, None, {})


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_kamtui_export_shows_the_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    plan = measured_plan()
    (tmp_path / f"{plan.id}.toml").write_text(dumps_plan(plan), encoding="utf-8")
    code = main(
        ["-w", str(tmp_path), "--today", TODAY.isoformat(), "export", plan.id, "--format", fmt]
    )
    out = capsys.readouterr().out
    assert code == 0
    if fmt == "json":
        objective = json.loads(out)["where_to_go"]["objectives"]["grow-share"]
        assert objective["checkin_sources"] == {"2026-12-15": "revenue.csv, rolling-12m"}
    else:
        assert "2026-12-15: 1540.5 (from revenue.csv, rolling-12m)" in out
