"""Reading revenue exports: the input-format matrix.

Each delimiter, encoding (UTF-8, BOM, cp1252, UTF-16), number format (``1234.56``,
``1,234.56``, ``1.234,56``, ``1234,56``, currency symbols, ``-12``/``(12)``/``12-``), date
format (ISO, ``dd/mm/yyyy``, ``dd/mm/yy``, ``mm/dd/yyyy``, overrides), quoting, column names in
English and Italian, preambles and footers, and Excel workbooks made with openpyxl.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from conftest import DATA

from kamtui.abc.analysis import Period, customer_totals
from kamtui.abc.revenue import (
    SAMPLE_BYTES,
    ReadOptions,
    RevenueData,
    RevenueFileError,
    detect_number_format,
    guess_columns,
    read_revenue,
    select_period,
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def totals(data: RevenueData) -> dict[str, float]:
    frame = customer_totals(data.lines)
    return {c: round(r, 6) for c, r in zip(frame["customer"], frame["revenue"], strict=True)}


def names(data: RevenueData) -> dict[str, str]:
    frame = customer_totals(data.lines)
    return dict(zip(frame["customer"], frame["name"], strict=True))


# -- delimiters and quoting ------------------------------------------------------------------


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"], ids=["comma", "semicolon", "tab", "pipe"])
def test_each_delimiter_with_quoted_fields(tmp_path: Path, sep: str) -> None:
    rows = [
        ["customer", "name", "amount"],
        ["C1", f'"Rossi{sep} Bianchi & C."', "10.5"],
        ["C2", '"He said ""hi"""', "20"],
        ["C1", "Rossi", "4.5"],
    ]
    path = write(tmp_path / "r.txt", "\n".join(sep.join(r) for r in rows) + "\n")
    data = read_revenue(path)
    assert totals(data) == {"C1": 15.0, "C2": 20.0}
    assert names(data)["C2"] == 'He said "hi"'
    assert f"Rossi{sep} Bianchi & C." in set(data.lines["name"])
    assert data.rows == 3


def test_crlf_line_endings_and_a_trailing_blank_line(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "customer,amount\r\nC1,1\r\n\r\nC2,2\r\n\r\n")
    data = read_revenue(path)
    assert totals(data) == {"C1": 1.0, "C2": 2.0}
    assert data.bad_rows == 0


def test_rows_ending_with_a_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "Cliente;Importo\nC1;1;\nC2;2;\nC1;3;;\n")
    data = read_revenue(path)
    assert data.columns.customer == "Cliente"
    assert totals(data) == {"C1": 4.0, "C2": 2.0}


def test_a_last_column_that_is_mostly_empty(tmp_path: Path) -> None:
    text = "Report\nCliente;Importo;Note\nC1;1;\nC2;2;\nC3;3;urgent\nC1;4;\n"
    data = read_revenue(write(tmp_path / "r.csv", text))
    assert data.columns.customer == "Cliente"
    assert totals(data) == {"C1": 5.0, "C2": 2.0, "C3": 3.0}


def test_quoted_field_with_an_embedded_newline(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", 'customer,name,amount\nC1,"two\nlines",3\nC2,x,4\n')
    data = read_revenue(path)
    assert totals(data) == {"C1": 3.0, "C2": 4.0}
    assert names(data)["C1"] == "two\nlines"


# -- encodings -------------------------------------------------------------------------------

ITALIAN = "Codice cliente;Ragione sociale;Imponibile\nC1;Società Più € Srl;1.234,56\nC2;Ünïcode;7\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"], ids=["utf8", "bom", "cp1252", "utf16"]
)
def test_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path / "r.csv", ITALIAN, encoding)
    data = read_revenue(path)
    assert totals(data) == {"C1": 1234.56, "C2": 7.0}
    assert names(data) == {"C1": "Società Più € Srl", "C2": "Ünïcode"}
    assert data.columns.customer == "Codice cliente"  # the BOM is not part of the header


def test_latin1_bytes_undefined_in_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"customer;name;amount\nC1;Caf\xe9\x81;5\n")
    assert names(read_revenue(path)) == {"C1": "Café\x81"}


def test_cp1252_after_the_sniffed_sample_is_still_read(tmp_path: Path) -> None:
    head = "customer,name,amount\n" + "C0,plain,1\n" * (SAMPLE_BYTES // 11 + 10)
    path = tmp_path / "r.csv"
    path.write_bytes(head.encode() + "C9,Società,2\n".encode("cp1252"))
    data = read_revenue(path)
    assert names(data)["C9"] == "Società"
    assert "cp1252" in data.layout


SLAVIC = {
    "cp1250": ["Łódź Sp. z o.o.", "Zakłady Śląskie S.A.", "Żółć i Spółka"],
    "cp1251": ["ООО Ромашка", "АО Северсталь", "ЗАО Щит и Меч"],
}
"""Names in the encodings of Polish and Russian exports, which the sniffer takes for cp1252."""


@pytest.mark.parametrize("encoding", list(SLAVIC))
def test_a_given_encoding_reads_what_the_sniffer_misreads(tmp_path: Path, encoding: str) -> None:
    given = SLAVIC[encoding]
    text = "customer;name;amount\n" + "".join(f"C{i};{n};1.234,5{i}\n" for i, n in enumerate(given))
    path = write(tmp_path / "r.csv", text, encoding)
    assert list(names(read_revenue(path)).values()) != given  # the guess is wrong
    data = read_revenue(path, ReadOptions(encoding=encoding.upper()))
    assert names(data) == {f"C{i}": n for i, n in enumerate(given)}
    assert totals(data)["C2"] == 1234.52
    assert data.layout == f"{encoding} as given, ';'-separated, numbers like 1.234,56"


def test_a_given_encoding_has_no_fallback_and_must_exist(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "customer;name;amount\nC1;Łódź;5\n", "cp1250")
    with pytest.raises(RevenueFileError, match=r"r.csv: the text is not valid utf-8"):
        read_revenue(path, ReadOptions(encoding="utf-8"))
    for name in ("klingon", "rot13"):
        with pytest.raises(RevenueFileError, match=rf"r.csv: unknown encoding '{name}'"):
            read_revenue(path, ReadOptions(encoding=name))
    # the BOM of a UTF-8 file is not read into the first column's label
    bom = write(tmp_path / "bom.csv", "customer;amount\nC1;5\n", "utf-8-sig")
    assert read_revenue(bom, ReadOptions(encoding="utf-8")).columns.customer == "customer"


def test_a_given_utf16_without_a_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "customer,name,amount\nC1,Łódź,5\n", "utf-16-le")
    with pytest.raises(RevenueFileError, match="not a text file"):
        read_revenue(path)
    data = read_revenue(path, ReadOptions(encoding="UTF-16LE"))
    assert names(data) == {"C1": "Łódź"}
    assert data.layout.startswith("utf-16-le as given, ','-separated")


# -- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sep", "values", "expected"),
    [
        (",", ["1234.56", "0.5", "-12"], [1234.56, 0.5, -12.0]),
        (",", ['"1,234.56"', '"1,000,000.00"', "7"], [1234.56, 1_000_000.0, 7.0]),
        (";", ["1.234,56", "1.000.000,00", "7"], [1234.56, 1_000_000.0, 7.0]),
        (";", ["1234,56", "0,5", "-12"], [1234.56, 0.5, -12.0]),
        (";", ["€ 1.234,56", "-€ 3,00", "€-4"], [1234.56, -3.0, -4.0]),
        (",", ['"$1,234.56"', "$7", "USD 2.50"], [1234.56, 7.0, 2.5]),
        (";", ["(12)", "12-", "-12"], [-12.0, -12.0, -12.0]),
        (";", ["(1.234,56 €)", "1.234,56-", "+5"], [-1234.56, -1234.56, 5.0]),
        ("\t", ["1 234,56", "1\u00a0000,00", "EUR 3"], [1234.56, 1000.0, 3.0]),
        (",", ["1.5", "2", "1e3"], [1.5, 2.0, 1000.0]),
    ],
    ids=[
        "plain",
        "thousands-comma",
        "italian",
        "decimal-comma",
        "euro",
        "dollar",
        "negatives",
        "negative-symbols",
        "spaces",
        "exponent",
    ],
)
def test_number_formats(tmp_path: Path, sep: str, values: list[str], expected: list[float]) -> None:
    text = f"customer{sep}amount\n" + "".join(f"C{i}{sep}{v}\n" for i, v in enumerate(values))
    data = read_revenue(write(tmp_path / "r.csv", text))
    assert list(data.lines["amount"]) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("values", "italian", "decimal", "thousands"),
    [
        (["1,234", "12,5"], False, ",", None),  # 12,5 decides: decimal comma
        (["1,234", "2,000"], False, ".", ","),  # only groups of three, English: thousands
        (["1,234", "2,000"], True, ",", None),  # ... Italian: decimal comma
        (["1.234", "2.000"], True, ",", "."),  # Italian: thousands dot
        (["1.234", "2.000"], False, ".", None),  # English: three decimals
        (["1.234,5", "1,234.5", "3,50"], False, ",", "."),  # the majority wins
        (["0.123"], True, ".", None),  # 0.123 cannot be a thousands group
    ],
)
def test_ambiguous_number_formats(
    values: list[str], italian: bool, decimal: str, thousands: str | None
) -> None:
    fmt = detect_number_format(values, italian=italian)
    assert (fmt.decimal, fmt.thousands) == (decimal, thousands)


def test_a_value_in_another_format_after_the_sample_is_not_misread(tmp_path: Path) -> None:
    """The sample says decimal comma without groups; a later "1234.5" is a bad row, not 12345."""
    rows = "".join(f"C{i};{i},5\n" for i in range(3000))
    path = write(tmp_path / "r.csv", "customer;amount\n" + rows + "X;1234.5\n")
    data = read_revenue(path)  # 1 bad row in 3001 is within the tolerance: left out, noted
    assert data.bad_rows == 1 and "X" not in totals(data)
    assert "row 3002: the amount is not a number (amount = '1234.5')" in data.notes[0]


# -- dates -----------------------------------------------------------------------------------


def dated(tmp_path: Path, dates: list[str], sep: str = ",") -> Path:
    text = f"customer{sep}date{sep}amount\n"
    text += "".join(f"C{i}{sep}{d}{sep}{i + 1}\n" for i, d in enumerate(dates))
    return write(tmp_path / "r.csv", text)


def read_dates(path: Path, **options: object) -> list[dt.date]:
    data = read_revenue(path, ReadOptions(need_dates=True, **options))  # type: ignore[arg-type]
    return [d.date() for d in data.lines["date"]]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["2024-03-01", "2024-12-31"], [dt.date(2024, 3, 1), dt.date(2024, 12, 31)]),
        (["2024-03-01T10:30:00", "2024/12/31"], [dt.date(2024, 3, 1), dt.date(2024, 12, 31)]),
        (["01/03/2024", "31/12/2024"], [dt.date(2024, 3, 1), dt.date(2024, 12, 31)]),
        (["01/03/24", "31/12/24"], [dt.date(2024, 3, 1), dt.date(2024, 12, 31)]),
        (["01.03.2024", "31-12-2024 23:59"], [dt.date(2024, 3, 1), dt.date(2024, 12, 31)]),
        (["03/01/2024", "12/31/2024"], [dt.date(2024, 3, 1), dt.date(2024, 12, 31)]),
        (["01/03/2024", "02/03/2024"], [dt.date(2024, 3, 1), dt.date(2024, 3, 2)]),
    ],
    ids=["iso", "iso-time", "dd/mm/yyyy", "dd/mm/yy", "dots-dashes", "mm/dd-unambiguous", "ambig"],
)
def test_date_formats(tmp_path: Path, texts: list[str], expected: list[dt.date]) -> None:
    assert read_dates(dated(tmp_path, texts)) == expected


def test_ambiguous_dates_are_read_dd_mm_and_said_so(tmp_path: Path) -> None:
    data = read_revenue(dated(tmp_path, ["01/03/2024"]), ReadOptions(need_dates=True))
    assert "dd/mm/yyyy (assumed" in data.layout


def test_monthfirst_and_dayfirst_override(tmp_path: Path) -> None:
    path = dated(tmp_path, ["01/03/2024", "02/03/2024"])
    assert read_dates(path, dayfirst=False) == [dt.date(2024, 1, 3), dt.date(2024, 2, 3)]
    assert read_dates(path, dayfirst=True) == [dt.date(2024, 3, 1), dt.date(2024, 3, 2)]


def test_dayfirst_override_makes_impossible_dates_bad_rows(tmp_path: Path) -> None:
    path = dated(tmp_path, ["12/31/2024", "01/02/2024"])
    with pytest.raises(RevenueFileError, match=r"row 2: not a date \(date = '12/31/2024'\)"):
        read_dates(path, dayfirst=True)


def test_period_filter_is_inclusive(tmp_path: Path) -> None:
    path = dated(tmp_path, ["31/12/2023", "01/01/2024", "15/06/2024", "31/12/2024", "01/01/2025"])
    data = read_revenue(path, ReadOptions(need_dates=True))
    period = Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    lines, outside = select_period(data, period.start, period.end)
    assert sorted(lines["customer"]) == ["C1", "C2", "C3"]
    assert outside == 2


def test_dates_are_not_read_unless_needed(tmp_path: Path) -> None:
    path = dated(tmp_path, ["not a date", "2024-01-01"])
    data = read_revenue(path)
    assert "date" not in data.lines
    assert totals(data) == {"C0": 1.0, "C1": 2.0}


# -- columns ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "customer", "amount", "name", "date"),
    [
        (["Customer ID", "Customer name", "Order date", "Net amount"], 0, 3, 1, 2),
        (["Codice cliente", "Ragione sociale", "Data fattura", "Imponibile", "Totale"], 0, 3, 1, 2),
        (["Cliente", "Data", "Importo (EUR)"], 0, 2, None, 1),
        (["account", "revenue", "invoice date"], 0, 1, None, 2),
        (["Ragione sociale", "Fatturato"], 0, 1, None, None),
        (["Customer", "Customer name", "Sales", "Total"], 0, 2, 1, None),
        (["CUSTOMER NO.", "Amount €", "Date"], 0, 1, None, 2),
    ],
)
def test_column_names_in_english_and_italian(
    header: list[str], customer: int, amount: int, name: int | None, date: int | None
) -> None:
    cols = guess_columns("f.csv", header, ReadOptions(need_dates=date is not None))
    assert cols.customer == header[customer]
    assert cols.amount == header[amount]
    assert cols.name == (header[name] if name is not None else None)
    assert cols.date == (header[date] if date is not None else None)


def test_explicit_columns_win_and_match_case_insensitively(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "Cliente;Importo;Valore;Nome\nC1;1;100;X\nC1;2;200;Y\n")
    data = read_revenue(path, ReadOptions(amount="valore", name=""))
    assert totals(data) == {"C1": 300.0}
    assert data.columns.amount == "Valore" and data.columns.name is None


def test_leading_zeros_and_spaces_in_customer_ids(tmp_path: Path) -> None:
    path = write(tmp_path / "r.csv", "customer,amount\n00123,1\n 00123 ,2\n123,4\n")
    assert totals(read_revenue(path)) == {"00123": 3.0, "123": 4.0}


def test_preamble_lines_and_a_totals_footer(tmp_path: Path) -> None:
    text = (
        "Fatturato per cliente\nEstratto il 01/12/2024\n\n"
        "Cliente;Importo\nC1;10\nC2;5\n;\nTotale;15\n"
    )
    data = read_revenue(write(tmp_path / "r.csv", text))
    assert totals(data) == {"C1": 10.0, "C2": 5.0}
    assert data.notes == ["left out 1 totals row(s) (row 8)"]


def test_sample_fixture_files(tmp_path: Path) -> None:
    data = read_revenue(DATA / "abc" / "italian.csv", ReadOptions(need_dates=True))
    assert data.columns.customer == "Codice cliente"
    assert totals(data) == {"C001": 1334.56, "C002": -12.5, "C003": 1000.0}
    assert "dd/mm/yyyy" in data.layout and "numbers like 1.234,56" in data.layout
    english = read_revenue(DATA / "abc" / "english.csv", ReadOptions(need_dates=True))
    assert totals(english) == totals(data)
    assert "mm/dd/yyyy" in english.layout


# -- Excel -----------------------------------------------------------------------------------


def workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Notes"
    sheet.append(["This workbook holds revenue"])
    data = book.create_sheet("Fatturato")
    data.append(["Export del 2024"])
    data.append([])
    data.append(["Codice cliente", "Ragione sociale", "Data fattura", "Imponibile"])
    data.append([1001, "Rossi S.p.A.", dt.datetime(2024, 1, 31), 1234.5])
    data.append(["1001", "Rossi S.p.A.", "15/02/2024", "1.000,50"])
    data.append(["A-7", "Bianchi", dt.date(2024, 3, 1), -20])
    data.append([None, None, None, None])
    data.append(["A-8", "Verdi", "2024-04-01", "(5,00)"])
    book.save(path)
    return path


def test_excel_workbook_with_sheet_by_name(tmp_path: Path) -> None:
    path = workbook(tmp_path / "revenue.xlsx")
    data = read_revenue(path, ReadOptions(sheet="Fatturato", need_dates=True))
    assert totals(data) == {"1001": 2235.0, "A-7": -20.0, "A-8": -5.0}
    assert [d.date() for d in data.lines["date"]] == [
        dt.date(2024, 1, 31),
        dt.date(2024, 2, 15),
        dt.date(2024, 3, 1),
        dt.date(2024, 4, 1),
    ]
    assert "Excel" in data.layout


def test_excel_sheet_by_number_and_default_first_sheet(tmp_path: Path) -> None:
    path = workbook(tmp_path / "revenue.xlsx")
    assert totals(read_revenue(path, ReadOptions(sheet="2")))["A-7"] == -20.0
    with pytest.raises(RevenueFileError, match=r"sheet 'Notes' holds no table.*'Fatturato'"):
        read_revenue(path)  # the first sheet has no table


def test_excel_bad_cells_are_reported_with_sheet_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["customer", "amount"])
    sheet.append(["C1", 5])
    sheet.append(["C2", "n/a"])
    book.save(tmp_path / "r.xlsx")
    with pytest.raises(RevenueFileError, match=r"row 3: the amount is not a number"):
        read_revenue(tmp_path / "r.xlsx")


def test_excel_numeric_cells_are_not_described_as_a_text_format(tmp_path: Path) -> None:
    """Number cells have no decimal mark to detect: the summary says so, not "1234,56"."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Codice cliente", "Imponibile"])  # Italian headers: the text guess is ","
    sheet.append(["C1", 1234.56])
    sheet.append(["C2", 10])
    book.save(tmp_path / "r.xlsx")
    data = read_revenue(tmp_path / "r.xlsx")
    assert data.layout == "Excel, numbers as stored in the sheet"
    assert data.notes == []
    given = read_revenue(tmp_path / "r.xlsx", ReadOptions(encoding="cp1250"))
    assert given.notes == ["an Excel workbook has no text encoding: cp1250 not used"]
    # text amounts beside number cells: their format is the one detected
    mixed = read_revenue(workbook(tmp_path / "mixed.xlsx"), ReadOptions(sheet="Fatturato"))
    assert mixed.layout == (
        "Excel, numbers as stored in the sheet, text like 1.234,56 with symbols"
    )
