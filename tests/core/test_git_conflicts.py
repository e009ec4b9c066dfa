"""Conflict markers read into conflicts and the text put back together (kamtui/git/conflicts.py):
the driver's markers (a field, a record, same-date check-ins), git's line merge with and
without a ``|||||||`` base section, bad markers, and the base found in git's index."""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLE
from git_conflict_helpers import (
    CHECKIN,
    FIELD_ACTION,
    OBJECTIVE,
    PLAN,
    RECORD_ACTION,
    make_repo,
    merge_conflict,
    ours_edits,
    owner_field,
    theirs_edits,
)
from git_helpers import git

from kamtui.git.conflicts import (
    Conflict,
    MarkerError,
    Side,
    dotted,
    edited,
    has_conflicts,
    index_base,
    parse_marked,
    put_together,
    with_base,
)
from kamtui.git.merge_file import merge_texts
from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import parse_plan

FIELD = """\
schema = 1

[how_to_get_there.actions.call-cfo]
title = "Call the CFO"
<<<<<<< ours
owner = "Anna"
=======
owner = "Bruno"
>>>>>>> theirs
due = 2030-01-01
"""

BASE = """\
schema = 1

[how_to_get_there.actions.call-cfo]
title = "Call the CFO"
owner = "Maria"
due = 2030-01-01

[how_to_get_there.actions.visit]
title = "Visit the plant"
status = "todo"
"""


def all_of(marked_text: str, side: Side) -> str:
    marked = parse_marked(marked_text)
    return put_together(marked, {i: c.take(side) for i, c in enumerate(marked.conflicts)}).text


# -- reading the markers -------------------------------------------------------------------


def test_a_field_conflict_is_read_with_its_table_and_key() -> None:
    marked = parse_marked(FIELD)
    [conflict] = marked.conflicts
    assert conflict.line == 5
    assert conflict.ours == ('owner = "Anna"',)
    assert conflict.theirs == ('owner = "Bruno"',)
    assert conflict.base is None and conflict.base_source == ""
    assert (conflict.ours_label, conflict.theirs_label) == ("ours", "theirs")
    assert conflict.table == ("how_to_get_there", "actions", "call-cfo")
    assert conflict.table_name == "how_to_get_there.actions.call-cfo"
    assert conflict.keys == (("how_to_get_there", "actions", "call-cfo", "owner"),)
    assert not conflict.in_value
    assert marked.common[0][-1] == 'title = "Call the CFO"'
    assert marked.common[1] == ("due = 2030-01-01", "")


def test_each_choice_puts_the_text_back_together() -> None:
    marked = parse_marked(FIELD)
    expected = FIELD.replace(
        '<<<<<<< ours\nowner = "Anna"\n=======\nowner = "Bruno"\n>>>>>>> theirs\n', "{}"
    )
    assert all_of(FIELD, Side.OURS) == expected.format('owner = "Anna"\n')
    assert all_of(FIELD, Side.THEIRS) == expected.format('owner = "Bruno"\n')
    resolved = put_together(marked, {0: edited('owner = "Carla"\nnotes = "both"\n')})
    assert resolved.text == expected.format('owner = "Carla"\nnotes = "both"\n')
    assert resolved.spans == ((5, 7),)
    assert [resolved.conflict_at(n) for n in (4, 5, 6, 7, None)] == [None, 0, 0, None, None]
    gone = put_together(marked, {0: edited("")})
    assert gone.text == expected.format("")
    assert gone.spans == ((5, 5),) and gone.conflict_at(5) == 0


def test_a_conflict_without_a_choice_is_refused() -> None:
    marked = parse_marked(FIELD + FIELD.split("\n", 1)[1].replace("call-cfo", "visit"))
    assert len(marked.conflicts) == 2
    with pytest.raises(ValueError, match="no choice for conflict 2"):
        put_together(marked, {0: marked.conflicts[0].take(Side.OURS)})
    with pytest.raises(ValueError):
        marked.conflicts[0].take(Side.EDITED)


def test_edited_lines() -> None:
    assert edited("a\nb").lines == ("a", "b")
    assert edited("a\r\nb\n").lines == ("a", "b")
    assert edited("a\n\n").lines == ("a", "")
    assert edited("").lines == ()
    assert edited("").side is Side.EDITED


def test_git_s_diff3_style_gives_the_base_and_the_labels() -> None:
    text = (
        "[account]\n"
        "<<<<<<< HEAD\n"
        'owner = "Anna"\n'
        "||||||| merged common ancestors\n"
        'owner = "Maria"\n'
        "=======\n"
        'owner = "Bruno"\n'
        ">>>>>>> origin/main\n"
        'name = "Acme"\n'
    )
    [conflict] = parse_marked(text).conflicts
    assert conflict.base == ('owner = "Maria"',) and conflict.base_source == "markers"
    assert (conflict.ours_label, conflict.theirs_label) == ("HEAD", "origin/main")
    assert conflict.table == ("account",)
    # the index does not replace a base the markers gave
    assert with_base(parse_marked(text), 'owner = "Other"\n').conflicts[0].base == (
        'owner = "Maria"',
    )
    assert all_of(text, Side.THEIRS) == '[account]\nowner = "Bruno"\nname = "Acme"\n'


def test_markers_of_another_size_and_marker_like_lines_inside() -> None:
    text = (
        "<<<<<<<<< ours\n"
        "<<<<<<< not a marker of this conflict\n"
        "=========\n"
        "=======\n"
        ">>>>>>>>> theirs\n"
        "=======\n"  # alone, outside a conflict: a heading's underline in a text, not a marker
    )
    [conflict] = parse_marked(text).conflicts
    assert conflict.ours == ("<<<<<<< not a marker of this conflict",)
    assert conflict.theirs == ("=======",)
    assert parse_marked(text).common[1] == ("=======", "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\n<<<<<<< ours\nb\n=======\nc\n", "line 2: the conflict that starts here never ends"),
        ("a\n<<<<<<< ours\nb\n>>>>>>> theirs\n", "line 4: '>>>>>>>' marker out of place"),
        ("<<<<<<< ours\n=======\n|||||||\n>>>>>>>\n", "line 3: '|||||||' marker out of place"),
        ("a\n>>>>>>> theirs\n", "line 2: '>>>>>>>' marker outside a conflict"),
    ],
)
def test_markers_that_make_no_conflict_are_refused(text: str, message: str) -> None:
    with pytest.raises(MarkerError, match=message):
        parse_marked(text)
    assert not has_conflicts(text)


def test_a_text_without_markers_has_no_conflict() -> None:
    marked = parse_marked(BASE)
    assert marked.conflicts == () and put_together(marked, {}).text == BASE
    assert not has_conflicts(BASE) and has_conflicts(FIELD)


def test_crlf_and_no_final_newline() -> None:
    text = "a = 1\r\n<<<<<<< ours\r\nb = 1\r\n=======\r\nb = 2\r\n>>>>>>> theirs"
    [conflict] = parse_marked(text).conflicts
    assert conflict.ours == ("b = 1\r",) and conflict.theirs == ("b = 2\r",)
    assert all_of(text, Side.OURS) == "a = 1\r\nb = 1\r"


def test_a_conflict_inside_a_multi_line_text_belongs_to_its_key() -> None:
    text = (
        "[where_am_i]\n"
        'business = """\n'
        "line one\n"
        "<<<<<<< ours\n"
        'ours two"""\n'
        "=======\n"
        'theirs two"""\n'
        ">>>>>>> theirs\n"
        'priorities = "x"\n'
    )
    [conflict] = parse_marked(text).conflicts
    assert conflict.in_value and conflict.keys == (("where_am_i", "business"),)
    assert conflict.table == ("where_am_i",)
    base = '[where_am_i]\nbusiness = """\nline one\nline two"""\npriorities = "x"\n'
    [with_its_base] = with_base(parse_marked(text), base).conflicts
    assert with_its_base.base == ('line two"""',) and with_its_base.base_source == "index"


def test_dotted_quotes_what_is_not_a_bare_key() -> None:
    assert dotted(("a", "b-c", "d e", 'q"')) == 'a.b-c."d e"."q\\""'
    assert dotted(()) == ""


# -- the base from the base version of the file --------------------------------------------


def test_the_base_of_a_field_and_of_a_record() -> None:
    record = (
        'schema = 1\n\n[how_to_get_there.actions.call-cfo]\ntitle = "Call the CFO"\n'
        'owner = "Maria"\ndue = 2030-01-01\n'
        "<<<<<<< ours\n=======\n\n"
        '[how_to_get_there.actions.visit]\ntitle = "Visit the plant"\nstatus = "done"\n'
        ">>>>>>> theirs\n"
    )
    [field] = with_base(parse_marked(FIELD), BASE).conflicts
    assert field.base == ('owner = "Maria"',) and field.base_source == "index"
    [deleted] = with_base(parse_marked(record), BASE).conflicts
    assert deleted.table == ("how_to_get_there", "actions", "visit")
    assert deleted.keys == (("how_to_get_there", "actions", "visit"),)  # not its fields too
    assert deleted.base == (
        "[how_to_get_there.actions.visit]",
        'title = "Visit the plant"',
        'status = "todo"',
    )
    # added on both sides, or a base that never had it: nothing
    assert with_base(parse_marked(FIELD), "").conflicts[0].base == ()
    assert with_base(parse_marked(record), "schema = 1\n").conflicts[0].base == ()
    # no base known: none shown
    assert with_base(parse_marked(FIELD), None).conflicts[0].base is None


def test_a_base_that_is_not_toml_gives_the_lines_between_the_same_neighbours() -> None:
    broken_base = BASE.replace('title = "Visit the plant"', "title = [broken")
    [conflict] = with_base(parse_marked(FIELD), broken_base).conflicts
    assert conflict.base == ('owner = "Maria"',)


def test_the_driver_s_conflicts_round_trip() -> None:
    """Taking one side everywhere gives that side's plan, canonical, as the driver made it."""
    base = (SAMPLE / f"{PLAN}.toml").read_bytes()
    plan = parse_plan(base, Path(f"{PLAN}.toml")).plan
    assert plan is not None
    mine, yours = copy.deepcopy(plan), copy.deepcopy(plan)
    ours_edits(mine)
    theirs_edits(yours)
    text, _ = merge_texts(base, dumps_plan(mine).encode(), dumps_plan(yours).encode(), PLAN)
    assert len(parse_marked(text).conflicts) == 4  # the check-in's and the objective's current
    for side, edits in ((Side.OURS, mine), (Side.THEIRS, yours)):
        whole = all_of(text, side)
        loaded = parse_plan(whole.encode(), Path(f"{PLAN}.toml"))
        assert loaded.ok and loaded.plan is not None
        assert dumps_plan(loaded.plan) == whole
        actions = loaded.plan.how_to_get_there.actions
        assert actions[FIELD_ACTION].owner == edits.how_to_get_there.actions[FIELD_ACTION].owner
        assert (RECORD_ACTION in actions) == (RECORD_ACTION in edits.how_to_get_there.actions)


# -- git's index during a merge ----------------------------------------------------------------


def by_table(conflicts: tuple[Conflict, ...]) -> dict[str, Conflict]:
    return {c.table_name: c for c in conflicts}


def test_the_base_comes_from_git_s_index_during_a_merge(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "plans")
    text = merge_conflict(repo, ours_edits, theirs_edits)
    path = repo / f"{PLAN}.toml"
    base = index_base(path)
    assert base is not None and base == git(repo, "show", f"HEAD~1:{PLAN}.toml").stdout
    conflicts = by_table(with_base(parse_marked(text), base).conflicts)
    actions = "how_to_get_there.actions"
    field = conflicts[f"{actions}.{FIELD_ACTION}"]
    assert field.ours == ('owner = "Anna"',) and field.theirs == ('owner = "Bruno"',)
    assert field.base == ('owner = "Marco Valli"',)
    record = conflicts[f"{actions}.{RECORD_ACTION}"]
    assert record.ours == () and f"[{actions}.{RECORD_ACTION}]" in record.theirs
    assert record.base is not None and record.base[0] == f"[{actions}.{RECORD_ACTION}]"
    assert 'owner = "Marco Valli"' in record.base
    checkin = conflicts[f"where_to_go.objectives.{OBJECTIVE}.checkins"]
    assert checkin.ours == (f"{CHECKIN} = 1",) and checkin.theirs == (f"{CHECKIN} = 2",)
    assert checkin.base == ()  # the base had no check-in that day
    current = conflicts[f"where_to_go.objectives.{OBJECTIVE}"]
    assert current.ours == ("current = 1",) and current.base == ("current = 4070",)


def test_no_base_outside_a_merge_or_outside_git(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "plans")
    assert index_base(repo / f"{PLAN}.toml") is None  # no merge in progress
    elsewhere = tmp_path / "not-git"
    elsewhere.mkdir()
    (elsewhere / "x.toml").write_text(FIELD)
    assert index_base(elsewhere / "x.toml") is None
    assert index_base(tmp_path / "gone" / "x.toml") is None  # no such folder


def test_a_plan_added_on_both_sides_has_an_empty_base(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "plans")
    new = repo / "beta.toml"
    git(repo, "checkout", "-q", "-b", "theirs")
    new.write_text('schema = 1\n\n[account]\nname = "Beta"\nowner = "Bruno"\n')
    git(repo, "add", "beta.toml")
    git(repo, "commit", "-q", "-m", "theirs")
    git(repo, "checkout", "-q", "main")
    new.write_text('schema = 1\n\n[account]\nname = "Beta"\nowner = "Anna"\n')
    git(repo, "add", "beta.toml")
    git(repo, "commit", "-q", "-m", "ours")
    result = git(repo, "merge", "-q", "-m", "merge", "theirs", check=False)
    assert result.returncode != 0
    assert index_base(new) == ""
    [conflict] = with_base(parse_marked(new.read_text()), index_base(new)).conflicts
    assert conflict.base == () and conflict.table == ("account",)


def test_git_s_own_line_merge_in_the_diff3_style(tmp_path: Path) -> None:
    """git merge-file --diff3 (what a merge.conflictStyle=diff3 user gets from the fallback)."""
    files = {}
    for name, owner in (("base", "Maria"), ("ours", "Anna"), ("theirs", "Bruno")):
        files[name] = tmp_path / name
        files[name].write_text(BASE.replace('"Maria"', f'"{owner}"'))
    subprocess.run(
        ["git", "merge-file", "--diff3", "-L", "ours", "-L", "base", "-L", "theirs"]
        + [str(files[n]) for n in ("ours", "base", "theirs")],
        check=False,
    )
    [conflict] = parse_marked(files["ours"].read_text()).conflicts
    assert conflict.base == ('owner = "Maria"',) and conflict.base_source == "markers"
    assert conflict.table == ("how_to_get_there", "actions", "call-cfo")
    assert all_of(files["ours"].read_text(), Side.THEIRS) == BASE.replace('"Maria"', '"Bruno"')


def test_field_conflict_on_a_real_merge_resolves_to_a_valid_plan(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "plans")
    text = merge_conflict(repo, owner_field("Anna"), owner_field("Bruno"))
    marked = parse_marked(text)
    assert len(marked.conflicts) == 1
    resolved = put_together(marked, {0: edited('owner = "Carla"')})
    loaded = parse_plan(resolved.text.encode(), Path(f"{PLAN}.toml"))
    assert loaded.ok and loaded.plan is not None
    assert loaded.plan.how_to_get_there.actions[FIELD_ACTION].owner == "Carla"
    assert loaded.plan.how_to_get_there.actions[FIELD_ACTION].due == dt.date(2026, 11, 20)
