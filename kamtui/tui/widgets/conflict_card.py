"""One merge conflict of a plan file: where it is, the base's lines, ours and theirs, and the
choice made. kamtui/tui/screens/merge_conflicts.py shows a :class:`ConflictCard` per conflict,
kamtui/tui/screens/conflict_editor.py the :class:`ConflictView` of the one being edited.

Everything shown that comes from the file is plain text: never markup, control characters
replaced (kamtui/tui/safe.py).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kamtui.git.conflicts import Choice, Conflict, Side
from kamtui.text.i18n import N_, pgettext
from kamtui.text.i18n import gettext as _
from kamtui.tui.safe import assemble, plain
from kamtui.tui.theme_styles import cell_styles

NOTHING = N_("(nothing)")
ROWS = ("base", "ours", "theirs", "edited")


def side_words(name: str) -> str:
    """A version of a conflict in words, in the language in use (``ours``: ``nostra``)."""
    words = {
        "base": pgettext("merge side", "base"),
        "ours": pgettext("merge side", "ours"),
        "theirs": pgettext("merge side", "theirs"),
        "edited": pgettext("merge side", "edited"),
    }
    return words.get(name, name)


def where(conflict: Conflict) -> list[str | tuple[str, str]]:
    """``in [table]``, and the sides' labels when git gave other ones (branch names)."""
    table = f"[{conflict.table_name}]" if conflict.table else _("the top of the file")
    parts: list[str | tuple[str, str]] = [(_("in") + " ", "dim"), (table, "bold")]
    labels = [
        f"{side_words(name)}: {label}"
        for name, label in (("ours", conflict.ours_label), ("theirs", conflict.theirs_label))
        if label and label != name
    ]
    if labels:
        parts.append((f" · {', '.join(labels)}", "dim"))
    return parts


def choice_label(choice: Choice | None) -> str:
    return f"✓ {side_words(choice.side.value)}" if choice is not None else _("to resolve")


class ConflictView(Vertical):
    """Where the conflict is, then a row per version: base (when known), ours, theirs, and the
    lines the user typed when that is the choice. The chosen row is marked ``✓``; the lines of
    each row wrap beside its label."""

    def __init__(self, conflict: Conflict, *, classes: str = "") -> None:
        super().__init__(classes=f"conflict-view {classes}".strip())
        self.conflict = conflict
        self.choice: Choice | None = None
        self.problem = ""
        """What is wrong with the file put together, at this conflict's lines."""

    def compose(self) -> ComposeResult:
        yield Static(classes="conflict-where")
        for name in ROWS:
            with Horizontal(classes=f"conflict-row conflict-{name}"):
                yield Static(classes="conflict-label")
                yield Static(classes="conflict-lines")
        yield Static(classes="conflict-problem")

    def on_mount(self) -> None:
        self.show()

    def _rows(self) -> dict[str, tuple[tuple[str, ...], Side | None] | None]:
        conflict, choice = self.conflict, self.choice
        return {
            "base": (conflict.base, None) if conflict.base is not None else None,
            "ours": (conflict.ours, Side.OURS),
            "theirs": (conflict.theirs, Side.THEIRS),
            "edited": (
                (choice.lines, Side.EDITED)
                if choice is not None and choice.side is Side.EDITED
                else None
            ),
        }

    def show(self) -> None:
        """Show :attr:`conflict`, :attr:`choice` and :attr:`problem` as they are now."""
        if not self.children:
            return  # not composed yet: on_mount shows them
        styles = cell_styles(self.app)
        self.query_one(".conflict-where", Static).update(assemble(*where(self.conflict)))
        chosen_style = styles.get("success") or "bold"
        for name, row in self._rows().items():
            box = self.query_one(f".conflict-{name}", Horizontal)
            box.display = row is not None
            if row is None:
                continue
            lines, side = row
            if self.choice is not None and side is self.choice.side:
                mark, label_style, line_style = "✓ ", f"bold {chosen_style}", "bold"
            elif self.choice is not None or side is None:
                mark, label_style, line_style = "  ", "dim", "dim"
            else:
                mark, label_style, line_style = "  ", "bold", ""
            box.query_one(".conflict-label", Static).update(
                assemble((mark + side_words(name), label_style))
            )
            shown = assemble(("\n".join(lines), line_style)) if lines else None
            box.query_one(".conflict-lines", Static).update(
                shown if shown is not None else assemble((_(NOTHING), "dim italic"))
            )
        problem = self.query_one(".conflict-problem", Static)
        problem.display = bool(self.problem)
        problem.update(assemble((f"✗ {self.problem}", styles.get("error") or "bold")))


class ConflictCard(ConflictView, can_focus=True):
    """A conflict and its choice in a frame titled with its number and line; focusable, so
    that the keyboard moves from one to the next (the screen's keys act on the focused card).
    """

    def __init__(self, index: int, total: int, conflict: Conflict) -> None:
        super().__init__(conflict, classes="conflict-card")
        self.index = index
        self.total = total

    def show(self) -> None:
        self.border_title = plain(
            _("Conflict {number} of {total} · line {line}").format(
                number=self.index + 1, total=self.total, line=self.conflict.line
            )
        )
        self.border_subtitle = plain(choice_label(self.choice))
        self.set_class(self.choice is not None, "-resolved")
        self.set_class(bool(self.problem), "-wrong")
        super().show()
