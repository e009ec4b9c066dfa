"""Broken, hostile and odd plan files: a clear ``PATH:LINE:COL`` message, no crash, no write."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from kamtui.plan.codec import dumps_plan
from kamtui.plan.diagnostics import Severity
from kamtui.plan.file import parse_plan, read_plan
from kamtui.plan.model import AccountPlan, new_plan

# A small valid plan. Line numbers used below:
#  1 schema = 1
#  3 [account]
#  4 name = "Acme"
#  5 customer_ids = ["C1", "C2"]
#  6 review_every_days = 30
#  8 [where_am_i.accessibility.technical]
#  9 rating = 4
# 11 [where_am_i.competitors.rival]
# 12 name = "Rival"
# 13 share_of_wallet = 40
# 15 [where_to_go.objectives.grow]
# 16 title = "Grow"
# 17 target = 35
# 18 due = 2027-06-30
# 20 [where_to_go.objectives.grow.checkins]
# 21 2026-10-31 = 20
# 23 [how_to_get_there.actions.call]
# 24 title = "Call"
# 25 objective = "grow"
# 26 status = "todo"
# 27 progress = 40
BASE = """\
schema = 1

[account]
name = "Acme"
customer_ids = ["C1", "C2"]
review_every_days = 30

[where_am_i.accessibility.technical]
rating = 4

[where_am_i.competitors.rival]
name = "Rival"
share_of_wallet = 40

[where_to_go.objectives.grow]
title = "Grow"
target = 35
due = 2027-06-30

[where_to_go.objectives.grow.checkins]
2026-10-31 = 20

[how_to_get_there.actions.call]
title = "Call"
objective = "grow"
status = "todo"
progress = 40
"""


def sub(old: str, new: str | bytes, text: str = BASE) -> bytes:
    """*text* with the one occurrence of *old* replaced by *new*, as bytes."""
    assert text.count(old) == 1, old
    data = text.encode()
    return data.replace(old.encode(), new if isinstance(new, bytes) else new.encode())


@dataclass(frozen=True)
class Case:
    id: str
    data: bytes
    fragment: str
    line: int
    col: int | None = None
    error: bool = True
    filename: str = "acme.toml"


CONFLICT = """\
schema = 1

[account]
<<<<<<< HEAD
name = "Acme"
=======
name = "ACME Corp"
>>>>>>> theirs
"""
CONFLICT_IN_STRING = """\
schema = 1

[account]
name = "Acme"

[where_am_i]
business = \"\"\"
<<<<<<< HEAD
Three plants.
=======
Four plants.
>>>>>>> theirs
\"\"\"
"""
DIFF3_CONFLICT = CONFLICT.replace("=======\n", "||||||| base\nname = 'A'\n=======\n")

CASES = [
    # -- malformed TOML ---------------------------------------------------------------------
    Case("missing-quote", sub('"Acme"', '"Acme'), "invalid TOML", 4, 13),
    Case("bad-value", sub("= 30", "= thirty"), "invalid value", 6, 21),
    Case("unclosed-header", sub("[account]", "[account"), "expected ']'", 3, 9),
    Case("missing-equals", sub('name = "Acme"', 'name "Acme"'), "expected '='", 4, 6),
    Case("unclosed-array", sub('"C2"]', '"C2"'), "invalid TOML", 6, None),
    Case(
        "unterminated-multiline-at-end",
        (BASE + 'notes = """never closed\n').encode(),
        "unterminated string",
        29,
        1,
    ),
    Case("bare-word-line", sub("rating = 4", "rating = 4\nfour stars"), "invalid TOML", 10, None),
    # -- git merge conflicts ------------------------------------------------------------------
    Case("conflict-markers", CONFLICT.encode(), "unresolved git merge conflict", 4, 1),
    Case("conflict-separator", CONFLICT.encode(), "'=======' marker", 6, 1),
    Case("conflict-end", CONFLICT.encode(), "'>>>>>>>' marker", 8, 1),
    Case("conflict-diff3-base", DIFF3_CONFLICT.encode(), "'|||||||' marker", 6, 1),
    Case(
        "conflict-inside-multiline-string",
        CONFLICT_IN_STRING.encode(),
        "unresolved git merge conflict",
        8,
        1,
    ),
    Case("conflict-inside-string-end", CONFLICT_IN_STRING.encode(), "'>>>>>>>' marker", 12, 1),
    # -- encoding and bytes -------------------------------------------------------------------
    Case("bom", b"\xef\xbb\xbf" + BASE.encode(), "byte-order mark", 1, 1, error=False),
    Case("invalid-utf8", sub('"Acme"', b'"Acm\xff"'), "0xFF", 4, 12),
    Case(
        "invalid-utf8-after-accents",
        sub('"Acme"', '"Società '.encode() + b'\xc3("'),
        "not valid UTF-8",
        4,
        17,
    ),
    Case("latin-1-file", sub('"Acme"', b'"Caf\xe9"'), "UTF-8", 4, 12),
    Case("nul-byte", sub('"Acme"', '"Ac\x00me"'), "NUL bytes", 4, 11),
    Case("utf16-file", BASE.encode("utf-16"), "UTF-16", 1, 1),
    Case("empty-file", b"", "the file is empty", 1, 1),
    Case("whitespace-only", b"  \n\t\n\n", "the file is empty", 1, 1),
    # -- wrong types --------------------------------------------------------------------------
    Case("string-for-int", sub("= 30", '= "30"'), "must be a whole number, not a string", 6, 21),
    Case("string-for-number", sub("target = 35", 'target = "35"'), "must be a number", 17, 10),
    Case(
        "number-for-string",
        sub('name = "Acme"', "name = 42"),
        "must be a string, not an integer",
        4,
        8,
    ),
    Case("quoted-date", sub("due = 2027-06-30", 'due = "2027-06-30"'), "without quotes", 18, 7),
    Case(
        "datetime-for-date",
        sub("due = 2027-06-30", "due = 2027-06-30T10:00:00"),
        "not a date-time",
        18,
        7,
    ),
    Case(
        "aware-datetime-for-date",
        sub("2027-06-30", "2027-06-30T10:00:00+02:00"),
        "date-time",
        18,
        7,
    ),
    Case("time-for-date", sub("due = 2027-06-30", "due = 10:00:00"), "not a time", 18, 7),
    Case(
        "bool-for-int",
        sub("progress = 40", "progress = true"),
        "whole number, not a boolean",
        27,
        12,
    ),
    Case(
        "float-for-int", sub("progress = 40", "progress = 40.0"), "must be a whole number", 27, 12
    ),
    Case("bool-for-number", sub("target = 35", "target = false"), "not a boolean", 17, 10),
    Case("string-for-list", sub('["C1", "C2"]', '"C1"'), "must be an array of strings", 5, 16),
    Case("number-in-list", sub('["C1", "C2"]', '["C1", 2]'), "array of strings", 5, 16),
    Case(
        "record-not-a-table",
        sub("[where_am_i.competitors.rival]\n", "[where_am_i]\ncompetitors = 3\n"),
        "table of records",
        12,
        15,
    ),
    Case(
        "checkin-value-string",
        sub("2026-10-31 = 20", '2026-10-31 = "20"'),
        "must be a number",
        21,
        14,
    ),
    Case(
        "section-not-a-table",
        b'schema = 1\nwhere_am_i = "here"\n[account]\nname = "Acme"\n',
        "'where_am_i' must be a table, not a string",
        2,
        14,
    ),
    Case(
        "section-key-then-its-sub-table",
        sub("schema = 1\n", 'schema = 1\nwhere_to_go = "far"\n'),
        "defined twice",
        16,
    ),
    # -- out of range -------------------------------------------------------------------------
    Case(
        "progress-150", sub("progress = 40", "progress = 150"), "between 0 and 100, not 150", 27, 12
    ),
    Case("progress-negative", sub("progress = 40", "progress = -1"), "between 0 and 100", 27, 12),
    Case("rating-0", sub("rating = 4", "rating = 0"), "between 1 and 5, not 0", 9, 10),
    Case("rating-6", sub("rating = 4", "rating = 6"), "between 1 and 5", 9, 10),
    Case(
        "share-120",
        sub("share_of_wallet = 40", "share_of_wallet = 120"),
        "between 0 and 100, not 120",
        13,
        19,
    ),
    Case("share-nan", sub("share_of_wallet = 40", "share_of_wallet = nan"), "finite", 13, 19),
    Case("target-inf", sub("target = 35", "target = inf"), "must be a finite number", 17, 10),
    Case("target-minus-inf", sub("target = 35", "target = -inf"), "finite", 17, 10),
    Case("checkin-nan", sub("2026-10-31 = 20", "2026-10-31 = nan"), "finite", 21, 14),
    Case("review-every-0-days", sub("= 30", "= 0"), "between 1 and 3660", 6, 21),
    # -- unknown enum values ------------------------------------------------------------------
    Case(
        "unknown-status",
        sub('status = "todo"', 'status = "finished"'),
        "unknown value 'finished' for 'status'; expected one of: "
        "todo, in-progress, done, blocked, dropped",
        26,
        10,
    ),
    Case(
        "unknown-segment",
        sub('name = "Acme"', 'name = "Acme"\nsegment = "D"'),
        "expected one of: A, B, C",
        5,
        11,
    ),
    Case(
        "enum-wrong-case", sub('status = "todo"', 'status = "TODO"'), "unknown value 'TODO'", 26, 10
    ),
    Case(
        "enum-not-a-string",
        sub('status = "todo"', "status = 1"),
        "unknown value an integer for 'status'",
        26,
        10,
    ),
    # -- duplicates ---------------------------------------------------------------------------
    Case(
        "duplicate-key",
        sub("review_every_days = 30", 'review_every_days = 30\nname = "B"'),
        "'account.name' is defined twice (first defined at line 4)",
        7,
        1,
    ),
    Case(
        "duplicate-table",
        (BASE + "\n[account]\n").encode(),
        "'account' is defined twice (first defined at line 3)",
        29,
    ),
    Case(
        "duplicate-record",
        (BASE + '\n[how_to_get_there.actions.call]\ntitle = "Again"\n').encode(),
        "'how_to_get_there.actions.call' is defined twice",
        29,
    ),
    Case(
        "duplicate-checkin",
        sub("2026-10-31 = 20", "2026-10-31 = 20\n2026-10-31 = 21"),
        "defined twice (first defined at line 21)",
        22,
        1,
    ),
    Case(
        "key-then-table",
        sub("rating = 4", "rating = 4\n\n[where_am_i.accessibility.technical.rating]"),
        "defined twice",
        11,
    ),
    # -- ids, references ----------------------------------------------------------------------
    Case(
        "record-id-not-a-slug",
        sub("actions.call]", "actions.Call_CFO]"),
        "record id 'Call_CFO' is not valid",
        23,
        None,
    ),
    Case(
        "record-id-path",
        sub("competitors.rival]", 'competitors."../../etc"]'),
        "record id '../../etc' is not valid",
        11,
        None,
    ),
    Case(
        "record-id-reserved",
        sub("competitors.rival]", "competitors.con]"),
        "record id 'con' is not valid",
        11,
        None,
    ),
    Case(
        "checkin-key-not-a-date",
        sub("2026-10-31 = 20", '"last week" = 20'),
        "check-in key 'last week' is not a date",
        21,
    ),
    Case(
        "checkin-key-bad-month",
        sub("2026-10-31 = 20", '"2026-13-01" = 20'),
        "check-in key '2026-13-01'",
        21,
    ),
    Case(
        "unknown-objective",
        sub('objective = "grow"', 'objective = "shrink"'),
        "points to unknown objective 'shrink' (objectives: grow)",
        25,
        13,
    ),
    Case(
        "duplicate-customer-id",
        sub('["C1", "C2"]', '["C1", "C2", "C1"]'),
        "customer id 'C1' is listed twice",
        5,
        16,
    ),
    # -- schema -------------------------------------------------------------------------------
    Case("future-schema", sub("schema = 1", "schema = 2"), "written by a newer kamtui", 1, 10),
    Case(
        "schema-string", sub("schema = 1", 'schema = "1"'), "'schema' must be a whole number", 1, 10
    ),
    Case(
        "schema-float", sub("schema = 1", "schema = 1.0"), "'schema' must be a whole number", 1, 10
    ),
    Case("schema-zero", sub("schema = 1", "schema = 0"), "'schema' must be a whole number", 1, 10),
    Case(
        "schema-bool", sub("schema = 1", "schema = true"), "'schema' must be a whole number", 1, 10
    ),
    Case("missing-schema", sub("schema = 1\n", ""), "no 'schema' key", 1, 1, error=False),
    # -- required parts -----------------------------------------------------------------------
    Case("missing-account", b"schema = 1\n", "missing the [account] table", 1, 1),
    Case(
        "missing-account-name",
        sub('name = "Acme"\n', ""),
        "missing required key 'name' in [account]",
        3,
        None,
    ),
    Case(
        "missing-record-title",
        sub('title = "Call"\n', ""),
        "missing required key 'title'",
        23,
        None,
    ),
    Case(
        "account-not-a-table",
        sub("[account]\n", "account = 1\n[x]\n"),
        "'account' must be a table, not an integer",
        3,
        11,
    ),
    Case(
        "multi-line-name",
        sub('name = "Acme"', 'name = """Acme\nLtd"""'),
        "must be a single line",
        4,
        8,
    ),
    # -- comments -----------------------------------------------------------------------------
    Case("comment-line", ("# Acme's plan\n" + BASE).encode(), "comments", 1, 1, error=False),
    Case("comment-after-value", sub("= 30", "= 30  # monthly"), "drops", 6, 25, error=False),
    Case(
        "comment-in-array",
        sub('["C1", "C2"]', '[\n  "C1", # main\n  "C2",\n]'),
        "comments",
        6,
        9,
        error=False,
    ),
    # -- file names ---------------------------------------------------------------------------
    Case(
        "file-name-with-space",
        BASE.encode(),
        "file name 'Acme Ltd' is not a valid account id: use lowercase letters, digits and "
        "hyphens, e.g. 'acme-ltd.toml'",
        1,
        1,
        filename="Acme Ltd.toml",
    ),
    Case(
        "file-name-with-dots",
        BASE.encode(),
        "file name 'acme.s.p.a' is not a valid account id",
        1,
        1,
        filename="acme.s.p.a.toml",
    ),
    Case("file-name-upper-case", BASE.encode(), "e.g. 'acme.toml'", 1, 1, filename="Acme.toml"),
    Case("file-name-reserved", BASE.encode(), "not a valid account id", 1, 1, filename="con.toml"),
]


@pytest.fixture(params=CASES, ids=[c.id for c in CASES])
def case(request: pytest.FixtureRequest) -> Case:
    return request.param


def matching(problems, case):
    found = [p for p in problems if case.fragment in p.message]
    assert found, f"no problem mentions {case.fragment!r}: {[str(p) for p in problems]}"
    return found[0]


def test_problem_is_reported_at_path_line_col(case):
    path = Path("plans") / case.filename
    lp = parse_plan(case.data, path)
    problem = matching(lp.problems, case)
    assert problem.path == path
    assert problem.line == case.line
    if case.col is not None:
        assert problem.column == case.col
    assert problem.severity is (Severity.ERROR if case.error else Severity.WARNING)
    where = f"{path}:{case.line}:{problem.column}: {problem.severity.value}: "
    assert problem.format() == where + problem.message
    # Every problem is located: an editor can jump to it.
    assert all(p.line is not None and p.column is not None for p in lp.problems)


def test_a_broken_file_gives_no_plan_and_a_warning_only_file_does(case):
    lp = parse_plan(case.data, Path(case.filename))
    if case.error:
        assert lp.plan is None
        assert not lp.ok
        assert lp.errors
    else:
        assert lp.plan is not None
        assert lp.ok
        assert lp.errors == []
        assert lp.plan.account.name == "Acme"


def test_reading_never_modifies_the_file(case, tmp_path):
    path = tmp_path / case.filename
    path.write_bytes(case.data)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode)
    listing = sorted(os.listdir(tmp_path))
    lp = read_plan(path)
    assert lp.problems
    assert (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode) == before
    assert sorted(os.listdir(tmp_path)) == listing
    # read_plan and parse_plan agree.
    assert [str(p) for p in lp.problems] == [str(p) for p in parse_plan(case.data, path).problems]


# -- details that do not fit the table ---------------------------------------------------------


def test_conflict_markers_report_every_marker_line():
    lp = parse_plan(CONFLICT.encode(), Path("acme.toml"))
    assert [(p.line, p.column) for p in lp.problems] == [(4, 1), (6, 1), (8, 1)]
    assert all(p.is_error for p in lp.problems)
    assert lp.text == CONFLICT


def test_conflict_markers_are_reported_before_toml_errors():
    # The markers make the TOML invalid too; the conflict is what a person needs to hear.
    lp = parse_plan(CONFLICT.encode(), Path("acme.toml"))
    assert not any("invalid TOML" in p.message for p in lp.problems)


def test_equals_signs_that_are_not_a_whole_marker_line_are_fine():
    text = BASE.replace(
        'name = "Acme"', 'name = "Acme"\nindustry = """\n======== eight\n= ======="""'
    )
    lp = parse_plan(text.encode(), Path("acme.toml"))
    assert lp.problems == []


def test_conflict_markers_in_a_crlf_file_are_all_reported():
    lp = parse_plan(CONFLICT.replace("\n", "\r\n").encode(), Path("acme.toml"))
    assert [p.line for p in lp.problems] == [4, 6, 8]


def test_bom_file_loads_the_same_plan_as_without_bom():
    with_bom = parse_plan(b"\xef\xbb\xbf" + BASE.encode(), Path("acme.toml"))
    without = parse_plan(BASE.encode(), Path("acme.toml"))
    assert with_bom.plan == without.plan
    assert without.problems == []
    assert len(with_bom.problems) == 1
    assert not dumps_plan(with_bom.plan).startswith("\ufeff")


def test_crlf_file_loads_without_problems():
    lp = parse_plan(BASE.replace("\n", "\r\n").encode(), Path("acme.toml"))
    assert lp.problems == []
    assert lp.plan == parse_plan(BASE.encode(), Path("acme.toml")).plan


def test_every_wrong_field_is_reported_in_one_read():
    text = (
        BASE.replace("rating = 4", "rating = 9")
        .replace("progress = 40", 'progress = "x"')
        .replace('status = "todo"', 'status = "nope"')
        .replace("share_of_wallet = 40", "share_of_wallet = -5")
    )
    lp = parse_plan(text.encode(), Path("acme.toml"))
    assert lp.plan is None
    assert sorted(p.line for p in lp.errors) == [9, 13, 26, 27]
    assert {p.key for p in lp.errors} == {
        "where_am_i.accessibility.technical.rating",
        "where_am_i.competitors.rival.share_of_wallet",
        "how_to_get_there.actions.call.status",
        "how_to_get_there.actions.call.progress",
    }


def test_missing_account_reports_both_the_table_and_the_name():
    lp = parse_plan(b"schema = 1\n", Path("acme.toml"))
    messages = [p.message for p in lp.errors]
    assert any("missing the [account] table" in m for m in messages)
    assert any("missing required key 'name'" in m for m in messages)


@pytest.mark.parametrize(
    "text",
    [
        BASE.replace('name = "Acme"', 'name = "Acme #1"'),
        BASE.replace('name = "Acme"', "name = 'Acme #1'"),
        BASE.replace('name = "Acme"', 'name = "Acme"\nindustry = """\n# not a comment\n"""'),
        BASE.replace('name = "Acme"', "name = \"Acme\"\nindustry = '''\n# literal\n'''"),
        BASE.replace('name = "Acme"', 'name = "Acme"\n"#tag" = "#1"'),
        BASE.replace('["C1", "C2"]', '["#C1", "C#2"]'),
        BASE.replace('name = "Acme"', 'name = "say \\"#\\" twice #"'),
    ],
    ids=["basic", "literal", "multi-line", "multi-line-literal", "key", "array", "escaped-quote"],
)
def test_hash_inside_strings_is_not_a_comment(text):
    lp = parse_plan(text.encode(), Path("acme.toml"))
    assert lp.problems == []
    assert lp.has_comments is False


def test_a_file_with_comments_loads_and_is_flagged():
    lp = parse_plan(("# hi\n" + BASE).encode(), Path("acme.toml"))
    assert lp.has_comments is True
    assert lp.ok


def test_a_comment_is_found_even_next_to_an_escaped_hash():
    text = BASE.replace('name = "Acme"', 'name = "Acme \\u0023"  # the real name').encode()
    lp = parse_plan(text, Path("acme.toml"))
    assert lp.has_comments is True


def test_hash_in_an_extra_table_key_is_not_a_comment():
    plan = new_plan("acme", "Acme")
    plan.extra = {"tags#": {"a": {"x": 1}, "b": {"y": 2}}}
    lp = parse_plan(dumps_plan(plan).encode(), Path("acme.toml"))
    assert lp.problems == []
    assert lp.has_comments is False


def test_comment_after_a_table_header_is_located():
    text = BASE.replace("[account]", "[account]  # the customer").encode()
    lp = parse_plan(text, Path("acme.toml"))
    (warning,) = lp.warnings
    assert (warning.line, warning.column) == (3, 12)


def test_positions_after_a_line_ending_backslash_are_right():
    text = BASE.replace(
        'name = "Acme"', 'name = "Acme"\nindustry = """Food \\\n  packaging"""'
    ).replace("= 30", '= "30"')
    lp = parse_plan(text.encode(), Path("acme.toml"))
    (error,) = lp.errors
    assert "review_every_days" in error.message
    assert (error.line, error.column) == (8, 21)


def test_two_spellings_of_one_checkin_day_are_not_silently_merged():
    text = BASE.replace("2026-10-31 = 20", '2026-10-31 = 20\n"20261031" = 99')
    lp = parse_plan(text.encode(), Path("acme.toml"))
    assert lp.errors, "one of the two values would be lost"


def test_checkin_key_must_be_yyyy_mm_dd():
    text = BASE.replace("2026-10-31 = 20", '"20261031" = 20')
    lp = parse_plan(text.encode(), Path("acme.toml"))
    assert any("is not a date (YYYY-MM-DD)" in p.message for p in lp.errors)


def test_unreadable_path_is_a_problem_not_an_exception(tmp_path):
    lp = read_plan(tmp_path / "missing.toml")
    assert lp.plan is None
    assert "cannot read" in lp.problems[0].message
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    assert read_plan(folder).plan is None


def test_one_broken_file_does_not_stop_the_others(tmp_workspace):
    root = tmp_workspace.root
    (root / "good.toml").write_text(BASE)
    (root / "conflict.toml").write_text(CONFLICT)
    (root / "empty.toml").write_bytes(b"")
    (root / "binary.toml").write_bytes(b"\x00\x01\x02")
    scan = tmp_workspace.load_all()
    by_id = {lp.id: lp for lp in scan.plans}
    assert set(by_id) == {"good", "conflict", "empty", "binary"}
    assert isinstance(by_id["good"].plan, AccountPlan)
    assert by_id["good"].problems == []
    assert all(by_id[i].plan is None for i in ("conflict", "empty", "binary"))
    assert scan.error_count == 3 + 1 + 1  # three markers, empty, binary


def test_a_long_but_legal_value_does_not_crash():
    text = BASE.replace("progress = 40", "progress = " + "9" * 4000)
    lp = parse_plan(text.encode(), Path("acme.toml"))
    assert lp.plan is None
    assert "between 0 and 100" in lp.errors[0].message
    assert lp.errors[0].line == 27


def test_an_integer_with_5000_digits_is_a_problem_not_a_crash():
    text = BASE.replace("progress = 40", "progress = " + "9" * 5000)
    lp = parse_plan(text.encode(), Path("acme.toml"))
    assert lp.plan is None
    assert lp.errors
    assert lp.errors[0].line is not None


def test_deeply_nested_arrays_are_a_problem_not_a_crash():
    text = BASE + "deep = " + "[" * 1000 + "]" * 1000 + "\n"
    # Caught here so that pytest does not render a 1000-frame traceback (slow).
    try:
        lp = parse_plan(text.encode(), Path("acme.toml"))
    except RecursionError:
        lp = None
    assert lp is not None, "parse_plan raised RecursionError"
    assert lp.errors


def test_moderately_nested_arrays_are_kept():
    text = BASE + "deep = " + "[" * 50 + "]" * 50 + "\n"
    lp = parse_plan(text.encode(), Path("acme.toml"))
    assert lp.problems == []
    assert "deep" in lp.plan.how_to_get_there.actions["call"].extra
