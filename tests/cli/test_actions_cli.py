"""``kamtui actions`` (kamtui/cli/actions.py): whose actions (--owner, --all, config.toml's
owner, git's user.name), the filters, the order, the three formats, broken plans, hostile text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import copy_sample
from rich.cells import cell_len

from kamtui.cli.main import main
from kamtui.plan.model import (
    Account,
    AccountPlan,
    Action,
    ActionStatus,
    HowToGetThere,
    Objective,
    Segment,
    WhereToGo,
)
from kamtui.store.locations import config_file
from kamtui.store.workspace import Workspace

TODAY = "2026-11-30"
DAY = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def no_global_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's own git identity must not decide whose actions a test sees."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def plan(
    plan_id: str,
    name: str,
    owner: str,
    actions: dict[str, Action],
    segment: Segment | None = None,
) -> AccountPlan:
    return AccountPlan(
        id=plan_id,
        account=Account(name=name, owner=owner, segment=segment, last_review=DAY),
        where_to_go=WhereToGo(objectives={"grow": Objective(title="Grow the share")}),
        how_to_get_there=HowToGetThere(actions=actions),
    )


def d(days: int) -> dt.date:
    return DAY + dt.timedelta(days=days)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """Two accounts: Maria's (class A) and Bruno's (no class)."""
    workspace = Workspace.create(tmp_path / "ws")
    workspace.overwrite(
        plan(
            "acme",
            "Acme Packaging",
            "Maria Rossi",
            {
                "late": Action(title="Call the CFO", objective="grow", due=d(-5)),
                "soon": Action(title="Send the offer", due=d(3), status=ActionStatus.BLOCKED),
                "later": Action(title="Plan the visit", due=d(20), owner="Bruno Neri"),
                "undated": Action(title="Think it over", status=ActionStatus.IN_PROGRESS),
                "done": Action(title="Done already", due=d(-1), status=ActionStatus.DONE),
                "dropped": Action(title="Dropped", due=d(1), status=ActionStatus.DROPPED),
            },
            Segment.A,
        ),
        None,
    )
    workspace.overwrite(
        plan(
            "beta",
            "Beta Srl",
            "Bruno Neri",
            {
                "mine": Action(title="Bruno's own", due=d(-20), progress=30),
                "for-maria": Action(title="Ask Maria", due=d(40), owner=" maria  ROSSI "),
            },
        ),
        None,
    )
    return workspace.root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--today", TODAY])
    out, err = capsys.readouterr()
    return code, out, err


def titles(out: str) -> list[str]:
    """The Action column of a table, in order."""
    lines = out.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Due ")), None)
    if start is None:  # nothing shown: no table
        return []
    header = lines[start]
    col = header.index("Action")
    end = header.index("Objective")
    rows = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        rows.append(line[col:end].strip())
    return rows


# -- whose actions ------------------------------------------------------------------------------


def test_all_owners_overdue_first_then_by_due_undated_last(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "actions", "-w", str(ws), "--all")
    assert (code, err) == (0, "")
    first = out.splitlines()[0]
    assert first == (
        "Open actions of every owner (--all) as of 2026-11-30: 6 shown, 0 filtered out"
    )
    assert titles(out) == [
        "Bruno's own",
        "Call the CFO",
        "Send the offer",
        "Plan the visit",
        "Ask Maria",
        "Think it over",
    ]
    assert "20d!" in out and "5d!" in out
    assert out.rstrip().splitlines()[-1] == (
        "6 actions: 2 overdue, 1 due this week (the next 7 days), 1 blocked"
    )


def test_one_owner_case_and_spaces_aside(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "actions", "-w", str(ws), "--owner", "  MARIA   rossi")
    assert code == 0
    assert out.splitlines()[0] == (
        "Open actions of MARIA rossi (--owner) as of 2026-11-30: 4 shown, 2 filtered out "
        "(--all: every owner)"
    )
    # Her own, the account's actions without an owner, and Beta's action given to her.
    assert titles(out) == ["Call the CFO", "Send the offer", "Ask Maria", "Think it over"]


def test_the_owner_in_config_toml_is_the_default(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_file()
    path.parent.mkdir(parents=True)
    path.write_text('owner = "Bruno Neri"\n', encoding="utf-8")
    code, out, _ = run(capsys, "actions", "-w", str(ws))
    assert code == 0
    assert out.splitlines()[0].startswith(
        "Open actions of Bruno Neri (owner in config.toml) as of 2026-11-30: 2 shown"
    )
    assert titles(out) == ["Bruno's own", "Plan the visit"]
    # --owner and --all win over it.
    assert titles(run(capsys, "actions", "-w", str(ws), "--owner", "nobody")[1]) == []
    assert len(titles(run(capsys, "actions", "-w", str(ws), "--all")[1])) == 6


def test_a_config_problem_is_said_and_the_next_source_used(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_file()
    path.parent.mkdir(parents=True)
    path.write_text("owner = 42\n", encoding="utf-8")
    code, out, err = run(capsys, "actions", "-w", str(ws))
    assert code == 0
    assert err == (
        f'kamtui: {path}:1:9: owner: expected a name in quotes, like owner = "Maria Rossi"\n'
    )
    assert "(no owner in config.toml, no git user.name)" in out.splitlines()[0]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_gits_user_name_when_the_config_has_no_owner(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(ws, "init", "-q")
    git(ws, "config", "user.name", "Maria Rossi")
    code, out, _ = run(capsys, "actions", "-w", str(ws))
    assert code == 0
    assert out.splitlines()[0].startswith(
        "Open actions of Maria Rossi (git user.name) as of 2026-11-30: 4 shown, 2 filtered out"
    )
    path = config_file()
    path.parent.mkdir(parents=True)
    path.write_text('owner = "Bruno Neri"\n', encoding="utf-8")
    assert "Bruno Neri (owner in config.toml)" in run(capsys, "actions", "-w", str(ws))[1]


def test_nobody_known_is_every_owner(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "actions", "-w", str(ws))
    assert code == 0
    assert out.splitlines()[0] == (
        "Open actions of every owner (no owner in config.toml, no git user.name) as of "
        "2026-11-30: 6 shown, 0 filtered out"
    )


def test_a_blank_owner_or_both_owner_and_all_are_usage_errors(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "actions", "-w", str(ws), "--owner", "  ")
    assert code == 2 and "--owner needs a name" in err
    with pytest.raises(SystemExit) as exc:
        main(["actions", "-w", str(ws), "--owner", "x", "--all"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        main(["actions", "-w", str(ws), "--overdue", "--due-within", "7d"])
    with pytest.raises(SystemExit):
        main(["actions", "-w", str(ws), "--status", "done"])  # never listed: not a choice


# -- filters ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--overdue"], ["Bruno's own", "Call the CFO"]),
        (["--due-within", "7d"], ["Bruno's own", "Call the CFO", "Send the offer"]),
        (
            ["--due-within", "30d"],
            ["Bruno's own", "Call the CFO", "Send the offer", "Plan the visit"],
        ),
        (["--status", "blocked", "in-progress"], ["Send the offer", "Think it over"]),
        (["--status", "todo", "--overdue"], ["Bruno's own", "Call the CFO"]),
        (["--segment", "none"], ["Bruno's own", "Ask Maria"]),
        (
            ["--segment", "A", "B"],
            ["Call the CFO", "Send the offer", "Plan the visit", "Think it over"],
        ),
        (["--text", "GROW"], ["Call the CFO"]),  # the objective's title
        (["--text", "beta"], ["Bruno's own", "Ask Maria"]),  # the account
    ],
)
def test_filters(
    ws: Path, capsys: pytest.CaptureFixture[str], options: list[str], expected: list[str]
) -> None:
    code, out, _ = run(capsys, "actions", "-w", str(ws), "--all", *options)
    assert code == 0
    assert titles(out) == expected
    assert f"{len(expected)} shown, {6 - len(expected)} filtered out" in out.splitlines()[0]


def test_nothing_shown_still_says_whose_and_the_totals(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "actions", "-w", str(ws), "--owner", "Nobody")
    assert code == 0
    assert out == (
        "Open actions of Nobody (--owner) as of 2026-11-30: 0 shown, 6 filtered out "
        "(--all: every owner)\n\n0 actions: 0 overdue, 0 due this week (the next 7 days), "
        "0 blocked\n"
    )


# -- formats ------------------------------------------------------------------------------------


def test_json(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["actions", "-w", str(ws), "--owner", "Maria Rossi", "--format", "json"]
    code, out, err = run(capsys, *argv)
    assert code == 0
    assert err.startswith("Open actions of Maria Rossi (--owner) as of 2026-11-30: 4 shown")
    doc = json.loads(out)
    assert doc["today"] == "2026-11-30"
    assert (doc["owner"], doc["owner_from"]) == ("Maria Rossi", "--owner")
    assert (doc["shown"], doc["filtered_out"]) == (4, 2)
    assert doc["totals"] == {"overdue": 1, "due_this_week": 1, "blocked": 1}
    assert doc["broken"] == []
    first = doc["actions"][0]
    assert first == {
        "due": "2026-11-25",
        "days_overdue": 5,
        "account": "Acme Packaging",
        "segment": "A",
        "title": "Call the CFO",
        "objective": "Grow the share",
        "owner": "Maria Rossi",
        "status": "todo",
        "progress": 0,
        "plan_id": "acme",
        "action_id": "late",
        "objective_id": "grow",
    }
    assert doc["actions"][-1]["due"] is None  # undated last
    assert doc["actions"][2]["owner"] == " maria  ROSSI "  # as written in the plan


def test_csv_is_safe_to_open_and_raw_keeps_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = Workspace.create(tmp_path / "ws")
    workspace.overwrite(
        plan(
            "evil",
            '=HYPERLINK("http://example.com","x")',
            "@Maria",
            {"a": Action(title="+1+1", due=d(-2)), "b": Action(title="-12", due=d(1))},
        ),
        None,
    )
    code, out, err = run(capsys, "actions", "-w", str(workspace.root), "--all", "--format", "csv")
    assert code == 0 and err.startswith("Open actions of every owner (--all)")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "due", "days_overdue", "account", "segment", "title", "objective", "owner", "status",
        "progress", "plan_id", "action_id", "objective_id",
    ]  # fmt: skip
    assert [r["title"] for r in rows] == ["'+1+1", "-12"]  # a plain number stays a number
    assert {r["account"] for r in rows} == {'\'=HYPERLINK("http://example.com","x")'}
    assert {r["owner"] for r in rows} == {"'@Maria"}
    assert [(r["due"], r["days_overdue"]) for r in rows] == [
        ("2026-11-28", "2"),
        ("2026-12-01", ""),
    ]
    raw_out = run(capsys, "actions", "-w", str(workspace.root), "--all", "--format", "csv", "--raw")
    raw = list(csv.DictReader(io.StringIO(raw_out[1])))
    assert [r["title"] for r in raw] == ["+1+1", "-12"]


def test_the_table_lines_up_with_wide_and_hostile_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = Workspace.create(tmp_path / "ws")
    names = [
        "株式会社 Tanaka",
        "🚀 Rocket",
        "Esc\x1b[2J [red]x[/red]",
        "Bidi \u202e evil",
        "A" * 80,
    ]
    for i, name in enumerate(names):
        workspace.overwrite(
            plan(f"p{i}", name, "Owner\x07", {"a": Action(title=name, due=d(i - 2))}), None
        )
    code, out, _ = run(capsys, "actions", "-w", str(workspace.root), "--all")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "[red]x[/red]" in out  # plain text, never markup
    lines = out.splitlines()
    table = lines[2 : 2 + 1 + len(names)]
    assert len({cell_len(line) for line in table}) == 1  # the last column is right-aligned
    assert all(cell_len(line) < 200 for line in table)  # long names are cut


def test_a_broken_plan_is_named_on_stderr_and_skipped(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (ws / "broken.toml").write_text('schema = 1\n[account]\nname = "x"\nsegment = "Z"\n')
    code, out, err = run(capsys, "actions", "-w", str(ws), "--all")
    assert code == 1
    assert err.startswith(f"{ws / 'broken.toml'}:4:")
    assert "error: unknown value 'Z'" in err and err.rstrip().endswith("(skipped)")
    assert len(titles(out)) == 6
    assert out.rstrip().endswith("1 plan could not be read (see above)")
    code, out, _ = run(capsys, "actions", "-w", str(ws), "--all", "--format", "json")
    assert code == 1
    (broken,) = json.loads(out)["broken"]
    assert broken["id"] == "broken" and ":4:" in broken["error"]


def test_the_sample_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_sample(tmp_path / "ws")
    argv = ["actions", "-w", str(root), "--owner", "Davide Greco", "--format", "json"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    doc = json.loads(out)
    assert doc["shown"] > 3 and doc["filtered_out"] > 30
    assert {a["owner"] for a in doc["actions"]} == {"Davide Greco"}
    dues = [a["due"] for a in doc["actions"] if a["due"] is not None]
    assert dues == sorted(dues)
