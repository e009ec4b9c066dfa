"""The whitespace map's grid: a row per unit, a column per offering, a cell cursor.

Drawn line by line (Textual's Line API) from texts made once per edit (:class:`GridData`): a
cursor move repaints the two rows it left and entered and the header, nothing else; only
scrolling (the cursor leaving the part shown) repaints the whole grid. Each cell shows its
status as a symbol as well as a colour (kamtui/plan/whitespace.py SYMBOLS), so the grid reads
without colour. The screen around it, which edits the plan: kamtui/tui/screens/whitespace.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from kamtui.plan.model import AccountPlan, CellStatus
from kamtui.plan.whitespace import Column, cell_text
from kamtui.text.i18n import N_, pgettext
from kamtui.text.safety import one_line
from kamtui.text.width import fit

STATUS_STYLES = {
    CellStatus.OURS: "bold green",
    CellStatus.COMPETITOR: "bold red",
    CellStatus.OPPORTUNITY: "bold yellow",
    CellStatus.NOT_RELEVANT: "dim",
    CellStatus.UNKNOWN: "dim",
}


def status_words(status: CellStatus) -> str:
    """A cell's status in words, in the language in use (glossary: docs/italian.md)."""
    words = {
        CellStatus.OURS: pgettext("cell status", "ours"),
        CellStatus.COMPETITOR: pgettext("cell status", "a competitor's"),
        CellStatus.OPPORTUNITY: pgettext("cell status", "open opportunity"),
        CellStatus.NOT_RELEVANT: pgettext("cell status", "not relevant"),
        CellStatus.UNKNOWN: pgettext("cell status", "unknown"),
    }
    return words[status]


CELL_WIDTH = 11
"""Cells of one column of the grid: the status symbol, a space and nine of the value."""


@dataclass
class GridData:
    """What the grid draws, made once per edit (never on a cursor move)."""

    units: list[str]
    """Unit ids, in the plan's order (the rows)."""
    names: list[str]
    """Each unit's name, one line."""
    columns: list[Column]
    cells: list[list[tuple[str, CellStatus]]]
    """Per row, per column: the text shown and the status."""


def grid_data(plan: AccountPlan, columns: list[Column]) -> GridData:
    units = plan.where_am_i.units
    ids = [c.id for c in columns]
    return GridData(
        units=list(units),
        names=[one_line(u.name or uid) for uid, u in units.items()],
        columns=columns,
        cells=[[cell_text(plan, unit.cells.get(oid)) for oid in ids] for unit in units.values()],
    )


class WhitespaceGrid(Widget, can_focus=True):
    """The grid: a row per unit, a column per offering, a cell cursor. Drawn with the Line API:
    a cursor move repaints two lines (and the header, for the column's name)."""

    BINDINGS = [
        Binding("up", "move(-1, 0)", N_("Up"), show=False, id="whitespace.up"),
        Binding("down", "move(1, 0)", N_("Down"), show=False, id="whitespace.down"),
        Binding("left", "move(0, -1)", N_("Left"), show=False, id="whitespace.left"),
        Binding("right", "move(0, 1)", N_("Right"), show=False, id="whitespace.right"),
        Binding("home", "edge(0)", N_("First offering"), show=False, id="whitespace.first"),
        Binding("end", "edge(1)", N_("Last offering"), show=False, id="whitespace.last"),
        Binding("pageup", "page(-1)", N_("Page up"), show=False, id="whitespace.page-up"),
        Binding("pagedown", "page(1)", N_("Page down"), show=False, id="whitespace.page-down"),
        Binding("enter,e", "edit", N_("Edit"), key_display="⏎", id="whitespace.edit"),
        Binding("a", "add", N_("Add"), id="whitespace.add"),
        Binding("d", "delete", N_("Delete"), id="whitespace.delete"),
        Binding("o", "objective", N_("Objective"), id="whitespace.objective"),
    ]
    DEFAULT_CSS = """
    WhitespaceGrid {
        height: 1fr;
        background: $surface;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.data = GridData([], [], [], [])
        self.row = 0
        self.col = 0
        self.top = 0
        """The first unit shown."""
        self.left = 0
        """The first offering shown."""
        self.empty_hint = ""
        self.on_cursor: Callable[[], None] | None = None
        """Called as soon as the cursor moved, before the repaint (the detail line)."""
        self._styles: dict[str, Style] = {}
        self._lines: dict[tuple[int, int, int], Strip] = {}
        """Rows drawn without the cursor, by (row, first column shown, width)."""

    # -- data ------------------------------------------------------------------------------

    def show(self, data: GridData, *, unit: str | None = None, offering: str | None = None) -> None:
        """Draw *data*; the cursor goes to *unit* and *offering* (ids) when given, else stays
        on the unit and offering it was on, else near where it was."""
        old = self.data
        if unit is None and old.units:
            unit = old.units[min(self.row, len(old.units) - 1)]
        if offering is None and old.columns:
            offering = old.columns[min(self.col, len(old.columns) - 1)].id
        self.data = data
        self._lines.clear()
        rows = {u: i for i, u in enumerate(data.units)}
        cols = {c.id: i for i, c in enumerate(data.columns)}
        self.row = rows.get(unit or "", min(self.row, max(0, len(data.units) - 1)))
        self.col = cols.get(offering or "", min(self.col, max(0, len(data.columns) - 1)))
        self._scroll_to_cursor()
        self.refresh()
        if self.on_cursor is not None:
            self.on_cursor()

    @property
    def unit_id(self) -> str | None:
        units = self.data.units
        return units[self.row] if units else None

    @property
    def column(self) -> Column | None:
        columns = self.data.columns
        return columns[self.col] if columns else None

    # -- geometry --------------------------------------------------------------------------

    @property
    def name_width(self) -> int:
        return 20 if self.size.width >= 100 else 14

    @property
    def shown_columns(self) -> int:
        return max(1, (self.size.width - self.name_width - 1) // (CELL_WIDTH + 1))

    @property
    def shown_rows(self) -> int:
        return max(1, self.size.height - 1)

    def _scroll_to_cursor(self) -> bool:
        """Bring the cursor into view; True when what is shown moved."""
        top, left = self.top, self.left
        rows, cols = self.shown_rows, self.shown_columns
        if self.row < self.top:
            self.top = self.row
        elif self.row >= self.top + rows:
            self.top = self.row - rows + 1
        if self.col < self.left:
            self.left = self.col
        elif self.col >= self.left + cols:
            self.left = self.col - cols + 1
        self.top = max(0, min(self.top, max(0, len(self.data.units) - rows)))
        self.left = max(0, min(self.left, max(0, len(self.data.columns) - cols)))
        return (top, left) != (self.top, self.left)

    def on_resize(self) -> None:
        self._lines.clear()
        self._scroll_to_cursor()
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.data.units) + 1

    # -- cursor ----------------------------------------------------------------------------

    def move_to(self, row: int, col: int) -> None:
        data = self.data
        row = max(0, min(row, len(data.units) - 1))
        col = max(0, min(col, len(data.columns) - 1))
        if (row, col) == (self.row, self.col):
            return
        old_row, old_col = self.row, self.col
        self.row, self.col = row, col
        if self._scroll_to_cursor():
            self.refresh()
        else:
            self._refresh_row(old_row)
            self._refresh_row(row)
            if col != old_col:
                self._refresh_line(0)
        if self.on_cursor is not None:
            self.on_cursor()

    def _refresh_row(self, row: int) -> None:
        y = row - self.top + 1
        if 0 < y < self.size.height:
            self._refresh_line(y)

    def _refresh_line(self, y: int) -> None:
        """Repaint one line only (render_line is asked for that line alone)."""
        self.refresh(Region(0, y, self.size.width, 1))

    def action_move(self, rows: int, cols: int) -> None:
        self.move_to(self.row + rows, self.col + cols)

    def action_edge(self, end: int) -> None:
        self.move_to(self.row, len(self.data.columns) - 1 if end else 0)

    def action_page(self, direction: int) -> None:
        self.move_to(self.row + direction * max(1, self.shown_rows - 1), self.col)

    def action_edit(self) -> None:
        self._screen_does("edit_cell")

    def action_add(self) -> None:
        self._screen_does("add")

    def action_delete(self) -> None:
        self._screen_does("delete")

    def action_objective(self) -> None:
        self._screen_does("objective")

    def _screen_does(self, what: str) -> None:
        """The screen's part: it owns the plan (kamtui/tui/screens/whitespace.py)."""
        act = getattr(self.screen, what, None)
        if callable(act):
            act()

    # -- drawing ---------------------------------------------------------------------------

    def _style(self, spec: str) -> Style:
        style = self._styles.get(spec)
        if style is None:
            style = self._styles[spec] = Style.parse(spec) if spec else Style()
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        data = self.data
        if y == 0:
            return self._header(base).crop_extend(0, width, base)
        row = self.top + y - 1
        if not data.units:
            if y == 1 and self.empty_hint:
                hint = base + Style(italic=True, dim=True)
                return Strip([Segment(f" {self.empty_hint}", hint)]).crop_extend(0, width, hint)
            return Strip.blank(width, base)
        if row >= len(data.units):
            return Strip.blank(width, base)
        if row != self.row:
            key = (row, self.left, width)
            strip = self._lines.get(key)
            if strip is None:
                strip = self._lines[key] = self._row(row, base).crop_extend(0, width, base)
            return strip
        return self._row(row, base).crop_extend(0, width, base)

    def _header(self, base: Style) -> Strip:
        head = base + Style(bold=True) + self._style("on grey23")
        data = self.data
        segs = [Segment(" " + fit(pgettext("column", "Unit"), self.name_width - 1), head)]
        shown = data.columns[self.left : self.left + self.shown_columns]
        for i, column in enumerate(shown, self.left):
            style = head + Style(reverse=True) if i == self.col and data.units else head
            name = one_line(column.name)
            segs.append(Segment(" ", head))
            segs.append(Segment(fit(name, CELL_WIDTH), style))
        more = len(data.columns) - self.left - len(shown)
        if self.left or more > 0:
            segs.append(Segment(f" {'‹' if self.left else ' '}{'›' if more > 0 else ''}", head))
        return Strip(segs)

    def _row(self, row: int, base: Style) -> Strip:
        data = self.data
        cursor_row = row == self.row
        name_style = base + Style(bold=True) if cursor_row else base
        segs = [Segment(" " + fit(data.names[row], self.name_width - 1), name_style)]
        cells = data.cells[row]
        last = min(len(cells), self.left + self.shown_columns)
        for i in range(self.left, last):
            text, status = cells[i]
            style = base + self._style(STATUS_STYLES[status])
            if cursor_row and i == self.col:
                style = style + Style(reverse=True)
            segs.append(Segment(" ", base))
            segs.append(Segment(fit(text, CELL_WIDTH), style))
        return Strip(segs)
