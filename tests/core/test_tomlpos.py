"""The position lexer: where keys, headers, values and comments are, and what is defined twice."""

from __future__ import annotations

import sys
import tomllib
from typing import Any

import pytest
import tomli_w
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from kamtui.plan import tomlpos
from kamtui.plan.tomlpos import (
    KeyIndex,
    find_conflict_markers,
    first_duplicate,
    index_keys,
    split_tomllib_message,
)

# -- split_tomllib_message ---------------------------------------------------------------------


def test_message_with_a_position():
    assert split_tomllib_message("Invalid value (at line 2, column 9)", "") == (
        "Invalid value",
        2,
        9,
    )


def test_message_with_a_big_position_and_trailing_space():
    assert split_tomllib_message("Oops (at line 120, column 33)  ", "") == ("Oops", 120, 33)


def test_message_at_end_of_document_points_after_the_last_character():
    text = 'a = 1\nb = "unterminated'
    assert split_tomllib_message("Unterminated string (at end of document)", text) == (
        "Unterminated string",
        2,
        18,
    )


def test_message_at_end_of_document_after_a_final_newline():
    text = 'a = """x\n'
    assert split_tomllib_message("Unterminated string (at end of document)", text) == (
        "Unterminated string",
        2,
        1,
    )


def test_message_without_a_position_is_kept_whole():
    assert split_tomllib_message("Something odd", "a = 1") == ("Something odd", None, None)


def test_position_inside_the_message_is_not_taken():
    msg = "Bad key '(at line 9, column 9)' here"
    assert split_tomllib_message(msg, "") == (msg, None, None)


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("a = 1\nb = ?\n", 2, 5),
        ("[table\nx = 1\n", 1, 7),
        ('a = "x\n', 1, 7),
        ("a = 1\na = 2\n", 2, 6),
        ('a = "x', 1, 7),
        ("a = [1,\n2,\n", 3, 1),
        ("x = 1\n\n\n   y = 2 z\n", 4, 10),
    ],
    ids=["bad-value", "header", "newline-in-string", "duplicate", "eof", "eof-array", "junk"],
)
def test_real_tomllib_errors_are_split_into_line_and_column(text, line, col):
    with pytest.raises(tomllib.TOMLDecodeError) as info:
        tomllib.loads(text)
    message, got_line, got_col = split_tomllib_message(str(info.value), text)
    assert (got_line, got_col) == (line, col)
    assert "(at " not in message
    assert message


# -- find_conflict_markers ---------------------------------------------------------------------


def test_conflict_markers_plain_and_diff3():
    text = "a = 1\n<<<<<<< HEAD\nb = 1\n||||||| base\nb = 0\n=======\nb = 2\n>>>>>>> topic\n"
    assert find_conflict_markers(text) == [
        (2, "<<<<<<<"),
        (4, "|||||||"),
        (6, "======="),
        (8, ">>>>>>>"),
    ]


def test_conflict_markers_inside_a_multi_line_string_are_found():
    text = 'x = """\n<<<<<<< ours\none\n=======\ntwo\n>>>>>>> theirs\n"""\n'
    assert [line for line, _ in find_conflict_markers(text)] == [2, 4, 6]


def test_conflict_marker_with_a_tab_before_its_label():
    assert find_conflict_markers("<<<<<<<\tHEAD\n") == [(1, "<<<<<<<")]


@pytest.mark.parametrize(
    "text",
    [
        "",
        'a = "<<<<<<< not at line start"\n',
        " <<<<<<< indented\n",
        "<<<<<<<< eight\n",
        "========\n",
        "=======x\n",
        "a = 1 # =======\n",
        ">>>>>>>>\n",
        "||||||\n",
    ],
    ids=[
        "empty",
        "mid-line",
        "indented",
        "eight-lt",
        "eight-eq",
        "eq-then-text",
        "comment",
        "gt8",
        "6",
    ],
)
def test_lines_that_are_not_conflict_markers(text):
    assert find_conflict_markers(text) == []


# -- index_keys: positions ---------------------------------------------------------------------


DOC = """\
schema = 1

[account]
name = "Acme"
"quoted key" = 1
'literal.key' = 2
a.b.c = 3
  spaced . out = 4
"" = 5

[where_am_i.buying_centre."ann-b"]
name = 'Ann'

[ x . "y z" ]
k=1
"""


def test_bare_key_and_its_value():
    index = index_keys(DOC)
    assert index.positions[("schema",)] == (1, 1)
    assert index.values[("schema",)] == (1, 10)
    assert index.positions[("account", "name")] == (4, 1)
    assert index.values[("account", "name")] == (4, 8)


def test_table_header_position_is_its_first_key_character():
    index = index_keys(DOC)
    assert index.positions[("account",)] == (3, 2)
    assert index.positions[("where_am_i", "buying_centre", "ann-b")] == (11, 2)
    assert index.positions[("x", "y z")] == (14, 2)
    # Ancestors of a header get its position when they have none of their own.
    assert index.positions[("where_am_i",)] == (11, 2)
    assert index.positions[("where_am_i", "buying_centre")] == (11, 2)


def test_quoted_and_dotted_keys():
    index = index_keys(DOC)
    assert index.positions[("account", "quoted key")] == (5, 1)
    assert index.positions[("account", "literal.key")] == (6, 1)
    assert ("account", "literal", "key") not in index.positions
    assert index.positions[("account", "a", "b", "c")] == (7, 1)
    assert index.positions[("account", "a")] == (7, 1)
    assert index.values[("account", "a", "b", "c")] == (7, 9)
    assert index.positions[("account", "spaced", "out")] == (8, 3)
    assert index.values[("account", "spaced", "out")] == (8, 18)
    assert index.positions[("account", "")] == (9, 1)
    assert index.positions[("where_am_i", "buying_centre", "ann-b", "name")] == (12, 1)
    assert index.positions[("x", "y z", "k")] == (15, 1)
    assert index.values[("x", "y z", "k")] == (15, 3)


def test_escaped_quote_in_a_quoted_key():
    index = index_keys('"say \\"hi\\"" = 1\nnext = 2\n')
    assert index.positions[('say "hi"',)] == (1, 1)
    assert index.positions[("next",)] == (2, 1)


def test_the_index_matches_what_tomllib_reads():
    index = index_keys(DOC)
    doc = tomllib.loads(DOC)
    assert doc["account"]["a"]["b"]["c"] == 3
    leaf_keys = {k for k in index.values}
    assert ("account", "a", "b", "c") in leaf_keys
    assert index.duplicates == []
    assert index.comments == []


def test_multi_line_strings_are_skipped():
    text = (
        "a = \"\"\"\nfake = 1\n[fake]\n# not a comment\n\"\"\"\nb = 2\nc = '''\nx = 1\n'''\nd = 3\n"
    )
    index = index_keys(text)
    assert set(index.positions) == {("a",), ("b",), ("c",), ("d",)}
    assert index.positions[("b",)] == (6, 1)
    assert index.positions[("d",)] == (10, 1)
    assert index.comments == []


def test_multi_line_string_ending_in_extra_quotes():
    # """a"""" is the string 'a"': the closing delimiter may be preceded by up to two quotes.
    text = 'a = """x""""\nb = 1\nc = """y"""""\nd = 2\n'
    assert tomllib.loads(text) == {"a": 'x"', "b": 1, "c": 'y""', "d": 2}
    index = index_keys(text)
    assert index.positions[("b",)] == (2, 1)
    assert index.positions[("d",)] == (4, 1)


def test_escaped_quotes_inside_a_multi_line_string():
    text = 'a = """one \\""" still inside\n[fake]\n"""\nb = 1\n'
    assert tomllib.loads(text)["b"] == 1
    index = index_keys(text)
    assert ("fake",) not in index.positions
    assert index.positions[("b",)] == (4, 1)


def test_multi_line_arrays_and_inline_tables_are_skipped():
    text = (
        "arr = [\n"
        '  "a",\n'
        '  "b = 1",\n'
        "  [1, [2, 3]],\n"
        "  { k = 1 },\n"
        "]\n"
        "t = { a = 1, b = { c = [1, 2] } }\n"
        "z = 1\n"
    )
    index = index_keys(text)
    assert set(index.positions) == {("arr",), ("t",), ("z",)}
    assert index.positions[("z",)] == (8, 1)


def test_positions_count_characters_not_bytes():
    text = '"società" = 1\n["sé"]\n"ключ" = "значение"\nx = 1\n'
    assert tomllib.loads(text)["sé"]["x"] == 1
    index = index_keys(text)
    assert index.values[("società",)] == (1, 13)
    assert index.values[("sé", "ключ")] == (3, 10)


def test_crlf_text():
    index = index_keys("a = 1\r\n[t]\r\nb = 2\r\n")
    assert index.positions[("t", "b")] == (3, 1)
    assert index.values[("t", "b")] == (3, 5)


# -- comments ----------------------------------------------------------------------------------


def test_comments_are_found_outside_strings_only():
    text = (
        "# top\n"
        'a = "x # no"  # yes\n'
        "b = 'C:\\path\\' # literal strings have no escapes\n"
        'c = "q\\"#no" # after escaped quote\n'
        '"#key" = 1\n'
        "arr = [\n"
        "  1, # in array\n"
        "]\n"
        "    # indented\n"
        'd = """\n# inside\n"""\n'
    )
    tomllib.loads(text)
    assert index_keys(text).comments == [(1, 1), (2, 15), (3, 16), (4, 14), (7, 6), (9, 5)]


def test_no_comments_in_text_written_by_tomli_w():
    doc = {"a": "x # y", "b": ["#", "a\n# b"], "#c": {"d#": 1}}
    assert index_keys(tomli_w.dumps(doc, multiline_strings=True)).comments == []


# -- duplicates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "pos"),
    [
        ("a = 1\na = 2\n", ("a",), (2, 1)),
        ("[t]\nx = 1\n[t]\n", ("t",), (3, 2)),
        ("[t]\nx = 1\nx = 2\n", ("t", "x"), (3, 1)),
        ("t = 1\n[t]\n", ("t",), (2, 2)),
        ("[t]\n[u]\n[t]\n", ("t",), (3, 2)),
        ('"a" = 1\na = 2\n', ("a",), (2, 1)),
        ("a.b = 1\na.b = 2\n", ("a", "b"), (2, 1)),
        ("[t]\na = 1\n[t.sub]\n[t]\n", ("t",), (4, 2)),
    ],
    ids=[
        "key",
        "table",
        "key-in-table",
        "key-then-table",
        "table-later",
        "quoted-same",
        "dotted",
        "after-sub",
    ],
)
def test_duplicates_are_detected_where_they_are_redefined(text, path, pos):
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(text)
    index = index_keys(text)
    assert index.duplicates[0] == (path, pos)


@pytest.mark.parametrize(
    "text",
    [
        "a = 1\nb = 2\n",
        "[t]\nx = 1\n[u]\nx = 1\n",
        "[t.sub]\nx = 1\n[t]\ny = 1\n",
        "[[arr]]\n[[arr]]\n",
        'a = """\na = 1\n"""\n',
    ],
    ids=["different-keys", "same-key-other-table", "super-table-later", "array-tables", "string"],
)
def test_valid_documents_have_no_duplicates(text):
    tomllib.loads(text)
    assert index_keys(text).duplicates == []


def test_keys_in_different_array_of_tables_elements_are_not_duplicates():
    text = '[[history]]\nwhat = "a"\n[[history]]\nwhat = "b"\n'
    tomllib.loads(text)
    assert index_keys(text).duplicates == []


# -- locate ------------------------------------------------------------------------------------


def test_locate_prefers_the_value_then_the_key_then_the_nearest_ancestor():
    index = index_keys("[t]\nx = 1\n[t.sub]\n")
    assert index.locate(("t", "x"), value=True) == (2, 5)
    assert index.locate(("t", "x")) == (2, 1)
    assert index.locate(("t", "x", "deeper")) == (2, 1)
    assert index.locate(("t", "missing")) == (1, 2)
    assert index.locate(("t", "sub", "y"), value=True) == (3, 2)
    assert index.locate(("nowhere",)) is None
    assert index.locate(()) is None


def test_empty_index():
    assert index_keys("") == KeyIndex()
    assert index_keys("\n\n   \n") == KeyIndex()


# -- robustness --------------------------------------------------------------------------------


@settings(max_examples=examples(300), deadline=None)
@given(
    st.text(st.sampled_from(list("[]{}=\"'#\\.\n\r\t abc1,")), max_size=60) | st.text(max_size=40)
)
def test_the_lexer_never_fails_on_garbage(text):
    index = index_keys(text)
    find_conflict_markers(text)
    for line, col in [*index.positions.values(), *index.values.values(), *index.comments]:
        assert 1 <= line <= text.count("\n") + 1
        assert col >= 1


_key_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(list("\"'#.[]= \\")),
    max_size=6,
)
# No CR: tomli-w writes "\r\n" in a multi-line string as a bare newline (read back as "\n").
_no_cr = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")
_TRICKY = ['"""', "'''", "\n[x]\n", "#", "\\", '"', "\nk = 1\n"]
_leaf = (
    st.integers()
    | st.booleans()
    | st.lists(
        st.text(_no_cr, max_size=4) | st.sampled_from(_TRICKY),
        max_size=4,
    ).map("".join)
    | st.lists(st.integers() | st.text(_no_cr, max_size=4), max_size=3)
)
_docs = st.recursive(
    st.dictionaries(_key_text, _leaf, max_size=3),
    lambda inner: st.dictionaries(_key_text, inner | _leaf, max_size=3),
    max_leaves=8,
)


def _paths(doc: dict[str, Any], prefix: tuple[str, ...] = ()) -> Any:
    for k, v in doc.items():
        yield prefix + (k,), v
        if isinstance(v, dict):
            yield from _paths(v, prefix + (k,))


@settings(max_examples=examples(200), deadline=None)
@given(_docs)
def test_every_key_written_by_tomli_w_is_found_and_nothing_else(doc):
    text = tomli_w.dumps(doc, multiline_strings=True)
    assert tomllib.loads(text) == doc
    index = index_keys(text)
    real = dict(_paths(doc))
    leaves = {p for p, v in real.items() if not isinstance(v, dict)}
    assert set(index.positions) <= set(real)
    assert leaves <= set(index.values)
    assert index.duplicates == []
    assert index.comments == []
    lines = text.split("\n")
    for path in leaves:
        line, col = index.values[path]
        value = real[path]
        if isinstance(value, bool):
            assert lines[line - 1][col - 1 :].startswith(str(value).lower())
        elif isinstance(value, int):
            assert lines[line - 1][col - 1 :].startswith(str(value))


# -- work grows linearly with the text (no timing: Python steps counted) -----------------------


def _steps(func: Any, *args: Any) -> int:
    """The Python lines *func* runs inside kamtui/plan/tomlpos.py (comprehensions included).

    A deterministic measure of the lexer's work: the character scanning it leaves to ``re`` and
    ``str`` methods is not counted, and each such call covers a bounded stretch of the text.
    """
    steps = 0
    target = tomlpos.__file__

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        nonlocal steps
        if frame.f_code.co_filename != target:
            return None
        if event == "line":
            steps += 1
        return tracer

    sys.settrace(tracer)
    try:
        func(*args)
    finally:
        sys.settrace(None)
    return steps


def _plan_like(n: int) -> str:
    """*n* action tables the way kamtui writes them, a comment and a multi-line note here and
    there, and a key written twice at the end."""
    parts = ['# a plan\nschema = 1\n\n[account]\nname = "Acme"\n']
    for i in range(n):
        parts.append(
            f'\n[how_to_get_there.actions.action-{i}]\ntitle = "Call #{i}"\nstatus = "todo"\n'
            f"progress = {i % 100}\ndue = 2026-12-01\n"
        )
        if i % 10 == 0:
            parts.append(f'notes = """\nline one\n[fake]\nx = 1\n"""\n# comment {i}\n')
    parts.append("progress = 5\n")
    return "".join(parts)


_SHAPES = {
    "plan": _plan_like,
    # Each [[a]] forgets the keys of the previous element: not by looking at every key so far.
    "array-tables-after-many-keys": lambda n: (
        "".join(f"k{i} = 1\n" for i in range(n)) + "[[a]]\nb = 1\n" * n
    ),
    "one-key-many-times": lambda n: "a = 1\n" * n,
    "many-tables": lambda n: "".join(f"[t{i}]\nx = 1\n" for i in range(n)),
    "comments-and-arrays": lambda n: "arr = [ # c\n  1, 'x', \"y\",\n] # d\n" * n,
    "dotted-quoted-keys": lambda n: "".join(f'a.b."c{i}" = {i} # c\n' for i in range(n)),
}


@pytest.mark.parametrize("shape", list(_SHAPES))
def test_index_keys_work_grows_linearly(shape):
    make = _SHAPES[shape]
    small, big = _steps(index_keys, make(500)), _steps(index_keys, make(2000))
    assert big <= 4 * small * 1.2 + 200, (shape, small, big)


def test_first_duplicate_work_grows_linearly():
    small = _steps(first_duplicate, _plan_like(500))
    big = _steps(first_duplicate, _plan_like(2000))
    assert big <= 4 * small * 1.2 + 200, (small, big)


def test_simple_lines_are_read_in_bulk():
    # kamtui writes plans as runs of one-line `key = value` under table headers: the lexer reads
    # a run with regular expressions, not line by line (a 50 MB plan is 2 million lines).
    one_table = "".join(f'k{i} = "v{i}"\n' for i in range(10_000))
    assert _steps(index_keys, one_table) < 100
    assert _steps(first_duplicate, one_table) < 100
    plan = _plan_like(2000)  # 2,000 tables of 4 to 9 lines (before: over 1,000 steps a table)
    tables = plan.count("\n[")
    assert _steps(index_keys, plan) < 200 * tables
    assert _steps(first_duplicate, plan) < 200 * tables


def test_first_duplicate_says_where_a_key_is_defined_twice_and_where_first():
    text = _plan_like(300)
    assert tomllib.loads(text.rpartition("progress = 5\n")[0])
    path, (line, col), first = first_duplicate(text)
    assert path == ("how_to_get_there", "actions", "action-299", "progress")
    lines = text.split("\n")
    assert (line, col) == (len(lines) - 1, 1)
    assert lines[first[0] - 1].startswith("progress = 99")
    assert first == index_keys(text).positions[path]
    assert first_duplicate("a = 1\nb = 2\n") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = 1\nb = 2\na = 3\n", (("a",), (3, 1), (1, 1))),
        ("[t]\nx = 1\n[t]\n", (("t",), (3, 2), (1, 2))),
        ("[t]\nx = 1\n[t.x]\n", (("t", "x"), (3, 2), (2, 1))),
        ('[t]\nx = 1\n"x" = 2 # c\n', (("t", "x"), (3, 1), (2, 1))),
        ("[t.x]\n[t]\nx = 1\n", (("t", "x"), (3, 1), (1, 2))),
    ],
    ids=["key", "table", "key-then-table", "bulk-then-slow", "table-then-key"],
)
def test_first_duplicate_agrees_with_index_keys(text, expected):
    assert first_duplicate(text) == expected
    index = index_keys(text)
    path, pos, first = expected
    assert index.duplicates[0] == (path, pos)
    assert index.positions[path] == first


def test_first_definition_of_a_key_in_an_array_element_is_in_that_element():
    text = "a = 1\n[[arr]]\nb = 1\n[[arr]]\nb = 2\nb = 3 # again\n"
    assert first_duplicate(text) == (("arr", "b"), (6, 1), (5, 1))
    assert first_duplicate(text.replace(" # again", "")) == (("arr", "b"), (6, 1), (5, 1))


def test_sub_tables_of_different_array_elements_are_not_duplicates():
    text = "[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2\n"
    tomllib.loads(text)
    assert index_keys(text).duplicates == []
    assert first_duplicate(text) is None


def test_many_conflict_markers_are_all_found():
    text = "<<<<<<< ours\na = 1\n=======\na = 2\n>>>>>>> theirs\n" * 5000
    found = find_conflict_markers(text)
    assert len(found) == 15000
    assert found[-1] == (25000, ">>>>>>>")


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["[a]\n", "[b]\n", "[a.b]\n", "a = 1\n", "b = 'x'\n", "\n", "# c\n", "b.x = 1\n"]
            + ['x = """\n[a]\n"""\n', "y = [\n1,\n]\n", "[c]\nd = 1\ne = 2\n", "[[t]]\nd = 1\n"]
        ),
        max_size=25,
    ).map("".join)
)
def test_first_duplicate_given_the_readers_line_says_the_same(text):
    # The TOML reader read everything before the line of its "Cannot overwrite" or "Cannot
    # declare" without complaint: that part is noted, not checked again, and nothing changes.
    try:
        tomllib.loads(text)
        return
    except tomllib.TOMLDecodeError as exc:
        message, line, _ = split_tomllib_message(str(exc), text)
    if message.startswith(("Cannot overwrite", "Cannot declare")):
        assert first_duplicate(text, line) == first_duplicate(text)
