"""``kamtui check`` and the whitespace map: offerings.toml's problems at their line (counted in
the summary and the exit status), and KAM203, a cell of an offering that neither offerings.toml
nor the plan defines, at the cell's table line; in a workspace and with FILE arguments."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import (
    Account,
    AccountPlan,
    Cell,
    CellStatus,
    Offering,
    Unit,
    WhereAmI,
)

TODAY = "2026-11-30"
OFFERINGS = 'schema = 1\n\n[offerings.film]\nname = "Film"\n\n[offerings.trays]\nname = "Trays"\n'


def plan(plan_id: str, *cells: str, own: str = "") -> AccountPlan:
    """A C account (no buying-centre warnings) with one unit and a cell per offering id."""
    return AccountPlan(
        id=plan_id,
        account=Account(name=plan_id.title()),
        where_am_i=WhereAmI(
            offerings={own: Offering(name=own.title())} if own else {},
            units={
                "plant": Unit(
                    name="Plant",
                    cells={oid: Cell(CellStatus.OPPORTUNITY, potential=10) for oid in cells},
                )
            },
        ),
    )


def write(root: Path, p: AccountPlan) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"{p.id}.toml"
    path.write_text(dumps_plan(p), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMTUI_WORKSPACE", raising=False)
    monkeypatch.delenv("KAMTUI_TODAY", raising=False)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    write(root, plan("alpha", "film", "own-audit", "flim", own="own-audit"))
    write(root, plan("beta", "trays"))
    (root / "offerings.toml").write_text(OFFERINGS, encoding="utf-8")
    return root


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(["check", "--today", TODAY, *argv])
    out, err = capsys.readouterr()
    return code, (out + err).splitlines()


def test_a_stray_cell_is_a_warning_at_its_table(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    code, lines = check(capsys, "-w", str(ws))
    alpha = ws / "alpha.toml"
    at = line_of(alpha, "[where_am_i.units.plant.cells.flim]")
    assert lines == [
        f"{alpha}:{at}:2: warning: unit 'Plant' has a cell for offering 'flim', which is neither "
        "in offerings.toml nor among the plan's own offerings: correct the id (a typo?), add "
        "the offering to offerings.toml or to the plan ([where_am_i.offerings.<id>]), or "
        "delete the cell [KAM203]",
        "checked 2 plans and offerings.toml: 0 errors, 1 warning",
    ]
    assert code == 0
    assert check(capsys, "-w", str(ws), "--strict")[0] == 1
    assert check(capsys, "-w", str(ws), "--ignore", "KAM203") == (
        0,
        ["checked 2 plans and offerings.toml: 0 errors, 0 warnings"],
    )


def test_without_offerings_toml_every_workspace_column_is_stray(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    (ws / "offerings.toml").unlink()
    code, lines = check(capsys, "-w", str(ws), "--select", "KAM203")
    assert code == 0
    assert lines[-1] == "checked 2 plans: 0 errors, 3 warnings"
    said = " ".join(lines)
    assert "'film'" in said and "'trays'" in said and "'flim'" in said
    assert "'own-audit'" not in said


def test_offerings_problems_are_reported_counted_and_fail(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    path = ws / "offerings.toml"
    path.write_text(OFFERINGS + "\n[offerings.box]\nname = 3\n", encoding="utf-8")
    code, lines = check(capsys, "-w", str(ws))
    assert code == 1
    at = line_of(path, "name = 3")
    assert lines[0].startswith(f"{path}:{at}:8: error: ")
    # The offerings are not known: KAM203 does not run (every cell would look stray).
    assert not any("KAM203" in line for line in lines)
    assert lines[-1] == (
        "checked 2 plans and offerings.toml: 1 error, 0 warnings in 1 file with errors"
    )


def test_an_offerings_warning_counts_as_a_warning(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    (ws / "offerings.toml").write_text("\ufeff" + OFFERINGS, encoding="utf-8")
    code, lines = check(capsys, "-w", str(ws), "--ignore", "KAM203")
    assert code == 0
    assert lines[0].endswith("[KAM002]") and lines[0].startswith(str(ws / "offerings.toml"))
    assert lines[-1] == "checked 2 plans and offerings.toml: 0 errors, 1 warning"


def test_files_offerings_toml_is_checked_as_offerings(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    code, lines = check(capsys, str(ws / "offerings.toml"))
    assert (code, lines) == (0, ["checked 0 plans and offerings.toml: 0 errors, 0 warnings"])
    (ws / "offerings.toml").write_text("schema = 1\n[offerings.x]\n", encoding="utf-8")
    code, lines = check(capsys, str(ws / "offerings.toml"))
    assert code == 1
    assert lines[0].startswith(f"{ws / 'offerings.toml'}:2:")
    assert "error: missing required key 'name'" in lines[0]


def test_files_compare_a_plan_with_the_offerings_of_its_folder(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    code, lines = check(capsys, str(ws / "alpha.toml"), "--select", "KAM203")
    assert code == 0
    assert len(lines) == 2 and "'flim'" in lines[0]
    assert lines[-1] == "checked 1 plan: 0 errors, 1 warning"
    assert check(capsys, str(ws / "beta.toml"))[1] == ["checked 1 plan: 0 errors, 0 warnings"]
