"""``kamtui diff``, ``kamtui log``, ``kamtui export --at`` and ``kamtui list --at`` end to end,
on real git repositories in temporary folders (commit dates pinned, "today" from --today or
the date asked for), a workspace at the top of its repository or in a subfolder; without git
or outside a repository they say so in one line and exit 2, and the rest works as before."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import TODAY, make_full_plan
from git_helpers import Repo

from kamtui.cli.main import main
from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import read_plan
from kamtui.plan.model import AccountPlan, ActionStatus, Person, Role

PLAN = "acme-packaging"
D = dt.date


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def plan_of(repo: Repo) -> AccountPlan:
    loaded = read_plan(repo.workspace / f"{PLAN}.toml")
    assert loaded.plan is not None
    return loaded.plan


@pytest.fixture(scope="session", params=["", "plans/team a"], ids=["top", "subfolder"])
def repo_once(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """Three commits of the plan: created on Oct 1, the CFO met on Oct 15 (by Luca), a review
    on Nov 30; a second plan added on Oct 15."""
    repo = Repo(tmp_path_factory.mktemp("history") / "repo", request.param)
    plan = make_full_plan()
    repo.write(plan)
    repo.commit("Acme plan", D(2026, 10, 1))
    plan.how_to_get_there.actions["call-cfo"].status = ActionStatus.DONE
    plan.how_to_get_there.actions["call-cfo"].progress = 100
    repo.write(plan)
    beta = make_full_plan("beta")
    beta.account.name = "Beta Foods"
    repo.write(beta)
    repo.commit("CFO met", D(2026, 10, 15), author="Luca Bianchi")
    plan.where_am_i.buying_centre["laura-neri"] = Person("Laura Neri", role=Role.TECHNICAL_BUYER)
    plan.where_to_go.objectives["grow-share"].checkins[D(2026, 11, 30)] = 26
    repo.write(plan)
    repo.commit("Review", D(2026, 11, 30))
    return repo


@pytest.fixture
def repo(repo_once: Repo, tmp_path: Path) -> Repo:
    """A copy of :func:`repo_once` (made once per test process): the test's own to change."""
    return repo_once.copy(tmp_path / "repo")


# -- kamtui diff -------------------------------------------------------------------------------


def test_diff_head_against_the_file_on_disk(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    w = str(repo.workspace)
    code, out, err = run(capsys, "diff", PLAN, "-w", w)
    assert (code, err) == (0, "")
    assert out == f"{PLAN}: HEAD ({repo.head()[:7]}, 2026-11-30) → the file on disk\n  no change\n"
    plan = plan_of(repo)
    plan.how_to_get_there.actions["bari-trial"].status = ActionStatus.IN_PROGRESS
    plan.how_to_get_there.actions["bari-trial"].progress = 30
    repo.write(plan)
    code, out, err = run(capsys, "diff", PLAN, "-w", w)
    assert code == 0 and err == ""
    assert out.splitlines()[1:] == [
        '  How do I get there? · action "Run a line trial at Bari": status todo → in progress, '
        "progress 0% → 30%"
    ]
    code, out, _ = run(capsys, "-w", w, "diff", PLAN, "--format", "json")
    doc = json.loads(out)
    assert doc["plan"] == PLAN
    assert doc["before"] == {
        "revision": "HEAD",
        "commit": repo.head(),
        "date": "2026-11-30T12:00:00+00:00",
        "exists": True,
    }
    assert doc["after"]["revision"] is None and doc["after"]["exists"] is True
    assert [(c["field"], c["before"], c["after"]) for c in doc["changes"]] == [
        ("status", "todo", "in-progress"),
        ("progress", 0, 30),
    ]
    assert doc["lines"] == [out_line.strip() for out_line in doc["lines"]]


def test_diff_between_revisions(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    w = str(repo.workspace)
    code, out, _ = run(capsys, "diff", PLAN, "HEAD~2", "HEAD~1", "-w", w)
    assert code == 0
    assert out.splitlines()[1:] == [
        '  How do I get there? · action "Meet the CFO about total cost": status in progress → '
        "done, progress 40% → 100%"
    ]
    # one revision: against the file on disk; options may come between the revisions
    code, out, _ = run(capsys, "diff", PLAN, "-w", w, "HEAD~1")
    assert code == 0 and len(out.splitlines()) == 3
    code, out2, _ = run(capsys, "diff", PLAN, "HEAD~1", "-w", w, "HEAD", "--format", "text")
    assert code == 0 and out2.splitlines()[1:] == out.splitlines()[1:]
    # a plan that was not there yet
    code, out, _ = run(capsys, "diff", "beta", "HEAD~2", "HEAD", "-w", w)
    assert code == 0 and out.splitlines()[1] == (
        "  Account · plan created: Beta Foods (3 people, 2 competitors, 3 objectives, 5 actions)"
    )


def test_diff_errors(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    w = str(repo.workspace)
    code, out, err = run(capsys, "diff", PLAN, "nope", "-w", w)
    assert (code, out) == (2, "") and err.startswith("kamtui: unknown revision 'nope'")
    assert err.count("\n") == 1
    code, _, err = run(capsys, "diff", "acme-packagin", "-w", w)
    assert code == 2 and "no plan 'acme-packagin'" in err and "did you mean: acme-packaging" in err
    code, _, err = run(capsys, "diff", "../x", "-w", w)
    assert code == 2 and "not a valid account id" in err
    code, _, err = run(capsys, "diff", PLAN, "HEAD", "HEAD", "HEAD", "-w", w)
    assert code == 2 and "at most two revisions" in err
    (repo.workspace / f"{PLAN}.toml").write_text("schema = 1\n[account\n")
    code, out, err = run(capsys, "diff", PLAN, "-w", w)
    assert code == 1 and out == ""
    assert f"{PLAN}.toml:2:" in err and "has errors" in err


def test_diff_before_the_first_commit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = Repo(tmp_path / "new")
    repo.write(make_full_plan())
    code, out, _ = run(capsys, "diff", PLAN, "-w", str(repo.workspace))
    assert code == 0 and "plan created: Acme Packaging S.p.A." in out


# -- kamtui log --------------------------------------------------------------------------------


def test_log_text(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "log", PLAN, "-w", str(repo.workspace))
    assert (code, err) == (0, "")
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    hashes = repo.git("log", "--format=%h", "--", ".").stdout.split()
    assert heads == [
        f"2026-11-30  {hashes[0]}  Maria Rossi  Review",
        f"2026-10-15  {hashes[1]}  Luca Bianchi  CFO met",
        f"2026-10-01  {hashes[2]}  Maria Rossi  Acme plan",
    ]
    assert (
        '  How do I get there? · action "Meet the CFO about total cost": status in progress → '
        "done, progress 40% → 100%"
    ) in out.splitlines()
    assert "  Where am I? · buying centre: + Laura Neri (technical buyer)" in out.splitlines()


def test_log_json_and_since(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    w = str(repo.workspace)
    code, out, _ = run(capsys, "log", PLAN, "-w", w, "--since", "2026-10-15", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    prefix = "" if repo.workspace == repo.root else "plans/team a/"
    assert doc["plan"] == PLAN and doc["path"] == f"{prefix}{PLAN}.toml"
    assert [c["subject"] for c in doc["commits"]] == ["Review", "CFO met"]
    cfo = doc["commits"][1]
    assert cfo["author"] == "Luca Bianchi" and cfo["date"] == "2026-10-15T12:00:00+00:00"
    assert cfo["error"] is None and cfo["renamed_from"] is None
    assert [(c["kind"], c["record"], c["field"]) for c in cfo["changes"]] == [
        ("action", "call-cfo", "status"),
        ("action", "call-cfo", "progress"),
    ]
    code, out, err = run(capsys, "log", PLAN, "-w", w, "--since", "2027-01-01")
    assert (code, out) == (0, "") and "no commit changed" in err


def test_log_reports_a_broken_commit(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo.workspace / f"{PLAN}.toml"
    good = path.read_text()
    path.write_text(good.replace("[account]", "[account", 1))
    repo.commit("Oops", D(2026, 12, 1))
    path.write_text(good.replace('owner = "Paolo Neri"', 'owner = "Anna"', 1))
    repo.commit("Fix", D(2026, 12, 2))
    code, out, _ = run(capsys, "log", PLAN, "-w", str(repo.workspace), "--since", "2026-12-01")
    assert code == 0
    lines = out.splitlines()
    assert (
        lines[1]
        == '  How do I get there? · action "Run a line trial at Bari": owner "Paolo Neri" → "Anna"'
    )
    assert lines[4].startswith("  has errors at this commit: ") and f"{PLAN}.toml:" in lines[4]


def test_log_unknown_or_uncommitted(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    w = str(repo.workspace)
    code, out, err = run(capsys, "log", "acme", "-w", w)
    assert code == 2 and out == "" and "no plan 'acme'" in err and "acme-packaging" in err
    repo.write(make_full_plan("gamma"))
    code, out, err = run(capsys, "log", "gamma", "-w", w)
    assert (code, out) == (0, "") and "no commit changed" in err
    code, out, _ = run(capsys, "log", "gamma", "-w", w, "--format", "json")
    assert json.loads(out)["commits"] == []


# -- kamtui export --at, kamtui list --at ------------------------------------------------------


def test_export_at_a_date_and_a_revision(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    w = str(repo.workspace)
    on_disk = (repo.workspace / f"{PLAN}.toml").read_bytes()
    code, out, _ = run(capsys, "export", PLAN, "-w", w, "--at", "2026-10-20", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["today"] == "2026-10-20"  # the figures as of the date asked for
    assert doc["how_to_get_there"]["actions"]["call-cfo"]["status"] == "done"
    assert "laura-neri" not in doc["where_am_i"]["buying_centre"]
    code, out, _ = run(capsys, "export", PLAN, "-w", w, "--at", "HEAD~2", "--today", str(TODAY))
    assert code == 0 and "- **Exported:** 2026-11-30 by kamtui" in out
    code, md_head, _ = run(capsys, "export", PLAN, "-w", w, "--at", "HEAD~2")
    assert "- **Exported:** 2026-10-01 by kamtui" in md_head  # --at REV: the commit's day
    assert (repo.workspace / f"{PLAN}.toml").read_bytes() == on_disk  # nothing written
    assert repo.git("status", "--porcelain").stdout == ""


def test_export_at_errors(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    w = str(repo.workspace)
    code, out, err = run(capsys, "export", PLAN, "-w", w, "--at", "2026-09-30")
    assert (code, out) == (2, "") and "no commit on or before 2026-09-30" in err
    code, _, err = run(capsys, "export", "beta", "-w", w, "--at", "2026-10-01")
    assert code == 2 and "no plan 'beta' at 2026-10-01" in err and "was not there" in err
    code, _, err = run(capsys, "export", PLAN, "-w", w, "--at", "v9")
    assert code == 2 and "unknown revision 'v9'" in err
    (repo.workspace / "beta.toml").unlink()  # deleted on disk: still exported as it was
    code, out, _ = run(capsys, "export", "beta", "-w", w, "--at", "HEAD", "--format", "json")
    assert code == 0 and json.loads(out)["account"]["name"] == "Beta Foods"
    path = repo.workspace / f"{PLAN}.toml"
    path.write_text("schema = 1\n[account\n")
    repo.commit("Broken", D(2026, 12, 1))
    code, out, err = run(capsys, "export", PLAN, "-w", w, "--at", "2026-12-01")
    assert code == 1 and out == "" and "has errors at that commit" in err
    assert f":{PLAN}.toml:2:" in err or f"/{PLAN}.toml:2:" in err


def test_list_at_a_date(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    w = str(repo.workspace)
    code, out, _ = run(capsys, "list", "-w", w, "--at", "2026-10-01")
    assert code == 0
    rows = out.splitlines()
    assert rows[1].startswith(f"{PLAN}  Acme Packaging S.p.A.") and rows[2] == ""
    first = repo.git("log", "--format=%h", "--reverse").stdout.split()[0]
    assert f"1 account as of 2026-10-01 (commit {first} of 2026-10-01)" in out
    code, out, _ = run(capsys, "list", "-w", w, "--at", "2026-11-01", "--format", "json")
    doc = json.loads(out)
    assert doc["today"] == "2026-11-01" and doc["at"]["date"] == "2026-10-15T12:00:00+00:00"
    assert [a["id"] for a in doc["accounts"]] == ["acme-packaging", "beta"]
    acme = doc["accounts"][0]
    assert acme["actions_done"] == 2  # the CFO met on Oct 15; the review not yet
    code, out, _ = run(capsys, "list", "-w", w, "--at", "HEAD~2", "--format", "csv")
    assert code == 0 and out.count("\n") == 2


def test_list_at_shows_a_plan_broken_then(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    (repo.workspace / "beta.toml").write_text("schema = 1\n[account\n")
    repo.commit("Broken beta", D(2026, 12, 1))
    (repo.workspace / "beta.toml").unlink()
    code, out, _ = run(capsys, "list", "-w", str(repo.workspace), "--at", "2026-12-01")
    assert code == 1
    assert any(
        line.startswith("beta  BROKEN: ") and "beta.toml:2:" in line for line in out.splitlines()
    )


# -- no git, no repository ---------------------------------------------------------------------

HISTORY_COMMANDS = [
    ["log", PLAN],
    ["diff", PLAN],
    ["export", PLAN, "--at", "2026-10-01"],
    ["list", "--at", "2026-10-01"],
]


@pytest.mark.parametrize("argv", HISTORY_COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:3]))
def test_without_git(
    argv: list[str],
    repo: Repo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    code, out, err = run(capsys, *argv, "-w", str(repo.workspace))
    assert (code, out) == (2, "")
    assert err == "kamtui: git is not installed (or not on PATH): the git features are off\n"
    # everything else works as before
    code, out, _ = run(capsys, "list", "-w", str(repo.workspace), "--today", str(TODAY))
    assert code == 0 and "2 accounts as of 2026-11-30;" in out
    code, out, _ = run(capsys, "export", PLAN, "-w", str(repo.workspace), "--today", str(TODAY))
    assert code == 0 and out.startswith("# ")


@pytest.mark.parametrize("argv", HISTORY_COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:3]))
def test_outside_a_repository(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / f"{PLAN}.toml").write_text(dumps_plan(make_full_plan()))
    code, out, err = run(capsys, *argv, "-w", str(folder))
    assert (code, out) == (2, "")
    assert err == f"kamtui: {folder} is not in a git repository: the git features are off\n"
    code, out, _ = run(capsys, "list", "-w", str(folder), "--today", str(TODAY))
    assert code == 0 and "1 account as of 2026-11-30;" in out
