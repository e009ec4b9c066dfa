"""``kamtui abc`` in Italian (issue 11): a revenue file that cannot be used is named with the
row of each problem, what reading found goes to stderr in Italian, the help of the reading
options; the report itself is tested in tests/core/test_abc_italian.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtui.abc.revenue import ReadOptions, RevenueFileError, read_revenue
from kamtui.cli.main import main
from kamtui.text import i18n

BAD = "customer;amount\nC1;10\nC2;abc\nC3;5\n;7\nC4;\nC5;1,2,3\nC6;8\n"


def abc(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "it", "abc", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_file_with_bad_rows_is_refused_naming_the_file_and_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fatturato.csv"
    path.write_text(BAD, encoding="utf-8")
    code, out, err = abc(capsys, str(path))
    assert (code, out) == (2, "")
    assert err == (
        f"kamtui: {path}: 3 delle 7 righe non sono utilizzabili: riga 3: l'importo non è un "
        "numero (amount = 'abc'); riga 6: nessun importo (amount = ''); riga 7: l'importo non "
        "è un numero (amount = '1,2,3'). Correggerle, oppure indicare --skip-bad-rows per "
        "escluderle\n"
    )


def test_what_reading_found_is_said_in_italian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fatturato.csv"
    path.write_text(BAD, encoding="utf-8")
    code, out, err = abc(capsys, str(path), "--skip-bad-rows")
    assert code == 0
    assert err.startswith(f"kamtui: {path}: righe escluse: 3 delle 7 righe non sono ")
    lines = out.splitlines()
    assert lines[0] == f"Analisi ABC di {path} (UTF-8, separato da ';', numeri come 1234.56)"
    assert lines[2] == "Senza cliente: 1 riga, fatturato 7,00, esclusa dall'analisi"


def test_a_columns_problem_names_the_role_in_italian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Cliente,Data,Importo\nC1,2024-01-05,5\n", encoding="utf-8")
    code, _, err = abc(capsys, str(path), "--customer", "Codice")
    assert code == 2
    assert err == (
        f"kamtui: {path}: nessuna colonna 'Codice' (indicata con --customer); le colonne sono: "
        "'Cliente', 'Data', 'Importo'\n"
    )


def test_the_row_of_an_error_in_italian() -> None:
    i18n.set_language("it")
    error = RevenueFileError(Path("vendite.csv"), "attesi 2 campi ma trovati 3", row=1204)
    assert str(error) == "vendite.csv: riga 1204: attesi 2 campi ma trovati 3"


def test_dates_assumed_day_first_in_italian(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Cliente;Data;Importo\nC1;01/02/2024;1.234,50\n", encoding="utf-8")
    i18n.set_language("it")
    data = read_revenue(path, ReadOptions(need_dates=True))
    assert data.layout == (
        "UTF-8, separato da ';', numeri come 1.234,56, date gg/mm/aaaa (presunto: indicare "
        "--monthfirst per mm/gg/aaaa)"
    )


def test_the_help_of_the_reading_options_in_italian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "it", "abc", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "analisi ABC di un'esportazione del fatturato" in out
    assert "la colonna del codice cliente (predefinita: dedotta dall'intestazione" in out
    assert "lettura del file:" in out and "l'analisi:" in out
