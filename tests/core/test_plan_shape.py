"""kamtui/plan/shape.py: the schema as data agrees with the model, and the canonical document
it makes without the model is the codec's, byte for byte once written; where the codec would
find anything wrong, it gives up (``None``) instead of guessing."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLE, examples, make_full_plan
from hypothesis import given, settings
from test_properties import plans

from kamtui.plan import toml_writer
from kamtui.plan.codec import SECTIONS, _encode_record, _specs, decode_plan, dumps_plan
from kamtui.plan.shape import SHAPES, canonical_document
from kamtui.plan.toml_reader import loads
from kamtui.store.workspace import is_plan_file_name


def _derived() -> dict[str, tuple[Any, ...]]:
    """SHAPES as the model and the codec say it must be."""
    out: dict[str, tuple[Any, ...]] = {}

    def walk(cls: type) -> None:
        if cls.__name__ in out:
            return
        defaults = _encode_record(cls())
        rows = []
        for name, meta in _specs(cls):
            kind = meta["kind"]
            detail: Any = None
            if kind == "enum":
                detail = tuple(m.value for m in meta["enum"]) + (("",) if meta["blank"] else ())
            elif kind in ("record", "records"):
                detail = meta["record"].__name__
                walk(meta["record"])
            elif kind in ("int", "number"):
                detail = (meta["lo"], meta["hi"])
            default = None if kind == "record" else defaults.get(name)
            rows.append((name, kind, meta["always"], meta["required"], detail, default))
        out[cls.__name__] = tuple(rows)

    for _name, cls in SECTIONS:
        walk(cls)
    return out


def test_the_shapes_are_the_models() -> None:
    derived = _derived()
    assert derived == SHAPES, (
        "kamtui/plan/shape.py's SHAPES no longer matches kamtui/plan/model.py; the table it "
        f"must hold is:\n{derived!r}"
    )


def _both_ways(doc: dict[str, Any], plan_id: str = "p") -> tuple[str | None, str | None]:
    """(shape's text or None, the codec's text or None when it finds an error)."""
    plain = canonical_document(copy.deepcopy(doc))
    plan, _ = decode_plan(copy.deepcopy(doc), plan_id)
    return (
        None if plain is None else toml_writer.dumps(plain),
        None if plan is None else dumps_plan(plan),
    )


def _files() -> list[Path]:
    return sorted(p for p in SAMPLE.glob("*.toml") if is_plan_file_name(p.name)) + sorted(
        (ROOT / "tests" / "golden").glob("*.toml")
    )


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_real_plans_are_written_as_the_codec_writes_them(path: Path) -> None:
    mine, codec = _both_ways(loads(path.read_text(encoding="utf-8")))
    assert mine is not None
    assert mine == codec


def test_the_full_plan_and_a_plan_with_hand_added_keys() -> None:
    doc = loads(dumps_plan(make_full_plan()))
    doc["how_to_get_there"]["actions"]["call-cfo"] = {"title": "Call", "mood": "good", "x": [1]}
    doc["where_am_i"]["swot"]["later"] = "x"
    doc["top"] = {"k": 1}
    mine, codec = _both_ways(doc)
    assert mine is not None and mine == codec


def test_missing_keys_take_the_codecs_defaults() -> None:
    actions = {"a": {"title": "T"}}
    doc = {"schema": 1, "account": {"name": "A"}, "how_to_get_there": {"actions": actions}}
    mine, codec = _both_ways(doc)
    assert mine is not None and mine == codec
    assert 'status = "todo"' in mine and "progress = 0" in mine and 'currency = "EUR"' in mine


def test_untidy_but_valid_values_are_made_canonical() -> None:
    doc = loads(dumps_plan(make_full_plan()))
    doc["where_am_i"]["business"] = "one\r\ntwo\rthree"
    doc["account"]["owner"] = ""
    action = next(iter(doc["how_to_get_there"]["actions"].values()))
    action["notes"] = ""  # empty and optional: left out
    action.pop("status")
    objective = next(iter(doc["where_to_go"]["objectives"].values()))
    objective["checkins"] = {"2026-12-01": 3, "2025-01-31": 1.5, "2026-01-01": 2}
    objective["checkin_sources"] = {"2026-12-01": "revenue.csv, quarter", "2026-01-01": ""}
    objective["source"], objective["period"] = "revenue", "quarter"
    doc["where_to_go"]["objectives"]["by-hand"] = {"title": "T", "source": "", "period": ""}
    objective = dict(reversed(list(objective.items())))  # keys out of order
    mine, codec = _both_ways(doc)
    assert mine is not None and mine == codec


def _mutations() -> list[tuple[str, Any]]:
    account = ("account",)
    action = ("how_to_get_there", "actions", "call-cfo")
    objective = ("where_to_go", "objectives", "grow-share")
    return [
        ("wrong type", (account, "name", 3)),
        ("bool for int", (account, "review_every_days", True)),
        ("out of range", (action, "progress", 101)),
        ("float for int", (action, "progress", 50.0)),
        ("unknown enum", (action, "status", "finished")),
        ("date-time", (action, "due", dt.datetime(2026, 1, 1, 10, 0))),
        ("date as text", (action, "due", "2026-01-01")),
        ("newline in a line", (account, "name", "two\nlines")),
        ("strings with a number", (account, "customer_ids", ["a", 1])),
        ("same customer id twice", (account, "customer_ids", ["c1", "c1"])),
        ("dangling objective", (action, "objective", "no-such-objective")),
        ("bad check-in date", (objective, "checkins", {"2026-02-30": 1})),
        ("check-in date form", (objective, "checkins", {"20261130": 1})),
        ("check-in not a number", (objective, "checkins", {"2026-11-30": "1"})),
        ("record not a table", (("where_am_i",), "swot", "none")),
        ("records not a table", (("where_am_i",), "buying_centre", [])),
        ("bad record id", (("where_am_i", "buying_centre"), "Bad Id", {"name": "X"})),
        ("windows name as id", (("where_am_i", "buying_centre"), "con", {"name": "X"})),
        ("missing required", (action, "title", None)),
        ("measured over no period", (objective, "source", "revenue")),
        ("unknown period", (objective, "period", "fortnight")),
        ("source of no check-in", (objective, "checkin_sources", {"1999-01-01": "x.csv"})),
        ("source on two lines", (objective, "checkin_sources", {"2026-01-01": "a\nb"})),
    ]


@pytest.mark.parametrize("what", _mutations(), ids=lambda m: m[0])
def test_anything_the_codec_rejects_is_left_to_the_codec(what: tuple[str, Any]) -> None:
    doc = loads(dumps_plan(make_full_plan()))
    (path, key, value) = what[1]
    table: Any = doc
    for part in path:
        table = table[part]
    if value is None:
        del table[key]
    else:
        table[key] = value
    mine, codec = _both_ways(doc)
    assert codec is None, "the mutation should be an error for the codec"
    assert mine is None


@pytest.mark.parametrize(
    "doc",
    [
        {"account": {"name": "A"}},  # no schema: the codec warns
        {"schema": 2, "account": {"name": "A"}},
        {"schema": True, "account": {"name": "A"}},
        {"schema": 1},  # no [account]
    ],
    ids=["no-schema", "newer", "bool", "no-account"],
)
def test_documents_the_codec_has_something_to_say_about(doc: dict[str, Any]) -> None:
    assert canonical_document(doc) is None


@settings(max_examples=examples(60), deadline=None)
@given(plans())
def test_generated_plans_are_written_as_the_codec_writes_them(plan: Any) -> None:
    text = dumps_plan(plan)
    mine, codec = _both_ways(loads(text), plan.id)
    assert codec == text
    assert mine == text


@settings(max_examples=examples(25), deadline=None)
@given(plans(), plans(), plans())
def test_the_merge_driver_writes_what_it_wrote_through_the_model(
    base: Any, ours: Any, theirs: Any
) -> None:
    """Three unrelated plans: conflicts on most values, records added on both sides, extras;
    the merged text (markers included) is the same by either way of writing it."""
    from kamtui.git import merge_file

    texts = [dumps_plan(p).encode() for p in (base, ours, theirs)]

    def merged() -> str:
        try:
            return merge_file.merge_texts(*texts, "p")[0]
        except merge_file.NotAPlan as exc:  # e.g. an action left pointing at a deleted objective
            return f"not a plan: {exc}"

    light = merged()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("kamtui.plan.shape.canonical_document", lambda doc: None)
        through_model = merged()
    assert light == through_model
