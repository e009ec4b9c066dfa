"""Numbers and dates in the language in use (kamtui/text/format.py): English as before,
Italian with the locale's marks and short date; forms read the Italian date and words too
(kamtui/plan/fields.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from kamtui.plan.fields import FieldError, FieldSpec, format_field, parse_date
from kamtui.text import i18n
from kamtui.text.format import (
    compact_number,
    day_or_missing,
    format_number,
    money,
    percent,
    plural,
)

TODAY = dt.date(2026, 12, 2)
DUE = FieldSpec("due", "Due", "date")


@pytest.fixture
def italian() -> Iterator[None]:
    i18n.set_language("it")
    yield
    i18n.set_language("en")


def test_english_is_as_it_was() -> None:
    assert [money(1234.5), format_number(12.5), percent(0.115, 1), compact_number(43579301)] == [
        "1,234.50",
        "12.5",
        "11.5%",
        "43.6M",
    ]
    assert day_or_missing(TODAY) == "2026-12-02"
    assert plural(1234, "day") == "1,234 days"


def test_italian_numbers_and_dates(italian: None) -> None:
    assert money(1234.56) == "1.234,56"
    assert money(-0.001) == "0,00"
    assert money(43579301.67) == "43.579.301,67"
    assert format_number(12.5) == "12,5"
    assert format_number(120000) == "120000"  # a plan's number as written, without grouping
    assert percent(0.115, 1) == "11,5%"
    assert percent(0.3) == "30%"
    assert compact_number(43579301) == "43,6M"
    assert day_or_missing(TODAY) == "02/12/2026"
    assert day_or_missing(dt.date(987, 1, 5)) == "05/01/0987"
    assert day_or_missing(None) == "—"


def test_an_italian_form_reads_the_italian_date_iso_and_the_words(italian: None) -> None:
    assert format_field(DUE, TODAY) == "02/12/2026"
    for text in ("02/12/2026", "2/12/2026", "02/12/26", "2026-12-02", "oggi", "today"):
        assert parse_date(text, TODAY) == TODAY, text
    assert parse_date("domani", TODAY) == dt.date(2026, 12, 3)
    assert parse_date("ieri", TODAY) == dt.date(2026, 12, 1)
    assert parse_date("+7d", TODAY) == dt.date(2026, 12, 9)
    with pytest.raises(FieldError):
        parse_date("31/02/2026", TODAY)
    with pytest.raises(FieldError):
        parse_date("12/31/2026", TODAY)


def test_english_forms_do_not_read_day_month_year() -> None:
    assert format_field(DUE, TODAY) == "2026-12-02"
    with pytest.raises(FieldError):
        parse_date("02/12/2026", TODAY)
    assert parse_date("oggi", TODAY) == TODAY  # the words of both languages, always


def test_an_italian_form_reads_italian_numbers(italian: None) -> None:
    from kamtui.plan.fields import parse_number

    cases = {"1.234": 1234, "1.234,56": 1234.56, "12,5": 12.5, "1.234.567": 1234567}
    cases |= {"-1.000": -1000, "2,5M": 2500000, "12.5": 12.5}  # 12.5: a dot, not a group
    assert {text: parse_number(text) for text in cases} == cases


def test_an_english_form_reads_a_dot_as_the_decimal_mark() -> None:
    from kamtui.plan.fields import parse_number

    assert [parse_number(t) for t in ("1.234", "1,234", "1,234.5")] == [1.234, 1234, 1234.5]
    with pytest.raises(FieldError):
        parse_number("1.234.567")  # no dotted groups where the dot is the decimal mark
