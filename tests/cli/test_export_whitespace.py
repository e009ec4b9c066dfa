"""The whitespace map in the exports (kamtui/export/markdown.py, json_doc.py, kamtui/cli/export.py):
the Markdown table of units × offerings with its legend, totals and notes, the objective made
from a cell, the JSON's units, columns, totals and workspace offerings; user text escaped;
offerings.toml read by ``kamtui export`` (and as it was with ``--at``)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE, TODAY, copy_sample
from git_helpers import commit_all, init_repo

from kamtui.cli.main import main
from kamtui.export import plan_to_json, plan_to_markdown, render
from kamtui.plan.model import Cell, CellStatus, Competitor, Offering, Unit
from kamtui.store.offerings import read_offerings
from kamtui.store.workspace import Workspace

OFFERINGS = read_offerings(SAMPLE).offerings


def freni() -> Any:
    loaded = Workspace(SAMPLE).load("freni-orobici")
    assert loaded.plan is not None
    return loaded.plan


def section(md: str) -> str:
    return md.split("### Whitespace map\n\n", 1)[1].split("\n### ", 1)[0]


def table_rows(md: str) -> list[list[str]]:
    """The whitespace map's table as the cells a forge shows."""
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(section(md))
    rows: list[list[str]] = []
    for i, tok in enumerate(tokens):
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type in ("th_open", "td_open"):
            children = tokens[i + 1].children or []
            rows[-1].append("".join(c.content for c in children))
    return rows


def test_the_sample_map_is_a_table_of_units_by_offerings() -> None:
    md = plan_to_markdown(freni(), TODAY, OFFERINGS)
    rows = table_rows(md)
    assert rows[0] == [
        "Unit",
        "Barrier film",
        "Lidding film",
        "Thermoformed trays",
        "Technical compounds",
        "Stretch film",
        "Take-back and recycling",
    ]
    assert rows[1] == [
        "Curno (reservoirs, caliper covers)",
        "·",
        "·",
        "·",
        "● 2.1M",
        "✖ Huanan Engineering Plastics Co., Ltd.",
        "?",
    ]
    assert rows[2][4:] == ["● 780k", "?", "◌ 40k"]
    assert rows[3][4] == "◌ 1.5M"
    body = section(md)
    assert "Legend: ● ours (our yearly revenue), ✖ a competitor's" in body
    assert (
        "**Totals:** 2 of 18 cells won, our revenue 2.9M EUR; 2 open opportunities, potential "
        "1.5M EUR; competitor share 20% (1 of 5 relevant cells" in body
    )
    assert "- **Cassino (sensor housings) × Take-back and recycling:** Regrind of sprues" in body


def test_the_objective_says_which_cell_it_was_made_from() -> None:
    md = plan_to_markdown(freni(), TODAY, OFFERINGS)
    objectives = md.split("## 2. Where do I want to go?")[1].split("### Check-in history")[0]
    assert (
        "- **Nominated supplier for the e-brake housings:** From the whitespace map: E-brake "
        "programme (SOP 2028) × Technical compounds." in objectives
    )


def test_without_the_workspace_offerings_the_cells_columns_are_stray() -> None:
    rows = table_rows(plan_to_markdown(freni(), TODAY))
    assert rows[0][1] == "compounds (not an offering)"
    assert len(rows[0]) == 7


def test_a_plan_without_units_says_so() -> None:
    plan = freni()
    plan.where_am_i.units.clear()
    assert section(plan_to_markdown(plan, TODAY, OFFERINGS)).startswith("_No units yet")


HOSTILE = "Evil | Co *em* [x](y) <b>b</b>\n# head `c` $m$"


def test_hostile_names_and_notes_render_literally() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    plan = freni()
    w = plan.where_am_i
    w.competitors["evil"] = Competitor(name=HOSTILE)
    w.offerings["own|x"] = Offering(name=HOSTILE)
    w.units["evil"] = Unit(
        name=HOSTILE,
        notes=HOSTILE,
        cells={
            "own|x": Cell(CellStatus.COMPETITOR, competitor="evil", note=HOSTILE),
            "compounds": Cell(CellStatus.OURS, revenue=1234),
        },
    )
    offerings = {**OFFERINGS, "trays": Offering(name="Trays | boxes")}
    md = plan_to_markdown(plan, TODAY, offerings)
    rows = table_rows(md)
    width = len(rows[0])
    assert all(len(row) == width for row in rows)
    flat = HOSTILE.replace("\n", "<br>")
    assert rows[0][3] == "Trays | boxes" and rows[0][-1] == flat
    assert rows[-1][0] == flat and rows[-1][4] == "● 1.2k"
    assert rows[-1][-1] == "✖ " + HOSTILE.replace("\n", " ⏎ ")
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(section(md))
    inline = [c for t in tokens for c in (t.children or [])]
    assert not {c.type for c in inline} & {"link_open", "em_open", "code_inline", "image"}
    assert {c.content for c in inline if c.type == "html_inline"} == {"<br>"}
    assert sum(1 for t in tokens if t.type == "heading_open") == 0


def test_json_has_the_map_its_columns_totals_and_the_workspace_offerings() -> None:
    data = plan_to_json(freni(), TODAY, OFFERINGS)
    assert list(data["workspace_offerings"]) == list(OFFERINGS)
    assert data["workspace_offerings"]["compounds"] == {
        "name": "Technical compounds",
        "notes": "Glass-filled PA66, PBT, PP",
    }
    curno = data["where_am_i"]["units"]["curno"]
    assert curno["cells"]["compounds"] == {
        "status": "ours",
        "revenue": 2100000,
        "competitor": "",
        "potential": None,
        "note": "PA66 GF30, PPAP'd",
    }
    assert data["where_to_go"]["objectives"]["e-brake-nomination"]["opportunity"] == (
        "e-brake/compounds"
    )
    ws = data["derived"]["whitespace"]
    assert [c["id"] for c in ws["columns"]] == list(OFFERINGS)
    assert {c["scope"] for c in ws["columns"]} == {"workspace"}
    assert ws["totals"] == {
        "cells": 18,
        "won": 2,
        "our_revenue": 2880000,
        "open": 2,
        "open_potential": 1540000,
        "competitor": 1,
        "unknown": 7,
        "relevant": 5,
        "competitor_share": 0.2,
    }
    bare = plan_to_json(freni(), TODAY)
    assert bare["workspace_offerings"] == {}
    assert {c["scope"] for c in bare["derived"]["whitespace"]["columns"]} == {"stray"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_reads_offerings_toml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ws = copy_sample(tmp_path / "ws")
    code, out, err = run(capsys, "export", "freni-orobici", "-w", str(ws), "--today", "2026-11-30")
    assert (code, err) == (0, "")
    assert out == render(freni(), TODAY, "md", OFFERINGS)


def test_cli_exports_without_offerings_that_have_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ws = copy_sample(tmp_path / "ws")
    (ws / "offerings.toml").write_text("schema = 1\n[offerings.x]\nname = 3\n", encoding="utf-8")
    code, out, err = run(capsys, "export", "freni-orobici", "-w", str(ws), "--format", "json")
    assert code == 0
    assert "offerings.toml:3:8: error:" in err
    assert "the whitespace map is exported without the workspace's offerings" in err
    assert json.loads(out)["workspace_offerings"] == {}


def test_cli_at_reads_offerings_as_they_were(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = init_repo(tmp_path / "repo")
    ws = root / "accounts"
    ws.mkdir()
    shutil.copy(SAMPLE / "freni-orobici.toml", ws)
    shutil.copy(SAMPLE / "offerings.toml", ws)
    commit_all(root, "plans", when=dt.date(2026, 11, 1))
    (ws / "offerings.toml").write_text(
        'schema = 1\n\n[offerings.compounds]\nname = "Renamed"\n', encoding="utf-8"
    )
    commit_all(root, "rename", when=dt.date(2026, 11, 20))
    argv = ["export", "freni-orobici", "-w", str(ws), "--format", "json", "--today", "2026-11-30"]
    code, out, _ = run(capsys, *argv, "--at", "HEAD~1")
    assert code == 0
    assert json.loads(out)["workspace_offerings"]["compounds"]["name"] == "Technical compounds"
    code, out, _ = run(capsys, *argv, "--at", "HEAD")
    assert list(json.loads(out)["workspace_offerings"]) == ["compounds"]
