"""The account screen: the three planning questions as three steps, edited with the keyboard.

Edits change a working copy of the plan; nothing is written until `ctrl+s`. A save goes through
the core's safe save (atomic, refuses to overwrite a file that changed on disk). When the file
changed meanwhile, a dialog offers to reload it (your edits are kept in a rescue file), to
overwrite it, or to see the difference first. Leaving with unsaved edits asks first.

| Key | Action |
|---|---|
| `1` `2` `3` | Where am I? / Where do I want to go? / How do I get there? |
| `tab` / `shift+tab` | next / previous section |
| `ctrl+s` | save |
| `i` | account details (name, customer ids, owner, segment, review cadence) |
| `w` | guided walk-through (resumes at the first open question) |
| `r` | review: changes since the last review, check-ins, overdue actions |
| `escape` | back to the portfolio |
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import TabbedContent, TabPane, Tabs

from kamtui.plan.diagnostics import ConflictError, PlanError
from kamtui.plan.edit import working_copy
from kamtui.plan.fields import FieldSpec, apply_values, read_values, specs_for
from kamtui.plan.file import LoadedPlan
from kamtui.plan.model import Account, AccountPlan
from kamtui.store.workspace import CommentsWouldBeLostError
from kamtui.tui.editing import Values
from kamtui.tui.panes.base import StepPane
from kamtui.tui.panes.how_to_get_there import HowToGetTherePane
from kamtui.tui.panes.where_am_i import WhereAmIPane
from kamtui.tui.panes.where_to_go import WhereToGoPane
from kamtui.tui.theme_styles import cell_styles
from kamtui.tui.widgets.account_header import AccountHeader
from kamtui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from kamtui.tui.app import KamApp

STEP_TITLES = ("1 Where am I?", "2 Where do I want to go?", "3 How do I get there?")
ACCOUNT_SPECS: list[FieldSpec] = specs_for(Account)


class AccountScreen(Screen[None]):
    """See the module docstring."""

    BINDINGS = [
        Binding("1", "step(1)", "Where am I", show=False, id="account.step1"),
        Binding("2", "step(2)", "Where to go", show=False, id="account.step2"),
        Binding("3", "step(3)", "How", show=False, id="account.step3"),
        Binding("ctrl+s", "save", "Save", priority=True, id="account.save"),
        Binding("escape", "leave", "Back", id="account.back"),
        Binding("i", "details", "Details", show=False, id="account.details"),
        Binding("w", "walkthrough", "Guide", id="account.walk"),
        Binding("r", "review", "Review", id="account.review"),
    ]

    def __init__(self, loaded: LoadedPlan) -> None:
        super().__init__()
        assert loaded.plan is not None
        self.loaded = loaded
        """The file as last loaded or saved: what "unsaved" compares against."""
        self.plan: AccountPlan = working_copy(loaded.plan)
        self.disk_note = ""
        """Set when the file changed or went away on disk while we hold edits."""
        self.saving = False

    @property
    def kam(self) -> KamApp:
        return self.app  # type: ignore[return-value]

    def today(self) -> dt.date:
        return self.kam.today()

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield AccountHeader(id="account-header")
        with TabbedContent(id="steps"):
            with TabPane(STEP_TITLES[0], id="tab-1"):
                yield WhereAmIPane(self)
            with TabPane(STEP_TITLES[1], id="tab-2"):
                yield WhereToGoPane(self)
            with TabPane(STEP_TITLES[2], id="tab-3"):
                yield HowToGetTherePane(self)
        yield KeyBar(follow_focus=True, first=("account.save", "account.back"))

    def on_mount(self) -> None:
        self._header()
        self.query_one(Tabs).can_focus = False  # 1 2 3 switch steps; tab goes to sections
        self.call_after_refresh(self._focus_step, 1)

    def _focus_step(self, step: int) -> None:
        if self.step != step:
            return  # another step was chosen meanwhile (a key typed right after opening)
        pane = self.query_one(f"#step-{step}", StepPane)
        for widget in pane.query("SectionTable"):
            if widget.focusable:
                widget.focus()
                break

    def action_step(self, step: int) -> None:
        self.query_one(TabbedContent).active = f"tab-{step}"
        self._focus_step(step)  # now, so that a key typed right after goes to the new step

    @property
    def step(self) -> int:
        return int((self.query_one(TabbedContent).active or "tab-1")[-1])

    # -- editing (the PlanEditor protocol) -------------------------------------------------

    def apply(self, change: Callable[[AccountPlan], object], what: str) -> None:
        change(self.plan)
        self.edited(what)

    def edited(self, what: str = "all") -> None:
        """Show the working copy again after a change (*what*: the part that changed)."""
        if what.startswith("action:"):
            self.query_one("#step-3", StepPane).show(self.plan, what)
        else:
            for pane in self.query(StepPane):
                pane.show(self.plan, what)
        self._header()

    def open_form(
        self,
        title: str,
        specs: list[FieldSpec],
        texts: dict[str, str],
        done: Callable[[Values], None],
        *,
        intro: str = "",
        choices: dict[str, list[tuple[str, str]]] | None = None,
    ) -> None:
        from kamtui.tui.screens.record_form import RecordForm

        def answer(values: Values | None) -> None:
            if values is not None:
                done(values)

        form = RecordForm(title, specs, texts, self.today(), intro=intro, choices=choices)
        self.app.push_screen(form, answer)

    def confirm(self, question: str, yes: str, done: Callable[[], None]) -> None:
        from kamtui.tui.screens.dialogs import ConfirmDialog

        def answer(ok: bool | None) -> None:
            if ok:
                done()

        self.app.push_screen(ConfirmDialog(question, yes, "Cancel"), answer)

    # -- state -----------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.plan != self.loaded.plan

    def unsaved_changes(self) -> list[str]:
        return [self.loaded.path.name] if self.dirty else []

    def _header(self) -> None:
        self.query_one(AccountHeader).show(
            self.plan,
            self.today(),
            dirty=self.dirty,
            note=self.disk_note,
            styles=cell_styles(self.app),
        )

    def action_details(self) -> None:
        def done(values: Values) -> None:
            self.apply(lambda plan: apply_values(plan.account, values), "account")

        self.open_form(
            "Account details", ACCOUNT_SPECS, read_values(self.plan.account, ACCOUNT_SPECS), done
        )

    # -- following the file on disk --------------------------------------------------------

    def refresh_plans(self) -> None:
        """The portfolio changed. Without edits, show the file as it is now; with edits, keep
        them and say the file changed (the save will ask what to do)."""
        current = self.kam.portfolio.plans.get(self.loaded.id)
        if current is not None and current.digest == self.loaded.digest:
            if self.disk_note:
                self.disk_note = ""
                self._header()
            return
        if current is None:
            self.disk_note = "file deleted on disk"
        elif current.plan is None or current.errors:
            self.disk_note = "file on disk now has errors"
        elif not self.dirty:
            self.loaded = current
            self.plan = working_copy(current.plan)
            self.disk_note = ""
            self.edited()
            self.kam.say(f"{current.path.name} changed on disk: reloaded.")
            return
        else:
            self.disk_note = "file changed on disk"
        self._header()

    # -- saving ----------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.saving:
            return
        if not self.dirty:
            self.kam.say("Nothing to save.")
            return
        self._save(drop_comments=False)

    def _save(self, *, drop_comments: bool) -> None:
        self.saving = True
        snapshot = working_copy(self.plan)
        self.kam._in_thread(
            partial(self._save_in_thread, self.loaded, snapshot, drop_comments),
            "write",
            "save a plan",
        )

    def _save_in_thread(self, base: LoadedPlan, plan: AccountPlan, drop_comments: bool) -> None:
        try:
            result = self.kam.workspace.save(base, plan, drop_comments=drop_comments)
        except CommentsWouldBeLostError:
            self.app.call_from_thread(self._ask_drop_comments)
        except ConflictError:
            self.app.call_from_thread(self._conflict)
        except PlanError as exc:
            self.app.call_from_thread(self._failed, str(exc))
        else:
            self.app.call_from_thread(self._saved, result.loaded, result.written)

    def _failed(self, message: str) -> None:
        self.saving = False
        self.kam.say(message, title="Not saved", severity="error", timeout=15)

    def _saved(self, loaded: LoadedPlan, written: bool) -> None:
        self.saving = False
        self.loaded = loaded
        self.disk_note = ""
        self.kam.plan_saved(loaded)
        self._header()
        self.kam.say(f"Saved {loaded.path.name}" if written else "Nothing to save.")

    def _ask_drop_comments(self) -> None:
        self.saving = False

        def answer(ok: bool | None) -> None:
            if ok:
                self._save(drop_comments=True)

        from kamtui.tui.screens.dialogs import ConfirmDialog

        self.app.push_screen(
            ConfirmDialog(
                f"{self.loaded.path.name} has comments (# …) that were added by hand. kamtui "
                "cannot keep them: saving rewrites the file without them.\nSave anyway?",
                "Save without comments",
                "Cancel",
            ),
            answer,
        )

    def _conflict(self) -> None:
        from kamtui.tui.flows.conflict import resolve_conflict

        self.saving = False
        resolve_conflict(self)

    def adopt(self, loaded: LoadedPlan, *, keep_edits: bool) -> None:
        """Take *loaded* as the file's state (after a reload or an overwrite)."""
        self.loaded = loaded
        if not keep_edits and loaded.plan is not None:
            self.plan = working_copy(loaded.plan)
        self.disk_note = ""
        self.kam.plan_saved(loaded)
        self.edited()

    # -- leaving ---------------------------------------------------------------------------

    def action_leave(self) -> None:
        if not self.dirty:
            self.app.pop_screen()
            return
        from kamtui.tui.screens.dialogs import ChoiceDialog

        def answer(choice: str | None) -> None:
            if choice == "s":
                self._save_then_leave()
            elif choice == "d":
                self.app.pop_screen()

        self.app.push_screen(
            ChoiceDialog(
                f"{self.loaded.path.name} has unsaved changes.",
                [("s", "Save"), ("d", "Discard"), ("k", "Keep editing")],
                title="Leave this account?",
            ),
            answer,
        )

    def _save_then_leave(self) -> None:
        def check() -> None:
            if self.saving:
                self.set_timer(0.05, check)
            elif not self.dirty and self.app.screen is self:
                self.app.pop_screen()

        self.action_save()
        self.set_timer(0.05, check)

    # -- guided flows ----------------------------------------------------------------------

    def action_walkthrough(self) -> None:
        from kamtui.tui.flows.walkthrough import WalkThrough

        WalkThrough(self).start()

    def action_review(self) -> None:
        from kamtui.tui.flows.review import Review

        Review(self).start()
