"""The three-way merge of plan documents by record and field (kamtui/git/three_way.py) and the
merged file with conflict markers (kamtui/git/merge_file.py), without git."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from conftest import SAMPLE, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from kamtui.git.merge_file import NotAPlan, merge_texts
from kamtui.git.three_way import merge_documents, merge_lines, merge_text
from kamtui.plan.codec import dumps_plan, encode_plan
from kamtui.plan.file import parse_plan, read_plan
from kamtui.plan.model import AccountPlan

PLAN_ID = "alimentare-padano"


def sample() -> AccountPlan:
    plan = read_plan(SAMPLE / f"{PLAN_ID}.toml").plan
    assert plan is not None
    return plan


def doc(plan: AccountPlan) -> dict[str, Any]:
    return encode_plan(plan)


def merged_text(base: AccountPlan, ours: AccountPlan, theirs: AccountPlan) -> str:
    text, _ = merge_texts(
        dumps_plan(base).encode(), dumps_plan(ours).encode(), dumps_plan(theirs).encode(), PLAN_ID
    )
    return text


def plan_of(text: str) -> AccountPlan:
    loaded = parse_plan(text.encode(), SAMPLE / f"{PLAN_ID}.toml", PLAN_ID)
    assert loaded.plan is not None and not loaded.errors, loaded.errors
    return loaded.plan


# -- lines -------------------------------------------------------------------------------------


def test_lines_changed_at_different_places_merge() -> None:
    base = ["a", "b", "c", "d", "e"]
    ours = ["a", "B", "c", "d", "e"]
    theirs = ["a", "b", "c", "d", "E", "f"]
    assert merge_lines(base, ours, theirs) == (["a", "B", "c", "d", "E", "f"],) * 2 + (True,)


def test_the_same_lines_changed_differently_conflict_there_only() -> None:
    mine, yours, clean = merge_lines(["a", "b", "c"], ["a", "X", "c"], ["a", "Y", "c"])
    assert not clean and mine == ["a", "X", "c"] and yours == ["a", "Y", "c"]


def test_text_added_on_both_sides_from_nothing() -> None:
    assert merge_text("", "one\ntwo", "one\ntwo") == ("one\ntwo", "one\ntwo", True)


# -- documents ---------------------------------------------------------------------------------


def test_records_added_on_both_sides_are_all_kept_in_order() -> None:
    base = {"t": {"a": {"x": 1}}}
    ours = {"t": {"a": {"x": 1}, "o": {"x": 2}}}
    theirs = {"t": {"a": {"x": 1}, "z": {"x": 3}}}
    merged = merge_documents(base, ours, theirs)
    assert merged.clean and list(merged.ours["t"]) == ["a", "o", "z"]


def test_deleted_on_one_side_untouched_on_the_other_is_deleted() -> None:
    merged = merge_documents({"t": {"a": 1, "b": 2}}, {"t": {"a": 1}}, {"t": {"a": 1, "b": 2}})
    assert merged.clean and merged.ours == {"t": {"a": 1}}


def test_deleted_on_one_side_changed_on_the_other_is_a_conflict_on_the_record() -> None:
    base = {"t": {"r": {"x": 1}}}
    merged = merge_documents(base, {"t": {}}, {"t": {"r": {"x": 2}}})
    assert merged.conflicts == [("t", "r")]
    assert merged.ours == {"t": {}} and merged.theirs == {"t": {"r": {"x": 2}}}


def test_string_lists_keep_additions_and_removals_of_both_sides() -> None:
    merged = merge_documents({"l": ["a", "b", "c"]}, {"l": ["a", "c", "o"]}, {"l": ["a", "b", "t"]})
    assert merged.clean and merged.ours == {"l": ["a", "o", "t"]}


def test_last_review_takes_the_later_date() -> None:
    base = {"account": {"last_review": dt.date(2026, 1, 1)}}
    ours = {"account": {"last_review": dt.date(2026, 3, 1)}}
    theirs = {"account": {"last_review": dt.date(2026, 2, 1)}}
    merged = merge_documents(base, ours, theirs)
    assert merged.clean and merged.ours["account"]["last_review"] == dt.date(2026, 3, 1)


def test_unknown_keys_merge_like_known_ones() -> None:
    merged = merge_documents({"x_custom": 1}, {"x_custom": 2}, {"x_custom": 1, "y_new": 3})
    assert merged.clean and merged.ours == {"x_custom": 2, "y_new": 3}


# -- plans -------------------------------------------------------------------------------------


def test_check_ins_merge_by_date_and_current_follows_the_latest() -> None:
    base = sample()
    oid = next(iter(base.where_to_go.objectives))
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.where_to_go.objectives[oid].checkins[dt.date(2030, 1, 1)] = 11
    ours.where_to_go.objectives[oid].current = 11
    theirs.where_to_go.objectives[oid].checkins[dt.date(2030, 2, 1)] = 22
    theirs.where_to_go.objectives[oid].current = 22
    objective = plan_of(merged_text(base, ours, theirs)).where_to_go.objectives[oid]
    assert objective.checkins[dt.date(2030, 1, 1)] == 11
    assert objective.checkins[dt.date(2030, 2, 1)] == 22
    assert objective.current == 22


def test_same_date_check_ins_with_two_values_conflict() -> None:
    base = sample()
    oid = next(iter(base.where_to_go.objectives))
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.where_to_go.objectives[oid].checkins[dt.date(2030, 1, 1)] = 11
    theirs.where_to_go.objectives[oid].checkins[dt.date(2030, 1, 1)] = 12
    text = merged_text(base, ours, theirs)
    assert "<<<<<<< ours\n2030-01-01 = 11\n=======\n2030-01-01 = 12\n>>>>>>> theirs\n" in text


def test_status_done_on_one_side_and_progress_on_the_other_follow_the_status() -> None:
    base = sample()
    actions = base.how_to_get_there.actions.items()
    aid = next(a for a, x in actions if x.status.value == "in-progress" and x.progress < 60)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    from kamtui.plan.edit import set_progress, set_status
    from kamtui.plan.model import ActionStatus

    set_status(ours.how_to_get_there.actions[aid], ActionStatus.DONE, dt.date(2026, 11, 30))
    set_progress(theirs.how_to_get_there.actions[aid], 60, dt.date(2026, 11, 29))
    action = plan_of(merged_text(base, ours, theirs)).how_to_get_there.actions[aid]
    assert (action.status.value, action.progress) == ("done", 100)
    assert action.completed == dt.date(2026, 11, 30)


def test_a_conflict_is_marked_around_the_field_only_and_check_finds_it() -> None:
    base = sample()
    aid = next(iter(base.how_to_get_there.actions))
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.how_to_get_there.actions[aid].owner = "Anna"
    theirs.how_to_get_there.actions[aid].owner = "Bruno"
    ours.how_to_get_there.actions[aid].title = "Ours renamed it"  # a clean change beside it
    text = merged_text(base, ours, theirs)
    assert text.count("<<<<<<<") == 1
    assert '<<<<<<< ours\nowner = "Anna"\n=======\nowner = "Bruno"\n>>>>>>> theirs\n' in text
    assert 'title = "Ours renamed it"' in text
    loaded = parse_plan(text.encode(), SAMPLE / f"{PLAN_ID}.toml", PLAN_ID)
    marker_line = text[: text.index("<<<<<<<")].count("\n") + 1
    assert loaded.plan is None and loaded.errors[0].line == marker_line


def test_a_broken_side_cannot_be_merged_by_record() -> None:
    good = dumps_plan(sample()).encode()
    try:
        merge_texts(good, good + b"[broken\n", good, PLAN_ID)
    except NotAPlan as exc:
        assert "line" in str(exc)
    else:
        raise AssertionError("a broken side was merged")


# -- properties --------------------------------------------------------------------------------

SKIPPED = {"status", "progress", "completed", "current", "checkins", "last_review", "schema"}


def leaves(tree: dict[str, Any], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The paths of the plan's text and number values the rules do not tie to others."""
    found = []
    for key, value in tree.items():
        if key in SKIPPED:
            continue
        if isinstance(value, dict):
            found += leaves(value, (*path, key))
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            found.append((*path, key))
    return found


def set_leaf(tree: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        tree = tree[key]
    tree[path[-1]] = value


BASE_DOC = doc(sample())
LEAVES = leaves(BASE_DOC)
EDIT = st.tuples(st.sampled_from(LEAVES), st.text(alphabet="abc xyz\n", min_size=1, max_size=12))


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(EDIT, max_size=6), st.lists(EDIT, max_size=6))
def test_edits_of_disjoint_fields_merge_to_both(
    ours_edits: list[tuple[tuple[str, ...], str]], theirs_edits: list[tuple[tuple[str, ...], str]]
) -> None:
    theirs_edits = [(p, v) for p, v in theirs_edits if p not in {q for q, _ in ours_edits}]
    base = copy.deepcopy(BASE_DOC)
    ours, theirs, both = (copy.deepcopy(BASE_DOC) for _ in range(3))
    for path, value in ours_edits:
        set_leaf(ours, path, value)
        set_leaf(both, path, value)
    for path, value in theirs_edits:
        set_leaf(theirs, path, value)
        set_leaf(both, path, value)
    merged = merge_documents(base, ours, theirs)
    assert merged.clean and merged.ours == both == merged.theirs


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(EDIT, max_size=6))
def test_merging_a_change_with_itself_or_with_nothing_gives_the_change(
    edits: list[tuple[tuple[str, ...], str]],
) -> None:
    changed = copy.deepcopy(BASE_DOC)
    for path, value in edits:
        set_leaf(changed, path, value)
    assert merge_documents(BASE_DOC, changed, changed).ours == changed
    assert merge_documents(BASE_DOC, BASE_DOC, changed).ours == changed
    assert merge_documents(BASE_DOC, changed, BASE_DOC).ours == changed
