"""The TOML writer for plan files: the text of ``tomli_w.dumps(doc, multiline_strings=True)``,
character for character, in a fraction of the time.

tomli-w walks a document with nested generators and formats every value through a chain of
``isinstance`` checks; on a plan of 200 actions (about 1,500 values in 240 small tables) that
was most of a save (``bench/bench_save.py``). This module writes the same text in one
recursive pass over the shapes kamtui documents have: tables (``dict``), strings, integers,
floats, booleans, dates and arrays of those. Keys added by hand can hold anything TOML reads
(arrays of tables, inline tables, date-times, times, nested arrays): a document with any of
those, or with a type the fast path does not know, is handed to tomli-w whole, so the output is
always exactly tomli-w's. ``tests/core/test_toml_writer.py`` checks the two agree on generated
documents, the golden files and every sample plan.

The rules copied from tomli-w 1.x (``format_string``, ``format_key_part``, ``gen_table_chunks``):

- a key is bare when it is non-empty and only ``A-Za-z0-9_-``, else a one-line basic string;
- a string value holding a newline is a multi-line basic string (``\"\"\"`` and a newline,
  CRLF made LF), any other a one-line basic string; ``"``, ``\\`` and the control characters
  but tab are escaped (``\\b \\n \\f \\r \\" \\\\`` or ``\\uXXXX``; a newline stays as it is
  in a multi-line string);
- a table writes its header (``[a.b]``) when it has values of its own or no sub-table, then its
  values in order, then each sub-table after a blank line (no blank line before the first thing
  written);
- an array is written one item per line, indented by 4 spaces, with a trailing comma; an empty
  one is ``[]``;
- integers, floats and dates are ``str()`` of the value, booleans ``true``/``false``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["NotPlain", "dumps", "key", "plain", "value", "write_table"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# What tomli-w escapes in a basic string: '"', '\' and the ASCII control characters but tab.
_ESCAPED = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]')
_ESCAPED_MULTI_LINE = re.compile(r'[\x00-\x08\x0b-\x1f\x7f"\\]')  # a newline stays
_COMPACT = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_ESCAPE_ONE_LINE = {
    ch: _COMPACT.get(ch, f"\\u{ord(ch):04x}")
    for ch in [*map(chr, range(0x20)), "\x7f", '"', "\\"]
    if ch != "\t"
}
_SCALARS = frozenset({str, int, float, bool, dt.date})
_INDENT = "    "


class NotPlain(Exception):
    """The document holds something only tomli-w writes (see the module docstring)."""


def _one_line(s: str) -> str:
    if _ESCAPED.search(s) is None:
        return f'"{s}"'
    return '"' + _ESCAPED.sub(lambda m: _ESCAPE_ONE_LINE[m.group()], s) + '"'


def _string(s: str) -> str:
    """A string value: multi-line when it holds a newline."""
    if "\n" not in s:
        return _one_line(s)
    s = s.replace("\r\n", "\n")
    if _ESCAPED_MULTI_LINE.search(s) is None:
        return f'"""\n{s}"""'
    return '"""\n' + _ESCAPED_MULTI_LINE.sub(lambda m: _ESCAPE_ONE_LINE[m.group()], s) + '"""'


@functools.lru_cache(maxsize=4096)  # keys repeat: field names, record ids
def _key(k: str) -> str:
    return k if _BARE_KEY.fullmatch(k) else _one_line(k)


def key(k: str) -> str:
    """A key as tomli-w writes it: bare when it can be, else a one-line string."""
    return _key(k)


def _scalar(v: Any, t: type) -> str:
    if t is str:
        return _string(v)
    if t is bool:
        return "true" if v else "false"
    return str(v)  # int, float, date


def _array(v: list[Any]) -> str:
    if not v:
        return "[]"
    items = []
    for item in v:
        t = type(item)
        if t not in _SCALARS:
            raise NotPlain  # nested arrays, inline tables, arrays of tables
        items.append(_INDENT + _scalar(item, t))
    return "[\n" + ",\n".join(items) + ",\n]"


def plain(s: str) -> bool:
    """True for a string written as it is between two ``"`` (one line, nothing to escape)."""
    return "\n" not in s and _ESCAPED.search(s) is None


def value(v: Any) -> str:
    """A value that is not a table (a string, number, boolean, date or an array of those), as
    tomli-w writes it; :class:`NotPlain` for anything else."""
    t = type(v)
    if t in _SCALARS:
        return _scalar(v, t)
    if t is list:
        return _array(v)
    raise NotPlain


def write_table(table: dict[str, Any], name: str, out: list[str]) -> None:
    """Append the text of *table*, named *name* (its dotted header, ``""`` for the document),
    to *out*, as tomli-w writes it; :class:`NotPlain` when only tomli-w can."""
    _table(table, name, out)


def _table(table: dict[str, Any], name: str, out: list[str]) -> None:
    lines = []  # this table's own values, written before its sub-tables
    tables = []
    for k, v in table.items():
        if type(k) is not str:
            raise NotPlain
        t = type(v)
        if t is dict:
            tables.append((k, v))
        elif t is str:
            # The most common value, a one-line string with nothing to escape, without a call.
            as_is = "\n" not in v and _ESCAPED.search(v) is None
            lines.append(f'{_key(k)} = "{v}"\n' if as_is else f"{_key(k)} = {_string(v)}\n")
        elif t is list:
            lines.append(f"{_key(k)} = {_array(v)}\n")
        elif t in _SCALARS:
            lines.append(f"{_key(k)} = {_scalar(v, t)}\n")
        else:
            raise NotPlain
    written = bool(lines)
    if name and (lines or not tables):
        out.append(f"[{name}]\n")
        written = True
    out += lines
    for k, v in tables:
        if written:
            out.append("\n")
        written = True
        part = _key(k)
        _table(v, f"{name}.{part}" if name else part, out)


def dumps(doc: dict[str, Any]) -> str:
    """*doc* as TOML, exactly as ``tomli_w.dumps(doc, multiline_strings=True)`` writes it."""
    out: list[str] = []
    try:
        _table(doc, "", out)
    except NotPlain:
        import tomli_w  # only for documents with values kamtui itself never writes

        return tomli_w.dumps(doc, multiline_strings=True)
    return "".join(out)
