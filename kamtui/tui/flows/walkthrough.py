"""The guided walk-through: one prompt after another through the three questions.

Each prompt is a small form (or, for the tables, "add one / next question"). Confirming moves
on (confirming without typing skips); `escape` pauses. Answers are edits of the plan like any
other (save with `ctrl+s`). `w` resumes where the walk-through was left, or at the first
question without an answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kamtui.plan.fields import FieldSpec, apply_values, read_values, specs_for
from kamtui.plan.model import AccountPlan, Rating
from kamtui.plan.walkthrough import PROMPTS, STEP_TITLES, Prompt, first_open
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


class WalkThrough:
    def __init__(self, screen: AccountScreen) -> None:
        self.screen = screen
        self.positions = screen.kam.walk_positions

    def start(self) -> None:
        plan_id = self.screen.plan.id
        saved = self.positions.get(plan_id)
        index = (
            saved if saved is not None and saved < len(PROMPTS) else first_open(self.screen.plan)
        )
        if index >= len(PROMPTS):
            index = 0
            self.screen.kam.say("Every question has an answer: going through them from the top.")
        self.ask(index)

    def _title(self, index: int, prompt: Prompt) -> str:
        return f"{index + 1}/{len(PROMPTS)} · {STEP_TITLES[prompt.step - 1]} · {prompt.title}"

    def ask(self, index: int) -> None:
        screen = self.screen
        if index >= len(PROMPTS):
            self.positions.pop(screen.plan.id, None)
            screen.kam.say("Walk-through complete. Save with ctrl+s.")
            return
        self.positions[screen.plan.id] = index
        prompt = PROMPTS[index]
        if screen.step != prompt.step:
            screen.action_step(prompt.step)
        if prompt.kind == "records":
            self._records(index, prompt)
        else:
            self._field(index, prompt)

    def pause(self, index: int) -> None:
        self.positions[self.screen.plan.id] = index
        self.screen.kam.say(f"Walk-through paused at {index + 1}/{len(PROMPTS)}: w resumes.")

    def _field(self, index: int, prompt: Prompt) -> None:
        from kamtui.tui.screens.record_form import RecordForm

        record, specs = _field_spec(prompt, self.screen.plan)

        def answer(values: Values | None) -> None:
            if values is None:
                self.pause(index)
                return

            def change(plan: AccountPlan) -> None:
                target, _ = _field_spec(prompt, plan)
                apply_values(target, values)

            self.screen.apply(change, prompt.path)
            self.ask(index + 1)

        form = RecordForm(
            self._title(index, prompt),
            specs,
            read_values(record, specs),
            self.screen.today(),
            intro=prompt.question,
            ok="Next",
            cancel="Pause",
        )
        self.screen.app.push_screen(form, answer)

    def _records(self, index: int, prompt: Prompt) -> None:
        from kamtui.tui.screens.dialogs import ChoiceDialog

        kind = KINDS[prompt.path]
        plan = self.screen.plan
        names = [kind.label(plan, rid) for rid in kind.records(plan)]
        so_far = f"So far: {', '.join(names)}" if names else f"No {kind.noun} yet."

        def answer(choice: str | None) -> None:
            if choice == "a":
                self._add(index, prompt, kind)
            elif choice == "n":
                self.ask(index + 1)
            else:
                self.pause(index)

        self.screen.app.push_screen(
            ChoiceDialog(
                f"{prompt.question}\n\n{so_far}",
                [("a", f"Add a {kind.noun}"), ("n", "Next question")],
                title=self._title(index, prompt),
            ),
            answer,
        )

    def _add(self, index: int, prompt: Prompt, kind: RecordKind) -> None:
        from kamtui.tui.screens.record_form import RecordForm

        plan = self.screen.plan

        def answer(values: Values | None) -> None:
            if values is not None:
                today = self.screen.today()
                self.screen.apply(lambda plan: kind.add(plan, values, today), prompt.path)
            self._records(index, prompt)

        form = RecordForm(
            f"New {kind.noun}",
            kind.specs,
            read_values(kind.make(), kind.specs),
            self.screen.today(),
            choices=kind.choices(plan),
        )
        self.screen.app.push_screen(form, answer)
