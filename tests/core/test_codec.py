"""The plan codec: canonical, deterministic, lossless for what it knows and for what it does not."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import GOLDEN, make_full_plan

from kamtui.plan.codec import decode_plan, dumps_plan, encode_plan, plan_fields
from kamtui.plan.diagnostics import Severity
from kamtui.plan.file import parse_plan, read_plan
from kamtui.plan.model import (
    Account,
    AccountPlan,
    Action,
    ActionStatus,
    HowToGetThere,
    Objective,
    Person,
    Segment,
    WhereToGo,
    new_plan,
)

FULL_GOLDEN = GOLDEN / "full-plan.toml"
NEW_GOLDEN = GOLDEN / "new-plan.toml"

MINIMAL = 'schema = 1\n\n[account]\nname = "Acme"\n'


def load(text: str | bytes, name: str = "acme.toml") -> Any:
    """parse_plan on *text*; fails the test on any error."""
    data = text.encode() if isinstance(text, str) else text
    lp = parse_plan(data, Path(name))
    assert not lp.errors, [str(p) for p in lp.errors]
    assert lp.plan is not None
    return lp


def table_keys(text: str, header: str) -> list[str]:
    """The keys of the table ``[header]`` in *text*, in file order."""
    lines = text.split("\n")
    start = lines.index(f"[{header}]") + 1
    keys = []
    for line in lines[start:]:
        if line.startswith("["):
            break
        m = re.match(r"([A-Za-z0-9_-]+) = ", line)
        if m:
            keys.append(m.group(1))
    return keys


def walk(value: Any) -> Any:
    """Every value nested in a TOML document (dicts and lists included)."""
    yield value
    if isinstance(value, dict):
        for v in value.values():
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)


# -- golden files ----------------------------------------------------------------------------


def test_full_plan_matches_golden_bytes(full_plan):
    assert dumps_plan(full_plan()).encode() == FULL_GOLDEN.read_bytes()


def test_new_plan_matches_golden_bytes():
    plan = new_plan("acme-packaging", "Acme Packaging S.p.A.", owner="Maria Rossi")
    assert dumps_plan(plan).encode() == NEW_GOLDEN.read_bytes()


def test_new_plan_ignores_today():
    a = new_plan("acme", "Acme", today=dt.date(2026, 1, 1))
    b = new_plan("acme", "Acme", today=dt.date(2030, 6, 6))
    assert dumps_plan(a) == dumps_plan(b)
    assert "last_review" not in dumps_plan(a)


@pytest.mark.parametrize("golden", [FULL_GOLDEN, NEW_GOLDEN], ids=["full", "new"])
def test_golden_reads_back_without_any_problem(golden):
    lp = read_plan(golden)
    assert lp.problems == []
    assert lp.plan is not None
    assert lp.has_comments is False
    assert lp.plan.id == golden.stem


def test_golden_reads_back_as_the_same_plan(full_plan):
    lp = parse_plan(FULL_GOLDEN.read_bytes(), Path("acme-packaging.toml"))
    assert lp.plan == full_plan()


@pytest.mark.parametrize("golden", [FULL_GOLDEN, NEW_GOLDEN], ids=["full", "new"])
def test_load_and_save_of_golden_is_byte_identical(golden):
    data = golden.read_bytes()
    lp = parse_plan(data, Path("acme-packaging.toml"))
    assert dumps_plan(lp.plan).encode() == data


def test_saving_an_unchanged_golden_through_the_workspace_writes_nothing(tmp_workspace):
    path = tmp_workspace.root / "acme-packaging.toml"
    path.write_bytes(FULL_GOLDEN.read_bytes())
    before = path.stat().st_mtime_ns
    loaded = tmp_workspace.load("acme-packaging")
    result = tmp_workspace.save(loaded, dataclasses.replace(loaded.plan))
    assert result.written is False
    assert path.read_bytes() == FULL_GOLDEN.read_bytes()
    assert path.stat().st_mtime_ns == before


def test_saving_one_change_through_the_workspace_writes_canonical_bytes(tmp_workspace, full_plan):
    path = tmp_workspace.root / "acme-packaging.toml"
    path.write_bytes(FULL_GOLDEN.read_bytes())
    loaded = tmp_workspace.load("acme-packaging")
    plan = full_plan()
    plan.account.industry = "Flexible packaging"
    assert tmp_workspace.save(loaded, plan).written is True
    expected = FULL_GOLDEN.read_text().replace(
        'industry = "Packaging"', 'industry = "Flexible packaging"'
    )
    assert path.read_text() == expected


# -- fixed point -----------------------------------------------------------------------------


def _plans() -> list[AccountPlan]:
    crlf = new_plan("crlf", "CRLF")
    crlf.where_am_i.business = "one\r\ntwo\rthree"
    return [make_full_plan(), new_plan("acme", "Acme"), AccountPlan(id="empty"), crlf]


@pytest.mark.parametrize("plan", _plans(), ids=["full", "new", "empty", "crlf"])
def test_dump_load_dump_is_a_fixed_point(plan):
    once = dumps_plan(plan)
    lp = load(once, f"{plan.id}.toml")
    assert dumps_plan(lp.plan) == once
    assert lp.problems == []


def test_dumps_is_deterministic(full_plan):
    assert dumps_plan(full_plan()) == dumps_plan(full_plan())


def test_reading_a_shuffled_hand_written_file_gives_canonical_order():
    text = (
        "schema = 1\n"
        "[how_to_get_there.actions.b]\n"
        'progress = 5\nstatus = "blocked"\ntitle = "B"\n'
        "[account]\n"
        'segment = "B"\nowner = "Me"\nname = "Acme"\n'
    )
    out = dumps_plan(load(text).plan)
    assert out.index("[account]") < out.index("[where_am_i]") < out.index("[how_to_get_there]")
    assert table_keys(out, "account") == [
        "name",
        "customer_ids",
        "industry",
        "owner",
        "segment",
        "currency",
        "review_every_days",
    ]
    assert table_keys(out, "how_to_get_there.actions.b") == [
        "title",
        "objective",
        "owner",
        "status",
        "progress",
    ]


# -- key order -------------------------------------------------------------------------------

ACCOUNT_VALUES: dict[str, Any] = {
    "name": "Acme",
    "customer_ids": ["C1"],
    "industry": "Packaging",
    "owner": "Maria",
    "segment": Segment.B,
    "currency": "CHF",
    "review_every_days": 14,
    "last_review": dt.date(2026, 11, 1),
}
ACTION_VALUES: dict[str, Any] = {
    "title": "Call",
    "objective": "",
    "owner": "Maria",
    "due": dt.date(2026, 12, 1),
    "status": ActionStatus.IN_PROGRESS,
    "progress": 50,
    "completed": dt.date(2026, 11, 2),
    "notes": "n",
}


def _edited(order: list[str]) -> AccountPlan:
    plan = AccountPlan(id="acme")
    action = Action()
    plan.how_to_get_there.actions["call"] = action
    for name in order:
        setattr(plan.account, name, ACCOUNT_VALUES[name])
    for name in reversed(list(ACTION_VALUES)):
        setattr(action, name, ACTION_VALUES[name])
    return plan


def test_key_order_comes_from_the_schema_not_the_order_of_edits():
    forward = _edited(list(ACCOUNT_VALUES))
    backward = _edited(list(reversed(ACCOUNT_VALUES)))
    shuffled = _edited(
        [
            "review_every_days",
            "customer_ids",
            "name",
            "currency",
            "last_review",
            "industry",
            "segment",
            "owner",
        ]
    )
    assert dumps_plan(forward) == dumps_plan(backward) == dumps_plan(shuffled)
    out = dumps_plan(forward)
    assert table_keys(out, "account") == [f.name for f in plan_fields(Account)]
    assert table_keys(out, "how_to_get_there.actions.call") == [f.name for f in plan_fields(Action)]


def test_top_level_order_is_schema_then_sections_then_extras():
    plan = new_plan("acme", "Acme")
    plan.extra = {"zz_custom": {"a": 1}, "aa_custom": {"b": 2}}
    doc = encode_plan(plan)
    assert list(doc) == [
        "schema",
        "account",
        "where_am_i",
        "where_to_go",
        "how_to_get_there",
        "zz_custom",
        "aa_custom",
    ]
    out = dumps_plan(plan)
    assert out.startswith("schema = 1\n")
    assert out.index("[how_to_get_there]") < out.index("[zz_custom]") < out.index("[aa_custom]")


# -- records ---------------------------------------------------------------------------------


def test_records_keep_file_order_and_new_records_are_appended():
    text = MINIMAL + "".join(
        f'\n[how_to_get_there.actions.{aid}]\ntitle = "{aid}"\n'
        for aid in ("zulu", "alpha", "mike")
    )
    plan = load(text).plan
    assert list(plan.how_to_get_there.actions) == ["zulu", "alpha", "mike"]
    plan.how_to_get_there.actions["bravo"] = Action(title="bravo")
    out = dumps_plan(plan)
    headers = re.findall(r"^\[how_to_get_there\.actions\.([a-z-]+)\]$", out, re.M)
    assert headers == ["zulu", "alpha", "mike", "bravo"]
    assert list(load(out).plan.how_to_get_there.actions) == ["zulu", "alpha", "mike", "bravo"]


def test_records_are_always_tables_even_when_long(full_plan):
    plan = full_plan()
    plan.how_to_get_there.actions["call-cfo"].notes = "x" * 300
    out = dumps_plan(plan)
    assert "[how_to_get_there.actions.call-cfo]" in out
    assert "actions = " not in out
    assert "[[" not in out


def test_checkins_are_written_sorted_by_date():
    text = (
        MINIMAL + "\n[where_to_go.objectives.grow]\n"
        'title = "Grow"\n'
        "[where_to_go.objectives.grow.checkins]\n"
        "2026-11-30 = 3\n2026-01-31 = 1\n2026-06-30 = 2\n"
    )
    plan = load(text).plan
    checkins = plan.where_to_go.objectives["grow"].checkins
    assert checkins == {
        dt.date(2026, 11, 30): 3,
        dt.date(2026, 1, 31): 1,
        dt.date(2026, 6, 30): 2,
    }
    out = dumps_plan(plan)
    assert "2026-01-31 = 1\n2026-06-30 = 2\n2026-11-30 = 3\n" in out
    plan.where_to_go.objectives["grow"].checkins[dt.date(2026, 3, 31)] = 1.5
    out = dumps_plan(plan)
    assert "2026-01-31 = 1\n2026-03-31 = 1.5\n2026-06-30 = 2\n2026-11-30 = 3\n" in out


def test_empty_checkins_are_omitted():
    plan = new_plan("acme", "Acme")
    plan.where_to_go.objectives["grow"] = Objective(title="Grow")
    assert ".checkins]" not in dumps_plan(plan)


# -- empty values ----------------------------------------------------------------------------


def test_empty_optional_values_are_omitted():
    plan = new_plan("acme", "Acme")
    plan.where_am_i.buying_centre["ann"] = Person(name="Ann")
    plan.where_to_go.objectives["grow"] = Objective(title="Grow")
    plan.how_to_get_there.actions["call"] = Action(title="Call")
    out = dumps_plan(plan)
    for key in (
        "segment",
        "last_review",
        "relationship_level",
        "role",
        "influence",
        "attitude",
        "orientation",
        "relationship",
        "last_contact",
        "notes",
        "baseline",
        "target",
        "current",
        "due",
        "completed",
        "rating",
        "buying_centre =",
        "competitors",
    ):
        assert not re.search(rf"^{key}\b", out, re.M), key
    # ...while the fields a person should fill in are there, empty.
    for line in ('industry = ""', "customer_ids = []", 'title = ""', 'note = ""', "strengths = []"):
        assert line in out, line


def test_emptying_an_optional_value_removes_its_line(full_plan):
    plan = full_plan()
    plan.account.segment = None
    plan.where_am_i.buying_centre["luca-ferri"].notes = ""
    out = dumps_plan(plan)
    assert 'segment = "A"' not in out
    assert "Prefers site visits" not in out
    assert "segment" not in load(out).plan.account.extra


@pytest.mark.parametrize(
    "plan",
    [
        AccountPlan(id="empty"),
        new_plan("acme", "Acme"),
        AccountPlan(
            id="nones",
            account=Account(name="A", segment=None, last_review=None),
            where_to_go=WhereToGo(
                objectives={"o": Objective(title="O", baseline=None, due=None, checkins={})}
            ),
            how_to_get_there=HowToGetThere(actions={"a": Action(title="A", due=None)}),
        ),
    ],
    ids=["empty", "new", "nones"],
)
def test_encoded_document_never_holds_none(plan, full_plan):
    for p in (plan, full_plan()):
        assert all(v is not None for v in walk(encode_plan(p)))


# -- unknown keys ----------------------------------------------------------------------------

UNKNOWN_EVERYWHERE = """\
schema = 1
top_scalar = "kept"
top_when = 2026-11-30T08:30:00+01:00

[account]
name = "Acme"
account_extra = 42
account_inline = { a = 1, b = [1, 2] }

[where_am_i]
section_extra = 1.25

[where_am_i.accessibility]
acc_extra = true

[where_am_i.accessibility.technical]
rating = 3
rating_extra = "r"

[where_am_i.buying_centre.ann]
name = "Ann"
person_extra = 2026-01-02
person_time = 07:45:00

[where_am_i.competitors.rival]
name = "Rival"
competitor_extra = ["x", "y"]

[where_am_i.swot]
swot_extra = "s"

[where_to_go.objectives.grow]
title = "Grow"
objective_extra = { deep = { deeper = "yes" } }

[how_to_get_there]
hw_extra = "h"

[how_to_get_there.actions.call]
title = "Call"
action_extra = -7

[[how_to_get_there.actions.call.history]]
when = 2026-01-01
what = "created"

[[how_to_get_there.actions.call.history]]
when = 2026-02-01
what = "moved"

[top_table]
nested = { list = [1.5, "two", 2026-03-04] }

[top_table.sub]
x = 1
"""


def test_unknown_keys_at_every_level_survive_a_round_trip():
    lp = load(UNKNOWN_EVERYWHERE)
    plan = lp.plan
    assert plan.extra["top_scalar"] == "kept"
    assert plan.extra["top_table"]["sub"] == {"x": 1}
    assert plan.account.extra == {"account_extra": 42, "account_inline": {"a": 1, "b": [1, 2]}}
    assert plan.where_am_i.extra == {"section_extra": 1.25}
    assert plan.where_am_i.accessibility.extra == {"acc_extra": True}
    assert plan.where_am_i.accessibility.technical.extra == {"rating_extra": "r"}
    assert plan.where_am_i.buying_centre["ann"].extra == {
        "person_extra": dt.date(2026, 1, 2),
        "person_time": dt.time(7, 45),
    }
    assert plan.where_am_i.competitors["rival"].extra == {"competitor_extra": ["x", "y"]}
    assert plan.where_am_i.swot.extra == {"swot_extra": "s"}
    assert plan.where_to_go.objectives["grow"].extra == {
        "objective_extra": {"deep": {"deeper": "yes"}}
    }
    assert plan.how_to_get_there.extra == {"hw_extra": "h"}
    assert plan.how_to_get_there.actions["call"].extra["action_extra"] == -7
    assert len(plan.how_to_get_there.actions["call"].extra["history"]) == 2

    out = dumps_plan(plan)
    again = load(out)
    assert again.plan == plan
    assert dumps_plan(again.plan) == out
    # The document as a whole is the same, type for type.
    original = tomllib.loads(UNKNOWN_EVERYWHERE)
    assert tomllib.loads(out)["top_when"] == original["top_when"]
    assert tomllib.loads(out)["top_table"] == original["top_table"]
    assert (
        tomllib.loads(out)["how_to_get_there"]["actions"]["call"]["history"]
        == original["how_to_get_there"]["actions"]["call"]["history"]
    )


def test_unknown_keys_without_near_miss_give_no_warning():
    assert load(UNKNOWN_EVERYWHERE).problems == []


@pytest.mark.parametrize(
    ("text", "typo", "suggestion", "line"),
    [
        (MINIMAL + 'owenr = "M"\n', "owenr", "owner", 5),
        (MINIMAL + '[where_am_ii]\nbusiness = "x"\n', "where_am_ii", "where_am_i", 5),
        (MINIMAL + '[how_to_get_there.actions.c]\ntitle=""\nstatuss = 1\n', "statuss", "status", 7),
        (MINIMAL + "[where_am_i.accessibility.technical]\nratign = 3\n", "ratign", "rating", 6),
    ],
    ids=["account", "top-level", "record", "nested-record"],
)  # fmt: skip
def test_a_typo_gives_a_did_you_mean_warning_and_is_kept(text, typo, suggestion, line):
    lp = load(text)
    warnings = [p for p in lp.problems if "did you mean" in p.message]
    assert len(warnings) == 1
    w = warnings[0]
    assert w.severity is Severity.WARNING
    assert f"'{typo}'" in w.message
    assert f"did you mean '{suggestion}'?" in w.message
    assert w.line == line
    assert typo in dumps_plan(lp.plan)


# -- types -----------------------------------------------------------------------------------


def test_ints_stay_ints_and_floats_stay_floats():
    text = (
        MINIMAL
        + '\n[where_am_i.competitors.a]\nname = "A"\nshare_of_wallet = 55\n'
        + '\n[where_am_i.competitors.b]\nname = "B"\nshare_of_wallet = 55.0\n'
        + '\n[where_to_go.objectives.o]\ntitle = "O"\n'
        + "baseline = 20\ntarget = 35.0\ncurrent = 1e3\n"
        + "[where_to_go.objectives.o.checkins]\n2026-01-01 = 1\n2026-02-01 = 2.0\n"
    )
    plan = load(text).plan
    comps = plan.where_am_i.competitors
    assert type(comps["a"].share_of_wallet) is int
    assert type(comps["b"].share_of_wallet) is float
    o = plan.where_to_go.objectives["o"]
    assert (type(o.baseline), type(o.target), type(o.current)) == (int, float, float)
    assert [type(v) for v in o.checkins.values()] == [int, float]
    out = dumps_plan(plan)
    for line in (
        "share_of_wallet = 55\n",
        "share_of_wallet = 55.0\n",
        "baseline = 20\n",
        "target = 35.0\n",
        "current = 1000.0\n",
        "2026-01-01 = 1\n",
        "2026-02-01 = 2.0\n",
    ):
        assert line in out, line
    again = load(out).plan.where_to_go.objectives["o"]
    assert type(again.target) is float
    assert type(again.baseline) is int


def test_decode_plan_directly_reports_key_paths():
    doc = {"schema": 1, "account": {"name": "A", "review_every_days": "often"}}
    plan, findings = decode_plan(doc, "a")
    assert plan is None
    assert [f.key for f in findings] == [("account", "review_every_days")]


# -- text ------------------------------------------------------------------------------------


def test_crlf_in_text_is_normalised_to_lf():
    plan = new_plan("acme", "Acme")
    plan.where_am_i.business = "one\r\ntwo\rthree\n"
    plan.where_am_i.swot.strengths = ["a\r\nb"]
    plan.how_to_get_there.actions["x"] = Action(title="X", notes="n1\r\nn2")
    out = dumps_plan(plan)
    assert "\r" not in out
    back = load(out).plan
    assert back.where_am_i.business == "one\ntwo\nthree\n"
    assert back.where_am_i.swot.strengths == ["a\nb"]
    assert back.how_to_get_there.actions["x"].notes == "n1\nn2"


def test_a_crlf_file_reads_with_lf_text_and_saves_as_lf():
    text = (
        'schema = 1\r\n[account]\r\nname = "Acme"\r\n'
        '[where_am_i]\r\nbusiness = """\r\na\r\nb"""\r\n'
    )
    lp = load(text.encode())
    assert lp.plan.where_am_i.business == "a\nb"
    out = dumps_plan(lp.plan)
    assert "\r" not in out
    assert 'business = """\na\nb"""\n' in out


def test_multi_line_text_is_written_as_a_multi_line_string():
    plan = new_plan("acme", "Acme")
    plan.where_am_i.business = 'First line.\nSecond "quoted" line.\nThird \\ line.'
    plan.where_am_i.priorities = "single line"
    out = dumps_plan(plan)
    assert 'business = """\nFirst line.\nSecond \\"quoted\\" line.\nThird \\\\ line."""\n' in out
    assert 'priorities = "single line"\n' in out
    assert load(out).plan.where_am_i.business == plan.where_am_i.business


def test_control_characters_are_escaped_not_written_raw():
    plan = new_plan("acme", "Acme \x1b[31mred")
    plan.where_am_i.business = "bell\x07 and\nnul\x00 del\x7f"
    out = dumps_plan(plan)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)
    assert "\\u001b" in out
    back = load(out).plan
    assert back.account.name == "Acme \x1b[31mred"
    assert back.where_am_i.business == plan.where_am_i.business


def test_output_is_lf_only_and_ends_with_a_newline(full_plan):
    out = dumps_plan(full_plan())
    assert "\r" not in out
    assert out.endswith("\n")
    assert not out.endswith("\n\n")
    assert b"\r" not in FULL_GOLDEN.read_bytes()
    assert not FULL_GOLDEN.read_bytes().startswith(b"\xef\xbb\xbf")
