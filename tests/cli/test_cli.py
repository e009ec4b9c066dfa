"""The ``kamtui`` command line: check / new / list, exit codes, output formats, where the
workspace comes from, and hostile data in the output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from kamtui.cli.main import main
from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import read_plan
from kamtui.plan.model import (
    Account,
    AccountPlan,
    Action,
    ActionStatus,
    HowToGetThere,
    Objective,
    Person,
    Role,
    Segment,
    WhereAmI,
    WhereToGo,
)

TODAY = "2026-11-30"
PROBLEM_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): \S")
SUMMARY_RE = re.compile(
    r"^checked (\d+) plans?: (\d+) errors?, (\d+) warnings?( in \d+ files? with errors)?$"
)
ESC = "\x1b"
VENV_BIN = Path(sys.executable).parent


def acme() -> AccountPlan:
    return AccountPlan(
        id="acme",
        account=Account(
            name="Acme Packaging",
            customer_ids=["C1"],
            owner="Maria",
            segment=Segment.A,
            review_every_days=30,
            last_review=dt.date(2026, 11, 2),
        ),
        # A decision maker we know and a completion date: nothing for the lint of `check` to say.
        where_am_i=WhereAmI(
            buying_centre={
                "ceo": Person(name="Anna Bruni", role=Role.DECISION_MAKER, relationship=4)
            }
        ),
        where_to_go=WhereToGo(
            objectives={"grow": Objective(title="Grow", baseline=0, target=10, current=5)}
        ),
        how_to_get_there=HowToGetThere(
            actions={
                "call-cfo": Action(
                    title="Call the CFO", objective="grow", due=dt.date(2026, 11, 10)
                ),
                "audit": Action(
                    title="Audit",
                    due=dt.date(2026, 10, 1),
                    status=ActionStatus.DONE,
                    progress=100,
                    completed=dt.date(2026, 10, 1),
                ),
                "visit": Action(title="Visit Bari", due=dt.date(2026, 12, 20)),
            }
        ),
    )


def beta() -> AccountPlan:
    return AccountPlan(id="beta", account=Account(name="Beta GmbH", customer_ids=["C2"]))


def write(root: Path, plan: AccountPlan) -> Path:
    path = root / f"{plan.id}.toml"
    path.write_bytes(dumps_plan(plan).encode())
    return path


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No real workspace, home, data dir or pinned date leaks in."""
    monkeypatch.delenv("KAMTUI_WORKSPACE", raising=False)
    monkeypatch.delenv("KAMTUI_TODAY", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(
        platformdirs,
        "user_data_path",
        lambda appname=None, *a, **k: tmp_path / "default-data" / str(appname),
    )


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    write(root, acme())
    write(root, beta())
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def subprocess_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAMTUI_")}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"), **extra)
    return env


# -- check ---------------------------------------------------------------------------------------


def test_check_clean_workspace(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, err = run(capsys, "check", "-w", str(ws), "--today", TODAY)
    assert code == 0
    assert out == "checked 2 plans: 0 errors, 0 warnings\n"
    assert err == ""


def commented_text() -> str:
    plan = AccountPlan(id="commented", account=Account(name="Commented", customer_ids=["C7"]))
    return "# note to self\n" + dumps_plan(plan)


def make_broken(ws: Path) -> None:
    (ws / "bad.toml").write_text('schema = 1\n[account]\nname = "Bad"\nsegment = "Z"\n')
    (ws / "syntax.toml").write_text('schema = 1\n[account]\nname = "Oops\n')
    (ws / "commented.toml").write_text(commented_text())


def test_check_with_errors(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    make_broken(ws)
    code, out, err = run(capsys, "check", "-w", str(ws), "--today", TODAY)
    assert code == 1
    assert err == ""
    lines = out.splitlines()
    *problems, summary = lines
    assert problems
    for line in problems:
        m = PROBLEM_RE.match(line)
        assert m, line
        assert Path(m["path"]).is_file(), line
    m = SUMMARY_RE.match(summary)
    assert m, summary
    assert m.groups()[:3] == ("5", "2", "1")
    assert " in 2 files with errors" in summary
    assert f"{ws / 'bad.toml'}:4:11: error: " in out
    assert f"{ws / 'syntax.toml'}:3:" in out
    assert f"{ws / 'commented.toml'}:1:1: warning: " in out
    assert sum(1 for line in problems if ": error: " in line) == 2


def test_check_every_problem_line_has_a_position(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    (ws / ".acme.toml.kamtui-abc123.tmp").write_text("half a pla")
    code, out, _err = run(capsys, "check", "-w", str(ws), "--today", TODAY)
    assert code == 0
    *problems, summary = out.splitlines()
    assert problems and SUMMARY_RE.match(summary)
    for line in problems:
        assert PROBLEM_RE.match(line), line


def test_check_quiet_prints_errors_only(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    make_broken(ws)
    code, out, _err = run(capsys, "check", "-q", "-w", str(ws), "--today", TODAY)
    assert code == 1
    *problems, summary = out.splitlines()
    assert len(problems) == 2
    assert all(PROBLEM_RE.match(line) and ": error: " in line for line in problems)
    assert SUMMARY_RE.match(summary)


def test_check_quiet_with_only_warnings_is_silent(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    (ws / "commented.toml").write_text(commented_text())
    code, out, err = run(capsys, "check", "--quiet", "-w", str(ws), "--today", TODAY)
    assert code == 0
    assert out == ""
    assert SUMMARY_RE.match(err.strip())


def test_check_missing_workspace(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    code, out, err = run(capsys, "check", "-w", str(missing))
    assert code == 2
    assert out == ""
    assert str(missing) in err and "does not exist" in err
    assert len(err.strip().splitlines()) == 1
    assert not missing.exists()


def test_check_default_workspace_missing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _out, err = run(capsys, "check")
    assert code == 2
    assert str(tmp_path / "default-data" / "kamtui" / "workspace") in err


# -- new -------------------------------------------------------------------------------------


def test_new_prints_the_path_of_a_valid_plan(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, err = run(capsys, "new", "Gamma Foods S.p.A.", "--owner", "Luca", "-w", str(ws))
    assert code == 0
    assert err == ""
    path = Path(out.strip())
    assert out == f"{path}\n"
    assert path == ws / "gamma-foods-s-p-a.toml"
    back = read_plan(path)
    assert back.ok, back.problems
    assert back.plan is not None
    assert back.plan.account.name == "Gamma Foods S.p.A."
    assert back.plan.account.owner == "Luca"
    # The new plan checks clean along with the others.
    code, out, _ = run(capsys, "check", "-w", str(ws), "--today", TODAY)
    assert (code, out) == (0, "checked 3 plans: 0 errors, 0 warnings\n")


def test_new_twice_never_overwrites(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    before = (ws / "acme.toml").read_bytes()
    code, out, _ = run(capsys, "new", "Acme", "-w", str(ws))
    assert code == 0
    assert Path(out.strip()) == ws / "acme-2.toml"
    assert (ws / "acme.toml").read_bytes() == before


def test_new_creates_a_missing_workspace(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = tmp_path / "brand" / "new"
    code, out, _ = run(capsys, "new", "Acme", "-w", str(root))
    assert code == 0
    assert Path(out.strip()) == root / "acme.toml"
    assert (root / ".gitattributes").is_file()


def test_new_with_a_hostile_name_stays_inside(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    outer = ws.parent.parent
    outer_before = set(os.listdir(outer))
    code, out, _ = run(capsys, "new", "-w", str(ws), "--", "../../-rf")
    assert code == 0
    path = Path(out.strip())
    assert path.parent == ws and path.name == "rf.toml"
    assert os.listdir(ws.parent) == ["ws"]
    assert set(os.listdir(outer)) == outer_before


@pytest.mark.parametrize("name", ["", "   ", "Two\nLines"])
def test_new_refuses_an_empty_name(capsys: pytest.CaptureFixture[str], ws: Path, name: str) -> None:
    before = sorted(os.listdir(ws))
    code, out, err = run(capsys, "new", "-w", str(ws), name)
    assert code == 1
    assert out == ""
    assert err.startswith("kamtui: ")
    assert sorted(os.listdir(ws)) == before


def test_new_with_a_non_utf8_name_fails_cleanly(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    name = os.fsdecode(b"Caf\xe9 Latin-1")  # how Python passes such an argument on
    code, out, err = run(capsys, "new", "-w", str(ws), name)
    assert code in (1, 2)
    assert out == ""
    assert err.startswith("kamtui: ") and "Traceback" not in err


# -- where the workspace comes from -----------------------------------------------------------

COMMANDS = [["check"], ["new", "Delta"], ["list"], []]


@pytest.mark.parametrize("cmd", COMMANDS, ids=["check", "new", "list", "no-command"])
def test_env_workspace_works_for_every_command(
    capsys: pytest.CaptureFixture[str],
    ws: Path,
    monkeypatch: pytest.MonkeyPatch,
    cmd: list[str],
) -> None:
    monkeypatch.setenv("KAMTUI_WORKSPACE", str(ws))
    code, out, err = run(capsys, *cmd, "--today", TODAY)
    assert code == 0, err
    assert_used_workspace(cmd, out, ws)


def assert_used_workspace(cmd: list[str], out: str, ws: Path) -> None:
    if cmd == ["check"]:
        assert out == "checked 2 plans: 0 errors, 0 warnings\n"
    elif cmd and cmd[0] == "new":
        assert Path(out.strip()) == ws / "delta.toml"
        assert (ws / "delta.toml").is_file()
    else:
        assert "Acme Packaging" in out and "Beta GmbH" in out


@pytest.mark.parametrize(
    ("cmd", "where"),
    [(cmd, where) for cmd in COMMANDS for where in ("before", "after") if cmd or where == "before"],
    ids=lambda v: v if isinstance(v, str) else "-".join(v[:1]) or "no-command",
)
def test_workspace_option_before_and_after_the_command(
    capsys: pytest.CaptureFixture[str],
    ws: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cmd: list[str],
    where: str,
) -> None:
    # The option beats the environment.
    monkeypatch.setenv("KAMTUI_WORKSPACE", str(tmp_path / "not-this-one"))
    opt = ["-w", str(ws)]
    argv = [*opt, *cmd] if where == "before" else [*cmd, *opt]
    code, out, err = run(capsys, *argv, "--today", TODAY)
    assert code == 0, err
    assert_used_workspace(cmd, out, ws)
    assert not (tmp_path / "not-this-one").exists()


def test_long_workspace_option(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, _ = run(capsys, "check", f"--workspace={ws}", "--today", TODAY)
    assert (code, out) == (0, "checked 2 plans: 0 errors, 0 warnings\n")


# -- list ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after"])
def test_list_json(capsys: pytest.CaptureFixture[str], ws: Path, where: str) -> None:
    today = ["--today", TODAY]
    argv = [*today, "list"] if where == "before" else ["list", *today]
    code, out, err = run(capsys, *argv, "--format", "json", "-w", str(ws))
    assert code == 0, err
    data = json.loads(out)
    assert data["today"] == TODAY
    assert data["broken"] == []
    rows = {r["id"]: r for r in data["accounts"]}
    assert set(rows) == {"acme", "beta"}
    a = rows["acme"]
    assert a["name"] == "Acme Packaging"
    assert a["segment"] == "A"
    assert a["days_since_review"] == 28
    assert a["stale"] is False
    assert a["overdue"] == 1
    assert (a["actions_done"], a["actions_total"]) == (1, 3)
    assert a["attainment"] == 0.5
    assert a["next_action"] == "Call the CFO" and a["next_due"] == "2026-11-10"
    assert rows["beta"]["days_since_review"] is None


def test_list_today_changes_the_figures(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, _ = run(capsys, "list", "--format", "json", "-w", str(ws), "--today", "2026-12-31")
    assert code == 0
    acme_row = next(r for r in json.loads(out)["accounts"] if r["id"] == "acme")
    assert acme_row["days_since_review"] == 59
    assert acme_row["stale"] is True
    assert acme_row["overdue"] == 2


def test_list_csv(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, _ = run(capsys, "list", "--format", "csv", "--today", TODAY, "-w", str(ws))
    assert code == 0
    assert "\r" not in out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["acme", "beta"]
    assert rows[0]["name"] == "Acme Packaging"
    assert rows[0]["days_since_review"] == "28"
    assert rows[0]["overdue"] == "1"
    assert rows[1]["days_since_review"] == ""


def test_list_table(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, _ = run(capsys, "list", "--format", "table", "--today", TODAY, "-w", str(ws))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["ID", "Name"]
    acme_line = next(line for line in lines if line.startswith("acme "))
    assert "Acme Packaging" in acme_line and "28d" in acme_line and "2026-11-10" in acme_line
    beta_line = next(line for line in lines if line.startswith("beta "))
    assert "never!" in beta_line
    assert f"2 accounts as of {TODAY}" in out


def test_no_command_is_the_table(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    table = run(capsys, "list", "-w", str(ws), "--today", TODAY)
    bare = run(capsys, "-w", str(ws), "--today", TODAY)
    assert bare == table
    assert table[0] == 0 and "Acme Packaging" in table[1]


def test_list_with_a_broken_plan(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    (ws / "bad.toml").write_text('schema = 1\n[account]\nname = "Bad"\nsegment = "Z"\n')
    code, out, _ = run(capsys, "list", "--format", "json", "--today", TODAY, "-w", str(ws))
    assert code == 1
    data = json.loads(out)
    assert [b["id"] for b in data["broken"]] == ["bad"]
    assert "segment" in data["broken"][0]["error"]
    assert {r["id"] for r in data["accounts"]} == {"acme", "beta"}
    code, out, _ = run(capsys, "list", "--today", TODAY, "-w", str(ws))
    assert code == 1
    assert re.search(r"^bad  BROKEN: .*segment", out, re.MULTILINE)


def test_list_missing_workspace(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "list", "-w", str(tmp_path / "nope"), "--today", TODAY)
    assert code == 2 and out == "" and "does not exist" in err
    assert not (tmp_path / "nope").exists()


def test_bad_today_is_a_usage_error(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, err = run(capsys, "list", "-w", str(ws), "--today", "30/11/2026")
    assert (code, out) == (2, "")
    assert "30/11/2026" in err


# -- hostile data in the output ------------------------------------------------------------------


@pytest.fixture
def hostile_ws(ws: Path) -> Path:
    for plan_id, name in [("red", "[red]x[/red]"), ("esc", "Evil \x1b[2J co\x1b]0;pwn\x07")]:
        write(ws, AccountPlan(id=plan_id, account=Account(name=name)))
    (ws / "value.toml").write_text(
        'schema = 1\n[account]\nname = "V"\nsegment = "\\u001b[2J"\nowner = "\\u001b[31m"\n'
    )
    return ws


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_list_shows_hostile_names_safely(
    capsys: pytest.CaptureFixture[str], hostile_ws: Path, fmt: str
) -> None:
    code, out, _ = run(capsys, "list", "--format", fmt, "--today", TODAY, "-w", str(hostile_ws))
    assert code == 1  # value.toml is broken
    assert ESC not in out and "\x07" not in out
    assert "[red]x[/red]" in out
    assert "Evil" in out


def test_check_shows_hostile_values_safely(
    capsys: pytest.CaptureFixture[str], hostile_ws: Path
) -> None:
    code, out, _ = run(capsys, "check", "-w", str(hostile_ws), "--today", TODAY)
    assert code == 1
    assert ESC not in out
    assert f"{hostile_ws / 'value.toml'}:4:" in out


def test_check_shows_hostile_file_names_safely(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    (ws / "evil\x1b[2J.toml").write_text(dumps_plan(beta()))
    code, out, _ = run(capsys, "check", "-w", str(ws), "--today", TODAY)
    assert code == 1
    assert ESC not in out
    assert "evil" in out


def test_list_table_shows_hostile_file_names_safely(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    (ws / "evil\x1b[2J.toml").write_text(dumps_plan(beta()))
    code, out, _ = run(capsys, "list", "--today", TODAY, "-w", str(ws))
    assert code == 1
    assert "BROKEN" in out
    assert ESC not in out


def test_list_csv_shows_hostile_names_safely(
    capsys: pytest.CaptureFixture[str], hostile_ws: Path
) -> None:
    code, out, _ = run(capsys, "list", "--format", "csv", "--today", TODAY, "-w", str(hostile_ws))
    assert code == 1  # value.toml is broken
    assert "[red]x[/red]" in out
    assert ESC not in out


# -- help ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["check", "--help"], ["new", "--help"]])
def test_help(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert out.startswith("usage: kamtui")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, "kamtui 0.1.0\n")


def test_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "frobnicate")
    assert code == 2 and "frobnicate" in err


# -- real processes ------------------------------------------------------------------------------


def test_script_check_and_help(tmp_path: Path, ws: Path) -> None:
    kamtui = VENV_BIN / "kamtui"
    assert kamtui.exists(), kamtui
    env = subprocess_env(tmp_path)
    done = subprocess.run(
        [str(kamtui), "check", "-w", str(ws), "--today", TODAY],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "checked 2 plans: 0 errors, 0 warnings\n",
        "",
    )
    done = subprocess.run(
        [str(kamtui), "--help"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0 and done.stdout.startswith("usage: kamtui")
    done = subprocess.run(
        [str(kamtui), "check", "-w", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and "does not exist" in done.stderr


def test_python_m_kamtui_with_env_workspace(tmp_path: Path, ws: Path) -> None:
    make_broken(ws)
    env = subprocess_env(tmp_path, KAMTUI_WORKSPACE=str(ws), KAMTUI_TODAY=TODAY)
    done = subprocess.run(
        [sys.executable, "-m", "kamtui", "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    *problems, summary = done.stdout.splitlines()
    assert problems and all(PROBLEM_RE.match(line) for line in problems)
    assert SUMMARY_RE.match(summary)

    done = subprocess.run(
        [sys.executable, "-m", "kamtui", "new", "Omega"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0 and Path(done.stdout.strip()) == ws / "omega.toml"
    done = subprocess.run(
        [sys.executable, "-m", "kamtui", "list", "--format", "json", "--today", TODAY],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1  # the broken files from make_broken
    data = json.loads(done.stdout)
    assert data["today"] == TODAY
    assert {r["id"] for r in data["accounts"]} == {"acme", "beta", "commented", "omega"}
