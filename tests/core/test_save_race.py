"""A save never replaces an edit that landed after the check that the file was unchanged
(between the hash check and the replace): the racing writer's content is kept, and the save is
refused as a conflict (issue: 'a save can overwrite an edit made a moment earlier')."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

import pytest

from kamtui.plan.diagnostics import ConflictError
from kamtui.store import atomic
from kamtui.store.atomic import atomic_write

pytestmark = pytest.mark.skipif(
    atomic._renameat2 is None, reason="needs renameat2 (Linux): elsewhere the window stays"
)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_like_an_editor(path: Path, data: bytes) -> None:
    """What vim or git do: write a new file beside it, rename it over."""
    tmp = path.with_name(f".{path.name}.{threading.get_ident()}.swp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def test_an_edit_between_the_check_and_the_replace_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "acme.toml"
    path.write_bytes(b"loaded\n")
    real = atomic.file_digest
    calls = []

    def check_then_someone_writes(p: Path) -> str | None:
        result = real(p)
        if not calls:  # the check before the replace: a writer lands right after it
            write_like_an_editor(path, b"theirs, a moment later\n")
        calls.append(p)
        return result

    monkeypatch.setattr(atomic, "file_digest", check_then_someone_writes)
    with pytest.raises(ConflictError, match="changed on disk"):
        atomic_write(path, b"ours\n", expected_digest=digest(b"loaded\n"))
    assert path.read_bytes() == b"theirs, a moment later\n"
    assert [p.name for p in tmp_path.iterdir()] == ["acme.toml"]  # no temp file left


def test_without_a_race_the_save_goes_through(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_bytes(b"loaded\n")
    atomic_write(path, b"ours\n", expected_digest=digest(b"loaded\n"))
    assert path.read_bytes() == b"ours\n"
    assert [p.name for p in tmp_path.iterdir()] == ["acme.toml"]


def test_a_concurrent_writer_loses_no_edit(tmp_path: Path) -> None:
    """A stress run: an editor appends a line again and again (read, write beside, rename)
    while kamtui saves again and again (read, check, swap). Every line the editor wrote is
    still in the file at the end: kamtui never replaced an edit it had not seen. (The editor
    itself may drop kamtui's lines: it does not check; that is not kamtui's to prevent.)"""
    path = tmp_path / "acme.toml"
    path.write_bytes(b"start\n")
    # Both sides run until each has done enough, not for a fixed time: on a loaded machine the
    # saves (which fsync) may get few turns in any given second. The deadline only ends a hang.
    deadline = time.monotonic() + 60
    done = threading.Event()
    written: list[str] = []

    def editor() -> None:
        i = 0
        while not done.is_set():
            line = f"w-{i}"
            write_like_an_editor(path, path.read_bytes() + line.encode() + b"\n")
            written.append(line)
            i += 1
            time.sleep(0.001)  # a very fast editor, but one that lets kamtui save sometimes

    thread = threading.Thread(target=editor)
    thread.start()
    saves = conflicts = 0
    try:
        while (saves < 10 or conflicts < 3 or len(written) < 50) and time.monotonic() < deadline:
            before = path.read_bytes()
            try:
                atomic_write(path, before + f"s-{saves}\n".encode(), expected_digest=digest(before))
                saves += 1
            except ConflictError:
                conflicts += 1
    finally:
        done.set()
        thread.join()
    final = path.read_text().split("\n")
    lost = [line for line in written if line not in final]
    assert saves >= 10 and len(written) >= 50, (saves, conflicts, len(written))  # both ran
    assert lost == [], f"{len(lost)} of {len(written)} edits lost ({saves} saves)"
