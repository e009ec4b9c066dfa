"""The whitespace map's format and core: units with cells keyed by offering id, read and written
canonically, references checked at their lines, edits, totals, the workspace's offerings.toml,
and two people filling different cells merging cleanly through the merge driver
(kamtui/plan/whitespace.py, kamtui/store/offerings.py)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from git_helpers import commit_all, git, init_repo

from kamtui.plan.codec import dumps_plan, encode_plan
from kamtui.plan.file import parse_plan
from kamtui.plan.model import AccountPlan, Cell, CellStatus, Competitor, Offering
from kamtui.plan.shape import canonical_document
from kamtui.plan.whitespace import (
    PLAN,
    STRAY,
    WORKSPACE,
    add_offering,
    add_unit,
    cell_at,
    columns,
    delete_offering,
    delete_unit,
    linked_objective,
    objective_from_opportunity,
    set_cell,
    totals,
)
from kamtui.store.offerings import dumps_offerings, parse_offerings, read_offerings
from kamtui.store.workspace import Workspace, is_plan_file_name

MAP = """\
schema = 1

[account]
name = "Acme"
customer_ids = []
industry = ""
owner = ""
currency = "EUR"
review_every_days = 30

[where_am_i]
business = ""
priorities = ""
buying_motivation = ""
decision_process = ""

[where_am_i.accessibility.technical]
note = ""

[where_am_i.accessibility.economic]
note = ""

[where_am_i.accessibility.commercial]
note = ""

[where_am_i.competitors.rival]
name = "Rival"
strengths = []
weaknesses = []
positioning = ""

[where_am_i.swot]
strengths = []
weaknesses = []
opportunities = []
threats = []

[where_am_i.offerings.service]
name = "Service"

[where_am_i.units.north]
name = "North plant"

[where_am_i.units.north.cells.boxes]
status = "ours"
revenue = 120000

[where_am_i.units.north.cells.film]
status = "competitor"
competitor = "rival"

[where_am_i.units.south]
name = "South plant"

[where_am_i.units.south.cells.boxes]
status = "opportunity"
potential = 50000
note = "Tender in March"

[where_to_go]
ambition = ""

[where_to_go.objectives.win-boxes]
title = "Win boxes at South plant"
horizon = "short"
metric = ""
unit = ""
opportunity = "south/boxes"

[how_to_get_there]
strategy = ""
"""
"""A plan with a map, in the canonical form kamtui writes."""

WORKSPACE_OFFERINGS = {"boxes": Offering(name="Boxes"), "film": Offering(name="Film")}


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_plan(text.encode(), Path("acme.toml"))


def the_plan(text: str = MAP) -> AccountPlan:
    lp = parse(text)
    assert not lp.errors, lp.errors
    assert lp.plan is not None
    return lp.plan


def test_the_map_is_read_and_written_back_byte_for_byte() -> None:
    plan = the_plan()
    units = plan.where_am_i.units
    assert list(units) == ["north", "south"]
    assert units["north"].cells["boxes"] == Cell(status=CellStatus.OURS, revenue=120000)
    assert units["north"].cells["film"].competitor == "rival"
    assert units["south"].cells["boxes"].note == "Tender in March"
    assert plan.where_to_go.objectives["win-boxes"].opportunity == "south/boxes"
    assert dumps_plan(plan) == MAP
    assert canonical_document(tomllib.loads(MAP)) == encode_plan(plan)


def test_a_plan_without_a_map_writes_nothing_of_it() -> None:
    plan = the_plan()
    plan.where_am_i.units.clear()
    plan.where_am_i.offerings.clear()
    plan.where_to_go.objectives["win-boxes"].opportunity = ""
    text = dumps_plan(plan)
    assert "units" not in text and "offerings" not in text and "opportunity" not in text


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            'competitor = "rival"',
            'competitor = "nobody"',
            "competitor = ",
            "cell 'north/film' names unknown competitor 'nobody' (competitors: rival)",
        ),
        (
            'opportunity = "south/boxes"',
            'opportunity = "east/boxes"',
            "opportunity = ",
            "objective 'win-boxes' points to whitespace cell 'east/boxes', but there is no "
            "unit 'east' (units: north, south)",
        ),
        (
            'opportunity = "south/boxes"',
            'opportunity = "south/film"',
            "opportunity = ",
            "but unit 'south' has no cell for offering 'film'",
        ),
        (
            'opportunity = "south/boxes"',
            'opportunity = "south"',
            "opportunity = ",
            "which is not 'unit-id/offering-id'",
        ),
        (
            "potential = 50000",
            "potential = -5",
            "potential = ",
            "'where_am_i.units.south.cells.boxes.potential' must be 0 or more, not -5",
        ),
        (
            'status = "ours"',
            'status = "mine"',
            "status = ",
            "status",
        ),
        (
            "[where_am_i.units.south.cells.boxes]",
            "[where_am_i.units.south.cells.Boxes]",
            "[where_am_i.units.south.cells.Boxes]",
            "record id 'Boxes' is not valid",
        ),
    ],
)
def test_a_wrong_map_is_reported_at_its_line_and_the_shortcut_gives_up(
    old: str, new: str, line: str, message: str
) -> None:
    text = MAP.replace(old, new, 1)
    lp = parse(text)
    expected_line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith(line))
    errors = [(p.line, p.message) for p in lp.errors]
    assert any(n == expected_line and message in m for n, m in errors), errors
    assert canonical_document(tomllib.loads(text)) is None


def test_columns_are_the_workspaces_then_the_plans_own_then_strays() -> None:
    plan = the_plan()
    plan.where_am_i.units["north"].cells["glue"] = Cell(status=CellStatus.NOT_RELEVANT)
    cols = columns(plan, WORKSPACE_OFFERINGS)
    assert [(c.id, c.name, c.scope) for c in cols] == [
        ("boxes", "Boxes", WORKSPACE),
        ("film", "Film", WORKSPACE),
        ("service", "Service", PLAN),
        ("glue", "glue", STRAY),
    ]
    # without workspace offerings the cells' offerings are still columns
    assert [c.id for c in columns(plan, {})] == ["service", "boxes", "film", "glue"]


def test_totals() -> None:
    plan = the_plan()
    t = totals(plan, columns(plan, WORKSPACE_OFFERINGS))
    assert (t.cells, t.won, t.our_revenue, t.open, t.open_potential) == (6, 1, 120000, 1, 50000)
    assert (t.competitor, t.unknown, t.relevant) == (1, 3, 3)
    assert t.competitor_share == pytest.approx(1 / 3)
    empty = AccountPlan(id="x")
    assert totals(empty, []).competitor_share is None


def test_a_blank_cell_is_removed_so_nothing_is_written() -> None:
    plan = the_plan()
    set_cell(plan, "north", "boxes", Cell())
    assert "boxes" not in plan.where_am_i.units["north"].cells
    assert "[where_am_i.units.north.cells.boxes]" not in dumps_plan(plan)
    set_cell(plan, "north", "service", Cell(status=CellStatus.NOT_RELEVANT))
    assert cell_at(plan, "north", "service").status is CellStatus.NOT_RELEVANT
    assert cell_at(plan, "north", "nothing") == Cell()
    assert cell_at(plan, "nowhere", "boxes") == Cell()


def test_units_and_offerings_get_fresh_ids() -> None:
    plan = the_plan()
    assert add_unit(plan, "North plant") == "north-plant"
    assert add_unit(plan, "North") == "north-2"
    assert add_offering(plan, "Boxes", WORKSPACE_OFFERINGS) == "boxes-2"  # taken by the workspace
    assert add_offering(plan, "Glue", WORKSPACE_OFFERINGS) == "glue"
    assert plan.where_am_i.offerings["glue"] == Offering(name="Glue")


def test_deleting_a_unit_or_an_offering_unlinks_the_objectives_made_from_it() -> None:
    plan = the_plan()
    delete_offering(plan, "film")
    assert "film" not in plan.where_am_i.units["north"].cells
    assert plan.where_to_go.objectives["win-boxes"].opportunity == "south/boxes"
    delete_unit(plan, "south")
    assert "south" not in plan.where_am_i.units
    assert "win-boxes" in plan.where_to_go.objectives
    assert plan.where_to_go.objectives["win-boxes"].opportunity == ""
    the_plan(dumps_plan(plan))  # still a valid plan
    plan = the_plan()
    delete_offering(plan, "boxes")
    assert plan.where_to_go.objectives["win-boxes"].opportunity == ""
    delete_offering(plan, "service")
    assert "service" not in plan.where_am_i.offerings


def test_an_objective_made_from_an_opportunity_is_linked_and_targets_its_potential() -> None:
    plan = the_plan()
    plan.where_to_go.objectives.clear()
    assert linked_objective(plan, "south", "boxes") is None
    oid = objective_from_opportunity(plan, "south", "boxes", "Boxes")
    objective = plan.where_to_go.objectives[oid]
    assert objective.title == "Win Boxes at South plant"
    assert (objective.baseline, objective.target, objective.unit) == (0, 50000, "EUR")
    assert objective.opportunity == "south/boxes"
    assert linked_objective(plan, "south", "boxes") == oid
    assert the_plan(dumps_plan(plan)).where_to_go.objectives[oid] == objective


# -- the workspace's offerings.toml ------------------------------------------------------------

OFFERINGS = """\
schema = 1

[offerings.boxes]
name = "Boxes"

[offerings.film]
name = "Film"
notes = "Stretch and shrink"
"""


def test_offerings_are_read_in_order_and_written_back_the_same(tmp_path: Path) -> None:
    (tmp_path / "offerings.toml").write_text(OFFERINGS)
    read = read_offerings(tmp_path)
    assert read.problems == []
    assert list(read.offerings) == ["boxes", "film"]
    assert read.offerings["film"].notes == "Stretch and shrink"
    assert dumps_offerings(read.offerings, read.extra) == OFFERINGS


def test_no_offerings_file_is_no_offerings(tmp_path: Path) -> None:
    read = read_offerings(tmp_path)
    assert (read.offerings, read.problems, read.digest) == ({}, [], None)
    (tmp_path / "offerings.toml").write_text("")
    assert read_offerings(tmp_path).problems == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('schema = 1\n\n[offerings.boxes]\nname = "Boxes\n', 4, "invalid TOML"),
        ("schema = 1\n\n[offerings.boxes]\nnotes = 'x'\n", 3, "missing required key 'name'"),
        ('schema = 1\n\n[offerings.Boxes]\nname = "B"\n', 3, "record id 'Boxes' is not valid"),
        ('schema = 9\n[offerings.b]\nname = "B"\n', 1, "written by a newer kamtui"),
        ('schema = 1\n<<<<<<< ours\n[offerings.b]\nname = "B"\n', 2, "merge conflict"),
    ],
)
def test_a_broken_offerings_file_is_reported_at_its_line_and_gives_no_offerings(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    read = parse_offerings(text.encode(), tmp_path / "offerings.toml")
    assert read.offerings == {}
    assert [p for p in read.errors if p.line == line and message in p.message], read.problems
    assert all(p.path == tmp_path / "offerings.toml" for p in read.problems)


def test_an_unknown_key_in_offerings_is_kept_with_a_warning(tmp_path: Path) -> None:
    text = OFFERINGS + '\n[oferings.glue]\nname = "Glue"\n'
    read = parse_offerings(text.encode(), tmp_path / "offerings.toml")
    assert list(read.offerings) == ["boxes", "film"]
    assert [(p.line, p.is_error) for p in read.problems] == [(10, False)]
    assert "did you mean 'offerings'?" in read.problems[0].message
    assert "[oferings.glue]" in dumps_offerings(read.offerings, read.extra)


def test_an_offerings_symlink_out_of_the_workspace_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_text(OFFERINGS)
    ws = tmp_path / "ws"
    ws.mkdir()
    os.symlink(outside, ws / "offerings.toml")
    read = read_offerings(ws)
    assert read.offerings == {}
    assert "outside the workspace" in read.problems[0].message


def test_offerings_toml_is_never_a_plan_and_no_plan_takes_its_name(tmp_path: Path) -> None:
    assert not is_plan_file_name("offerings.toml")
    assert is_plan_file_name("offerings-2.toml")
    ws = Workspace.create(tmp_path)
    (tmp_path / "offerings.toml").write_text(OFFERINGS)
    assert ws.plan_ids() == set()
    assert ws.new_plan("Offerings").id == "offerings-2"
    scan = ws.load_all()
    assert scan.all_problems == []
    assert [p.id for p in scan.plans] == ["offerings-2"]


# -- merging -------------------------------------------------------------------------------------


def test_two_people_filling_different_cells_merge_cleanly(tmp_path: Path) -> None:
    """Both add a cell to the same unit (the tables land at the same place in the text, where a
    line merge conflicts) and change two other cells: the merge driver merges them by record."""
    repo = init_repo(tmp_path / "repo", driver=True)
    plan_file = repo / "acme.toml"
    plan_file.write_text(MAP)
    commit_all(repo, "base")
    git(repo, "checkout", "-q", "-b", "theirs")
    plan = the_plan()
    set_cell(plan, "north", "service", Cell(status=CellStatus.NOT_RELEVANT))
    set_cell(plan, "south", "boxes", Cell(status=CellStatus.OURS, revenue=45000))
    plan_file.write_text(dumps_plan(plan))
    commit_all(repo, "theirs: south won, service not relevant in the north")
    git(repo, "checkout", "-q", "main")
    plan = the_plan()
    plan.where_am_i.competitors["other"] = Competitor(name="Other")
    set_cell(plan, "north", "zip", Cell(status=CellStatus.COMPETITOR, competitor="other"))
    set_cell(plan, "north", "boxes", Cell(status=CellStatus.OURS, revenue=130000, note="+8%"))
    plan_file.write_text(dumps_plan(plan))
    commit_all(repo, "ours: a competitor in the north, more boxes")
    merged = git(repo, "merge", "-q", "--no-edit", "theirs", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    result = the_plan(plan_file.read_text())
    cells = {
        (uid, oid): (c.status.value, c.revenue, c.competitor)
        for uid, u in result.where_am_i.units.items()
        for oid, c in u.cells.items()
    }
    assert cells == {
        ("north", "boxes"): ("ours", 130000, ""),
        ("north", "film"): ("competitor", None, "rival"),
        ("north", "zip"): ("competitor", None, "other"),
        ("north", "service"): ("not-relevant", None, ""),
        ("south", "boxes"): ("ours", 45000, ""),
    }
    assert result.where_to_go.objectives["win-boxes"].opportunity == "south/boxes"
    assert plan_file.read_text() == dumps_plan(result)  # written back canonical


def test_a_merge_that_leaves_an_objective_without_its_cell_is_said_and_checked(
    tmp_path: Path,
) -> None:
    """One side deletes a unit, the other makes an objective from one of its cells: each side
    is valid, the merged plan is not. The driver does not take that as merged by record: it
    says why and leaves it to git's line merge, whose result `kamtui check` (and the app)
    report at the objective's line (kamtui/git/merge_file.py)."""
    repo = init_repo(tmp_path / "repo", driver=True)
    plan_file = repo / "acme.toml"
    base = the_plan()
    base.where_to_go.objectives.clear()
    plan_file.write_text(dumps_plan(base))
    commit_all(repo, "base")
    git(repo, "checkout", "-q", "-b", "theirs")
    plan = the_plan(plan_file.read_text())
    delete_unit(plan, "south")
    plan_file.write_text(dumps_plan(plan))
    commit_all(repo, "theirs: no south plant any more")
    git(repo, "checkout", "-q", "main")
    plan = the_plan(plan_file.read_text())
    objective_from_opportunity(plan, "south", "boxes", "Boxes")
    plan_file.write_text(dumps_plan(plan))
    commit_all(repo, "ours: go for the south's boxes")
    merged = git(repo, "merge", "-q", "--no-edit", "theirs", check=False)
    assert "merged line by line by git, not by record: the merged plan is not valid: " in (
        merged.stdout + merged.stderr
    )
    text = plan_file.read_text()
    lp = parse(text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("opportunity"))
    assert [(p.line, "no unit 'south'" in p.message) for p in lp.errors] == [(line, True)]
