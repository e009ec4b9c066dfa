"""Overwriting a file that changed on disk, after the user saw it; and the diff they were shown.

``Workspace.overwrite`` is the "keep mine" answer to a conflict: it writes over exactly the
version the user was shown (by digest) and nothing newer.
"""

from __future__ import annotations

import copy
import os
import stat
from pathlib import Path

import pytest
from conftest import FULL_PLAN_ID

from kamtui.plan.codec import dumps_plan
from kamtui.plan.diagnostics import ConflictError, PlanError
from kamtui.plan.diff import unified_diff
from kamtui.plan.file import LoadedPlan, digest_bytes
from kamtui.plan.model import AccountPlan, new_plan
from kamtui.store.atomic import file_digest, is_temp_file
from kamtui.store.workspace import Workspace


def write_plan(ws: Workspace, plan: AccountPlan) -> LoadedPlan:
    ws.path_for(plan.id).write_bytes(dumps_plan(plan).encode())
    loaded = ws.load(plan.id)
    assert loaded.ok
    return loaded


def someone_else_edits(path: Path, name: str) -> bytes:
    """Another program renames the account in the file; returns the new bytes."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith("name = "))
    lines[i] = f'name = "{name}"'
    data = "\n".join(lines).encode()
    path.write_bytes(data)
    return data


def someone_else_creates(path: Path) -> bytes:
    """Another program writes a new plan at *path*; returns its bytes."""
    data = dumps_plan(new_plan(path.stem, "Recreated by someone")).encode()
    path.write_bytes(data)
    return data


def temp_files(ws: Workspace) -> list[str]:
    return [n for n in os.listdir(ws.root) if is_temp_file(n)]


@pytest.fixture
def loaded(tmp_workspace: Workspace, full_plan) -> LoadedPlan:
    return write_plan(tmp_workspace, full_plan())


@pytest.fixture
def mine(loaded: LoadedPlan) -> AccountPlan:
    """The user's edits of the loaded plan."""
    assert loaded.plan is not None
    plan = copy.deepcopy(loaded.plan)
    plan.how_to_get_there.actions["call-cfo"].notes = "Bring the TCO model and the delivery log."
    return plan


# -- overwrite ---------------------------------------------------------------------------------


def test_overwrite_after_seeing_the_changed_file(tmp_workspace, loaded, mine):
    theirs = someone_else_edits(loaded.path, "Acme by Someone Else")
    with pytest.raises(ConflictError):
        tmp_workspace.save(loaded, mine)
    seen = file_digest(loaded.path)
    assert seen == digest_bytes(theirs)

    result = tmp_workspace.overwrite(mine, seen)

    expected = dumps_plan(mine).encode()
    assert loaded.path.read_bytes() == expected
    assert result.written
    assert result.loaded.path == loaded.path
    assert result.loaded.plan is mine
    assert result.loaded.digest == digest_bytes(expected) == file_digest(loaded.path)
    assert result.loaded.text == expected.decode()
    assert tmp_workspace.load(FULL_PLAN_ID).plan == mine
    assert temp_files(tmp_workspace) == []


def test_saving_continues_from_the_overwrite_result(tmp_workspace, loaded, mine):
    someone_else_edits(loaded.path, "Acme by Someone Else")
    result = tmp_workspace.overwrite(mine, file_digest(loaded.path))
    again = copy.deepcopy(mine)
    again.account.owner = "Paolo Neri"
    saved = tmp_workspace.save(result.loaded, again)
    assert saved.written
    assert tmp_workspace.load(FULL_PLAN_ID).plan == again


def test_overwrite_refuses_a_file_that_changed_again(tmp_workspace, loaded, mine):
    someone_else_edits(loaded.path, "First Change")
    seen = file_digest(loaded.path)
    newest = someone_else_edits(loaded.path, "Second Change")
    with pytest.raises(ConflictError) as info:
        tmp_workspace.overwrite(mine, seen)
    assert info.value.path == loaded.path
    assert "changed on disk" in info.value.reason
    assert loaded.path.read_bytes() == newest  # untouched, byte for byte
    assert temp_files(tmp_workspace) == []


def test_overwrite_refuses_a_same_size_change(tmp_workspace, loaded, mine):
    someone_else_edits(loaded.path, "Acme AAAA")
    seen = file_digest(loaded.path)
    st_before = loaded.path.stat()
    newest = someone_else_edits(loaded.path, "Acme BBBB")
    os.utime(loaded.path, ns=(st_before.st_atime_ns, st_before.st_mtime_ns))
    with pytest.raises(ConflictError):
        tmp_workspace.overwrite(mine, seen)
    assert loaded.path.read_bytes() == newest


def test_overwrite_recreates_a_deleted_file(tmp_workspace, loaded, mine):
    loaded.path.unlink()
    result = tmp_workspace.overwrite(mine, None)
    assert result.written
    assert loaded.path.read_bytes() == dumps_plan(mine).encode()
    assert tmp_workspace.load(FULL_PLAN_ID).plan == mine
    assert temp_files(tmp_workspace) == []


def test_overwrite_of_a_deleted_file_refuses_one_that_came_back(tmp_workspace, loaded, mine):
    loaded.path.unlink()
    # the user saw "deleted" (seen_digest None), then someone put a file back
    back = someone_else_creates(loaded.path)
    with pytest.raises(ConflictError) as info:
        tmp_workspace.overwrite(mine, None)
    assert "already exists" in info.value.reason
    assert loaded.path.read_bytes() == back


def test_overwrite_refuses_a_file_deleted_after_it_was_seen(tmp_workspace, loaded, mine):
    someone_else_edits(loaded.path, "Changed")
    seen = file_digest(loaded.path)
    loaded.path.unlink()
    with pytest.raises(ConflictError) as info:
        tmp_workspace.overwrite(mine, seen)
    assert "deleted" in info.value.reason
    assert not loaded.path.exists()
    assert temp_files(tmp_workspace) == []


@pytest.mark.parametrize(
    "broken",
    [
        b"schema = 1\n[account\nname = 'x'\n",  # invalid TOML
        b"<<<<<<< HEAD\nschema = 1\n=======\nschema = 2\n>>>>>>> theirs\n",  # merge conflict
        b"\xff\xfe\x00s\x00c",  # UTF-16
        b"",  # empty
        b"schema = 1\n[account]\nname = 42\n",  # schema error
    ],
    ids=["toml", "conflict-markers", "utf16", "empty", "schema"],
)
def test_overwrite_a_broken_file_when_its_digest_is_given(tmp_workspace, loaded, mine, broken):
    loaded.path.write_bytes(broken)
    assert not tmp_workspace.load(FULL_PLAN_ID).ok
    tmp_workspace.overwrite(mine, digest_bytes(broken))
    reread = tmp_workspace.load(FULL_PLAN_ID)
    assert reread.ok
    assert reread.plan == mine


def test_overwrite_a_broken_file_needs_its_current_digest(tmp_workspace, loaded, mine):
    broken = b"schema = 1\n[account\n"
    loaded.path.write_bytes(broken)
    with pytest.raises(ConflictError):
        tmp_workspace.overwrite(mine, loaded.digest)  # the digest of the old, good file
    assert loaded.path.read_bytes() == broken


def test_overwrite_keeps_the_file_mode(tmp_workspace, loaded, mine):
    os.chmod(loaded.path, 0o640)
    someone_else_edits(loaded.path, "Changed")
    tmp_workspace.overwrite(mine, file_digest(loaded.path))
    assert stat.S_IMODE(loaded.path.stat().st_mode) == 0o640


def test_overwrite_refuses_an_invalid_id(tmp_workspace, mine):
    mine.id = "../escape"
    with pytest.raises(PlanError):
        tmp_workspace.overwrite(mine, None)
    assert not (tmp_workspace.root.parent / "escape.toml").exists()


# -- the diff the user is shown ----------------------------------------------------------------


def test_unified_diff_is_empty_when_the_plan_is_what_is_on_disk(loaded):
    assert loaded.plan is not None
    assert unified_diff(loaded.text, loaded.plan, loaded.path.name) == []
    assert unified_diff(loaded.text, copy.deepcopy(loaded.plan), "x.toml") == []


def test_unified_diff_of_one_changed_field(loaded):
    assert loaded.plan is not None
    plan = copy.deepcopy(loaded.plan)
    plan.account.owner = "Paolo Neri"
    lines = unified_diff(loaded.text, plan, "acme-packaging.toml")
    assert lines[0] == "--- a/acme-packaging.toml (on disk)"
    assert lines[1] == "+++ b/acme-packaging.toml (your edits)"
    assert lines[2].startswith("@@ ")
    removed = [line for line in lines[2:] if line.startswith("-")]
    added = [line for line in lines[2:] if line.startswith("+")]
    assert removed == ['-owner = "Maria Rossi"']
    assert added == ['+owner = "Paolo Neri"']
    assert all(not line.endswith("\n") for line in lines)


def test_unified_diff_against_someone_elses_change(loaded, mine):
    someone_else_edits(loaded.path, "Acme by Someone Else")
    disk = loaded.path.read_text(encoding="utf-8")
    lines = unified_diff(disk, mine, loaded.path.name)
    removed = [line for line in lines[2:] if line.startswith("-")]
    added = [line for line in lines[2:] if line.startswith("+")]
    assert removed == ['-name = "Acme by Someone Else"', '-notes = "Bring the TCO model."']
    assert added == [
        '+name = "Acme Packaging S.p.A."',
        '+notes = "Bring the TCO model and the delivery log."',
    ]


def test_unified_diff_against_a_deleted_file(mine):
    lines = unified_diff("", mine, "acme-packaging.toml")
    assert lines[:2] == [
        "--- a/acme-packaging.toml (on disk)",
        "+++ b/acme-packaging.toml (your edits)",
    ]
    body = lines[3:]
    assert body and all(line.startswith("+") for line in body)
    assert "\n".join(line[1:] for line in body) + "\n" == dumps_plan(mine)
