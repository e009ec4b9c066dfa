"""A file that changed on disk since it was loaded is never clobbered (checklist items 8-12, 15,
25, 27): size changes, same-size edits with the mtime put back, deletion, vim-style saves,
a second Workspace on the same folder, broken files, comments, and new plans."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from kamtui.plan.codec import dumps_plan
from kamtui.plan.diagnostics import ConflictError, PlanError, PlanFileError
from kamtui.plan.file import LoadedPlan, read_plan
from kamtui.plan.model import Account, AccountPlan, Action, HowToGetThere
from kamtui.store import atomic
from kamtui.store.workspace import CommentsWouldBeLostError, Workspace

PLAN_ID = "acme"


def plan(name: str = "Acme Packaging", plan_id: str = PLAN_ID, note: str = "") -> AccountPlan:
    return AccountPlan(
        id=plan_id,
        account=Account(name=name, customer_ids=["C1"], owner="Maria"),
        how_to_get_there=HowToGetThere(
            strategy="Lead with supply security.",
            actions={"call-cfo": Action(title="Call the CFO", notes=note)},
        ),
    )


def renamed(p: AccountPlan, name: str) -> AccountPlan:
    return dataclasses.replace(p, account=dataclasses.replace(p.account, name=name))


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.create(tmp_path / "ws")


@pytest.fixture
def loaded(ws: Workspace) -> LoadedPlan:
    ws.path_for(PLAN_ID).write_bytes(dumps_plan(plan()).encode())
    lp = ws.load(PLAN_ID)
    assert lp.ok
    return lp


def names(folder: Path) -> set[str]:
    return set(os.listdir(folder))


def assert_conflict(ws: Workspace, lp: LoadedPlan, expected_on_disk: bytes | None) -> str:
    """Saving *lp* raises ConflictError naming the file; the disk stays as it is."""
    path = lp.path
    before = names(ws.root)
    with pytest.raises(ConflictError) as info:
        ws.save(lp, renamed(lp.plan or plan(), "Acme From The App"))
    message = str(info.value)
    assert str(path) in message
    assert "not saved" in message
    assert info.value.path == path
    assert isinstance(info.value, PlanError)
    if expected_on_disk is None:
        assert not path.exists() and not path.is_symlink()
    else:
        assert path.read_bytes() == expected_on_disk
    assert names(ws.root) == before, "a temp file was left behind"
    return message


# -- external edits -------------------------------------------------------------------------


def test_edit_with_a_different_size_is_refused(ws: Workspace, loaded: LoadedPlan) -> None:
    theirs = dumps_plan(renamed(plan(), "Acme Packaging Edited In Vim")).encode()
    loaded.path.write_bytes(theirs)
    message = assert_conflict(ws, loaded, theirs)
    assert "changed on disk" in message


def test_same_size_edit_with_mtime_restored_is_refused(ws: Workspace, loaded: LoadedPlan) -> None:
    path = loaded.path
    st = path.stat()
    original = path.read_bytes()
    theirs = original.replace(b"Acme Packaging", b"Acme Packagung")
    assert theirs != original and len(theirs) == len(original)
    path.write_bytes(theirs)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    message = assert_conflict(ws, loaded, theirs)
    assert "changed on disk" in message


def test_deleted_file_is_not_recreated(ws: Workspace, loaded: LoadedPlan) -> None:
    loaded.path.unlink()
    message = assert_conflict(ws, loaded, None)
    assert "deleted or renamed" in message


def test_renamed_file_is_not_recreated(ws: Workspace, loaded: LoadedPlan) -> None:
    """`git mv` / a rename in a file manager: the old name must not come back."""
    original = loaded.path.read_bytes()
    loaded.path.rename(ws.root / "acme-renamed.toml")
    before = names(ws.root)
    with pytest.raises(ConflictError, match="deleted or renamed"):
        ws.save(loaded, renamed(plan(), "Mine"))
    assert not loaded.path.exists()
    assert (ws.root / "acme-renamed.toml").read_bytes() == original
    assert names(ws.root) == before


def test_vim_style_replacement_is_refused(ws: Workspace, loaded: LoadedPlan) -> None:
    """vim with 'backupcopy=no': rename the file away, then write a new one."""
    path = loaded.path
    original = path.read_bytes()
    backup = ws.root / f"{PLAN_ID}.toml~"
    os.rename(path, backup)
    theirs = dumps_plan(renamed(plan(), "Acme, saved by vim")).encode()
    path.write_bytes(theirs)
    message = assert_conflict(ws, loaded, theirs)
    assert "changed on disk" in message
    assert backup.read_bytes() == original


def test_edit_through_a_symlink_is_refused(tmp_path: Path, ws: Workspace) -> None:
    # The real file in a folder of the workspace: a link out of the workspace is not read at
    # all (tests/core/test_workspace_entries.py).
    (ws.root / "shared").mkdir()
    real = ws.root / "shared" / "real.toml"
    real.write_bytes(dumps_plan(plan()).encode())
    (ws.root / f"{PLAN_ID}.toml").symlink_to(real)
    lp = ws.load(PLAN_ID)
    theirs = dumps_plan(renamed(plan(), "Edited at the real path")).encode()
    real.write_bytes(theirs)
    assert_conflict(ws, lp, theirs)
    assert (ws.root / f"{PLAN_ID}.toml").is_symlink()


# -- saving in sequence and concurrently -------------------------------------------------------


def test_saves_chain_from_the_returned_state(ws: Workspace, loaded: LoadedPlan) -> None:
    first = ws.save(loaded, renamed(plan(), "First"))
    second = ws.save(first.loaded, renamed(plan(), "Second"))
    assert first.written and second.written
    assert read_plan(loaded.path).plan == renamed(plan(), "Second")
    # The state from before the first save is now stale, even for the same app.
    assert_conflict(ws, loaded, dumps_plan(renamed(plan(), "Second")).encode())


def test_two_workspaces_on_one_folder_stale_save_is_refused(ws: Workspace) -> None:
    ws.path_for(PLAN_ID).write_bytes(dumps_plan(plan()).encode())
    ws_a, ws_b = Workspace(ws.root), Workspace(ws.root)
    lp_a, lp_b = ws_a.load(PLAN_ID), ws_b.load(PLAN_ID)
    assert ws_a.save(lp_a, renamed(plan(), "Saved by A")).written
    a_bytes = ws.path_for(PLAN_ID).read_bytes()

    assert_conflict(ws_b, lp_b, a_bytes)

    # B reloads, gets A's work, and can save on top of it.
    fresh = ws_b.load(PLAN_ID)
    assert fresh.plan == renamed(plan(), "Saved by A")
    assert ws_b.save(fresh, renamed(plan(), "Saved by B after reload")).written
    assert ws.load(PLAN_ID).plan == renamed(plan(), "Saved by B after reload")


# -- broken files and comments ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'schema = 1\n[account]\nname = "Acme\n',
        'schema = 1\n[account]\nname = "Acme"\nsegment = "Z"\n',
        'schema = 1\n[account]\n<<<<<<< HEAD\nname = "A"\n=======\nname = "B"\n>>>>>>> x\n',
        "",
    ],
    ids=["bad-toml", "bad-value", "conflict-markers", "empty"],
)
def test_broken_file_cannot_be_saved_over(ws: Workspace, text: str) -> None:
    path = ws.path_for(PLAN_ID)
    path.write_text(text)
    lp = ws.load(PLAN_ID)
    assert not lp.ok and lp.errors
    before = names(ws.root)
    with pytest.raises(PlanFileError) as info:
        ws.save(lp, plan())
    assert info.value.problems
    assert all(p.path == path for p in info.value.problems)
    assert str(path) in str(info.value)
    assert path.read_text() == text
    assert names(ws.root) == before


def test_file_with_comments_needs_drop_comments(ws: Workspace) -> None:
    path = ws.path_for(PLAN_ID)
    text = dumps_plan(plan()).replace("[account]\n", "[account]\n# the big one\n", 1)
    path.write_text(text)
    lp = ws.load(PLAN_ID)
    assert lp.ok and lp.has_comments
    with pytest.raises(CommentsWouldBeLostError) as info:
        ws.save(lp, renamed(plan(), "Edited"))
    assert str(path) in str(info.value)
    assert "comments" in str(info.value)
    assert path.read_text() == text

    result = ws.save(lp, renamed(plan(), "Edited"), drop_comments=True)
    assert result.written
    assert "#" not in path.read_text()
    assert read_plan(path).plan == renamed(plan(), "Edited")


def test_hash_inside_strings_is_not_a_comment(ws: Workspace) -> None:
    path = ws.path_for(PLAN_ID)
    path.write_bytes(dumps_plan(plan(name="Acme #1", note="see ticket #42")).encode())
    lp = ws.load(PLAN_ID)
    assert lp.ok and not lp.has_comments
    assert ws.save(lp, plan(name="Acme #2", note="see ticket #42")).written


def test_unchanged_save_of_a_commented_file_is_fine(ws: Workspace) -> None:
    """Nothing to write means nothing to lose: no error, comments kept."""
    path = ws.path_for(PLAN_ID)
    text = "# keep me\n" + dumps_plan(plan())
    path.write_text(text)
    lp = ws.load(PLAN_ID)
    assert lp.plan is not None
    assert ws.save(lp, lp.plan).written is False
    assert path.read_text() == text


def test_save_under_another_id_is_refused(ws: Workspace, loaded: LoadedPlan) -> None:
    before = loaded.path.read_bytes()
    with pytest.raises(PlanError):
        ws.save(loaded, plan(plan_id="other"))
    assert loaded.path.read_bytes() == before
    assert not (ws.root / "other.toml").exists()


# -- new plans never overwrite -----------------------------------------------------------------


def test_new_plan_never_overwrites_an_existing_file(ws: Workspace) -> None:
    existing = ws.path_for("acme")
    existing.write_text("not even a plan, but someone's file\n")
    lp = ws.new_plan("Acme")
    assert lp.path == ws.root / "acme-2.toml"
    assert existing.read_text() == "not even a plan, but someone's file\n"
    assert read_plan(lp.path).plan == lp.plan


def test_new_plan_when_a_file_appears_after_the_id_is_chosen(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kamtui.store.workspace as workspace_module

    real_unique_id = workspace_module.unique_id
    planted: list[Path] = []

    def racing_unique_id(name: str, taken: set[str], *args: object) -> str:
        chosen = real_unique_id(name, taken, *args)
        if not planted:  # another process creates the file right after we chose its name
            path = ws.root / f"{chosen}.toml"
            path.write_text("theirs\n")
            planted.append(path)
        return chosen

    monkeypatch.setattr(workspace_module, "unique_id", racing_unique_id)
    lp = ws.new_plan("Acme")
    assert planted == [ws.root / "acme.toml"]
    assert planted[0].read_text() == "theirs\n"
    assert lp.path == ws.root / "acme-2.toml"
    assert read_plan(lp.path).plan == lp.plan
    assert {n for n in names(ws.root) if n.endswith(".toml")} == {"acme.toml", "acme-2.toml"}
    assert not ws.temp_files()


def test_new_plan_when_a_file_appears_after_the_existence_check(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window between 'does it exist?' and creating it: os.link must not clobber."""
    real_digest = atomic.file_digest
    planted: list[Path] = []

    def racing_digest(path: Path) -> str | None:
        result = real_digest(path)
        if not planted and path.name == "acme.toml":
            path.write_text("theirs\n")
            planted.append(path)
        return result

    monkeypatch.setattr(atomic, "file_digest", racing_digest)
    lp = ws.new_plan("Acme")
    assert planted and planted[0].read_text() == "theirs\n"
    assert lp.path.name == "acme-2.toml"
    assert read_plan(lp.path).plan == lp.plan
    assert not ws.temp_files()
