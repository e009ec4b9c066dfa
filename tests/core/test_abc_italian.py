"""The ABC analysis in Italian (issue 11, docs/italian.md): ``kamtui abc``'s report with
Italian numbers and dates, the classes' meanings in the method's own words, and what
``--apply`` did; the same result in English is unchanged (tests/core/test_abc_lines.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kamtui.abc.analysis import AbcOptions, AbcParams, AbcResult, Method, Period, analyse_file
from kamtui.abc.apply import ApplyReport, PlanChange, PlanRefusal, PlanVerdict
from kamtui.abc.lines import Span, header_lines, migration_lines, plain, summary_lines
from kamtui.abc.report import render_apply, render_table
from kamtui.abc.revenue import RevenueFileError
from kamtui.plan.model import Segment
from kamtui.text import i18n

# A 1,700.50, B 900, C 190, E 150, D 50, F -10; then: A 10, Z 85, B 5
NOW = (
    "customer,name,amount,date\nA,Alfa,1700.5,2026-01-05\nB,Beta,900,2026-02-01\n"
    "C,Gamma,190,2026-03-01\nD,Delta,50,2026-03-02\nE,Eps,150,2026-03-03\nF,Phi,-10,2026-03-04\n"
)
THEN = "customer,amount\nA,10\nZ,85\nB,5\n"


@pytest.fixture
def italian() -> None:
    i18n.set_language("it")


def analyse(tmp_path: Path, options: AbcOptions | None = None) -> AbcResult:
    path = tmp_path / "now.csv"
    path.write_text(NOW, encoding="utf-8")
    return analyse_file(path, options or AbcOptions())


def compared(tmp_path: Path) -> AbcResult:
    old = tmp_path / "then.csv"
    old.write_text(THEN, encoding="utf-8")
    return analyse(tmp_path, AbcOptions(compare_file=old))


@pytest.mark.usefixtures("italian")
def test_the_report_speaks_italian_with_italian_numbers(tmp_path: Path) -> None:
    table = render_table(compared(tmp_path), top=3).splitlines()
    assert table[1] == "Periodo: tutte le date · 6 righe · 6 clienti · fatturato 2.990,50"
    assert table[2] == (
        "Metodo: fatturato (A: fino a 80% del fatturato cumulato, B: fino a 95%, C: il resto)"
    )
    assert table[4].split() == ["Classe", "Clienti", "Fatturato", "Riferimento"]
    assert table[5].split() == ["A", "2", "40,0%", "2.600,50", "87,0%", "20%", "/", "80%"]
    assert table[8] == (
        "C comprende anche 1 cliente con fatturato ≤ 0 (totale -10,00), escluso dalle quote."
    )
    assert "Primi 3 su 6 clienti" in table
    assert table[table.index("Primi 3 su 6 clienti") + 2].split() == [
        "1", "A", "Alfa", "1.700,50", "56,9%", "56,9%", "A"
    ]  # fmt: skip
    assert "Concentrazione: primo cliente: 56,9% del fatturato, primi 5: 100,0%," in table
    assert "primo 20% dei clienti (1 cliente): 56,9% (riferimento: 80%)." in table


@pytest.mark.usefixtures("italian")
def test_the_classes_mean_what_the_method_says(tmp_path: Path) -> None:
    lines = [plain(line) for line in summary_lines(analyse(tmp_path))]
    assert (
        "A  strategici: non conviene ridurre il livello di servizio; perderne uno "
        "comporterebbe seri rischi"
    ) in lines
    assert "B  intermedi: indagarne il potenziale, che potrebbe accrescere i ricavi" in lines
    assert "C  non vanno trascurati, ma gestiti in modo meno dispendioso" in lines


def test_the_json_keeps_english_whatever_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--format json`` is machine output: the same bytes in Italian (its values too: the
    file's layout, the meanings), and the language is Italian again afterwards."""
    from kamtui.cli.main import main

    path = tmp_path / "now.csv"
    path.write_text(NOW + "G,,1.5\n", encoding="utf-8")
    outputs = []
    for lang in ("en", "it"):
        assert main(["--lang", lang, "abc", str(path), "--format", "json"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert '"read_as": "UTF-8, \',\'-separated, numbers like 1234.56' in outputs[1]
    assert '"meaning": "not to be neglected, but serve them in a less costly way"' in outputs[1]
    assert i18n.language() == "it"
    assert any("strategici" in plain(line) for line in summary_lines(analyse(tmp_path)))


def test_a_result_shows_in_the_language_in_use_when_shown(tmp_path: Path) -> None:
    """The meanings and the words of a result made in English show in Italian after a switch
    (the app switches live): they are translated when shown, not when analysed."""
    result = analyse(tmp_path)
    i18n.set_language("it")
    assert "C  non vanno trascurati, ma gestiti in modo meno dispendioso" in [
        plain(line) for line in summary_lines(result)
    ]


@pytest.mark.usefixtures("italian")
def test_the_migration_in_italian_keeps_its_roles(tmp_path: Path) -> None:
    result = compared(tmp_path)
    assert result.migration is not None
    lines = migration_lines(result.migration, 3)
    texts = [plain(line) for line in lines]
    assert texts[0] == "Migrazione: tutte le date → tutte le date (nuovi: 4, persi: 1)"
    assert texts[1].split() == ["prima", "\\", "ora", "A", "B", "C", "persi"]
    assert texts[5].split() == ["nuovi", "0", "2", "2"]
    assert "Crescita (B/C → A): 2 clienti" in texts
    assert texts[-2:] == ["Persi: 1 cliente", "  Z : A → perso"]
    assert "  C Gamma: nuovo → B" in texts and "  … e altri 1" in texts
    spans = {span for line in lines for span in line}
    assert Span("Crescita (B/C → A):", "growth") in spans
    assert Span("Migrazione:", "heading") in spans and Span("4", "number") in spans


@pytest.mark.usefixtures("italian")
def test_a_period_and_its_error_in_italian_dates(tmp_path: Path) -> None:
    period = Period(dt.date(2026, 2, 1), dt.date(2026, 3, 2))
    result = analyse(tmp_path, AbcOptions(period=period))
    table = render_table(result).splitlines()
    assert table[1].startswith("Periodo: dal 01/02/2026 al 02/03/2026 · 3 righe · 3 clienti")
    with pytest.raises(RevenueFileError) as caught:
        analyse(tmp_path, AbcOptions(period=Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))))
    assert str(caught.value).endswith(
        "now.csv: nessuna riga di fatturato nel periodo dal 01/01/2025 al 31/12/2025 "
        "(le date vanno dal 05/01/2026 al 04/03/2026)"
    )


@pytest.mark.usefixtures("italian")
def test_the_method_by_counts_and_a_wrong_cut_off_in_italian() -> None:
    assert AbcParams().describe().startswith("fatturato (A: fino a 80%")
    count = AbcParams(method=Method.COUNT, quotas=(20.0, 32.5))
    assert count.describe() == (
        "numero di clienti (A: primo 20% dei clienti, B: successivo 32,5%, C: restante 47,5%)"
    )
    with pytest.raises(ValueError, match="le soglie devono rispettare 0 < A <= B <= 100"):
        AbcParams(thresholds=(90.0, 80.5))


@pytest.mark.usefixtures("italian")
def test_what_apply_did_in_italian() -> None:
    verdict = PlanVerdict(Segment.A, "C1", 2, 1234.5)
    report = ApplyReport(
        changed=[PlanChange("acme", Path("acme.toml"), Segment.B, verdict)],
        unchanged=["beta"],
        refused=[PlanRefusal("gamma", Path("gamma.toml"), "conflitto")],
        unplanned_by_class={Segment.A: 1, Segment.B: 0, Segment.C: 2},
    )
    assert render_apply(report).splitlines() == [
        "Piani: modificati 1, già corretti 1, non salvati 1, senza fatturato nel file 0",
        "  acme: B → A (cliente C1; 2 codici, fatturato 1.234,50)",
        "  NON SALVATO gamma: conflitto",
        "Clienti senza piano: A 1, B 0, C 2",
    ]


def test_the_file_s_layout_follows_a_live_switch(tmp_path: Path) -> None:
    """The app may switch language while it shows a result read in English: the file's
    description (separator, numbers, dates) is worded again when shown; stored and compared,
    it is the text first said."""
    path = tmp_path / "r.csv"
    path.write_text("Cliente\tData\tImporto\nC1\t01/02/2024\t1.234,50\n", encoding="utf-8")
    result = analyse_file(path, AbcOptions(period=Period(dt.date(2024, 1, 1))))
    assert result.source is not None
    english = "UTF-8, tab-separated, numbers like 1.234,56, dates dd/mm/yyyy (assumed: "
    assert result.source.layout.startswith(english)
    i18n.set_language("it")
    assert f"{result.source.layout}".startswith(
        "UTF-8, separato da tabulazione, numeri come 1.234,56, date gg/mm/aaaa (presunto: "
    )
    first = plain(header_lines(result)[0])
    assert first == f"Analisi ABC di {path} ({result.source.layout})"
    assert result.source.layout.startswith(english)  # the text first said, as a str
