"""The resolution screen: a plan file that a merge left with conflict markers, one card per
conflict (kamtui/git/conflicts.py reads them).

Each card shows where the conflict is (its table), the base's lines when they are known (from a
``|||||||`` section, or git's index during a merge), ours and theirs. For each conflict, `o`
keeps ours, `t` theirs, `e` edits the lines (kamtui/tui/screens/conflict_editor.py); the focus
then moves on to the next conflict left. Once every conflict is resolved, `ctrl+s` puts the file
back together and saves it with the normal safe save, only when the result is a valid plan
(else the problems are shown at their conflicts, and nothing is written); the account then
opens as usual, and a notification says to `git add` the file (kamtui/tui/flows/resolve.py).
`escape` leaves without writing anything (asking first when choices were made).

The screen follows the file: changed on disk before any choice is made (`git checkout
--theirs`, resolved in an editor), it shows the file as it is now (its conflicts, the account
once it is valid, the read-only view when it is broken another way); after choices, it says so
and the save asks what to do.

| Key | Action |
|---|---|
| `o` / `t` / `e` | ours / theirs / edit the lines of the highlighted conflict |
| `j` `k`, `↓` `↑`, `tab` | next / previous conflict |
| `ctrl+s` | save (once every conflict is resolved) |
| `escape` | back to the portfolio, writing nothing |
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.widgets import Static

from kamtui.git.conflicts import (
    Choice,
    MarkedText,
    MarkerError,
    Resolved,
    Side,
    edited,
    index_base,
    only_conflict_markers,
    parse_marked,
    with_base,
)
from kamtui.plan.diagnostics import Problem
from kamtui.plan.file import LoadedPlan
from kamtui.text.format import format_count
from kamtui.text.i18n import N_, ngettext
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line
from kamtui.tui.kam import KamScreen
from kamtui.tui.safe import assemble, plain
from kamtui.tui.theme_styles import cell_styles
from kamtui.tui.widgets.conflict_card import ConflictCard
from kamtui.tui.widgets.key_bar import KeyBar

CHANGED_NOTE = N_("file changed on disk")
DELETED_NOTE = N_("file deleted on disk")
INTRO = N_(
    "Both sides of the merge changed these lines: keep ours (o), theirs (t) or edit (e) each "
    "one. When all are resolved, ctrl+s saves; then git add the file."
)


class ConflictsRead(Message):
    """The conflicts of *loaded*, read in a worker (``marked`` is ``None`` when its markers
    make no conflicts: ``error`` says why); ``with_base``: the bases were looked up too."""

    def __init__(
        self,
        loaded: LoadedPlan,
        marked: MarkedText | None,
        *,
        error: str = "",
        with_base: bool = False,
    ) -> None:
        super().__init__()
        self.loaded = loaded
        self.marked = marked
        self.error = error
        self.with_base = with_base


class MergeConflictsScreen(KamScreen[None]):
    """See the module docstring."""

    BINDINGS = [
        Binding("o", "choose('ours')", N_("Ours"), id="conflicts.ours"),
        Binding("t", "choose('theirs')", N_("Theirs"), id="conflicts.theirs"),
        Binding("e", "edit", N_("Edit"), id="conflicts.edit"),
        Binding(
            "j,down", "move(1)", N_("Next conflict"), show=False, priority=True, id="conflicts.next"
        ),
        Binding(
            "k,up",
            "move(-1)",
            N_("Previous conflict"),
            show=False,
            priority=True,
            id="conflicts.previous",
        ),
        Binding("ctrl+s", "save", N_("Save"), priority=True, id="conflicts.save"),
        Binding("escape", "leave", N_("Back"), id="conflicts.back"),
    ]

    disk_note: var[str] = var("", init=False)
    """Set when the file changed or went away on disk after choices were made."""

    def __init__(self, loaded: LoadedPlan) -> None:
        super().__init__()
        self.loaded = loaded
        """The file as read: what the save checks the file on disk against."""
        self.marked: MarkedText | None = None
        self.choices: dict[int, Choice] = {}
        self.saving = False
        """A save (with its questions) is under way."""
        self.unreadable = False
        """The markers make no conflicts: the read-only view takes over once this is on top."""
        self.replaced = False
        """Another screen takes this one's place (a switch takes a moment in Textual 8: the
        file may be reported changed again meanwhile)."""
        self._problems: tuple[Resolved | None, list[Problem]] = (None, [])
        """What :meth:`show_problems` was last told (shown again after a language change)."""

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="conflicts-title")
        yield Static(plain(_(INTRO)), id="conflicts-intro")
        yield Static(id="conflicts-problems")
        with VerticalScroll(id="conflicts-scroll"):
            if self.marked is None:
                yield Static(plain(_("Reading the conflicts…")), id="conflicts-reading")
            else:  # composed again (the language changed): the cards with their choices
                total = len(self.marked.conflicts)
                for i, conflict in enumerate(self.marked.conflicts):
                    card = ConflictCard(i, total, conflict)
                    card.choice = self.choices.get(i)
                    yield card
        yield KeyBar(first=("conflicts.save", "conflicts.back"))

    def on_mount(self) -> None:
        self._title()
        self.kam.portfolio_changed.subscribe(self, self._portfolio_changed, immediate=True)
        self.read_conflicts(self.loaded)

    def relabelling(self) -> int | None:
        """The language changes: the conflict that has the focus."""
        current = self.focused
        return current.index if isinstance(current, ConflictCard) else None

    def relabelled(self, index: int | None) -> None:
        """Composed again in the new language: the title, the problems at their conflicts,
        the focus on its conflict (*index*)."""
        self._title()
        self.show_problems(*self._problems, focus=False)
        self.focus_conflict(index if index is not None else 0)

    @property
    def cards(self) -> list[ConflictCard]:
        return list(self.query(ConflictCard))

    def _title(self) -> None:
        total = len(self.marked.conflicts) if self.marked is not None else 0
        parts: list[str | tuple[str, str]] = [
            (f" {self.loaded.path.name}", "bold"),
            " · " + _("merge conflicts"),
        ]
        if total:
            parts.append(
                " · "
                + _("{done} of {total} resolved").format(
                    done=format_count(len(self.choices)), total=format_count(total)
                )
            )
        if self.disk_note:
            note = _(self.disk_note)
            parts.append((f" · {note}", cell_styles(self.app).get("warning") or "bold"))
        self.query_one("#conflicts-title", Static).update(assemble(*parts))

    def watch_disk_note(self) -> None:
        self._title()

    # -- reading (a worker: the text is parsed, then git is asked for the base) -------------

    @work(
        thread=True,
        exclusive=True,
        group="conflicts",
        exit_on_error=False,
        description="read the conflicts",
    )
    def read_conflicts(self, loaded: LoadedPlan) -> None:
        try:
            marked = parse_marked(loaded.text)
        except MarkerError as exc:
            self.post_message(ConflictsRead(loaded, None, error=str(exc)))
            return
        self.post_message(ConflictsRead(loaded, marked))
        base = index_base(loaded.path)
        if base is not None:
            self.post_message(ConflictsRead(loaded, with_base(marked, base), with_base=True))

    @on(ConflictsRead)
    async def _read(self, message: ConflictsRead) -> None:
        if message.loaded is not self.loaded or self.replaced:
            return  # an earlier version of the file, or the screen is on its way out
        marked = message.marked
        if marked is None or not marked.conflicts:
            self.unreadable = True  # the markers make no conflicts: the read-only view
            self.kam.say(
                _(
                    "{file}: {why}. Its markers cannot be resolved here: it is shown read-only."
                ).format(file=self.loaded.path.name, why=message.error or _("no conflicts")),
                severity="warning",
            )
            self._give_way(message.loaded)
            return
        if message.with_base and self.marked is not None:
            self.marked = marked
            for card, conflict in zip(self.cards, marked.conflicts, strict=True):
                card.conflict = conflict
                if card.is_mounted:
                    card.show()
            return
        self.marked = marked
        self.choices = {}
        scroll = self.query_one("#conflicts-scroll", VerticalScroll)
        await scroll.remove_children()
        total = len(marked.conflicts)
        await scroll.mount_all(ConflictCard(i, total, c) for i, c in enumerate(marked.conflicts))
        self._title()
        self.cards[0].focus()

    # -- choosing --------------------------------------------------------------------------

    def _current(self) -> ConflictCard | None:
        focused = self.focused
        if isinstance(focused, ConflictCard):
            return focused
        cards = self.cards
        return cards[0] if cards else None

    def action_move(self, delta: int) -> None:
        cards = self.cards
        current = self._current()
        if current is None:
            return
        target = min(max(current.index + delta, 0), len(cards) - 1)
        cards[target].focus()

    def focus_conflict(self, index: int) -> None:
        cards = self.cards
        if 0 <= index < len(cards):
            cards[index].focus()

    def unresolved(self) -> list[int]:
        total = len(self.marked.conflicts) if self.marked is not None else 0
        return [i for i in range(total) if i not in self.choices]

    def choose(self, index: int, choice: Choice) -> None:
        """Resolve conflict *index* with *choice*; the focus goes on to the next one left."""
        self.choices[index] = choice
        card = self.cards[index]
        card.choice, card.problem = choice, ""
        card.show()
        self._title()
        left = self.unresolved()
        if left:
            after = [i for i in left if i > index]
            self.focus_conflict(after[0] if after else left[0])

    def action_choose(self, side: str) -> None:
        card = self._current()
        if card is not None and not self.saving:
            self.choose(card.index, card.conflict.take(Side(side)))

    def action_edit(self) -> None:
        card = self._current()
        if card is None or self.saving:
            return
        from kamtui.tui.screens.conflict_editor import ConflictEditor

        conflict = card.conflict
        # what was chosen so far, else ours (theirs when ours has no lines: a deleted record)
        lines = card.choice.lines if card.choice is not None else conflict.ours or conflict.theirs
        title = _("Conflict {number} of {total} · line {line}").format(
            number=card.index + 1, total=card.total, line=conflict.line
        )
        index = card.index

        def answer(text: str | None) -> None:
            if text is not None:
                self.choose(index, edited(text))

        self.app.push_screen(ConflictEditor(title, conflict, "\n".join(lines)), answer)

    # -- saving ----------------------------------------------------------------------------

    def action_save(self) -> None:
        if not self.saving and self.marked is not None:
            self.save()

    @work(group="save", exclusive=True, exit_on_error=False, description="save the resolution")
    async def save(self) -> None:
        from kamtui.tui.flows.resolve import save_resolution

        self.saving = True
        try:
            await save_resolution(self)
        finally:
            self.saving = False

    def show_problems(
        self, resolved: Resolved | None, problems: list[Problem], *, focus: bool = True
    ) -> None:
        """Say what makes the file put together not a plan, at the conflicts whose lines it
        is in (``[]``: nothing to say)."""
        self._problems = (resolved, problems)
        at: dict[int, list[str]] = {}
        lines: list[str] = []
        text_lines = resolved.text.split("\n") if resolved is not None else []
        for problem in problems:
            index = resolved.conflict_at(problem.line) if resolved is not None else None
            if index is not None:
                at.setdefault(index, []).append(problem.message)
                lines.append(
                    "• "
                    + _("conflict {number}: {problem}").format(
                        number=index + 1, problem=problem.message
                    )
                )
            elif problem.line is not None and 0 < problem.line <= len(text_lines):
                shown = one_line(text_lines[problem.line - 1].strip())[:40]
                lines.append(
                    "• "
                    + _("line {line} of the result ({text}): {problem}").format(
                        line=problem.line, text=shown, problem=problem.message
                    )
                )
            else:
                lines.append(f"• {problem.message}")
        for card in self.cards:
            card.problem = "; ".join(at.get(card.index, []))
            card.show()
        box = self.query_one("#conflicts-problems", Static)
        if problems:
            header = _("Not saved: with these choices the file is not a valid plan.")
            box.update(assemble((header + "\n", "bold"), "\n".join(lines)))
        box.set_class(bool(problems), "-shown")
        if at and focus:
            self.focus_conflict(min(at))

    def saved(self, loaded: LoadedPlan) -> None:
        """The resolution was written as *loaded*: the account opens in this screen's place."""
        from kamtui.tui.screens.account import AccountScreen

        count = len(self.choices)
        self.choices = {}
        self.replaced = True
        self.kam.plan_saved(loaded)
        self.app.switch_screen(AccountScreen(loaded))
        name = loaded.path.name
        self.kam.say(
            ngettext(
                "Saved {file} with {count} conflict resolved. Tell git it is resolved: "
                "git add {file} (then git commit finishes the merge).",
                "Saved {file} with {count} conflicts resolved. Tell git it is resolved: "
                "git add {file} (then git commit finishes the merge).",
                count,
            ).format(file=name, count=format_count(count)),
            title=_("Conflicts resolved"),
            timeout=30,
        )

    # -- state, leaving ----------------------------------------------------------------------

    def unsaved_changes(self) -> list[str]:
        return [_("{file} (conflicts)").format(file=self.loaded.path.name)] if self.choices else []

    def action_leave(self) -> None:
        if not self.choices:
            self.app.pop_screen()
            return
        from kamtui.tui.screens.dialogs import ConfirmDialog

        def answer(leave: bool | None) -> None:
            if leave:
                self.choices = {}
                self.app.pop_screen()

        n = len(self.choices)
        question = ngettext(
            "Leave {file} without saving? The choices made for {count} conflict are lost; "
            "the file stays as it is.",
            "Leave {file} without saving? The choices made for {count} conflicts are lost; "
            "the file stays as it is.",
            n,
        ).format(file=self.loaded.path.name, count=format_count(n))
        self.app.push_screen(ConfirmDialog(question, _("Leave"), _("Stay")), answer)

    # -- following the file on disk --------------------------------------------------------

    def _portfolio_changed(self, ids: set[str]) -> None:
        if self.loaded.id in ids:
            self.follow_the_file()

    def on_screen_resume(self) -> None:
        if self.unreadable:
            self._give_way(self.loaded)
        else:
            self.follow_the_file()  # it may have changed while a dialog or the help was on top

    def follow_the_file(self) -> None:
        """Show the file as it is now, unless choices were made (then say it changed)."""
        if self.replaced:
            return
        current = self.kam.portfolio.plans.get(self.loaded.id)
        if current is None:
            self.disk_note = DELETED_NOTE
            return
        if current.digest == self.loaded.digest:
            self.disk_note = ""
            return
        if self.choices or self.saving:
            self.disk_note = CHANGED_NOTE
            return
        if self.app.screen is not self:
            return  # when it is on top again
        self.disk_note = ""
        if only_conflict_markers(current):
            self.loaded = current
            self.marked, self.unreadable = None, False
            self.show_problems(None, [])
            self._title()
            self.read_conflicts(current)
        else:
            self._give_way(current)

    def _give_way(self, current: LoadedPlan) -> None:
        """The file is no longer one to resolve here: the account, or the read-only view."""
        if self.app.screen is not self or self.replaced:
            return
        self.replaced = True
        if current.ok:
            from kamtui.tui.screens.account import AccountScreen

            self.app.switch_screen(AccountScreen(current))
            self.kam.say(
                _("{file} has no conflicts left: opened for editing.").format(
                    file=current.path.name
                )
            )
        else:
            from kamtui.tui.screens.broken_plan import BrokenPlanScreen

            self.app.switch_screen(BrokenPlanScreen(current))
