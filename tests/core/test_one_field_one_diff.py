"""Changing one field changes only that field's lines; edits to different fields merge cleanly."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import GOLDEN, make_full_plan

from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import parse_plan
from kamtui.plan.model import AccountPlan, Action, ActionStatus, Influence, Person, Segment

LONG_NOTE = (
    "Bring the TCO model, the 2026 delivery record for Parma and Lodi, and the draft dual-source "
    "agreement that procurement asked for in November."
)
assert len(LONG_NOTE) > 100


def golden_plan() -> AccountPlan:
    """The golden file, read back (not built in memory), so the edits start from the file."""
    lp = parse_plan((GOLDEN / "full-plan.toml").read_bytes(), Path("acme-packaging.toml"))
    assert lp.plan is not None and not lp.problems
    return lp.plan


def hunks(old: str, new: str) -> list[tuple[int, list[str], list[str]]]:
    """The changed regions: (first old line index, removed lines, added lines)."""
    a, b = old.split("\n"), new.split("\n")
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [(i1, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


def table_at(text: str, index: int) -> str:
    """The ``[header]`` that line *index* of *text* belongs to."""
    for line in reversed(text.split("\n")[:index]):
        if line.startswith("["):
            return line
    return ""


Edit = Callable[[AccountPlan], None]


def _set(path: str, value: object) -> Edit:
    """An edit that sets the attribute at dotted *path* (dict keys by name) to *value*."""

    def edit(plan: AccountPlan) -> None:
        *parents, last = path.split(".")
        obj: object = plan
        for part in parents:
            obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
        setattr(obj, last, value)

    return edit


def _call(fn: Callable[[AccountPlan], object]) -> Edit:
    def edit(plan: AccountPlan) -> None:
        fn(plan)

    return edit


ACTIONS = "how_to_get_there.actions"
OBJECTIVES = "where_to_go.objectives"
PEOPLE = "where_am_i.buying_centre"

# (id, edit, table the change is in, removed lines, added lines)
ONE_LINE_EDITS = [
    (
        "text",
        _set("account.industry", "Flexible packaging"),
        "[account]",
        ['industry = "Packaging"'],
        ['industry = "Flexible packaging"'],
    ),
    (
        "text-in-record",
        _set("where_am_i.buying_centre.luca-ferri.title", "Plant Director, Bari & Lodi"),
        "[where_am_i.buying_centre.luca-ferri]",
        ['title = "Plant Director, Bari"'],
        ['title = "Plant Director, Bari & Lodi"'],
    ),
    (
        "line",
        _set("account.name", "Acme Packaging SpA"),
        "[account]",
        ['name = "Acme Packaging S.p.A."'],
        ['name = "Acme Packaging SpA"'],
    ),
    (
        "enum",
        _set(f"{ACTIONS}.bari-trial.status", ActionStatus.IN_PROGRESS),
        "[how_to_get_there.actions.bari-trial]",
        ['status = "todo"'],
        ['status = "in-progress"'],
    ),
    (
        "enum-in-person",
        _set(f"{PEOPLE}.luca-ferri.influence", Influence.HIGH),
        "[where_am_i.buying_centre.luca-ferri]",
        ['influence = "medium"'],
        ['influence = "high"'],
    ),
    (
        "enum-cleared",
        _set("account.segment", None),
        "[account]",
        ['segment = "A"'],
        [],
    ),
    (
        "enum-set",
        _set("account.segment", Segment.B),
        "[account]",
        ['segment = "A"'],
        ['segment = "B"'],
    ),
    (
        "date",
        _set(f"{ACTIONS}.call-cfo.due", dt.date(2027, 1, 15)),
        "[how_to_get_there.actions.call-cfo]",
        ["due = 2026-12-15"],
        ["due = 2027-01-15"],
    ),
    (
        "date-added",
        _set(f"{ACTIONS}.call-cfo.completed", dt.date(2026, 12, 1)),
        "[how_to_get_there.actions.call-cfo]",
        [],
        ["completed = 2026-12-01"],
    ),
    (
        "int",
        _set(f"{ACTIONS}.call-cfo.progress", 60),
        "[how_to_get_there.actions.call-cfo]",
        ["progress = 40"],
        ["progress = 60"],
    ),
    (
        "int-review-cadence",
        _set("account.review_every_days", 45),
        "[account]",
        ["review_every_days = 30"],
        ["review_every_days = 45"],
    ),
    (
        "number",
        _set(f"{OBJECTIVES}.grow-share.current", 26.5),
        "[where_to_go.objectives.grow-share]",
        ["current = 24.5"],
        ["current = 26.5"],
    ),
    (
        "number-int-to-float",
        _set("where_am_i.competitors.polimeri-sud.share_of_wallet", 52.5),
        "[where_am_i.competitors.polimeri-sud]",
        ["share_of_wallet = 55"],
        ["share_of_wallet = 52.5"],
    ),
    (
        "strings-item-add",
        _call(lambda p: p.where_am_i.swot.threats.append("New entrant from Spain")),
        "[where_am_i.swot]",
        [],
        ['    "New entrant from Spain",'],
    ),
    (
        "strings-item-remove",
        _call(
            lambda p: p.where_am_i.competitors["flexfilm"].weaknesses.remove("No plant in Italy")
        ),
        "[where_am_i.competitors.flexfilm]",
        ['    "No plant in Italy",'],
        [],
    ),
    (
        "strings-item-edit",
        _call(lambda p: p.account.customer_ids.__setitem__(1, "C00044")),
        "[account]",
        ['    "C00043",'],
        ['    "C00044",'],
    ),
    (
        "checkin-add",
        _call(
            lambda p: p.where_to_go.objectives["grow-share"].checkins.__setitem__(
                dt.date(2026, 8, 31), 21
            )
        ),
        "[where_to_go.objectives.grow-share.checkins]",
        [],
        ["2026-08-31 = 21"],
    ),
    (
        "checkin-edit",
        _call(
            lambda p: p.where_to_go.objectives["cut-waste"].checkins.__setitem__(
                dt.date(2026, 9, 30), 1175.5
            )
        ),
        "[where_to_go.objectives.cut-waste.checkins]",
        ["2026-09-30 = 1180"],
        ["2026-09-30 = 1175.5"],
    ),
    (
        "note-grows-past-100-characters",
        _set(f"{ACTIONS}.call-cfo.notes", LONG_NOTE),
        "[how_to_get_there.actions.call-cfo]",
        ['notes = "Bring the TCO model."'],
        [f'notes = "{LONG_NOTE}"'],
    ),
    (
        "note-added",
        _set(f"{ACTIONS}.bari-trial.notes", "Needs the Bari line free for a day."),
        "[how_to_get_there.actions.bari-trial]",
        [],
        ['notes = "Needs the Bari line free for a day."'],
    ),
    (
        "single-line-text-becomes-multi-line",
        _set("where_am_i.priorities", "Cut film waste 15% by 2027.\nQualify a second supplier."),
        "[where_am_i]",
        ['priorities = "Cut film waste 15% by 2027; qualify a second supplier for resins."'],
        ['priorities = """', "Cut film waste 15% by 2027.", 'Qualify a second supplier."""'],
    ),
    (
        "one-line-of-multi-line-text",
        _set(
            "where_am_i.business",
            "Leading Italian maker of food-grade flexible packaging.\n"
            "Four plants: Parma, Lodi, Bari, Verona.\n"
            "Moving to recyclable mono-material films by 2028.",
        ),
        "[where_am_i]",
        ["Three plants: Parma, Lodi, Bari."],
        ["Four plants: Parma, Lodi, Bari, Verona."],
    ),
    (
        "extra-key",
        _call(lambda p: p.account.extra.__setitem__("sap_client", 900)),
        "[account]",
        ["sap_client = 800"],
        ["sap_client = 900"],
    ),
]


@pytest.mark.parametrize(
    ("edit", "table", "removed", "added"),
    [case[1:] for case in ONE_LINE_EDITS],
    ids=[case[0] for case in ONE_LINE_EDITS],
)
def test_one_field_changes_only_its_own_lines(edit, table, removed, added):
    before = (GOLDEN / "full-plan.toml").read_text()
    plan = golden_plan()
    edit(plan)
    after = dumps_plan(plan)
    changes = hunks(before, after)
    assert len(changes) == 1, changes
    start, got_removed, got_added = changes[0]
    assert (got_removed, got_added) == (removed, added)
    assert table_at(before, start) == table
    # Everything else is untouched: same lines, same order.
    assert len(after.split("\n")) - len(before.split("\n")) == len(added) - len(removed)


def _block(header: str, *lines: str) -> list[str]:
    return [header, *lines]


BLOCK_EDITS = [
    (
        "record-add-action",
        _call(
            lambda p: p.how_to_get_there.actions.__setitem__(
                "visit-parma",
                Action(title="Visit Parma", objective="cut-waste", due=dt.date(2027, 1, 20)),
            )
        ),
        _block(
            "[how_to_get_there.actions.visit-parma]",
            'title = "Visit Parma"',
            'objective = "cut-waste"',
            'owner = ""',
            "due = 2027-01-20",
            'status = "todo"',
            "progress = 0",
        ),
        "[how_to_get_there.actions.scorecard]",
    ),
    (
        "record-add-person",
        _call(
            lambda p: p.where_am_i.buying_centre.__setitem__(
                "anna-greco", Person(name="Anna Greco", influence=Influence.LOW)
            )
        ),
        _block(
            "[where_am_i.buying_centre.anna-greco]",
            'name = "Anna Greco"',
            'title = ""',
            'influence = "low"',
        ),
        "[where_am_i.buying_centre.nicola-conti]",
    ),
    (
        "first-checkin-of-an-objective",
        _call(
            lambda p: p.where_to_go.objectives["strategic-partner"].checkins.__setitem__(
                dt.date(2026, 11, 30), 2
            )
        ),
        _block("[where_to_go.objectives.strategic-partner.checkins]", "2026-11-30 = 2"),
        "[where_to_go.objectives.strategic-partner]",
    ),
]


@pytest.mark.parametrize(
    ("edit", "block", "after_table"),
    [case[1:] for case in BLOCK_EDITS],
    ids=[case[0] for case in BLOCK_EDITS],
)
def test_adding_a_table_inserts_one_block_after_its_siblings(edit, block, after_table):
    before = (GOLDEN / "full-plan.toml").read_text()
    plan = golden_plan()
    edit(plan)
    after = dumps_plan(plan)
    changes = hunks(before, after)
    assert len(changes) == 1, changes
    start, removed, added = changes[0]
    assert removed == []
    # The block plus the blank line that separates it from its neighbour.
    assert [line for line in added if line] == block
    assert added.count("") == 1
    assert table_at(before, start) == after_table
    # The block sits right after the record it follows, before whatever came next.
    assert after.index(after_table) < after.index(block[0])


def test_removing_a_record_removes_only_its_block():
    before = (GOLDEN / "full-plan.toml").read_text()
    plan = golden_plan()
    del plan.how_to_get_there.actions["old-idea"]
    changes = hunks(before, dumps_plan(plan))
    assert len(changes) == 1
    _start, removed, added = changes[0]
    assert added == []
    assert "[how_to_get_there.actions.old-idea]" in removed
    assert [line for line in removed if line.startswith("[")] == [
        "[how_to_get_there.actions.old-idea]"
    ]
    assert len(removed) == 7  # header, 5 keys, one blank separator line


def test_a_note_growing_step_by_step_never_flips_the_layout():
    """From 90 to 200 characters, one character at a time: always one changed line."""
    plan = golden_plan()
    previous = dumps_plan(plan)
    for n in range(90, 201):
        plan.how_to_get_there.actions["call-cfo"].notes = ("abcdefghij " * 20)[:n]
        current = dumps_plan(plan)
        changes = hunks(previous, current)
        assert len(changes) == 1
        assert len(changes[0][1]) == len(changes[0][2]) == 1, n
        previous = current


# -- merging ---------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def merge_file(tmp_path: Path, ours: str, base: str, theirs: str) -> tuple[int, str]:
    """``git merge-file -p ours base theirs``: (number of conflicts, merged text)."""
    files = []
    for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
        path = tmp_path / f"{name}.toml"
        path.write_bytes(text.encode())
        files.append(str(path))
    proc = subprocess.run(
        ["git", "merge-file", "-p", *files],
        capture_output=True,
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode >= 0, proc.stderr
    return proc.returncode, proc.stdout.decode()


MERGES = [
    (
        "fields-in-different-sections",
        _set("account.industry", "Flexible packaging"),
        _set(f"{ACTIONS}.scorecard.status", ActionStatus.IN_PROGRESS),
    ),
    (
        "fields-of-one-record",
        _set(f"{ACTIONS}.call-cfo.title", "Meet the CFO and the COO"),
        _set(f"{ACTIONS}.call-cfo.notes", LONG_NOTE),
    ),
    (
        "two-records-of-one-table",
        _set(f"{PEOPLE}.giulia-bianchi.relationship", 5),
        _set(f"{PEOPLE}.nicola-conti.last_contact", dt.date(2026, 11, 25)),
    ),
    (
        "checkin-and-note",
        _call(
            lambda p: p.where_to_go.objectives["grow-share"].checkins.__setitem__(
                dt.date(2026, 12, 31), 25
            )
        ),
        _set(f"{OBJECTIVES}.strategic-partner.notes", "Scorecard review in March."),
    ),
    (
        "new-action-and-new-person",
        _call(lambda p: p.how_to_get_there.actions.__setitem__("visit-lodi", Action(title="Lodi"))),
        _call(lambda p: p.where_am_i.buying_centre.__setitem__("anna-greco", Person(name="Anna"))),
    ),
    (
        "multi-line-text-and-list-item",
        _set("where_to_go.ambition", "Become the strategic partner.\nOwn 40% of wallet."),
        _call(lambda p: p.where_am_i.swot.weaknesses.append("Few people in the south")),
    ),
]


@needs_git
@pytest.mark.parametrize(
    ("ours_edit", "theirs_edit"),
    [case[1:] for case in MERGES],
    ids=[case[0] for case in MERGES],
)
def test_two_people_editing_different_fields_merge_cleanly(tmp_path, ours_edit, theirs_edit):
    base = (GOLDEN / "full-plan.toml").read_text()
    ours, theirs, both = golden_plan(), golden_plan(), golden_plan()
    ours_edit(ours)
    theirs_edit(theirs)
    ours_edit(both)
    theirs_edit(both)
    assert dumps_plan(ours) != base
    assert dumps_plan(theirs) != base
    conflicts, merged = merge_file(tmp_path, dumps_plan(ours), base, dumps_plan(theirs))
    assert conflicts == 0, merged
    assert merged == dumps_plan(both)
    lp = parse_plan(merged.encode(), Path("acme-packaging.toml"))
    assert lp.problems == []
    assert lp.plan == both


@needs_git
def test_two_people_editing_the_same_field_do_conflict(tmp_path):
    """The control case: the merge check above is able to fail."""
    base = (GOLDEN / "full-plan.toml").read_text()
    ours, theirs = golden_plan(), golden_plan()
    ours.account.industry = "Films"
    theirs.account.industry = "Flexible packaging"
    conflicts, merged = merge_file(tmp_path, dumps_plan(ours), base, dumps_plan(theirs))
    assert conflicts == 1
    assert "<<<<<<<" in merged
    assert parse_plan(merged.encode(), Path("acme-packaging.toml")).plan is None


def test_the_golden_plan_read_back_equals_the_fixture():
    """The edits above start from the file; make sure it is the plan the fixture builds."""
    assert golden_plan() == make_full_plan()
