"""Hostile input for ``kamtui abc``: every unusable file stops with exit code 2 and a message
that names the file (and the row, or the columns that do exist), never a traceback."""

from __future__ import annotations

import copy
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kamtui.abc.revenue import SAMPLE_BYTES, ReadOptions, RevenueFileError, read_revenue
from kamtui.cli.main import main
from kamtui.store.workspace import Workspace
from kamtui.text.safety import BIDI


def abc(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["abc", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def refuse(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> str:
    """Run ``kamtui abc path ...``: it must exit 2 with ``kamtui: path: ...``; the message."""
    code, out, err = abc(capsys, str(path), *argv)
    assert code == 2, (out, err)
    assert out == ""
    assert err.startswith(f"kamtui: {path}: "), err
    assert "Traceback" not in err
    return err


# -- columns ---------------------------------------------------------------------------------


def test_a_missing_column_names_the_columns_that_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Cliente;Importo;Note\nC1;1;x\n")
    err = refuse(capsys, path, "--amount", "Fatturato")
    assert "no column 'Fatturato' (given with --amount)" in err
    assert "the columns are: 'Cliente', 'Importo', 'Note'" in err


def test_an_unguessable_column_asks_for_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Cliente,Colore,Note\nC1,rosso,2\n")
    err = refuse(capsys, path)
    assert "cannot tell which column holds the amount" in err
    assert "'Cliente', 'Colore', 'Note'" in err and "--amount COLUMN" in err
    assert "--quantity COLUMN --price COLUMN" in err  # the other way to an amount


@pytest.mark.parametrize(
    ("header", "candidates", "option"),
    [
        ("Customer,Amount,Revenue", "'Amount', 'Revenue'", "--amount"),
        ("Cliente,Account,Importo", "'Cliente', 'Account'", "--customer"),
        ("Cliente,Fatturato 2023,Fatturato 2024", "'Fatturato 2023', 'Fatturato 2024'", "--amount"),
    ],
)
def test_an_ambiguous_guess_stops_and_lists_the_candidates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, candidates: str, option: str
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(header + "\nC1,1,2\n")
    err = refuse(capsys, path)
    assert "more than one column could hold the" in err
    assert candidates in err and f"Choose one with {option} COLUMN" in err


def test_ambiguity_is_resolved_by_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Customer,Amount,Revenue\nC1,1,2\n")
    code, out, _ = abc(capsys, str(path), "--amount", "Revenue", "--format", "csv")
    assert code == 0 and "C1,,2.00," in out


def test_an_ambiguous_date_only_matters_when_a_period_is_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Customer,Order date,Invoice date,Amount\nC1,2024-01-01,2024-01-02,5\n")
    assert abc(capsys, str(path))[0] == 0
    err = refuse(capsys, path, "--from", "2024-01-01")
    assert "'Order date', 'Invoice date'" in err and "--date COLUMN" in err


def test_a_period_without_a_date_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Customer,Amount\nC1,5\n")
    err = refuse(capsys, path, "--to", "2024-12-31")
    assert "cannot tell which column holds the date" in err


def test_a_period_with_no_lines_says_where_the_dates_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Customer,Date,Amount\nC1,2024-01-05,5\nC2,2024-03-01,5\n")
    err = refuse(capsys, path, "--from", "2025-01-01")
    assert "no revenue lines from 2025-01-01 to …" in err
    assert "the dates run from 2024-01-05 to 2024-03-01" in err


# -- bad rows --------------------------------------------------------------------------------


BAD = "customer;amount\nC1;10\nC2;abc\nC3;5\n;7\nC4;\nC5;1,2,3\nC6;8\n"


def test_bad_amounts_are_counted_with_row_numbers_and_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(BAD)
    err = refuse(capsys, path)
    assert "3 of 7 rows cannot be used" in err  # row 5 has an amount: counted apart
    assert "row 3: the amount is not a number (amount = 'abc')" in err
    assert "row 5" not in err
    assert "row 6: no amount (amount = '')" in err
    assert "row 7: the amount is not a number (amount = '1,2,3')" in err
    assert "--skip-bad-rows" in err


def test_skip_bad_rows_leaves_them_out_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(BAD)
    code, out, err = abc(capsys, str(path), "--skip-bad-rows", "--format", "csv")
    assert code == 0
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["C1", "C6", "C3"]
    assert f"kamtui: {path}: left out 3 of 7 rows cannot be used" in err


def test_a_few_bad_rows_in_a_big_file_are_tolerated_with_a_warning(tmp_path: Path) -> None:
    rows = "".join(f"C{i},{i}\n" for i in range(2000))
    path = tmp_path / "r.csv"
    path.write_text("customer,amount\n" + rows + "C9,oops\n")
    data = read_revenue(path)
    assert data.bad_rows == 1
    assert data.notes == [
        "left out 1 of 2001 rows cannot be used: row 2002: the amount is not a number "
        "(amount = 'oops')"
    ]


def test_every_row_bad_is_an_error_even_when_skipping(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("customer,amount\nC1,x\nC2,y\n")
    with pytest.raises(RevenueFileError, match="2 of 2 rows cannot be used"):
        read_revenue(path, ReadOptions(skip_bad_rows=True))


def test_bad_dates_are_bad_rows_when_dates_are_needed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("customer,date,amount\nC1,2024-01-01,1\nC2,31/02/2024,1\nC3,,1\n")
    err = refuse(capsys, path, "--from", "2024-01-01")
    assert "row 3: not a date (date = '31/02/2024')" in err
    assert "row 4: no date (date = '')" in err


def test_a_row_with_too_many_fields_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("customer,name,amount\nC1,x,1\nC2,Rossi, Bianchi,2\nC3,z,3\n")
    err = refuse(capsys, path)
    assert "1 of 3 rows cannot be used" in err
    assert "row 3: more fields than the header (an unquoted delimiter?) (extra field = '2')" in err


# -- not a revenue file ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\n \r\n\t\n", "the file is empty"),
        (b"\xef\xbb\xbf", "the file is empty"),
        (b"customer,amount\n", "has a header row but no revenue rows"),
        (b"customer,amount\n\n,\n", "has a header row but no revenue rows"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file (binary data at byte 8)"),
        (bytes(range(1, 9)) * 50, "not a text file (it is full of control bytes)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel .xls workbooks"),
        (b"just one column\nof words\n", "found a single column"),
    ],
    ids=[
        "empty",
        "blank",
        "bom-only",
        "header-only",
        "blank-rows",
        "png",
        "controls",
        "xls",
        "1col",
    ],
)
def test_files_that_are_not_revenue_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "revenue.csv"
    path.write_bytes(content)
    assert message in refuse(capsys, path)


def test_blank_rows_past_the_sniffed_sample(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("customer,amount\n" + ",\n" * (SAMPLE_BYTES // 2 + 10))
    with pytest.raises(RevenueFileError, match="has a header row but no revenue rows"):
        read_revenue(path)


def test_a_text_file_named_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "revenue.xlsx"
    path.write_text("customer,amount\nC1,1\n")
    assert "has an Excel extension but is not an Excel workbook" in refuse(capsys, path)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "revenue.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "not a readable Excel .xlsx workbook" in refuse(capsys, path)


def test_a_missing_sheet_lists_the_sheets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "Vendite"
    book.save(tmp_path / "r.xlsx")
    err = refuse(capsys, tmp_path / "r.xlsx", "--sheet", "Fatturato")
    assert "no sheet 'Fatturato'; the sheets are: 'Vendite'" in err


def test_missing_file_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "no such file" in refuse(capsys, tmp_path / "nope.csv")
    assert "is a folder" in refuse(capsys, tmp_path)


def test_a_missing_comparison_file_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("customer,amount\nC1,1\n")
    code, _, err = abc(capsys, str(path), "--compare", str(tmp_path / "old.csv"))
    assert code == 2 and err == f"kamtui: {tmp_path / 'old.csv'}: no such file\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--thresholds", "95,80"], "thresholds must satisfy 0 < A <= B <= 100"),
        (["--quotas", "60,50"], "quotas must be >= 0 and add up to at most 100"),
    ],
)
def test_bad_parameters_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("customer,amount\nC1,1\n")
    code, _, err = abc(capsys, str(path), *argv)
    assert code == 2 and message in err


def test_malformed_option_values_exit_2(tmp_path: Path) -> None:
    bad = (["--thresholds", "eighty"], ["--from", "01/02/2024"], ["--top", "x"], ["--top=-1"])
    for argv in bad:
        with pytest.raises(SystemExit) as exc:
            main(["abc", str(tmp_path / "r.csv"), *argv])
        assert exc.value.code == 2


# -- currencies ------------------------------------------------------------------------------

MIXED = (
    "Cliente;Importo\n"
    "IT1;€ 1.000,00\nIT1;€ 500,00\nIT2;€ 2.000,00\n"
    "US1;$ 1.500,00\nUS1;$ 100,00\n"
    "JP1;¥ 300.000\n"
    "UK1;£ 800,00\n"
)


def test_mixed_currencies_stop_and_list_each_with_its_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(MIXED, encoding="utf-8")
    for fmt in ("table", "csv", "json"):
        err = refuse(capsys, path, "--format", fmt)
        assert "amounts in more than one currency: EUR 3 lines, USD 2 lines, GBP 1 line, " in err
        assert "JPY 1 line. Analyse one with --currency CODE" in err


def test_a_currency_column_mix_stops_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("CustomerID,Amount,CurrencyCode\nC1,10,EUR\nC2,5,JPY\n")
    assert "EUR 1 line, JPY 1 line" in refuse(capsys, path)


def test_a_currency_mix_message_copies_no_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text('customer,amount,currency\nC1,10,EUR\nC2,5,"US\x1b[2JD"\n')
    err = refuse(capsys, path)
    assert "EUR 1 line, US␛[2JD 1 line" in err
    assert not CONTROLS.findall(err.rstrip("\n")), err


def test_two_currency_columns_ask_for_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Customer,Amount,Currency,Valuta\nC1,10,EUR,USD\nC2,5,EUR,USD\n")
    err = refuse(capsys, path)
    assert "more than one column could hold the currency: 'Currency', 'Valuta'" in err
    assert "--currency-column COLUMN" in err
    code, out, _ = abc(capsys, str(path), "--currency-column", "valuta")
    assert code == 0 and "revenue 15.00 USD" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--rate", "USD"], "expected CODE=FACTOR"),
        (["--rate", "USD=abc"], "expected CODE=FACTOR"),
        (["--rate", "USD=0"], "a factor above 0"),
        (["--rate", "USD=-2"], "a factor above 0"),
        (["--rate", "USD=inf"], "a factor above 0"),
        (["--rate", "=2"], "expected CODE=FACTOR"),
        (["--currency", " "], "expected a currency code"),
    ],
)
def test_malformed_currency_options_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["abc", str(tmp_path / "r.csv"), *argv])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_an_unknown_encoding_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("customer,amount\nC1,1\n")
    for name in ("klingon", "base64"):  # base64 is a codec, but not of text
        with pytest.raises(SystemExit) as exc:
            main(["abc", str(path), "--encoding", name])
        assert exc.value.code == 2
        assert f"argument --encoding: unknown encoding: {name!r}" in capsys.readouterr().err


def test_terminal_escapes_in_names_do_not_reach_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text('customer,name,amount\nC1,"Evil\x1b[2J\x1b]52;c;aGk=\x07 S.p.A.",5\n')
    code, out, _ = abc(capsys, str(path))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "Evil␛[2J" in out


CONTROLS = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI}]")
"""What no output may hold: every control character (a line break only between lines)."""
HOSTILE_KEY = "K\x1b[31m\x9b2J\u202e"
HOSTILE_NAME = "Evil\x07\x7f\tName\x1b]52;c;aGk=\x07"


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_no_output_copies_a_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """Keys, names, header labels and plan ids with escapes, in the summary, the customers, the
    migration and the --apply report: replaced by placeholders in the table and the CSV, escaped
    in the JSON (which keeps them exactly)."""
    now = tmp_path / "now.csv"
    now.write_text(
        f'customer\x9b,name,amount,"Note\x1b[2J"\n"{HOSTILE_KEY}","{HOSTILE_NAME}",50,x\n'
        'K2,"Plain",40,y\nN\x9b,"New\u202eone",10,z\n',
        encoding="utf-8",
    )
    then = tmp_path / "then.csv"
    then.write_text(f'customer,amount\n"{HOSTILE_KEY}",5\nK2,50\nL\x1b,40\n', encoding="utf-8")
    ws = Workspace.create(tmp_path / "ws")
    loaded = ws.new_plan("Evil\x1b plan")
    assert loaded.plan is not None
    plan = copy.deepcopy(loaded.plan)
    plan.account.customer_ids = ["K2"]
    ws.save(loaded, plan)
    argv = [str(now), "--compare", str(then), "--apply", "-w", str(ws.root), "--format", fmt]
    code, out, err = abc(capsys, *argv)
    assert code == 0, err
    assert not CONTROLS.findall(out), out
    assert not CONTROLS.findall(err), err
    if fmt == "json":
        doc = json.loads(out)
        assert [c["customer"] for c in doc["customers"]] == [HOSTILE_KEY, "K2", "N\x9b"]
        assert doc["customers"][0]["name"] == HOSTILE_NAME
        assert doc["columns"]["customer"] == "customer\x9b"
        assert {m["customer"] for m in doc["migration"]["customers"]} >= {"L\x1b", "N\x9b"}
    else:
        assert "K␛[31m" in out
