"""``kamtui measure`` in Italian (issue 11): the proposal's table with Italian dates, numbers,
periods and outcomes, the question a terminal answers with s/sì, what was written; the plan
files keep the English values (the check-in's source says ``rolling-12m``)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from kamtui.abc.measure import Outcome, Proposal
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
from kamtui.text import i18n

REVENUE = ROOT / "tests" / "data" / "measure" / "revenue.csv"
D = dt.date


def measured(unit: str, period: MeasurePeriod, **kw: Any) -> Objective:
    return Objective(
        title="Fatturato", unit=unit, source=MeasureSource.REVENUE, period=period, **kw
    )


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """As tests/cli/test_measure_cli.py: Acme (C1) rolling 12 months in k€ and a quarter with
    a hand check-in on the file's last date; Beta (C2) a calendar year in €, one in $."""
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
                        "€", MeasurePeriod.QUARTER, current=390, checkins={D(2026, 11, 30): 390}
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
                    "usd": measured("$", MeasurePeriod.CALENDAR_YEAR),
                }
            ),
        ),
    ]
    for plan in plans:
        (root / f"{plan.id}.toml").write_text(dumps_plan(plan), encoding="utf-8")
    return root


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(capsys: pytest.CaptureFixture[str], ws: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "it", "-w", str(ws), "measure", str(REVENUE), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_proposal_in_italian(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, err = run(capsys, ws)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Obiettivi misurati da revenue.csv, periodi fino al 30/11/2026:"
    assert lines[1].split() == ["Account", "Obiettivo", "Periodo", "Valore", "Esito"]
    rows = [" ".join(line.split()) for line in lines[2:6]]
    assert rows == [
        "Acme S.p.A. Fatturato ultimi 12 mesi (dal 01/12/2025) 5,80 k€ aggiungere",
        "Acme S.p.A. Fatturato trimestre (dal 01/10/2026) 400 € "
        "saltare: rilevazione inserita a mano in quella data",
        "Beta Fatturato anno solare (dal 01/01/2026) 1.235 € aggiungere",
        "Beta Fatturato anno solare (dal 01/01/2026) — unità di misura sconosciuta "
        "($; usare €, k€, M€)",
    ]
    assert "2 rilevazioni da scrivere in 2 piani, in data 30/11/2026." in out
    assert err.startswith(
        f"kamtui: {REVENUE}: tipi di documento in 'Document type': Invoice 7 righe, "
        "Credit note 1 riga (note di credito)\n"
    )
    assert err.endswith(
        "\nkamtui: nulla è stato scritto (nessun terminale su cui confermare: eseguire di nuovo "
        "con --yes per scrivere).\n"
    )


@pytest.mark.parametrize("answer", ["s\n", "sì\n", "y\n"])
def test_a_terminal_is_asked_in_italian_and_answered_si(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, ws: Path, answer: str
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    code, out, err = run(capsys, ws)
    assert code == 0
    assert "Scrivere 2 rilevazioni in 2 piani? [s/N] " in err
    assert out.endswith("Scritte 2 rilevazioni in 2 piani.\n")
    acme = read_plan(ws / "acme.toml").plan
    assert acme is not None  # the file keeps the English value of the period
    assert acme.where_to_go.objectives["rolling"].checkin_sources == {
        D(2026, 11, 30): "revenue.csv, rolling-12m"
    }


def test_the_json_is_the_same_in_italian(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    """Machine output: keys and values in English (outcomes, their text, why nothing was
    written), byte for byte what the English run prints."""
    code, italian, _ = run(capsys, ws, "--format", "json")
    assert code == 0
    assert main(["--lang", "en", "-w", str(ws), "measure", str(REVENUE), "--format", "json"]) == 0
    assert capsys.readouterr().out == italian
    doc = json.loads(italian)
    first = doc["objectives"][0]
    assert (first["period"], first["outcome"], first["text"]) == ("rolling-12m", "add", "add")
    assert doc["not_written"] == "no terminal to confirm on: run again with --yes to write"


def test_a_proposal_made_in_english_shows_in_italian_after_a_switch() -> None:
    """The app switches language live: a proposal's words are translated when shown."""
    proposal = Proposal(
        "acme", "Acme", "usd", "Fatturato", MeasurePeriod.QUARTER, "$", D(2026, 11, 30),
        D(2026, 10, 1), Outcome.OTHER_CURRENCY,
        detail="the objective is in {objective}, the revenue in {revenue}",
        detail_values=(("objective", "USD"), ("revenue", "EUR")),
    )  # fmt: skip
    assert (
        proposal.text
        == "skip: unit in another currency (the objective is in USD, the revenue in EUR)"
    )
    i18n.set_language("it")
    assert proposal.text == (
        "saltare: unità di misura in un'altra valuta (l'obiettivo è in USD, il fatturato in EUR)"
    )
