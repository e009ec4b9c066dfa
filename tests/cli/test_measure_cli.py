"""``kamtui measure REVENUE_FILE``: the table and the JSON, the question, --yes, no terminal,
a file that cannot be used (exit 2, the file named), the reading options of ``kamtui abc``."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from conftest import ROOT

from kamtui.cli.main import main
from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import read_plan
from kamtui.plan.model import (
    Account,
    AccountPlan,
    MeasurePeriod,
    MeasureSource,
    Objective,
    WhereToGo,
)

DATA = ROOT / "tests" / "data" / "measure"
REVENUE = DATA / "revenue.csv"  # see tests/core/test_measure.py: Acme (C1) 5,800 € in 12 months
D = dt.date


def measured(unit: str, period: MeasurePeriod, **kw: object) -> Objective:
    return Objective(title="Revenue", unit=unit, source=MeasureSource.REVENUE, period=period, **kw)  # type: ignore[arg-type]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """Acme (C1): a rolling 12 months objective in k€, a quarter in € with a hand check-in on
    the file's last date; Beta (C2): a calendar year in €, and an objective typed by hand."""
    root = tmp_path / "ws"
    root.mkdir()
    plans = [
        AccountPlan(
            id="acme",
            account=Account(name="Acme S.p.A.", customer_ids=["C1"]),
            where_to_go=WhereToGo(
                objectives={
                    "rolling": measured("k€", MeasurePeriod.ROLLING_12M),
                    "quarter": measured(
                        "€",
                        MeasurePeriod.QUARTER,
                        current=390,
                        checkins={D(2026, 11, 30): 390},
                    ),
                }
            ),
        ),
        AccountPlan(
            id="beta",
            account=Account(name="Beta", customer_ids=["C2"]),
            where_to_go=WhereToGo(
                objectives={
                    "year": measured("€", MeasurePeriod.CALENDAR_YEAR),
                    "share": Objective(title="Share", unit="%"),
                }
            ),
        ),
    ]
    for plan in plans:
        (root / f"{plan.id}.toml").write_text(dumps_plan(plan), encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], ws: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["-w", str(ws), "measure", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def files(ws: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(ws.iterdir())}


class Terminal(io.StringIO):
    """A stdin that is a terminal, with the user's answer typed in."""

    def isatty(self) -> bool:
        return True


def test_the_table_says_what_it_would_do_and_without_a_terminal_writes_nothing(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    before = files(ws)
    code, out, err = run(capsys, ws, str(REVENUE))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Objectives measured from revenue.csv, periods ending 2026-11-30:"
    assert lines[1].split() == ["Account", "Objective", "Period", "Value", "Outcome"]
    rows = [" ".join(line.split()) for line in lines[2:5]]
    assert rows == [
        "Acme S.p.A. Revenue rolling-12m (from 2025-12-01) 5.80 k€ add",
        "Acme S.p.A. Revenue quarter (from 2026-10-01) 400 € skip: hand check-in on that date",
        "Beta Revenue calendar-year (from 2026-01-01) 1,235 € add",
    ]
    assert "2 check-ins to write to 2 plans, dated 2026-11-30." in out
    assert "nothing written (no terminal to confirm on: run again with --yes to write)" in err
    assert files(ws) == before


def test_yes_writes_the_check_ins_with_their_source(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    code, out, err = run(capsys, ws, str(REVENUE), "--yes")
    assert code == 0, err
    assert out.endswith("Wrote 2 check-ins to 2 plans.\n")
    acme = read_plan(ws / "acme.toml").plan
    assert acme is not None
    rolling = acme.where_to_go.objectives["rolling"]
    assert rolling.checkins == {D(2026, 11, 30): 5.8} and rolling.current == 5.8
    assert rolling.checkin_sources == {D(2026, 11, 30): "revenue.csv, rolling-12m"}
    assert acme.where_to_go.objectives["quarter"].checkins == {D(2026, 11, 30): 390}
    # again: nothing left to do, nothing asked, nothing written
    before = files(ws)
    code, out, err = run(capsys, ws, str(REVENUE))
    assert code == 0 and "Nothing to write." in out and "nothing written" not in err
    assert out.count("skip: same as the last check-in") == 2
    assert files(ws) == before


@pytest.mark.parametrize(("answer", "writes"), [("y\n", True), ("yes\n", True), ("\n", False)])
def test_on_a_terminal_it_asks_first(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    ws: Path,
    answer: str,
    writes: bool,
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    before = files(ws)
    code, out, err = run(capsys, ws, str(REVENUE))
    assert code == 0
    assert "Write 2 check-ins to 2 plans? [y/N] " in err
    assert (files(ws) != before) is writes
    assert ("Wrote 2 check-ins to 2 plans." in out) is writes
    assert ("nothing written (not confirmed)" in err) is not writes


def test_json(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, _ = run(capsys, ws, str(REVENUE), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert (doc["file"], doc["last_date"], doc["to_write"]) == (str(REVENUE), "2026-11-30", 2)
    assert doc["written"] == [] and doc["not_written"].startswith("no terminal")
    first = doc["objectives"][0]
    assert first == {
        "plan": "acme",
        "account": "Acme S.p.A.",
        "objective_id": "rolling",
        "objective": "Revenue",
        "period": "rolling-12m",
        "from": "2025-12-01",
        "to": "2026-11-30",
        "unit": "k€",
        "value": 5.8,
        "outcome": "add",
        "writes": True,
        "text": "add",
        "source": "revenue.csv, rolling-12m",
        "before": None,
    }
    assert [o["outcome"] for o in doc["objectives"]] == ["add", "hand", "add"]
    code, out, err = run(capsys, ws, str(REVENUE), "--format", "json", "--yes")
    doc = json.loads(out)
    assert [o["objective_id"] for o in doc["written"]] == ["rolling", "year"]
    assert doc["not_written"] == "" and "Wrote 2 check-ins" in err


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02binary\xff", "bad.csv"),
        (b"Customer,Amount\nC1,5\n", "date"),
    ],
)
def test_a_file_that_cannot_be_used_is_named_with_exit_code_2(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path, content: bytes, fragment: str
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    before = files(ws)
    code, out, err = run(capsys, ws, str(bad), "--yes")
    assert code == 2 and out == ""
    assert err.startswith("kamtui: ") and str(bad) in err and fragment in err
    assert len(err.splitlines()) == 1
    assert files(ws) == before


def test_a_missing_file_is_named_with_exit_code_2(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, ws, str(tmp_path / "nowhere.csv"))
    assert code == 2 and "nowhere.csv" in err


def test_the_reading_options_of_kamtui_abc(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text(
        "Who;When;Qty;Each;Kind\n"
        "C1;30/11/2026;2;1.000,50;TD01\n"
        "C1;15/11/2026;1;99,50;NC\n"
        "C2;30/11/2026;1;10;TD01\n",
        encoding="cp1252",
    )
    code, _, err = run(
        capsys,
        ws,
        str(odd),
        "--customer",
        "Who",
        "--date",
        "When",
        "--quantity",
        "Qty",
        "--price",
        "Each",
        "--doc-type",
        "Kind",
        "--encoding",
        "cp1252",
        "--yes",
    )
    assert code == 0, err
    acme = read_plan(ws / "acme.toml").plan
    assert acme is not None
    # 2 × 1,000.50 less the credit note of 99.50, in k€
    assert acme.where_to_go.objectives["rolling"].checkins == {D(2026, 11, 30): 1.9}
    assert "odd.csv, rolling-12m" in (ws / "acme.toml").read_text()


def test_a_plan_that_cannot_be_saved_gives_exit_code_1(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    plan = ws / "acme.toml"
    plan.write_text("# a comment kamtui would drop\n" + plan.read_text())
    code, out, err = run(capsys, ws, str(REVENUE), "--yes")
    assert code == 1
    assert "Wrote 1 check-in to 1 plan." in out
    assert "kamtui: acme: not written: the file has # comments" in err


def test_no_measured_objective(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    plan = AccountPlan(id="x", account=Account(name="X", customer_ids=["C1"]))
    (root / "x.toml").write_text(dumps_plan(plan))
    code, out, err = run(capsys, root, str(REVENUE))
    assert code == 0 and "nothing written" not in err
    assert 'No objective is measured from the revenue file: give one source = "revenue"' in out


def test_help_does_not_import_pandas() -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from kamtui.cli.main import main\n"
        "try:\n    main(['measure', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('pandas' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "False"
