"""Revenue exports as systems really write them (tests/data/abc/shapes/): header words joined
as ``CustomerID`` or ``customer_no``, amounts made of quantity × unit price less a discount,
credit notes told by a document-type column, lines without a customer. Each file's classes and
revenues are computed by hand in the comments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import DATA

from kamtui.abc.analysis import AbcOptions, analyse_file
from kamtui.abc.lines import header_lines, plain
from kamtui.abc.revenue import ReadOptions, RevenueFileError, guess_columns, read_revenue
from kamtui.abc.revenue.columns import normalize_label
from kamtui.abc.revenue.credit_notes import credit_keys, is_credit_type

SHAPES = DATA / "abc" / "shapes"


def classes(path: Path, read: ReadOptions | None = None) -> dict[str, tuple[float, str]]:
    result = analyse_file(path, AbcOptions(read=read or ReadOptions()))
    return {r.customer: (round(r.revenue, 2), r.segment.value) for r in result.rows()}


def summary(path: Path) -> str:
    return "\n".join(plain(line) for line in header_lines(analyse_file(path, AbcOptions())))


# -- header words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("CustomerID", "customer id"),
        ("customer_no", "customer no"),
        ("Customer-ID", "customer id"),
        ("CustomerKey", "customer key"),
        ("SalesAmount", "sales amount"),
        ("LineTotal", "line total"),
        ("IDCliente", "id cliente"),
        ("Sconto1", "sconto 1"),
        ("Quantità", "quantita"),
        ("Qtà", "qta"),
        ("DataFattura", "data fattura"),
        ("  Importo  (EUR) ", "importo eur"),
    ],
)
def test_header_words_are_split_as_systems_join_them(label: str, words: str) -> None:
    assert normalize_label(label) == words


@pytest.mark.parametrize(
    ("header", "role", "label"),
    [
        (["CustomerID", "Monetary"], "customer", "CustomerID"),
        (["customer_no", "LineTotal"], "customer", "customer_no"),
        (["CustomerKey", "ExtendedAmount"], "amount", "ExtendedAmount"),
        (["CustomerKey", "NetAmount", "DocDate"], "date", "DocDate"),
        (["CodCliente", "ImportoNetto", "DataFattura"], "customer", "CodCliente"),
        (["CodCliente", "ImportoNetto", "DataFattura"], "amount", "ImportoNetto"),
        (["CodCliente", "ImportoNetto", "DataFattura"], "date", "DataFattura"),
        (["cust_id", "ext_price"], "amount", "ext_price"),
        (["CustomerID", "Monetary", "Frequency", "Recency"], "amount", "Monetary"),
        (["CustomerID", "Qty", "Prezzo unitario"], "price", "Prezzo unitario"),
        (["CodCliente", "Pezzi", "Prezzo"], "quantity", "Pezzi"),
        (["CodCliente", "TipoDoc", "Importo"], "doc_type", "TipoDoc"),
        (["Customer", "Document Type", "Amount"], "doc_type", "Document Type"),
    ],
)
def test_roles_from_header_words(header: list[str], role: str, label: str) -> None:
    assert getattr(guess_columns("f.csv", header), role) == label


@pytest.mark.parametrize(
    "header",
    [
        ["Customer", "Sales Rep", "Quantity", "Unit Price"],  # a sales rep is not an amount
        ["Customer", "Net Price", "Qty"],  # a net price is a unit price
        ["Customer", "Tax Amount", "Qty", "Price"],  # tax is not revenue
        ["Customer", "Discount Amount", "Qty", "Price"],  # nor is a discount
    ],
)
def test_words_of_other_things_are_not_the_amount(header: list[str]) -> None:
    columns = guess_columns("f.csv", header)
    assert columns.amount is None and columns.quantity and columns.price


def test_a_total_price_is_an_amount_not_a_unit_price() -> None:
    columns = guess_columns("f.csv", ["Customer", "Qty", "Total Price"])
    assert columns.amount == "Total Price" and columns.price is None


def test_two_columns_for_one_role_are_named_with_the_option(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Customer,Quantity,Qty,Price\nC1,1,1,2\n")
    with pytest.raises(RevenueFileError, match=r"'Quantity', 'Qty'\. Choose one with --quantity"):
        read_revenue(path)


def test_a_quantity_without_a_price_says_which_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Customer,Quantity,Colour\nC1,1,red\n")
    with pytest.raises(RevenueFileError) as caught:
        read_revenue(path)
    message = str(caught.value)
    assert "the quantity ('Quantity') but not the unit price" in message
    assert "--price COLUMN" in message and "--amount COLUMN" in message


def test_amount_and_quantity_options_together_are_refused(tmp_path: Path) -> None:
    path = SHAPES / "camel_case.csv"
    with pytest.raises(RevenueFileError, match="either --amount or --quantity"):
        read_revenue(path, ReadOptions(amount="SalesAmount", quantity="OrderQuantity"))


def test_header_words_table_in_the_docs_is_the_one_in_the_code() -> None:
    from conftest import ROOT

    from kamtui.abc.revenue.columns import header_words_table

    assert header_words_table() in (ROOT / "docs" / "abc.md").read_text(encoding="utf-8")


# -- the shapes --------------------------------------------------------------------------------


def test_line_level_retail_export_quantity_times_unit_price() -> None:
    """Online-retail shape (CustomerID, Quantity, UnitPrice, no amount):
    12583: 24×3.75 + 24×3.75 + 12×0.85 = 190.20; 13047: 6×1.85 + 32×1.69 + 12×4.95 = 124.58;
    17850: 6×2.55 + 6×3.39 + 8×2.75 = 57.64; 17548: 2×10.00 + 1×5.00 = 25.00 (its invoice
    C536391 is not guessed to be a credit note); 16000: 3.00; 14527: -1×27.50 + 12×2.10 =
    -2.30. Positive total 400.42: before 17548 the cumulative share is 372.42/400.42 = 93.0%
    (B), before 16000 99.3% (C). Two lines have no customer: 6×4.25 + 10×1.00 = 35.50."""
    assert classes(SHAPES / "retail_lines.csv") == {
        "12583": (190.20, "A"),
        "13047": (124.58, "A"),
        "17850": (57.64, "A"),
        "17548": (25.00, "B"),
        "16000": (3.00, "C"),
        "14527": (-2.30, "C"),
    }
    text = summary(SHAPES / "retail_lines.csv")
    assert "Amount: Quantity × UnitPrice" in text
    assert "Without a customer: 2 lines, revenue 35.50, left out of the analysis" in text
    assert "14 lines · 6 customers" in text


def test_lines_without_a_customer_are_never_one_blank_customer() -> None:
    data = read_revenue(SHAPES / "retail_lines.csv")
    assert "" not in set(data.lines["customer"].astype(str))
    assert data.bad_rows == 0 and len(data.unassigned) == 2
    assert round(float(data.unassigned["amount"].sum()), 2) == 35.50


def test_discount_as_a_fraction() -> None:
    """K1: 10×100×0.9 + 5×20 = 1000; K2: 4×50×0.75 = 150; K3: 60 (empty discount); K4:
    2×15×0.5 = 15. Total 1225: K2 starts at 81.6% (B), K3 at 93.9% (B), K4 at 98.8% (C)."""
    path = SHAPES / "discount_fraction.csv"
    assert classes(path) == {
        "K1": (1000.0, "A"),
        "K2": (150.0, "B"),
        "K3": (60.0, "B"),
        "K4": (15.0, "C"),
    }
    data = read_revenue(path)
    assert data.columns.amount_formula == "qty × unit_price × (1 − discount)"
    assert any("as a fraction (0.1 means 10%)" in n for n in data.notes)


@pytest.mark.parametrize("name", ["discount_percent.csv", "discount_percent_plain.csv"])
def test_discount_as_a_percentage(name: str) -> None:
    """A1: 3×1000×0.9 = 2700; A2: 2×250.50 = 501; A3: 10×12×0.875 = 105. Total 3306: A2 starts
    at 81.7% (B), A3 at 96.8% (C). With a % sign, or plain numbers above 1."""
    assert classes(SHAPES / name) == {"A1": (2700.0, "A"), "A2": (501.0, "B"), "A3": (105.0, "C")}
    notes = read_revenue(SHAPES / name).notes
    assert any("'Discount' as a percentage (10 means 10%)" in n for n in notes)


def test_a_discount_column_of_money_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Customer,Qty,Price,Discount\nC1,10,100,150\n")
    with pytest.raises(RevenueFileError, match="'Discount' holds 150: neither a fraction"):
        read_revenue(path)
    data = read_revenue(path, ReadOptions(discount=""))
    assert float(data.lines["amount"].sum()) == 1000.0


def test_a_discount_out_of_range_is_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Customer,Qty,Price,Discount\nC1,10,100,10%\nC2,1,5,-5%\n")
    with pytest.raises(RevenueFileError, match="row 3: the discount is not a fraction"):
        read_revenue(path)


def test_per_customer_rfm_table() -> None:
    """Monetary is the amount: 12346 makes 90.4% alone (A); 12347 starts at 90.4% (B); 12348
    at 95.4% (C)."""
    assert classes(SHAPES / "rfm.csv") == {
        "12346": (77183.60, "A"),
        "12347": (4310.00, "B"),
        "12348": (1797.24, "C"),
        "12349": (1757.55, "C"),
        "12350": (334.40, "C"),
    }


def test_italian_credit_notes_by_tipodoc() -> None:
    """TD04 lines are written positive and count negative: C001 10,000 + 5,000 - 3,000 =
    12,000; C002 4,000 - 500 (a TD04 already negative stays negative) = 3,500; C003 (TD24,
    a deferred invoice) 2,000; C004 'TD04 - Nota di credito' -1,000; C005 500. Positive total
    18,000: C002 starts at 66.7% (A), C003 at 86.1% (B), C005 at 97.2% (C)."""
    path = SHAPES / "italian_tipodoc.csv"
    assert classes(path) == {
        "C001": (12000.0, "A"),
        "C002": (3500.0, "A"),
        "C003": (2000.0, "B"),
        "C005": (500.0, "C"),
        "C004": (-1000.0, "C"),
    }
    text = summary(path)
    assert "Credit notes: 3 lines, total -4,500.00 (by 'TipoDoc'), counted negative" in text
    notes = read_revenue(path).notes
    assert any("TD01 4 lines, TD04 2 lines (credit notes)" in n for n in notes)


def test_credit_types_from_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Customer;DocType;Amount\nC1;INV;100\nC1;RET;30\nC2;INV;50\n")
    assert classes(path)["C1"] == (130.0, "A")
    assert classes(path, ReadOptions(credit_types=("RET",)))["C1"] == (70.0, "A")
    assert classes(path, ReadOptions(doc_type=""))["C1"] == (130.0, "A")


def test_credit_notes_are_counted_in_the_period_only() -> None:
    from kamtui.abc.analysis import Period

    path = SHAPES / "italian_tipodoc.csv"
    options = AbcOptions(period=Period(None, dt.date(2026, 1, 20)))
    source = analyse_file(path, options).source
    assert source is not None
    assert (source.credit_lines, source.credit_total) == (1, -1000.0)


def test_camel_case_header_with_tax_and_freight_columns() -> None:
    """SalesAmount is the amount (TaxAmt and Freight are not): 11000 3399.99 + 2319.99 =
    5719.98; 11001 3374.99 starts at 58.4% (A); 11002 699.10 starts at 92.9% (B)."""
    path = SHAPES / "camel_case.csv"
    assert read_revenue(path).columns.amount == "SalesAmount"
    assert classes(path) == {
        "11000": (5719.98, "A"),
        "11001": (3374.99, "A"),
        "11002": (699.10, "B"),
    }


def test_quantity_times_price_in_an_excel_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Codice cliente", "Quantità", "Prezzo unitario", "Sconto"])
    sheet.append(["C1", 3, 10.5, 0.1])
    sheet.append(["C2", 1, 4, None])
    sheet.append(["C1", 2, "7,50", None])  # a price typed as text, Italian style
    path = tmp_path / "r.xlsx"
    book.save(path)
    assert classes(path) == {"C1": (43.35, "A"), "C2": (4.0, "B")}


@pytest.mark.parametrize(
    ("value", "credit"),
    [
        ("TD04", True),
        ("td04", True),
        ("TD04 - Nota di credito", True),
        ("Nota di credito", True),
        ("Crédit Memo", True),
        ("NC", True),
        ("Storno", True),
        ("TD01", False),
        ("TD24", False),
        ("NCR", False),  # a word that starts like a type is not that type
        ("", False),
    ],
)
def test_credit_types(value: str, credit: bool) -> None:
    assert is_credit_type(value, credit_keys()) is credit


def test_an_invoice_number_starting_with_c_is_not_a_credit_note() -> None:
    data = read_revenue(SHAPES / "retail_lines.csv")
    assert data.columns.doc_type is None
    assert "credit" not in data.lines
