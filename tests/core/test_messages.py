"""Problems worded in the user's terms: not Python's (``sys.set_int_max_str_digits()``,
``maximum recursion depth exceeded``), each naming the file, with the line and column where the
trouble is (and none when there is no place in the file to point at)."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.plan import file as plan_file
from kamtui.plan.file import parse_plan, read_plan

PLAN = """\
schema = 1

[account]
name = "Acme"
customer_ids = ["C1"]
"""
LIMIT = sys.get_int_max_str_digits()  # 4300 unless changed
PYTHON_WORDS = ("sys.", "set_int_max_str_digits", "recursion", "Errno", "Traceback")


def problem(text: str) -> tuple[str, int | None, int | None]:
    lp = parse_plan(text.encode(), Path("acme.toml"))
    assert lp.plan is None
    error = lp.errors[0]
    assert not any(word in error.message for word in PYTHON_WORDS), error.message
    return error.message, error.line, error.column


# -- numbers too long to read ------------------------------------------------------------------


def test_a_number_of_5001_digits_says_so_where_it_is():
    text = PLAN + "x = 1" + "0" * 5000 + "\n"
    message, line, col = problem(text)
    assert message == f"number too long (5001 digits; at most {LIMIT} can be read)"
    assert (line, col) == (6, 5)


def test_a_long_number_in_an_array_after_a_long_string_of_digits():
    digits = "7" * 5000
    text = PLAN + f'note = "{digits}"\n# {digits}\nx = [\n  1,\n  -{digits}_1,\n]\n'
    message, line, col = problem(text)
    assert message == f"number too long (5001 digits; at most {LIMIT} can be read)"
    assert (line, col) == (10, 3)


def test_a_number_just_over_the_limit():
    message, line, col = problem(PLAN + "x = +" + "9" * (LIMIT + 1) + "\n")
    assert message == f"number too long ({LIMIT + 1} digits; at most {LIMIT} can be read)"
    assert (line, col) == (6, 5)


# -- nesting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "col"),
    [
        ("[" * 10_000 + "]" * 10_000, 105),
        ("[ " * 10_000 + "]" * 10_000, 205),
        ("{ x = " * 10_000 + "}" * 10_000, 605),
        ('[ "[[[", # ]]]\n' + "[" * 10_000, None),
    ],
    ids=["arrays", "spaced-arrays", "inline-tables", "strings-and-comments-do-not-count"],
)
def test_deep_nesting_says_where_it_gets_too_deep(value, col):
    message, line, column = problem(f"a = {value}\n")
    assert message == "nested too deeply (more than 100 levels)"
    if col is None:  # the 100th level is on the next line: a string and a comment skipped
        assert (line, column) == (2, 100)
    else:
        assert (line, column) == (1, col)


def test_nesting_of_100_levels_is_read():
    lp = parse_plan((PLAN + "deep = " + "[" * 100 + "]" * 100 + "\n").encode(), Path("a.toml"))
    assert lp.errors == []


# -- files that cannot be read -----------------------------------------------------------------


def _unreadable(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def refuse(path: Path) -> bytes:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(plan_file, "read_bytes", refuse)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EACCES, "cannot read: permission denied"),
        (errno.EPERM, "cannot read: permission denied"),
        (errno.EISDIR, "cannot read: is a directory"),
        (errno.EIO, "cannot read: input/output error"),
    ],
)
def test_a_file_that_cannot_be_read_has_no_position(monkeypatch, tmp_path, code, words):
    _unreadable(monkeypatch, code)
    lp = read_plan(tmp_path / "acme.toml")
    assert lp.plan is None
    [error] = lp.problems
    assert (error.message, error.line, error.column) == (words, None, None)
    assert error.format() == f"{tmp_path / 'acme.toml'}: error: {words}"


def test_check_names_the_file_and_the_place(monkeypatch, tmp_path, capsys):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "big.toml").write_text(PLAN + "x = 1" + "0" * 5000 + "\n")
    (ws / "deep.toml").write_text(PLAN + "a = " + "[" * 10_000 + "\n")
    (ws / "locked.toml").write_text(PLAN)
    real = plan_file.read_bytes

    def read(path: Path) -> bytes:
        if path.name == "locked.toml":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(plan_file, "read_bytes", read)
    assert main(["check", "-w", str(ws)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert (
        f"{ws / 'big.toml'}:6:5: error: number too long (5001 digits; at most {LIMIT} can be read)"
        in lines
    )
    assert f"{ws / 'deep.toml'}:6:105: error: nested too deeply (more than 100 levels)" in lines
    assert f"{ws / 'locked.toml'}: error: cannot read: permission denied" in lines
