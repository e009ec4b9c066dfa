"""Currencies in a revenue file: amounts in more than one currency are never added together.

A currency is stated by a symbol or an ISO code in the amount (``€ 1.234,56``, ``1,234.56 USD``),
by a currency column (``Currency``, ``Valuta``, ``Divisa``, ``CurrencyCode``) or by the amount
column's label (``Importo (EUR)``); a line that states none is in the currency of the analysis.
With more than one stated, reading stops with each currency's line count, unless ``currency``
keeps one of them or ``rates`` convert them into one (docs/abc.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from kamtui.abc.analysis import AbcOptions, Period, analyse_file, customer_totals
from kamtui.abc.revenue import ReadOptions, RevenueData, RevenueFileError, read_revenue


def write(tmp_path: Path, text: str, name: str = "r.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def totals(data: RevenueData) -> dict[str, float]:
    frame = customer_totals(data.lines)
    return {c: round(r, 6) for c, r in zip(frame["customer"], frame["revenue"], strict=True)}


# The case: a yen customer is the biggest by far when yen are added to euros.
MIXED = (
    "Cliente;Importo\n"
    "IT1;€ 1.000,00\nIT1;€ 500,00\nIT2;€ 2.000,00\n"
    "US1;$ 1.500,00\nUS1;$ 100,00\n"
    "JP1;¥ 300.000\n"
    "UK1;£ 800,00\n"
)


def test_symbols_of_one_currency_name_it(tmp_path: Path) -> None:
    data = read_revenue(write(tmp_path, "Cliente;Importo\nC1;€ 1.234,56\nC2;€ 10,00\n"))
    assert data.currency == "EUR"
    assert data.currency_lines == {"EUR": 2}
    assert totals(data) == {"C1": 1234.56, "C2": 10.0}


def test_no_currency_stated_is_no_currency(tmp_path: Path) -> None:
    data = read_revenue(write(tmp_path, "customer,amount\nC1,5\nC2,7.5\n"))
    assert data.currency is None
    assert data.currency_lines == {}


def test_mixed_symbols_stop_with_each_currency_and_its_lines(tmp_path: Path) -> None:
    with pytest.raises(RevenueFileError) as exc:
        read_revenue(write(tmp_path, MIXED))
    message = str(exc.value)
    assert message.startswith(f"{tmp_path / 'r.csv'}: amounts in more than one currency: ")
    assert "EUR 3 lines, USD 2 lines, GBP 1 line, JPY 1 line" in message
    assert "--currency CODE" in message and "--rate CODE=FACTOR" in message


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        (["EUR 1.234,56", "USD 2.000,00"], "EUR 1 line, USD 1 line"),
        (["1,234.56 USD", "99.00 chf"], "CHF 1 line, USD 1 line"),
        (["PLN 10", "10 zł", "CZK 5"], "PLN 2 lines, CZK 1 line"),
        (["US$ 5", "C$ 5", "$ 5"], "USD 2 lines, CAD 1 line"),
    ],
)
def test_iso_codes_and_symbols_in_amounts(
    tmp_path: Path, amounts: list[str], expected: str
) -> None:
    rows = "".join(f'C{i},"{a}"\n' for i, a in enumerate(amounts))
    with pytest.raises(RevenueFileError, match=expected):
        read_revenue(write(tmp_path, "customer,amount\n" + rows))


def test_amounts_without_a_sign_are_in_the_currency_of_the_analysis(tmp_path: Path) -> None:
    data = read_revenue(write(tmp_path, "Cliente;Importo\nC1;€ 5,00\nC2;7,00\nC3;8\n"))
    assert data.currency == "EUR"
    assert totals(data) == {"C3": 8.0, "C2": 7.0, "C1": 5.0}
    assert data.currency_lines == {"EUR": 1, "": 2}
    assert "took 2 lines that state no currency to be in EUR" in data.notes
    # with two currencies stated, they are listed (which one is the unsigned lines'?)
    path = write(tmp_path, "Cliente;Importo\nC1;€ 5,00\nC2;7,00\nC3;¥ 900\n")
    message = "EUR 1 line, JPY 1 line, no currency stated 1 line"
    with pytest.raises(RevenueFileError, match=message):
        read_revenue(path)
    data = read_revenue(path, ReadOptions(currency="EUR"))
    assert totals(data) == {"C2": 7.0, "C1": 5.0}
    assert data.notes == [
        "took 1 line that states no currency to be in EUR",
        "left out 1 line not in EUR (JPY 1)",
    ]
    data = read_revenue(path, ReadOptions(rates=(("JPY", 0.01),)))
    assert totals(data) == {"C3": 9.0, "C2": 7.0, "C1": 5.0}


@pytest.mark.parametrize("label", ["Currency", "Valuta", "Divisa", "CurrencyCode", "Currency code"])
def test_a_currency_column(tmp_path: Path, label: str) -> None:
    text = f"customer,amount,{label}\nC1,10,EUR\nC2,20,eur\nC3,30,USD\nC4,40,\n"
    with pytest.raises(
        RevenueFileError, match="EUR 2 lines, USD 1 line, no currency stated 1 line"
    ):
        read_revenue(write(tmp_path, text))
    data = read_revenue(write(tmp_path, f"customer,amount,{label}\nC1,10,EUR\nC2,20, eur \n"))
    assert data.currency == "EUR"
    assert data.columns.currency == label


@pytest.mark.parametrize("label", ["Data valuta", "Valuta"])
def test_a_value_date_is_not_a_currency_column(tmp_path: Path, label: str) -> None:
    """Italian "Data valuta", German "Valuta": value dates, not currencies."""
    text = f"Cliente;{label};Importo\nC1;01/02/2024;10\nC2;;5\n"
    data = read_revenue(write(tmp_path, text))
    assert data.columns.currency is None and data.currency is None
    assert totals(data) == {"C1": 10.0, "C2": 5.0}


def test_the_amount_label_names_the_currency(tmp_path: Path) -> None:
    data = read_revenue(write(tmp_path, "Cliente;Importo (EUR)\nC1;5\nC2;6\n"))
    assert data.currency == "EUR"
    # ... of the amounts that do not state another one
    with pytest.raises(RevenueFileError, match="EUR 1 line, USD 1 line"):
        read_revenue(write(tmp_path, "customer,Amount (EUR)\nC1,5\nC2,USD 6\n"))


def test_an_amount_in_another_currency_than_its_row_is_a_bad_row(tmp_path: Path) -> None:
    path = write(tmp_path, "customer;amount;currency\nC1;€ 5;EUR\nC2;$ 6;EUR\n")
    with pytest.raises(RevenueFileError, match=r"row 3: the amount is in USD, the currency .*EUR"):
        read_revenue(path)


# -- choosing one currency -------------------------------------------------------------------


def test_currency_keeps_only_its_lines_and_says_how_many_were_left_out(tmp_path: Path) -> None:
    data = read_revenue(write(tmp_path, MIXED), ReadOptions(currency="eur"))
    assert data.currency == "EUR"
    assert totals(data) == {"IT1": 1500.0, "IT2": 2000.0}
    assert data.currency_lines == {"EUR": 3, "USD": 2, "GBP": 1, "JPY": 1}
    assert "left out 4 lines not in EUR (USD 2, GBP 1, JPY 1)" in data.notes


def test_rates_convert_into_the_currency_without_a_rate(tmp_path: Path) -> None:
    rates = (("USD", 0.5), ("JPY", 0.01), ("£", 2.0))
    data = read_revenue(write(tmp_path, MIXED), ReadOptions(rates=rates))
    assert data.currency == "EUR"
    assert totals(data) == {
        "IT1": 1500.0,
        "IT2": 2000.0,
        "US1": 800.0,
        "JP1": 3000.0,
        "UK1": 1600.0,
    }
    assert data.rates == {"USD": 0.5, "GBP": 2.0, "JPY": 0.01}
    assert "converted 4 lines into EUR: 1 USD = 0.5 EUR, 1 GBP = 2 EUR, 1 JPY = 0.01 EUR" in (
        data.notes
    )


def test_currency_with_rates_converts_those_and_leaves_out_the_rest(tmp_path: Path) -> None:
    data = read_revenue(write(tmp_path, MIXED), ReadOptions(currency="USD", rates=(("EUR", 2),)))
    assert data.currency == "USD"
    assert totals(data) == {"IT2": 4000.0, "IT1": 3000.0, "US1": 1600.0}
    assert "left out 2 lines not in USD (GBP 1, JPY 1)" in data.notes


def test_rates_must_leave_exactly_one_currency_without_a_rate(tmp_path: Path) -> None:
    path = write(tmp_path, MIXED)
    with pytest.raises(
        RevenueFileError, match=r"no rate for EUR, GBP, JPY \(EUR 3 .*but one needs a --rate"
    ):
        read_revenue(path, ReadOptions(rates=(("USD", 0.5),)))
    every = (("USD", 0.5), ("JPY", 0.01), ("GBP", 2.0), ("EUR", 1.0))
    with pytest.raises(RevenueFileError, match=r"every currency has a rate"):
        read_revenue(path, ReadOptions(rates=every))
    with pytest.raises(RevenueFileError, match=r"a rate for EUR, the currency of the analysis"):
        read_revenue(path, ReadOptions(currency="EUR", rates=(("EUR", 2.0),)))


def test_unused_rates_and_a_file_without_currencies(tmp_path: Path) -> None:
    data = read_revenue(
        write(tmp_path, "Cliente;Importo\nC1;€ 5,00\n"), ReadOptions(rates=(("USD", 2),))
    )
    assert data.currency == "EUR"
    assert "no line in USD: --rate USD not used" in data.notes
    plain = write(tmp_path, "customer,amount\nC1,5\n", "plain.csv")
    named = read_revenue(plain, ReadOptions(currency="CHF"))
    assert named.currency == "CHF"  # a file that states no currency is in the one named
    with pytest.raises(
        RevenueFileError, match=r"has no lines in USD: its lines are in EUR \(1 line\)"
    ):
        read_revenue(write(tmp_path, "Cliente;Importo\nC1;€ 5,00\n"), ReadOptions(currency="USD"))


def test_an_excel_currency_column(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Customer", "Amount", "Currency"])
    sheet.append(["C1", 100, "EUR"])
    sheet.append(["C2", 50000, "JPY"])
    book.save(tmp_path / "r.xlsx")
    with pytest.raises(RevenueFileError, match="EUR 1 line, JPY 1 line"):
        read_revenue(tmp_path / "r.xlsx")
    data = read_revenue(tmp_path / "r.xlsx", ReadOptions(rates=(("JPY", 0.006),)))
    assert totals(data) == {"C1": 100.0, "C2": 300.0}


def test_the_yen_customer_is_no_longer_the_top_a(tmp_path: Path) -> None:
    path = write(tmp_path, MIXED)
    rates = (("USD", 0.9), ("JPY", 0.006), ("GBP", 1.15))
    result = analyse_file(path, AbcOptions(read=ReadOptions(rates=rates)))
    assert result.rows(1)[0].customer == "IT2"
    assert result.source is not None and result.source.currency == "EUR"


def test_a_comparison_file_in_another_currency(tmp_path: Path) -> None:
    now = write(tmp_path, "Cliente;Importo\nC1;€ 5,00\n", "now.csv")
    then = write(tmp_path, "Cliente;Importo\nC1;$ 5,00\n", "then.csv")
    with pytest.raises(
        RevenueFileError, match=r"then.csv: has no lines in EUR: its lines are in USD"
    ):
        analyse_file(now, AbcOptions(compare_file=then))
    rates = ReadOptions(rates=(("USD", 2.0),))
    result = analyse_file(now, AbcOptions(read=rates, compare_file=then))
    assert result.previous is not None and result.previous.total_revenue == 10.0
    assert result.previous.source is not None and result.previous.source.currency == "EUR"


def test_the_period_of_a_mixed_file_does_not_matter(tmp_path: Path) -> None:
    """The currencies are those of the whole file: a period holding one currency only still
    needs the choice (the file is one export, its figures one story)."""
    path = write(tmp_path, "customer,date,amount\nC1,2024-01-01,€5\nC2,2023-01-01,$5\n")
    with pytest.raises(RevenueFileError, match="EUR 1 line, USD 1 line"):
        analyse_file(path, AbcOptions(period=Period(dt.date(2024, 1, 1))))
