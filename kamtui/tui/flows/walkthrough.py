"""The guided walk-through: one prompt after another through the three questions.

Each prompt is a small form (or, for the tables, "add one / next question"). Confirming moves
on (confirming without typing skips); `escape` pauses. Answers are edits of the plan like any
other (save with `ctrl+s`). `w` resumes where the walk-through was left, or at the first
question without an answer.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from kamtui.plan.fields import FieldSpec, apply_values, read_values, specs_for
from kamtui.plan.model import AccountPlan, Rating
from kamtui.plan.walkthrough import PROMPTS, STEP_TITLES, Prompt, first_open
from kamtui.text.i18n import gettext as _
from kamtui.tui.editing import ACTIONS, COMPETITORS, OBJECTIVES, PEOPLE, RecordKind, Values

if TYPE_CHECKING:
    from kamtui.tui.screens.account import AccountScreen

KINDS: dict[str, RecordKind] = {
    "where_am_i.buying_centre": PEOPLE,
    "where_am_i.competitors": COMPETITORS,
    "where_to_go.objectives": OBJECTIVES,
    "how_to_get_there.actions": ACTIONS,
}


def _field_spec(prompt: Prompt, plan: AccountPlan) -> tuple[object, list[FieldSpec]]:
    """The record holding the prompt's field, and the field's spec."""
    *parents, name = prompt.path.split(".")
    record: object = plan
    for part in parents:
        record = getattr(record, part)
    if prompt.kind == "rating":
        return getattr(record, name), specs_for(Rating)
    return record, [s for s in specs_for(type(record)) if s.name == name]


async def walk_through(screen: AccountScreen) -> None:
    """Ask the prompts one after another from where the user left them (a worker of the
    account screen); `escape` pauses and remembers the place for this session."""
    kam = screen.kam
    positions = kam.walk_positions
    plan_id = screen.plan.id
    saved = positions.get(plan_id)
    index = saved if saved is not None and saved < len(PROMPTS) else first_open(screen.plan)
    if index >= len(PROMPTS):
        index = 0
        kam.say(_("Every question has an answer: going through them from the top."))
    while index < len(PROMPTS):
        positions[plan_id] = index
        prompt = PROMPTS[index]
        if screen.step != prompt.step:
            screen.action_step(prompt.step)
        step, asked_title = _(STEP_TITLES[prompt.step - 1]), _(prompt.title)
        title = f"{index + 1}/{len(PROMPTS)} · {step} · {asked_title}"
        asked = _records if prompt.kind == "records" else _field
        if not await asked(screen, prompt, title):
            where = f"{index + 1}/{len(PROMPTS)}"
            kam.say(_("Walk-through paused at {where}: w resumes.").format(where=where))
            return
        index += 1
    positions.pop(plan_id, None)
    kam.say(_("Walk-through complete. Save with ctrl+s."))


async def _field(screen: AccountScreen, prompt: Prompt, title: str) -> bool:
    """One field in a small form; False when the user paused."""
    from kamtui.tui.screens.record_form import RecordForm

    record, specs = _field_spec(prompt, screen.plan)
    form = RecordForm(
        title,
        specs,
        read_values(record, specs),
        screen.today(),
        intro=_(prompt.question),
        ok=_("Next"),
        cancel=_("Pause"),
    )
    values = await screen.kam.push_screen_wait(form)
    if values is None:
        return False

    def change(plan: AccountPlan) -> None:
        target, _ = _field_spec(prompt, plan)
        apply_values(target, values)

    screen.apply(change, prompt.path)
    return True


async def _records(screen: AccountScreen, prompt: Prompt, title: str) -> bool:
    """A table: add records one by one, then the next question; False when paused."""
    from kamtui.tui.screens.dialogs import ChoiceDialog
    from kamtui.tui.screens.record_form import RecordForm

    kind = KINDS[prompt.path]
    while True:
        plan = screen.plan
        names = [kind.label(plan, rid) for rid in kind.records(plan)]
        so_far = _("So far: {names}").format(names=", ".join(names)) if names else _(kind.none_yet)
        choice = await screen.kam.push_screen_wait(
            ChoiceDialog(
                f"{_(prompt.question)}\n\n{so_far}",
                [("a", _(kind.add_one)), ("n", _("Next question"))],
                title=title,
            )
        )
        if choice != "a":
            return choice == "n"
        specs = kind.specs
        form = RecordForm(
            _(kind.new_title),
            specs,
            read_values(kind.make(), specs),
            screen.today(),
            choices=kind.choices(plan),
        )
        values: Values | None = await screen.kam.push_screen_wait(form)
        if values is not None:
            screen.apply(partial(kind.add, values=values, today=screen.today()), prompt.path)
