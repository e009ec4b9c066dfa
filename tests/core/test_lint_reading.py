"""The warnings of reading a workspace keep their text and get a code (kamtui/lint/reading.py),
so ``--select`` and ``--ignore`` reach every warning. Each is made here the way a user makes
it: if the wording changes where it is made, this says so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import TODAY

from kamtui.lint import codes
from kamtui.lint.codes import Selection
from kamtui.lint.reading import code_of
from kamtui.lint.report import check
from kamtui.plan.diagnostics import Problem, Severity
from kamtui.plan.file import COMMENTS_WARNING, parse_plan
from kamtui.store.workspace import Workspace

PLAN = 'schema = 1\n\n[account]\nname = "Acme"\ncustomer_ids = ["C1"]\n'


def warnings_of(text: str | bytes) -> list[Problem]:
    data = text.encode() if isinstance(text, str) else text
    lp = parse_plan(data, Path("acme.toml"))
    assert lp.plan is not None, lp.problems
    return lp.warnings


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("# mine\n" + PLAN, codes.COMMENTS),
        (b"\xef\xbb\xbf" + PLAN.encode(), codes.BYTE_ORDER_MARK),
        (PLAN.removeprefix("schema = 1\n"), codes.NO_SCHEMA),
        (PLAN + 'industy = "Food"\n', codes.KEY_TYPO),
        (PLAN.replace('"Acme"', '"Ac\u200bme"'), codes.INVISIBLE_CHARACTERS),
        (PLAN.replace('"C1"', '"C\u200b1"'), codes.INVISIBLE_CHARACTERS),
        (
            PLAN + '\n[where_am_i.buying_centre.ann]\nname = "A\u2060nn"\n',
            codes.INVISIBLE_CHARACTERS,
        ),
        (PLAN.replace("[account]", "schemaa = 2\n\n[account]"), codes.KEY_TYPO),
    ],
    ids=["comments", "bom", "no-schema", "typo", "name", "customer-id", "person", "top-typo"],
)
def test_each_warning_of_reading_has_its_code(text: str | bytes, code: str) -> None:
    (warning,) = warnings_of(text)
    assert code_of(warning) == code


def test_the_comments_warning_is_the_one_of_the_reader() -> None:
    (warning,) = warnings_of("# mine\n" + PLAN)
    assert warning.message == COMMENTS_WARNING


def test_the_workspace_warnings_have_codes(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws")
    (ws.root / "acme.toml").write_text(PLAN, encoding="utf-8")
    (ws.root / ".acme.toml.kamtui-abc123.tmp").write_text("half", encoding="utf-8")
    (ws.root / "folder.toml").mkdir()
    os.mkfifo(ws.root / "pipe.toml")
    scan = ws.load_all()
    found = sorted((p.path.name, code_of(p)) for p in scan.problems)
    assert found == [
        (".acme.toml.kamtui-abc123.tmp", codes.TEMP_FILE),
        ("folder.toml", codes.NOT_A_PLAN_FILE),
        ("pipe.toml", codes.NOT_A_PLAN_FILE),
    ]


def test_errors_and_unknown_warnings_have_no_code() -> None:
    assert code_of(Problem(Path("a.toml"), "no 'schema' key", 1, 1)) is None  # an error
    unknown = Problem(Path("a.toml"), "something new", 1, 1, Severity.WARNING)
    assert code_of(unknown) is None


def test_an_unknown_warning_is_reported_unless_codes_are_selected(tmp_path: Path) -> None:
    unknown = Problem(tmp_path / "x.toml", "something new", 1, 1, Severity.WARNING)
    shown = check([], [unknown], TODAY)
    assert [r.format() for r in shown.lines()] == [unknown.format()]
    assert check([], [unknown], TODAY, Selection(ignore=frozenset({codes.COMMENTS}))).others
    assert not check([], [unknown], TODAY, Selection(select=frozenset({codes.COMMENTS}))).others


def test_ignored_reading_warnings_are_not_counted_but_errors_always_are(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text("# mine\n" + PLAN, encoding="utf-8")
    from kamtui.plan.file import read_plan

    lp = read_plan(path)
    assert check([lp], [], TODAY).warning_count == 1
    quiet = check([lp], [], TODAY, Selection(ignore=frozenset({codes.COMMENTS})))
    assert (quiet.warning_count, list(quiet.lines())) == (0, [])
    error = Problem(path, "customer id 'C1' is also listed in b.toml", 5, 1)
    report = check([lp], [error], TODAY, Selection(select=frozenset({codes.LONG_OVERDUE})))
    assert (report.error_count, report.warning_count) == (1, 0)
