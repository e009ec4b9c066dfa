"""Saving a plan is all or nothing (reliability checklist items 1-7).

A save killed with SIGKILL leaves the old or the new file, never a truncated one; a failed write
leaves the original byte-identical; the file mode and symlinks survive; a save that changes
nothing writes nothing; the new text is read back and checked before it replaces anything.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import os
import random
import signal
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kamtui.plan.codec import dumps_plan
from kamtui.plan.diagnostics import ConflictError, PlanError, PlanFileError, Severity
from kamtui.plan.file import LoadedPlan, parse_plan, read_plan
from kamtui.plan.model import (
    Account,
    AccountPlan,
    Action,
    ActionStatus,
    HowToGetThere,
    Objective,
    WhereToGo,
)
from kamtui.store import atomic
from kamtui.store.atomic import atomic_write, file_digest, is_temp_file
from kamtui.store.workspace import Workspace

PLAN_ID = "acme"
STATUSES = list(ActionStatus)


def big_plan(tag: str, plan_id: str = PLAN_ID, n_actions: int = 60) -> AccountPlan:
    """A plan of roughly 20 KB whose every action carries *tag* (so versions differ a lot)."""
    actions = {
        f"action-{i:03d}": Action(
            title=f"{tag} action number {i}",
            objective="grow" if i % 3 else "",
            owner="Maria Rossi",
            due=dt.date(2026, 1, 1) + dt.timedelta(days=i * 3),
            status=STATUSES[i % len(STATUSES)],
            progress=(i * 7) % 101,
            notes=f"{tag}: " + "a note that makes the file bigger " * 6,
        )
        for i in range(n_actions)
    }
    return AccountPlan(
        id=plan_id,
        account=Account(name=f"Acme {tag}", customer_ids=["C1", "C2"], owner="Maria Rossi"),
        where_to_go=WhereToGo(
            ambition=f"{tag} ambition",
            objectives={"grow": Objective(title="Grow", target=10, current=4)},
        ),
        how_to_get_there=HowToGetThere(strategy=f"{tag}\nsecond line", actions=actions),
    )


def small_plan(name: str = "Acme Packaging", plan_id: str = PLAN_ID) -> AccountPlan:
    return AccountPlan(id=plan_id, account=Account(name=name, customer_ids=["C1"]))


def renamed(plan: AccountPlan, name: str) -> AccountPlan:
    return dataclasses.replace(plan, account=dataclasses.replace(plan.account, name=name))


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.create(tmp_path / "ws")


def write_plan(ws: Workspace, plan: AccountPlan) -> Path:
    path = ws.path_for(plan.id)
    path.write_bytes(dumps_plan(plan).encode())
    return path


def listing(folder: Path) -> set[str]:
    return set(os.listdir(folder))


def temp_names(folder: Path) -> set[str]:
    return {n for n in os.listdir(folder) if is_temp_file(n)}


# -- 1. SIGKILL during save ---------------------------------------------------------------------


def saver(root: Path, versions: list[bytes], out: Any) -> None:
    """The child's part: load the plan, then save the other version over it again and again,
    writing "ready" once loaded and "saved" after each save to *out*."""
    ws = Workspace(root)
    plans = [parse_plan(v, ws.path_for(PLAN_ID)).plan for v in versions]
    loaded = ws.load(PLAN_ID)
    print("ready", file=out, flush=True)
    while True:
        other = 1 if loaded.text.encode() == versions[0] else 0
        loaded = ws.save(loaded, plans[other]).loaded
        print("saved", file=out, flush=True)


def start_saver(root: Path, versions: list[bytes]) -> tuple[int, Any]:
    """Fork a process running :func:`saver`; its pid and the read end of its output. Forked
    from this one, it has kamtui imported already: a new interpreter took most of the time of
    each round (about 0.15 s of CPU to start and import, against a few ms to fork)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, killed by the test
        os.close(read_end)
        out = os.fdopen(write_end, "w")
        try:
            saver(root, versions, out)
        except BaseException as e:
            print(f"{type(e).__name__}: {e}", file=out, flush=True)
        finally:
            os._exit(1)
    os.close(write_end)
    return pid, os.fdopen(read_end)


@pytest.mark.slow
@pytest.mark.serial  # it times kills against saves: not beside other tests
def test_sigkill_during_save_leaves_old_or_new_file(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws")
    old_plan, new_plan = big_plan("OLD"), big_plan("NEW")
    old, new = dumps_plan(old_plan).encode(), dumps_plan(new_plan).encode()
    assert 18_000 < len(old) < 40_000 and 18_000 < len(new) < 40_000
    assert old != new
    path = write_plan(ws, old_plan)

    rng = random.Random(20261130)
    seen: set[bytes] = set()
    saves = 0
    killed_mid_save = 0
    iterations = 0
    started = time.monotonic()

    def more() -> bool:
        """60 kills; a few more (within limits) if they did not yet cover both cases."""
        if iterations < 60:
            return True
        unlucky = len(seen) < 2 or killed_mid_save < 3
        return unlucky and iterations < 200 and time.monotonic() - started < 20

    while more():
        iterations += 1
        temps_before = temp_names(ws.root)
        pid, output = start_saver(ws.root, [old, new])
        with output:
            try:
                first = output.readline()
                assert first == "ready\n", first
                # a slow (loaded) machine: longer waits until a save has been seen to finish
                time.sleep(rng.uniform(0.0, 0.06 if saves else 0.4))
            finally:
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
            out = output.read()
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            f"saver died on its own:\n{out}"
        )
        saves += out.count("saved\n")

        data = path.read_bytes()
        assert data in (old, new), f"iteration {iterations}: the plan is neither old nor new"
        seen.add(data)
        loaded = read_plan(path)
        assert loaded.ok, loaded.problems
        assert loaded.plan == (old_plan if data == old else new_plan)

        temps = temp_names(ws.root)
        killed_mid_save += bool(temps - temps_before)
        # Nothing but the plan, the git files and temp files is ever in the folder.
        assert listing(ws.root) - temps == {f"{PLAN_ID}.toml", ".gitignore", ".gitattributes"}
        # Stray temp files are never plans; load_all reports each one as a warning.
        assert ws.plan_paths() == [path]
        scan = ws.load_all()
        assert [lp.id for lp in scan.plans] == [PLAN_ID]
        assert scan.error_count == 0
        reported = {p.path.name for p in scan.problems}
        assert reported == temps
        assert all(p.severity is Severity.WARNING for p in scan.problems)

    assert saves > 0, "the saver never finished a save: the test proved nothing"
    assert seen == {old, new}, "only one version was ever seen on disk"
    assert killed_mid_save >= 1, "no kill landed during a save (no temp file was ever left)"


# -- 2. A failed write --------------------------------------------------------------------------


class _FailingFile:
    """Wraps the temp file: writes half of the data, then the disk is full."""

    def __init__(self, fh: Any) -> None:
        self._fh = fh

    def write(self, data: bytes) -> int:
        self._fh.write(data[: len(data) // 2])
        self._fh.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()


def _fail_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return _FailingFile(real(fd, *args, **kwargs))

    monkeypatch.setattr(os, "fdopen", fdopen)


def _fail_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def _fail_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    """The step that puts the new file in place fails (the swap, or the rename where the
    system has no swap)."""

    def replace(src: Any, dst: Any) -> bool:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(atomic, "exchange", replace)


@pytest.mark.parametrize(
    ("fault", "code"),
    [(_fail_write, errno.ENOSPC), (_fail_fsync, errno.ENOSPC), (_fail_replace, errno.EIO)],
    ids=["write-enospc", "fsync-enospc", "replace-eio"],
)
def test_failed_write_leaves_original_and_no_temp_file(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, fault: Any, code: int
) -> None:
    path = write_plan(ws, big_plan("OLD"))
    before_bytes = path.read_bytes()
    before_names = listing(ws.root)
    loaded = ws.load(PLAN_ID)
    edited = big_plan("NEW")
    with monkeypatch.context() as m:
        fault(m)
        with pytest.raises(OSError) as info:
            ws.save(loaded, edited)
    assert info.value.errno == code
    assert path.read_bytes() == before_bytes
    assert listing(ws.root) == before_names, "a temp file was left behind"
    # The user's edits are still there and the same save works once the disk is fine again.
    assert edited == big_plan("NEW")
    result = ws.save(loaded, edited)
    assert result.written
    assert path.read_bytes() == dumps_plan(edited).encode()
    assert listing(ws.root) == before_names


def test_failed_new_file_leaves_nothing(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    before = listing(ws.root)
    with monkeypatch.context() as m:
        _fail_write(m)
        with pytest.raises(OSError):
            ws.new_plan("Acme")
    assert listing(ws.root) == before


# -- 3. File mode ----------------------------------------------------------------------------


@pytest.fixture
def umask() -> Iterator[Any]:
    """Set the umask inside a test; the old one is always restored."""
    old = os.umask(0o022)
    os.umask(old)
    try:
        yield os.umask
    finally:
        os.umask(old)


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664, 0o444])
def test_save_keeps_the_file_mode(ws: Workspace, mode: int, umask: Any) -> None:
    umask(0o022)
    path = write_plan(ws, small_plan())
    path.chmod(mode)
    result = ws.save(ws.load(PLAN_ID), small_plan("Acme Renamed"))
    assert result.written
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert read_plan(path).plan == small_plan("Acme Renamed")


@pytest.mark.parametrize(("mask", "expected"), [(0o027, 0o640), (0o002, 0o664), (0o077, 0o600)])
def test_new_file_follows_the_umask(tmp_path: Path, umask: Any, mask: int, expected: int) -> None:
    umask(mask)
    ws = Workspace.create(tmp_path / "ws")
    loaded = ws.new_plan("Acme")
    assert stat.S_IMODE(loaded.path.stat().st_mode) == expected
    assert stat.S_IMODE((ws.root / ".gitignore").stat().st_mode) == expected
    assert stat.S_IMODE((ws.root / ".gitattributes").stat().st_mode) == expected


def test_atomic_write_new_file_follows_the_umask(tmp_path: Path, umask: Any) -> None:
    umask(0o027)
    target = tmp_path / "x.bin"
    atomic_write(target, b"hello", expected_digest=None)
    assert target.read_bytes() == b"hello"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


# -- 4. Symlinks --------------------------------------------------------------------------------


@pytest.mark.parametrize("relative", [False, True], ids=["absolute-link", "relative-link"])
def test_symlinked_plan_is_written_through(tmp_path: Path, relative: bool) -> None:
    ws = Workspace.create(tmp_path / "ws")
    # A folder of the workspace (a link out of the workspace is not read at all:
    # tests/core/test_workspace_entries.py).
    elsewhere = ws.root / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / "real.toml"
    real.write_bytes(dumps_plan(small_plan()).encode())
    real.chmod(0o640)
    link = ws.root / f"{PLAN_ID}.toml"
    link_target = os.path.join("elsewhere", "real.toml") if relative else str(real)
    link.symlink_to(link_target)

    loaded = ws.load(PLAN_ID)
    assert loaded.ok
    result = ws.save(loaded, small_plan("Acme Through The Link"))
    assert result.written
    assert link.is_symlink()
    assert os.readlink(link) == link_target
    assert real.read_bytes() == dumps_plan(small_plan("Acme Through The Link")).encode()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert temp_names(ws.root) == set() and temp_names(elsewhere) == set()
    assert listing(elsewhere) == {"real.toml"}
    # And the next save from the returned state goes through the link again.
    again = ws.save(result.loaded, small_plan("Acme Again"))
    assert again.written and link.is_symlink()
    assert ws.load(PLAN_ID).plan == small_plan("Acme Again")


# -- 5. A save that changes nothing writes nothing ---------------------------------------------


def _stamp(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns, st.st_ctime_ns


@pytest.mark.parametrize("how", ["same-object", "equal-copy", "edited-back"])
def test_unchanged_save_writes_nothing(ws: Workspace, how: str) -> None:
    path = write_plan(ws, big_plan("OLD"))
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    loaded = ws.load(PLAN_ID)
    assert loaded.plan is not None
    if how == "same-object":
        plan = loaded.plan
    elif how == "equal-copy":
        plan = big_plan("OLD")
    else:
        plan = renamed(renamed(loaded.plan, "Something else"), loaded.plan.account.name)
    before, dir_before = _stamp(path), _stamp(ws.root)
    result = ws.save(loaded, plan)
    assert result.written is False
    assert _stamp(path) == before
    assert _stamp(ws.root) == dir_before, "something was created in the folder"


def test_unchanged_save_keeps_hand_formatting(ws: Workspace) -> None:
    text = 'schema = 1\n\n[account]\nname    =   "Acme"\ncustomer_ids = [ "C1" ]\n'
    path = ws.root / "acme.toml"
    path.write_text(text)
    loaded = ws.load("acme")
    assert loaded.ok and loaded.plan is not None
    before = _stamp(path)
    assert ws.save(loaded, loaded.plan).written is False
    assert path.read_text() == text
    assert _stamp(path) == before


def test_changed_save_does_write(ws: Workspace) -> None:
    """The other side of the test above: a real change replaces the file (a new inode)."""
    path = write_plan(ws, big_plan("OLD"))
    before = _stamp(path)
    loaded = ws.load(PLAN_ID)
    result = ws.save(loaded, big_plan("NEW"))
    assert result.written
    assert _stamp(path)[0] != before[0]
    assert path.read_bytes() == dumps_plan(big_plan("NEW")).encode()
    assert result.loaded.digest == file_digest(path)


# -- 6. Re-parse verification ---------------------------------------------------------------


def _assert_refused(ws: Workspace, loaded: LoadedPlan, path: Path, before: bytes) -> None:
    names = listing(ws.root)
    with pytest.raises(PlanError):
        ws.save(loaded, small_plan("Acme Edited"))
    assert path.read_bytes() == before
    assert listing(ws.root) == names


def test_save_refuses_text_that_does_not_parse(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_plan(ws, small_plan())
    before = path.read_bytes()
    loaded = ws.load(PLAN_ID)
    monkeypatch.setattr(
        "kamtui.store.workspace.dumps_plan", lambda plan: dumps_plan(plan) + "\n[broken\n"
    )
    _assert_refused(ws, loaded, path, before)


def test_save_refuses_text_that_reads_back_differently(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every call adds a key: the text never reads back as what was written."""
    path = write_plan(ws, small_plan())
    before = path.read_bytes()
    loaded = ws.load(PLAN_ID)
    monkeypatch.setattr(
        "kamtui.store.workspace.dumps_plan", lambda plan: dumps_plan(plan) + "injected = 1\n"
    )
    _assert_refused(ws, loaded, path, before)


def test_save_refuses_when_the_temp_file_does_not_hold_the_data(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check reads the temp file back: bytes lost on the way are caught."""
    path = write_plan(ws, small_plan())
    before = path.read_bytes()
    loaded = ws.load(PLAN_ID)
    real_fsync = os.fsync

    def truncating_fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.ftruncate(fd, 40)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", truncating_fsync)
    _assert_refused(ws, loaded, path, before)


def test_save_refuses_text_that_is_a_different_plan(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An encoder that loses data (here: the name) must not get its text onto disk."""
    path = write_plan(ws, small_plan())
    before = path.read_bytes()
    loaded = ws.load(PLAN_ID)
    monkeypatch.setattr(
        "kamtui.store.workspace.dumps_plan", lambda plan: dumps_plan(renamed(plan, "LOST"))
    )
    _assert_refused(ws, loaded, path, before)


def test_verify_failure_in_atomic_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_bytes(b"original")

    def verify(data: bytes) -> None:
        assert data == b"replacement"
        raise PlanFileError([])

    with pytest.raises(PlanFileError):
        atomic_write(target, b"replacement", expected_digest=file_digest(target), verify=verify)
    assert target.read_bytes() == b"original"
    assert listing(tmp_path) == {"f.txt"}


def test_atomic_write_refuses_a_stale_digest(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_bytes(b"original")
    stale = file_digest(target)
    target.write_bytes(b"someone else")
    with pytest.raises(ConflictError):
        atomic_write(target, b"mine", expected_digest=stale)
    assert target.read_bytes() == b"someone else"
    assert listing(tmp_path) == {"f.txt"}


def test_temp_file_names_are_recognised(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """The temp file a save makes is one that is_temp_file, plan_paths and .gitignore know."""
    seen: list[str] = []

    def spy(data: bytes) -> None:
        seen.extend(temp_names(ws.root))

    path = ws.root / "acme.toml"
    atomic_write(path, b"x = 1\n", expected_digest=None, verify=spy)
    assert len(seen) == 1
    assert seen[0].startswith(".acme.toml") and seen[0].endswith(atomic.TEMP_SUFFIX)
    # Kept around (as a killed save would), it is still not a plan.
    (ws.root / seen[0]).write_bytes(dumps_plan(small_plan()).encode())
    assert ws.plan_paths() == [path]
    assert ws.temp_files() == [ws.root / seen[0]]
