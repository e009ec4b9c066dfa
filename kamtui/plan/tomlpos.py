"""Where things are in TOML text: key positions, duplicate keys, comments, conflict markers.

The TOML reader (:mod:`kamtui.plan.toml_reader`: ``tomli`` or :mod:`tomllib`, whose messages are
the same) tells *that* a document is wrong but gives the position only inside its message, and
nothing at all about where a valid key sits. Validation problems (``target`` is not a number)
must still point at ``PATH:LINE:COL``, so this module runs a small lexer over the text — only
when there is something to report, never on the fast path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KeyPath = tuple[str, ...]
Position = tuple[int, int]  # 1-based line, column

_TOMLLIB_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOMLLIB_END = re.compile(r"\s*\(at end of document\)\s*$")
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?:[ \t].*)?\r?$", re.MULTILINE)
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_STRING_OR_HASH = re.compile(
    r'''"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""(?:""?)?'''  # multi-line basic, with up to 2 more quotes
    r"|'''[\s\S]*?'''(?:''?)?"  # multi-line literal
    r'''|"(?:[^"\\\n]|\\.)*"'''  # basic
    r"|'[^'\n]*'"  # literal
    r"|(?P<hash>#)"
)


@dataclass
class KeyIndex:
    """Positions of keys and table headers, plus what the lexer noticed on the way."""

    positions: dict[KeyPath, Position] = field(default_factory=dict)
    values: dict[KeyPath, Position] = field(default_factory=dict)
    """Where the value of a ``key = value`` line starts."""
    duplicates: list[tuple[KeyPath, Position]] = field(default_factory=list)
    comments: list[Position] = field(default_factory=list)

    def locate(self, path: KeyPath, *, value: bool = False) -> Position | None:
        """The position of *path* (of its value with *value*), or of its nearest ancestor."""
        if value and path in self.values:
            return self.values[path]
        for n in range(len(path), 0, -1):
            pos = self.positions.get(path[:n])
            if pos is not None:
                return pos
        return None


def split_tomllib_message(message: str, text: str) -> tuple[str, int | None, int | None]:
    """``"Invalid value (at line 2, column 9)"`` → ``("Invalid value", 2, 9)``.

    The message of a ``TOMLDecodeError`` from either reader of :mod:`kamtui.plan.toml_reader`.
    """
    m = _TOMLLIB_POS.search(message)
    if m:
        return message[: m.start()], int(m.group(1)), int(m.group(2))
    m = _TOMLLIB_END.search(message)
    if m:
        lines = text.split("\n")
        return message[: m.start()], len(lines), len(lines[-1]) + 1
    return message, None, None


def first_comment(text: str) -> Position | None:
    """Where the first ``#`` comment of *text* starts, for text that is valid TOML.

    Skips strings (quoted keys too) in one regular-expression pass instead of running the lexer,
    which takes tens of milliseconds on a big plan: a ``#`` in a note (``PO #4411``) must not
    slow down every load and every save of that plan.
    """
    for m in _STRING_OR_HASH.finditer(text):
        if m.lastgroup == "hash":
            start = m.start()
            return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
    return None


def find_conflict_markers(text: str) -> list[tuple[int, str]]:
    """Lines (1-based) of git merge-conflict markers, even inside strings.

    Only when a ``<<<<<<<`` or ``>>>>>>>`` line is there: a line of ``=======`` alone is a
    Markdown heading underline in a note, not a conflict.
    """
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return []
    found = [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in _CONFLICT.finditer(text)]
    if not any(marker[0] in "<>" for _, marker in found):
        return []
    return found


class _Lexer:
    """Just enough of TOML to find keys, headers and comments. Assumes nothing is valid."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line = 1
        self.line_start = 0
        self.index = KeyIndex()
        self.table: KeyPath = ()
        self.headers: set[KeyPath] = set()
        self.keys: set[KeyPath] = set()

    @property
    def pos(self) -> Position:
        return (self.line, self.i - self.line_start + 1)

    def peek(self, n: int = 0) -> str:
        j = self.i + n
        return self.text[j] if j < len(self.text) else ""

    def newline(self) -> None:
        self.i += 1
        self.line += 1
        self.line_start = self.i

    def skip_ws(self, newlines: bool = False) -> None:
        while True:
            c = self.peek()
            if c in (" ", "\t", "\r"):
                self.i += 1
            elif c == "\n" and newlines:
                self.newline()
            elif c == "#":
                self.comment()
            else:
                return

    def comment(self) -> None:
        self.index.comments.append(self.pos)
        while self.peek() not in ("", "\n"):
            self.i += 1

    def skip_line(self) -> None:
        while self.peek() not in ("", "\n"):
            self.i += 1

    def string(self) -> str:
        """Read a string starting at the quote; return its (roughly decoded) value."""
        q = self.peek()
        if self.text.startswith(q * 3, self.i):
            self.i += 3
            start = self.i
            while self.i < len(self.text):
                c = self.peek()
                if c == "\\" and q == '"':
                    self.i += 1
                    if self.peek() == "\n":  # a line-ending backslash
                        self.newline()
                    else:
                        self.i += 1
                    continue
                if self.text.startswith(q * 3, self.i):
                    # Up to two extra quotes may close the string ("""a"""").
                    end = self.i
                    self.i += 3
                    while self.peek() == q and self.i - end < 5:
                        self.i += 1
                    return self.text[start:end]
                if c == "\n":
                    self.newline()
                else:
                    self.i += 1
            return self.text[start:]
        self.i += 1
        out: list[str] = []
        while True:
            c = self.peek()
            if c in ("", "\n"):
                return "".join(out)
            self.i += 1
            if c == q:
                return "".join(out)
            if c == "\\" and q == '"':
                out.append(self.peek())
                self.i += 1
            else:
                out.append(c)

    def key(self) -> tuple[KeyPath, Position] | None:
        """A dotted key; None when there is no key here."""
        parts: list[str] = []
        start = self.pos
        while True:
            self.skip_ws()
            c = self.peek()
            if c in ('"', "'"):
                parts.append(self.string())
            else:
                m = _BARE.match(self.text, self.i)
                if not m:
                    return (tuple(parts), start) if parts else None
                parts.append(m.group())
                self.i = m.end()
            self.skip_ws()
            if self.peek() != ".":
                return tuple(parts), start
            self.i += 1

    def value(self) -> None:
        """Skip a value, including multi-line strings and nested arrays/inline tables."""
        self.skip_ws()
        depth = 0
        while True:
            c = self.peek()
            if c == "":
                return
            if c in ('"', "'"):
                self.string()
            elif c in "[{":
                depth += 1
                self.i += 1
            elif c in "]}":
                depth -= 1
                self.i += 1
            elif c == "#":
                self.comment()
            elif c == "\n":
                if depth <= 0:
                    return
                self.newline()
            else:
                self.i += 1

    def define(self, path: KeyPath, pos: Position, *, header: bool, array: bool = False) -> None:
        """Note a key or header; a second definition of the same thing is a duplicate."""
        seen = self.headers if header else self.keys
        redefined = path in seen or (header and path in self.keys)
        if (not array and redefined) or (not header and path in self.headers):
            self.index.duplicates.append((path, pos))
        seen.add(path)
        self.index.positions.setdefault(path, pos)
        for n in range(1, len(path)):
            self.index.positions.setdefault(path[:n], pos)

    def run(self) -> KeyIndex:
        while self.i < len(self.text):
            self.skip_ws(newlines=True)
            c = self.peek()
            if c == "":
                break
            if c == "[":
                array = self.text.startswith("[[", self.i)
                self.i += 2 if array else 1
                got = self.key()
                if got is not None:
                    path, pos = got
                    self.table = path
                    if array:  # a new element: its keys are new too
                        self.keys = {k for k in self.keys if k[: len(path)] != path}
                    self.define(path, pos, header=True, array=array)
                while self.peek() in ("]", " ", "\t"):
                    self.i += 1
                self.skip_ws()  # notes a comment after the header
                self.skip_line()
                continue
            got = self.key()
            if got is None:
                self.skip_line()
                continue
            path, pos = got
            self.define(self.table + path, pos, header=False)
            self.skip_ws()
            if self.peek() == "=":
                self.i += 1
                self.skip_ws()
                self.index.values.setdefault(self.table + path, self.pos)
                self.value()
            else:
                self.skip_line()
        return self.index


def index_keys(text: str) -> KeyIndex:
    """Positions of every key and table header in *text* (best effort on broken input)."""
    return _Lexer(text).run()
