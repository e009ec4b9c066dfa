"""Reading many versions of a plan fast (kamtui/plan/versions.py) says exactly what reading
each version whole says: the same changes (:func:`plan_changes` of the whole plans), the same
verdict on versions with errors, whatever the edits, canonical or by hand."""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import examples, make_full_plan
from hypothesis import given, settings
from hypothesis import strategies as st

from kamtui.plan.changes import Change, plan_changes
from kamtui.plan.codec import dumps_plan
from kamtui.plan.file import parse_plan
from kamtui.plan.model import (
    AccountPlan,
    Action,
    ActionStatus,
    Attitude,
    Objective,
    Person,
    Role,
)
from kamtui.plan.versions import PlanVersions

PLAN_ID = "acme-packaging"
PATH = Path("acme-packaging.toml")

# -- edits of the plan (canonical text) --------------------------------------------------------


def _action(p: AccountPlan, rng: random.Random) -> Action:
    return rng.choice(list(p.how_to_get_there.actions.values()))


def move_action(p: AccountPlan, rng: random.Random) -> None:
    a = _action(p, rng)
    a.status = rng.choice(list(ActionStatus))
    a.progress = rng.randrange(0, 101, 10)


def add_action(p: AccountPlan, rng: random.Random) -> None:
    n = rng.randrange(1000)
    objective = rng.choice(["", *p.where_to_go.objectives])
    p.how_to_get_there.actions[f"new-{n}"] = Action(title=f"New {n}", objective=objective)


def remove_action(p: AccountPlan, rng: random.Random) -> None:
    if p.how_to_get_there.actions:
        del p.how_to_get_there.actions[rng.choice(list(p.how_to_get_there.actions))]


def check_in(p: AccountPlan, rng: random.Random) -> None:
    if p.where_to_go.objectives:
        o = rng.choice(list(p.where_to_go.objectives.values()))
        day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(700))
        o.checkins[day] = o.current = rng.randrange(100)


def add_objective(p: AccountPlan, rng: random.Random) -> None:
    n = rng.randrange(1000)
    p.where_to_go.objectives[f"objective-{n}"] = Objective(title=f"Objective {n}", target=n)


def remove_objective(p: AccountPlan, rng: random.Random) -> None:
    """Possibly one an action points to: that version has an error."""
    if p.where_to_go.objectives:
        del p.where_to_go.objectives[rng.choice(list(p.where_to_go.objectives))]


def person(p: AccountPlan, rng: random.Random) -> None:
    n = rng.randrange(50)
    if f"p-{n}" in p.where_am_i.buying_centre:
        p.where_am_i.buying_centre[f"p-{n}"].attitude = rng.choice(list(Attitude))
    else:
        p.where_am_i.buying_centre[f"p-{n}"] = Person(name=f"P {n}", role=Role.USER)


def texts(p: AccountPlan, rng: random.Random) -> None:
    lines = p.where_am_i.business.split("\n")
    lines.insert(rng.randrange(len(lines) + 1), f"Line {rng.randrange(100)}")
    p.where_am_i.business = "\n".join(lines)
    p.how_to_get_there.strategy = rng.choice(["", "One line.", "Two\nlines."])


def account(p: AccountPlan, rng: random.Random) -> None:
    p.account.owner = rng.choice(["Maria Rossi", "Luca Bianchi"])
    p.account.customer_ids.append(f"C{rng.randrange(10)}")  # a duplicate id is an error


def swot(p: AccountPlan, rng: random.Random) -> None:
    p.where_am_i.swot.threats.append(f"Threat {rng.randrange(100)}")
    p.where_am_i.accessibility.technical.rating = rng.randrange(1, 6)


PLAN_EDITS: list[Callable[[AccountPlan, random.Random], None]] = [
    move_action,
    add_action,
    remove_action,
    check_in,
    add_objective,
    remove_objective,
    person,
    texts,
    account,
    swot,
]

# -- edits of the text (by hand) ---------------------------------------------------------------

TextEdit = Callable[[str, random.Random], str]


def _tables(text: str) -> list[int]:
    return [i + 1 for i in range(len(text)) if text.startswith("\n[", i)]


def comment(text: str, rng: random.Random) -> str:
    at = rng.choice(_tables(text))
    return text[:at] + "# a note by hand\n" + text[at:]


def bracket_line_in_text(text: str, rng: random.Random) -> str:
    return text.replace('business = """\n', 'business = """\n[draft] first line\n', 1)


def inline_checkins(text: str, rng: random.Random) -> str:
    start = text.find("\n[where_to_go.objectives.grow-share.checkins]\n")
    if start < 0:
        return text
    end = text.find("\n[", start + 1)
    body = text[start:end].split("\n")[2:]
    inline = "checkins = { " + ", ".join(line for line in body if line) + " }"
    text = text[:start] + text[end:]
    return text.replace(
        "[where_to_go.objectives.grow-share]\n", f"[where_to_go.objectives.grow-share]\n{inline}\n"
    )


def crlf(text: str, rng: random.Random) -> str:
    return text.replace("\n", "\r\n")


def bom(text: str, rng: random.Random) -> str:
    return "\ufeff" + text


def conflict(text: str, rng: random.Random) -> str:
    return text.replace('status = "', '<<<<<<< ours\nstatus = "x"\n=======\nstatus = "', 1)


def broken(text: str, rng: random.Random) -> str:
    at = rng.choice(_tables(text))
    return text[:at] + 'oops = "unterminated\n' + text[at:]


def duplicate_table(text: str, rng: random.Random) -> str:
    tables = _tables(text)
    i = rng.randrange(len(tables))
    end = tables[i + 1] if i + 1 < len(tables) else len(text)
    return text + "\n" + text[tables[i] : end]


def array_of_tables(text: str, rng: random.Random) -> str:
    return text + '\n[[how_to_get_there.lists]]\nname = "x"\n'


def spaced_header(text: str, rng: random.Random) -> str:
    return text.replace("[account]", '[ "account" ]', 1)


def move_table_to_end(text: str, rng: random.Random) -> str:
    tables = _tables(text)
    i = rng.randrange(1, len(tables))
    end = tables[i + 1] if i + 1 < len(tables) else len(text)
    block = text[tables[i] : end].rstrip("\n")
    return text[: tables[i]] + text[end:] + "\n" + block + "\n"


def dotted_key(text: str, rng: random.Random) -> str:
    return text.replace('owner = "Paolo Neri"\n', 'owner = "Paolo Neri"\nx.y = 1\n', 1)


def dangling_objective(text: str, rng: random.Random) -> str:
    return text.replace('objective = "cut-waste"', 'objective = "nowhere"', 1)


def no_final_newline(text: str, rng: random.Random) -> str:
    return text.rstrip("\n")


def empty(text: str, rng: random.Random) -> str:
    return rng.choice(["", "\n", "schema = 1\n"])


def not_utf8(text: str, rng: random.Random) -> str:
    return text.replace("Parma", "Parma\udcff", 1)


def same_bytes(text: str, rng: random.Random) -> str:
    return text


TEXT_EDITS: list[TextEdit] = [
    comment,
    bracket_line_in_text,
    inline_checkins,
    crlf,
    bom,
    conflict,
    broken,
    duplicate_table,
    array_of_tables,
    spaced_header,
    move_table_to_end,
    dotted_key,
    dangling_objective,
    no_final_newline,
    empty,
    not_utf8,
    same_bytes,
]


def versions_from(steps: list[tuple[int, int]], seed: int) -> list[bytes]:
    """Texts of a plan edited step by step: each step a plan edit (canonical text), sometimes
    with a hand edit of that text on top (which later steps do not keep)."""
    rng = random.Random(seed)
    plan = make_full_plan()
    out = [dumps_plan(plan).encode()]
    for plan_edit, text_edit in steps:
        plan = copy.deepcopy(plan)
        PLAN_EDITS[plan_edit % len(PLAN_EDITS)](plan, rng)
        text = dumps_plan(plan)
        if text_edit < len(TEXT_EDITS):
            text = TEXT_EDITS[text_edit](text, rng)
        out.append(text.encode("utf-8", errors="surrogateescape"))
    return out


def whole(data: bytes) -> AccountPlan | None:
    loaded = parse_plan(data, PATH, PLAN_ID)
    return loaded.plan if loaded.ok else None


def check_history(datas: list[bytes]) -> None:
    """Each version against the last readable one before it, as kamtui log reads them."""
    versions = PlanVersions(PLAN_ID)
    for i, data in enumerate(datas):
        versions.add(str(i), data, PATH)
    base: int | None = None
    for i, data in enumerate(datas):
        expected_plan = whole(data)
        if base is not None:
            got: list[Change] | None = versions.changes(str(base), str(i))
            want = (
                None if expected_plan is None else plan_changes(whole(datas[base]), expected_plan)
            )
            assert got == want, f"version {i} against {base}"
        assert versions.readable(str(i)) == (expected_plan is not None), f"version {i}"
        if expected_plan is not None:
            base = i


STEP = st.tuples(st.integers(0, len(PLAN_EDITS) - 1), st.integers(0, 3 * len(TEXT_EDITS)))


@settings(max_examples=examples(60))
@given(steps=st.lists(STEP, min_size=1, max_size=12), seed=st.integers(0, 1000))
def test_fast_reading_says_what_whole_reading_says(steps: list[tuple[int, int]], seed: int) -> None:
    check_history(versions_from(steps, seed))


@pytest.mark.parametrize("text_edit", TEXT_EDITS, ids=lambda f: f.__name__)
def test_each_hand_edit_then_back(text_edit: TextEdit) -> None:
    """Every hand edit, between canonical versions: read whole where the shortcut cannot be
    sure, and the versions after it are compared right."""
    rng = random.Random(1)
    plan = make_full_plan()
    first = dumps_plan(plan)
    move_action(plan, rng)
    second = dumps_plan(plan)
    edited = text_edit(second, rng)
    check_history([first.encode(), edited.encode("utf-8", "surrogateescape"), second.encode()])
    check_history([first.encode(), second.encode(), edited.encode("utf-8", "surrogateescape")])


def test_many_canonical_versions_take_the_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    """Canonical versions are never read whole, but the first."""
    datas = versions_from([(i % 5, 99) for i in range(40)], seed=3)  # no hand edits
    whole_reads = []
    real = parse_plan

    def counting(data: bytes, path: Path, plan_id: str | None = None):  # type: ignore[no-untyped-def]
        whole_reads.append(path)
        return real(data, path, plan_id)

    monkeypatch.setattr("kamtui.plan.versions.parse_plan", counting)
    versions = PlanVersions(PLAN_ID)
    for i, data in enumerate(datas):
        versions.add(str(i), data, PATH)
    for i in range(1, len(datas)):
        assert versions.changes(str(i - 1), str(i)) is not None
    assert len(whole_reads) == 1


def test_a_broken_version_is_reported_and_the_next_compared_with_the_last_good_one() -> None:
    plan = make_full_plan()
    first = dumps_plan(plan).encode()
    plan.how_to_get_there.actions["call-cfo"].status = ActionStatus.DONE
    fixed = dumps_plan(plan).encode()
    versions = PlanVersions(PLAN_ID)
    versions.add("a", first, PATH)
    versions.add("b", b'schema = 1\n[account]\nname = "x', PATH)
    versions.add("c", fixed, PATH)
    assert versions.changes("a", "b") is None
    problem = versions.first_error("b")
    assert problem is not None and problem.line == 3
    changes = versions.changes("a", "c")
    assert changes is not None
    assert [c.text for c in changes] == ["status in progress → done"]
