"""Durable, atomic file replacement with a check that nobody changed the file meanwhile.

The steps (each one is there because something went wrong without it, see
``docs/reliability.md``):

1. resolve symlinks, so the link survives and its target gets the new content;
2. write a hidden temp file in the same folder and ``fsync`` it;
3. give it the old file's mode (``mkstemp`` makes 0600), or the umask's for a new file;
4. let the caller check the bytes (``verify``: before the ``fsync``, so the processor's part of
   a save runs in one go, not after a wait on the disk), then read the temp file back: it must
   hold exactly those bytes; all before anything is replaced;
5. compare the file on disk with the hash taken when it was loaded: refuse if it changed;
6. swap the temp file and the file atomically (Linux ``renameat2(RENAME_EXCHANGE)``), then
   check the file that was swapped out is the one loaded: if a writer slipped in between the
   check and the swap, swap back and refuse, so their edit is kept (elsewhere: ``os.replace``);
   a new file is put in place with ``os.link``, which can never clobber one; ``fsync`` the
   folder.

If anything fails, the temp file is removed and the original is left byte-identical.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from kamtui.plan.diagnostics import ConflictError, PlanError
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _

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


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_renameat2: Callable[..., int] | None = None
if sys.platform.startswith("linux"):  # glibc 2.28+ has it; musl and older glibc may not
    with contextlib.suppress(OSError, AttributeError):
        _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2


def exchange(a: Path, b: Path) -> bool:
    """Swap the files *a* and *b* in one atomic step; False where the system cannot (then
    nothing happened)."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # a file system (or kernel) without the exchange
    raise OSError(code, os.strerror(code), str(b))


def _replace_checked(tmp: Path, target: Path, expected_digest: str, ours: str, path: Path) -> None:
    """Put *tmp* in place of *target* only if *target* is still the file that was loaded.

    The check before the swap is not enough alone: a writer can replace the file between the
    check and the swap. So the swap is an exchange, and the file swapped out (now at *tmp*) is
    checked: if it is not the one loaded, it goes back, the save is refused, and the writer's
    edit is kept. (Should a third write land in the instant between the two swaps, the newest
    outside write stays in place: never ours over theirs.)"""
    if not exchange(tmp, target):
        os.replace(tmp, target)  # pragma: no cover - systems without renameat2
        return
    if file_digest(tmp) == expected_digest:
        return  # what we replaced is what was loaded; *tmp* (the old file) is removed later
    exchange(tmp, target)  # theirs back in place
    back = file_digest(tmp)
    if back is not None and back != ours:  # someone wrote in the instant between the swaps
        os.replace(tmp, target)
    raise ConflictError(path, N_("the file changed on disk since it was loaded"))


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
    *verify* gets *data*, once it is in the temp file but before that is flushed to disk, and
    raises to abort; after the flush the temp file is read back and must hold exactly *data*.
    """
    import tempfile  # here: reading (`kamtui check`) never needs it

    creating = expected_digest is None
    if creating and os.path.lexists(path):
        # Anything by that name, a dangling symlink included, is someone else's.
        raise ConflictError(path, N_("a file with this name already exists"))
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
            if verify is not None:
                verify(data)
            os.fsync(fh.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~current_umask())
        if verify is not None and tmp.read_bytes() != data:
            raise PlanError(
                _("{path}: not saved: the temp file does not hold what was written").format(
                    path=path
                )
            )
        on_disk = file_digest(target)
        if expected_digest is None:
            if on_disk is not None:
                raise ConflictError(path, N_("a file with this name already exists"))
            try:
                os.link(tmp, target)  # fails if the target appeared meanwhile: never clobbers
            except FileExistsError:
                raise ConflictError(path, N_("a file with this name already exists")) from None
            except OSError:  # pragma: no cover - file systems without hard links
                os.replace(tmp, target)
        else:
            if on_disk is None:
                raise ConflictError(
                    path, N_("the file was deleted or renamed on disk since it was loaded")
                )
            if on_disk != expected_digest:
                raise ConflictError(path, N_("the file changed on disk since it was loaded"))
            ours = hashlib.sha256(data).hexdigest()
            _replace_checked(tmp, target, expected_digest, ours, path)
        _fsync_dir(folder)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def is_temp_file(name: str) -> bool:
    """True for the temp files :func:`atomic_write` makes (left behind only by a crash)."""
    return name.startswith(".") and TEMP_PREFIX in name and name.endswith(TEMP_SUFFIX)
