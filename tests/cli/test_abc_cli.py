"""``kamtui abc``: output formats, --output, periods, comparison/migration and --apply on a
workspace (a hand-built one, and a copy of the sample workspace with the sample revenue)."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE, SAMPLE_REVENUE

from kamtui.abc.analysis import analyse_file
from kamtui.abc.apply import apply_classes, plan_verdict
from kamtui.cli.abc import _Progress, _progress_for
from kamtui.cli.main import main
from kamtui.plan.file import LoadedPlan, read_plan
from kamtui.plan.model import Segment
from kamtui.store.workspace import Workspace, WorkspaceScan

# 2023: A=500 B=300 C=150 D=50 (total 1000); 2024: B=600 A=200 E=150 C=40 F=10 (total 1000)
REVENUE = """\
Customer ID,Customer name,Invoice date,Net amount
A,"Alfa, S.p.A.",2023-03-01,500
B,Beta,2023-05-01,300
C,Gamma,2023-06-01,150
D,Delta,2023-07-01,50
B,Beta,2024-02-01,700
B,Beta,2024-02-15,-100
A,"Alfa, S.p.A.",2024-03-01,200
E,Epsilon,2024-04-01,150
C,Gamma,2024-05-01,40
F,Phi,2024-06-01,10
"""
HEADER = "customer,name,revenue,share,cumulative_share,class"


@pytest.fixture
def revenue(tmp_path: Path) -> Path:
    path = tmp_path / "revenue.csv"
    path.write_text(REVENUE, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["abc", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- formats ---------------------------------------------------------------------------------


def test_csv_has_exactly_the_documented_columns_in_rank_order(
    revenue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, str(revenue), "--format", "csv")
    assert code == 0 and err == ""
    # all periods: B 900, A 700, C 190, E 150, D 50, F 10 = 2000; before: 0, .45, .80 (B),
    # .895 (B), .97 (C), .995 (C)
    assert out == (
        f"{HEADER}\n"
        "B,Beta,900.00,0.4500000000,0.4500000000,A\n"
        'A,"Alfa, S.p.A.",700.00,0.3500000000,0.8000000000,A\n'
        "C,Gamma,190.00,0.0950000000,0.8950000000,B\n"
        "E,Epsilon,150.00,0.0750000000,0.9700000000,B\n"
        "D,Delta,50.00,0.0250000000,0.9950000000,C\n"
        "F,Phi,10.00,0.0050000000,1.0000000000,C\n"
    )


def test_csv_name_is_empty_without_a_name_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("cliente;importo\nX;1,5\nY;-0,001\n")
    code, out, _ = run(capsys, str(path), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [
        HEADER.split(","),
        ["X", "", "1.50", "1.0000000000", "1.0000000000", "A"],
        ["Y", "", "0.00", "0.0000000000", "1.0000000000", "C"],  # never "-0.00"
    ]


def test_json_has_summary_concentration_and_customers(
    revenue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, str(revenue), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["method"] == "revenue" and doc["thresholds"] == [80.0, 95.0]
    assert doc["columns"] == {
        "customer": "Customer ID",
        "name": "Customer name",
        "amount": "Net amount",
        "date": "Invoice date",
        "currency": None,
        "quantity": None,
        "price": None,
        "discount": None,
        "document_type": None,
    }
    assert doc["amount_from"] == "Net amount"
    assert doc["credit_notes"] == {"lines": 0, "total": 0}
    assert doc["without_customer"] == {"lines": 0, "revenue": 0}
    assert doc["customer_count"] == 6 and doc["total_revenue"] == 2000.0
    a, b, c = doc["summary"]
    assert (a["class"], a["customers"], a["revenue"], a["revenue_share"]) == ("A", 2, 1600.0, 0.8)
    assert (b["customers"], b["revenue_share"], b["textbook_revenue_share"]) == (2, 0.17, 0.15)
    assert c["customers"] == 2 and "less costly" in c["meaning"]
    assert doc["concentration"] == {
        "top1": 0.45,
        "top10": 1.0,
        "top20pct": 0.8,
        "top20pct_customers": 2,
    }
    assert doc["pareto"][0] == [0.0, 0.0] and doc["pareto"][-1] == [1.0, 1.0]
    assert doc["customers"][0] == {
        "rank": 1,
        "customer": "B",
        "name": "Beta",
        "revenue": 900.0,
        "share": 0.45,
        "cumulative_share": 0.45,
        "class": "A",
    }
    assert "migration" not in doc and "apply" not in doc


def test_table_shows_real_beside_textbook_with_meanings(
    revenue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, str(revenue))
    assert code == 0
    assert "Method: revenue (A up to 80% of revenue, B up to 95%, C the rest)" in out
    a_line = next(line for line in out.splitlines() if line.startswith("A "))
    assert "33.3%" in a_line and "1,600.00" in a_line and "80.0%" in a_line
    assert "20% / 80%" in a_line
    assert "A  strategic: do not reduce the service level" in out
    assert "B  intermediate: investigate their potential" in out
    assert "C  not to be neglected, but serve them in a less costly way" in out
    assert "Concentration: the top customer makes 45.0% of revenue, the top 6 make 100.0%," in out
    assert "the top 20% (2 customers) make 80.0% (textbook: 80%)." in out
    assert "Top 6 of 6 customers" in out


def test_top_limits_the_customers(revenue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(revenue), "--format", "csv", "--top", "2")
    assert out.splitlines()[1:] == [
        "B,Beta,900.00,0.4500000000,0.4500000000,A",
        'A,"Alfa, S.p.A.",700.00,0.3500000000,0.8000000000,A',
    ]
    _, out, _ = run(capsys, str(revenue), "--top", "1")
    assert "Top 1 of 6 customers" in out


def test_count_method_and_custom_cutoffs(revenue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(revenue), "--format", "csv", "--method", "count")
    # n = 6: ceil(1.2) = 2 A, up to ceil(3) = 3 B
    assert [r.split(",")[-1] for r in out.splitlines()[1:]] == ["A", "A", "B", "C", "C", "C"]
    _, out, _ = run(capsys, str(revenue), "--format", "csv", "--thresholds", "40,90")
    assert [r.split(",")[-1] for r in out.splitlines()[1:]] == ["A", "B", "B", "B", "C", "C"]
    _, out, _ = run(
        capsys, str(revenue), "-o", "-", "--format=csv", "--method=count", "--quotas=50,0"
    )
    assert [r.split(",")[-1] for r in out.splitlines()[1:]] == ["A", "A", "A", "C", "C", "C"]


# -- output ----------------------------------------------------------------------------------


def test_output_writes_the_file_atomically(
    revenue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "abc.csv"
    target.parent.mkdir()
    target.write_text("old content\n")
    os.chmod(target, 0o640)
    code, out, _ = run(capsys, str(revenue), "--format", "csv", "--output", str(target))
    assert code == 0 and out == ""
    assert target.read_text().startswith(HEADER + "\nB,Beta,900.00")
    assert os.stat(target).st_mode & 0o777 == 0o640  # the file's mode is kept
    assert sorted(p.name for p in target.parent.iterdir()) == ["abc.csv"]  # no temp files
    new = tmp_path / "out" / "new.json"
    assert run(capsys, str(revenue), "--format", "json", "-o", str(new))[0] == 0
    assert json.loads(new.read_text())["customer_count"] == 6


def test_output_to_a_device_is_written_in_place(
    revenue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, str(revenue), "--format", "csv", "--output", os.devnull)[0] == 0
    assert Path(os.devnull).is_char_device()


def test_output_into_a_missing_folder_is_exit_2(
    revenue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nope" / "abc.csv"
    code, _, err = run(capsys, str(revenue), "--output", str(target))
    assert code == 2 and err.startswith(f"kamtui: {target}: cannot write")


# -- periods and migration -------------------------------------------------------------------


def test_from_and_to_restrict_the_period(revenue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, str(revenue), "--format", "json", "--from", "2023-01-01", "--to", "2023-12-31"
    )
    doc = json.loads(out)
    assert code == 0
    assert [c["customer"] for c in doc["customers"]] == ["A", "B", "C", "D"]
    assert [c["class"] for c in doc["customers"]] == ["A", "A", "B", "C"]
    assert doc["period"] == {"from": "2023-01-01", "to": "2023-12-31"}
    assert (doc["lines_used"], doc["lines_outside_period"]) == (4, 6)
    _, out, _ = run(capsys, str(revenue), "--format", "csv", "--from", "2024-02-15")
    assert out.splitlines()[1].startswith("A,")  # B's 700 of 2024-02-01 is outside


def migration_of(
    doc: dict[str, object],
) -> dict[str, tuple[str | None, str | None, str, str | None]]:
    mig = doc["migration"]
    assert isinstance(mig, dict)
    return {
        m["customer"]: (m["class_then"], m["class_now"], m["status"], m["signal"])
        for m in mig["customers"]
    }


def test_comparison_of_two_periods_flags_risk_growth_new_and_lost(
    revenue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        str(revenue),
        "--format",
        "json",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        "--compare-from",
        "2023-01-01",
        "--compare-to",
        "2023-12-31",
    )
    assert code == 0
    doc = json.loads(out)
    # 2023: A .50 (A), B .80 (A), C .95 (B), D (C); 2024: B .60 (A), A .80 (A), E .95 (B),
    # C .99 (C), F (C)
    assert migration_of(doc) == {
        "B": ("A", "A", "kept", None),
        "A": ("A", "A", "kept", None),
        "E": (None, "B", "new", None),
        "C": ("B", "C", "kept", None),
        "F": (None, "C", "new", None),
        "D": ("C", None, "lost", None),
    }
    mig = doc["migration"]
    assert (mig["new"], mig["lost"], mig["risk"], mig["growth"]) == (2, 1, 0, 0)
    assert mig["transitions"] == {"-→B": 1, "-→C": 1, "A→A": 2, "B→C": 1, "C→-": 1}
    assert mig["then"] == {"from": "2023-01-01", "to": "2023-12-31"}


def test_comparison_with_a_second_file_and_risk_and_growth(
    revenue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.csv"
    old.write_text("cliente;importo\nA;10\nZ;85\nB;5\n")  # Z was A, A was B, B was C
    code, out, _ = run(capsys, str(revenue), "--compare", str(old), "--format", "json")
    assert code == 0
    moves = migration_of(json.loads(out))
    assert moves["A"] == ("B", "A", "kept", "growth")
    assert moves["B"] == ("C", "A", "kept", "growth")
    assert moves["Z"] == ("A", None, "lost", None)  # lost: its own row, not a risk
    assert moves["E"] == (None, "B", "new", None)
    mig = json.loads(out)["migration"]
    assert (mig["new"], mig["lost"], mig["risk"], mig["growth"]) == (4, 1, 0, 2)
    _, table, _ = run(capsys, str(revenue), "--compare", str(old))
    assert "Risk (A → B/C)" not in table
    assert "Lost: 1 customer\n  Z : A → lost" in table
    assert "Growth (B/C → A): 2 customers\n  B Beta: C → A\n  A Alfa, S.p.A.: B → A\n" in table
    assert "New: 4 customers\n  C Gamma: new → B\n  E Epsilon: new → B\n" in table
    assert "Migration: all dates → all dates (4 new, 1 lost)" in table
    matrix = [line.split() for line in table.split("then \\ now")[1].splitlines()[1:5]]
    assert matrix == [
        ["A", "0", "0", "0", "1"],
        ["B", "1", "0", "0", "0"],
        ["C", "1", "0", "0", "0"],
        ["new", "0", "2", "2"],
    ]


def test_comparison_period_of_a_file_without_dates_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("customer,amount\nC1,1\n")
    code, _, err = run(capsys, str(path), "--compare-from", "2023-01-01")
    assert code == 2 and "cannot tell which column holds the date" in err


MIXED = "Cliente;Importo\nIT1;€ 1.500,00\nIT2;€ 2.000,00\nUS1;$ 1.600,00\nJP1;¥ 300.000\n"


def test_currency_keeps_one_and_says_what_was_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(MIXED, encoding="utf-8")
    code, out, err = run(capsys, str(path), "--currency", "eur")
    assert code == 0
    assert "Period: all dates · 2 lines · 2 customers · revenue 3,500.00 EUR" in out
    assert f"kamtui: {path}: left out 2 lines not in EUR (JPY 1, USD 1)\n" in err
    code, out, _ = run(capsys, str(path), "--currency", "EUR", "--format", "csv")
    assert [row[0] for row in csv.reader(io.StringIO(out))][1:] == ["IT2", "IT1"]


def test_rates_convert_into_one_currency_named_in_table_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(MIXED, encoding="utf-8")
    argv = [str(path), "--rate", "USD=0.9", "--rate", "¥=0,006"]
    code, out, err = run(capsys, *argv)
    assert code == 0
    assert "revenue 6,740.00 EUR" in out  # 1,500 + 2,000 + 1,440 + 1,800
    assert "converted 2 lines into EUR: 1 JPY = 0.006 EUR, 1 USD = 0.9 EUR" in err
    code, out, _ = run(capsys, *argv, "--format", "json")
    doc = json.loads(out)
    assert doc["currency"] == "EUR"
    assert list(doc["currency_lines"].items()) == [("EUR", 2), ("JPY", 1), ("USD", 1)]
    assert doc["rates"] == {"USD": 0.9, "JPY": 0.006}
    assert doc["total_revenue"] == 6740.0
    assert [c["customer"] for c in doc["customers"]] == ["IT2", "JP1", "IT1", "US1"]


def test_a_file_without_a_currency_says_nothing_about_it(
    revenue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, str(revenue))
    assert code == 0
    assert "· revenue 2,000.00\n" in out
    doc = json.loads(run(capsys, str(revenue), "--format", "json")[1])
    assert doc["currency"] is None and doc["currency_lines"] == {} and doc["rates"] == {}
    # named by the user
    _, out, _ = run(capsys, str(revenue), "--currency", "CHF")
    assert "· revenue 2,000.00 CHF\n" in out


def test_encoding_option_reads_a_cp1251_file_and_the_summary_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(
        "customer;name;amount\nR1;ООО Ромашка;10\nR2;Łódź;5\n".encode("cp1251", "replace")
    )
    code, out, _ = run(capsys, str(path), "--encoding", "windows-1251")
    assert code == 0
    assert f"ABC analysis of {path} (cp1251 as given, ';'-separated" in out
    assert "R1        ООО Ромашка" in out
    code, out, _ = run(capsys, str(path), "--encoding", "cp1251", "--format", "json")
    doc = json.loads(out)
    assert doc["read_as"].startswith("cp1251 as given")
    assert doc["customers"][0]["name"] == "ООО Ромашка"


# -- --apply ---------------------------------------------------------------------------------


def make_plan(ws: Workspace, name: str, ids: list[str], segment: Segment | None) -> LoadedPlan:
    loaded = ws.new_plan(name)
    assert loaded.plan is not None
    plan = copy.deepcopy(loaded.plan)
    plan.account.customer_ids = ids
    plan.account.segment = segment
    return ws.save(loaded, plan).loaded


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = Workspace.create(tmp_path / "ws")
    make_plan(ws, "Alfa", ["A"], None)  # A -> A
    make_plan(ws, "Beta", ["B"], Segment.A)  # already right: never rewritten
    make_plan(ws, "Group", ["F", "C", "nope"], Segment.A)  # best id C -> B
    make_plan(ws, "Stranger", ["X1"], Segment.B)  # not in the file: left alone
    make_plan(ws, "Empty", [], None)  # no ids
    return ws


def segment_of(ws: Workspace, plan_id: str) -> Segment | None:
    plan = read_plan(ws.root / f"{plan_id}.toml").plan
    assert plan is not None
    return plan.account.segment


def test_apply_sets_segments_and_reports(
    revenue: Path, workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name: p.read_bytes() for p in workspace.plan_paths()}
    mtimes = {p.name: p.stat().st_mtime_ns for p in workspace.plan_paths()}
    code, out, _ = run(capsys, str(revenue), "--apply", "-w", str(workspace.root))
    assert code == 0
    assert segment_of(workspace, "alfa") == Segment.A
    assert segment_of(workspace, "group") == Segment.B
    assert segment_of(workspace, "stranger") == Segment.B
    for unchanged in ("beta.toml", "stranger.toml", "empty.toml"):
        path = workspace.root / unchanged
        assert path.read_bytes() == before[unchanged]
        assert path.stat().st_mtime_ns == mtimes[unchanged]
    assert "Plans: 2 changed, 1 already right, 0 not saved, 1 with no revenue in the file" in out
    assert "alfa: - → A (customer A)" in out
    assert "group: A → B (customer C; 2 ids, revenue 200.00)" in out
    assert "Customers without a plan: A 0, B 1, C 1" in out
    assert "#4 E Epsilon (B)" in out and "#5 D Delta (C)" in out


def test_apply_report_in_json_and_on_stderr_for_csv(
    revenue: Path, workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, str(revenue), "--apply", "-w", str(workspace.root), "--format", "json"
    )
    assert code == 0
    applied = json.loads(out)["apply"]
    assert applied["changed"] == [
        {"plan": "alfa", "from": None, "to": "A", "customer": "A"},
        {"plan": "group", "from": "A", "to": "B", "customer": "C"},
    ]
    assert applied["unchanged"] == ["beta"]
    assert applied["no_revenue_in_file"] == ["stranger"]
    assert applied["no_customer_ids"] == ["empty"]
    assert applied["customers_without_plan"] == {"A": 0, "B": 1, "C": 1}
    code, out, err = run(
        capsys, str(revenue), "--apply", "-w", str(workspace.root), "--format", "csv"
    )
    assert out.startswith(HEADER) and "Plans: 0 changed, 3 already right" in err


def test_apply_refuses_comments_and_broken_plans_but_saves_the_others(
    revenue: Path, workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    alfa = workspace.root / "alfa.toml"
    alfa.write_text("# hand-written note\n" + alfa.read_text())
    commented = alfa.read_bytes()
    (workspace.root / "broken.toml").write_text('schema = 1\n[account\nname = "x"\n')
    code, out, _ = run(capsys, str(revenue), "--apply", "-w", str(workspace.root))
    assert code == 1  # some plans could not be updated
    assert alfa.read_bytes() == commented
    assert segment_of(workspace, "group") == Segment.B
    assert "NOT SAVED alfa: the file has # comments that saving would drop" in out
    assert 'set segment = "A" in [account] by hand' in out
    assert "NOT SAVED broken: broken plan:" in out


class ChangingWorkspace(Workspace):
    """A workspace whose *victim* plan is edited by someone else right after it is read."""

    victim = "alfa"

    def load_all(self) -> WorkspaceScan:
        scan = super().load_all()
        path = self.root / f"{self.victim}.toml"
        path.write_text(path.read_text().replace('name = "Alfa"', 'name = "Alfa Holding"'))
        return scan


def test_apply_refuses_a_plan_changed_on_disk_meanwhile(
    revenue: Path, workspace: Workspace
) -> None:
    result = analyse_file(revenue)
    report = apply_classes(ChangingWorkspace(workspace.root), result)
    assert [(r.plan_id, r.reason) for r in report.refused] == [
        ("alfa", "the file changed on disk since it was loaded")
    ]
    assert not report.ok
    assert 'name = "Alfa Holding"' in (workspace.root / "alfa.toml").read_text()
    assert segment_of(workspace, "alfa") is None
    assert [c.plan_id for c in report.changed] == ["group"]


def test_plan_class_is_the_class_of_its_highest_ranked_id(revenue: Path) -> None:
    result = analyse_file(revenue)
    ranks = {c: i for i, c in enumerate(result.customers["customer"])}
    verdict = plan_verdict(["D", "E", " C "], ranks, result)
    assert verdict is not None
    assert (verdict.segment, verdict.customer_id, verdict.ids_found) == (Segment.B, "C", 3)
    assert verdict.revenue == 390.0
    assert plan_verdict(["nope"], ranks, result) is None


# -- progress, imports -----------------------------------------------------------------------


def test_progress_only_on_a_terminal_for_big_files(
    revenue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _progress_for(revenue) is None  # small, and stderr is not a terminal here
    progress = _Progress(revenue)
    progress(50, 200)
    progress(51, 200)  # same percentage: not redrawn
    progress(200, 200)
    progress.clear()
    err = capsys.readouterr().err
    assert err == "\rkamtui: reading revenue.csv  25%\rkamtui: reading revenue.csv 100%\r\x1b[K"


def test_abc_help_does_not_import_pandas(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom kamtui.cli.main import main\n"
        "try:\n    main(['abc', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('PANDAS' if 'pandas' in sys.modules else 'CLEAN')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert done.stdout.strip().endswith("CLEAN"), done.stdout + done.stderr
    assert "--compare-from" in done.stdout and "--skip-bad-rows" in done.stdout


# -- the sample data -------------------------------------------------------------------------

needs_sample = pytest.mark.skipif(
    not (SAMPLE_REVENUE.is_file() and any(SAMPLE.glob("*.toml"))),
    reason="sample_data/revenue.csv and sample_data/workspace are not there",
)


@needs_sample
def test_the_sample_revenue_file_is_analysed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(SAMPLE_REVENUE))
    assert code == 0, err
    assert "';'-separated, numbers like 1.234,56" in out
    assert "Class  Customers" in out and "Concentration:" in out
    code, out, _ = run(capsys, str(SAMPLE_REVENUE), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == HEADER.split(",")
    assert {r[5] for r in rows[1:]} == {"A", "B", "C"}
    assert float(rows[-1][2]) <= 0  # the customer that nets to a negative total is last


@needs_sample
def test_apply_on_a_copy_of_the_sample_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = Workspace(tmp_path / "ws")
    shutil.copytree(SAMPLE, ws.root)
    expected = {lp.id: lp.plan.account.segment for lp in ws.load_all().plans if lp.plan}
    for loaded in ws.load_all().plans:  # wipe every segment, then let --apply set them again
        assert loaded.plan is not None
        plan = copy.deepcopy(loaded.plan)
        plan.account.segment = None
        ws.save(loaded, plan)
    code, out, err = run(capsys, str(SAMPLE_REVENUE), "--apply", "-w", str(ws.root))
    assert code == 0, err
    after = {lp.id: lp.plan.account.segment for lp in ws.load_all().plans if lp.plan}
    assert all(segment is not None for segment in after.values())
    # every plan that had a class gets the same one back from the revenue
    assert {k: v for k, v in after.items() if expected[k] is not None} == {
        k: v for k, v in expected.items() if v is not None
    }
    assert f"Plans: {len(after)} changed, 0 already right, 0 not saved" in out
