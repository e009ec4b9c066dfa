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

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import var
from textual.widgets import TabbedContent, TabPane, Tabs

from kamtui.plan.edit import working_copy
from kamtui.plan.fields import FieldSpec, apply_values, read_values, specs_for
from kamtui.plan.file import LoadedPlan
from kamtui.plan.model import Account, AccountPlan
from kamtui.text.i18n import N_
from kamtui.text.i18n import gettext as _
from kamtui.tui.editing import Values
from kamtui.tui.flows.conflict import CHANGED_NOTE, DELETED_NOTE, save_plan
from kamtui.tui.kam import KamScreen
from kamtui.tui.panes.base import StepPane
from kamtui.tui.panes.how_to_get_there import ActionFilter, HowToGetTherePane
from kamtui.tui.panes.where_am_i import WhereAmIPane
from kamtui.tui.panes.where_to_go import WhereToGoPane
from kamtui.tui.theme_styles import cell_styles
from kamtui.tui.widgets.account_header import AccountHeader
from kamtui.tui.widgets.key_bar import KeyBar

STEP_TITLES = (N_("1 Where am I?"), N_("2 Where do I want to go?"), N_("3 How do I get there?"))


def account_specs() -> list[FieldSpec]:
    """The account's form fields, in the language in use."""
    return specs_for(Account)


class AccountScreen(KamScreen[None]):
    """See the module docstring."""

    BINDINGS = [
        Binding("1", "step(1)", N_("Where am I"), show=False, id="account.step1"),
        Binding("2", "step(2)", N_("Where to go"), show=False, id="account.step2"),
        Binding("3", "step(3)", N_("How"), show=False, id="account.step3"),
        Binding("ctrl+s", "save", N_("Save"), priority=True, id="account.save"),
        Binding("escape", "leave", N_("Back"), id="account.back"),
        Binding("i", "details", N_("Details"), show=False, id="account.details"),
        Binding("w", "walkthrough", N_("Guide"), id="account.walk"),
        Binding("r", "review", N_("Review"), id="account.review"),
        Binding("h", "history", N_("History"), show=False, id="account.history"),
    ]

    disk_note: var[str] = var("", init=False)
    """Set when the file changed or went away on disk while we hold edits (the header says so)."""
    saving: var[bool] = var(False, init=False)
    """A save (with its questions) is under way."""

    def __init__(self, loaded: LoadedPlan, *, action: str | None = None) -> None:
        super().__init__()
        assert loaded.plan is not None
        self.start_action = action
        """An action to open on (step 3, cursor on it): from the actions view."""
        self.loaded = loaded
        """The file as last loaded or saved: what "unsaved" compares against."""
        self.plan: AccountPlan = working_copy(loaded.plan)

    def today(self) -> dt.date:
        return self.kam.today()

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield AccountHeader(id="account-header")
        with TabbedContent(id="steps"):
            with TabPane(_(STEP_TITLES[0]), id="tab-1"):
                yield WhereAmIPane(self)
            with TabPane(_(STEP_TITLES[1]), id="tab-2"):
                yield WhereToGoPane(self)
            with TabPane(_(STEP_TITLES[2]), id="tab-3"):
                yield HowToGetTherePane(self)
        yield KeyBar(follow_focus=True, first=("account.save", "account.back"))

    def on_mount(self) -> None:
        self._header()
        self.kam.portfolio_changed.subscribe(self, self._portfolio_changed, immediate=True)
        self.query_one(Tabs).can_focus = False  # 1 2 3 switch steps; tab goes to sections
        if self.start_action is not None:
            self.action_step(3)
            self.call_after_refresh(self._on_action, self.start_action)
        else:
            self.call_after_refresh(self._focus_step, 1)

    def relabelling(self) -> tuple[int, str, ActionFilter]:
        """About to be composed again in another language (kamtui/tui/app.py): what only
        the widgets hold (the step shown, the buying centre's grouping, the actions'
        filter)."""
        from kamtui.tui.panes.how_to_get_there import ActionTable
        from kamtui.tui.panes.where_am_i import PeopleTable

        return self.step, self.query_one(PeopleTable).grouping, self.query_one(ActionTable).filter

    def relabelled(self, kept: tuple[int, str, ActionFilter]) -> None:
        from kamtui.tui.panes.how_to_get_there import ActionTable
        from kamtui.tui.panes.where_am_i import PeopleTable

        step, grouping, action_filter = kept
        self.query_one(PeopleTable).grouping, self.query_one(ActionTable).filter = (
            grouping,
            action_filter,
        )
        self.edited("view")
        self._header()
        self.query_one(Tabs).can_focus = False
        self.action_step(step)

    def _on_action(self, action_id: str) -> None:
        """Step 3 with the cursor on *action_id* (the actions view's enter)."""
        from kamtui.tui.panes.how_to_get_there import ActionTable

        table = self.query_one(ActionTable)
        table.focus()
        table.select_key(action_id)

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

        self.app.push_screen(ConfirmDialog(question, yes, _("Cancel")), answer)

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

        specs = account_specs()
        self.open_form(_("Account details"), specs, read_values(self.plan.account, specs), done)

    # -- following the file on disk --------------------------------------------------------

    def watch_disk_note(self) -> None:
        self._header()

    def _portfolio_changed(self, ids: set[str]) -> None:
        """The portfolio changed. Without edits, show the file as it is now; with edits, keep
        them and say the file changed (the save will ask what to do)."""
        current = self.kam.portfolio.plans.get(self.loaded.id)
        if current is not None and current.digest == self.loaded.digest:
            self.disk_note = ""
        elif current is None:
            self.disk_note = DELETED_NOTE
        elif current.plan is None or current.errors:
            self.disk_note = N_("file on disk now has errors")
        elif not self.dirty:
            self.loaded = current
            self.plan = working_copy(current.plan)
            self.disk_note = ""
            self.edited()
            self._plan_replaced()
            self.kam.say(_("{file} changed on disk: reloaded.").format(file=current.path.name))
        else:
            self.disk_note = CHANGED_NOTE

    # -- saving ----------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.saving:
            return
        if not self.dirty:
            self.kam.say(_("Nothing to save."))
            return
        self.save()

    @work(group="save", exit_on_error=False, description="save a plan")
    async def save(self, *, then_leave: bool = False) -> None:
        """Save, asking what to do if the file changed on disk (see flows/conflict.py);
        *then_leave*: back to the portfolio once the plan is saved."""
        self.saving = True
        try:
            done = await save_plan(self)
        finally:
            self.saving = False
        if then_leave and done and not self.dirty and self.app.screen is self:
            self.app.pop_screen()

    def failed(self, message: str) -> None:
        """A save could not be done (the file is as it was): say why."""
        self.kam.say(message, title=_("Not saved"), severity="error", timeout=15)

    def saved(self, loaded: LoadedPlan, written: bool) -> None:
        """The save wrote *loaded* (or found nothing to write)."""
        self.loaded = loaded
        self.disk_note = ""
        self.kam.plan_saved(loaded)
        self._header()
        self.kam.say(
            _("Saved {file}").format(file=loaded.path.name) if written else _("Nothing to save.")
        )

    def adopt(self, loaded: LoadedPlan, *, keep_edits: bool) -> None:
        """Take *loaded* as the file's state (after a reload or an overwrite)."""
        self.loaded = loaded
        if not keep_edits and loaded.plan is not None:
            self.plan = working_copy(loaded.plan)
        self.disk_note = ""
        self.kam.plan_saved(loaded)
        self.edited()
        self._plan_replaced()

    def _plan_replaced(self) -> None:
        """The working copy is a new one (the file read again): the screens opened over this
        one on it (the org chart, the whitespace map) draw it again (``plan_replaced``)."""
        stack = self.app.screen_stack
        for screen in stack[stack.index(self) + 1 :] if self in stack else []:
            replaced = getattr(screen, "plan_replaced", None)
            if replaced is not None:
                replaced()

    # -- leaving ---------------------------------------------------------------------------

    def action_leave(self) -> None:
        if not self.dirty:
            self.app.pop_screen()
            return
        from kamtui.tui.screens.dialogs import ChoiceDialog

        def answer(choice: str | None) -> None:
            if choice == "s":
                self.save(then_leave=True)
            elif choice == "d":
                self.app.pop_screen()

        self.app.push_screen(
            ChoiceDialog(
                _("{file} has unsaved changes.").format(file=self.loaded.path.name),
                [("s", _("Save")), ("d", _("Discard")), ("k", _("Keep editing"))],
                title=_("Leave this account?"),
            ),
            answer,
        )

    # -- guided flows ----------------------------------------------------------------------

    @work(group="flow", exclusive=True, exit_on_error=False, description="walk-through")
    async def action_walkthrough(self) -> None:
        from kamtui.tui.flows.walkthrough import walk_through

        await walk_through(self)

    def action_history(self) -> None:
        """The plan's commits in git and what each changed (kamtui/tui/screens/history.py)."""
        from kamtui.tui.screens.history import HistoryScreen

        name = self.plan.account.name or self.loaded.id
        self.app.push_screen(HistoryScreen(self.kam.workspace.root, self.loaded.id, name))

    @work(group="flow", exclusive=True, exit_on_error=False, description="review")
    async def action_review(self) -> None:
        from kamtui.tui.flows.review import review

        await review(self)
