"""The history of plans in real git repositories (kamtui/git/history.py): the commits that
changed a plan with their changes, revisions and dates, plans and the portfolio as they were,
a workspace in a subfolder, renames, merges, broken versions, no git, no repository."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from conftest import make_full_plan
from git_helpers import Repo

from kamtui.git.command import GitError
from kamtui.git.history import WorkspaceHistory
from kamtui.plan.changes import change_lines
from kamtui.plan.file import read_plan
from kamtui.plan.model import AccountPlan, ActionStatus, Person, Role

PLAN = "acme-packaging"
D = dt.date


def lines(history: WorkspaceHistory, plan_id: str = PLAN, **kw: object) -> list[list[str]]:
    return [change_lines(list(e.changes)) for e in history.plan_log(plan_id, **kw)]  # type: ignore[arg-type]


@pytest.fixture(scope="session", params=["", "accounts/emea"], ids=["top", "subfolder"])
def repo_once(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """A repository with a plan committed three times, the workspace at its top or in a
    subfolder."""
    repo = Repo(tmp_path_factory.mktemp("history") / "my repo", request.param)
    plan = make_full_plan()
    repo.write(plan)
    (repo.workspace / "notes.txt").write_text("not a plan\n")
    repo.commit("Acme plan", D(2026, 10, 1))
    plan.how_to_get_there.actions["call-cfo"].status = ActionStatus.DONE
    plan.how_to_get_there.actions["call-cfo"].progress = 100
    repo.write(plan)
    repo.commit("CFO met", D(2026, 10, 15), author="Luca Bianchi")
    plan.where_am_i.buying_centre["laura-neri"] = Person("Laura Neri", role=Role.TECHNICAL_BUYER)
    plan.where_to_go.objectives["grow-share"].checkins[D(2026, 11, 30)] = 26
    repo.write(plan)
    repo.commit("Review", D(2026, 11, 30))
    return repo


@pytest.fixture
def repo(repo_once: Repo, tmp_path: Path) -> Repo:
    """A copy of :func:`repo_once` (made once per test process): the test's own to change."""
    return repo_once.copy(tmp_path / "my repo")


def test_the_log_of_a_plan(repo: Repo) -> None:
    history = WorkspaceHistory.open(repo.workspace)
    log = history.plan_log(PLAN)
    assert [(e.commit.subject, e.commit.author, e.commit.date.date()) for e in log] == [
        ("Review", "Maria Rossi", D(2026, 11, 30)),
        ("CFO met", "Luca Bianchi", D(2026, 10, 15)),
        ("Acme plan", "Maria Rossi", D(2026, 10, 1)),
    ]
    prefix = "" if repo.workspace == repo.root else "accounts/emea/"
    assert {e.path for e in log} == {f"{prefix}{PLAN}.toml"}
    assert all(e.error is None and e.renamed_from is None for e in log)
    assert lines(history) == [
        [
            "Where am I? · buying centre: + Laura Neri (technical buyer)",
            'Where do I want to go? · objective "Grow share of wallet": check-in 2026-11-30 '
            "24.5% → 26%",
        ],
        [
            'How do I get there? · action "Meet the CFO about total cost": status in progress → '
            "done, progress 40% → 100%"
        ],
        [
            "Account · plan created: Acme Packaging S.p.A. (3 people, 2 competitors, "
            "3 objectives, 5 actions)"
        ],
    ]
    assert log[0].commit.hash == repo.head() and log[0].commit.short == repo.head()[:7]


def test_since_a_date(repo: Repo) -> None:
    history = WorkspaceHistory.open(repo.workspace)
    log = history.plan_log(PLAN, since=D(2026, 10, 15))
    assert [e.commit.subject for e in log] == ["Review", "CFO met"]
    assert "status in progress → done" in change_lines(list(log[1].changes))[0]
    assert history.plan_log(PLAN, since=D(2026, 12, 1)) == []


def test_revisions_and_dates(repo: Repo) -> None:
    history = WorkspaceHistory.open(repo.workspace)
    assert history.resolve("HEAD~1").subject == "CFO met"
    assert history.resolve("main").hash == repo.head()
    with pytest.raises(GitError, match="unknown revision 'nope'"):
        history.resolve("nope")
    with pytest.raises(GitError, match="unknown revision '--help'"):
        history.resolve("--help")  # never an option
    on = history.commit_on_or_before
    assert on(D(2026, 9, 30)) is None
    assert on(D(2026, 10, 1)).subject == "Acme plan"  # type: ignore[union-attr]
    assert on(D(2026, 10, 14)).subject == "Acme plan"  # type: ignore[union-attr]
    assert on(D(2026, 10, 15)).subject == "CFO met"  # type: ignore[union-attr]
    assert on(D(2030, 1, 1)).subject == "Review"  # type: ignore[union-attr]


def test_a_plan_and_the_portfolio_as_they_were(repo: Repo) -> None:
    history = WorkspaceHistory.open(repo.workspace)
    first = history.commit_on_or_before(D(2026, 10, 10))
    assert first is not None
    loaded = history.plan_at(PLAN, first)
    assert loaded is not None and loaded.ok and loaded.plan is not None
    assert loaded.plan.how_to_get_there.actions["call-cfo"].status is ActionStatus.IN_PROGRESS
    assert history.plan_at("other", first) is None
    plans = history.portfolio_at(first)
    assert [p.id for p in plans] == [PLAN]
    other = make_full_plan("beta")
    repo.write(other)
    repo.write("not = [valid", "broken")
    (repo.workspace / "sub").mkdir()
    repo.write(make_full_plan("deeper"), "sub/deeper")
    (repo.workspace / ".hidden.toml").write_text("x = 1\n")
    commit = history.resolve(repo.commit("More", D(2026, 12, 1)))
    plans = history.portfolio_at(commit)
    assert [p.id for p in plans] == [PLAN, "beta", "broken"]
    broken = plans[2]
    assert not broken.ok and broken.errors[0].format().startswith(
        f"{commit.short}:{history.prefix}broken.toml:1:"
    )


def test_a_renamed_plan_keeps_its_history(repo: Repo) -> None:
    repo.git("mv", str(repo.workspace / f"{PLAN}.toml"), str(repo.workspace / "acme.toml"))
    repo.commit("Rename", D(2026, 12, 1))
    history = WorkspaceHistory.open(repo.workspace)
    log = history.plan_log("acme")
    assert [e.commit.subject for e in log] == ["Rename", "Review", "CFO met", "Acme plan"]
    assert log[0].renamed_from == f"{history.prefix}{PLAN}.toml" and log[0].changes == ()
    assert log[1].path == f"{history.prefix}{PLAN}.toml"
    assert len(lines(history, "acme")[2]) == 1
    # the old name's history ends with the rename (the plan left that file)
    old = history.plan_log(PLAN)
    assert old[0].commit.subject == "Rename"
    assert change_lines(list(old[0].changes))[0].startswith("Account · plan deleted: ")


def test_a_broken_version_is_reported_and_the_fix_measured_from_the_last_good_one(
    repo: Repo,
) -> None:
    path = repo.workspace / f"{PLAN}.toml"
    good = path.read_text()
    path.write_text(good.replace('status = "done"', 'status = "finished"', 1))
    repo.commit("Typo", D(2026, 12, 1))
    path.write_text(good.replace("[account]\n", '[account]\nname = "Twice"\n', 1))
    repo.commit("Worse", D(2026, 12, 2))
    plan = AccountPlan(id=PLAN)
    plan.account.name = "Acme"
    repo.write(plan)
    repo.commit("Fixed and emptied", D(2026, 12, 3))
    history = WorkspaceHistory.open(repo.workspace)
    log = history.plan_log(PLAN)
    fixed, worse, typo = log[:3]
    prefix = f"{history.prefix}{PLAN}.toml"
    assert typo.changes == () and typo.error is not None
    assert typo.error.startswith(f"{typo.commit.short}:{prefix}:")
    assert "unknown value 'finished' for 'status'" in typo.error
    assert worse.error is not None and "defined twice" in worse.error
    assert fixed.error is None
    fixed_lines = change_lines(list(fixed.changes))
    assert fixed_lines[0].startswith('Account · name "Acme Packaging S.p.A." → "Acme", ')
    assert "− Laura Neri (technical buyer)" in "\n".join(fixed_lines)


def test_a_deleted_plan_and_one_made_again(repo: Repo) -> None:
    (repo.workspace / f"{PLAN}.toml").unlink()
    repo.commit("Lost the account", D(2026, 12, 1))
    plan = AccountPlan(id=PLAN)
    plan.account.name = "Acme again"
    repo.write(plan)
    repo.commit("Won it back", D(2026, 12, 2))
    log = lines(WorkspaceHistory.open(repo.workspace))
    assert log[0] == ["Account · plan created: Acme again"]
    assert log[1] == [
        "Account · plan deleted: Acme Packaging S.p.A. (4 people, 2 competitors, "
        "3 objectives, 5 actions)"
    ]


def test_a_merge_shows_what_it_brought_to_the_branch(repo: Repo) -> None:
    path = repo.workspace / f"{PLAN}.toml"
    base = path.read_text()
    repo.git("checkout", "-q", "-b", "side")
    path.write_text(base.replace('owner = "Paolo Neri"', 'owner = "Anna Weber"', 1))
    repo.commit("Side: owner", D(2026, 12, 1))
    repo.git("checkout", "-q", "main")
    path.write_text(base.replace("relationship = 1\n", "relationship = 2\n", 1))
    repo.commit("Main: relationship", D(2026, 12, 2))
    repo.git("merge", "-q", "--no-ff", "-m", "Merge side", "side", day=D(2026, 12, 3))
    history = WorkspaceHistory.open(repo.workspace)
    log = history.plan_log(PLAN)
    by_subject = {e.commit.subject: change_lines(list(e.changes)) for e in log}
    assert by_subject["Merge side"] == [
        'How do I get there? · action "Run a line trial at Bari": owner "Paolo Neri" → "Anna Weber"'
    ]
    assert by_subject["Side: owner"] == by_subject["Merge side"]
    assert by_subject["Main: relationship"] == [
        'Where am I? · person "Nicola Conti": relationship 1 → 2'
    ]
    # --at follows the branch's first parents: the side commit was not on main on Dec 2
    on_dec_2 = history.commit_on_or_before(D(2026, 12, 2))
    assert on_dec_2 is not None and on_dec_2.subject == "Main: relationship"


def test_many_commits_read_in_one_git_log_and_one_cat_file(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = repo.workspace / f"{PLAN}.toml"
    loaded = read_plan(path)
    assert loaded.plan is not None
    plan, values = loaded.plan, []
    for i in range(30):
        plan = copy.deepcopy(plan)
        plan.how_to_get_there.actions["bari-trial"].progress = (i * 10) % 110
        values.append(plan.how_to_get_there.actions["bari-trial"].progress)
        repo.write(plan)
        repo.commit(f"Step {i}", D(2026, 12, 1) + dt.timedelta(days=i))
    import subprocess

    runs: list[list[str]] = []
    real_popen = subprocess.Popen

    def popen(args: list[str], *a: object, **kw: object) -> object:
        runs.append(list(args))  # subprocess.run starts its process through Popen too
        return real_popen(args, *a, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "Popen", popen)
    log = WorkspaceHistory.open(repo.workspace).plan_log(PLAN)
    commands = [
        next(w for w in args[1:] if not w.startswith("-") and "=" not in w) for args in runs
    ]
    assert commands.count("log") == 1 and commands.count("cat-file") == 1, commands
    assert len(runs) <= 4, commands  # rev-parse to open, for the short ids; log; cat-file
    expected = [
        f'How do I get there? · action "Run a line trial at Bari": progress {a}% → {b}%'
        for a, b in zip([0, *values], values, strict=False)
        if a != b  # a step that set the progress it had already changed nothing: no commit
    ]
    assert [line for e in reversed(log[:-3]) for line in change_lines(list(e.changes))] == expected
    assert len(log) == 3 + len(expected)


def test_a_plan_never_committed_has_no_history(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    history = WorkspaceHistory.open(repo.workspace)
    assert history.plan_log(PLAN) == []  # no commit at all yet
    assert history.commit_on_or_before(D(2030, 1, 1)) is None
    assert not history.has_commits()
    repo.write(make_full_plan("other"))
    repo.commit("Other", D(2026, 10, 1))
    assert history.plan_log(PLAN) == []


def test_not_a_repository_and_no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(GitError, match="is not in a git repository"):
        WorkspaceHistory.open(folder)
    with pytest.raises(GitError, match="cannot run git"):
        WorkspaceHistory.open(tmp_path / "missing")
    repo = Repo(tmp_path / "r")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    with pytest.raises(GitError, match="git is not installed"):
        WorkspaceHistory.open(repo.workspace)


def test_ids_that_are_not_slugs_are_refused(repo: Repo) -> None:
    history = WorkspaceHistory.open(repo.workspace)
    for bad in ("../x", "a b", "-x", "x/../../y"):
        with pytest.raises(GitError, match="not a valid account id"):
            history.plan_log(bad)
