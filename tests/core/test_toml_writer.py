"""kamtui/plan/toml_writer.py writes exactly tomli-w's text (``multiline_strings=True``).

The golden files (tests/golden) pin the bytes of a plan; this pins the writer to tomli-w for
any document: generated ones (nasty strings and keys, empty tables and arrays, deep tables),
the sample workspace, the golden files read back, and documents holding values only tomli-w
writes (which the writer hands over to it). And ``dumps_plan``, which writes a plan straight
from its records, writes the same text as the writer does from ``encode_plan``'s document: here
for the full plan and awkward shapes; for generated plans, with and without hand-added keys, in
the whole-plan property of tests/core/test_properties.py (generating a plan is the slow part:
one property checks all that is checked on generated whole plans).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from decimal import Decimal
from typing import Any

import pytest
import tomli_w
from conftest import GOLDEN, SAMPLE, examples, make_full_plan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import without_extras

from kamtui.plan import toml_writer
from kamtui.plan.codec import dumps_plan, encode_plan
from kamtui.plan.model import AccountPlan, Segment

PROPS = settings(
    max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def tomli_w_text(doc: dict[str, Any]) -> str:
    return tomli_w.dumps(doc, multiline_strings=True)


# Characters that tomli-w escapes or treats specially, and some that it must not touch.
_SPECIAL = ['"', "\\", "\n", "\r", "\r\n", "\t", "\x00", "\x08", "\x0c", "\x1b", "\x7f"]
_SPECIAL += ["\x1f", "'", "#", "=", ".", " ", "[", "]", "é", "🙂", "\u2028", "\u200b", '"""']
pieces = st.one_of(st.text(max_size=6), st.sampled_from(_SPECIAL))
strings = st.lists(pieces, max_size=5).map("".join)
keys = st.one_of(
    st.sampled_from(["a", "b-c", "d_e", "Z9", "", "1", "a.b", "a b", "ü"]),
    strings,
)
scalars = st.one_of(
    strings,
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),  # nan and infinities too: tomli-w writes them, and so must the writer
    st.booleans(),
    st.dates(),
)
values = st.one_of(scalars, st.lists(scalars, max_size=4))
documents = st.recursive(
    st.dictionaries(keys, values, max_size=5),
    lambda inner: st.dictionaries(keys, st.one_of(values, inner), max_size=5),
    max_leaves=30,
)


@PROPS
@given(documents)
def test_any_plain_document_is_written_as_tomli_w_writes_it(doc: dict[str, Any]) -> None:
    assert toml_writer.dumps(doc) == tomli_w_text(doc)


# Values kamtui never writes itself but a hand-added key can hold.
_ONLY_TOMLI_W: list[Any] = [
    [{"a": 1}, {"b": "x"}],  # an array of tables
    [{"a": "x" * 120}],  # an array of tables too long to be written inline
    [1, {"a": 1}],  # an inline table in an array
    [[1, 2], ["x"]],  # nested arrays
    dt.datetime(2026, 11, 30, 9, 30),
    dt.datetime(2026, 11, 30, 9, 30, tzinfo=dt.UTC),
    dt.time(9, 30),
    Decimal("1.5"),
    (1, 2),  # a tuple
]


@pytest.mark.parametrize("value", _ONLY_TOMLI_W, ids=lambda v: type(v).__name__)
def test_values_only_tomli_w_writes_are_handed_to_it(value: Any) -> None:
    doc = {"schema": 1, "account": {"name": "Acme", "x_hand": value, "note": "a\nb"}}
    assert toml_writer.dumps(doc) == tomli_w_text(doc)


def test_a_mapping_that_is_not_a_dict_and_a_key_that_is_not_a_string_go_to_tomli_w() -> None:
    from types import MappingProxyType

    doc: dict[Any, Any] = {"t": MappingProxyType({"a": 1})}
    assert toml_writer.dumps(doc) == tomli_w_text(doc)
    not_a_string: dict[Any, Any] = {1: "x"}
    with pytest.raises(TypeError):  # what tomli-w says, the writer too
        toml_writer.dumps(not_a_string)


@pytest.mark.parametrize(
    "path",
    [*sorted(SAMPLE.glob("*.toml")), *sorted(GOLDEN.glob("*.toml"))],
    ids=lambda p: p.name,
)
def test_every_sample_and_golden_file_is_written_as_tomli_w_writes_it(path: Any) -> None:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert toml_writer.dumps(doc) == tomli_w_text(doc)


def test_a_full_plan_is_written_as_tomli_w_writes_it() -> None:
    doc = encode_plan(make_full_plan())
    assert toml_writer.dumps(doc) == tomli_w_text(doc)


# -- dumps_plan writes straight from the records: the same text as the document way ----------


def generic(plan: AccountPlan) -> str:
    return toml_writer.dumps(encode_plan(plan))


def test_the_full_plan_with_and_without_extras_is_written_as_its_document_would_be() -> None:
    plan = make_full_plan()
    assert dumps_plan(plan) == generic(plan)
    bare = without_extras(plan)
    assert bare.extra == {} and bare.account.extra == {}
    assert dumps_plan(bare) == generic(bare)


def awkward_plan() -> AccountPlan:
    """No extras, but every shape the direct way must get right."""
    plan = without_extras(make_full_plan())
    plan.account.industry = "line one\r\nline two\rthree"  # CR made LF, as encode_plan does
    plan.account.owner = 'quote " and backslash \\ and tab \t'
    plan.where_am_i.business = ""  # written even when empty
    plan.where_am_i.buying_centre = {}  # no [where_am_i.buying_centre] at all
    objective = next(iter(plan.where_to_go.objectives.values()))
    objective.checkins = {dt.date(2026, 3, 1): 2.5, dt.date(2026, 1, 1): 1}
    objective.notes = ""  # left out when empty
    actions = plan.how_to_get_there.actions
    actions["Not A Slug"] = dataclasses.replace(next(iter(actions.values())))  # a quoted key
    return plan


def test_awkward_shapes_are_written_as_their_document_would_be() -> None:
    plan = awkward_plan()
    text = dumps_plan(plan)
    assert text == generic(plan)
    assert '[how_to_get_there.actions."Not A Slug"]' in text
    assert "[where_am_i.buying_centre" not in text


@pytest.mark.parametrize(
    "spoil",
    [
        lambda p: p.extra.update(x_top=1),  # hand-added at the top
        lambda p: p.account.extra.update(x_hand=dt.time(9, 30)),  # only tomli-w writes it
        lambda p: setattr(p.account, "owner", Segment.A),  # a str subclass, not a str
        lambda p: setattr(p.account, "review_every_days", True),  # a boolean in an int field
        lambda p: setattr(p.account, "review_every_days", 1.5),  # a float in an int field
    ],
    ids=["top-extra", "time-in-extra", "str-subclass", "bool-in-int", "float-in-int"],
)
def test_what_the_direct_way_does_not_write_itself_comes_out_the_same(spoil: Any) -> None:
    plan = awkward_plan()
    spoil(plan)
    assert dumps_plan(plan) == generic(plan)
