"""The history of one plan in git: its commits, what each changed in plan words, and the plan
as it was at any of them (read-only).

| Key | Action |
|---|---|
| `↑` `↓` | choose a commit: its changes show below |
| `enter` | the commit's changes, whole |
| `v` | the plan as it was at that commit, read-only |
| `escape` | back to the account |

The history is read by the user's own git (kamtui/git/history.py) in a worker: the screen is
usable while it loads, and says so in one line where git is missing or the workspace is not in a
repository.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from kamtui.git.errors import GitError
from kamtui.git.history import PlanCommit, WorkspaceHistory
from kamtui.plan.changes import change_lines
from kamtui.plan.file import LoadedPlan
from kamtui.plan.model import Offering
from kamtui.text.format import format_day
from kamtui.text.i18n import N_, ngettext
from kamtui.text.i18n import gettext as _
from kamtui.text.safety import one_line
from kamtui.tui.kam import KamScreen
from kamtui.tui.safe import assemble
from kamtui.tui.widgets.key_bar import KeyBar

AUTHOR_WIDTH = 16
SHOWN_CHANGES = 12
"""Change lines under the table; `enter` shows them all."""


class HistoryLoaded(Message):
    """The plan's commits, newest first (or why there are none)."""

    def __init__(self, commits: list[PlanCommit], error: str = "") -> None:
        super().__init__()
        self.commits = commits
        self.error = error


class PlanAtLoaded(Message):
    """The plan as it was at a commit (``None``: it could not be read there)."""

    def __init__(
        self,
        commit: PlanCommit,
        loaded: LoadedPlan | None,
        error: str = "",
        offerings: Mapping[str, Offering] | None = None,
    ) -> None:
        super().__init__()
        self.commit = commit
        self.loaded = loaded
        self.error = error
        self.offerings = offerings or {}
        """The workspace's offerings at that commit: the whitespace map's columns then."""


def _cell(text: str, style: str = "") -> Text:
    return Text(one_line(text), style=style, no_wrap=True, overflow="ellipsis")


def _when(commit: PlanCommit) -> str:
    return _moment(commit.commit.date)


def _moment(when: dt.datetime) -> str:
    """A commit's day and time as the language in use writes the day (``2026-11-30 14:05``,
    ``30/11/2026 14:05``)."""
    return f"{format_day(when.date())} {when:%H:%M}"


class HistoryScreen(KamScreen[None]):
    """See the module docstring for the keys."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="history.back"),
        Binding("enter", "changes", N_("Changes"), id="history.changes"),
        Binding("v", "view", N_("View then"), id="history.view"),
    ]

    def __init__(self, workspace: Path, plan_id: str, name: str) -> None:
        super().__init__()
        self.workspace = workspace
        self.plan_id = plan_id
        self.plan_name = name
        self.commits: list[PlanCommit] = []
        self.loaded: HistoryLoaded | None = None
        """What git said, once it has (shown again after a language change)."""

    def compose(self) -> ComposeResult:
        yield Static(
            assemble(
                (" " + _("History of {name}").format(name=self.plan_name) + " ", "bold reverse"),
                f"  {self.plan_id}.toml",
            ),
            id="history-title",
        )
        yield Static(assemble((_("Reading the history from git…"), "dim")), id="history-note")
        table: DataTable[Text] = DataTable(
            id="history-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        with VerticalScroll(id="history-detail-box"):
            yield Static("", id="history-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self._columns()
        self._load()

    def _columns(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_columns(_("When"), _("Who"), _("What"))
        table.focus()

    def relabelled(self, row: int) -> None:
        """Composed again in another language: the columns, and the commits if git has
        answered (else they come when it does), the cursor on its commit (*row*)."""
        self._columns()
        if self.loaded is not None:
            self._loaded(self.loaded)
            if 0 < row < len(self.commits):
                self.query_one("#history-table", DataTable).move_cursor(row=row)
                self._show_detail(row)

    def relabelling(self) -> int:
        """The language changes: the row under the cursor."""
        return self.query_one("#history-table", DataTable).cursor_row

    @work(thread=True, exclusive=True, group="history", exit_on_error=False, description="git log")
    def _load(self) -> None:
        try:
            commits = WorkspaceHistory.open(self.workspace).plan_log(self.plan_id)
        except GitError as exc:
            self.post_message(HistoryLoaded([], str(exc)))
            return
        self.post_message(
            HistoryLoaded(list(reversed(commits)) if _oldest_first(commits) else commits)
        )

    @on(HistoryLoaded)
    def _loaded(self, message: HistoryLoaded) -> None:
        self.loaded = message
        note = self.query_one("#history-note", Static)
        if message.error:
            note.update(assemble((message.error, "bold")))
            return
        self.commits = message.commits
        if not self.commits:
            note.update(
                assemble((_("No commit has this plan yet: commit it to start its history."), "dim"))
            )
            return
        count = len(self.commits)
        note.update(
            assemble(
                (
                    ngettext(
                        "{count} commit, newest first", "{count} commits, newest first", count
                    ).format(count=count),
                    "dim",
                )
            )
        )
        table = self.query_one("#history-table", DataTable)
        for i, pc in enumerate(self.commits):
            subject = pc.commit.subject
            if pc.error:
                subject += "  " + _("(the plan had errors here)")
            table.add_row(
                _cell(_when(pc), "dim"),
                _cell(pc.commit.author[:AUTHOR_WIDTH]),
                _cell(subject),
                key=str(i),
            )
        self._show_detail(0)

    @on(DataTable.RowHighlighted, "#history-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _current(self) -> PlanCommit | None:
        row = self.query_one("#history-table", DataTable).cursor_row
        return self.commits[row] if 0 <= row < len(self.commits) else None

    def _show_detail(self, row: int, limit: int | None = SHOWN_CHANGES) -> None:
        if not 0 <= row < len(self.commits):
            return
        pc = self.commits[row]
        lines = change_lines(list(pc.changes))
        parts: list[str | tuple[str, str]] = [
            (f"{pc.commit.short}  {_when(pc)}  {pc.commit.author}\n", "bold"),
            f"{pc.commit.subject}\n",
        ]
        if pc.renamed_from:
            parts.append((_("renamed from {name}").format(name=pc.renamed_from) + "\n", "dim"))
        if pc.error:
            parts.append((f"{pc.error}\n", "bold"))
        shown = lines if limit is None else lines[:limit]
        parts += [f"  • {line}\n" for line in shown]
        if not lines and not pc.error:
            parts.append(("  " + _("no change to the plan itself") + "\n", "dim"))
        if len(lines) > len(shown):
            more = _("… {count} more: enter shows them all").format(count=len(lines) - len(shown))
            parts.append(("  " + more + "\n", "dim"))
        self.query_one("#history-detail", Static).update(assemble(*parts))

    def action_changes(self) -> None:
        row = self.query_one("#history-table", DataTable).cursor_row
        self._show_detail(row, limit=None)
        self.query_one("#history-detail-box").focus()

    def action_view(self) -> None:
        pc = self._current()
        if pc is not None:
            self._load_plan_at(pc)

    @work(thread=True, group="history-view", exit_on_error=False, description="git show")
    def _load_plan_at(self, pc: PlanCommit) -> None:
        try:
            history = WorkspaceHistory.open(self.workspace)
            loaded = history.plan_at(self.plan_id, pc.commit)
            offerings = history.offerings_at(pc.commit).offerings
        except GitError as exc:
            self.post_message(PlanAtLoaded(pc, None, str(exc)))
            return
        self.post_message(PlanAtLoaded(pc, loaded, offerings=offerings))

    @on(PlanAtLoaded)
    def _plan_at(self, message: PlanAtLoaded) -> None:
        if message.loaded is None or message.loaded.plan is None:
            why = message.error or _("the plan could not be read at that commit")
            self.kam.say(why, title=_("Not shown"), severity="warning")
            return
        self.app.push_screen(
            PlanAtScreen(message.commit, message.loaded, self.kam.today(), message.offerings)
        )


def _oldest_first(commits: list[PlanCommit]) -> bool:
    return len(commits) > 1 and commits[0].commit.committed < commits[-1].commit.committed


class PlanAtScreen(KamScreen[None]):
    """A plan as it was at a commit: its export, read-only."""

    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"), id="history.view-back")]

    def __init__(
        self,
        commit: PlanCommit,
        loaded: LoadedPlan,
        today: dt.date,
        offerings: Mapping[str, Offering] | None = None,
    ) -> None:
        super().__init__()
        self.commit = commit
        self.loaded = loaded
        self.today_then = today
        self.offerings = offerings or {}

    def compose(self) -> ComposeResult:
        from kamtui.export import render

        plan = self.loaded.plan
        assert plan is not None
        c = self.commit.commit
        yield Static(
            assemble(
                (
                    " " + _("{name} as it was").format(name=plan.account.name or plan.id) + " ",
                    "bold reverse",
                ),
                "  "
                + _("at {commit}, {when} by {author}: {subject}").format(
                    commit=c.short, when=_moment(c.date), author=c.author, subject=c.subject
                )
                + "  ",
                (_("(read-only)"), "dim"),
            ),
            id="plan-at-title",
        )
        with VerticalScroll(id="plan-at-scroll"):
            text = render(plan, self.today_then, "md", self.offerings)
            yield Static(assemble(text), id="plan-at-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#plan-at-scroll").focus()
