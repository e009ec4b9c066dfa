"""``apply_classes(..., dry_run=True)``: the plans that would change class, nothing written
(what the ABC view shows before it asks)."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE_REVENUE, copy_sample

from kamtui.abc.analysis import analyse_file
from kamtui.abc.apply import apply_classes
from kamtui.plan.model import Segment
from kamtui.store.workspace import Workspace


def test_a_dry_run_writes_nothing_and_lists_what_a_run_changes(tmp_path: Path) -> None:
    ws = Workspace(copy_sample(tmp_path / "accounts"))
    # two plans with a class that the revenue file contradicts
    for plan_id, wrong in (("freni-orobici", "C"), ("serre-di-sicilia", "A")):
        path = ws.root / f"{plan_id}.toml"
        text = path.read_text()
        assert 'segment = "' in text
        start = text.index('segment = "')
        path.write_text(text[:start] + f'segment = "{wrong}"' + text[start + 13 :])
    before = {p.name: p.read_bytes() for p in ws.root.glob("*.toml")}
    result = analyse_file(SAMPLE_REVENUE)

    preview = apply_classes(ws, result, dry_run=True)
    assert {p.name: p.read_bytes() for p in ws.root.glob("*.toml")} == before
    would = {(c.plan_id, c.before, c.verdict.segment) for c in preview.changed}
    assert {c[0] for c in would} >= {"freni-orobici", "serre-di-sicilia"}
    assert ("freni-orobici", Segment.C, Segment.A) in would

    done = apply_classes(ws, result)
    assert {(c.plan_id, c.before, c.verdict.segment) for c in done.changed} == would
    assert apply_classes(ws, result, dry_run=True).changed == []
