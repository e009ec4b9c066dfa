"""Delivering an export: the formats, the file name the app suggests, and an atomic write that
never replaces an existing file unless asked."""

from __future__ import annotations

import os
from pathlib import Path

from kamtui.plan.diagnostics import ConflictError, PlanError
from kamtui.store.atomic import atomic_write, file_digest
from kamtui.text.i18n import gettext as _

FORMATS = ("md", "json")
SUFFIXES = {"md": ".md", "json": ".json"}


def default_file_name(plan_id: str, fmt: str) -> str:
    """``acme.md``, ``acme.json``: the file name the app suggests."""
    return plan_id + SUFFIXES[fmt]


class OutputExistsError(PlanError):
    """The export file already exists and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _("{path} already exists; not overwritten (use --force to replace it)").format(
                path=path
            )
        )


def write_export(path: Path, text: str, *, force: bool = False) -> None:
    """Write *text* to *path* (UTF-8) atomically: all or nothing.

    An existing file is replaced only with *force*; otherwise :class:`OutputExistsError`. Other
    failures raise :class:`PlanError` with the reason.
    """
    path = Path(path)
    if os.path.isdir(path):
        raise PlanError(_("{path} is a folder; give a file name").format(path=path))
    exists = os.path.lexists(path)
    if exists and not force:
        raise OutputExistsError(path)
    try:
        atomic_write(
            path, text.encode("utf-8"), expected_digest=file_digest(path) if exists else None
        )
    except ConflictError as exc:
        if exc.reason.startswith("a file with this name"):
            raise OutputExistsError(path) from None
        raise PlanError(
            _("{path}: not written: {reason}").format(path=path, reason=exc.reason)
        ) from None
    except OSError as exc:
        raise PlanError(
            _("{path}: cannot write: {error}").format(path=path, error=exc.strerror or exc)
        ) from None
