"""Form fields: typed text → values and back, the messages a form shows, specs from the model.

"Today" is always the suite's pinned date (or another fixed date), never the real one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from conftest import TODAY, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamtui.plan.codec import dumps_plan
from kamtui.plan.fields import (
    HINTS,
    LABELS,
    FieldError,
    FieldSpec,
    apply_values,
    format_field,
    parse_date,
    parse_field,
    parse_number,
    parse_values,
    read_values,
    specs_for,
)
from kamtui.plan.model import (
    Account,
    Action,
    ActionStatus,
    Cell,
    Competitor,
    Horizon,
    Objective,
    Offering,
    Person,
    Rating,
    Role,
    Unit,
    WhereAmI,
)

D = dt.date
PROPS = settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
INT64 = (-(2**63), 2**63 - 1)
RECORDS = (Person, Competitor, Objective, Action, Rating, Account, Cell, Unit, Offering)


def spec(record: type, name: str) -> FieldSpec:
    """The form spec of field *name* of *record*."""
    return next(s for s in specs_for(record) if s.name == name)


def parse(record: type, name: str, text: str, today: dt.date = TODAY) -> Any:
    return parse_field(spec(record, name), text, today)


def error_of(record: type, name: str, text: str) -> str:
    with pytest.raises(FieldError) as info:
        parse(record, name, text)
    return str(info.value)


# -- parse_number ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1200", 1200),
        ("0", 0),
        ("-5", -5),
        ("+7", 7),
        ("  42  ", 42),
        ("1 234", 1234),
        ("1\u00a0234", 1234),  # no-break space, as a spreadsheet copies it
        ("1\u202f234", 1234),  # narrow no-break space
        ("1_234", 1234),
        ("1'234", 1234),
        ("1,234", 1234),  # one comma and three digits: grouping
        ("1,234,567", 1234567),
        ("-1,234", -1234),
        ("35%", 35),
        ("2M", 2_000_000),
        ("2 M", 2_000_000),
        ("3bn", 3_000_000_000),
        ("1b", 1_000_000_000),
    ],
)
def test_parse_number_whole_numbers_stay_ints(text, expected):
    value = parse_number(text)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.5", 1234.5),
        ("1,234.5", 1234.5),  # the later mark is the decimal one
        ("1.234,5", 1234.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("12,5", 12.5),  # decimal comma
        ("12,50", 12.5),
        ("0,5", 0.5),
        ("1,23", 1.23),
        ("1.234", 1.234),  # a lone dot is always the decimal point
        (".5", 0.5),
        ("-0.25", -0.25),
        ("12.5%", 12.5),
        ("1e-3", 0.001),
    ],
)
def test_parse_number_decimals(text, expected):
    value = parse_number(text)
    assert value == pytest.approx(expected)
    assert type(value) is float


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.5k", 1500), ("1.5K", 1500), ("1,5k", 1500), ("2.5M", 2_500_000), ("0.5bn", 500_000_000)],
)
def test_parse_number_scaled_decimals_that_come_out_whole_are_ints(text, expected):
    value = parse_number(text)
    assert value == expected
    assert type(value) is int


def test_parse_number_keeps_a_fraction_left_after_scaling():
    assert parse_number("1.2345k") == pytest.approx(1234.5)


def test_parse_number_exponent():
    assert parse_number("1e3") == 1000
    assert parse_number("2.5E2") == 250
    assert parse_number("1e3k") == 1_000_000


@pytest.mark.parametrize("text", ["", "   ", "\t", "\u00a0"])
def test_parse_number_empty_is_none(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text",
    ["abc", "k", "%", "-", "1..2", "1.2.3", "1.234.567", "--1", "1e", "e3", "12 apples", "0x10"],
)
def test_parse_number_garbage_is_a_field_error(text):
    with pytest.raises(FieldError, match="is not a number"):
        parse_number(text)


@pytest.mark.parametrize("text", ["inf", "-inf", "Infinity", "nan", "NaN"])
def test_parse_number_refuses_inf_and_nan(text):
    with pytest.raises(FieldError):
        parse_number(text)


@pytest.mark.parametrize("text", ["1e400", "-1e400", "1e308k", "9" * 400 + ".5"])
def test_parse_number_too_large_for_a_float(text):
    with pytest.raises(FieldError, match="too large"):
        parse_number(text)


def test_parse_number_huge_integer_is_a_field_error_not_a_crash():
    _, errors = parse_values([spec(Objective, "target")], {"target": "9" * 5000}, TODAY)
    assert "target" in errors


def test_parse_number_refuses_integers_toml_cannot_hold():
    with pytest.raises(FieldError):
        parse_number(str(2**63))


def test_parse_number_largest_toml_integer_is_fine():
    assert parse_number(str(INT64[1])) == INT64[1]
    assert parse_number(str(INT64[0])) == INT64[0]


# -- parse_date --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("2026-12-31", TODAY, D(2026, 12, 31)),
        ("  2027-01-02  ", TODAY, D(2027, 1, 2)),
        ("0001-01-01", TODAY, D(1, 1, 1)),
        ("9999-12-31", TODAY, D(9999, 12, 31)),
        ("today", TODAY, TODAY),
        ("Today", TODAY, TODAY),
        (" TODAY ", TODAY, TODAY),
        ("tomorrow", TODAY, D(2026, 12, 1)),
        ("yesterday", TODAY, D(2026, 11, 29)),
        ("yesterday", D(2026, 1, 1), D(2025, 12, 31)),
        ("+7d", TODAY, D(2026, 12, 7)),
        ("+0d", TODAY, TODAY),
        ("-1d", TODAY, D(2026, 11, 29)),
        ("+ 7 d", TODAY, D(2026, 12, 7)),
        ("+7D", TODAY, D(2026, 12, 7)),
        ("+2w", TODAY, D(2026, 12, 14)),
        ("-2w", TODAY, D(2026, 11, 16)),
        ("+3m", TODAY, D(2027, 2, 28)),  # Nov 30 + 3 months: Feb has no 30th
        ("+12m", TODAY, D(2027, 11, 30)),
        ("-13m", TODAY, D(2025, 10, 30)),
        ("+1y", TODAY, D(2027, 11, 30)),
    ],
)
def test_parse_date(text, today, expected):
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (D(2026, 1, 31), "+1m", D(2026, 2, 28)),
        (D(2028, 1, 31), "+1m", D(2028, 2, 29)),  # leap year
        (D(2026, 3, 31), "-1m", D(2026, 2, 28)),
        (D(2026, 3, 31), "+1m", D(2026, 4, 30)),
        (D(2026, 8, 31), "+1m", D(2026, 9, 30)),
        (D(2026, 12, 31), "+2m", D(2027, 2, 28)),
        (D(2026, 1, 15), "+1m", D(2026, 2, 15)),  # no clamping needed
        (D(2028, 2, 29), "-1y", D(2027, 2, 28)),
        (D(2028, 2, 29), "+1y", D(2029, 2, 28)),
        (D(2028, 2, 29), "+4y", D(2032, 2, 29)),
    ],
)
def test_parse_date_months_and_years_clamp_at_month_end(today, text, expected):
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("+9999y", TODAY),
        ("-9999y", TODAY),
        ("+1m", D(9999, 12, 1)),
        ("-1m", D(1, 1, 15)),
        ("+1d", D(9999, 12, 31)),
        ("-1d", D(1, 1, 1)),
        ("+3000d", D(9999, 12, 30)),
        ("+9999w", D(9999, 1, 1)),
        ("-9999d", D(1, 1, 5)),
    ],
)
def test_parse_date_out_of_range_is_a_field_error_not_a_crash(text, today):
    with pytest.raises(FieldError, match="out of range"):
        parse_date(text, today)


@pytest.mark.parametrize(
    ("text", "today"), [("tomorrow", D(9999, 12, 31)), ("yesterday", D(1, 1, 1))]
)
def test_parse_date_tomorrow_and_yesterday_out_of_range(text, today):
    with pytest.raises(FieldError, match="out of range"):
        parse_date(text, today)


@pytest.mark.parametrize(
    "text",
    [
        "2026-2-3",
        "20261130",
        "2026/11/30",
        "30.11.2026",
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "2026-11-30T10:00",
        "7d",  # a relative date needs its sign
        "+99999d",  # at most four digits
        "+10000y",
        "next week",
        "soon",
    ],
)
def test_parse_date_wrong_forms_say_what_is_expected(text):
    with pytest.raises(FieldError) as info:
        parse_date(text, TODAY)
    assert str(info.value) == f"'{text}' is not a date: use YYYY-MM-DD, today or +7d"


def test_parse_date_refuses_iso_week_dates():
    with pytest.raises(FieldError):
        parse_date("2026-W48-1", TODAY)


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_parse_date_empty_is_none(text):
    assert parse_date(text, TODAY) is None


# -- parse_field -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "name", "message"),
    [
        (Person, "name", "Name is required"),
        (Objective, "title", "Title is required"),
        (Action, "title", "Title is required"),
        (Competitor, "name", "Name is required"),
        (Account, "name", "Name is required"),
    ],
)
@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_required_fields(record, name, message, text):
    assert error_of(record, name, text) == message


def test_required_message_drops_the_bracketed_part_of_the_label():
    required = FieldSpec("share", "Share of wallet (%)", "number", required=True, lo=0, hi=100)
    with pytest.raises(FieldError, match=r"^Share of wallet is required$"):
        parse_field(required, "", TODAY)


def test_line_is_stripped_and_one_line_only():
    assert parse(Person, "name", "  Giulia Bianchi  ") == "Giulia Bianchi"
    assert error_of(Person, "name", "Giulia\nBianchi") == "one line only"
    assert error_of(Person, "name", "Giulia\rBianchi") == "one line only"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("decision-maker", "decision-maker"),  # by value
        ("decision maker", "decision-maker"),  # by label
        ("Decision Maker", "decision-maker"),
        ("DECISION-MAKER", "decision-maker"),
        ("  champion ", "champion"),
        ("", None),
    ],
)
def test_enum_by_value_or_label_case_insensitively(text, expected):
    assert parse(Person, "role", text) == expected


def test_enum_error_lists_the_choices():
    assert error_of(Person, "role", "boss") == (
        "'boss' is not one of: decision-maker, economic-buyer, technical-buyer, influencer, "
        "user, gatekeeper, champion, sponsor, coach, other"
    )
    assert error_of(Action, "status", "finished") == (
        "'finished' is not one of: todo, in-progress, done, blocked, dropped"
    )


@pytest.mark.parametrize("text", ["A", "a", "B", "c"])
def test_enum_with_upper_case_values(text):
    assert parse(Account, "segment", text) == text.upper()


def test_enum_parses_to_the_value_string():
    assert parse(Action, "status", "In Progress") == "in-progress"
    assert parse(Objective, "horizon", "LONG") == "long"


@pytest.mark.parametrize(
    ("record", "name", "text", "message"),
    [
        (Person, "relationship", "0", "must be between 1 and 5"),
        (Person, "relationship", "6", "must be between 1 and 5"),
        (Rating, "rating", "-1", "must be between 1 and 5"),
        (Action, "progress", "101", "must be between 0 and 100"),
        (Action, "progress", "-5", "must be between 0 and 100"),
        (Account, "review_every_days", "0", "must be between 1 and 3660"),
        (Account, "review_every_days", "4k", "must be between 1 and 3660"),
        (Competitor, "share_of_wallet", "100.5", "must be between 0 and 100"),
        (Competitor, "share_of_wallet", "-0.1", "must be between 0 and 100"),
    ],
)
def test_range_message(record, name, text, message):
    assert error_of(record, name, text) == message


def test_range_bounds_are_inclusive():
    assert parse(Person, "relationship", "1") == 1
    assert parse(Person, "relationship", "5") == 5
    assert parse(Action, "progress", "0") == 0
    assert parse(Action, "progress", "100") == 100
    assert parse(Competitor, "share_of_wallet", "100") == 100
    assert parse(Competitor, "share_of_wallet", "12,5%") == 12.5


def test_int_from_a_whole_float():
    value = parse(Person, "relationship", "3.0")
    assert value == 3
    assert type(value) is int
    assert type(parse(Action, "progress", "4e1")) is int


@pytest.mark.parametrize("text", ["3.5", "2,5", "4.01"])
def test_int_refuses_a_fraction(text):
    assert error_of(Person, "relationship", text) == f"'{text}' is not a whole number"


def test_number_field_keeps_floats_and_errors_pass_through():
    assert parse(Objective, "target", "1.2M") == 1_200_000
    assert parse(Objective, "target", "-5") == -5
    assert parse(Objective, "target", "24,5") == 24.5
    assert parse(Objective, "target", "") is None
    assert error_of(Objective, "target", "lots") == "'lots' is not a number"


def test_date_field():
    assert parse(Action, "due", "+2w") == D(2026, 12, 14)
    assert parse(Action, "due", "") is None
    assert "is not a date" in error_of(Action, "due", "2026-2-3")


def test_strings_one_per_line_blanks_dropped():
    text = "\n  Incumbent at Bari  \n\n   \nLower list price\r\n\n"
    assert parse(Competitor, "strengths", text) == ["Incumbent at Bari", "Lower list price"]
    assert parse(Competitor, "strengths", "") == []
    assert parse(Competitor, "strengths", "\n \n") == []


def test_text_trailing_spaces_stripped_inner_lines_kept():
    text = "\n\nFirst line   \n  indented second\t\n\nlast  \n\n"
    assert parse(Person, "notes", text) == "First line\n  indented second\n\nlast"
    assert parse(Person, "notes", "   ") == ""
    assert parse(Person, "notes", "  x  ") == "x"
    assert parse(Account, "industry", "  Packaging  ") == "Packaging"


# -- format_field ↔ parse_field ----------------------------------------------------------------

_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters=_LINE_BREAKS)


def _canonical_text(text: str) -> str:
    """Text as a form gives it back: trailing spaces of lines and surrounding blanks gone."""
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


_line = st.text(_chars, max_size=20).map(str.strip)
_text = st.lists(st.text(_chars, max_size=15), max_size=4).map("\n".join).map(_canonical_text)
_item = _line.filter(bool)
_finite = st.floats(allow_nan=False, allow_infinity=False)


def _value(f: dataclasses.Field[Any], s: FieldSpec) -> st.SearchStrategy[Any]:
    """Values the model can hold in field *f*, in the form a form gives them back."""
    if s.kind == "line":
        strategy = _item if s.required else _line
    elif s.kind == "text":
        strategy = _text
    elif s.kind == "strings":
        strategy = st.lists(_item, max_size=4)
    elif s.kind == "enum":
        strategy = st.sampled_from(list(f.metadata["enum"]))
    elif s.kind == "date":
        strategy = st.dates()
    elif s.kind == "int":
        lo, hi = s.lo, s.hi
        strategy = st.integers(
            INT64[0] if lo is None else int(lo), INT64[1] if hi is None else int(hi)
        )
    elif s.kind == "number":
        if s.lo is None and s.hi is None:
            strategy = st.one_of(st.integers(*INT64), _finite)
        elif s.hi is None:  # at least lo (the whitespace map's revenue and potential)
            strategy = st.one_of(
                st.integers(int(s.lo or 0), INT64[1]),
                st.floats(min_value=s.lo, allow_nan=False, allow_infinity=False),
            )
        else:
            strategy = st.one_of(
                st.integers(int(s.lo), int(s.hi)),
                st.floats(s.lo, s.hi, allow_nan=False, allow_infinity=False),
            )
    else:  # pragma: no cover
        raise AssertionError(s.kind)
    return st.one_of(st.none(), strategy) if f.default is None else strategy


def records(cls: type) -> st.SearchStrategy[Any]:
    """Records of *cls* with every editable field drawn, the others left at their defaults."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    strategies = {s.name: _value(fields[s.name], s) for s in specs_for(cls)}
    return st.fixed_dictionaries(strategies).filter(_valid).map(lambda kw: cls(**kw))


def _valid(values: dict[str, Any]) -> bool:
    """Values a plan can hold together: an objective measured from a source has a period."""
    return not (values.get("source") and values.get("period") is None)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
@PROPS
@given(data=st.data())
def test_format_then_parse_gives_the_value_back(cls, data):
    record = data.draw(records(cls))
    specs = specs_for(cls)
    texts = read_values(record, specs)
    assert all(isinstance(t, str) for t in texts.values())
    values, errors = parse_values(specs, texts, TODAY)
    assert errors == {}
    assert values == {s.name: getattr(record, s.name) for s in specs}
    again = cls()
    apply_values(again, values)
    assert again == record
    # and the form shows the same text again: a fixed point
    assert read_values(again, specs) == texts


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_default_record_round_trips(cls):
    record = cls(**({"name": "x"} if hasattr(cls(), "name") else {}))
    if hasattr(record, "title"):
        record.title = "x"
    specs = specs_for(cls)
    values, errors = parse_values(specs, read_values(record, specs), TODAY)
    assert errors == {}
    again = cls()
    apply_values(again, values)
    assert again == record


def test_format_field_shapes():
    assert format_field(spec(Objective, "target"), None) == ""
    assert format_field(spec(Objective, "target"), 1_200_000) == "1200000"
    assert format_field(spec(Objective, "target"), 24.5) == "24.5"
    assert format_field(spec(Objective, "target"), 35.0) == "35.0"  # reads back as a float
    assert format_field(spec(Objective, "due"), D(2027, 6, 30)) == "2027-06-30"
    assert format_field(spec(Objective, "horizon"), Horizon.LONG) == "long"
    assert format_field(spec(Action, "status"), ActionStatus.IN_PROGRESS) == "in-progress"
    assert format_field(spec(Competitor, "strengths"), ["a", "b"]) == "a\nb"
    assert format_field(spec(Competitor, "strengths"), []) == ""


@pytest.mark.parametrize("separator", ["\x0c", "\u2028", "\x85"])
def test_strings_round_trip_keeps_items_with_unusual_separators(separator):
    value = [f"a{separator}b"]
    s = spec(Competitor, "strengths")
    assert parse_field(s, format_field(s, value), TODAY) == value


def test_untouched_float_field_keeps_its_file_form(full_plan):
    plan = full_plan()
    objective = plan.where_to_go.objectives["grow-share"]
    objective.baseline = 20.0
    before = dumps_plan(plan)
    specs = specs_for(Objective)
    values, errors = parse_values(specs, read_values(objective, specs), TODAY)
    assert errors == {}
    apply_values(objective, values)
    assert dumps_plan(plan) == before


def test_a_source_needs_a_period() -> None:
    specs = specs_for(Objective)
    texts = {"title": "Revenue", "horizon": "short", "source": "revenue", "period": ""}
    _, errors = parse_values(specs, texts, TODAY)
    assert errors == {"period": "choose the period measured from the revenue file"}
    texts["period"] = "quarter"
    values, errors = parse_values(specs, texts, TODAY)
    assert errors == {}
    assert (values["source"], values["period"]) == ("revenue", "quarter")
    texts["source"] = ""  # by hand: no period needed (one given is kept)
    assert parse_values(specs, texts, TODAY)[1] == {}


# -- specs_for ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "names"),
    [
        (
            Objective,
            [
                "title",
                "horizon",
                "metric",
                "unit",
                "source",
                "period",
                "baseline",
                "target",
                "current",
                "due",
                "notes",
                "opportunity",
            ],
        ),
        (Cell, ["status", "revenue", "competitor", "potential", "note"]),
        (Unit, ["name", "notes"]),
        (
            Action,
            ["title", "objective", "owner", "due", "status", "progress", "completed", "notes"],
        ),
        (Rating, ["rating", "note"]),
        (
            Competitor,
            ["name", "share_of_wallet", "strengths", "weaknesses", "positioning"],
        ),
        (
            WhereAmI,
            [
                "business",
                "priorities",
                "buying_motivation",
                "decision_process",
                "relationship_level",
            ],
        ),
    ],
)
def test_specs_in_file_order_without_records_checkins_or_extra(cls, names):
    assert [s.name for s in specs_for(cls)] == names


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_specs_follow_the_dataclass_order(cls):
    order = [f.name for f in dataclasses.fields(cls)]
    names = [s.name for s in specs_for(cls)]
    assert names == sorted(names, key=order.index)
    assert "extra" not in names


def test_specs_skip():
    names = [s.name for s in specs_for(Action, skip=("status", "progress", "completed"))]
    assert names == ["title", "objective", "owner", "due", "notes"]


def test_spec_choices_come_from_the_enums():
    assert spec(Person, "role").choices[:2] == (
        ("decision-maker", "decision maker"),
        ("economic-buyer", "economic buyer"),
    )
    assert [v for v, _ in spec(Person, "role").choices] == [m.value for m in Role]
    assert spec(Action, "status").choices == (
        ("todo", "todo"),
        ("in-progress", "in progress"),
        ("done", "done"),
        ("blocked", "blocked"),
        ("dropped", "dropped"),
    )
    assert spec(Person, "name").choices == ()


def test_spec_kinds_ranges_labels_and_hints():
    relationship = spec(Person, "relationship")
    assert (relationship.kind, relationship.lo, relationship.hi) == ("int", 1, 5)
    assert relationship.label == LABELS["relationship"]
    assert relationship.hint == "1–5"
    assert spec(Competitor, "share_of_wallet").hint == "0–100"
    assert spec(Account, "review_every_days").hint == "1–3660"
    assert spec(Account, "review_every_days").label == "Review every days"  # no label: from name
    assert spec(Objective, "target").hint == HINTS["number"]
    assert spec(Objective, "due").hint == HINTS["date"]
    assert spec(Objective, "metric").hint == ""
    for cls in RECORDS:  # a label from LABELS, else made from the name
        for s in specs_for(cls):
            assert s.label == LABELS.get(s.name, s.name.replace("_", " ").capitalize())


def test_spec_required_for_names_titles_and_fields_that_cannot_be_empty():
    named = (Person, Competitor, Account, Unit, Offering)
    never_empty = {
        Objective: ["horizon"],
        Cell: ["status"],
        Action: ["status", "progress"],
        Account: ["review_every_days"],
    }
    for cls in RECORDS:
        required = [s.name for s in specs_for(cls) if s.required]
        first = [] if cls in (Rating, Cell) else ["name" if cls in named else "title"]
        assert required == first + never_empty.get(cls, [])


def test_spec_multiline():
    assert spec(Person, "notes").multiline
    assert spec(Competitor, "strengths").multiline
    assert spec(Competitor, "positioning").multiline
    assert not spec(Person, "name").multiline  # a line
    assert not spec(Action, "owner").multiline  # text, but a short phrase
    assert not spec(Objective, "metric").multiline
    assert not spec(Action, "due").multiline


# -- parse_values / apply_values ---------------------------------------------------------------


def test_parse_values_collects_every_error_at_once():
    specs = specs_for(Person)
    texts = {
        "name": "",
        "title": "CFO",
        "role": "boss",
        "relationship": "9",
        "last_contact": "soon",
        "influence": "high",
    }
    values, errors = parse_values(specs, texts, TODAY)
    assert set(errors) == {"name", "role", "relationship", "last_contact"}
    assert errors["name"] == "Name is required"
    assert errors["relationship"] == "must be between 1 and 5"
    # values only hold the valid fields; a field missing from texts counts as empty
    assert values == {
        "title": "CFO",
        "reports_to": "",
        "influence": "high",
        "attitude": None,
        "orientation": None,
        "notes": "",
    }


def test_parse_values_without_errors():
    values, errors = parse_values(specs_for(Rating), {"rating": "4", "note": " Fits.  "}, TODAY)
    assert errors == {}
    assert values == {"rating": 4, "note": "Fits."}


def test_apply_values_converts_enum_strings_to_members():
    person = Person(name="Old", role=Role.USER)
    values, errors = parse_values(
        specs_for(Person),
        {"name": "Nicola Conti", "role": "economic buyer", "influence": "HIGH", "attitude": ""},
        TODAY,
    )
    assert errors == {}
    apply_values(person, values)
    assert person.role is Role.ECONOMIC_BUYER
    assert person.influence is not None and person.influence.value == "high"
    assert type(person.influence).__name__ == "Influence"
    assert person.attitude is None
    assert person.name == "Nicola Conti"


def test_apply_values_sets_plain_fields_as_they_are():
    action = Action(title="a", extra={"effort_days": 2})
    apply_values(action, {"status": "done", "progress": 100, "due": D(2026, 12, 1)})
    assert action.status is ActionStatus.DONE
    assert action.progress == 100
    assert action.due == D(2026, 12, 1)
    assert action.extra == {"effort_days": 2}


@pytest.mark.parametrize(
    ("cls", "name"),
    [
        (Action, "status"),
        (Action, "progress"),
        (Objective, "horizon"),
        (Account, "review_every_days"),
    ],
)
def test_fields_that_cannot_be_empty_refuse_empty_text(cls, name):
    record = cls(**({"name": "x"} if cls is Account else {"title": "x"}))
    specs = specs_for(cls)
    texts = read_values(record, specs) | {name: ""}
    values, errors = parse_values(specs, texts, TODAY)
    assert name in errors or values[name] is not None
