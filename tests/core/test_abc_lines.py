"""The ABC summary and migration are worded once (kamtui/abc/lines.py): ``kamtui abc`` prints
the lines' text, the app styles the same lines. Plurals agree with their numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.abc.analysis import AbcOptions, AbcResult, analyse_file
from kamtui.abc.lines import (
    ROLES,
    SIGNALS,
    Line,
    class_table_lines,
    concentration_lines,
    header_lines,
    migration_lines,
    period_line,
    plain,
    plain_text,
    summary_lines,
)
from kamtui.abc.report import render_table

# now: B 900, A 700, C 190, E 150, D 50, F 10; then: Z 85 (A), A 10 (B), B 5 (C)
NOW = "customer,name,amount\nA,Alfa,700\nB,Beta,900\nC,Gamma,190\nD,Delta,50\nE,Eps,150\nF,Phi,10\n"
THEN = "customer,amount\nA,10\nZ,85\nB,5\n"


def analyse(tmp_path: Path, now: str, then: str | None = None) -> AbcResult:
    path = tmp_path / "now.csv"
    path.write_text(now, encoding="utf-8")
    options = AbcOptions()
    if then is not None:
        old = tmp_path / "then.csv"
        old.write_text(then, encoding="utf-8")
        options = AbcOptions(compare_file=old)
    return analyse_file(path, options)


def texts(lines: list[Line]) -> list[str]:
    return [plain(line) for line in lines]


def roles_of(lines: list[Line], text: str) -> set[str]:
    return {span.role for line in lines for span in line if span.text == text}


@pytest.fixture
def compared(tmp_path: Path) -> AbcResult:
    return analyse(tmp_path, NOW, THEN)


# -- the command line prints exactly the lines ---------------------------------------------------


def test_the_table_is_the_lines_joined(compared: AbcResult) -> None:
    assert compared.migration is not None
    table = render_table(compared, top=3)
    sections = table.split("\n\n")
    assert sections[0] == plain_text(header_lines(compared))
    summary = plain_text(summary_lines(compared))
    assert "\n\n".join(sections[1:4]) == summary
    assert sections[5] == plain_text(migration_lines(compared.migration, 3)) + "\n"
    assert len(sections) == 6


def test_no_line_ends_in_blanks_or_holds_a_line_break(compared: AbcResult) -> None:
    assert compared.migration is not None
    every = [*header_lines(compared), *summary_lines(compared)]
    every += migration_lines(compared.migration, 10)
    for line in every:
        assert plain(line) == plain(line).rstrip()
        assert "\n" not in plain(line)
        assert all(span.text for span in line), line  # no empty spans
        assert all(span.role in ROLES for span in line)


# -- the shared wording --------------------------------------------------------------------------


def test_summary_wording(compared: AbcResult) -> None:
    lines = texts(summary_lines(compared))
    assert lines[0].split() == ["Class", "Customers", "Revenue", "Textbook"]
    assert lines[1].split() == ["A", "2", "33.3%", "1,600.00", "80.0%", "20%", "/", "80%"]
    assert "Textbook: the class's share of customers / of revenue in an 80/20 portfolio." in lines
    assert "A  strategic: do not reduce the service level; losing one is a serious risk" in lines
    assert lines[-2:] == [
        "Concentration: the top customer makes 45.0% of revenue, the top 6 make 100.0%,",
        "the top 20% (2 customers) make 80.0% (textbook: 80%).",
    ]


def test_table_columns_line_up(compared: AbcResult) -> None:
    rows = texts(class_table_lines(compared))[:4]
    # right-aligned figures end in the same column on every row
    for column in ("Customers", "Revenue"):
        end = rows[0].index(column) + len(column)
        assert all(row[end - 1] != " " for row in rows[1:]), (column, rows)
        assert all(row[end] == " " for row in rows[1:])


def test_migration_wording(compared: AbcResult) -> None:
    assert compared.migration is not None
    lines = texts(migration_lines(compared.migration, 10))
    assert lines[0] == "Migration: all dates → all dates (4 new, 1 lost)"
    assert lines[1].split() == ["then", "\\", "now", "A", "B", "C", "lost"]
    assert lines[5].split() == ["new", "0", "2", "2"]
    # Z was A and is lost: a row of its own, not a risk (risk is A → B/C only)
    assert not any(line.startswith("Risk") for line in lines)
    growth = lines.index("Growth (B/C → A): 2 customers")
    assert lines[growth + 1 : growth + 3] == ["  B Beta: C → A", "  A Alfa: B → A"]
    new = lines.index("New: 4 customers")
    assert lines[new + 1 : new + 5] == [
        "  C Gamma: new → B",
        "  E Eps: new → B",
        "  D Delta: new → C",
        "  F Phi: new → C",
    ]
    assert lines[-2:] == ["Lost: 1 customer", "  Z : A → lost"]
    assert [title for _, title in SIGNALS] == ["Risk (A → B/C)", "Growth (B/C → A)"]


def test_new_and_lost_customers_are_neither_growth_nor_risk(tmp_path: Path) -> None:
    """A new A customer is listed as new, a lost A customer as lost: growth is B/C → A and
    risk A → B/C, between customers present in both periods."""
    # then: L 50 (A), M 40 (A), K 10 (B); now: N 90 (A), K 8 (B), M 2 (C)
    result = analyse(
        tmp_path, "customer,amount\nN,90\nK,8\nM,2\n", "customer,amount\nL,50\nM,40\nK,10\n"
    )
    assert result.migration is not None
    moves = result.migration.customers.set_index("customer")
    assert moves.loc["N", ["class_then", "class_now", "status", "signal"]].tolist() == [
        "",
        "A",
        "new",
        "",
    ]
    assert moves.loc["L", ["status", "signal"]].tolist() == ["lost", ""]
    assert result.migration.count("signal", "growth") == 0
    assert result.migration.count("signal", "risk") == 1  # M: A → C
    migration = migration_lines(result.migration, 10)
    lines = texts(migration)
    assert lines[-6:] == [
        "Risk (A → B/C): 1 customer",
        "  M : A → C",
        "New: 1 customer",
        "  N : new → A",
        "Lost: 1 customer",
        "  L : A → lost",
    ]
    assert roles_of(migration, "Risk (A → B/C):") == {"risk"}


def test_a_long_signal_list_says_how_many_are_left_out(compared: AbcResult) -> None:
    assert compared.migration is not None
    lines = texts(migration_lines(compared.migration, 1))
    growth = lines.index("Growth (B/C → A): 2 customers")
    assert lines[growth + 1 : growth + 3] == ["  B Beta: C → A", "  … and 1 more"]
    new = lines.index("New: 4 customers")
    assert lines[new + 1 : new + 3] == ["  C Gamma: new → B", "  … and 3 more"]


def test_roles_say_what_the_text_is(compared: AbcResult) -> None:
    assert compared.migration is not None
    summary = summary_lines(compared)
    assert roles_of(summary, "A") == {"class-A"}
    assert roles_of(summary, "Concentration:") == {"heading"}
    assert roles_of(summary, "33.3%") == {"number"}
    migration = migration_lines(compared.migration, 10)
    assert roles_of(migration, "Growth (B/C → A):") == {"growth"}
    assert roles_of(migration, "New:") == roles_of(migration, "Lost:") == {"heading"}
    assert roles_of(migration, "lost") == {"heading", "dim"}  # column header, a lost customer


# -- plurals -------------------------------------------------------------------------------------


def test_one_of_everything_is_singular(tmp_path: Path) -> None:
    result = analyse(tmp_path, "customer,amount\nC1,5\nC2,-3\n", "customer,amount\nC9,5\n")
    assert plain(period_line(result)) == (
        "Period: all dates · 2 lines · 2 customers · revenue 5.00"
    )
    summary = texts(summary_lines(result))
    assert (
        "C also holds 1 customer with revenue ≤ 0 (total -3.00), not counted in the shares."
        in summary
    )
    assert summary[-2:] == [
        "Concentration: the top customer makes 100.0% of revenue,",
        "the top 20% (1 customer) makes 100.0% (textbook: 80%).",
    ]
    assert result.migration is not None
    migration = texts(migration_lines(result.migration, 10))
    assert "Lost: 1 customer" in migration  # C9 (C1 and C2 are new)
    table = render_table(result, top=1)
    assert "Top 1 of 2 customers" in table


def test_a_single_line_and_customer(tmp_path: Path) -> None:
    result = analyse(tmp_path, "customer,amount\nC1,5\n")
    assert plain(period_line(result)) == "Period: all dates · 1 line · 1 customer · revenue 5.00"
    assert "Top 1 of 1 customer\n" in render_table(result)
    assert texts(concentration_lines(result))[1].startswith("the top 20% (1 customer) makes ")


# -- the app shows the same lines ----------------------------------------------------------------


def test_the_app_shows_the_same_text(compared: AbcResult) -> None:
    from kamtui.tui.abc_data import prepare
    from kamtui.tui.abc_text import ROLE_STYLES, migration_text, summary_text

    assert set(ROLE_STYLES) == set(ROLES)
    view = prepare(compared)
    assert compared.migration is not None
    assert summary_text(view).plain.endswith(plain_text(summary_lines(compared)))
    assert plain_text([period_line(compared)]) in summary_text(view).plain
    assert migration_text(view, 10).plain == plain_text(migration_lines(compared.migration, 10))
