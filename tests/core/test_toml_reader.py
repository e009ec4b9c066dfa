"""The TOML reader: compiled tomli where installed, stdlib tomllib otherwise, read alike.

The fallback is tested on a second copy of :mod:`kamtui.plan.toml_reader`, imported while
``tomli`` cannot be imported (or is a pure-Python build), so the module everyone else uses is
never touched.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
import tomllib
import types
from pathlib import Path

import pytest
import tomli_w
from conftest import GOLDEN, SAMPLE, examples
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile_files import BASE, CASES

import kamtui.plan.file as plan_file
from kamtui.plan import toml_reader
from kamtui.plan.file import parse_plan, read_bytes
from kamtui.plan.tomlpos import first_comment, index_keys, split_tomllib_message

tomli_compiled = pytest.mark.skipif(
    toml_reader.READER != "tomli", reason="the compiled tomli is not installed"
)

BROKEN = [
    "a = ",
    'a = "never closed',
    "a = [1,",
    "a = 1\na = 2\n",
    "[x]\n[x]\n",
    "[x]\ny = 1\n[x.y]\n",
    "b = \tthirty\n",
    "a = 1\n\x7f\n",
    "a = '''\x01'''",
    'name "Acme"\n',
    "[account\nname = 1\n",
    "a = 1979-13-01\n",
    "a = 0x\n",
]
"""Broken TOML 1.0, each with its own kind of error message."""

TOML_1_1 = [
    "a = { b = 1, }\n",
    "a = {\n  b = 1\n}\n",
    "a = { b = 1 # note\n}\n",
    'a = "\\e[1m"\n',
    'a = """\\x41"""\n',
    "a = 10:30\n",
    "a = 2026-11-30T10:30\n",
    "a = 2026-11-30 10:30Z\n",
    "a = [\n  # times\n  10:30,\n]\n",
    "a = [10:00:00, 10:30]\n",
    "a = 10:30:60\n",
    "a = 10:300\n",
]
"""Valid only in TOML 1.1 (or broken differently in 1.0), which tomli 2.4+ reads."""

LOOKS_LIKE_1_1 = [
    'note = "call at 10:30, then {agenda}"\n',
    "note = 'C:\\xfiles\\edit'\n",
    'note = "a \\\\e and a \\\\x"\n',
    "at = 10:30:00\n",
    "at = 2026-11-30T10:30:00+01:00\n",
    "when = [10:30:00.5]\n",
]
"""TOML 1.0 with what the quick check takes for 1.1: read by tomllib, the same result."""


def _import_reader(monkeypatch: pytest.MonkeyPatch, tomli: object) -> types.ModuleType:
    """A fresh copy of toml_reader, imported while ``import tomli`` gives *tomli*
    (``None``: not installed)."""
    monkeypatch.setitem(sys.modules, "tomli", tomli)
    assert toml_reader.__file__ is not None
    spec = importlib.util.spec_from_file_location("_toml_reader_copy", toml_reader.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def fallback(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """The reader as it is where tomli is not installed."""
    return _import_reader(monkeypatch, None)


def _read(loads: object, text: str) -> object:
    """The dict, or ``(error class name, message)``."""
    try:
        return loads(text)  # type: ignore[operator]
    except Exception as exc:
        return type(exc).__name__, str(exc)


# -- which reader ---------------------------------------------------------------------------


@tomli_compiled
def test_the_compiled_tomli_is_used_where_it_is_installed():
    import tomli

    assert not tomli.__file__.endswith(".py")
    assert toml_reader._tomli is tomli


def test_without_tomli_the_stdlib_reads(fallback, monkeypatch):
    assert fallback.READER == "tomllib"
    assert fallback._tomli is None
    calls = []
    monkeypatch.setattr(tomllib, "loads", lambda text: calls.append(text) or {"a": 1})
    assert fallback.loads("a = 1") == {"a": 1}
    assert calls == ["a = 1"]


def test_a_pure_python_tomli_is_not_used(monkeypatch):
    """Not faster than tomllib (the same code): the stdlib is then the one reader."""
    fake = types.ModuleType("tomli")
    fake.__file__ = "/site-packages/tomli/__init__.py"
    reader = _import_reader(monkeypatch, fake)
    assert reader.READER == "tomllib"
    assert reader._tomli is None


@tomli_compiled
@pytest.mark.parametrize(
    "path", [*sorted(SAMPLE.glob("*.toml")), GOLDEN / "full-plan.toml"], ids=lambda p: p.stem
)
def test_plans_kamtui_writes_take_the_fast_path(path, monkeypatch):
    def no_stdlib(text: str) -> dict[str, object]:
        raise AssertionError("read by tomllib")

    monkeypatch.setattr(toml_reader, "_stdlib_loads", no_stdlib)
    assert toml_reader.loads(path.read_text(encoding="utf-8"))


@tomli_compiled
@pytest.mark.parametrize("note", ["C:\\export\\x1", "at 10:30", "a, 10:30 call", "{x}"])
def test_a_note_that_only_looks_like_toml_1_1_reads_the_same(note, monkeypatch):
    text = tomli_w.dumps({"note": note, "due": dt.date(2026, 11, 30)})
    expected = tomllib.loads(text)
    assert toml_reader.loads(text) == expected
    if note in ("C:\\export\\x1", "at 10:30"):  # common in notes: no second reading

        def no_stdlib(text: str) -> dict[str, object]:
            raise AssertionError("read by tomllib")

        monkeypatch.setattr(toml_reader, "_stdlib_loads", no_stdlib)
        assert toml_reader.loads(text) == expected


# -- same results -----------------------------------------------------------------------------


def test_the_reader_gives_plain_dicts():
    assert toml_reader.loads('a = 1\n[t]\nb = ["x"]\n') == {"a": 1, "t": {"b": ["x"]}}


@pytest.mark.parametrize(
    "path", [*sorted(SAMPLE.glob("*.toml")), GOLDEN / "full-plan.toml"], ids=lambda p: p.stem
)
def test_both_readers_give_the_same_dict(path, fallback):
    text = path.read_text(encoding="utf-8")
    assert toml_reader.loads(text) == fallback.loads(text) == tomllib.loads(text)


@pytest.mark.parametrize("text", BROKEN)
def test_both_readers_give_the_same_message_and_position(text, fallback):
    with pytest.raises(toml_reader.TOMLDecodeError) as ours:
        toml_reader.loads(text)
    with pytest.raises(fallback.TOMLDecodeError) as theirs:
        fallback.loads(text)
    assert str(ours.value) == str(theirs.value)
    _, line, col = split_tomllib_message(str(ours.value), text)
    assert line is not None and col is not None


@pytest.mark.parametrize("text", TOML_1_1 + LOOKS_LIKE_1_1)
def test_toml_1_1_is_read_as_toml_1_0_is(text):
    """Plans are TOML 1.0: tomli's TOML 1.1 extensions are refused as tomllib refuses them."""
    expected = _read(tomllib.loads, text)
    assert _read(toml_reader.loads, text) == (
        ("TOMLDecodeError", expected[1]) if isinstance(expected, tuple) else expected
    )
    if text in TOML_1_1:
        assert isinstance(expected, tuple)


def test_a_key_of_more_parts_than_tomli_takes_reads_as_before():
    text = "a." * 1200 + "b = 1\n"
    doc = toml_reader.loads(text)
    for _ in range(1200):
        doc = doc["a"]
    assert doc == {"b": 1}


_FRAGMENTS = st.sampled_from(
    [
        "a = ", "b = ", "[t]", "[[t]]", "\n", " ", "\t", "#", ",", "[", "]", "{", "}", "=",
        '"', "'", '"""', "\\", "\\e", "\\x41", "\\u0041", "1", "10:30", ":00", "2026-11-30",
        "T", "Z", "+01:00", ".5", "x", "é", "\r\n",
    ]
)  # fmt: skip


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(_FRAGMENTS, max_size=24).map("".join))
def test_any_text_reads_as_tomllib_reads_it(text):
    expected = _read(tomllib.loads, text)
    got = _read(toml_reader.loads, text)
    if isinstance(expected, tuple):
        assert got == ("TOMLDecodeError", expected[1])
    else:
        assert got == expected


# -- plan files -------------------------------------------------------------------------------


def _problems(data: bytes) -> list[tuple[str, int | None, int | None, bool]]:
    lp = parse_plan(data, Path("acme.toml"))
    return [(p.message, p.line, p.column, p.is_error) for p in lp.problems]


@pytest.fixture
def with_fallback(monkeypatch, fallback):
    """A function that switches ``parse_plan`` to the fallback reader."""

    def use() -> None:
        monkeypatch.setattr(plan_file, "loads", fallback.loads)
        monkeypatch.setattr(plan_file, "TOMLDecodeError", fallback.TOMLDecodeError)

    return use


HOSTILE = {f"hostile-{c.id}": c.data for c in CASES if not c.id.startswith("conflict")}
ODD = HOSTILE | {
    "integer-of-5000-digits": BASE.replace("progress = 40", "progress = " + "9" * 5000).encode(),
    "arrays-nested-1000-deep": (BASE + "deep = " + "[" * 1000 + "]" * 1000 + "\n").encode(),
    "tables-nested-1000-deep": (BASE + "deep = " + "{a=" * 1000 + "1" + "}" * 1000).encode(),
    "nested-50-deep": (BASE + "deep = " + "[" * 50 + "]" * 50 + "\n").encode(),
    "defined-twice": BASE.replace("rating = 4", "rating = 4\nrating = 5").encode(),
    "table-twice": (BASE + "[account]\n").encode(),
    "trailing-comma-inline-table": (BASE + "extra = { a = 1, }\n").encode(),
    "time-without-seconds": (BASE + "at = 10:30\n").encode(),
}


@pytest.mark.parametrize("data", ODD.values(), ids=ODD.keys())
def test_plan_files_read_with_either_reader_give_the_same_problems(data, with_fallback):
    ours = _problems(data)
    with_fallback()
    assert _problems(data) == ours


def test_absurd_nesting_is_still_a_problem_worded_as_before(with_fallback):
    data = (BASE + "deep = " + "[" * 1000 + "]" * 1000 + "\n").encode()
    line = BASE.count("\n") + 1  # where the 101st level opens (tests/core/test_messages.py)
    expected = [("nested too deeply (more than 100 levels)", line, 108, True)]
    assert _problems(data) == expected
    with_fallback()
    assert _problems(data) == expected


# -- reading the bytes ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 9_000, 65_536, 200_001])
def test_read_bytes_reads_what_path_read_bytes_reads(tmp_path, size):
    path = tmp_path / "plan.toml"
    path.write_bytes(bytes(i % 251 for i in range(size)))
    assert read_bytes(path) == path.read_bytes()


def test_read_bytes_fails_as_path_read_bytes_fails(tmp_path):
    for path in (tmp_path / "missing.toml", tmp_path):
        with pytest.raises(OSError) as ours:
            read_bytes(path)
        with pytest.raises(OSError) as theirs:
            path.read_bytes()
        assert ours.value.errno == theirs.value.errno
        assert ours.value.strerror == theirs.value.strerror


# -- comments, found without the lexer ----------------------------------------------------------

_no_cr = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")
_text_with_hashes = st.lists(
    st.text(_no_cr, max_size=4) | st.sampled_from(['"""', "'''", "#", "\\", '"', "'", "\n# x\n"]),
    max_size=5,
).map("".join)
_plan_like = st.dictionaries(
    st.text(st.sampled_from(list("ab#'\" .")), min_size=1, max_size=4),
    _text_with_hashes | st.lists(_text_with_hashes, max_size=2) | st.integers(),
    max_size=4,
)


@settings(max_examples=examples(300), deadline=None)
@given(_plan_like, st.integers(0, 40), st.sampled_from(["# c", "  # c", " #"]), st.booleans())
def test_the_first_comment_is_where_the_lexer_finds_it(doc, at, comment, same_line):
    """tomli-w's text with a comment put somewhere: found exactly where the lexer finds it, and
    not at all when it landed inside a multi-line string."""
    lines = tomli_w.dumps({"t": doc}, multiline_strings=True).split("\n")
    at %= len(lines)
    if same_line:
        lines[at] += comment
    else:
        lines.insert(at, comment.strip())
    text = "\n".join(lines)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # a comment after a line that continues (inside an array): not TOML
    expected = index_keys(text).comments
    assert first_comment(text) == (expected[0] if expected else None)


def test_first_comment_on_the_lexers_own_examples():
    text = (
        'a = "x # no"  # yes\n'
        "b = 'C:\\path\\' # literal strings have no escapes\n"
        'c = "q\\"#no" # after escaped quote\n'
        '"#key" = 1\n'
        'd = """\n# inside\n"""\n'
        "e = '''#'''''\n"
        'f = """\\"""#""""\n'
        "    # indented\n"
    )
    tomllib.loads(text)
    assert first_comment(text) == (1, 15)
    for line, col in index_keys(text).comments:
        rest = "\n".join(text.split("\n")[line - 1 :])
        rest = " " * (col - 1) + rest[col - 1 :]
        assert first_comment(rest) == (1, col)


def test_a_hash_in_a_note_is_no_comment_and_costs_no_lexer(monkeypatch):
    text = BASE.replace('title = "Call"', 'title = "Call about PO #4411"')
    assert "#4411" in text

    def no_lexer(text: str) -> None:
        raise AssertionError("the lexer ran")

    monkeypatch.setattr(plan_file, "index_keys", no_lexer)
    lp = parse_plan(text.encode(), Path("acme.toml"))
    assert lp.problems == [] and not lp.has_comments
