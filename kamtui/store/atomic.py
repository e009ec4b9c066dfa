"""Durable, atomic file replacement with a check that nobody changed the file meanwhile.

The steps (each one is there because something went wrong without it, see
``docs/reliability.md``):

1. resolve symlinks, so the link survives and its target gets the new content;
2. write a hidden temp file in the same folder and ``fsync`` it;
3. give it the old file's mode (``mkstemp`` makes 0600), or the umask's for a new file;
4. let the caller re-read and check it (``verify``) before anything is replaced;
5. compare the file on disk with the hash taken when it was loaded: refuse if it changed;
6. ``os.replace`` (or ``os.link`` for a new file, which can never clobber one) and ``fsync``
   the folder.

If anything fails, the temp file is removed and the original is left byte-identical.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from kamtui.plan.diagnostics import ConflictError

TEMP_PREFIX = ".kamtui-"
TEMP_SUFFIX = ".tmp"


def current_umask() -> int:
    """The process umask, read without changing it where the OS allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # pragma: no cover - non-Linux fallback
    os.umask(mask)  # pragma: no cover
    return mask  # pragma: no cover


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def file_digest(path: Path) -> str | None:
    """sha256 of the file's bytes, ``None`` when it does not exist."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def atomic_write(
    path: Path,
    data: bytes,
    *,
    expected_digest: str | None,
    verify: Callable[[bytes], None] | None = None,
) -> None:
    """Replace *path* with *data*, all or nothing.

    *expected_digest* is the sha256 of the content the caller loaded, or ``None`` to create a
    new file (which must not exist). A mismatch raises :class:`ConflictError` and writes nothing.
    *verify* gets the bytes read back from the temp file and raises to abort.
    """
    import tempfile  # here: reading (`kamtui check`) never needs it

    creating = expected_digest is None
    if creating and os.path.lexists(path):
        # Anything by that name, a dangling symlink included, is someone else's.
        raise ConflictError(path, "a file with this name already exists")
    # A new file is created right here; an existing one is written through its symlink.
    target = Path(path) if creating else Path(os.path.realpath(path))
    folder = target.parent
    try:
        mode: int | None = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}{TEMP_PREFIX}", suffix=TEMP_SUFFIX, dir=folder
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~current_umask())
        if verify is not None:
            verify(tmp.read_bytes())
        on_disk = file_digest(target)
        if expected_digest is None:
            if on_disk is not None:
                raise ConflictError(path, "a file with this name already exists")
            try:
                os.link(tmp, target)  # fails if the target appeared meanwhile: never clobbers
            except FileExistsError:
                raise ConflictError(path, "a file with this name already exists") from None
            except OSError:  # pragma: no cover - file systems without hard links
                os.replace(tmp, target)
        else:
            if on_disk is None:
                raise ConflictError(
                    path, "the file was deleted or renamed on disk since it was loaded"
                )
            if on_disk != expected_digest:
                raise ConflictError(path, "the file changed on disk since it was loaded")
            os.replace(tmp, target)
        _fsync_dir(folder)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def is_temp_file(name: str) -> bool:
    """True for the temp files :func:`atomic_write` makes (left behind only by a crash)."""
    return name.startswith(".") and TEMP_PREFIX in name and name.endswith(TEMP_SUFFIX)
