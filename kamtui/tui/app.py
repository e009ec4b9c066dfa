"""The kamtui app: wiring only. Screens show, workers read, the core decides."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.signal import Signal
from textual.worker import Worker, WorkerState

from kamtui.clock import Clock, SystemClock
from kamtui.plan.diagnostics import PlanError
from kamtui.plan.file import LoadedPlan
from kamtui.store.cache import PlanCache
from kamtui.store.locations import last_analysis_file, settings_file
from kamtui.store.portfolio import Portfolio
from kamtui.store.workspace import Workspace
from kamtui.text.format import format_count
from kamtui.text.i18n import N_, ngettext
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import printable
from kamtui.tui import workers
from kamtui.tui.messages import (
    AnalysisRecalled,
    PlanCreated,
    PlansChanged,
    TempFilesCleaned,
    WorkspaceChecked,
    WorkspaceLoaded,
)
from kamtui.tui.palette import KamCommands
from kamtui.tui.screens.dashboard import DashboardScreen

if TYPE_CHECKING:
    from kamtui.agenda.actions import OpenAction
    from kamtui.plan.model import Segment
    from kamtui.plan.row import PortfolioRow
    from kamtui.store.portfolio import RowKey
    from kamtui.tui.abc_data import AbcView


class KamApp(App[None]):
    """Key Account Management in the terminal.

    Screens other than the dashboard are imported when first opened: start-up pays only for
    what the first paint needs.
    """

    CSS_PATH = "kamtui.tcss"
    TITLE = "kamtui"
    COMMANDS = App.COMMANDS | {KamCommands}
    BINDINGS = [
        Binding("q", "quit", N_("Quit"), id="app.quit"),
        Binding("ctrl+q", "quit", N_("Quit"), show=False, priority=True, id="app.quit-anywhere"),
        Binding("question_mark", "help", N_("Help"), key_display="?", id="app.help"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        *,
        clock: Clock | None = None,
        watch_interval: float | None = 0.5,
        cache: PlanCache | None = None,
        settings_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.cache = cache
        self.clock: Clock = clock or SystemClock()
        self.watch_interval = watch_interval
        self.portfolio = Portfolio()
        self.loaded_once = False
        self.portfolio_changed: Signal[set[str]] = Signal(self, "portfolio-changed")
        self.settings_path = settings_path or settings_file(workspace.root)
        self.abc_view: AbcView | None = None
        self.walk_positions: dict[str, int] = {}
        """Where each account's walk-through was paused (this session)."""
        self.keymap_notice = ""
        """What in the user's keymap was not usable (set by kamtui/tui/factory.py): said once."""
        self.plans_unpickled = False
        """Every plan of the first load is in memory (see _unpickle_plans)."""
        self.action_rows: dict[str, tuple[LoadedPlan, list[OpenAction]]] = {}
        """Per plan id: the plan as read, and its open actions (kamtui/agenda/actions.py),
        made once per version of the file: by the actions view, or ahead of it."""
        self.owner_setting: str | None = None
        """The user's name from config.toml (set by kamtui/tui/factory.py)."""
        self._git_name: str | None = None
        self._git_name_asked = False

    def today(self) -> dt.date:
        return self.clock.today()

    def say(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> None:
        """A notification whose text is never parsed as markup and holds no raw controls."""
        self.notify(
            printable(message, multiline=True),
            title=printable(title),
            severity=severity,
            markup=False,
            timeout=timeout,
        )

    def get_default_screen(self) -> DashboardScreen:
        """The dashboard is the base screen (no push, so no screen-switch delay at start)."""
        return DashboardScreen()

    def on_mount(self) -> None:
        # What exists now (modules, styles, the dashboard) lives as long as the app: spare it
        # the collector's full passes while thousands of plans and rows are made (start-up with
        # 2,000 plans: about 0.2 s less). Given back at unmount, for the tests' many apps.
        gc.freeze()
        if self.keymap_notice:
            self.say(self.keymap_notice, title=_("Keymap"), severity="warning", timeout=30)
        self.action_reload()
        if self.watch_interval:
            self._watch(self.watch_interval)

    def on_unmount(self) -> None:
        gc.unfreeze()

    # -- background work: thread workers that post messages ----------------------------------
    # Each has a description, so that Textual never builds one from ``repr`` of the arguments
    # (with thousands of plans that alone took seconds), and exit_on_error=False: a failure
    # becomes a notification (see _worker_failed), not a crash.

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="load")
    def action_reload(self) -> None:
        """Read every plan (the cache spares parsing the unchanged ones)."""
        keep = None if self.loaded_once else (lambda: self.is_running)
        workers.load_workspace(self.workspace, self.post_message, self.cache, keep=keep)

    @work(thread=True, group="watch", exit_on_error=False, description="watch the workspace")
    def _watch(self, interval: float) -> None:
        workers.watch_workspace(self.workspace, self.post_message, interval)

    @work(thread=True, group="cache", exit_on_error=False, description="store the plan cache")
    def _store_cache(self, plans: list[LoadedPlan], rows: dict[RowKey, PortfolioRow]) -> None:
        assert self.cache is not None
        workers.store_cache(self.cache, plans, rows)

    @work(thread=True, group="write", exit_on_error=False, description="create an account")
    def _create(
        self,
        name: str,
        customer: str | None = None,
        segment: Segment | None = None,
        open_it: bool = False,
    ) -> None:
        loaded = self.workspace.new_plan(
            name, customer_ids=[customer] if customer else [], segment=segment
        )
        self.post_message(PlanCreated(loaded, open_it))

    @work(thread=True, group="check", exit_on_error=False, description="check the workspace")
    def action_check(self) -> None:
        """Validate the workspace as ``kamtui check`` does (cross-file problems included)."""
        workers.check_workspace(self.workspace, self.post_message, self.cache)

    # -- the portfolio ---------------------------------------------------------------------

    @on(WorkspaceLoaded)
    def _loaded(self, message: WorkspaceLoaded) -> None:
        first = not self.loaded_once
        self.loaded_once = True
        self.portfolio.rows.update(message.rows)
        self._changed(self.portfolio.replace_all(message.scan.plans), force=True)
        # Once these rows are painted: work the paint does not need, in workers that would
        # otherwise take turns with it for the interpreter (with 2,000 plans, storing the cache
        # alone compares 2,000 paths and digests).
        self.call_after_refresh(self._after_load, first)

    def _after_load(self, first: bool) -> None:
        if first:
            self._recall_analysis()
            self._clean_temp_files()
            self._unpickle_plans()
        if self.cache is not None:
            self._store_cache(
                list(self.portfolio.plans.values()), self.portfolio.rows_for(self.today())
            )

    @work(thread=True, group="unpickle", exit_on_error=False, description="unpickle the plans")
    def _unpickle_plans(self) -> None:
        """Plans from the plan cache are unpickled when first asked for (the dashboard needs
        none of them): here, one at a time after the first paint, so that the views that need
        every plan (the actions view: 2,000 plans, about a second) open at once. The open
        actions of each plan are made here too (:attr:`action_rows`)."""
        import time

        for loaded in list(self.portfolio.plans.values()):
            if not self.is_running:
                return
            self.open_actions(loaded)  # the plan unpickled, its rows made
            time.sleep(0)  # the event loop's turn between two plans
        self.plans_unpickled = True

    def open_actions(self, loaded: LoadedPlan) -> list[OpenAction]:
        """The open actions of *loaded* (none for a broken file), made once per version of
        the file and kept in :attr:`action_rows`."""
        kept = self.action_rows.get(loaded.id)
        if kept is None or kept[0] is not loaded:
            from kamtui.agenda.actions import open_actions_of

            plan = loaded.plan if not loaded.errors else None
            kept = self.action_rows[loaded.id] = (loaded, open_actions_of(plan) if plan else [])
        return kept[1]

    def plan_saved(self, loaded: LoadedPlan) -> None:
        """A screen wrote *loaded*: the portfolio shows it without waiting for the watcher."""
        self._changed(self.portfolio.update([loaded]))

    @on(PlansChanged)
    def _plans_changed(self, message: PlansChanged) -> None:
        self._changed(self.portfolio.update(message.loaded, message.removed))

    def _changed(self, ids: set[str], force: bool = False) -> None:
        """Tell the screens that show the portfolio (they subscribe to the signal)."""
        if ids or force:
            self.portfolio_changed.publish(ids)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            text = (
                str(error) if isinstance(error, PlanError) else f"{type(error).__name__}: {error}"
            )
            self.say(text, title=_("Something went wrong"), severity="error", timeout=10)

    # -- navigation ------------------------------------------------------------------------

    def open_account(self, plan_id: str, *, action: str | None = None) -> None:
        """Open the account (on step 3, on that action, when *action* is given)."""
        loaded = self.portfolio.plans.get(plan_id)
        if loaded is None:
            self.say(_("No account {id}").format(id=plan_id), severity="warning")
            return
        if loaded.plan is None or loaded.errors:
            from kamtui.git.conflicts import only_conflict_markers
            from kamtui.tui.screens.broken_plan import BrokenPlanScreen

            if only_conflict_markers(loaded):  # a merge left them: resolve them there
                from kamtui.tui.screens.merge_conflicts import MergeConflictsScreen

                self.push_screen(MergeConflictsScreen(loaded))
            else:
                self.push_screen(BrokenPlanScreen(loaded))
        else:
            from kamtui.tui.screens.account import AccountScreen

            self.push_screen(AccountScreen(loaded, action=action))

    async def action_language(self, code: str) -> None:
        """Speak *code* (en, it) from now on: every screen of the stack is composed again in
        it (kamtui/text/i18n.py). A screen with a ``relabelling`` method gives before what only
        its widgets hold (the step shown, a cursor; or None), and ``relabelled`` gets it back
        after, to show again what it showed (a list's rows, a plan's header). Edits in
        progress stay: they live in the screens' working copies, not in their widgets."""
        from kamtui.text import i18n

        if code == i18n.language():
            return
        i18n.set_language(code)
        for screen in self.screen_stack:
            relabelling = getattr(screen, "relabelling", None)
            kept = relabelling() if relabelling is not None else None
            await screen.recompose()
            relabelled = getattr(screen, "relabelled", None)
            if relabelled is not None:
                relabelled(kept)

    def action_help(self) -> None:
        from kamtui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    @work(group="new", exclusive=True, exit_on_error=False, description="new account")
    async def action_new_account(self) -> None:
        """Ask for the name; when an account of that name exists already (case, spaces and
        punctuation aside), ask before making a second one."""
        from kamtui.store.portfolio import same_name
        from kamtui.tui.screens.dialogs import ConfirmDialog, TextPrompt

        prompt = TextPrompt(_("New key account: company name"), _("e.g. Acme Packaging S.p.A."))
        name = await self.push_screen_wait(prompt)
        if not name:
            return
        existing = same_name(self.portfolio.plans.values(), name)
        if existing is not None and existing.plan is not None:
            question = _(
                "An account named {name} exists already ({file}). Create another one?"
            ).format(name=existing.plan.account.name, file=existing.path.name)
            dialog = ConfirmDialog(question, _("Create another"), _("No"))
            if not await self.push_screen_wait(dialog):
                self._highlight(existing.id)
                return
        self._create(name)

    def _highlight(self, plan_id: str) -> None:
        """Move the dashboard's cursor to *plan_id*."""
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.table.select(plan_id)

    @on(PlanCreated)
    def _created(self, message: PlanCreated) -> None:
        plan_id = message.loaded.id
        self._changed(self.portfolio.update([message.loaded]))
        self._highlight(plan_id)
        self.say(_("Created {file}").format(file=f"{plan_id}.toml"))
        if message.open_it:
            self.open_account(plan_id)

    @work(group="export", exit_on_error=False, description="export a plan")
    async def action_export_plan(self, fmt: str) -> None:
        from kamtui.tui.flows.export import export_plan

        await export_plan(self, fmt)

    # -- actions across the portfolio ------------------------------------------------------

    async def whose_actions(self) -> str | None:
        """The user's own name, whose actions the actions view shows first: config.toml's
        owner, else git's user.name for the workspace (asked once, in a thread), else
        ``None`` (everyone's)."""
        if self.owner_setting:
            return self.owner_setting
        if not self._git_name_asked:
            import asyncio

            from kamtui.tui.screens.dashboard import in_git

            if in_git(self.workspace.root):
                from kamtui.git.identity import user_name

                self._git_name = await asyncio.to_thread(user_name, self.workspace.root)
            self._git_name_asked = True
        return self._git_name

    @work(group="open-actions", exclusive=True, exit_on_error=False, description="actions")
    async def action_actions(self) -> None:
        """Every open action of the portfolio (kamtui/tui/screens/actions.py)."""
        from kamtui.tui.screens.actions import ActionsScreen

        if isinstance(self.screen, ActionsScreen):
            return
        owner = await self.whose_actions()
        self.push_screen(ActionsScreen(owner))

    # -- ABC -------------------------------------------------------------------------------

    def action_abc(self) -> None:
        from kamtui.tui.screens.abc import AbcScreen  # pandas & co. only when asked for

        if not isinstance(self.screen, AbcScreen):
            self.push_screen(AbcScreen())

    def abc_finished(self, view: AbcView, settings: dict[str, str] | None = None) -> None:
        """Keep the result for this session, and remember its revenue for the next ones; the
        dashboard shows revenue from it."""
        self.abc_view = view
        self.portfolio.revenue_by_customer = view.revenue_by_customer
        self._changed(set(self.portfolio.plans), force=True)
        if view.result.source is not None:
            self._remember_analysis(
                view.result.source.path, view.revenue_by_customer, settings or {}
            )

    @work(thread=True, group="abc-memory", exit_on_error=False, description="remember the ABC")
    def _remember_analysis(
        self, source: Path, revenue: dict[str, float], settings: dict[str, str]
    ) -> None:
        from kamtui.store.last_analysis import LastAnalysis, file_digest, remember

        try:
            digest = file_digest(source)
        except OSError:
            return  # gone already: nothing worth remembering
        where = last_analysis_file(self.workspace.root)
        remember(where, LastAnalysis(str(source), digest, settings, revenue))

    @work(thread=True, group="abc-memory", exit_on_error=False, description="recall the ABC")
    def _recall_analysis(self) -> None:
        from kamtui.store.last_analysis import recall

        analysis = recall(last_analysis_file(self.workspace.root))
        if analysis is not None:
            self.post_message(AnalysisRecalled(analysis.revenue))

    @work(thread=True, group="clean", exit_on_error=False, description="remove old temp files")
    def _clean_temp_files(self) -> None:
        import time

        removed = self.workspace.clean_temp_files(time.time())
        if removed:
            self.post_message(TempFilesCleaned(len(removed)))

    @on(TempFilesCleaned)
    def _cleaned(self, message: TempFilesCleaned) -> None:
        n = message.count
        text = ngettext(
            "Removed {n} temp file left by saves that were interrupted (over an hour old).",
            "Removed {n} temp files left by saves that were interrupted (over an hour old).",
            n,
        )
        self.say(text.format(n=format_count(n)))

    @on(AnalysisRecalled)
    def _recalled(self, message: AnalysisRecalled) -> None:
        if self.abc_view is None:  # a run of this session wins
            self.portfolio.revenue_by_customer = message.revenue
            self._changed(set(self.portfolio.plans), force=True)

    def plan_of_customer(self) -> dict[str, str]:
        """Customer id → the id of the plan that lists it."""
        out: dict[str, str] = {}
        for lp in self.portfolio.plans.values():
            for cid in lp.customer_ids:
                out.setdefault(cid, lp.id)
        return out

    def make_key_account(self, name: str, customer: str, segment: str) -> None:
        """Create a plan for a customer of the ABC table, then open it."""
        from kamtui.plan.model import Segment

        self._create(name, customer, Segment(segment) if segment else None, open_it=True)

    @on(WorkspaceChecked)
    def _checked(self, message: WorkspaceChecked) -> None:
        problems = message.scan.all_problems
        errors = sum(1 for p in problems if p.is_error)
        if not problems:
            n = len(message.scan.plans)
            text = ngettext("All {n} plan are valid.", "All {n} plans are valid.", n)
            self.say(text.format(n=format_count(n)))
            return
        lines = "\n".join(p.format(self.workspace.root) for p in problems[:8])
        more = ""
        if len(problems) > 8:
            more = "\n" + _("… and {n} more").format(n=format_count(len(problems) - 8))
        warnings = len(problems) - errors
        counts = _("{errors}, {warnings}").format(
            errors=ngettext("{n} error", "{n} errors", errors).format(n=format_count(errors)),
            warnings=ngettext("{n} warning", "{n} warnings", warnings).format(
                n=format_count(warnings)
            ),
        )
        self.say(
            f"{counts}\n{lines}{more}",
            title=_("Check"),
            severity="error" if errors else "warning",
            timeout=15,
        )

    # -- leaving ---------------------------------------------------------------------------

    def unsaved_changes(self) -> list[str]:
        """Descriptions of unsaved work on any open screen (screens opt in)."""
        out: list[str] = []
        for screen in self.screen_stack:
            probe = getattr(screen, "unsaved_changes", None)
            if callable(probe):
                out.extend(probe())
        return out

    async def action_quit(self) -> None:
        from kamtui.tui.screens.dialogs import ConfirmDialog

        if getattr(self.screen, "is_quit_question", False):
            return  # already asking
        pending = self.unsaved_changes()
        if not pending:
            self.exit()
            return

        def answer(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        question = _("Unsaved changes in: {files}\nQuit and lose them?").format(
            files=", ".join(pending)
        )
        dialog = ConfirmDialog(question, _("Quit"), _("Stay"))
        dialog.is_quit_question = True
        self.push_screen(dialog, answer)
