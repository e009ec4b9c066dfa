"""Person.reports_to: read, written only when set, and an unknown id or a loop reported at its
line by the codec (kamtui/plan/codec.py), while the merge driver's shortcut
(kamtui/plan/shape.py) gives up on the same plans."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kamtui.plan.codec import dumps_plan, encode_plan
from kamtui.plan.file import parse_plan
from kamtui.plan.shape import canonical_document, reporting_problems

HEAD = 'schema = 1\n\n[account]\nname = "Acme"\n'  # 4 lines


def plan_text(*people: tuple[str, str | None]) -> str:
    """A plan whose buying centre holds *people* (id, reports_to or None), one table each."""
    out = HEAD
    for pid, boss in people:
        out += f'\n[where_am_i.buying_centre.{pid}]\nname = "{pid.title()}"\n'
        if boss is not None:
            out += f'reports_to = "{boss}"\n'
    return out


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_plan(text.encode(), Path("acme.toml"))


def test_reports_to_is_read_and_written_only_when_set() -> None:
    text = plan_text(("ceo", None), ("cfo", "ceo"))
    lp = parse(text)
    assert not lp.errors
    people = lp.plan.where_am_i.buying_centre
    assert people["cfo"].reports_to == "ceo"
    assert people["ceo"].reports_to == ""
    out = dumps_plan(lp.plan)
    assert out.count("reports_to") == 1
    assert 'reports_to = "ceo"' in out
    doc = tomllib.loads(text)
    assert canonical_document(doc) == encode_plan(lp.plan)


@pytest.mark.parametrize(
    ("people", "message", "line"),
    [
        (
            (("ceo", None), ("cfo", "boss")),
            "person 'cfo' reports to unknown person 'boss' (buying centre: ceo, cfo)",
            11,
        ),
        ((("ceo", "ceo"),), "person 'ceo' reports to themself", 8),
        (
            (("a", "b"), ("b", "a")),
            "person 'a' is in a reporting loop (a -> b -> a)",
            8,
        ),
    ],
    ids=["unknown", "self", "loop"],
)
def test_a_wrong_reports_to_is_an_error_at_its_line(people, message, line) -> None:  # type: ignore[no-untyped-def]
    text = plan_text(*people)
    lp = parse(text)
    assert lp.plan is None
    errors = [p for p in lp.errors if message in p.message]
    assert len(errors) == 1, [str(p) for p in lp.errors]
    assert errors[0].line == line
    assert text.split("\n")[line - 1].startswith("reports_to = ")
    assert canonical_document(tomllib.loads(text)) is None  # the codec's way, which says why


def test_everyone_in_a_loop_is_reported_and_someone_reporting_into_it_is_not() -> None:
    text = plan_text(("a", "b"), ("b", "c"), ("c", "b"), ("d", None))
    lp = parse(text)
    keys = sorted(p.message.split("'")[1] for p in lp.errors)
    assert keys == ["b", "c"]


def test_reporting_problems() -> None:
    assert reporting_problems({}) == {}
    assert reporting_problems({"a": "", "b": "a", "c": "b"}) == {}
    assert reporting_problems({"a": "x"}) == {"a": "unknown"}
    assert reporting_problems({"a": "a"}) == {"a": "cycle"}
    assert reporting_problems({"a": "b", "b": "c", "c": "a", "d": "a"}) == {
        "a": "cycle",
        "b": "cycle",
        "c": "cycle",
    }


# -- the merge driver (kamtui/git/merge_file.py) ----------------------------------------------


def _merge(base_text: str, ours: str, theirs: str) -> tuple[str, bool]:
    from kamtui.git.merge_file import merge_texts

    text, merged = merge_texts(base_text.encode(), ours.encode(), theirs.encode(), "acme")
    return text, merged.clean


def test_two_sides_setting_different_bosses_merge_cleanly() -> None:
    base_text = plan_text(("a", None), ("b", None), ("c", None))
    ours = plan_text(("a", None), ("b", "a"), ("c", None))
    theirs = plan_text(("a", None), ("b", None), ("c", "a"))
    text, clean = _merge(base_text, ours, theirs)
    assert clean
    lp = parse(text)
    assert not lp.errors
    people = lp.plan.where_am_i.buying_centre
    assert (people["b"].reports_to, people["c"].reports_to) == ("a", "a")


def test_a_merge_that_would_make_a_loop_falls_back() -> None:
    """Each side alone is fine; together a reports to b reports to a. The driver does not
    take that as merged: merge_texts refuses it (NotAPlan, naming the loop) and the driver
    falls back to git's own line merge (kamtui/git/merge_file.py)."""
    from kamtui.git.merge_file import NotAPlan

    base_text = plan_text(("a", None), ("b", None))
    ours = plan_text(("a", "b"), ("b", None))
    theirs = plan_text(("a", None), ("b", "a"))
    with pytest.raises(NotAPlan, match=r"reporting loop \(a -> b -> a\)"):
        _merge(base_text, ours, theirs)
