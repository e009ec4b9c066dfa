"""The merge driver in real git repositories (temporary folders): `kamtui setup-git` registers
it, then two branches edit one plan and `git merge` merges them by record and field, the driver
run by git as a user's git runs it (repositories and branches: tests/git_conflict_helpers.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from git_conflict_helpers import PLAN, Edit, commit_edit, make_repo, merge, plan_in
from git_helpers import git

from kamtui.cli.main import main
from kamtui.plan.codec import dumps_plan
from kamtui.plan.model import AccountPlan, Action, Person, Role


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "plans")


def first_action(p: AccountPlan) -> Action:
    return next(iter(p.how_to_get_there.actions.values()))


def test_setup_git_is_idempotent(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    attributes = (repo / ".gitattributes").read_text()
    assert main(["setup-git", "-w", str(repo)]) == 0
    assert "nothing to change" in capsys.readouterr().out
    assert (repo / ".gitattributes").read_text() == attributes
    assert attributes.count("merge=kamtui") == 1


def test_setup_git_outside_a_repository_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "not-git"
    folder.mkdir()
    assert main(["setup-git", "-w", str(folder)]) == 2
    assert "is not in a git repository" in capsys.readouterr().err
    assert not (folder / ".gitattributes").exists()


def test_both_sides_add_records_and_items(repo: Path) -> None:
    oid = next(iter(plan_in(repo).where_to_go.objectives))

    def ours(p: AccountPlan) -> None:
        p.how_to_get_there.actions["ours-call"] = Action(title="Our call")
        p.where_am_i.buying_centre["laura-neri"] = Person(
            name="Laura Neri", role=Role.TECHNICAL_BUYER
        )
        p.where_am_i.swot.strengths.append("Our strength")
        p.where_to_go.objectives[oid].checkins[dt.date(2030, 1, 1)] = 1

    def theirs(p: AccountPlan) -> None:
        p.how_to_get_there.actions["theirs-visit"] = Action(title="Their visit")
        p.where_am_i.buying_centre["paolo-riva"] = Person(name="Paolo Riva", role=Role.USER)
        p.where_am_i.swot.threats.append("Their threat")
        p.where_to_go.objectives[oid].checkins[dt.date(2030, 2, 1)] = 2

    result = merge(repo, ours, theirs)
    assert result.returncode == 0, result.stdout + result.stderr
    merged = plan_in(repo)
    assert {"ours-call", "theirs-visit"} <= set(merged.how_to_get_there.actions)
    assert {"laura-neri", "paolo-riva"} <= set(merged.where_am_i.buying_centre)
    assert "Our strength" in merged.where_am_i.swot.strengths
    assert "Their threat" in merged.where_am_i.swot.threats
    checkins = merged.where_to_go.objectives[oid].checkins
    assert checkins[dt.date(2030, 1, 1)] == 1 and checkins[dt.date(2030, 2, 1)] == 2
    text = (repo / f"{PLAN}.toml").read_text()
    assert text == dumps_plan(merged)  # canonical
    assert main(["check", "-w", str(repo)]) == 0


def test_different_fields_of_one_action_and_lines_of_one_text(repo: Path) -> None:
    def ours(p: AccountPlan) -> None:
        first_action(p).owner = "Anna"
        p.where_am_i.business = "line one\nline two\nline three"

    def theirs_base(p: AccountPlan) -> None:
        p.where_am_i.business = "line one\nline two\nline three"

    commit_edit(repo, theirs_base, "a three-line text")

    def ours2(p: AccountPlan) -> None:
        ours(p)
        p.where_am_i.business = "LINE ONE\nline two\nline three"

    def theirs(p: AccountPlan) -> None:
        first_action(p).due = dt.date(2030, 5, 5)
        p.where_am_i.business = "line one\nline two\nLINE THREE"

    result = merge(repo, ours2, theirs)
    assert result.returncode == 0, result.stdout + result.stderr
    merged = plan_in(repo)
    assert first_action(merged).owner == "Anna"
    assert first_action(merged).due == dt.date(2030, 5, 5)
    assert merged.where_am_i.business == "LINE ONE\nline two\nLINE THREE"


def conflicted(repo: Path, ours: Edit, theirs: Edit) -> str:
    result = merge(repo, ours, theirs)
    assert result.returncode != 0
    return (repo / f"{PLAN}.toml").read_text()


def check_lines(repo: Path, capsys: pytest.CaptureFixture[str]) -> list[int]:
    capsys.readouterr()
    assert main(["check", "-w", str(repo)]) == 1
    err = capsys.readouterr().out + capsys.readouterr().err
    return sorted(
        {int(line.split(":")[1]) for line in err.splitlines() if "merge conflict" in line}
    )


def marker_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.split("\n"), 1) if line.startswith(("<<<", ">>>"))]


def test_one_field_changed_differently_is_a_conflict_on_that_field(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def ours(p: AccountPlan) -> None:
        first_action(p).owner = "Anna"

    def theirs(p: AccountPlan) -> None:
        first_action(p).owner = "Bruno"

    text = conflicted(repo, ours, theirs)
    assert '<<<<<<< ours\nowner = "Anna"\n=======\nowner = "Bruno"\n>>>>>>> theirs\n' in text
    assert text.count("<<<<<<<") == 1
    assert set(marker_lines(text)) <= set(check_lines(repo, capsys))


def test_same_date_check_ins_conflict(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    oid = next(iter(plan_in(repo).where_to_go.objectives))

    def ours(p: AccountPlan) -> None:
        p.where_to_go.objectives[oid].checkins[dt.date(2030, 1, 1)] = 1

    def theirs(p: AccountPlan) -> None:
        p.where_to_go.objectives[oid].checkins[dt.date(2030, 1, 1)] = 2

    text = conflicted(repo, ours, theirs)
    assert "<<<<<<< ours\n2030-01-01 = 1\n=======\n2030-01-01 = 2\n>>>>>>> theirs\n" in text
    assert set(marker_lines(text)) <= set(check_lines(repo, capsys))


def test_delete_against_edit_is_a_conflict_on_the_record(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = next(iter(plan_in(repo).how_to_get_there.actions))

    def ours(p: AccountPlan) -> None:
        del p.how_to_get_there.actions[aid]

    def theirs(p: AccountPlan) -> None:
        p.how_to_get_there.actions[aid].owner = "Bruno"

    text = conflicted(repo, ours, theirs)
    start = text.index("<<<<<<< ours\n=======\n")
    assert f"[how_to_get_there.actions.{aid}]" in text[start : text.index(">>>>>>> theirs")]
    assert set(marker_lines(text)) <= set(check_lines(repo, capsys))


def test_a_broken_side_is_merged_line_by_line_by_git(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / f"{PLAN}.toml"
    git(repo, "checkout", "-q", "-b", "theirs")
    path.write_text(path.read_text() + "\n[broken\n")
    git(repo, "commit", "-q", "-am", "theirs broke it")
    git(repo, "checkout", "-q", "main")
    commit_edit(repo, lambda p: setattr(first_action(p), "owner", "Anna"), "ours")
    result = git(repo, "merge", "-q", "-m", "merge", "theirs", check=False)
    assert result.returncode == 0, result.stderr  # git merged the lines cleanly
    assert "merged line by line by git" in result.stderr
    text = path.read_text()
    assert 'owner = "Anna"' in text and "[broken" in text


def test_new_in_a_git_workspace_sets_the_driver_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "team"
    repo.mkdir()
    git(repo, "init", "-q")
    assert main(["new", "Acme Packaging", "-w", str(repo)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip().endswith("acme-packaging.toml")  # stdout stays the path
    assert "merge.kamtui.driver" in captured.err
    assert "merge=kamtui" in (repo / ".gitattributes").read_text()
    assert "*.toml text eol=lf" in (repo / ".gitattributes").read_text()  # kept
    assert main(["new", "Beta", "-w", str(repo)]) == 0
    assert capsys.readouterr().err == ""  # once is enough


def test_new_outside_git_is_as_before(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Acme Packaging", "-w", str(tmp_path / "ws")]) == 0
    assert capsys.readouterr().err == ""
    assert "merge=kamtui" not in (tmp_path / "ws" / ".gitattributes").read_text()
