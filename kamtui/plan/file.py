"""Reading one plan file: bytes → checked plan, with every problem located at ``PATH:LINE:COL``.

Reading never writes. The order of checks matches what a person would want to hear first:
not text at all, then encoding, then git conflict markers, then TOML syntax, then the schema.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kamtui.plan.diagnostics import BYTE_ORDER_MARK, COMMENTS, Problem, Severity
from kamtui.plan.toml_reader import TOMLDecodeError, loads
from kamtui.plan.tomlpos import (
    find_conflict_markers,
    find_deep_nesting,
    find_long_integer,
    first_comment,
    first_duplicate,
    index_keys,
    split_tomllib_message,
)
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.text.slugs import is_valid_id, slugify

if TYPE_CHECKING:
    from kamtui.plan.codec import Finding
    from kamtui.plan.model import AccountPlan

BOM = b"\xef\xbb\xbf"
COMMENTS_WARNING = N_(
    "this file has # comments, which kamtui drops when it saves the file; keep free text in "
    "note fields (see docs/plan-format.md, 'Comments')"
)
"""The warning of a plan with comments, in English (given translated: ``_(COMMENTS_WARNING)``)."""


@dataclass(repr=False)
class LoadedPlan:
    """A plan file as read from disk: the plan (``None`` when broken) and what was found."""

    path: Path
    plan: AccountPlan | None
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""
    """sha256 of the bytes read; a save refuses to go ahead if the file no longer matches."""
    has_comments: bool = False
    text: str = ""
    """The decoded text (empty when it could not be decoded), for showing offending lines."""
    customer_ids: tuple[str, ...] = ()
    """The plan's revenue customer ids, kept beside it so cross-file checks need not unpickle
    a cached plan."""

    def __post_init__(self) -> None:
        if self.plan is not None and not self.customer_ids:
            self.customer_ids = tuple(self.plan.account.customer_ids)

    @cached_property
    def id(self) -> str:  # asked for thousands of times per start: Path.stem is not free
        return self.path.stem

    def __repr__(self) -> str:  # short: the plan itself can be large
        return f"LoadedPlan({str(self.path)!r}, errors={len(self.errors)})"

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error] if self.problems else []

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    # The plan cache keeps the plan as bytes and unpickles it on first use, so a start-up
    # that only needs the dashboard figures never rebuilds thousands of plans (nor reads them:
    # the cache may hand over a function that reads the bytes when they are wanted).
    def plan_blob(self) -> bytes | None:
        """The plan, pickled (as it came from the cache when it was never unpickled)."""
        import pickle  # only the plan cache pickles; `kamtui check` never does

        blob = self.__dict__.get("_blob") if "plan" not in self.__dict__ else None
        if callable(blob):
            blob = blob()
        if blob is None and self.plan is not None:
            blob = pickle.dumps(self.plan, protocol=pickle.HIGHEST_PROTOCOL)
        return blob

    @classmethod
    def from_blob(
        cls,
        path: Path,
        blob: bytes | Callable[[], bytes] | None,
        problems: list[Problem],
        digest: str,
        has_comments: bool,
        text: str,
        customer_ids: tuple[str, ...],
    ) -> LoadedPlan:
        """A plan as the cache kept it; *blob* (see :meth:`plan_blob`, or a function that
        reads it) is unpickled when ``plan`` is first asked for. Its ``id`` is set at once:
        the ``cached_property`` takes a lock on first use (2,000 plans: about 5 ms of the
        first paint)."""
        lp = cls.__new__(cls)
        lp.__dict__.update(
            id=path.stem,
            path=path,
            _blob=blob,
            problems=problems,
            digest=digest,
            has_comments=has_comments,
            text=text,
            customer_ids=customer_ids,
        )
        return lp

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _restore,
            (
                self.path,
                self.plan_blob(),
                self.problems,
                self.digest,
                self.has_comments,
                self.text,
                self.customer_ids,
            ),
        )

    def __getattr__(self, name: str) -> Any:
        if name == "plan" and "_blob" in self.__dict__:
            import pickle

            blob = self.__dict__["_blob"]
            if callable(blob):
                blob = blob()
            plan = pickle.loads(blob) if blob is not None else None  # our own cache file
            self.__dict__["plan"] = plan
            return plan
        raise AttributeError(name)


def _restore(
    path: Path,
    blob: bytes | None,
    problems: list[Problem],
    digest: str,
    has_comments: bool,
    text: str,
    customer_ids: tuple[str, ...],
) -> LoadedPlan:
    return LoadedPlan.from_blob(path, blob, problems, digest, has_comments, text, customer_ids)


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def _friendly(message: str) -> str:
    if message.startswith("Cannot overwrite a value") or message.startswith("Cannot declare"):
        return _("a key or table is defined twice")
    if not message:
        return _("invalid TOML")
    return _("invalid TOML: {message}").format(message=f"{message[0].lower()}{message[1:]}")


def parse_plan(data: bytes, path: Path, plan_id: str | None = None) -> LoadedPlan:
    """Check and decode the bytes of a plan file. Never raises for bad content."""
    plan_id = path.stem if plan_id is None else plan_id
    result = LoadedPlan(path=path, plan=None, digest=digest_bytes(data))
    problems = result.problems

    def add(
        message: str,
        line: int | None = None,
        col: int | None = None,
        severity: Severity = Severity.ERROR,
        key: str = "",
        code: str = "",
    ) -> None:
        problems.append(Problem(path, message, line, col, severity, key, code))

    if not is_valid_id(plan_id):
        add(
            _(
                "file name '{name}' is not a valid account id: use lowercase letters, digits "
                "and hyphens, e.g. '{slug}.toml'"
            ).format(name=plan_id, slug=slugify(plan_id)),
            1,
            1,
        )
    if not data.strip():
        add(
            _("the file is empty: a plan needs at least 'schema = 1' and an [account] table"),
            1,
            1,
        )
        return result
    doc, text = read_document(data, add)
    if text is not None:
        result.text = text  # kept for a broken file too, to show its lines
    if doc is None or text is None:
        return result

    # The decoder (kamtui/plan/codec.py) is imported when a file is first decoded: a start
    # that finds every plan in the plan cache never loads it.
    from kamtui.plan.codec import decode_plan

    plan, findings = decode_plan(doc, plan_id)
    if findings:  # the lexer only when there is something to locate
        keys = index_keys(text)
        for f in findings:
            _add_finding(add, f, keys.locate(f.key, value=True))
    comment = first_comment(text) if "#" in text else None
    if comment is not None:
        result.has_comments = True
        add(_(COMMENTS_WARNING), *comment, Severity.WARNING, code=COMMENTS)
    result.plan = plan if not result.errors else None
    if result.plan is not None:
        result.customer_ids = tuple(result.plan.account.customer_ids)
    return result


def read_document(
    data: bytes, add: Callable[..., None]
) -> tuple[dict[str, Any] | None, str | None]:
    """The TOML document in the bytes of a kamtui file (a plan, the workspace's
    offerings.toml) and its text. The document is ``None`` when it cannot be read, after *add*
    (message, line, column, severity) was told why: UTF-16, NUL bytes, not UTF-8 (no text
    either), unresolved merge conflict markers, malformed TOML. A byte-order mark is a
    warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        add(_("the file is UTF-16; save it as UTF-8"), 1, 1)
        return None, None
    if b"\x00" in data:
        add(_("not a text file (it contains NUL bytes)"), *_line_col(data, data.index(b"\x00")))
        return None, None
    if data.startswith(BOM):
        add(
            _("the file starts with a UTF-8 byte-order mark; kamtui reads it but saves without it"),
            1,
            1,
            Severity.WARNING,
            code=BYTE_ORDER_MARK,
        )
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = f"byte 0x{data[exc.start]:02X}"
        add(
            _("not valid UTF-8 ({bad}); save the file as UTF-8").format(bad=bad),
            *_line_col(data, exc.start),
        )
        return None, None

    markers = find_conflict_markers(text)
    if markers:
        for marker_line, marker in markers:
            add(
                _(
                    "unresolved git merge conflict ('{marker}' marker): resolve it and remove "
                    "the markers"
                ).format(marker=marker),
                marker_line,
                1,
            )
        return None, text

    try:
        doc = loads(text)
    except (ValueError, RecursionError) as exc:
        if not isinstance(exc, TOMLDecodeError):  # huge integer, absurd nesting
            add(*_beyond_the_reader(exc, text))
            return None, text
        message, line, col = split_tomllib_message(str(exc), text)
        friendly = _friendly(message)
        if message.startswith(("Cannot overwrite a value", "Cannot declare")):
            duplicate = first_duplicate(text, line)
            if duplicate is not None:
                dup, (line, col), (first_line, _column) = duplicate
                friendly = _("'{key}' is defined twice (first defined at line {line})").format(
                    key=".".join(dup), line=first_line
                )
        add(friendly, line, col)
        return None, text

    return doc, text


MAX_NESTING = 100
"""Arrays and inline tables nested this deep are read (both TOML readers go further)."""
_TOO_MANY_DIGITS = re.compile(r"limit \((\d+) digits\).*value has (\d+) digits")


def _beyond_the_reader(exc: Exception, text: str) -> tuple[str, int | None, int | None]:
    """In the user's words, and where: a value the TOML reader gave up on with a Python error
    (an integer longer than ``sys.get_int_max_str_digits()``, nesting deeper than the call
    stack), not a TOML one."""
    if isinstance(exc, RecursionError):
        deep = find_deep_nesting(text, MAX_NESTING)
        if deep is None:
            return _("nested too deeply"), None, None
        return _("nested too deeply (more than {levels} levels)").format(levels=MAX_NESTING), *deep
    m = _TOO_MANY_DIGITS.search(str(exc))
    if m is None:
        return _("cannot read this file: {error}").format(error=exc), 1, 1
    limit, digits = int(m.group(1)), int(m.group(2))
    line, col = find_long_integer(text, digits) or (None, None)
    message = _("number too long ({digits} digits; at most {limit} can be read)")
    return message.format(digits=digits, limit=limit), line, col


def _cannot_read(exc: OSError) -> str:
    """``cannot read: permission denied``, ``cannot read: is a directory``, …"""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("cannot read: permission denied")
    reason = exc.strerror or str(exc)
    return _("cannot read: {reason}").format(reason=f"{reason[:1].lower()}{reason[1:]}")


def _add_finding(add: Any, f: Finding, pos: tuple[int, int] | None) -> None:
    line, col = pos if pos else (1, 1)
    add(f.message, line, col, f.severity, ".".join(f.key), f.code)


_FIRST_READ = 1 << 16
"""Bytes asked for by the first read: a whole plan, but for the biggest (no ``fstat`` needed)."""


def read_bytes(path: Path) -> bytes:
    """``path.read_bytes()`` at half the cost (no file object; and no ``fstat`` for a file
    under 64 KiB, one system call of five): a start reads thousands. Reads until a read
    returns nothing: a short read is not always the end (network and FUSE file systems)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        chunks = [os.read(fd, _FIRST_READ)]
        size = _FIRST_READ
        if len(chunks[0]) == _FIRST_READ:  # a big file: the rest in one read
            size = max(os.fstat(fd).st_size - _FIRST_READ, 0) + 1
        while chunk := os.read(fd, size):
            chunks.append(chunk)
            size = 1 << 16
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def read_plan(path: Path) -> LoadedPlan:
    """Read and check one plan file. An unreadable file is a problem, not an exception."""
    try:
        data = read_bytes(path)
    except OSError as exc:
        result = LoadedPlan(path=path, plan=None)
        result.problems.append(Problem(path, _cannot_read(exc)))
        return result
    return parse_plan(data, path)
