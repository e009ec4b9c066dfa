"""Where things are in TOML text: key positions, duplicate keys, comments, conflict markers.

The TOML reader (:mod:`kamtui.plan.toml_reader`: ``tomli`` or :mod:`tomllib`, whose messages are
the same) tells *that* a document is wrong but gives the position only inside its message, and
nothing at all about where a valid key sits. Validation problems (``target`` is not a number)
must still point at ``PATH:LINE:COL``, so this module runs a small lexer over the text — only
when there is something to report, never on the fast path.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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
    found = []
    line, counted = 1, 0
    for m in _CONFLICT.finditer(text):  # newlines counted from the previous marker: linear
        line += text.count("\n", counted, m.start())
        counted = m.start()
        found.append((line, m.group(1)))
    if not any(marker[0] in "<>" for _, marker in found):
        return []
    return found


# What the lexer reads with regular expressions. Every repetition is possessive (``*+``): a
# match that fails gives nothing back, so no pattern can take more than linear time.
_WS = re.compile(r"[ \t\r]*+")
_WS_NL = re.compile(r"[ \t\r\n]*+")
_PLAIN = re.compile(r"""[^"'\[\]{}#\n]*+""")
"""What a value may hold besides strings, brackets and comments (numbers, dates, words)."""
_BASIC = re.compile(r'"([^"\\\n]*+(?:\\[\s\S][^"\\\n]*+)*+)("?)')
_LITERAL = re.compile(r"'([^'\n]*+)('?)")
_ML_BASIC = re.compile(r'"""([^"\\]*+(?:(?:\\[\s\S]?+|"(?!""))[^"\\]*+)*+)(?:"""(?:""?)?)?')
_ML_LITERAL = re.compile(r"'''([^']*+(?:'(?!'')[^']*+)*+)(?:'''(?:''?)?)?")
_ESCAPE = re.compile(r"\\([\s\S])")
# A run of one-line `bare-key = value` lines, as kamtui writes them: read in one match. The
# value is at most one one-line string and plain characters; the line has no comment.
_SIMPLE_LINE = (
    r"[A-Za-z0-9_-]++[ \t\r]*+=[ \t\r]*+"
    r"""(?:"(?!"")[^"\\\n]*+(?:\\[^\n][^"\\\n]*+)*+"|'(?!'')[^'\n]*+')?+"""
    r"""[^"'\[\]{}#\n]*+\n[ \t\r]*+"""
)
_RUN = re.compile(rf"(?:{_SIMPLE_LINE})++")
_RUN_NAMES = re.compile(r"([A-Za-z0-9_-]+)[ \t\r]*=[^\n]*\n[ \t\r]*")
_RUN_LINES = re.compile(r"([A-Za-z0-9_-]+)([ \t\r]*=[ \t\r]*)[^\n]*\n([ \t\r]*)")
# A table header of bare keys alone on its line: `[a.b]` or `[[a.b]]`.
_HEADER = re.compile(
    r"\[(\[)?+([A-Za-z0-9_-]++(?:\.[A-Za-z0-9_-]++)*+)\](?(1)\])[ \t\r]*+(?:\n|\Z)"
)
# A table as kamtui writes it: a header of bare keys, a run of simple lines, blank lines.
_SECTION = re.compile(
    rf"\[([A-Za-z0-9_-]++(?:\.[A-Za-z0-9_-]++)*+)\][ \t\r]*+\n[ \t\r\n]*+"
    rf"((?:{_SIMPLE_LINE})*+)[ \t\r\n]*+"
)


# Values that the TOML readers give up on with a Python error rather than a TOML one (see
# kamtui/plan/toml_reader.py): the brackets of arrays and inline tables, and integers, outside
# strings and comments.
_VALUE_TOKEN = re.compile(
    "|".join(p.pattern for p in (_ML_BASIC, _ML_LITERAL, _BASIC, _LITERAL))
    + r"|#[^\n]*+|(?P<open>[\[{])|(?P<close>[\]}])"
    + r"|(?<![A-Za-z0-9_.:+-])(?P<integer>[+-]?[0-9][0-9_]*+)(?![0-9_.eE:-])"
)


def _position(text: str, offset: int) -> Position:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def find_deep_nesting(text: str, limit: int) -> Position | None:
    """Where an array or inline table of *text* opens a level deeper than *limit* (brackets in
    strings and comments aside), if one does."""
    depth = 0
    for m in _VALUE_TOKEN.finditer(text):
        if m.lastgroup == "open":
            depth += 1
            if depth > limit:
                return _position(text, m.start())
        elif m.lastgroup == "close":
            depth = max(0, depth - 1)
    return None


def find_long_integer(text: str, digits: int) -> Position | None:
    """Where the first integer of *text* with *digits* digits starts (its sign included;
    strings, comments, keys, floats and dates aside), if there is one."""
    if not re.search(rf"[0-9](?:_?[0-9]){{{digits - 1}}}", text):
        return None  # the usual case for a text that has none: no token by token search
    for m in _VALUE_TOKEN.finditer(text):
        number = m.group("integer")
        if number and len(number.lstrip("+-").replace("_", "")) == digits:
            return _position(text, m.start())
    return None


class _Lexer:
    """Just enough of TOML to find keys, headers and comments. Assumes nothing is valid.

    Linear in the length of the text. Runs of simple lines (:data:`_RUN`) are read in bulk:
    their keys are checked for duplicates with set operations and, with *positions*, put in the
    index with ``zip`` and ``map``, never a Python loop over the lines (a 50 MB plan has two
    million). Everything else is read a statement at a time. The lexer keeps offsets; line
    numbers are counted lazily, from the last position asked for.

    Without *positions* (:func:`first_duplicate`) nothing is put in the index but the first
    duplicate, where the lexer stops; tables written the way kamtui writes them are read a
    table at a time (:meth:`sections`), and before the *trusted* offset not even checked.
    """

    def __init__(self, text: str, *, positions: bool = True, trusted: int = 0) -> None:
        self.text = text
        self.trusted = trusted
        """The text before this offset defines nothing twice (see :func:`first_duplicate`)."""
        self.n = len(text)
        self.i = 0
        self.line = 1
        self.line_start = 0
        self.counted = 0
        self.index = KeyIndex()
        self.positions = positions
        self.stop = False
        self.first: Position | None = None
        """Where the first duplicate was defined before (in the same element of an array of
        tables)."""
        self.table: KeyPath = ()
        self.headers: dict[KeyPath, int] = {}
        """Header → its offset."""
        self.keys: dict[KeyPath, dict[str, int | None]] = {}
        """Table → the keys defined in it (the last part of their path) and their offsets
        (``None``: in one of the table's :attr:`runs`)."""
        self.runs: dict[KeyPath, list[tuple[int, int]]] = {}
        """Table → where its runs of simple lines are."""
        self.unread: set[KeyPath] = set()
        """Tables of the trusted text whose runs' keys are not in :attr:`keys` yet."""
        self.sub_headers: dict[KeyPath, set[str]] = {}
        """Table → the last parts of the headers defined right under it."""
        self.arrays: set[KeyPath] = set()
        self.in_array: dict[KeyPath, list[tuple[bool, KeyPath]]] = {}
        """Array of tables → the key sets (False, table) and headers (True, header) defined
        under its current element, forgotten when the next element starts."""

    # -- positions -------------------------------------------------------------------------

    def pos_at(self, j: int) -> Position:
        """The line and column of offset *j*, counting newlines since the last call."""
        if j < self.counted:  # never the case in one pass; kept exact all the same
            return self.text.count("\n", 0, j) + 1, j - self.text.rfind("\n", 0, j)
        newlines = self.text.count("\n", self.counted, j)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", self.counted, j) + 1
        self.counted = j
        return self.line, j - self.line_start + 1

    @property
    def pos(self) -> Position:
        return self.pos_at(self.i)

    # -- reading ---------------------------------------------------------------------------

    def peek(self) -> str:
        return self.text[self.i] if self.i < self.n else ""

    def skip_ws(self, newlines: bool = False) -> None:
        ws = _WS_NL if newlines else _WS
        while True:
            self.i = ws.match(self.text, self.i).end()  # type: ignore[union-attr]
            if not self.text.startswith("#", self.i):
                return
            self.comment()

    def comment(self) -> None:
        if self.positions:
            self.index.comments.append(self.pos)
        self.skip_line()

    def skip_line(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = self.n if end == -1 else end

    def string(self) -> str:
        """Read a string starting at the quote; return its (roughly decoded) value."""
        basic = self.text[self.i] == '"'
        multi_line = self.text.startswith('"""' if basic else "'''", self.i)
        if multi_line:
            found = self.multi_line_string(basic)
            if found is not None:
                return found
            m = (_ML_BASIC if basic else _ML_LITERAL).match(self.text, self.i)
        else:
            m = (_BASIC if basic else _LITERAL).match(self.text, self.i)
        assert m is not None  # each pattern matches at its opening quote
        self.i = m.end()
        value = m.group(1)
        if basic and not multi_line and "\\" in value:
            return _ESCAPE.sub(r"\1", value)  # \" is ", \\ is \ (and \n is n: roughly)
        return value

    def multi_line_string(self, basic: bool) -> str | None:
        """A multi-line string read by searching for its closing quotes (a long note is read
        at memory speed, not a character class at a time); ``None`` when that cannot tell
        (no closing quotes, or a backslash that may escape one): then the pattern reads it.
        Like the pattern, up to two quotes right after the closing three are taken too."""
        text, start = self.text, self.i + 3
        quote = '"""' if basic else "'''"
        end = text.find(quote, start)
        if end == -1 or (basic and text.find("\\", start, end) != -1):
            return None
        stop = end + 3
        extra = 0
        while extra < 2 and text.startswith(quote[0], stop + extra):
            extra += 1
        self.i = stop + extra
        return text[start:end]

    def key(self) -> tuple[KeyPath, int] | None:
        """A dotted key and its offset; None when there is no key here."""
        parts: list[str] = []
        start = self.i
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
        text = self.text
        while True:
            self.i = _PLAIN.match(text, self.i).end()  # type: ignore[union-attr]
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
            elif depth <= 0:  # a newline
                return
            else:
                self.i += 1

    # -- what is defined where -------------------------------------------------------------

    def keys_of(self, table: KeyPath) -> dict[str, int | None]:
        """The keys defined in *table* (made on first use)."""
        keys = self.keys.get(table)
        if keys is None:
            keys = self.keys[table] = {}
            if self.arrays:
                for n in range(1, len(table) + 1):
                    if table[:n] in self.arrays:
                        self.in_array[table[:n]].append((False, table))
        if table in self.unread:
            self.unread.discard(table)
            for start, end in self.runs[table]:
                keys.update(dict.fromkeys(_RUN_NAMES.findall(self.text, start, end)))
        return keys

    def new_element(self, array: KeyPath) -> None:
        """``[[array]]``: what was defined under the previous element is forgotten."""
        if array not in self.arrays:
            self.arrays.add(array)
            self.in_array[array] = []
        for is_header, path in self.in_array[array]:
            if is_header:
                self.headers.pop(path, None)
                self.sub_headers.get(path[:-1], set()).discard(path[-1])
            else:
                self.keys.pop(path, None)
                self.runs.pop(path, None)
                self.unread.discard(path)
        self.in_array[array] = []
        self.keys_of(array[:-1]).pop(array[-1], None)

    def define(
        self, path: KeyPath, at: int, *, header: bool, array: bool = False, known: int = 0
    ) -> None:
        """Note a key or header at offset *at*; a second definition of the same thing is a
        duplicate. The first *known* parts of *path* (the current table's) are indexed."""
        parent, last = path[:-1], path[-1]
        keys = self.keys_of(parent)
        duplicate = last in keys or path in self.headers
        if array:  # the first [[path]] must not follow a key or table of that name
            duplicate = path not in self.arrays and (
                duplicate or path in self.keys or path in self.sub_headers
            )
        if duplicate and self.first is None:
            self.first = self.first_definition(path, at)
        if header:
            self.headers.setdefault(path, at)
            self.sub_headers.setdefault(parent, set()).add(last)
            if self.arrays:
                for n in range(1, len(path)):
                    if path[:n] in self.arrays:
                        self.in_array[path[:n]].append((True, path))
        else:
            keys.setdefault(last, at)
        if duplicate:
            self.index.duplicates.append((path, self.pos_at(at)))
            self.stop = not self.positions
        if self.positions:
            pos = self.pos_at(at)
            positions = self.index.positions
            positions.setdefault(path, pos)
            for n in range(max(known, 1), len(path)):
                positions.setdefault(path[:n], pos)

    def first_definition(self, path: KeyPath, again: int) -> Position:
        """Where *path*, defined again at offset *again*, was defined before."""
        before = [self.headers.get(path)]
        keys = self.keys_of(path[:-1])
        if path[-1] in keys:
            before.append(keys[path[-1]])
            for start, end in self.runs.get(path[:-1], ()) if before[-1] is None else ():
                for m in _RUN_NAMES.finditer(self.text, start, end):
                    if m.group(1) == path[-1]:
                        before.append(m.start(1))
        return _position(self.text, min((b for b in before if b is not None), default=again))

    # -- statements ------------------------------------------------------------------------

    def sections(self) -> bool:
        """Without *positions* and arrays of tables: read the tables written the way kamtui
        writes them (:data:`_SECTION`) with one Python step each, not one per line or
        statement. Stops before anything else, or a table with a duplicate, which
        :meth:`header` reads; False when there was no such table to read."""
        start = self.i
        if start < self.trusted:
            self.trusted_sections()
        headers, runs, sub_headers = self.headers, self.runs, self.sub_headers
        while m := _SECTION.match(self.text, self.i):
            path = tuple(m.group(1).split("."))
            parent, last = path[:-1], path[-1]
            own = self.keys_of(path)
            names = _RUN_NAMES.findall(self.text, *m.span(2))
            unique = set(names)
            if (
                path in headers
                or last in self.keys_of(parent)
                or len(unique) < len(names)
                or not own.keys().isdisjoint(unique)
                or not sub_headers.get(path, set()).isdisjoint(unique)
            ):
                self.i = m.start()
                break
            headers[path] = m.start(1)
            sub_headers.setdefault(parent, set()).add(last)
            own.update(dict.fromkeys(names))
            if names:
                runs.setdefault(path, []).append(m.span(2))
            self.table = path
            self.i = m.end()
        return self.i > start

    def trusted_sections(self) -> None:
        """:meth:`sections` in the trusted text: no checks, and the keys are left unread
        (:attr:`unread`) until a table defined later needs them. The fewest steps a table."""
        text, section, trusted, i = self.text, _SECTION.match, self.trusted, self.i
        headers, runs, sub_headers, unread = self.headers, self.runs, self.sub_headers, self.unread
        parent: KeyPath | None = None
        siblings: set[str] = set()
        path = self.table
        while (m := section(text, i)) and m.end() <= trusted:
            path = tuple(m.group(1).split("."))
            if path[:-1] != parent:
                parent = path[:-1]
                siblings = sub_headers.setdefault(parent, set())
            siblings.add(path[-1])
            headers.setdefault(path, m.start(1))
            run = m.span(2)
            if run[0] < run[1]:
                if path in runs:
                    runs[path].append(run)
                else:
                    runs[path] = [run]
                unread.add(path)
            i = m.end()
        self.table, self.i = path, i

    def run_of_simple_lines(self) -> bool:
        """Read the run of simple lines at the current position, if there is one."""
        m = _RUN.match(self.text, self.i)
        if m is None:
            return False
        start, end = m.span()
        self.i = end
        table = self.table
        keys = self.keys_of(table)
        names: Sequence[str]
        if self.positions:
            lines = _RUN_LINES.findall(self.text, start, end)
            names, equals, indents = zip(*lines, strict=True)
        else:
            names = _RUN_NAMES.findall(self.text, start, end)
        unique = set(names)
        if (
            len(unique) < len(names)
            or not keys.keys().isdisjoint(unique)
            or not self.sub_headers.get(table, set()).isdisjoint(unique)
        ):
            self.run_line_by_line(start, end)
            return True
        keys.update(dict.fromkeys(names))
        self.runs.setdefault(table, []).append((start, end))
        if not self.positions:
            return True
        line, col = self.pos_at(start)
        numbers = range(line, line + len(names))
        cols = [col, *map((1).__add__, map(len, indents[:-1]))]
        paths = list(map(table.__add__, zip(names, strict=True)))
        at = list(zip(numbers, cols, strict=True))
        ends = map(sum, zip(cols, map(len, names), map(len, equals), strict=True))
        value_at = list(zip(numbers, ends, strict=True))
        for found, where in ((self.index.positions, at), (self.index.values, value_at)):
            if found.keys().isdisjoint(paths):
                found.update(zip(paths, where, strict=True))
            else:  # a key already placed as the parent of a dotted key or a header
                for path, p in zip(paths, where, strict=True):
                    found.setdefault(path, p)
        return True

    def run_line_by_line(self, start: int, end: int) -> None:
        """A run with a duplicate key: each line defined in turn (the same as elsewhere)."""
        known = len(self.table)
        for m in _RUN_LINES.finditer(self.text, start, end):
            path = (*self.table, m.group(1))
            self.define(path, m.start(1), header=False, known=known)
            if self.stop:
                return
            if self.positions:
                self.index.values.setdefault(path, self.pos_at(m.end(2)))

    def header(self) -> None:
        """A table header, ``[a.b]`` or ``[[a.b]]``."""
        m = _HEADER.match(self.text, self.i)
        if m is not None:
            self.i = m.end()
            self.start_table(tuple(m.group(2).split(".")), m.start(2), array=bool(m.group(1)))
            return
        array = self.text.startswith("[[", self.i)
        self.i += 2 if array else 1
        got = self.key()
        if got is not None:
            self.start_table(*got, array=array)
        while self.peek() in ("]", " ", "\t"):
            self.i += 1
        self.skip_ws()  # notes a comment after the header
        self.skip_line()

    def start_table(self, path: KeyPath, at: int, *, array: bool) -> None:
        self.table = path
        self.define(path, at, header=True, array=array)
        if array:  # a new element: its keys are new too
            self.new_element(path)

    def run(self) -> KeyIndex:
        while self.i < self.n and not self.stop:
            self.skip_ws(newlines=True)
            c = self.peek()
            if c == "":
                break
            if c == "[":
                if self.positions or self.arrays or not self.sections():
                    self.header()
                continue
            if self.run_of_simple_lines():
                continue
            got = self.key()
            if got is None:
                self.skip_line()
                continue
            path, at = got
            path = self.table + path
            self.define(path, at, header=False, known=len(self.table))
            self.skip_ws()
            if self.peek() == "=":
                self.i += 1
                self.skip_ws()
                if self.positions:
                    self.index.values.setdefault(path, self.pos)
                self.value()
            else:
                self.skip_line()
        return self.index


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector paused: the index holds millions of tuples for a big file, and the
    collections their making triggers walk the whole (growing) index each time, which made
    indexing a 32 MB plan three times slower (nothing the lexer makes holds a cycle)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def index_keys(text: str) -> KeyIndex:
    """Positions of every key and table header in *text* (best effort on broken input)."""
    with _collector_paused():
        return _Lexer(text).run()


def first_duplicate(
    text: str, line: int | None = None
) -> tuple[KeyPath, Position, Position] | None:
    """The first key or table of *text* that is defined twice: its path, where it is defined
    again (as :func:`index_keys` would say, with less work: nothing is indexed, and the lexer
    stops there) and where it was defined first (in the same element of an array of tables).

    *line*: where the TOML reader stopped with "Cannot overwrite a value" or "Cannot declare …
    twice". It read everything before without complaint, so the tables written there the way
    kamtui writes them are not checked again, only noted (a 50 MB plan is checked in a
    fraction of the time)."""
    trusted = 0
    if line is not None and line > 1:
        lines_before = re.compile(rf"(?:[^\n]*+\n){{{line - 1}}}").match(text)
        trusted = lines_before.end() if lines_before else 0
    with _collector_paused():  # and what the lexer made is freed before it runs again
        lexer = _Lexer(text, positions=False, trusted=trusted)
        duplicates, first = lexer.run().duplicates, lexer.first
        del lexer
    if not duplicates or first is None:
        return None
    path, pos = duplicates[0]
    return path, pos, first
