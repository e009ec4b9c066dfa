"""The review ends with a commit in a git workspace: the plan's file alone, a message that sums
the review up, the user's identity; git's own words when it refuses; outside git, as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FULL_PLAN_ID, TODAY, make_full_plan
from git_helpers import NO_USER_CONFIG, commit_all, git, init_repo
from tui_helpers import open_account, type_text, wait_for, wait_for_screen

from kamtui.plan.codec import dumps_plan
from kamtui.plan.review import ReviewOutcome, review_message
from kamtui.store.workspace import Workspace
from kamtui.tui.factory import make_app
from kamtui.tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from kamtui.tui.screens.record_form import RecordForm


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    for key, value in NO_USER_CONFIG.items():  # the app's git sees the test's config only
        monkeypatch.setenv(key, value)
    root = init_repo(tmp_path / "team")
    (root / f"{FULL_PLAN_ID}.toml").write_text(dumps_plan(make_full_plan()), encoding="utf-8")
    (root / "other.txt").write_text("staged, not part of the review\n")
    commit_all(root, "base")
    (root / "other.txt").write_text("changed and staged\n")
    git(root, "add", "other.txt")
    return Workspace(root)


def test_the_message_sums_the_review_up() -> None:
    assert (
        review_message("Freni Orobici", ReviewOutcome(check_ins=3, done=2, dropped=1))
        == "Review Freni Orobici: 3 check-ins, 2 actions done, 1 dropped"
    )
    assert review_message("Acme", ReviewOutcome()) == "Review Acme: nothing changed"
    assert review_message("A\x1b[2Jb", ReviewOutcome(rescheduled=1)).endswith(": 1 rescheduled")


async def review_to_the_end(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("r")
    await wait_for_screen(pilot, ChoiceDialog)
    await pilot.press("c")
    await wait_for_screen(pilot, RecordForm)
    await type_text(pilot, "3")  # a check-in on the first objective
    await pilot.press("enter")
    for n in (2, 3):
        await wait_for(
            pilot,
            lambda n=n: isinstance(app.screen, RecordForm) and f"{n}/3" in app.screen.form_title,
        )
        await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
    await pilot.press("d")  # the overdue action: done
    await wait_for_screen(pilot, ConfirmDialog)
    await pilot.press("y")  # reviewed today


async def test_the_review_is_committed_alone(repo: Workspace) -> None:
    path = repo.root / f"{FULL_PLAN_ID}.toml"
    app = make_app(repo, today=TODAY, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(app, pilot, FULL_PLAN_ID)
        await review_to_the_end(app, pilot)
        offer = await wait_for_screen(pilot, ConfirmDialog)
        assert "Review Acme Packaging S.p.A.: 1 check-in, 1 action done" in offer.question
        assert "nothing is pushed" in offer.question
        await pilot.press("y")
        await wait_for(pilot, lambda: "Acme" in git(repo.root, "log", "-1", "--format=%s").stdout)
        await wait_for(pilot, lambda: not screen.dirty)
    log = git(repo.root, "log", "-1", "--format=%s|%an", "--name-only").stdout
    assert log.splitlines()[0] == (
        "Review Acme Packaging S.p.A.: 1 check-in, 1 action done|Maria Rossi"
    )
    assert log.split("\n")[2:3] == [path.name]  # only the plan
    assert git(repo.root, "diff", "--cached", "--name-only").stdout.split() == ["other.txt"]
    assert git(repo.root, "status", "--porcelain", "--", path.name).stdout == ""


async def test_when_git_refuses_the_saved_file_stays_and_git_says_why(repo: Workspace) -> None:
    hook = repo.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'plans are frozen this week' >&2\nexit 1\n")
    hook.chmod(0o755)
    path = repo.root / f"{FULL_PLAN_ID}.toml"
    before = path.read_text()
    app = make_app(repo, today=TODAY, watch_interval=None)
    notes: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.say = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await open_account(app, pilot, FULL_PLAN_ID)
        await review_to_the_end(app, pilot)
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_for(pilot, lambda: any("did not commit" in n for n in notes))
    assert any("plans are frozen this week" in n for n in notes)
    assert path.read_text() != before  # saved
    assert git(repo.root, "log", "--format=%s").stdout.split("\n")[0] == "base"


async def test_the_review_lists_what_changed_since_the_reviews_commit(repo: Workspace) -> None:
    import copy
    import datetime as dt

    from kamtui.plan.file import read_plan

    path = repo.root / f"{FULL_PLAN_ID}.toml"
    plan = read_plan(path).plan
    assert plan is not None
    reviewed = copy.deepcopy(plan)
    reviewed.account.last_review = dt.date(2026, 11, 20)
    path.write_text(dumps_plan(reviewed), encoding="utf-8")
    git(repo.root, "commit", "-q", "-m", "Review Acme: nothing changed", "--", path.name)
    later = copy.deepcopy(reviewed)
    first = next(iter(later.how_to_get_there.actions.values()))
    first.owner = "Bruno Bianchi"
    path.write_text(dumps_plan(later), encoding="utf-8")
    git(repo.root, "commit", "-q", "-m", "Bruno takes it over", "--", path.name)
    app = make_app(repo, today=TODAY, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account(app, pilot, FULL_PLAN_ID)
        await pilot.press("r")
        summary = await wait_for_screen(pilot, ChoiceDialog)
        assert "since the last review (committed " in summary.question
        assert "Bruno Bianchi" in summary.question and "owner" in summary.question
        assert "measured" not in summary.question  # not the dated fields' list
