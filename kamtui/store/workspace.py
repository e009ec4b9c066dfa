"""A workspace: one folder, one ``<id>.toml`` per key account, versioned by the user with git.

Everything that touches plan files on disk goes through here, so the rules hold everywhere:
only ``*.toml`` plans are loaded, ids are strict slugs, saves are atomic and refuse to overwrite
a file that changed since it was loaded.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kamtui.plan.diagnostics import (
    TEMP_FILE,
    ConflictError,
    PlanError,
    PlanFileError,
    Problem,
    Severity,
)
from kamtui.plan.file import LoadedPlan, digest_bytes, parse_plan, read_bytes, read_plan
from kamtui.plan.tomlpos import index_keys
from kamtui.store.atomic import atomic_write, is_temp_file
from kamtui.store.entries import Kind, classify, classify_path
from kamtui.text.i18n import gettext as _
from kamtui.text.slugs import is_valid_id, unique_id

if TYPE_CHECKING:  # not imported by `kamtui check`, which has no cache
    from kamtui.plan.model import AccountPlan, Segment
    from kamtui.store.cache import PlanCache

GITIGNORE = """\
# kamtui: temp files left by an interrupted save, editor swap and backup files
.*.kamtui-*.tmp
*.swp
*.swo
*~
"""
GITATTRIBUTES = """\
# kamtui plan files are always LF, whatever the platform
*.toml text eol=lf
"""


OFFERINGS_FILE = "offerings.toml"
"""The workspace's offerings, in the folder of its plans (kamtui/store/offerings.py reads it)."""
RESERVED_FILE_NAMES = frozenset({OFFERINGS_FILE})
"""Workspace files that are not plans: the offerings of the whitespace map
(kamtui/store/offerings.py)."""


def is_plan_file_name(name: str) -> bool:
    """``*.toml`` and not hidden: never temp, swap or backup files, nor the workspace's own
    files (:data:`RESERVED_FILE_NAMES`)."""
    return name.endswith(".toml") and not name.startswith(".") and name not in RESERVED_FILE_NAMES


class CommentsWouldBeLostError(PlanError):
    """Saving would drop ``#`` comments that a person wrote by hand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            _(
                "{path}: not saved: the file has # comments that saving would drop; "
                "confirm to save anyway"
            ).format(path=path)
        )


@dataclass
class SaveResult:
    loaded: LoadedPlan
    """The plan as it now is on disk (new digest), to keep editing from."""
    written: bool
    """False when nothing changed, so nothing was written."""


@dataclass
class WorkspaceScan:
    """Every plan in a workspace, plus the problems that span files."""

    root: Path
    plans: list[LoadedPlan]
    problems: list[Problem] = field(default_factory=list)

    @property
    def all_problems(self) -> list[Problem]:
        out = [p for lp in self.plans for p in lp.problems]
        return out + self.problems

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.all_problems if p.is_error)

    @property
    def warning_count(self) -> int:
        return sum(1 for p in self.all_problems if not p.is_error)


class Workspace:
    """A folder of plan files."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def create(cls, root: Path) -> Workspace:
        """Make the folder (if needed) with a ``.gitignore`` and ``.gitattributes``.

        Existing files are never overwritten.
        """
        root = Path(root)
        root.mkdir(parents=True, exist_ok=True)
        for name, content in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
            path = root / name
            if not path.exists():
                # Created by someone else meanwhile: theirs wins.
                with contextlib.suppress(ConflictError):
                    atomic_write(path, content.encode(), expected_digest=None)
        return cls(root)

    # -- finding files -------------------------------------------------------------------

    def _entries(self) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(self.root) as it:
                return sorted(it, key=lambda e: e.name.rsplit(".", 1)[0])
        except FileNotFoundError:
            return []

    def plan_paths(self, entries: list[os.DirEntry[str]] | None = None) -> list[Path]:
        """Plan files: ``*.toml``, not hidden, regular files (a symlink to one inside the
        workspace counts); see kamtui/store/entries.py for what else is there."""
        entries = self._entries() if entries is None else entries
        root_real = os.path.realpath(self.root)
        return [
            Path(e.path)
            for e in entries
            if is_plan_file_name(e.name) and classify(root_real, e)[0] is Kind.PLAN
        ]

    def temp_files(self, entries: list[os.DirEntry[str]] | None = None) -> list[Path]:
        """Temp files left behind by a save that was killed half-way."""
        entries = self._entries() if entries is None else entries
        return [Path(e.path) for e in entries if is_temp_file(e.name)]

    def clean_temp_files(self, now: float, older_than: float = 3600.0) -> list[Path]:
        """Remove kamtui's own temp files (left by saves that were killed half-way) that are
        older than *older_than* seconds: a younger one may belong to a save under way.
        Returns what was removed; what cannot be removed stays (and ``check`` reports it)."""
        removed = []
        for path in self.temp_files():
            try:
                if now - os.lstat(path).st_mtime > older_than:
                    path.unlink()
                    removed.append(path)
            except OSError:
                continue
        return removed

    def plan_ids(self) -> set[str]:
        return {p.stem for p in self.plan_paths()}

    def path_for(self, plan_id: str) -> Path:
        """The file of plan *plan_id*; refuses anything that is not a strict slug."""
        if not is_valid_id(plan_id):
            raise PlanError(_("'{id}' is not a valid account id").format(id=plan_id))
        return self.root / f"{plan_id}.toml"

    # -- reading -------------------------------------------------------------------------

    def load(self, plan_id: str) -> LoadedPlan:
        path = self.path_for(plan_id)
        if not os.path.lexists(path):
            raise PlanError(_("{path}: no such plan").format(path=path))
        return read_entry(self.root, path)

    def load_all(self, cache: PlanCache | None = None) -> WorkspaceScan:
        """Read every plan; one bad file never stops the others.

        With a *cache*, files whose bytes were parsed before are not parsed again.
        """
        entries = self._entries()  # one listing of the folder for plans and temp files
        root_real = os.path.realpath(self.root)
        plans: list[LoadedPlan] = []
        others: list[Problem] = []
        with _collector_paused():
            for entry in entries:
                if not is_plan_file_name(entry.name):
                    continue
                kind, problem = classify(root_real, entry)
                path = self.root / entry.name  # the same path, made for less than Path(entry.path)
                if kind is Kind.PLAN:
                    plans.append(read_plan(path) if cache is None else _read_cached(path, cache))
                elif problem is not None and kind is Kind.BROKEN:
                    plans.append(LoadedPlan(path=path, plan=None, problems=[problem]))
                elif problem is not None:
                    others.append(problem)
        scan = WorkspaceScan(self.root, plans, others)
        scan.problems.extend(cross_file_problems(scan.plans))
        for tmp in self.temp_files(entries):
            scan.problems.append(
                Problem(
                    tmp,
                    _("temp file left by an interrupted save; it is not a plan and can be deleted"),
                    1,
                    1,
                    severity=Severity.WARNING,
                    code=TEMP_FILE,
                )
            )
        return scan

    # -- writing -------------------------------------------------------------------------

    def new_plan(
        self,
        name: str,
        *,
        owner: str = "",
        customer_ids: Sequence[str] = (),
        segment: Segment | None = None,
    ) -> LoadedPlan:
        """Create ``<slug>.toml`` for a new account; never overwrites an existing plan."""
        if not name.strip():
            raise PlanError(_("an account needs a name"))
        if "\n" in name or "\r" in name:
            raise PlanError(_("an account name must be a single line"))
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            raise PlanError(
                _("the name is not valid text (check the terminal's encoding)")
            ) from None
        # The plan model is imported when a plan is made: a start that finds every plan in the
        # plan cache never needs it.
        from kamtui.plan import model

        Workspace.create(self.root)
        taken = self.plan_ids() | {n.removesuffix(".toml") for n in RESERVED_FILE_NAMES}
        for _attempt in range(100):
            plan_id = unique_id(name.strip(), taken)
            plan = model.new_plan(plan_id, name.strip(), owner=owner)
            plan.account.customer_ids = list(customer_ids)
            plan.account.segment = segment
            path = self.path_for(plan_id)
            data = _encode(plan)
            try:
                atomic_write(path, data, expected_digest=None, verify=_verifier(path, plan, data))
            except ConflictError:
                taken.add(plan_id)  # someone took this id meanwhile: try the next one
                continue
            return _written(path, plan, data)
        raise PlanError(
            _("could not find a free file name for '{name}'").format(name=name)
        )  # pragma: no cover

    def save(
        self, loaded: LoadedPlan, plan: AccountPlan, *, drop_comments: bool = False
    ) -> SaveResult:
        """Save *plan* over the file it was loaded from, atomically.

        Writes nothing when nothing changed. Raises :class:`ConflictError` if the file changed
        on disk since *loaded* was read, :class:`CommentsWouldBeLostError` if the file has
        comments and *drop_comments* is false, :class:`PlanFileError` if the loaded file was
        broken (fix it on disk first).
        """
        if loaded.plan is None or loaded.errors:
            raise PlanFileError(loaded.errors or [Problem(loaded.path, _("the plan has errors"))])
        if plan.id != loaded.id:
            raise PlanError(
                _("plan '{id}' cannot be saved as {file}").format(id=plan.id, file=loaded.path.name)
            )
        if plan == loaded.plan:
            return SaveResult(loaded, written=False)
        data = _encode(plan)
        if digest_bytes(data) == loaded.digest:
            return SaveResult(loaded, written=False)
        if loaded.has_comments and not drop_comments:
            raise CommentsWouldBeLostError(loaded.path)
        atomic_write(
            loaded.path,
            data,
            expected_digest=loaded.digest,
            verify=_verifier(loaded.path, plan, data),
        )
        return SaveResult(_written(loaded.path, plan, data), written=True)

    def overwrite(self, plan: AccountPlan, seen_digest: str | None) -> SaveResult:
        """Save *plan* over its file whatever it holds now — the user chose to, after seeing it.

        *seen_digest* is the hash of the file as the user was shown it (``None``: it was gone).
        If it changed again since, :class:`ConflictError` is raised: choosing to overwrite one
        version is not choosing to overwrite the next. A broken file may be overwritten.
        """
        path = self.path_for(plan.id)
        data = _encode(plan)
        atomic_write(path, data, expected_digest=seen_digest, verify=_verifier(path, plan, data))
        return SaveResult(_written(path, plan, data), written=True)


def read_entry(root: Path, path: Path) -> LoadedPlan:
    """Read the plan file *path* of the workspace *root*, unless it is not one to read (a
    symlink that loops or leads outside the workspace, a folder, a FIFO): then a plan with
    that problem (see kamtui/store/entries.py)."""
    kind, problem = classify_path(os.path.realpath(root), path)
    if kind is Kind.PLAN or problem is None:
        return read_plan(path)
    return LoadedPlan(path=path, plan=None, problems=[problem])


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while plans are read in bulk (if it was on).

    Reading makes hundreds of thousands of objects that live on (the plans) or die by reference
    counting (the parsed documents); the collections they trigger find nothing to free, and the
    full ones walk everything made so far: about 10 % of ``kamtui check``'s time.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _read_cached(path: Path, cache: PlanCache) -> LoadedPlan:
    try:
        data = read_bytes(path)
    except OSError:
        return read_plan(path)  # reports the error
    hit = cache.get(path, digest_bytes(data))
    return hit if hit is not None else parse_plan(data, path)


def _written(path: Path, plan: AccountPlan, data: bytes) -> LoadedPlan:
    """What was just written, as if read back (it was: the save verified it)."""
    return LoadedPlan(path=path, plan=plan, digest=digest_bytes(data), text=data.decode())


def dumps_plan(plan: AccountPlan) -> str:
    """:func:`kamtui.plan.codec.dumps_plan`, imported when a plan is first written: a start
    that finds every plan in the plan cache never loads the codec."""
    from kamtui.plan import codec

    return codec.dumps_plan(plan)


def _encode(plan: AccountPlan) -> bytes:
    try:
        return dumps_plan(plan).encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise PlanError(
            _("plan '{id}' holds text that is not valid Unicode ({bad}); retype it").format(
                id=plan.id, bad=repr(bad)
            )
        ) from None


def _verifier(path: Path, plan: AccountPlan, expected: bytes) -> Callable[[bytes], None]:
    """Check the text before it replaces anything: read as every plan file is read, it has no
    errors and is the same plan (:func:`atomic_write` then reads the temp file back and
    requires exactly these bytes)."""

    def verify(written: bytes) -> None:
        if written != expected:
            raise PlanError(
                _("{path}: not saved: the text to check is not the text written").format(path=path)
            )
        check = parse_plan(written, path)
        if check.errors or check.plan is None or check.plan != plan:
            raise PlanFileError(
                check.errors
                or [Problem(path, _("not saved: the new text does not read back as the same plan"))]
            )

    return verify


def cross_file_problems(plans: Iterable[LoadedPlan]) -> list[Problem]:
    """Problems that need more than one file: a customer id claimed by two plans."""
    owner: dict[str, LoadedPlan] = {}
    problems = []
    for lp in plans:
        if lp.errors:
            continue
        for cid in lp.customer_ids:
            first = owner.setdefault(cid, lp)
            if first is not lp:
                text = lp.text or lp.path.read_text(encoding="utf-8", errors="replace")
                pos = index_keys(text).locate(("account", "customer_ids")) or (1, 1)
                problems.append(
                    Problem(
                        lp.path,
                        _(
                            "customer id '{cid}' is also listed in {file}; "
                            "revenue can only belong to one plan"
                        ).format(cid=cid, file=first.path.name),
                        pos[0],
                        pos[1],
                    )
                )
    return problems
