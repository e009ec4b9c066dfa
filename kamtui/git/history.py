"""The history of a workspace's plans in git: who changed what, when, and plans as they were.

:class:`WorkspaceHistory` is a workspace's place in its repository (the workspace may be a
subfolder of it). From there:

- :meth:`~WorkspaceHistory.plan_log`: the commits that changed a plan, newest first, each with
  its changes in plan words (:mod:`kamtui.plan.changes`). One ``git log`` gives the commits and,
  for each, the blob ids of the file before and after it (``--raw``); one ``git cat-file
  --batch`` streams the contents; :class:`kamtui.plan.versions.PlanVersions` reads each version
  against the one before it. So a plan with 1,000 commits is two processes, not 2,000.
  Renames are followed (``--follow``: a plan file moved with ``git mv`` keeps its history);
  a merge shows what it brought to its first parent.
- :meth:`~WorkspaceHistory.resolve` and :meth:`~WorkspaceHistory.commit_on_or_before`: a
  revision name, or the last commit on or before a date on the current branch (following
  first parents: what the branch held then, not a side branch merged later).
- :meth:`~WorkspaceHistory.plan_at` and :meth:`~WorkspaceHistory.portfolio_at`: one plan, or
  every plan of the workspace folder, as they were at a commit, read like files on disk.

git runs as the user's own command (kamtui/git/command.py): argument lists, never a shell,
paths after ``--`` and taken literally. Where git is missing or the workspace is not in a
repository, :meth:`WorkspaceHistory.open` raises :class:`~kamtui.git.command.GitError` with one
line saying so.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import subprocess
import threading
from collections import Counter
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kamtui.git.command import GitError, git_program, run_git
from kamtui.plan.changes import Change, plan_changes
from kamtui.plan.file import LoadedPlan, parse_plan
from kamtui.plan.versions import PlanVersions, version_problem
from kamtui.store.offerings import WorkspaceOfferings
from kamtui.store.workspace import is_plan_file_name
from kamtui.text.i18n import gettext as _
from kamtui.text.slugs import is_valid_id

_FIELDS = ("%H", "%h", "%aN", "%aE", "%aI", "%cI", "%s")
_FORMAT = "--format=%x1e" + "%x1f".join(_FIELDS)
_QUIET = ("-c", "log.showSignature=false", "-c", "color.ui=false", "--literal-pathspecs")
"""Before the command: no signature checks in the output, no colour, paths taken literally."""
_NO_COMMITS = ("does not have any commits", "bad default revision")


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit: its id, author, dates and subject (as git gives them)."""

    hash: str
    short: str
    author: str
    email: str
    date: dt.datetime
    """When it was authored (what ``git log`` shows), with the author's UTC offset."""
    committed: dt.datetime
    """When it entered the history (what ``--since`` and ``--at DATE`` go by)."""
    subject: str


@dataclass(frozen=True, slots=True)
class PlanCommit:
    """A commit that changed a plan file, and what it changed."""

    commit: Commit
    path: str
    """The plan's file at this commit, relative to the top of the repository."""
    changes: tuple[Change, ...]
    """What the commit changed, in plan words; measured from the last version before it that
    could be read when the one just before had errors."""
    error: str | None = None
    """The plan's first error at this commit (``REV:PATH:LINE:COL: error: message``), when
    it has errors there; its changes are then empty."""
    renamed_from: str | None = None
    """The file's path before this commit, when the commit renamed it."""


@dataclass(frozen=True, slots=True)
class _Entry:
    commit: Commit
    old: str | None
    new: str | None
    old_path: str
    path: str
    status: str


class WorkspaceHistory:
    """A workspace folder inside a git repository. Read-only: nothing here writes to the
    repository or the work tree."""

    def __init__(self, workspace: Path, root: Path, prefix: str) -> None:
        self.workspace = workspace
        self.root = root
        """The top of the work tree."""
        self.prefix = prefix
        """The workspace folder relative to :attr:`root`, with a trailing ``/`` (``""`` when
        the workspace is the top)."""

    @classmethod
    def open(cls, workspace: Path) -> WorkspaceHistory:
        """The repository holding *workspace*. Raises :class:`GitError` (one line) when git is
        missing, the folder is not in a work tree, or cannot be entered."""
        try:
            result = run_git(["rev-parse", "--show-toplevel", "--show-prefix"], cwd=workspace)
        except GitError:
            git_program()  # git missing: say that rather than git's complaint
            raise GitError(
                _("{folder} is not in a git repository: the git features are off").format(
                    folder=workspace
                )
            ) from None
        except OSError as exc:
            raise GitError(
                _("{workspace}: cannot run git there ({error})").format(
                    workspace=workspace, error=exc.strerror
                )
            ) from None
        lines = result.stdout.split("\n")
        if len(lines) < 2 or not lines[0]:
            raise GitError(
                _("{folder} is not in a git work tree: the git features are off").format(
                    folder=workspace
                )
            )
        return cls(Path(workspace), Path(lines[0]), lines[1])

    def plan_path(self, plan_id: str) -> str:
        """The file of plan *plan_id*, relative to the top of the repository."""
        if not is_valid_id(plan_id):
            raise GitError(_("'{id}' is not a valid account id").format(id=plan_id))
        return f"{self.prefix}{plan_id}.toml"

    # -- commits ---------------------------------------------------------------------------

    def resolve(self, revision: str) -> Commit:
        """The commit a revision name (``HEAD``, ``main~3``, a tag, a hash) stands for; raises
        :class:`GitError` when there is none."""
        result = self._git_text(
            ["log", "-1", "--no-walk", _FORMAT, "--end-of-options", revision, "--"], check=False
        )
        commits = _commits(result.stdout) if result.returncode == 0 else []
        if not commits:
            raise GitError(
                _("unknown revision '{revision}' in {root}").format(
                    revision=revision, root=self.root
                )
            )
        return commits[0]

    def commit_on_or_before(self, day: dt.date) -> Commit | None:
        """The last commit of the current branch made on or before *day* (local time), its
        first parents only; ``None`` when the branch has none that old."""
        result = self._git_text(
            ["log", "-1", "--first-parent", f"--before={day.isoformat()} 23:59:59", _FORMAT],
            check=False,
        )
        if result.returncode != 0:
            if any(text in result.stderr for text in _NO_COMMITS):
                return None
            raise GitError(_one_line(result.stderr) or _("git log failed"))
        commits = _commits(result.stdout)
        return commits[0] if commits else None

    def has_commits(self) -> bool:
        result = self._git_text(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], check=False)
        return result.returncode == 0

    # -- plans at a commit -----------------------------------------------------------------

    def plan_at(self, plan_id: str, commit: Commit) -> LoadedPlan | None:
        """Plan *plan_id* as it was at *commit* (read like a file, problems and all; the path
        in its problems is ``REV:PATH``); ``None`` when the file was not there."""
        path = self.plan_path(plan_id)
        ((_path, data),) = self._cat([f"{commit.hash}:{path}"])
        if data is None:
            return None
        return _read(data, f"{commit.short}:{path}", plan_id)

    def file_at(self, name: str, commit: Commit) -> bytes | None:
        """The bytes of the workspace file *name* (``offerings.toml``) at *commit*; ``None``
        when it was not there."""
        ((_path, data),) = self._cat([f"{commit.hash}:{self.prefix}{name}"])
        return data

    def offerings_at(self, commit: Commit) -> WorkspaceOfferings:
        """The workspace's offerings.toml as it was at *commit* (none when it was not there;
        its problems named ``COMMIT:PATH``), for a plan's whitespace map as it was then."""
        from kamtui.store.offerings import OFFERINGS_FILE, parse_offerings

        data = self.file_at(OFFERINGS_FILE, commit)
        where = Path(f"{commit.short}:{self.prefix}{OFFERINGS_FILE}")
        return WorkspaceOfferings(where) if data is None else parse_offerings(data, where)

    def portfolio_at(self, commit: Commit) -> list[LoadedPlan]:
        """Every plan file of the workspace folder as it was at *commit*, by file name (files
        that are not plans, links and subfolders left out, as on disk)."""
        tree = f"{commit.hash}:{self.prefix}" if self.prefix else commit.hash
        result = self._git_bytes(["ls-tree", "-z", "--end-of-options", tree], check=False)
        if result.returncode != 0:
            return []  # the folder did not exist then
        blobs: list[tuple[str, str]] = []
        for item in result.stdout.split(b"\0"):
            meta, _tab, name_bytes = item.partition(b"\t")
            parts = meta.split()
            name = name_bytes.decode("utf-8", errors="replace")
            is_file = len(parts) == 3 and parts[0] in (b"100644", b"100755") and parts[1] == b"blob"
            if is_file and is_plan_file_name(name):
                blobs.append((name, parts[2].decode("ascii")))
        blobs.sort(key=lambda b: b[0].rsplit(".", 1)[0])
        contents = dict(self._cat([blob for _, blob in blobs]))
        plans = []
        for name, blob in blobs:
            data = contents.get(blob)
            if data is not None:
                shown = f"{commit.short}:{self.prefix}{name}"
                plans.append(_read(data, shown, name.removesuffix(".toml")))
        return plans

    # -- the history of one plan -----------------------------------------------------------

    def last_commit_changing(self, plan_id: str, pattern: str) -> Commit | None:
        """The newest commit of the current branch that added or removed a line of plan
        *plan_id* matching the regular expression *pattern* (``git log -G``): one git log,
        no changes computed for the commits in between."""
        args = ["log", "-1", "--format=%H", "-G", pattern, "--", self.plan_path(plan_id)]
        found = self._git_text(args, check=False).stdout.strip()
        return self.resolve(found) if found else None

    def plan_log(self, plan_id: str, *, since: dt.date | None = None) -> list[PlanCommit]:
        """The commits of the current branch that changed plan *plan_id*, newest first, with
        what each changed; with *since*, those made on or after that day (local time)."""
        path = self.plan_path(plan_id)
        args = ["log", "-z", _FORMAT, "--raw", "--no-abbrev", "--diff-merges=first-parent"]
        args += ["--follow", "--no-color"]
        if since is not None:
            args.append(f"--since={since.isoformat()} 00:00:00")
        result = self._git_bytes([*args, "--", path], check=False)
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", errors="replace")
            if any(text in message for text in _NO_COMMITS):
                return []
            raise GitError(_one_line(message) or _("git log failed"))
        entries = _entries(result.stdout.decode("utf-8", errors="replace"), self._abbrev())
        return self._changes(plan_id, entries)

    def _abbrev(self) -> int:
        """How long git abbreviates commit ids here (``--raw --no-abbrev`` writes them whole)."""
        result = self._git_text(["rev-parse", "--short", "HEAD"], check=False)
        short = result.stdout.strip()
        return len(short) if result.returncode == 0 and short else 7

    def _changes(self, plan_id: str, entries: list[_Entry]) -> list[PlanCommit]:
        """Each entry's changes, reading versions oldest first, each against the one before."""
        order = list(reversed(entries))
        wanted: list[str] = []
        for entry in order:
            for blob in (entry.old, entry.new):
                if blob is not None and blob not in wanted:
                    wanted.append(blob)
        uses = Counter(blob for entry in order for blob in (entry.old, entry.new) if blob)
        versions = PlanVersions(plan_id)
        stream = self._cat(wanted)
        readable_of: dict[str, str | None] = {}
        """For each version read: itself when it can be read, else the last readable one
        before it (``None`` when there is none)."""
        pinned: set[str] = set()
        out: list[PlanCommit] = []
        try:
            for entry in order:
                for blob, path in ((entry.old, entry.old_path), (entry.new, entry.path)):
                    while blob is not None and blob not in versions:
                        key, data = next(stream)
                        versions.add(key, data or b"", Path(path))
                out.append(self._one(versions, entry, readable_of))
                target = readable_of.get(entry.new) if entry.new else None
                if target is not None and target != entry.new:
                    pinned.add(target)
                for blob in (entry.old, entry.new):
                    if blob is not None:
                        uses[blob] -= 1
                        if uses[blob] <= 0 and blob not in pinned:
                            versions.forget(blob)
        finally:
            stream.close()
        out.reverse()
        return out

    def _one(
        self, versions: PlanVersions, entry: _Entry, readable_of: dict[str, str | None]
    ) -> PlanCommit:
        base: str | None = None
        if entry.old is not None:
            if entry.old not in readable_of:  # a version from before the range
                readable_of[entry.old] = entry.old if versions.readable(entry.old) else None
            base = readable_of[entry.old]
        renamed = entry.old_path if entry.status.startswith("R") else None
        commit = entry.commit
        if entry.new is None:
            gone = plan_changes(versions.plan(base), None) if base is not None else []
            return PlanCommit(commit, entry.old_path, tuple(gone))
        changes: list[Change] | None
        if base is not None:
            changes = versions.changes(base, entry.new)
        elif versions.readable(entry.new):
            created = entry.old is None
            changes = plan_changes(None, versions.plan(entry.new)) if created else []
        else:
            changes = None
        if changes is None:
            readable_of[entry.new] = base
            problem = versions.first_error(entry.new)
            error = version_problem(problem, commit.short) if problem else "cannot be read"
            return PlanCommit(commit, entry.path, (), error, renamed)
        readable_of[entry.new] = entry.new
        return PlanCommit(commit, entry.path, tuple(changes), None, renamed)

    # -- running git -----------------------------------------------------------------------

    def _git_text(self, args: Sequence[str], *, check: bool) -> subprocess.CompletedProcess[str]:
        try:
            return run_git([*_QUIET, *args], cwd=self.root, check=check)
        except OSError as exc:
            raise GitError(
                _("cannot run git in {root}: {error}").format(root=self.root, error=exc.strerror)
            ) from None

    def _git_bytes(self, args: Sequence[str], *, check: bool) -> subprocess.CompletedProcess[bytes]:
        try:
            result = subprocess.run(
                [git_program(), *_QUIET, *args],
                cwd=self.root,
                capture_output=True,
                env=_environment(),
                check=False,
            )
        except OSError as exc:
            raise GitError(
                _("cannot run git in {root}: {error}").format(root=self.root, error=exc.strerror)
            ) from None
        if check and result.returncode != 0:
            raise GitError(_one_line(result.stderr.decode("utf-8", errors="replace")))
        return result

    def _cat(self, names: Sequence[str]) -> Generator[tuple[str, bytes | None], None, None]:
        """The contents of objects (blob ids, ``REV:PATH``), in the order asked, from one
        ``git cat-file --batch``; ``None`` for one that does not exist. Read as they come, so
        a thousand versions of a plan are never all in memory."""
        if any("\n" in name for name in names):
            raise GitError(_("a path with a line break cannot be read from git"))
        if names:
            yield from _batch(self.root, names)


def _batch(root: Path, names: Sequence[str]) -> Iterator[tuple[str, bytes | None]]:
    """``git cat-file --batch`` on *names*: a thread writes the names, another reads the
    answers into a queue as fast as git gives them, so git works on the next objects while
    the caller reads the ones before (and never waits on a full pipe)."""
    try:
        proc = subprocess.Popen(
            [git_program(), "cat-file", "--batch"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_environment(),
        )
    except OSError as exc:
        raise GitError(
            _("cannot run git in {root}: {error}").format(root=root, error=exc.strerror)
        ) from None
    assert proc.stdin is not None and proc.stdout is not None
    stdin, out = proc.stdin, proc.stdout
    request = "".join(f"{name}\n" for name in names).encode("utf-8")
    answers: queue.Queue[tuple[str, bytes | None] | str] = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()

    def put(item: tuple[str, bytes | None] | str) -> bool:
        while not stop.is_set():
            try:
                answers.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def feed() -> None:
        try:
            stdin.write(request)
            stdin.close()
        except OSError:  # git ended early (the reader stopped): nothing more to say
            pass

    def read() -> None:
        try:
            for name in names:
                header = out.readline()
                if not header:
                    put(_("git cat-file ended early, before '{name}'").format(name=name))
                    return
                if header.endswith((b" missing\n", b" ambiguous\n")):
                    data = None
                else:
                    parts = header.split()
                    if len(parts) != 3 or not parts[2].isdigit():
                        put("git cat-file said something unexpected")
                        return
                    data = out.read(int(parts[2]))
                    out.read(1)  # the newline after the contents
                    if parts[1] != b"blob":
                        data = None
                if not put((name, data)):
                    return
        except (OSError, ValueError) as exc:
            put(_("reading from git cat-file failed: {error}").format(error=exc))

    threads = [
        threading.Thread(target=feed, daemon=True),
        threading.Thread(target=read, daemon=True),
    ]
    for thread in threads:
        thread.start()
    try:
        for _name in names:
            item = answers.get()
            if isinstance(item, str):
                raise GitError(item)
            yield item
    finally:
        stop.set()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for thread in threads:
            thread.join()
        out.close()


_AHEAD = 64
"""Versions git may read ahead of the caller (a bound on the memory they take)."""


def _read(data: bytes, shown: str, plan_id: str) -> LoadedPlan:
    """A plan file's bytes from git, read as on disk; its problems are at ``REV:PATH``."""
    loaded = parse_plan(data, Path(shown), plan_id)
    loaded.__dict__["id"] = plan_id  # the file's name, not the stem of REV:PATH (cached)
    return loaded


def _environment() -> dict[str, str]:
    """As kamtui/git/command.py runs git: the user's config, stable messages, no prompts."""
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C")
    env["GIT_TERMINAL_PROMPT"] = "0"
    return env


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _commit(header: str, abbrev: int = 0) -> Commit | None:
    parts = header.split("\x1f", len(_FIELDS) - 1)
    if len(parts) != len(_FIELDS):
        return None
    full, short, author, email, authored, committed, subject = parts
    try:
        return Commit(
            full.strip(),
            full.strip()[:abbrev] if abbrev else short,
            author,
            email,
            dt.datetime.fromisoformat(authored),
            dt.datetime.fromisoformat(committed),
            subject,
        )
    except ValueError:
        return None


def _commits(text: str) -> list[Commit]:
    out = []
    for record in text.split("\x1e")[1:]:
        commit = _commit(record.rstrip("\n"))
        if commit is not None:
            out.append(commit)
    return out


def _entries(text: str, abbrev: int) -> list[_Entry]:
    """``git log -z --raw`` output: each commit with the blobs before and after it."""
    out: list[_Entry] = []
    zero = set("0")
    for record in text.split("\x1e")[1:]:
        header, _nul, raw = record.partition("\0")
        commit = _commit(header, abbrev)
        if commit is None:
            continue
        tokens = raw.lstrip("\n").split("\0")
        i = 0
        while i < len(tokens):
            meta = tokens[i].strip()
            i += 1
            if not meta.startswith(":"):
                continue
            fields = meta[1:].split()
            if len(fields) < 5:
                continue
            old, new, status = fields[2], fields[3], fields[4]
            if status[:1] in ("R", "C"):
                old_path, path = tokens[i : i + 2]
                i += 2
            else:
                old_path = path = tokens[i] if i < len(tokens) else ""
                i += 1
            out.append(
                _Entry(
                    commit,
                    None if set(old) <= zero else old,
                    None if set(new) <= zero else new,
                    old_path,
                    path,
                    status,
                )
            )
            break  # one file is followed: one entry per commit
    return out
