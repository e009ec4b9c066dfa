"""CSV that others open in a spreadsheet: a text cell never runs as a formula (OWASP: a
leading ``'``), numbers stay numbers, no control character is written; ``--raw`` keeps the text
as it is (control characters still replaced) for scripts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kamtui.cli.main import main
from kamtui.store.workspace import Workspace
from kamtui.text.safety import spreadsheet_cell

HOSTILE = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.com","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "  =1+1",
    "\uff1d1+1",  # a full-width equals sign
]


@pytest.mark.parametrize("text", HOSTILE)
def test_formulas_get_a_leading_quote(text: str) -> None:
    cell = spreadsheet_cell(text)
    assert not runs(cell)
    assert cell.startswith("'") or cell.startswith("\u2409")  # a tab becomes ␉: inert too


@pytest.mark.parametrize("text", ["-12", "+3.5", "-1,234.56", "12%", "Acme", "C00042", "a=b"])
def test_numbers_and_plain_text_stay_as_they_are(text: str) -> None:
    assert spreadsheet_cell(text) == text


def test_raw_keeps_the_text_but_never_a_control_character() -> None:
    assert spreadsheet_cell("=1+1", raw=True) == "=1+1"
    assert "\x1b" not in spreadsheet_cell("\x1b[2Jx", raw=True)


def runs(cell: str) -> bool:
    """Whether a spreadsheet would read *cell* as a formula."""
    return cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r", "\uff1d"))


def revenue_file(tmp_path: Path) -> Path:
    lines = ["customer;name;date;amount"]
    for i, name in enumerate([*HOSTILE, "Esc\x1b[2J Ltd", "-12"]):
        quoted = '"' + name.replace('"', '""') + '"'
        lines.append(f"K{i:03};{quoted};2026-01-{i + 1:02};{1000 * (i + 1)},00")
    lines.append('"=2+2";Formula Id S.p.A.;2026-02-01;50,00')
    path = tmp_path / "revenue.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_abc_csv_is_safe_to_open(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["abc", str(revenue_file(tmp_path)), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\t" not in out
    rows = read_csv(out)
    names = {r["name"] for r in rows}
    assert not [n for n in names if runs(n) and n != "-12"]
    assert "-12" in names  # a number stays a number
    assert {r["customer"] for r in rows} >= {"'=2+2"}
    for row in rows:  # the figures are numbers
        float(row["revenue"]), float(row["share"])


def test_abc_csv_raw(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["abc", str(revenue_file(tmp_path)), "--format", "csv", "--raw"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    names = {r["name"] for r in read_csv(out)}
    assert "=cmd|' /C calc'!A0" in names and "@SUM(A1)" in names


def test_list_csv_is_safe_to_open(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = Workspace.create(tmp_path / "ws")
    for name in ('=HYPERLINK("http://example.com","x")', "+1+1", "@SUM(A1)"):
        ws.new_plan(name, owner="=1+1")
    assert main(["list", "--format", "csv", "-w", str(ws.root)]) == 0
    rows = read_csv(capsys.readouterr().out)
    assert sorted(r["name"] for r in rows) == [
        "'+1+1",
        '\'=HYPERLINK("http://example.com","x")',
        "'@SUM(A1)",
    ]
    assert {r["owner"] for r in rows} == {"'=1+1"}
    assert main(["list", "--format", "csv", "--raw", "-w", str(ws.root)]) == 0
    assert {r["owner"] for r in read_csv(capsys.readouterr().out)} == {"=1+1"}
