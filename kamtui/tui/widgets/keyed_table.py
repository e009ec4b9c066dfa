"""A fast table of keyed rows for the Line API: thousands of rows, one-line cells, fixed widths.

Why not ``DataTable``: it measures every cell of every new row and renders through Rich for each
cell, which made a 2,000-account dashboard take seconds to appear. Here columns have fixed
widths, a row is one line, and only the visible lines are rendered (cached per row version), so
adding 2,000 rows or moving the cursor costs almost nothing.

Rows are keyed. ``update_cell`` changes one cell in place, ``remove_row``/``add_row`` handle
rows that went or came, ``reorder`` sorts; none of them moves the cursor off its row key or
resets the scroll position.

| Key | Action |
|---|---|
| `up` / `down`, `k` / `j` | move the cursor |
| `pageup` / `pagedown` | a page up / down |
| `home` / `end` | first / last row |
| `enter` | select the row (posts :class:`KeyedTable.RowSelected`) |
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kamtui.text.i18n import N_
from kamtui.tui.safe import Cell


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    width: int
    right: bool = False


class KeyedTable(ScrollView, can_focus=True):
    """See the module docstring."""

    COMPONENT_CLASSES = {
        "keyed-table--header",
        "keyed-table--cursor",
        "keyed-table--odd",
    }
    DEFAULT_CSS = """
    KeyedTable {
        background: $surface;
        height: 1fr;
    }
    KeyedTable > .keyed-table--header {
        text-style: bold;
        background: $panel;
        color: $foreground;
    }
    KeyedTable > .keyed-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    KeyedTable:focus > .keyed-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    KeyedTable > .keyed-table--odd {
        background: $surface-lighten-1;
    }
    """
    BINDINGS = [
        Binding("up,k", "cursor(-1)", N_("Up"), show=False, id="table.up"),
        Binding("down,j", "cursor(1)", N_("Down"), show=False, id="table.down"),
        Binding("pageup", "page(-1)", N_("Page up"), show=False, id="table.page-up"),
        Binding("pagedown", "page(1)", N_("Page down"), show=False, id="table.page-down"),
        Binding("home", "edge(0)", N_("First"), show=False, id="table.first"),
        Binding("end", "edge(1)", N_("Last"), show=False, id="table.last"),
        Binding("enter", "select", N_("Open"), show=False, id="table.open"),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True, repaint=False)

    class RowHighlighted(Message):
        def __init__(self, table: KeyedTable, key: str | None) -> None:
            super().__init__()
            self.table, self.key = table, key

        @property
        def control(self) -> KeyedTable:
            return self.table

    class RowSelected(Message):
        def __init__(self, table: KeyedTable, key: str) -> None:
            super().__init__()
            self.table, self.key = table, key

        @property
        def control(self) -> KeyedTable:
            return self.table

    def __init__(self, columns: Sequence[ColumnSpec], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.columns = tuple(columns)
        self._col_index = {c.key: i for i, c in enumerate(self.columns)}
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._cells: dict[str, list[Cell]] = {}
        self._version: dict[str, int] = {}
        self._strips: dict[tuple[str, int, str], Strip] = {}
        self._styles: dict[str, Style] = {}
        self._rich_base: Style | None = None
        self._width = sum(c.width + 2 for c in self.columns)
        self.on_cursor: Callable[[], None] | None = None
        """Called as soon as the cursor moved, before the repaint: what a screen shows of the
        highlighted row (a detail line) is painted with the move. A RowHighlighted message is
        handled after that repaint, the line a frame (some 20-30 ms) later."""

    # -- data ------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._keys)

    def row_ids(self) -> list[str]:
        """Row keys in display order."""
        return list(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def get_cell(self, key: str, column: str) -> Cell:
        return self.cells_for(key)[self._col_index[column]]

    def get_row(self, key: str) -> list[Cell]:
        return list(self.cells_for(key))

    def cells_for(self, key: str) -> Sequence[Cell]:
        """The cells of row *key* (a subclass may build them on demand)."""
        return self._cells[key]

    def set_keys(self, keys: Sequence[str]) -> None:
        """Show exactly these row keys, in this order (for subclasses that make cells on
        demand); the cursor goes to the first row."""
        self._keys = list(keys)
        self._index = {k: i for i, k in enumerate(self._keys)}
        self._strips.clear()
        self._resized()
        self.scroll_to(y=0, animate=False, immediate=True)
        self._move(0)

    def add_row(self, key: str, cells: Sequence[Cell]) -> None:
        if key in self._index:
            raise KeyError(f"duplicate row key {key!r}")
        self._index[key] = len(self._keys)
        self._keys.append(key)
        self._cells[key] = list(cells)
        self._version[key] = self._version.get(key, 0) + 1
        self._resized()

    def add_rows(self, rows: Iterable[tuple[str, Sequence[Cell] | None]]) -> None:
        """Append rows; cells ``None``: a subclass's :meth:`cells_for` makes them when the row
        is first shown or asked for (thousands of rows, a screenful seen)."""
        for key, cells in rows:
            self._index[key] = len(self._keys)
            self._keys.append(key)
            if cells is not None:
                self._cells[key] = list(cells)
            self._version[key] = self._version.get(key, 0) + 1
        self._resized()

    def update_cell(self, key: str, column: str, cell: Cell) -> None:
        self._cells[key][self._col_index[column]] = cell
        self._version[key] += 1
        self.refresh_row(key)

    def remove_row(self, key: str) -> None:
        selected = self.selected_key
        i = self._index.pop(key)
        del self._keys[i]
        self._cells.pop(key, None)  # never made if the row was never shown
        for j in range(i, len(self._keys)):
            self._index[self._keys[j]] = j
        self._resized()
        self._keep_cursor_on(selected if selected != key else None, fallback=i)

    def clear(self) -> None:
        self._keys.clear()
        self._index.clear()
        self._cells.clear()
        self._strips.clear()
        self._resized()
        self.cursor_row = 0

    def reorder(self, keys: Sequence[str]) -> None:
        """Show the rows in the order of *keys* (the same set of keys); the cursor follows
        its row."""
        selected = self.selected_key
        if list(keys) == self._keys:
            return
        if set(keys) != self._index.keys():
            raise ValueError("reorder needs exactly the keys of the table")
        self._keys = list(keys)
        self._index = {k: i for i, k in enumerate(self._keys)}
        self.refresh()
        self._keep_cursor_on(selected, fallback=0)

    # -- cursor ----------------------------------------------------------------------------

    @property
    def selected_key(self) -> str | None:
        if not self._keys:
            return None
        return self._keys[min(self.cursor_row, len(self._keys) - 1)]

    def select_key(self, key: str, *, scroll: bool = True) -> None:
        if key in self._index:
            self._move(self._index[key], scroll=scroll)

    def _keep_cursor_on(self, key: str | None, fallback: int) -> None:
        if key is not None and key in self._index:
            self._move(self._index[key], scroll=False, quiet=True)
        elif self._keys:
            self._move(min(fallback, len(self._keys) - 1), scroll=False)

    def _move(self, row: int, *, scroll: bool = True, quiet: bool = False) -> None:
        row = max(0, min(row, len(self._keys) - 1)) if self._keys else 0
        old = self.cursor_row
        changed_key = self.selected_key
        self.set_reactive(KeyedTable.cursor_row, row)
        if scroll:
            self._scroll_to_cursor()
        self._refresh_index(old)
        self._refresh_index(row)
        if not quiet or self.selected_key != changed_key:
            self.post_message(self.RowHighlighted(self, self.selected_key))
        if self.on_cursor is not None:
            self.on_cursor()

    def watch_cursor_row(self, row: int) -> None:  # assignments from outside
        self._move(row)

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self._move(self.cursor_row + delta)

    def action_page(self, direction: int) -> None:
        page = max(1, self.scrollable_content_region.height - 2)
        self._move(self.cursor_row + direction * page)

    def action_edge(self, end: int) -> None:
        self._move(len(self._keys) - 1 if end else 0)

    def action_select(self) -> None:
        key = self.selected_key
        if key is not None:
            self.post_message(self.RowSelected(self, key))

    async def _on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        row = round(self.scroll_y) + event.y - 1
        if 0 <= row < len(self._keys):
            if row == self.cursor_row and event.chain >= 2:
                self.action_select()
            self._move(row, scroll=False)

    # -- rendering -------------------------------------------------------------------------

    def _resized(self) -> None:
        self.virtual_size = Size(self._width, len(self._keys) + 1)
        self.refresh()

    def refresh_row(self, key: str) -> None:
        i = self._index.get(key)
        if i is not None:
            self._refresh_index(i)

    def _refresh_index(self, i: int) -> None:
        y = i - round(self.scroll_y) + 1
        if 0 < y < self.size.height:
            self.refresh_line(y)

    def _style(self, spec: str) -> Style:
        style = self._styles.get(spec)
        if style is None:
            style = self._styles[spec] = Style.parse(spec) if spec else Style()
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._rich_base = None

    @property
    def _base_style(self) -> Style:
        """``rich_style``, kept until the styles change (as the rows made with it are): it
        walks the styles of every ancestor, and was asked for twice per line painted."""
        style = self._rich_base
        if style is None:
            style = self._rich_base = self.rich_style
        return style

    def _fit(self, text: str, width: int, right: bool) -> str:
        if cell_len(text) > width:
            return set_cell_size(text, width - 1) + "…" if width > 1 else text[:width]
        pad = width - cell_len(text)
        return " " * pad + text if right else text + " " * pad

    def _row_strip(self, segments: list[Segment]) -> Strip:
        return Strip(segments, self._width)

    def _header(self) -> Strip:
        base = self.get_component_rich_style("keyed-table--header")
        segs = [
            Segment(" " + self._fit(c.label, c.width, c.right) + " ", base) for c in self.columns
        ]
        return self._row_strip(segs)

    def _render_row(self, index: int) -> Strip:
        key = self._keys[index]
        kind = "cursor" if index == self.cursor_row else ("odd" if index % 2 else "even")
        cache_key = (key, self._version.get(key, 0), kind)
        strip = self._strips.get(cache_key)
        if strip is not None:
            return strip
        base = self._base_style
        if kind == "cursor":
            base = base + self.get_component_rich_style("keyed-table--cursor")
        elif kind == "odd":
            base = base + self.get_component_rich_style("keyed-table--odd")
        segs = []
        for col, cell in zip(self.columns, self.cells_for(key), strict=False):
            style = base + self._style(str(cell.style)) if cell.style else base
            if kind == "cursor":
                style = base + Style(bold=self._style(str(cell.style)).bold)
            segs.append(Segment(" " + self._fit(cell.plain, col.width, col.right) + " ", style))
        strip = self._row_strip(segs)
        if len(self._strips) > 4096:
            self._strips.clear()
        self._strips[cache_key] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        x = round(self.scroll_x)
        if y == 0:
            strip = self._header()
        else:
            index = round(self.scroll_y) + y - 1
            if index >= len(self._keys):
                return Strip.blank(width, self._base_style)
            strip = self._render_row(index)
        return strip.crop_extend(x, x + width, self._base_style)
